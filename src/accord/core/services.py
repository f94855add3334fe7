"""The audited write layer every domain service composes.

A write is full validation (``clean()`` plus constraints), the save, and one ObjectChange row
naming the actor and the source. Services are atomic and nest: the importer runs many of them
in one transaction.

The guards of an interactive write (an API request, a web form: lock, version, reach, referrers)
are in ``accord.core.guards``.

Owned parts are written by each domain's ``set_*`` verbs on ``accord.core.parts.sync_parts``. An object
with its columns, many-to-many fields and owned parts is written by ``write_object`` in one order,
whoever writes it (the API's serializers, the importer).
"""

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.base import ModelState

from accord.core.choices import ChangeAction, ChangeSource
from accord.core.constraints import NewOwners, validate_constraints
from accord.core.deferred import Inserts, insert_rows
from accord.core.known import forget_owners_parts, keep_related, list_new_part, nothing, owns_nothing_yet
from accord.core.models import AppliedFile, ObjectChange
from accord.core.versions import WriteMark, note_write, write_mark

SYSTEM_USER_NAME = 'system'
CHANGE_LOG_BATCH = 1000



@dataclass
class _Batch:
    changes: list[ObjectChange]
    new_owners: NewOwners | None
    # Rows of many-to-many relations of objects the batch created.
    related_rows: dict[type[models.Model], list[models.Model]]
    # Those of them to log as created once inserted, with their writer.
    logged_rows: list[tuple[models.Model, 'Actor']] = field(default_factory=list)
    # The inserts of objects the batch created, held back (all or nothing).
    inserts: Inserts | None = None


# The ``batch()`` being written, or None outside one.
_batch: ContextVar[_Batch | None] = ContextVar('accord_write_batch', default=None)


@contextmanager
def batch(*, all_or_nothing: bool = False) -> Iterator[None]:
    """Many writes under savepoints of the caller's (the importer takes one per document), written faster.

    Inside the block the verbs' own nested atomic blocks take no savepoint (a failure rolls back to
    the caller's), an object created owns nothing yet (its owned parts and many-to-many rows are not
    read back), and the change-log rows wait in memory to be inserted together when the block ends
    without an error (or a thousand at a time, so as not to hold them all). The rows of a write that
    failed stay among them: a caller that goes on after a failed write ends the block with an
    exception, rolling back its transaction, as the importer does.

    ``all_or_nothing``: the caller stops at the first failed write and rolls everything back. Then
    what the batch created is known for sure: what it owns is kept in memory (``accord.core.known``), a
    part's uniqueness under an owner created in the batch is checked there (``NewOwners``), and the rows
    of new objects are inserted together (``accord.core.deferred``), before any other statement.
    """
    state = _Batch([], NewOwners() if all_or_nothing else None, {})
    connection = connections[DEFAULT_DB_ALIAS]
    state.inserts = Inserts(connection) if all_or_nothing else None
    token = _batch.set(state)
    try:
        with connection.execute_wrapper(state.inserts) if state.inserts else nullcontext():
            yield
            write_held_back()
            _insert_changes(state)
    finally:
        if state.inserts:
            state.inserts.drop()
        _batch.reset(token)


def _insert_changes(state: _Batch) -> None:
    insert_rows(connections[DEFAULT_DB_ALIAS], ObjectChange, state.changes)
    state.changes.clear()


def set_related(obj: models.Model, attr: str, related: Iterable[models.Model]) -> None:
    """``getattr(obj, attr).set(related)``, unless its rows wait to be inserted together (``keep_related_rows``)."""
    if not keep_related_rows(obj, attr, related):
        getattr(obj, attr).set(related)


