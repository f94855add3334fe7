"""The console's pages of organizations, persons and consumer groups."""

from accord.parties.filtersets import ConsumerGroupFilterSet, OrganizationFilterSet, PersonFilterSet
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.ui.lists import Column, ObjectListView


class OrganizationList(ObjectListView):
    model = Organization
    queryset = Organization.objects.select_related('parent')
    filterset_class = OrganizationFilterSet
    columns = (
        Column('Kind', 'kind', sort='kind'),
        Column('Part of', 'parent', sort='parent__name'),
        Column('External', 'external', sort='external'),
    )


class PersonList(ObjectListView):
    model = Person
    queryset = Person.objects.prefetch_related('member_of')
    filterset_class = PersonFilterSet
    columns = (Column('Email', 'email', sort='email'), Column('Member of', 'member_of'))


class ConsumerGroupList(ObjectListView):
    model = ConsumerGroup
    queryset = ConsumerGroup.objects.select_related('provider')
    filterset_class = ConsumerGroupFilterSet
    columns = (Column('Provider', 'provider', sort='provider__name'), Column('Eligibility', 'eligibility'))
