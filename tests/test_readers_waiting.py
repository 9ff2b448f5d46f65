"""An analyst waiting for a running ingest's write window is let in before the next batch."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from pipeline import readers_waiting as rw


def test_a_waiting_reader_is_seen_and_its_mark_goes_with_it(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    assert rw.live_readers(db) == 0
    with rw.waiting(db):
        assert rw.live_readers(db) == 1
    assert rw.live_readers(db) == 0


def test_a_dead_readers_mark_is_ignored_and_removed(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    marks = tmp_path / "x.duckdb.readers"
    marks.mkdir()
    (marks / dead.stdout.strip()).touch()
    (marks / "not-a-pid").touch()
    assert rw.live_readers(db) == 0
    assert list(marks.iterdir()) == []


def test_the_writer_holds_back_while_a_reader_waits_and_no_longer(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    assert rw.hold_back(db) < 0.05            # nobody waits: no delay at all

    def reader() -> None:
        with rw.waiting(db):
            time.sleep(0.4)

    t = threading.Thread(target=reader)
    t.start()
    time.sleep(0.05)
    waited = rw.hold_back(db)
    t.join()
    assert 0.25 < waited < 1.5


def test_the_writer_never_holds_back_longer_than_its_limit(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    with rw.waiting(db):                      # a reader that never connects
        waited = rw.hold_back(db, limit=0.3)
    assert 0.3 <= waited < 1.0


def test_a_read_only_folder_leaves_the_reader_polling(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        return  # root writes anywhere: nothing to check
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with rw.waiting(folder / "x.duckdb"):
            pass                               # no error: the mark is simply not left
    finally:
        folder.chmod(0o755)
