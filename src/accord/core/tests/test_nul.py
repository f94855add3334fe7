"""No stored string holds a NUL character, on SQLite as on PostgreSQL (which refuses it with a 500).

One check on the model, reached by ``full_clean`` and the services' ``validate``, so the API, the
importer, the admin and every other write path refuse it alike, naming the field.
"""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accord.api.tests.test_endpoints import API
from accord.catalog.models import ServiceOffering, UsageCharge
from accord.core.models import ObjectChange
from accord.parties.models import Organization
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

NUL_MESSAGE = 'Null characters are not allowed.'  # as DRF's and Django's own text fields say it


@pytest.mark.parametrize('labels', [{'tier\x00': 'gold'}, {'tier': 'go\x00ld'}])
def test_the_api_refuses_a_nul_in_a_label_key_or_value(admin_client, labels):
    body = json.dumps({'name': 'acme', 'labels': labels})
    response = admin_client.post(f'{API}organizations/', body, content_type='application/json')
    assert response.status_code == 400
    assert response.json() == {'labels': [NUL_MESSAGE]}
    assert not Organization.objects.exists() and not ObjectChange.objects.exists()


def test_the_api_refuses_a_nul_in_a_waiver_condition(admin_client):
    Organization.objects.create(name='acme', external=True)
    pricing = {'currency': 'EUR', 'fee': {'amount': '5', 'per': 'month'},
               'waivers': {'fact': 'dep\x00osit', 'atLeast': 1}}
    body = json.dumps({'name': 'web', 'provider': 'acme', 'pricing': pricing})
    response = admin_client.post(f'{API}service-offerings/', body, content_type='application/json')
    assert response.status_code == 400
    assert response.json() == {'pricing': {'waivers': [NUL_MESSAGE]}}
    assert not ServiceOffering.objects.exists()


def test_a_model_outside_the_base_tiers_refuses_a_nul_naming_the_field():
    Organization.objects.create(name='acme', external=True)
    offering = ServiceOffering.objects.create(name='web', provider=Organization.objects.get(), currency='EUR')
    charge = UsageCharge(offering=offering, event='re\x00start', amount=Decimal('1'))
    with pytest.raises(ValidationError) as refused:
        charge.full_clean()
    assert refused.value.message_dict == {'event': [NUL_MESSAGE]}


def test_the_admin_refuses_a_nul_in_labels_as_a_form_error(admin_client):
    form = {'name': 'acme', 'title': '', 'description': '', 'labels': '{"tier": "go\\u0000ld"}',
            'kind': 'legal-entity', 'parent': ''}
    response = admin_client.post(reverse('admin:parties_organization_add'), form)
    assert response.status_code == 200
    assert NUL_MESSAGE in str(response.context['adminform'].form.errors['labels'])
    assert not Organization.objects.exists()


def test_the_importer_refuses_a_nul_at_its_file_and_line(tmp_path):
    path = tmp_path / 'nul.yaml'
    path.write_text('apiVersion: accord/v1\nkind: Organization\nmetadata:\n  name: acme\n'
                    '  labels: {tier: "go\\0ld"}\nspec: {}\n')
    result = run_cli('apply', str(path))
    assert result.status == 1
    assert f'{path}:5: Organization:acme: metadata.labels: {NUL_MESSAGE}' in result.stderr
    assert not Organization.objects.exists()
