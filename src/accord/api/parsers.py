"""The API's JSON parser: DRF's, refusing what it would otherwise accept silently or fail on.

A key given twice in one object is refused (Python's ``json`` keeps the last, so the client's
first value would vanish unseen), as the file format refuses a duplicate YAML key. A body nested
deeper than ``MAX_NESTING`` levels is refused: no catalogue needs it, and Python parses and
renders nesting recursively (100,000 levels ended in a ``RecursionError`` and an HTML 500).
"""

import codecs
from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

from accord.core.limits import MAX_NESTING

TOO_DEEP = f'JSON parse error - nested more than {MAX_NESTING} levels deep'


class DuplicateKey(ValueError):
    """A key given twice in one JSON object."""


def unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    """An object's pairs as a dict; a key given twice raises ``DuplicateKey``."""
    result = dict(pairs)
    if len(result) < len(pairs):
        seen: set[str] = set()
        repeated = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise DuplicateKey(f'duplicate key {repeated!r}')
    return result


def nesting_exceeds(data: Any, limit: int) -> bool:
    """Whether ``data`` holds objects or lists more than ``limit`` levels deep (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with duplicate keys and deep nesting refused (400, ``detail`` naming the problem)."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        encoding = parsers.get_encoding(parser_context or {})
        try:
            text = codecs.getreader(encoding)(stream).read()
            data = json.loads(text, parse_constant=json.strict_constant if self.strict else None,
                              object_pairs_hook=unique_keys)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        except ValueError as error:
            raise ParseError(f'JSON parse error - {error}') from None
        if nesting_exceeds(data, MAX_NESTING):
            raise ParseError(TOO_DEEP)
        return data
