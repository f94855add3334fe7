"""``accord roles``: provider, consumer or both, and in which relationships (domain.md section 6)."""

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.analysis.roles import RolesError, organization_roles
from accord.parties.models import Organization
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

PAYHUB = {
    'cloudco-payhub': ('cloudco', 'payhub'),
    'datasafe-payhub': ('datasafe', 'payhub'),
    'payhub-cloudco': ('payhub', 'cloudco'),
    'payhub-shopa': ('payhub', 'shopa'),
}


def document(kind: str, name: str, /, **spec) -> dict:
    return {'apiVersion': 'accord/v1', 'kind': kind, 'metadata': {'name': name}, 'spec': spec}


def organizations(*names: str) -> list[dict]:
    return [document('Organization', name) for name in names]


def relationship(name: str, provider: str, consumer: str, **spec) -> dict:
    return document('ServiceRelationship', name, provider=provider, consumer=consumer, **spec)


def apply(tmp_path, *documents: dict) -> None:
    """Apply the documents as a user would, through ``accord apply``."""
    path = tmp_path / f'documents-{len(list(tmp_path.iterdir()))}.yaml'
    path.write_text(yaml.safe_dump_all(documents, sort_keys=False))
    result = run_cli('apply', path)
    assert result.status == 0, result.stderr


@pytest.fixture
def payhub(tmp_path):
    """PayHub buys from CloudCo and DataSafe and sells to CloudCo and ShopA (the contract's example)."""
    apply(
        tmp_path,
        *organizations('cloudco', 'datasafe', 'payhub', 'shopa'),
        *(relationship(name, provider, consumer) for name, (provider, consumer) in PAYHUB.items()),
    )
    return tmp_path


def test_an_organization_both_provider_and_consumer_answers_as_the_contract_shows(payhub):
    result = run_cli('roles', 'payhub', '--format', 'json')
    assert result.status == 0, result.stderr
    assert result.json == {
        'organization': 'payhub',
        'roles': ['consumer', 'provider'],
        'consumerIn': ['cloudco-payhub', 'datasafe-payhub'],
        'providerIn': ['payhub-cloudco', 'payhub-shopa'],
    }


def test_the_reverse_pair_gives_the_other_organization_both_roles_too(payhub):
    assert organization_roles('cloudco') == {
        'organization': 'cloudco',
        'roles': ['consumer', 'provider'],
        'consumerIn': ['payhub-cloudco'],
        'providerIn': ['cloudco-payhub'],
    }


def test_an_organization_that_only_provides_is_a_provider(payhub):
    assert organization_roles('datasafe')['roles'] == ['provider']
    assert organization_roles('shopa') == {
        'organization': 'shopa', 'roles': ['consumer'], 'consumerIn': ['payhub-shopa'], 'providerIn': [],
    }


def test_a_terminated_relationship_gives_no_role(payhub):
    apply(payhub, *organizations('oldbank'), relationship('oldbank-payhub', 'oldbank', 'payhub', status='terminated'),
          relationship('payhub-oldbank', 'payhub', 'oldbank', status='terminated'))
    assert organization_roles('payhub')['consumerIn'] == ['cloudco-payhub', 'datasafe-payhub']
    assert organization_roles('payhub')['providerIn'] == ['payhub-cloudco', 'payhub-shopa']
    assert organization_roles('oldbank') == {'organization': 'oldbank', 'roles': [], 'consumerIn': [], 'providerIn': []}


def test_a_relationship_terminated_later_drops_out(payhub):
    apply(payhub, relationship('payhub-shopa', 'payhub', 'shopa', status='terminated'))
    assert organization_roles('shopa')['roles'] == []
    assert organization_roles('payhub')['providerIn'] == ['payhub-cloudco']


def test_prospect_agreed_and_suspended_relationships_count(tmp_path):
    apply(
        tmp_path,
        *organizations('a', 'b', 'c', 'd'),
        relationship('a-b', 'a', 'b', status='prospect'),
        relationship('a-c', 'a', 'c', status='agreed'),
        relationship('d-a', 'd', 'a', status='suspended'),
    )
    assert organization_roles('a') == {
        'organization': 'a', 'roles': ['consumer', 'provider'], 'consumerIn': ['d-a'], 'providerIn': ['a-b', 'a-c'],
    }


def test_an_organization_in_no_relationship_has_no_role(payhub):
    apply(payhub, *organizations('loner'))
    result = run_cli('roles', 'loner', '--format', 'json')
    assert result.status == 0
    assert result.json == {'organization': 'loner', 'roles': [], 'consumerIn': [], 'providerIn': []}


def test_a_business_unit_s_relationships_are_not_its_parent_s(tmp_path):
    apply(
        tmp_path,
        document('Organization', 'bank'),
        document('Organization', 'bank-it', kind='business-unit', parent='bank'),
        *organizations('vendor'),
        relationship('vendor-bank-it', 'vendor', 'bank-it'),
    )
    assert organization_roles('bank')['roles'] == []
    assert organization_roles('bank-it')['consumerIn'] == ['vendor-bank-it']


def test_an_organization_object_may_be_given_instead_of_a_name(payhub):
    assert organization_roles(Organization.objects.get(name='payhub')) == organization_roles('payhub')


def test_the_table_lists_each_relationship_with_the_role_held(payhub):
    result = run_cli('roles', 'payhub')
    assert result.status == 0
    assert 'Roles of payhub: consumer and provider' in result.stdout
    for name in PAYHUB:
        assert name in result.stdout


def test_the_table_says_when_there_is_no_role(payhub):
    apply(payhub, *organizations('loner'))
    assert 'loner is neither provider nor consumer' in run_cli('roles', 'loner').stdout


def test_an_unknown_organization_exits_1_naming_it(db):
    result = run_cli('roles', 'nobody-inc', '--format', 'json')
    assert result.status == 1
    assert "unknown organization 'nobody-inc'" in result.stderr
    assert result.stdout == ''
    assert 'Traceback' not in result.stderr
    with pytest.raises(RolesError, match='nobody-inc'):
        organization_roles('nobody-inc')


def test_a_missing_organization_argument_is_a_usage_error(db):
    assert run_cli('roles').status == 2


def test_the_number_of_queries_does_not_grow_with_the_relationships(tmp_path):
    apply(tmp_path, *organizations('hub', *(f'org-{i}' for i in range(20))), relationship('hub-org-0', 'hub', 'org-0'))
    with CaptureQueriesContext(connection) as few:
        organization_roles('hub')
    apply(tmp_path, *(relationship(f'hub-org-{i}', 'hub', f'org-{i}') for i in range(1, 10)),
          *(relationship(f'org-{i}-hub', f'org-{i}', 'hub') for i in range(10, 20)))
    with CaptureQueriesContext(connection) as many:
        answer = organization_roles('hub')
    assert len(answer['providerIn']) == 10 and len(answer['consumerIn']) == 10
    assert len(many) == len(few) == 2
