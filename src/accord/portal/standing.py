"""Where the signed-in consumer stands towards each offering of their groups: held, on order, or orderable.

Only a person holding the *customer* role in the active relationship with the offering's provider may order a
new subscription (it commits the organization); My catalogue shows the button to them alone.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from accord.catalog.models import ServiceOffering
from accord.core.querysets import consumer_organizations
from accord.provision.choices import OrderStatus
from accord.provision.models import Order
from accord.relationships.choices import ConsumerRoleKind, RelationshipStatus
from accord.relationships.models import ServiceRelationship, Subscription
from accord.relationships.models.subscriptions import active_on

OPEN = (OrderStatus.SUBMITTED, OrderStatus.APPROVED)


@dataclass(frozen=True)
class Standing:
    """Where my organization and I stand towards subscribing: three queries, whatever the catalogue's size."""

    customer_of: dict[int, ServiceRelationship]
    held: set[int]
    ordered: dict[int, Order]

    def towards(self, offering: ServiceOffering) -> dict[str, Any]:
        """What My catalogue says beside the offering: held, ordered (the order), or orderable (the relationship)."""
        if offering.pk in self.held:
            return {'held': True}
        if offering.pk in self.ordered:
            return {'ordered': self.ordered[offering.pk]}
        relationship = self.customer_of.get(offering.provider_id)
        return {'relationship': relationship} if relationship else {}


def standing(user: Any) -> Standing:
    """The active relationships I am a customer in (by provider), the offerings we hold and those on order."""
    person_id = consumer_organizations(user)[1]
    relationships = ServiceRelationship.objects.restrict(user).filter(
        status=RelationshipStatus.ACTIVE, roles__person_id=person_id, roles__role=ConsumerRoleKind.CUSTOMER,
    ).select_related('provider', 'consumer').order_by('-name').distinct()
    held = Subscription.objects.restrict(user).filter(
        active_on(datetime.date.today()), relationship__status=RelationshipStatus.ACTIVE)
    ordered = Order.objects.restrict(user).filter(offering__isnull=False, status__in=OPEN).order_by('at')
    return Standing(customer_of={relationship.provider_id: relationship for relationship in relationships},
                    held=set(held.values_list('offering_id', flat=True)),
                    ordered={order.offering_id: order for order in ordered})
