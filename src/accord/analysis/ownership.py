"""Who owns an item at an instant, and the item's ownership history (``accord owner ITEM [--at INSTANT]``).

A good changes owner when it is delivered or when the consumer keeps an item it had access to; each change is
an ownership transfer, derived from its record (``accord.provision.ownership``). The answer gives the owner
at the instant (now when none is given, answered as ``"at": null``) and, beyond the contract's
``{"item", "at", "owner"}``, every transfer in time order with what caused it.
"""

import datetime

from accord.analysis.impact import read_instant
from accord.analysis.parameters import Parameter, Parameters
from accord.core.suggestions import did_you_mean
from accord.provision.ownership import owner_at
from accord.resources.models import Item

AT = Parameter(
    'at',
    'ISO 8601 instant with a UTC offset (encode `+` as `%2B`). Default: now, answered as `"at": null`.',
    parse=read_instant,
    schema={'type': 'string', 'format': 'date-time'},
)
PARAMETERS = Parameters(Parameter('item', 'The item, by name.', required=True), AT)


class OwnershipError(ValueError):
    """The owner was asked of an unknown item."""


def find_item(name: str) -> Item:
    try:
        return Item.objects.select_related('owner').get(name=name)
    except Item.DoesNotExist:
        known = Item.objects.values_list('name', flat=True)
        raise OwnershipError(f'unknown item {name!r}{did_you_mean(name, known)}') from None


def ownership(item: Item | str, at: datetime.datetime | None = None) -> dict:
    """The owner of ``item`` (an item or its name) at ``at`` (default now) and its transfers: four queries."""
    if not isinstance(item, Item):
        item = find_item(item)
    owner = owner_at(item, at or datetime.datetime.now(datetime.UTC))
    transfers = item.ownership_transfers.order_by('at', 'id').values(
        'at', 'from_owner__name', 'to_owner__name', 'reason', 'delivery__name', 'grant__name')
    return {
        'item': item.name,
        'at': at.isoformat() if at else None,
        'owner': owner.name,
        'history': [{
            'at': transfer['at'].isoformat(),
            'from': transfer['from_owner__name'],
            'to': transfer['to_owner__name'],
            'reason': transfer['reason'],
            'record': f'GoodsDelivery:{transfer["delivery__name"]}' if transfer['delivery__name']
            else f'AccessGrant:{transfer["grant__name"]}',
        } for transfer in transfers],
    }
