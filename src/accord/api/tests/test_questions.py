"""The question endpoints answer what the CLI answers, refuse bad parameters as the CLI does, and keep the gate.

The demo (FirstTown Bank) is the data throughout. ``scope`` narrows ``restrict`` by name, per model,
on top of whatever the gate already does: it plays the consumer visibility the gate is being given,
so these tests hold whichever way the gate decides who sees what.
"""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.catalog.models import Product, Service, ServiceOffering
from accord.core.models import User
from accord.core.querysets import RestrictedQuerySet
from accord.parties.models import ConsumerGroup, Organization
from accord.relationships.models import Agreement, ServiceRelationship, Subscription
from accord.resources.models import Resource
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

URL = '/api/v1/questions/'
REFUSED = (401, 403)

# (question, CLI arguments, API parameters): the same question asked both ways.
SAME_QUESTIONS = [
    ('impact', ['organization:cardnet', '--at', '2025-03-10T12:00:00+01:00'],
     {'source': 'organization:cardnet', 'at': '2025-03-10T12:00:00+01:00'}),
    ('impact', ['resource:card-processing'], {'source': 'resource:card-processing'}),
    ('impact', ['organization:firsttown-bank', '--at', '2025-03-10T00:00:00Z'],
     {'source': 'organization:firsttown-bank', 'at': '2025-03-10T00:00:00Z'}),
    ('quote', ['student-checking', '--fact', 'foreign-atm-withdrawal=2'],
     {'offering': 'student-checking', 'fact': 'foreign-atm-withdrawal=2'}),
    ('quote', ['standard-checking', '--group', 'everyday-customers', '--quantity', '3', '--fact',
               'direct-deposit-total=999.99', '--fact', 'foreign-atm-withdrawal=1', '--subscribed', 'personal-advice'],
     {'offering': 'standard-checking', 'group': 'everyday-customers', 'quantity': '3',
      'fact': ['direct-deposit-total=999.99', 'foreign-atm-withdrawal=1'], 'subscribed': 'personal-advice'}),
    ('quote', ['student-checking', '--subscribed', 'basic-savings'],
     {'offering': 'student-checking', 'subscribed': 'basic-savings'}),
    ('catalogue', ['students'], {'group': 'students'}),
    ('catalogue', ['everyday-customers'], {'group': 'everyday-customers'}),
    ('roles', ['firsttown-bank'], {'organization': 'firsttown-bank'}),
    ('roles', ['ana'], {'organization': 'ana'}),
    ('agreement', ['sla-northwind-2025', '--period', '2025-03'],
     {'agreement': 'sla-northwind-2025', 'period': '2025-03'}),
    ('agreement', ['uc-cardnet', '--period', '2025-02'], {'agreement': 'uc-cardnet', 'period': '2025-02'}),
    ('health', ['firsttown-bank-northwind-traders', '--period', '2025-03'],
     {'relationship': 'firsttown-bank-northwind-traders', 'period': '2025-03'}),
    ('health', ['firsttown-bank-ana', '--period', '2025-03'],
     {'relationship': 'firsttown-bank-ana', 'period': '2025-03'}),
]

# (question, parameters that are fine, the parameter each question requires).
REQUIRED = [
    ('impact', {}, 'source'),
    ('quote', {}, 'offering'),
    ('catalogue', {}, 'group'),
    ('roles', {}, 'organization'),
    ('agreement', {'period': '2025-03'}, 'agreement'),
    ('agreement', {'agreement': 'sla-northwind-2025'}, 'period'),
    ('health', {'period': '2025-03'}, 'relationship'),
    ('health', {'relationship': 'firsttown-bank-ana'}, 'period'),
]

