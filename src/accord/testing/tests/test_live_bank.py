"""The browser journeys' bank, restored after a flush, is the bank a fresh apply writes."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from accord.core.models import DataVersion, ObjectChange
from accord.testing.fixtures import _rows
from accord.testing.live_bank import apply_afresh, restore
from accord.testing.tests.summary import summary

pytestmark = pytest.mark.django_db(transaction=True)


def flush() -> None:
    """What pytest-django does after a transactional test: empty every table, then post_migrate."""
    call_command('flush', interactive=False, verbosity=0, reset_sequences=False)


def test_a_restored_bank_equals_a_freshly_applied_one_with_the_rows_the_apply_wrote():
    flush()
    fresh = apply_afresh()
    applied = summary()
    assert applied['counts']['core.ObjectChange'] > 100

    flush()  # post_migrate recreates the content types and permissions with other ids
    assert set(ContentType.objects.values_list('pk', flat=True)).isdisjoint(fresh.rows[ContentType])
    restore(fresh)

    assert summary() == applied
    restored = _rows()
    assert {m: rows for m, rows in restored.items() if m is not DataVersion} == {
        m: rows for m, rows in fresh.rows.items() if m is not DataVersion}
    assert DataVersion.objects.get(pk=1).value > fresh.rows[DataVersion][1]['value']
    ContentType.objects.get_for_model(ObjectChange)  # the cache holds the restored ids
    assert ContentType.objects.get_for_model(ObjectChange).pk in fresh.rows[ContentType]
