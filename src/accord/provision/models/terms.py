"""Rules every provision record shares: it happens within its subscription's term, about one element of the
subscription's offering. A file records history, so a record is checked against the subscription's dates (a
subscription that has since ended still held then); only a cancelled subscription never held.
"""

import datetime

from accord.relationships.choices import SubscriptionStatus


def term_start(subscription) -> datetime.datetime:
    """The first instant of the subscription's term: the start of its first day, in UTC."""
    return datetime.datetime.combine(subscription.start, datetime.time(), tzinfo=datetime.UTC)


def term_end(subscription) -> datetime.datetime | None:
    """The instant the subscription's term ends (the start of the day after its inclusive end), or None."""
    if subscription.end is None:
        return None
    return datetime.datetime.combine(subscription.end + datetime.timedelta(days=1), datetime.time(),
                                     tzinfo=datetime.UTC)


def covers(subscription, instant: datetime.datetime) -> bool:
    """Whether the subscription held at ``instant``: within its term and not cancelled."""
    end = term_end(subscription)
    return (subscription.status != SubscriptionStatus.CANCELLED and term_start(subscription) <= instant
            and (end is None or instant < end))


def describe_term(subscription) -> str:
    if subscription.status == SubscriptionStatus.CANCELLED:
        return 'is cancelled'
    until = f'to {subscription.end.isoformat()}' if subscription.end else 'open-ended'
    return f'runs from {subscription.start.isoformat()} {until}'


def not_covered(subscription, instant: datetime.datetime) -> str:
    """The message for a record at an instant its subscription did not hold."""
    return f'{subscription.name} is not active at {instant.isoformat()}: it {describe_term(subscription)}'


def element_errors(subscription, element, kind: str) -> list[str]:
    """Why ``element`` cannot be used for a record of ``kind`` (good, access, action) within ``subscription``."""
    if element.offering_id != subscription.offering_id:
        return [f'{element.name} is not an element of {subscription.offering.name}']
    if element.kind != kind:
        return [f'{element.name} is {_a(element.kind)} element, not {_a(kind)} element']
    return []


def _a(kind: str) -> str:
    return f'an {kind}' if kind[0] in 'aeiou' else f'a {kind}'


def element_resource_ids(element) -> set[int]:
    """The resources an element covers: its component when it names one, else every component of its product."""
    if element.component_id:
        return {element.component_id}
    return set(element.product.components.values_list('resource_id', flat=True))


def ordering_errors(record, first: str, later: dict[str, str]) -> dict[str, list[str]]:
    """Each instant of ``later`` (field → message) that comes before ``first``, reported at its own field.

    The check constraints keep the same order in the database; reporting it here names the field.
    """
    start = getattr(record, first)
    return {attr: [message] for attr, message in later.items()
            if start is not None and getattr(record, attr) is not None and getattr(record, attr) < start}
