"""API representations of the provision records, and the bodies of their lifecycle actions.

Records the verbs make (orders, deliveries, grants, actions, reservations) are created through them: the
serializer parses, the verb decides (``provision.services``), and what the verb refuses comes back keyed by
the API's field names. Their names may be left out: the verb makes one from what the record is about.
Facts (consumption events, period facts, capacity slots) are written like any named model, events through
``record_consumption``.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers

from accord.api.serializers import NamedModelSerializer, NameField, StrictFieldsMixin, named_fields
from accord.catalog.models import ServiceOffering
from accord.core.choices import ChangeSource
from accord.core.services import Actor
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.provision import services
from accord.provision.models import (
    AccessGrant,
    ActionInstance,
    CapacitySlot,
    ConsumptionEvent,
    GoodsDelivery,
    Order,
    OwnershipTransfer,
    PeriodFact,
    Reservation,
)
from accord.relationships.models import ServiceRelationship, Subscription
from accord.resources.models import Item, Resource

READ_ONLY_METADATA = {'title': {'read_only': True}, 'description': {'read_only': True}, 'labels': {'read_only': True}}


def api_actor(request: Any) -> Actor:
    return Actor(user=request.user, source=ChangeSource.API)


class OfferingPartField(serializers.CharField):
    """An element or a request item by its name, among those of the offering of the record's subscription."""

    def __init__(self, relation: str, **kwargs: Any):
        self.relation = relation
        super().__init__(max_length=100, **kwargs)

    def to_representation(self, value: models.Model) -> str:
        return value.name

    def resolve(self, subscription: Subscription | None, name: str | None) -> models.Model | None:
        if name is None:
            return None
        if subscription is None:
            raise serializers.ValidationError({self.field_name: ['named within a subscription: name the subscription']})
        found = getattr(subscription.offering, self.relation).filter(name=name).first()
        if found is None:
            raise serializers.ValidationError({self.field_name: [
                f'{subscription.offering.name}, the offering of {subscription.name}, has no '
                f'{self.relation.replace("_", " ")[:-1]} {name!r}']})
        return found


class GranteeField(serializers.CharField):
    """``person:NAME`` or ``organization:NAME``, among those the user may see."""

    KINDS = {'person': Person, 'organization': Organization}

    def to_representation(self, grant: AccessGrant) -> str:
        if grant.grantee_person_id:
            return f'person:{grant.grantee_person.name}'
        return f'organization:{grant.grantee_organization.name}'

    def get_attribute(self, instance: AccessGrant) -> AccessGrant:
        return instance

    def to_internal_value(self, data: Any) -> Person | Organization:
        text = super().to_internal_value(data)
        kind, _, name = text.partition(':')
        model = self.KINDS.get(kind)
        if model is None or not name:
            raise serializers.ValidationError('must be person:NAME or organization:NAME')
        found = model.objects.restrict(self.context['request'].user, 'view').filter(name=name).first()
        if found is None:
            raise serializers.ValidationError(f'no {kind} named {name!r}')
        return found


class RecordSerializer(NamedModelSerializer):
    """A record a verb creates: ``perform`` calls it; the name is optional, the metadata the verb's."""

    name = serializers.CharField(max_length=100, required=False)

    def create(self, validated_data: dict) -> models.Model:
        try:
            return self.perform(validated_data, api_actor(self.context['request']))
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.api_errors(error)) from None

    def perform(self, data: dict, actor: Actor) -> models.Model:
        raise NotImplementedError


