"""A body key the API does not take is refused, never silently ignored (issue 4).

Every route of the router is tried, so a new route is covered as soon as the permission matrix
(``test_permission_matrix.targets``) names an object of it: an unknown key on create and on PATCH
answers 400 naming it and writes nothing; so does one inside any part, found by walking each
serializer's nested parts; read-only keys pass only unchanged, so a GET's body can be PUT back.
"""

import json
from typing import Any

import pytest
from django.db import models
from django.test import Client
from rest_framework import serializers

from accord.api.router import router
from accord.api.serializers import Parts
from accord.api.tests.test_endpoints import API
from accord.api.tests.test_permission_matrix import targets
from accord.catalog.models import ServiceOffering
from accord.core.models import ObjectChange

pytestmark = pytest.mark.django_db

WRITABLE = [(prefix, viewset) for prefix, viewset, _basename in router.registry if hasattr(viewset, 'create')]
UNKNOWN = 'colour'


@pytest.fixture
def superuser(bank, admin_client) -> Client:
    return admin_client


def send(client: Client, method: str, url: str, data: Any):
    return getattr(client, method)(url, json.dumps(data), content_type='application/json')


def shapes(serializer: serializers.Serializer, path: tuple = ()) -> list[tuple]:
    """Every path at which a body holds an object of known keys: the root, each part and each piece of one.

    A list's items are at index 0, a map's values (a component's ``views``) at key ``any``.
    """
    found = [path]
    for name, field in serializer.fields.items():
        if not field.read_only:
            found += field_shapes(field, (*path, name))
    return found


def field_shapes(field: serializers.Field, path: tuple) -> list[tuple]:
    if isinstance(field, Parts):
        return shapes(field.serializer_class(), (*path, 0) if field.many else path)
    if isinstance(field, serializers.ListSerializer):
        return shapes(field.child, (*path, 0))
    if isinstance(field, serializers.Serializer):
        return shapes(field, path)
    if isinstance(field, (serializers.DictField, serializers.ListField)):
        return field_shapes(field.child, (*path, 'any' if isinstance(field, serializers.DictField) else 0))
    return []


def body_with(path: tuple, inner: dict) -> Any:
    """``inner`` nested at ``path``: ``('elements', 0, 'window')`` → ``{'elements': [{'window': inner}]}``."""
    for step in reversed(path):
        inner = [inner] if isinstance(step, int) else {step: inner}
    return inner


def at(errors: dict, path: tuple) -> dict:
    for step in path:
        errors = errors[str(step)]
    return errors


def state(obj: models.Model, client: Client, prefix: str) -> tuple:
    """What a write could change: the object as the API shows it, and the change log's length."""
    return client.get(f'{API}{prefix}/{obj.pk}/').json(), ObjectChange.objects.count()


def test_every_route_that_writes_is_tried():
    assert {'service-offerings', 'products', 'agreements', 'resources'} <= {prefix for prefix, _ in WRITABLE}
    assert 'object-changes' not in {prefix for prefix, _ in WRITABLE}


def test_the_walk_reaches_every_kind_of_nested_part():
    found = {prefix: set(shapes(viewset.serializer_class())) for prefix, viewset in WRITABLE}
    assert {('elements', 0, 'window'), ('elements', 0, 'targetDuration'), ('pricing', 'fee'),
            ('pricing', 'usage', 0), ('value',), ('requestItems', 0)} <= found['service-offerings']
    assert ('components', 0, 'views', 'any') in found['products']
    assert ('targets', 0, 'measurements', 0) in found['agreements']
    assert {('capacity',), ('items', 0)} <= found['resources']


@pytest.fixture(params=[prefix for prefix, _viewset in WRITABLE])
def route(request, bank) -> tuple[str, Any, models.Model]:
    """A route that writes, its viewset and the permission matrix's object of it."""
    viewset = dict(WRITABLE)[request.param]
    return request.param, viewset, targets()[request.param]


def test_a_copied_body_posted_with_an_unknown_key_is_refused_naming_it_and_the_read_only_keys(route, superuser):
    prefix, viewset, obj = route
    model = viewset.queryset.model
    body = superuser.get(f'{API}{prefix}/{obj.pk}/').json()
    rows, changes = model.objects.count(), ObjectChange.objects.count()
    copy = {**body, UNKNOWN: 'red'}
    natural_key = 'username' if 'username' in body else 'name'  # grants and tokens have none unique
    if natural_key in body:
        copy[natural_key] = 'a-copy'
    response = send(superuser, 'post', f'{API}{prefix}/', copy)
    assert response.status_code == 400
    read_only = {name for name, field in viewset.serializer_class().fields.items() if field.read_only} & set(body)
    assert {'id', 'url'} <= read_only  # and, beyond the named models', e.g. an account's dateJoined
    assert set(response.json()) == read_only | {UNKNOWN}
    assert response.json()['id'] == ['read-only: set by the server, leave it out']
    assert (model.objects.count(), ObjectChange.objects.count()) == (rows, changes)


def test_an_unknown_key_at_any_depth_of_a_patch_is_refused_at_its_path_and_nothing_is_written(route, superuser):
    prefix, viewset, obj = route
    if 'patch' not in viewset.http_method_names:  # API tokens are never changed: 405
        return
    before = state(obj, superuser, prefix)
    for path in shapes(viewset.serializer_class()):
        response = send(superuser, 'patch', f'{API}{prefix}/{obj.pk}/', body_with(path, {UNKNOWN: 'red'}))
        assert response.status_code == 400, path
        assert at(response.json(), path)[UNKNOWN][0].startswith('unknown field'), (path, response.json())
    assert state(obj, superuser, prefix) == before


