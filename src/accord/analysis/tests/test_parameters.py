"""A question's parameters read from text the same way for the CLI, the API and the web console."""

import datetime
from decimal import Decimal

import pytest

from accord.analysis import agreements, catalogue, health, impact, quotes, roles
from accord.analysis.parameters import ParameterError


def problems(parameters, query: dict) -> dict:
    with pytest.raises(ParameterError) as caught:
        parameters.read(query)
    return caught.value.errors


def test_a_query_is_read_into_typed_values_with_defaults_filled_in():
    assert quotes.PARAMETERS.read({'offering': 'student-checking', 'fact': ['a=1', 'b=2.5']}) == {
        'offering': 'student-checking', 'quantity': 1, 'fact': {'a': Decimal(1), 'b': Decimal('2.5')},
        'subscribed': [],
    }
    at = datetime.datetime(2025, 3, 10, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    assert impact.PARAMETERS.read({'source': 'organization:cardnet', 'at': '2025-03-10T12:00:00+01:00'}) == {
        'source': ('organization', 'cardnet'), 'at': at,
    }


def test_a_single_parameter_given_several_times_takes_the_last_as_a_query_string_does():
    assert roles.PARAMETERS.read({'organization': ['ana', 'ben']}) == {'organization': 'ben'}


def test_every_problem_is_named_by_its_parameter_at_once():
    assert problems(agreements.PARAMETERS, {'period': '2025-13', 'typo': 'x'}) == {
        'typo': ['unknown parameter: this question takes agreement, period'],
        'agreement': ['This field is required.'],
        'period': ["'2025-13' is not a period YYYY-MM"],
    }


def test_the_caller_s_own_parameters_may_be_let_through():
    assert catalogue.PARAMETERS.read({'group': 'students', 'format': 'json'}, ignore={'format'}) == {
        'group': 'students'}


@pytest.mark.parametrize(('query', 'expected'), [
    ({'offering': ''}, {'offering': ['This field may not be blank.']}),
    ({'offering': 'x\x00'}, {'offering': ['Null characters are not allowed.']}),
    ({'offering': 'x', 'quantity': 'two'}, {'quantity': ["'two' is not a whole number"]}),
    ({'offering': 'x', 'fact': ['a=1', 'a=2']}, {'fact': ['fact a is given twice']}),
    ({'offering': 'x', 'fact': ['a=1', 'b']}, {'fact': ["'b' is not NAME=VALUE"]}),
    ({'offering': 'x', 'fact': ['a=1', 'b=\x00']}, {'fact': {1: ['Null characters are not allowed.']}}),
])
def test_a_bad_value_is_refused_naming_its_parameter(query, expected):
    assert problems(quotes.PARAMETERS, query) == expected


def test_the_error_gives_its_first_parameter_and_message_for_a_command_line():
    error = ParameterError({'period': ["'2025-13' is not a period YYYY-MM"], 'typo': ['unknown']})
    assert (error.parameter, error.message, str(error)) == ('period', "'2025-13' is not a period YYYY-MM",
                                                           "'2025-13' is not a period YYYY-MM")


def test_an_unencoded_plus_in_an_instant_is_read_as_the_offset_it_was():
    assert impact.PARAMETERS['at'].read_one('2025-03-10T12:00:00 01:00').utcoffset() == datetime.timedelta(hours=1)


def test_agreement_and_health_read_the_same_period():
    assert agreements.PARAMETERS['period'] is health.PARAMETERS['period']
