"""The console's pages of organizations, persons and consumer groups."""

from typing import Any

from django.http import HttpRequest

from accord.parties.filtersets import ConsumerGroupFilterSet, OrganizationFilterSet, PersonFilterSet
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.practices.models import Practice, PracticeAssignment
from accord.ui.details import ObjectDetailView, attributes, referrers
from accord.ui.lists import Column, ObjectListView
from accord.ui.values import Visibility


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


class OrganizationDetail(ObjectDetailView):
    """An organization, and beside its references the ITIL practices it runs: who owns, manages, practises each."""

    model = Organization
    template_name = 'parties/organization_detail.html'

    def extra_context(self, request: HttpRequest, obj: Organization) -> dict[str, Any]:
        assignments = PracticeAssignment.objects.restrict(request.user).filter(organization=obj).select_related(
            'practice', 'person').order_by('practice__category', 'practice__name', 'role', 'person__name')
        practices: dict[Practice, dict[str, list]] = {}
        assignments = list(assignments)
        visibility = Visibility(request.user).load(a.person for a in assignments)
        for assignment in assignments:
            if not visibility.sees(assignment.person):
                continue
            practices.setdefault(assignment.practice, {}).setdefault(
                assignment.get_role_display(), []).append(assignment.person)
        return {'attributes': attributes(obj, request.user), 'referrers': referrers(request.user, obj),
                'practices': [(practice, sorted(roles.items())) for practice, roles in practices.items()]}