def keep_related_rows(obj: models.Model, attr: str, related: Iterable[models.Model], *,
                      actor: 'Actor | None' = None) -> bool:
    """In an all-or-nothing batch, for an object it created, keep the rows of its many-to-many ``attr`` back, to
    be inserted together (``write_held_back``) while the object holds its targets in memory; each row is logged
    as created under ``actor`` once inserted when one is given. False, keeping nothing, in any other case: the
    caller writes them.

    Django's ``add()`` asks the database, one query per object, which rows exist already: for a new
    object none can. Until they are inserted, the rows are not in the database: the caller inserts
    them before it queries that relation otherwise than through the object's manager.
    """
    state = _batch.get()
    manager = getattr(obj, attr)
    through = manager.through
    if (state is None or state.new_owners is None
            or getattr(obj, '_prefetched_objects_cache', {}).get(attr) is not nothing(manager.model)):
        return False
    targets = {target.pk: target for target in related}
    keep_related(obj, attr, list(targets.values()))
    rows = _through_rows(through, manager.source_field_name, manager.target_field_name, obj, targets.values(),
                         by_id=actor is None)
    if actor is not None:
        state.logged_rows.extend((row, actor) for row in rows)
    state.related_rows.setdefault(through, []).extend(rows)
    return True


def _through_rows(through: type[models.Model], source: str, target: str, obj: models.Model,
                  targets: Iterable[models.Model], *, by_id: bool) -> list[models.Model]:
    """The rows of a many-to-many relation, made ``by_id`` (cheaper: no related object set) when nothing reads
    their related objects; a row to log names them (its ``str()``)."""
    if by_id:
        return [through(**{f'{source}_id': obj.pk, f'{target}_id': other.pk}) for other in targets]
    return [through(**{source: obj, target: other}) for other in targets]


def write_held_back() -> None:
    """Insert the rows the batch holds back: new objects', then those ``keep_related_rows`` kept, a thousand at a
    time, and log those it was asked to."""
    state = _batch.get()
    if state is None:
        return
    if state.inserts:
        state.inserts.write()
    if not state.related_rows:
        return
    logged = {id(row) for row, _actor in state.logged_rows}
    for through, rows in state.related_rows.items():
        if any(id(row) in logged for row in rows):  # a change-log row names its row's key: given here
            for row in rows:
                row.pk = state.inserts.keys.next(through)
        insert_rows(connections[DEFAULT_DB_ALIAS], through, rows)
    state.related_rows.clear()
    for row, actor in state.logged_rows:
        record_change(row, ChangeAction.CREATE, actor=actor, before=None, after=snapshot(row))
    state.logged_rows.clear()
    note_write()


def vouch_free(model: type[models.Model], field: str, values: Iterable[Any]) -> None:
    """In an all-or-nothing batch: the caller has read that no stored ``model`` holds these values of its unique
    ``field``; until an object written in the batch takes one, a new object's uniqueness there needs no query."""
    state = _batch.get()
    if state is not None and state.new_owners is not None:
        state.new_owners.free(model, field, values)


def in_batch() -> bool:
    return _batch.get() is not None


def nested_atomic() -> transaction.Atomic:
    """``transaction.atomic()``, without a savepoint of its own inside a ``batch()``."""
    return transaction.atomic(savepoint=not in_batch())


def atomic(verb: Callable) -> Callable:
    """A service verb in one transaction (``transaction.atomic``), nesting without a savepoint inside a ``batch()``."""

    @functools.wraps(verb)
    def in_transaction(*args, **kwargs):
        with nested_atomic():
            return verb(*args, **kwargs)

    return in_transaction


@dataclass(frozen=True)
class Actor:
    """Who writes, and by which path: every service takes one, keyword-only."""

    user: Any = None
    source: str = ChangeSource.CLI
    username: str = ''

    @property
    def name(self) -> str:
        """The user's name, else the name given (the operating-system login for the CLI), else 'system'."""
        return getattr(self.user, 'username', None) or self.username or SYSTEM_USER_NAME


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


SECRET_FIELDS = frozenset({'password', 'key_hash'})
REDACTED = '(redacted)'


