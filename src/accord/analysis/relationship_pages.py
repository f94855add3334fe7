"""The console's pages of the relationship questions: agreement status, relationship health, and a quote.

Same parameters as ``/api/v1/questions/{agreement,health,quote}/``; the named objects are looked up
through ``restrict(user, 'view')`` first, so one the reader may not view reads as unknown.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accord.analysis.agreements import AgreementError, agreement_status
from accord.analysis.health import HealthError, relationship_health
from accord.analysis.quotes import QuoteError, parse_fact, parse_facts, quote
from accord.catalog.models import ServiceOffering
from accord.parties.models import ConsumerGroup
from accord.relationships.choices import RelationshipStatus
from accord.relationships.models import Agreement, Measurement, ServiceRelationship
from accord.relationships.periods import parse_period

LIGHTS = {'green': 'green', 'amber': 'amber', 'red': 'red', None: 'grey'}


def current_period() -> str:
    """This month, or (when nothing is measured this month) the latest month anything was measured."""
    this_month = timezone.now().strftime('%Y-%m')
    if Measurement.objects.filter(period=this_month).exists():
        return this_month
    latest = Measurement.objects.order_by('-period').values_list('period', flat=True).first()
    return latest or this_month


def _period(request: HttpRequest) -> str:
    period = request.GET.get('period', '').strip() or current_period()
    try:
        parse_period(period)
    except ValidationError as error:
        raise AgreementError('; '.join(error.messages)) from None
    return period


def agreement_page(request: HttpRequest) -> HttpResponse:
    """Each target met or missed for a month, the operational and overall lights, and the watermelon flag."""
    agreements = Agreement.objects.restrict(request.user).select_related('relationship').order_by('name')
    context: dict[str, Any] = {'agreements': agreements, 'chosen': request.GET.get('agreement', '')}
    try:
        context['period'] = _period(request)
        if context['chosen']:
            agreement = agreements.filter(name=context['chosen']).first()
            if agreement is None:
                raise AgreementError(f'unknown agreement {context["chosen"]!r}')
            context.update(agreement=agreement, status=agreement_status(agreement, context['period']))
    except AgreementError as error:
        context['error'] = str(error)
    return render(request, 'questions/agreement.html', context)


def health_page(request: HttpRequest) -> HttpResponse:
    """A relationship's health for a month: its score, band and the four components."""
    relationships = ServiceRelationship.objects.restrict(request.user).select_related('provider', 'consumer')
    context: dict[str, Any] = {'relationships': relationships.order_by('name'),
                               'chosen': request.GET.get('relationship', '')}
    try:
        context['period'] = _period(request)
        if context['chosen']:
            relationship = relationships.filter(name=context['chosen']).first()
            if relationship is None:
                raise HealthError(f'unknown relationship {context["chosen"]!r}')
            health = relationship_health(relationship, context['period'])
            context.update(relationship=relationship, health=health,
                           agreements=[(a, agreement_status(a, context['period']))
                                       for a in Agreement.objects.restrict(request.user).filter(
                                           relationship=relationship).order_by('name')])
    except (AgreementError, HealthError) as error:
        context['error'] = str(error)
    return render(request, 'questions/health.html', context)


def quote_page(request: HttpRequest) -> HttpResponse:
    """What an offering would charge a group for one period with the facts given, line by line with reasons."""
    offerings = ServiceOffering.objects.restrict(request.user).order_by('name')
    groups = ConsumerGroup.objects.restrict(request.user).order_by('name')
    context: dict[str, Any] = {
        'offerings': offerings, 'groups': groups, 'chosen': request.GET.get('offering', ''),
        'group': request.GET.get('group', ''), 'facts': request.GET.getlist('fact'),
        'subscribed': request.GET.getlist('subscribed'), 'quantity': request.GET.get('quantity', '1'),
    }
    if context['chosen']:
        try:
            if not offerings.filter(name=context['chosen']).exists():
                raise QuoteError(f'unknown offering {context["chosen"]!r}', 'offering')
            try:
                quantity = int(context['quantity'])
            except ValueError:
                raise QuoteError(f'quantity {context["quantity"]!r} is not a whole number', 'quantity') from None
            facts = parse_facts(parse_fact(text) for text in context['facts'] if text.strip())
            context['answer'] = quote(context['chosen'], group=context['group'] or None, quantity=quantity,
                                      facts=facts, subscribed={s for s in context['subscribed'] if s},
                                      groups=groups, offerings=offerings)
        except QuoteError as error:
            context['error'] = str(error)
    return render(request, 'questions/quote.html', context)


def attention(user: Any) -> dict[str, Any]:
    """What needs attention in the current period: red or watermelon agreements, relationships at risk."""
    period = current_period()
    start, end = parse_period(period)
    agreements = Agreement.objects.restrict(user).select_related('relationship').filter(
        Q(effective_from__isnull=True) | Q(effective_from__lte=end),
        Q(effective_to__isnull=True) | Q(effective_to__gte=start)).order_by('name')
    flagged = []
    for agreement in agreements:
        status = agreement_status(agreement, period)
        if status['overallStatus'] == 'red' or status['watermelon']:
            flagged.append((agreement, status))
    at_risk = []
    for relationship in ServiceRelationship.objects.restrict(user).exclude(
            status=RelationshipStatus.TERMINATED).order_by('name'):
        health = relationship_health(relationship, period)
        if health['band'] != 'healthy':
            at_risk.append((relationship, health))
    return {'period': period, 'flagged': flagged, 'at_risk': at_risk}
