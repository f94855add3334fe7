"""Who sees and changes the parties, and where the permission gate reads who a user is.

Registered by ``PartiesConfig.ready`` (``accord.core.roles`` explains the declarations). This app
keeps role grants, persons and organization units, so it gives the gate its ``Directory`` too.
"""

from typing import Any

from django.db.models import Q

from accord.core.roles import VIEW, Directory, OwnRows, Role, Scope, written_by
from accord.parties.models import ConsumerGroup, Organization, Person, RoleGrant


def _seen_organizations(orgs: list[int], person: int | None) -> Q:
    """Its own organizations, and the providers it deals with (of its relationships and groups)."""
    return (Q(pk__in=orgs) | Q(provider_relationships__consumer__in=orgs)
            | Q(consumer_groups__members__in=orgs))


def _seen_persons(orgs: list[int], person: int | None) -> Q:
    """Itself and the members of its own organizations."""
    return Q(pk=person) | Q(member_of__in=orgs)


def _seen_groups(orgs: list[int], person: int | None) -> Q:
    """Groups the organization is placed in, or belongs to through a subscription."""
    return Q(members__in=orgs) | Q(subscriptions__relationship__consumer__in=orgs)


SCOPES = {
    Organization: Scope(staff=('pk',), staff_view=('consumer_relationships__provider',), consumer=_seen_organizations),
    Person: Scope(staff=('member_of',), staff_view=('member_of__consumer_relationships__provider',),
                  consumer=_seen_persons),
    ConsumerGroup: Scope(staff=('provider',), consumer=_seen_groups, writers=written_by(Role.CATALOGUE_MANAGER)),
    RoleGrant: Scope(staff=('organization',), viewers=frozenset({Role.ADMINISTRATOR, Role.AUDITOR})),
}
# A user reads their own role grants, whatever their roles.
OWN_ROWS = {RoleGrant: OwnRows('user', VIEW)}


def _grants_of(user: Any) -> list[tuple[str, int]]:
    return list(RoleGrant.objects.filter(user=user).order_by().values_list('role', 'organization_id'))


def _with_units(organization_ids: set[int]) -> set[int]:
    """The organizations and every unit below them (the parent chain has no cycle: Organization.clean)."""
    found = set(organization_ids)
    frontier = set(organization_ids)
    while frontier:
        frontier = set(Organization.objects.filter(parent_id__in=frontier).order_by().values_list(
            'pk', flat=True)) - found
        found |= frontier
    return found


def _person_of(user: Any) -> tuple[int | None, set[int]]:
    person = Person.objects.filter(user=user).order_by().values_list('pk', flat=True).first()
    if person is None:
        return None, set()
    return person, set(Person.member_of.through.objects.filter(person_id=person).values_list(
        'organization_id', flat=True))


DIRECTORY = Directory(grants=_grants_of, units=_with_units, person=_person_of)
