"""When the data version moves, and how a process reads it.

Every write through the ORM (a save, a delete, a many-to-many change) of data that a cache may
hold counts: ``post_save``, ``post_delete`` and ``m2m_changed`` say so. A write

- moves this process's own counter at once, so the process (and a test, whose transaction
  never commits) never serves what it has just changed, and
- moves the database's ``DataVersion`` once its transaction has committed (``on_commit``, once
  per transaction), so every other process sees it on its next read of the version.

A reader reads the version *before* the data it caches under it; a copy is therefore never older
than its version, and a write committed in between is seen by the next reader, whose version has
moved. Writes that bypass the ORM's signals (``QuerySet.update()``, ``bulk_create``, raw SQL) do
not count: nothing cached may depend on data written that way (API tokens' ``last_used`` is).
"""

import functools
import itertools
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F, Max, Model
from django.db.models.functions import Now
from django.db.models.signals import m2m_changed, post_delete, post_save

from accord.core.models import APIToken, AppliedFile, DataVersion, ObjectChange

Version = tuple[int, Any, int]

# Data no cache holds: the change log (written beside the write it logs), tokens, sessions,
# login attempts, the admin's own log, content types, migrations' bookkeeping, the version itself,
# the record of applied files (``record_applied_files`` moves the version itself).
# Permissions and groups count: what a user may view decides what their representations name.
IGNORED_MODELS = frozenset({ObjectChange, APIToken, DataVersion, AppliedFile})
IGNORED_APPS = frozenset({'sessions', 'axes', 'admin', 'contenttypes', 'migrations'})

_local_writes = itertools.count(1)
_local_version = 0
PENDING = '_accord_data_version_pending'


def data_version(using: str = DEFAULT_DB_ALIAS) -> Version:
    """The database's (value, changed) and this process's count of writes: equal versions, equal data."""
    # Read on every list request: plain SQL, without the ORM's compiling (a third of a cached list).
    with connections[using].cursor() as cursor:
        cursor.execute(f'SELECT value, changed FROM {DataVersion._meta.db_table} WHERE id = 1')
        row = cursor.fetchone()
    value, changed = row or (0, None)
    return value, changed, _local_version


def note_write(using: str = DEFAULT_DB_ALIAS) -> None:
    """A write on ``using``: move this process's counter now, the database's when the transaction commits."""
    global _local_version
    _local_version = next(_local_writes)
    connection = connections[using]
    if not connection.in_atomic_block:  # autocommit: committed already; on_commit runs it now, robustly
        transaction.on_commit(functools.partial(_bump, using), using=using, robust=True)
        return
    # One bump per transaction: Django starts a new list of commit hooks for each transaction
    # (and after a savepoint's rollback), so the list registered with tells whether it is this one.
    if getattr(connection, PENDING, None) is not connection.run_on_commit:
        transaction.on_commit(functools.partial(_bump, using), using=using, robust=True)
        setattr(connection, PENDING, connection.run_on_commit)


def _bump_pending(using: str) -> bool:
    """Whether the open transaction will move the database's version when it commits."""
    connection = connections[using]
    return connection.in_atomic_block and any(
        isinstance(hook, functools.partial) and hook.func is _bump for _, hook, _ in connection.run_on_commit)


@dataclass(frozen=True)
class WriteMark:
    """Where the database's writes stand, as seen inside the open transaction.

    ``last_change`` sees a logged write at once, even one of this transaction (a test's, which never
    commits); ``data_version`` is the version the database will hold once this transaction commits,
    so it names the same point before and after that commit; ``committed`` is the version stored
    now. ``local`` is this process's count of writes (an unlogged write of its own, not committed).
    """

    last_change: int
    data_version: int
    committed: int
    local: int


def write_mark(using: str = DEFAULT_DB_ALIAS) -> WriteMark:
    """The marks of the database's writes now: equal marks, nothing written in between."""
    committed, _, local = data_version(using)
    last_change = ObjectChange.objects.using(using).aggregate(last=Max('id'))['last'] or 0
    return WriteMark(last_change, committed + _bump_pending(using), committed, local)


def _bump(using: str) -> None:
    if not DataVersion.objects.using(using).filter(pk=1).update(value=F('value') + 1, changed=Now()):
        DataVersion.objects.using(using).get_or_create(pk=1, defaults={'value': 1, 'changed': Now()})


def _counts(sender: type[Model]) -> bool:
    # A migration's historical models come from their own registry: no process serves while it runs.
    return (sender not in IGNORED_MODELS and sender._meta.app_label not in IGNORED_APPS
            and sender._meta.apps is apps)


def _saved(sender: type[Model], update_fields: Any = None, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    # A login writes only the user's last_login: no cached data shows it.
    if _counts(sender) and not (update_fields and set(update_fields) == {'last_login'}):
        note_write(using)


def _deleted(sender: type[Model], using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    if _counts(sender):
        note_write(using)


def _related_changed(sender: type[Model], instance: Model, action: str, using: str = DEFAULT_DB_ALIAS,
                     **kwargs: Any) -> None:
    if action.startswith('post_') and _counts(type(instance)):
        note_write(using)


def connect() -> None:
    """Listen to every write (``CoreConfig.ready``)."""
    post_save.connect(_saved, dispatch_uid='accord-data-version-save')
    post_delete.connect(_deleted, dispatch_uid='accord-data-version-delete')
    m2m_changed.connect(_related_changed, dispatch_uid='accord-data-version-m2m')
