"""Charges: what a subscription owes for a month, from what was recorded (R6 to R9, catalog-format.md section 4).

``accord quote`` prices an offering with facts typed on the command line; ``accord charges`` prices a
subscription with facts derived from stored records, through the same ``charge_period``:

- a fact ``E`` is the sum of ``quantity`` of the subscription's consumption events of type ``E`` in the
  month, ``E-total`` the sum of their ``amount`` attribute (an amount that is no decimal number counts
  nothing), any other fact the subscription's ``PeriodFact`` of that name (0 when absent);
- ``subscribedTo`` holds when the same consumer holds a subscription to that offering at some time in
  the month;
- a ``month`` or ``user-month`` fee is due in full for every month the subscription holds at some time;
  a ``night`` or ``one-off`` fee once, in the month it starts; fees are never prorated;
- each access grant whose item was kept (converted) in the month adds a conversion line at the
  element's price.

A subscription holds in a month when it is not cancelled and its term (start to inclusive end) meets
the month: a subscription that has ended since still owes for the months it held (as provision
records are checked, ``accord.provision.models.terms``). Outside its term the charge is "0.00" with no
lines.

The bill run (``bill_run``) prices every subscription holding in the month with the same rules, set
by set: one grouped query sums the month's events per subscription and type, whatever their number,
and memory grows with the subscriptions (one row per subscription and event type), never with the events.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Case, DecimalField, Prefetch, Q, QuerySet, Sum, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from accord.analysis.agreements import period_instants
from accord.analysis.parameters import PERIOD, Parameter, Parameters
from accord.analysis.quotes import PeriodCharge, PeriodFacts, charge_period, money, used_facts
from accord.catalog import pricing
from accord.catalog.choices import FeePeriod
from accord.catalog.models import ServiceOffering, UsageCharge
from accord.core.suggestions import did_you_mean
from accord.provision.models import AccessGrant, ConsumptionEvent, PeriodFact
from accord.relationships.choices import SubscriptionStatus
from accord.relationships.models import Subscription
from accord.relationships.periods import parse_period

PARAMETERS = Parameters(Parameter('subscription', 'The subscription charged, by name.', required=True), PERIOD)
BILL_RUN_PARAMETERS = Parameters(PERIOD)
TOTAL_SUFFIX = '-total'
AMOUNT = r'^\s*-?[0-9]+(\.[0-9]+)?\s*$'  # an amount attribute that counts: a plain decimal number
MONTHLY_FEES = {FeePeriod.MONTH, FeePeriod.USER_MONTH}


class ChargesError(ValueError):
    """A charge asked for an unknown subscription or a malformed period; ``parameter`` names which."""

    def __init__(self, message: str, parameter: str):
        super().__init__(message)
        self.parameter = parameter


@dataclass(frozen=True)
class Month:
    """The month charged: its name, its first and last days, and the instants bounding it [start, end)."""

    period: str
    first: datetime.date
    last: datetime.date
    start: datetime.datetime
    end: datetime.datetime

    @classmethod
    def of(cls, period: str) -> 'Month':
        try:
            first, last = parse_period(period)
            start, end = period_instants(period)
        except ValidationError as error:
            raise ChargesError('; '.join(error.messages), 'period') from None
        return cls(period, first, last, start, end)

    def holding(self) -> Q:
        """Subscriptions that hold at some time in the month: not cancelled, their term meeting it."""
        return (~Q(status=SubscriptionStatus.CANCELLED) & Q(start__lte=self.last)
                & (Q(end__isnull=True) | Q(end__gte=self.first)))


def charges(
    subscription: Subscription | str, period: str, *, offerings: QuerySet[ServiceOffering] | None = None
) -> dict:
    """The month's charge of ``subscription`` (or its name), as ``accord charges`` answers it.

    ``offerings`` are those the asker may see (default: all): a waiver naming another is shown as
    ``quote`` shows it, unnamed. Runs a fixed number of queries, however many events the month holds.
    """
    month = Month.of(period)
    name = subscription.name if isinstance(subscription, Subscription) else subscription
    found = Subscription.objects.filter(name=name).values(*SUBSCRIPTION_FIELDS).first()
    if found is None:
        known = Subscription.objects.values_list('name', flat=True)
        raise ChargesError(f'unknown subscription {name!r}{did_you_mean(name, known)}', 'subscription')
    scope = Subscription.objects.filter(pk=found['id'])
    run = _BillRun(month, scope, [found], offerings)
    return run.charge(found)


def bill_run(
    period: str,
    *,
    subscriptions: QuerySet[Subscription] | None = None,
    offerings: QuerySet[ServiceOffering] | None = None,
) -> dict:
    """Every subscription holding in ``period`` charged, with totals per provider and currency (``charges --all``).

    A subscription of an offering without a price plan (no currency) has nothing to invoice: it is listed
    apart, under ``unpriced``, rather than as a line without a currency and a total in none.
    ``subscriptions`` are those the asker may see (default: all). Six queries, whatever the numbers of
    subscriptions and events.
    """
    month = Month.of(period)
    scope = (Subscription.objects.all() if subscriptions is None else subscriptions).filter(month.holding())
    rows = list(scope.order_by('name').values(*SUBSCRIPTION_FIELDS))
    run = _BillRun(month, None if subscriptions is None else scope, rows, offerings)
    lines, unpriced = [], []
    totals: dict[tuple[str, str], list] = {}
    for row in rows:
        priced = run.price(row)
        provider = row['relationship__provider__name']
        line = {'subscription': row['name'], 'offering': priced.offering, 'provider': provider,
                'consumer': row['relationship__consumer__name']}
        if priced.currency is None:  # no price plan: nothing to invoice, in no currency
            unpriced.append(line)
            continue
        lines.append({**line, 'currency': priced.currency, 'quantity': row['quantity'], 'lines': priced.lines,
                      'total': priced.total_text})
        entry = totals.setdefault((provider, priced.currency), [0, Decimal(0)])
        entry[0] += 1
        entry[1] += priced.total
    return {
        'period': month.period,
        'subscriptions': lines,
        'totals': [{'provider': provider, 'currency': currency, 'subscriptions': count, 'total': money(total, currency)}
                   for (provider, currency), (count, total) in sorted(totals.items())],
        'unpriced': unpriced,
    }


SUBSCRIPTION_FIELDS = ('id', 'name', 'offering_id', 'quantity', 'start', 'end', 'status', 'relationship__consumer_id',
                       'relationship__consumer__name', 'relationship__provider__name')


@dataclass(frozen=True)
class _Priced:
    """A subscription's month priced. Subscriptions priced alike share one: its lines are read, never changed."""

    offering: str
    currency: str | None
    lines: list[dict]
    total: Decimal
    total_text: str


