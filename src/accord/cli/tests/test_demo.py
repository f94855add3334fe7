"""``accord demo --no-serve`` loads FirstTown Bank once, however often it runs, and creates a demo login."""

from decimal import Decimal

import pytest

from accord.catalog.models import ServiceOffering
from accord.core.models import User
from accord.parties.models import Organization
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_bank_and_a_second_run_changes_nothing():
    first = run_cli('demo', '--no-serve')
    assert first.status == 0, first.stderr
    assert 'FirstTown Bank loaded: 120 objects, 120 created or updated.' in first.stdout
    assert ServiceOffering.objects.filter(name='student-checking', provider__name='firsttown-bank').exists()
    assert User.objects.get(username='demo').is_superuser
    second = run_cli('demo', '--no-serve')
    assert 'FirstTown Bank loaded: 120 objects, 0 created or updated.' in second.stdout


def test_a_malformed_address_is_a_usage_error():
    result = run_cli('demo', '--no-serve', '--addr', 'nowhere')
    assert result.status == 2
    assert 'expected HOST:PORT' in result.stderr


def test_an_unknown_command_is_a_usage_error():
    assert run_cli('frobnicate').status == 2


def test_usage_errors_are_printed_to_the_given_stderr():
    result = run_cli('apply')
    assert result.status == 2
    assert 'the following arguments are required: PATH' in result.stderr


def test_the_demo_never_puts_back_a_fee_a_user_changed():
    run_cli('demo', '--no-serve')
    ServiceOffering.objects.filter(name='student-checking').update(fee_amount=Decimal('7.50'))
    again = run_cli('demo', '--no-serve')
    assert again.status == 0, again.stderr
    assert 'ServiceOffering student-checking: spec.pricing' in again.stderr
    assert 'Nothing was changed' in again.stderr
    assert 'accord demo --reset' in again.stderr
    assert ServiceOffering.objects.get(name='student-checking').fee_amount == Decimal('7.50')


def test_reset_puts_the_demo_back_as_shipped():
    run_cli('demo', '--no-serve')
    ServiceOffering.objects.filter(name='student-checking').update(fee_amount=Decimal('7.50'))
    reset = run_cli('demo', '--no-serve', '--reset')
    assert reset.status == 0, reset.stderr
    assert 'FirstTown Bank loaded: 120 objects, 1 created or updated.' in reset.stdout
    assert ServiceOffering.objects.get(name='student-checking').fee_amount == Decimal('5.00')


def test_the_demo_adds_what_is_missing_to_a_database_that_holds_it():
    run_cli('demo', '--no-serve')
    from accord.provision.models import ConsumptionEvent

    ConsumptionEvent.objects.filter(name='ana-atm-2025-03-04').delete()  # a record of March 2025 gone missing
    again = run_cli('demo', '--no-serve')
    assert again.status == 0, again.stderr
    assert 'FirstTown Bank loaded: 120 objects, 1 created or updated.' in again.stdout


def test_the_demo_leaves_a_database_holding_another_catalogue_alone():
    Organization.objects.create(name='otherbank')
    result = run_cli('demo', '--no-serve')
    assert result.status == 0, result.stderr
    assert 'loads only into an empty database' in result.stderr
    assert not Organization.objects.filter(name='firsttown-bank').exists()
    assert not User.objects.filter(username='demo').exists()


def test_every_demo_person_signs_in_as_themselves_and_the_banks_staff_hold_their_roles(client):
    from accord.parties.models import Person, RoleGrant

    assert run_cli('demo', '--no-serve').status == 0
    assert not Person.objects.filter(user__isnull=True).exists()
    assert client.post('/login/', {'username': 'ana-garcia', 'password': 'accord-demo'}).status_code == 302
    roles = dict(RoleGrant.objects.filter(organization__name='firsttown-bank').values_list('user__username', 'role'))
    assert roles == {'maria-lopez': 'catalogue-manager', 'daniel-kim': 'relationship-manager',
                     'li-wei': 'practitioner', 'james-okafor': 'auditor'}
    second = run_cli('demo', '--no-serve')
    assert 'FirstTown Bank loaded: 120 objects, 0 created or updated.' in second.stdout
    assert RoleGrant.objects.filter(organization__name='firsttown-bank').count() == 4
