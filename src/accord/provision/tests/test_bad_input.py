"""Provision records that break a rule in a catalogue file: ``accord apply`` reports each as
``FILE:LINE: KIND:NAME: spec.FIELD: message``, exits 1 without a traceback, and writes nothing.
"""

import textwrap

import pytest

from accord.interchange.tests.test_bad_input import GOOD, MARK, refuse_one, refused, write
from accord.provision.models import GoodsDelivery, Order

pytestmark = pytest.mark.django_db


def catalogue(*documents: str) -> str:
    return '---\n'.join([GOOD, *(textwrap.dedent(d).lstrip('\n') for d in documents)])


def record(kind: str, name: str, *spec: str) -> str:
    lines = ''.join(f'  {line}\n' for line in spec)
    return f'apiVersion: accord/v1\nkind: {kind}\nmetadata: {{name: {name}}}\nspec:\n{lines}'


def order(*spec: str) -> str:
    return record('Order', 'ben-order', 'relationship: firsttown-bank-ben', 'at: 2025-03-03T09:00:00Z', *spec)


def grant(*spec: str) -> str:
    return record('AccessGrant', 'ben-grant', 'subscription: ben-standard-checking', 'grantee: person:ben-okoro',
                  *spec)


def action(*spec: str) -> str:
    return record('ActionInstance', 'ben-action', 'subscription: ben-standard-checking',
                  'element: card-replacement', 'requestedAt: 2025-03-12T08:30:00Z', *spec)


def test_an_order_for_a_request_item_of_an_offering_not_subscribed_to_is_refused(bank, tmp_path):
    text = catalogue(order('requestedBy: ben-okoro', 'subscription: ben-standard-checking',
                           f'requestItem: book-advice-session  {MARK}'))
    refuse_one(tmp_path, text, 'Order:ben-order', 'spec.requestItem',
               "standard-checking, the offering of ben-standard-checking, has no request item 'book-advice-session'")


def test_an_order_by_a_person_without_a_user_or_customer_role_is_refused(bank, tmp_path):
    text = catalogue(order(f'requestedBy: nina-park  {MARK}', 'subscription: ben-standard-checking',
                           'requestItem: replace-card'))
    refuse_one(tmp_path, text, 'Order:ben-order', 'spec.requestedBy',
               'nina-park holds no user or customer role in firsttown-bank-ben')


def test_an_order_decided_by_someone_who_is_not_a_sponsor_is_refused(bank, tmp_path):
    text = record('Order', 'northwind-savings', 'relationship: firsttown-bank-northwind-traders',
                  'requestedBy: omar-haddad', 'at: 2025-03-03T09:00:00Z', 'offering: basic-savings',
                  'group: everyday-customers', 'status: approved', f'decidedBy: omar-haddad  {MARK}',
                  'decidedAt: 2025-03-04T09:00:00Z')
    refuse_one(tmp_path, catalogue(text), 'Order:northwind-savings', 'spec.decidedBy',
               'omar-haddad is not a sponsor of firsttown-bank-northwind-traders')


def test_a_decision_on_an_order_that_needs_no_approval_is_refused(bank, tmp_path):
    text = record('Order', 'northwind-card', 'relationship: firsttown-bank-northwind-traders',
                  'requestedBy: omar-haddad', 'at: 2025-03-03T09:00:00Z', 'subscription: northwind-standard-checking',
                  'requestItem: replace-card', 'status: approved', f'decidedBy: nina-park  {MARK}',
                  'decidedAt: 2025-03-04T09:00:00Z')
    refuse_one(tmp_path, catalogue(text), 'Order:northwind-card', 'spec.decidedBy', 'replace-card needs no approval')


def test_delivering_an_access_element_is_refused(bank, tmp_path):
    text = record('GoodsDelivery', 'ben-card', 'subscription: ben-standard-checking', f'element: debit-card  {MARK}',
                  'quantity: 1', 'at: 2025-03-04T10:00:00Z')
    refuse_one(tmp_path, catalogue(text), 'GoodsDelivery:ben-card', 'spec.element',
               'debit-card is an access element, not a good element')


def test_granting_a_good_element_is_refused(bank, tmp_path):
    text = catalogue(grant(f'element: checkbook  {MARK}', 'validFrom: 2025-03-01T00:00:00Z'))
    refuse_one(tmp_path, text, 'AccessGrant:ben-grant', 'spec.element',
               'checkbook is a good element, not an access element')


def test_delivering_an_item_the_element_does_not_deliver_is_refused(bank, tmp_path):
    text = record('GoodsDelivery', 'ben-checkbook', 'subscription: ben-standard-checking', 'element: checkbook',
                  f'items: [atm-01]  {MARK}', 'at: 2025-03-04T10:00:00Z')
    refuse_one(tmp_path, catalogue(text), 'GoodsDelivery:ben-checkbook', 'spec.items',
               'atm-01 is an item of atm-fleet, which the element checkbook does not deliver')


def test_delivering_the_same_item_twice_is_refused(bank, tmp_path):
    deliveries = GoodsDelivery.objects.count()
    again = record('GoodsDelivery', 'ben-checkbook-again', 'subscription: ben-standard-checking',
                   'element: checkbook', f'items: [checkbook-0001]  {MARK}', 'at: 2025-03-05T10:00:00Z')
    refuse_one(tmp_path, catalogue(again), 'GoodsDelivery:ben-checkbook-again', 'spec.items[0]',
               'the item has been delivered already')
    assert GoodsDelivery.objects.count() == deliveries


