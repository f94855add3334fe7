"""Owned parts written through their parent: created, replaced by natural key, removed, refused at their path.

A write of a nested list replaces the parts in the parent's transaction; each part has its own
change-log entry with source api; a part the model refuses leaves the parent and every part as
they were and answers 400 with the errors nested at the part's path.
"""

import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from accord.api.tests.test_endpoints import API
from accord.catalog.models import (
    ComponentView,
    OfferingElement,
    Product,
    ProductComponent,
    RequestItem,
    ServiceOffering,
    UsageCharge,
)
from accord.core.choices import ChangeAction, ChangeSource
from accord.core.models import ObjectChange
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.relationships.models import (
    Agreement,
    AgreementTarget,
    ConsumerRole,
    Measurement,
    ServiceRelationship,
    ValueFactor,
    ValueReview,
)
from accord.resources.models import Item, Resource


@pytest.fixture
def client(admin_client):
    return admin_client


def send(client, method: str, url: str, data: dict):
    return getattr(client, method)(url, json.dumps(data), content_type='application/json')


def logged(model, action: str) -> int:
    """How many change-log entries of ``model`` with source api and ``action``."""
    return ObjectChange.objects.filter(changed_object_type=ContentType.objects.get_for_model(model),
                                       source=ChangeSource.API, action=action).count()


def api_changes() -> int:
    return ObjectChange.objects.filter(source=ChangeSource.API).count()


# Service offerings: elements, price plan, value, request items.

OFFERING = {
    'name': 'web-premium', 'provider': 'acme', 'services': ['web'],
    'elements': [
        {'kind': 'good', 'name': 'manual', 'product': 'hosting', 'quantity': 2},
        {'kind': 'access', 'name': 'console', 'product': 'hosting', 'component': 'server',
         'window': {'from': '08:00', 'to': '18:00'}, 'convertibleToGood': {'price': '60'}},
        {'kind': 'action', 'name': 'restore', 'product': 'hosting', 'trigger': 'on-event', 'performedBy': 'joint',
         'requiresConsumerPresence': True, 'targetDuration': {'businessDays': 5}},
    ],
    'pricing': {'currency': 'EUR', 'fee': {'amount': '5', 'per': 'month'},
                'waivers': {'anyOf': [{'fact': 'direct-deposit', 'atLeast': 1}, {'subscribedTo': 'web-basic'}]},
                'usage': [{'event': 'restore', 'amount': '2.5', 'allowance': 1}]},
    'value': {'outcomes': ['Sites stay up'], 'costsRemoved': ['Own servers']},
    'requestItems': [{'name': 'restore-site', 'title': 'Restore my site', 'element': 'restore',
                      'approval': 'sponsor'}],
}


def create_offering(client) -> dict:
    response = send(client, 'post', f'{API}service-offerings/', OFFERING)
    assert response.status_code == 201, response.json()
    return response.json()


def test_an_offering_is_created_with_its_parts_in_the_catalogue_format(world, client):
    body = create_offering(client)
    assert body['elements'] == [
        {'kind': 'good', 'name': 'manual', 'product': 'hosting', 'quantity': 2},
        {'kind': 'access', 'name': 'console', 'product': 'hosting', 'component': 'server',
         'window': {'from': '08:00', 'to': '18:00'}, 'convertibleToGood': {'price': '60.00'}},
        {'kind': 'action', 'name': 'restore', 'product': 'hosting', 'trigger': 'on-event', 'performedBy': 'joint',
         'requiresConsumerPresence': True, 'targetDuration': {'businessDays': 5}},
    ]
    assert body['pricing'] == {
        'currency': 'EUR', 'fee': {'amount': '5.00', 'per': 'month'},
        'waivers': {'anyOf': [{'fact': 'direct-deposit', 'atLeast': 1}, {'subscribedTo': 'web-basic'}]},
        'usage': [{'event': 'restore', 'amount': '2.50', 'allowance': 1}],
    }
    assert body['value'] == {'outcomes': ['Sites stay up'], 'costsRemoved': ['Own servers']}
    assert body['requestItems'] == [{'name': 'restore-site', 'title': 'Restore my site', 'element': 'restore',
                                     'approval': 'sponsor'}]
    offering = ServiceOffering.objects.get(name='web-premium')
    assert offering.fee_amount == Decimal('5') and offering.fee_per == 'month'
    assert offering.elements.get(name='console').conversion_price == Decimal('60')
    assert logged(ServiceOffering, ChangeAction.CREATE) == 1
    assert logged(OfferingElement, ChangeAction.CREATE) == 3
    assert logged(UsageCharge, ChangeAction.CREATE) == 1
    assert logged(RequestItem, ChangeAction.CREATE) == 1
    assert client.get(f'{API}service-offerings/{body["id"]}/').json() == body


