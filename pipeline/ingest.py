"""Ingest an inbox of dispatches into DuckDB: workers read, one writer loads, in short windows.

One run per database at a time (a lock file beside it; a second run says so and
does nothing, or waits with `wait=True`). The walk (pipeline.inbox) lists the
files and records every entry it cannot take. A file whose path, size and
modification time match what an earlier run stored is unchanged and is not
read; any other file is hashed, and one whose bytes are already stored is
skipped. The rest go to the worker pool (pipeline.pool: read and extract,
under a time and memory limit), and the writer loads their records in batches:
it opens the database, writes the batch's new documents in one transaction
(store.load_records: rows inserted together, the graph brought up to date once
for all of them; each with its file's `files` row), the rest -- an edited file
replacing the document its path held, a batch that failed as a whole -- each in
its own, and closes it again, so an analyst's read-only connection gets in
between; when the file is held it waits and retries. A batch is written in a
thread while the workers read on.

Killed at any moment, a run leaves whole documents only; the next run marks
the killed run `interrupted` and loads what it had not.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from importlib import metadata
from pathlib import Path

import duckdb

from pipeline import inbox as inbox_mod
from pipeline import pool as pool_mod
from pipeline import readers_waiting
from pipeline import store
from pipeline.errors import CongvanError, LoadError
from pipeline.inbox import Entry, InboxMissing, display
from pipeline.lifecycle import Mover
from pipeline.pool import Done, Job, make_pool, one_line
from schemas.load import IngestErrorItem, LoadSummary

__all__ = ["InboxMissing", "IngestBusy", "ingest", "iter_files", "one_line"]

# a batch is written when it holds this many documents or is this old; while the previous
# batch is still being written the next one keeps growing (up to BATCH_MAX), so the workers
# are never held up by the writer and a batch's fixed cost -- 120-175 ms of connect, graph
# statements and checkpoint, against ~4 ms a document -- is paid less often when it is the
# bottleneck (DOCX: 25 documents took the writer as long as the two workers took to read them)
BATCH_DOCS = 25
BATCH_SECONDS = 3.0
BATCH_MAX = 250
# DuckDB threads of the writer's connection: a batch is many small statements, which a second
# thread does not speed up, and the cores are the workers'
WRITER_THREADS = 1
# how long the writer waits for a database another process holds, and how it backs off
DB_WAIT = 600.0
BACKOFF = (0.1, 0.2, 0.5, 1.0, 2.0)
# the largest file read per format: no dispatch is bigger, and a bigger one would hold a worker for long
MAX_BYTES = {".txt": 20_000_000, ".md": 20_000_000, ".docx": 60_000_000, ".doc": 60_000_000}
MAX_BYTES_DEFAULT = 300_000_000


class IngestBusy(CongvanError):
    """Another ingest holds the database."""


def extractor_version() -> str:
    try:
        return metadata.version("congvan")
    except metadata.PackageNotFoundError:  # running from a tree that was not installed
        return "0+unknown"


def iter_files(inbox: Path) -> list[Path]:
    """Files under `inbox` in sorted order (or `inbox` itself when it is a file)."""
    return [e.path for e in inbox_mod.walk(Path(inbox))[0]]


@contextmanager
def run_lock(db: Path, wait: bool) -> Iterator[None]:
    """One ingest per database: an flock on `<db>.lock` (released by the kernel when the
    process dies, so a killed run never leaves a stale lock)."""
    path = Path(f"{db}.lock")
    fh = open(path, "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise IngestBusy(f"another ingest is running on {db} (pid {holder}); nothing done") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        yield
    finally:
        fh.close()


def open_db(db: Path, say: Callable[[str], None], patience: float = DB_WAIT) -> duckdb.DuckDBPyConnection:
    """A read-write connection, waiting (with backoff) while another process holds the file."""
    deadline, attempt, told = time.monotonic() + patience, 0, False
    while True:
        try:
            return store.connect(db)
        except LoadError as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            if not told:
                say(f"waiting for {db}: another process holds it (read-only connections too); retrying")
                told = True
            time.sleep(BACKOFF[min(attempt, len(BACKOFF) - 1)])
            attempt += 1


class _Writer:
    """Buffers finished files and writes them in batches, each in a short connection."""

    def __init__(self, db: Path, summary: LoadSummary, force: bool, known: dict, say: Callable[[str], None],
                 out: Callable[[str], None], mover: Mover | None = None) -> None:
        self.db, self.summary, self.force, self.known, self.say, self.out = db, summary, force, known, say, out
        self.mover = mover
        self.buffer: list[tuple[Entry, Done | IngestErrorItem | str]] = []
        self.since = time.monotonic()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        # the summary's counts are kept by this writer's thread and the walk alike
        self.lock = threading.Lock()
        # the buffer is filled by the caller and taken by the writer's thread
        self._buffer_lock = threading.RLock()
        self._active = False        # a writer thread is writing (or about to take the buffer)
        self.ending = False         # every file has been handed to the pool

    def add(self, entry: Entry, outcome: Done | IngestErrorItem | str) -> None:
        with self._buffer_lock:
            self.buffer.append((entry, outcome))
            due, full, busy = self._due(), len(self.buffer) >= BATCH_MAX, self._active
        if busy and not full:
            return              # the writer takes the buffer as soon as its batch is written
        if due:
            self._flush_behind()

    def _due(self) -> bool:
        # once every file has gone to the workers, the few still being read join the last
        # batch rather than make one more (~130 ms of fixed cost when nothing else runs)
        return bool(self.buffer) and (time.monotonic() - self.since > BATCH_SECONDS
                                      or (len(self.buffer) >= BATCH_DOCS and not self.ending))

    def _take(self) -> list[tuple[Entry, Done | IngestErrorItem | str]]:
        with self._buffer_lock:
            batch, self.buffer, self.since = self.buffer, [], time.monotonic()
        return batch

    def _flush_behind(self) -> None:
        """Write the buffer in a thread while the caller keeps the workers fed (DuckDB lets go
        of the GIL while it runs); one batch at a time, in order. Once a batch is written the
        thread goes on with what was buffered meanwhile, if that is due, so a batch never waits
        for the next file to arrive."""
        self.join()
        with self._buffer_lock:
            batch = self._take()
            self._active = bool(batch)
        if not batch:               # the thread joined above has written it
            return

        def run() -> None:
            nonlocal batch
            try:
                while batch:
                    self._flush(batch)
                    with self._buffer_lock:       # decided under the lock `add` looks at
                        batch = self._take() if self._due() else []
                        self._active = bool(batch)
            except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread by join()
                self._error = exc
                self._active = False

        self._thread = threading.Thread(target=run, name="congvan-writer", daemon=True)
        self._thread.start()

    def join(self) -> None:
        """Wait for the batch being written; its failure, if any, is raised here."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def flush(self) -> None:
        """Write everything buffered, and wait until it is written."""
        self.join()
        self._flush(self._take())

    def _flush(self, batch: list[tuple[Entry, Done | IngestErrorItem | str]]) -> None:
        if not batch:
            return
        readers_waiting.hold_back(self.db)  # an analyst waiting for the file gets in first
        con = open_db(self.db, self.say)
        try:
            con.execute(f"SET threads = {WRITER_THREADS}")
            errors = self._write_batch(con, batch)
            failed = []
            for i, (entry, outcome) in enumerate(batch):
                failed.append(errors[i] if i in errors else self._write(con, entry, outcome))
            if self.mover is not None:          # every outcome above has committed: now the files may go
                for (entry, _), error in zip(batch, failed):
                    self.move(con, entry, error)
        finally:
            con.close()

    def move(self, con, entry: Entry, error: IngestErrorItem | None) -> None:
        """Move a committed file out of the inbox; its `files` row and document follow it."""
        target = self.mover.move(entry, error) if self.mover else None
        if target is None or error is not None:
            return
        new = display(target)
        con.execute("UPDATE files SET path = ? WHERE path = ?", [new, entry.name])
        con.execute("UPDATE documents SET file = ? WHERE file = ?", [new, entry.name])

    def _write_batch(self, con, batch) -> dict[int, IngestErrorItem | None]:
        """The buffer's new documents (read, not replacing an edited file's old one) in one
        transaction (store.load_records); {index in the buffer: error} of those written. When
        the batch fails as a whole nothing is returned and `_write` loads them one by one."""
        picked: list[int] = []
        for i, (entry, outcome) in enumerate(batch):
            if not isinstance(outcome, Done) or outcome.record is None or outcome.error is not None or self.force:
                continue
            old = self.known.get(entry.name)
            if old and old[2] != outcome.record.doc_id and not self._shared(con, old[2], entry.name):
                continue                                   # an edited file: its old document goes too
            picked.append(i)
        if len(picked) < 2:
            return {}
        items = []
        files: list[tuple[Entry, str]] = []
        for i in picked:
            entry, done = batch[i]
            record = done.record  # type: ignore[union-attr]
            items.append((record, record.doc_id, entry.name, None))
            files.append((entry, record.doc_id))
        try:
            results = store.load_records(con, items, self.summary.load_id,
                                         after=lambda c: self._files_rows(c, files))
        except Exception:  # noqa: BLE001 - rolled back: each is loaded alone, so the bad one is named
            return {}
        with self.lock:
            for result in results:
                if result == "skipped":
                    self.summary.skipped += 1
                else:
                    self.summary.loaded += 1
        return {i: None for i in picked}

    def _write(self, con, entry: Entry, outcome: Done | IngestErrorItem | str) -> IngestErrorItem | None:
        """Write one outcome in its own transaction; the error recorded, if any."""
        s = self.summary
        if isinstance(outcome, str):                       # the bytes are stored already: doc_id
            self._files_row(con, entry, outcome)
            with self.lock:
                s.skipped += 1
            return None
        error = outcome if isinstance(outcome, IngestErrorItem) else outcome.error
        if error is None:
            record = outcome.record  # type: ignore[union-attr]
            old = self.known.get(entry.name)
            supersedes = old[2] if old and old[2] != record.doc_id and not self._shared(con, old[2], entry.name) \
                else None

            def also(c) -> None:
                self._files_row(c, entry, record.doc_id)
                if supersedes:
                    c.execute("INSERT INTO replacements VALUES (?, ?, ?, ?, ?)",
                              [entry.name, supersedes, record.doc_id, s.load_id, datetime.now()])

            try:
                result = store.load_record(con, record, s.load_id, doc_id=record.doc_id, file=entry.name,
                                           replace=self.force, supersedes=supersedes, also=also)
            except Exception as exc:  # noqa: BLE001 - the store rolled back; one file never stops the batch
                error = IngestErrorItem(file=entry.name, stage="load", reason=one_line(exc))
            else:
                with self.lock:
                    if result == "skipped":
                        s.skipped += 1
                    else:
                        s.loaded += 1
                return None
        with self.lock:
            s.failed += 1
            s.errors.append(error)
        store.add_error(con, s.load_id, error)
        self.out(f"Error: {error.file}: {error.stage}: {error.reason}")
        return error

    def _files_row(self, con, entry: Entry, doc_id: str) -> None:
        self._files_rows(con, [(entry, doc_id)])

    def _files_rows(self, con, rows: list[tuple[Entry, str]]) -> None:
        """`files` rows in one INSERT per 500: a statement costs DuckDB ~2 ms to prepare,
        one per document was a tenth of the writer's time."""
        for k in range(0, len(rows), 500):
            chunk = rows[k:k + 500]
            values: list[object] = []
            for entry, doc_id in chunk:
                values += [entry.name, entry.size, entry.mtime_ns, doc_id, self.summary.load_id, datetime.now()]
            con.execute("INSERT OR REPLACE INTO files VALUES " + ", ".join(["(?, ?, ?, ?, ?, ?)"] * len(chunk)),
                        values)

    @staticmethod
    def _shared(con, doc_id: str, path: str) -> bool:
        # the old bytes are still another path's document: it stays
        return bool(con.execute("SELECT 1 FROM files WHERE doc_id = ? AND path <> ?", [doc_id, path]).fetchall())


