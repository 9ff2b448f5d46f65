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
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline.errors import CongvanError
from schemas.load import IngestErrorItem, Stage
from schemas.record import Record

TIME_LIMIT = 600.0          # s per file: above the OCR caps (300 s of pages), below "blocks the batch"
MEMORY_LIMIT_MB = 1500      # resident memory of one worker
POLL = 0.1                  # s between checks of the workers' clocks and memory


@dataclass(frozen=True)
class Job:
    path: str               # the file system path (may hold surrogate escapes)
    doc_id: str             # sha256 of its bytes, computed by the caller
    name: str               # how it is shown and stored


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
    job: Job | None = None
    started: float = 0.0
    peak: float = 0.0


# what every worker imports for its first file: imported once in the parent before the
# workers are forked, so each worker (and each one started again after a kill) starts warm
PRELOAD = ("pipeline.readers.pdf", "pipeline.readers.docx", "pipeline.readers.docx_package", "pipeline.readers.doc",
           "pipeline.readers.text", "pipeline.readers.signatures", "pipeline.extract", "pypdfium2",
           "pdfplumber.utils.text", "docx")


def preload() -> None:
    import importlib

    for name in PRELOAD:
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


class ProcessPool:
    """`workers` processes; each file read in one, under `time_limit` s and `memory_mb` MB."""

    def __init__(self, workers: int, time_limit: float = TIME_LIMIT, memory_mb: float = MEMORY_LIMIT_MB) -> None:
        self.workers = max(1, workers)
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
        preload()
        slots = [self._start() for _ in range(self.workers)]
        more = True
        try:
            while True:
                for slot in slots:
                    if slot.job is None and more:
                        job = next(pending, None)
                        if job is None:
                            more = False
                        else:
                            slot.job, slot.started, slot.peak = job, time.monotonic(), 0.0
                            slot.conn.send(job)
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
                        except (EOFError, OSError):
                            code = slot.proc.exitcode
                            reason = f"reader crashed (signal {-code})" if code and code < 0 else "reader crashed"
                            done = self._fail(slot, reason)
                            slots[i] = slot = self._replace(slot)
                    else:
                        slot.peak = max(slot.peak, _rss_mb(slot.proc.pid))
                        elapsed = time.monotonic() - slot.started
                        if elapsed > self.time_limit:
                            done = self._fail(slot, f"time limit exceeded ({self.time_limit:.0f} s): reading stopped")
                            slots[i] = slot = self._replace(slot)
                        elif slot.peak > self.memory_mb:
                            done = self._fail(slot, f"memory limit exceeded ({self.memory_mb:.0f} MB): reading stopped")
                            slots[i] = slot = self._replace(slot)
                    if done is not None:
                        slots[i].job = None
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
        self._kill(slot)
        fresh = self._start()
        fresh.job = slot.job        # cleared by the caller once the Done is yielded
        return fresh


def make_pool(workers: int | None, time_limit: float = TIME_LIMIT, memory_mb: float = MEMORY_LIMIT_MB):
    """`workers` None: one per core; 0: in this process."""
    n = (os.cpu_count() or 1) if workers is None else workers
    return InlinePool() if n == 0 else ProcessPool(n, time_limit, memory_mb)
