"""Quotes: what an offering costs for one period, given that period's facts (R6 to R9).

The computation takes the facts, never where they come from: ``accord quote`` reads them from
the command line, ``accord charges`` derives them from stored consumption events, period
facts and subscriptions. Both answer with the same lines, so a consumer can compare a quote
with the charge that follows it.
"""

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.db.models import Prefetch, QuerySet

from accord.analysis.parameters import Parameter, Parameters
from accord.catalog import pricing
from accord.catalog.choices import FeePeriod
from accord.catalog.models import ServiceOffering, UsageCharge
from accord.core.suggestions import did_you_mean
from accord.parties.models import ConsumerGroup

FEE_BASIS = {
    FeePeriod.MONTH: 'per month',
    FeePeriod.USER_MONTH: 'per user-month',
    FeePeriod.NIGHT: 'per night',
    FeePeriod.ONE_OFF: 'one-off',
}


# Bounds of what a quote is given, so that every amount it computes fits the money arithmetic
# (28 significant digits): a fee or a usage amount (at most 14 digits before the point) times a
# quantity or an event count stays far below it.
MAX_QUANTITY = 1_000_000_000  # users, nights or units quoted, or events of one type in a period
FACT_DIGITS, FACT_PLACES = 20, 4  # as a recorded period fact (provision.PeriodFact.value)


class QuoteError(ValueError):
    """Input a quote cannot be made from: the message names the offering, group or fact at fault.

    ``parameter`` is the input at fault (``offering``, ``group``, ``quantity``, ``fact``,
    ``subscribed``), so that the API can name the query parameter the CLI names in words.
    """

    def __init__(self, message: str, parameter: str | None = None):
        super().__init__(message)
        self.parameter = parameter


def parse_fact(text: str) -> tuple[str, str]:
    """``NAME=VALUE`` split in two (the value still text): one reading for the CLI and the API."""
    name, sep, value = text.partition('=')
    name = name.strip()
    if not sep or not name:
        raise QuoteError(f'{text!r} is not NAME=VALUE', 'fact')
    return name, value.strip()


def parse_facts(pairs: Iterable[tuple[str, str]]) -> dict[str, Decimal]:
    """Fact values by name, as exact decimals; a fact given twice or a value that is no finite number is refused."""
    facts: dict[str, Decimal] = {}
    for name, text in pairs:
        if name in facts:
            raise QuoteError(f'fact {name} is given twice', 'fact')
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise QuoteError(f'fact {name}: {text!r} is not a decimal number', 'fact') from None
        if not value.is_finite():
            raise QuoteError(f'fact {name}: {text!r} is not a finite number', 'fact')
        _bound_fact(name, text, value)
        facts[name] = value
    return facts


def _bound_fact(name: str, text: str, value: Decimal) -> None:
    """A fact is a decimal a period fact could record (20 digits, 4 after the point); beyond, money overflows."""
    if value and value.adjusted() >= FACT_DIGITS - FACT_PLACES:
        raise QuoteError(
            f'fact {name}: {text!r} has more than {FACT_DIGITS - FACT_PLACES} digits before the decimal point', 'fact'
        )
    if value.normalize().as_tuple().exponent < -FACT_PLACES:
        raise QuoteError(f'fact {name}: {text!r} has more than {FACT_PLACES} digits after the decimal point', 'fact')


def parse_quantity(text: str) -> int:
    """Users, nights or units: a whole number (whether it is at least 1 is the quote's to say)."""
    try:
        return int(text)
    except ValueError:
        raise QuoteError(f'{text!r} is not a whole number', 'quantity') from None


PARAMETERS = Parameters(
    Parameter('offering', 'The offering quoted, by name.', required=True),
    Parameter('group', 'The target group quoted for (needed when the offering targets several).'),
    Parameter(
        'quantity',
        'Users, nights or units: from 1 to 1,000,000,000 (default 1).',
        parse=parse_quantity,
        default=lambda: 1,
        schema={'type': 'integer'},
    ),
    Parameter(
        'fact',
        '`NAME=VALUE`, repeatable: a waiver fact, or `EVENT=N` events of a type.',
        parse=parse_fact,
        repeated=True,
        default=dict,
        blank=True,
        trim=False,
        combine=parse_facts,
    ),
    Parameter(
        'subscribed',
        'An offering the consumer also subscribes to, by name (repeatable).',
        repeated=True,
        default=list,
        blank=True,
    ),
)


@dataclass(frozen=True)
class PeriodFacts:
    """What is known about one period: fact values by name and the offerings subscribed to.

    A fact named after an event type is the number of those events; any other fact (such as
    ``direct-deposit-total``) is a measured value. Missing facts count as 0 (catalog-format.md).
    """

    facts: Mapping[str, Decimal] = field(default_factory=dict)
    subscribed: Set[str] = frozenset()


class FeeLine(NamedTuple):
    amount: Decimal
    waived: bool
    reason: str

    def as_json(self, currency: str) -> dict:
        return {'kind': 'fee', 'amount': money(self.amount, currency), 'waived': self.waived, 'reason': self.reason}


