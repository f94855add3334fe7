"""Who sees and changes the catalogue: its provider's staff; consumers see live offerings meant for them (R1).

Registered by ``CatalogConfig.ready`` (``accord.core.roles`` explains the declarations).
"""

from django.db.models import Q

from accord.catalog.models import OfferingElement, Product, ProductComponent, Service, ServiceOffering
from accord.core.roles import Role, Scope, written_by

CATALOGUE_WORK = written_by(Role.CATALOGUE_MANAGER)


def _seen_offerings(orgs: list[int], person: int | None) -> Q:
    """R1: live offerings that target a group the organization is a member of; plus what it subscribes to."""
    return (Q(lifecycle='live', target_groups__members__in=orgs)
            | Q(lifecycle='live', target_groups__subscriptions__relationship__consumer__in=orgs)
            | Q(subscriptions__relationship__consumer__in=orgs))


SCOPES = {
    Product: Scope(staff=('provider',), writers=CATALOGUE_WORK),
    ProductComponent: Scope(staff=('product__provider',), writers=CATALOGUE_WORK),
    Service: Scope(staff=('provider',), writers=CATALOGUE_WORK),
    ServiceOffering: Scope(staff=('provider',), consumer=_seen_offerings, writers=CATALOGUE_WORK),
    OfferingElement: Scope(staff=('offering__provider',), writers=CATALOGUE_WORK),
}
