"""Every write of provision and consumption, in ITIL's verbs; atomic, audited, nestable.

Each verb is one transaction with its change-log rows. The model's ``clean()`` and constraints hold the rules
every path shares (a file records history as written); the verbs add what only happens now: who may decide,
which transitions the lifecycle allows, and the moves of ownership a delivery or a conversion makes.
"""

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from accord.catalog.choices import ElementKind
from accord.catalog.models import OfferingElement, RequestItem, ServiceOffering
from accord.core.naming import free_name, stamp
from accord.core.parts import listed_twice, sync_parts
from accord.core.services import Actor, atomic, save_object, validate
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.provision.choices import ORDER_TRANSITIONS, OrderStatus
from accord.provision.consumption import record_event
from accord.provision.models import (
    AccessGrant,
    ActionInstance,
    CapacitySlot,
    ConsumptionEvent,
    DeliveredItem,
    GoodsDelivery,
    Order,
    PeriodFact,
    Reservation,
)
from accord.provision.ownership import record_conversion_transfer, record_delivery_transfers
from accord.relationships.choices import ConsumerRoleKind, RelationshipStatus
from accord.relationships.models import ServiceRelationship, Subscription
from accord.resources.models import Item


class TransitionRefused(ValidationError):
    """A move the record's state does not allow now (approving twice, fulfilling a rejected order): a conflict."""


def _now(at: datetime.datetime | None) -> datetime.datetime:
    return at or timezone.now()


# Orders.

@atomic
def place_order(
    relationship: ServiceRelationship,
    requested_by: Person,
    *,
    subscription: Subscription | None = None,
    request_item: RequestItem | None = None,
    offering: ServiceOffering | None = None,
    group: ConsumerGroup | None = None,
    at: datetime.datetime | None = None,
    name: str = '',
    actor: Actor,
) -> Order:
    """Raise an order in an active relationship: a request item of an active subscription, or an offering.

    An order whose request item asks for no approval is approved as it is placed.
    """
    at = _now(at)
    if relationship.status != RelationshipStatus.ACTIVE:
        raise ValidationError({'relationship': f'{relationship.name} is {relationship.status}, not active'})
    if subscription is not None and not subscription.is_active_on(at.date()):
        raise ValidationError({'subscription': f'{relationship.consumer.name} does not actively subscribe to '
                                               f'{subscription.offering.name} through {subscription.name} on '
                                               f'{at.date().isoformat()}'})
    order = Order(relationship=relationship, requested_by=requested_by, subscription=subscription,
                  request_item=request_item, offering=offering, group=group, at=at,
                  name=name or free_name(Order, requested_by.name, 'order', stamp(at)))
    if request_item is not None and not order.needs_approval:
        order.status = OrderStatus.APPROVED
    save_object(order, actor=actor)
    return order


def _move(order: Order, status: str, *, actor: Actor) -> None:
    """One transition of the declared table, saved with its change-log row."""
    if status not in ORDER_TRANSITIONS[order.status]:
        raise TransitionRefused({'status': f'{order.name} is {order.status}: it cannot be {status}'})
    order.status = status
    save_object(order, actor=actor)


def _decide(order: Order, status: str, by: Person, at: datetime.datetime | None, comment: str, actor: Actor
            ) -> Order:
    order = Order.objects.select_for_update(of=('self',)).select_related('relationship', 'request_item').get(
        pk=order.pk)
    if not order.needs_approval:
        raise TransitionRefused({'status': f'{order.name} needs no approval: {order.request_item.name} is '
                                           'approved as it is ordered'})
    if not order.relationship.roles.filter(person=by, role=ConsumerRoleKind.SPONSOR).exists():
        raise ValidationError({'decided_by': f'{by.name} is not a sponsor of {order.relationship.name}'})
    order.decided_by, order.decided_at, order.decision_comment = by, _now(at), comment
    _move(order, status, actor=actor)
    return order


@atomic
def approve(order: Order, *, by: Person, at: datetime.datetime | None = None, comment: str = '', actor: Actor
            ) -> Order:
    """A sponsor of the relationship approves an order whose request item (or new subscription) asks for it.

    The comment tells the person who ordered (and the provider) why, in the sponsor's words.
    """
    return _decide(order, OrderStatus.APPROVED, by, at, comment, actor)