# (question, parameters naming an object, the parameter, the model to hide, the message for name).
NAMED = [
    ('impact', {'source': 'organization:{}'}, 'source', Organization, "unknown organization '{}'", 'cardnet'),
    ('impact', {'source': 'resource:{}'}, 'source', Resource, "unknown resource '{}'", 'card-processing'),
    ('quote', {'offering': '{}'}, 'offering', ServiceOffering, "unknown offering '{}'", 'student-checking'),
    ('quote', {'offering': 'student-checking', 'group': '{}'}, 'group', ConsumerGroup,
     "unknown consumer group '{}'", 'students'),
    ('quote', {'offering': 'student-checking', 'subscribed': '{}'}, 'subscribed', ServiceOffering,
     "unknown offering '{}' (subscribed to)", 'basic-savings'),
    ('catalogue', {'group': '{}'}, 'group', ConsumerGroup, "unknown consumer group '{}'", 'students'),
    ('roles', {'organization': '{}'}, 'organization', Organization, "unknown organization '{}'", 'firsttown-bank'),
    ('agreement', {'agreement': '{}', 'period': '2025-03'}, 'agreement', Agreement, "unknown agreement '{}'",
     'sla-northwind-2025'),
    ('health', {'relationship': '{}', 'period': '2025-03'}, 'relationship', ServiceRelationship,
     "unknown relationship '{}'", 'firsttown-bank-ana'),
]


def fill(params: dict, name: str) -> dict:
    return {key: value.format(name) for key, value in params.items()}


@pytest.fixture
def client(bank) -> Client:
    """A client signed in as a superuser, over the demo."""
    client = Client()
    client.force_login(User.objects.create_superuser('root', password='x'))
    return client


@pytest.fixture
def scope(monkeypatch) -> dict[type, set[str]]:
    """Names per model the gate lets through, on top of what ``restrict`` already decides; unlisted models as is."""
    visible: dict[type, set[str]] = {}
    restrict = RestrictedQuerySet.restrict

    def scoped(self: RestrictedQuerySet, user: Any, action: str = 'view') -> RestrictedQuerySet:
        queryset = restrict(self, user, action)
        return queryset if self.model not in visible else queryset.filter(name__in=visible[self.model])

    monkeypatch.setattr(RestrictedQuerySet, 'restrict', scoped)
    return visible


def ask(client: Client, question: str, params: dict | None = None) -> Any:
    return client.get(f'{URL}{question}/', params or {})


# The same answers as the CLI.


@pytest.mark.parametrize(('question', 'arguments', 'params'), SAME_QUESTIONS,
                         ids=[f'{q}-{i}' for i, (q, _, _) in enumerate(SAME_QUESTIONS)])
def test_each_question_answers_the_json_the_cli_answers(client, question, arguments, params):
    cli = run_cli(question, *arguments, '--format', 'json')
    assert cli.status == 0, cli.stderr
    response = ask(client, question, params)
    assert response.status_code == 200, response.content
    assert response['Content-Type'] == 'application/json'
    assert response.json() == cli.json


def test_the_answers_are_the_worked_example(client):
    impact = ask(client, 'impact', {'source': 'organization:cardnet', 'at': '2025-03-10T12:00:00Z'}).json()
    consumers = {c['organization']: c['depth'] for c in impact['consumers']}
    assert consumers['firsttown-bank'] == 1 and consumers['ana'] == 2 and 'carla' not in consumers
    quote = ask(client, 'quote', {'offering': 'student-checking', 'fact': 'foreign-atm-withdrawal=2'}).json()
    assert quote['total'] == '10.00'
    catalogue = ask(client, 'catalogue', {'group': 'students'}).json()
    labels = {label for o in catalogue['offerings'] for p in o['products'] for label in p['components']}
    assert '40 FirstTown ATMs – free withdrawals' in labels
    assert ask(client, 'agreement', {'agreement': 'sla-northwind-2025', 'period': '2025-03'}).json()['watermelon']


def test_without_at_the_impact_is_now_and_answers_at_null(client):
    assert ask(client, 'impact', {'source': 'organization:cardnet'}).json()['at'] is None


def test_an_unencoded_plus_in_the_instant_is_read_as_the_offset_it_was(client):
    response = client.get(f'{URL}impact/?source=organization:cardnet&at=2025-03-10T12:00:00+01:00')
    assert response.status_code == 200, response.content
    assert response.json()['at'] == '2025-03-10T12:00:00+01:00'


def test_a_null_character_in_the_impact_source_is_refused_naming_it(client):
    # PostgreSQL refuses NUL in text: looked up, it was a 500 there (found by the schema fuzz).
    response = client.get(f'{URL}impact/?source=resource:core%00banking')
    assert response.status_code == 400, response.content
    assert list(response.json()) == ['source']


