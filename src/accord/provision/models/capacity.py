"""Capacity slots and reservations: capacity of a resource for a span of time, perishable once the span ends.

A slot takes reservations only before it ends and never beyond its capacity; what is not used then is lost,
at the slot's unit price. A reservation may be made before its subscription starts: guests book ahead.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from accord.catalog import pricing
from accord.catalog.models.offerings import MONEY
from accord.core.models import NamedModel
from accord.core.models.base import related


class CapacitySlot(NamedModel):
    """Units of a resource available from start to end (the night of 10 March: 100 room-nights)."""

    resource = models.ForeignKey(
        verbose_name='resource',
        to='resources.Resource',
        on_delete=models.PROTECT,
        related_name='capacity_slots',
    )
    start = models.DateTimeField(
        verbose_name='start',
    )
    end = models.DateTimeField(
        verbose_name='end',
    )
    capacity = models.PositiveIntegerField(
        verbose_name='capacity',
        validators=[MinValueValidator(1)],
        help_text='Units the slot offers.',
    )
    unit_price = models.DecimalField(
        verbose_name='unit price',
        null=True,
        blank=True,
        help_text='What one unit earns: the revenue lost per unit left unused.',
        **MONEY,
    )
    currency = models.CharField(
        verbose_name='currency',
        max_length=3,
        blank=True,
        help_text='ISO 4217, the currency of the unit price.',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'capacity slot'
        verbose_name_plural = 'capacity slots'
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F('start')),
                name='capacityslot_ordered_times',
                violation_error_message='a slot ends after it starts',
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1),
                name='capacityslot_capacity_positive',
                violation_error_message='a slot offers at least one unit',
            ),
            models.CheckConstraint(
                condition=models.Q(unit_price__isnull=True, currency='')
                | (models.Q(unit_price__isnull=False) & ~models.Q(currency='')),
                name='capacityslot_price_has_currency',
                violation_error_message='a unit price names its currency',
            ),
        ]
        indexes = [models.Index(fields=['resource', 'start'], name='capacityslot_resource_start')]

    def clean(self) -> None:
        if self.currency:
            try:
                pricing.check_currency(self.currency)
                if self.unit_price is not None:
                    pricing.check_money(self.unit_price, self.currency)
            except ValidationError as error:
                raise ValidationError(
                    {'unit_price' if self.unit_price is not None else 'currency': error.messages}) from None

    def reserved_units(self, *, excluding: int | None = None) -> int:
        reservations = self.reservations.exclude(pk=excluding) if excluding else self.reservations.all()
        return reservations.aggregate(total=models.Sum('units'))['total'] or 0


class Reservation(NamedModel):
    """Units of a slot booked for a subscription, at the instant the booking was made."""

    slot = models.ForeignKey(
        verbose_name='slot',
        to='provision.CapacitySlot',
        on_delete=models.PROTECT,
        related_name='reservations',
    )
    subscription = models.ForeignKey(
        verbose_name='subscription',
        to='relationships.Subscription',
        on_delete=models.PROTECT,
        related_name='reservations',
    )
    units = models.PositiveIntegerField(
        verbose_name='units',
        default=1,
        validators=[MinValueValidator(1)],
    )
    at = models.DateTimeField(
        verbose_name='at',
        help_text='When the reservation was made.',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'reservation'
        verbose_name_plural = 'reservations'
        constraints = [
            models.CheckConstraint(
                condition=models.Q(units__gte=1),
                name='reservation_units_positive',
                violation_error_message='a reservation books at least one unit',
            ),
        ]
        indexes = [models.Index(fields=['slot', 'subscription'], name='reservation_slot_subscription')]

    def clean(self) -> None:
        """Only before the slot ends, never beyond its capacity (the reserve verb locks the slot to keep it so)."""
        slot = related(self, 'slot')
        if slot is None or slot.pk is None:
            return
        errors = {}
        if self.at and self.at >= slot.end:
            errors['at'] = [f'{slot.name} ended at {slot.end.isoformat()}: it takes no reservations after it ends']
        if self.units:
            taken = slot.reserved_units(excluding=self.pk)
            if taken + self.units > slot.capacity:
                errors['units'] = [f'{slot.name} has {slot.capacity - taken} of {slot.capacity} units left, '
                                   f'not {self.units}']
        subscription = related(self, 'subscription')
        if subscription and slot.resource.organization_id != subscription.relationship.provider_id:
            errors['slot'] = [f'{slot.name} is a slot of {slot.resource.name}, a resource of another provider than '
                              f'that of {subscription.name}']
        if errors:
            raise ValidationError(errors)
