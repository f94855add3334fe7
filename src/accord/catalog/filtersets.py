"""Filtersets of products, services and offerings: references by name and by id."""

from accord.catalog.models import Product, Service, ServiceOffering
from accord.core.filtersets import NamedModelFilterSet


class ProductFilterSet(NamedModelFilterSet):
    class Meta:
        model = Product
        fields: list[str] = []
        references = ('provider', 'hidden_from')


class ServiceFilterSet(NamedModelFilterSet):
    class Meta:
        model = Service
        fields = ['lifecycle']
        references = ('provider', 'owner', 'products')


class ServiceOfferingFilterSet(NamedModelFilterSet):
    class Meta:
        model = ServiceOffering
        fields = ['lifecycle', 'currency', 'fee_per']
        references = ('provider', 'services', 'target_groups')
