"""API representations of relationships and what hangs off them.

Owned parts (a relationship's consumer roles, an agreement's targets with their measurements, a
value review's factors) are nested in the catalogue format's shape and written through the parent,
as ``accord apply`` writes them: see ``accord.api.serializers.Parts``.
"""

from django.core.validators import RegexValidator
from rest_framework import serializers

from accord.api.serializers import NamedModelSerializer, NameField, PartRef, Parts, PartShape, named_fields
from accord.catalog.models import ServiceOffering
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.relationships.api.parts import Factors, Roles, Targets
from accord.relationships.choices import (
    Comparator,
    ConsumerRoleKind,
    TargetKind,
    ValueFactorDirection,
    ValueFactorKind,
)
from accord.relationships.models import (
    Agreement,
    Feedback,
    RelationshipReview,
    ServiceRelationship,
    Subscription,
    ValueReview,
)
from accord.resources.models import Resource

DECIMAL = {'max_digits': 20, 'decimal_places': 4}
PERIOD = RegexValidator(r'^[0-9]{4}-(0[1-9]|1[0-2])$', 'a period YYYY-MM')


class ConsumerRolePart(PartShape):
    """A person of the consumer organization as customer, user or sponsor (R12)."""

    person = PartRef(Person)
    role = serializers.ChoiceField(ConsumerRoleKind.choices)


class ServiceRelationshipSerializer(NamedModelSerializer):
    provider = NameField(Organization)
    consumer = NameField(Organization)
    manager = NameField(Person, required=False, allow_null=True, named_though_hidden=True)  # docs/roles.md
    roles = Parts(ConsumerRolePart, Roles())

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


class MeasurementPart(PartShape):
    period = serializers.CharField(validators=[PERIOD])
    value = serializers.DecimalField(**DECIMAL)


class TargetPart(PartShape):
    """A target of the agreement, kept by name, with what it measured per period."""

    name = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(TargetKind.choices)
    comparator = serializers.ChoiceField(Comparator.choices)
    value = serializers.DecimalField(**DECIMAL)
    unit = serializers.CharField(required=False, allow_blank=True, max_length=50)
    measurements = MeasurementPart(many=True, required=False)


class AgreementSerializer(NamedModelSerializer):
    relationship = NameField(ServiceRelationship)
    subscriptions = NameField(Subscription, many=True, required=False)
    targets = Parts(TargetPart, Targets())

    class Meta(NamedModelSerializer.Meta):
        model = Agreement
        fields = named_fields('relationship', 'kind', 'subscriptions', 'effective_from', 'effective_to', 'targets')


class FeedbackSerializer(NamedModelSerializer):
    relationship = NameField(ServiceRelationship)
    person = NameField(Person)

    class Meta(NamedModelSerializer.Meta):
        model = Feedback
        fields = named_fields('relationship', 'person', 'at', 'score', 'comment')


class ValueFactorPart(PartShape):
    kind = serializers.ChoiceField(ValueFactorKind.choices)
    direction = serializers.ChoiceField(ValueFactorDirection.choices)
    description = serializers.CharField(required=False, allow_blank=True)
    amount = serializers.DecimalField(required=False, **DECIMAL)


class ValueReviewSerializer(NamedModelSerializer):
    relationship = NameField(ServiceRelationship)
    assessed_by = NameField(Person)
    factors = Parts(ValueFactorPart, Factors())

    class Meta(NamedModelSerializer.Meta):
        model = ValueReview
        fields = named_fields('relationship', 'period', 'assessed_by', 'overall', 'factors')


class RelationshipReviewSerializer(NamedModelSerializer):
    relationship = NameField(ServiceRelationship)
    attendees = NameField(Person, many=True, required=False)

    class Meta(NamedModelSerializer.Meta):
        model = RelationshipReview
        fields = named_fields('relationship', 'at', 'attendees', 'notes', 'actions')
