"""Who sees and records provision: the provider's relationship managers and practitioners (``accord.core.roles``).

Registered by ``ProvisionConfig.ready``. A record of a relationship (directly, or through its
subscription) is seen as the relationship itself: its provider's staff manage it, its consumer
views it. Capacity slots belong to their resource's organization, out of consumers' sight;
ownership transfers are seen by the owners they move an item between.

Fulfilment (orders, deliveries, grants, actions and the transfers deliveries make) is the work of
the provider's practitioners as well as its relationship managers; consumption, period facts and
capacity feed the bill and stay with the relationship managers.
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
FULFILMENT_WORK = written_by(Role.RELATIONSHIP_MANAGER, Role.PRACTITIONER)


def _through(path: str, writers: frozenset[str] = PROVISION_WORK) -> Scope:
    """The scope of a record reached through ``path``, a lookup to its relationship."""
    return Scope(staff=(f'{path}__provider',), staff_view=(f'{path}__consumer',),
                 consumer=through(f'{path}__consumer'), writers=writers)


SCOPES = {
    Order: _through('relationship', FULFILMENT_WORK),
    **{model: _through('subscription__relationship', FULFILMENT_WORK) for model in (
        GoodsDelivery, AccessGrant, ActionInstance)},
    **{model: _through('subscription__relationship') for model in (ConsumptionEvent, PeriodFact, Reservation)},
    OwnershipTransfer: Scope(staff=('from_owner',), staff_view=('to_owner',),
                             consumer=through('from_owner', 'to_owner'), writers=FULFILMENT_WORK),
    CapacitySlot: Scope(staff=('resource__organization',), writers=PROVISION_WORK),
}
