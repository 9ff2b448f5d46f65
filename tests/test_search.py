"""pipeline.search: accent-insensitive BM25 over stored documents, kept in step with DuckDB."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import search, store
from pipeline.errors import CongvanError

FILLER = "Các cơ quan, đơn vị tổ chức thực hiện nghiêm túc nội dung nêu trên. " * 4
DOCS = {
    # doc_id: (code, subject, text or None)
    "tu591": ("591-CV/TU", "Về việc đẩy mạnh chuyển đổi số trong các cơ quan Đảng",
              "TỈNH ỦY LAI CHÂU\nSố 591-CV/TU\nVề việc đẩy mạnh chuyển đổi số trong các cơ quan Đảng\n"
              + FILLER + "Ban Thường vụ Tỉnh ủy yêu cầu đẩy mạnh chuyển đổi số, bảo đảm an toàn thông tin."),
    "ub245": ("245/UBND-VX", "Về tổ chức hội nghị tổng kết công tác năm 2025",
              "UBND TỈNH LAI CHÂU\nVề tổ chức hội nghị tổng kết công tác năm 2025\n" + FILLER
              + "Hội nghị có nội dung về chuyển đổi số. " + FILLER),
    "bc012": ("12/BC-VP", "Báo cáo kết quả thực hiện Nghị quyết của Tỉnh uỷ", None),  # older row: no text
    "tu591b": ("591-CV/TU", "Về việc đẩy mạnh chuyển đổi số trong các cơ quan Đảng", "bản sao"),
}
TASKS = [("ub245", 1, "Sở Thông tin và Truyền thông chủ trì xây dựng kế hoạch")]


def _insert(con, doc_id: str, code: str | None, subject: str, text: str | None,
            loaded_at: str = "2026-01-01 08:00:00", duplicate_of: str | None = None) -> None:
    con.execute(
        "INSERT INTO documents (doc_id, file, doc_type, code, date, subject, text, duplicate_of, load_id,"
        " loaded_at)"
        " VALUES (?, ?, 'Công văn', ?, DATE '2026-01-15', ?, ?, ?, 'l1', ?)",
        [doc_id, f"inbox/{doc_id}.pdf", code, subject, text, duplicate_of, loaded_at],
    )


def _fill(con) -> None:
    # `documents.text` comes with migration 005; add it by hand where 005 is not there yet
    cols = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents'").fetchall()}
    if "text" not in cols:
        con.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS text VARCHAR")
    for doc_id, (code, subject, text) in DOCS.items():
        _insert(con, doc_id, code, subject, text, duplicate_of="tu591" if doc_id == "tu591b" else None)
    con.executemany("INSERT INTO tasks (doc_id, task_no, action) VALUES (?, ?, ?)", TASKS)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    # one database and one index for every test that only queries: a commit costs ~40 ms
    con = store.connect(":memory:")
    _fill(con)
    yield con, tmp_path_factory.mktemp("idx")
    con.close()


@pytest.fixture(scope="module")
def migrated():
    con = store.connect(":memory:")  # migrating takes ~0.2 s: once
    yield con
    con.close()


@pytest.fixture
def db(migrated, tmp_path: Path):
    # for a test that changes rows: its rows live in a transaction rolled back after it
    migrated.begin()
    _fill(migrated)
    yield migrated, tmp_path / "idx"
    migrated.rollback()


def ids(db, query: str) -> list[str]:
    con, directory = db
    cols, rows = search.search(con, directory, query)
    assert cols == search.COLUMNS
    return [r[cols.index("doc_id")] for r in rows]


def row(db, query: str) -> dict:
    con, directory = db
    cols, rows = search.search(con, directory, query)
    return dict(zip(cols, rows[0]))


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("chuyen doi so", "tu591"),        # no accents at all
        ("CHUYỂN ĐỔI SỐ", "tu591"),        # upper case, accented
        ("tinh uy ket qua", "bc012"),      # `uỷ` (old tone placement) folds like `ủy`; subject only
        ("591-CV/TU", "tu591"),            # the code as printed
        ("245/ubnd-vx", "ub245"),
        ("truyen thong", "ub245"),         # a word of a task action only
    ],
)
def test_finds_without_accents(shared, query: str, first: str) -> None:
    assert ids(shared, query)[0] == first


def test_subject_ranks_above_one_mention_in_the_body(shared) -> None:
    found = ids(shared, "chuyen doi so")
    assert found.index("tu591") < found.index("ub245")


def test_duplicates_are_not_indexed(db) -> None:
    con, directory = db
    assert search.sync(con, directory) == (3, 0)
    assert "tu591b" not in ids(db, "591-CV/TU") + ids(db, "chuyen doi so ban sao")


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("chuyen doi so", "«chuyển đổi số»"),   # adjacent matched words share one mark
        ("ban thuong vu tinh uy", "«Ban Thường vụ Tỉnh ủy»"),
        ("ket qua nghi quyet tinh uy", "«Tỉnh uỷ»"),  # the document's own spelling, not the query's
        ("truyen thong", "«Truyền thông»"),     # from the task action
    ],
)
def test_snippet_is_the_accented_original_marked(shared, query: str, marked: str) -> None:
    cut = row(shared, query)["snippet"]
    assert marked in cut
    assert len(cut) <= search.SNIPPET_WIDTH + 10 and "\n" not in cut


def test_snippet_of_a_long_text_is_cut_around_the_match() -> None:
    text = "Mở đầu dài. " * 40 + "Đẩy mạnh chuyển đổi số ở cơ sở. " + "Kết thúc. " * 40
    cut = search.snippet([text], search.terms("chuyen doi so"))
    assert cut.startswith("…") and cut.endswith("…") and "«chuyển đổi số»" in cut
    assert 100 <= len(cut) <= search.SNIPPET_WIDTH + 4


def test_second_sync_does_nothing(db) -> None:
    con, directory = db
    assert search.sync(con, directory) == (3, 0)
    assert search.sync(con, directory) == (0, 0)


def test_resync_after_delete_and_reload(db) -> None:
    con, directory = db
    search.sync(con, directory)
    con.execute("DELETE FROM documents WHERE doc_id = 'bc012'")
    assert search.sync(con, directory) == (0, 1)
    assert "bc012" not in ids(db, "nghi quyet tinh uy")
    # a reload replaces the row and moves loaded_at: the new words are found, the old ones not
    con.execute("DELETE FROM documents WHERE doc_id = 'ub245'")
    _insert(con, "ub245", "245/UBND-VX", "Về phòng, chống thiên tai", "Phòng chống bão lũ.",
            loaded_at="2026-02-01 09:00:00")
    assert search.sync(con, directory) == (1, 0)
    assert ids(db, "thien tai") == ["ub245"]
    assert "ub245" not in ids(db, "hoi nghi tong ket")
    # a duplicate whose first copy is gone becomes the kept copy
    con.execute("DELETE FROM documents WHERE doc_id = 'tu591'")
    con.execute("UPDATE documents SET duplicate_of = NULL WHERE doc_id = 'tu591b'")
    assert search.sync(con, directory) == (1, 1)


def test_a_sync_that_died_before_its_marker_is_repaired(db, monkeypatch) -> None:
    con, directory = db
    search.sync(con, directory)
    con.execute("DELETE FROM documents WHERE doc_id = 'bc012'")
    _insert(con, "new01", None, "Về chuyển đổi số cấp xã", None)

    def die(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(search, "_write_marker", die)  # commit done, marker not written
    with pytest.raises(KeyboardInterrupt):
        search.sync(con, directory)
    monkeypatch.undo()
    search.sync(con, directory)
    found = ids(db, "chuyen doi so")
    assert sorted(found) == ["new01", "tu591", "ub245"]  # each once, the deleted one gone
    assert search.sync(con, directory) == (0, 0)


def _boom(*_):
    raise AssertionError("read document by document")


# (what happens to the database or the index after a complete sync) -> (added, deleted) by the next sync
DIGEST_CASES = [
    ("nothing", None, (0, 0)),
    ("a document added", "INSERT", (1, 0)),
    ("a document reloaded", "UPDATE documents SET loaded_at = TIMESTAMP '2026-03-01 08:00' WHERE doc_id = 'ub245'",
     (1, 0)),
    ("a document deleted", "DELETE FROM documents WHERE doc_id = 'bc012'", (0, 1)),
    ("a copy's first copy gone", "UPDATE documents SET duplicate_of = NULL WHERE doc_id = 'tu591b'", (1, 0)),
    ("the body text filled in", "UPDATE documents SET text = 'báo cáo' WHERE doc_id = 'bc012'", (1, 0)),
]


@pytest.mark.parametrize("what,change,expected", DIGEST_CASES, ids=[c[0] for c in DIGEST_CASES])
def test_an_unchanged_database_is_not_compared_document_by_document(db, monkeypatch, what, change,
                                                                     expected) -> None:
    con, directory = db
    search.sync(con, directory)
    if change == "INSERT":
        _insert(con, "new01", None, "Về chuyển đổi số cấp xã", None)
    elif change:
        con.execute(change)
    if change is None:
        # the digest alone says the index is up to date: neither the marker nor every row is read
        monkeypatch.setattr(search, "_read_marker", _boom)
        monkeypatch.setattr(search, "_current", _boom)
    assert search.sync(con, directory) == expected
    monkeypatch.undo()
    assert search.sync(con, directory) == (0, 0)


def test_a_digest_does_not_vouch_for_an_index_that_lost_its_documents(db) -> None:
    con, directory = db
    search.sync(con, directory)
    (directory / "meta.json").unlink()  # tantivy's list of segments: the index reads as empty
    assert search.sync(con, directory) == (3, 0)  # rebuilt: the three kept copies
    assert sorted(ids(db, "chuyen doi so")) == ["tu591", "ub245"]


# a word of 40 letters or more is not indexed (Tantivy's remove_long), so it is no word either
@pytest.mark.parametrize("query", ["", "   ", "?!...", "«»", "- / -", '"', "a" * 300])
def test_a_query_without_words_is_an_error(shared, query: str) -> None:
    con, directory = shared
    with pytest.raises(CongvanError, match="nothing to search for"):
        search.search(con, directory, query)


@pytest.mark.parametrize(
    "query", ["(a", "AND", "OR NOT", "subject:x", "tỉnh*", "a~2", "[1 TO 2]", '"chuyen', "^3", "bảo " * 300],
)
def test_query_syntax_is_not_parsed(shared, query: str) -> None:
    con, directory = shared
    cols, rows = search.search(con, directory, query)
    assert cols == search.COLUMNS and isinstance(rows, list)


def test_index_dir_sits_next_to_the_database(tmp_path: Path) -> None:
    assert search.index_dir(tmp_path / "congvan.duckdb") == tmp_path / "congvan.duckdb.search"
    assert search.index_dir(":memory:", tmp_path / "x") == tmp_path / "x"
    with pytest.raises(CongvanError):
        search.index_dir(":memory:")


def test_search_on_a_read_only_database(tmp_path: Path) -> None:
    path = tmp_path / "congvan.duckdb"
    con = store.connect(path)
    _fill(con)
    con.close()
    con = store.connect(path, read_only=True)
    try:
        cols, rows = search.search(con, search.index_dir(path), "Tinh Uy")
    finally:
        con.close()
    found = {r[cols.index("doc_id")] for r in rows}
    assert {"tu591", "bc012", "ub245"} == found  # ub245: `UBND TỈNH` and `ủy` nowhere, still a hit on `tinh`
    assert (tmp_path / "congvan.duckdb.search" / search.MARKER).exists()


@pytest.mark.parametrize(
    "text",
    ["Tỉnh ủy Lai Châu", "ĐẢNG ỦY  xã\tĐồng Nai\n", "Ðà Lạt", "Straße ﬁnal İstanbul", "hoà thuỷ",
     "chuye\u0302\u0309n đổi số"],  # the last one decomposed (NFD), as some text layers give it
)
def test_fold_fast_gives_the_words_of_fold(text: str) -> None:
    from extractors.normalize import fold

    assert " ".join(search.fold_fast(text).split()) == fold(text)


@pytest.mark.parametrize(
    ("text", "query", "marked"),
    [
        ("Phố Straße mới và đổi số", "strasse doi", "«Straße» mới và «đổi»"),  # ß folds to two chars
        ("Kế hoạch ﬁnal của Đảng ủy", "final dang uy", "«ﬁnal» của «Đảng ủy»"),
    ],
)
def test_snippet_offsets_survive_folds_that_change_length(text: str, query: str, marked: str) -> None:
    assert marked in search.snippet([text], search.terms(query))
