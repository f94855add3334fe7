"""The provision questions under ``/api/v1/questions/``: the CLI's JSON, its refusals as 400, and the gate.

A consumer asks only about their own organization's subscriptions, items and grants: anything else is 404,
exactly as for a name that does not exist.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.analysis.tests.conftest import activity  # noqa: F401  (the fixture)
from accord.core.models import User
from accord.parties.models import Person
from accord.provision.models import ConsumptionEvent
from accord.relationships.models import Subscription
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

URL = '/api/v1/questions/'
SAME = [
    ('charges', ['ana-student-checking', '--period', '2025-03'],
     {'subscription': 'ana-student-checking', 'period': '2025-03'}),
    ('bill-run', ['--all', '--period', '2025-03'], {'period': '2025-03'}),
    ('owner', ['checkbook-0001', '--at', '2025-03-05T00:00:00Z'],
     {'item': 'checkbook-0001', 'at': '2025-03-05T00:00:00Z'}),
    ('access', ['person:ben-okoro', 'resource:card-processing', '--at', '2025-03-13T00:00:00Z'],
     {'grantee': 'person:ben-okoro', 'target': 'resource:card-processing', 'at': '2025-03-13T00:00:00Z'}),
    ('capacity', ['atm-fleet', '--from', '2025-03-01T00:00:00Z', '--to', '2025-04-01T00:00:00Z'],
     {'resource': 'atm-fleet', 'from': '2025-03-01T00:00:00Z', 'to': '2025-04-01T00:00:00Z'}),
    ('characteristics', ['standard-checking', '--from', '2025-03-01', '--to', '2025-03-31'],
     {'offering': 'standard-checking', 'from': '2025-03-01', 'to': '2025-03-31'}),
    ('expiring', ['--within', '30d', '--at', '2025-03-20T00:00:00Z'], {'within': '30d', 'at': '2025-03-20T00:00:00Z'}),
]


@pytest.fixture
def client(activity) -> Client:  # noqa: F811
    client = Client()
    client.force_login(User.objects.create_superuser('root', password='x'))
    return client


def consumer(person: str) -> Client:
    """A client signed in as the person's own account: a consumer of their organization."""
    user = User.objects.create_user(person, password='x')
    Person.objects.filter(name=person).update(user=user)
    client = Client()
    client.force_login(user)
    return client


def ask(client: Client, question: str, params: dict):
    return client.get(f'{URL}{question}/', params)


@pytest.mark.parametrize(('question', 'arguments', 'params'), SAME, ids=[q for q, _, _ in SAME])
def test_each_question_answers_the_json_the_cli_answers(client, question, arguments, params):
    cli = run_cli('charges' if question == 'bill-run' else question, *arguments, '--format', 'json')
    assert cli.status == 0, cli.stderr
    response = ask(client, question, params)
    assert response.status_code == 200, response.content
    assert response.json() == cli.json


@pytest.mark.parametrize(('question', 'params', 'parameter', 'message'), [
    ('charges', {'subscription': 'ana-student-checking', 'period': '2025-13'}, 'period', 'is not a period YYYY-MM'),
    ('bill-run', {}, 'period', 'This field is required.'),
    ('owner', {'item': 'checkbook-0001', 'at': '2025-03-05'}, 'at', 'has no UTC offset'),
    ('access', {'grantee': 'ben-okoro', 'target': 'item:atm-01'}, 'grantee', 'is not person:NAME or organization:NAME'),
    ('capacity', {'resource': 'atm-fleet', 'from': '2025-04-01T00:00:00Z', 'to': '2025-03-01T00:00:00Z'}, 'to',
     'not after it starts'),
    ('characteristics', {'offering': 'standard-checking', 'from': '2025-02-30'}, 'from', 'day is out of range'),
    ('expiring', {'within': 'a month'}, 'within', 'is not a number of days such as 30d'),
])
def test_a_bad_parameter_is_400_naming_it(client, question, params, parameter, message):
    response = ask(client, question, params)
    assert response.status_code == 400
    assert message in response.json()[parameter][0]


@pytest.mark.parametrize(('question', 'params', 'parameter'), [
    ('charges', {'subscription': 'nobody-checking', 'period': '2025-03'}, 'subscription'),
    ('owner', {'item': 'checkbook-9999'}, 'item'),
    ('access', {'grantee': 'person:nobody', 'target': 'item:atm-01'}, 'grantee'),
    ('access', {'grantee': 'person:ben-okoro', 'target': 'item:atm-99'}, 'target'),
    ('capacity', {'resource': 'nowhere', 'from': '2025-03-01T00:00:00Z', 'to': '2025-04-01T00:00:00Z'}, 'resource'),
    ('characteristics', {'offering': 'gold-checking'}, 'offering'),
])
def test_an_unknown_name_is_404_naming_the_parameter(client, question, params, parameter):
    response = ask(client, question, params)
    assert response.status_code == 404
    assert list(response.json()) == [parameter]