def test_replacing_elements_updates_matched_ones_by_name_creates_new_ones_and_deletes_the_rest(world, client):
    body = create_offering(client)
    console = OfferingElement.objects.get(offering__name='web-premium', name='console')
    elements = [
        {'kind': 'access', 'name': 'console', 'product': 'hosting', 'window': {'from': '07:00', 'to': '19:00'}},
        {'kind': 'action', 'name': 'restore', 'product': 'hosting', 'targetDuration': {'hours': 4}},
        {'kind': 'good', 'name': 'sticker', 'product': 'hosting'},
    ]
    response = send(client, 'patch', f'{API}service-offerings/{body["id"]}/', {'elements': elements})
    assert response.status_code == 200, response.json()
    assert response.json()['elements'] == elements
    assert OfferingElement.objects.get(pk=console.pk).window_from.hour == 7
    assert sorted(OfferingElement.objects.filter(offering__name='web-premium').values_list('name', flat=True)) == [
        'console', 'restore', 'sticker']
    assert logged(OfferingElement, ChangeAction.UPDATE) == 2
    assert logged(OfferingElement, ChangeAction.CREATE) == 4
    assert logged(OfferingElement, ChangeAction.DELETE) == 1
    # The request item, its pricing and value were not in the body: left alone.
    assert response.json()['requestItems'] == body['requestItems']
    assert response.json()['pricing'] == body['pricing']


def test_the_same_parts_written_again_change_and_log_nothing(world, client):
    body = create_offering(client)
    before = api_changes()
    response = send(client, 'put', f'{API}service-offerings/{body["id"]}/', {**OFFERING, 'name': 'web-premium'})
    assert response.status_code == 200, response.json()
    assert response.json()['elements'] == body['elements']
    # Only the offering itself is saved again.
    assert api_changes() == before + 1


def test_empty_lists_and_null_remove_the_parts(world, client):
    body = create_offering(client)
    response = send(client, 'patch', f'{API}service-offerings/{body["id"]}/',
                    {'requestItems': [], 'elements': [], 'pricing': None, 'value': None})
    assert response.status_code == 200, response.json()
    assert response.json()['elements'] == [] and response.json()['requestItems'] == []
    assert response.json()['pricing'] is None and response.json()['value'] is None
    offering = ServiceOffering.objects.get(name='web-premium')
    assert not offering.elements.exists() and not offering.request_items.exists()
    assert not offering.usage_charges.exists()
    assert offering.currency == '' and offering.fee_amount is None and offering.waivers is None
    assert logged(OfferingElement, ChangeAction.DELETE) == 3
    assert logged(RequestItem, ChangeAction.DELETE) == 1
    assert logged(UsageCharge, ChangeAction.DELETE) == 1


def test_usage_charges_are_replaced_by_event(world, client):
    body = create_offering(client)
    charge = UsageCharge.objects.get(offering__name='web-premium', event='restore')
    pricing = {**OFFERING['pricing'], 'usage': [{'event': 'restore', 'amount': '3'}, {'event': 'call', 'amount': '1'}]}
    response = send(client, 'patch', f'{API}service-offerings/{body["id"]}/', {'pricing': pricing})
    assert response.status_code == 200, response.json()
    assert response.json()['pricing']['usage'] == [{'event': 'call', 'amount': '1.00'},
                                                   {'event': 'restore', 'amount': '3.00'}]
    charge.refresh_from_db()
    assert charge.amount == Decimal('3') and charge.allowance == 0
    assert logged(UsageCharge, ChangeAction.UPDATE) == 1


def test_a_part_of_the_wrong_shape_answers_400_at_its_path_and_writes_nothing(world, client):
    elements = [{'kind': 'good', 'name': 'ok', 'product': 'hosting'},
                {'kind': 'good', 'name': 'bad', 'product': 'hosting', 'window': {'from': '08:00', 'to': '09:00'}},
                {'kind': 'lease', 'name': 'worse', 'product': 'nothing'}]
    response = send(client, 'patch', f'{API}service-offerings/{world.offering.pk}/',
                    {'title': 'Changed', 'elements': elements})
    assert response.status_code == 400
    errors = response.json()['elements']
    assert list(errors) == ['1', '2']
    assert list(errors['1']) == ['window']
    assert set(errors['2']) == {'kind', 'product'}
    world.offering.refresh_from_db()
    assert world.offering.title == ''
    assert list(world.offering.elements.values_list('name', flat=True)) == ['hosting']
    assert api_changes() == 0


