"""The console's pages of the relationship questions: agreement status and relationship health.

Same parameters as ``/api/v1/questions/{agreement,health}/``; the named objects are looked up
through ``restrict(user, 'view')`` first, so one the reader may not view reads as unknown.
"""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accord.analysis.agreements import PARAMETERS as AGREEMENT
from accord.analysis.agreements import agreement_status, agreement_statuses
from accord.analysis.health import PARAMETERS as HEALTH
from accord.analysis.health import healths, relationship_health
from accord.analysis.page_parameters import asked, read_query
from accord.relationships.choices import RelationshipStatus
from accord.relationships.models import Agreement, Measurement, ServiceRelationship
from accord.relationships.periods import parse_period

MEASURED = ('satisfaction', 'targets', 'value')  # health components from the month's evidence


def current_period() -> str:
    """This month, or (when nothing is measured this month) the latest month anything was measured."""
    this_month = timezone.now().strftime('%Y-%m')
    if Measurement.objects.filter(period=this_month).exists():
        return this_month
    latest = Measurement.objects.order_by('-period').values_list('period', flat=True).first()
    return latest or this_month


def agreement_page(request: HttpRequest) -> HttpResponse:
    """Each target met or missed for a month, the operational and overall lights, and the watermelon flag."""
    agreements = Agreement.objects.restrict(request.user).select_related('relationship').order_by('name')
    context: dict[str, Any] = {'agreements': agreements, 'chosen': request.GET.get('agreement', ''),
                               'period': request.GET.get('period', '').strip() or current_period()}
    if asked(request, AGREEMENT):
        values, context['errors'] = read_query(request, AGREEMENT, defaults={'period': context['period']})
        if values is not None:
            agreement = agreements.filter(name=values['agreement']).first()
            if agreement is None:
                context['errors'] = [f'agreement: unknown agreement {values["agreement"]!r}']
            else:
                context.update(agreement=agreement, status=agreement_status(agreement, values['period']))
    return render(request, 'questions/agreement.html', context)


def health_page(request: HttpRequest) -> HttpResponse:
    """A relationship's health for a month: its score, band and the four components, and its agreements' lights."""
    relationships = ServiceRelationship.objects.restrict(request.user).order_by('name')
    context: dict[str, Any] = {'relationships': relationships, 'chosen': request.GET.get('relationship', ''),
                               'period': request.GET.get('period', '').strip() or current_period()}
    if asked(request, HEALTH):
        values, context['errors'] = read_query(request, HEALTH, defaults={'period': context['period']})
        if values is not None:
            relationship = relationships.filter(name=values['relationship']).first()
            if relationship is None:
                context['errors'] = [f'relationship: unknown relationship {values["relationship"]!r}']
            else:
                period = values['period']
                agreements = list(Agreement.objects.restrict(request.user).filter(relationship=relationship)
                                  .order_by('name'))
                context.update(relationship=relationship, health=relationship_health(relationship, period),
                               agreements=list(zip(agreements, agreement_statuses(agreements, period), strict=True)))
    return render(request, 'questions/health.html', context)


def attention(user: Any) -> dict[str, Any]:
    """What needs attention in the current period: red or watermelon agreements, relationships at risk.

    The questions' batch forms: a fixed number of queries however many agreements and relationships the user sees.
    """
    period = current_period()
    start, end = parse_period(period)
    agreements = list(Agreement.objects.restrict(user).select_related('relationship').filter(
        Q(effective_from__isnull=True) | Q(effective_from__lte=end),
        Q(effective_to__isnull=True) | Q(effective_to__gte=start)).order_by('name'))
    flagged = [(agreement, status) for agreement, status in zip(agreements, agreement_statuses(agreements, period),
                                                                 strict=True)
               if status['overallStatus'] == 'red' or status['watermelon']]
    relationships = list(ServiceRelationship.objects.restrict(user).exclude(
        status=RelationshipStatus.TERMINATED).order_by('name'))
    at_risk, unmeasured = [], 0
    for relationship, health in zip(relationships, healths(relationships, period), strict=True):
        if all(health['components'][name] is None for name in MEASURED):
            unmeasured += 1  # no feedback, target or value review this month: its score says nothing yet
        elif health['band'] != 'healthy':
            at_risk.append((relationship, health))
    return {'period': period, 'flagged': flagged, 'at_risk': at_risk, 'unmeasured': unmeasured}
