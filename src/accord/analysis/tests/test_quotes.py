"""``accord quote``: one period's charge of an offering with the facts given (R6 to R9, domain.md section 7)."""

from decimal import Decimal

import pytest

from accord.analysis.quotes import PeriodFacts, QuoteError, charge_period, quote, unused_subscriptions
from accord.catalog.models import ServiceOffering, UsageCharge
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

D = Decimal


def student_quote(**facts: str) -> dict:
    return quote(
        'student-checking', facts={name.replace('_', '-'): D(v) for name, v in facts.items()}, subscribed=set()
    )


# --- The worked example of domain.md section 7 ------------------------------------------


def test_a_student_who_uses_only_the_banks_atms_and_has_a_direct_deposit_pays_nothing(bank):
    answer = student_quote(direct_deposit='1')
    assert answer['total'] == '0.00'
    assert answer['lines'][0] == {'kind': 'fee', 'amount': '0.00', 'waived': True, 'reason': 'direct-deposit >= 1'}


def test_a_student_without_a_deposit_and_without_savings_pays_the_fee(bank):
    answer = student_quote()
    assert answer['total'] == '5.00'
    fee = answer['lines'][0]
    assert (fee['amount'], fee['waived']) == ('5.00', False)
    assert fee['reason'] == (
        '5.00 per month × 1; not waived: direct-deposit = 0, not >= 1 and not subscribed to basic-savings'
    )


def test_two_foreign_withdrawals_as_well_bring_the_student_to_ten(bank):
    answer = student_quote(foreign_atm_withdrawal='2')
    assert answer['total'] == '10.00'
    assert answer['lines'][1] == {
        'kind': 'usage',
        'event': 'foreign-atm-withdrawal',
        'count': 2,
        'free': 0,
        'amount': '5.00',
    }


def test_a_savings_subscription_waives_the_student_fee(bank):
    answer = quote('student-checking', facts={}, subscribed={'basic-savings'})
    assert answer['lines'][0] == {
        'kind': 'fee',
        'amount': '0.00',
        'waived': True,
        'reason': 'subscribed to basic-savings',
    }
    assert answer['total'] == '0.00'


def test_standard_checking_is_waived_from_direct_deposits_of_exactly_one_thousand(bank):
    answer = quote('standard-checking', facts={'direct-deposit-total': D('1000')}, subscribed=set())
    assert answer['lines'][0]['waived'] is True
    assert answer['lines'][0]['reason'] == 'direct-deposit-total >= 1000'
    assert answer['total'] == '0.00'


def test_standard_checking_is_not_waived_a_cent_below_one_thousand(bank):
    answer = quote('standard-checking', facts={'direct-deposit-total': D('999.99')}, subscribed=set())
    assert answer['lines'][0]['waived'] is False
    assert 'direct-deposit-total = 999.99, not >= 1000' in answer['lines'][0]['reason']
    assert answer['total'] == '12.00'


# --- Exact amounts ------------------------------------------------------------------------


def test_the_fee_is_multiplied_by_the_quantity_and_usage_by_the_count_exactly(bank):
    answer = quote('student-checking', quantity=3, facts={'foreign-atm-withdrawal': D(3)}, subscribed=set())
    assert answer['quantity'] == 3
    assert [line['amount'] for line in answer['lines']] == ['15.00', '7.50']
    assert answer['lines'][0]['reason'].startswith('5.00 per month × 3')
    assert answer['total'] == '22.50'


def test_a_waived_fee_is_zero_whatever_the_quantity(bank):
    answer = quote('student-checking', quantity=4, facts={'direct-deposit': D(2)}, subscribed=set())
    assert answer['lines'][0]['amount'] == '0.00'


def test_events_within_the_allowance_are_free(bank):
    UsageCharge.objects.filter(offering__name='student-checking').update(allowance=2)
    answer = student_quote(foreign_atm_withdrawal='3')
    assert answer['lines'][1] == {
        'kind': 'usage',
        'event': 'foreign-atm-withdrawal',
        'count': 3,
        'free': 2,
        'amount': '2.50',
    }
    assert student_quote(foreign_atm_withdrawal='1')['lines'][1]['free'] == 1


def test_money_has_the_decimals_of_the_currency(bank):
    ServiceOffering.objects.filter(name='student-checking').update(currency='JPY', fee_amount=D(500))
    UsageCharge.objects.filter(offering__name='student-checking').update(amount=D(250))
    answer = student_quote(foreign_atm_withdrawal='2')
    assert answer['currency'] == 'JPY'
    assert [line['amount'] for line in answer['lines']] == ['500', '500']
    assert answer['total'] == '1000'


