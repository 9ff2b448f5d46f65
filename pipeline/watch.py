"""`congvan watch INBOX`: ingest files as they arrive, once they have stopped growing.

watchfiles (inotify) wakes the loop when something under the inbox changes; each
wake-up runs one ordinary ingest (pipeline.ingest), so everything a batch does —
the lock, the unchanged-file skip, the short write windows, `--move` — holds here
too. A file modified within the settle time is still being copied in: the run
leaves it (`deferred`) and the loop looks again after the settle time even when
no new event comes, so the last file of a copy is not forgotten.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from pipeline import inbox as inbox_mod
from pipeline.ingest import ingest
from schemas.load import LoadSummary


def watch(
    inbox: Path,
    db: Path,
    on_run: Callable[[LoadSummary], None],
    stop: threading.Event | None = None,
    settle: float | None = None,
    workers: int | None = None,
    move: bool = False,
) -> None:
    """Ingest `inbox` now, then again after every change under it, until `stop` is set
    (or Ctrl-C). `on_run` gets each run's summary."""
    import watchfiles

    if settle is None:
        settle = float(os.environ.get("CONGVAN_SETTLE", inbox_mod.SETTLE_SECONDS))
    stop = stop or threading.Event()
    inbox = Path(inbox).resolve()        # watchfiles reports absolute paths

    def run() -> LoadSummary:
        summary = ingest(inbox, db, progress=False, workers=workers, wait=True, settle=settle, move=move)
        on_run(summary)
        return summary

    run()
    # files that arrived between that run and the watcher's start send no event: the first
    # wake-up (an event, or the timeout) runs once more, after the watcher is listening
    pending = 1
    # the timeout wakes the loop to retry deferred files; changes are batched for a short while
    ticks = watchfiles.watch(inbox, stop_event=stop, rust_timeout=int(max(settle, 0.5) * 1000) + 100,
                             yield_on_timeout=True, debounce=500, step=100, recursive=True)
    for changes in ticks:
        if stop.is_set():
            break
        ours = {c for c in changes if not _reserved(inbox, Path(c[1]))}   # our own moves wake nothing
        if ours or pending:
            run()
    # files that arrived between that run and the watcher's start send no event: the first
    # wake-up (an event, or the timeout) runs once more, after the watcher is listening
    pending = 1


def _reserved(inbox: Path, path: Path) -> bool:
    try:
        rel = path.relative_to(inbox)
    except ValueError:
        return False
    return bool(rel.parts) and rel.parts[0] in inbox_mod.RESERVED_DIRS
