"""The report in a real browser (Debian's headless Chromium via chromedriver), checked the way
a person reads it: the overview's overdue count is the database's, filtering the task table
by a unit shows exactly that unit's tasks (and the filter survives in the URL), the document
page highlights task 1's deadline at its words, the graph page draws the directive chain, and
no page logs a console error or loads anything that is not a local file.

Built once per module from the samples (every format); the dev corpus (../shared) part reads
only its text-layer documents, so it needs neither OCR nor LibreOffice. Screenshots of the main
pages go to bench/out/report/ (not committed).
"""
from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES
from corpus import DEV
from pipeline import store
from pipeline.ingest import ingest
from pipeline.report.build import build, doc_slug

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[dev]')")
pytestmark = pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
                                reason="Debian's chromium and chromium-driver are not installed (make sysdeps)")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed (make sysdeps)")
TODAY = date(2026, 1, 20)
SHOTS = ROOT / "bench" / "out" / "report"
# text-layer documents of the dev corpus: read without OCR or LibreOffice
DEV_TEXT = (".txt", ".md", ".docx")


@pytest.fixture(scope="module")
def browser():
    profile = tempfile.mkdtemp(prefix="congvan-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # without the background-networking flags Chromium's own services try the network and
    # get refused many at a time; a fresh profile keeps runs apart
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _site(folder: Path, inbox: Path) -> tuple[Path, Path]:
    db = folder / "store.duckdb"
    ingest(inbox, db, progress=False, workers=0)
    con = store.connect(db, read_only=True)
    build(con, folder / "site", TODAY, db_path=db)
    con.close()
    return db, folder / "site"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("report-samples")
    inbox = folder / "inbox"
    shutil.copytree(SAMPLES / "inbox", inbox)
    return _site(folder, inbox)


@pytest.fixture(scope="module")
def dev(tmp_path_factory) -> tuple[Path, Path]:
    if not DEV.is_dir():
        pytest.skip("../shared/corpus/dev (third-party corpus) is absent")
    folder = tmp_path_factory.mktemp("report-dev")
    inbox = folder / "inbox"
    inbox.mkdir()
    for path in sorted(DEV.iterdir()):
        if path.suffix in DEV_TEXT:
            shutil.copy(path, inbox / path.name)  # into the test's tmp folder, never the project
    return _site(folder, inbox)


def _open(driver, site: Path, page: str):
    driver.get((site / page.split("#")[0]).as_uri() + ("#" + page.split("#", 1)[1] if "#" in page else ""))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return driver


def _problems(driver) -> list[str]:
    """Console errors, and any resource that is not a local file."""
    logs = [f"{e['level']}: {e['message']}" for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    remote = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith('file:'))")
    return logs + [f"remote: {r}" for r in remote]


def _shot(driver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1400, min(max(height, 700), 2400))
    driver.save_screenshot(str(SHOTS / name))
    driver.set_window_size(1400, 1000)


def _db(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = store.connect(db, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _overview(browser, db: Path, site: Path, shot: str | None) -> None:
    _open(browser, site, "index.html")
    overdue = _db(db, "SELECT count(*) FROM overdue_at(?)", [TODAY])[0][0]
    assert browser.find_element(By.ID, "count-overdue").text == f"{overdue:,}".replace(",", ".")
    # plotly drew every chart (its SVG root is there), from the local copy of the library
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('.chart')].every(c => c.querySelector('.main-svg'))"))
    if shot:
        _shot(browser, shot)
    assert _problems(browser) == []


def _unit_filter(browser, db: Path, site: Path, shot: str | None) -> None:
    unit_id, n = _db(db, "SELECT unit_id, count(*) AS n FROM tasks_at(?) WHERE unit_id IS NOT NULL"
                         " GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1", [TODAY])[0]
    want = sorted(_db(db, "SELECT doc_id, task_no FROM tasks_at(?) WHERE unit_id = ?", [TODAY, unit_id]))
    _open(browser, site, "tasks.html")
    Select(browser.find_element(By.ID, "f-unit")).select_by_value(unit_id)

    def shown() -> list[tuple[str, str, str]]:
        return browser.execute_script("""
            return [...document.querySelectorAll('#t-table tbody tr[data-row]')].map(tr => {
              const doc = tr.querySelector('td:nth-child(7) a').getAttribute('href');
              const unit = tr.querySelector('td:nth-child(4) a').getAttribute('href');
              return [doc, unit]; });""")

    rows = shown()
    assert int(browser.find_element(By.ID, "t-count").get_attribute("data-total")) == n
    assert all(unit == f"u/{unit_id}.html" for _, unit in rows)
    slugs = {doc_slug(d): d for d, _ in want}
    got = sorted((slugs[href[2:18]], int(href.split("#task-")[1])) for href, _ in rows)
    assert got == want[:100] if n > 100 else got == want
    assert f"unit={unit_id}" in browser.current_url
    if shot:
        _shot(browser, shot)
    # the URL is the view: opened afresh, it shows the same rows
    url = browser.current_url
    browser.get("about:blank")
    browser.get(url)
    assert browser.find_element(By.ID, "f-unit").get_attribute("value") == unit_id
    assert sorted(shown()) == sorted(rows)
    assert _problems(browser) == []


def test_overview_overdue_count_is_the_databases(browser, samples):
    _overview(browser, *samples, "overview.png")


def test_filter_by_unit_shows_exactly_its_tasks(browser, samples):
    _unit_filter(browser, *samples, "tasks-unit.png")


def test_status_link_and_sorting(browser, samples):
    db, site = samples
    overdue = _db(db, "SELECT count(*) FROM overdue_at(?)", [TODAY])[0][0]
    _open(browser, site, "index.html")
    browser.find_element(By.ID, "tile-overdue").click()
    WebDriverWait(browser, 10).until(lambda d: "tasks.html" in d.current_url)
    assert int(browser.find_element(By.ID, "t-count").get_attribute("data-total")) == overdue
    badges = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "#t-table tbody .badge.st-overdue")}
    assert badges == {"Quá hạn"}
    browser.find_element(By.CSS_SELECTOR, 'th[data-col="days"]').click()
    days = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#t-table tbody td:nth-child(3)")]
    values = [-int(d.split()[1]) if d.startswith("quá") else int(d) for d in days]
    assert values == sorted(values)
    assert "sort=days" in browser.current_url
    assert _problems(browser) == []


