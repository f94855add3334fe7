"""A practitioner's work queue: the orders to fulfil and the actions due in the provider's relationships.

The queue is what the reader may *change* (``restrict(user, 'change')``): the records of the relationships
where an organization they work for is the provider, never those where it is the consumer. Two queries
whatever its length; it is sorted by due time, the overdue first, then what has no due time, oldest first.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from accord.core.querysets import sees_all, staff_organizations
from accord.parties.models import Organization, Person
from accord.provision.choices import OrderStatus
from accord.provision.models import ActionInstance, Order
from accord.provision.models.actions import due_time


@dataclass(frozen=True)
class Work:
    """One entry of the queue: an order to fulfil or an action to start or complete."""

    record: Order | ActionInstance
    what: str
    consumer: Organization
    requested_by: Person | None
    since: datetime.datetime
    due: datetime.datetime | None
    overdue: bool

    @property
    def is_order(self) -> bool:
        return isinstance(self.record, Order)


def may_work(user: Any) -> bool:
    """Whether ``user`` does fulfilment for some provider: they may change its orders or its actions."""
    if user is None or not user.is_authenticated:
        return False
    return any(sees_all(user, model, 'change') or staff_organizations(user, model, 'change')
               for model in (Order, ActionInstance))


def order_due(order: Order) -> datetime.datetime | None:
    """When an order for a request item is due: placed plus its element's target duration, if it has one."""
    element = order.request_item.element if order.request_item_id else None
    if element is None or element.target_duration_amount is None:
        return None
    return due_time(order.at, element.target_duration_amount, element.target_duration_unit)


def orders_to_fulfil(user: Any, now: datetime.datetime) -> list[Work]:
    orders = Order.objects.restrict(user, 'change').filter(status=OrderStatus.APPROVED).select_related(
        'relationship__consumer', 'requested_by', 'request_item__element', 'offering')
    work = []
    for order in orders:
        due = order_due(order)
        what = (order.request_item.title or order.request_item.name) if order.request_item_id else (
            f'Subscribe to {order.offering.title or order.offering.name}')
        work.append(Work(order, what, order.relationship.consumer, order.requested_by, order.at, due,
                         due is not None and due < now))
    return work


def actions_due(user: Any, now: datetime.datetime) -> list[Work]:
    actions = ActionInstance.objects.restrict(user, 'change').filter(completed_at__isnull=True).select_related(
        'subscription__relationship__consumer', 'element', 'requested_by')
    return [Work(action, action.element.name.replace('-', ' ').capitalize(), action.subscription.relationship.consumer,
                 action.requested_by, action.requested_at, action.due_at,
                 action.due_at is not None and action.due_at < now)
            for action in actions]


def work_queue(user: Any, now: datetime.datetime) -> list[Work]:
    """Every order to fulfil and action due that ``user`` may do, by due time (overdue first), then the rest."""
    work = orders_to_fulfil(user, now) + actions_due(user, now)
    return sorted(work, key=lambda entry: (entry.due is None, entry.due or entry.since, entry.since,
                                           entry.record.name))
