"""Money, for a relationship's customers and sponsors: the charges of recent months and what a change of plan costs.

The charges are the bill run's (``accord.analysis.charges.bill_run``) over the subscriptions of the relationships in
which the person is a customer or sponsor, month by month, so they read as ``accord charges`` answers them; each
line's reason is put in words here (fact and offering names, comparison symbols). The quote is the quote question
(``accord.analysis.quotes.quote``) for a live offering of our groups, never another: one outside them answers 404.
"""

import datetime
import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Prefetch, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accord.analysis.charges import bill_run
from accord.analysis.quotes import MAX_QUANTITY, QuoteError, quote
from accord.catalog.choices import Lifecycle
from accord.catalog.models import ServiceOffering
from accord.catalog.pricing import COMPARATOR_WORDS, FACT_COMPARATORS
from accord.parties.models import ConsumerGroup
from accord.portal.scope import MONEY_ROLES, asked_month, narrowed, relationships_for
from accord.portal.views import consumer_page
from accord.provision.models import ConsumptionEvent, PeriodFact
from accord.relationships.models import Subscription
from accord.relationships.periods import parse_period
from accord.ui.values import money as shown_money

RECENT_MONTHS = 3
SYMBOL_WORDS = {symbol: COMPARATOR_WORDS[key] for key, symbol in FACT_COMPARATORS.items()}
COMPARED = re.compile(r'(?P<fact>[a-z0-9][a-z0-9-]*) (?:= (?P<actual>\S+), not )?(?P<symbol>>=|<=|=) (?P<bound>\S+)')
SUBSCRIBED = re.compile(r'subscribed to (?P<name>[a-z0-9][a-z0-9-]*)')


class QuoteForm(forms.Form):
    offering = forms.ChoiceField(label='Offering')
    quantity = forms.IntegerField(label='Quantity', min_value=1, max_value=MAX_QUANTITY,
                                  help_text='Users, nights or units, as on your current plan.')
    month = forms.CharField(widget=forms.HiddenInput, required=False)


@consumer_page
def money(request: HttpRequest) -> HttpResponse:
    """The charges of the last months with data (or the month picked), and a quote for another offering."""
    relationships = narrowed(request, 'relationship', relationships_for(request.user, MONEY_ROLES))
    subscriptions = narrowed(request, 'subscription', Subscription.objects.restrict(request.user).filter(
        relationship__in=relationships).select_related('offering').order_by('name'))
    month, problem = asked_month(request)
    recorded = months_with_records(subscriptions)
    months = [month] if month else recorded[:RECENT_MONTHS] or [timezone.now().strftime('%Y-%m')]
    known = list(subscriptions)
    offerings = ServiceOffering.objects.restrict(request.user)
    titles = dict(offerings.values_list('name', 'title'))
    return render(request, 'portal/money.html', {
        'providers': sorted({r.provider.display_title for r in relationships.select_related('provider')}),
        'month': month or '', 'problem': problem, 'recorded': recorded,
        'charges': [month_charges(bill_run(m, subscriptions=subscriptions, offerings=offerings), known, titles)
                    for m in months],
        **change_of_plan(request, known, offerings, titles),
    })


def months_with_records(subscriptions: QuerySet[Subscription]) -> list[str]:
    """The months, latest first, in which the subscriptions recorded consumption or a period fact (two queries).

    Months are whole days in UTC, as periods are (``accord.relationships.periods``).
    """
    events = (ConsumptionEvent.objects.filter(subscription__in=subscriptions).order_by()
              .annotate(month=TruncMonth('at', tzinfo=datetime.UTC)).values_list('month', flat=True).distinct())
    facts = PeriodFact.objects.filter(subscription__in=subscriptions).order_by().values_list(
        'period', flat=True).distinct()
    return sorted({f'{m:%Y-%m}' for m in events} | set(facts), reverse=True)