def test_format_json_is_accepted_as_drf_s_own_parameter(client):
    assert ask(client, 'roles', {'organization': 'ana', 'format': 'json'}).status_code == 200


# Bad parameters: 400 naming the parameter, with the CLI's message.


@pytest.mark.parametrize(('question', 'params', 'missing'), REQUIRED)
def test_a_missing_required_parameter_is_400_naming_it(client, question, params, missing):
    response = ask(client, question, params)
    assert response.status_code == 400
    assert response.json() == {missing: ['This field is required.']}


@pytest.mark.parametrize('question', ['impact', 'quote', 'catalogue', 'roles', 'agreement', 'health'])
def test_an_empty_required_parameter_is_400(client, question):
    params = {'impact': 'source', 'quote': 'offering', 'catalogue': 'group', 'roles': 'organization',
              'agreement': 'agreement', 'health': 'relationship'}
    response = ask(client, question, {params[question]: ''})
    assert response.status_code == 400
    assert params[question] in response.json()


@pytest.mark.parametrize(('question', 'params', 'blank'), [
    ('impact', {'source': 'organization:cardnet'}, 'at'),
    ('quote', {'offering': 'student-checking'}, 'group'),
    ('quote', {'offering': 'student-checking'}, 'quantity'),
    ('quote', {'offering': 'student-checking'}, 'fact'),
])
def test_an_empty_optional_parameter_is_400_rather_than_ignored(client, question, params, blank):
    response = ask(client, question, {**params, blank: ''})
    assert response.status_code == 400
    assert list(response.json()) == [blank]


def test_an_unknown_parameter_is_400_naming_it_and_what_the_question_takes(client):
    response = ask(client, 'quote', {'offering': 'student-checking', 'subscribe': 'basic-savings'})
    assert response.status_code == 400
    assert response.json() == {'subscribe': ['unknown parameter: this question takes offering, group, quantity, '
                                             'fact, subscribed']}


def test_every_bad_parameter_is_named_at_once(client):
    response = ask(client, 'agreement', {'period': '2025-13', 'typo': 'x'})
    assert response.status_code == 400
    assert set(response.json()) == {'agreement', 'period', 'typo'}


def cli_error(*arguments: str) -> str:
    result = run_cli(*arguments)
    assert result.status in (1, 2)
    return result.stderr


@pytest.mark.parametrize('source', ['cardnet', 'product:cardnet', 'organization:', ':cardnet'])
def test_a_malformed_source_is_400_with_the_cli_s_message(client, source, capsys):
    response = ask(client, 'impact', {'source': source})
    assert response.status_code == 400
    [message] = response.json()['source']
    assert message == f'{source!r} is not organization:NAME or resource:NAME'
    assert message in cli_error('impact', source) + capsys.readouterr().err  # argparse writes to sys.stderr


@pytest.mark.parametrize('at', ['yesterday', '2025-13-01T00:00:00Z', '2025-03-10T12:00:00', '2025-03-10'])
def test_a_malformed_or_offsetless_instant_is_400_with_the_cli_s_message(client, at, capsys):
    response = ask(client, 'impact', {'source': 'organization:cardnet', 'at': at})
    assert response.status_code == 400
    [message] = response.json()['at']
    assert repr(at) in message
    assert message in cli_error('impact', 'organization:cardnet', '--at', at) + capsys.readouterr().err


