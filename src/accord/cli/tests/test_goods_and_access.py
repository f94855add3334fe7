"""``accord deliver``, ``grant``, ``revoke``, ``convert``: goods and access on the command line, through the verbs."""

import pytest

from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange
from accord.provision.models import AccessGrant, GoodsDelivery
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db


def sources(model: str, pk: int) -> list[str]:
    return list(ObjectChange.objects.filter(changed_object_id=pk, changed_object_type__model=model)
                .values_list('source', flat=True))


def test_a_delivered_item_changes_owner_and_the_log_says_the_cli_did_it(bank):
    result = run_cli('deliver', 'northwind-standard-checking', 'checkbook', '--item', 'checkbook-0003', '--at',
                     '2025-03-21T09:00:00Z', '--format', 'json')
    assert result.status == 0, result.stderr
    assert result.json['items'] == ['checkbook-0003'] and result.json['owner'] == 'northwind-traders'
    assert run_cli('owner', 'checkbook-0003', '--format', 'json').json['owner'] == 'northwind-traders'
    delivery = GoodsDelivery.objects.get(name=result.json['name'])
    assert sources('goodsdelivery', delivery.pk) == [ChangeSource.CLI]
    table = run_cli('deliver', 'ben-standard-checking', 'checkbook', '--quantity', '1', '--at',
                    '2025-03-22T09:00:00Z')
    assert '1 unit(s) of checkbook delivered to ben' in table.stdout


def test_a_grant_lets_a_person_use_an_element_until_it_is_revoked_with_a_reason(bank):
    granted = run_cli('grant', 'ben-standard-checking', 'own-atms', 'person:ben-okoro', '--from',
                      '2025-03-20T09:00:00Z', '--format', 'json')
    assert granted.status == 0, granted.stderr
    name = granted.json['name']
    assert (granted.json['grantee'], granted.json['validTo']) == ('person:ben-okoro', None)
    revoked = run_cli('revoke', name, '--reason', 'Moved abroad', '--at', '2025-03-25T09:00:00Z')
    assert revoked.status == 0, revoked.stderr
    assert 'revoked at 2025-03-25T09:00:00+00:00 (Moved abroad)' in revoked.stdout
    grant = AccessGrant.objects.get(name=name)
    assert sources('accessgrant', grant.pk) == [ChangeSource.CLI, ChangeSource.CLI]


@pytest.mark.parametrize(('args', 'message'), [
    (('deliver', 'ben-standard-checking', 'debit-card', '--quantity', '1'), 'delivery of debit-card to '
     'ben-standard-checking: element: debit-card is an access element, not a good element'),
    (('deliver', 'northwind-standard-checking', 'checkbook', '--item', 'checkbook-0001'),
     'items: checkbook-0001 has been delivered already: a delivered good is never taken back'),
    (('deliver', 'ben-standard-checking', 'chekbook', '--quantity', '1'),
     "no element of standard-checking named 'chekbook': did you mean checkbook?"),
    (('deliver', 'ben-standard-cheking', 'checkbook', '--quantity', '1'),
     "no subscription named 'ben-standard-cheking': did you mean ben-standard-checking?"),
    (('grant', 'ben-standard-checking', 'checkbook', 'person:ben-okoro'), 'grant of checkbook to ben-okoro: element: '
                                                                                    'checkbook is a good element'),
    (('grant', 'ben-standard-checking', 'own-atms', 'person:ben-okoro', '--from', '2024-06-01T00:00:00Z'),
     'grant of own-atms to ben-okoro: valid_from: the grant starts outside the term of ben-standard-checking'),
    (('grant', 'ben-standard-checking', 'own-atms', 'ben-okoro'), "GRANTEE: 'ben-okoro' is not person:NAME"),
    (('revoke', 'ben-debit-card', '--reason', 'again'), 'ben-debit-card: revoked_at: ben-debit-card was revoked '
                                                        'already'),
    (('revoke', 'ben-debit-card-2025-03', '--reason', 'early', '--at', '2025-03-01T00:00:00Z'),
     'ben-debit-card-2025-03: revoked_at: a grant cannot be revoked before it starts'),
    (('revoke', 'ben-online-bankin', '--reason', 'x'), "no access grant named 'ben-online-bankin': did you mean "
                                                       'ben-online-banking?'),
    (('convert', 'ben-online-banking'), 'ben-online-banking: converted_at: online-banking is not convertible'),
])
def test_refused_goods_and_access_exit_1_naming_the_record_and_write_nothing(bank, args, message):
    before = ObjectChange.objects.count()
    result = run_cli(*args)
    assert (result.status, result.stdout) == (1, '')
    assert message in result.stderr and 'Traceback' not in result.stderr
    assert ObjectChange.objects.count() == before
