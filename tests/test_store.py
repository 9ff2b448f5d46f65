"""The DuckDB store: schema migration, idempotent loads, citations, views."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from pipeline import queries, store
from pipeline.errors import LoadError
from extractors.unit_keys import unit_key
from schemas.record import Reference, Task

TABLES = {"schema_version", "loads", "ingest_errors", "documents", "units", "issuers", "recipients", "cc", "signatures",
          "citations", "tasks", "task_units"}


def count(con, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def counts(con) -> dict[str, int]:
    return {t: count(con, t) for t in sorted(TABLES)}


def test_migrate_creates_schema_once(duck_db):
    names = {r[0] for r in duck_db.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert TABLES | {"v_tasks_due", "v_missing_citations", "v_duplicates"} <= names
    latest = store.sql_files()[-1][0]
    assert store.migrate(duck_db) == latest
    versions = duck_db.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [v for (v,) in versions] == [v for v, _, _ in store.sql_files()]


def test_schema_files_are_numbered_in_order():
    versions = [v for v, _, _ in store.sql_files()]
    assert versions == sorted(set(versions)) and versions[0] == 1


def test_load_record_writes_every_table(duck_db, directive_chain):
    rec = directive_chain[1]
    assert store.load_record(duck_db, rec, "L1") == "loaded"
    doc = duck_db.execute(
        "SELECT file, format, code, code_key, signer_name, load_id, date FROM documents WHERE doc_id='vp000'"
    ).fetchall()
    assert doc == [("vp000.txt", "txt", "/VPUBND-HCQT", "/vpubnd-hcqt", "Phạm Hồng Trường", "L1", None)]
    assert duck_db.execute("SELECT position, name FROM issuers ORDER BY position").fetchall() == [
        (0, "UBND TỈNH LAI CHÂU"), (1, "VĂN PHÒNG")]
    assert duck_db.execute("SELECT text, json_extract(span, '$.start')::INT FROM recipients").fetchall() == [
        ("Các phòng, ban, trung tâm", 10)]
    assert [r[0] for r in duck_db.execute("SELECT text FROM cc ORDER BY position").fetchall()] == rec.cc
    assert count(duck_db, "citations") == 3
    assert duck_db.execute("SELECT task_no, deadline FROM tasks ORDER BY task_no").fetchall() == [
        (1, date(2026, 1, 23)), (2, date(2026, 3, 31)), (3, None)]
    roles = duck_db.execute("SELECT role, count(*) FROM task_units WHERE task_no=1 GROUP BY role ORDER BY role").fetchall()
    assert roles == [("coordinate", 2), ("lead", 1)]


def test_second_load_is_skipped_and_changes_nothing(duck_db, directive_chain):
    for rec in directive_chain:
        store.load_record(duck_db, rec, "L1")
    before = counts(duck_db)
    assert [store.load_record(duck_db, rec, "L2") for rec in directive_chain] == ["skipped"] * 4
    assert counts(duck_db) == before


def test_replace_deletes_then_inserts_children(duck_db, directive_chain):
    rec = directive_chain[1]
    store.load_record(duck_db, rec, "L1")
    before = counts(duck_db)
    assert store.load_record(duck_db, rec, "L2", replace=True) == "loaded"
    assert counts(duck_db) == before
    assert duck_db.execute("SELECT load_id FROM documents").fetchall() == [("L2",)]


def test_failed_load_leaves_no_partial_document(duck_db, directive_chain, monkeypatch):
    def boom(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert_children", boom)
    with pytest.raises(RuntimeError):
        store.load_record(duck_db, directive_chain[1], "L1")
    assert count(duck_db, "documents") == 0


def test_record_without_doc_id_is_a_typed_error(duck_db, record_factory):
    rec = record_factory("x")
    rec.doc_id = None
    with pytest.raises(LoadError):
        store.load_record(duck_db, rec, "L1")


def test_unparseable_dates_become_flags_not_errors(duck_db, directive_chain):
    store.load_record(duck_db, directive_chain[3], "L1")
    rows = duck_db.execute("SELECT task_no, deadline, flags FROM tasks ORDER BY task_no").fetchall()
    assert rows[1] == (2, None, ["deadline_unparsed:2026-13-45"])


def test_citations_resolve_in_both_load_orders(duck_db, directive_chain):
    # 458 cites 03 (loaded later), 03 cites 458 (loaded earlier): both must resolve
    for rec in directive_chain:
        store.load_record(duck_db, rec, "L1")
    resolved = dict(duck_db.execute(
        "SELECT doc_id || '->' || code, cited_doc_id FROM citations WHERE cited_doc_id IS NOT NULL").fetchall())
    assert resolved == {"vp000->591-CV/TU": "tu591", "bcd03->458-CV/ĐU": "du458", "du458->03-KH/BCĐ": "bcd03"}


def test_blank_number_code_never_resolves(duck_db, record_factory):
    store.load_record(duck_db, record_factory("a", "/VPUBND-HCQT"), "L1")
    store.load_record(duck_db, record_factory("b", "12-CV/X", refs=["/VPUBND-HCQT"]), "L1")
    assert duck_db.execute("SELECT cited_doc_id FROM citations").fetchall() == [(None,)]


def test_missing_citations(duck_db, directive_chain):
    for rec in directive_chain:
        store.load_record(duck_db, rec, "L1")
    cols, rows = queries.missing(duck_db)
    by_code = {r[0]: r for r in rows}
    assert set(by_code) == {"57-NQ/TW", "245/SKHCN-KHCN", "604/CV-CQTT"}
    assert by_code["57-NQ/TW"][cols.index("cited_by")] == 3


def test_title_only_reference_is_missing_by_title(duck_db, record_factory):
    law = Reference(doc_type="Luật", title="Luật Tổ chức chính quyền địa phương", date="2015-06-19")
    store.load_record(duck_db, record_factory("a", "1-CV/X", refs=[law]), "L1")
    _, rows = queries.missing(duck_db)
    assert [(r[0], r[4]) for r in rows] == [(None, "Luật Tổ chức chính quyền địa phương")]


def test_chain_follows_citations_and_stops_at_cycles(duck_db, directive_chain):
    for rec in directive_chain:
        store.load_record(duck_db, rec, "L1")
    cols, rows = queries.chain(duck_db, "57-nq/tw")
    got = {(r[cols.index("code")], r[cols.index("depth")]) for r in rows}
    # the draft /VPUBND-HCQT cites 591 but, with no number, nobody can cite it further
    # the chain's root (not stored: its stub) at depth 0
    assert got == {("57-NQ/TW", 0), ("591-CV/TU", 1), ("/VPUBND-HCQT", 1), ("03-KH/BCĐ", 1), ("458-CV/ĐU", 2)}
    assert queries.root(duck_db, "57-NQ/TW") == []


def test_tasks_due_status_against_a_pinned_day(duck_db, directive_chain):
    store.load_record(duck_db, directive_chain[1], "L1")
    rows = duck_db.execute(
        "SELECT DISTINCT task_no, days_left, status FROM tasks_due(DATE '2026-02-01') ORDER BY task_no").fetchall()
    assert rows == [(1, -9, "overdue"), (2, 58, "due"), (3, None, "open")]
    assert count(duck_db, "v_tasks_due") == 5  # one row per task and unit


@pytest.mark.parametrize("unit,today,expected", [
    ("Trung tâm Tin học và Công báo", None, [1, 2]),
    ("trung tam tin hoc", None, [1, 2]),              # no diacritics, a prefix
    ("Trung tâm Phục vụ hành chính công", None, [1]),  # coordinating unit
    ("UBND xã", None, []),                            # another document's unit: none here
    (None, date(2026, 2, 1), [1, 2, 3]),
])
def test_tasks_query_by_unit(duck_db, directive_chain, unit, today, expected):
    store.load_record(duck_db, directive_chain[1], "L1")
    cols, rows = queries.tasks(duck_db, unit=unit, today=today)
    # one row per task and unit: a task of three units is three rows without --unit
    assert sorted({r[cols.index("task_no")] for r in rows}) == expected


def test_tasks_query_filters(duck_db, directive_chain):
    store.load_record(duck_db, directive_chain[1], "L1")
    cols, rows = queries.tasks(duck_db, overdue=True, today=date(2026, 2, 1))
    assert {r[cols.index("task_no")] for r in rows} == {1}
    assert {r[cols.index("role")] for r in rows} == {"lead", "coordinate"}
    cols, rows = queries.tasks(duck_db, due_before=date(2026, 3, 1), unit="Trung tâm Tin học và Công báo")
    assert [r[cols.index("task_no")] for r in rows] == [1]


def test_one_unit_however_spelled(duck_db, directive_chain):
    store.load_record(duck_db, directive_chain[3], "L1")
    keys = duck_db.execute("SELECT DISTINCT unit_key FROM task_units WHERE role='lead'").fetchall()
    assert keys == [(unit_key("Ủy ban nhân dân xã"),)]
    cols, rows = queries.tasks(duck_db, unit="uy ban nhan dan xa")
    assert len(rows) == 2


# fmt: off
UNIT_CASES = [
    ("UBND xã", "Ủy ban Nhân dân xã"),             # abbreviation expanded
    ("Uỷ ban nhân dân tỉnh", "ỦY BAN NHÂN DÂN TỈNH"),  # tone placement and case
    ("HĐND xã", "Hội đồng nhân dân xã"),
    ("ĐU xã Bình Lư", "Đảng uỷ xã Bình Lư"),
    ("- Sở Nội vụ;", "Sở Nội vụ"),                  # bullet and separator dropped
    ("Ban Thường vụ Tỉnh uỷ", "BTV Tỉnh ủy"),
]
# fmt: on


@pytest.mark.parametrize("a,b", UNIT_CASES, ids=[a for a, _ in UNIT_CASES])
def test_unit_key_equal(a, b):
    assert unit_key(a) == unit_key(b)


def test_unit_key_keeps_different_units_apart():
    assert unit_key("UBND xã") != unit_key("UBND tỉnh")
    assert unit_key("Sở Tài chính") != unit_key("Sở Nội vụ")


def test_reference_extra_fields_do_not_break_loading(duck_db, record_factory):
    ref = Reference(code="1-CV/X", note="kept by the extractor")  # extra="allow"
    task = Task(action="làm", assignees=[""], note="x")  # an empty unit is dropped, not stored
    store.load_record(duck_db, record_factory("a", refs=[ref], tasks=[task]), "L1")
    assert count(duck_db, "task_units") == 0 and count(duck_db, "citations") == 1


def test_partial_date_is_stored_beside_a_null_date(duck_db, record_factory):
    rec = record_factory("x")
    rec.date, rec.date_partial = None, "2018-03-??"
    store.load_record(duck_db, rec, "L1")
    assert duck_db.execute("SELECT date, date_partial FROM documents").fetchall() == [(None, "2018-03-??")]


@pytest.mark.parametrize("date_,signed_at,expected", [
    ("2025-01-16", "2025-01-17T09:00:00+07:00", (date(2025, 1, 16), "printed")),      # printed date wins
    (None, "2025-01-16T18:30:00+00:00", (date(2025, 1, 17), "signature")),          # the signing day in Vietnam
    (None, None, (None, None)),
])
def test_effective_date_falls_back_on_the_signing_day(duck_db, record_factory, date_, signed_at, expected):
    rec = record_factory("x")
    rec.date, rec.signed_at = date_, signed_at
    store.load_record(duck_db, rec, "L1")
    assert duck_db.execute("SELECT date_effective, date_source FROM v_documents").fetchone() == expected


def test_digital_signatures_are_stored_and_replaced(duck_db, record_factory):
    from schemas.record import DigitalSignature

    rec = record_factory("x")
    rec.signatures = [
        DigitalSignature(field="Sig1", signer="Nguyễn Văn A", organisation="UBND tỉnh Quảng Ngãi",
                         signed_at="2025-01-16T18:30:00+00:00"),
        DigitalSignature(field="Sig2", signer="Ủy ban nhân dân tỉnh Quảng Ngãi", signed_at=None),
    ]
    store.load_record(duck_db, rec, "L1")
    store.load_record(duck_db, rec, "L2", replace=True)
    rows = duck_db.execute("SELECT position, signer, organisation, signed_at FROM signatures ORDER BY position").fetchall()
    assert rows == [(0, "Nguyễn Văn A", "UBND tỉnh Quảng Ngãi", datetime(2025, 1, 17, 1, 30)),
                    (1, "Ủy ban nhân dân tỉnh Quảng Ngãi", None, None)]


@pytest.mark.parametrize("citers_first", [True, False])
def test_a_party_code_of_another_term_is_another_document(duck_db, record_factory, citers_first):
    # Party numbering restarts each term: 01-NQ/ĐU of 2020 and of 2025 are two documents
    from schemas.record import Reference

    old = record_factory("nq2020", "01-NQ/ĐU", doc_type="Nghị quyết", date="2020-10-02")
    new = record_factory("nq2025", "01-NQ/ĐU", doc_type="Nghị quyết", date="2025-09-20")
    cites_new = record_factory("kh1", "12-KH/ĐU", refs=[Reference(doc_type="Nghị quyết", code="01-NQ/ĐU",
                                                                   date="2025-09-20")])
    cites_old = record_factory("kh0", "05-KH/ĐU", refs=[Reference(doc_type="Nghị quyết", code="01-NQ/ĐU",
                                                                   date="2020-10-02")])
    order = (cites_new, cites_old, old, new) if citers_first else (old, new, cites_new, cites_old)
    for rec in order:
        store.load_record(duck_db, rec, "L1")
    links = dict(duck_db.execute("SELECT doc_id, cited_doc_id FROM citations").fetchall())
    assert links == {"kh1": "nq2025", "kh0": "nq2020"}
    _, rows = queries.chain(duck_db, "01-NQ/ĐU")
    # the code alone names both terms' documents, so both are roots with their own citer
    assert {r[-1] for r in rows if r[0] > 0} == {"kh1", "kh0"}


def _contents(con) -> dict[str, list[tuple]]:
    """Every table's rows (load times aside), sorted: what two ways of loading must agree on."""
    out = {}
    tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables"
                                        " WHERE table_schema = 'main' AND table_type = 'BASE TABLE'").fetchall()]
    for table in tables:
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in ("loaded_at", "applied_at")]
        out[table] = con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM {table}"
                                 " ORDER BY ALL").fetchall()
    return out


