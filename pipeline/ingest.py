"""Ingest an inbox of dispatches into DuckDB.

Walks the inbox (recursively, in sorted order), and for each file: reads its
bytes and hashes them (a document already stored under that sha256 is skipped
before any parsing, so re-runs are fast), reads and extracts it, and loads the
record in one transaction. A file that fails at any stage leaves one
`ingest_errors` row and one `Error:` line on stderr and the batch goes on.
Every run leaves one `loads` row with its counts.
"""
from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from importlib import metadata
from pathlib import Path

from pipeline import store
from pipeline.errors import CongvanError
from schemas.load import IngestErrorItem, LoadSummary, Stage

# files the walk never treats as documents: hidden files and Office lock files
_IGNORED_PREFIXES = (".", "~$")


class InboxMissing(CongvanError):
    """The inbox folder (or file) does not exist."""


def extractor_version() -> str:
    try:
        return metadata.version("congvan")
    except metadata.PackageNotFoundError:  # running from a tree that was not installed
        return "0+unknown"


def iter_files(inbox: Path) -> list[Path]:
    """Files under `inbox` in sorted order (or `inbox` itself when it is a file)."""
    if inbox.is_file():
        return [inbox]
    if not inbox.is_dir():
        raise InboxMissing(f"no inbox at {inbox}")
    return sorted(
        p for p in inbox.rglob("*")
        if p.is_file() and not any(part.startswith(_IGNORED_PREFIXES) for part in p.relative_to(inbox).parts)
    )


def one_line(exc: BaseException) -> str:
    """A reason on one line: a typed error's message, else the exception's type and message."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if not isinstance(exc, CongvanError):
        text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    text = text or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def ingest(
    inbox: Path,
    db: Path,
    progress: bool = True,
    force: bool = False,
    echo: Callable[[str], None] | None = None,
) -> LoadSummary:
    """Read, extract and load every file under `inbox` into the database `db`.

    Args:
        inbox: a folder (walked recursively) or a single file.
        db: the DuckDB file; created and migrated when needed.
        progress: show a progress bar when stderr is a terminal.
        force: reload documents already stored instead of skipping them.
        echo: where error lines go (default: stderr).

    Returns:
        The run's summary, also written to the `loads` table.
    """
    files = iter_files(Path(inbox))
    con = store.connect(db)
    summary = LoadSummary(
        load_id=datetime.now().strftime("%Y%m%dT%H%M%S%f"),
        inbox=str(inbox),
        db=str(db),
        started_at=datetime.now(),
        extractor_version=extractor_version(),
        schema_version=store.schema_version(con),
    )
    try:
        store.begin_load(con, summary)
        with _progress(len(files), progress) as (advance, say):
            out = echo or say
            for path in files:
                advance(path.name)
                summary.files_read += 1
                error = _ingest_one(con, path, summary.load_id, force)
                if error is None:
                    summary.loaded += 1
                elif error == "skipped":
                    summary.skipped += 1
                else:
                    summary.failed += 1
                    summary.errors.append(error)
                    store.add_error(con, summary.load_id, error)
                    out(f"Error: {error.file}: {error.stage}: {error.reason}")
    except BaseException:
        # interrupted (Ctrl-C) or the store itself failed: never leave the run "running"
        summary.finished_at, summary.status = datetime.now(), "failed"
        try:
            store.finish_load(con, summary)
        finally:
            con.close()
        raise
    try:
        summary.finished_at = datetime.now()
        if summary.failed == 0:
            summary.status = "ok"
        else:
            summary.status = "partial" if summary.loaded or summary.skipped else "failed"
        store.finish_load(con, summary)
    finally:
        con.close()
    return summary


def _ingest_one(con, path: Path, load_id: str, force: bool) -> IngestErrorItem | str | None:
    """Returns None when loaded, "skipped" when unchanged, else the error."""
    from pipeline import readers
    from pipeline.extract import extract_document

    stage: Stage = "read"
    try:
        doc_id = hashlib.sha256(path.read_bytes()).hexdigest()
        if not force and store.has_document(con, doc_id):
            return "skipped"
        doc = readers.read(path)
        stage = "extract"
        record = extract_document(doc)
        stage = "load"
        outcome = store.load_record(con, record, load_id, doc_id=doc_id, file=str(path), replace=force)
        return "skipped" if outcome == "skipped" else None
    except Exception as exc:  # noqa: BLE001 - one file never stops the batch
        if isinstance(exc, CongvanError) and stage == "read":
            stage = exc.stage  # type: ignore[assignment]
        return IngestErrorItem(file=str(path), stage=stage, reason=one_line(exc))


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[tuple[Callable[[str], None], Callable[[str], None]]]:
    """(advance(name), say(line)): a rich bar on a terminal, plain stderr lines otherwise."""

    def plain(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    if not enabled or total < 2 or not sys.stderr.isatty():
        yield (lambda _name: None), plain
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=total)
        first = True

        def advance(name: str) -> None:
            nonlocal first
            if not first:
                bar.advance(task)
            first = False
            bar.update(task, description=name)

        def say(line: str) -> None:
            console.print(line, markup=False, highlight=False, soft_wrap=True)

        yield advance, say
        bar.update(task, completed=total)
