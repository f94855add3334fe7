"""The audited write layer every domain service composes.

A write is full validation (``clean()`` plus constraints), the save, and one ObjectChange row
naming the actor and the source. Services are atomic and nest: the importer runs many of them
in one transaction.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from accord.core.choices import ChangeAction, ChangeSource
from accord.core.models import ObjectChange

SYSTEM_USER_NAME = 'system'


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


def snapshot(obj: models.Model) -> dict:
    """The object's own column values, JSON-safe, for the change log; secrets never enter it."""
    return {
        field.attname: REDACTED if field.attname in SECRET_FIELDS else _json_value(getattr(obj, field.attname))
        for field in obj._meta.concrete_fields
        if field.attname not in ('created', 'last_updated')
    }


def record_change(obj: models.Model, action: str, *, actor: Actor, before: dict | None, after: dict | None) -> None:
    """Write one ObjectChange row for ``obj``."""
    ObjectChange.objects.create(
        user=actor.user if getattr(actor.user, 'pk', None) else None,
        user_name=actor.name,
        source=actor.source,
        action=action,
        changed_object_type=ContentType.objects.get_for_model(obj),
        changed_object_id=obj.pk,
        object_repr=str(obj)[:200],
        before=before,
        after=after,
    )


def loaded_foreign_keys(obj: models.Model) -> list[str]:
    """Foreign keys set to an object already loaded from the database.

    ``full_clean`` would query each one again to check that it exists; the database's own
    constraint still guards against a row deleted in between.
    """
    return [
        field.name for field in obj._meta.concrete_fields
        if field.is_relation and getattr(obj._state.fields_cache.get(field.name), 'pk', None) is not None
    ]


def validate(obj: models.Model, checked: tuple[str, ...] = ()) -> None:
    """``full_clean``, without re-reading the foreign keys the caller has loaded.

    Excluding those keys from ``full_clean`` would also skip the constraints that name them, so
    the steps are run here: fields, ``clean()``, uniqueness, constraints.
    """
    errors: dict = {}
    skipped = set(checked)
    steps = (
        lambda: obj.clean_fields(exclude=skipped | set(loaded_foreign_keys(obj))),
        obj.clean,
        lambda: obj.validate_unique(exclude=skipped | set(errors)),
        lambda: obj.validate_constraints(exclude=skipped | set(errors)),
    )
    for step in steps:
        try:
            step()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
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
    obj.save()
    record_change(
        obj,
        ChangeAction.CREATE if creating else ChangeAction.UPDATE,
        actor=actor,
        before=None if creating else before,
        after=after if after is not None else snapshot(obj),
    )


@transaction.atomic
def delete_object(obj: models.Model, *, actor: Actor, before: dict | None = None) -> None:
    """Delete ``obj``, logging what it was."""
    before = before if before is not None else snapshot(obj)
    pk = obj.pk
    obj.delete()
    obj.pk = pk
    record_change(obj, ChangeAction.DELETE, actor=actor, before=before, after=None)
