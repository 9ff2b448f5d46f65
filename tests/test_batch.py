"""A batch an office can leave running: odd entries in the inbox, edited files, files still
being written, one run at a time, a file that hangs or eats memory, a run killed mid-way."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import inbox as inbox_mod
from pipeline.ingest import IngestBusy, ingest, run_lock
from dbrows import rows

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "inbox" / "s000.txt"
OTHER = ROOT / "samples" / "inbox" / "s003.md"


def _errors(db: Path) -> dict[str, str]:
    return {Path(f).name: r for f, r in rows(db, "SELECT file, reason FROM ingest_errors")}


def test_odd_entries_are_one_error_each_and_the_rest_loads(tmp_path, db_path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / "good.txt")
    (inbox / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    outside = tmp_path / "secret.txt"
    outside.write_text("Kính gửi: mật")
    (inbox / "out.txt").symlink_to(outside)
    os.mkfifo(inbox / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(inbox / "sock.txt"))
    (inbox / "linked").symlink_to(tmp_path, target_is_directory=True)
    try:
        summary = ingest(inbox, db_path, progress=False)
    finally:
        sock.close()
    assert summary.loaded == 1
    errors = _errors(db_path)
    assert "dangling symlink" in errors["dangling.txt"]
    assert "out of the inbox" in errors["out.txt"]
    assert "FIFO" in errors["pipe.txt"] and "socket" in errors["sock.txt"]
    assert "not followed" in errors["linked"]
    assert rows(db_path, "SELECT count(*) FROM documents WHERE text LIKE '%mật%'") == [(0,)]


def test_a_name_that_is_not_utf8_loads_with_escapes(tmp_path, db_path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    raw = os.fsencode(str(inbox)) + b"/a\xf4.txt"
    with open(raw, "wb") as fh:
        fh.write(SEED.read_bytes())
    summary = ingest(inbox, db_path, progress=False)
    assert summary.loaded == 1 and summary.failed == 0
    assert rows(db_path, "SELECT file FROM documents")[0][0].endswith("a\\xf4.txt")


def test_a_path_too_long_is_one_error(tmp_path, db_path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / "good.txt")
    fd = os.open(inbox, os.O_RDONLY)
    try:
        for _ in range(20):                      # 20 x 250 characters: past PATH_MAX (4096)
            os.mkdir("d" * 250, dir_fd=fd)
            nxt = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        with open(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as fh:
            fh.write("x")
    finally:
        os.close(fd) if isinstance(fd, int) else None
    summary = ingest(inbox, db_path, progress=False)
    assert summary.loaded == 1
    assert any("too long" in r for r in _errors(db_path).values())


def test_an_unreadable_folder_is_one_error(tmp_path, db_path, monkeypatch) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "locked").mkdir(parents=True)
    shutil.copy(SEED, inbox / "good.txt")
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):      # chmod 000 does not stop root: refuse it here
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = ingest(inbox, db_path, progress=False)
    assert summary.loaded == 1
    assert "cannot read folder" in _errors(db_path)["locked"]


def test_an_edited_file_replaces_its_document(tmp_path, db_path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    target = inbox / "cv.txt"
    target.write_bytes(SEED.read_bytes())
    ingest(inbox, db_path, progress=False)
    old = rows(db_path, "SELECT doc_id FROM documents")[0][0]
    # the office corrects the deadline and saves under the same name
    target.write_text(SEED.read_text(encoding="utf-8").replace("25/01/2026", "28/02/2026"), encoding="utf-8")
    summary = ingest(inbox, db_path, progress=False)
    assert summary.loaded == 1
    docs = rows(db_path, "SELECT doc_id FROM documents")
    assert len(docs) == 1 and docs[0][0] != old
    assert rows(db_path, "SELECT old_doc_id, new_doc_id FROM replacements") == [(old, docs[0][0])]
    deadlines = {r[0] for r in rows(db_path, "SELECT deadline FROM tasks")}
    assert all(str(d) != "2026-01-25" for d in deadlines)
    assert rows(db_path, "SELECT count(*) FROM task_units WHERE doc_id = ?".replace("?", f"'{old}'")) == [(0,)]


def test_unchanged_files_are_not_read_again(tmp_path, db_path, monkeypatch) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / "a.txt")
    ingest(inbox, db_path, progress=False)

    def never(*_a, **_k):
        raise AssertionError("an unchanged file was read")

    monkeypatch.setattr(inbox_mod, "read_bytes", never)
    summary = ingest(inbox, db_path, progress=False)
    assert (summary.skipped, summary.loaded, summary.failed) == (1, 0, 0)


def test_a_file_still_being_written_waits_for_the_next_run(tmp_path, db_path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / "done.txt")
    os.utime(inbox / "done.txt", (time.time() - 60, time.time() - 60))
    (inbox / "copying.txt").write_bytes(SEED.read_bytes()[:200])      # just touched: still arriving
    summary = ingest(inbox, db_path, progress=False, settle=30)
    assert summary.loaded == 1
    assert rows(db_path, "SELECT deferred FROM loads") == [(1,)]
    assert [Path(r[0]).name for r in rows(db_path, "SELECT file FROM documents")] == ["done.txt"]


def test_one_run_per_database(tmp_path, db_path, runner_env=None) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / "a.txt")
    with run_lock(db_path, wait=False):
        with pytest.raises(IngestBusy, match="another ingest is running"):
            ingest(inbox, db_path, progress=False)
        out = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(inbox), "--db", str(db_path)],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert out.returncode == 0 and "another ingest is running" in out.stdout
    assert not db_path.exists() or rows(db_path, "SELECT count(*) FROM documents") == [(0,)]


def test_a_run_left_running_is_marked_interrupted(tmp_path, db_path) -> None:
    from pipeline import store

    con = store.connect(db_path)
    con.execute("INSERT INTO loads (load_id, started_at, status) VALUES ('killed', now(), 'running')")
    con.close()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / "a.txt")
    ingest(inbox, db_path, progress=False)
    assert rows(db_path, "SELECT status FROM loads WHERE load_id = 'killed'") == [("interrupted",)]


def _slow_or_fat(monkeypatch, mode: str) -> None:
    from pipeline import readers

    real = readers.read

    def read(path):
        if Path(path).name.startswith("bad"):
            if mode == "slow":
                time.sleep(60)
            else:
                hog = bytearray(400_000_000)          # 400 MB resident
                hog[::4096] = b"x" * len(hog[::4096])
                time.sleep(30)
        return real(path)

    monkeypatch.setattr(readers, "read", read)


@pytest.mark.parametrize("mode,limits,words", [
    ("slow", {"time_limit": 2}, "time limit"),
    ("fat", {"memory_mb": 250}, "memory limit"),
])
def test_a_file_that_hangs_or_eats_memory_is_stopped_and_the_batch_goes_on(tmp_path, db_path, monkeypatch,
                                                                           mode, limits, words) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / "a.txt")
    shutil.copy(OTHER, inbox / "bad.md")
    shutil.copy(OTHER, inbox / "z.md")
    (inbox / "z.md").write_bytes(OTHER.read_bytes() + b"\n")
    _slow_or_fat(monkeypatch, mode)
    started = time.monotonic()
    summary = ingest(inbox, db_path, progress=False, workers=2, **limits)
    assert time.monotonic() - started < 25
    assert summary.loaded == 2 and summary.failed == 1
    assert words in _errors(db_path)["bad.md"]


def _inbox_of_copies(folder: Path, n: int) -> Path:
    """n distinct files: the two seeds with a line that changes their bytes (not their reading)."""
    folder.mkdir()
    for i in range(n):
        for seed in (SEED, OTHER):
            (folder / f"{seed.stem}_{i:03d}{seed.suffix}").write_bytes(seed.read_bytes() + f"\n<!-- {i} -->\n".encode())
    return folder


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", *args]


def _contents(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows but the run's own bookkeeping (load ids, times)."""
    queries = {
        "documents": "SELECT doc_id, file, code, date, subject, duplicate_of, issuer_unit_id FROM documents",
        "tasks": "SELECT doc_id, task_no, action, deadline FROM tasks",
        "task_units": "SELECT doc_id, task_no, role, position, unit, unit_id FROM task_units",
        "citations": "SELECT doc_id, position, code, cited_doc_id, target_key FROM citations",
        "recipients": "SELECT doc_id, position, text, unit_id FROM recipients",
        "units": "SELECT unit_id, unit_key, name, parent_id FROM units",
        "aliases": "SELECT alias_key, unit_id, doc_id, source FROM unit_aliases",
        "edges": "SELECT * FROM edges",
        "files": "SELECT path, size, doc_id FROM files",
    }
    return {k: sorted(rows(db, q), key=repr) for k, q in queries.items()}


