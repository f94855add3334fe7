"""The four characteristics of services (IHIP), measured for an offering (``accord characteristics``).

- **intangibility**: the share of goods among the offering's elements (what changes owner, against access
  and actions, which do not);
- **heterogeneity**: how variable the work is: mean, sample standard deviation and coefficient of variation
  of completed actions' durations in minutes, from start (else request) to completion, overall and per
  performer (an action with two performers counts for each);
- **inseparability**: the action elements that need the consumer present, and the actions performed with
  the consumer present;
- **perishability**: the capacity slots of the resources the offering's elements cover: offered, used,
  perished units and the revenue lost (``accord.analysis.capacity``).

``--from``/``--to`` are inclusive dates in UTC: actions completed (presence: requested) and slots starting
on those days count; without them, everything recorded. Each measure's inputs are given beside it.
"""

import datetime
from collections import defaultdict
from decimal import Decimal, localcontext
from fractions import Fraction

from django.db.models import Q

from accord.analysis.capacity import slot_figures, slots_between, totals
from accord.analysis.health import two_decimals
from accord.analysis.parameters import Parameter, Parameters
from accord.catalog.choices import ElementKind
from accord.catalog.models import OfferingElement, ProductComponent, ServiceOffering
from accord.core.suggestions import did_you_mean
from accord.provision.models import ActionInstance

PARAMETERS = Parameters(
    Parameter('offering', 'The offering, by name.', required=True),
    Parameter('from', 'The first day counted, `YYYY-MM-DD` (UTC); default: from the first record.',
              parse=datetime.date.fromisoformat, schema={'type': 'string', 'format': 'date'}),
    Parameter('to', 'The last day counted, `YYYY-MM-DD` (UTC, inclusive); default: to the last record.',
              parse=datetime.date.fromisoformat, schema={'type': 'string', 'format': 'date'}),
)
EARLIEST = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC)


class CharacteristicsError(ValueError):
    """Characteristics asked of an unknown offering or over days that end before they start."""

    def __init__(self, message: str, parameter: str):
        super().__init__(message)
        self.parameter = parameter


def characteristics(offering: str, first: datetime.date | None = None, last: datetime.date | None = None,
                    now: datetime.datetime | None = None) -> dict:
    """The offering's four characteristics over the days ``first`` to ``last``: seven queries."""
    if first and last and last < first:
        raise CharacteristicsError(f'--to {last.isoformat()} is before --from {first.isoformat()}', 'to')
    found = ServiceOffering.objects.filter(name=offering).first()
    if found is None:
        known = ServiceOffering.objects.values_list('name', flat=True)
        raise CharacteristicsError(f'unknown offering {offering!r}{did_you_mean(offering, known)}', 'offering')
    start = _midnight(first) if first else EARLIEST
    end = _midnight(last + datetime.timedelta(days=1)) if last else LATEST
    elements = list(OfferingElement.objects.filter(offering=found).values(
        'kind', 'requires_consumer_presence', 'component_id', 'product_id'))
    return {
        'offering': found.name,
        'from': first.isoformat() if first else None,
        'to': last.isoformat() if last else None,
        'intangibility': _intangibility(elements),
        'heterogeneity': _heterogeneity(found, start, end),
        'inseparability': _inseparability(found, elements, start, end),
        'perishability': _perishability(elements, start, end, now or datetime.datetime.now(datetime.UTC)),
    }


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


def _share(part: int, whole: int) -> str | None:
    return two_decimals(Fraction(part, whole)) if whole else None


def _intangibility(elements: list[dict]) -> dict:
    counts = {kind: sum(1 for e in elements if e['kind'] == kind) for kind in ElementKind.values}
    return {'goodsShare': _share(counts[ElementKind.GOOD], len(elements)), 'elements': len(elements),
            'goods': counts[ElementKind.GOOD], 'access': counts[ElementKind.ACCESS],
            'actions': counts[ElementKind.ACTION]}


def _heterogeneity(offering: ServiceOffering, start: datetime.datetime, end: datetime.datetime) -> dict:
    actions = ActionInstance.objects.filter(element__offering=offering, completed_at__isnull=False,
                                            completed_at__gte=start, completed_at__lt=end)
    minutes = {pk: Fraction(int((done - (started or requested)).total_seconds()), 60)
               for pk, requested, started, done in actions.values_list('pk', 'requested_at', 'started_at',
                                                                       'completed_at')}
    by_performer: dict[str, list[Fraction]] = defaultdict(list)
    for action, performer in ActionInstance.performers.through.objects.filter(
            actioninstance_id__in=list(minutes)).values_list('actioninstance_id', 'person__name'):
        by_performer[performer].append(minutes[action])
    return {**_spread(list(minutes.values())),
            'perPerformer': [{'performer': name, **_spread(values)} for name, values in sorted(by_performer.items())]}


def _spread(values: list[Fraction]) -> dict:
    """Count, mean, sample standard deviation and coefficient of variation, from the unrounded durations."""
    if not values:
        return {'actions': 0, 'meanMinutes': None, 'stdevMinutes': None, 'cv': None}
    mean = sum(values, Fraction(0)) / len(values)
    stdev = None
    if len(values) > 1:
        variance = sum(((v - mean) ** 2 for v in values), Fraction(0)) / (len(values) - 1)
        with localcontext() as context:
            context.prec = 40
            stdev = Fraction((Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt())
    return {'actions': len(values), 'meanMinutes': two_decimals(mean),
            'stdevMinutes': None if stdev is None else two_decimals(stdev),
            'cv': None if stdev is None or mean == 0 else two_decimals(stdev / mean)}


def _inseparability(offering: ServiceOffering, elements: list[dict], start: datetime.datetime,
                    end: datetime.datetime) -> dict:
    actions = [e for e in elements if e['kind'] == ElementKind.ACTION]
    needing = sum(1 for e in actions if e['requires_consumer_presence'])
    performed = ActionInstance.objects.filter(element__offering=offering, requested_at__gte=start,
                                              requested_at__lt=end).values_list('consumer_present', flat=True)
    present = list(performed)
    return {'presenceShare': _share(needing, len(actions)), 'actionElements': len(actions),
            'requiringPresence': needing, 'actions': len(present), 'consumerPresent': sum(present),
            'consumerPresentShare': _share(sum(present), len(present))}


def _perishability(elements: list[dict], start: datetime.datetime, end: datetime.datetime,
                   now: datetime.datetime) -> dict:
    """Slots of the resources the elements cover (their component, else their product's components)."""
    components = {e['component_id'] for e in elements if e['component_id']}
    products = {e['product_id'] for e in elements if not e['component_id']}
    resources = components | set(ProductComponent.objects.filter(product_id__in=products).values_list(
        'resource_id', flat=True))
    slots = [slot_figures(slot, now) for slot in slots_between(resources, start, end).filter(
        Q(start__gte=start))]
    return {**totals(slots), 'resources': len(resources)}