@pytest.mark.parametrize(('params', 'parameter', 'message'), [
    ({'fact': 'direct-deposit=yes'}, 'fact', "fact direct-deposit: 'yes' is not a decimal number"),
    ({'fact': 'direct-deposit=NaN'}, 'fact', "fact direct-deposit: 'NaN' is not a finite number"),
    ({'fact': ['direct-deposit=1', 'direct-deposit=0']}, 'fact', 'fact direct-deposit is given twice'),
    ({'fact': 'foreign-atm-withdrawal=1.5'}, 'fact',
     'fact foreign-atm-withdrawal: the number of foreign-atm-withdrawal events is a whole number of at least 0, '
     'not 1.5'),
    ({'fact': 'foreign-atm-withdrawl=2'}, 'fact',
     'student-checking does not use fact foreign-atm-withdrawl: did you mean foreign-atm-withdrawal?'),
    ({'quantity': '0'}, 'quantity', 'quantity 0: a quote is for a quantity of at least 1'),
    ({'quantity': '1' + '0' * 30}, 'quantity',
     f'quantity 1{"0" * 30}: a quote is for a quantity of at most 1000000000'),
    ({'fact': f'direct-deposit={"9" * 40}'}, 'fact',
     f"fact direct-deposit: {'9' * 40!r} has more than 16 digits before the decimal point"),
    ({'fact': 'direct-deposit=0.00001'}, 'fact',
     "fact direct-deposit: '0.00001' has more than 4 digits after the decimal point"),
    ({'fact': 'foreign-atm-withdrawal=2000000000'}, 'fact',
     'fact foreign-atm-withdrawal: at most 1000000000 foreign-atm-withdrawal events in a period, not 2000000000'),
    ({'group': 'savers'}, 'group', 'savers is not a target group of student-checking (its target groups: students)'),
])
def test_a_bad_quote_parameter_is_400_with_the_cli_s_message(client, params, parameter, message):
    response = ask(client, 'quote', {'offering': 'student-checking', **params})
    assert response.status_code == 400
    assert response.json() == {parameter: [message]}
    arguments = [f'--{key}={value}' for key, values in params.items()
                 for value in (values if isinstance(values, list) else [values])]
    assert message in cli_error('quote', 'student-checking', *arguments)


@pytest.mark.parametrize('fact', ['direct-deposit', '=1'])
def test_a_fact_that_is_not_name_value_is_400(client, fact):
    response = ask(client, 'quote', {'offering': 'student-checking', 'fact': fact})
    assert response.status_code == 400
    assert response.json() == {'fact': [f'{fact!r} is not NAME=VALUE']}


def test_a_quantity_that_is_no_number_is_400(client):
    response = ask(client, 'quote', {'offering': 'student-checking', 'quantity': 'two'})
    assert response.status_code == 400
    assert list(response.json()) == ['quantity']


def test_a_quantity_that_is_no_number_has_the_cli_s_message(client, capsys):
    [message] = ask(client, 'quote', {'offering': 'student-checking', 'quantity': 'two'}).json()['quantity']
    assert message == "'two' is not a whole number"
    assert message in cli_error('quote', 'student-checking', '--quantity', 'two') + capsys.readouterr().err


def test_an_offering_for_several_groups_quoted_without_one_is_400_naming_them(client):
    response = ask(client, 'quote', {'offering': 'personal-advice'})
    assert response.status_code == 400
    message = 'personal-advice targets several groups; name one of them: everyday-customers, savers'
    assert response.json() == {'group': [message]}
    assert message in cli_error('quote', 'personal-advice')


@pytest.mark.parametrize(('question', 'name'), [('agreement', 'sla-northwind-2025'),
                                                ('health', 'firsttown-bank-northwind-traders')])
@pytest.mark.parametrize('period', ['2025-13', '2025-3', 'March', '2025-03-01'])
def test_a_malformed_period_is_400_with_the_cli_s_message(client, question, name, period):
    key = 'agreement' if question == 'agreement' else 'relationship'
    response = ask(client, question, {key: name, 'period': period})
    assert response.status_code == 400
    assert response.json() == {'period': [f'{period!r} is not a period YYYY-MM']}
    assert response.json()['period'][0] in cli_error(question, name, '--period', period)


# Unknown and hidden objects: 404, one and the same answer.


@pytest.mark.parametrize(('question', 'params', 'parameter', 'model', 'message', 'name'), NAMED,
                         ids=[f'{n[0]}-{n[2]}' for n in NAMED])
def test_an_object_hidden_from_the_user_is_404_exactly_like_one_that_does_not_exist(
    client, scope, question, params, parameter, model, message, name
):
    assert ask(client, question, fill(params, name)).status_code == 200
    scope[model] = set(model.objects.exclude(name=name).values_list('name', flat=True))
    hidden = ask(client, question, fill(params, name))
    missing = ask(client, question, fill(params, 'no-such-thing'))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == {parameter: [message.format(name)]}
    assert missing.json() == {parameter: [message.format('no-such-thing')]}
    assert hidden['Content-Type'] == missing['Content-Type']


