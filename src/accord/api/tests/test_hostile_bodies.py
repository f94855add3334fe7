"""Bodies written to hurt: refused with a 400 in JSON that names the limit, never a 500, nothing written."""

import json

import pytest

from accord.api.tests.test_endpoints import API
from accord.core.limits import MAX_NESTING
from accord.parties.models import Organization


def nested(levels: int) -> str:
    """An organization whose labels hold ``levels`` levels of objects in all (the body itself included)."""
    inner = '{"a": ' * (levels - 1) + '"x"' + '}' * (levels - 1)
    return '{"name": "acme", "labels": ' + inner + '}'


@pytest.mark.parametrize('levels', [MAX_NESTING + 1, 900, 100_000])
def test_a_body_nested_deeper_than_the_limit_is_400_naming_the_limit(admin_client, levels):
    response = admin_client.post(f'{API}organizations/', nested(levels), content_type='application/json')
    assert response.status_code == 400
    assert response.json() == {'detail': f'JSON parse error - nested more than {MAX_NESTING} levels deep'}
    assert not Organization.objects.exists()


def test_a_body_nested_to_the_limit_is_read(admin_client):
    response = admin_client.post(f'{API}organizations/', nested(MAX_NESTING), content_type='application/json')
    assert 'nested more than' not in response.content.decode()
    assert 'labels' in response.json()  # read: then stored, or refused as labels that are no string map


@pytest.mark.parametrize(('labels', 'message'), [
    ({'tier': {'level': 'gold'}}, "label 'tier': must be a string"),
    (['gold'], 'must be a map of label names to strings'),
    ({'tier': 'g' * 201}, "label 'tier': at most 200 characters"),
])
def test_labels_that_are_no_map_of_short_strings_are_refused_as_the_file_format_refuses_them(
        admin_client, labels, message):
    body = json.dumps({'name': 'acme', 'labels': labels})
    response = admin_client.post(f'{API}organizations/', body, content_type='application/json')
    assert response.status_code == 400
    assert response.json() == {'labels': [message]}
    assert not Organization.objects.exists()
