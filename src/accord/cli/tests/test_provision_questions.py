"""The provision questions on the command line: the same figures as the analysis, tables, CSV and bad input."""

import csv
import io

import pytest

from accord.analysis.tests.conftest import activity  # noqa: F401  (the fixture)
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db


def test_charges_answer_in_json_as_the_contract_shapes_them(activity):  # noqa: F811
    result = run_cli('charges', 'ana-student-checking', '--period', '2025-03', '--format', 'json')
    assert result.status == 0, result.stderr
    assert list(result.json) == ['offering', 'subscription', 'period', 'currency', 'quantity', 'lines', 'total']
    assert result.json['total'] == '12.50'


def test_charges_as_a_table_say_why_each_line_is_due(activity):  # noqa: F811
    result = run_cli('charges', 'ana-student-checking', '--period', '2025-03')
    assert 'foreign-atm-withdrawal' in result.stdout and '7.50' in result.stdout
    assert 'Total: 12.50 USD' in result.stdout


def test_the_bill_run_as_csv_has_a_row_per_subscription(activity):  # noqa: F811
    result = run_cli('charges', '--all', '--period', '2025-03', '--format', 'csv')
    assert result.status == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    by_name = {row['subscription']: row for row in rows}
    assert by_name['ana-student-checking'] == {'subscription': 'ana-student-checking', 'offering': 'student-checking',
                                               'provider': 'firsttown-bank', 'consumer': 'ana', 'currency': 'USD',
                                               'total': '12.50'}
    assert all(row['currency'] for row in rows) and 'ben-basic-savings' not in by_name
    table = run_cli('charges', '--all', '--period', '2025-03')
    assert 'Totals per provider and currency' in table.stdout
    assert 'Not charged, their offering has no price plan: 2 subscription(s), ben-basic-savings (basic-savings), ' \
           'carla-basic-savings (basic-savings).' in table.stdout


@pytest.mark.parametrize(('args', 'status', 'message'), [
    (('charges', 'ana-student-cheking', '--period', '2025-03'), 1, "unknown subscription 'ana-student-cheking': "
                                                                    'did you mean ana-student-checking'),
    (('charges', 'ana-student-checking', '--period', '2025-3'), 1, "--period: '2025-3' is not a period YYYY-MM"),
    (('charges', '--period', '2025-03'), 2, 'name one SUBSCRIPTION, or --all'),
    (('charges', 'ana-student-checking', '--all', '--period', '2025-03'), 2, 'not both'),
    (('owner', 'checkbook-01'), 1, "unknown item 'checkbook-01'"),
    (('owner', 'checkbook-0001', '--at', '2025-03-04'), 1, "--at: '2025-03-04' has no UTC offset"),
    (('access', 'ben-okoro', 'item:atm-01'), 1, "GRANTEE: 'ben-okoro' is not person:NAME or organization:NAME"),
    (('access', 'person:ben-okoro', 'resource:card-procesing'), 1, 'did you mean card-processing'),
    (('capacity', 'atm-fleet', '--from', '2025-04-01T00:00Z', '--to', '2025-03-01T00:00Z'), 1, 'not after it starts'),
    (('characteristics', 'standard-checking', '--from', '2025-02-30'), 1, '--from: day is out of range'),
    (('expiring', '--within', 'a month'), 1, "--within: 'a month' is not a number of days such as 30d"),
])
def test_bad_input_exits_with_a_message_naming_what_is_wrong(activity, args, status, message):  # noqa: F811
    result = run_cli(*args)
    assert (result.status, result.stdout) == (status, '')
    assert message in result.stderr
    assert 'Traceback' not in result.stderr


def test_owner_access_capacity_characteristics_and_expiring_answer_in_json(activity):  # noqa: F811
    owner = run_cli('owner', 'checkbook-0001', '--at', '2025-03-05T00:00:00Z', '--format', 'json').json
    assert owner['owner'] == 'ben'
    access = run_cli('access', 'person:ben-okoro', 'resource:card-processing', '--at', '2025-03-13T00:00:00Z',
                     '--format', 'json').json
    assert list(access) == ['grantee', 'target', 'at', 'access', 'grant', 'reason']
    assert access['access'] is False
    capacity = run_cli('capacity', 'atm-fleet', '--from', '2025-03-01T00:00:00Z', '--to', '2025-04-01T00:00:00Z',
                       '--format', 'json').json
    assert [s['perished'] for s in capacity['slots']] == [1, 0]
    characteristics = run_cli('characteristics', 'standard-checking', '--format', 'json').json
    assert characteristics['heterogeneity']['cv'] == '0.95'
    expiring = run_cli('expiring', '--within', '30d', '--at', '2025-03-20T00:00:00Z', '--format', 'json').json
    assert expiring['relationships'][0]['accessGrants'][0]['name'] == 'northwind-atm-01'


def test_the_tables_print_for_people(activity):  # noqa: F811
    assert 'checkbook-0001 is owned by ben now.' in run_cli('owner', 'checkbook-0001').stdout
    assert 'may not use' in run_cli('access', 'person:ben-okoro', 'resource:card-processing', '--at',
                                    '2025-03-13T00:00:00Z').stdout
    assert '0.50' in run_cli('capacity', 'atm-fleet', '--from', '2025-03-01T00:00:00Z', '--to',
                                          '2025-04-01T00:00:00Z').stdout
    assert 'maria-lopez' in run_cli('characteristics', 'standard-checking').stdout
    assert '12' in run_cli('expiring', '--at', '2025-03-20T00:00:00Z').stdout.splitlines()[-1]
