"""The shape of owned parts, shared by the API's nested parts and the catalogue format's documents.

An owned part (an offering's elements, a product's components, an agreement's targets) has one
canonical form, the catalogue format's (``catalog-format.md``), which the API nests in an object's
representation too. Each part field, defined beside its app's serializers (``catalog.api.parts``,
``resources.api.parts``, ``relationships.api.parts``), has the faces both writers need:
``normalize`` turns what was sent into the canonical form, ``read`` gives the canonical form of
what is stored, ``write_related``/``finish`` build the service verbs' specs and call them, and
``locate`` places a verb's ``PartRefused`` back at the paths of the document or the body. The
file format (``accord.interchange``) builds its kinds on these fields; the API never imports it.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

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


def drop_missing(mapping: dict) -> dict:
    """A canonical mapping without its absent keys."""
    return {key: value for key, value in mapping.items() if value is not MISSING and value is not None}
