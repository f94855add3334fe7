"""Whether a person or organization may use an item or resource at an instant (``accord access GRANTEE TARGET``).

Access never moves ownership; a grant lets its grantee use what its element covers, for a time:

- a grant of one item covers that item; a grant without an item covers the element's component when the
  element names one, else every component of the element's product, and each item of those resources;
- a grant to an organization covers its members too;
- a grant holds from ``validFrom`` until the earliest of its ``validTo``, its revocation, its conversion
  (the item is the consumer's own then) and the end of its subscription; a cancelled subscription's grants
  never hold; inside that time, an element's daily window (UTC, possibly across midnight) must hold too.

The answer names the first grant (by name) that holds; when none does, ``"grant": null`` and the reason
says, grant by grant, why not.
"""

import datetime

from django.db.models import Q

from accord.analysis.ownership import AT
from accord.analysis.parameters import Parameter, Parameters
from accord.core.suggestions import did_you_mean
from accord.parties.models import Organization, Person
from accord.provision.models import AccessGrant
from accord.relationships.choices import SubscriptionStatus
from accord.resources.models import Item, Resource

GRANTEE_KINDS = {'person': Person, 'organization': Organization}
TARGET_KINDS = {'item': Item, 'resource': Resource}


class AccessError(ValueError):
    """An access question about something that does not exist or cannot be read; ``parameter`` names which."""

    def __init__(self, message: str, parameter: str):
        super().__init__(message)
        self.parameter = parameter


def _reference(kinds: dict, what: str):
    def parse(text: str) -> tuple[str, str]:
        kind, sep, name = text.partition(':')
        if not sep or kind not in kinds or not name:
            raise ValueError(f'{text!r} is not {" or ".join(f"{k}:NAME" for k in kinds)}')
        return kind, name
    parse.__doc__ = f'The {what}: ``KIND:NAME``.'
    return parse


PARAMETERS = Parameters(
    Parameter('grantee', 'Who would use it: `person:NAME` or `organization:NAME`.', required=True,
              parse=_reference(GRANTEE_KINDS, 'grantee'),
              schema={'type': 'string', 'pattern': r'^(person|organization):.+$', 'example': 'person:ben-okoro'}),
    Parameter('target', 'What would be used: `item:NAME` or `resource:NAME`.', required=True,
              parse=_reference(TARGET_KINDS, 'target'),
              schema={'type': 'string', 'pattern': r'^(item|resource):.+$', 'example': 'resource:card-processing'}),
    AT,
)


def find(kind: str, name: str, kinds: dict, parameter: str):
    """The object ``kind:name``, or an ``AccessError`` naming the nearest names."""
    model = kinds[kind]
    try:
        return model.objects.get(name=name)
    except model.DoesNotExist:
        known = model.objects.values_list('name', flat=True)
        raise AccessError(f'unknown {kind} {name!r}{did_you_mean(name, known)}', parameter) from None


def access(grantee: tuple[str, str], target: tuple[str, str], at: datetime.datetime | None = None) -> dict:
    """Whether ``grantee`` may use ``target`` (each ``(kind, name)``) at ``at`` (default now): five queries at most."""
    who = find(*grantee, GRANTEE_KINDS, 'grantee')
    what = find(*target, TARGET_KINDS, 'target')
    instant = at or datetime.datetime.now(datetime.UTC)
    grants = AccessGrant.objects.filter(_grantee(who), covering(what)).select_related(
        'subscription', 'element').distinct().order_by('name')
    reasons = []
    for grant in grants:
        why_not = _why_not(grant, instant)
        if why_not is None:
            return _answer(grantee, target, at, grant.name, _why(grant))
        reasons.append(f'{grant.name}: {why_not}')
    if not reasons:
        reasons.append(f'no grant to {grantee[0]}:{who.name} covers {target[0]}:{what.name}')
    return _answer(grantee, target, at, None, '; '.join(reasons))


def _answer(grantee, target, at, grant: str | None, reason: str) -> dict:
    return {'grantee': ':'.join(grantee), 'target': ':'.join(target), 'at': at.isoformat() if at else None,
            'access': grant is not None, 'grant': grant, 'reason': reason}


def _grantee(who) -> Q:
    if isinstance(who, Person):
        return Q(grantee_person=who) | Q(grantee_organization__in=who.member_of.values('pk'))
    return Q(grantee_organization=who)


def covering(what) -> Q:
    """Grants that cover the item (itself, or its resource without an item) or the resource (without an item)."""
    resource = what.resource_id if isinstance(what, Item) else what.pk
    whole = Q(item__isnull=True) & (Q(element__component_id=resource) | Q(
        element__component__isnull=True, element__product__components__resource_id=resource))
    return whole | Q(item=what) if isinstance(what, Item) else whole


def _why_not(grant: AccessGrant, instant: datetime.datetime) -> str | None:
    """Why ``grant`` does not hold at ``instant``, or None when it does."""
    subscription = grant.subscription
    if subscription.status == SubscriptionStatus.CANCELLED:
        return f'its subscription {subscription.name} is cancelled'
    if instant < grant.valid_from:
        return f'it starts at {grant.valid_from.isoformat()}'
    ends = grant.ends_at()
    if ends is not None and instant >= ends:
        if ends == grant.revoked_at:
            return f'revoked at {ends.isoformat()}: {grant.revoke_reason}'
        if ends == grant.converted_at:
            return f'its item was kept as a good at {ends.isoformat()}'
        if ends == grant.valid_to:
            return f'it ended at {ends.isoformat()}'
        return f'its subscription {subscription.name} ended at {ends.isoformat()}'
    element = grant.element
    if element.window_from is not None and not _in_window(instant, element.window_from, element.window_to):
        return f'{instant.isoformat()} is outside the daily window {_window(element)} (UTC)'
    return None


def _in_window(instant: datetime.datetime, start: datetime.time, end: datetime.time) -> bool:
    time = instant.astimezone(datetime.UTC).time()
    return start <= time < end if start <= end else time >= start or time < end


def _window(element) -> str:
    return f'{element.window_from:%H:%M}-{element.window_to:%H:%M}'


def _why(grant: AccessGrant) -> str:
    ends = grant.ends_at()
    until = f'until {ends.isoformat()}' if ends else f'until {grant.subscription.name} ends'
    window = f', daily {_window(grant.element)} (UTC)' if grant.element.window_from is not None else ''
    return (f'{grant.element.name} of {grant.subscription.name}, granted from {grant.valid_from.isoformat()} '
            f'{until}{window}')
