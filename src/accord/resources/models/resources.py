"""Resource: anything an organization controls and uses to create value.

Each resource belongs to exactly one of the four dimensions and may depend on other resources:
if B fails, everything that depends on B fails. Dependencies form no cycle (R18).
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from accord.core.models import ChangeLoggedModel, NamedModel
from accord.resources.choices import Dimension, ResourceKind


class Resource(NamedModel):
    """A resource of one dimension and kind, controlled by one organization."""

    organization = models.ForeignKey(
        verbose_name='organization',
        to='parties.Organization',
        on_delete=models.PROTECT,
        related_name='resources',
        help_text='The organization that controls the resource.',
    )
    dimension = models.CharField(
        verbose_name='dimension',
        max_length=30,
        choices=Dimension.choices,
    )
    kind = models.CharField(
        verbose_name='kind',
        max_length=20,
        choices=ResourceKind.choices,
    )
    capacity_amount = models.DecimalField(
        verbose_name='capacity',
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    capacity_unit = models.CharField(
        verbose_name='capacity unit',
        max_length=50,
        blank=True,
    )
    depends_on = models.ManyToManyField(
        verbose_name='depends on',
        to='self',
        symmetrical=False,
        through='resources.ResourceDependency',
        related_name='dependents',
        blank=True,
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'resource'
        verbose_name_plural = 'resources'
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity_amount__isnull=True) | ~models.Q(capacity_unit=''),
                name='resource_capacity_has_unit',
                violation_error_message='a capacity needs a unit',
            ),
        ]


class ResourceDependency(ChangeLoggedModel):
    """The edge "resource depends on another resource".

    R18 (no cycle) is not checked edge by edge here: it needs the whole stored graph, read once per write by
    ``resources.services.set_dependencies`` and the admin's forms, once per run by ``accord apply``.
    """

    resource = models.ForeignKey(
        verbose_name='resource',
        to='resources.Resource',
        on_delete=models.CASCADE,
        related_name='dependency_edges',
    )
    depends_on = models.ForeignKey(
        verbose_name='depends on',
        to='resources.Resource',
        on_delete=models.PROTECT,
        related_name='dependent_edges',
    )

    class Meta:
        verbose_name = 'resource dependency'
        verbose_name_plural = 'resource dependencies'
        constraints = [
            models.UniqueConstraint(
                fields=['resource', 'depends_on'],
                name='resourcedependency_unique_edge',
                violation_error_message='this dependency exists already',
            ),
            models.CheckConstraint(
                condition=~models.Q(resource=models.F('depends_on')),
                name='resourcedependency_not_self',
                violation_error_message='a resource cannot depend on itself',
            ),
        ]

    def __str__(self) -> str:
        return f'{self.resource} depends on {self.depends_on}'


def dependency_cycle(names: Iterable[str]) -> str:
    """R18's one message, whichever path finds the cycle: ``dependency cycle: a -> b -> a``."""
    return 'dependency cycle: ' + ' -> '.join(names)


def find_dependency_cycle(edges: Iterable[tuple[int, int]]) -> list[int] | None:
    """Return one cycle (a list of node ids, first repeated last) in ``edges``, or None.

    Iterative depth-first search, so a long dependency chain cannot exhaust the stack.
    """
    graph: dict[int, list[int]] = {}
    for source, target in edges:
        graph.setdefault(source, []).append(target)
    white, grey, black = 0, 1, 2
    colour: dict[int, int] = {}
    for root in graph:
        if colour.get(root, white) != white:
            continue
        path = [root]
        stack = [iter(graph.get(root, ()))]
        colour[root] = grey
        while stack:
            node = next(stack[-1], None)
            if node is None:
                colour[path.pop()] = black
                stack.pop()
                continue
            state = colour.get(node, white)
            if state == grey:
                return path[path.index(node):] + [node]
            if state == white:
                colour[node] = grey
                path.append(node)
                stack.append(iter(graph.get(node, ())))
    return None


def check_no_dependency_cycle(new_edges: Iterable[tuple[int, int]]) -> None:
    """Raise if adding ``new_edges`` (resource id, depends-on id) to the stored graph closes a cycle (R18)."""
    new_edges = list(new_edges)
    stored = ResourceDependency.objects.values_list('resource_id', 'depends_on_id')
    cycle = find_dependency_cycle([*stored, *new_edges])
    if cycle:
        names = dict(Resource.objects.filter(pk__in=cycle).values_list('pk', 'name'))
        raise ValidationError({'depends_on': dependency_cycle(names.get(pk, str(pk)) for pk in cycle)})
