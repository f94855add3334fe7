"""A small month of FirstTown Bank activity, written by hand so that every figure the questions give is known.

It adds to the provision tests' records (Ben's checkbook, his lost debit card, its replacement, a deposit, an
ATM slot): Ana's foreign withdrawals and April deposit, Northwind's deposits in February and March, two more
card replacements and a second ATM slot.
"""

from accord.provision.tests.records import RECORDS


def event(name: str, subscription: str, kind: str, at: str, quantity: int = 1, amount: str | None = None) -> str:
    lines = [
        'apiVersion: accord/v1', 'kind: ConsumptionEvent', f'metadata: {{name: {name}}}', 'spec:',
        f'  subscription: {subscription}', f'  event: {kind}', f'  at: {at}',
    ]
    if quantity != 1:
        lines.append(f'  quantity: {quantity}')
    if amount is not None:
        lines.append(f'  attributes: {{amount: "{amount}"}}')
    return '\n'.join(lines) + '\n'


EVENTS = [
    event('ana-atm-feb', 'ana-student-checking', 'foreign-atm-withdrawal', '2025-02-28T23:59:00Z'),
    event('ana-atm-1', 'ana-student-checking', 'foreign-atm-withdrawal', '2025-03-01T00:00:00Z'),
    event('ana-atm-2', 'ana-student-checking', 'foreign-atm-withdrawal', '2025-03-31T23:59:59Z', quantity=2),
    event('ana-deposit-apr', 'ana-student-checking', 'direct-deposit', '2025-04-10T06:00:00Z', amount='250.00'),
    event('nw-deposit-feb', 'northwind-standard-checking', 'direct-deposit', '2025-02-25T06:00:00Z',
          amount='999.99'),
    event('nw-deposit-1', 'northwind-standard-checking', 'direct-deposit', '2025-03-10T06:00:00Z', amount='600.00'),
    event('nw-deposit-2', 'northwind-standard-checking', 'direct-deposit', '2025-03-25T06:00:00Z', amount='400.00'),
    event('nw-deposit-odd', 'northwind-standard-checking', 'direct-deposit', '2025-03-26T06:00:00Z',
          amount='a lot'),
    event('nw-atm-1', 'northwind-standard-checking', 'foreign-atm-withdrawal', '2025-03-11T12:00:00Z'),
]

MORE = """\
apiVersion: accord/v1
kind: AccessGrant
metadata: {name: ben-debit-card-2}
spec:
  subscription: ben-standard-checking
  element: debit-card
  grantee: person:ben-okoro
  validFrom: 2025-03-14T16:00:00Z
---
apiVersion: accord/v1
kind: AccessGrant
metadata: {name: northwind-atm-01}
spec:
  subscription: northwind-standard-checking
  element: own-atms
  grantee: organization:northwind-traders
  item: atm-01
  validFrom: 2025-03-01T00:00:00Z
  validTo: 2025-04-01T00:00:00Z
---
apiVersion: accord/v1
kind: ActionInstance
metadata: {name: ana-card-replacement}
spec:
  subscription: ana-student-checking
  element: card-replacement
  requestedAt: 2025-03-03T09:00:00Z
  startedAt: 2025-03-03T10:00:00Z
  completedAt: 2025-03-04T10:00:00Z
  performers: [maria-lopez]
---
apiVersion: accord/v1
kind: ActionInstance
metadata: {name: northwind-card-replacement}
spec:
  subscription: northwind-standard-checking
  element: card-replacement
  requestedAt: 2025-03-17T09:00:00Z
  completedAt: 2025-03-17T19:00:00Z
  performers: [tom-becker]
  consumerPresent: true
---
apiVersion: accord/v1
kind: ActionInstance
metadata: {name: northwind-card-replacement-open}
spec:
  subscription: northwind-standard-checking
  element: card-replacement
  requestedAt: 2025-03-28T09:00:00Z
---
apiVersion: accord/v1
kind: CapacitySlot
metadata: {name: atm-01-2025-03-11}
spec:
  resource: atm-fleet
  start: 2025-03-11T09:00:00Z
  end: 2025-03-11T17:00:00Z
  capacity: 4
  unitPrice: 40
  currency: USD
---
apiVersion: accord/v1
kind: Reservation
metadata: {name: northwind-atm-slot}
spec:
  slot: atm-01-2025-03-11
  subscription: northwind-standard-checking
  units: 4
  at: 2025-03-05T12:00:00Z
"""

ACTIVITY = RECORDS + '---\n' + '---\n'.join(EVENTS) + '---\n' + MORE