@atomic
def reject(order: Order, *, by: Person, at: datetime.datetime | None = None, comment: str = '', actor: Actor
           ) -> Order:
    """A sponsor of the relationship rejects an order that asks for approval, saying why in the comment."""
    return _decide(order, OrderStatus.REJECTED, by, at, comment, actor)


@atomic
def cancel(order: Order, *, actor: Actor) -> Order:
    """Withdraw an order that is not fulfilled yet."""
    order = Order.objects.select_for_update(of=('self',)).get(pk=order.pk)
    _move(order, OrderStatus.CANCELLED, actor=actor)
    return order


@atomic
def fulfil(
    order: Order,
    *,
    at: datetime.datetime | None = None,
    items: Sequence[Item] = (),
    quantity: int | None = None,
    actor: Actor,
) -> Subscription | GoodsDelivery | AccessGrant | ActionInstance:
    """Do what an approved order asks, and return the record the work made.

    An order for an offering creates the subscription (from the day it is fulfilled); an order for a request
    item creates its element's delivery (of ``items``, else of ``quantity`` or the element's quantity), grant
    (to the person who ordered) or action (requested when the order was placed).
    """
    order = Order.objects.select_for_update(of=('self',)).select_related(
        'relationship', 'requested_by', 'subscription__relationship', 'request_item__element', 'offering', 'group',
    ).get(pk=order.pk)
    at = _now(at)
    _move(order, OrderStatus.FULFILLED, actor=actor)
    if order.offering_id:
        subscription = Subscription(relationship=order.relationship, offering=order.offering, group=order.group,
                                    start=at.date(), name=free_name(Subscription, order.relationship.consumer.name,
                                                                    order.offering.name))
        save_object(subscription, actor=actor)
        return subscription
    element = order.request_item.element
    if element.kind == ElementKind.GOOD:
        return deliver_goods(order.subscription, element, items=items,
                             quantity=None if items else quantity or element.quantity or 1, at=at, actor=actor)
    if element.kind == ElementKind.ACCESS:
        return grant_access(order.subscription, element, order.requested_by, valid_from=at, actor=actor)
    return request_action(order.subscription, element, requested_by=order.requested_by, at=order.at, actor=actor)


# Goods and access.

@atomic
def deliver_goods(
    subscription: Subscription,
    element: OfferingElement,
    *,
    items: Sequence[Item] = (),
    quantity: int | None = None,
    at: datetime.datetime | None = None,
    name: str = '',
    actor: Actor,
) -> GoodsDelivery:
    """Hand items (or untracked units) of a good element to the consumer: each item changes owner now.

    Only items the provider owns can be delivered, and each only once: a delivered good is never taken back.
    """
    at = _now(at)
    relationship = subscription.relationship
    items = list(Item.objects.select_for_update(of=('self',)).select_related('owner', 'resource').filter(
        pk__in=[item.pk for item in items]).order_by('name'))
    delivery = GoodsDelivery(subscription=subscription, element=element, quantity=quantity, at=at,
                             name=name or free_name(GoodsDelivery, subscription.name, element.name, stamp(at)))
    validate(delivery)
    for item in items:
        if DeliveredItem.objects.filter(item=item).exists():
            raise ValidationError({'items': f'{item.name} has been delivered already: a delivered good is never '
                                            'taken back'})
        if item.owner_id != relationship.provider_id:
            raise ValidationError({'items': f'{item.name} is owned by {item.owner.name}, not by the provider '
                                            f'{relationship.provider.name}'})
        item.owner = relationship.consumer
        save_object(item, actor=actor)
    delivery.check_items(items)
    save_object(delivery, actor=actor)
    DeliveredItem.objects.bulk_create([DeliveredItem(delivery=delivery, item=item) for item in items])
    record_delivery_transfers(delivery)
    return delivery


