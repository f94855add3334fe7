"""API representations of organizations, persons, consumer groups and role grants."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db import models

from accord.api.serializers import NamedModelSerializer, NameField, named_fields
from accord.parties.models import ConsumerGroup, Organization, Person, RoleGrant


class OrganizationSerializer(NamedModelSerializer):
    parent = NameField(Organization, required=False, allow_null=True)

    class Meta(NamedModelSerializer.Meta):
        model = Organization
        fields = named_fields('kind', 'parent', 'external')


class PersonSerializer(NamedModelSerializer):
    member_of = NameField(Organization, many=True)

    class Meta(NamedModelSerializer.Meta):
        model = Person
        fields = named_fields('member_of', 'email')


class ConsumerGroupSerializer(NamedModelSerializer):
    provider = NameField(Organization)
    members = NameField(Organization, many=True, required=False)

    class Meta(NamedModelSerializer.Meta):
        model = ConsumerGroup
        fields = named_fields('provider', 'eligibility', 'members')


class AccountField(NameField):
    """An account by username, among all accounts: an administrator grants roles to colleagues whose
    accounts they cannot list (``/api/v1/users/`` shows each user only their own)."""

    def __init__(self, **kwargs: Any):
        super().__init__(get_user_model(), slug_field='username', **kwargs)

    def get_queryset(self) -> models.QuerySet:
        return self.model.objects.all()


class RoleGrantSerializer(NamedModelSerializer):
    """A user's role for an organization: the user by username, the organization by name.

    The organization is one the writer sees, and after the write it must be one whose grants the
    writer may change.
    """

    user = AccountField()
    organization = NameField(Organization)

    class Meta(NamedModelSerializer.Meta):
        model = RoleGrant
        fields = ['id', 'url', 'user', 'role', 'organization']
