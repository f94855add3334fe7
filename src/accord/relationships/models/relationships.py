"""Service relationship: a cooperation between a service provider and a service consumer.

Provider and consumer are roles, not kinds: one organization is consumer of its suppliers and
provider to its customers. A relationship carries the consumer roles (customer, user, sponsor),
its subscriptions, agreements, reviews and feedback, and covers service provision, service
consumption and service relationship management.
"""

from django.core.exceptions import ValidationError
from django.db import models

from accord.core.models import ChangeLoggedModel, NamedModel
from accord.core.models.base import related
from accord.relationships.choices import (
    RELATIONSHIP_TRANSITIONS,
    ConsumerRoleKind,
    RelationshipStatus,
    RelationshipType,
)


class ServiceRelationship(NamedModel):
    """A provider and a consumer organization cooperating (R10 to R13)."""

    provider = models.ForeignKey(
        verbose_name='provider',
        to='parties.Organization',
        on_delete=models.PROTECT,
        related_name='provider_relationships',
    )
    consumer = models.ForeignKey(
        verbose_name='consumer',
        to='parties.Organization',
        on_delete=models.PROTECT,
        related_name='consumer_relationships',
    )
    type = models.CharField(
        verbose_name='type',
        max_length=15,
        choices=RelationshipType.choices,
        default=RelationshipType.BASIC,
    )
    status = models.CharField(
        verbose_name='status',
        max_length=15,
        choices=RelationshipStatus.choices,
        default=RelationshipStatus.ACTIVE,
    )
    manager = models.ForeignKey(
        verbose_name='relationship manager',
        to='parties.Person',
        on_delete=models.PROTECT,
        related_name='managed_relationships',
        null=True,
        blank=True,
        help_text='The provider-side person who manages the relationship; required for a partnership (R13).',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'service relationship'
        verbose_name_plural = 'service relationships'
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(provider=models.F('consumer')),
                name='servicerelationship_two_parties',
                violation_error_message='a relationship needs two different organizations (R10)',
            ),
            models.UniqueConstraint(
                fields=['provider', 'consumer'],
                condition=~models.Q(status=RelationshipStatus.TERMINATED),
                name='servicerelationship_one_open_per_pair',
                violation_error_message=(
                    'this provider and consumer have a relationship that is not terminated already (R10)'
                ),
            ),
        ]

    def clean(self) -> None:
        errors = {}
        if self.provider_id and self.provider_id == self.consumer_id:
            errors['consumer'] = ['a relationship needs two different organizations (R10)']
        elif self.provider_id and self.consumer_id and self.status != RelationshipStatus.TERMINATED:
            other = self._other_open_relationship()
            if other is not None:
                errors['consumer'] = [f'{self.provider.name} and {self.consumer.name} have a relationship that is '
                                      f'not terminated already: {other} (R10)']
        transition_error = self._transition_error()
        if transition_error:
            errors['status'] = [transition_error]
        if self.type == RelationshipType.PARTNERSHIP and not self.manager_id:
            errors['manager'] = ['a partnership names a relationship manager on the provider side (R13)']
        if self.manager_id and self.provider_id and not self.manager.is_member_of(self.provider):
            errors['manager'] = [f'{self.manager.name} is not a member of the provider {self.provider.name}']
        if errors:
            raise ValidationError(errors)

    def _other_open_relationship(self) -> str | None:
        others = ServiceRelationship.objects.filter(provider_id=self.provider_id, consumer_id=self.consumer_id)
        return others.exclude(pk=self.pk).exclude(status=RelationshipStatus.TERMINATED).values_list(
            'name', flat=True).first()

    def _transition_error(self) -> str | None:
        """A stored relationship changes status only along the declared lifecycle."""
        if self._state.adding:
            return None
        stored = ServiceRelationship.objects.filter(pk=self.pk).values_list('status', flat=True).first()
        if stored is None or stored == self.status or self.status in RELATIONSHIP_TRANSITIONS[stored]:
            return None
        allowed = ', '.join(sorted(RELATIONSHIP_TRANSITIONS[stored])) or 'none'
        return f'a {stored} relationship cannot become {self.status} (allowed: {allowed})'

    @property
    def is_open(self) -> bool:
        return self.status != RelationshipStatus.TERMINATED


class ConsumerRole(ChangeLoggedModel):
    """A person of the consumer organization acting as customer, user or sponsor in a relationship."""

    relationship = models.ForeignKey(
        verbose_name='relationship',
        to='relationships.ServiceRelationship',
        on_delete=models.CASCADE,
        related_name='roles',
    )
    person = models.ForeignKey(
        verbose_name='person',
        to='parties.Person',
        on_delete=models.PROTECT,
        related_name='consumer_roles',
    )
    role = models.CharField(
        verbose_name='role',
        max_length=10,
        choices=ConsumerRoleKind.choices,
    )

    class Meta:
        verbose_name = 'consumer role'
        verbose_name_plural = 'consumer roles'
        ordering = ['relationship', 'person', 'role']
        constraints = [
            models.UniqueConstraint(
                fields=['relationship', 'person', 'role'],
                name='consumerrole_unique',
                violation_error_message='the person holds this role in the relationship already',
            ),
        ]

    def __str__(self) -> str:
        return f'{self.person.name} as {self.role} in {self.relationship.name}'

    def clean(self) -> None:
        """R12: a person with a consumer role is a member of the consumer organization."""
        relationship = related(self, 'relationship')
        if relationship and self.person_id and not self.person.is_member_of(relationship.consumer):
            raise ValidationError(
                {'person': f'{self.person.name} is not a member of the consumer {relationship.consumer.name} (R12)'}
            )
