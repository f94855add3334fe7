"""Service levels, for a relationship's customers: the agreements' targets as traffic lights, health, and feedback.

Each figure is the question's (``accord.analysis.agreements.agreement_statuses``, ``accord.analysis.health.healths``,
the batch forms of what the API and ``accord`` answer) for a month, over the relationships in which the person is a
customer; the page only puts them in words, in a fixed number of queries however many relationships and agreements.
The feedback form records Feedback through ``accord.relationships.services.give_feedback``, the person as the giver:
a consumer may not add Feedback through the API (it is the provider's record), so the portal's customer role is
the check.
"""

from fractions import Fraction
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accord.analysis.agreements import WATERMELON_SATISFACTION, agreement_statuses, mean_feedbacks, period_instants
from accord.analysis.health import WEIGHTS, healths
from accord.core.choices import ChangeSource
from accord.core.querysets import consumer_organizations
from accord.core.services import Actor
from accord.parties.models import Person
from accord.portal.scope import SERVICE_LEVEL_ROLES, asked_month, narrowed, relationships_for
from accord.portal.views import consumer_page
from accord.relationships.choices import Comparator, TargetKind
from accord.relationships.models import Agreement, AgreementTarget, Measurement, ServiceRelationship
from accord.relationships.periods import parse_period
from accord.relationships.services import give_feedback

SCORES = [(1, '1 · poor'), (2, '2'), (3, '3'), (4, '4'), (5, '5 · excellent')]
COMPONENTS = {
    'satisfaction': 'the mean score of the feedback given this month, from 1 (0.00) to 5 (1.00)',
    'targets': 'the share of experience and outcome targets met among those measured',
    'value': 'the latest value review: negative 0, neutral 0.50, positive 1',
    'engagement': 'a relationship review in the 90 days up to the month’s end: 1, else 0',
}


class FeedbackForm(forms.Form):
    relationship = forms.ChoiceField(label='About')
    score = forms.TypedChoiceField(label='Score', choices=SCORES, coerce=int, widget=forms.RadioSelect,
                                   error_messages={'required': 'Give a score from 1 to 5.',
                                                   'invalid_choice': 'A score is from 1 to 5, not %(value)s.'})
    comment = forms.CharField(label='Comment', required=False, max_length=2000,
                              widget=forms.Textarea(attrs={'rows': 3}),
                              help_text='What went well, what did not (optional).')


@consumer_page
def service_levels(request: HttpRequest) -> HttpResponse:
    """The month's traffic lights, watermelon flags and health of my relationships, and the feedback form."""
    relationships = narrowed(request, 'relationship', relationships_for(request.user, SERVICE_LEVEL_ROLES))
    agreements = narrowed(request, 'agreement', Agreement.objects.restrict(request.user).filter(
        relationship__in=relationships))
    form = feedback_form(request, relationships)
    if request.method == 'POST' and form.is_valid() and record(request, form, relationships):
        return redirect(f'{request.get_full_path()}#main')  # back to the top, where the thanks show
    month, problem = asked_month(request)
    period = month or latest_measured(agreements)
    first, last = parse_period(period)
    in_force = agreements.filter(Q(effective_from__isnull=True) | Q(effective_from__lte=last),
                                 Q(effective_to__isnull=True) | Q(effective_to__gte=first)).order_by('name')
    units = {(a, name): unit for a, name, unit in AgreementTarget.objects.filter(agreement__in=in_force).values_list(
        'agreement_id', 'name', 'unit')}
    in_force = list(in_force)
    by_relationship: dict[int, list] = {}
    for agreement, status in zip(in_force, agreement_statuses(in_force, period), strict=True):
        by_relationship.setdefault(agreement.relationship_id, []).append(explained(agreement, status, units))
    mine = list(relationships.order_by('name'))
    start, end = period_instants(period)
    means = mean_feedbacks([r.pk for r in mine], start, end)
    return render(request, 'portal/service_levels.html', {
        'month': month or '', 'problem': problem, 'period': period, 'first': first, 'form': form,
        'relationships': [relationship_levels(r, health, means.get(r.pk), by_relationship.get(r.pk, []))
                          for r, health in zip(mine, healths(mine, period), strict=True)],
    }, status=400 if form.errors else 200)


