"""Build the static site: pages from Jinja2 templates (autoescaped), data files for the
client-side tables, the directive graphs, page images and assets, all local.

Layout of DIR:
    index.html tasks.html documents.html units.html missing.html graph.html
    d/<doc>.html (one per kept document)   u/<unit_id>.html (one per unit)   g/<n>.html (other roots)
    d/img/<doc_id>-pN.png (PDF pages)      data/*.js (table rows)            assets/ (css, js, plotly)
A rebuild into the same DIR replaces every page it wrote before (it refuses a folder
that holds other things: DIR/.congvan-report marks a report folder).
"""
from __future__ import annotations

import hashlib
import logging
import json
import re
import shutil
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import duckdb
import jinja2
from markupsafe import Markup

from pipeline.errors import CongvanError
from pipeline.report import charts, data, graphs, highlight, images

_log = logging.getLogger(__name__)
HERE = Path(__file__).parent
MARKER = ".congvan-report"
OWNED_DIRS = ("d", "u", "g", "data", "assets")
OWNED_FILES = ("index.html", "tasks.html", "documents.html", "units.html", "missing.html", "graph.html")
GRAPH_ROOTS = 8          # roots with a drawn graph page (the most cited first)
UNIT_PAGE_TASKS = 300    # task rows listed on a unit page (the rest: the task table filtered by the unit)
UNIT_PAGE_DOCS = 100
ACTION_CHARS = 220       # task text in the table's data file (the document page has it whole)

KIND_LABELS = {
    "ubnd": "Ủy ban nhân dân", "hdnd": "Hội đồng nhân dân", "so_ban_nganh": "Sở, ban, ngành",
    "van_phong": "Văn phòng", "dang_uy": "Cơ quan Đảng", "trung_tam": "Trung tâm", "phong": "Phòng",
    "collective": "Nhóm đơn vị", "person_role": "Chức danh", "bo_cuc": "Bộ, cơ quan Trung ương",
    "chinh_phu": "Chính phủ", "ban_chi_dao": "Ban Chỉ đạo", "hoi": "Hội, đoàn thể", "khac": "Khác",
}
LEVEL_LABELS = {"trung_uong": "Trung ương", "tinh": "Tỉnh", "huyen": "Huyện", "xa": "Xã"}
ROLE_LABELS = {"lead": "Chủ trì", "coordinate": "Phối hợp"}
RELATION_LABELS = {"trả lời": "phúc đáp", "other": "dẫn chiếu", "": "dẫn chiếu"}
FLAG_LABELS = {
    "duplicate": "bản sao", "deadline_before_document_year": "thời hạn sớm hơn năm của văn bản",
    "deadline_before_document_date": "thời hạn sớm hơn ngày văn bản", "date_from_signature": "ngày lấy từ chữ ký số",
    "deadline_from_blank_date": "thời hạn tính từ ngày để trống",
    "draft_blank_number": "văn bản dẫn chiếu chưa có số (dự thảo)", "draft_blank_date": "văn bản dẫn chiếu chưa có ngày",
    "cited_after_document": "văn bản dẫn chiếu có ngày sau văn bản này",
}
FLAG_PREFIXES = {"task deadline": "thời hạn nhiệm vụ", "signed_at unparsed": "không đọc được thời điểm ký",
                 "date_unparsed": "không đọc được ngày", "deadline_unparsed": "không đọc được thời hạn"}
_PLAIN = re.compile(r"[0-9A-Za-z_-]+")
_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@dataclass
class BuildResult:
    out: Path
    documents: int
    units: int
    task_rows: int
    graphs: int
    seconds: float

    def line(self) -> str:
        return (f"report: {self.out / 'index.html'}  ({self.documents} documents, {self.units} units,"
                f" {self.task_rows} task rows, {self.graphs} graphs, {self.seconds:.1f} s)")