@atomic
def grant_access(
    subscription: Subscription,
    element: OfferingElement,
    grantee: Person | Organization,
    *,
    item: Item | None = None,
    valid_from: datetime.datetime | None = None,
    valid_to: datetime.datetime | None = None,
    name: str = '',
    actor: Actor,
) -> AccessGrant:
    """Let a person or organization of the consumer use an access element's resources (or one item).

    The grant lies within the subscription's term; without an end it lasts until the subscription ends. The
    element's daily window, if any, applies to it.
    """
    valid_from = _now(valid_from)
    grant = AccessGrant(subscription=subscription, element=element, item=item, valid_from=valid_from,
                        valid_to=valid_to,
                        name=name or free_name(AccessGrant, grantee.name, element.name, stamp(valid_from)))
    if isinstance(grantee, Person):
        grant.grantee_person = grantee
    else:
        grant.grantee_organization = grantee
    save_object(grant, actor=actor)
    return grant


def _locked_grant(grant: AccessGrant) -> AccessGrant:
    return AccessGrant.objects.select_for_update(of=('self',)).select_related(
        'subscription__relationship__consumer', 'element', 'item__resource').get(pk=grant.pk)


@atomic
def revoke_access(grant: AccessGrant, *, reason: str, at: datetime.datetime | None = None, actor: Actor
                  ) -> AccessGrant:
    """End a grant now (or at ``at``), with a reason; never before it starts."""
    grant = _locked_grant(grant)
    if grant.revoked_at is not None:
        raise TransitionRefused({'revoked_at': f'{grant.name} was revoked already at {grant.revoked_at.isoformat()}'})
    if not reason.strip():
        raise ValidationError({'revoke_reason': 'a revocation gives its reason'})
    grant.revoked_at, grant.revoke_reason = _now(at), reason.strip()
    save_object(grant, actor=actor)
    return grant


@atomic
def convert_to_good(grant: AccessGrant, *, at: datetime.datetime | None = None, actor: Actor) -> AccessGrant:
    """The consumer keeps the granted item: it changes owner, and the element's conversion price is charged."""
    grant = _locked_grant(grant)
    at = _now(at)
    if grant.converted_at is not None:
        raise TransitionRefused({'converted_at': f'{grant.name} was converted already'})
    if grant.revoked_at is not None and grant.revoked_at <= at:
        raise ValidationError({'converted_at': f'{grant.name} was revoked at {grant.revoked_at.isoformat()}: a '
                                               'revoked grant is not converted to a good'})
    if grant.element.conversion_price is None:
        raise ValidationError({'converted_at': f'{grant.element.name} is not convertible to a good'})
    if grant.item is None:
        raise ValidationError({'item': 'only a grant of one item can be converted to a good'})
    ends = grant.ends_at()
    if at < grant.valid_from or (ends is not None and at >= ends):
        raise ValidationError({'converted_at': f'{grant.name} does not hold at {at.isoformat()}'})
    grant.item.owner = grant.subscription.relationship.consumer
    save_object(grant.item, actor=actor)
    grant.converted_at = at
    save_object(grant, actor=actor)
    record_conversion_transfer(grant)
    return grant


@atomic
def end_grants(subscription: Subscription, *, at: datetime.datetime, actor: Actor) -> list[AccessGrant]:
    """Ending a subscription ends its grants at that instant: each one still open then ends at ``at``."""
    ended = []
    grants = subscription.access_grants.select_for_update(of=('self',)).filter(
        valid_from__lt=at, revoked_at__isnull=True, converted_at__isnull=True)
    for grant in grants.exclude(valid_to__lte=at):
        grant.valid_to = at
        save_object(grant, actor=actor)
        ended.append(grant)
    return ended


# Actions.

@atomic
def request_action(
    subscription: Subscription,
    element: OfferingElement,
    *,
    requested_by: Person | None = None,
    at: datetime.datetime | None = None,
    name: str = '',
    actor: Actor,
) -> ActionInstance:
    """Ask for a service action; it is due at the request plus the element's target duration."""
    at = _now(at)
    action = ActionInstance(subscription=subscription, element=element, requested_by=requested_by, requested_at=at,
                            name=name or free_name(ActionInstance, subscription.name, element.name, stamp(at)))
    save_object(action, actor=actor)
    return action


