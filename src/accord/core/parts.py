"""Owned parts: the audited synchronization every domain's ``set_*`` verb is built on.

An owned part (an offering's element, an agreement's target, a product's component) lives and dies
with its owner. A verb receives the parts as the writer wants them, in order, each under its key
(an element's name, a component's resource); ``sync_parts`` matches them against the stored ones
by that key, so that an unchanged part keeps its identity and whatever refers to it: it updates
the matched parts that changed, creates the new ones, removes the others, and writes one
change-log row for each part it created, changed or removed (before and after), none for a part
left as it was. A part the model refuses raises ``PartRefused``, located in the writer's list, so
each caller reports it in its own shape (the API's nested field errors, the file's ``spec.PATH``).
"""

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError

from accord.core.guards import referrers_of
from accord.core.services import Actor, columns, delete_object, logged, save_object

Where = tuple[str | int, ...]
Part = TypeVar('Part', bound=models.Model)


class PartRefused(Exception):
    """An owned part the domain refused; nothing of the verb's write stays.

    ``where`` locates it from the owner: the relation, then the part's index in the list as given (or
    its key, for parts keyed by a reference: a component's views by group name), and so on inward,
    ``('targets', 2, 'measurements', 0)``; a trailing field name when the message is about that key
    (``('elements', 1, 'name')``). ``error`` is the model's ``ValidationError``: by field for a part
    the model refused, a plain message for the list as a whole (a part others still refer to).
    """

    def __init__(self, where: Where, error: ValidationError):
        super().__init__(f'{where}: {"; ".join(error.messages)}')
        self.where = where
        self.error = error


def still_referred_to(part: models.Model, referrers: Iterable[models.Model]) -> str:
    """The one message of a part that cannot be removed because other objects refer to it."""
    names = sorted({str(referrer) for referrer in referrers})[:5]
    return f'cannot remove {part}: still referred to by {", ".join(names)}'


def listed_twice(what: str) -> str:
    """The one message of a key given twice in a list of parts (``element web is listed twice``)."""
    return f'{what} is listed twice'


def values_of(spec: Any) -> dict[str, Any]:
    """A part spec's fields (a dataclass) as model attributes, shallow: references stay the objects given."""
    return {field.name: getattr(spec, field.name) for field in fields(spec)}


def save_part(part: models.Model, stored: dict | None, *, actor: Actor, where: Where) -> bool:
    """Validate and save ``part`` with its change-log row, when it is new (``stored`` is None) or its columns
    differ from ``stored`` (``columns()`` read before the change); a part left as it was is not saved."""
    if stored is not None and columns(part) == stored:
        return False
    try:
        save_object(part, actor=actor, before=None if stored is None else logged(stored))
    except ValidationError as error:
        raise PartRefused(where, error) from None
    return True


def remove_parts(parts: Iterable[models.Model], *, actor: Actor, where: Where) -> None:
    """Delete parts with their change-log rows; refused when something still refers to one."""
    for part in parts:
        try:
            with transaction.atomic():
                delete_object(part, actor=actor)
        except (ProtectedError, RestrictedError) as error:
            raise PartRefused(where, ValidationError(still_referred_to(part, referrers_of(error)))) from None


def sync_parts(
    stored: dict[Hashable, Part],
    wanted: Sequence[tuple[Hashable, dict[str, Any]]],
    new: Callable[[Hashable], Part],
    *,
    actor: Actor,
    where: Where,
    duplicate: tuple[str, Callable[[Hashable], str]] | None = None,
    by_key: bool = False,
    remove: bool = True,
    then: Callable[[Part, Where], None] | None = None,
    owner: models.Model | None = None,
) -> list[Part]:
    """Make the stored parts (by key) the wanted ones (key, model attributes), in order; return them.

    ``new(key)`` makes a part for a key not stored. ``duplicate`` (the key's field, the message) refuses
    a key given twice; without it the model's uniqueness does. Parts are located by their index in
    ``wanted``, or by their key with ``by_key``. ``remove=False`` keeps the unlisted parts (removed later
    by the caller, once nothing it writes still refers to them). ``then(part, where)`` runs after each
    part is saved (its own parts: a target's measurements). ``owner``, when given, is saved last with
    its own change-log row (``touch_owner``).
    """
    left = dict(stored)
    seen: set = set()
    written = []
    for index, (key, values) in enumerate(wanted):
        here = (*where, key if by_key else index)
        if duplicate is not None:
            if key in seen:
                field, message = duplicate
                raise PartRefused((*here, field), ValidationError(message(key)))
            seen.add(key)
        part = left.pop(key, None) or new(key)
        before = None if part._state.adding else columns(part)
        for attr, value in values.items():
            setattr(part, attr, value)
        save_part(part, before, actor=actor, where=here)
        if then is not None:
            then(part, here)
        written.append(part)
    if remove:
        remove_parts(left.values(), actor=actor, where=where)
    if owner is not None:
        touch_owner(owner, actor=actor)
    return written


def touch_owner(owner: models.Model, *, actor: Actor) -> None:
    """Save the owner after its parts changed, with its own change-log row: its version moves."""
    save_object(owner, actor=actor)
