"""The console's pages of provision records: orders, deliveries, grants, actions, consumption, capacity."""

from accord.provision.filtersets import (
    AccessGrantFilterSet,
    ActionInstanceFilterSet,
    CapacitySlotFilterSet,
    ConsumptionEventFilterSet,
    GoodsDeliveryFilterSet,
    OrderFilterSet,
    PeriodFactFilterSet,
    ReservationFilterSet,
)
from accord.provision.models import (
    AccessGrant,
    ActionInstance,
    CapacitySlot,
    ConsumptionEvent,
    GoodsDelivery,
    Order,
    PeriodFact,
    Reservation,
)
from accord.ui.lists import Column, ObjectListView

SUBSCRIPTION = Column('Subscription', 'subscription', sort='subscription__name')
ELEMENT = Column('Element', 'element.name', sort='element__name')


class OrderList(ObjectListView):
    model = Order
    queryset = Order.objects.select_related('relationship', 'offering', 'group', 'requested_by')
    filterset_class = OrderFilterSet
    columns = (
        Column('Relationship', 'relationship', sort='relationship__name'),
        Column('Offering', 'offering', sort='offering__name'),
        Column('Requested by', 'requested_by', sort='requested_by__name'),
        Column('At', 'at', sort='at'),
        Column('Status', 'status', sort='status'),
    )


class GoodsDeliveryList(ObjectListView):
    model = GoodsDelivery
    queryset = GoodsDelivery.objects.select_related('subscription', 'element')
    filterset_class = GoodsDeliveryFilterSet
    columns = (SUBSCRIPTION, ELEMENT, Column('Quantity', 'quantity', sort='quantity'), Column('At', 'at', sort='at'))


class AccessGrantList(ObjectListView):
    model = AccessGrant
    queryset = AccessGrant.objects.select_related('subscription', 'element', 'grantee_person', 'grantee_organization')
    filterset_class = AccessGrantFilterSet
    columns = (
        SUBSCRIPTION, ELEMENT,
        Column('Person', 'grantee_person', sort='grantee_person__name'),
        Column('Organization', 'grantee_organization', sort='grantee_organization__name'),
        Column('Valid from', 'valid_from', sort='valid_from'),
        Column('Revoked', 'revoked_at', sort='revoked_at'),
    )


class ActionInstanceList(ObjectListView):
    model = ActionInstance
    queryset = ActionInstance.objects.select_related('subscription', 'element', 'requested_by')
    filterset_class = ActionInstanceFilterSet
    columns = (
        SUBSCRIPTION, ELEMENT,
        Column('Requested', 'requested_at', sort='requested_at'),
        Column('Due', 'due_at', sort='due_at'),
        Column('Completed', 'completed_at', sort='completed_at'),
    )


class ConsumptionEventList(ObjectListView):
    model = ConsumptionEvent
    queryset = ConsumptionEvent.objects.select_related('subscription')
    filterset_class = ConsumptionEventFilterSet
    columns = (SUBSCRIPTION, Column('Event', 'event', sort='event'), Column('At', 'at', sort='at'),
               Column('Quantity', 'quantity', sort='quantity'))


class PeriodFactList(ObjectListView):
    model = PeriodFact
    queryset = PeriodFact.objects.select_related('subscription')
    filterset_class = PeriodFactFilterSet
    columns = (SUBSCRIPTION, Column('Period', 'period', sort='period'), Column('Fact', 'fact', sort='fact'),
               Column('Value', 'value', sort='value'))


class CapacitySlotList(ObjectListView):
    model = CapacitySlot
    queryset = CapacitySlot.objects.select_related('resource')
    filterset_class = CapacitySlotFilterSet
    columns = (
        Column('Resource', 'resource', sort='resource__name'),
        Column('Start', 'start', sort='start'),
        Column('End', 'end', sort='end'),
        Column('Capacity', 'capacity', sort='capacity'),
        Column('Unit price', 'unit_price', sort='unit_price', kind='money'),
    )


class ReservationList(ObjectListView):
    model = Reservation
    queryset = Reservation.objects.select_related('slot', 'subscription')
    filterset_class = ReservationFilterSet
    columns = (Column('Slot', 'slot', sort='slot__name'), SUBSCRIPTION, Column('Units', 'units', sort='units'),
               Column('At', 'at', sort='at'))
