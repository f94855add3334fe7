"""Subscription: the agreed use of one offering within a relationship, for one of its target groups.

A subscription to a supplier's offering realizes a supplied-service resource of the consumer:
this is how supply chains link up, and how a supplier's failure reaches the consumers downstream.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from accord.catalog.choices import Lifecycle
from accord.core.models import NamedModel
from accord.relationships.choices import SubscriptionStatus
from accord.resources.choices import Dimension, ResourceKind


class Subscription(NamedModel):
    """One offering used by the consumer of a relationship, from a start day to an optional end day."""

    relationship = models.ForeignKey(
        verbose_name='relationship',
        to='relationships.ServiceRelationship',
        on_delete=models.PROTECT,
        related_name='subscriptions',
    )
    offering = models.ForeignKey(
        verbose_name='offering',
        to='catalog.ServiceOffering',
        on_delete=models.PROTECT,
        related_name='subscriptions',
    )
    group = models.ForeignKey(
        verbose_name='consumer group',
        to='parties.ConsumerGroup',
        on_delete=models.PROTECT,
        related_name='subscriptions',
        null=True,
        blank=True,
    )
    start = models.DateField(
        verbose_name='start',
    )
    end = models.DateField(
        verbose_name='end',
        null=True,
        blank=True,
        help_text='Last day (inclusive); empty means open-ended.',
    )
    quantity = models.PositiveIntegerField(
        verbose_name='quantity',
        default=1,
        validators=[MinValueValidator(1)],
        help_text="Users, nights or units, as the offering's fee counts them.",
    )
    status = models.CharField(
        verbose_name='status',
        max_length=10,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.ACTIVE,
    )
    realizes = models.ForeignKey(
        verbose_name='realizes',
        to='resources.Resource',
        on_delete=models.PROTECT,
        related_name='realized_by',
        null=True,
        blank=True,
        help_text="The consumer's supplied-service resource this subscription provides: the supply-chain link.",
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'subscription'
        verbose_name_plural = 'subscriptions'
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F('start')),
                name='subscription_ordered_dates',
                violation_error_message='the subscription ends before it starts',
            ),
        ]
        indexes = [models.Index(fields=['offering', 'status'], name='subscription_offering_status')]

    def clean(self) -> None:
        errors = {}
        if self.relationship_id and self.offering_id:
            errors.update(self._check_offering())
        if self.realizes_id and self.relationship_id:
            errors.update(self._check_realizes())
        if errors:
            raise ValidationError(errors)

    def _check_offering(self) -> dict[str, list[str]]:
        """R14: the provider's offering, live when the subscription starts, for one of its target groups."""
        errors = {}
        offering, relationship = self.offering, self.relationship
        if offering.provider_id != relationship.provider_id:
            errors['offering'] = [f'{offering.name} is an offering of {offering.provider.name}, '
                                  f'not of the provider {relationship.provider.name} (R14)']
        elif self._starts_now() and offering.lifecycle != Lifecycle.LIVE:
            errors['offering'] = [f'{offering.name} is {offering.lifecycle}, not live (R14)']
        groups = {g.pk: g.name for g in offering.target_groups.all()}
        if groups and self.group_id is None:
            errors['group'] = [f'required: {offering.name} targets {", ".join(sorted(groups.values()))}']
        elif groups and self.group_id not in groups:
            errors['group'] = [f'{self.group.name} is not a target group of {offering.name} (R14)']
        elif not groups and self.group_id is not None:
            errors['group'] = [f'{offering.name} has no target groups']
        return errors

    def _starts_now(self) -> bool:
        """Liveness is checked when a subscription is made or moved to another offering or start, not later."""
        if self._state.adding:
            return True
        stored = Subscription.objects.filter(pk=self.pk).values('offering_id', 'start').first()
        return stored != {'offering_id': self.offering_id, 'start': self.start}

    def _check_realizes(self) -> dict[str, list[str]]:
        resource, consumer = self.realizes, self.relationship.consumer
        if resource.organization_id != consumer.pk:
            return {'realizes': [f'{resource.name} is a resource of {resource.organization.name}, '
                                 f'not of the consumer {consumer.name}']}
        if resource.kind != ResourceKind.SUPPLIED_SERVICE or resource.dimension != Dimension.PARTNERS_AND_SUPPLIERS:
            return {'realizes': [f'{resource.name} is not a supplied-service resource of the partners-and-suppliers '
                                 'dimension']}
        return {}

    def is_active_on(self, day: datetime.date) -> bool:
        return (self.status == SubscriptionStatus.ACTIVE and self.start <= day
                and (self.end is None or day <= self.end))


def active_on(day: datetime.date) -> models.Q:
    """Subscriptions active on ``day``: status active and the day within start..end."""
    return (models.Q(status=SubscriptionStatus.ACTIVE, start__lte=day)
            & (models.Q(end__isnull=True) | models.Q(end__gte=day)))
