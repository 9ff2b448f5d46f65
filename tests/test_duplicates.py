"""Copies of one dispatch (its .docx and its .pdf) are one document for analysts;
signing times are kept; a database made by an older schema is migrated in place."""
from __future__ import annotations

import duckdb
import pytest

from extractors.signed_at import parse_stamp
from pipeline import store
from schemas.record import Task


def _copy(factory, doc_id: str, **kw):
    base = dict(issuer=["UBND TỈNH LAI CHÂU", "VĂN PHÒNG"], subject="triển khai nhiệm vụ năm 2026",
                tasks=[Task(assignees=["Trung tâm Tin học và Công báo"], action="tham mưu", deadline="2026-01-25")])
    base.update(kw)
    return factory(doc_id, "/VPUBND-HCQT", **base)


@pytest.mark.parametrize("order", [("txt1", "pdf1"), ("pdf1", "txt1")])
def test_copies_point_at_the_one_kept_in_any_order_and_tasks_show_once(duck_db, record_factory, order):
    copies = {"txt1": _copy(record_factory, "txt1"),
              # the PDF rendering of the same draft: same code, issuer and trích yếu (spacing differs)
              "pdf1": _copy(record_factory, "pdf1", subject="triển khai  nhiệm vụ năm 2026")}
    copies["pdf1"].file = "pdf1.pdf"
    for doc_id in order:
        store.load_record(duck_db, copies[doc_id], "L1")
    # the copy kept does not depend on arrival: the PDF's layout is read by position, the text is not
    rows = duck_db.execute("SELECT doc_id, duplicate_of FROM documents ORDER BY doc_id").fetchall()
    assert rows == [("pdf1", None), ("txt1", "pdf1")]
    assert duck_db.execute("SELECT count(*) FROM v_tasks").fetchall() == [(1,)]
    assert duck_db.execute("SELECT doc_id, first_file FROM v_duplicates").fetchall() == [("txt1", "pdf1.pdf")]
    flags = dict(duck_db.execute("SELECT doc_id, list_contains(flags, 'duplicate') FROM documents").fetchall())
    assert flags == {"pdf1": False, "txt1": True}


def test_other_drafts_sharing_a_blank_number_are_not_duplicates(duck_db, record_factory):
    store.load_record(duck_db, _copy(record_factory, "a"), "L1")
    store.load_record(duck_db, _copy(record_factory, "b", subject="góp ý dự thảo báo cáo"), "L1")
    assert duck_db.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchall() == [(0,)]


def test_signed_at_is_stored(duck_db, record_factory):
    rec = _copy(record_factory, "s1", signed_at="2026-01-27T15:28:23+07:00")
    store.load_record(duck_db, rec, "L1")
    assert str(duck_db.execute("SELECT signed_at FROM documents").fetchall()[0][0]) == "2026-01-27 15:28:23"


def test_database_of_schema_1_is_migrated_in_place(tmp_path, record_factory):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                " applied_at TIMESTAMP NOT NULL)")
    version, name, sql = store.sql_files()[0]
    con.execute(sql)
    con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, name])
    con.close()
    con = store.connect(path)
    assert store.schema_version(con) == store.sql_files()[-1][0]
    assert store.load_record(con, _copy(record_factory, "n1"), "L1") == "loaded"
    con.close()


# fmt: off
STAMPS = [
    ("ĐẢNG UỶ XÃ CÔNG HẢI 27-01-2026 15:28:23 +07:00", "2026-01-27T15:28:23+07:00"),  # Party e-sign stamp
    ("Thời gian ký: 18.09.2025 09:05",                 "2025-09-18T09:05:00"),        # no seconds, no zone
    ("2025-09-18T09:05:00Z",                           "2025-09-18T09:05:00+00:00"),  # ISO from a signature
    ("ngày 32-13-2026 10:00",                          None),                          # not a date
    ("Lưu VPĐU.",                                      None),
]
# fmt: on


@pytest.mark.parametrize("text,expected", STAMPS)
def test_parse_stamp(text: str, expected: str | None) -> None:
    assert parse_stamp(text) == expected


def test_printed_stamp_gives_signed_at_and_flags_the_blank_date(tmp_path):
    from pipeline.extract import extract_file

    text = (
        "ĐẢNG BỘ TỈNH KHÁNH HOÀ\nĐẢNG UỶ XÃ CÔNG HẢI\n*\nSố -CV/ĐU\nMời làm việc\n"
        "ĐẢNG CỘNG SẢN VIỆT NAM\nCông Hải, ngày tháng 01 năm 2026\n"
        "Kính gửi: Các đồng chí thành viên.\nĐề nghị các đồng chí dự họp đầy đủ./.\n"
        "Nơi nhận:\n- Như trên,\n- Lưu VPĐU.\nT/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\nNguyễn Đăng Quang\n"
        "ĐẢNG UỶ XÃ CÔNG HẢI\n27-01-2026 15:28:23 +07:00\n"
    )
    path = tmp_path / "cv.txt"
    path.write_text(text, encoding="utf-8")
    record = extract_file(path)
    assert record.date is None
    assert record.signed_at == "2026-01-27T15:28:23+07:00"
    assert "date_from_signature" in record.flags
    assert record.signer.name == "Nguyễn Đăng Quang"
