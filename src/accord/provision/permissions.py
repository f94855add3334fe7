"""Who sees and records provision: the provider's relationship managers (``accord.core.roles``).

Registered by ``ProvisionConfig.ready``. A record of a relationship (directly, or through its
subscription) is seen as the relationship itself: its provider's staff manage it, its consumer
views it. Capacity slots belong to their resource's organization, out of consumers' sight;
ownership transfers are seen by the owners they move an item between.
"""

from accord.core.roles import Role, Scope, through, written_by
from accord.provision.models import (
    AccessGrant,
    ActionInstance,
    CapacitySlot,
    ConsumptionEvent,
    GoodsDelivery,
    Order,
    OwnershipTransfer,
    PeriodFact,
    Reservation,
)

PROVISION_WORK = written_by(Role.RELATIONSHIP_MANAGER)


def _through(path: str) -> Scope:
    """The scope of a record reached through ``path``, a lookup to its relationship."""
    return Scope(staff=(f'{path}__provider',), staff_view=(f'{path}__consumer',),
                 consumer=through(f'{path}__consumer'), writers=PROVISION_WORK)


SCOPES = {
    Order: _through('relationship'),
    **{model: _through('subscription__relationship') for model in (
        GoodsDelivery, AccessGrant, ActionInstance, ConsumptionEvent, PeriodFact, Reservation)},
    OwnershipTransfer: Scope(staff=('from_owner',), staff_view=('to_owner',),
                             consumer=through('from_owner', 'to_owner'), writers=PROVISION_WORK),
    CapacitySlot: Scope(staff=('resource__organization',), writers=PROVISION_WORK),
}
