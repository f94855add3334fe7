"""No NUL character in a stored string: PostgreSQL refuses it (a 500), SQLite stores it; both now refuse it alike.

The check is a validator of every text and JSON field of every model, so ``full_clean`` and the
services' ``validate`` run it on every write path (API, importer, admin, CLI) and the error names
the field. It is installed when the app registry is ready rather than declared on each field: a
field declared later is guarded too, and migrations do not see it (it is not part of a field's
definition, only of its checks).
"""

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models

NUL = '\x00'
MESSAGE = ProhibitNullCharactersValidator.message  # the message DRF's and Django's text fields already give
GUARDED = (models.CharField, models.TextField, models.JSONField)


def holds_nul(value: Any) -> bool:
    """Whether ``value`` (text, or JSON data: its keys and values at any depth) holds a NUL character."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if NUL in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def refuse_nul(value: Any) -> None:
    """The validator: a NUL anywhere in the value is refused."""
    if holds_nul(value):
        raise ValidationError(MESSAGE, code='null_characters_not_allowed')


def guard_stored_text() -> None:
    """Add ``refuse_nul`` to the validators of every text and JSON field of every installed model.

    Only the field's computed ``validators`` is extended (``_validators``, which a migration
    records, is left as declared).
    """
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, GUARDED) and refuse_nul not in field.validators:
                field.__dict__['validators'] = [*field.validators, refuse_nul]
