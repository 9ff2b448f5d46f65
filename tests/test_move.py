"""`ingest --move`: what an office sees in its inbox folder after a run."""
from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.ingest import ingest
from dbrows import rows

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "inbox" / "s000.txt"
OTHER = ROOT / "samples" / "inbox" / "s003.md"


def _names(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    (inbox / "tuần 1").mkdir(parents=True)
    shutil.copy(SEED, inbox / "tuần 1" / "công văn.txt")
    shutil.copy(OTHER, inbox / "kế hoạch.md")
    (inbox / "hỏng.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    return inbox


def test_loaded_files_go_to_processed_and_failed_ones_to_quarantine_with_the_reason(tmp_path, db_path) -> None:
    inbox = _inbox(tmp_path)
    summary = ingest(inbox, db_path, progress=False, workers=0, move=True)
    assert (summary.loaded, summary.failed) == (2, 1)
    assert _names(inbox) == {
        "processed/tuần 1/công văn.txt", "processed/kế hoạch.md",
        "quarantine/hỏng.docx", "quarantine/hỏng.docx.error.txt",
    }
    note = (inbox / "quarantine" / "hỏng.docx.error.txt").read_text(encoding="utf-8")
    assert "hỏng.docx" in note.splitlines()[0] and len(note.splitlines()) == 2
    # the stored rows follow the file, so an analyst can open the original where it now is
    files = {r[0] for r in rows(db_path, "SELECT path FROM files")}
    assert files == {str(inbox / "processed" / "tuần 1" / "công văn.txt"), str(inbox / "processed" / "kế hoạch.md")}
    docs = {r[0] for r in rows(db_path, "SELECT file FROM documents")}
    assert docs == files


def test_a_second_run_does_not_read_the_moved_files_again(tmp_path, db_path) -> None:
    inbox = _inbox(tmp_path)
    ingest(inbox, db_path, progress=False, workers=0, move=True)
    again = ingest(inbox, db_path, progress=False, workers=0, move=True)
    assert (again.files_read, again.loaded, again.failed) == (0, 0, 0)
    assert rows(db_path, "SELECT count(*) FROM documents") == [(2,)]


def test_a_reused_name_is_a_new_document_and_both_files_are_kept(tmp_path, db_path) -> None:
    """Scanners reuse names: scan001 today is not yesterday's scan001 edited."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / "scan001.txt")
    ingest(inbox, db_path, progress=False, workers=0, move=True)
    shutil.copy(OTHER, inbox / "scan001.txt")
    ingest(inbox, db_path, progress=False, workers=0, move=True)
    assert _names(inbox) == {"processed/scan001.txt", "processed/scan001.1.txt"}
    assert rows(db_path, "SELECT count(*) FROM documents") == [(2,)]
    assert rows(db_path, "SELECT count(*) FROM replacements") == [(0,)]


def test_without_move_nothing_moves_and_reserved_folders_are_not_read(tmp_path, db_path) -> None:
    inbox = _inbox(tmp_path)
    (inbox / "processed").mkdir()
    shutil.copy(OTHER, inbox / "processed" / "old.md")
    summary = ingest(inbox, db_path, progress=False, workers=0)
    assert summary.files_read == 3                      # processed/old.md is not walked
    assert "processed/old.md" in _names(inbox) and "kế hoạch.md" in _names(inbox)


def test_files_already_stored_by_a_run_without_move_are_moved_by_the_next_with_it(tmp_path, db_path) -> None:
    inbox = _inbox(tmp_path)
    ingest(inbox, db_path, progress=False, workers=0)
    again = ingest(inbox, db_path, progress=False, workers=0, move=True)
    assert again.loaded == 0
    assert "processed/kế hoạch.md" in _names(inbox) and "processed/tuần 1/công văn.txt" in _names(inbox)
    assert rows(db_path, "SELECT count(*) FROM documents") == [(2,)]
