"""Endpoints of organizations, persons, consumer groups and role grants."""

from typing import Any

from rest_framework.exceptions import PermissionDenied

from accord.api.views import NamedModelViewSet
from accord.core.querysets import holds_role
from accord.parties.api.serializers import (
    ConsumerGroupSerializer,
    OrganizationSerializer,
    PersonSerializer,
    RoleGrantSerializer,
)
from accord.parties.filtersets import (
    ConsumerGroupFilterSet,
    OrganizationFilterSet,
    PersonFilterSet,
    RoleGrantFilterSet,
)
from accord.parties.models import ConsumerGroup, Organization, Person, RoleGrant


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


class RoleGrantViewSet(NamedModelViewSet):
    """Role grants: an organization's administrators manage those of the organization and its units.

    Who may write which grant is the permission gate's (``RoleGrant`` in ``accord.parties.permissions``);
    on top of it, no one grants themselves a role beyond what they already hold there.
    """

    queryset = RoleGrant.objects.select_related('user', 'organization')
    serializer_class = RoleGrantSerializer
    filterset_class = RoleGrantFilterSet
    search_fields = ['user__username', 'organization__name', 'role']
    ordering_fields = ['id']
    ordering = ['user__username', 'organization__name', 'role']

    def perform_create(self, serializer: Any) -> None:
        self.check_not_self_escalation(serializer)
        super().perform_create(serializer)

    def perform_update(self, serializer: Any) -> None:
        self.check_not_self_escalation(serializer)
        super().perform_update(serializer)

    def check_not_self_escalation(self, serializer: Any) -> None:
        """A grant to the writer themselves must give nothing they do not already hold (403 otherwise)."""
        grant = serializer.instance

        def value(attr: str) -> Any:
            return serializer.validated_data.get(attr, getattr(grant, attr, None))

        writer = self.request.user
        if value('user').pk == writer.pk and not holds_role(writer, value('role'), value('organization').pk):
            raise PermissionDenied('You may not grant yourself a role beyond what you already hold there.')