def test_the_404_message_is_the_cli_s(client):
    assert "unknown agreement 'sla-nowhere'" in cli_error('agreement', 'sla-nowhere', '--period', '2025-03')
    assert ask(client, 'agreement', {'agreement': 'sla-nowhere', 'period': '2025-03'}).json() == {
        'agreement': ["unknown agreement 'sla-nowhere'"]}


def test_a_user_without_any_permission_finds_nothing(bank):
    client = Client()
    client.force_login(User.objects.create_user('nobody', password='x'))
    for question, params, parameter, _model, _message, name in NAMED:
        response = ask(client, question, fill(params, name))
        assert response.status_code == 404, (question, response.content)
        assert list(response.json()) in ([parameter], ['offering'])  # a quote names its offering first


def viewer(*models: type) -> Client:
    """A client signed in as a user with the view permission on ``models`` only."""
    user = User.objects.create_user(f'viewer{User.objects.count()}', password='x')
    for model in models:
        user.user_permissions.add(Permission.objects.get(
            codename=f'view_{model._meta.model_name}', content_type__app_label=model._meta.app_label))
    client = Client()
    client.force_login(user)
    return client


def test_a_viewer_of_agreements_only_reads_agreement_status_but_not_health(bank):
    client = viewer(Agreement)
    assert ask(client, 'agreement', {'agreement': 'sla-northwind-2025', 'period': '2025-03'}).status_code == 200
    response = ask(client, 'health', {'relationship': 'firsttown-bank-northwind-traders', 'period': '2025-03'})
    assert response.status_code == 404


def test_impact_lists_only_the_kinds_the_user_may_view(bank):
    client = viewer(Organization, Subscription)
    answer = ask(client, 'impact', {'source': 'organization:cardnet', 'at': '2025-03-10T12:00:00Z'}).json()
    assert {c['organization'] for c in answer['consumers']} >= {'firsttown-bank', 'ana'}
    assert 'ftb-card-processing' in answer['subscriptions']
    assert answer['resources'] == answer['products'] == answer['services'] == answer['offerings'] == []


# What a consumer may learn: Ana sees only her own organization, relationship and subscription.


@pytest.fixture
def ana(client, scope) -> Client:
    scope.update({
        Organization: {'ana'},
        ServiceRelationship: {'firsttown-bank-ana'},
        Subscription: {'ana-student-checking'},
        Agreement: set(),
        ConsumerGroup: {'students'},
        ServiceOffering: {'student-checking', 'basic-savings'},
        Product: set(),
        Service: set(),
        Resource: set(),
    })
    return client


def test_a_consumer_cannot_ask_about_the_bank_s_suppliers_or_resources(ana):
    for source in ('organization:cardnet', 'organization:firsttown-bank', 'resource:card-processing'):
        response = ask(ana, 'impact', {'source': source})
        assert response.status_code == 404
        kind, _, name = source.partition(':')
        assert response.json() == {'source': [f'unknown {kind} {name!r}']}


def test_a_consumer_who_sees_the_bank_learns_only_of_themselves_from_its_failure(ana, scope):
    scope[Organization].add('firsttown-bank')
    answer = ask(ana, 'impact', {'source': 'organization:firsttown-bank', 'at': '2025-03-10T12:00:00Z'}).json()
    assert answer['consumers'] == [{'organization': 'ana', 'depth': 1}]
    assert answer['subscriptions'] == ['ana-student-checking']
    assert answer['offerings'] == ['basic-savings', 'student-checking']
    assert answer['resources'] == answer['products'] == answer['services'] == []


def test_a_consumer_s_roles_of_the_bank_name_only_their_own_relationship(ana, scope):
    scope[Organization].add('firsttown-bank')
    assert ask(ana, 'roles', {'organization': 'firsttown-bank'}).json() == {
        'organization': 'firsttown-bank', 'roles': ['provider'], 'consumerIn': [],
        'providerIn': ['firsttown-bank-ana'],
    }
    assert ask(ana, 'roles', {'organization': 'ana'}).json() == {
        'organization': 'ana', 'roles': ['consumer'], 'consumerIn': ['firsttown-bank-ana'], 'providerIn': [],
    }