def test_a_consumer_is_charged_only_for_their_own_subscriptions(activity):  # noqa: F811
    ana = consumer('ana-garcia')
    assert ask(ana, 'charges', {'subscription': 'ana-student-checking', 'period': '2025-03'}).json()['total'] == '12.50'
    hidden = ask(ana, 'charges', {'subscription': 'northwind-standard-checking', 'period': '2025-03'})
    unknown = ask(ana, 'charges', {'subscription': 'nobody-checking', 'period': '2025-03'})
    assert (hidden.status_code, unknown.status_code) == (404, 404)
    assert hidden.json()['subscription'][0].replace('northwind-standard', 'nobody') == unknown.json()['subscription'][0]
    run = ask(ana, 'bill-run', {'period': '2025-03'}).json()
    assert [line['subscription'] for line in run['subscriptions']] == ['ana-student-checking']
    assert run['totals'] == [{'provider': 'firsttown-bank', 'currency': 'USD', 'subscriptions': 1, 'total': '12.50'}]


def test_a_consumer_asks_the_owner_only_of_items_they_were_handed(activity):  # noqa: F811
    ben, ana = consumer('ben-okoro'), consumer('ana-garcia')
    assert ask(ben, 'owner', {'item': 'checkbook-0001'}).json()['owner'] == 'ben'
    assert ask(ana, 'owner', {'item': 'checkbook-0001'}).status_code == 404
    assert ask(ben, 'owner', {'item': 'atm-01'}).status_code == 404


def test_a_consumer_asks_about_access_only_for_their_own_people_and_what_they_were_granted(activity):  # noqa: F811
    ben, ana = consumer('ben-okoro'), consumer('ana-garcia')
    answer = ask(ben, 'access', {'grantee': 'person:ben-okoro', 'target': 'resource:card-processing',
                                 'at': '2025-03-10T00:00:00Z'}).json()
    assert (answer['access'], answer['grant']) == (True, 'ben-debit-card')
    assert ask(ben, 'access', {'grantee': 'person:ben-okoro', 'target': 'resource:core-banking'}).status_code == 404
    assert ask(ana, 'access', {'grantee': 'person:ben-okoro', 'target': 'item:atm-01'}).status_code == 404
    assert ask(ana, 'access', {'grantee': 'person:ana-garcia', 'target': 'resource:card-processing'}
               ).status_code == 404


def test_a_consumer_gets_404_for_the_providers_capacity_and_characteristics(activity):  # noqa: F811
    ana = consumer('ana-garcia')
    assert ask(ana, 'capacity', {'resource': 'atm-fleet', 'from': '2025-03-01T00:00:00Z',
                                 'to': '2025-04-01T00:00:00Z'}).status_code == 404
    assert ask(ana, 'characteristics', {'offering': 'student-checking'}).status_code == 404


def test_a_consumer_sees_only_their_own_relationship_among_what_ends_soon(activity):  # noqa: F811
    Subscription.objects.filter(name__in=['ana-student-checking', 'ben-standard-checking']).update(
        end=datetime.date(2025, 4, 5))
    answer = ask(consumer('ana-garcia'), 'expiring', {'at': '2025-03-20T00:00:00Z'}).json()
    assert [r['relationship'] for r in answer['relationships']] == ['firsttown-bank-ana']


def test_anonymous_is_refused(activity):  # noqa: F811
    assert Client().get(f'{URL}bill-run/', {'period': '2025-03'}).status_code in (401, 403)


@pytest.mark.parametrize(('question', 'params'), [
    ('charges', {'subscription': 'ana-student-checking', 'period': '2025-03'}),
    ('bill-run', {'period': '2025-03'}),
])
def test_the_number_of_queries_does_not_grow_with_the_events(client, question, params):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert ask(client, question, params).status_code == 200
        return len(captured)

    before = queries()
    ana = Subscription.objects.get(name='ana-student-checking')
    ConsumptionEvent.objects.bulk_create([
        ConsumptionEvent(name=f'more-{n}', subscription=ana, event='foreign-atm-withdrawal',
                         at=datetime.datetime(2025, 3, 2, tzinfo=datetime.UTC)) for n in range(50)])
    assert queries() == before
