"""`congvan report`: the page data against the database, highlights, escaping, a site with no network.

Fast: the samples' text seeds (s000.txt, s003.md) and hand-made records, built once per module.
The same pages opened in a real browser: tests/test_report_browser.py.
"""
from __future__ import annotations

import html
import importlib.util
import re
import shutil
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from conftest import SAMPLES, SEEDS, make_record
from pipeline import store
from pipeline.cli import app
from pipeline.errors import CongvanError
from pipeline.ingest import ingest
from pipeline.report import data, highlight
from pipeline.report.build import build, doc_slug, flag_label, vn_date
from schemas.record import Signer, Span, Task

ROOT = Path(__file__).resolve().parents[1]
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed (make sysdeps)")
TODAY = date(2026, 1, 20)   # task 1 of s000 (23/01/2025) overdue, task 3 (25/01/2026) due within 7 days


def _seeds_db(folder: Path) -> Path:
    inbox = folder / "inbox"
    inbox.mkdir()
    for name in SEEDS:
        shutil.copy(SAMPLES / "inbox" / name, inbox / name)
    db = folder / "seeds.duckdb"
    ingest(inbox, db, progress=False, workers=0)
    return db


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> tuple[Path, Path]:
    """(database, report folder) of the two seed dispatches."""
    folder = tmp_path_factory.mktemp("report")
    db = _seeds_db(folder)
    con = store.connect(db, read_only=True)
    build(con, folder / "site", TODAY, db_path=db)
    con.close()
    return db, folder / "site"


@pytest.fixture(scope="module")
def con(seeds):
    c = store.connect(seeds[0], read_only=True)
    yield c
    c.close()


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _vp(con) -> str:
    return con.execute("SELECT doc_id FROM documents WHERE code = '/VPUBND-HCQT' AND duplicate_of IS NULL").fetchone()[0]


def test_overview_counts_are_the_databases(seeds, con):
    _, site = seeds
    page = _read(site / "index.html")
    db_overdue = con.execute("SELECT count(*) FROM overdue_at(?)", [TODAY]).fetchone()[0]
    assert db_overdue > 0
    assert re.search(rf'id="count-overdue">{db_overdue}<', page)
    rows = con.execute("SELECT status, days_left FROM tasks_at(?)", [TODAY]).fetchall()
    expected = {k: 0 for k in data.STATUS_ORDER}
    for status, days in rows:
        expected[data.report_status(status, days)] += 1
    for key, n in expected.items():
        assert re.search(rf'id="count-{key}">{n}<', page), key
    assert re.search(rf'id="count-all">{len(rows)}<', page)
    assert expected["due7"] == 1  # 25/01/2026 is 5 days after TODAY


def test_task_table_data_is_tasks_at(seeds, con):
    _, site = seeds
    text = _read(site / "data" / "tasks.js")
    import json
    payload = json.loads(text[text.index("=") + 1:].rstrip().rstrip(";"))
    assert len(payload["rows"]) == con.execute("SELECT count(*) FROM tasks_at(?)", [TODAY]).fetchone()[0]
    for unit_id, n in con.execute("SELECT unit_id, count(*) FROM tasks_at(?) WHERE unit_id IS NOT NULL GROUP BY 1",
                                  [TODAY]).fetchall():
        assert sum(1 for r in payload["rows"] if r[2] == unit_id) == n
        assert payload["units"][unit_id]


def test_unit_page_lists_exactly_its_tasks(seeds, con):
    _, site = seeds
    units = con.execute("SELECT unit_id, count(*) FROM tasks_at(?) WHERE unit_id IS NOT NULL GROUP BY 1",
                        [TODAY]).fetchall()
    assert units
    for unit_id, n in units:
        page = _read(site / "u" / f"{unit_id}.html")
        table = page[page.index('id="unit-tasks"'):]
        table = table[:table.index("</table>")]
        got = re.findall(r'href="\.\./d/([0-9a-f]{16})\.html#task-(\d+)"', table)
        want = con.execute("SELECT doc_id, task_no FROM tasks_at(?) WHERE unit_id = ?", [TODAY, unit_id]).fetchall()
        assert sorted(got) == sorted((doc_slug(d), str(t)) for d, t in want)
        assert len(got) == n
    # a unit without tasks has an empty list, not another unit's
    idle = con.execute("SELECT unit_id FROM units WHERE unit_id NOT IN (SELECT unit_id FROM task_units"
                       " WHERE unit_id IS NOT NULL) LIMIT 1").fetchone()
    if idle:
        assert 'id="unit-tasks"' not in _read(site / "u" / f"{idle[0]}.html")


