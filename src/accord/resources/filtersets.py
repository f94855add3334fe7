"""Filtersets of resources and items: references by name and by id."""

from accord.core.filtersets import NamedModelFilterSet
from accord.resources.models import Item, Resource


class ResourceFilterSet(NamedModelFilterSet):
    class Meta:
        model = Resource
        fields = ['dimension', 'kind']
        references = ('organization', 'depends_on')


class ItemFilterSet(NamedModelFilterSet):
    class Meta:
        model = Item
        fields: list[str] = []
        references = ('resource', 'owner')
