"""Reading and extracting files in worker processes, each file under a time and memory limit.

The interface is small on purpose -- `run(jobs)` yields one `Done` per job, in the
order they finish -- so another engine (a cluster) can replace `ProcessPool`
without touching readers, extractors or the store. `InlinePool` does the same
work in the calling process (tests, `--workers 0`).

A worker that goes past the time limit or the memory cap is killed with its
whole process group (tesseract and LibreOffice children included), the file
gets one error, and a fresh worker takes the next file: one pathological file
never stops the batch. Workers die with the parent (PR_SET_PDEATHSIG), so a
killed ingest leaves no orphan reading on.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline.errors import CongvanError
from schemas.load import IngestErrorItem, Stage
from schemas.record import Record

TIME_LIMIT = 600.0          # s per file: above the OCR caps (300 s of pages), below "blocks the batch"
MEMORY_LIMIT_MB = 1500      # resident memory of one worker
POLL = 0.1                  # s between checks of the workers' clocks and memory
# A worker is sent its next file while it reads this one when this one is light (a text or
# DOCX file this small reads in milliseconds): it never waits for the parent between two
# files, where the parent, busy writing a batch, answered in ~5 ms (a quarter of a DOCX's
# reading). Behind a PDF or an image (an OCR of minutes, perhaps) nothing is queued, so no
# file waits for a slow one while another worker is free.
LIGHT_SUFFIXES = (".docx", ".txt", ".md")
LIGHT_BYTES = 1_000_000


@dataclass(frozen=True)
class Job:
    path: str               # the file system path (may hold surrogate escapes)
    doc_id: str             # sha256 of its bytes, computed by the caller
    name: str               # how it is shown and stored
    size: int = -1          # bytes, when the caller knows them (-1: unknown)

    @property
    def light(self) -> bool:
        """Read in milliseconds: another file may wait behind it in its worker's queue."""
        return 0 <= self.size <= LIGHT_BYTES and self.path.lower().endswith(LIGHT_SUFFIXES)


@dataclass
class Done:
    job: Job
    record: Record | None = None
    error: IngestErrorItem | None = None
    seconds: float = 0.0
    peak_rss_mb: float = 0.0


