"""The inserts of an all-or-nothing ``batch()``, held back and written together.

``Model.save()`` inserts one row per statement, and compiling each one costs more than the database's work.
In an all-or-nothing batch an object created gets its primary key at once from ``Keys`` (what the database
would have given it next), so that whatever refers to it, its parts and its change-log row, can; its row is
held (``Inserts``) and written with ``bulk_create``, a model at a time, before any other statement reaches the
database: nothing can read the database without seeing it, and the foreign keys, deferred to the commit on
SQLite and PostgreSQL alike, do not mind the order of the models.
"""

import re
from typing import Any

from django.db import models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.base import ModelState

from accord.core.versions import note_write

WRITE_BATCH = 1000
_INSERT_INTO = re.compile(r'\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+"?([^"\s(]+)', re.IGNORECASE)


class Keys:
    """The next primary keys of each table, as the database would give them, handed out in order.

    SQLite: after the table's ``sqlite_sequence`` (an AUTOINCREMENT key, never reused: the largest ever
    inserted), all tables read in one query. PostgreSQL: blocks reserved from the column's sequence, larger as
    the table keeps asking. A row inserted without a key given makes its table read them again.
    """

    def __init__(self, connection: BaseDatabaseWrapper):
        self.connection = connection
        self.free: dict[str, list[int]] = {}
        self.asked: dict[str, int] = {}
        self.sequences: dict[str, int] | None = None
        # SQLite: by table, the last key of the keys handed out since the table was last read.
        self.last: dict[str, int] = {}

    def next(self, model: type[models.Model]) -> int:
        table = model._meta.db_table
        free = self.free.get(table)
        if not free:
            free = self.free[table] = self._reserve(model)
        return free.pop()

    def forget(self, table: str) -> None:
        """A row inserted into ``table`` with a key of the database's: read its keys again."""
        self.free.pop(table, None)
        self.last.pop(table, None)
        self.sequences = None

    def _reserve(self, model: type[models.Model]) -> list[int]:
        """Keys to hand out, the first last. Reading them writes the rows held first (``Inserts``)."""
        table = model._meta.db_table
        with self.connection.cursor() as cursor:
            if self.connection.vendor == 'postgresql':  # the table unquoted, as Django's own sequence resets
                size = self.asked[table] = min(2 * self.asked.get(table, 8), WRITE_BATCH)
                cursor.execute(f'SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, {size})',
                               [table, model._meta.pk.column])
                return sorted((row[0] for row in cursor.fetchall()), reverse=True)
            if self.sequences is None:
                cursor.execute('SELECT name, seq FROM sqlite_sequence')
                self.sequences = dict(cursor.fetchall())
        start = max(self.sequences.get(table, 0), self.last.get(table, 0)) + 1
        self.last[table] = start + WRITE_BATCH - 1
        return list(range(start + WRITE_BATCH - 1, start - 1, -1))


def can_hold(obj: models.Model, connection: BaseDatabaseWrapper) -> bool:
    """Whether ``obj``'s insert can be held: a model of one table, with a key the database numbers."""
    meta = obj._meta
    return (connection.vendor in ('sqlite', 'postgresql') and not meta.parents
            and isinstance(meta.pk, models.AutoField | models.BigAutoField) and obj.pk is None
            and router.db_for_write(type(obj), instance=obj) == connection.alias)


class Inserts:
    """The rows held back, a copy of each object as it was saved; the connection's execute wrapper."""

    def __init__(self, connection: BaseDatabaseWrapper):
        self.connection = connection
        self.keys = Keys(connection)
        # By model: by the saved object's id, the object (kept, so that its id is not reused) and its row.
        self.held: dict[type[models.Model], dict[int, tuple[models.Model, models.Model]]] = {}
        self.writing = False

    def save(self, obj: models.Model) -> bool:
        """``obj.save()`` held back, when it can be: a new object (given its key now), or one still held."""
        held = self.held.get(type(obj), {})
        if id(obj) not in held and (not obj._state.adding or not can_hold(obj, self.connection)):
            return False
        obj._prepare_related_fields_for_save(operation_name='save')
        if id(obj) in held:
            held[id(obj)] = (obj, _row(obj, add=False))
            return True
        obj.pk = self.keys.next(type(obj))
        row = _row(obj, add=True)
        obj._state.adding = False
        obj._state.db = self.connection.alias
        self.held.setdefault(type(obj), {})[id(obj)] = (obj, row)
        return True

    def write(self) -> None:
        """Insert every row held, a model at a time."""
        if not self.held or self.writing:
            return
        self.writing = True
        try:
            for model, held in self.held.items():
                insert_rows(self.connection, model, [row for _obj, row in held.values()])
            self.held.clear()
        finally:
            self.writing = False
        note_write(self.connection.alias)

    def drop(self) -> None:
        """Forget the rows held: the transaction is rolled back."""
        self.held.clear()

    def __call__(self, execute, sql: str, params: Any, many: bool, context: dict) -> Any:
        """Before any statement but their own, write the rows held; a row inserted otherwise renumbers its table."""
        if not self.writing:
            self.write()
            inserted = _INSERT_INTO.match(sql)
            if inserted:
                self.keys.forget(inserted.group(1))
        return execute(sql, params, many, context)


