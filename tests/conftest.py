"""Shared fixtures: databases, hand-made records and bad files, the samples.

Storage tests build Records by hand so they test the store against the Record
model, not against how well the extractors currently read a document.
"""
from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from pipeline import store
from schemas.record import Record, Reference, Signer, Span, Task

# test inboxes are copied in a moment before they are ingested: no settling time
# (tests of a file still being written pass `settle` themselves)
os.environ.setdefault("CONGVAN_SETTLE", "0")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEEDS = ("s000.txt", "s003.md")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def duck_db():
    con = store.connect(":memory:")
    yield con
    con.close()


def make_record(doc_id: str, code: str | None = None, *, refs=(), tasks=(), **kw) -> Record:
    """A Record with sensible defaults; refs are codes or Reference objects, tasks Task objects."""
    references = [r if isinstance(r, Reference) else Reference(doc_type="Công văn", code=r) for r in refs]
    return Record(
        file=f"{doc_id}.txt", doc_id=doc_id, reader="text", doc_type=kw.pop("doc_type", "Công văn"), code=code,
        references=references, tasks=list(tasks), **kw,
    )


@pytest.fixture
def record_factory():
    return make_record


@pytest.fixture
def directive_chain() -> list[Record]:
    """57-NQ/TW (not stored) <- 591-CV/TU <- /VPUBND-HCQT (draft) and 03-KH/BCĐ <- 458-CV/ĐU <- 03-KH/BCĐ (cycle)."""
    return [
        make_record("tu591", "591-CV/TU", refs=["57-NQ/TW"], date="2026-01-15", issuer=["TỈNH ỦY LAI CHÂU"]),
        make_record(
            "vp000", "/VPUBND-HCQT", refs=["57-NQ/TW", "591-CV/TU", "245/SKHCN-KHCN"],
            issuer=["UBND TỈNH LAI CHÂU", "VĂN PHÒNG"],
            recipients=["Các phòng, ban, trung tâm"], cc=["Như trên", "Lưu: VT, HCQT"],
            signer=Signer(name="Phạm Hồng Trường", title="CHÁNH VĂN PHÒNG"),
            spans={"recipients": [Span(page=1, start=10, end=35, zone="recipients")]},
            tasks=[
                Task(assignees=["Trung tâm Tin học và Công báo"],
                     coordinators=["Trung tâm Phục vụ hành chính công", "các đơn vị có liên quan"],
                     action="tham mưu đề xuất, đăng ký 01 sáng kiến", deadline="2026-01-23",
                     span=Span(page=1, start=100, end=180, zone="body")),
                Task(assignees=["Trung tâm Tin học và Công báo"], action="tham mưu xây dựng Kế hoạch",
                     deadline="2026-03-31"),
                Task(assignees=["Trưởng các phòng, ban, trung tâm"], action="triển khai đến công chức", deadline=None),
            ],
        ),
        make_record("bcd03", "03-KH/BCĐ", doc_type="Kế hoạch", refs=["57-NQ/TW", "458-CV/ĐU"], date="2026-02-10"),
        make_record(
            "du458", "458-CV/ĐU", refs=["03-KH/BCĐ", "604/CV-CQTT"], date="2026-02-25",
            tasks=[Task(assignees=["Ủy ban Nhân dân xã"], action="bảo đảm nguồn kinh phí", deadline="2026-06-30"),
                   Task(assignees=["UBND xã"], coordinators=["HĐND xã"], action="báo cáo kết quả",
                        deadline="2026-13-45")],
        ),
    ]


@pytest.fixture
def loaded_db(db_path: Path, directive_chain: list[Record]) -> Path:
    con = store.connect(db_path)
    for record in directive_chain:
        store.load_record(con, record, "L1")
    con.close()
    return db_path


@pytest.fixture
def seed_inbox(tmp_path: Path) -> Path:
    """A fresh inbox holding the two seed dispatches (txt, md)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in SEEDS:
        shutil.copy(SAMPLES / "inbox" / name, inbox / name)
    return inbox


def encrypted_pdf() -> bytes:
    """A one-page PDF that needs a password to open."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    page = canvas.Canvas(buf)
    page.drawString(100, 750, "Kinh gui: cac phong, ban")
    page.save()
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(buf.getvalue())))
    writer.encrypt("owner-secret", "user-secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def bad_files() -> dict[str, bytes]:
    """name -> bytes of files no reader can load (each must give one ingest_errors row)."""
    return {
        "empty.pdf": b"",
        "corrupt.docx": b"PK\x03\x04 truncated, not a zip archive",
        "encrypted.pdf": encrypted_pdf(),
        "notes.xyz": b"not a dispatch",
    }
