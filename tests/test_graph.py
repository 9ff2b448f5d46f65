"""The task graph an analyst would draw by hand: units as bodies, citations as edges to
stored documents or stubs, replies that close one unit's task, in any order of arrival."""
from __future__ import annotations

import itertools
from datetime import date

import pytest

from pipeline import graph, queries, store
from schemas.record import Reference, Task
from corpus import DEV

needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus/dev not found")

TODAY = date(2026, 2, 1)
OFFICE = ["UBND TỈNH LAI CHÂU", "VĂN PHÒNG"]


def _records(make):
    """An office's dispatch giving one task to two centres, one centre's reply, a copy of
    the reply, and a provincial dispatch naming the centre in full."""
    assign = make("vp120", "120/VPUBND-HCQT", issuer=OFFICE, date="2026-01-20", subject="triển khai sáng kiến",
                  refs=[Reference(doc_type="Công văn", code="591-CV/TU", date="2026-01-15", relation="thực hiện"),
                        Reference(doc_type="Nghị quyết", code="57-NQ/TW", date="2024-12-22", relation="thực hiện")],
                  tasks=[Task(assignees=["Trung tâm Tin học và Công báo"],
                              coordinators=["Trung tâm Phục vụ hành chính công"],
                              action="đăng ký 01 sáng kiến", deadline="2026-01-25")])
    reply = make("tt005", "05/TTTH", issuer=["VĂN PHÒNG UBND TỈNH LAI CHÂU", "TRUNG TÂM TIN HỌC VÀ CÔNG BÁO"],
                 date="2026-01-24", subject="đăng ký sáng kiến",
                 refs=[Reference(doc_type="Công văn", code="120/VPUBND-HCQT", date="2026-01-20", relation="thực hiện")])
    copy = make("tt005b", "05/TTTH", issuer=["VĂN PHÒNG UBND TỈNH LAI CHÂU", "TRUNG TÂM TIN HỌC VÀ CÔNG BÁO"],
                date="2026-01-24", subject="đăng ký  sáng kiến",
                refs=[Reference(doc_type="Công văn", code="120/VPUBND-HCQT", date="2026-01-20", relation="thực hiện")])
    copy.file = "tt005b.pdf"
    tu = make("tu591", "591-CV/TU", issuer=["TỈNH ỦY LAI CHÂU"], date="2026-01-15",
              refs=[Reference(doc_type="Nghị quyết", code="57-NQ/TW", relation="thực hiện")],
              recipients=["Trung tâm Tin học và Công báo tỉnh Lai Châu"])
    return [assign, reply, copy, tu]


def _graph(con) -> dict[str, list[tuple]]:
    """The graph's contents (not its load times): what must not depend on arrival order."""
    queries_ = {
        "units": "SELECT unit_id, unit_key, name, kind, level, place, parent_id, confidence FROM units",
        "aliases": "SELECT alias_key, unit_id, text, doc_id, source, name FROM unit_aliases",
        "documents": "SELECT doc_id, duplicate_of, issuer_unit_id, list_sort(flags) FROM documents",
        "citations": "SELECT doc_id, position, cited_doc_id, target_key, issuer_unit_id FROM citations",
        "task_units": "SELECT doc_id, task_no, role, unit_id FROM task_units",
        "edges": "SELECT * FROM edges",
        "chain_edges": "SELECT * FROM chain_edges",
        "chain_nodes": "SELECT * FROM chain_nodes",
        "replies": "SELECT * FROM task_replies",
        "tasks": "SELECT doc_id, task_no, unit_id, status, answered_by FROM tasks_at(DATE '2026-02-01')",
    }
    return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in queries_.items()}


def _load(records) -> object:
    con = store.connect(":memory:")
    for rec in records:
        store.load_record(con, rec, "L1")
    return con


def test_a_reply_closes_its_units_task_and_not_the_others(record_factory) -> None:
    con = _load(_records(record_factory))
    rows = con.execute("SELECT unit_name, role, status, answered_code FROM tasks_at(?) ORDER BY role DESC",
                       [TODAY]).fetchall()
    assert rows == [("Trung tâm Tin học và Công báo tỉnh Lai Châu", "lead", "answered", "05/TTTH"),
                    ("Trung tâm Phục vụ hành chính công tỉnh Lai Châu", "coordinate", "overdue", None)]
    # the reply counts from its day: before it, the task was still due
    early = con.execute("SELECT status FROM tasks_at(DATE '2026-01-22') WHERE role = 'lead'").fetchall()
    assert early == [("due",)]


