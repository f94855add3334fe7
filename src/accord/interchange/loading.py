"""Safe reading of catalogue files: YAML documents with the line of every value.

PyYAML's safe loader already refuses Python tags, but it neither stops an alias bomb (aliases
are shared references until something walks them) nor remembers where a value was written. So
files are composed into nodes and walked here, once, building the plain data and noting lines:
only the standard tags are accepted, duplicate keys are refused, expansion through aliases is
budgeted, nesting is bounded (``MAX_NESTING``, as for the API's JSON bodies), and the line of
every value is kept for error messages. Scalars are read as PyYAML's safe loader reads them (YAML
1.1: ``yes``/``on`` are true, ``017`` is 15, ``~`` is null; ``test_yaml_types.py`` pins it).
"""

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from accord.core.limits import MAX_NESTING

MAX_FILE_BYTES = 32 * 1024 * 1024
EXPANSION_FACTOR = 10
EXPANSION_ALLOWANCE = 10_000

Path_ = tuple[str | int, ...]

_TAG = 'tag:yaml.org,2002:'
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (f'{_TAG}{name}' for name in
                                               ('str', 'int', 'float', 'bool', 'null', 'timestamp'))
_SEQ, _MAP = f'{_TAG}seq', f'{_TAG}map'
_FLATTENED = {f'{_TAG}merge', f'{_TAG}value'}  # keys PyYAML's flatten_mapping rewrites
TOO_DEEP = f'nested more than {MAX_NESTING} levels deep'
ALIAS_BOMB = 'too many nodes reached through aliases (an alias bomb?); refusing to expand'


class LoadError(Exception):
    """A file that cannot be read as catalogue documents, with the line where it goes wrong."""

    def __init__(self, file: str, line: int, message: str):
        super().__init__(f'{file}:{line}: {message}')
        self.file, self.line, self.message = file, line, message


@dataclass
class RawDocument:
    """One YAML document as plain data, with the line of each value in document order.

    ``lines`` holds one line per value: the document itself first, then each mapping's and list's
    entries depth first (a mapping entry's line is its key's). Only an error message needs a line,
    so the lines are matched to their paths the first time one is asked for.
    """

    file: str
    line: int
    data: object
    lines: array
    by_path: dict[Path_, int] | None = field(default=None, repr=False, compare=False)

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest ancestor that was written."""
        if self.by_path is None:
            self.by_path = dict(zip(_paths(self.data, ()), self.lines, strict=True))
        path = tuple(path)
        while path:
            if path in self.by_path:
                return self.by_path[path]
            path = path[:-1]
        return self.line


def _paths(value: object, path: Path_) -> Iterator[Path_]:
    """The path of ``value`` and of everything in it, in the order of ``RawDocument.lines``."""
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*path, index))


# LibYAML's parser when PyYAML was built with it (20 times faster), else the pure-Python one.
_BaseLoader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
_Scalar = yaml.ScalarNode
_DEFAULT_TAGS = {yaml.ScalarNode: _STR, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}
# The first characters of a plain scalar that may be something else than a string ('' is null).
_SPECIAL_STARTS = frozenset(start for start in yaml.SafeLoader.yaml_implicit_resolvers if start)


class _Loader(_BaseLoader):
    """The safe loader, resolving tags as it does but cheaply, and counting the nodes it resolves.

    A plain scalar whose first character starts no implicit type (most names) is a string without
    trying the patterns; the others are resolved by PyYAML once per distinct text. ``resolved``,
    the nodes composed without an explicit tag, is a lower bound of a document's nodes.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self.resolved = 0
        self.tags: dict[str, str] = {}
        self.values: dict[tuple[str, str], object] = {}

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        self.resolved += 1
        if kind is yaml.ScalarNode and implicit[0] and (not value or value[0] in _SPECIAL_STARTS):
            tag = self.tags.get(value)
            if tag is None:
                tag = self.tags[value] = super().resolve(kind, value, implicit)
            return tag
        return _DEFAULT_TAGS[kind]


class _Recount(Exception):
    """A document reached more nodes than its lower bound allows: count them exactly, then walk it again."""


def _count_nodes(root: yaml.Node) -> int:
    """The distinct nodes of a document: an alias is the node it names, counted once."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
    return len(seen)


def _reading(tag: str, node: yaml.ScalarNode, loader: _Loader) -> object:
    """A scalar of a standard type other than a string, as plain data (a date or timestamp as ISO text).

    Raises ValueError, KeyError or AttributeError when an explicit tag does not fit (``!!int abc``).
    """
    if tag == _FLOAT:
        return _decimal(node.value)
    if tag == _NULL:
        return None
    if tag == _TIMESTAMP:
        return _timestamp(loader, node)
    return loader.construct_yaml_int(node) if tag == _INT else loader.construct_yaml_bool(node)


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    """A YAML date or timestamp as ISO text; an impossible one (2025-02-30) stays as written for validation."""
    try:
        return loader.construct_yaml_timestamp(node).isoformat()
    except ValueError:
        return node.value


def _decimal(text: str) -> Decimal | str:
    """A YAML float as the exact decimal written; infinities and NaN stay text (and fail validation as numbers)."""
    cleaned = text.replace('_', '')
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return text
    return number if number.is_finite() else text


def read_text(path: Path) -> str:
    """The file's text: at most MAX_FILE_BYTES, UTF-8."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(name, 1, f'file is {size} bytes, more than the limit of {MAX_FILE_BYTES}')
        raw = path.read_bytes()
    except OSError as error:
        raise LoadError(name, 1, f'cannot read: {error.strerror}') from None
    return decode_text(raw, name)


