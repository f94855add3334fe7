"""Endpoints of products, services and service offerings."""

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
    UsageCharge,
)
from accord.core.prefetch import prefetched
from accord.parties.models import ConsumerGroup


class ProductViewSet(NamedModelViewSet):
    queryset = Product.objects.select_related('provider').prefetch_related(
        prefetched('components', ProductComponent.objects.select_related('resource').only(
            'product_id', 'role', 'visibility', 'resource__name',
        ).prefetch_related(
            prefetched('views', ComponentView.objects.select_related('group').only(
                'component_id', 'label', 'group__name')))),
        prefetched('hidden_from', ConsumerGroup.objects.only('name')),
    )
    serializer_class = ProductSerializer
    filterset_class = ProductFilterSet


class ServiceViewSet(NamedModelViewSet):
    queryset = Service.objects.select_related('provider', 'owner').prefetch_related('products')
    serializer_class = ServiceSerializer
    filterset_class = ServiceFilterSet


class ServiceOfferingViewSet(NamedModelViewSet):
    queryset = ServiceOffering.objects.select_related('provider').prefetch_related(
        prefetched('services', Service.objects.only('name')),
        prefetched('target_groups', ConsumerGroup.objects.only('name')),
        prefetched('usage_charges', UsageCharge.objects.only('offering_id', 'event', 'amount', 'allowance')),
        prefetched('elements', OfferingElement.objects.select_related('product', 'component').only(
            'offering_id', 'name', 'kind', 'product__name', 'component__name', 'quantity', 'window_from',
            'window_to', 'conversion_price', 'trigger', 'performed_by', 'requires_consumer_presence',
            'target_duration_amount', 'target_duration_unit')),
        prefetched('request_items', RequestItem.objects.select_related('element').only(
            'offering_id', 'name', 'title', 'approval', 'element__name')),
    )
    serializer_class = ServiceOfferingSerializer
    filterset_class = ServiceOfferingFilterSet