def insert_rows(connection: BaseDatabaseWrapper, model: type[models.Model], objects: list[models.Model]) -> None:
    """Insert the objects' rows (with their keys when the first has one), as ``bulk_create`` would, without its
    compiling of each value's placeholder (a quarter of a first apply's time): a thousand rows a statement, and
    on PostgreSQL by ``COPY`` (a statement of thousands of parameters costs psycopg more to read and quote than
    the server takes to insert the rows)."""
    if not objects:
        return
    given = objects[0].pk is not None
    fields = [field for field in model._meta.local_concrete_fields
              if not field.generated and (given or not field.primary_key)]
    quote = connection.ops.quote_name
    table = f'{quote(model._meta.db_table)} ({", ".join(quote(f.column) for f in fields)})'
    with connection.cursor() as cursor:
        if connection.vendor == 'postgresql':
            _copy(cursor, table, fields, objects, connection)
        else:
            _insert(cursor, table, fields, objects, connection)


def _copy(cursor: Any, table: str, fields: list[models.Field], objects: list[models.Model],
          connection: BaseDatabaseWrapper) -> None:
    with cursor.cursor.copy(f'COPY {table} FROM STDIN') as copy:
        for start in range(0, len(objects), WRITE_BATCH):
            chunk = objects[start:start + WRITE_BATCH]
            for values in zip(*[_column(field, chunk, connection) for field in fields], strict=True):
                copy.write_row(values)


def _insert(cursor: Any, table: str, fields: list[models.Field], objects: list[models.Model],
            connection: BaseDatabaseWrapper) -> None:
    size = min(WRITE_BATCH, (connection.features.max_query_params or WRITE_BATCH * len(fields)) // len(fields))
    row = f'({", ".join(["%s"] * len(fields))})'
    for start in range(0, len(objects), size):
        chunk = objects[start:start + size]
        columns = [_column(field, chunk, connection) for field in fields]
        params = [value for values in zip(*columns, strict=True) for value in values]
        cursor.execute(f'INSERT INTO {table} VALUES ' + ', '.join([row] * len(chunk)), params)


def _column(field: models.Field, objects: list[models.Model], connection: BaseDatabaseWrapper) -> list[Any]:
    """One column's values of the objects, as ``save()`` would write them: a column at a time, for speed."""
    if getattr(field, 'auto_now', False) or getattr(field, 'auto_now_add', False):
        # One instant for the rows of one statement, as ``bulk_create`` would give them nearly: prepared once.
        now = field.pre_save(objects[0], True)
        for obj in objects[1:]:
            setattr(obj, field.attname, now)
        return [field.get_db_prep_save(now, connection)] * len(objects)
    plain = _PLAIN.get(_column_type(field), ())
    values = (getattr(obj, field.attname) for obj in objects)  # what every other field's ``pre_save`` returns
    return [value if type(value) in plain else field.get_db_prep_save(value, connection) for value in values]


# The Python types a column of each of Django's own field classes stores as they are (its ``get_db_prep_save``
# returns them unchanged: ``str(s)``, ``int(i)``, ``bool(b)``), None included; any other value, or a field of
# another class (JSON, dates, decimals, a subclass of these), goes through ``get_db_prep_save``.
_TEXT, _INTEGER = (str, type(None)), (int, type(None))
_PLAIN: dict[type[models.Field], tuple[type, ...]] = {
    models.CharField: _TEXT, models.TextField: _TEXT, models.SlugField: _TEXT,
    models.IntegerField: _INTEGER, models.BigIntegerField: _INTEGER, models.SmallIntegerField: _INTEGER,
    models.PositiveIntegerField: _INTEGER, models.PositiveSmallIntegerField: _INTEGER,
    models.PositiveBigIntegerField: _INTEGER, models.AutoField: _INTEGER, models.BigAutoField: _INTEGER,
    models.BooleanField: (bool, type(None)),
}


def _column_type(field: models.Field) -> type[models.Field]:
    """The class of the field that says how the column's values are prepared: a foreign key's target's."""
    return type(field.target_field) if isinstance(field, models.ForeignKey) else type(field)


def _row(obj: models.Model, *, add: bool) -> models.Model:
    """A copy of ``obj``'s columns as saved now, its timestamps set as ``save()`` sets them: what is inserted."""
    for field in obj._meta.concrete_fields:
        if getattr(field, 'auto_now', False) or (add and getattr(field, 'auto_now_add', False)):
            field.pre_save(obj, add)
    row = type(obj).__new__(type(obj))
    row.__dict__ = obj.__dict__.copy()
    row._state = ModelState()
    return row
