"""Endpoints of resources and items."""

from django.db.models import Prefetch

from accord.api.views import NamedModelViewSet
from accord.resources.api.serializers import ItemSerializer, ResourceSerializer
from accord.resources.filtersets import ItemFilterSet, ResourceFilterSet
from accord.resources.models import Item, Resource


class ResourceViewSet(NamedModelViewSet):
    queryset = Resource.objects.select_related('organization').prefetch_related(
        'depends_on', Prefetch('items', Item.objects.select_related('owner')))
    serializer_class = ResourceSerializer
    filterset_class = ResourceFilterSet


class ItemViewSet(NamedModelViewSet):
    queryset = Item.objects.select_related('resource', 'owner')
    serializer_class = ItemSerializer
    filterset_class = ItemFilterSet
