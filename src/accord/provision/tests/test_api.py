"""The provision endpoints: consumers order within their own relationships, sponsors decide, the provider's staff
fulfil, revoke and record; lifecycle actions call the verbs, refusals answer 400 or 409 naming the field.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.catalog.models import RequestItem
from accord.core.models import User
from accord.core.roles import Role
from accord.parties.models import Organization, Person, RoleGrant
from accord.provision import services
from accord.provision.models import ConsumptionEvent, GoodsDelivery, Order
from accord.provision.tests.conftest import element, instant, person
from accord.relationships.models import Subscription

pytestmark = pytest.mark.django_db


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def consumers(bank):
    """Clients signed in as Nina (Northwind's customer and sponsor), Omar (its user) and Ana (her own)."""
    clients = {}
    for name in ('nina-park', 'omar-haddad', 'ana-garcia'):
        user = User.objects.create_user(f'user-{name}')
        Person.objects.filter(name=name).update(user=user)
        clients[name] = client_of(user)
    return clients


@pytest.fixture
def manager(bank) -> Client:
    user = User.objects.create_user('ftb-relationships')
    RoleGrant.objects.create(user=user, role=Role.RELATIONSHIP_MANAGER,
                             organization=Organization.objects.get(name='firsttown-bank'))
    return client_of(user)


def post(client: Client, url: str, body: dict | None = None):
    return client.post(f'/api/v1/{url}', body or {}, content_type='application/json')


@pytest.fixture
def checkbook_order(consumers):
    RequestItem.objects.filter(name='order-checkbook').update(approval='sponsor')
    response = post(consumers['omar-haddad'], 'orders/', {
        'relationship': 'firsttown-bank-northwind-traders', 'subscription': 'northwind-standard-checking',
        'requestItem': 'order-checkbook', 'at': '2025-03-03T09:00:00Z'})
    assert response.status_code == 201, response.content
    return response.json()


def test_a_consumer_places_an_order_in_their_own_name_and_it_waits_for_a_sponsor(checkbook_order):
    assert (checkbook_order['requestedBy'], checkbook_order['status'], checkbook_order['requestItem']) == (
        'omar-haddad', 'submitted', 'order-checkbook')


def test_a_sponsor_approves_once_a_second_approval_is_a_conflict(consumers, checkbook_order):
    url = f'orders/{checkbook_order["id"]}/approve/'
    approved = post(consumers['nina-park'], url, {'at': '2025-03-03T11:00:00Z', 'comment': 'Within budget.'})
    assert approved.status_code == 200, approved.content
    assert (approved.json()['status'], approved.json()['decidedBy'], approved.json()['decisionComment']) == (
        'approved', 'nina-park', 'Within budget.')
    again = post(consumers['nina-park'], url)
    assert again.status_code == 409
    assert again.json() == {'status': [f'{checkbook_order["name"]} is approved: it cannot be approved']}


def test_an_approval_with_a_key_the_action_does_not_take_is_refused_and_nothing_changes(consumers, checkbook_order):
    response = post(consumers['nina-park'], f'orders/{checkbook_order["id"]}/approve/', {'reason': 'ok'})
    assert response.status_code == 400
    assert 'reason' in response.json()
    assert Order.objects.get(pk=checkbook_order['id']).status == 'submitted'


def test_approval_by_someone_who_is_not_a_sponsor_is_refused_naming_the_field(consumers, checkbook_order):
    response = post(consumers['omar-haddad'], f'orders/{checkbook_order["id"]}/approve/')
    assert response.status_code == 400
    assert response.json() == {'decidedBy': ['omar-haddad is not a sponsor of firsttown-bank-northwind-traders']}
    assert Order.objects.get(pk=checkbook_order['id']).status == 'submitted'


def test_another_consumer_neither_sees_nor_orders_in_a_relationship_not_theirs(consumers, checkbook_order):
    ana = consumers['ana-garcia']
    assert ana.get(f'/api/v1/orders/{checkbook_order["id"]}/').status_code == 404
    assert post(ana, f'orders/{checkbook_order["id"]}/approve/').status_code == 404
    orders = Order.objects.count()
    response = post(ana, 'orders/', {'relationship': 'firsttown-bank-northwind-traders',
                                     'subscription': 'northwind-standard-checking', 'requestItem': 'replace-card'})
    assert response.status_code == 400 and 'relationship' in response.json()
    assert Order.objects.count() == orders


def test_the_provider_fulfils_an_approved_order_and_a_consumer_may_not(consumers, manager, checkbook_order):
    post(consumers['nina-park'], f'orders/{checkbook_order["id"]}/approve/')
    url = f'orders/{checkbook_order["id"]}/fulfil/'
    assert post(consumers['nina-park'], url).status_code == 403
    response = post(manager, url, {'at': '2025-03-05T10:00:00Z', 'items': ['checkbook-0003']})
    assert response.status_code == 200, response.content
    assert response.json()['status'] == 'fulfilled'
    delivery = GoodsDelivery.objects.get(items__name='checkbook-0003')
    assert [item.owner.name for item in delivery.items.all()] == ['northwind-traders']
    listed = consumers['omar-haddad'].get('/api/v1/ownership-transfers/').json()['results']
    assert [(row['item'], row['from'], row['to']) for row in listed] == [
        ('checkbook-0002', 'firsttown-bank', 'northwind-traders'),
        ('checkbook-0003', 'firsttown-bank', 'northwind-traders')]


def staff_client(role: str) -> Client:
    user = User.objects.create_user(f'ftb-{role}')
    RoleGrant.objects.create(user=user, role=role, organization=Organization.objects.get(name='firsttown-bank'))
    return client_of(user)


def test_a_practitioner_fulfils_an_order_and_an_auditor_may_not(consumers, checkbook_order):
    post(consumers['nina-park'], f'orders/{checkbook_order["id"]}/approve/')
    url = f'orders/{checkbook_order["id"]}/fulfil/'
    assert post(staff_client(Role.AUDITOR), url).status_code == 403
    response = post(staff_client(Role.PRACTITIONER), url, {'items': ['checkbook-0003']})
    assert response.status_code == 200, response.content
    assert response.json()['status'] == 'fulfilled'


def test_fulfilling_a_rejected_order_is_a_conflict(consumers, manager, checkbook_order):
    post(consumers['nina-park'], f'orders/{checkbook_order["id"]}/reject/')
    deliveries = GoodsDelivery.objects.count()
    response = post(manager, f'orders/{checkbook_order["id"]}/fulfil/')
    assert response.status_code == 409
    assert GoodsDelivery.objects.count() == deliveries


def test_revoking_a_grant_needs_a_reason_never_precedes_its_start_and_happens_once(manager, bank, actor):
    ben = Subscription.objects.get(name='ben-standard-checking')
    grant = services.grant_access(ben, element(ben, 'debit-card'), person('ben-okoro'),
                                  valid_from=instant('2025-03-01T00:00'), actor=actor)
    url = f'access-grants/{grant.pk}/revoke/'
    assert post(manager, url).json() == {'reason': ['This field is required.']}
    early = post(manager, url, {'reason': 'lost', 'at': '2025-02-28T00:00:00Z'})
    assert (early.status_code, early.json()) == (400, {'revokedAt': ['a grant cannot be revoked before it starts']})
    done = post(manager, url, {'reason': 'Card reported lost', 'at': '2025-03-12T08:00:00Z'})
    assert done.status_code == 200 and done.json()['revokeReason'] == 'Card reported lost'
    assert post(manager, url, {'reason': 'again'}).status_code == 409


def test_staff_record_an_event_and_one_outside_the_subscription_is_refused_naming_its_instant(manager):
    made = post(manager, 'consumption-events/', {'subscription': 'ben-standard-checking', 'event': 'direct-deposit',
                                                 'at': '2025-03-25T06:00:00Z', 'attributes': {'amount': '1500.00'}})
    assert made.status_code == 201, made.content
    assert made.json()['name'] == 'ben-standard-checking-direct-deposit-20250325-060000'
    early = post(manager, 'consumption-events/', {'subscription': 'ben-standard-checking',
                                                  'event': 'direct-deposit', 'at': '2024-12-25T06:00:00Z'})
    assert early.status_code == 400
    assert early.json()['at'][0].startswith('ben-standard-checking is not active at 2024-12-25T06:00:00+00:00')
    assert not ConsumptionEvent.objects.filter(at__year=2024).exists()


def test_the_request_catalogue_shows_the_request_items_of_the_persons_active_subscriptions(consumers):
    response = consumers['omar-haddad'].get('/api/v1/request-catalogue/')
    assert response.status_code == 200
    assert [(entry['subscription'], [item['name'] for item in entry['requestItems']])
            for entry in response.json()['results']] == [
        ('northwind-standard-checking', ['order-checkbook', 'replace-card'])]
    ana = consumers['ana-garcia'].get('/api/v1/request-catalogue/').json()['results']
    assert [entry['subscription'] for entry in ana] == ['ana-student-checking']
    northwind = Subscription.objects.get(name='northwind-standard-checking')
    assert consumers['ana-garcia'].get(f'/api/v1/request-catalogue/{northwind.pk}/').status_code == 404


@pytest.mark.parametrize('route', ['consumption-events', 'orders'])
def test_a_list_runs_the_same_number_of_queries_for_more_records(manager, bank, actor, route):
    ben = Subscription.objects.get(name='ben-standard-checking')

    def add(count: int) -> None:
        for _ in range(count):
            services.record_consumption(ben, 'foreign-atm-withdrawal', at=instant('2025-03-10T10:00'), actor=actor)
            services.place_order(ben.relationship, person('ben-okoro'), subscription=ben,
                                 request_item=ben.offering.request_items.get(name='replace-card'),
                                 at=instant('2025-03-10T10:00'), actor=actor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert manager.get(f'/api/v1/{route}/?limit=100').status_code == 200
        return len(captured)

    add(3)
    few = queries()
    add(6)
    assert queries() == few


def test_a_period_fact_for_a_malformed_period_is_refused_naming_the_field(manager):
    response = post(manager, 'period-facts/', {'name': 'ben-balance', 'subscription': 'ben-standard-checking',
                                               'period': '2025-13', 'fact': 'average-balance', 'value': '10'})
    assert response.status_code == 400
    assert response.json() == {'period': ["'2025-13' is not a period YYYY-MM"]}


def test_a_reservation_beyond_the_capacity_is_refused_and_nothing_is_written(manager, bank):
    from accord.provision.models import CapacitySlot, Reservation
    from accord.resources.models import Resource

    CapacitySlot.objects.create(name='atm-slot', resource=Resource.objects.get(name='atm-fleet'),
                                start=instant('2025-03-10T09:00'), end=instant('2025-03-10T17:00'), capacity=1)
    body = {'slot': 'atm-slot', 'subscription': 'ben-standard-checking', 'at': '2025-03-01T00:00:00Z'}
    assert post(manager, 'reservations/', body).status_code == 201
    refused = post(manager, 'reservations/', body)
    assert (refused.status_code, refused.json()) == (400, {'units': ['atm-slot has 0 of 1 units left, not 1']})
    assert Reservation.objects.count() == 1


@pytest.mark.parametrize('route', ['capacity-slots/?start_before', 'consumption-events/?at_after', 'orders/?at_before'])
def test_a_time_filter_takes_any_offset_python_reads_on_both_databases(manager, route):
    # PostgreSQL refuses offsets past ±15:59 that Python accepts; the filter turns the instant to UTC first.
    response = manager.get(f'/api/v1/{route}=2443-11-26T13:47:26-18:06')
    assert response.status_code == 200, response.content
    assert manager.get(f'/api/v1/{route}=9999-12-31T23:00:00-05:00').status_code == 400
