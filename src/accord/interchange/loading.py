"""Safe reading of catalogue files: YAML documents with the line of every value.

PyYAML's safe loader already refuses Python tags, but it neither stops an alias bomb (aliases
are shared references until something walks them) nor remembers where a value was written. So
files are composed into nodes and walked here: only the standard tags are accepted, duplicate
keys are refused, expansion through aliases is budgeted, nesting is bounded (``MAX_NESTING``, as
for the API's JSON bodies), and every value's path is mapped to its line for error messages.
"""

import datetime
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
TOO_DEEP = f'nested more than {MAX_NESTING} levels deep'
_SCALAR_TAGS = {f'{_TAG}{name}' for name in ('str', 'int', 'float', 'bool', 'null', 'timestamp')}


class LoadError(Exception):
    """A file that cannot be read as catalogue documents, with the line where it goes wrong."""

    def __init__(self, file: str, line: int, message: str):
        super().__init__(f'{file}:{line}: {message}')
        self.file, self.line, self.message = file, line, message


@dataclass
class RawDocument:
    """One YAML document as plain data, with the line of each path in it."""

    file: str
    line: int
    data: object
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest ancestor that was written."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.line


# LibYAML's parser when PyYAML was built with it (20 times faster), else the pure-Python one.
_Loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)


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


class _Walker:
    """Turns a node tree into plain data (str, int, Decimal, bool, None, list, dict), recording lines."""

    def __init__(self, loader: yaml.SafeLoader, file: str, nodes: int):
        self.loader = loader
        self.file = file
        self.lines: dict[Path_, int] = {}
        self.budget = EXPANSION_FACTOR * nodes + EXPANSION_ALLOWANCE

    def fail(self, node: yaml.Node, message: str) -> LoadError:
        return LoadError(self.file, node.start_mark.line + 1, message)

    def walk(self, node: yaml.Node, path: Path_) -> object:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(node, 'too many nodes reached through aliases (an alias bomb?); refusing to expand')
        self.lines.setdefault(path, node.start_mark.line + 1)
        if len(path) >= MAX_NESTING and isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            raise self.fail(node, TOO_DEEP)
        if isinstance(node, yaml.MappingNode):
            return self.walk_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f'{_TAG}seq':
                raise self.fail(node, f'tag {node.tag} is not allowed')
            return [self.walk(item, (*path, index)) for index, item in enumerate(node.value)]
        return self.scalar(node)

    def walk_mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        if node.tag != f'{_TAG}map':
            raise self.fail(node, f'tag {node.tag} is not allowed')
        self.loader.flatten_mapping(node)
        result: dict = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int | bool) or isinstance(key, bool):
                raise self.fail(key_node, 'a mapping key must be a plain string')
            key = str(key)
            if key in result:
                raise self.fail(key_node, f'duplicate key {key!r}')
            result[key] = self.walk(value_node, (*path, key))
            self.lines[(*path, key)] = key_node.start_mark.line + 1
        return result

    def scalar(self, node: yaml.ScalarNode) -> object:
        if node.tag not in _SCALAR_TAGS:
            raise self.fail(node, f'tag {node.tag} is not allowed')
        if node.tag == f'{_TAG}float':
            return _decimal(node.value)
        if node.tag == f'{_TAG}timestamp':
            return _timestamp(self.loader, node)
        value = self.loader.construct_object(node, deep=True)
        if isinstance(value, datetime.datetime | datetime.date):
            return value.isoformat()
        return value


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    """A YAML date or timestamp as ISO text; an impossible one (2025-02-30) stays as written for validation."""
    try:
        return loader.construct_object(node, deep=True).isoformat()
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


def load_documents(text: str, file: str) -> list[RawDocument]:
    """Every non-empty document of a YAML stream."""
    loader = _Loader(text)
    documents = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            walker = _Walker(loader, file, _count_nodes(node))
            data = walker.walk(node, ())
            if data is not None:
                documents.append(RawDocument(file, node.start_mark.line + 1, data, walker.lines))
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
