"""How one spec field maps between a catalogue document and the models.

Each field has three faces: ``normalize`` turns what a file says (already schema-valid) into the
canonical form, ``read`` gives the canonical form of what is stored, and ``write``/``write_related``
store a canonical value. Comparing the two canonical forms is how apply knows a document is
unchanged, and ``read`` is what export prints, so apply and export cannot drift apart.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from accord.core.decimals import canonical_decimal
from accord.core.parts import PartRefused

Path = tuple[str | int, ...]
Reference = tuple[Path, str, str]
MISSING: Any = object()

class SpecError(Exception):
    """A problem with one field of one document, found while writing it."""

    def __init__(self, path: Path, message: str, *, consequential: bool = False):
        super().__init__(message)
        self.path, self.message = path, message
        self.consequential = consequential


def unknown_reference(kind: str, name: str) -> str:
    """The one message of a reference to no object the writer may see, whichever path reads it."""
    return f'{kind} {name!r} does not exist'


def canonical_number(value: Any) -> int | str:
    """A threshold in a condition: an integer stays an integer, anything else a decimal string."""
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else canonical_decimal(number)


def raise_as_spec_error(error: ValidationError, attr_to_path: dict[str, Path], base: Path = ()) -> None:
    """Re-raise a model ValidationError at the spec path of its first field."""
    if hasattr(error, 'error_dict'):
        for attr, errors in error.error_dict.items():
            path = attr_to_path.get(attr, base)
            raise SpecError(path, '; '.join(m for e in errors for m in e.messages)) from None
    raise SpecError(base, '; '.join(error.messages)) from None


@dataclass(frozen=True)
class Located:
    """One field of an owned part's refusal (``accord.core.parts.PartRefused``), placed in the document."""

    base: Path  # the part, or the list of parts for a refusal of the list as a whole
    attr: str | None  # the model field the messages are about; None for a message about ``base`` itself
    path: Path | None  # the field's path in the document, when the format names that field
    messages: list[str]


class Field:
    """A spec key stored in one model attribute.

    A field with owned parts writes them through its app's service verbs and names where a part's
    refusal lands: ``relations`` spells a relation of the refusal's location in the format
    (``usage_charges`` → ``pricing.usage``), ``part_keys`` the keys of each relation's part fields
    (``performed_by`` → ``performedBy``).
    """

    deferred = False
    relations: dict[str, Path] = {}
    part_keys: dict[str, dict[str, Path]] = {}

    def __init__(self, key: str, attr: str | None = None):
        self.key = key
        self.attr = attr or key

    def normalize(self, value: Any) -> Any:
        return value

    def normalize_in(self, value: Any, spec: dict) -> Any:
        """Normalize knowing the whole spec, for fields whose form depends on a sibling (money on currency)."""
        return self.normalize(value)

    def read(self, obj: models.Model) -> Any:
        return MISSING

    def write(self, obj: models.Model, value: Any, ctx) -> None:
        """Set columns before the object is saved; ``value`` is MISSING when the document leaves it out."""

    def write_related(self, obj: models.Model, value: Any, ctx) -> None:
        """Store what needs the saved object (many-to-many, owned parts)."""

    def finish(self, obj: models.Model, value: Any, ctx) -> None:
        """Last step, after every field's ``write_related`` (removing parts others no longer use)."""

    def references(self, value: Any) -> Iterator[Reference]:
        return iter(())

    def attr_paths(self) -> dict[str, Path]:
        return {self.attr: (self.key,)}

    def locate(self, refused: PartRefused) -> list[Located]:
        """The refusal of one of this field's parts, field by field, at its paths in the document."""
        base = tuple(step for segment in refused.where
                     for step in (self.relations.get(segment, (segment,)) if isinstance(segment, str) else (segment,)))
        if not hasattr(refused.error, 'error_dict'):
            return [Located(base, None, None, refused.error.messages)]
        relation = next((s for s in reversed(refused.where) if isinstance(s, str)), '')
        keys = self.part_keys.get(relation, {})
        return [Located(base, attr, (*base, *keys[attr]) if attr in keys else None, messages)
                for attr, messages in refused.error.message_dict.items()]

    def spec_error(self, refused: PartRefused) -> SpecError:
        """The refusal as the file reports it: its first field's messages, at that field or at the part."""
        first = self.locate(refused)[0]
        return SpecError(first.path or first.base, '; '.join(first.messages))


