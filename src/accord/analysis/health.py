"""Relationship health for a monthly period: one score, its band, and the four components beside it.

``score = 0.4 × satisfaction + 0.3 × targets + 0.2 × value + 0.1 × engagement`` (domain.md section 6):

- **satisfaction**: (mean feedback score in the period − 1) / 4, from 0 (all 1s) to 1 (all 5s);
  missing without feedback in the period.
- **targets**: the share of the relationship's experience and outcome targets (over all its
  agreements, whatever their effective dates) met, among those measured in the period; missing
  when none is measured. Operational targets do not count: health is about what the consumer gets.
- **value**: 0, 0.5 or 1 for the overall assessment (negative, neutral, positive) of the latest
  value review whose period is the period or an earlier one; of two reviews of the same period,
  the one recorded last. Missing without such a review.
- **engagement**: 1 when a relationship review took place in the 90 whole days (UTC) that end with
  the period's last day, else 0; never missing. With ``end`` the last instant of the last day the
  window is ``(end − 90 days, end]``: for March 2025, from 1 January 00:00 to 31 March 24:00. A
  review after the period does not count.

A missing component is shown as ``null`` and the weights of the others are rescaled to sum to 1.
Every figure is computed exactly (fractions) and only the answer is rounded, half-up, to two
decimals. The band is taken on the unrounded score: ≥ 0.75 healthy, ≥ 0.5 watch, else at-risk.
So an unrounded 0.745 shows ``"0.75"`` yet is ``watch``: the band says whether the threshold is
reached, and 0.745 does not reach 0.75.
"""

import datetime
from collections.abc import Iterable
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db.models import F, OuterRef, Subquery

from accord.analysis.agreements import mean_feedbacks, period_instants
from accord.analysis.parameters import PERIOD, Parameter, Parameters
from accord.core.suggestions import did_you_mean
from accord.relationships.choices import TargetKind, ValueAssessment
from accord.relationships.models import Measurement, RelationshipReview, ServiceRelationship, ValueReview

PARAMETERS = Parameters(Parameter('relationship', 'The service relationship, by name.', required=True), PERIOD)
WEIGHTS = {
    'satisfaction': Fraction(4, 10),
    'targets': Fraction(3, 10),
    'value': Fraction(2, 10),
    'engagement': Fraction(1, 10),
}
VALUE_SCORES = {
    ValueAssessment.NEGATIVE: Fraction(0),
    ValueAssessment.NEUTRAL: Fraction(1, 2),
    ValueAssessment.POSITIVE: Fraction(1),
}
ENGAGEMENT_WINDOW = datetime.timedelta(days=90)
BANDS = ((Fraction(3, 4), 'healthy'), (Fraction(1, 2), 'watch'))
LOWEST_BAND = 'at-risk'


class HealthError(Exception):
    """Health was asked for an unknown relationship or a malformed period."""


def two_decimals(figure: Fraction) -> str:
    """A computed figure (0 or more) rounded half-up to two decimals, exactly: 0.125 → "0.13"."""
    hundredths = int(figure * 100 + Fraction(1, 2))  # floor, as figures are never negative
    return f'{hundredths // 100}.{hundredths % 100:02d}'


def band_of(score: Fraction) -> str:
    """The band of an unrounded score."""
    return next((band for threshold, band in BANDS if score >= threshold), LOWEST_BAND)


def relationship_health(relationship: ServiceRelationship | str, period: str) -> dict:
    """The health of ``relationship`` (a relationship or its name) in ``period``, as ``accord health`` answers it.

    Runs five queries (four when given a relationship), however many feedback, targets and reviews there are.
    """
    if not isinstance(relationship, ServiceRelationship):
        _instants(period)  # a malformed period is said before an unknown relationship
        try:
            relationship = ServiceRelationship.objects.only('id', 'name').get(name=relationship)
        except ServiceRelationship.DoesNotExist:
            known = ServiceRelationship.objects.values_list('name', flat=True)
            raise HealthError(f'unknown relationship {relationship!r}{did_you_mean(relationship, known)}') from None
    return healths([relationship], period)[0]


def healths(relationships: Iterable[ServiceRelationship], period: str) -> list[dict]:
    """The health of each of ``relationships`` in ``period``, in their order: what ``relationship_health`` answers.

    Runs four queries however many relationships, feedback, targets and reviews there are (none without
    relationships), so that a page listing relationships does not run the question once per row.
    """
    start, end = _instants(period)
    relationships = list(relationships)
    if not relationships:
        return []
    ids = [relationship.pk for relationship in relationships]
    satisfaction = {pk: (mean - 1) / 4 for pk, mean in mean_feedbacks(ids, start, end).items()}
    targets, value, engaged = _targets(ids, period), _value(ids, period), _engaged(ids, end)
    return [_answer(relationship, period, {
        'satisfaction': satisfaction.get(relationship.pk),
        'targets': targets.get(relationship.pk),
        'value': value.get(relationship.pk),
        'engagement': Fraction(int(relationship.pk in engaged)),
    }) for relationship in relationships]


def _instants(period: str) -> tuple[datetime.datetime, datetime.datetime]:
    try:
        return period_instants(period)
    except ValidationError as error:
        raise HealthError('; '.join(error.messages)) from None


def _answer(relationship: ServiceRelationship, period: str, components: dict[str, Fraction | None]) -> dict:
    present = {name: figure for name, figure in components.items() if figure is not None}
    score = sum(WEIGHTS[name] * figure for name, figure in present.items()) / sum(WEIGHTS[name] for name in present)
    return {
        'relationship': relationship.name,
        'period': period,
        'score': two_decimals(score),
        'band': band_of(score),
        'components': {name: None if figure is None else two_decimals(figure) for name, figure in components.items()},
    }


def _targets(ids: list[int], period: str) -> dict[int, Fraction]:
    """Per relationship, the share of its experience and outcome targets met among those measured in the period."""
    measurements = Measurement.objects.filter(
        period=period,
        target__agreement__relationship__in=ids,
        target__kind__in=[TargetKind.EXPERIENCE, TargetKind.OUTCOME],
    ).select_related('target').annotate(of_relationship=F('target__agreement__relationship_id'))
    results: dict[int, list[bool]] = {}
    for measurement in measurements:
        results.setdefault(measurement.of_relationship, []).append(measurement.target.is_met_by(measurement.value))
    return {pk: Fraction(sum(met), len(met)) for pk, met in results.items()}


def _value(ids: list[int], period: str) -> dict[int, Fraction]:
    """Per relationship with a value review up to the period, the latest one's overall assessment as a figure."""
    latest = ValueReview.objects.filter(relationship=OuterRef('pk'), period__lte=period).order_by(
        '-period', '-created', '-pk').values('overall')[:1]
    overall = ServiceRelationship.objects.filter(pk__in=ids).annotate(overall=Subquery(latest)).values_list(
        'pk', 'overall')
    return {pk: VALUE_SCORES[assessment] for pk, assessment in overall if assessment is not None}


def _engaged(ids: list[int], end: datetime.datetime) -> set[int]:
    """The relationships reviewed in the window; ``end`` is the first instant after the period: reviews at or
    after it are outside the window."""
    return set(RelationshipReview.objects.filter(
        relationship__in=ids, at__gte=end - ENGAGEMENT_WINDOW, at__lt=end
    ).values_list('relationship_id', flat=True).order_by().distinct())
