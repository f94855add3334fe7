"""``accord agreement``: each target met or missed, the statuses, and the watermelon flag (domain.md section 6)."""

import re
from importlib.resources import files

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.analysis.agreements import AgreementError, agreement_status
from accord.relationships.models import Agreement
from accord.testing.cli import run_cli
from accord.testing.fixtures import DEMO_FILE

pytestmark = pytest.mark.django_db

PERIOD = '2025-03'


def document(kind: str, name: str, /, **spec) -> dict:
    return {'apiVersion': 'accord/v1', 'kind': kind, 'metadata': {'name': name}, 'spec': spec}


def target(name: str, kind: str, comparator: str, value: str, actual: str | None = None, period: str = PERIOD) -> dict:
    spec = {'name': name, 'kind': kind, 'comparator': comparator, 'value': value}
    if actual is not None:
        spec['measurements'] = [{'period': period, 'value': actual}]
    return spec


def slug(text: str) -> str:
    return re.sub(r'[^0-9a-z]+', '-', text.lower()).strip('-')


def feedback(*scores: int, at: str = '2025-03-10T09:00:00Z', relationship: str = 'acme-it-sales') -> list[dict]:
    return [
        document('Feedback', f'{relationship}-{slug(at)}-{index}', relationship=relationship, person='sam', at=at,
                 score=score)
        for index, score in enumerate(scores)
    ]


def apply(tmp_path, *documents: dict) -> None:
    """Apply the documents as a user would, through ``accord apply``."""
    path = tmp_path / f'documents-{len(list(tmp_path.iterdir()))}.yaml'
    path.write_text(yaml.safe_dump_all(documents, sort_keys=False))
    result = run_cli('apply', path)
    assert result.status == 0, result.stderr


@pytest.fixture
def acme(tmp_path):
    """Acme IT provides to Sales (and to Finance); Sam of Sales gives feedback. Returns a writer of agreements."""
    apply(
        tmp_path,
        document('Organization', 'acme-it'),
        document('Organization', 'sales'),
        document('Organization', 'finance'),
        document('Person', 'sam', memberOf=['sales', 'finance']),
        document('ServiceRelationship', 'acme-it-sales', provider='acme-it', consumer='sales',
                 roles=[{'person': 'sam', 'role': 'customer'}]),
        document('ServiceRelationship', 'acme-it-finance', provider='acme-it', consumer='finance'),
    )

    def write(*targets: dict, extra: tuple[dict, ...] = (), name: str = 'sla-sales-2025') -> None:
        apply(tmp_path, document('Agreement', name, relationship='acme-it-sales', kind='sla', targets=list(targets)),
              *extra)

    return write


def test_a_watermelon_answers_as_the_contract_shows(acme):
    acme(target('p2-resolution', 'operational', '>=', '95', '97'))
    result = run_cli('agreement', 'sla-sales-2025', '--period', PERIOD, '--format', 'json')
    assert result.status == 0, result.stderr
    assert result.json['targets'] == [
        {'name': 'p2-resolution', 'kind': 'operational', 'comparator': '>=', 'value': '95', 'actual': '97', 'met': True}
    ]
    acme(target('p2-resolution', 'operational', '>=', '95', '97'), target('csat', 'experience', '>=', '4', '3.2'))
    assert run_cli('agreement', 'sla-sales-2025', '--period', PERIOD, '--format', 'json').json == {
        'agreement': 'sla-sales-2025',
        'period': PERIOD,
        'targets': [
            {'name': 'csat', 'kind': 'experience', 'comparator': '>=', 'value': '4', 'actual': '3.2', 'met': False},
            {'name': 'p2-resolution', 'kind': 'operational', 'comparator': '>=', 'value': '95', 'actual': '97',
             'met': True},
        ],
        'operationalStatus': 'green',
        'overallStatus': 'red',
        'watermelon': True,
    }


def test_a_missed_outcome_target_behind_green_operations_is_a_watermelon(acme):
    acme(target('availability', 'operational', '>=', '99.9', '99.95'),
         target('day-one-ready', 'outcome', '>=', '90', '72'))
    answer = agreement_status('sla-sales-2025', PERIOD)
    assert (answer['operationalStatus'], answer['overallStatus'], answer['watermelon']) == ('green', 'red', True)


def test_a_missed_operational_target_is_no_watermelon_even_with_experience_missed(acme):
    acme(target('availability', 'operational', '>=', '99.9', '99.5'),
         target('p2-resolution', 'operational', '>=', '95', '97'),
         target('csat', 'experience', '>=', '4', '3'))
    answer = agreement_status('sla-sales-2025', PERIOD)
    assert [(t['name'], t['met']) for t in answer['targets']] == [
        ('availability', False), ('csat', False), ('p2-resolution', True)]
    assert (answer['operationalStatus'], answer['overallStatus'], answer['watermelon']) == ('red', 'red', False)