def test_deadline_of_task_1_is_highlighted_at_its_words(seeds, con):
    _, site = seeds
    doc_id = _vp(con)
    s = data.load(con, TODAY)
    doc = s.documents[doc_id]
    marks = {m.mark_id: m for m in highlight.marks_for(doc)}
    m = marks["task-1-deadline"]
    assert doc["text"][m.start:m.end] == "trước ngày 23/01/2025"
    task = marks["task-1"]
    assert task.start <= m.start < m.end <= task.end
    # on the page: the runs carrying the mark spell exactly those words
    page = _read(site / "d" / f"{doc_slug(doc_id)}.html")
    runs = re.findall(r'<span class="hl [^"]*" data-mark="[^"]*" data-marks="([^"]*)"[^>]*>([^<]*)</span>', page)
    words = "".join(html.unescape(t) for ids, t in runs if "task-1-deadline" in ids.split())
    assert words == "trước ngày 23/01/2025"


def test_runs_rebuild_the_text_and_nest():
    text = "Giao Sở Tài chính báo cáo trước ngày 30/6/2026 theo Công văn số 12/UBND."
    marks = [highlight.Mark(0, len(text), "task", "task-1"), highlight.Mark(26, 46, "deadline", "task-1-deadline"),
             highlight.Mark(51, 71, "references", "references-0")]
    runs = highlight.runs(text, marks)
    assert "".join(r.text for r in runs) == text
    inner = [(r.text, r.inner.field if r.inner else None) for r in runs]
    assert ("trước ngày 30/6/2026", "deadline") in inner
    assert all(f == "task" or f in ("deadline", "references") for _, f in inner)


def test_deadline_span_falls_back_to_the_printed_day():
    text = "Các đơn vị gửi báo cáo về Sở Nội vụ chậm nhất ngày 05/3 để tổng hợp."
    at = highlight.deadline_span(text, 0, len(text), date(2026, 3, 5), None)
    assert at and text[at[0]:at[1]].endswith("05/3")
    assert highlight.deadline_span(text, 0, len(text), date(2026, 4, 9), None) is None
    assert highlight.deadline_span(text, 0, len(text), None, None) is None


def test_missing_citation_is_marked_missing(seeds, con):
    _, site = seeds
    page = _read(site / "d" / f"{doc_slug(_vp(con))}.html")
    assert re.search(r'<span class="cite-missing">Nghị quyết 57-NQ/TW</span>\s*<a class="badge missing" '
                     r'href="\.\./missing\.html#m-[0-9a-f]{10}">chưa có trong kho</a>', page)
    missing = _read(site / "missing.html")
    for (code,) in con.execute("SELECT code FROM v_missing_documents").fetchall():
        assert html.escape(code) in missing


def test_vietnamese_survives(seeds):
    _, site = seeds
    index = _read(site / "index.html")
    assert '<meta charset="utf-8">' in index and '<html lang="vi">' in index
    for words in ("Tổng quan", "Nhiệm vụ", "Đơn vị", "Văn bản", "Sơ đồ chỉ đạo", "Quá hạn", "Sắp đến hạn (7 ngày)",
                  "Đang thực hiện", "Đã trả lời", "tính đến ngày 20/01/2026"):
        assert words in index, words
    unit_pages = "".join(_read(p) for p in (site / "u").glob("*.html"))
    assert "Trung tâm Tin học và Công báo tỉnh Lai Châu" in unit_pages
    assert "Đảng ủy xã Bình Lư" in unit_pages


def test_nothing_is_fetched_from_the_network(seeds):
    _, site = seeds
    remote = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*["\']?(?:https?:)?//', re.I)
    files = [p for p in site.rglob("*") if p.suffix in (".html", ".css", ".js") and p.name != "plotly.min.js"]
    assert files
    for p in files:
        text = _read(p)
        assert not remote.search(text), p
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), p
        assert "@import" not in text, p
    assert (site / "assets" / "plotly.min.js").stat().st_size > 1_000_000  # the library itself, copied


