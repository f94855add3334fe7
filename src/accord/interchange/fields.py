"""How one spec field maps between a catalogue document and the models.

Each field has three faces: ``normalize`` turns what a file says (already schema-valid) into the
canonical form, ``read`` gives the canonical form of what is stored, and ``write``/``write_related``
store a canonical value (the base ``Field`` and the owned parts' fields are shared with the API:
``accord.api.shapes``). Comparing the two canonical forms is how apply knows a document is
unchanged, and ``read`` is what export prints, so apply and export cannot drift apart.
"""

import datetime
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from accord.api.shapes import MISSING, Field, Path, Reference, SpecError
from accord.core.services import set_related


def raise_as_spec_error(error: ValidationError, attr_to_path: dict[str, Path], base: Path = ()) -> None:
    """Re-raise a model ValidationError at the spec path of its first field."""
    if hasattr(error, 'error_dict'):
        for attr, errors in error.error_dict.items():
            path = attr_to_path.get(attr, base)
            raise SpecError(path, '; '.join(m for e in errors for m in e.messages)) from None
    raise SpecError(base, '; '.join(error.messages)) from None


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

    def resolved(self, value: Any, ctx) -> list[models.Model]:
        """The objects named, in the order given."""
        names = [] if value is MISSING else value
        return [ctx.resolve(self.kind, name, (self.key, index)) for index, name in enumerate(names)]

    def write_related(self, obj: models.Model, value: Any, ctx) -> None:
        set_related(obj, self.attr, self.resolved(value, ctx))

    def references(self, value: Any) -> Iterator[Reference]:
        for index, name in enumerate(value):
            yield (self.key, index), self.kind, name