def test_a_one_off_fee_says_so(bank):
    answer = quote('personal-advice', group='savers', facts={}, subscribed=set())
    assert answer['lines'] == [{'kind': 'fee', 'amount': '40.00', 'waived': False, 'reason': '40.00 one-off × 1'}]


def test_an_offering_without_pricing_quotes_as_zero_without_a_currency(bank):
    answer = quote('basic-savings', group='students', facts={}, subscribed=set())
    assert answer == {
        'offering': 'basic-savings',
        'group': 'students',
        'currency': None,
        'quantity': 1,
        'lines': [],
        'total': '0',
    }


def test_the_period_computation_can_leave_out_a_fee_that_is_not_due(bank):
    offering = ServiceOffering.objects.get(name='student-checking')
    period = PeriodFacts({'foreign-atm-withdrawal': D(1)}, frozenset())
    charge = charge_period(offering, quantity=1, period=period, fee_due=False)
    assert [line.as_json('USD')['kind'] for line in charge.lines] == ['usage']
    assert charge.total == D('2.50')


# --- Groups -------------------------------------------------------------------------------


def test_the_only_target_group_is_taken_when_none_is_named(bank):
    assert student_quote()['group'] == 'students'


def test_an_offering_without_target_groups_is_quoted_for_no_group(bank):
    answer = quote('cardnet-card-processing', facts={}, subscribed=set())
    assert answer['group'] is None
    assert answer['total'] == '4500.00'


def test_an_offering_with_several_target_groups_needs_one_named(bank):
    with pytest.raises(QuoteError, match='name one of them: everyday-customers, savers, students'):
        quote('basic-savings', facts={}, subscribed=set())


def test_a_group_the_offering_does_not_target_is_refused(bank):
    with pytest.raises(QuoteError, match='savers is not a target group of student-checking'):
        quote('student-checking', group='savers', facts={}, subscribed=set())


def test_an_unknown_offering_is_refused(bank):
    with pytest.raises(QuoteError, match="unknown offering 'gold-checking'"):
        quote('gold-checking', facts={}, subscribed=set())


def test_an_unknown_subscribed_offering_is_refused_rather_than_silently_not_waiving(bank):
    with pytest.raises(QuoteError, match="unknown offering 'basic-saving'"):
        quote('student-checking', facts={}, subscribed={'basic-saving'})


def test_a_quantity_below_one_is_refused(bank):
    with pytest.raises(QuoteError, match='quantity 0'):
        quote('student-checking', quantity=0, facts={}, subscribed=set())


def test_a_fractional_event_count_is_refused(bank):
    with pytest.raises(QuoteError, match='fact foreign-atm-withdrawal'):
        student_quote(foreign_atm_withdrawal='1.5')


def test_subscriptions_the_price_plan_ignores_are_pointed_out(bank):
    warnings = unused_subscriptions('student-checking', {'basic-savings', 'personal-advice'})
    assert warnings == ['student-checking does not depend on a subscription to personal-advice']


def test_a_fact_the_price_plan_does_not_use_is_refused_naming_the_nearest_it_uses(bank):
    with pytest.raises(QuoteError) as refused:
        student_quote(foreign_atm_withdrawl='2')
    assert str(refused.value) == (
        'student-checking does not use fact foreign-atm-withdrawl: did you mean foreign-atm-withdrawal?'
    )
    assert refused.value.parameter == 'fact'


def test_a_fact_like_none_it_uses_is_refused_listing_those_it_uses(bank):
    with pytest.raises(QuoteError, match=r'does not use fact balance; the facts it uses are direct-deposit, '):
        student_quote(balance='2')


# --- The command line ---------------------------------------------------------------------


def test_the_json_answer_has_the_contracts_shape(bank):
    result = run_cli(
        'quote', 'student-checking', '--fact', 'direct-deposit=1', '--fact', 'foreign-atm-withdrawal=2',
        '--format', 'json',
    )  # fmt: skip
    assert result.status == 0, result.stderr
    assert result.json == {
        'offering': 'student-checking',
        'group': 'students',
        'currency': 'USD',
        'quantity': 1,
        'lines': [
            {'kind': 'fee', 'amount': '0.00', 'waived': True, 'reason': 'direct-deposit >= 1'},
            {'kind': 'usage', 'event': 'foreign-atm-withdrawal', 'count': 2, 'free': 0, 'amount': '5.00'},
        ],
        'total': '5.00',
    }


