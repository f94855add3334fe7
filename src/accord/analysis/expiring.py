"""What ends soon, per relationship (``accord expiring [--within 30d]``): so that nobody learns of a lapsed
contract from an outage.

Within ``--within N d`` days from ``--at`` (default now, answered as ``"at": null``), inclusive of the last day:

- active subscriptions whose ``end`` falls in the window;
- agreements whose ``effectiveTo`` falls in the window;
- access grants, neither revoked nor converted, whose ``validTo`` falls in the window (a grant without an
  end ends with its subscription, listed above).

``daysLeft`` counts whole days from the reference day to the last day (0: it ends today).
"""

import datetime
import re

from django.db.models import QuerySet

from accord.analysis.ownership import AT
from accord.analysis.parameters import Parameter, Parameters
from accord.provision.models import AccessGrant
from accord.relationships.choices import SubscriptionStatus
from accord.relationships.models import Agreement, ServiceRelationship, Subscription

DAYS = re.compile(r'^(\d{1,5})d$')


def parse_within(text: str) -> int:
    """``30d``: a number of days, at least 1."""
    match = DAYS.match(text)
    if not match or int(match[1]) < 1:
        raise ValueError(f'{text!r} is not a number of days such as 30d')
    return int(match[1])


PARAMETERS = Parameters(
    Parameter('within', 'How far ahead: `Nd`, a number of days (default `30d`).', parse=parse_within,
              default=lambda: 30, schema={'type': 'string', 'pattern': r'^\d{1,5}d$', 'example': '30d'}),
    AT,
)


def expiring(within: int = 30, at: datetime.datetime | None = None, *,
             subscriptions: QuerySet[Subscription] | None = None,
             agreements: QuerySet[Agreement] | None = None) -> dict:
    """What ends within ``within`` days of ``at``; ``subscriptions``/``agreements``: those the asker may see.

    Four queries, however many relationships.
    """
    today = (at or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC).date()
    last = today + datetime.timedelta(days=within)
    subscriptions = Subscription.objects.all() if subscriptions is None else subscriptions
    agreements = Agreement.objects.all() if agreements is None else agreements
    found: dict[int, dict] = {}

    def entry(relationship_id: int) -> dict:
        return found.setdefault(relationship_id, {'subscriptions': [], 'agreements': [], 'accessGrants': []})

    for row in subscriptions.filter(status=SubscriptionStatus.ACTIVE, end__gte=today, end__lte=last).order_by(
            'name').values('relationship_id', 'name', 'offering__name', 'end'):
        entry(row['relationship_id'])['subscriptions'].append({
            'name': row['name'], 'offering': row['offering__name'], 'end': row['end'].isoformat(),
            'daysLeft': (row['end'] - today).days})
    for row in agreements.filter(effective_to__gte=today, effective_to__lte=last).order_by('name').values(
            'relationship_id', 'name', 'kind', 'effective_to'):
        entry(row['relationship_id'])['agreements'].append({
            'name': row['name'], 'kind': row['kind'], 'effectiveTo': row['effective_to'].isoformat(),
            'daysLeft': (row['effective_to'] - today).days})
    start = datetime.datetime.combine(today, datetime.time(), tzinfo=datetime.UTC)
    for row in AccessGrant.objects.filter(
            subscription__in=subscriptions, revoked_at__isnull=True, converted_at__isnull=True,
            valid_to__gt=start, valid_to__lte=start + datetime.timedelta(days=within + 1)).order_by('name').values(
            'subscription__relationship_id', 'name', 'subscription__name', 'element__name', 'valid_to',
            'grantee_person__name', 'grantee_organization__name'):
        grantee = (f'person:{row["grantee_person__name"]}' if row['grantee_person__name']
                   else f'organization:{row["grantee_organization__name"]}')
        ends = row['valid_to'].astimezone(datetime.UTC)
        entry(row['subscription__relationship_id'])['accessGrants'].append({
            'name': row['name'], 'subscription': row['subscription__name'], 'element': row['element__name'],
            'grantee': grantee, 'validTo': ends.isoformat(), 'daysLeft': (ends.date() - today).days})
    parties = {pk: (name, provider, consumer) for pk, name, provider, consumer in ServiceRelationship.objects.filter(
        pk__in=list(found)).values_list('pk', 'name', 'provider__name', 'consumer__name')} if found else {}
    return {
        'at': at.isoformat() if at else None,
        'within': f'{within}d',
        'until': last.isoformat(),
        'relationships': [{'relationship': parties[pk][0], 'provider': parties[pk][1], 'consumer': parties[pk][2],
                           **found[pk]} for pk in sorted(found, key=lambda pk: parties[pk][0])],
    }