def _locked_action(action: ActionInstance) -> ActionInstance:
    return ActionInstance.objects.select_for_update(of=('self',)).select_related('subscription', 'element').get(
        pk=action.pk)


@atomic
def start_action(action: ActionInstance, *, at: datetime.datetime | None = None, performers: Iterable[Person] = (),
                 actor: Actor) -> ActionInstance:
    """The work begins, by these performers."""
    action = _locked_action(action)
    if action.started_at is not None or action.completed_at is not None:
        raise TransitionRefused({'started_at': f'{action.name} has started already'})
    action.started_at = _now(at)
    save_object(action, actor=actor)
    action.performers.add(*performers)
    return action


@atomic
def complete_action(
    action: ActionInstance,
    *,
    at: datetime.datetime | None = None,
    performers: Iterable[Person] = (),
    consumer_present: bool | None = None,
    quality: int | None = None,
    actor: Actor,
) -> ActionInstance:
    """The work is done: when, by whom besides those who started it, with the consumer or not, and how well."""
    action = _locked_action(action)
    if action.completed_at is not None:
        raise TransitionRefused({'completed_at': f'{action.name} was completed already'})
    action.completed_at = _now(at)
    if consumer_present is not None:
        action.consumer_present = consumer_present
    action.quality = quality
    save_object(action, actor=actor)
    action.performers.add(*performers)
    return action


# Consumption and capacity.

@atomic
def record_consumption(
    subscription: Subscription,
    event: str,
    *,
    at: datetime.datetime,
    quantity: int = 1,
    attributes: dict[str, str] | None = None,
    name: str = '',
    actor: Actor,
) -> ConsumptionEvent:
    """Record one usage fact of a subscription."""
    return record_event(ConsumptionEvent(subscription=subscription, event=event, at=at, quantity=quantity,
                                         attributes=attributes or {}, name=name), actor=actor)


@atomic
def record_period_fact(
    subscription: Subscription, fact: str, value: Decimal, *, period: str, name: str = '', actor: Actor
) -> PeriodFact:
    """Record a fact measured for a subscription over a month (its average balance): a new value replaces the
    month's earlier one, logged as an update, as a corrected measurement does."""
    found = PeriodFact.objects.select_for_update().filter(subscription=subscription, period=period, fact=fact).first()
    if found is None:
        found = PeriodFact(subscription=subscription, period=period, fact=fact,
                           name=name or free_name(PeriodFact, subscription.name, fact, period))
    found.value = value
    save_object(found, actor=actor)
    return found


@atomic
def reserve(
    slot: CapacitySlot,
    subscription: Subscription,
    *,
    units: int = 1,
    at: datetime.datetime | None = None,
    name: str = '',
    actor: Actor,
) -> Reservation:
    """Book units of a slot, only before it ends and never beyond its capacity, also under concurrent bookings.

    The slot's row is locked before the units are counted, so two bookings of the last unit are serialized:
    ``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite the transaction is immediate, which takes the write lock
    as it begins.
    """
    slot = CapacitySlot.objects.select_for_update(of=('self',)).select_related('resource').get(pk=slot.pk)
    at = _now(at)
    reservation = Reservation(slot=slot, subscription=subscription, units=units, at=at,
                              name=name or free_name(Reservation, subscription.name, slot.name, stamp(at)))
    save_object(reservation, actor=actor)
    return reservation


@atomic
def set_delivered_items(delivery: GoodsDelivery, items: Sequence[Item], *, actor: Actor) -> list[DeliveredItem]:
    """Make a recorded delivery's items these (a file records history as written); its ownership transfers follow.

    Each delivered item added or removed has its change-log row; ``PartRefused`` locates a refused one in
    ``items``, so the file format names its line.
    """
    written = sync_parts(
        {delivered.item_id: delivered for delivered in delivery.delivered_items.all()},
        [(item.pk, {'item': item}) for item in items],
        lambda _key: DeliveredItem(delivery=delivery),
        actor=actor, where=('items',),
        duplicate=('item', lambda key: listed_twice(f'item {next(i.name for i in items if i.pk == key)}')))
    record_delivery_transfers(delivery)
    return written
