"""Shared fixtures: the FirstTown Bank catalogue, loaded through the importer like a user would.

About 250 tests start from the bank. Applying it (parse, validate, write through the model
layer) takes a second or more per test, minutes per run, so the first test of a run applies it
and keeps the rows it wrote; later tests insert those rows again as they were (ids and
timestamps included) and move the sequences past them. That is valid while the rows the apply
depends on are the ones it found the first time: those of every table its statements named (the
content types, the seeded practices, the tables it writes, empty) and of every table its rows
refer to. Rows elsewhere do not matter: a user or a token made before the bank (``admin_client``)
sits in a table the bank does not write, so the restored rows cannot take its id. When a
dependency differs (a transactional test's flush recreates the content types with new ids, a
test made an item first), the bank is applied afresh (transactional tests restore a snapshot of
their own: ``live_bank.py``).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import as_file, files
from typing import Any

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models.sql import InsertQuery

from accord.core.choices import ChangeSource
from accord.core.services import Actor

DEMO_FILE = 'firsttown-bank.yaml'
QUOTED_NAME = re.compile(r'"([^"]+)"')  # how both backends quote a table's name in a statement

Rows = dict[type[models.Model], dict[Any, dict]]


def demo_path():
    return as_file(files('accord.interchange') / 'data' / DEMO_FILE)


def _all_models() -> list[type[models.Model]]:
    """Every concrete model with a table, many-to-many tables included."""
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]


def _rows(of: Iterable[type[models.Model]] | None = None) -> Rows:
    """Every row of the tables of ``of`` (of every model by default), by model and primary key, as column values."""
    return {m: {row[m._meta.pk.attname]: row for row in m._base_manager.order_by().values(
        *[f.attname for f in m._meta.concrete_fields])} for m in (_all_models() if of is None else of)}


@dataclass
class _Snapshot:
    dependencies: Rows  # the rows the apply depends on, as it found them
    added: dict[type[models.Model], list[dict]]
    result: Any

    def holds(self) -> bool:
        """True when the rows the apply depends on are as it found them: its rows may be inserted again."""
        return _rows(self.dependencies) == self.dependencies


_snapshot: _Snapshot | None = None


def _apply() -> Any:
    from accord.interchange.apply import apply_catalogue

    with demo_path() as path:
        result = apply_catalogue([str(path)], actor=Actor(source=ChangeSource.IMPORT, username='test'))
    assert result.ok, [str(p) for p in result.problems]
    return result


def _apply_naming_tables() -> tuple[Any, set[type[models.Model]]]:
    """Apply the bank; also the models whose tables its statements named: what it read and wrote."""
    tables = {m._meta.db_table: m for m in _all_models()}
    named: set[type[models.Model]] = set()

    def record(execute, sql, params, many, context):
        named.update(tables[name] for name in QUOTED_NAME.findall(sql) if name in tables)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        return _apply(), named


def _referred(added: dict[type[models.Model], list[dict]]) -> set[type[models.Model]]:
    """The models the added rows' foreign keys point to (read from a cache, they need not be in a statement)."""
    return {f.related_model for model, rows in added.items() for f in model._meta.concrete_fields
            if f.is_relation and any(row[f.attname] is not None for row in rows)}


def _take_snapshot() -> Any:
    """Apply the bank and keep the rows it added; it must change no row it found."""
    global _snapshot
    before = _rows()
    result, named = _apply_naming_tables()
    after = _rows()
    changed = [m for m, rows in before.items() if any(after[m].get(pk) != row for pk, row in rows.items())]
    assert not changed, f'applying the bank changed existing rows of {changed}'
    added = {m: [row for pk, row in rows.items() if pk not in before[m]] for m, rows in after.items()}
    added = {m: rows for m, rows in added.items() if rows}
    dependencies = {m: before[m] for m in named | _referred(added) | set(added)}
    _snapshot = _Snapshot(dependencies=dependencies, added=added, result=result)
    return result


def insert_rows(rows: dict[type[models.Model], list[dict]]) -> None:
    """Insert rows as given, ids included, then move each sequence past the largest id (PostgreSQL).

    Like ``loaddata``: ``raw`` keeps ``auto_now`` fields' values (``bulk_create`` would set them to now).
    The data changed behind the ORM's signals: no cached representation may survive.
    """
    from accord.core.versions import note_write

    for model, model_rows in rows.items():
        _insert_raw(model, model_rows)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(rows)):
            cursor.execute(sql)
    note_write()


def _insert_raw(model: type[models.Model], rows: list[dict]) -> None:
    if not rows:
        return
    fields = model._meta.concrete_fields
    objs = [model(**row) for row in rows]
    batch = connection.ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), batch):
        query = InsertQuery(model)
        query.insert_values(fields, objs[start:start + batch], raw=True)
        query.get_compiler(connection=connection).execute_sql()


def load_bank() -> Any:
    """The bank in the test's database: its rows inserted again when the snapshot holds, else applied."""
    if _snapshot is not None and _snapshot.holds():
        insert_rows(_snapshot.added)
        return _snapshot.result
    return _take_snapshot()


@pytest.fixture
def bank(db):
    """FirstTown Bank (domain.md section 7) in the test database, as ``accord apply`` writes it."""
    return load_bank()