@dataclass(frozen=True)
class _Inputs:
    """What an offering's charge reads of a month: facts (by name), and the offerings its waivers name."""

    facts: tuple[str, ...]
    waiver_only: Mapping[str, list[tuple[str, Decimal]]]  # facts only waivers compare: their comparisons
    named: frozenset[str]

    @classmethod
    def of(cls, offering: ServiceOffering, usage: list[UsageCharge]) -> '_Inputs':
        events = {u.event for u in usage}
        comparisons = pricing.fact_comparisons(offering.waivers)
        return cls(tuple(sorted(events | set(comparisons))),
                   {f: c for f, c in comparisons.items() if f not in events}, pricing.offerings_named(offering.waivers))

    def signature(self, facts: Mapping[str, Decimal], subscribed: frozenset[str]) -> tuple:
        """Equal for two subscriptions whose charges read alike: each fact by its text (2 and 2.0000 are equal,
        but a reason shows the value as recorded), or True for a fact whose every comparison holds (its reasons
        do not show it); the offerings named among those subscribed to."""
        return (tuple([self._fact(name, facts.get(name)) for name in self.facts]),
                subscribed & self.named if self.named else None)

    def _fact(self, name: str, value: Decimal | None) -> str | bool | None:
        comparisons = self.waiver_only.get(name)
        actual = Decimal(0) if value is None else value
        if comparisons and all(pricing.compare(comparator, actual, bound) for comparator, bound in comparisons):
            return True
        return None if value is None else str(value)


