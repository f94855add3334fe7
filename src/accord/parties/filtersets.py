"""Filtersets of the parties.

A reference is filtered by name and by id: ``?provider=NAME`` and ``?provider_id=ID``
(``NamedModelFilterSet`` and ``ReferencesFilterSet``, in ``accord.core.filtersets``).
"""

import django_filters

from accord.core.filtersets import NamedModelFilterSet, ReferencesFilterSet
from accord.parties.models import ConsumerGroup, Organization, Person, RoleGrant


class OrganizationFilterSet(NamedModelFilterSet):
    class Meta:
        model = Organization
        fields = ['kind', 'external']
        references = ('parent',)


class PersonFilterSet(NamedModelFilterSet):
    class Meta:
        model = Person
        fields = ['email']
        references = ('member_of',)


class ConsumerGroupFilterSet(NamedModelFilterSet):
    class Meta:
        model = ConsumerGroup
        fields: list[str] = []
        references = ('provider', 'members')


class RoleGrantFilterSet(ReferencesFilterSet):
    """By ``user`` (username), ``role`` and ``organization`` (name or id).

    Grants are already those the user may see, so the username needs no visibility check of its own.
    """

    user = django_filters.CharFilter(field_name='user__username', label='user (username)')

    class Meta:
        model = RoleGrant
        fields = ['role']
        references = ('organization',)
