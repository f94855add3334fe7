"""What the portal's Money and Service levels pages may show the signed-in person, and the month they ask for.

The roles a person holds in a relationship (ConsumerRole: customer, sponsor, user) decide which of their
organization's relationships these pages answer for: money for customers and sponsors, service levels for
customers. A person without such a role has no such page (404), and a name typed into a parameter that is
not among what the page may show answers 404 too, exactly as one that does not exist.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from accord.analysis.agreements import period_instants
from accord.core.querysets import consumer_organizations
from accord.relationships.choices import ConsumerRoleKind
from accord.relationships.models import ConsumerRole, ServiceRelationship

MONEY_ROLES = (ConsumerRoleKind.CUSTOMER, ConsumerRoleKind.SPONSOR)
SERVICE_LEVEL_ROLES = (ConsumerRoleKind.CUSTOMER,)


def held_roles(user: Any) -> frozenset[str]:
    """The roles the user's person holds in the relationships they may view; read once per request's user."""
    cached = getattr(user, '_portal_roles', None)
    if cached is None:
        _organizations, person = consumer_organizations(user)
        visible = ServiceRelationship.objects.restrict(user).values('pk')
        cached = frozenset(ConsumerRole.objects.filter(person_id=person, relationship__in=visible)
                           .values_list('role', flat=True).distinct()) if person else frozenset()
        user._portal_roles = cached
    return cached


def relationships_for(user: Any, roles: tuple[str, ...]) -> QuerySet[ServiceRelationship]:
    """The relationships the user may view in which their person holds one of ``roles``; 404 when none."""
    _organizations, person = consumer_organizations(user)
    held = ConsumerRole.objects.filter(person_id=person, role__in=roles).values('relationship_id')
    relationships = ServiceRelationship.objects.restrict(user).filter(pk__in=held)
    if person is None or not relationships.exists():
        raise Http404('no relationship in which you hold this role')
    return relationships


def narrowed(request: HttpRequest, parameter: str, records: QuerySet) -> QuerySet:
    """``records`` narrowed to the one named by ``parameter``, if given; 404 when it is not among them."""
    name = request.GET.get(parameter, '').strip()
    if not name:
        return records
    records = records.filter(name=name)
    if not records.exists():
        raise Http404(f'no {parameter} {name!r} here')
    return records


def asked_month(request: HttpRequest) -> tuple[str | None, str]:
    """The month asked for (``?month=YYYY-MM``), or None; and the problem with it in words, or ''."""
    month = request.GET.get('month', '').strip()
    if not month:
        return None, ''
    try:
        period_instants(month)
    except ValidationError as error:
        return None, f'{"; ".join(error.messages)}: pick a month such as 2025-03.'
    except OverflowError:  # December 9999: its end is past the calendar
        return None, f'{month!r} is past the last month we can count: pick a month such as 2025-03.'
    return month, ''