def test_the_command_line_takes_groups_quantities_and_subscriptions(bank):
    result = run_cli(
        'quote', 'standard-checking', '--group', 'everyday-customers', '--quantity', '2',
        '--subscribed', 'basic-savings', '--format', 'json',
    )  # fmt: skip
    assert result.status == 0, result.stderr
    assert result.json['lines'][0]['reason'] == 'subscribed to basic-savings'
    assert result.json['quantity'] == 2


def test_the_table_shows_each_line_and_the_total(bank):
    result = run_cli('quote', 'student-checking', '--fact', 'foreign-atm-withdrawal=2')
    assert result.status == 0, result.stderr
    assert 'foreign-atm-withdrawal' in result.stdout
    assert 'Total: 10.00 USD' in result.stdout


def test_an_unknown_offering_on_the_command_line_exits_1_naming_it(bank):
    result = run_cli('quote', 'gold-checking')
    assert result.status == 1
    assert "unknown offering 'gold-checking'" in result.stderr
    assert 'Traceback' not in result.stderr


def test_a_group_not_targeted_exits_1_naming_the_targets(bank):
    result = run_cli('quote', 'student-checking', '--group', 'savers')
    assert result.status == 1
    assert 'savers is not a target group of student-checking (its target groups: students)' in result.stderr


def test_an_unknown_group_exits_1_naming_it(bank):
    result = run_cli('quote', 'student-checking', '--group', 'pensioners')
    assert result.status == 1
    assert "unknown consumer group 'pensioners'" in result.stderr


def test_a_fact_value_that_is_not_a_decimal_exits_1_naming_the_fact(bank):
    result = run_cli('quote', 'student-checking', '--fact', 'direct-deposit=yes')
    assert result.status == 1
    assert "fact direct-deposit: 'yes' is not a decimal number" in result.stderr


@pytest.mark.parametrize('value', ['NaN', 'Infinity'])
def test_a_fact_value_that_is_not_finite_exits_1(bank, value):
    result = run_cli('quote', 'student-checking', '--fact', f'direct-deposit={value}')
    assert result.status == 1
    assert 'fact direct-deposit' in result.stderr


@pytest.mark.parametrize('argument', ['direct-deposit', '=1'])
def test_a_malformed_fact_argument_is_a_usage_error(bank, argument, capsys):
    result = run_cli('quote', 'student-checking', '--fact', argument)
    assert result.status == 2
    assert 'is not NAME=VALUE' in result.stderr + capsys.readouterr().err  # argparse writes to sys.stderr


def test_a_fact_given_twice_exits_1(bank):
    result = run_cli('quote', 'student-checking', '--fact', 'direct-deposit=1', '--fact', 'direct-deposit=0')
    assert result.status == 1
    assert 'fact direct-deposit is given twice' in result.stderr


def test_a_quantity_of_zero_exits_1_and_a_quantity_that_is_no_number_is_a_usage_error(bank):
    assert run_cli('quote', 'student-checking', '--quantity', '0').status == 1
    assert run_cli('quote', 'student-checking', '--quantity', 'two').status == 2


def test_a_misspelt_fact_exits_1_suggesting_the_fact_meant_rather_than_quoting_without_it(bank):
    result = run_cli('quote', 'student-checking', '--fact', 'foreign-atm-withdrawl=2')
    assert result.status == 1
    assert result.stdout == ''
    assert 'student-checking does not use fact foreign-atm-withdrawl: did you mean foreign-atm-withdrawal?' in (
        result.stderr
    )


def test_an_unused_subscription_is_warned_about_but_the_quote_is_given(bank):
    result = run_cli('quote', 'student-checking', '--subscribed', 'standard-checking', '--format', 'json')
    assert result.status == 0
    assert 'student-checking does not depend on a subscription to standard-checking' in result.stderr
    assert result.json['total'] == '5.00'


@pytest.mark.parametrize('argv', [
    ['--quantity', '1' + '0' * 30],
    ['--fact', f'foreign-atm-withdrawal={"9" * 40}'],
    ['--fact', f'direct-deposit={"9" * 40}'],
])
def test_a_quantity_or_fact_too_large_to_price_exits_1_with_a_message_not_a_traceback(bank, argv):
    result = run_cli('quote', 'student-checking', *argv)
    assert result.status == 1
    assert result.stdout == ''
    assert 'Traceback' not in result.stderr
    assert ' at most 1000000000' in result.stderr or 'more than 16 digits before the decimal point' in result.stderr
