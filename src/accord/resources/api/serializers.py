"""API representations of resources (with their capacity and items, written nested) and items."""

from django.core.exceptions import ValidationError
from rest_framework import serializers

from accord.api.serializers import NamedModelSerializer, NameField, PartRef, Parts, PartShape, named_fields
from accord.core.parts import PartRefused
from accord.core.services import Actor
from accord.parties.models import Organization
from accord.resources import services as resources
from accord.resources.api.parts import Capacity, Items
from accord.resources.models import Item, Resource


class CapacityPart(PartShape):
    amount = serializers.DecimalField(max_digits=20, decimal_places=4, min_value=0)
    unit = serializers.CharField(max_length=50)


class ItemPart(PartShape):
    """One unit of the resource; its owner defaults to the resource's controller."""

    name = serializers.CharField(max_length=100)
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    owner = PartRef(Organization, required=False)


class ResourceSerializer(NamedModelSerializer):
    organization = NameField(Organization)
    depends_on = NameField(Resource, many=True, required=False)
    capacity = Parts(CapacityPart, Capacity(), many=False)
    items = Parts(ItemPart, Items())

    class Meta(NamedModelSerializer.Meta):
        model = Resource
        fields = named_fields('organization', 'dimension', 'kind', 'depends_on', 'capacity', 'items')

    def set_many(self, instance: Resource, attr: str, value: list, actor: Actor) -> None:
        if attr != 'depends_on':
            super().set_many(instance, attr, value, actor)
            return
        try:
            resources.set_dependencies(instance, value, actor=actor, save_owner=False)
        except PartRefused as refused:
            raise ValidationError({'depends_on': refused.error.messages}) from None


class ItemSerializer(NamedModelSerializer):
    resource = NameField(Resource)
    owner = NameField(Organization)

    class Meta(NamedModelSerializer.Meta):
        model = Item
        fields = named_fields('resource', 'owner')
