"""Roles of an organization: provider, consumer or both, and in which service relationships.

Provider and consumer are roles, not kinds (domain.md section 1): one organization is consumer of
its suppliers and provider to its customers. Only relationships that are not terminated count
(prospect, agreed, active and suspended do): a terminated relationship is history, and the
organization no longer holds a role in it. Only relationships naming the organization itself
count, not those of its business units or of its parent.
"""

from django.db.models import Q, QuerySet

from accord.analysis.parameters import Parameter, Parameters
from accord.core.suggestions import did_you_mean
from accord.parties.models import Organization
from accord.relationships.choices import RelationshipStatus
from accord.relationships.models import ServiceRelationship

PARAMETERS = Parameters(Parameter('organization', 'The organization, by name.', required=True))


class RolesError(Exception):
    """The roles of an organization that does not exist were asked for."""


def organization_roles(org: Organization | str, relationships: QuerySet[ServiceRelationship] | None = None) -> dict:
    """The roles of ``org`` (an organization or its name), as ``accord roles`` answers them.

    ``relationships`` are those the asker may see (default: all): the roles are those the asker
    can see the organization hold, so that the answer never hints at a relationship hidden from them.
    Runs two queries (one when given an organization), however many relationships there are.
    """
    if not isinstance(org, Organization):
        try:
            org = Organization.objects.only('id', 'name').get(name=org)
        except Organization.DoesNotExist:
            known = Organization.objects.values_list('name', flat=True)
            raise RolesError(f'unknown organization {org!r}{did_you_mean(org, known)}') from None
    rows = (
        (ServiceRelationship.objects.all() if relationships is None else relationships)
        .filter(Q(provider=org) | Q(consumer=org))
        .exclude(status=RelationshipStatus.TERMINATED)
        .values_list('name', 'provider_id')
        .order_by('name')
    )
    consumer_in, provider_in = [], []
    for name, provider_id in rows:
        (provider_in if provider_id == org.pk else consumer_in).append(name)
    roles = (['consumer'] if consumer_in else []) + (['provider'] if provider_in else [])
    return {'organization': org.name, 'roles': roles, 'consumerIn': consumer_in, 'providerIn': provider_in}
