"""Person: an individual who is a member of one or more organizations.

Persons hold consumer roles (customer, user, sponsor), own services and staff practices.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from accord.core.known import holds
from accord.core.models import NamedModel


class Person(NamedModel):
    """An individual, member of at least one organization."""

    email = models.EmailField(
        verbose_name='email',
        blank=True,
    )
    member_of = models.ManyToManyField(
        verbose_name='member of',
        to='parties.Organization',
        related_name='members',
    )
    user = models.OneToOneField(
        verbose_name='user account',
        to=settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name='person',
        null=True,
        blank=True,
        help_text='The login of this person, when they use Accord themselves.',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'person'
        verbose_name_plural = 'persons'

    def clean_relations(self) -> None:
        """A person is a member of at least one organization."""
        if not self.member_of.exists():
            raise ValidationError({'member_of': 'a person is a member of at least one organization'})

    def is_member_of(self, organization) -> bool:
        return holds(self.member_of, pk=organization.pk)