class OrderSerializer(RecordSerializer):
    relationship = NameField(ServiceRelationship)
    requested_by = NameField(Person, required=False)
    subscription = NameField(Subscription, required=False, allow_null=True)
    request_item = OfferingPartField('request_items', required=False, allow_null=True)
    offering = NameField(ServiceOffering, required=False, allow_null=True)
    group = NameField(ConsumerGroup, required=False, allow_null=True)
    decided_by = NameField(Person, read_only=True, allow_null=True)

    class Meta(NamedModelSerializer.Meta):
        model = Order
        fields = named_fields('relationship', 'requested_by', 'at', 'subscription', 'request_item', 'offering',
                              'group', 'status', 'decided_by', 'decided_at', 'decision_comment')
        read_only_fields = ['id', 'status', 'decided_at', 'decision_comment']
        extra_kwargs = {**READ_ONLY_METADATA, 'at': {'required': False}}

    def perform(self, data: dict, actor: Actor) -> Order:
        subscription = data.get('subscription')
        person = Person.objects.filter(user=self.context['request'].user).first()
        requested_by = data.get('requested_by') or person
        if requested_by is None:
            raise serializers.ValidationError({'requestedBy': ['required: who asks for it']})
        return services.place_order(
            data['relationship'], requested_by, subscription=subscription,
            request_item=self.fields['requestItem'].resolve(subscription, data.get('request_item')),
            offering=data.get('offering'), group=data.get('group'), at=data.get('at'), name=data.get('name', ''),
            actor=actor)


class GoodsDeliverySerializer(RecordSerializer):
    subscription = NameField(Subscription)
    element = OfferingPartField('elements')
    items = NameField(Item, many=True, required=False)

    class Meta(NamedModelSerializer.Meta):
        model = GoodsDelivery
        fields = named_fields('subscription', 'element', 'items', 'quantity', 'at')
        extra_kwargs = {**READ_ONLY_METADATA, 'at': {'required': False}}

    def perform(self, data: dict, actor: Actor) -> GoodsDelivery:
        subscription = data['subscription']
        return services.deliver_goods(
            subscription, self.fields['element'].resolve(subscription, data['element']), items=data.get('items', []),
            quantity=data.get('quantity'), at=data.get('at'), name=data.get('name', ''), actor=actor)


class OwnershipTransferSerializer(serializers.ModelSerializer):
    # A consumer sees the transfers of the items it received, though not the provider's item records.
    item = NameField(Item, read_only=True, named_though_hidden=True)
    from_ = NameField(Organization, source='from_owner', read_only=True)
    to = NameField(Organization, source='to_owner', read_only=True)
    delivery = NameField(GoodsDelivery, read_only=True, allow_null=True)
    grant = NameField(AccessGrant, read_only=True, allow_null=True)

    class Meta:
        model = OwnershipTransfer
        fields = ['id', 'item', 'from_', 'to', 'at', 'reason', 'delivery', 'grant']

    def get_fields(self) -> dict:
        fields = super().get_fields()
        fields['from'] = fields.pop('from_')
        return {key: fields[key] for key in ['id', 'item', 'from', 'to', 'at', 'reason', 'delivery', 'grant']}


class AccessGrantSerializer(RecordSerializer):
    subscription = NameField(Subscription)
    element = OfferingPartField('elements')
    grantee = GranteeField()
    item = NameField(Item, required=False, allow_null=True)

    class Meta(NamedModelSerializer.Meta):
        model = AccessGrant
        fields = named_fields('subscription', 'element', 'grantee', 'item', 'valid_from', 'valid_to', 'revoked_at',
                              'revoke_reason', 'converted_at')
        read_only_fields = ['id', 'revoked_at', 'revoke_reason', 'converted_at']
        extra_kwargs = {**READ_ONLY_METADATA, 'valid_from': {'required': False}}

    def perform(self, data: dict, actor: Actor) -> AccessGrant:
        subscription = data['subscription']
        return services.grant_access(
            subscription, self.fields['element'].resolve(subscription, data['element']), data['grantee'],
            item=data.get('item'), valid_from=data.get('valid_from'), valid_to=data.get('valid_to'),
            name=data.get('name', ''), actor=actor)


