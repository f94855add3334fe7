"""``accord export``: every stored object as documents, in a canonical order and form.

Kinds in the order of the format's table, then by name; fields in a fixed order, defaults left
out. Export, apply to an empty database, export again: the outputs are byte-identical.
"""

from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from accord.interchange.kinds import KINDS, Kind, document, read_metadata

EXPORT_CHUNK = 2000


class _Dumper(yaml.SafeDumper):
    """Block style, multi-line text as literal blocks, lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '|' if '\n' in value else None
    return dumper.represent_scalar('tag:yaml.org,2002:str', value, style=style)


_Dumper.add_representer(str, _represent_str)


def export_documents(kinds: Iterable[Kind] = KINDS, reader: Any = None) -> Iterator[dict]:
    """Canonical documents of every stored object of ``kinds``; only those ``reader`` may view, if given."""
    for kind in kinds:
        objects = kind.queryset() if reader is None else kind.queryset().restrict(reader)
        for obj in objects.order_by('name').iterator(chunk_size=EXPORT_CHUNK):
            yield document(kind, read_metadata(obj), kind.read(obj))


def dump_documents(documents: Iterable[dict], stream) -> int:
    """Write documents as a YAML stream; return how many."""
    count = 0
    for doc in documents:
        stream.write('---\n')
        yaml.dump(doc, stream, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                  default_flow_style=False)
        count += 1
    return count