def test_everything_met_with_content_consumers_is_green_and_no_watermelon(acme):
    acme(target('availability', 'operational', '>=', '99.9', '99.9'),
         target('incidents', 'operational', '<=', '5', '5'),
         target('csat', 'experience', '>=', '4', '4.1'),
         extra=(*feedback(4, 3),))
    answer = agreement_status('sla-sales-2025', PERIOD)
    assert [t['met'] for t in answer['targets']] == [True, True, True]
    assert (answer['operationalStatus'], answer['overallStatus'], answer['watermelon']) == ('green', 'green', False)


def test_an_at_most_target_is_missed_above_its_value(acme):
    acme(target('incidents', 'operational', '<=', '5', '6'))
    assert agreement_status('sla-sales-2025', PERIOD)['targets'][0]['met'] is False


def test_mean_satisfaction_below_3_5_with_every_target_met_is_a_watermelon(acme):
    acme(target('availability', 'operational', '>=', '99.9', '100'),
         target('csat', 'experience', '>=', '4', '4.5'),
         extra=(*feedback(4, 3, 3),))  # mean 3.33
    answer = agreement_status('sla-sales-2025', PERIOD)
    assert (answer['operationalStatus'], answer['overallStatus'], answer['watermelon']) == ('green', 'green', True)


def test_a_mean_satisfaction_of_exactly_3_5_is_not_below_it(acme):
    acme(target('availability', 'operational', '>=', '99.9', '100'), extra=(*feedback(4, 3),))
    assert agreement_status('sla-sales-2025', PERIOD)['watermelon'] is False


def test_without_feedback_the_flag_rests_on_the_targets_alone(acme):
    acme(target('availability', 'operational', '>=', '99.9', '100'), target('csat', 'experience', '>=', '4', '4'))
    assert agreement_status('sla-sales-2025', PERIOD)['watermelon'] is False
    acme(target('availability', 'operational', '>=', '99.9', '100'), target('csat', 'experience', '>=', '4', '3.9'))
    assert agreement_status('sla-sales-2025', PERIOD)['watermelon'] is True


def test_feedback_outside_the_period_or_of_another_relationship_does_not_count(acme):
    low = (
        *feedback(1, at='2025-02-28T23:59:59Z'),
        *feedback(1, at='2025-04-01T00:00:00Z'),
        *feedback(1, 1, relationship='acme-it-finance'),
    )
    acme(target('availability', 'operational', '>=', '99.9', '100'), extra=low)
    assert agreement_status('sla-sales-2025', PERIOD)['watermelon'] is False


def test_feedback_counts_over_the_whole_period_in_utc(acme):
    # 2025-04-01T01:00+02:00 is 31 March 23:00 UTC: inside March.
    acme(target('availability', 'operational', '>=', '99.9', '100'),
         extra=(*feedback(2, at='2025-03-01T00:00:00Z'), *feedback(3, at='2025-04-01T01:00:00+02:00')))
    assert agreement_status('sla-sales-2025', PERIOD)['watermelon'] is True


def test_an_unmeasured_target_answers_null_and_does_not_count(acme):
    acme(target('availability', 'operational', '>=', '99.9', '100'),
         target('p1-response', 'operational', '<=', '15'),
         target('csat', 'experience', '>=', '4'),
         target('csat-february', 'experience', '>=', '4', '2', period='2025-02'))
    answer = agreement_status('sla-sales-2025', PERIOD)
    assert [(t['name'], t['actual'], t['met']) for t in answer['targets']] == [
        ('availability', '100', True), ('csat', None, None), ('csat-february', None, None), ('p1-response', None, None),
    ]
    assert (answer['operationalStatus'], answer['overallStatus'], answer['watermelon']) == ('green', 'green', False)


def test_without_a_measured_operational_target_there_is_no_watermelon(acme):
    acme(target('availability', 'operational', '>=', '99.9'), target('csat', 'experience', '>=', '4', '2'),
         extra=(*feedback(1),))
    answer = agreement_status('sla-sales-2025', PERIOD)
    assert (answer['operationalStatus'], answer['overallStatus'], answer['watermelon']) == (None, 'red', False)


def test_nothing_measured_gives_no_status(acme):
    acme(target('availability', 'operational', '>=', '99.9'), target('csat', 'experience', '>=', '4'))
    answer = agreement_status('sla-sales-2025', PERIOD)
    assert (answer['operationalStatus'], answer['overallStatus'], answer['watermelon']) == (None, None, False)


