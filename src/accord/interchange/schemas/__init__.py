"""The JSON Schema of each kind (``KIND.json``) and their shared definitions (``common.json``).

The files are part of the public format: editors and CI pipelines may validate against them.
"""

import json
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from urllib.parse import urlsplit

import fastjsonschema
from fastjsonschema.draft2019 import CodeGeneratorDraft2019
from fastjsonschema.ref_resolver import RefResolver
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


class _Generator(CodeGeneratorDraft2019):
    """fastjsonschema's code generator, whose failures say nothing: ``validator`` says why.

    Its detailed messages would embed each rule's whole schema in the generated code (200 kB for an
    offering, 16 MB of peak memory to compile the kinds); its plain ones trip on ``const``.
    """

    def exc(self, msg: str, *args, append_to_msg=None, rule=None) -> None:
        self.l('raise JsonSchemaValueException("invalid")')


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
    resolver = RefResolver.from_schema(schema, handlers=handlers, store={})
    generator = _Generator(schema, resolver=resolver, formats=formats, use_default=False, detailed_exceptions=False)
    scope = generator.global_state
    exec(generator.func_code, scope)  # noqa: S102 - the code fastjsonschema generated from our own schema
    return partial(scope[resolver.get_scope_name()], custom_formats=formats)


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
