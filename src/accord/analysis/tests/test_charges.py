"""``accord charges``: a month's charge from stored events, facts, subscriptions and conversions; the bill run."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.analysis.charges import ChargesError, bill_run, charges
from accord.catalog.models import OfferingElement
from accord.provision.models import AccessGrant, ConsumptionEvent, PeriodFact
from accord.relationships.models import Subscription
from accord.resources.models import Item

pytestmark = pytest.mark.django_db


def test_foreign_withdrawals_of_the_month_are_counted_by_quantity_and_the_fee_is_not_waived(activity):
    answer = charges('ana-student-checking', '2025-03')
    assert answer['lines'] == [
        {'kind': 'fee', 'amount': '5.00', 'waived': False,
         'reason': '5.00 per month × 1; not waived: direct-deposit = 0, not >= 1 and not subscribed to basic-savings'},
        {'kind': 'usage', 'event': 'foreign-atm-withdrawal', 'count': 3, 'free': 0, 'amount': '7.50',
         'reason': '3 foreign-atm-withdrawal event(s) in 2025-03, 0 free, 2.50 each beyond them'},
    ]
    assert (answer['offering'], answer['subscription'], answer['period'], answer['currency'], answer['total']) == (
        'student-checking', 'ana-student-checking', '2025-03', 'USD', '12.50')


def test_a_direct_deposit_in_the_month_waives_the_student_fee(activity):
    answer = charges('ana-student-checking', '2025-04')
    assert answer['lines'][0] == {'kind': 'fee', 'amount': '0.00', 'waived': True, 'reason': 'direct-deposit >= 1'}
    assert answer['total'] == '0.00'


def test_deposits_totalling_one_thousand_waive_the_fee_and_an_amount_that_is_no_number_counts_nothing(activity):
    answer = charges('northwind-standard-checking', '2025-03')
    assert answer['lines'][0]['reason'] == 'direct-deposit-total >= 1000'
    assert answer['lines'][1]['amount'] == '3.00'
    assert (answer['quantity'], answer['total']) == (3, '3.00')


def test_deposits_a_cent_short_leave_the_fee_due_times_the_quantity(activity):
    answer = charges('northwind-standard-checking', '2025-02')
    assert answer['lines'][0]['amount'] == '36.00'
    assert 'direct-deposit-total = 999.99' in answer['lines'][0]['reason']
    assert answer['total'] == '36.00'


def test_a_deposit_total_and_a_recorded_fact_read_alike_on_every_database(activity):
    """PostgreSQL keeps a column's places (999.9900), SQLite sums decimals as floats (999.990000000000): a reason
    shows the number as written, 999.99, 500, 750.5, in ``accord charges`` and in the bill run alike."""
    reason = ('12.00 per month × 3; not waived: not subscribed to basic-savings and direct-deposit-total = {}, '
              'not >= 1000')
    assert charges('northwind-standard-checking', '2025-02')['lines'][0]['reason'] == reason.format('999.99')
    ConsumptionEvent.objects.filter(name='nw-deposit-feb').update(attributes={'amount': '500.00'})
    assert charges('northwind-standard-checking', '2025-02')['lines'][0]['reason'] == reason.format('500')
    northwind = Subscription.objects.get(name='northwind-standard-checking')
    PeriodFact.objects.create(name='northwind-deposits-2025-01', subscription=northwind, period='2025-01',
                              fact='direct-deposit-total', value=Decimal('750.5'))
    lines = {line['subscription']: line for line in bill_run('2025-01')['subscriptions']}
    assert lines['northwind-standard-checking']['lines'][0]['reason'] == reason.format('750.5')


def test_a_savings_subscription_held_in_the_month_waives_bens_fee(activity):
    assert charges('ben-standard-checking', '2025-03')['lines'][0]['reason'] == 'subscribed to basic-savings'


def test_a_savings_subscription_that_ended_before_the_month_leaves_bens_deposit_to_waive_the_fee(activity):
    Subscription.objects.filter(name='ben-basic-savings').update(end=datetime.date(2025, 2, 28))
    assert charges('ben-standard-checking', '2025-03')['lines'][0]['reason'] == 'direct-deposit-total >= 1000'
    fee = charges('ben-standard-checking', '2025-04')['lines'][0]
    assert (fee['amount'], fee['waived']) == ('12.00', False)


def test_a_month_before_the_subscription_starts_is_zero_with_no_lines(activity):
    answer = charges('ana-student-checking', '2024-12')
    assert (answer['lines'], answer['total'], answer['currency']) == ([], '0.00', 'USD')


def test_a_fee_is_due_in_full_in_the_month_a_subscription_ends(activity):
    Subscription.objects.filter(name='ana-student-checking').update(end=datetime.date(2025, 3, 1))
    assert charges('ana-student-checking', '2025-03')['lines'][0]['amount'] == '5.00'
    assert charges('ana-student-checking', '2025-04')['total'] == '0.00'


def test_a_kept_item_adds_a_conversion_line_at_the_elements_price(activity):
    OfferingElement.objects.filter(offering__name='standard-checking', name='own-atms').update(
        conversion_price=Decimal('60.00'))
    Item.objects.filter(name='atm-01').update(owner=Subscription.objects.get(
        name='northwind-standard-checking').relationship.consumer)
    AccessGrant.objects.filter(name='northwind-atm-01').update(
        converted_at=datetime.datetime(2025, 3, 20, tzinfo=datetime.UTC))
    answer = charges('northwind-standard-checking', '2025-03')
    assert answer['lines'][-1] == {
        'kind': 'conversion', 'grant': 'northwind-atm-01', 'element': 'own-atms', 'item': 'atm-01',
        'amount': '60.00', 'reason': 'atm-01 kept on 2025-03-20: own-atms converted to a good at its price'}
    assert answer['total'] == '63.00'


def test_an_unknown_subscription_is_named_with_the_nearest_names(activity):
    with pytest.raises(ChargesError, match="unknown subscription 'ana-student-cheking': did you mean ana-student-"):
        charges('ana-student-cheking', '2025-03')


def test_a_malformed_period_is_refused(activity):
    with pytest.raises(ChargesError, match="'2025-13' is not a period YYYY-MM"):
        charges('ana-student-checking', '2025-13')


def test_one_charge_runs_the_same_queries_with_ten_times_the_events(activity):
    subscription = Subscription.objects.get(name='ana-student-checking')

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            charges('ana-student-checking', '2025-03')
        return len(captured)

    before = queries()
    ConsumptionEvent.objects.bulk_create([
        ConsumptionEvent(name=f'more-{n}', subscription=subscription, event='foreign-atm-withdrawal',
                         at=datetime.datetime(2025, 3, 2, tzinfo=datetime.UTC)) for n in range(30)])
    assert queries() == before
    assert charges('ana-student-checking', '2025-03')['total'] == '87.50'


def test_the_bill_run_charges_every_subscription_holding_in_the_month_with_totals_per_provider(activity):
    answer = bill_run('2025-03')
    lines = {line['subscription']: line for line in answer['subscriptions']}
    assert [line['subscription'] for line in answer['subscriptions']] == sorted(lines)
    assert lines['ana-student-checking']['total'] == '12.50'
    assert lines['northwind-standard-checking']['total'] == '3.00'
    assert lines['ben-standard-checking']['total'] == '0.00'
    assert lines['ana-student-checking']['provider'] == 'firsttown-bank'
    assert lines['ana-student-checking']['consumer'] == 'ana'
    bank_usd = next(t for t in answer['totals'] if (t['provider'], t['currency']) == ('firsttown-bank', 'USD'))
    bank_lines = [line for line in answer['subscriptions'] if line['provider'] == 'firsttown-bank'
                  and line['currency'] == 'USD']
    assert bank_usd['subscriptions'] == len(bank_lines)
    assert Decimal(bank_usd['total']) == sum(Decimal(line['total']) for line in bank_lines) == Decimal('15.50')


def test_the_bill_run_leaves_out_subscriptions_that_do_not_hold_in_the_month(activity):
    Subscription.objects.filter(name='ana-student-checking').update(start=datetime.date(2025, 4, 1))
    Subscription.objects.filter(name='carla-basic-savings').update(status='cancelled')
    names = {line['subscription'] for line in bill_run('2025-03')['subscriptions']}
    assert 'ana-student-checking' not in names and 'carla-basic-savings' not in names
    assert 'ben-standard-checking' in names


def test_the_bill_run_agrees_with_each_subscriptions_own_charge(activity):
    for line in bill_run('2025-03')['subscriptions']:
        own = charges(line['subscription'], '2025-03')
        assert (line['lines'], line['total']) == (own['lines'], own['total'])


def test_the_bill_run_runs_the_same_queries_with_more_events_and_subscriptions(activity):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            bill_run('2025-03')
        return len(captured)

    before = queries()
    ana = Subscription.objects.get(name='ana-student-checking')
    ConsumptionEvent.objects.bulk_create([
        ConsumptionEvent(name=f'more-{n}', subscription=ana, event='direct-deposit', attributes={'amount': '5'},
                         at=datetime.datetime(2025, 3, 2, tzinfo=datetime.UTC)) for n in range(30)])
    Subscription.objects.bulk_create([
        Subscription(name=f'ana-copy-{n}', relationship=ana.relationship, offering=ana.offering, group=ana.group,
                     start=ana.start) for n in range(5)])
    assert queries() == before


def test_subscriptions_priced_alike_share_their_lines_and_no_others_do(activity):
    """The bill run prices once per offering, quantity and facts read: a deposit total that leaves the fee due is
    shown as it is, and every copy's line agrees with its own charge."""
    northwind = Subscription.objects.get(name='northwind-standard-checking')
    deposits = {'held-a': '1000.00', 'held-b': '1500.00', 'short-a': '999.99', 'short-b': '500.00', 'none': None}
    for suffix, quantity in (('', 1), ('-three', 3)):
        for case, amount in deposits.items():
            copy = Subscription.objects.create(
                name=f'nw-{case}{suffix}', relationship=northwind.relationship, offering=northwind.offering,
                group=northwind.group, start=northwind.start, quantity=quantity)
            if amount:
                ConsumptionEvent.objects.create(name=f'nw-{case}{suffix}-deposit', subscription=copy,
                                                event='direct-deposit', attributes={'amount': amount},
                                                at=datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC))
    lines = {line['subscription']: line for line in bill_run('2025-03')['subscriptions']}
    fees = {name: (line['lines'][0]['amount'], line['lines'][0]['reason']) for name, line in lines.items()
            if name.startswith('nw-')}
    held = ('0.00', 'direct-deposit-total >= 1000')
    assert fees['nw-held-a'] == fees['nw-held-b'] == fees['nw-held-a-three'] == fees['nw-held-b-three'] == held
    assert fees['nw-none'] == ('12.00', '12.00 per month × 1; not waived: not subscribed to basic-savings and '
                                        'direct-deposit-total = 0, not >= 1000')
    assert fees['nw-none-three'][0] == fees['nw-short-a-three'][0] == fees['nw-short-b-three'][0] == '36.00'
    assert 'direct-deposit-total = 999.99' in fees['nw-short-a'][1] and fees['nw-short-a'][0] == '12.00'
    assert 'direct-deposit-total = 500' in fees['nw-short-b'][1] and fees['nw-short-b'][0] == '12.00'
    assert len({fees[f'nw-{case}'][1] for case in ('none', 'short-a', 'short-b')}) == 3
    for name in fees:
        own = charges(name, '2025-03')
        assert (lines[name]['lines'], lines[name]['total']) == (own['lines'], own['total'])


def test_a_subscription_without_a_price_plan_is_listed_apart_and_in_no_total(activity):
    answer = bill_run('2025-03')
    assert {u['subscription'] for u in answer['unpriced']} >= {'ben-basic-savings', 'carla-basic-savings'}
    assert answer['unpriced'][0] == {'subscription': 'ben-basic-savings', 'offering': 'basic-savings',
                                     'provider': 'firsttown-bank', 'consumer': 'ben'}
    assert 'ben-basic-savings' not in {line['subscription'] for line in answer['subscriptions']}
    assert all(line['currency'] for line in answer['subscriptions'])
    assert all(total['currency'] for total in answer['totals'])
