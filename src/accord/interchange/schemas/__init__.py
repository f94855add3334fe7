"""The JSON Schema of each kind (``KIND.json``) and their shared definitions (``common.json``).

The files are part of the public format: editors and CI pipelines may validate against them.
"""

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from accord.interchange.fields import parse_instant

SCHEMA_DIR = Path(__file__).parent


@cache
def _registry() -> Registry:
    resources = []
    for path in SCHEMA_DIR.glob('*.json'):
        contents = json.loads(path.read_text())
        resources.append((contents['$id'], Resource.from_contents(contents)))
    return Registry().with_resources(resources)


def _format_checker() -> FormatChecker:
    """The standard formats, plus ``instant``: an ISO 8601 date and time with an offset."""
    checker = FormatChecker()
    checker.checks('instant', raises=ValueError)(parse_instant)
    return checker


@cache
def _fast_validator(kind: str) -> Callable[[dict], object]:
    """``kind``'s schema compiled to Python by ``fastjsonschema``: many times faster than ``jsonschema``.

    Its formats are decided by the very checker ``validator`` uses, and it fills in no defaults, so a
    document it accepts is one ``validator`` accepts too (where the two differ, it is the stricter).
    """
    schema = json.loads((SCHEMA_DIR / f'{kind}.json').read_text())
    checker = _format_checker()
    formats = {name: (lambda value, name=name: checker.conforms(value, name)) for name in checker.checkers}
    handlers = {'': lambda uri: json.loads((SCHEMA_DIR / urlsplit(uri).path).read_text())}
    return fastjsonschema.compile(schema, handlers=handlers, formats=formats, use_default=False)


def conforms(kind: str, data: object) -> bool:
    """Whether ``data`` is a valid document of ``kind``: the cheap check, before ``validator`` says why not."""
    try:
        _fast_validator(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def validator(kind: str) -> Draft202012Validator:
    """The validator of documents of ``kind``."""
    schema = json.loads((SCHEMA_DIR / f'{kind}.json').read_text())
    return Draft202012Validator(schema, registry=_registry(), format_checker=_format_checker())
