"""Filtersets of the provision records: references by name and by id, states, and instants as ranges
(``?at_after=2025-03-01T00:00:00Z&at_before=2025-04-01T00:00:00Z``).
"""


from accord.core.filtersets import NamedModelFilterSet, ReferencesFilterSet, UTCDateTimeFromToRangeFilter
from accord.provision.models import (
    AccessGrant,
    ActionInstance,
    CapacitySlot,
    ConsumptionEvent,
    GoodsDelivery,
    Order,
    OwnershipTransfer,
    PeriodFact,
    Reservation,
)


class OrderFilterSet(NamedModelFilterSet):
    at = UTCDateTimeFromToRangeFilter()

    class Meta:
        model = Order
        fields = ['status']
        references = ('relationship', 'requested_by', 'subscription', 'offering', 'group', 'decided_by')


class GoodsDeliveryFilterSet(NamedModelFilterSet):
    at = UTCDateTimeFromToRangeFilter()

    class Meta:
        model = GoodsDelivery
        fields: list[str] = []
        references = ('subscription', 'items')


class OwnershipTransferFilterSet(ReferencesFilterSet):
    at = UTCDateTimeFromToRangeFilter()

    class Meta:
        model = OwnershipTransfer
        fields = ['reason']
        references = ('item', 'from_owner', 'to_owner', 'delivery', 'grant')


class AccessGrantFilterSet(NamedModelFilterSet):
    valid_from = UTCDateTimeFromToRangeFilter()

    class Meta:
        model = AccessGrant
        fields: list[str] = []
        references = ('subscription', 'grantee_person', 'grantee_organization', 'item')


class ActionInstanceFilterSet(NamedModelFilterSet):
    requested_at = UTCDateTimeFromToRangeFilter()

    class Meta:
        model = ActionInstance
        fields = ['quality', 'consumer_present']
        references = ('subscription', 'requested_by', 'performers')


class ConsumptionEventFilterSet(NamedModelFilterSet):
    at = UTCDateTimeFromToRangeFilter()

    class Meta:
        model = ConsumptionEvent
        fields = ['event']
        references = ('subscription',)


class PeriodFactFilterSet(NamedModelFilterSet):
    class Meta:
        model = PeriodFact
        fields = ['period', 'fact']
        references = ('subscription',)


class CapacitySlotFilterSet(NamedModelFilterSet):
    start = UTCDateTimeFromToRangeFilter()

    class Meta:
        model = CapacitySlot
        fields: list[str] = []
        references = ('resource',)


class ReservationFilterSet(NamedModelFilterSet):
    class Meta:
        model = Reservation
        fields: list[str] = []
        references = ('slot', 'subscription')
