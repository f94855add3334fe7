"""API representations of organizations, persons and consumer groups."""

from accord.api.serializers import NamedModelSerializer, NameField, named_fields
from accord.parties.models import ConsumerGroup, Organization, Person


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
