"""``accord demo --no-serve`` loads FirstTown Bank once, however often it runs, and creates a demo login."""

import pytest

from accord.catalog.models import ServiceOffering
from accord.core.models import User
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_bank_and_a_second_run_changes_nothing():
    first = run_cli('demo', '--no-serve')
    assert first.status == 0, first.stderr
    assert 'FirstTown Bank loaded: 96 objects, 96 created or updated.' in first.stdout
    assert ServiceOffering.objects.filter(name='student-checking', provider__name='firsttown-bank').exists()
    assert User.objects.get(username='demo').is_superuser
    second = run_cli('demo', '--no-serve')
    assert 'FirstTown Bank loaded: 96 objects, 0 created or updated.' in second.stdout


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
