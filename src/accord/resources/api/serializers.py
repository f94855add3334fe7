"""API representations of resources (with their items, read-only) and items."""

from accord.api.serializers import NamedModelSerializer, NameField, PartSerializer, named_fields
from accord.parties.models import Organization
from accord.resources.models import Item, Resource, check_no_dependency_cycle


class ResourceItemSerializer(PartSerializer):
    owner = NameField(Organization, read_only=True)

    class Meta:
        model = Item
        fields = ['name', 'title', 'owner']


class ResourceSerializer(NamedModelSerializer):
    organization = NameField(Organization)
    depends_on = NameField(Resource, many=True, required=False)
    items = ResourceItemSerializer(many=True, read_only=True)

    class Meta(NamedModelSerializer.Meta):
        model = Resource
        fields = named_fields('organization', 'dimension', 'kind', 'depends_on', 'capacity_amount',
                              'capacity_unit', 'items')

    def set_many(self, instance: Resource, attr: str, value: list) -> None:
        if attr == 'depends_on':
            check_no_dependency_cycle([(instance.pk, other.pk) for other in value])
        super().set_many(instance, attr, value)


class ItemSerializer(NamedModelSerializer):
    resource = NameField(Resource)
    owner = NameField(Organization)

    class Meta(NamedModelSerializer.Meta):
        model = Item
        fields = named_fields('resource', 'owner')