class Value(Field):
    """A column holding a plain value; the default is left out of the canonical form."""

    def __init__(
        self,
        key: str,
        attr: str | None = None,
        *,
        default: Any = MISSING,
        normalize: Callable[[Any], Any] | None = None,
        to_model: Callable[[Any], Any] | None = None,
        empty: Any = '',
    ):
        super().__init__(key, attr)
        self.default = default
        self._normalize = normalize or (lambda v: v)
        self._to_model = to_model or (lambda v: v)
        self.empty = empty

    def normalize(self, value: Any) -> Any:
        value = self._normalize(value)
        return MISSING if value == self.default else value

    def read(self, obj: models.Model) -> Any:
        value = getattr(obj, self.attr)
        if value is None or value == self.empty:
            return MISSING
        return self.normalize(value)

    def write(self, obj: models.Model, value: Any, ctx) -> None:
        if value is MISSING:
            value = self.default
        setattr(obj, self.attr, self.empty if value is MISSING else self._to_model(value))


class DateValue(Value):
    def __init__(self, key: str, attr: str | None = None):
        super().__init__(key, attr, normalize=_to_date, empty=None)


def _to_date(value: Any) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def parse_instant(value: Any) -> datetime.datetime:
    """An ISO 8601 instant with an offset, as an aware datetime in UTC."""
    instant = value if isinstance(value, datetime.datetime) else datetime.datetime.fromisoformat(value)
    if instant.tzinfo is None:
        raise ValueError(f'{value!r} has no offset')
    return instant.astimezone(datetime.UTC)


def format_instant(instant: datetime.datetime) -> str:
    """The canonical text of an instant: UTC, 'Z', microseconds only when there are some."""
    instant = instant.astimezone(datetime.UTC)
    text = instant.strftime('%Y-%m-%dT%H:%M:%S')
    if instant.microsecond:
        text += f'.{instant.microsecond:06d}'.rstrip('0')
    return text + 'Z'


class InstantValue(Value):
    def __init__(self, key: str, attr: str | None = None):
        super().__init__(key, attr, normalize=lambda v: format_instant(parse_instant(v)), to_model=parse_instant,
                         empty=None)


class Ref(Field):
    """A foreign key written as the other object's name."""

    def __init__(self, key: str, kind: str, attr: str | None = None):
        super().__init__(key, attr)
        self.kind = kind

    def read(self, obj: models.Model) -> Any:
        related = getattr(obj, self.attr)
        return MISSING if related is None else related.name

    def write(self, obj: models.Model, value: Any, ctx) -> None:
        setattr(obj, self.attr, None if value is MISSING else ctx.resolve(self.kind, value, (self.key,)))

    def references(self, value: Any) -> Iterator[Reference]:
        yield (self.key,), self.kind, value


class RefList(Field):
    """A many-to-many relation written as a list of names, sorted."""

    def __init__(self, key: str, kind: str, attr: str | None = None, *, deferred: bool = False):
        super().__init__(key, attr)
        self.kind = kind
        self.deferred = deferred

    def normalize(self, value: Any) -> Any:
        return sorted(value) if value else MISSING

    def read(self, obj: models.Model) -> Any:
        return sorted(related.name for related in getattr(obj, self.attr).all()) or MISSING

    def write_related(self, obj: models.Model, value: Any, ctx) -> None:
        names = [] if value is MISSING else value
        related = [ctx.resolve(self.kind, name, (self.key, index)) for index, name in enumerate(names)]
        getattr(obj, self.attr).set(related)

    def references(self, value: Any) -> Iterator[Reference]:
        for index, name in enumerate(value):
            yield (self.key, index), self.kind, name