class UsageLine(NamedTuple):
    event: str
    count: int
    free: int
    amount: Decimal

    def as_json(self, currency: str) -> dict:
        return {
            'kind': 'usage',
            'event': self.event,
            'count': self.count,
            'free': self.free,
            'amount': money(self.amount, currency),
        }


@dataclass
class PeriodCharge:
    """The lines of one period's charge; the total is their sum, so callers may add lines (conversions)."""

    currency: str | None
    lines: list[FeeLine | UsageLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    def lines_json(self) -> list[dict]:
        return [line.as_json(self.currency or '') for line in self.lines]


def money(amount: Decimal, currency: str | None) -> str:
    """Money with the currency's decimals; without a currency (an unpriced offering) the plain number, '0'."""
    if currency:
        return pricing.format_money(amount, currency)
    return format(amount.normalize(), 'f')


def event_count(event: str, facts: Mapping[str, Decimal | int]) -> int:
    """The number of events of a type in the period: a whole number, 0 when the fact is absent (a count summed from
    stored events is an int, one given or recorded a Decimal)."""
    value = facts.get(event, 0)
    if value < 0 or value != int(value):
        raise QuoteError(
            f'fact {event}: the number of {event} events is a whole number of at least 0, not {value}', 'fact'
        )
    return int(value)


def charge_period(
    offering: ServiceOffering,
    *,
    quantity: int,
    period: PeriodFacts,
    fee_due: bool = True,
    usage_charges: Iterable[UsageCharge] | None = None,
) -> PeriodCharge:
    """Apply the offering's price plan to one period's facts: its fee lines, then its usage lines.

    R6: the fee times the quantity; R7: 0 when the waiver holds; R8: each usage charge beyond
    its allowance; R9: every line says why.
    """
    return PeriodCharge(offering.currency or None, [
        *fee_lines(offering, quantity=quantity, period=period, fee_due=fee_due),
        *usage_lines(offering, period, usage_charges),
    ])


def fee_lines(offering: ServiceOffering, *, quantity: int, period: PeriodFacts, fee_due: bool = True) -> list[FeeLine]:
    """The fee's line (R6, R7), or none: ``fee_due`` is false for a period in which a ``night`` or ``one-off`` fee
    is not due. It reads the quantity, the facts the waivers read and the offerings they name, nothing else."""
    if fee_due and offering.fee_amount is not None:
        return [_fee_line(offering, quantity, period)]
    return []


def usage_lines(offering: ServiceOffering, period: PeriodFacts,
                usage_charges: Iterable[UsageCharge] | None = None) -> list[UsageLine]:
    """A line per usage charge (R8), reading only the counts of its events. ``usage_charges``, sorted by event, are
    the offering's when not given (prefetched, or fetched): a bill run reads them once per offering, not per line."""
    if usage_charges is None:
        usage_charges = sorted(offering.usage_charges.all(), key=lambda u: u.event)
    return [_usage_line(usage, period) for usage in usage_charges]


def _fee_line(offering: ServiceOffering, quantity: int, period: PeriodFacts) -> FeeLine:
    if offering.waivers is None:
        return FeeLine(offering.fee_amount * quantity, False, _fee_basis(offering, quantity))
    outcome = pricing.evaluate(offering.waivers, period.facts, period.subscribed)
    if outcome.held:  # the reason is the waiver's: the fee is not formatted (a bill run waives most fees)
        return FeeLine(Decimal(0), True, outcome.reason)
    basis = _fee_basis(offering, quantity)
    return FeeLine(offering.fee_amount * quantity, False, f'{basis}; not waived: {outcome.reason}')


def _fee_basis(offering: ServiceOffering, quantity: int) -> str:
    basis = f'{money(offering.fee_amount, offering.currency)} {FEE_BASIS.get(offering.fee_per, offering.fee_per)}'
    return f'{basis} × {quantity}'


def _usage_line(usage: UsageCharge, period: PeriodFacts) -> UsageLine:
    count = event_count(usage.event, period.facts)
    free = min(count, usage.allowance)
    return UsageLine(usage.event, count, free, (count - free) * usage.amount)


def used_facts(offering: ServiceOffering) -> set[str]:
    """The facts the offering's price plan looks at: its usage charges' events and its waivers' facts."""
    used = {usage.event for usage in offering.usage_charges.all()}
    if offering.waivers is not None:
        used |= _condition_facts(offering.waivers)
    return used


def _bound_event_counts(offering: ServiceOffering, facts: Mapping[str, Decimal]) -> None:
    """A quote's event counts stay within ``MAX_QUANTITY`` (a charge counts stored events, and is not bounded)."""
    for usage in offering.usage_charges.all():
        value = facts.get(usage.event, Decimal(0))
        if value > MAX_QUANTITY:
            raise QuoteError(
                f'fact {usage.event}: at most {MAX_QUANTITY} {usage.event} events in a period, not {value}', 'fact'
            )


def _refuse_unused_facts(offering: ServiceOffering, facts: Mapping[str, Decimal]) -> None:
    """A fact the price plan never looks at is most likely misspelt: quoting without it would mislead."""
    used = sorted(used_facts(offering))
    for name in sorted(set(facts) - set(used)):
        hint = did_you_mean(name, used) or (
            f'; the facts it uses are {", ".join(used)}' if used else '; it uses no facts'
        )
        raise QuoteError(f'{offering.name} does not use fact {name}{hint}', 'fact')


def unused_subscriptions(offering: str, subscribed: Set[str]) -> list[str]:
    """Offerings subscribed to that the price plan never looks at: harmless, but worth a warning."""
    found = _find_offering(offering)
    used = pricing.check_condition(found.waivers) if found.waivers is not None else set()
    return [f'{found.name} does not depend on a subscription to {name}' for name in sorted(set(subscribed) - used)]


def _condition_facts(condition: Mapping) -> set[str]:
    if 'fact' in condition:
        return {condition['fact']}
    found: set[str] = set()
    for part in condition.get('anyOf', condition.get('allOf', [])):
        found |= _condition_facts(part)
    return found


def quote(
    offering: str,
    *,
    group: str | None = None,
    quantity: int = 1,
    facts: Mapping[str, Decimal],
    subscribed: Set[str],
    groups: QuerySet[ConsumerGroup] | None = None,
    offerings: QuerySet[ServiceOffering] | None = None,
) -> dict:
    """The charge of ``offering`` for one period with the facts given, as ``accord quote`` answers it.

    Any lifecycle may be quoted, so a provider can price a pipeline offering before it goes
    live. Without ``group``, an offering with exactly one target group is quoted for that
    group and one without target groups for none. ``groups`` are the consumer groups the asker
    may see (default: all): only those are chosen, named in messages or accepted, so that a
    quote never reveals a group hidden from the asker. ``offerings`` are the offerings the asker may
    see (default: all): only those are accepted as subscribed to, and a waiver naming another is
    applied as the offering shows it to the asker (``pricing.hide_offerings``): not held, not named.
    """
    offerings = ServiceOffering.objects.all() if offerings is None else offerings
    found = _find_offering(offering, groups)
    _refuse_unused_facts(found, facts)
    _bound_event_counts(found, facts)
    if found.waivers is not None:  # this copy is only quoted, never saved
        named = pricing.check_condition(found.waivers)
        found.waivers = pricing.hide_offerings(found.waivers, set(offerings.filter(name__in=named).values_list(
            'name', flat=True)))
    group_name = _target_group(found, group, groups)
    if quantity < 1:
        raise QuoteError(f'quantity {quantity}: a quote is for a quantity of at least 1', 'quantity')
    if quantity > MAX_QUANTITY:
        raise QuoteError(f'quantity {quantity}: a quote is for a quantity of at most {MAX_QUANTITY}', 'quantity')
    known = set(offerings.filter(name__in=subscribed).values_list('name', flat=True))
    unknown = sorted(set(subscribed) - known)
    if unknown:
        raise QuoteError(
            f'unknown offering {unknown[0]!r} (subscribed to){did_you_mean(unknown[0], _names(offerings))}',
            'subscribed',
        )
    charge = charge_period(found, quantity=quantity, period=PeriodFacts(dict(facts), frozenset(subscribed)))
    return {
        'offering': found.name,
        'group': group_name,
        'currency': charge.currency,
        'quantity': quantity,
        'lines': charge.lines_json(),
        'total': money(charge.total, charge.currency),
    }


def _find_offering(name: str, groups: QuerySet[ConsumerGroup] | None = None) -> ServiceOffering:
    targets = Prefetch('target_groups', queryset=groups) if groups is not None else 'target_groups'
    try:
        return ServiceOffering.objects.prefetch_related(
            targets, Prefetch('usage_charges', queryset=UsageCharge.objects.order_by('event'))
        ).get(name=name)
    except ServiceOffering.DoesNotExist:
        raise QuoteError(
            f'unknown offering {name!r}{did_you_mean(name, _names(ServiceOffering.objects))}', 'offering'
        ) from None


def _target_group(
    offering: ServiceOffering, group: str | None, groups: QuerySet[ConsumerGroup] | None = None
) -> str | None:
    """R14: the group is one of the offering's target groups; the only one when none is named.

    ``offering.target_groups`` holds only the groups the asker may see (see ``_find_offering``).
    """
    targets = sorted(g.name for g in offering.target_groups.all())
    if group is None:
        if len(targets) > 1:
            raise QuoteError(
                f'{offering.name} targets several groups; name one of them: {", ".join(targets)}', 'group'
            )
        return targets[0] if targets else None
    if group in targets:
        return group
    groups = ConsumerGroup.objects.all() if groups is None else groups
    if not groups.filter(name=group).exists():
        raise QuoteError(f'unknown consumer group {group!r}{did_you_mean(group, _names(groups))}', 'group')
    if not targets:
        raise QuoteError(f'{offering.name} has no target groups: quote it without a group', 'group')
    raise QuoteError(
        f'{group} is not a target group of {offering.name} (its target groups: {", ".join(targets)})', 'group'
    )


def _names(objects: QuerySet) -> Iterable[str]:
    return objects.values_list('name', flat=True)
