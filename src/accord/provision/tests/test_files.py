"""Provision records in catalogue files (the demo's March 2025): applied as written, exported and applied into an
empty database byte for byte, with the ownership history derived from the deliveries.
"""

import datetime

import pytest
from django.db import connection

from accord.practices.models import PracticeAssignment
from accord.provision.models import ActionInstance, GoodsDelivery, Order, OwnershipTransfer
from accord.provision.ownership import owner_at
from accord.provision.tests.conftest import instant
from accord.resources.models import Item
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

FULFILLED = """\
apiVersion: accord/v1
kind: Order
metadata: {name: ben-second-card}
spec:
  relationship: firsttown-bank-ben
  requestedBy: ben-okoro
  at: 2025-03-20T09:00:00Z
  subscription: ben-standard-checking
  requestItem: replace-card
  status: fulfilled
"""


def test_a_fulfilled_order_in_a_file_creates_nothing_by_itself(bank, tmp_path):
    path = tmp_path / 'order.yaml'
    path.write_text(FULFILLED)
    actions, deliveries = ActionInstance.objects.count(), GoodsDelivery.objects.count()
    assert run_cli('apply', path).status == 0
    assert (ActionInstance.objects.count(), GoodsDelivery.objects.count()) == (actions, deliveries)


def test_a_sponsors_decision_comment_is_applied_from_the_file(bank):
    assert Order.objects.get(name='northwind-checkbook-2025-03').decision_comment == 'Approved; our last book ran out.'


def test_the_demos_deliveries_record_the_ownership_transfers_to_the_consumers(bank):
    transfers = OwnershipTransfer.objects.select_related('item', 'from_owner', 'to_owner').order_by('item__name')
    assert [(t.item.name, t.from_owner.name, t.to_owner.name, t.at, t.reason) for t in transfers] == [
        ('checkbook-0001', 'firsttown-bank', 'ben', instant('2025-03-03T10:00'), 'delivery'),
        ('checkbook-0002', 'firsttown-bank', 'northwind-traders', instant('2025-03-07T10:00'), 'delivery'),
    ]
    item = Item.objects.get(name='checkbook-0001')
    assert owner_at(item, instant('2025-03-03T09:59')).name == 'firsttown-bank'
    assert owner_at(item, instant('2025-03-03T10:00')).name == 'ben'


def test_an_action_from_a_file_is_due_five_business_days_after_its_request(bank):
    assert ActionInstance.objects.get(name='ben-card-replacement-2025-03').due_at == instant('2025-03-19T08:30')


def test_export_apply_into_an_empty_database_export_is_byte_identical_with_the_records(bank, tmp_path):
    first = run_cli('export')
    assert 'kind: GoodsDelivery' in first.stdout and 'owner: ben' in first.stdout
    assert 'decisionComment: Approved; our last book ran out.' in first.stdout
    exported = tmp_path / 'export.yaml'
    exported.write_text(first.stdout, encoding='utf-8')
    _empty_the_database()
    assert run_cli('apply', exported).status == 0
    assert run_cli('export').stdout == first.stdout
    assert OwnershipTransfer.objects.count() == 2


def _empty_the_database() -> None:
    """Delete every row the files wrote (foreign keys are checked at commit, which a test never reaches)."""
    from accord.testing.fixtures import _all_models

    domain = {'parties', 'resources', 'catalog', 'relationships', 'provision'}
    tables = [m._meta.db_table for m in _all_models() if m._meta.app_label in domain]
    tables.append(PracticeAssignment._meta.db_table)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'DELETE FROM {connection.ops.quote_name(table)}')
    assert not OwnershipTransfer.objects.exists()


def _consumers(count: int) -> list[str]:
    """``count`` new consumers of the bank, each with a standard checking subscription from 2025-01-01."""
    from accord.catalog.models import ServiceOffering
    from accord.parties.models import ConsumerGroup, Organization
    from accord.relationships.models import ServiceRelationship, Subscription

    bank, names = Organization.objects.get(name='firsttown-bank'), [f'consumer-{n:03d}' for n in range(count)]
    offering, group = ServiceOffering.objects.get(name='standard-checking'), ConsumerGroup.objects.get(
        name='everyday-customers')
    for name in names:
        relationship = ServiceRelationship.objects.create(name=f'ftb-{name}', provider=bank,
                                                          consumer=Organization.objects.create(name=name))
        Subscription.objects.create(name=f'{name}-checking', relationship=relationship, offering=offering,
                                    group=group, start=datetime.date(2025, 1, 1), quantity=1)
    return names


def _activity(consumers: list[str]) -> str:
    """A grant, an action and a delivery for each consumer's subscription."""
    documents = [
        f"""\
apiVersion: accord/v1
kind: {kind}
metadata: {{name: {consumer}-{suffix}}}
spec: {{subscription: {consumer}-checking, {spec}}}
""" for consumer in consumers for kind, suffix, spec in (
            ('AccessGrant', 'card', f"element: debit-card, grantee: 'organization:{consumer}', "
                                    "validFrom: 2025-03-03T09:00:00Z"),
            ('ActionInstance', 'replacement', 'element: card-replacement, requestedAt: 2025-03-03T10:00:00Z, '
                                              'completedAt: 2025-03-03T16:00:00Z, quality: 4'),
            ('GoodsDelivery', 'checkbook', 'element: checkbook, quantity: 1, at: 2025-03-03T11:00:00Z'))]
    return '---\n'.join(documents)


def test_a_file_of_provision_records_reads_their_subscriptions_grantees_and_elements_together(bank, tmp_path):
    from django.test.utils import CaptureQueriesContext

    from accord.core.choices import ChangeSource
    from accord.core.services import Actor
    from accord.interchange.apply import apply_catalogue

    consumers = _consumers(12)
    reads = []
    for part, share in (('a', consumers[:4]), ('b', consumers[4:])):
        path = tmp_path / f'{part}.yaml'
        path.write_text(_activity(share))
        with CaptureQueriesContext(connection) as queries:
            result = apply_catalogue([str(path)], actor=Actor(source=ChangeSource.IMPORT, username='tester'))
        assert result.ok, [str(problem) for problem in result.problems]
        reads.append(sum(query['sql'].startswith('SELECT') for query in queries.captured_queries))

    assert reads[0] == reads[1]  # 12 documents read as much as 24
    assert GoodsDelivery.objects.filter(name__startswith='consumer-').count() == 12
    assert ActionInstance.objects.get(name='consumer-011-replacement').quality == 4
