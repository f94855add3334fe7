"""Every write of a resource's owned parts, in ITIL's words; atomic, audited, nestable."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from accord.core.parts import PartRefused, listed_twice, sync_parts, touch_owner
from accord.core.services import Actor, atomic, keep_related_rows
from accord.parties.models import Organization
from accord.resources.models import (
    Item,
    Resource,
    ResourceDependency,
    check_no_dependency_cycle,
    dependency_cycle,
)


@dataclass(frozen=True)
class ItemSpec:
    """An individual item of a resource; its owner is the resource's controller unless another is given."""

    name: str
    title: str = ''
    owner: Organization | None = None


def any_item(name: str) -> Item | None:
    """The stored item of that name, whichever resource holds it: a resource's items may move to another."""
    return Item.objects.filter(name=name).first()


@atomic
def set_items(resource: Resource, items: Sequence[ItemSpec], *, actor: Actor, save_owner: bool = True,
              find_item: Callable[[str], Item | None] = any_item) -> list[Item]:
    """Make the resource's items these, kept by name; an item another resource holds moves here.

    ``find_item`` finds an item by name among those the writer may move (the API's: those its user sees).
    """
    return sync_parts(
        {item.name: item for item in resource.items.all()},
        [(i.name, {'resource': resource, 'title': i.title, 'owner': i.owner or resource.organization})
         for i in items],
        lambda name: find_item(name) or Item(name=name),
        actor=actor, where=('items',), duplicate=('name', lambda name: listed_twice(f'item {name}')),
        owner=resource if save_owner else None)


@atomic
def set_dependencies(resource: Resource, depends_on: Sequence[Resource], *, actor: Actor, check_cycles: bool = True,
                     save_owner: bool = True) -> None:
    """Make the resources ``resource`` depends on these (a resource named twice counts once); each edge created
    or removed is logged, and an edge kept stays as it was.

    R18, no cycle, needs the whole stored graph. ``check_cycles=False`` leaves it to a writer of many resources
    at once, which checks the graph once they are all written (``accord apply``): one check per resource would
    read the graph once each. A new resource's edges in an all-or-nothing batch are inserted with the batch's
    others (``keep_related_rows``).
    """
    targets: dict[int, Resource] = {}
    for index, other in enumerate(depends_on):
        if other.pk == resource.pk:
            raise PartRefused(('depends_on', index), ValidationError(dependency_cycle([resource.name] * 2)))
        targets.setdefault(other.pk, other)
    if check_cycles:
        try:
            check_no_dependency_cycle([(resource.pk, pk) for pk in targets])
        except ValidationError as error:
            raise PartRefused(('depends_on',), ValidationError(error.messages)) from None
    if not keep_related_rows(resource, 'depends_on', targets.values(), actor=actor):
        sync_parts({edge.depends_on_id: edge for edge in resource.dependency_edges.all()},
                   [(pk, {'depends_on': other}) for pk, other in targets.items()],
                   lambda _pk: ResourceDependency(resource=resource), actor=actor, where=('depends_on',))
    if save_owner:
        touch_owner(resource, actor=actor)