def test_a_part_the_model_refuses_answers_400_at_its_path_and_leaves_the_parent_unchanged(world, client):
    Organization.objects.create(name='initech')
    other = Product.objects.create(name='other-product', provider=Organization.objects.get(name='initech'))
    elements = [{'kind': 'good', 'name': 'fine', 'product': 'hosting'},
                {'kind': 'good', 'name': 'foreign', 'product': other.name}]
    response = send(client, 'patch', f'{API}service-offerings/{world.offering.pk}/',
                    {'title': 'Changed', 'elements': elements})
    assert response.status_code == 400
    body = response.json()
    assert list(body) == ['elements'] and list(body['elements']) == ['1']
    assert list(body['elements']['1']) == ['product']
    assert 'another provider' in body['elements']['1']['product'][0]
    world.offering.refresh_from_db()
    assert world.offering.title == ''
    assert list(world.offering.elements.values_list('name', flat=True)) == ['hosting']
    assert api_changes() == 0


def test_a_request_item_names_an_element_of_its_offering(world, client):
    response = send(client, 'patch', f'{API}service-offerings/{world.offering.pk}/',
                    {'requestItems': [{'name': 'restart', 'element': 'hosting'},
                                      {'name': 'other', 'element': 'nowhere'}]})
    assert response.status_code == 400
    assert list(response.json()['requestItems']) == ['1']
    assert list(response.json()['requestItems']['1']) == ['element']
    assert RequestItem.objects.filter(offering=world.offering).count() == 1


def test_price_plan_errors_are_nested_under_pricing(world, client):
    url = f'{API}service-offerings/{world.offering.pk}/'
    response = send(client, 'patch', url, {'pricing': {'currency': 'ABC', 'fee': {'amount': '1', 'per': 'month'}}})
    assert response.status_code == 400
    assert list(response.json()) == ['pricing'] and list(response.json()['pricing']) == ['currency']
    response = send(client, 'patch', url, {'pricing': {'currency': 'EUR', 'fee': {'amount': '1', 'per': 'month'},
                                                       'waivers': {'subscribedTo': 'no-such-offering'}}})
    assert response.status_code == 400
    assert 'no-such-offering' in response.json()['pricing']['waivers'][0]
    response = send(client, 'patch', url, {'pricing': {'currency': 'EUR', 'waivers': {'fact': 'x'}}})
    assert response.status_code == 400
    assert list(response.json()['pricing']) == ['waivers']
    response = send(client, 'patch', url, {'pricing': {'currency': 'EUR', 'usage': [{'event': 'a', 'amount': '-1'}]}})
    assert response.status_code == 400
    assert list(response.json()['pricing']['usage']['0']) == ['amount']
    world.offering.refresh_from_db()
    assert world.offering.currency == 'EUR' and world.offering.fee_amount is None
    assert api_changes() == 0


def test_a_conversion_price_needs_the_offerings_currency(world, client):
    ServiceOffering.objects.filter(pk=world.offering.pk).update(currency='')
    response = send(client, 'patch', f'{API}service-offerings/{world.offering.pk}/', {'elements': [
        {'kind': 'access', 'name': 'hosting', 'product': 'hosting', 'convertibleToGood': {'price': '5'}}]})
    assert response.status_code == 400
    assert list(response.json()['elements']['0']) == ['convertibleToGood']


def test_an_element_a_request_item_still_uses_cannot_be_removed(world, client):
    response = send(client, 'patch', f'{API}service-offerings/{world.offering.pk}/', {'elements': []})
    assert response.status_code == 400
    assert 'still referred to' in response.json()['elements'][0]
    assert world.offering.elements.count() == 1


