"""Consumption records: the usage events and the measured period facts that charges are computed from."""

import functools

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from accord.catalog import pricing
from accord.core.models import NamedModel
from accord.core.models.base import name_validator, related
from accord.core.suggestions import did_you_mean, misspellings
from accord.provision.models.terms import covers, not_covered
from accord.relationships.periods import validate_period


class ConsumptionEvent(NamedModel):
    """A usage fact of a subscription at an instant: a withdrawal at a foreign ATM, a night stayed, a deposit."""

    subscription = models.ForeignKey(
        verbose_name='subscription',
        to='relationships.Subscription',
        on_delete=models.PROTECT,
        related_name='consumption_events',
    )
    event = models.CharField(
        verbose_name='event',
        max_length=100,
        validators=[name_validator],
        help_text='The event type: one a usage charge names, or a fact such as direct-deposit.',
    )
    at = models.DateTimeField(
        verbose_name='at',
    )
    quantity = models.PositiveIntegerField(
        verbose_name='quantity',
        default=1,
        validators=[MinValueValidator(1)],
    )
    attributes = models.JSONField(
        verbose_name='attributes',
        default=dict,
        blank=True,
        help_text='A map of strings to strings, such as the amount of a deposit.',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'consumption event'
        verbose_name_plural = 'consumption events'
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1),
                name='consumptionevent_quantity_positive',
                violation_error_message='an event counts at least one unit',
            ),
        ]
        indexes = [
            models.Index(fields=['subscription', 'at'], name='consumption_subscription_at'),
            models.Index(fields=['at', 'subscription'], name='consumption_at_subscription'),
        ]

    def clean(self) -> None:
        subscription = related(self, 'subscription')
        errors = {}
        if subscription and self.at and not covers(subscription, self.at):
            errors['at'] = [not_covered(subscription, self.at)]
        if subscription and self.event and (slip := misspelt_event(self.event, subscription.offering)):
            errors['event'] = [slip]
        if not isinstance(self.attributes, dict) or not all(
                isinstance(key, str) and isinstance(value, str) for key, value in self.attributes.items()):
            errors['attributes'] = ['attributes are a map of strings to strings']
        if errors:
            raise ValidationError(errors)


def misspelt_event(event: str, offering) -> str:
    """Why ``event`` reads as a slip of an event type the offering's price plan reads ('' when it does not).

    A type the plan reads is counted; a type it does not read is kept as recorded (an own-ATM withdrawal no
    plan charges); but one a letter or two from a type it reads (``foriegn-atm-withdrawal``) would silently
    go uncharged, so it is refused with the type meant. ``offering.usage_charges`` may be prefetched.
    """
    read = event_types_read(offering)
    if event in read:
        return ''
    slips = _slips(event, frozenset(read))
    return f'{offering.name} reads no event type {event}{did_you_mean(event, slips)}' if slips else ''


@functools.lru_cache(maxsize=256)
def _slips(event: str, read: frozenset[str]) -> tuple[str, ...]:
    """``misspellings``, remembered: a year's file repeats a few (event, price plan) pairs millions of times, and
    the edit distances cost far more than the rest of an event's checks."""
    return tuple(misspellings(event, read))


def event_types_read(offering) -> set[str]:
    """The event types the offering's price plan reads: its usage charges' and the facts of its waivers (an
    ``E-total`` fact sums the amounts of events ``E``)."""
    facts = set(pricing.fact_comparisons(offering.waivers))
    return {u.event for u in offering.usage_charges.all()} | facts | {f.removesuffix('-total') for f in facts}


class PeriodFact(NamedModel):
    """A fact measured for a subscription over a month, such as its average balance."""

    subscription = models.ForeignKey(
        verbose_name='subscription',
        to='relationships.Subscription',
        on_delete=models.PROTECT,
        related_name='period_facts',
    )
    period = models.CharField(
        verbose_name='period',
        max_length=7,
        validators=[validate_period],
        help_text='YYYY-MM',
    )
    fact = models.CharField(
        verbose_name='fact',
        max_length=100,
        validators=[name_validator],
        help_text='The name a waiver condition uses, such as average-balance.',
    )
    value = models.DecimalField(
        verbose_name='value',
        max_digits=20,
        decimal_places=4,
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'period fact'
        verbose_name_plural = 'period facts'
        constraints = [
            models.UniqueConstraint(
                fields=['subscription', 'period', 'fact'],
                name='periodfact_unique_fact',
                violation_error_message='the subscription has this fact for the period already',
            ),
        ]
        indexes = [models.Index(fields=['period', 'subscription'], name='periodfact_period_subscription')]
