"""Access grant: a person or organization may use a resource or item for a time; ownership never moves.

A grant lies within its subscription's term; one without an end lasts until its subscription ends. The provider
may revoke it at any time after it starts, with a reason. An access element convertible to a good lets the
consumer keep the item: the conversion is an ownership transfer and a charge at the element's price.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models

from accord.catalog.choices import ElementKind
from accord.core.models import NamedModel
from accord.core.models.base import related
from accord.provision.models.terms import (
    element_errors,
    element_resource_ids,
    ordering_errors,
    term_end,
    term_start,
)

# What happens after a grant starts, with the message of the constraint that keeps it so, per field.
ORDERED_AFTER_START = {
    'valid_to': 'a grant ends after it starts',
    'revoked_at': 'a grant cannot be revoked before it starts',
    'converted_at': 'an item is converted to a good after its grant starts',
}


class AccessGrant(NamedModel):
    """A grantee's access to the resources of an access element (or one item), from valid_from to valid_to."""

    subscription = models.ForeignKey(
        verbose_name='subscription',
        to='relationships.Subscription',
        on_delete=models.PROTECT,
        related_name='access_grants',
    )
    element = models.ForeignKey(
        verbose_name='element',
        to='catalog.OfferingElement',
        on_delete=models.PROTECT,
        related_name='access_grants',
        help_text="An access element of the subscription's offering.",
    )
    grantee_person = models.ForeignKey(
        verbose_name='grantee (person)',
        to='parties.Person',
        on_delete=models.PROTECT,
        related_name='access_grants',
        null=True,
        blank=True,
    )
    grantee_organization = models.ForeignKey(
        verbose_name='grantee (organization)',
        to='parties.Organization',
        on_delete=models.PROTECT,
        related_name='access_grants',
        null=True,
        blank=True,
    )
    item = models.ForeignKey(
        verbose_name='item',
        to='resources.Item',
        on_delete=models.PROTECT,
        related_name='access_grants',
        null=True,
        blank=True,
        help_text="One item; without it the grant covers the element's component, else its product's components.",
    )
    valid_from = models.DateTimeField(
        verbose_name='valid from',
    )
    valid_to = models.DateTimeField(
        verbose_name='valid to',
        null=True,
        blank=True,
        help_text='Empty: until the subscription ends.',
    )
    revoked_at = models.DateTimeField(
        verbose_name='revoked at',
        null=True,
        blank=True,
    )
    revoke_reason = models.TextField(
        verbose_name='revoke reason',
        blank=True,
    )
    converted_at = models.DateTimeField(
        verbose_name='converted at',
        null=True,
        blank=True,
        help_text='When the consumer kept the item as a good.',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'access grant'
        verbose_name_plural = 'access grants'
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grantee_person__isnull=False, grantee_organization__isnull=True)
                | models.Q(grantee_person__isnull=True, grantee_organization__isnull=False),
                name='accessgrant_one_grantee',
                violation_error_message='a grant names one grantee: a person or an organization',
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F('valid_from')),
                name='accessgrant_ordered_validity',
                violation_error_message='a grant ends after it starts',
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | models.Q(revoked_at__gte=models.F('valid_from')),
                name='accessgrant_revoked_after_start',
                violation_error_message='a grant cannot be revoked before it starts',
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True, revoke_reason='')
                | (models.Q(revoked_at__isnull=False) & ~models.Q(revoke_reason='')),
                name='accessgrant_revocation_has_reason',
                violation_error_message='a revocation has an instant and a reason',
            ),
            models.CheckConstraint(
                condition=models.Q(converted_at__isnull=True) | models.Q(converted_at__gte=models.F('valid_from')),
                name='accessgrant_converted_after_start',
                violation_error_message='an item is converted to a good after its grant starts',
            ),
        ]
        indexes = [
            models.Index(fields=['subscription', 'valid_from'], name='accessgrant_subscription_from'),
            models.Index(fields=['item', 'valid_from'], name='accessgrant_item_from'),
        ]

    @property
    def grantee(self):
        return self.grantee_person or self.grantee_organization

    def ends_at(self) -> datetime.datetime | None:
        """When access ends: the earliest of its end, its revocation, its conversion and its subscription's end."""
        ends = [end for end in (self.valid_to, self.revoked_at, self.converted_at, term_end(self.subscription))
                if end is not None]
        return min(ends) if ends else None

    def clean(self) -> None:
        subscription, element = related(self, 'subscription'), related(self, 'element')
        if subscription is None:
            return
        errors = self._term_errors(subscription)
        if element:
            if problems := element_errors(subscription, element, ElementKind.ACCESS):
                errors['element'] = problems
            elif self.item_id and self.item.resource_id not in element_resource_ids(element):
                errors['item'] = [f'{self.item.name} is an item of {self.item.resource.name}, which the element '
                                  f'{element.name} does not cover']
            elif self.converted_at and element.conversion_price is None:
                errors['converted_at'] = [f'{element.name} is not convertible to a good']
            elif self.converted_at and not self.item_id:
                errors['converted_at'] = ['only a grant of one item can be converted to a good']
            elif self.converted_at and self.item.owner_id != subscription.relationship.consumer_id:
                errors['converted_at'] = [f'{self.item.name} was kept by the consumer, who owns it since: '
                                          f'{self.item.resource.name} must name '
                                          f'{subscription.relationship.consumer.name} as its owner']
        errors.update(self._grantee_errors(subscription.relationship))
        if errors:
            raise ValidationError(errors)

    def _term_errors(self, subscription) -> dict[str, list[str]]:
        """The grant lies inside its subscription's term (a grant without an end lasts until the term ends)."""
        start, end = term_start(subscription), term_end(subscription)
        errors = ordering_errors(self, 'valid_from', ORDERED_AFTER_START)
        if self.valid_from and (self.valid_from < start or (end and self.valid_from >= end)):
            errors['valid_from'] = [f'the grant starts outside the term of {subscription.name}, which runs from '
                                    f'{start.isoformat()}' + (f' to {end.isoformat()}' if end else '')]
        if self.valid_to and end and self.valid_to > end:
            errors['valid_to'] = [f'the grant ends after {subscription.name} ends at {end.isoformat()}']
        return errors

    def _grantee_errors(self, relationship) -> dict[str, list[str]]:
        """The grantee is the consumer or one of its members."""
        consumer = relationship.consumer
        if self.grantee_person_id and not self.grantee_person.is_member_of(consumer):
            return {'grantee_person': [f'{self.grantee_person.name} is not a member of the consumer {consumer.name}']}
        if self.grantee_organization_id and self.grantee_organization_id != consumer.pk:
            return {'grantee_organization': [f'{self.grantee_organization.name} is not the consumer {consumer.name}']}
        return {}
