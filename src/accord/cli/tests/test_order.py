"""``accord order``: an order placed, decided, fulfilled or cancelled on the command line, through the verbs."""

import pytest

from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange
from accord.provision.models import Order
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

PLACE = ('order', 'place', 'firsttown-bank-northwind-traders', '--by', 'omar-haddad', '--subscription',
         'northwind-standard-checking', '--item', 'order-checkbook', '--at', '2025-03-20T09:00:00Z',
         '--name', 'northwind-checkbook-2025-03-20')


def logged(order: Order) -> list[str]:
    return list(ObjectChange.objects.filter(changed_object_id=order.pk, changed_object_type__model='order')
                .order_by('id').values_list('source', 'action'))


def test_an_order_placed_waits_for_its_sponsor_who_approves_it_and_the_provider_fulfils_it(bank):
    placed = run_cli(*PLACE, '--format', 'json')
    assert placed.status == 0, placed.stderr
    assert placed.json['status'] == 'submitted' and placed.json['requestItem'] == 'order-checkbook'
    approved = run_cli('order', 'approve', 'northwind-checkbook-2025-03-20', '--by', 'nina-park', '--at',
                       '2025-03-20T10:00:00Z')
    assert approved.status == 0, approved.stderr
    assert approved.stdout.strip() == 'Order northwind-checkbook-2025-03-20 approved by nina-park.'
    fulfilled = run_cli('order', 'fulfil', 'northwind-checkbook-2025-03-20', '--item', 'checkbook-0003', '--at',
                        '2025-03-21T09:00:00Z', '--format', 'json')
    assert fulfilled.status == 0, fulfilled.stderr
    assert fulfilled.json['status'] == 'fulfilled' and fulfilled.json['made']['kind'] == 'GoodsDelivery'
    assert run_cli('owner', 'checkbook-0003', '--format', 'json').json['owner'] == 'northwind-traders'
    order = Order.objects.get(name='northwind-checkbook-2025-03-20')
    assert logged(order) == [(ChangeSource.CLI, 'create'), (ChangeSource.CLI, 'update'), (ChangeSource.CLI, 'update')]


def test_a_rejected_order_cannot_be_fulfilled_and_an_open_one_can_be_cancelled(bank):
    run_cli(*PLACE)
    rejected = run_cli('order', 'reject', 'northwind-checkbook-2025-03-20', '--by', 'nina-park', '--comment',
                       'We have checkbooks left.', '--format', 'json')
    assert (rejected.status, rejected.json['decisionComment']) == (0, 'We have checkbooks left.')
    refused = run_cli('order', 'fulfil', 'northwind-checkbook-2025-03-20')
    assert refused.status == 1
    assert 'northwind-checkbook-2025-03-20: status: northwind-checkbook-2025-03-20 is rejected' in refused.stderr
    run_cli(*PLACE[:-1], 'another-checkbook')
    cancelled = run_cli('order', 'cancel', 'another-checkbook', '--format', 'json')
    assert (cancelled.status, cancelled.json['status']) == (0, 'cancelled')


@pytest.mark.parametrize(('args', 'message'), [
    (('approve', 'northwind-checkbook-2025-03-20', '--by', 'omar-haddad'),
     'northwind-checkbook-2025-03-20: decided_by: omar-haddad is not a sponsor of firsttown-bank-northwind-traders'),
    (('approve', 'northwind-checkbook-2025-03-2', '--by', 'nina-park'),
     "no order named 'northwind-checkbook-2025-03-2': did you mean northwind-checkbook-2025-03-20"),
    (('reject', 'northwind-checkbook-2025-03-20', '--by', 'nina-parc'), "no person named 'nina-parc': did you mean "
                                                                        'nina-park?'),
    (('approve', 'northwind-checkbook-2025-03-20', '--by', 'nina-park', '--at', '2025-03-20'),
     "--at: '2025-03-20' has no UTC offset"),
])
def test_a_refused_decision_exits_1_naming_the_record_and_field_and_writes_nothing(bank, args, message):
    run_cli(*PLACE)
    before = ObjectChange.objects.count()
    result = run_cli('order', *args)
    assert (result.status, result.stdout) == (1, '')
    assert message in result.stderr and 'Traceback' not in result.stderr
    assert ObjectChange.objects.count() == before
    assert Order.objects.get(name='northwind-checkbook-2025-03-20').status == 'submitted'


def test_approving_twice_or_an_order_that_needs_no_approval_is_refused(bank):
    run_cli(*PLACE)
    run_cli('order', 'approve', 'northwind-checkbook-2025-03-20', '--by', 'nina-park')
    twice = run_cli('order', 'approve', 'northwind-checkbook-2025-03-20', '--by', 'nina-park')
    assert twice.status == 1
    assert 'status: northwind-checkbook-2025-03-20 is approved: it cannot be approved' in twice.stderr
    card = run_cli('order', 'place', 'firsttown-bank-ben', '--by', 'ben-okoro', '--subscription',
                   'ben-standard-checking', '--item', 'replace-card', '--name', 'ben-card', '--format', 'json')
    assert (card.status, card.json['status']) == (0, 'approved'), card.stderr
    needless = run_cli('order', 'approve', 'ben-card', '--by', 'ben-okoro')
    assert 'ben-card: status: ben-card needs no approval' in needless.stderr


def test_placing_refuses_an_unknown_request_item_with_a_suggestion_and_a_wrong_mix_as_usage(bank):
    unknown = run_cli(*PLACE[:8], 'order-chekbook')
    assert unknown.status == 1
    assert "no request item of standard-checking named 'order-chekbook': did you mean order-checkbook?" \
        in unknown.stderr
    mixed = run_cli('order', 'place', 'firsttown-bank-ben', '--by', 'ben-okoro', '--offering', 'standard-checking')
    assert mixed.status == 2 and 'give --subscription with --item, or --offering with --group' in mixed.stderr
    assert not Order.objects.filter(requested_by__name='ben-okoro').exclude(
        name='ben-card-replacement-2025-03').exists()


def test_an_order_for_an_offering_creates_the_subscription_when_it_is_fulfilled(bank):
    placed = run_cli('order', 'place', 'firsttown-bank-northwind-traders', '--by', 'omar-haddad', '--offering',
                     'basic-savings', '--group', 'everyday-customers', '--at', '2025-03-20T09:00:00Z', '--name',
                     'northwind-savings', '--format', 'json')
    assert placed.status == 0, placed.stderr
    assert (placed.json['offering'], placed.json['group']) == ('basic-savings', 'everyday-customers')
    assert run_cli('order', 'approve', 'northwind-savings', '--by', 'nina-park').status == 0
    fulfilled = run_cli('order', 'fulfil', 'northwind-savings', '--at', '2025-03-21T09:00:00Z', '--format', 'json')
    assert fulfilled.status == 0, fulfilled.stderr
    assert fulfilled.json['made']['kind'] == 'Subscription'
    assert run_cli('charges', fulfilled.json['made']['name'], '--period', '2025-03').status == 0