class ActionInstanceSerializer(RecordSerializer):
    subscription = NameField(Subscription)
    element = OfferingPartField('elements')
    requested_by = NameField(Person, required=False, allow_null=True)
    performers = NameField(Person, many=True, read_only=True)

    class Meta(NamedModelSerializer.Meta):
        model = ActionInstance
        fields = named_fields('subscription', 'element', 'requested_by', 'requested_at', 'due_at', 'started_at',
                              'completed_at', 'performers', 'consumer_present', 'quality')
        read_only_fields = ['id', 'due_at', 'started_at', 'completed_at', 'consumer_present', 'quality']
        extra_kwargs = {**READ_ONLY_METADATA, 'requested_at': {'required': False}}

    def perform(self, data: dict, actor: Actor) -> ActionInstance:
        subscription = data['subscription']
        return services.request_action(
            subscription, self.fields['element'].resolve(subscription, data['element']),
            requested_by=data.get('requested_by'), at=data.get('requested_at'), name=data.get('name', ''),
            actor=actor)


class ConsumptionEventSerializer(NamedModelSerializer):
    subscription = NameField(Subscription)
    name = serializers.CharField(max_length=100, required=False)
    attributes = serializers.DictField(child=serializers.CharField(max_length=200), required=False)

    class Meta(NamedModelSerializer.Meta):
        model = ConsumptionEvent
        fields = named_fields('subscription', 'event', 'at', 'quantity', 'attributes')

    def create(self, validated_data: dict) -> ConsumptionEvent:
        try:
            event = services.record_consumption(
                validated_data['subscription'], validated_data['event'], at=validated_data['at'],
                quantity=validated_data.get('quantity', 1), attributes=validated_data.get('attributes'),
                name=validated_data.get('name', ''), actor=api_actor(self.context['request']))
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.api_errors(error)) from None
        extra = {key: validated_data[key] for key in ('title', 'description', 'labels') if key in validated_data}
        return self.update(event, extra) if extra else event


class PeriodFactSerializer(NamedModelSerializer):
    subscription = NameField(Subscription)

    class Meta(NamedModelSerializer.Meta):
        model = PeriodFact
        fields = named_fields('subscription', 'period', 'fact', 'value')


class CapacitySlotSerializer(NamedModelSerializer):
    resource = NameField(Resource)

    class Meta(NamedModelSerializer.Meta):
        model = CapacitySlot
        fields = named_fields('resource', 'start', 'end', 'capacity', 'unit_price', 'currency')


class ReservationSerializer(RecordSerializer):
    slot = NameField(CapacitySlot)
    subscription = NameField(Subscription)

    class Meta(NamedModelSerializer.Meta):
        model = Reservation
        fields = named_fields('slot', 'subscription', 'units', 'at')
        extra_kwargs = {**READ_ONLY_METADATA, 'at': {'required': False}}

    def perform(self, data: dict, actor: Actor) -> Reservation:
        return services.reserve(data['slot'], data['subscription'], units=data.get('units', 1), at=data.get('at'),
                                name=data.get('name', ''), actor=actor)


# Bodies of the lifecycle actions.

class WhenSerializer(StrictFieldsMixin, serializers.Serializer):
    """When it happened; now when left out. A key the action does not take is refused, as in every body."""

    at = serializers.DateTimeField(required=False)


class DecisionSerializer(WhenSerializer):
    """A sponsor's decision: when, and why in their words (optional)."""

    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default='')


class FulfilSerializer(WhenSerializer):
    items = NameField(Item, many=True, required=False)


class RevokeSerializer(WhenSerializer):
    reason = serializers.CharField(max_length=2000)


class StartSerializer(WhenSerializer):
    performers = NameField(Person, many=True, required=False)


class CompleteSerializer(StartSerializer):
    consumerPresent = serializers.BooleanField(source='consumer_present', required=False, allow_null=True,  # noqa: N815
                                               default=None)
    quality = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=5)


class RequestItemEntrySerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    element = serializers.CharField()
    kind = serializers.CharField()
    approval = serializers.CharField()


class RequestCatalogueSerializer(serializers.Serializer):
    """The request items one active subscription of the signed-in person's organization offers (R5)."""

    id = serializers.IntegerField(help_text="The subscription's id.")
    subscription = serializers.CharField()
    relationship = serializers.CharField()
    offering = serializers.CharField()
    requestItems = RequestItemEntrySerializer(many=True, source='items')  # noqa: N815
