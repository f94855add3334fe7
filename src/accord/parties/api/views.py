"""Endpoints of organizations, persons and consumer groups."""

from accord.api.views import NamedModelViewSet
from accord.parties.api.serializers import ConsumerGroupSerializer, OrganizationSerializer, PersonSerializer
from accord.parties.filtersets import ConsumerGroupFilterSet, OrganizationFilterSet, PersonFilterSet
from accord.parties.models import ConsumerGroup, Organization, Person


class OrganizationViewSet(NamedModelViewSet):
    queryset = Organization.objects.select_related('parent')
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet


class PersonViewSet(NamedModelViewSet):
    queryset = Person.objects.prefetch_related('member_of')
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet


class ConsumerGroupViewSet(NamedModelViewSet):
    queryset = ConsumerGroup.objects.select_related('provider').prefetch_related('members')
    serializer_class = ConsumerGroupSerializer
    filterset_class = ConsumerGroupFilterSet