@pytest.mark.slow
def test_killing_ingest_at_any_moment_then_rerunning_gives_a_clean_runs_database(tmp_path) -> None:
    inbox = _inbox_of_copies(tmp_path / "inbox", 12)
    clean = tmp_path / "clean.duckdb"
    subprocess.run(_cli("ingest", str(inbox), "--db", str(clean), "--no-progress"), cwd=ROOT, check=False,
                   capture_output=True, timeout=600)
    want = _contents(clean)
    assert len(want["documents"]) == 24
    for delay in (0.8, 2.5, 5.0):
        db = tmp_path / f"killed_{delay}.duckdb"
        proc = subprocess.Popen(_cli("ingest", str(inbox), "--db", str(db), "--no-progress"), cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        finished = proc.poll() is not None            # a fast machine may finish before the kill
        proc.kill()                                   # SIGKILL: no cleanup of any kind
        proc.wait(30)
        again = subprocess.run(_cli("ingest", str(inbox), "--db", str(db), "--no-progress"), cwd=ROOT,
                               capture_output=True, text=True, timeout=600)
        assert again.returncode == 0, again.stderr
        assert _contents(db) == want, delay
        statuses = [r[0] for r in rows(db, "SELECT status FROM loads ORDER BY started_at")]
        assert statuses[-1] == "ok" and set(statuses[:-1]) <= ({"ok"} if finished else {"interrupted"})


@pytest.mark.slow
def test_an_analyst_can_query_while_ingest_runs(tmp_path) -> None:
    inbox = _inbox_of_copies(tmp_path / "inbox", 15)
    db = tmp_path / "live.duckdb"
    proc = subprocess.Popen(_cli("ingest", str(inbox), "--db", str(db), "--no-progress"), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    answered_while_running = 0
    try:
        while proc.poll() is None:
            if db.exists():
                q = subprocess.run(_cli("missing", "--db", str(db)), cwd=ROOT, capture_output=True, text=True,
                                   timeout=120, env={**os.environ, "CONGVAN_WAIT": "60"})
                if q.returncode == 0 and proc.poll() is None:
                    answered_while_running += 1
            time.sleep(0.3)
    finally:
        proc.wait(600)
    assert proc.returncode == 0
    assert answered_while_running >= 1
