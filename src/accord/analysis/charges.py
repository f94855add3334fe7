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
by set: one grouped query sums the month's events per subscription (a column per event type the price
plans read), whatever their number, and memory grows with the subscriptions, never with the events.
Subscriptions alike share their priced lines (``accord.analysis.charge_lines``). A number read from
the database shows in a reason as written (999.99, 500), whatever the database (``stored_decimal``).
"""

import datetime
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connections
from django.db.models import DecimalField, F, Prefetch, Q, QuerySet, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from accord.analysis.agreements import period_instants
from accord.analysis.charge_lines import ZERO, Inputs, Part, Priced, conversion_line, joined, usage_reason
from accord.analysis.parameters import PERIOD, Parameter, Parameters
from accord.analysis.quotes import FeeLine, PeriodFacts, UsageLine, fee_lines, money, usage_lines, used_facts
from accord.catalog import pricing
from accord.catalog.models import ServiceOffering, UsageCharge
from accord.core.decimals import stored_decimal
from accord.core.suggestions import did_you_mean
from accord.provision.models import AccessGrant, ConsumptionEvent, PeriodFact
from accord.relationships.choices import SubscriptionStatus
from accord.relationships.models import Subscription
from accord.relationships.periods import parse_period

PARAMETERS = Parameters(Parameter('subscription', 'The subscription charged, by name.', required=True), PERIOD)
BILL_RUN_PARAMETERS = Parameters(PERIOD)
TOTAL_SUFFIX = '-total'
AMOUNT = r'^\s*-?[0-9]+(\.[0-9]+)?\s*$'  # an amount attribute that counts: a plain decimal number
NO_FACTS: Mapping[str, Decimal] = {}
NO_OFFERINGS: frozenset[str] = frozenset()


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
    found = _subscription_rows(Subscription.objects.filter(name=name))
    if not found:
        known = Subscription.objects.values_list('name', flat=True)
        raise ChargesError(f'unknown subscription {name!r}{did_you_mean(name, known)}', 'subscription')
    row = found[0]
    run = _BillRun(month, Subscription.objects.filter(pk=row.id), found, offerings)
    return run.charge(row)


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
    rows = _subscription_rows(scope.order_by('name'))
    run = _BillRun(month, None if subscriptions is None else scope, rows, offerings)
    lines, unpriced = [], []
    totals: dict[tuple[str, str], list] = {}
    for row in rows:
        priced = run.price(row)
        if priced.currency is None:  # no price plan: nothing to invoice, in no currency
            unpriced.append({'subscription': row.name, 'offering': priced.offering, 'provider': row.provider,
                             'consumer': row.consumer})
            continue
        lines.append({'subscription': row.name, 'offering': priced.offering, 'provider': row.provider,
                      'consumer': row.consumer, 'currency': priced.currency, 'quantity': row.quantity,
                      'lines': priced.lines, 'total': priced.total_text})
        entry = totals.get((row.provider, priced.currency))
        if entry is None:
            entry = totals[row.provider, priced.currency] = [0, Decimal(0)]
        entry[0] += 1
        entry[1] += priced.total
    return {
        'period': month.period,
        'subscriptions': lines,
        'totals': [{'provider': provider, 'currency': currency, 'subscriptions': count, 'total': money(total, currency)}
                   for (provider, currency), (count, total) in sorted(totals.items())],
        'unpriced': unpriced,
    }


def _subscription_rows(scope: QuerySet[Subscription]) -> list:
    """The subscriptions charged as named rows of what a charge reads (a row is a fact: no model built per row)."""
    return list(scope.annotate(consumer_id=F('relationship__consumer_id'), consumer=F('relationship__consumer__name'),
                               provider=F('relationship__provider__name')).values_list(
        'id', 'name', 'offering_id', 'quantity', 'start', 'end', 'status', 'consumer_id', 'consumer', 'provider',
        named=True))


class _BillRun:
    """The month's records of a set of subscriptions, each read in one query, and the charge of each.

    A charge's fee lines depend only on the offering, the quantity, whether the fee is due, the facts its waivers
    read and the offerings they name; its usage lines on the offering and its events' counts. Subscriptions alike
    in these (most of a bill run: the same few event counts, the same waiver outcome) are priced once and share
    the lines; a fee line of its own (a deposit total shown in its reason) still shares the usage lines.
    """

    def __init__(self, month: Month, scope: QuerySet[Subscription] | None, rows: list,
                 offerings: QuerySet[ServiceOffering] | None):
        """``scope``: the subscriptions charged, or None for all (the records of the month are then read whole,
        without a join: records of a subscription not charged are simply never looked up)."""
        self.month = month
        self.offerings = _offerings({row.offering_id for row in rows}, offerings)
        used = set().union(*(used_facts(o) for o in self.offerings.values()))
        totals = {fact[:-len(TOTAL_SUFFIX)] for fact in used if fact.endswith(TOTAL_SUFFIX)}
        self.facts = _event_facts(month, scope, totals, events=used | totals)
        for subscription_id, recorded in _period_facts(month, scope).items():
            facts = self.facts[subscription_id]
            for fact, value in recorded.items():  # a fact derived from events wins over one recorded by that name
                facts.setdefault(fact, value)
        self.usage = {o.pk: sorted(o.usage_charges.all(), key=lambda u: u.event) for o in self.offerings.values()}
        self.unit_prices = {(o.pk, u.event): money(u.amount, o.currency or None)
                            for o in self.offerings.values() for u in self.usage[o.pk]}
        self.inputs = {o.pk: Inputs.of(o, self.usage[o.pk]) for o in self.offerings.values()}
        named = frozenset().union(*(inputs.named for inputs in self.inputs.values()))
        self.subscribed = _subscribed(month, scope, rows, self.offerings, named)
        self.conversions = _conversions(month, scope)
        self.priced: dict[tuple, Priced] = {}
        self.fees: dict[tuple, Part] = {}
        self.usages: dict[tuple, Part] = {}

    def charge(self, row) -> dict:
        """The charge of one subscription (a row of ``_subscription_rows``), as ``accord charges`` answers it;
        outside its term, "0.00" with no lines."""
        month = self.month
        holds = (row.status != SubscriptionStatus.CANCELLED and row.start <= month.last
                 and (row.end is None or row.end >= month.first))
        offering = self.offerings[row.offering_id]
        priced = self.price(row) if holds else joined(offering, [], ZERO)
        return {
            'offering': priced.offering,
            'subscription': row.name,
            'period': month.period,
            'currency': priced.currency,
            'quantity': row.quantity,
            'lines': priced.lines,
            'total': priced.total_text,
        }

    def price(self, row) -> Priced:
        """The lines and total of one subscription holding in the month (a row of ``_subscription_rows``): its fee
        and usage lines priced once per signature, and their sum once per pair of them."""
        offering_id = row.offering_id
        offering = self.offerings[offering_id]
        inputs = self.inputs[offering_id]
        facts = self.facts.get(row.id, NO_FACTS)
        subscribed = self.subscribed.get(row.consumer_id, NO_OFFERINGS)
        fee_due = inputs.monthly or self.month.first <= row.start <= self.month.last
        fee_key = (offering_id, row.quantity, fee_due, *inputs.fee_signature(facts, subscribed))
        usage_key = (offering_id, inputs.usage_signature(facts))
        priced = self.priced.get((fee_key, usage_key))
        if priced is None:
            period = PeriodFacts(facts, subscribed)
            fee = self.fees.get(fee_key)
            if fee is None:
                fee = self.fees[fee_key] = self._part(offering, fee_lines(
                    offering, quantity=row.quantity, period=period, fee_due=fee_due))
            usage = self.usages.get(usage_key)
            if usage is None:
                usage = self.usages[usage_key] = self._part(offering, usage_lines(
                    offering, period, self.usage[offering_id]))
            priced = self.priced[fee_key, usage_key] = joined(offering, [*fee.lines, *usage.lines],
                                                               fee.total + usage.total)
        conversions = self.conversions.get(row.id)
        if not conversions:
            return priced
        return joined(offering, [*priced.lines, *(conversion_line(c, priced.currency) for c in conversions)],
                       priced.total + sum((c['element__conversion_price'] for c in conversions), ZERO))

    def _part(self, offering: ServiceOffering, lines: list[FeeLine | UsageLine]) -> Part:
        """Lines as the answer shows them (a usage line with its reason), and the sum of their exact amounts."""
        currency = offering.currency or ''
        shown = []
        for line in lines:
            json = line.as_json(currency)
            if json['kind'] == 'usage':
                json['reason'] = usage_reason(json, self.month.period, self.unit_prices[offering.pk, json['event']])
            shown.append(json)
        return Part(shown, sum((line.amount for line in lines), ZERO))


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


def _event_facts(month: Month, scope: QuerySet[Subscription] | None, totals: Collection[str],
                 events: Collection[str] = ()) -> dict[int, dict[str, Decimal]]:
    """Per subscription, ``E`` (the quantities of its events of type E, summed) for each type of ``events`` and of
    ``totals``, and ``E-total`` (their amounts) for each type of ``totals``: one grouped query.

    A row per subscription and a column per fact, never a row per event: the price plans read a few event types, and
    a row per subscription and type would be three times as many rows to read. The rows are read whole, not through
    a server-side cursor (for a cursor PostgreSQL plans for the first rows and walks the events in subscription
    order, about twice as slow), and as the driver gives them: ids and sums need none of Django's converters, and
    each sum is made exact here (``stored_decimal``).
    """
    counted, summed = sorted(set(events) | set(totals)), sorted(totals)
    amount = Cast(KeyTextTransform('amount', 'attributes'), DecimalField(max_digits=20, decimal_places=4))
    columns = {f'count{n}': Sum('quantity', filter=Q(event=event)) for n, event in enumerate(counted)}
    columns |= {f'total{n}': Sum(amount, filter=Q(event=event, attributes__amount__regex=AMOUNT))
                for n, event in enumerate(summed)}
    names = [*counted, *(event + TOTAL_SUFFIX for event in summed)]
    records = ConsumptionEvent.objects.filter(at__gte=month.start, at__lt=month.end, event__in=counted)
    found: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in _driver_rows(_within(records, scope).order_by().values('subscription_id').annotate(
            **columns).values_list(*columns, 'subscription_id')):
        facts = found[row[-1]] = {}
        for name, value in zip(names, row, strict=False):  # the sums, then the subscription
            if value is not None:
                facts[name] = value if type(value) is int else stored_decimal(value)  # a count stays an int
    return found


def _driver_rows(query: QuerySet) -> list[tuple]:
    """The rows of ``query``, built by Django, as the database driver returns them (no converter per value)."""
    try:
        sql, params = query.query.sql_with_params()
    except EmptyResultSet:
        return []
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _period_facts(month: Month, scope: QuerySet[Subscription] | None) -> dict[int, dict[str, Decimal]]:
    found: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for subscription_id, fact, value in _within(PeriodFact.objects.filter(period=month.period), scope).order_by(
            ).values_list('subscription_id', 'fact', 'value'):
        found[subscription_id][fact] = stored_decimal(value)
    return found


def _subscribed(month: Month, scope: QuerySet[Subscription] | None, rows: list,
                offerings: Mapping[int, ServiceOffering], named: frozenset[str]) -> dict[int, frozenset[str]]:
    """Per consumer of the subscriptions charged, the offerings among ``named`` (those some waiver names: all that
    is read of them) it holds a subscription to in the month.

    When every subscription is charged (``scope`` None) the rows are all those holding in the month: read from
    them, without a query. Frozen once here, so the consumer's subscriptions share one set rather than copying it.
    """
    if not named:
        return {}
    if scope is None:
        pairs = [(row.consumer_id, name) for row in rows if (name := offerings[row.offering_id].name) in named]
    else:
        consumers = scope.values('relationship__consumer_id')
        pairs = Subscription.objects.filter(month.holding(), offering__name__in=named,
                                            relationship__consumer__in=consumers).order_by().values_list(
            'relationship__consumer_id', 'offering__name')
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
