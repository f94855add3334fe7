"""What a body says twice is refused, never silently reduced to its last or only copy.

A JSON object with a key given twice is refused (the file format refuses duplicate YAML keys), and
so are two owned parts with the same natural key in one list: either would otherwise collapse into
one, and the client would believe it wrote what it did not.
"""

import pytest

from accord.api.tests.test_endpoints import API
from accord.api.tests.test_nested_writes import TARGETS, api_changes, send
from accord.catalog.models import ProductComponent, RequestItem
from accord.parties.models import Organization
from accord.relationships.models import Agreement, ConsumerRole
from accord.resources.models import Item


@pytest.fixture
def client(admin_client):
    return admin_client


def post_raw(client, url: str, body: str):
    return client.post(url, body, content_type='application/json')


def test_a_key_given_twice_in_a_json_body_is_refused_and_nothing_is_written(admin_client):
    response = post_raw(admin_client, f'{API}organizations/', '{"name": "acme", "name": "globex"}')
    assert response.status_code == 400
    assert response.json() == {'detail': "JSON parse error - duplicate key 'name'"}
    assert not Organization.objects.exists()


def test_a_key_given_twice_in_a_nested_object_is_refused(admin_client):
    body = '{"name": "acme", "labels": {"tier": "gold", "tier": "silver"}}'
    response = post_raw(admin_client, f'{API}organizations/', body)
    assert response.status_code == 400
    assert response.json() == {'detail': "JSON parse error - duplicate key 'tier'"}
    assert not Organization.objects.exists()


def test_the_same_item_twice_in_a_resource_is_refused_at_the_second(world, client):
    items = [{'name': 'room-101', 'title': 'A'}, {'name': 'room-101', 'title': 'B'}]
    response = send(client, 'patch', f'{API}resources/{world.server.pk}/', {'items': items})
    assert response.status_code == 400
    assert response.json() == {'items': {'1': {'name': ['item room-101 is listed twice']}}}
    assert not Item.objects.exists() and api_changes() == 0


def test_the_same_request_item_twice_in_an_offering_is_refused_at_the_second(world, client):
    items = [{'name': 'reboot', 'element': 'hosting'}, {'name': 'reboot', 'element': 'hosting', 'title': 'T'}]
    response = send(client, 'patch', f'{API}service-offerings/{world.offering.pk}/', {'requestItems': items})
    assert response.status_code == 400
    assert list(response.json()['requestItems']) == ['1']
    assert list(RequestItem.objects.values_list('name', flat=True)) == ['restart'] and api_changes() == 0


def test_the_same_consumer_role_twice_is_refused_at_the_second(world, client):
    roles = [{'person': 'bob', 'role': 'user'}, {'person': 'bob', 'role': 'user'}]
    response = send(client, 'patch', f'{API}service-relationships/{world.relationship.pk}/', {'roles': roles})
    assert response.status_code == 400
    assert list(response.json()['roles']) == ['1']
    assert ConsumerRole.objects.get().role == 'customer' and api_changes() == 0


def test_the_same_component_twice_in_a_product_is_refused_at_the_second(world, client):
    components = [{'resource': 'server', 'role': 'a'}, {'resource': 'server', 'role': 'b'}]
    response = send(client, 'patch', f'{API}products/{world.hosting.pk}/', {'components': components})
    assert response.status_code == 400
    assert list(response.json()['components']) == ['1']
    assert list(response.json()['components']['1']) == ['resource']
    assert ProductComponent.objects.get().role == '' and api_changes() == 0


def test_the_same_period_measured_twice_in_a_target_is_refused_at_the_second(world, client):
    target = {**TARGETS[0], 'measurements': [{'period': '2025-01', 'value': '1'}, {'period': '2025-01', 'value': '2'}]}
    data = {'name': 'globex-sla', 'relationship': 'acme-globex', 'kind': 'sla', 'targets': [target]}
    response = send(client, 'post', f'{API}agreements/', data)
    assert response.status_code == 400
    assert list(response.json()['targets']['0']['measurements']) == ['1']
    assert not Agreement.objects.exists() and api_changes() == 0
