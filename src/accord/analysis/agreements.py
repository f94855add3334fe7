"""Agreement status for a monthly period: each target met or missed, and the watermelon effect.

A watermelon is green outside and red inside: every operational target is met (availability,
resolution times), yet the consumer's experience or the outcomes they wanted are not there (an
experience or outcome target missed, or the mean satisfaction of the relationship's feedback
below 3.5 out of 5). Operational reports alone would call such a relationship healthy.

Rules (domain.md section 6, catalog-format.md section 4):

- A target without a measurement for the period answers ``"actual": null, "met": null``; the
  statuses and the watermelon flag consider measured targets only.
- ``operationalStatus`` is ``green`` when every measured operational target is met, ``red`` when
  one is missed, ``null`` when none is measured; ``overallStatus`` is the same over every
  measured target.
- ``watermelon`` needs at least one measured operational target and every measured operational
  target met; then an experience or outcome target missed, or a mean feedback score below 3.5
  in the period, makes it true. Without feedback in the period it rests on the targets alone.
- Feedback is the agreement's relationship's, given during the period (whole days in UTC).
"""

import datetime
from collections.abc import Iterable
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Sum

from accord.analysis.parameters import PERIOD, Parameter, Parameters
from accord.core.decimals import canonical_decimal
from accord.core.suggestions import did_you_mean
from accord.relationships.choices import TargetKind
from accord.relationships.models import Agreement, AgreementTarget, Feedback, Measurement
from accord.relationships.periods import parse_period

WATERMELON_SATISFACTION = Fraction(7, 2)
PARAMETERS = Parameters(Parameter('agreement', 'The agreement, by name.', required=True), PERIOD)


class AgreementError(Exception):
    """An agreement status was asked for an unknown agreement or a malformed period."""


def period_instants(period: str) -> tuple[datetime.datetime, datetime.datetime]:
    """The period ``YYYY-MM`` as instants in UTC: its first moment (included) and the next month's (excluded).

    Raises ``ValidationError`` naming the period when it is not ``YYYY-MM``.
    """
    first, last = parse_period(period)
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=datetime.UTC)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC)
    return start, end


def mean_feedbacks(
    relationship_ids: Iterable[int], start: datetime.datetime, end: datetime.datetime
) -> dict[int, Fraction]:
    """The exact mean feedback score in [start, end) of each relationship that has feedback then, in one query."""
    totals = (Feedback.objects.filter(relationship_id__in=list(relationship_ids), at__gte=start, at__lt=end)
              .values('relationship_id').annotate(total=Sum('score'), count=Count('id')).order_by())
    return {row['relationship_id']: Fraction(row['total'], row['count']) for row in totals}


def status_of(results: list[bool]) -> str | None:
    """``green`` when every result is a success, ``red`` when one is not, ``None`` without results."""
    if not results:
        return None
    return 'green' if all(results) else 'red'


def agreement_status(agreement: Agreement | str, period: str) -> dict:
    """The status of ``agreement`` (an agreement or its name) for ``period``, as ``accord agreement`` answers it.

    Runs four queries (three when given an agreement), however many targets and feedback there are.
    """
    if not isinstance(agreement, Agreement):
        period_instants_or_error(period)  # a malformed period is said before an unknown agreement
        try:
            agreement = Agreement.objects.only('id', 'name', 'relationship_id').get(name=agreement)
        except Agreement.DoesNotExist:
            known = Agreement.objects.values_list('name', flat=True)
            raise AgreementError(f'unknown agreement {agreement!r}{did_you_mean(agreement, known)}') from None
    return agreement_statuses([agreement], period)[0]


def agreement_statuses(agreements: Iterable[Agreement], period: str) -> list[dict]:
    """The status of each of ``agreements`` for ``period``, in their order: what ``agreement_status`` answers.

    Runs three queries however many agreements, targets and feedback there are (none without agreements), so
    that a page listing agreements does not run the question once per row.
    """
    start, end = period_instants_or_error(period)
    agreements = list(agreements)
    if not agreements:
        return []
    # Sorted by name, as the contract sorts every list of an answer (not in the order written).
    targets = AgreementTarget.objects.filter(agreement__in=[a.pk for a in agreements]).order_by(
        'name').prefetch_related(
        Prefetch('measurements', queryset=Measurement.objects.filter(period=period), to_attr='in_period'))
    by_agreement: dict[int, list[AgreementTarget]] = {}
    for target in targets:
        by_agreement.setdefault(target.agreement_id, []).append(target)
    satisfaction = mean_feedbacks({a.relationship_id for a in agreements}, start, end)
    return [_status(agreement, period, by_agreement.get(agreement.pk, []), satisfaction.get(agreement.relationship_id))
            for agreement in agreements]


def period_instants_or_error(period: str) -> tuple[datetime.datetime, datetime.datetime]:
    """The period's instants, a malformed period raising ``AgreementError``."""
    try:
        return period_instants(period)
    except ValidationError as error:
        raise AgreementError('; '.join(error.messages)) from None


def _status(agreement: Agreement, period: str, targets: list[AgreementTarget], satisfaction: Fraction | None) -> dict:
    """The answer for one agreement from its targets (their ``in_period`` measurements read) and its satisfaction."""
    answers, met_by_kind = [], {kind: [] for kind in TargetKind.values}
    for target in targets:
        measurement = target.in_period[0] if target.in_period else None
        met = None if measurement is None else target.is_met_by(measurement.value)
        if met is not None:
            met_by_kind[target.kind].append(met)
        answers.append({
            'name': target.name,
            'kind': target.kind,
            'comparator': target.comparator,
            'value': canonical_decimal(target.value),
            'actual': None if measurement is None else canonical_decimal(measurement.value),
            'met': met,
        })
    operational = met_by_kind[TargetKind.OPERATIONAL]
    experience_and_outcome = met_by_kind[TargetKind.EXPERIENCE] + met_by_kind[TargetKind.OUTCOME]
    inside_red = not all(experience_and_outcome) or (
        satisfaction is not None and satisfaction < WATERMELON_SATISFACTION
    )
    return {
        'agreement': agreement.name,
        'period': period,
        'targets': answers,
        'operationalStatus': status_of(operational),
        'overallStatus': status_of(operational + experience_and_outcome),
        'watermelon': bool(operational) and all(operational) and inside_red,
    }
