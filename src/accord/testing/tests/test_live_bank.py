"""The browser journeys' bank, restored after a flush, is the bank a fresh apply writes."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from accord.core.models import DataVersion, ObjectChange
from accord.testing.fixtures import _all_models, _rows
from accord.testing.live_bank import apply_afresh, restore

pytestmark = pytest.mark.django_db(transaction=True)


def flush() -> None:
    """What pytest-django does after a transactional test: empty every table, then post_migrate."""
    call_command('flush', interactive=False, verbosity=0, reset_sequences=False)


def summary() -> dict:
    """Row counts per table and the natural keys of what the bank names, whatever the ids."""
    names = {m._meta.label: sorted(m._base_manager.values_list('name', flat=True))
             for m in _all_models() if any(f.name == 'name' for f in m._meta.concrete_fields)}
    return {
        'counts': {m._meta.label: m._base_manager.count() for m in _all_models()},
        'names': names,
        'permissions': sorted(Permission.objects.values_list('content_type__app_label', 'content_type__model',
                                                             'codename')),
        'changes': sorted(ObjectChange.objects.values_list(
            'changed_object_type__app_label', 'changed_object_type__model', 'object_repr', 'action', 'source',
            'user_name')),
    }


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