def test_document_values_are_escaped(tmp_path):
    db = tmp_path / "x.duckdb"
    con = store.connect(db)
    bad = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    store.load_record(con, make_record("evil1", "12/UBND-VP", subject=bad, issuer=["UBND TỈNH <b>X</b>"],
                                       tasks=[Task(assignees=["Sở <i>Y</i>"], action=bad, deadline="2026-02-01")]),
                      "L1")
    con.close()
    con = store.connect(db, read_only=True)
    build(con, tmp_path / "site", TODAY)
    con.close()
    for p in (tmp_path / "site").rglob("*.html"):
        text = _read(p)
        assert "<script>alert" not in text and "<img src=x" not in text and "<i>Y</i>" not in text, p
    page = _read(tmp_path / "site" / "d" / f"{doc_slug('evil1')}.html")
    assert "&lt;script&gt;alert(" in page


@needs_dot
def test_graph_draws_the_chain(tmp_path, loaded_db):
    # conftest's chain: 57-NQ/TW (not stored) <- 591-CV/TU <- the Văn phòng dispatch (/VPUBND-HCQT)
    con = store.connect(loaded_db, read_only=True)
    build(con, tmp_path / "site", TODAY)
    con.close()
    page = _read(tmp_path / "site" / "graph.html")
    svg = html.unescape(page[page.index("<svg"):page.index("</svg>")])  # dot writes "-" as &#45;
    for code in ("57-NQ/TW", "591-CV/TU", "/VPUBND-HCQT"):
        assert code in svg, code
    assert "chưa có trong kho" in svg                       # the root is a stub, drawn as one
    assert 'href="d/tu591.html"' in svg or f'href="d/{doc_slug("tu591")}.html"' in svg
    assert svg.count('class="edge"') >= 3


def test_rebuild_replaces_and_refuses_a_foreign_folder(tmp_path, loaded_db):
    con = store.connect(loaded_db, read_only=True)
    site = tmp_path / "site"
    build(con, site, TODAY)
    (site / "d" / "stale.html").write_text("old", encoding="utf-8")
    first = sorted(p.relative_to(site) for p in site.rglob("*"))
    build(con, site, TODAY)
    second = sorted(p.relative_to(site) for p in site.rglob("*"))
    assert Path("d/stale.html") not in second and set(second) == set(first) - {Path("d/stale.html")}
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(CongvanError, match="not empty"):
        build(con, foreign, TODAY)
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep"
    con.close()


