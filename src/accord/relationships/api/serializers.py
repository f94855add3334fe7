"""API representations of relationships and what hangs off them.

Owned parts (a relationship's consumer roles, an agreement's targets with their measurements, a
value review's factors) are read-only in this first cut: they are written through the importer.
"""

from accord.api.serializers import NamedModelSerializer, NameField, PartSerializer, named_fields
from accord.catalog.models import ServiceOffering
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.relationships.models import (
    Agreement,
    AgreementTarget,
    ConsumerRole,
    Feedback,
    Measurement,
    RelationshipReview,
    ServiceRelationship,
    Subscription,
    ValueFactor,
    ValueReview,
)
from accord.resources.models import Resource


class ConsumerRoleSerializer(PartSerializer):
    person = NameField(Person, read_only=True)

    class Meta:
        model = ConsumerRole
        fields = ['person', 'role']
        read_only_fields = fields


class ServiceRelationshipSerializer(NamedModelSerializer):
    provider = NameField(Organization)
    consumer = NameField(Organization)
    manager = NameField(Person, required=False, allow_null=True)
    roles = ConsumerRoleSerializer(many=True, read_only=True)

    class Meta(NamedModelSerializer.Meta):
        model = ServiceRelationship
        fields = named_fields('provider', 'consumer', 'type', 'status', 'manager', 'roles')


class SubscriptionSerializer(NamedModelSerializer):
    relationship = NameField(ServiceRelationship)
    offering = NameField(ServiceOffering)
    group = NameField(ConsumerGroup, required=False, allow_null=True)
    realizes = NameField(Resource, required=False, allow_null=True)

    class Meta(NamedModelSerializer.Meta):
        model = Subscription
        fields = named_fields('relationship', 'offering', 'group', 'start', 'end', 'quantity', 'status', 'realizes')


class MeasurementSerializer(PartSerializer):
    class Meta:
        model = Measurement
        fields = ['period', 'value']
        read_only_fields = fields


class AgreementTargetSerializer(PartSerializer):
    measurements = MeasurementSerializer(many=True, read_only=True)

    class Meta:
        model = AgreementTarget
        fields = ['name', 'kind', 'comparator', 'value', 'unit', 'measurements']
        read_only_fields = fields


class AgreementSerializer(NamedModelSerializer):
    relationship = NameField(ServiceRelationship)
    subscriptions = NameField(Subscription, many=True, required=False)
    targets = AgreementTargetSerializer(many=True, read_only=True)

    class Meta(NamedModelSerializer.Meta):
        model = Agreement
        fields = named_fields('relationship', 'kind', 'subscriptions', 'effective_from', 'effective_to', 'targets')


class FeedbackSerializer(NamedModelSerializer):
    relationship = NameField(ServiceRelationship)
    person = NameField(Person)

    class Meta(NamedModelSerializer.Meta):
        model = Feedback
        fields = named_fields('relationship', 'person', 'at', 'score', 'comment')


class ValueFactorSerializer(PartSerializer):
    class Meta:
        model = ValueFactor
        fields = ['kind', 'direction', 'description', 'amount']
        read_only_fields = fields


class ValueReviewSerializer(NamedModelSerializer):
    relationship = NameField(ServiceRelationship)
    assessed_by = NameField(Person)
    factors = ValueFactorSerializer(many=True, read_only=True)

    class Meta(NamedModelSerializer.Meta):
        model = ValueReview
        fields = named_fields('relationship', 'period', 'assessed_by', 'overall', 'factors')


class RelationshipReviewSerializer(NamedModelSerializer):
    relationship = NameField(ServiceRelationship)
    attendees = NameField(Person, many=True, required=False)

    class Meta(NamedModelSerializer.Meta):
        model = RelationshipReview
        fields = named_fields('relationship', 'at', 'attendees', 'notes', 'actions')