class _BillRun:
    """The month's records of a set of subscriptions, each read in one query, and the charge of each.

    A charge depends only on the offering, the quantity, whether the fee is due, the facts its price plan looks
    at and the offerings its waivers name: subscriptions alike in these (most of a bill run: the same few event
    counts, the same waiver outcome) are priced once, and share the lines.
    """

    def __init__(self, month: Month, scope: QuerySet[Subscription] | None, rows: list[dict],
                 offerings: QuerySet[ServiceOffering] | None):
        """``scope``: the subscriptions charged, or None for all (the records of the month are then read whole,
        without a join: records of a subscription not charged are simply never looked up)."""
        self.month = month
        self.offerings = _offerings({row['offering_id'] for row in rows}, offerings)
        totals = {e[:-len(TOTAL_SUFFIX)] for o in self.offerings.values() for e in used_facts(o)
                  if e.endswith(TOTAL_SUFFIX)}
        self.facts = _period_facts(month, scope)
        for subscription_id, derived in _event_facts(month, scope, totals).items():
            self.facts[subscription_id].update(derived)
        self.subscribed = _subscribed(month, scope, rows, self.offerings)
        self.conversions = _conversions(month, scope)
        self.usage = {o.pk: sorted(o.usage_charges.all(), key=lambda u: u.event) for o in self.offerings.values()}
        self.unit_prices = {(o.pk, u.event): money(u.amount, o.currency or None)
                            for o in self.offerings.values() for u in self.usage[o.pk]}
        self.inputs = {o.pk: _Inputs.of(o, self.usage[o.pk]) for o in self.offerings.values()}
        self.priced: dict[tuple, _Priced] = {}

    def charge(self, row: Mapping) -> dict:
        """The charge of one subscription, as ``accord charges`` answers it."""
        priced = self.price(row)
        return {
            'offering': priced.offering,
            'subscription': row['name'],
            'period': self.month.period,
            'currency': priced.currency,
            'quantity': row['quantity'],
            'lines': priced.lines,
            'total': priced.total_text,
        }

    def price(self, row: Mapping) -> _Priced:
        """The lines and total of one subscription (a row of ``SUBSCRIPTION_FIELDS``): priced once per signature."""
        offering_id = row['offering_id']  # not offering.pk: a property, read per subscription
        offering = self.offerings[offering_id]
        holds = (row['status'] != SubscriptionStatus.CANCELLED and row['start'] <= self.month.last
                 and (row['end'] is None or row['end'] >= self.month.first))
        if not holds:
            return self._once((offering_id,), lambda: self._priced(offering, PeriodCharge(offering.currency or None)))
        facts = self.facts.get(row['id'], {})
        subscribed = self.subscribed.get(row['relationship__consumer_id'], frozenset())
        fee_due = offering.fee_per in MONTHLY_FEES or self.month.first <= row['start'] <= self.month.last
        key = (offering_id, row['quantity'], fee_due, *self.inputs[offering_id].signature(facts, subscribed))
        priced = self._once(key, lambda: self._priced(offering, charge_period(
            offering, quantity=row['quantity'], period=PeriodFacts(facts, subscribed), fee_due=fee_due,
            usage_charges=self.usage[offering_id])))
        conversions = self.conversions.get(row['id'])
        if not conversions:
            return priced
        total = priced.total + sum((c['element__conversion_price'] for c in conversions), Decimal(0))
        return _Priced(priced.offering, priced.currency,
                       [*priced.lines, *(_conversion_line(c, priced.currency) for c in conversions)],
                       total, money(total, priced.currency))

    def _once(self, key: tuple, price: Callable[[], _Priced]) -> _Priced:
        priced = self.priced.get(key)
        if priced is None:
            priced = self.priced[key] = price()
        return priced

    def _priced(self, offering: ServiceOffering, charge: PeriodCharge) -> _Priced:
        lines = charge.lines_json()
        for line in lines:
            if line['kind'] == 'usage':
                line['reason'] = _usage_reason(line, self.month.period, self.unit_prices[offering.pk, line['event']])
        total = charge.total
        return _Priced(offering.name, charge.currency, lines, total, money(total, charge.currency))


def _offerings(ids: set[int], visible: QuerySet[ServiceOffering] | None) -> dict[int, ServiceOffering]:
    """The offerings charged, with their usage charges (two queries); waivers as the asker may read them."""
    found = {o.pk: o for o in ServiceOffering.objects.filter(pk__in=ids).prefetch_related(
        Prefetch('usage_charges', queryset=UsageCharge.objects.order_by('event')))}
    if visible is not None:
        named = set().union(*(pricing.check_condition(o.waivers) for o in found.values() if o.waivers is not None))
        shown = set(visible.filter(name__in=named).values_list('name', flat=True)) if named else set()
        for offering in found.values():  # these copies are only read, never saved
            if offering.waivers is not None:
                offering.waivers = pricing.hide_offerings(offering.waivers, shown)
    return found