def test_cli_report(tmp_path, loaded_db):
    runner = CliRunner()
    out = tmp_path / "site"
    result = runner.invoke(app, ["report", "--db", str(loaded_db), "--out", str(out), "--today", "2026-01-20"])
    assert result.exit_code == 0, result.output
    assert str(out / "index.html") in result.output
    help_ = runner.invoke(app, ["report", "--help"], env={"COLUMNS": "200"})
    assert help_.exit_code == 0 and "Example" in help_.output and "congvan report --db" in help_.output
    bad = runner.invoke(app, ["report", "--db", str(tmp_path / "nope.duckdb"), "--out", str(tmp_path / "o")])
    assert bad.exit_code == 1
    lines = [line for line in bad.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:") and "Traceback" not in bad.output
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    bad = runner.invoke(app, ["report", "--db", str(junk), "--out", str(tmp_path / "o2")])
    assert bad.exit_code == 1 and bad.output.strip().startswith("Error:") and len(bad.output.strip().splitlines()) == 1


def test_low_confidence_and_flags_are_shown(seeds, con):
    _, site = seeds
    page = _read(site / "d" / f"{doc_slug(_vp(con))}.html")
    # the printed date is blank (ngày tháng năm 2026): read with confidence 0.3
    assert re.search(r'<tr class="low"><th>Ngày ban hành</th>', page)
    assert "chưa chắc chắn" in page
    assert "thời hạn nhiệm vụ 23/01/2025: thời hạn sớm hơn năm của văn bản" in page


def test_dates_and_flags_in_vietnamese():
    assert vn_date(date(2026, 1, 5)) == "05/01/2026" and vn_date(None) == "—"
    assert flag_label("deadline_before_document_date") == "thời hạn sớm hơn ngày văn bản"
    assert flag_label("something_new") == "something_new"


def _graph_bench():
    spec = importlib.util.spec_from_file_location("graph_bench", ROOT / "bench" / "graph_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_dot
def test_a_synthetic_store_builds_fast_and_pages_its_tables(tmp_path):
    gb = _graph_bench()
    db = tmp_path / "big.duckdb"
    con = store.connect(db)
    gb.generate(con, gb.shape(5000))  # 1,000 documents, 5,000 tasks, 100 units
    con.close()
    con = store.connect(db, read_only=True)
    start = time.perf_counter()
    result = build(con, tmp_path / "site", date(2026, 6, 1))
    took = time.perf_counter() - start
    n_rows = con.execute("SELECT count(*) FROM tasks_at(DATE '2026-06-01')").fetchone()[0]
    answered = con.execute("SELECT count(*) FROM tasks_at(DATE '2026-06-01') WHERE status = 'answered'").fetchone()[0]
    con.close()
    assert answered and f'id="count-answered">{answered:,}<'.replace(",", ".") in _read(tmp_path / "site" / "index.html")
    assert result.documents >= 990 and result.task_rows == n_rows
    assert took < 15, took  # 10,000 documents and 50,000 tasks take ~15 s (bench/report_bench.py)
    tasks_page = _read(tmp_path / "site" / "tasks.html")
    assert tasks_page.count("<tr") <= 2  # rows come from data/tasks.js, 100 a page, never all in the DOM
    graph_page = _read(tmp_path / "site" / "graph.html")
    assert "Sơ đồ rút gọn" in graph_page and graph_page.count('class="node"') <= 100


def test_chart_specs_are_valid_plotly_figures(seeds, con):
    import plotly.graph_objects as go

    from pipeline.report import charts

    s = data.load(con, TODAY)
    go.Figure(charts.status_bar(s.status_counts, "tasks.html"))
    go.Figure(charts.documents_by_month([d["date_effective"] for d in s.documents.values()], "documents.html"))
    for unit in s.units.values():
        fig = charts.workload(unit["tasks"], f"tasks.html#unit={unit['unit_id']}")
        if fig:
            go.Figure(fig)  # raises on a key plotly.js does not know


def test_without_graphviz_the_rest_of_the_report_is_built(tmp_path, loaded_db, monkeypatch):
    import graphviz

    def missing(*args, **kwargs):
        raise graphviz.ExecutableNotFound(["dot"])

    monkeypatch.setattr(graphviz.Digraph, "pipe", missing)
    con = store.connect(loaded_db, read_only=True)
    result = build(con, tmp_path / "site", TODAY)
    con.close()
    assert result.documents == 4
    assert "Không vẽ được sơ đồ: chưa cài Graphviz `dot`" in _read(tmp_path / "site" / "graph.html")


def test_a_scan_shows_its_page_image_and_its_text(tmp_path):
    from PIL import Image

    from schemas.record import Record

    scan = tmp_path / "scan.png"
    Image.new("RGB", (1654, 2339), "white").save(scan)
    text = "ỦY BAN NHÂN DÂN\nSố: 15/UBND-VX\nGiao Sở Y tế báo cáo trước ngày 10/02/2026."
    record = Record(file=str(scan), doc_id="scan1", reader="ocr", doc_type="Công văn", code="15/UBND-VX",
                    date="2026-01-30", text=text, confidence={"code": 0.4},
                    spans={"code": [Span(page=1, start=20, end=30, zone="header_left")]},
                    tasks=[Task(assignees=["Sở Y tế"], action="báo cáo", deadline="2026-02-10",
                                span=Span(page=1, start=31, end=len(text), zone="body"))])
    db = tmp_path / "s.duckdb"
    con = store.connect(db)
    store.load_record(con, record, "L1")
    con.close()
    con = store.connect(db, read_only=True)
    build(con, tmp_path / "site", TODAY, db_path=db)
    con.close()
    page = _read(tmp_path / "site" / "d" / "scan1.html")
    assert 'src="img/scan1-p1.png"' in page and (tmp_path / "site" / "d" / "img" / "scan1-p1.png").is_file()
    with Image.open(tmp_path / "site" / "d" / "img" / "scan1-p1.png") as im:
        assert im.width == 1240  # shrunk for the page, grey
    assert re.search(r'<span class="hl f-code low" data-mark="code-0"[^>]*>15/UBND-VX</span>', page)
    assert re.search(r'data-mark="task-1-deadline"[^>]*>trước ngày 10/02/2026</span>', page)
