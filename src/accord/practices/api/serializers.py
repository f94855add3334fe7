"""API representations of practices (reference data, read-only) and practice assignments."""

from accord.api.serializers import NamedModelSerializer, NameField, named_fields
from accord.parties.models import Organization, Person
from accord.practices.models import Practice, PracticeAssignment


class PracticeSerializer(NamedModelSerializer):
    class Meta(NamedModelSerializer.Meta):
        model = Practice
        fields = named_fields('category', 'aliases')
        read_only_fields = fields


class PracticeAssignmentSerializer(NamedModelSerializer):
    organization = NameField(Organization)
    practice = NameField(Practice)
    person = NameField(Person)
    api_names = {'valid_from': 'from', 'valid_to': 'to'}

    class Meta(NamedModelSerializer.Meta):
        model = PracticeAssignment
        fields = named_fields('organization', 'practice', 'person', 'role', 'valid_from', 'valid_to')