def _event_facts(month: Month, scope: QuerySet[Subscription] | None, totals: set[str]) -> dict[int, dict[str, Decimal]]:
    """Per subscription, ``E`` (events of type E) and ``E-total`` (their amounts): one grouped query.

    ``totals`` are the event types whose amounts some price plan looks at; only those are summed. The rows (one
    per subscription and event type, never per event) are read whole, not through a server-side cursor: for a
    cursor PostgreSQL plans for the first rows and walks the events in subscription order, about twice as slow.
    """
    events = _within(ConsumptionEvent.objects.filter(at__gte=month.start, at__lt=month.end), scope)
    annotations = {'count': Sum('quantity')}
    if totals:
        amount = KeyTextTransform('amount', 'attributes')
        annotations['amount'] = Sum(Case(
            When(Q(event__in=sorted(totals)) & Q(attributes__amount__regex=AMOUNT),
                 then=Cast(amount, DecimalField(max_digits=20, decimal_places=4))),
            output_field=DecimalField(max_digits=24, decimal_places=4),
        ))
    found: dict[int, dict[str, Decimal]] = defaultdict(dict)
    rows = events.order_by().values('subscription_id', 'event').annotate(**annotations).values_list(
        'subscription_id', 'event', *annotations)  # tuples: no dictionary built per row
    for subscription_id, event, count, *amount in rows:
        facts = found[subscription_id]
        facts[event] = Decimal(count)
        if amount and amount[0] is not None:
            facts[event + TOTAL_SUFFIX] = Decimal(amount[0])
    return found


def _period_facts(month: Month, scope: QuerySet[Subscription] | None) -> dict[int, dict[str, Decimal]]:
    found: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for subscription_id, fact, value in _within(PeriodFact.objects.filter(period=month.period), scope).order_by(
            ).values_list('subscription_id', 'fact', 'value'):
        found[subscription_id][fact] = value
    return found


def _subscribed(month: Month, scope: QuerySet[Subscription] | None, rows: list[dict],
                offerings: Mapping[int, ServiceOffering]) -> dict[int, frozenset[str]]:
    """Per consumer of the subscriptions charged, the offerings it holds a subscription to in the month.

    When every subscription is charged (``scope`` None) the rows are all those holding in the month: read from
    them, without a query. Frozen once here, so the consumer's subscriptions share one set rather than copying it.
    """
    if scope is None:
        pairs = [(row['relationship__consumer_id'], offerings[row['offering_id']].name) for row in rows]
    else:
        pairs = Subscription.objects.filter(month.holding(), relationship__consumer__in=scope.values(
            'relationship__consumer_id')).order_by().values_list('relationship__consumer_id', 'offering__name')
    found: dict[int, set[str]] = defaultdict(set)
    for consumer, offering in pairs:
        found[consumer].add(offering)
    return {consumer: frozenset(offerings) for consumer, offerings in found.items()}


def _conversions(month: Month, scope: QuerySet[Subscription] | None) -> dict[int, list[dict]]:
    """Per subscription, the grants whose item was kept in the month, with the element's price."""
    found: dict[int, list[dict]] = defaultdict(list)
    for grant in _within(AccessGrant.objects.filter(
            converted_at__gte=month.start, converted_at__lt=month.end,
            element__conversion_price__isnull=False), scope).order_by('name').values(
            'subscription_id', 'name', 'element__name', 'element__conversion_price', 'item__name', 'converted_at'):
        found[grant['subscription_id']].append(grant)
    return found


def _within(records: QuerySet, scope: QuerySet[Subscription] | None) -> QuerySet:
    return records if scope is None else records.filter(subscription__in=scope)


def _usage_reason(line: Mapping, period: str, unit: str) -> str:
    return f'{line["count"]} {line["event"]} event(s) in {period}, {line["free"]} free, {unit} each beyond them'


def _conversion_line(grant: Mapping, currency: str | None) -> dict:
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