def decode_text(raw: bytes, name: str) -> str:
    """A file's bytes as UTF-8 text, or the line and offset of the first byte that is not."""
    try:
        return raw.decode('utf-8')
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b'\n') + 1
        raise LoadError(name, line, f'not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start}') from None


class _Walker:
    """Turns one document's node tree into plain data (str, int, Decimal, bool, None, list, dict) and its lines.

    Every value reached counts against ``limit``, ten times the document's nodes plus an allowance,
    so that aliases cannot multiply the work. Until the nodes are counted exactly (``exact``), the
    limit comes from a lower bound of them: reaching it means count and walk again, never refuse.
    """

    def __init__(self, loader: _Loader, file: str, nodes: int, *, exact: bool):
        self.loader, self.file, self.exact = loader, file, exact
        self.limit = EXPANSION_FACTOR * nodes + EXPANSION_ALLOWANCE
        self.reached = 0
        self.lines = array('I')

    def fail(self, node: yaml.Node, message: str) -> LoadError:
        return LoadError(self.file, node.start_mark.line + 1, message)

    def reach(self, node: yaml.Node, line: int) -> None:
        """Count one value against the limit and note its line."""
        self.reached += 1
        if self.reached > self.limit:
            if not self.exact:
                raise _Recount
            raise self.fail(node, ALIAS_BOMB)
        self.lines.append(line)

    def walk(self, node: yaml.Node, depth: int) -> object:
        kind = node.__class__
        if kind is yaml.ScalarNode:
            return self.scalar(node)
        if depth >= MAX_NESTING:
            raise self.fail(node, TOO_DEEP)
        if kind is yaml.MappingNode:
            return self.mapping(node, depth + 1)
        if node.tag != _SEQ:
            raise self.fail(node, f'tag {node.tag} is not allowed')
        items = []
        for item in node.value:
            self.reach(item, item.start_mark.line + 1)
            items.append(self.walk(item, depth + 1))
        return items

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict:
        if node.tag != _MAP:
            raise self.fail(node, f'tag {node.tag} is not allowed')
        if any(key_node.tag in _FLATTENED for key_node, _ in node.value):
            self.loader.flatten_mapping(node)  # merge keys (<<) first, as PyYAML reads them
        result: dict = {}
        for key_node, value_node in node.value:  # a plain string, the most common key and value, read inline
            key = key_node.value if key_node.tag == _STR and key_node.__class__ is _Scalar else self.key(key_node)
            if key in result:
                raise self.fail(key_node, f'duplicate key {key!r}')
            self.reach(value_node, key_node.start_mark.line + 1)
            result[key] = (value_node.value if value_node.tag == _STR and value_node.__class__ is _Scalar
                           else self.walk(value_node, depth))
        return result

    def key(self, node: yaml.Node) -> str:
        """A mapping key: a string, or a whole number written as one."""
        key = self.scalar(node) if node.__class__ is yaml.ScalarNode else None
        if not isinstance(key, str | int) or isinstance(key, bool):
            raise self.fail(node, 'a mapping key must be a plain string')
        return str(key)

    def scalar(self, node: yaml.ScalarNode) -> object:
        tag = node.tag
        if tag == _STR:
            return node.value
        values = self.loader.values  # one reading per distinct (tag, text) of a file: all immutable
        try:
            return values[tag, node.value]
        except KeyError:
            pass
        if tag not in (_INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP):
            raise self.fail(node, f'tag {tag} is not allowed')
        try:
            value = values[tag, node.value] = _reading(tag, node, self.loader)
        except (ValueError, KeyError, AttributeError):
            raise self.fail(node, f'{node.value!r} cannot be read as {tag}') from None
        return value


def _document(loader: _Loader, root: yaml.Node, file: str, nodes: int, *, exact: bool) -> RawDocument | None:
    """One composed document as plain data, or None for an empty one."""
    walker = _Walker(loader, file, nodes, exact=exact)
    walker.reach(root, root.start_mark.line + 1)
    data = walker.walk(root, 0)
    return None if data is None else RawDocument(file, root.start_mark.line + 1, data, walker.lines)


def _recounted(text: str, file: str, index: int) -> RawDocument | None:
    """The ``index``-th document of ``text``, composed again and walked within its exact node count."""
    loader = _Loader(text)
    try:
        for _ in range(index + 1):
            loader.check_node()
            root = loader.get_node()
        return _document(loader, root, file, _count_nodes(root), exact=True)
    finally:
        loader.dispose()


def load_documents(text: str, file: str) -> list[RawDocument]:
    """Every non-empty document of a YAML stream."""
    loader = _Loader(text)
    documents = []
    index = 0
    try:
        while loader.check_node():
            loader.resolved = 0
            root = loader.get_node()
            if root is None:
                continue
            try:
                document = _document(loader, root, file, loader.resolved, exact=False)
            except _Recount:
                document = _recounted(text, file, index)
            index += 1
            if document is not None:
                documents.append(document)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        if 'nesting depth' in str(error.problem):  # LibYAML's own bound, far beyond ours: say ours
            raise LoadError(file, line, TOO_DEEP) from None
        raise LoadError(file, line, f'malformed YAML: {error.problem or error.context}') from None
    except yaml.YAMLError as error:
        raise LoadError(file, 1, f'malformed YAML: {error}') from None
    except RecursionError:  # the pure-Python composer recurses before the walk can count
        raise LoadError(file, 1, TOO_DEEP) from None
    finally:
        loader.dispose()
    return documents


def catalogue_files(paths: list[str]) -> list[Path]:
    """Files named, and ``*.yaml``/``*.yml`` under folders named, in a stable order."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob('*') if p.suffix in ('.yaml', '.yml') and p.is_file()))
        else:
            found.append(path)
    return found