def test_a_part_listed_twice_is_refused_at_the_second(world, client):
    url = f'{API}service-offerings/{world.offering.pk}/'
    element = {'kind': 'access', 'name': 'hosting', 'product': 'hosting'}
    response = send(client, 'patch', url, {'elements': [element, element]})
    assert response.status_code == 400
    assert list(response.json()['elements']) == ['1'] and list(response.json()['elements']['1']) == ['name']
    pricing = {'currency': 'EUR', 'usage': [{'event': 'a', 'amount': '1'}, {'event': 'a', 'amount': '2'}]}
    response = send(client, 'patch', url, {'pricing': pricing})
    assert response.status_code == 400
    assert list(response.json()['pricing']['usage']) == ['1']
    assert list(UsageCharge.objects.filter(offering=world.offering).values_list('event', flat=True)) == ['restart']
    assert api_changes() == 0


def test_parts_that_are_not_a_list_are_refused(world, client):
    response = send(client, 'patch', f'{API}service-offerings/{world.offering.pk}/', {'elements': {'name': 'x'}})
    assert response.status_code == 400
    assert list(response.json()['elements']) == ['non_field_errors']


# Products: components and their views per group.

def test_a_product_is_written_with_components_and_views_per_group(world, client):
    world.resource('router')
    ConsumerGroup.objects.create(name='staff', provider=world.acme)
    data = {'name': 'net', 'provider': 'acme', 'hiddenFrom': ['staff'], 'components': [
        {'resource': 'server', 'role': 'host', 'views': {'students': {'label': 'A fast server'}, 'staff': {}}},
        {'resource': 'router', 'visibility': 'visible'},
    ]}
    response = send(client, 'post', f'{API}products/', data)
    assert response.status_code == 201, response.json()
    assert response.json()['components'] == [
        {'resource': 'server', 'role': 'host', 'views': {'staff': {}, 'students': {'label': 'A fast server'}}},
        {'resource': 'router', 'visibility': 'visible'},
    ]
    assert logged(ProductComponent, ChangeAction.CREATE) == 2
    assert logged(ComponentView, ChangeAction.CREATE) == 2
    pk = response.json()['id']
    server = ProductComponent.objects.get(product_id=pk, resource__name='server')
    label = ComponentView.objects.get(component=server, group__name='students')

    components = [{'resource': 'server', 'role': 'db', 'views': {'students': {'label': 'Our server'}}}]
    response = send(client, 'patch', f'{API}products/{pk}/', {'components': components})
    assert response.status_code == 200, response.json()
    assert response.json()['components'] == components
    assert ProductComponent.objects.get(pk=server.pk).role == 'db'
    assert ComponentView.objects.get(pk=label.pk).label == 'Our server'
    assert logged(ProductComponent, ChangeAction.DELETE) == 1
    assert logged(ComponentView, ChangeAction.DELETE) == 1
    assert logged(ComponentView, ChangeAction.UPDATE) == 1

    # A product keeps at least one component: removing them all is refused, and nothing is removed.
    response = send(client, 'patch', f'{API}products/{pk}/', {'components': []})
    assert response.status_code == 400
    assert list(response.json()) == ['components']
    assert ProductComponent.objects.filter(product_id=pk).count() == 1


def test_a_component_of_another_providers_resource_is_refused_at_its_path(world, client):
    Resource.objects.create(name='their-server', organization=world.globex, dimension='information-and-technology',
                            kind='infrastructure')
    response = send(client, 'patch', f'{API}products/{world.hosting.pk}/', {'title': 'New', 'components': [
        {'resource': 'server'}, {'resource': 'their-server'}]})
    assert response.status_code == 400
    assert list(response.json()['components']) == ['1']
    assert list(response.json()['components']['1']) == ['resource']
    assert 'globex' in response.json()['components']['1']['resource'][0]
    world.hosting.refresh_from_db()
    assert world.hosting.title == ''
    assert api_changes() == 0


def test_a_view_for_an_unknown_group_is_refused_under_its_name(world, client):
    response = send(client, 'patch', f'{API}products/{world.hosting.pk}/', {'components': [
        {'resource': 'server', 'views': {'nobody': {'label': 'x'}}}]})
    assert response.status_code == 400
    assert list(response.json()['components']['0']['views']) == ['nobody']


def test_a_part_may_refer_only_to_what_the_user_may_see(world, django_user_model):
    user = django_user_model.objects.create_user('pat', password='x')
    user.user_permissions.set(Permission.objects.filter(
        codename__in=['view_product', 'change_product', 'view_organization', 'view_consumergroup']))
    client = Client()
    client.force_login(user)
    response = send(client, 'patch', f'{API}products/{world.hosting.pk}/', {'components': [{'resource': 'server'}]})
    assert response.status_code == 400
    assert list(response.json()['components']['0']) == ['resource']


