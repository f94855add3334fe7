"""``accord health``: the relationship health score, its band and components (domain.md section 6)."""

import re
from fractions import Fraction

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.analysis.health import HealthError, band_of, relationship_health, two_decimals
from accord.relationships.models import ServiceRelationship
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

PERIOD = '2025-03'
NOTHING = {'satisfaction': None, 'targets': None, 'value': None}


def document(kind: str, name: str, /, **spec) -> dict:
    return {'apiVersion': 'accord/v1', 'kind': kind, 'metadata': {'name': name}, 'spec': spec}


def slug(text: str) -> str:
    return re.sub(r'[^0-9a-z]+', '-', text.lower()).strip('-')


def feedback(*scores: int, at: str = '2025-03-10T09:00:00Z', relationship: str = 'acme-it-sales') -> list[dict]:
    return [
        document('Feedback', f'{relationship}-{slug(at)}-{index}', relationship=relationship, person='sam', at=at,
                 score=score)
        for index, score in enumerate(scores)
    ]


def targets(met: int, missed: int, kind: str = 'experience', period: str = PERIOD) -> list[dict]:
    """``met`` targets measured at their level and ``missed`` ones measured below it."""
    return [
        {'name': f'{kind}-{index}', 'kind': kind, 'comparator': '>=', 'value': '4',
         'measurements': [{'period': period, 'value': '4' if index < met else '3.9'}]}
        for index in range(met + missed)
    ]


def agreement(name: str, *target_lists: list[dict], relationship: str = 'acme-it-sales') -> dict:
    return document('Agreement', name, relationship=relationship, kind='sla',
                    targets=[t for targets in target_lists for t in targets])


def value_review(name: str, period: str, overall: str, relationship: str = 'acme-it-sales') -> dict:
    return document('ValueReview', name, relationship=relationship, period=period, assessedBy='sam', overall=overall)


def review(name: str, at: str, relationship: str = 'acme-it-sales') -> dict:
    return document('RelationshipReview', name, relationship=relationship, at=at)


@pytest.fixture
def acme(tmp_path):
    """Acme IT provides to Sales (and to Finance); Sam is a customer in both. Returns a writer of documents."""

    def apply(*documents: dict) -> None:
        path = tmp_path / f'documents-{len(list(tmp_path.iterdir()))}.yaml'
        path.write_text(yaml.safe_dump_all(documents, sort_keys=False))
        result = run_cli('apply', path)
        assert result.status == 0, result.stderr

    customer = [{'person': 'sam', 'role': 'customer'}]
    apply(
        document('Organization', 'acme-it'),
        document('Organization', 'sales'),
        document('Organization', 'finance'),
        document('Person', 'sam', memberOf=['sales', 'finance']),
        document('ServiceRelationship', 'acme-it-sales', provider='acme-it', consumer='sales', roles=customer),
        document('ServiceRelationship', 'acme-it-finance', provider='acme-it', consumer='finance', roles=customer),
    )
    return apply


def health(relationship: str = 'acme-it-sales', period: str = PERIOD) -> dict:
    return relationship_health(relationship, period)


def test_the_contract_s_example_scores_0_39_at_risk(acme):
    acme(
        *feedback(*[3] * 23, 2, 2),  # mean 2.92: satisfaction 0.48
        agreement('sla-sales-2025', targets(0, 1), [
            {'name': 'availability', 'kind': 'operational', 'comparator': '>=', 'value': '99.9',
             'measurements': [{'period': PERIOD, 'value': '100'}]},
        ]),
        value_review('march-value', PERIOD, 'neutral'),
        review('march-review', '2025-03-20T14:00:00Z'),
    )
    result = run_cli('health', 'acme-it-sales', '--period', PERIOD, '--format', 'json')
    assert result.status == 0, result.stderr
    assert result.json == {
        'relationship': 'acme-it-sales', 'period': PERIOD, 'score': '0.39', 'band': 'at-risk',
        'components': {'satisfaction': '0.48', 'targets': '0.00', 'value': '0.50', 'engagement': '1.00'},
    }


def test_with_only_engagement_the_score_is_the_engagement(acme):
    assert health() == {
        'relationship': 'acme-it-sales', 'period': PERIOD, 'score': '0.00', 'band': 'at-risk',
        'components': {**NOTHING, 'engagement': '0.00'},
    }
    acme(review('march-review', '2025-03-01T00:00:00Z'))
    assert health() | {'components': None} == {
        'relationship': 'acme-it-sales', 'period': PERIOD, 'score': '1.00', 'band': 'healthy', 'components': None,
    }
    assert health()['components'] == {**NOTHING, 'engagement': '1.00'}


def test_missing_components_are_null_and_the_others_weights_rescaled(acme):
    acme(*feedback(3), review('march-review', '2025-03-05T10:00:00Z'))
    answer = health()
    assert answer['components'] == {'satisfaction': '0.50', 'targets': None, 'value': None, 'engagement': '1.00'}
    assert (answer['score'], answer['band']) == ('0.60', 'watch')  # (0.4 × 0.5 + 0.1 × 1) / 0.5


