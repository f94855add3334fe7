"""API representations of products (components written nested), services and offerings.

An offering's elements, usage charges and request items are read-only in this first cut: they
are written through the catalogue importer.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from accord.api.serializers import NamedModelSerializer, NameField, PartSerializer, named_fields
from accord.catalog.models import (
    ComponentView,
    OfferingElement,
    Product,
    ProductComponent,
    RequestItem,
    Service,
    ServiceOffering,
    UsageCharge,
)
from accord.core.choices import ChangeSource
from accord.core.services import Actor, delete_object, save_object
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.resources.models import Resource


class ComponentViewSerializer(PartSerializer):
    group = NameField(ConsumerGroup, read_only=True)

    class Meta:
        model = ComponentView
        fields = ['group', 'label']


class ProductComponentSerializer(PartSerializer):
    resource = NameField(Resource)
    views = ComponentViewSerializer(many=True, read_only=True)

    class Meta:
        model = ProductComponent
        fields = ['resource', 'role', 'visibility', 'views']


class ProductSerializer(NamedModelSerializer):
    """A product; ``components`` replaces the whole list when given (views per group are read-only here)."""

    provider = NameField(Organization)
    components = ProductComponentSerializer(many=True, required=False)
    hidden_from = NameField(ConsumerGroup, many=True, required=False)
    nested_writers = ('components',)

    class Meta(NamedModelSerializer.Meta):
        model = Product
        fields = named_fields('provider', 'components', 'hidden_from')

    def write_components(self, product: Product, wanted: list[dict]) -> None:
        actor = Actor(user=self.context['request'].user, source=ChangeSource.API)
        existing = {c.resource_id: c for c in product.components.all()}
        errors: dict[int, dict] = {}
        for position, spec in enumerate(wanted):
            resource = spec['resource']
            component = existing.pop(resource.pk, None) or ProductComponent(product=product)
            component.resource = resource
            component.role = spec.get('role', '')
            component.visibility = spec.get('visibility', component.visibility)
            component.position = position
            try:
                save_object(component, actor=actor)
            except DjangoValidationError as error:
                errors[position] = self.api_errors(error)
        if errors:
            raise serializers.ValidationError({'components': errors})
        for component in existing.values():
            delete_object(component, actor=actor)


class ServiceSerializer(NamedModelSerializer):
    provider = NameField(Organization)
    owner = NameField(Person)
    products = NameField(Product, many=True)

    class Meta(NamedModelSerializer.Meta):
        model = Service
        fields = named_fields('provider', 'owner', 'products', 'lifecycle')


class OfferingElementSerializer(PartSerializer):
    product = NameField(Product, read_only=True)
    component = NameField(Resource, read_only=True)

    class Meta:
        model = OfferingElement
        fields = ['name', 'kind', 'product', 'component', 'quantity', 'window_from', 'window_to',
                  'conversion_price', 'trigger', 'performed_by', 'requires_consumer_presence',
                  'target_duration_amount', 'target_duration_unit']
        read_only_fields = fields


class UsageChargeSerializer(PartSerializer):
    class Meta:
        model = UsageCharge
        fields = ['event', 'amount', 'allowance']
        read_only_fields = fields


class RequestItemSerializer(PartSerializer):
    element = serializers.SlugRelatedField(slug_field='name', read_only=True)

    class Meta:
        model = RequestItem
        fields = ['name', 'title', 'element', 'approval']
        read_only_fields = fields


class ServiceOfferingSerializer(NamedModelSerializer):
    provider = NameField(Organization)
    services = NameField(Service, many=True, required=False)
    target_groups = NameField(ConsumerGroup, many=True, required=False)
    elements = OfferingElementSerializer(many=True, read_only=True)
    usage_charges = UsageChargeSerializer(many=True, read_only=True)
    request_items = RequestItemSerializer(many=True, read_only=True)

    class Meta(NamedModelSerializer.Meta):
        model = ServiceOffering
        fields = named_fields('provider', 'services', 'target_groups', 'lifecycle', 'currency', 'fee_amount',
                              'fee_per', 'waivers', 'value', 'elements', 'usage_charges', 'request_items')
