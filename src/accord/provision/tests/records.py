"""A month of FirstTown Bank records for Ben, as a file: each kind of provision and consumption record once.

The demo holds March 2025 of the bank too; tests that need to know every figure of a month start from the bank
without it (``forget_the_demos_month``) and apply these records instead.
"""


def forget_the_demos_month() -> None:
    """Remove the demo's provision records, return its delivered checkbooks to the bank and let the checkbook
    request item need no approval again: the bank as it was before the demo held March 2025."""
    from accord.catalog.models import RequestItem
    from accord.parties.models import Organization
    from accord.provision import models
    from accord.resources.models import Item

    for model in (models.OwnershipTransfer, models.DeliveredItem, models.Reservation, models.CapacitySlot,
                  models.GoodsDelivery, models.AccessGrant, models.ActionInstance, models.ConsumptionEvent,
                  models.PeriodFact, models.Order):
        model.objects.all().delete()
    Item.objects.filter(resource__name='checkbook-stock').update(owner=Organization.objects.get(name='firsttown-bank'))
    RequestItem.objects.filter(name='order-checkbook').update(approval='none')


RECORDS = """\
apiVersion: accord/v1
kind: Resource
metadata:
  name: checkbook-stock
  title: Checkbook Stock
spec:
  organization: firsttown-bank
  dimension: information-and-technology
  kind: goods-stock
  dependsOn: [checkbook-printing]
  items:
    - {name: checkbook-0001, owner: ben}
    - name: checkbook-0002
    - name: checkbook-0003
---
apiVersion: accord/v1
kind: Order
metadata: {name: ben-checkbook-order}
spec:
  relationship: firsttown-bank-ben
  requestedBy: ben-okoro
  at: 2025-03-03T09:00:00Z
  subscription: ben-standard-checking
  requestItem: order-checkbook
  status: fulfilled
---
apiVersion: accord/v1
kind: GoodsDelivery
metadata: {name: ben-checkbook}
spec:
  subscription: ben-standard-checking
  element: checkbook
  items: [checkbook-0001]
  at: 2025-03-04T10:00:00Z
---
apiVersion: accord/v1
kind: AccessGrant
metadata: {name: ben-debit-card}
spec:
  subscription: ben-standard-checking
  element: debit-card
  grantee: person:ben-okoro
  validFrom: 2025-03-01T00:00:00Z
  revokedAt: 2025-03-12T08:00:00Z
  revokeReason: Card reported lost
---
apiVersion: accord/v1
kind: ActionInstance
metadata: {name: ben-card-replacement}
spec:
  subscription: ben-standard-checking
  element: card-replacement
  requestedBy: ben-okoro
  requestedAt: 2025-03-12T08:30:00Z
  startedAt: 2025-03-12T13:00:00Z
  completedAt: 2025-03-14T16:00:00Z
  performers: [maria-lopez]
  quality: 4
---
apiVersion: accord/v1
kind: ConsumptionEvent
metadata: {name: ben-deposit-2025-03}
spec:
  subscription: ben-standard-checking
  event: direct-deposit
  at: 2025-03-25T06:00:00Z
  attributes: {amount: "1500.00"}
---
apiVersion: accord/v1
kind: PeriodFact
metadata: {name: ben-balance-2025-03}
spec:
  subscription: ben-standard-checking
  period: 2025-03
  name: average-balance
  value: "2310.50"
---
apiVersion: accord/v1
kind: CapacitySlot
metadata: {name: atm-01-2025-03-10}
spec:
  resource: atm-fleet
  start: 2025-03-10T09:00:00Z
  end: 2025-03-10T17:00:00Z
  capacity: 2
  unitPrice: 40
  currency: USD
---
apiVersion: accord/v1
kind: Reservation
metadata: {name: ben-atm-slot}
spec:
  slot: atm-01-2025-03-10
  subscription: ben-standard-checking
  at: 2025-03-05T12:00:00Z
"""