def month_charges(run: dict, subscriptions: list[Subscription], titles: dict[str, str]) -> dict:
    """One month's bill run as the page reads it: each subscription's lines in words, and a total per currency."""
    by_name = {s.name: s for s in subscriptions}
    totals: dict[str, Decimal] = defaultdict(Decimal)
    charged = []
    for entry in run['subscriptions']:
        currency = entry['currency'] or ''
        totals[currency] += Decimal(entry['total'])
        charged.append({**entry, 'subscription': by_name[entry['subscription']],
                        'total': shown_money(Decimal(entry['total']), currency),
                        'lines': [_line(line, currency, titles) for line in entry['lines']]})
    return {'period': run['period'], 'first': parse_period(run['period'])[0], 'subscriptions': charged,
            'totals': [shown_money(total, currency) for currency, total in sorted(totals.items())]}


def _line(line: dict, currency: str, titles: dict[str, str]) -> dict:
    # A quote's usage line gives its counts alone; a charge's says them in a reason.
    reason = reason_in_words(line.get('reason') or f'{line["count"]} in the month, {line["free"]} free', titles)
    if line['kind'] == 'fee':
        what = 'Fee'
        reason = f'waived: {reason}' if line['waived'] else reason
    elif line['kind'] == 'usage':
        what = line['event'].replace('-', ' ').capitalize()
        reason = reason.replace(line['event'], line['event'].replace('-', ' '))
    else:
        what = f'Kept {line["item"] or "an item"}'
    return {'what': what, 'amount': shown_money(Decimal(line['amount']), currency), 'reason': reason,
            'waived': line.get('waived', False)}


def reason_in_words(reason: str, titles: dict[str, str]) -> str:
    """A charge's reason in words: 'direct-deposit-total >= 1000' reads 'direct deposit total at least 1000'.

    ``titles`` are the offerings the reader may view, by name: a subscription to one reads by its title.
    """
    def compared(match: re.Match) -> str:
        fact, words = match['fact'].replace('-', ' '), SYMBOL_WORDS[match['symbol']]
        if match['actual'] is not None:
            return f'{fact} {match["actual"]}, not {words} {match["bound"]}'
        return f'{fact} {words} {match["bound"]}'

    text = COMPARED.sub(compared, reason)
    return SUBSCRIBED.sub(lambda m: f'subscribed to {titles.get(m["name"]) or m["name"]}', text)


def change_of_plan(request: HttpRequest, subscriptions: list[Subscription], offerings: QuerySet[ServiceOffering],
                   titles: dict[str, str]) -> dict[str, Any]:
    """The quote form and, when asked, the quote: another live offering of our groups, at our quantity.

    It is quoted for one month without usage, with the offerings we hold now as subscribed to, so each line
    says what would waive the fee or add to it. An offering that is not one of our groups' answers 404.
    """
    groups = ConsumerGroup.objects.restrict(request.user)
    held = {s.offering.name for s in subscriptions if s.is_active_on(timezone.now().date())}
    choices = {o.name: o for o in offerings.filter(lifecycle=Lifecycle.LIVE, target_groups__in=groups).exclude(
        name__in=held).distinct().order_by('name').prefetch_related(
        Prefetch('target_groups', queryset=groups.order_by('name'), to_attr='our_groups'))}
    asked = request.GET.get('offering', '').strip()
    if asked and asked not in choices:
        raise Http404(f'no offering {asked!r} of your groups')
    initial = {'quantity': subscriptions[0].quantity if subscriptions else 1, 'month': request.GET.get('month', '')}
    form = QuoteForm(request.GET if asked else None, initial=initial)
    form.fields['offering'].choices = [(name, o.display_title) for name, o in choices.items()]
    if not asked or not form.is_valid():
        return {'quote_form': form, 'answer': None}
    offering = choices[form.cleaned_data['offering']]
    try:
        answer = quote(offering.name, group=offering.our_groups[0].name, quantity=form.cleaned_data['quantity'],
                       facts={}, subscribed=held, groups=groups, offerings=offerings)
    except QuoteError as error:
        form.add_error(error.parameter if error.parameter in form.fields else None, str(error))
        return {'quote_form': form, 'answer': None}
    currency = answer['currency'] or ''
    return {'quote_form': form, 'quoted': offering, 'answer': {
        **answer, 'total': shown_money(Decimal(answer['total']), currency),
        'lines': [_line(line, currency, titles) for line in answer['lines']]}}
