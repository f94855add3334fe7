"""The console's pages of resources and items."""

from accord.resources.filtersets import ItemFilterSet, ResourceFilterSet
from accord.resources.models import Item, Resource
from accord.ui.lists import Column, ObjectListView


class ResourceList(ObjectListView):
    model = Resource
    queryset = Resource.objects.select_related('organization').prefetch_related('depends_on')
    filterset_class = ResourceFilterSet
    columns = (
        Column('Organization', 'organization', sort='organization__name'),
        Column('Dimension', 'dimension', sort='dimension'),
        Column('Kind', 'kind', sort='kind'),
        Column('Depends on', 'depends_on'),
    )


class ItemList(ObjectListView):
    model = Item
    queryset = Item.objects.select_related('resource', 'owner')
    filterset_class = ItemFilterSet
    columns = (Column('Resource', 'resource', sort='resource__name'), Column('Owner', 'owner', sort='owner__name'))
