"""Provision records in catalogue files: applied as written, re-applied unchanged, exported and applied into an
empty database byte for byte, with the ownership history derived from the deliveries.
"""

import pytest
from django.db import connection

from accord.practices.models import PracticeAssignment
from accord.provision.models import AccessGrant, ActionInstance, GoodsDelivery, Order, OwnershipTransfer
from accord.provision.ownership import owner_at
from accord.provision.tests.conftest import instant
from accord.provision.tests.records import RECORDS
from accord.relationships.models import Subscription
from accord.resources.models import Item
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(bank, tmp_path):
    path = tmp_path / 'march.yaml'
    path.write_text(RECORDS)
    result = run_cli('apply', path)
    assert result.status == 0, result.stderr
    return path


def test_applying_records_twice_changes_nothing_the_second_time(records):
    assert run_cli('apply', records).stdout.strip().splitlines()[-1] == '0 created, 0 updated, 9 unchanged'


def test_a_fulfilled_order_in_a_file_creates_nothing_by_itself(bank, tmp_path):
    order_only = RECORDS.split('---\n')[1]
    path = tmp_path / 'order.yaml'
    path.write_text(order_only)
    subscriptions = Subscription.objects.count()
    assert run_cli('apply', path).status == 0
    assert Order.objects.get().status == 'fulfilled'
    assert Subscription.objects.count() == subscriptions
    assert not GoodsDelivery.objects.exists() and not AccessGrant.objects.exists()
    assert not ActionInstance.objects.exists()


def test_a_delivery_in_a_file_records_the_ownership_transfer_to_the_consumer(records):
    (transfer,) = OwnershipTransfer.objects.select_related('item', 'from_owner', 'to_owner')
    assert (transfer.item.name, transfer.from_owner.name, transfer.to_owner.name, transfer.at, transfer.reason) == (
        'checkbook-0001', 'firsttown-bank', 'ben', instant('2025-03-04T10:00'), 'delivery')
    item = Item.objects.get(name='checkbook-0001')
    assert owner_at(item, instant('2025-03-04T09:59')).name == 'firsttown-bank'
    assert owner_at(item, instant('2025-03-04T10:00')).name == 'ben'


def test_an_action_from_a_file_is_due_five_business_days_after_its_request(records):
    assert ActionInstance.objects.get().due_at == instant('2025-03-19T08:30')


def test_export_apply_into_an_empty_database_export_is_byte_identical_with_the_records(records, tmp_path):
    first = run_cli('export')
    assert 'kind: GoodsDelivery' in first.stdout and 'owner: ben' in first.stdout
    exported = tmp_path / 'export.yaml'
    exported.write_text(first.stdout, encoding='utf-8')
    _empty_the_database()
    assert run_cli('apply', exported).status == 0
    assert run_cli('export').stdout == first.stdout
    assert OwnershipTransfer.objects.get().to_owner.name == 'ben'


def _empty_the_database() -> None:
    """Delete every row the files wrote (foreign keys are checked at commit, which a test never reaches)."""
    from accord.testing.fixtures import _all_models

    domain = {'parties', 'resources', 'catalog', 'relationships', 'provision'}
    tables = [m._meta.db_table for m in _all_models() if m._meta.app_label in domain]
    tables.append(PracticeAssignment._meta.db_table)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'DELETE FROM {connection.ops.quote_name(table)}')