def ingest(
    inbox: Path,
    db: Path,
    progress: bool = True,
    force: bool = False,
    echo: Callable[[str], None] | None = None,
    workers: int | None = None,
    wait: bool = False,
    settle: float | None = None,
    time_limit: float | None = None,
    memory_mb: float | None = None,
    move: bool = False,
) -> LoadSummary:
    """Read, extract and load every file under `inbox` into the database `db`.

    Args:
        inbox: a folder (walked recursively) or a single file.
        db: the DuckDB file; created and migrated when needed.
        progress: show a progress bar when stderr is a terminal.
        force: re-read and reload documents already stored.
        echo: where error lines go (default: stderr).
        workers: reader processes (None: one per core; 0: in this process).
        wait: wait for another ingest of the same database instead of doing nothing.
        settle: seconds a file must have been left unmodified (one still being copied is left for
            later); default $CONGVAN_SETTLE or pipeline.inbox.SETTLE_SECONDS.
        time_limit: seconds one file may take (default pipeline.pool.TIME_LIMIT).
        memory_mb: resident memory one worker may use (default pipeline.pool.MEMORY_LIMIT_MB).
        move: after each commit, move loaded files to `processed/` and failed ones to
            `quarantine/` (with `NAME.error.txt`) at the top of the inbox (pipeline.lifecycle).

    Returns:
        The run's summary, also written to the `loads` table.
    """
    if settle is None:
        settle = float(os.environ.get("CONGVAN_SETTLE", inbox_mod.SETTLE_SECONDS))
    entries, problems = inbox_mod.walk(Path(inbox))
    with run_lock(Path(db), wait):
        limits: dict = {k: v for k, v in (("time_limit", time_limit), ("memory_mb", memory_mb)) if v}
        limits["suffixes"] = {e.path.suffix.lower() for e in entries}
        if workers != 0 and entries:
            pool_mod.warm(limits["suffixes"])      # the readers' imports while the database opens
        mover = Mover(Path(inbox)) if move else None
        return _run(Path(inbox), Path(db), entries, problems, progress, force, echo, workers, settle, limits, mover)


