"""Ownership history: the transfers a delivery or a conversion causes, and the owner of an item at an instant.

Transfers are derived from their records: a delivery moves each of its items from the provider to the consumer
at its instant, a conversion moves its grant's item likewise. Writing them here, from the record, is what lets
the verbs and the importer agree: the importer records history as written, the verbs also move the item.
"""

import datetime

from accord.provision.choices import TransferReason
from accord.provision.models import AccessGrant, GoodsDelivery, OwnershipTransfer


def record_delivery_transfers(delivery: GoodsDelivery) -> None:
    """(Re)write the transfers of a delivery's items: provider → consumer at the delivery's instant."""
    relationship = delivery.subscription.relationship
    _forget_transfers(delivery)
    OwnershipTransfer.objects.bulk_create([
        OwnershipTransfer(item_id=item_id, from_owner_id=relationship.provider_id, to_owner_id=relationship.consumer_id,
                          at=delivery.at, reason=TransferReason.DELIVERY, delivery=delivery)
        for item_id in delivery.delivered_items.values_list('item_id', flat=True)
    ])


def record_conversion_transfer(grant: AccessGrant) -> None:
    """(Re)write the transfer of a converted grant's item: provider → consumer at the conversion."""
    _forget_transfers(grant)
    if grant.converted_at is None or grant.item_id is None:
        return
    relationship = grant.subscription.relationship
    OwnershipTransfer.objects.create(item_id=grant.item_id, from_owner_id=relationship.provider_id,
                                     to_owner_id=relationship.consumer_id, at=grant.converted_at,
                                     reason=TransferReason.CONVERSION, grant=grant)


def _forget_transfers(record: GoodsDelivery | AccessGrant) -> None:
    """Delete the transfers a record caused; a record just written by an import knows it has none (its parts are
    cached empty), so that no delete is planned for each of a year's thousands of new records."""
    transfers = record.ownership_transfers.all()
    if transfers:
        transfers.delete()


def owner_at(item, instant: datetime.datetime):
    """Who owned ``item`` at ``instant``: the last transfer's new owner, else the first's old one, else its owner."""
    transfers = item.ownership_transfers.select_related('from_owner', 'to_owner')
    last = transfers.filter(at__lte=instant).order_by('-at', '-id').first()
    if last is not None:
        return last.to_owner
    first = transfers.filter(at__gt=instant).order_by('at', 'id').first()
    return first.from_owner if first is not None else item.owner
