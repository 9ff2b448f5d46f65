"""A damaged database file or a full disk: one `Error:` line, never a traceback, and
what was loaded before is still there, whole."""
from __future__ import annotations

import hashlib
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
INBOX = ROOT / "samples" / "inbox"


def _cli(*args: str, limit_bytes: int | None = None) -> subprocess.CompletedProcess:
    def cap() -> None:                              # a disk that fills up at limit_bytes
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, preexec_fn=cap if limit_bytes else None)


def test_a_truncated_database_is_one_error_line_for_ingest_and_queries(tmp_path) -> None:
    good = tmp_path / "good.duckdb"
    assert _cli("ingest", str(INBOX / "s000.txt"), "--db", str(good), "--workers", "0").returncode == 0
    cut = tmp_path / "cut.duckdb"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    for args in (("ingest", str(INBOX), "--db", str(cut), "--workers", "0", "--no-progress"),
                 ("tasks", "--db", str(cut)), ("missing", "--db", str(cut))):
        done = _cli(*args)
        assert done.returncode == 1, args
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error:") and "Traceback" not in done.stderr, done.stderr
    not_db = tmp_path / "notes.duckdb"
    not_db.write_text("not a database")
    done = _cli("ingest", str(INBOX), "--db", str(not_db), "--workers", "0", "--no-progress")
    assert done.returncode == 1 and done.stderr.startswith("Error:") and "not a valid DuckDB" in done.stderr


def test_a_full_disk_stops_with_one_line_and_keeps_what_was_loaded_whole(tmp_path) -> None:
    db = tmp_path / "office.duckdb"
    assert _cli("ingest", str(INBOX / "s000.txt"), "--db", str(db), "--workers", "0").returncode == 0
    before = db.stat().st_size
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(30):                             # more than the disk has room for
        shutil.copy(INBOX / "s003.md", inbox / f"kh_{i:02d}.md")
        with open(inbox / f"kh_{i:02d}.md", "a") as fh:
            # text that does not compress away (a batch of documents is written compressed)
            fh.write(f"\n<!-- {i} " + "".join(hashlib.sha256(f"{i}-{k}".encode()).hexdigest() for k in range(3000))
                     + " -->\n")
    done = _cli("ingest", str(inbox), "--db", str(db), "--workers", "0", "--no-progress",
                limit_bytes=before + 300_000)
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 1 and done.stderr.strip().splitlines()[-1].startswith("Error:"), done.stderr[-800:]
    assert "load failed" in done.stderr                  # the disk's reason, not a rollback's
    con = duckdb.connect(str(db), read_only=True)       # the file still opens, with whole documents only
    try:
        docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        orphans = con.execute("SELECT count(*) FROM tasks WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
        assert orphans.fetchone()[0] == 0
        assert 1 <= docs < 31
    finally:
        con.close()
    # room again: the next run loads exactly what is missing, nothing twice
    again = _cli("ingest", str(inbox), "--db", str(db), "--workers", "0", "--no-progress")
    assert again.returncode == 0, again.stderr[-800:]
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (31, 31)
    finally:
        con.close()
