"""Shared fixtures: the FirstTown Bank catalogue, loaded through the importer like a user would.

About 250 tests start from the bank. Applying it (parse, validate, write through the model
layer) takes a second or more per test, minutes per run, so the first test of a run applies it
and keeps the rows it wrote; later tests insert those rows again with ``bulk_create`` (ids
included) and move the sequences past them. That is only valid while the rows the apply found
(content types, the seeded practices, permissions) are the ones it found the first time: a
transactional test's flush recreates them with new ids, and then the bank is applied afresh
(transactional tests themselves restore a snapshot of their own: ``live_bank.py``).
"""

from dataclasses import dataclass
from importlib.resources import as_file, files
from typing import Any

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models

from accord.core.choices import ChangeSource
from accord.core.services import Actor

DEMO_FILE = 'firsttown-bank.yaml'


def demo_path():
    return as_file(files('accord.interchange') / 'data' / DEMO_FILE)


def _all_models() -> list[type[models.Model]]:
    """Every concrete model with a table, many-to-many tables included."""
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]


def _rows() -> dict[type[models.Model], dict[Any, dict]]:
    """Every row of every table, by model and primary key, as column values."""
    return {m: {row[m._meta.pk.attname]: row for row in m._base_manager.order_by().values(
        *[f.attname for f in m._meta.concrete_fields])} for m in _all_models()}


@dataclass
class _Snapshot:
    baseline: dict[type[models.Model], dict[Any, dict]]
    added: dict[type[models.Model], list[dict]]
    result: Any


_snapshot: _Snapshot | None = None


def _apply() -> Any:
    from accord.interchange.apply import apply_catalogue

    with demo_path() as path:
        result = apply_catalogue([str(path)], actor=Actor(source=ChangeSource.IMPORT, username='test'))
    assert result.ok, [str(p) for p in result.problems]
    return result


def _take_snapshot() -> Any:
    """Apply the bank and keep the rows it added; it must change no row it found."""
    global _snapshot
    before = _rows()
    result = _apply()
    after = _rows()
    changed = [m for m, rows in before.items() if any(after[m].get(pk) != row for pk, row in rows.items())]
    assert not changed, f'applying the bank changed existing rows of {changed}'
    added = {m: [row for pk, row in rows.items() if pk not in before[m]] for m, rows in after.items()}
    _snapshot = _Snapshot(baseline=before, added={m: rows for m, rows in added.items() if rows}, result=result)
    return result


def _restore(snapshot: _Snapshot) -> None:
    """Insert the bank's rows again, then move each sequence past the largest id (PostgreSQL)."""
    for model, rows in snapshot.added.items():
        model._base_manager.bulk_create([model(**row) for row in rows])
    statements = connection.ops.sequence_reset_sql(no_style(), list(snapshot.added))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@pytest.fixture
def bank(db):
    """FirstTown Bank (domain.md section 7) in the test database, as ``accord apply`` writes it."""
    if _snapshot is None or _rows() != _snapshot.baseline:
        return _take_snapshot()
    _restore(_snapshot)
    return _snapshot.result