def test_every_order_of_arrival_gives_the_same_graph(record_factory) -> None:
    first = None
    for order in itertools.permutations(range(4)):
        records = _records(record_factory)
        got = _graph(_load([records[i] for i in order]))
        if first is None:
            first = got
        assert got == first, order


def test_one_unit_under_three_spellings(record_factory) -> None:
    con = _load(_records(record_factory))
    rows = con.execute(
        "SELECT u.name, list_sort(list(DISTINCT a.text)) FROM units u JOIN unit_aliases a USING (unit_id)"
        " WHERE u.name LIKE 'Trung tâm Tin học%' GROUP BY u.name").fetchall()
    assert rows == [("Trung tâm Tin học và Công báo tỉnh Lai Châu",
                     ["TRUNG TÂM TIN HỌC VÀ CÔNG BÁO", "Trung tâm Tin học và Công báo",
                      "Trung tâm Tin học và Công báo tỉnh Lai Châu"])]
    # and the analyst finds it by any of them, or without diacritics
    ids = {tuple(queries.match_units(con, t)) for t in
           ("Trung tâm Tin học và Công báo", "TRUNG TÂM TIN HỌC VÀ CÔNG BÁO", "trung tam tin hoc va cong bao")}
    assert len(ids) == 1 and len(next(iter(ids))) == 1


def test_two_communes_keep_their_own_ubnd(record_factory) -> None:
    a = record_factory("binhlu", "12-CV/ĐU", issuer=["ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY XÃ BÌNH LƯ"],
                       tasks=[Task(assignees=["UBND xã"], action="báo cáo")])
    b = record_factory("phongtho", "13-CV/ĐU", issuer=["ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY XÃ PHONG THỔ"],
                       tasks=[Task(assignees=["Ủy ban nhân dân xã"], action="báo cáo")])
    con = _load([a, b])
    names = sorted(r[0] for r in con.execute(
        "SELECT u.name FROM task_units t JOIN units u USING (unit_id)").fetchall())
    assert names == ["UBND xã Bình Lư", "Ủy ban nhân dân xã Phong Thổ"]


def test_a_stub_becomes_the_document_when_it_arrives(record_factory) -> None:
    records = _records(record_factory)
    con = _load([records[0]])
    assert ("vp120", "stub:591-cv/tu|2026", "thực hiện") in con.execute("SELECT * FROM edges").fetchall()
    store.load_record(con, records[3], "L1")
    edges = con.execute("SELECT from_id, to_id FROM edges WHERE from_id = 'vp120'").fetchall()
    assert ("vp120", "tu591") in edges and ("vp120", "stub:591-cv/tu|2026") not in edges
    # the undated citation of 57-NQ/TW in 591 is the same missing dispatch as the dated one
    cols, rows = queries.missing(con)
    assert [(r[0], r[cols.index("cited_by")]) for r in rows] == [("57-NQ/TW", 2)]


def _numbered_is_edges(con) -> None:
    """The chain's numbered edges and nodes (schema 008) are exactly `edges` as numbers."""
    want = con.execute("SELECT DISTINCT node_no(from_id), node_no(to_id) FROM edges").fetchall()
    assert sorted(con.execute("SELECT * FROM chain_edges").fetchall()) == sorted(want)
    nodes = con.execute("SELECT node_no(id), id FROM (SELECT from_id AS id FROM edges UNION SELECT to_id FROM edges)")
    nodes = nodes.fetchall()
    assert sorted(con.execute("SELECT * FROM chain_nodes").fetchall()) == sorted(nodes)