def test_a_patch_without_the_nested_key_leaves_the_parts_alone(world, client):
    response = send(client, 'patch', f'{API}products/{world.hosting.pk}/', {'title': 'Hosting'})
    assert response.status_code == 200
    assert response.json()['components'] == [{'resource': 'server'}]
    assert logged(ProductComponent, ChangeAction.DELETE) == 0


# Resources: capacity and items.

def test_a_resource_is_written_with_its_capacity_and_items(world, client):
    data = {'name': 'rooms', 'organization': 'acme', 'dimension': 'information-and-technology', 'kind': 'facility',
            'capacity': {'amount': '100', 'unit': 'room-nights'},
            'items': [{'name': 'room-101', 'title': 'Room 101'}, {'name': 'room-102', 'owner': 'globex'}]}
    response = send(client, 'post', f'{API}resources/', data)
    assert response.status_code == 201, response.json()
    assert response.json()['capacity'] == {'amount': '100', 'unit': 'room-nights'}
    assert response.json()['items'] == [{'name': 'room-101', 'title': 'Room 101'},
                                        {'name': 'room-102', 'owner': 'globex'}]
    assert Item.objects.get(name='room-101').owner == world.acme
    assert logged(Item, ChangeAction.CREATE) == 2
    pk = response.json()['id']
    response = send(client, 'patch', f'{API}resources/{pk}/', {'capacity': None, 'items': [{'name': 'room-102'}]})
    assert response.status_code == 200, response.json()
    assert response.json()['capacity'] is None
    assert response.json()['items'] == [{'name': 'room-102'}]
    assert Item.objects.get(name='room-102').owner == world.acme
    assert not Item.objects.filter(name='room-101').exists()
    assert logged(Item, ChangeAction.DELETE) == 1 and logged(Item, ChangeAction.UPDATE) == 1


def test_an_item_with_a_bad_name_is_refused_at_its_path(world, client):
    response = send(client, 'patch', f'{API}resources/{world.server.pk}/',
                    {'capacity': {'amount': '4', 'unit': 'cpu'}, 'items': [{'name': 'ok'}, {'name': 'Not A Slug'}]})
    assert response.status_code == 400
    assert list(response.json()['items']) == ['1'] and list(response.json()['items']['1']) == ['name']
    world.server.refresh_from_db()
    assert world.server.capacity_amount is None
    assert not Item.objects.filter(name='ok').exists()


# Relationships: consumer roles.

def test_consumer_roles_are_created_replaced_and_removed(world, client):
    carol = Person.objects.create(name='carol')
    carol.member_of.set([world.globex])
    url = f'{API}service-relationships/{world.relationship.pk}/'
    kept = ConsumerRole.objects.get(relationship=world.relationship, person=world.bob, role='customer')
    roles = [{'person': 'bob', 'role': 'customer'}, {'person': 'carol', 'role': 'user'},
             {'person': 'carol', 'role': 'sponsor'}]
    response = send(client, 'patch', url, {'roles': roles})
    assert response.status_code == 200, response.json()
    assert response.json()['roles'] == sorted(roles, key=lambda r: (r['person'], r['role']))
    assert ConsumerRole.objects.filter(pk=kept.pk).exists()
    assert logged(ConsumerRole, ChangeAction.CREATE) == 2
    response = send(client, 'patch', url, {'roles': [{'person': 'carol', 'role': 'user'}]})
    assert response.status_code == 200, response.json()
    assert response.json()['roles'] == [{'person': 'carol', 'role': 'user'}]
    assert logged(ConsumerRole, ChangeAction.DELETE) == 2


def test_a_role_for_a_person_outside_the_consumer_is_refused_at_its_path(world, client):
    url = f'{API}service-relationships/{world.relationship.pk}/'
    response = send(client, 'patch', url, {'type': 'cooperative', 'roles': [{'person': 'alice', 'role': 'user'}]})
    assert response.status_code == 400
    assert list(response.json()['roles']['0']) == ['person']
    assert 'R12' in response.json()['roles']['0']['person'][0]
    assert ServiceRelationship.objects.get(pk=world.relationship.pk).type == 'basic'
    assert ConsumerRole.objects.filter(relationship=world.relationship).count() == 1
    assert api_changes() == 0


# Agreements: targets and their measurements.