def _run(inbox, db, entries, problems, progress, force, echo, workers, settle, limits, mover) -> LoadSummary:
    plain = _plain
    con = open_db(db, echo or plain)
    try:
        # the lock is ours: a run still `running` was killed
        con.execute("UPDATE loads SET status = 'interrupted', finished_at = coalesce(finished_at, now())"
                    " WHERE status = 'running'")
        summary = LoadSummary(
            load_id=datetime.now().strftime("%Y%m%dT%H%M%S%f"), inbox=display(inbox), db=display(db),
            started_at=datetime.now(), extractor_version=extractor_version(),
            schema_version=store.schema_version(con))
        store.begin_load(con, summary)
        con.execute("UPDATE loads SET pid = ? WHERE load_id = ?", [os.getpid(), summary.load_id])
        known = {r[0]: (r[1], r[2], r[3]) for r in con.execute(
            "SELECT path, size, mtime_ns, doc_id FROM files").fetchall()}
        stored = {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()}
    finally:
        con.close()
    deferred = 0
    writer: _Writer | None = None
    try:
        with _progress(len(entries), progress) as (advance, say):
            out = echo or say
            writer = _Writer(db, summary, force, known, say, out, mover)
            for problem in problems:
                summary.files_read += 1
                writer.add(Entry(Path(problem.file), 0, 0), problem)
            jobs: dict[str, Entry] = {}
            unchanged: list[Entry] = []

            def plan() -> Iterator[Job]:
                nonlocal deferred
                now = time.time()
                for entry in entries:
                    name = entry.name
                    if inbox_mod.settling(entry, now, settle):
                        deferred += 1
                        continue
                    summary.files_read += 1
                    seen = known.get(name)
                    if not force and seen and seen[:2] == (entry.size, entry.mtime_ns) and seen[2] in stored:
                        with writer.lock:
                            summary.skipped += 1    # unchanged: not even read
                        if mover is not None:       # stored by an earlier run without --move
                            unchanged.append(entry)
                        advance(name)
                        continue
                    try:
                        limit = MAX_BYTES.get(entry.path.suffix.lower(), MAX_BYTES_DEFAULT)
                        doc_id = hashlib.sha256(inbox_mod.read_bytes(entry, limit)).hexdigest()
                    except (OSError, CongvanError) as exc:
                        writer.add(entry, IngestErrorItem(file=name, stage="read", reason=one_line(exc)))
                        advance(name)
                        continue
                    if not force and doc_id in stored:
                        writer.add(entry, doc_id)
                        advance(name)
                        continue
                    jobs[name] = entry
                    yield Job(str(entry.path), doc_id, name, entry.size)
                writer.ending = True

            pool = make_pool(workers, **limits)
            for done in pool.run(plan()):
                advance(done.job.name)
                entry = jobs.pop(done.job.name)
                writer.add(entry, done)
                if done.record is not None:
                    stored.add(done.job.doc_id)
            writer.flush()
            if unchanged:
                con = open_db(db, say)
                try:
                    for entry in unchanged:
                        writer.move(con, entry, None)
                finally:
                    con.close()
    except BaseException as exc:
        # interrupted (Ctrl-C) or the store itself failed: never leave the run "running"
        if writer is not None:
            try:                        # the batch being written commits or rolls back first
                writer.join()
            except BaseException:  # noqa: BLE001 - the first failure is the one raised
                pass
        summary.finished_at = datetime.now()
        summary.status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        _finish(db, summary, deferred)
        raise
    summary.finished_at = datetime.now()
    if summary.failed == 0:
        summary.status = "ok"
    else:
        summary.status = "partial" if summary.loaded or summary.skipped else "failed"
    _finish(db, summary, deferred)
    if deferred:
        (echo or plain)(f"{deferred} file(s) still being written: left for the next run")
    return summary


def _finish(db: Path, summary: LoadSummary, deferred: int) -> None:
    summary.deferred = deferred
    con = open_db(db, _plain)
    try:
        store.finish_load(con, summary)
        con.execute("UPDATE loads SET deferred = ? WHERE load_id = ?", [deferred, summary.load_id])
    finally:
        con.close()


def _plain(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[tuple[Callable[[str], None], Callable[[str], None]]]:
    """(advance(name), say(line)): a rich bar on a terminal, plain stderr lines otherwise."""
    if not enabled or total < 2 or not sys.stderr.isatty():
        yield (lambda _name: None), _plain
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=total)

        def advance(name: str) -> None:
            bar.advance(task)
            bar.update(task, description=name)

        def say(line: str) -> None:
            console.print(line, markup=False, highlight=False, soft_wrap=True)

        yield advance, say
        bar.update(task, completed=total)
