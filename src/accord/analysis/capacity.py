"""Perishability measured: per capacity slot of a resource, what was offered, used and lost (``accord capacity``).

A slot's units not reserved by the time it ends are lost (domain.md section 2): ``perished`` counts them for
slots that have ended, 0 for a slot still open to reservations; ``unrealizedRevenue`` is the perished units at
the slot's unit price (null for a slot without a price); ``utilization`` is used over capacity.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from accord.analysis.health import two_decimals
from accord.analysis.impact import read_instant
from accord.analysis.parameters import Parameter, Parameters
from accord.analysis.quotes import money
from accord.core.suggestions import did_you_mean
from accord.provision.models import CapacitySlot
from accord.resources.models import Resource


def instant_parameter(name: str, help: str) -> Parameter:
    return Parameter(name, f'{help}: an ISO 8601 instant with a UTC offset (encode `+` as `%2B`).', parse=read_instant,
                     required=True, schema={'type': 'string', 'format': 'date-time'})


PARAMETERS = Parameters(
    Parameter('resource', 'The resource, by name.', required=True),
    instant_parameter('from', 'The first instant'),
    instant_parameter('to', 'The instant the span ends (excluded)'),
)


class CapacityError(ValueError):
    """Capacity asked of an unknown resource or over a span that ends before it starts."""

    def __init__(self, message: str, parameter: str):
        super().__init__(message)
        self.parameter = parameter


def slots_between(resources: Iterable[int] | QuerySet, start: datetime.datetime, end: datetime.datetime,
                  ) -> QuerySet[CapacitySlot]:
    """The slots of ``resources`` that overlap [start, end), with their reserved units as ``used``."""
    return CapacitySlot.objects.filter(Q(resource__in=resources), start__lt=end, end__gt=start).annotate(
        used=Coalesce(Sum('reservations__units'), 0)).order_by('start', 'name')


def slot_figures(slot: CapacitySlot, now: datetime.datetime) -> dict:
    """Capacity, used, perished, utilization and unrealized revenue of one slot (``used`` annotated)."""
    perished = max(slot.capacity - slot.used, 0) if slot.end <= now else 0
    return {
        'slot': slot.name,
        'start': slot.start.isoformat(),
        'end': slot.end.isoformat(),
        'capacity': slot.capacity,
        'used': slot.used,
        'perished': perished,
        'utilization': two_decimals(Fraction(slot.used, slot.capacity)),
        'unrealizedRevenue': None if slot.unit_price is None else money(perished * slot.unit_price, slot.currency),
        'currency': slot.currency or None,
    }


def capacity(resource: str, start: datetime.datetime, end: datetime.datetime,
             now: datetime.datetime | None = None) -> dict:
    """Per slot of ``resource`` overlapping [start, end), by start: two queries."""
    if end <= start:
        raise CapacityError(f'the span ends at {end.isoformat()}, not after it starts at {start.isoformat()}', 'to')
    found = Resource.objects.filter(name=resource).values_list('pk', flat=True).first()
    if found is None:
        known = Resource.objects.values_list('name', flat=True)
        raise CapacityError(f'unknown resource {resource!r}{did_you_mean(resource, known)}', 'resource')
    now = now or datetime.datetime.now(datetime.UTC)
    return {'resource': resource, 'slots': [slot_figures(slot, now) for slot in slots_between([found], start, end)]}


def totals(slots: list[dict]) -> dict:
    """The slots' figures added up: capacity, used, perished, utilization and unrealized revenue per currency."""
    offered = sum(slot['capacity'] for slot in slots)
    used = sum(slot['used'] for slot in slots)
    revenue: dict[str, Decimal] = {}
    for slot in slots:
        if slot['unrealizedRevenue'] is not None:
            revenue[slot['currency']] = revenue.get(slot['currency'], Decimal(0)) + Decimal(slot['unrealizedRevenue'])
    return {
        'slots': len(slots),
        'capacity': offered,
        'used': used,
        'perished': sum(slot['perished'] for slot in slots),
        'utilization': two_decimals(Fraction(used, offered)) if offered else None,
        'unrealizedRevenue': {currency: money(amount, currency) for currency, amount in sorted(revenue.items())},
    }