def columns(obj: models.Model) -> dict:
    """The object's own column values as they are in memory, its timestamps left out: what a write changes."""
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.attname not in ('created', 'last_updated')
    }


def logged(values: dict) -> dict:
    """Column values (``columns()``) JSON-safe, for the change log; secrets never enter it."""
    return {attname: REDACTED if attname in SECRET_FIELDS else _json_value(value) for attname, value in values.items()}


def snapshot(obj: models.Model) -> dict:
    """The object's own column values, JSON-safe, for the change log; secrets never enter it."""
    return logged(columns(obj))


def record_change(obj: models.Model, action: str, *, actor: Actor, before: dict | None, after: dict | None) -> None:
    """Write one ObjectChange row for ``obj`` (inside a ``batch()``, when the batch ends)."""
    values = {
        'user_id': getattr(actor.user, 'pk', None),
        'user_name': actor.name,
        'source': actor.source,
        'action': action,
        'changed_object_type_id': ContentType.objects.get_for_model(obj).pk,
        'changed_object_id': obj.pk,
        'object_repr': str(obj)[:200],
        'before': before,
        'after': after,
    }
    state = _batch.get()
    if state is None:
        ObjectChange(**values).save(force_insert=True)
    else:
        state.changes.append(_held_change(values))
        if len(state.changes) >= CHANGE_LOG_BATCH:
            _insert_changes(state)


def _held_change(values: dict[str, Any]) -> ObjectChange:
    """A change-log row a batch only inserts (``insert_rows`` reads its columns), made without ``Model.__init__``:
    by its keys' ids and without it, it costs far less (a first apply makes tens of thousands)."""
    row = ObjectChange.__new__(ObjectChange)
    row.__dict__.update(values, id=None, time=None)  # the time is set as it is inserted
    row._state = ModelState()
    return row


def loaded_foreign_keys(obj: models.Model) -> list[str]:
    """Foreign keys set to an object already loaded from the database.

    ``full_clean`` would query each one again to check that it exists; the database's own
    constraint still guards against a row deleted in between.
    """
    cache = obj._state.fields_cache
    return [name for name in _foreign_keys(type(obj)) if getattr(cache.get(name), 'pk', None) is not None]


