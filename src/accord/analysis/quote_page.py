"""The console's quote page: an offering, a group, a quantity, and a row per fact the offering's price plan reads.

The address takes the API's parameters (``/api/v1/questions/quote/``), facts as ``fact=NAME=VALUE``, repeatable.
A form cannot join a fixed name and a typed value in one parameter, so each row of the form is named
``fact.NAME``; a submitted form is sent on to the same question in the API's shape, so that the address shown
is the one to share. The rows' names come from the price plan (``used_facts``): nobody types a fact's name, and
a misspelt one in an address is refused by the question with the nearest names (``core.suggestions``).
"""

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from accord.analysis.page_parameters import asked, read_query
from accord.analysis.quotes import PARAMETERS as QUOTE
from accord.analysis.quotes import QuoteError, parse_fact, quote, used_facts
from accord.catalog.models import ServiceOffering, UsageCharge
from accord.core.suggestions import did_you_mean
from accord.parties.models import ConsumerGroup

ROW = 'fact.'


def api_query(query: QueryDict) -> QueryDict:
    """The form's query in the API's shape: each filled ``fact.NAME`` row becomes ``fact=NAME=VALUE``; blank
    fields are left out, as the question reads them as not given."""
    shaped = QueryDict(mutable=True)
    for key, values in query.lists():
        for value in (value for value in values if value.strip()):
            if key.startswith(ROW):
                shaped.appendlist('fact', f'{key.removeprefix(ROW)}={value.strip()}')
            else:
                shaped.appendlist(key, value)
    return shaped


def given_facts(texts: list[str]) -> dict[str, str]:
    """The facts of the address by name, as typed; one that is not NAME=VALUE is left to the question to refuse."""
    given = {}
    for text in texts:
        try:
            name, value = parse_fact(text)
        except QuoteError:
            continue
        given.setdefault(name, value)
    return given


def fact_rows(offering: ServiceOffering | None, given: dict[str, str]) -> list[dict[str, str]]:
    """A row per fact the offering's price plan reads, with the value given and what the plan does with it."""
    if offering is None:
        return []
    events = {usage.event for usage in offering.usage_charges.all()}
    return [{'name': name, 'field': f'{ROW}{name}', 'value': given.get(name, ''),
             'hint': 'events of this type in the period, charged by use' if name in events
             else 'a fact of the period the fee waiver reads'}
            for name in sorted(used_facts(offering))]


def quote_page(request: HttpRequest) -> HttpResponse:
    """What an offering would charge a group for one period with the facts given, line by line with reasons."""
    if any(key.startswith(ROW) for key in request.GET):
        return redirect(f'{request.path}?{api_query(request.GET).urlencode()}')
    offerings = ServiceOffering.objects.restrict(request.user).order_by('name')
    groups = ConsumerGroup.objects.restrict(request.user).order_by('name')
    chosen = request.GET.get('offering', '')
    shown = offerings.prefetch_related(Prefetch('usage_charges', UsageCharge.objects.order_by('event')))
    offering = (shown.filter(name=chosen) if chosen else shown).first()
    context: dict[str, Any] = {
        'offerings': offerings, 'groups': groups, 'chosen': chosen, 'offering': offering,
        'group': request.GET.get('group', ''), 'fact_rows': fact_rows(offering, given_facts(
            request.GET.getlist('fact'))),
        'subscribed': request.GET.getlist('subscribed'), 'quantity': request.GET.get('quantity', '1'),
    }
    if asked(request, QUOTE):
        values, context['errors'] = read_query(request, QUOTE)
        if values is not None:
            context.update(_answer(values, offerings, groups))
    return render(request, 'questions/quote.html', context)


def _answer(values: dict[str, Any], offerings: Any, groups: Any) -> dict[str, Any]:
    """The quote, or the question's refusal named by its parameter, as the API's 400 names it."""
    try:
        if not offerings.filter(name=values['offering']).exists():
            known = offerings.values_list('name', flat=True)
            raise QuoteError(f'unknown offering {values["offering"]!r}{did_you_mean(values["offering"], known)}',
                             'offering')
        return {'answer': quote(values['offering'], group=values.get('group'), quantity=values['quantity'],
                                facts=values['fact'], subscribed=set(values['subscribed']), groups=groups,
                                offerings=offerings)}
    except QuoteError as error:
        return {'errors': [f'{error.parameter}: {error}']}
