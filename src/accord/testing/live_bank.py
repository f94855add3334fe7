"""The bank for transactional tests (browser journeys): applied once, then restored from a snapshot.

A transactional test ends with a flush: every table is emptied and ``post_migrate`` recreates the
content types and permissions, with new ids. Applying the bank afresh after each flush costs 10-25 s
per journey, so the first journey applies it and keeps every row of the database; a later journey,
finding the database as a flush leaves it, empties it again and inserts the kept rows with their
ids (content types and permissions included, so every foreign key to them holds), their timestamps
and the change log as the apply wrote them; then each sequence is moved past the largest id.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

from accord.testing.fixtures import _all_models, _apply, _rows, insert_rows

# What a flush leaves: the rows ``post_migrate`` recreates.
RECREATED_BY_FLUSH = (Permission, ContentType)


@dataclass
class LiveSnapshot:
    rows: dict[type[models.Model], dict[Any, dict]]
    result: Any

    @property
    def content_types(self) -> set[tuple[str, str]]:
        return {(row['app_label'], row['model']) for row in self.rows[ContentType].values()}


_snapshot: LiveSnapshot | None = None


def live_bank() -> Any:
    """The bank in a transactional test's database: restored when the database is as a flush leaves it."""
    global _snapshot
    if _snapshot is not None and _as_flushed(_snapshot):
        restore(_snapshot)
        return _snapshot.result
    _snapshot = apply_afresh()
    return _snapshot.result


def apply_afresh() -> LiveSnapshot:
    """Apply the bank through the importer and keep every row of the database."""
    from accord.practices.models import Practice
    from accord.practices.reference import PRACTICES

    # A flush removed the practices the migrations seed; the bank assigns them.
    Practice.objects.bulk_create([Practice(name=name, title=title, category=category, aliases=aliases)
                                  for name, title, category, aliases in PRACTICES], ignore_conflicts=True)
    result = _apply()
    return LiveSnapshot(rows=_rows(), result=result)


def _as_flushed(snapshot: LiveSnapshot) -> bool:
    """True when only the content types and permissions a flush recreates are in the database."""
    others = (m for m in _all_models() if m not in RECREATED_BY_FLUSH)
    if any(m._base_manager.exists() for m in others):
        return False
    found = set(ContentType.objects.values_list('app_label', 'model'))
    return found == snapshot.content_types


def restore(snapshot: LiveSnapshot) -> None:
    """Empty the database and insert the snapshot's rows as they were (one transaction: keys checked at commit)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            for model in RECREATED_BY_FLUSH:
                cursor.execute(f'DELETE FROM {connection.ops.quote_name(model._meta.db_table)}')
        insert_rows({model: list(rows.values()) for model, rows in snapshot.rows.items()})
    ContentType.objects.clear_cache()  # it holds the ids post_migrate gave