def one_line(exc: BaseException) -> str:
    """A reason on one line: a typed error's message, else the exception's type and message."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if not isinstance(exc, CongvanError):
        text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    text = text or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def work(job: Job) -> Done:
    """Read and extract one file (in whatever process runs it)."""
    from pipeline import readers
    from pipeline.extract import extract_document

    started = time.monotonic()
    stage: Stage = "read"
    try:
        doc = readers.read(Path(job.path))
        stage = "extract"
        record = extract_document(doc)
        record.doc_id, record.file = job.doc_id, job.name
        return Done(job, record=record, seconds=time.monotonic() - started, peak_rss_mb=_self_peak_mb())
    except MemoryError:
        return Done(job, error=IngestErrorItem(file=job.name, stage=stage, reason="out of memory"))
    except Exception as exc:  # noqa: BLE001 - one file never stops the batch
        if isinstance(exc, CongvanError) and stage == "read":
            stage = exc.stage  # type: ignore[assignment]
        return Done(job, error=IngestErrorItem(file=job.name, stage=stage, reason=one_line(exc)),
                    seconds=time.monotonic() - started, peak_rss_mb=_self_peak_mb())


def _self_peak_mb() -> float:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class InlinePool:
    """Every job in this process, one after the other (no limits)."""

    workers = 0

    def run(self, jobs: Iterable[Job]) -> Iterator[Done]:
        for job in jobs:
            yield work(job)


def _serve(conn: Connection, ocr_threads: int | None = None) -> None:
    # own process group, so a kill takes the OCR children with it; die with the parent
    os.setpgrp()
    if ocr_threads and "CONGVAN_OCR_THREADS" not in os.environ:
        # the pool's processes keep the cores busy already: a page in flight more per worker
        # gains nothing and holds ~100 MB of images (peak 472 MB against 330 on two scans)
        os.environ["CONGVAN_OCR_THREADS"] = str(ocr_threads)
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)       # Ctrl-C is the parent's to handle
    gc.freeze()                                        # the modules the parent preloaded
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        conn.send(work(job))
        _collect()


def _collect() -> None:
    """Free the file's garbage now, while the parent handles the record just sent.

    A document's parse trees hold reference cycles (python-docx, lxml proxies) that only
    a full collection frees, and CPython runs one rarely: 13 copies of a 145,000-character
    DOCX took a worker from 170 MB to 480 MB. What survives a full collection is frozen
    (kept out of later ones), so each collection walks only what the last file left:
    under 1 ms for a small file, ~20 ms for one that leaves 100 MB of trees.
    """
    gc.collect()
    gc.freeze()


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


@dataclass
class _Slot:
    proc: mp.Process
    conn: Connection
    # the files sent to the worker, in order: the first is being read, since `started`
    queue: deque[Job] = field(default_factory=deque)
    started: float = 0.0
    peak: float = 0.0

    @property
    def job(self) -> Job | None:
        return self.queue[0] if self.queue else None

    def wants(self) -> bool:
        """Whether the worker should be sent another file now."""
        return not self.queue or (len(self.queue) == 1 and self.queue[0].light)

    def send(self, job: Job) -> None:
        if not self.queue:
            self.started, self.peak = time.monotonic(), 0.0
        self.queue.append(job)
        self.conn.send(job)

    def next(self) -> None:
        """The first file is done: the worker has gone on to the next one, if any."""
        self.queue.popleft()
        self.started, self.peak = time.monotonic(), 0.0


# what every worker imports for its first file: imported once in the parent before the
# workers are forked, so each worker (and each one started again after a kill) starts warm
PRELOAD = ("pipeline.readers.pdf", "pipeline.readers.docx", "pipeline.readers.docx_package", "pipeline.readers.doc",
           "pipeline.readers.text", "pipeline.readers.signatures", "pipeline.extract", "pypdfium2",
           "pdfplumber.utils.text", "docx")
# ... of which a format needs these (pipeline.extract and the extractors every file needs): an
# inbox without PDFs does not wait for the PDF libraries (~0.1 s of a run's start). A file read
# by its content as another format (a DOCX named .pdf) imports that reader in its worker.
_PDF = ("pipeline.readers.pdf", "pipeline.readers.signatures", "pypdfium2", "pdfplumber.utils.text")
_DOCX = ("pipeline.readers.docx", "pipeline.readers.docx_package", "docx")
PRELOAD_BY_SUFFIX: dict[str, tuple[str, ...]] = {
    ".pdf": _PDF, ".docx": _DOCX, ".doc": ("pipeline.readers.doc", *_DOCX),
    ".txt": ("pipeline.readers.text",), ".md": ("pipeline.readers.text",),
}

_warming: threading.Thread | None = None


def preload_modules(suffixes: Collection[str] | None = None) -> list[str]:
    """The modules to preload for files of these suffixes (None: every format)."""
    if suffixes is None:
        names = list(PRELOAD)
    else:
        names = [m for sfx in sorted({x.lower() for x in suffixes}) for m in PRELOAD_BY_SUFFIX.get(sfx, PRELOAD)]
    return [*dict.fromkeys([*names, "pipeline.extract"])]


def preload(suffixes: Collection[str] | None = None) -> None:
    import importlib

    global _warming
    if _warming is not None and _warming is not threading.current_thread():
        _warming.join()             # never fork while a thread may hold an import lock
        _warming = None
    for name in preload_modules(suffixes):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - an optional library missing: its format fails in the worker
            pass
    try:
        from pipeline.extract import FIELDS

        for name in FIELDS.values():
            importlib.import_module(name)
    except Exception:  # noqa: BLE001
        pass


def warm(suffixes: Collection[str] | None = None) -> None:
    """Start the preload in a thread, so it runs while the caller opens the database (DuckDB
    lets go of the GIL); the pool joins it before it forks."""
    global _warming
    if _warming is None:
        _warming = threading.Thread(target=preload, args=(suffixes,), name="congvan-preload", daemon=True)
        _warming.start()


class ProcessPool:
    """`workers` processes; each file read in one, under `time_limit` s and `memory_mb` MB."""

    def __init__(self, workers: int, time_limit: float = TIME_LIMIT, memory_mb: float = MEMORY_LIMIT_MB,
                 suffixes: Collection[str] | None = None) -> None:
        self.workers = max(1, workers)
        self.suffixes = suffixes        # the formats to preload for (None: all)
        self.time_limit = time_limit
        self.memory_mb = memory_mb
        self._ctx = mp.get_context("fork")

    def _start(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        threads = max(1, (os.cpu_count() or 1) // self.workers)
        proc = self._ctx.Process(target=_serve, args=(child, threads), daemon=True)
        proc.start()
        child.close()
        return _Slot(proc, parent)

    def _kill(self, slot: _Slot) -> None:
        try:
            os.killpg(slot.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            slot.proc.kill()
        slot.proc.join(5)
        slot.conn.close()

    def run(self, jobs: Iterable[Job]) -> Iterator[Done]:
        pending = iter(jobs)
        preload(self.suffixes)
        slots = [self._start() for _ in range(self.workers)]
        more = True
        try:
            while True:
                for slot in slots:
                    while more and slot.wants():
                        job = next(pending, None)
                        if job is None:
                            more = False
                        else:
                            slot.send(job)
                busy = [s for s in slots if s.job is not None]
                if not busy:
                    return
                ready = wait([s.conn for s in busy], timeout=POLL)
                for i, slot in enumerate(slots):
                    if slot.job is None:
                        continue
                    done: Done | None = None
                    if slot.conn in ready:
                        try:
                            done = slot.conn.recv()
                            done.peak_rss_mb = max(done.peak_rss_mb, slot.peak)
                            slot.next()
                        except (EOFError, OSError):
                            code = slot.proc.exitcode
                            reason = f"reader crashed (signal {-code})" if code and code < 0 else "reader crashed"
                            done = self._fail(slot, reason)
                            slots[i] = self._replace(slot)
                    else:
                        slot.peak = max(slot.peak, _rss_mb(slot.proc.pid))
                        elapsed = time.monotonic() - slot.started
                        if elapsed > self.time_limit:
                            done = self._fail(slot, f"time limit exceeded ({self.time_limit:.0f} s): reading stopped")
                            slots[i] = self._replace(slot)
                        elif slot.peak > self.memory_mb:
                            done = self._fail(slot, f"memory limit exceeded ({self.memory_mb:.0f} MB): reading stopped")
                            slots[i] = self._replace(slot)
                    if done is not None:
                        yield done
        finally:
            for slot in slots:
                if slot.proc.is_alive():
                    try:
                        slot.conn.send(None)
                    except (OSError, BrokenPipeError):
                        pass
                    slot.proc.join(1)
                    if slot.proc.is_alive():
                        self._kill(slot)

    def _fail(self, slot: _Slot, reason: str) -> Done:
        job = slot.job
        assert job is not None
        return Done(job, error=IngestErrorItem(file=job.name, stage="read", reason=reason),
                    seconds=time.monotonic() - slot.started, peak_rss_mb=slot.peak)

    def _replace(self, slot: _Slot) -> _Slot:
        """A fresh worker for a killed (or crashed) one: the file it was reading has failed,
        the ones queued behind it are sent to the fresh worker."""
        self._kill(slot)
        fresh = self._start()
        slot.queue.popleft()
        for job in slot.queue:
            fresh.send(job)
        return fresh


def make_pool(workers: int | None, time_limit: float = TIME_LIMIT, memory_mb: float = MEMORY_LIMIT_MB,
              suffixes: Collection[str] | None = None) -> InlinePool | ProcessPool:
    """`workers` None: one per core; 0: in this process. `suffixes`: the formats the jobs will
    be (the readers preloaded before the workers fork; None: every format)."""
    n = (os.cpu_count() or 1) if workers is None else workers
    return InlinePool() if n == 0 else ProcessPool(n, time_limit, memory_mb, suffixes)
