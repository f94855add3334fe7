"""``accord apply`` from the command line: files unchanged since its last apply are not read again.

Each apply the command line keeps records its files (``AppliedFile``): path, SHA-256, the kind and
name of each document, Accord's version, and the marks of the database's writes after the apply
(``accord.core.versions.WriteMark``). The next one skips a file, without reading it, when its
path, content and the version are the same and nothing has been written to the database since:
then every object the file holds is stored as the file says, and the plan prints each as
unchanged. The other files are read as always; their references to the skipped files' objects
resolve in the database. When a problem involves a skipped file's document (a name defined
twice, a parent cycle), or anything is wrong at all, every file is read, so that each problem is
reported at its file and line exactly as without skipping.

"Nothing written since" takes both marks:

- the last change-log row's id: the services write one for each object whatever the path (the
  API, the admin, the web forms, the CLI's verbs, ``accord consume``'s bulk events, the importer,
  ``accord demo``); a transaction sees its own at once, so a test, which never commits, sees a
  write made between two applies;
- the data version, moved when a transaction commits by every write through the ORM and by the
  bulk paths that call ``note_write``, logged or not; within this process, its count of writes,
  which also moves for an unlogged write not yet committed.

Another writer that commits while an apply runs leaves a mark no apply matches: the next one
compares every file. A write that neither logs nor goes through the ORM (raw SQL, a database
edited or restored by hand) is not seen: ``accord apply --compare-all`` compares every file.
A browser's upload is bounded by a user's reach and never skips (``write_catalogue``).
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from django.db import DEFAULT_DB_ALIAS

import accord
from accord.core.models import AppliedFile
from accord.core.services import Actor, record_applied_files
from accord.core.versions import WriteMark, write_mark
from accord.interchange.apply import ApplyResult, apply_catalogue, read_catalogue, write_catalogue
from accord.interchange.documents import CompareAll, Document, Unchanged
from accord.interchange.kinds import KINDS_BY_NAME
from accord.interchange.loading import MAX_FILE_BYTES, catalogue_files

_NO_SPEC = MappingProxyType({})

# This process's count of writes after the record it kept last, per database: a write of its own
# since then, even one not committed and not logged, means the record no longer holds.
_local_after_record: dict[str, int] = {}


@dataclass(frozen=True)
class SourceFile:
    """A file named on the command line (or found in a folder named), and the digest of its content."""

    path: Path
    resolved: str
    sha256: str | None  # None: unreadable or too large, so read (and reported) as always


def apply_recorded(paths: list[str], *, actor: Actor, dry_run: bool = False, compare_all: bool = False) -> ApplyResult:
    """``apply_catalogue``, skipping the files unchanged since the last apply unless ``compare_all``, and keeping
    the record of the files applied in the apply's transaction (never a dry run's)."""
    start = write_mark()
    files = source_files(paths) if all(Path(path).exists() for path in paths) else []
    if not files or len({file.resolved for file in files}) < len(files):
        # A path missing, or a file named twice: reported as always (or, without documents, nothing to skip).
        return apply_catalogue(paths, actor=actor, dry_run=dry_run)
    skipped = {} if compare_all else skippable(files, start)
    try:
        return _apply(files, skipped, start, actor, dry_run)
    except CompareAll:
        return _apply(files, {}, start, actor, dry_run)


def source_files(paths: list[str]) -> list[SourceFile]:
    """The catalogue files of ``paths``, in the order they are applied, with their digests."""
    return [SourceFile(path, str(path.resolve()), _digest(path)) for path in catalogue_files(paths)]


def _digest(path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def skippable(files: list[SourceFile], mark: WriteMark, using: str = DEFAULT_DB_ALIAS) -> dict[str, list[Unchanged]]:
    """The documents of each file that may be skipped, by resolved path: none unless nothing was written since."""
    if _local_after_record.get(using, mark.local) != mark.local:
        return {}
    resolved = [file.resolved for file in files]
    digests = {file.resolved: file.sha256 for file in files}
    return {
        record.path: _unchanged(record.documents)
        for record in AppliedFile.objects.using(using).filter(path__in=resolved)
        if (record.sha256 == digests[record.path] and record.accord_version == accord.__version__
            and (record.last_change, record.data_version) == (mark.last_change, mark.data_version))
    }


def _unchanged(documents: list[list[str]]) -> list[Unchanged]:
    return [Unchanged(KINDS_BY_NAME[kind], name, {KINDS_BY_NAME[kind].parent_key: parent[0]} if parent else _NO_SPEC)
            for kind, name, *parent in documents]


def _apply(files: list[SourceFile], skipped: dict[str, list[Unchanged]], start: WriteMark, actor: Actor,
           dry_run: bool) -> ApplyResult:
    read = [str(file.path) for file in files if file.resolved not in skipped]
    documents, problems = read_catalogue(read)
    if skipped and (problems or _defined_twice(documents, skipped.values())):
        raise CompareAll
    by_file: dict[str, list[Document | Unchanged]] = {name: [] for name in read}
    for doc in documents:
        by_file[doc.raw.file].append(doc)
    in_order = [doc for file in files for doc in _documents_of(file, skipped, by_file)]
    result = write_catalogue(in_order, problems, actor=actor, dry_run=dry_run,
                             on_written=lambda: _keep_record(files, skipped, by_file, start))
    result.skipped_files = len(skipped)
    return result


def _documents_of(file: SourceFile, skipped: dict[str, list[Unchanged]],
                  by_file: dict[str, list[Document | Unchanged]]) -> list[Document | Unchanged]:
    return skipped[file.resolved] if file.resolved in skipped else by_file[str(file.path)]


def _defined_twice(documents: list[Document], skipped: Iterable[list[Unchanged]]) -> bool:
    keys = {(doc.kind.name, doc.name) for doc in documents}
    return any((doc.kind.name, doc.name) in keys for docs in skipped for doc in docs)


def _keep_record(files: list[SourceFile], skipped: dict[str, list[Unchanged]],
                 by_file: dict[str, list[Document | Unchanged]], start: WriteMark) -> None:
    """Record the files applied, unless every one was skipped and none added or left out: that record stands."""
    if len(skipped) == len(files) and set(AppliedFile.objects.values_list('path', flat=True)) == set(skipped):
        return
    mark = record_applied_files([
        AppliedFile(path=file.resolved, sha256=file.sha256 or '', accord_version=accord.__version__,
                    documents=_names(_documents_of(file, skipped, by_file)))
        for file in files
    ], start=start)
    _local_after_record[DEFAULT_DB_ALIAS] = mark.local


def _names(documents: list[Document | Unchanged]) -> list[list[str]]:
    """Each document's [kind, name], and its parent's name when its kind has one."""
    names = []
    for doc in documents:
        parent = doc.spec.get(doc.kind.parent_key) if doc.kind.parent_key else None
        names.append([doc.kind.name, doc.name, parent] if parent else [doc.kind.name, doc.name])
    return names