def test_targets_and_value_rescale_too(acme):
    acme(agreement('sla-sales-2025', targets(1, 1)), value_review('march-value', PERIOD, 'positive'))
    answer = health()
    assert answer['components'] == {'satisfaction': None, 'targets': '0.50', 'value': '1.00', 'engagement': '0.00'}
    assert answer['score'] == '0.58'  # (0.3 × 0.5 + 0.2 × 1 + 0) / 0.6 = 0.5833


@pytest.mark.parametrize(('scores', 'reviewed', 'score', 'band'), [
    ((5, 5, 5, 4), False, '0.75', 'healthy'),  # 0.8 × 0.9375, exactly 0.75
    ((4, 4, 4, 3), True, '0.75', 'healthy'),  # 0.8 × 0.6875 + 0.2, exactly 0.75
    ((3, 2), True, '0.50', 'watch'),  # 0.8 × 0.375 + 0.2, exactly 0.5
    ((3,), False, '0.40', 'at-risk'),
])
def test_a_score_on_a_band_edge_is_in_the_upper_band(acme, scores, reviewed, score, band):
    acme(*feedback(*scores), *([review('march-review', '2025-03-05T10:00:00Z')] if reviewed else []))
    assert (health()['score'], health()['band']) == (score, band)


def test_the_band_is_taken_on_the_unrounded_score(acme):
    # 0.4 × 0.8125 + 0.3 × 0.4 + 0.2 × 1 + 0.1 × 1 = 0.745: shown 0.75 (half-up), not yet healthy.
    acme(*feedback(5, 4, 4, 4), agreement('sla-sales-2025', targets(2, 3)), value_review('v', PERIOD, 'positive'),
         review('march-review', '2025-03-05T10:00:00Z'))
    answer = health()
    assert answer['components'] == {'satisfaction': '0.81', 'targets': '0.40', 'value': '1.00', 'engagement': '1.00'}
    assert (answer['score'], answer['band']) == ('0.75', 'watch')


def test_a_score_shown_as_0_50_may_still_be_at_risk(acme):
    # 0.4 × 0.1875 + 0.3 × 0.4 + 0.2 × 1 + 0.1 × 1 = 0.495
    acme(*feedback(1, 2, 2, 2), agreement('sla-sales-2025', targets(2, 3)), value_review('v', PERIOD, 'positive'),
         review('march-review', '2025-03-05T10:00:00Z'))
    assert (health()['score'], health()['band']) == ('0.50', 'at-risk')


def test_figures_are_rounded_half_up_from_exact_values(acme):
    acme(*feedback(1, 2))  # mean 1.5: satisfaction exactly 0.125; the score is 0.8 × 0.125 = 0.1
    answer = health()
    assert answer['components']['satisfaction'] == '0.13'
    assert answer['score'] == '0.10'


@pytest.mark.parametrize(('figure', 'text'), [
    (Fraction(0), '0.00'), (Fraction(1), '1.00'), (Fraction(1, 8), '0.13'), (Fraction(149, 200), '0.75'),
    (Fraction(1, 3), '0.33'), (Fraction(2, 3), '0.67'), (Fraction(9999, 10000), '1.00'), (Fraction(1, 200), '0.01'),
])
def test_two_decimals_rounds_half_up(figure, text):
    assert two_decimals(figure) == text


@pytest.mark.parametrize(('score', 'band'), [
    (Fraction(1), 'healthy'), (Fraction(3, 4), 'healthy'), (Fraction(7499, 10000), 'watch'), (Fraction(1, 2), 'watch'),
    (Fraction(4999, 10000), 'at-risk'), (Fraction(0), 'at-risk'),
])
def test_bands(score, band):
    assert band_of(score) == band


def test_satisfaction_counts_feedback_of_the_period_only(acme):
    acme(*feedback(5, at='2025-03-01T00:00:00Z'), *feedback(4, at='2025-04-01T01:00:00+02:00'),
         *feedback(1, at='2025-02-28T23:59:59Z'), *feedback(1, at='2025-04-01T00:00:00Z'),
         *feedback(1, relationship='acme-it-finance'))
    assert health()['components']['satisfaction'] == '0.88'  # mean 4.5


def test_targets_count_experience_and_outcome_targets_over_every_agreement(acme):
    operational_missed = [{'name': 'availability', 'kind': 'operational', 'comparator': '>=', 'value': '99.9',
                           'measurements': [{'period': PERIOD, 'value': '90'}]}]
    acme(
        agreement('sla-sales-2025', targets(1, 0), operational_missed),
        agreement('ola-sales-2025', targets(2, 1, kind='outcome')),
        agreement('sla-sales-february', targets(0, 4, period='2025-02')),
        agreement('sla-sales-unmeasured', [{'name': 'csat', 'kind': 'experience', 'comparator': '>=', 'value': '4'}]),
        agreement('sla-finance', targets(0, 3), relationship='acme-it-finance'),
    )
    assert health()['components']['targets'] == '0.75'  # 3 met of 4 measured