def test_the_numbered_chain_follows_every_change_of_the_edges(record_factory) -> None:
    records = _records(record_factory)
    con = _load([records[0]])
    _numbered_is_edges(con)                                          # stubs only
    store.load_record(con, records[3], "L1")                         # a stub becomes the document
    _numbered_is_edges(con)
    store.load_record(con, records[1], "L1")
    store.load_record(con, records[2], "L1")                         # a copy of the reply
    _numbered_is_edges(con)
    # 591 edited under the same name: it cites another directive now, and the old one goes
    edited = record_factory("tu591b", "591-CV/TU", issuer=["TỈNH ỦY LAI CHÂU"], date="2026-01-15",
                            refs=[Reference(doc_type="Kết luận", code="10-KL/TW", relation="thực hiện")])
    store.load_record(con, edited, "L2", supersedes="tu591")
    _numbered_is_edges(con)
    assert not con.execute("SELECT * FROM chain_nodes WHERE id = 'tu591'").fetchall()   # its number went too
    _, rows = queries.chain(con, "10-KL/TW", "down")
    assert [(r[0], r[1]) for r in rows] == [(0, "10-KL/TW"), (1, "591-CV/TU"), (2, "120/VPUBND-HCQT"), (3, "05/TTTH")]


def test_copies_of_a_citing_dispatch_count_once_in_missing(record_factory) -> None:
    records = _records(record_factory)
    con = _load([records[1], records[2]])        # the reply and its copy; 120 is not stored
    cols, rows = queries.missing(con)
    assert [(r[0], r[cols.index("cited_by")]) for r in rows] == [("120/VPUBND-HCQT", 1)]


def test_chain_both_ways(record_factory) -> None:
    con = _load(_records(record_factory))
    cols, down = queries.chain(con, "57-NQ/TW", "down")
    got = {(r[cols.index("code")], r[0]) for r in down}
    assert got == {("57-NQ/TW", 0), ("591-CV/TU", 1), ("120/VPUBND-HCQT", 1), ("05/TTTH", 2)}
    cols, up = queries.chain(con, "05/TTTH", "up")
    assert {(r[cols.index("code")], r[0]) for r in up} == {
        ("05/TTTH", 0), ("120/VPUBND-HCQT", 1), ("591-CV/TU", 2), ("57-NQ/TW", 2)}


def test_chain_page_keeps_the_parents_of_the_rows_it_keeps(record_factory) -> None:
    con = _load(_records(record_factory))
    cols, rows = queries.chain(con, "57-NQ/TW", "down")
    for n in range(len(rows) + 1):
        _, page, total = queries.chain_page(con, "57-NQ/TW", "down", limit=n or None)
        assert total == len(rows) and page == (rows[:n] if n else rows)
        nodes = {r[cols.index("node")] for r in page}
        assert all(r[cols.index("via")] in nodes for r in page if r[cols.index("via")] is not None)


def test_a_cycle_of_citations_ends(record_factory) -> None:
    a = record_factory("a", "1/A", refs=[Reference(code="2/B", relation="thực hiện")], date="2026-01-01")
    b = record_factory("b", "2/B", refs=[Reference(code="1/A", relation="thực hiện")], date="2026-01-01")
    con = _load([a, b])
    _, rows = queries.chain(con, "1/A", "down")
    assert sorted((r[1], r[0]) for r in rows) == [("1/A", 0), ("2/B", 1)]


def test_rebuild_gives_what_loading_gave(record_factory) -> None:
    con = _load(_records(record_factory))
    before = _graph(con)
    for sql in ("DELETE FROM units", "DELETE FROM unit_aliases", "DELETE FROM edges", "DELETE FROM task_replies",
                "UPDATE task_units SET unit_id = NULL", "UPDATE citations SET target_key = NULL, cited_doc_id = NULL",
                "UPDATE documents SET issuer_unit_id = NULL, duplicate_of = NULL"):
        con.execute(sql)
    graph.rebuild(con)
    assert _graph(con) == before


@pytest.mark.parametrize("status,expected", [("answered", 1), ("overdue", 1), ("due", 0), ("open", 0)])
def test_tasks_by_status(record_factory, status, expected) -> None:
    con = _load(_records(record_factory))
    _, rows = queries.tasks(con, status=status, today=TODAY)
    assert len(rows) == expected


