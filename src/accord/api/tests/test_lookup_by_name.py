"""Detail URLs take an object's name as well as its id, with the same answers and the same 404s."""

import pytest

from accord.api.tests import test_permission_matrix
from accord.catalog.models import ServiceOffering
from accord.core.models import User
from accord.parties.models import Organization

pytestmark = pytest.mark.django_db
personas = test_permission_matrix.personas
OFFERINGS = '/api/v1/service-offerings/'


def test_an_offering_answers_by_name_as_by_id(admin_client, world):
    by_id = admin_client.get(f'{OFFERINGS}{world.offering.pk}/')
    by_name = admin_client.get(f'{OFFERINGS}web-basic/')
    assert by_name.status_code == 200
    assert by_name.json() == by_id.json()
    assert by_name['ETag'] == by_id['ETag']
    assert admin_client.get(f'{OFFERINGS}web-basic.json').json() == admin_client.get(
        f'{OFFERINGS}{world.offering.pk}.json').json()


def test_an_object_is_changed_and_deleted_by_name(admin_client, world):
    etag = admin_client.get('/api/v1/organizations/globex/')['ETag']
    changed = admin_client.patch('/api/v1/organizations/globex/', {'title': 'Globex Corp'},
                                 content_type='application/json', headers={'If-Match': etag})
    assert changed.status_code == 200, changed.content
    assert Organization.objects.get(name='globex').title == 'Globex Corp'
    Organization.objects.create(name='initech')
    assert admin_client.delete('/api/v1/organizations/initech/').status_code == 204
    assert not Organization.objects.filter(name='initech').exists()


def test_an_unknown_name_is_a_json_404(admin_client, world):
    for url in (f'{OFFERINGS}no-such-offering/', f'{OFFERINGS}Not-A-Slug/'):
        response = admin_client.get(url)
        assert response.status_code == 404
        assert response['Content-Type'] == 'application/json'


def test_a_key_of_digits_is_an_id_first_then_a_name(admin_client, world):
    numbered = Organization.objects.create(name='2025')
    clash = Organization.objects.create(name=str(world.acme.pk))
    assert admin_client.get('/api/v1/organizations/2025/').json()['id'] == numbered.pk
    assert admin_client.get(f'/api/v1/organizations/{world.acme.pk}/').json()['name'] == 'acme'
    assert clash.pk != world.acme.pk


def test_a_consumer_gets_404_for_a_hidden_objects_name_as_for_its_id(personas):
    ana = User.objects.get(username='consumer-ana')
    hidden = ServiceOffering.objects.exclude(pk__in=ServiceOffering.objects.restrict(ana, 'view')).first()
    assert hidden is not None
    assert personas['ana'].get(f'{OFFERINGS}{hidden.pk}/').status_code == 404
    assert personas['ana'].get(f'{OFFERINGS}{hidden.name}/').status_code == 404
    assert personas['ana'].get(f'{OFFERINGS}student-checking/').status_code == 200


def test_the_schema_documents_the_name_lookup(admin_client):
    schema = admin_client.get('/api/schema/?format=json').json()
    parameter = schema['paths']['/api/v1/service-offerings/{id}/']['get']['parameters'][0]
    assert parameter['name'] == 'id' and parameter['schema']['type'] == 'string'
    assert 'or its name' in parameter['description']


def test_a_consumer_changing_an_offering_they_see_by_name_is_refused_as_by_id(personas):
    offering = ServiceOffering.objects.get(name='student-checking')
    for key in (offering.pk, offering.name):
        response = personas['ana'].patch(f'{OFFERINGS}{key}/', {'title': 'Mine'}, content_type='application/json')
        assert response.status_code == 403, key
    assert ServiceOffering.objects.get(pk=offering.pk).title != 'Mine'


def test_a_key_outside_the_name_pattern_is_a_json_404_even_with_a_newline(admin_client, world):
    response = admin_client.get(f'{OFFERINGS}web%0Abasic/')
    assert response.status_code == 404
    assert response['Content-Type'] == 'application/json'