def test_load_records_in_one_batch_gives_what_one_by_one_gives(directive_chain, record_factory):
    copies = [record_factory("tu591-copy", "591-CV/TU", refs=["57-NQ/TW"], date="2026-01-15",
                             issuer=["TỈNH ỦY LAI CHÂU"])]
    records = [*directive_chain, *copies]
    alone, together = store.connect(":memory:"), store.connect(":memory:")
    for rec in records:
        assert store.load_record(alone, rec, "L1") == "loaded"
    results = store.load_records(together, [(rec, rec.doc_id, rec.file, None) for rec in records], "L1")
    assert results == ["loaded"] * len(records)
    assert _contents(together) == _contents(alone)
    # again: every one is stored already
    again = store.load_records(together, [(rec, rec.doc_id, rec.file, None) for rec in records], "L2")
    assert again == ["skipped"] * len(records) and _contents(together) == _contents(alone)


def test_a_failing_batch_leaves_nothing(duck_db, directive_chain, monkeypatch):
    from pipeline import graph

    def boom(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(graph, "after_load_many", boom)
    with pytest.raises(RuntimeError):
        store.load_records(duck_db, [(rec, rec.doc_id, rec.file, None) for rec in directive_chain], "L1")
    assert count(duck_db, "documents") == 0 and count(duck_db, "citations") == 0