def latest_measured(agreements: QuerySet[Agreement]) -> str:
    """The latest month up to now in which one of the agreements' targets was measured; this month when none."""
    this_month = timezone.now().strftime('%Y-%m')
    latest = (Measurement.objects.filter(target__agreement__in=agreements, period__lte=this_month)
              .order_by('-period').values_list('period', flat=True).first())
    return latest or this_month


def explained(agreement: Agreement, status: dict, units: dict[tuple[int, str], str]) -> dict[str, Any]:
    """The agreement question's answer in words, with the experience and outcome targets missed inside a watermelon."""
    targets = []
    for target in status['targets']:
        unit = units[agreement.pk, target['name']]
        targets.append({**target, 'what': target['name'].replace('-', ' ').capitalize(),
                        'wanted': f'{Comparator(target["comparator"]).label} {_with_unit(target["value"], unit)}',
                        'measured': None if target['actual'] is None else _with_unit(target['actual'], unit)})
    inside = [t['what'].lower() for t in targets
              if t['kind'] in (TargetKind.EXPERIENCE, TargetKind.OUTCOME) and t['met'] is False]
    return {'agreement': agreement, 'status': status, 'targets': targets, 'missed_inside': inside}


def _with_unit(value: str, unit: str) -> str:
    return f'{value}{unit}' if unit in ('', '%') else f'{value} {unit}'


def relationship_levels(relationship: ServiceRelationship, health: dict, mean: Fraction | None,
                        agreements: list[dict]) -> dict[str, Any]:
    """A relationship's health with each component's weight and meaning, its mean feedback, and its agreements."""
    return {
        'relationship': relationship, 'health': health, 'agreements': agreements,
        'mean_feedback': None if mean is None else f'{float(mean):.1f}',
        'satisfaction_low': mean is not None and mean < WATERMELON_SATISFACTION,
        'components': [(name.capitalize(), f'{int(WEIGHTS[name] * 100)}%', health['components'][name], meaning)
                       for name, meaning in COMPONENTS.items()],
    }


def feedback_form(request: HttpRequest, relationships: QuerySet[ServiceRelationship]) -> FeedbackForm:
    """The form, bound on a POST; the relationship it is about is one of mine (any other name: 404)."""
    choices = [(r.name, r.display_title) for r in relationships.order_by('name')]
    data = request.POST if request.method == 'POST' else None
    if data is not None and data.get('relationship') not in {name for name, _title in choices}:
        raise Http404('no such relationship of yours')
    form = FeedbackForm(data, initial={'relationship': choices[0][0]})
    form.fields['relationship'].choices = choices
    if len(choices) == 1:
        form.fields['relationship'].widget = forms.HiddenInput()
    return form


def record(request: HttpRequest, form: FeedbackForm, relationships: QuerySet[ServiceRelationship]) -> bool:
    """Record the feedback, the signed-in person as its giver; the model's refusals go to their field."""
    relationship = relationships.get(name=form.cleaned_data['relationship'])
    person = Person.objects.get(pk=consumer_organizations(request.user)[1])
    try:
        give_feedback(relationship, person, score=form.cleaned_data['score'], comment=form.cleaned_data['comment'],
                      actor=Actor(user=request.user, source=ChangeSource.UI))
    except ValidationError as refused:
        for field, problems in getattr(refused, 'message_dict', {None: refused.messages}).items():
            form.add_error(field if field in form.fields else None, problems)
        return False
    messages.success(request, f'Thank you: your feedback on {relationship.display_title} is recorded. '
                              f'It counts in this month’s satisfaction.')
    return True
