"""Organization: a person or a group of people with its own functions and responsibilities.

Provider, consumer and supplier are roles an organization plays in relationships, not kinds:
one organization consumes its suppliers' services and provides to its customers.
"""

from django.core.exceptions import ValidationError
from django.db import models

from accord.core.models import NamedModel
from accord.parties.choices import OrganizationKind


class Organization(NamedModel):
    """A legal entity, business unit, team or individual consumer; units may have a parent."""

    kind = models.CharField(
        verbose_name='kind',
        max_length=20,
        choices=OrganizationKind.choices,
        default=OrganizationKind.LEGAL_ENTITY,
    )
    parent = models.ForeignKey(
        verbose_name='parent',
        to='self',
        on_delete=models.PROTECT,
        related_name='units',
        null=True,
        blank=True,
    )
    external = models.BooleanField(
        verbose_name='external',
        default=False,
        help_text='Its internals are not managed here (typical for a supplier).',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'organization'
        verbose_name_plural = 'organizations'

    def clean(self) -> None:
        super().clean()
        self._check_parent_chain()

    def _check_parent_chain(self) -> None:
        """An organization cannot be its own ancestor."""
        seen = {self.pk} if self.pk else set()
        parent = self.parent
        while parent is not None:
            if parent.pk in seen or parent is self:
                raise ValidationError({'parent': f'{parent.name} would make the parent chain a cycle'})
            seen.add(parent.pk)
            parent = parent.parent
