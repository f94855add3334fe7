"""The rows of objects new in an all-or-nothing batch are inserted together, with the keys the database would give."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accord.core import deferred
from accord.core.models import ObjectChange
from accord.core.services import Actor, batch, save_object
from accord.parties.models import Organization, Person

pytestmark = pytest.mark.django_db


def _saved(obj):
    save_object(obj, actor=Actor())
    return obj


def test_keys_follow_on_across_blocks_and_rows_inserted_meanwhile_with_the_databases_keys(monkeypatch):
    monkeypatch.setattr(deferred, 'WRITE_BATCH', 2)
    with transaction.atomic(), batch(all_or_nothing=True):
        held = [_saved(Organization(name=f'org-{n}')) for n in range(3)]
        Person.objects.create(name='alice')  # another table, a key of the database's: the keys are read again
        _saved(Person(name='bob'))
        held += [_saved(Organization(name=f'org-{n}')) for n in range(3, 6)]
        direct = Organization.objects.create(name='direct')
        after = _saved(Organization(name='org-after'))

    first = held[0].pk
    assert [org.pk for org in held] == list(range(first, first + 6))
    assert direct.pk > held[-1].pk and after.pk == direct.pk + 1
    assert dict(Organization.objects.values_list('name', 'pk')) == {
        **{org.name: org.pk for org in held}, 'direct': direct.pk, 'org-after': after.pk}


def test_held_rows_are_written_before_any_other_statement_and_logged_under_their_keys():
    with transaction.atomic(), batch(all_or_nothing=True):
        with CaptureQueriesContext(connection) as queries:
            acme = _saved(Organization(name='acme'))
        assert not [q for q in queries.captured_queries if q['sql'].startswith('INSERT')]
        assert Organization.objects.get(name='acme').pk == acme.pk

    assert ObjectChange.objects.get().changed_object_id == acme.pk


def test_a_held_object_saved_again_is_inserted_as_last_saved_and_logged_with_what_it_was():
    with transaction.atomic(), batch(all_or_nothing=True):
        acme = _saved(Organization(name='acme', title='Acme'))
        acme.title = 'Acme Corp'
        _saved(acme)
        acme.title = 'not saved'

    assert Organization.objects.get(pk=acme.pk).title == 'Acme Corp'
    assert [(c.action, (c.before or {}).get('title'), c.after['title']) for c in ObjectChange.objects.order_by('pk')] \
        == [('create', None, 'Acme'), ('update', 'Acme', 'Acme Corp')]


def test_rows_held_when_the_batch_fails_are_not_written():
    with pytest.raises(RuntimeError), transaction.atomic(), batch(all_or_nothing=True):
        _saved(Organization(name='acme'))
        raise RuntimeError

    assert not Organization.objects.exists()
