from .offerings import OfferingElement, RequestItem, ServiceOffering, UsageCharge
from .products import ComponentView, Product, ProductComponent
from .services import Service

__all__ = [
    'ComponentView',
    'OfferingElement',
    'Product',
    'ProductComponent',
    'RequestItem',
    'Service',
    'ServiceOffering',
    'UsageCharge',
]
