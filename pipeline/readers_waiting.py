"""Analysts waiting for a running ingest's write window, told to the writer.

A running ingest opens the database only to write a batch, but when the writer is the
bottleneck the next batch follows the last at once, and a read-only connection polling
for the gap may never find it. A query that finds the file held leaves a marker
(`<db>.readers/<pid>`) while it waits; before it opens the database for its next batch
the writer holds back (a few seconds at most) while a live reader's marker is there.
A marker of a process that died is ignored and removed.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# the longest the writer holds back for waiting readers before one batch (s)
YIELD_MAX = 3.0
_POLL = 0.05


def _dir(db: Path) -> Path:
    return db.with_name(db.name + ".readers")


@contextmanager
def waiting(db: Path) -> Iterator[None]:
    """Mark this process as waiting to read `db` for the time of the block."""
    mark = _dir(db) / str(os.getpid())
    try:
        mark.parent.mkdir(exist_ok=True)
        mark.touch()
    except OSError:
        mark = None  # a read-only folder: the reader only polls, as before
    try:
        yield
    finally:
        if mark is not None:
            mark.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def live_readers(db: Path) -> int:
    """How many live processes wait to read `db` (stale markers removed)."""
    n = 0
    try:
        marks = list(_dir(db).iterdir())
    except OSError:
        return 0
    for mark in marks:
        if mark.name.isdigit() and _alive(int(mark.name)):
            n += 1
        else:
            mark.unlink(missing_ok=True)
    return n


def hold_back(db: Path, limit: float = YIELD_MAX) -> float:
    """Wait while readers wait for `db` (up to `limit` s); the seconds waited."""
    t0 = time.monotonic()
    while live_readers(db) and time.monotonic() - t0 < limit:
        time.sleep(_POLL)
    return time.monotonic() - t0