def test_document_page_highlights_task_1_deadline(browser, samples):
    db, site = samples
    doc_id = _db(db, "SELECT doc_id FROM documents WHERE code = '/VPUBND-HCQT' AND duplicate_of IS NULL")[0][0]
    _open(browser, site, f"d/{doc_slug(doc_id)}.html")
    runs = browser.find_elements(By.CSS_SELECTOR, '.hl[data-marks~="task-1-deadline"]')
    assert "".join(r.text for r in runs) == "trước ngày 23/01/2025"
    assert all(r.is_displayed() for r in runs)
    assert runs[0].value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    # "xem thời hạn" beside task 1 points at those words
    browser.find_element(By.CSS_SELECTOR, '#task-1 a[data-goto="task-1-deadline"]').click()
    assert "flash" in runs[0].get_attribute("class")
    # the page image tab shows the PDF copy's page, rendered from the original file
    assert browser.find_elements(By.CSS_SELECTOR, "img.pageimg")
    assert browser.find_element(By.ID, "original-link").get_attribute("href").startswith("file:")
    _shot(browser, "document.png")
    assert _problems(browser) == []


def _graph_edges(browser) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Node name -> its text, and the edges as (cited, citing) names, read from the drawn SVG."""
    nodes = browser.execute_script("""
        const out = {};
        document.querySelectorAll('#graph g.node').forEach(g => {
          out[g.querySelector('title').textContent] = [...g.querySelectorAll('text')].map(t => t.textContent).join(' ');
        });
        return out;""")
    edges = browser.execute_script(
        "return [...document.querySelectorAll('#graph g.edge > title')].map(t => t.textContent.split('->'))")
    return nodes, {(a, b) for a, b in edges}


@needs_dot
def test_graph_page_shows_the_directive_chain(browser, samples):
    _, site = samples
    _open(browser, site, "graph.html")
    nodes, edges = _graph_edges(browser)
    by_code = {}
    for name, text in nodes.items():
        for code in ("57-NQ/TW", "591-CV/TU", "/VPUBND-HCQT"):
            if code in text:
                by_code[code] = name
    assert set(by_code) == {"57-NQ/TW", "591-CV/TU", "/VPUBND-HCQT"}
    # the Văn phòng dispatch implements 57-NQ/TW following 591-CV/TU: both drawn as what it cites
    vp = by_code["/VPUBND-HCQT"]
    assert (by_code["57-NQ/TW"], vp) in edges and (by_code["591-CV/TU"], vp) in edges
    assert "chưa có trong kho" in nodes[by_code["591-CV/TU"]]   # a stub, drawn apart
    _shot(browser, "graph.png")
    assert _problems(browser) == []
    # each node is a link to its page
    browser.find_element(By.CSS_SELECTOR, "#graph g.node a").click()
    WebDriverWait(browser, 10).until(lambda d: "/d/" in d.current_url or "missing.html" in d.current_url)
    assert _problems(browser) == []


def test_every_page_kind_opens_without_errors(browser, samples):
    _, site = samples
    others = sorted(p.name for p in (site / "g").glob("*.html"))
    for page in ("documents.html", "units.html", "missing.html", *(f"g/{name}" for name in others[:2])):
        _open(browser, site, page)
        assert _problems(browser) == [], page
    unit = sorted((site / "u").glob("*.html"))[0]
    _open(browser, site, f"u/{unit.name}")
    assert browser.find_element(By.ID, "unit-name").text
    _shot(browser, "unit.png")
    assert _problems(browser) == []


def test_dev_corpus_overview_and_filter(browser, dev):
    _overview(browser, *dev, "dev-overview.png")
    _unit_filter(browser, *dev, None)


@needs_dot
def test_dev_corpus_graph_and_documents(browser, dev):
    db, site = dev
    _open(browser, site, "graph.html")
    nodes, edges = _graph_edges(browser)
    assert nodes and edges
    _shot(browser, "dev-graph.png")
    assert _problems(browser) == []
    # the Văn phòng dispatch (s000 in the dev set) and its chain
    doc = _db(db, "SELECT doc_id FROM documents WHERE code = '/VPUBND-HCQT' AND duplicate_of IS NULL")
    if doc:
        _open(browser, site, f"d/{doc_slug(doc[0][0])}.html")
        runs = browser.find_elements(By.CSS_SELECTOR, '.hl[data-marks~="task-1-deadline"]')
        assert "".join(r.text for r in runs).endswith("23/01/2025")
        assert _problems(browser) == []
