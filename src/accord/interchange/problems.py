"""A problem found in a catalogue file, reported as ``FILE:LINE: KIND:NAME: spec.FIELD: message``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # jsonschema loads in a tenth of a second: not for a re-apply that reads no file
    from jsonschema import ValidationError as SchemaError


def format_path(path: tuple) -> str:
    """``('spec', 'components', 0, 'role')`` → ``spec.components[0].role``."""
    text = ''
    for part in path:
        text += f'[{part}]' if isinstance(part, int) else (f'.{part}' if text else str(part))
    return text


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    kind: str | None
    name: str | None
    path: str
    message: str

    def __str__(self) -> str:
        parts = [f'{self.file}:{self.line}' if self.line else self.file]
        if self.kind or self.name:
            parts.append(f'{self.kind or "?"}:{self.name or "?"}')
        if self.path:
            parts.append(self.path)
        parts.append(self.message)
        return ': '.join(parts)


_TYPE_NAMES = {'string': 'a string', 'integer': 'a whole number', 'number': 'a number', 'boolean': 'true or false',
               'array': 'a list', 'object': 'a mapping', 'null': 'empty'}


def schema_problems(error: SchemaError) -> list[tuple[tuple, str]]:
    """(path, message) pairs for one JSON Schema error, in the words of the format."""
    path = tuple(error.absolute_path)
    custom = error.schema.get('x-message') if isinstance(error.schema, dict) else None
    if error.validator == 'required':
        missing = error.message.split("'")[1]
        return [((*path, missing), 'is required')]
    if error.validator == 'additionalProperties':
        known = set(error.schema.get('properties', {}))
        return [((*path, key), 'unknown field') for key in error.instance if key not in known]
    if error.validator in ('anyOf', 'oneOf'):
        chosen = _chosen_alternative(error)
        if chosen:
            return [problem for sub in chosen for problem in schema_problems(sub)]
    if custom:
        return [(path, custom)]
    if error.validator == 'enum':
        return [(path, 'must be one of: ' + ', '.join(map(str, error.validator_value)))]
    if error.validator == 'const':
        return [(path, f'must be {error.validator_value}')]
    if error.validator == 'type':
        expected = error.validator_value
        names = [_TYPE_NAMES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected)]
        return [(path, f'must be {" or ".join(names)}')]
    if error.validator == 'uniqueItems':
        return [(path, 'lists a name twice')]
    if error.validator == 'minItems':
        return [(path, f'needs at least {error.validator_value} entr{"y" if error.validator_value == 1 else "ies"}')]
    return [(path, error.message)]


def _chosen_alternative(error: SchemaError) -> list[SchemaError]:
    """The errors of the one alternative the instance's ``kind`` selects (an offering element), if any."""
    branches: dict = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    selected = [errors for errors in branches.values()
                if not any(e.validator == 'const' and tuple(e.relative_path) == ('kind',) for e in errors)]
    has_kind = isinstance(error.instance, dict) and 'kind' in error.instance
    return selected[0] if has_kind and len(selected) == 1 else []