def test_an_agreement_without_targets_answers_an_empty_list(acme):
    acme()
    assert agreement_status('sla-sales-2025', PERIOD) == {
        'agreement': 'sla-sales-2025', 'period': PERIOD, 'targets': [],
        'operationalStatus': None, 'overallStatus': None, 'watermelon': False,
    }


def test_targets_are_listed_sorted_by_name_whatever_the_order_written(acme):
    names = ['zeta', 'alpha', 'mu', 'beta']
    acme(*(target(name, 'operational', '>=', '1', '1') for name in names))
    assert [t['name'] for t in agreement_status('sla-sales-2025', PERIOD)['targets']] == sorted(names)


def test_recorded_figures_are_echoed_as_plain_decimal_strings(acme):
    acme(target('availability', 'operational', '>=', '99.90', '99.9500'), target('backlog', 'operational', '<=', 40, 0))
    answer = agreement_status('sla-sales-2025', PERIOD)
    assert [(t['value'], t['actual']) for t in answer['targets']] == [('99.9', '99.95'), ('40', '0')]


def test_an_agreement_object_may_be_given_instead_of_a_name(acme):
    acme(target('availability', 'operational', '>=', '99.9', '100'))
    assert agreement_status(Agreement.objects.get(name='sla-sales-2025'), PERIOD) == agreement_status(
        'sla-sales-2025', PERIOD
    )


def test_the_table_shows_each_target_and_the_watermelon(acme):
    acme(target('p2-resolution', 'operational', '>=', '95', '97'), target('csat', 'experience', '>=', '4', '3.2'),
         target('nps', 'outcome', '>=', '30'))
    result = run_cli('agreement', 'sla-sales-2025', '--period', PERIOD)
    assert result.status == 0, result.stderr
    for text in ('p2-resolution', '>= 95', 'missed', 'not measured', 'Operational status: green',
                 'Overall status: red', 'Watermelon: yes'):
        assert text in result.stdout


def test_an_unknown_agreement_exits_1_naming_it(db):
    result = run_cli('agreement', 'sla-nowhere', '--period', PERIOD)
    assert result.status == 1
    assert "unknown agreement 'sla-nowhere'" in result.stderr
    assert 'Traceback' not in result.stderr
    with pytest.raises(AgreementError, match='sla-nowhere'):
        agreement_status('sla-nowhere', PERIOD)


@pytest.mark.parametrize('period', ['2025-3', '2025-13', '2025-00', 'March', '2025-03-01', '', ' 2025-03'])
def test_a_period_that_is_not_yyyy_mm_exits_1_naming_it(acme, period):
    acme(target('availability', 'operational', '>=', '99.9', '100'))
    result = run_cli('agreement', 'sla-sales-2025', '--period', period, '--format', 'json')
    assert result.status == 1
    assert f'{period!r} is not a period YYYY-MM' in result.stderr
    assert result.stdout == '' and 'Traceback' not in result.stderr


def test_a_missing_period_is_a_usage_error(db):
    assert run_cli('agreement', 'sla-sales-2025').status == 2


def test_the_number_of_queries_does_not_grow_with_targets_or_feedback(acme):
    acme(target('t-0', 'operational', '>=', '1', '1'), extra=(*feedback(4),))
    with CaptureQueriesContext(connection) as few:
        agreement_status('sla-sales-2025', PERIOD)
    acme(*(target(f't-{i}', ('operational', 'experience', 'outcome')[i % 3], '>=', '1', '1') for i in range(12)),
         extra=tuple(feedback(*[4, 5, 3] * 5)))
    with CaptureQueriesContext(connection) as many:
        answer = agreement_status('sla-sales-2025', PERIOD)
    assert len(answer['targets']) == 12
    assert len(many) == len(few) == 4


def _demo_has(name: str) -> bool:
    return f'name: {name}\n' in (files('accord.interchange') / 'data' / DEMO_FILE).read_text(encoding='utf-8')


@pytest.mark.skipif(not _demo_has('sla-northwind-2025'), reason='the demo has no agreement sla-northwind-2025 yet')
def test_the_demo_s_northwind_sla_is_a_watermelon_in_march_2025(bank):
    result = run_cli('agreement', 'sla-northwind-2025', '--period', '2025-03', '--format', 'json')
    assert result.status == 0, result.stderr
    answer = result.json
    assert answer['agreement'] == 'sla-northwind-2025'
    assert answer['operationalStatus'] == 'green'
    assert answer['watermelon'] is True
    assert Agreement.objects.get(name='sla-northwind-2025').relationship.name == 'firsttown-bank-northwind-traders'
