"""The ``bank`` fixture's snapshot: restored after a user was made, it is the bank a fresh apply writes."""

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import transaction

from accord.practices.models import Practice
from accord.testing import fixtures
from accord.testing.tests.summary import summary


class _Undo(Exception):
    pass


@contextmanager
def undone():
    """Run the block in a savepoint rolled back at its end: the next block starts from the same rows."""
    try:
        with transaction.atomic():
            yield
            raise _Undo
    except _Undo:
        pass


def kept(snapshot: fixtures._Snapshot) -> dict:
    """The snapshot's rows by model and id, as the apply wrote them."""
    return {model: {row[model._meta.pk.attname]: row for row in rows} for model, rows in snapshot.added.items()}


def test_a_bank_restored_after_an_admin_was_made_equals_a_fresh_apply_with_ids_and_times_kept(admin_user):
    with undone():
        fixtures.load_bank()  # a snapshot exists: taken here, or by an earlier test
    snapshot = fixtures._snapshot
    # The admin (a random salt, a join date) is in no table the apply reads or writes: the snapshot holds.
    assert snapshot.holds()
    with undone():
        assert fixtures.load_bank() is snapshot.result
        restored = summary()
        assert fixtures._rows(snapshot.added) == kept(snapshot)
    with undone():
        fixtures._apply()
        applied = summary()
    assert restored == applied
    assert restored['counts'][get_user_model()._meta.label] == 1 and restored['counts']['core.ObjectChange'] > 100


def test_a_changed_dependency_of_the_apply_makes_the_bank_apply_afresh(admin_user):
    with undone():
        fixtures.load_bank()
    snapshot = fixtures._snapshot
    with undone():
        Practice.objects.filter(name='incident-management').update(title='Incidents')
        assert not snapshot.holds()
        fixtures.load_bank()
        assert fixtures._snapshot is not snapshot
        assert Practice.objects.get(name='incident-management').title == 'Incidents'
