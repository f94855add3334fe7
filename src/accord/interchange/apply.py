"""``accord apply``: validate every document first, then write them all in one transaction.

Nothing is written unless everything is right. Model rules (``clean()``, ``clean_relations()``,
constraints) are the only place the domain's rules live, so the write phase runs every document
through them inside a transaction, collects what fails, and rolls back if anything did; a dry run
always rolls back. Unchanged documents are not rewritten.
"""

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import ProtectedError

from accord.api.shapes import MISSING, Field, SpecError, unknown_reference
from accord.core.guards import OutOfReach, check_in_reach
from accord.core.parts import PartRefused
from accord.core.services import Actor, batch, vouch_free, write_held_back, write_object
from accord.interchange.documents import (
    NAME_CHUNK,
    Document,
    Unchanged,
    check_document,
    check_duplicates,
    check_references,
)
from accord.interchange.fields import raise_as_spec_error
from accord.interchange.kinds import KIND_ORDER, KINDS_BY_NAME, Kind, document, read_metadata
from accord.interchange.loading import (
    MAX_FILE_BYTES,
    LoadError,
    catalogue_files,
    decode_text,
    load_documents,
    read_text,
)
from accord.interchange.problems import Problem
from accord.practices.models import Practice
from accord.resources.models import Item, ResourceDependency, dependency_cycle, find_dependency_cycle

CREATED, UPDATED, UNCHANGED = 'created', 'updated', 'unchanged'
LOAD_CHUNK = 1000
OUT_OF_REACH = 'you may not write this object (your roles do not reach it, or it would land outside them)'


@dataclass
class PlanEntry:
    kind: str
    name: str
    action: str
    changed: list[str] = field(default_factory=list)