def vn_date(value: Any) -> str:
    """dd/mm/yyyy, the way Vietnamese offices write a date; an em dash when there is none."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            # a partial date as printed, 'YYYY-MM-??' -> '??/MM/YYYY'
            parts = value[:10].split("-")
            return "/".join(reversed(parts)) if len(parts) == 3 else value
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def vn_num(value: Any) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def doc_slug(doc_id: str) -> str:
    """The file name of a document's page: its doc_id's first 16 hex digits (a sha256 is unique there);
    an id that is not a plain name (hand-made stores) is hashed rather than put in a path."""
    if _PLAIN.fullmatch(doc_id):
        return doc_id[:16]
    return hashlib.sha1(doc_id.encode()).hexdigest()[:16]


def stub_anchor(node_or_key: str) -> str:
    key = node_or_key[5:] if node_or_key.startswith("stub:") else node_or_key
    return "m-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def flag_label(flag: str) -> str:
    """A stored flag in Vietnamese: "task deadline 2025-01-23: deadline_before_document_year" ->
    "thời hạn nhiệm vụ 23/01/2025: thời hạn sớm hơn năm của văn bản"; an unknown code is kept as is."""
    head, sep, code = flag.rpartition(": ")
    if not sep:
        head, code = "", flag
    for key, words in FLAG_PREFIXES.items():
        head = head.replace(key, words)
    head = _ISO.sub(lambda m: vn_date(m.group(0)), head)
    words = FLAG_LABELS.get(code.strip(), code)
    return f"{head}: {words}" if head else words


def safe_json(payload: Any, element_id: str) -> Markup:
    """A JSON island for report.js: `payload` comes from |tojson, which escapes <, >, & and '."""
    return Markup('<script type="application/json" id="{}">{}</script>').format(element_id, Markup(payload))


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(safe_json=safe_json, vndate=vn_date, num=vn_num, slug=doc_slug, flag=flag_label,
                       kind=lambda k: KIND_LABELS.get(k or "", k or "—"),
                       level=lambda k: LEVEL_LABELS.get(k or "", k or "—"),
                       role=lambda r: ROLE_LABELS.get(r or "", r or ""), stub_anchor=stub_anchor,
                       relation=lambda r: RELATION_LABELS.get(r or "", r))
    env.globals.update(STATUS_LABELS=charts.STATUS_LABELS, FIELD_LABELS=highlight.FIELD_LABELS,
                       LOW_CONFIDENCE=highlight.LOW_CONFIDENCE)
    return env


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise CongvanError(f"{out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise CongvanError(f"{out} is not empty and holds no earlier report: choose an empty or new folder")
    out.mkdir(parents=True, exist_ok=True)
    for name in OWNED_DIRS:
        if name == "d" and (out / "d").is_dir():
            # the page images are named by content hash: kept for the next build to reuse
            for p in (out / "d").glob("*.html"):
                p.unlink()
            continue
        shutil.rmtree(out / name, ignore_errors=True)
    for name in OWNED_FILES:
        (out / name).unlink(missing_ok=True)
    (out / MARKER).write_text("congvan report: this folder is rewritten by `congvan report`\n", encoding="utf-8")
    for name in ("d/img", "u", "g", "data", "assets"):
        (out / name).mkdir(parents=True, exist_ok=True)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _js_data(path: Path, name: str, payload: Any) -> None:
    # a script, not a .json: browsers refuse fetch() of a file:// URL, and the site must open from a folder
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    _write(path, f"window.{name} = {body};\n")


def _original(file: str | None, db: Path | None) -> Path | None:
    if not file:
        return None
    p = Path(file)
    for cand in ([p] if p.is_absolute() else [Path.cwd() / p, *([db.parent / p] if db else [])]):
        if cand.is_file():
            return cand.resolve()
    return None


def build(con: duckdb.DuckDBPyConnection, out: Path, today: date | None = None,
          db_path: Path | None = None) -> BuildResult:
    """Write the report of the store behind `con` into `out`; returns what it wrote."""
    started = time.perf_counter()
    today = today or date.today()
    out = out.resolve()
    _prepare(out)
    store = data.load(con, today)
    env = _env()
    for name in ("report.css", "report.js"):
        shutil.copyfile(HERE / "static" / name, out / "assets" / name)
    charts.copy_plotly(out / "assets" / "plotly.min.js")
    common = {"today": today, "generated": time.strftime("%d/%m/%Y %H:%M"), "n_docs": len(store.documents)}

    graph_pages = _graphs(con, store, env, out, common)
    _overview(store, env, out, common, graph_pages)
    _tables(store, env, out, common)
    _missing(store, env, out, common)
    _units(store, env, out, common)
    _documents(store, env, out, common, graph_pages, db_path)
    return BuildResult(out, len(store.documents), len(store.units), len(store.tasks), len(graph_pages),
                       time.perf_counter() - started)


def _node_info(store: data.Store) -> Any:
    def info(node: str) -> dict[str, Any]:
        doc = store.documents.get(node)
        if doc is not None:
            unit = store.units.get(doc["issuer_unit_id"] or "") or {}
            return {"stored": True, "code": doc["code"], "doc_type": doc["doc_type"], "kind": unit.get("kind"),
                    "issuer": unit.get("name"), "date": vn_date(doc["date_effective"]) if doc["date_effective"] else None,
                    "tooltip": doc["subject"] or doc["code"]}
        stub = store.stubs.get(node, {})
        return {"stored": False, "code": stub.get("code"), "doc_type": stub.get("doc_type"),
                "issuer": stub.get("issuer"), "date": vn_date(stub["date"]) if stub.get("date") else None,
                "tooltip": stub.get("title") or stub.get("code") or ""}
    return info


def _graphs(con: duckdb.DuckDBPyConnection, store: data.Store, env: jinja2.Environment, out: Path,
            common: dict) -> dict[str, str]:
    """One page per chosen root (graph.html for the most cited); returns node -> page (from the site root)."""
    roots = graphs.roots(con, GRAPH_ROOTS)
    pages = {node: ("graph.html" if i == 0 else f"g/{i}.html") for i, (node, _) in enumerate(roots)}
    info = _node_info(store)
    choices = [{"page": pages[n], "label": " ".join(p for p in (info(n)["doc_type"], info(n)["code"]) if p)
                or n, "cited": c} for n, c in roots]
    template = env.get_template("graph.html")
    for node, cited in roots:
        page = pages[node]
        root = "../" if "/" in page else ""

        def href(n: str, root: str = root) -> str:
            if n in store.documents:
                return f"{root}d/{doc_slug(n)}.html"
            return f"{root}missing.html#{stub_anchor(n)}"

        try:
            svg, facts = graphs.draw(con, node, info, href)
            problem = None
        except CongvanError as exc:
            # no Graphviz on this machine: every other page is still worth having; the graph page says why
            _log.warning("directive graph not drawn: %s", exc)
            svg, facts, problem = None, None, str(exc)
        _write(out / page, template.render(**common, root=root, page="graph", svg=svg, facts=facts,
                                           node=info(node), node_href=href(node), cited=cited,
                                           choices=choices, current=page, problem=problem))
    if not roots:
        _write(out / "graph.html", template.render(**common, root="", page="graph", svg=None, facts=None,
                                                   node=None, node_href=None, cited=0, choices=[], current="",
                                                   problem=None))
    return pages


def _overview(store: data.Store, env: jinja2.Environment, out: Path, common: dict, graph_pages: dict) -> None:
    docs = list(store.documents.values())
    types: dict[str, int] = {}
    for d in docs:
        types[d["doc_type"] or "Chưa rõ loại"] = types.get(d["doc_type"] or "Chưa rõ loại", 0) + 1
    type_keys = sorted(types, key=lambda k: (-types[k], k))
    top = sorted((u for u in store.units.values() if u["overdue"]), key=lambda u: (-u["overdue"], u["name"]))[:10]
    figs = {
        "types": charts.bar(type_keys, [types[k] for k in type_keys],
                            [f"documents.html#type={quote(k)}" for k in type_keys]),
        "months": charts.documents_by_month([d["date_effective"] for d in docs], "documents.html"),
        "status": charts.status_bar(store.status_counts, "tasks.html"),
        "units": charts.bar([u["name"] for u in top], [u["overdue"] for u in top],
                            [f"tasks.html#unit={u['unit_id']}&status=overdue" for u in top],
                            charts.STATUS_COLOURS["overdue"], horizontal=True) if top else None,
    }
    undated = sum(1 for d in docs if d["date_effective"] is None)
    _write(out / "index.html", env.get_template("index.html").render(
        **common, root="", page="index", counts=store.status_counts, total_rows=len(store.tasks),
        n_tasks=sum(len(d["tasks"]) for d in docs), n_units=len(store.units), figs=figs, top_units=top,
        missing=store.missing[:10], n_missing=len(store.missing), undated=undated, graph_root=graph_pages))


def _tables(store: data.Store, env: jinja2.Environment, out: Path, common: dict) -> None:
    """tasks.html, documents.html, units.html: a page each, rows in data/*.js, paged in the browser."""
    doc_index = {doc_id: i for i, doc_id in enumerate(store.documents)}
    units = {u["unit_id"]: u["name"] for u in store.units.values()}
    docs = [[doc_slug(d["doc_id"]), d["code"] or "", d["doc_type"] or "", d["issuer_unit_id"] or ""]
            for d in store.documents.values()]
    rows, actions, action_index = [], [], {}
    for t in store.tasks:
        # a task's text once, however many units it is given to: the rows point at it
        key = (t["doc_id"], t["task_no"])
        if key not in action_index:
            action = t["action"] or ""
            action_index[key] = len(actions)
            actions.append(action if len(action) <= ACTION_CHARS else action[: ACTION_CHARS - 1] + "…")
        rows.append([doc_index.get(t["doc_id"], -1), t["task_no"], t["unit_id"] or "",
                     "" if t["unit_id"] else (t["unit_name"] or t["unit"] or ""), t["role"] or "",
                     t["deadline"].isoformat() if t["deadline"] else "", t["days_left"], t["rstatus"],
                     t["page"], action_index[key], t["answered_code"] or "",
                     doc_index.get(t["answered_by"], -1) if t["answered_by"] else -1])
    issuers = sorted({d[3] for d in docs if d[3] in units}, key=lambda u: units[u])
    _js_data(out / "data" / "tasks.js", "CV_TASKS", {"today": store.today.isoformat(), "units": units,
                                                      "docs": docs, "rows": rows, "actions": actions,
                                                      "issuers": issuers})
    doc_rows = [[doc_slug(d["doc_id"]), d["code"] or "", d["doc_type"] or "",
                 d["date_effective"].isoformat() if d["date_effective"] else "", d["issuer_unit_id"] or "",
                 (d["subject"] or "")[:300], len(d["tasks"]), d["format"] or "", len(d["flags"] or [])]
                for d in store.documents.values()]
    _js_data(out / "data" / "documents.js", "CV_DOCS", {"units": units, "rows": doc_rows, "issuers": issuers})
    unit_rows = [[u["unit_id"], u["name"], KIND_LABELS.get(u["kind"] or "", u["kind"] or ""),
                  LEVEL_LABELS.get(u["level"] or "", u["level"] or ""), u["parent_name"] or "",
                  u["overdue"], u["due_7d"], u["open"], u["answered"], len(u["tasks"]),
                  " | ".join(a for a, _ in u["aliases"])] for u in store.units.values()]
    _js_data(out / "data" / "units.js", "CV_UNITS", {"rows": unit_rows})
    for name in ("tasks", "documents", "units"):
        _write(out / f"{name}.html", env.get_template(f"{name}.html").render(**common, root="", page=name))


def _missing(store: data.Store, env: jinja2.Environment, out: Path, common: dict) -> None:
    _write(out / "missing.html", env.get_template("missing.html").render(
        **common, root="", page="missing", missing=store.missing))


def _units(store: data.Store, env: jinja2.Environment, out: Path, common: dict) -> None:
    template = env.get_template("unit.html")
    for u in store.units.values():
        counts = {k: 0 for k in data.STATUS_ORDER}
        for t in u["tasks"]:
            counts[t["rstatus"]] += 1
        link = f"../tasks.html#unit={u['unit_id']}"
        fig = charts.workload(u["tasks"], link)
        issued = [store.documents[i] for i in u["issued"]]
        received = [store.documents[i] for i in u["received"]]
        parent = store.units.get(u.get("parent_id") or "")
        _write(out / "u" / f"{u['unit_id']}.html", template.render(
            **common, root="../", page="units", u=u, parent=parent, counts=counts, fig=fig,
            tasks=u["tasks"][:UNIT_PAGE_TASKS], n_tasks=len(u["tasks"]), issued=issued[:UNIT_PAGE_DOCS],
            n_issued=len(issued), received=received[:UNIT_PAGE_DOCS], n_received=len(received),
            task_link=link))


def _documents(store: data.Store, env: jinja2.Environment, out: Path, common: dict, graph_pages: dict,
               db_path: Path | None) -> None:
    template = env.get_template("document.html")
    keep_images: set[str] = set()
    for doc in store.documents.values():
        slug = doc_slug(doc["doc_id"])
        marks = highlight.marks_for(doc)
        text_runs = highlight.runs(doc.get("text") or "", marks)
        original = _original(doc["file"], db_path)
        pages: list[str] = []
        image_from = None
        # a page image from the file itself, else from a PDF copy of the same dispatch
        for cand_file, cand_id, fmt in [(doc["file"], doc["doc_id"], doc["format"]),
                                        *[(c["file"], c["doc_id"], c["format"]) for c in doc["copies"]]]:
            if fmt not in ("pdf", "image"):
                continue
            path = _original(cand_file, db_path)
            if path is not None:
                render = images.render_pages if fmt == "pdf" else images.copy_scan
                pages = render(path, out / "d" / "img", cand_id[:24] if _PLAIN.fullmatch(cand_id) else doc_slug(cand_id))
                if pages:
                    image_from = cand_file
                    keep_images.update(pages)
                    break
        unit = store.units.get(doc["issuer_unit_id"] or "")
        low = {k for k, v in (doc["confidence"] or {}).items()
               if isinstance(v, (int, float)) and v < highlight.LOW_CONFIDENCE}
        citations = []
        for c in doc["citations"]:
            citations.append({**c, "href": f"{doc_slug(c['cited_id'])}.html" if c["cited_id"] else None,
                              "missing_href": f"../missing.html#{stub_anchor(c['target_key'])}"
                              if c["target_key"] and not c["cited_id"] else None})
        cited_by = [store.documents[i] for i in doc["cited_by"] if i in store.documents]
        _write(out / "d" / f"{slug}.html", template.render(
            **common, root="../", page="documents", doc=doc, unit=unit, units=store.units, runs=highlight.view(text_runs),
            marks=marks, mark_ids={m.mark_id for m in marks}, pages=pages, image_from=image_from,
            original=original.as_uri() if original else None, low=low, citations=citations, cited_by=cited_by,
            graph_page=graph_pages.get(doc["doc_id"])))
    for p in (out / "d" / "img").iterdir():
        if p.name not in keep_images:
            p.unlink()  # images of documents no longer in the store
