"""Endpoints of products, services and service offerings."""

from django.db.models import Prefetch

from accord.api.views import NamedModelViewSet
from accord.catalog.api.serializers import ProductSerializer, ServiceOfferingSerializer, ServiceSerializer
from accord.catalog.filtersets import ProductFilterSet, ServiceFilterSet, ServiceOfferingFilterSet
from accord.catalog.models import (
    ComponentView,
    OfferingElement,
    Product,
    ProductComponent,
    RequestItem,
    Service,
    ServiceOffering,
)


class ProductViewSet(NamedModelViewSet):
    queryset = Product.objects.select_related('provider').prefetch_related(
        Prefetch('components', ProductComponent.objects.select_related('resource').prefetch_related(
            Prefetch('views', ComponentView.objects.select_related('group')))),
        'hidden_from',
    )
    serializer_class = ProductSerializer
    filterset_class = ProductFilterSet


class ServiceViewSet(NamedModelViewSet):
    queryset = Service.objects.select_related('provider', 'owner').prefetch_related('products')
    serializer_class = ServiceSerializer
    filterset_class = ServiceFilterSet


class ServiceOfferingViewSet(NamedModelViewSet):
    queryset = ServiceOffering.objects.select_related('provider').prefetch_related(
        'services', 'target_groups', 'usage_charges',
        Prefetch('elements', OfferingElement.objects.select_related('product', 'component')),
        Prefetch('request_items', RequestItem.objects.select_related('element')),
    )
    serializer_class = ServiceOfferingSerializer
    filterset_class = ServiceOfferingFilterSet