@dataclass
class ApplyResult:
    plan: list[PlanEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    skipped_files: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run


class _Rollback(Exception):
    """Raised inside the transaction to undo it (a dry run, or problems found while writing)."""


class _WriteFailed(Exception):
    """A document failed in a run without a savepoint per document: run again with them, to report every problem."""


def read_catalogue(paths: Iterable[str]) -> tuple[list[Document], list[Problem]]:
    """Load and validate documents from files and folders, without touching the database's rows."""
    return _read_sources((str(path), lambda path=path: read_text(path)) for path in catalogue_files(list(paths)))


def read_uploaded(files: Iterable[tuple[str, bytes]]) -> tuple[list[Document], list[Problem]]:
    """As ``read_catalogue``, for files already in memory as (name, content) pairs: a browser's upload.

    Read each upload up to ``MAX_FILE_BYTES + 1`` bytes: one byte more than the limit is refused.
    """
    return _read_sources((name, lambda name=name, raw=raw: _uploaded_text(name, raw)) for name, raw in files)


def _uploaded_text(name: str, raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(name, 1, f'file is more than the limit of {MAX_FILE_BYTES} bytes')
    return decode_text(raw, name)


def _read_sources(sources: Iterable[tuple[str, Callable[[], str]]]) -> tuple[list[Document], list[Problem]]:
    """Documents of each (file name, text reader), every problem found in any of them."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for name, text in sources:
        try:
            raws = load_documents(text(), name)
        except LoadError as error:
            problems.append(Problem(error.file, error.line, None, None, '', error.message))
            continue
        for raw in raws:
            doc, found = check_document(raw)
            problems.extend(found)
            if doc is not None:
                documents.append(doc)
    problems.extend(check_duplicates(documents))
    problems.extend(check_references(documents))
    return documents, problems


def apply_catalogue(paths: Iterable[str], *, actor: Actor, dry_run: bool = False) -> ApplyResult:
    """Validate everything, then create or update every object in one transaction."""
    paths = list(paths)
    missing = [p for p in paths if not _exists(p)]
    documents, problems = read_catalogue([p for p in paths if p not in missing])
    missing_problems = [Problem(p, 0, None, None, '', 'no such file or folder') for p in missing]
    return write_catalogue(documents, [*missing_problems, *problems], actor=actor, dry_run=dry_run)


def write_catalogue(documents: list[Document | Unchanged], problems: list[Problem], *, actor: Actor,
                    dry_run: bool = False, reach: Any = None,
                    on_written: Callable[[], None] | None = None) -> ApplyResult:
    """Write documents read by ``read_catalogue`` or ``read_uploaded`` in one transaction, or nothing.

    ``reach`` is the user whose reach bounds the write (a browser's upload): an object they may not
    change, or a new one that would land outside what they may add, is a problem of its document.
    The command line writes as the operator of the installation and passes none. ``Unchanged``
    documents (of files a re-apply skips, never a user's) are planned as such and not read.
    ``on_written`` runs last in the transaction of a write that is kept.
    """
    result = ApplyResult(dry_run=dry_run, problems=list(problems))
    # Even when some documents are wrong, the others go through the model's rules (and are rolled
    # back), so that one run reports every problem: each document in a savepoint of its own. When
    # nothing is known to be wrong, the first run takes none (a savepoint costs two statements per
    # document) and stops at the first failure, to start again with them.
    failed = {(p.kind, p.name) for p in result.problems}
    writable = [d for d in documents if (d.kind.name, d.name) not in failed]
    try:
        _write_once(result, _Writer(writable, actor, failed, reach, careful=bool(failed)), on_written)
    except _WriteFailed:
        _write_once(result, _Writer(writable, actor, failed, reach, careful=True), on_written)
    return result


def _write_once(result: ApplyResult, writer: '_Writer', on_written: Callable[[], None] | None) -> None:
    """One run of the writer in one transaction, kept only when it found no problem and is not a dry run."""
    try:
        with transaction.atomic():
            with batch(all_or_nothing=not writer.careful):
                plan = writer.run()
                result.problems = sorted({*result.problems, *writer.problems})
                if not result.problems:
                    result.plan = plan
                if result.problems or result.dry_run:
                    raise _Rollback
            if on_written is not None:  # after the batch has written its change-log rows
                on_written()
    except _Rollback:
        pass


def _exists(path: str) -> bool:
    from pathlib import Path

    return Path(path).exists()


def plan_lines(result: ApplyResult) -> list[str]:
    """The plan as ``accord apply`` prints it: one line per object, then the counts."""
    counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
    lines = []
    for entry in result.plan:
        counts[entry.action] += 1
        detail = f' ({", ".join(entry.changed)})' if entry.changed else ''
        lines.append(f'{entry.kind}:{entry.name} {entry.action}{detail}')
    summary = ', '.join(f'{n} {action}' for action, n in counts.items())
    return [*lines, f'{summary}{" (dry run: nothing written)" if result.dry_run else ""}']


def jsonable(value):
    """A canonical document as JSON for the change log."""
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    if isinstance(value, datetime.date | Decimal):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    return value


def changed_fields(before: dict, after: dict) -> list[str]:
    changed = [f'metadata.{key}' for key in ('title', 'description', 'labels')
               if before['metadata'].get(key) != after['metadata'].get(key)]
    keys = list(after['spec']) + [key for key in before['spec'] if key not in after['spec']]
    changed += [f'spec.{key}' for key in keys if before['spec'].get(key) != after['spec'].get(key)]
    return changed


def _listed_once(docs: list[Document]) -> set[str]:
    """The item names that exactly one of these resources' documents lists, once."""
    counts = Counter(item['name'] for doc in docs for item in doc.spec.get('items', ()))
    return {name for name, count in counts.items() if count == 1}


class _Writer:
    """Writes validated documents in dependency order, collecting problems instead of stopping."""

    def __init__(self, documents: list[Document], actor: Actor, failed: set[tuple[str, str]], reach: Any = None,
                 *, careful: bool = True):
        self.documents = documents
        # Careful: a savepoint per document, so that a failed one leaves the others to be checked; else
        # the first failure ends the run (``_WriteFailed``).
        self.careful = careful
        self.actor = actor
        self.reach = reach
        self.problems: list[Problem] = []
        self.objects: dict[tuple[str, str], models.Model] = {}
        # Documents already known to be wrong: what refers to them fails without a second message.
        self.failed = set(failed)
        # While resources are written: the item names their documents list once, and those stored.
        self.listed_items: set[str] = set()
        self.stored_items: dict[str, Item] | None = None

    # The context fields write through: names resolved among the files' objects and the stored ones.
    def resolve(self, kind: str, name: str, path: tuple) -> models.Model:
        if kind == 'Practice':
            return self._practice(name)
        obj = self.objects.get((kind, name))
        if obj is None:
            stored = KINDS_BY_NAME[kind].model.objects
            obj = (stored.restrict(self.reach) if self.reach is not None else stored).filter(name=name).first()
            if obj is None:
                if (kind, name) in self.failed:
                    raise SpecError(path, f'{kind} {name!r} could not be written', consequential=True)
                raise SpecError(path, unknown_reference(kind, name))
            self.objects[(kind, name)] = obj
        return obj

    def _practice(self, name: str) -> Practice:
        if ('Practice', name) not in self.objects:
            self.objects[('Practice', name)] = Practice.objects.get_by_name_or_alias(name)
        return self.objects[('Practice', name)]

    def existing_item(self, name: str) -> Item | None:
        """The stored item of that name; those the resources' documents list are read together, once.

        An item listed by one document alone cannot have been created in this run before that document
        asks for it; one listed twice, or named by another kind, is looked for when asked.
        """
        if name not in self.listed_items:
            return Item.objects.filter(name=name).first()
        if self.stored_items is None:
            names = sorted(self.listed_items)
            self.stored_items = {item.name: item for start in range(0, len(names), NAME_CHUNK)
                                 for item in Item.objects.filter(name__in=names[start:start + NAME_CHUNK])}
            vouch_free(Item, 'name', self.listed_items.difference(self.stored_items))
        return self.stored_items.get(name)

    def _write_parts(self, f: Field, step: str, obj: models.Model, spec: dict) -> None:
        """One field's step (``write_related``, ``finish``); a part the services refuse is reported at its path."""
        try:
            getattr(f, step)(obj, spec.get(f.key, MISSING), self)
        except PartRefused as refused:
            raise f.spec_error(refused) from None

    # The run.
    def run(self) -> list[PlanEntry]:
        plan = []
        by_kind: dict[str, list[Document]] = {}
        for doc in self.documents:
            by_kind.setdefault(doc.kind.name, []).append(doc)
        for kind_name in sorted(by_kind, key=KIND_ORDER.__getitem__):
            kind = KINDS_BY_NAME[kind_name]
            docs = self._ordered(kind, by_kind[kind_name])
            self.listed_items = _listed_once(docs) if kind_name == 'Resource' else set()
            self.stored_items = None
            written = []
            # A thousand at a time: what is read to compare them is not all held at once.
            for start in range(0, len(docs), LOAD_CHUNK):
                chunk = docs[start:start + LOAD_CHUNK]
                stored = self._load(kind, [doc.name for doc in chunk if not isinstance(doc, Unchanged)])
                for doc in chunk:
                    if isinstance(doc, Unchanged):  # stored as written: what refers to it finds it there
                        plan.append(PlanEntry(kind_name, doc.name, UNCHANGED))
                        continue
                    entry = self._write(kind, doc, stored.pop(doc.name, None))
                    if entry is not None:
                        plan.append(entry)
                        if entry.action != UNCHANGED:
                            written.append(doc)
            for doc in written if any(f.deferred for f in kind.fields) else ():
                self._guarded(doc, lambda doc=doc, kind=kind: self._write_deferred(kind, doc))
            self._write_held_back()  # before the cycles are looked for, and before the next kind reads them
            if kind_name == 'Resource' and written:
                self._check_dependency_cycles(docs)
        return plan

    def _write_held_back(self) -> None:
        """The rows the batch holds back, written: refused by the database, they fail the run without a
        savepoint per document (only that one holds any back), to run again with them and report where."""
        try:
            write_held_back()
        except DatabaseError as error:
            raise error if self.careful else _WriteFailed from None

    def _ordered(self, kind: Kind, docs: list[Document]) -> list[Document]:
        """Documents of a kind whose objects refer to each other (a parent) come after what they refer to."""
        if not kind.parent_key:
            return docs
        by_name = {doc.name: doc for doc in docs}
        ordered, placed, visiting = [], set(), set()

        def place(doc: Document) -> None:
            if doc.name in placed:
                return
            if doc.name in visiting:
                self.problems.append(doc.problem(('spec', kind.parent_key), 'the parent chain is a cycle'))
                return
            visiting.add(doc.name)
            parent = by_name.get(doc.spec.get(kind.parent_key))
            if parent is not None:
                place(parent)
            visiting.discard(doc.name)
            placed.add(doc.name)
            ordered.append(doc)

        for doc in docs:
            place(doc)
        return ordered

    def _load(self, kind: Kind, names: list[str]) -> dict[str, models.Model]:
        stored = {}
        for start in range(0, len(names), NAME_CHUNK):
            for obj in kind.queryset().filter(name__in=names[start:start + NAME_CHUNK]):
                stored[obj.name] = obj
        return stored

    def _guarded(self, doc: Document, step) -> bool:
        """Run one write step (in a savepoint when careful); a failure becomes a problem of ``doc``."""
        try:
            with transaction.atomic() if self.careful else nullcontext():
                step()
            return True
        except SpecError as error:
            if not error.consequential:
                self.problems.append(doc.problem(('spec', *error.path), error.message))
        except ValidationError as error:
            try:  # at the field's own path: metadata.labels is not spec.labels
                raise_as_spec_error(error, doc.kind.attr_paths(), ('spec',))
            except SpecError as spec_error:
                self.problems.append(doc.problem(spec_error.path, spec_error.message))
        except OutOfReach:
            self.problems.append(doc.problem((), OUT_OF_REACH))
        except (IntegrityError, ProtectedError) as error:
            self.problems.append(doc.problem(('spec',), f'rejected by the database: {error}'))
        except DatabaseError as error:
            self.problems.append(doc.problem(('spec',), f'database error: {error}'))
        if not self.careful:
            raise _WriteFailed
        self.failed.add((doc.kind.name, doc.name))
        return False

    def _write(self, kind: Kind, doc: Document, obj: models.Model | None) -> PlanEntry | None:
        before = document(kind, read_metadata(obj), kind.read(obj)) if obj is not None else None
        after = doc.canonical
        if before == after:
            if self.reach is not None and not kind.model.objects.restrict(self.reach).filter(pk=obj.pk).exists():
                self.problems.append(doc.problem((), OUT_OF_REACH))
                return None
            # Kept to resolve what refers to it, without what was read to compare it (its parts, the
            # objects it refers to): an unchanged catalogue would otherwise hold all of it at once.
            obj.__dict__.pop('_prefetched_objects_cache', None)
            obj._state.fields_cache = {}
            self.objects[(kind.name, doc.name)] = obj
            return PlanEntry(kind.name, doc.name, UNCHANGED)
        target = obj if obj is not None else kind.model(name=doc.name)

        def step() -> None:
            if self.reach is not None and obj is not None:
                check_in_reach(obj, self.reach, 'change')
            self._save(kind, doc, target, before, after)
            if self.reach is not None:
                check_in_reach(target, self.reach, 'add' if obj is None else 'change')

        if not self._guarded(doc, step):
            return None
        self.objects[(kind.name, doc.name)] = target
        if before is None:
            return PlanEntry(kind.name, doc.name, CREATED)
        return PlanEntry(kind.name, doc.name, UPDATED, changed_fields(before, after))

    def _save(self, kind: Kind, doc: Document, obj: models.Model, before: dict | None, after: dict) -> None:
        metadata, spec = after['metadata'], after['spec']

        def set_columns() -> None:
            obj.title = metadata.get('title', '')
            obj.description = metadata.get('description', '')
            obj.labels = metadata.get('labels', {})
            for f in kind.fields:
                f.write(obj, spec.get(f.key, MISSING), self)

        def write_related() -> None:
            for f in kind.fields:
                if not f.deferred:
                    self._write_parts(f, 'write_related', obj, spec)
            for f in kind.fields:
                self._write_parts(f, 'finish', obj, spec)

        write_object(obj, actor=self.actor, set_columns=set_columns, write_related=write_related,
                     before=jsonable(before) if before else None, after=jsonable(after), checked=('name',))

    def _write_deferred(self, kind: Kind, doc: Document) -> None:
        obj = self.objects[(kind.name, doc.name)]
        for f in kind.fields:
            if f.deferred:
                self._write_parts(f, 'write_related', obj, doc.canonical['spec'])

    def _check_dependency_cycles(self, docs: list[Document]) -> None:
        """R18 over the whole stored graph at once: one query, however many edges the files add."""
        cycle = find_dependency_cycle(ResourceDependency.objects.values_list('resource_id', 'depends_on_id'))
        if not cycle:
            return
        names = dict(KINDS_BY_NAME['Resource'].model.objects.filter(pk__in=cycle).values_list('pk', 'name'))
        in_files = {doc.name: doc for doc in docs}
        doc = next((in_files[names[pk]] for pk in cycle if names[pk] in in_files), docs[0])
        self.problems.append(doc.problem(('spec', 'dependsOn'), dependency_cycle(names[pk] for pk in cycle)))



