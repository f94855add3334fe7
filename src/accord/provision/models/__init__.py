from .access import AccessGrant
from .actions import ActionInstance
from .capacity import CapacitySlot, Reservation
from .consumption import ConsumptionEvent, PeriodFact
from .goods import DeliveredItem, GoodsDelivery, OwnershipTransfer
from .orders import Order

__all__ = [
    'AccessGrant',
    'ActionInstance',
    'CapacitySlot',
    'ConsumptionEvent',
    'DeliveredItem',
    'GoodsDelivery',
    'Order',
    'OwnershipTransfer',
    'PeriodFact',
    'Reservation',
]