def test_what_a_get_answers_can_be_put_back_unchanged(route, superuser):
    prefix, viewset, obj = route
    if 'put' not in viewset.http_method_names:
        return
    url = f'{API}{prefix}/{obj.pk}/'
    body = superuser.get(url).json()
    response = send(superuser, 'put', url, body)
    assert response.status_code == 200, response.json()
    assert response.json() == body


def test_a_changed_id_or_url_is_refused_and_an_unchanged_one_passes(route, superuser):
    prefix, viewset, obj = route
    if 'patch' not in viewset.http_method_names:
        return
    url = f'{API}{prefix}/{obj.pk}/'
    body = superuser.get(url).json()
    before = state(obj, superuser, prefix)
    for changed in ({'id': obj.pk + 1000}, {'url': f'{body["url"]}0/'}):
        for method, data in (('put', {**body, **changed}), ('patch', changed)):
            response = send(superuser, method, url, data)
            assert response.status_code == 400, (method, changed)
            assert response.json() == {key: ['read-only: cannot be changed'] for key in changed}
    assert state(obj, superuser, prefix) == before
    change = {'title': 'Renamed'} if 'title' in body else {'lastName': 'Renamed'} if 'lastName' in body else {}
    response = send(superuser, 'patch', url, {'id': obj.pk, 'url': body['url'], **change})
    assert response.status_code == 200, response.json()
    assert {key: response.json()[key] for key in change} == change


def test_a_misspelt_field_is_refused_with_a_guess_together_with_the_other_errors(world, admin_client):
    data = {'name': 'web-plus', 'provider': 'nobody', 'services': ['web'], 'targetGroup': ['students']}
    response = send(admin_client, 'post', f'{API}service-offerings/', data)
    assert response.status_code == 400
    assert response.json()['targetGroup'] == ['unknown field: did you mean targetGroups?']
    assert set(response.json()) == {'targetGroup', 'provider'}
    assert not ServiceOffering.objects.filter(name='web-plus').exists()
    response = send(admin_client, 'patch', f'{API}service-offerings/{world.offering.pk}/', {'xyz': 1})
    assert response.json()['xyz'][0].startswith('unknown field: the fields are name, title, description')


def test_an_unknown_key_in_one_part_is_the_only_error_of_an_otherwise_valid_list(world, admin_client):
    elements = [{'kind': 'good', 'name': 'manual', 'product': 'hosting'},
                {'kind': 'good', 'name': 'sticker', 'product': 'hosting', 'colour': 'red'}]
    response = send(admin_client, 'patch', f'{API}service-offerings/{world.offering.pk}/', {'elements': elements})
    assert response.status_code == 400
    assert response.json() == {'elements': {'1': {'colour': ['unknown field: the fields are kind, name, product, '
                                                             'component, quantity, window, convertibleToGood, '
                                                             'trigger, performedBy, requiresConsumerPresence, '
                                                             'targetDuration']}}}
    assert list(world.offering.elements.values_list('name', flat=True)) == ['hosting']


def test_the_content_of_waivers_is_left_to_their_own_check(world, admin_client):
    pricing = {'currency': 'EUR', 'waivers': {'fact': 'direct-deposit', 'atLeast': 1, 'colour': 'red'}}
    response = send(admin_client, 'patch', f'{API}service-offerings/{world.offering.pk}/', {'pricing': pricing})
    assert response.status_code == 400
    [message] = response.json()['pricing']['waivers']
    assert not message.startswith('unknown field')


def test_a_form_may_carry_its_csrf_token(world, admin_client):
    response = admin_client.post(f'{API}organizations/', {'name': 'initech', 'csrfmiddlewaretoken': 'x'})
    assert response.status_code == 201, response.json()
    response = admin_client.post(f'{API}organizations/', json.dumps({'name': 'initech-2', 'csrfmiddlewaretoken': 'x'}),
                                 content_type='application/json')
    assert list(response.json()) == ['csrfmiddlewaretoken']


def test_the_schema_says_request_bodies_take_no_other_keys(admin_client):
    schema = admin_client.get('/api/schema/?format=json').json()
    components = schema['components']['schemas']

    def refs(node: Any) -> set[str]:
        if isinstance(node, dict):
            own = {node['$ref'].rsplit('/', 1)[1]} if '$ref' in node else set()
            return own.union(*(refs(value) for value in node.values()))
        if isinstance(node, list):
            return set().union(*(refs(value) for value in node))
        return set()

    seen: set[str] = set()
    for operations in schema['paths'].values():
        for method in ('post', 'put', 'patch'):
            if method in operations:  # a bodiless action (a token's revoke) has none
                seen |= refs(operations[method].get('requestBody', {}))
    pending = set(seen)
    while pending:
        name = pending.pop()
        new = refs(components[name]) - seen
        seen |= new
        pending |= new
    assert {'ServiceOffering', 'PatchedServiceOffering', 'ElementPart', 'FeePart', 'WindowPart'} <= seen
    objects = {name for name in seen if 'properties' in components[name]}
    assert {name for name in objects if components[name].get('additionalProperties') is not False} == set()
