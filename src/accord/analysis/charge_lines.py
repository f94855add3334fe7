"""The lines of a month's charge as a bill run shares them: what a charge reads (its signature), and its lines.

A charge's fee lines depend only on the offering, the quantity, whether the fee is due, the facts its waivers read
and the offerings they name; its usage lines on the offering and the counts of its events. ``Inputs`` says what an
offering's charge reads, and the two signatures of a subscription's month; ``Priced`` is a priced charge, or one
part of it, that subscriptions alike share.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from accord.analysis.quotes import money
from accord.catalog import pricing
from accord.catalog.choices import FeePeriod
from accord.catalog.models import ServiceOffering, UsageCharge

MONTHLY_FEES = {FeePeriod.MONTH, FeePeriod.USER_MONTH}
ZERO = Decimal(0)


class Part(NamedTuple):
    """A part of a month's charge, its fee lines or its usage lines, shared by the subscriptions alike in it."""

    lines: list[dict]
    total: Decimal


class Priced(NamedTuple):
    """A subscription's month priced. Subscriptions priced alike share one: its lines are read, never changed."""

    offering: str
    currency: str | None
    lines: list[dict]
    total: Decimal
    total_text: str


@dataclass(frozen=True)
class Inputs:
    """What an offering's charge reads of a month: whether its fee is due every month, the facts its waivers read
    (each with the tests of its comparisons) and the offerings they name; the events its usage charges count."""

    monthly: bool
    waiver_facts: tuple[tuple[str, tuple[tuple[Callable[[Decimal, Decimal], bool], Decimal], ...]], ...]
    named: frozenset[str]
    events: tuple[str, ...]

    @classmethod
    def of(cls, offering: ServiceOffering, usage: list[UsageCharge]) -> 'Inputs':
        comparisons = pricing.fact_comparisons(offering.waivers)
        tests = {fact: tuple((pricing.COMPARISONS[comparator], bound) for comparator, bound in found)
                 for fact, found in comparisons.items()}
        return cls(offering.fee_per in MONTHLY_FEES, tuple(sorted(tests.items())),
                   pricing.offerings_named(offering.waivers), tuple(u.event for u in usage))

    def fee_signature(self, facts: Mapping[str, Decimal], subscribed: frozenset[str]) -> tuple:
        """Equal for two subscriptions whose fee lines read alike: each fact a waiver reads by its text (as a reason
        shows it), or True when its every comparison holds (a reason then does not show it); the offerings named
        among those subscribed to. Called per subscription billed: plain loops, no call per comparison."""
        shown = []
        for name, tests in self.waiver_facts:
            value = facts.get(name)
            actual = ZERO if value is None else value
            for test, bound in tests:
                if not test(actual, bound):
                    shown.append(None if value is None else str(value))
                    break
            else:
                shown.append(True)
        return tuple(shown), subscribed & self.named if self.named else None

    def usage_signature(self, facts: Mapping[str, Decimal]) -> tuple:
        """Equal for two subscriptions whose usage lines read alike: the count of each event charged."""
        return tuple([facts.get(event) for event in self.events])


def joined(offering: ServiceOffering, lines: list[dict], total: Decimal) -> Priced:
    """Lines and their total in the offering's currency."""
    currency = offering.currency or None
    return Priced(offering.name, currency, lines, total, money(total, currency))


def usage_reason(line: Mapping, period: str, unit: str) -> str:
    return f'{line["count"]} {line["event"]} event(s) in {period}, {line["free"]} free, {unit} each beyond them'


def conversion_line(grant: Mapping, currency: str | None) -> dict:
    item = grant['item__name'] or 'the item'
    return {
        'kind': 'conversion',
        'grant': grant['name'],
        'element': grant['element__name'],
        'item': grant['item__name'],
        'amount': money(grant['element__conversion_price'], currency),
        'reason': f'{item} kept on {grant["converted_at"].date().isoformat()}: {grant["element__name"]} converted '
                  f'to a good at its price',
    }

