"""The JSON Schema of each kind (``KIND.json``) and their shared definitions (``common.json``).

The files are part of the public format: editors and CI pipelines may validate against them.
"""

import json
from functools import cache
from pathlib import Path

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
def validator(kind: str) -> Draft202012Validator:
    """The validator of documents of ``kind``."""
    schema = json.loads((SCHEMA_DIR / f'{kind}.json').read_text())
    return Draft202012Validator(schema, registry=_registry(), format_checker=_format_checker())
