"""Service offering: a description of one or more services, designed for target consumer groups.

An offering is made of elements: goods (ownership passes to the consumer), access to resources
(the consumer may use a provider's resource; ownership stays) and service actions (work the
provider does). It carries a price plan (fee, waivers, usage and conversion charges) and states
the value it co-creates: outcomes facilitated, costs and risks added and removed.
"""

from django.core.exceptions import ValidationError
from django.db import models

from accord.catalog import pricing
from accord.catalog.choices import (
    ActionTrigger,
    Approval,
    DurationUnit,
    ElementKind,
    FeePeriod,
    Lifecycle,
    PerformedBy,
)
from accord.core.known import holds
from accord.core.models import ChangeLoggedModel, NamedModel
from accord.core.models.base import related

MONEY = {'max_digits': 18, 'decimal_places': 4}


class ServiceOffering(NamedModel):
    """One or more services packaged, priced and described for target consumer groups."""

    provider = models.ForeignKey(
        verbose_name='provider',
        to='parties.Organization',
        on_delete=models.PROTECT,
        related_name='offerings',
    )
    services = models.ManyToManyField(
        verbose_name='services',
        to='catalog.Service',
        related_name='offerings',
        blank=True,
    )
    target_groups = models.ManyToManyField(
        verbose_name='target groups',
        to='parties.ConsumerGroup',
        related_name='offerings',
        blank=True,
    )
    lifecycle = models.CharField(
        verbose_name='lifecycle',
        max_length=10,
        choices=Lifecycle.choices,
        default=Lifecycle.LIVE,
    )
    currency = models.CharField(
        verbose_name='currency',
        max_length=3,
        blank=True,
        help_text='ISO 4217 code of every amount in the price plan.',
    )
    fee_amount = models.DecimalField(
        verbose_name='fee',
        null=True,
        blank=True,
        **MONEY,
    )
    fee_per = models.CharField(
        verbose_name='fee per',
        max_length=10,
        choices=FeePeriod.choices,
        blank=True,
    )
    waivers = models.JSONField(
        verbose_name='waivers',
        null=True,
        blank=True,
        help_text='The condition under which the fee is 0 for a period.',
    )
    value = models.JSONField(
        verbose_name='value',
        default=dict,
        blank=True,
        help_text='Lists of outcomes, costsAdded, costsRemoved, risksAdded, risksRemoved.',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'service offering'
        verbose_name_plural = 'service offerings'
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fee_amount__isnull=True, fee_per='')
                | models.Q(fee_amount__isnull=False) & ~models.Q(fee_per=''),
                name='serviceoffering_fee_has_period',
                violation_error_message='a fee has both an amount and a period',
            ),
        ]

    def clean(self) -> None:
        errors = {}
        if self.currency:
            try:
                pricing.check_currency(self.currency)
            except ValidationError as error:
                errors['currency'] = error.messages
        if self.fee_amount is not None:
            if not self.currency:
                errors['currency'] = ['a price plan with a fee names its currency']
            elif 'currency' not in errors:
                try:
                    pricing.check_money(self.fee_amount, self.currency)
                except ValidationError as error:
                    errors['fee_amount'] = error.messages
        if self.waivers is not None:
            if self.fee_amount is None:
                errors['waivers'] = ['waivers need a fee to waive']
            else:
                try:
                    pricing.check_condition(self.waivers)
                except ValidationError as error:
                    errors['waivers'] = error.messages
        if errors:
            raise ValidationError(errors)

    def clean_relations(self) -> None:
        """R15: services and target groups belong to the provider; at least one service unless external."""
        errors = {}
        services = list(self.services.all())
        if not services and not self.provider.external:
            errors['services'] = ['an offering describes at least one service unless its provider is external']
        foreign = sorted(s.name for s in services if s.provider_id != self.provider_id)
        if foreign:
            errors['services'] = [f'services of another provider: {", ".join(foreign)}']
        foreign = sorted(g.name for g in self.target_groups.all() if g.provider_id != self.provider_id)
        if foreign:
            errors['target_groups'] = [f'groups of another provider: {", ".join(foreign)}']
        if errors:
            raise ValidationError(errors)