TARGETS = [
    {'name': 'availability', 'kind': 'operational', 'comparator': '>=', 'value': '99.9', 'unit': '%',
     'measurements': [{'period': '2025-01', 'value': '99.95'}, {'period': '2025-02', 'value': '99.5'}]},
    {'name': 'satisfaction', 'kind': 'experience', 'comparator': '>=', 'value': '4'},
]


def test_agreement_targets_and_measurements_are_created_replaced_and_removed(world, client):
    data = {'name': 'globex-sla', 'relationship': 'acme-globex', 'kind': 'sla', 'targets': TARGETS}
    response = send(client, 'post', f'{API}agreements/', data)
    assert response.status_code == 201, response.json()
    assert response.json()['targets'] == TARGETS
    assert logged(AgreementTarget, ChangeAction.CREATE) == 2
    assert logged(Measurement, ChangeAction.CREATE) == 2
    pk = response.json()['id']
    january = Measurement.objects.get(target__agreement_id=pk, period='2025-01')
    targets = [{'name': 'availability', 'kind': 'operational', 'comparator': '>=', 'value': '99.5', 'unit': '%',
                'measurements': [{'period': '2025-01', 'value': '98'}]}]
    response = send(client, 'patch', f'{API}agreements/{pk}/', {'targets': targets})
    assert response.status_code == 200, response.json()
    assert response.json()['targets'] == targets
    assert Measurement.objects.get(pk=january.pk).value == Decimal('98')
    assert logged(Measurement, ChangeAction.UPDATE) == 1
    assert logged(Measurement, ChangeAction.DELETE) == 1
    assert logged(AgreementTarget, ChangeAction.DELETE) == 1
    response = send(client, 'patch', f'{API}agreements/{pk}/', {'targets': []})
    assert response.status_code == 200
    assert not AgreementTarget.objects.filter(agreement_id=pk).exists()


def test_a_bad_measurement_is_refused_at_its_path(world, client):
    targets = [TARGETS[1], {**TARGETS[0], 'measurements': [{'period': '2025-01', 'value': '1'},
                                                           {'period': '2025-13', 'value': '2'}]}]
    data = {'name': 'globex-sla', 'relationship': 'acme-globex', 'kind': 'sla', 'targets': targets}
    response = send(client, 'post', f'{API}agreements/', data)
    assert response.status_code == 400
    assert response.json() == {'targets': {'1': {'measurements': {'1': {'period': ['a period YYYY-MM']}}}}}
    assert not Agreement.objects.filter(name='globex-sla').exists()


def test_a_target_listed_twice_is_refused_and_nothing_is_written(world, client):
    data = {'name': 'globex-sla', 'relationship': 'acme-globex', 'kind': 'sla', 'targets': [TARGETS[1], TARGETS[1]]}
    response = send(client, 'post', f'{API}agreements/', data)
    assert response.status_code == 400
    assert list(response.json()['targets']['1']) == ['name']
    assert not Agreement.objects.filter(name='globex-sla').exists()
    assert api_changes() == 0


# Value reviews: factors.

def test_value_review_factors_are_replaced_in_place_by_position(world, client):
    data = {'name': 'jan', 'relationship': 'acme-globex', 'period': '2025-01', 'assessedBy': 'bob',
            'overall': 'positive', 'factors': [{'kind': 'outcome', 'direction': 'achieved', 'description': 'Up'},
                                               {'kind': 'cost', 'direction': 'removed', 'amount': '100'}]}
    response = send(client, 'post', f'{API}value-reviews/', data)
    assert response.status_code == 201, response.json()
    assert response.json()['factors'] == data['factors']
    pk = response.json()['id']
    first = ValueFactor.objects.get(review_id=pk, position=0)
    factors = [{'kind': 'risk', 'direction': 'introduced', 'description': 'Lock-in'}]
    response = send(client, 'patch', f'{API}value-reviews/{pk}/', {'factors': factors})
    assert response.status_code == 200, response.json()
    assert response.json()['factors'] == factors
    assert ValueFactor.objects.get(pk=first.pk).kind == 'risk'
    assert logged(ValueFactor, ChangeAction.UPDATE) == 1 and logged(ValueFactor, ChangeAction.DELETE) == 1
    response = send(client, 'patch', f'{API}value-reviews/{pk}/', {'overall': 'neutral', 'factors': [
        {'kind': 'cost', 'direction': 'removed', 'amount': '1.23456'}]})
    assert response.status_code == 400
    assert list(response.json()['factors']['0']) == ['amount']
    assert ValueReview.objects.get(pk=pk).overall == 'positive'