def test_targets_are_missing_when_none_is_measured_in_the_period(acme):
    acme(agreement('sla-sales-2025', targets(3, 0, period='2025-02'), targets(0, 1, kind='operational')))
    assert health()['components']['targets'] is None


@pytest.mark.parametrize(('overall', 'value'), [('negative', '0.00'), ('neutral', '0.50'), ('positive', '1.00')])
def test_value_reflects_the_overall_assessment(acme, overall, value):
    acme(value_review('march-value', PERIOD, overall))
    assert health()['components']['value'] == value


def test_value_comes_from_the_latest_review_up_to_the_period(acme):
    acme(value_review('a-january', '2025-01', 'positive'), value_review('b-february', '2025-02', 'negative'),
         value_review('c-april', '2025-04', 'positive'), value_review('v-other', PERIOD, 'positive', 'acme-it-finance'))
    assert health()['components']['value'] == '0.00'
    assert health(period='2024-12')['components']['value'] is None
    assert health(period='2025-04')['components']['value'] == '1.00'


def test_of_two_value_reviews_of_one_period_the_one_recorded_last_counts(acme):
    acme(value_review('z-first', PERIOD, 'negative'))
    acme(value_review('a-second', PERIOD, 'positive'))
    assert health()['components']['value'] == '1.00'


@pytest.mark.parametrize(('at', 'engagement'), [
    ('2024-12-31T23:59:59Z', '0.00'),  # 91 days before the end of March
    ('2025-01-01T00:00:00Z', '1.00'),  # the first instant of the 90 days ending on 31 March
    ('2025-03-31T23:59:59Z', '1.00'),
    ('2025-04-01T00:00:00Z', '0.00'),  # after the period
    ('2025-04-01T01:00:00+02:00', '1.00'),  # 31 March 23:00 UTC
])
def test_engagement_looks_at_the_90_days_ending_with_the_period_s_last_day(acme, at, engagement):
    acme(review('the-review', at))
    assert health()['components']['engagement'] == engagement


def test_a_review_of_another_relationship_does_not_engage_this_one(acme):
    acme(review('finance-review', '2025-03-05T10:00:00Z', relationship='acme-it-finance'))
    assert health()['components']['engagement'] == '0.00'


def test_a_relationship_object_may_be_given_instead_of_a_name(acme):
    acme(*feedback(4))
    assert relationship_health(ServiceRelationship.objects.get(name='acme-it-sales'), PERIOD) == health()


def test_the_table_shows_every_component_beside_the_score(acme):
    acme(*feedback(3), review('march-review', '2025-03-05T10:00:00Z'))
    result = run_cli('health', 'acme-it-sales', '--period', PERIOD)
    assert result.status == 0, result.stderr
    for text in ('satisfaction', '0.50', 'targets', 'missing', 'engagement', 'Score: 0.60 (watch)', 'rescaled'):
        assert text in result.stdout


def test_an_unknown_relationship_exits_1_naming_it(db):
    result = run_cli('health', 'nobody-nowhere', '--period', PERIOD, '--format', 'json')
    assert result.status == 1
    assert "unknown relationship 'nobody-nowhere'" in result.stderr
    assert result.stdout == '' and 'Traceback' not in result.stderr
    with pytest.raises(HealthError, match='nobody-nowhere'):
        health('nobody-nowhere')


@pytest.mark.parametrize('period', ['2025-3', '2025-13', '25-03', 'march', '2025-03-31', ''])
def test_a_period_that_is_not_yyyy_mm_exits_1_naming_it(acme, period):
    result = run_cli('health', 'acme-it-sales', '--period', period)
    assert result.status == 1
    assert f'{period!r} is not a period YYYY-MM' in result.stderr
    assert result.stdout == '' and 'Traceback' not in result.stderr


def test_a_missing_period_is_a_usage_error(db):
    assert run_cli('health', 'acme-it-sales').status == 2


def test_the_number_of_queries_does_not_grow_with_the_records(acme):
    acme(*feedback(4), agreement('sla-sales-2025', targets(1, 0)), value_review('v-0', PERIOD, 'neutral'),
         review('r-0', '2025-03-05T10:00:00Z'))
    with CaptureQueriesContext(connection) as few:
        health()
    acme(*feedback(*[4, 2, 5] * 6), agreement('sla-sales-2025', targets(5, 5), targets(3, 3, kind='outcome')),
         agreement('ola-sales-2025', targets(4, 1)),
         *(value_review(f'v-{i}', f'2025-0{i}', 'positive') for i in range(1, 4)),
         *(review(f'r-{i}', f'2025-0{i}-05T10:00:00Z') for i in range(1, 4)))
    with CaptureQueriesContext(connection) as many:
        answer = health()
    assert answer['components']['targets'] == '0.57'  # 12 met of 21
    assert len(many) == len(few) == 5