def test_a_delivered_item_must_be_declared_as_the_consumers_on_its_resource(bank, tmp_path):
    text = record('GoodsDelivery', 'ben-checkbook', 'subscription: ben-standard-checking', 'element: checkbook',
                  f'items: [checkbook-0003]  {MARK}', 'at: 2025-03-04T10:00:00Z')
    refuse_one(tmp_path, catalogue(text), 'GoodsDelivery:ben-checkbook', 'spec.items',
               'checkbook-0003 is delivered to ben', 'checkbook-stock must name ben as its owner')


def test_a_grant_that_starts_before_its_subscription_is_refused(bank, tmp_path):
    text = catalogue(grant('element: debit-card', f'validFrom: 2024-12-31T00:00:00Z  {MARK}'))
    refuse_one(tmp_path, text, 'AccessGrant:ben-grant', 'spec.validFrom',
               'the grant starts outside the term of ben-standard-checking')


def test_a_revocation_before_the_grant_starts_is_refused(bank, tmp_path):
    text = catalogue(grant('element: debit-card', 'validFrom: 2025-03-05T00:00:00Z',
                           f'revokedAt: 2025-03-04T00:00:00Z  {MARK}', 'revokeReason: Lost'))
    refuse_one(tmp_path, text, 'AccessGrant:ben-grant', 'spec.revokedAt', 'a grant cannot be revoked before it starts')


def test_converting_an_element_that_is_not_convertible_is_refused(bank, tmp_path):
    text = catalogue(grant('element: debit-card', 'validFrom: 2025-03-01T00:00:00Z',
                           f'convertedAt: 2025-03-04T00:00:00Z  {MARK}'))
    refuse_one(tmp_path, text, 'AccessGrant:ben-grant', 'spec.convertedAt', 'debit-card is not convertible to a good')


def test_a_completion_before_the_start_is_refused(bank, tmp_path):
    text = catalogue(action('startedAt: 2025-03-13T08:00:00Z', f'completedAt: 2025-03-12T20:00:00Z  {MARK}'))
    refuse_one(tmp_path, text, 'ActionInstance:ben-action', 'spec.completedAt',
               'an action is completed after it starts')


def test_a_quality_outside_1_to_5_is_refused(bank, tmp_path):
    text = catalogue(action('completedAt: 2025-03-13T08:00:00Z', f'quality: 6  {MARK}'))
    refuse_one(tmp_path, text, 'ActionInstance:ben-action', 'spec.quality', '6 is greater than the maximum of 5')


def test_an_event_for_a_subscription_not_active_at_its_instant_is_refused(bank, tmp_path):
    text = record('ConsumptionEvent', 'early', 'subscription: ben-standard-checking', 'event: direct-deposit',
                  f'at: 2024-12-31T23:59:00Z  {MARK}')
    refuse_one(tmp_path, catalogue(text), 'ConsumptionEvent:early', 'spec.at',
               'ben-standard-checking is not active at 2024-12-31T23:59:00+00:00')


@pytest.mark.parametrize('period', ['2025-3', '2025-13', 'March'])
def test_a_period_fact_for_a_malformed_period_is_refused(bank, tmp_path, period):
    text = record('PeriodFact', 'balance', 'subscription: ben-standard-checking', f'period: {period}  {MARK}',
                  'name: average-balance', 'value: 10')
    refuse_one(tmp_path, catalogue(text), 'PeriodFact:balance', 'spec.period', 'must be a period YYYY-MM')


SLOT = record('CapacitySlot', 'atm-slot', 'resource: atm-fleet', 'start: 2025-03-10T09:00:00Z',
              'end: 2025-03-10T17:00:00Z', 'capacity: 2')


def test_a_reservation_after_the_slot_ends_is_refused(bank, tmp_path):
    text = record('Reservation', 'late', 'slot: atm-slot', 'subscription: ben-standard-checking',
                  f'at: 2025-03-10T17:00:00Z  {MARK}')
    refuse_one(tmp_path, catalogue(SLOT, text), 'Reservation:late', 'spec.at',
               'atm-slot ended at 2025-03-10T17:00:00+00:00: it takes no reservations after it ends')


def test_a_reservation_beyond_the_slots_capacity_is_refused(bank, tmp_path):
    first = record('Reservation', 'first', 'slot: atm-slot', 'subscription: ben-standard-checking', 'units: 2',
                   'at: 2025-03-01T00:00:00Z')
    second = record('Reservation', 'second', 'slot: atm-slot', 'subscription: ben-standard-checking',
                    f'units: 1  {MARK}', 'at: 2025-03-02T00:00:00Z')
    refuse_one(tmp_path, catalogue(SLOT, first, second), 'Reservation:second', 'spec.units',
               'atm-slot has 0 of 2 units left, not 1')


def test_a_request_item_without_a_subscription_is_refused(bank, tmp_path):
    text = catalogue(order('requestedBy: ben-okoro', f'requestItem: replace-card  {MARK}', 'offering: basic-savings',
                           'group: everyday-customers'))
    path = write(tmp_path, text)
    problems = refused(path)
    assert any(': Order:ben-order: spec.requestItem: a request item is named within a subscription' in p
               for p in problems), problems
    assert not Order.objects.filter(name='ben-order').exists()


def test_an_event_type_a_letter_or_two_from_one_the_price_plan_reads_is_refused_naming_it(bank, tmp_path):
    text = record('ConsumptionEvent', 'slip', 'subscription: ben-standard-checking',
                  f'event: foriegn-atm-withdrawal  {MARK}', 'at: 2025-03-05T10:00:00Z')
    refuse_one(tmp_path, catalogue(text), 'ConsumptionEvent:slip', 'spec.event',
               'standard-checking reads no event type foriegn-atm-withdrawal: did you mean foreign-atm-withdrawal?')
