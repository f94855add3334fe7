"""Goods delivery and ownership transfers: a good changes owner, and the consumer becomes responsible for it.

A delivery hands items (or a quantity of untracked units) of a good element to the consumer. Each item it
names changes owner in the same transaction, recorded as an ownership transfer: from, to, when, why and the
record that caused it. A delivered good is never taken back: a return would be a new transfer.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from accord.catalog.choices import ElementKind
from accord.core.models import ChangeLoggedModel, NamedModel
from accord.core.models.base import related
from accord.provision.choices import TransferReason
from accord.provision.models.terms import covers, element_errors, element_resource_ids, not_covered


class GoodsDelivery(NamedModel):
    """Items or units of a good element of a subscription handed to its consumer at an instant."""

    subscription = models.ForeignKey(
        verbose_name='subscription',
        to='relationships.Subscription',
        on_delete=models.PROTECT,
        related_name='goods_deliveries',
    )
    element = models.ForeignKey(
        verbose_name='element',
        to='catalog.OfferingElement',
        on_delete=models.PROTECT,
        related_name='goods_deliveries',
        help_text="A good element of the subscription's offering.",
    )
    items = models.ManyToManyField(
        verbose_name='items',
        to='resources.Item',
        through='provision.DeliveredItem',
        related_name='goods_deliveries',
        blank=True,
    )
    quantity = models.PositiveIntegerField(
        verbose_name='quantity',
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text='Units handed over when they are not tracked as items.',
    )
    at = models.DateTimeField(
        verbose_name='at',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'goods delivery'
        verbose_name_plural = 'goods deliveries'
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__isnull=True) | models.Q(quantity__gte=1),
                name='goodsdelivery_quantity_positive',
                violation_error_message='a delivery hands over at least one unit',
            ),
        ]
        indexes = [models.Index(fields=['subscription', 'at'], name='goodsdelivery_subscription_at')]

    def clean(self) -> None:
        subscription, element = related(self, 'subscription'), related(self, 'element')
        errors = {}
        if subscription and element:
            if problems := element_errors(subscription, element, ElementKind.GOOD):
                errors['element'] = problems
        if subscription and self.at and not covers(subscription, self.at):
            errors['at'] = [not_covered(subscription, self.at)]
        if errors:
            raise ValidationError(errors)

    def clean_relations(self) -> None:
        """Items or a quantity, not both; each item a unit of the element's resources."""
        known = getattr(self, '_prefetched_objects_cache', {}).get('items')  # none, for a delivery just imported
        self.check_items(list(known if known is not None else self.items.select_related('resource', 'owner')))

    def check_items(self, items: list) -> None:
        if bool(items) == (self.quantity is not None):
            raise ValidationError({'items': 'a delivery names its items or a quantity, one of the two'})
        resources = element_resource_ids(self.element)
        consumer = self.subscription.relationship.consumer
        for item in items:
            if item.resource_id not in resources:
                raise ValidationError({'items': f'{item.name} is an item of {item.resource.name}, which the '
                                                f'element {self.element.name} does not deliver'})
            if item.owner_id != consumer.pk:
                raise ValidationError({'items': f'{item.name} is delivered to {consumer.name}, who owns it since: '
                                                f'{item.resource.name} must name {consumer.name} as its owner'})


class DeliveredItem(models.Model):
    """One item of a delivery. An item is delivered once: a delivered good is never taken back."""

    delivery = models.ForeignKey(
        verbose_name='delivery',
        to='provision.GoodsDelivery',
        on_delete=models.CASCADE,
        related_name='delivered_items',
    )
    item = models.ForeignKey(
        verbose_name='item',
        to='resources.Item',
        on_delete=models.PROTECT,
        related_name='deliveries',
    )

    class Meta:
        verbose_name = 'delivered item'
        verbose_name_plural = 'delivered items'
        constraints = [
            models.UniqueConstraint(
                fields=['item'],
                name='delivereditem_once',
                violation_error_message='the item has been delivered already',
            ),
        ]

    def __str__(self) -> str:
        return f'{self.delivery.name}: {self.item.name}'


class OwnershipTransfer(ChangeLoggedModel):
    """An item passing from one owner to another at an instant, and the record that caused it.

    Transfers are derived from deliveries and conversions, never written on their own: an export keeps each
    item's current owner on its resource and the records, and applying them recreates the transfers.
    """

    item = models.ForeignKey(
        verbose_name='item',
        to='resources.Item',
        on_delete=models.PROTECT,
        related_name='ownership_transfers',
    )
    from_owner = models.ForeignKey(
        verbose_name='from',
        to='parties.Organization',
        on_delete=models.PROTECT,
        related_name='transfers_out',
    )
    to_owner = models.ForeignKey(
        verbose_name='to',
        to='parties.Organization',
        on_delete=models.PROTECT,
        related_name='transfers_in',
    )
    at = models.DateTimeField(
        verbose_name='at',
    )
    reason = models.CharField(
        verbose_name='why',
        max_length=10,
        choices=TransferReason.choices,
    )
    delivery = models.ForeignKey(
        verbose_name='delivery',
        to='provision.GoodsDelivery',
        on_delete=models.CASCADE,
        related_name='ownership_transfers',
        null=True,
        blank=True,
    )
    grant = models.ForeignKey(
        verbose_name='converted grant',
        to='provision.AccessGrant',
        on_delete=models.CASCADE,
        related_name='ownership_transfers',
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = 'ownership transfer'
        verbose_name_plural = 'ownership transfers'
        ordering = ['item', 'at', 'id']
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reason=TransferReason.DELIVERY, delivery__isnull=False, grant__isnull=True)
                | models.Q(reason=TransferReason.CONVERSION, delivery__isnull=True, grant__isnull=False),
                name='ownershiptransfer_one_cause',
                violation_error_message='a transfer is caused by a delivery or by a conversion, and says which',
            ),
            models.CheckConstraint(
                condition=~models.Q(from_owner=models.F('to_owner')),
                name='ownershiptransfer_changes_owner',
                violation_error_message='a transfer moves the item to another owner',
            ),
        ]
        indexes = [models.Index(fields=['item', 'at'], name='ownershiptransfer_item_at')]

    def __str__(self) -> str:
        return f'{self.item.name}: {self.from_owner.name} → {self.to_owner.name}'