def test_a_consumer_sees_their_own_relationship_s_health_but_no_one_else_s(ana):
    assert ask(ana, 'health', {'relationship': 'firsttown-bank-ana', 'period': '2025-03'}).status_code == 200
    assert ask(ana, 'health', {'relationship': 'firsttown-bank-northwind-traders', 'period': '2025-03'}
               ).status_code == 404
    assert ask(ana, 'agreement', {'agreement': 'sla-northwind-2025', 'period': '2025-03'}).status_code == 404


def test_a_consumer_s_catalogue_lists_only_offerings_and_products_they_may_see(ana, scope):
    answer = ask(ana, 'catalogue', {'group': 'students'}).json()
    assert [o['name'] for o in answer['offerings']] == ['basic-savings', 'student-checking']
    assert all(o['products'] == [] for o in answer['offerings'])
    scope[Product] = {'atm-access'}
    answer = ask(ana, 'catalogue', {'group': 'students'}).json()
    products = {o['name']: [p['name'] for p in o['products']] for o in answer['offerings']}
    assert products['student-checking'] == ['atm-access']
    assert ask(ana, 'catalogue', {'group': 'savers'}).status_code == 404


def test_a_quote_chooses_and_names_only_groups_the_user_may_see(client, scope):
    scope[ConsumerGroup] = {'savers'}
    response = ask(client, 'quote', {'offering': 'personal-advice'})
    assert response.status_code == 200, response.content
    assert response.json()['group'] == 'savers'
    scope[ConsumerGroup] = {'savers', 'students'}
    response = ask(client, 'quote', {'offering': 'personal-advice', 'group': 'students'})
    assert response.json() == {
        'group': ['students is not a target group of personal-advice (its target groups: savers)']}
    assert ask(client, 'quote', {'offering': 'personal-advice', 'group': 'everyday-customers'}).status_code == 404


# Anonymous.


@pytest.mark.parametrize(('question', 'params'), [(q, p) for q, _, p in SAME_QUESTIONS])
def test_anonymous_is_refused(bank, question, params):
    response = ask(Client(), question, params)
    assert response.status_code in REFUSED
    assert 'detail' in response.json()


def test_an_invalid_token_is_refused_before_any_parameter_is_read(bank):
    response = Client().get(f'{URL}roles/', {'organization': 'nobody'}, headers={'Authorization': 'Bearer nope'})
    assert response.status_code == 401


# A constant number of queries.


def more_customers(n: int) -> None:
    """``n`` more students of FirstTown Bank, each with a Student Checking subscription."""
    bank = Organization.objects.get(name='firsttown-bank')
    offering = ServiceOffering.objects.get(name='student-checking')
    students = ConsumerGroup.objects.get(name='students')
    start = Organization.objects.count()
    for i in range(start, start + n):
        customer = Organization.objects.create(name=f'student-{i}', kind='individual')
        relationship = ServiceRelationship.objects.create(name=f'firsttown-bank-student-{i}', provider=bank,
                                                          consumer=customer)
        Subscription.objects.create(name=f'student-{i}-checking', relationship=relationship, offering=offering,
                                    group=students, start=datetime.date(2025, 1, 1))


def more_offerings(n: int) -> None:
    """``n`` more live offerings for students, describing the same services as Student Checking."""
    model = ServiceOffering.objects.get(name='student-checking')
    students = ConsumerGroup.objects.get(name='students')
    start = ServiceOffering.objects.count()
    for i in range(start, start + n):
        offering = ServiceOffering.objects.create(name=f'offering-{i}', provider=model.provider, lifecycle='live')
        offering.services.set(model.services.all())
        offering.target_groups.set([students])


def queries(client: Client, question: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert ask(client, question, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(('question', 'params', 'grow'), [
    ('impact', {'source': 'organization:cardnet', 'at': '2025-03-10T12:00:00Z'}, more_customers),
    ('roles', {'organization': 'firsttown-bank'}, more_customers),
    ('catalogue', {'group': 'students'}, more_offerings),
    ('quote', {'offering': 'student-checking', 'subscribed': 'basic-savings'}, more_offerings),
])
def test_the_number_of_queries_does_not_grow_with_the_data(client, question, params, grow: Callable[[int], None]):
    ask(client, question, params)  # warm up: sessions, content types
    grow(3)
    before = queries(client, question, params)
    grow(30)
    assert queries(client, question, params) == before