@functools.cache
def _foreign_keys(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(field.name for field in model._meta.concrete_fields if field.is_relation)


def validate(obj: models.Model, checked: tuple[str, ...] = ()) -> None:
    """``full_clean``, without re-reading the foreign keys the caller has loaded.

    Excluding those keys from ``full_clean`` would also skip the constraints that name them, so
    the steps are run here: fields, ``clean()``, uniqueness, constraints.
    """
    errors: dict = {}
    skipped = set(checked)
    state = _batch.get()
    vouched = state.new_owners.unique_values_free(obj) if state and state.new_owners else set()
    steps = (
        lambda: obj.clean_fields(exclude=skipped | set(loaded_foreign_keys(obj))),
        obj.clean,
        lambda: obj.validate_unique(exclude=skipped | vouched | set(errors)),
        lambda: validate_constraints(obj, skipped | set(errors), new_owners=state.new_owners if state else None),
    )
    for step in steps:
        try:
            step()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


@atomic
def save_object(
    obj: models.Model,
    *,
    actor: Actor,
    before: dict | None = None,
    after: dict | None = None,
    checked: tuple[str, ...] = (),
) -> None:
    """Validate and save ``obj``, logging a create or an update.

    ``before``/``after`` default to column snapshots; callers with a richer view of the object
    (the importer's canonical document) pass their own, and name the fields they have ``checked``
    already (the importer checks names against every file and the database at once).
    """
    creating = obj._state.adding
    if before is None and not creating:
        before = snapshot(type(obj).objects.get(pk=obj.pk))
    validate(obj, checked)
    state = _batch.get()
    if not (state and state.inserts and state.inserts.save(obj)):
        obj.save()
    if state is not None:
        if creating and state.new_owners is not None:
            list_new_part(obj, state.new_owners.created)
        else:
            forget_owners_parts(obj)
        if creating:
            owns_nothing_yet(obj)
        if state.new_owners is not None:
            state.new_owners.saved(obj, created=creating)
    record_change(
        obj,
        ChangeAction.CREATE if creating else ChangeAction.UPDATE,
        actor=actor,
        before=None if creating else before,
        after=after if after is not None else snapshot(obj),
    )


def write_object(
    obj: models.Model,
    *,
    actor: Actor,
    set_columns: Callable[[], None],
    write_related: Callable[[], None],
    before: dict | None = None,
    after: dict | None = None,
    checked: tuple[str, ...] = (),
) -> models.Model:
    """Write an object with what it owns, in the one order every writer needs, in one transaction.

    ``set_columns`` sets its columns (a part may keep some on the object: a price plan's currency), the
    object is saved (``save_object``), ``write_related`` writes what needs it saved (many-to-many, owned
    parts through their verbs), and ``clean_relations()`` checks the rules that span them. The API's
    serializers and the importer both write through here; each translates the errors into its shape.
    """
    with nested_atomic():
        written = _when_written(obj, actor)
        set_columns()
        save_object(obj, actor=actor, before=before, after=after, checked=checked)
        write_related()
        clean_relations = getattr(obj, 'clean_relations', None)
        if clean_relations is not None:
            clean_relations()
        written()
    return obj


@atomic
def save_written(obj: models.Model, *, actor: Actor) -> None:
    """``save_object``, then the domain's ``when_written`` verb: for a path that saves a lone object (the admin)."""
    written = _when_written(obj, actor)
    save_object(obj, actor=actor)
    written()


def _when_written(obj: models.Model, actor: Actor) -> Callable[[], None]:
    """What to call once ``obj`` is written: its model's ``when_written`` verb, given the object as stored now."""
    verb = _WRITTEN.get(type(obj))
    if verb is None:
        return lambda: None
    stored = None if obj._state.adding else type(obj)._base_manager.get(pk=obj.pk)
    return lambda: verb(obj, stored, actor=actor)


_WRITTEN: dict[type[models.Model], Callable[..., None]] = {}


def when_written(model: type[models.Model], verb: Callable[..., None]) -> None:
    """Have ``write_object`` (and ``save_written``) call ``verb(obj, stored, actor=...)`` after writing a ``model``,
    in its transaction.

    ``stored`` is the object as it was before the write (None for a create). A domain registers what a change
    means beyond its columns (a subscription ended by an edit ends its grants), so that the API, the web forms
    and ``accord apply`` all do it, as the domain's own verb does.
    """
    _WRITTEN[model] = verb


@atomic
def delete_object(obj: models.Model, *, actor: Actor, before: dict | None = None) -> None:
    """Delete ``obj``, logging what it was."""
    before = before if before is not None else snapshot(obj)
    pk = obj.pk
    obj.delete()
    obj.pk = pk
    if in_batch():
        forget_owners_parts(obj)
    record_change(obj, ChangeAction.DELETE, actor=actor, before=before, after=None)


@atomic
def record_applied_files(files: list[AppliedFile], *, start: WriteMark) -> WriteMark:
    """Replace the record of the command line's last apply by ``files``, in that apply's transaction.

    The marks recorded are those after the apply's writes and this record's: its commit moves the
    data version (``note_write``), and the version recorded is the one after that commit. Should
    another writer have committed since ``start`` (read before the files were), its write may have
    touched what skipped files hold: the version is recorded as -1, which nothing matches, so the
    next apply compares every file. No change-log row: a row would move the mark it records.
    """
    note_write()
    mark = write_mark()
    version = mark.data_version if mark.committed == start.committed else -1
    for applied in files:
        applied.last_change, applied.data_version = mark.last_change, version
    AppliedFile.objects.all().delete()
    AppliedFile.objects.bulk_create(files)
    return mark
