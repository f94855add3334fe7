"""The guards of an interactive write (a form, an API request): the row lock, the optimistic check
against the version the writer read, the check that the object stays within what the writer may
change, and the referrers a refused delete names, as far as the writer may see them.

Every caller gets them from here, around the verbs of the apps' ``services.py``; the importer
writes without them, in one batch.

- ``guarded_write(write, user=..., obj=..., expected_version=...)`` runs ``write()`` (a domain
  service call) in one transaction. For an existing ``obj`` it first locks its row and reads its
  latest state (``lock_and_refresh``), then refuses with ``StaleVersion`` when the state the writer
  read (``expected_version``, a value ``object_version()`` gave them) is no longer the current one.
  After the write it refuses with ``OutOfReach`` when the object would land outside what ``user``
  may change (or add); a refusal rolls everything back.
- ``guarded_delete(obj, actor=..., expected_version=...)``: the same lock and version check, then
  the audited delete; refused with ``StillReferenced`` (its ``referrers``) when others refer to it.
  ``referrers_seen_by(referrers, user)`` names the referrers the user may see, the others by kind only.

The API answers ``StaleVersion`` with 412 (the version is its ETag, ``If-Match`` the expected one),
``OutOfReach`` with 403, ``StillReferenced`` with 409 ``referencedBy``; a web form shows them as its
errors::

    def write() -> ServiceOffering:
        set_price_plan(offering, form.plan(), actor=Actor(user=request.user, source=ChangeSource.UI))
        return offering

    try:
        guarded_write(write, user=request.user, obj=offering, expected_version=form.cleaned_data['version'])
    except StaleVersion: ...   # "changed since you opened it": show the current state
    except OutOfReach as refused: form.add_error(None, str(refused))
    except ValidationError as error: form.add_error(None, error)  # the model's rules
    except PartRefused as refused: ...  # an owned part, located by refused.where (accord.core.parts)
"""

import hashlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError

from accord.core.services import Actor, delete_object

Written = TypeVar('Written', bound=models.Model)


class WriteRefused(Exception):
    """A write the guards refused; nothing of it was saved."""


class StaleVersion(WriteRefused):
    """The object changed since the writer read it: the version they expected is no longer current."""

    def __init__(self) -> None:
        super().__init__('The object changed since it was read.')


class OutOfReach(WriteRefused):
    """After the write the object would be outside what the writer may change (another organization,
    a hidden consumer). The message says so without naming what is out of sight."""

    def __init__(self) -> None:
        super().__init__('After this write the object would be outside what you may change; nothing was saved.')


class StillReferenced(WriteRefused):
    """Other objects refer to the one to delete (a protected or restricted foreign key)."""

    def __init__(self, obj: models.Model, referrers: Iterable[models.Model]):
        super().__init__(f'{obj} cannot be deleted: other objects refer to it.')
        self.obj = obj
        self.referrers = list(referrers)


def object_version(obj: models.Model) -> str:
    """A strong validator of the object's state: its id and last update, or its columns for a model
    without ``last_updated`` (accounts, API tokens). The API sends it quoted as the ``ETag``."""
    if hasattr(obj, 'last_updated'):
        state = obj.last_updated.isoformat()
    else:
        state = repr([getattr(obj, field.attname) for field in obj._meta.concrete_fields])
    return hashlib.sha256(f'{obj.pk}:{state}'.encode()).hexdigest()[:32]


def lock_and_refresh(obj: models.Model) -> None:
    """Lock the object's row until the transaction ends and read its latest committed state.

    PostgreSQL locks the row (``SELECT ... FOR UPDATE``); SQLite ignores ``select_for_update``,
    but its write transactions begin ``IMMEDIATE`` and so hold the database's write lock. Either
    way no other writer changes the object between this read, the version check and the save.
    Call it inside a transaction; parsing the input comes before (it needs no lock).
    """
    obj.refresh_from_db(from_queryset=type(obj)._base_manager.select_for_update())


def check_version(obj: models.Model, expected_version: str | Collection[str] | None) -> None:
    """Refuse (``StaleVersion``) unless ``obj``'s version is the expected one, or one of them; ``None``
    expects nothing (the writer did not say what they read)."""
    if expected_version is None:
        return
    expected = {expected_version} if isinstance(expected_version, str) else set(expected_version)
    if object_version(obj) not in expected:
        raise StaleVersion()


def check_in_reach(obj: models.Model, user: Any, action: str = 'change') -> None:
    """Refuse (``OutOfReach``) unless ``obj`` is among what ``user`` may ``action``.

    Called inside the write's transaction, so that the refusal undoes the write: the data is
    valid, the writer just may not put the object where it would land.
    """
    if not type(obj).objects.restrict(user, action).filter(pk=obj.pk).exists():
        raise OutOfReach()


def guarded_write(
    write: Callable[[], Written],
    *,
    user: Any,
    obj: models.Model | None = None,
    expected_version: str | Collection[str] | None = None,
) -> Written:
    """Run ``write()`` (a service call that returns the saved object) under the guards, in one transaction.

    ``obj`` is the existing object being changed (``None`` for a create): it is locked, refreshed and
    checked against ``expected_version`` before ``write()`` runs. Afterwards the written object must
    be one ``user`` may change (or add, for a create). Raises ``StaleVersion`` or ``OutOfReach``, and
    whatever ``write()`` raises (``ValidationError``); any of them rolls the whole write back.
    """
    with transaction.atomic():
        if obj is not None:
            lock_and_refresh(obj)
            check_version(obj, expected_version)
        written = write()
        check_in_reach(written, user, 'add' if obj is None else 'change')
    return written


def guarded_delete(obj: models.Model, *, actor: Actor, expected_version: str | Collection[str] | None = None) -> None:
    """Lock, check the version, delete with its change-log row; ``StillReferenced`` if others refer to it."""
    try:
        with transaction.atomic():
            lock_and_refresh(obj)
            check_version(obj, expected_version)
            delete_object(obj, actor=actor)
    except (ProtectedError, RestrictedError) as error:
        raise StillReferenced(obj, referrers_of(error)) from None


def referrers_of(error: ProtectedError | RestrictedError) -> list[models.Model]:
    """The objects that prevented a delete."""
    return list(error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects)


@dataclass(frozen=True)
class Referrer:
    """One object that refers to another: by kind, id and name when the reader may see it, else by kind only."""

    kind: str
    id: Any = None
    name: str | None = None


def referrers_seen_by(referrers: Iterable[models.Model], user: Any) -> list[Referrer]:
    """The referrers as ``user`` may know them: sorted by kind and name, one query per kind."""
    by_model: dict[type, list] = {}
    for referrer in referrers:
        by_model.setdefault(type(referrer), []).append(referrer)
    result = []
    for model, found in by_model.items():
        manager = model._default_manager
        visible = set(manager.restrict(user, 'view').filter(pk__in=[r.pk for r in found]).values_list(
            'pk', flat=True)) if hasattr(manager, 'restrict') else set()
        for referrer in found:
            if referrer.pk in visible:
                result.append(Referrer(model.__name__, referrer.pk, getattr(referrer, 'name', str(referrer))))
            else:
                result.append(Referrer(model.__name__))
    return sorted(result, key=lambda r: (r.kind, r.name or '', r.id or 0))
