"""From raw YAML documents to validated catalogue documents: envelope, schema, duplicates, references."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from accord.interchange.kinds import API_VERSION, KINDS_BY_NAME, Kind, document, normalize_metadata
from accord.interchange.loading import RawDocument
from accord.interchange.problems import Problem, format_path, schema_problems
from accord.practices.models import Practice

NAME_CHUNK = 5000


@dataclass
class Document:
    """A schema-valid document with its canonical form."""

    raw: RawDocument
    kind: Kind
    name: str
    canonical: dict
    problems: list[Problem] = field(default_factory=list)

    @property
    def spec(self) -> dict:
        return self.raw.data['spec']

    def problem(self, path: tuple, message: str) -> Problem:
        return Problem(self.raw.file, self.raw.line_of(path), self.kind.name, self.name, format_path(path), message)

    @property
    def location(self) -> str:
        return f'{self.raw.file}:{self.raw.line}'


class CompareAll(Exception):
    """A problem involves a document of a file skipped as unchanged: read every file, to report it as always."""


class Unchanged(NamedTuple):
    """A document of a file a re-apply skips (``accord.interchange.recorded``): stored as written, not read.

    Its kind and name print the plan's line; ``spec`` holds only its parent's name, which orders the plan.
    A re-apply makes one per object of the catalogue: a tuple, the cheapest to make.
    """

    kind: Kind
    name: str
    spec: Mapping[str, str]

    def problem(self, path: tuple, message: str) -> Problem:
        raise CompareAll


def _raw_problem(raw: RawDocument, path: tuple, message: str, kind: Any = None, name: Any = None) -> Problem:
    return Problem(raw.file, raw.line_of(path), kind if isinstance(kind, str) else None,
                   name if isinstance(name, str) else None, format_path(path), message)


def check_document(raw: RawDocument) -> tuple[Document | None, list[Problem]]:
    """Validate one document's envelope and spec against its kind's schema."""
    from accord.interchange.schemas import conforms, validator  # jsonschema: loaded once a file is read

    data = raw.data
    if not isinstance(data, dict):
        return None, [_raw_problem(raw, (), 'a document is a mapping with apiVersion, kind, metadata and spec')]
    kind_name = data.get('kind')
    metadata = data.get('metadata')
    name = metadata.get('name') if isinstance(metadata, dict) else None
    if data.get('apiVersion') != API_VERSION:
        return None, [_raw_problem(raw, ('apiVersion',), f'must be {API_VERSION}', kind_name, name)]
    if kind_name not in KINDS_BY_NAME:
        known = ', '.join(KINDS_BY_NAME)
        return None, [_raw_problem(raw, ('kind',), f'unknown kind {kind_name!r}; known kinds: {known}', None, name)]
    problems = [] if conforms(kind_name, data) else [
        _raw_problem(raw, path, message, kind_name, name)
        for error in validator(kind_name).iter_errors(data)
        for path, message in schema_problems(error)
    ]
    if problems:
        return None, sorted(set(problems))
    kind = KINDS_BY_NAME[kind_name]
    canonical = document(kind, normalize_metadata(metadata), kind.normalize(data['spec']))
    return Document(raw, kind, name, canonical), []


def check_duplicates(documents: list[Document]) -> list[Problem]:
    seen: dict[tuple[str, str], Document] = {}
    problems = []
    for doc in documents:
        key = (doc.kind.name, doc.name)
        if key in seen:
            problems.append(doc.problem(('metadata', 'name'), f'duplicate name: {doc.kind.name}:{doc.name} '
                                                              f'is also defined at {seen[key].location}'))
        else:
            seen[key] = doc
    return problems


def stored_names(kind: str, names: set[str]) -> set[str]:
    """Which of ``names`` exist in the database as objects of ``kind`` (practices by name or alias)."""
    if kind == 'Practice':
        known = set()
        for name, aliases in Practice.objects.values_list('name', 'aliases'):
            known.add(name)
            known.update(aliases)
        return names & known
    model = KINDS_BY_NAME[kind].model
    found: set[str] = set()
    ordered = sorted(names)
    for start in range(0, len(ordered), NAME_CHUNK):
        found.update(model.objects.filter(name__in=ordered[start:start + NAME_CHUNK]).values_list('name', flat=True))
    return found


def check_references(documents: list[Document]) -> list[Problem]:
    """Every reference names an object in the files or in the database."""
    in_files = {(doc.kind.name, doc.name) for doc in documents}
    wanted: dict[str, set[str]] = {}
    references = []
    for doc in documents:
        for path, kind, name in doc.kind.references(doc.spec):
            references.append((doc, path, kind, name))
            if (kind, name) not in in_files:
                wanted.setdefault(kind, set()).add(name)
    stored = {kind: stored_names(kind, names) for kind, names in wanted.items()}
    return [
        doc.problem(path, f'unknown {kind} {name!r}')
        for doc, path, kind, name in references
        if (kind, name) not in in_files and name not in stored.get(kind, ())
    ]