class OfferingElement(ChangeLoggedModel):
    """A good, an access to resources or a service action of an offering, delivered through a product."""

    offering = models.ForeignKey(
        verbose_name='offering',
        to='catalog.ServiceOffering',
        on_delete=models.CASCADE,
        related_name='elements',
    )
    name = models.CharField(
        verbose_name='name',
        max_length=100,
    )
    kind = models.CharField(
        verbose_name='kind',
        max_length=10,
        choices=ElementKind.choices,
    )
    product = models.ForeignKey(
        verbose_name='product',
        to='catalog.Product',
        on_delete=models.PROTECT,
        related_name='elements',
        help_text='The product the element is delivered through.',
    )
    component = models.ForeignKey(
        verbose_name='component',
        to='resources.Resource',
        on_delete=models.PROTECT,
        related_name='offering_elements',
        null=True,
        blank=True,
        help_text='One component (resource) of the product, when the element is about that one only.',
    )
    quantity = models.PositiveIntegerField(
        verbose_name='quantity',
        null=True,
        blank=True,
        help_text='Goods: units handed over.',
    )
    window_from = models.TimeField(
        verbose_name='window from',
        null=True,
        blank=True,
    )
    window_to = models.TimeField(
        verbose_name='window to',
        null=True,
        blank=True,
    )
    conversion_price = models.DecimalField(
        verbose_name='conversion price',
        null=True,
        blank=True,
        help_text='Access: the price at which the consumer may keep the item as a good.',
        **MONEY,
    )
    trigger = models.CharField(
        verbose_name='trigger',
        max_length=10,
        choices=ActionTrigger.choices,
        blank=True,
    )
    performed_by = models.CharField(
        verbose_name='performed by',
        max_length=10,
        choices=PerformedBy.choices,
        blank=True,
    )
    requires_consumer_presence = models.BooleanField(
        verbose_name='requires consumer presence',
        default=False,
    )
    target_duration_amount = models.PositiveIntegerField(
        verbose_name='target duration',
        null=True,
        blank=True,
    )
    target_duration_unit = models.CharField(
        verbose_name='target duration unit',
        max_length=15,
        choices=DurationUnit.choices,
        blank=True,
    )
    position = models.PositiveIntegerField(
        verbose_name='position',
        default=0,
    )

    class Meta:
        verbose_name = 'offering element'
        verbose_name_plural = 'offering elements'
        ordering = ['offering', 'position', 'id']
        constraints = [
            models.UniqueConstraint(
                fields=['offering', 'name'],
                name='offeringelement_unique_name',
                violation_error_message='the offering has an element of this name already',
            ),
        ]

    def __str__(self) -> str:
        return f'{self.offering.name}: {self.name}'

    def _fields_of_other_kinds(self) -> dict[str, list[str]]:
        """A good has a quantity, an access a window and a conversion price, an action a trigger and duration."""
        errors = {}
        for kind, attrs in _FIELDS_OF_KIND.items():
            if kind != self.kind:
                for attr in attrs:
                    if getattr(self, attr) not in (None, ''):
                        errors[attr] = [f'a {self.kind} element has no {attr.replace("_", " ")}']
        if (self.window_from is None) != (self.window_to is None):
            errors['window_to'] = ['a window has both a start and an end']
        if (self.target_duration_amount is None) != (not self.target_duration_unit):
            errors['target_duration_unit'] = ['a target duration has both an amount and a unit']
        return errors

    def clean(self) -> None:
        errors = self._fields_of_other_kinds()
        offering, product = related(self, 'offering'), related(self, 'product')
        if offering and product and product.provider_id != offering.provider_id:
            errors['product'] = [f'{product.name} is a product of another provider']
        if product and product.pk and self.component_id and not holds(product.components,
                                                                     resource_id=self.component_id):
            errors['component'] = [f'{self.component.name} is not a component of {product.name}']
        if self.conversion_price is not None and offering and 'conversion_price' not in errors:
            if not offering.currency:
                errors['conversion_price'] = ["a conversion price needs the offering's pricing currency"]
            else:
                try:
                    pricing.check_money(self.conversion_price, offering.currency)
                except ValidationError as error:
                    errors['conversion_price'] = error.messages
        if errors:
            raise ValidationError(errors)


_FIELDS_OF_KIND = {
    ElementKind.GOOD: ('quantity',),
    ElementKind.ACCESS: ('window_from', 'window_to', 'conversion_price'),
    ElementKind.ACTION: ('trigger', 'performed_by', 'target_duration_amount', 'target_duration_unit'),
}


class UsageCharge(models.Model):
    """An amount per consumption event of one type beyond a free allowance (R8)."""

    offering = models.ForeignKey(
        verbose_name='offering',
        to='catalog.ServiceOffering',
        on_delete=models.CASCADE,
        related_name='usage_charges',
    )
    event = models.CharField(
        verbose_name='event',
        max_length=100,
    )
    amount = models.DecimalField(
        verbose_name='amount',
        **MONEY,
    )
    allowance = models.PositiveIntegerField(
        verbose_name='allowance',
        default=0,
        help_text='Events per period that are free.',
    )

    class Meta:
        verbose_name = 'usage charge'
        verbose_name_plural = 'usage charges'
        ordering = ['offering', 'event']
        constraints = [
            models.UniqueConstraint(
                fields=['offering', 'event'],
                name='usagecharge_unique_event',
                violation_error_message='the offering charges for this event already',
            ),
        ]

    def __str__(self) -> str:
        return f'{self.offering.name}: {self.event}'

    def clean(self) -> None:
        offering = related(self, 'offering')
        if self.amount is None or offering is None:
            return
        if not offering.currency:
            raise ValidationError({'amount': "a usage charge needs the offering's pricing currency"})
        try:
            pricing.check_money(self.amount, offering.currency)
        except ValidationError as error:
            raise ValidationError({'amount': error.messages}) from None


class RequestItem(models.Model):
    """Something a consumer may request within a subscription, fulfilled by one element."""

    offering = models.ForeignKey(
        verbose_name='offering',
        to='catalog.ServiceOffering',
        on_delete=models.CASCADE,
        related_name='request_items',
    )
    name = models.CharField(
        verbose_name='name',
        max_length=100,
    )
    title = models.CharField(
        verbose_name='title',
        max_length=200,
        blank=True,
    )
    element = models.ForeignKey(
        verbose_name='element',
        to='catalog.OfferingElement',
        on_delete=models.RESTRICT,  # an element goes with its offering, never alone while requested
        related_name='request_items',
    )
    approval = models.CharField(
        verbose_name='approval',
        max_length=10,
        choices=Approval.choices,
        default=Approval.NONE,
    )

    class Meta:
        verbose_name = 'request item'
        verbose_name_plural = 'request items'
        ordering = ['offering', 'name']
        constraints = [
            models.UniqueConstraint(
                fields=['offering', 'name'],
                name='requestitem_unique_name',
                violation_error_message='the offering has a request item of this name already',
            ),
        ]

    def __str__(self) -> str:
        return f'{self.offering.name}: {self.name}'

    def clean(self) -> None:
        if self.element_id and self.offering_id and self.element.offering_id != self.offering_id:
            raise ValidationError({'element': f'{self.element.name} is an element of another offering'})