def test_seeds_make_the_directive_chain(seed_inbox, tmp_path) -> None:
    from pipeline.ingest import ingest

    db = tmp_path / "seeds.duckdb"
    ingest(seed_inbox, db, progress=False)
    con = store.connect(db, read_only=True)
    cols, up = queries.chain(con, "458-CV/ĐU", "up")
    assert {"03-KH/BCĐ", "604/CV-CQTT", "57-NQ/TW"} <= {r[cols.index("code")] for r in up}
    cols, down = queries.chain(con, "57-NQ/TW", "down")
    codes = {r[cols.index("code")] for r in down}
    assert "458-CV/ĐU" in codes and any(c and c.endswith("VPUBND-HCQT") for c in codes)
    # the commune's own UBND, named relatively in the Đảng ủy's dispatch
    units = {r[0] for r in con.execute("SELECT u.name FROM task_units JOIN units u USING (unit_id)").fetchall()}
    assert any(n.lower().startswith("ủy ban nhân dân xã bình lư") for n in units)


@needs_dev
@pytest.mark.parametrize("order", [("d023.pdf", "d025.doc", "d060.doc"), ("d060.doc", "d025.doc", "d023.pdf")])
def test_provincial_dispatches_forwarding_a_ministrys(tmp_path, order) -> None:
    """Two Lâm Đồng dispatches (the UBND's and its Văn phòng's) forward Bộ Nội vụ's 8151/BNV-CCHC:
    read from the files, in either order, the ministry's dispatch is their root."""
    import shutil

    from pipeline.ingest import ingest

    db = tmp_path / "dev.duckdb"
    for name in order:                     # one file per run: each arrives after the ones before
        inbox = tmp_path / name.split(".")[0]
        inbox.mkdir()
        shutil.copy(DEV / name, inbox / name)
        ingest(inbox, db, progress=False)
    con = store.connect(db, read_only=True)
    cols, down = queries.chain(con, "8151/BNV-CCHC", "down")
    files = {(r[0], (r[cols.index("file")] or "").rsplit("/", 1)[-1]) for r in down}
    assert files == {(0, "d023.pdf"), (1, "d025.doc"), (1, "d060.doc")}
    by_file = {f.rsplit("/", 1)[-1]: (uid, parent) for f, uid, parent in con.execute(
        "SELECT d.file, u.unit_id, u.parent_id FROM documents d JOIN units u ON u.unit_id = d.issuer_unit_id"
    ).fetchall()}
    # `ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG` and `UBND TỈNH LÂM ĐỒNG` above `VĂN PHÒNG` are one body: the Văn phòng's parent
    assert by_file["d060.doc"][1] == by_file["d025.doc"][0]
    name = con.execute("SELECT name FROM units WHERE unit_id = ?", [by_file["d023.pdf"][0]]).fetchall()
    assert name == [("Bộ Nội vụ",)]


def test_a_database_of_schema_4_with_rows_gets_its_units_resolved(tmp_path) -> None:
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                " applied_at TIMESTAMP NOT NULL)")
    for version, name, sql in store.sql_files():
        if version < store.GRAPH_VERSION:
            con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, name])
    # rows as the older code wrote them: one unit per spelling key, no ids
    con.execute("INSERT INTO documents (doc_id, file, code, code_key, load_id, loaded_at)"
                " VALUES ('d1', 'd1.txt', '12-CV/ĐU', '12-cv/đu', 'L0', now())")
    con.execute("INSERT INTO issuers VALUES ('d1', 0, 'ĐẢNG BỘ TỈNH LAI CHÂU', NULL),"
                " ('d1', 1, 'ĐẢNG ỦY XÃ BÌNH LƯ', NULL)")
    con.execute("INSERT INTO tasks (doc_id, task_no, action) VALUES ('d1', 1, 'báo cáo')")
    con.execute("INSERT INTO task_units VALUES ('d1', 1, 0, 'UBND xã', 'uỷ ban nhân dân xã', 'lead')")
    con.execute("INSERT INTO units VALUES ('uỷ ban nhân dân xã', 'UBND xã')")
    con.close()
    con = store.connect(path)
    rows = con.execute("SELECT u.name, u.level, u.place FROM task_units JOIN units u USING (unit_id)").fetchall()
    assert rows == [("UBND xã Bình Lư", "xa", "Bình Lư")]
    assert con.execute("SELECT count(*) FROM units WHERE unit_id IS NULL").fetchall() == [(0,)]
