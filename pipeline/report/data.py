"""What the report shows, read from the store in a few bulk queries.

Every figure comes from the schema's own macros and views (tasks_at, workload_at,
v_missing_documents, v_documents, edges), so the report counts exactly what
`congvan tasks` / `congvan units` / `congvan missing` print for the same day.
Per-document and per-unit facts are fetched once for the whole store and grouped
in Python: one query per page would be 60,000 queries on a large store.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from pipeline import queries

# task statuses as the report shows them: the schema's four (answered, overdue, due, open)
# with "due" split at 7 days, and "open" (no deadline) shown with the tasks still running
STATUS_ORDER = ("overdue", "due7", "open", "answered")


def report_status(status: str | None, days_left: int | None) -> str:
    """The report's status of one task row: overdue | due7 | open | answered."""
    if status == "due" and days_left is not None and days_left <= 7:
        return "due7"
    if status in ("due", "open", None):
        return "open"
    return status


@dataclass
class Store:
    """Everything the pages need, keyed for the builders."""

    today: date
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)       # kept copies, by doc_id
    units: dict[str, dict[str, Any]] = field(default_factory=dict)           # by unit_id
    tasks: list[dict[str, Any]] = field(default_factory=list)                # one per task x unit (tasks_at)
    missing: list[dict[str, Any]] = field(default_factory=list)              # v_missing_documents rows
    edges: list[tuple[str, str, str]] = field(default_factory=list)          # (from_id, to_id, relation)
    stubs: dict[str, dict[str, Any]] = field(default_factory=dict)           # 'stub:key' -> code, type, issuer
    status_counts: dict[str, int] = field(default_factory=dict)              # report status -> task rows
    db_status_counts: dict[str, int] = field(default_factory=dict)           # schema status -> task rows


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _json(value: Any) -> Any:
    if value is None or isinstance(value, (dict, list)):
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return None


def load(con: duckdb.DuckDBPyConnection, today: date) -> Store:
    """Read the whole store for the report (kept copies only; duplicates listed on their original)."""
    s = Store(today=today)
    _load_units(con, s)
    _load_documents(con, s)
    _load_tasks(con, s)
    _load_citations(con, s)
    s.missing = _rows(con, "SELECT target_key, code, doc_type, date, issuer, title, cited_by, cited_in"
                           " FROM v_missing_documents ORDER BY cited_by DESC, code NULLS LAST, title")
    s.edges = [tuple(r) for r in con.execute("SELECT from_id, to_id, relation FROM edges ORDER BY 1, 2, 3").fetchall()]
    return s


def _load_units(con: duckdb.DuckDBPyConnection, s: Store) -> None:
    # workload_at is the schema's per-unit count; queries.units adds parent and aliases the CLI prints
    _, rows = queries.units(con, today=s.today, limit=None)
    for (unit_id, name, kind, level, place, parent, open_, due_7d, overdue, answered, aliases, conf) in rows:
        s.units[unit_id] = {"unit_id": unit_id, "name": name, "kind": kind, "level": level, "place": place,
                            "parent_name": parent, "confidence": conf, "open": open_, "due_7d": due_7d,
                            "overdue": overdue, "answered": answered, "aliases": [], "issued": [], "issued_missing": {},
                            "received": [], "tasks": []}
    for r in con.execute("SELECT unit_id, parent_id FROM units").fetchall():
        if r[0] in s.units:
            s.units[r[0]]["parent_id"] = r[1] if r[1] in s.units else None
    # every spelling seen, with how often, most frequent first
    for unit_id, text, n in con.execute(
            "SELECT unit_id, text, count(DISTINCT doc_id) FROM unit_aliases GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2"
    ).fetchall():
        if unit_id in s.units:
            s.units[unit_id]["aliases"].append((text, n))


def _load_documents(con: duckdb.DuckDBPyConnection, s: Store) -> None:
    for r in _rows(con, """
            SELECT doc_id, file, format, reader, doc_type, code, place, date, date_partial, date_effective,
                   date_source, subject, signer_name, signer_title, signer_authority, flags, warnings,
                   confidence, spans, issuer_unit_id, signed_at, text
            FROM v_documents WHERE duplicate_of IS NULL"""):
        r["confidence"] = _json(r["confidence"]) or {}
        r["spans"] = _json(r["spans"]) or {}
        r.update(recipients=[], cc=[], issuers=[], citations=[], cited_by=[], tasks=[], copies=[], signatures=[])
        s.documents[r["doc_id"]] = r
        if r["issuer_unit_id"] in s.units:
            s.units[r["issuer_unit_id"]]["issued"].append(r["doc_id"])
    docs = s.documents
    for r in _rows(con, "SELECT doc_id, file, format, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL"
                        " ORDER BY file"):
        if r["duplicate_of"] in docs:
            docs[r["duplicate_of"]]["copies"].append(r)
    for r in _rows(con, "SELECT doc_id, position, text, span, unit_id FROM recipients ORDER BY doc_id, position"):
        if r["doc_id"] in docs:
            r["span"] = _json(r["span"])
            docs[r["doc_id"]]["recipients"].append(r)
            if r["unit_id"] in s.units:
                received = s.units[r["unit_id"]]["received"]
                if not received or received[-1] != r["doc_id"]:
                    received.append(r["doc_id"])
    for r in _rows(con, "SELECT doc_id, position, text FROM cc ORDER BY doc_id, position"):
        if r["doc_id"] in docs:
            docs[r["doc_id"]]["cc"].append(r)
    for r in _rows(con, "SELECT doc_id, position, name, unit_id FROM issuers ORDER BY doc_id, position"):
        if r["doc_id"] in docs:
            docs[r["doc_id"]]["issuers"].append(r)
    for r in _rows(con, "SELECT doc_id, position, signer, organisation, signed_at FROM signatures"
                        " ORDER BY doc_id, position"):
        if r["doc_id"] in docs:
            docs[r["doc_id"]]["signatures"].append(r)
    for r in _rows(con, "SELECT doc_id, task_no, action, deadline, recurrence, flags, span FROM tasks"
                        " ORDER BY doc_id, task_no"):
        if r["doc_id"] in docs:
            r["span"] = _json(r["span"])
            r["units"] = []
            docs[r["doc_id"]]["tasks"].append(r)


def _load_tasks(con: duckdb.DuckDBPyConnection, s: Store) -> None:
    # tasks_at is the status the CLI and workload_at count; one row per task and unit
    rows = _rows(con, """
        SELECT doc_id, code, doc_type, issued, issuer_unit_id, task_no, action, role, unit, unit_id, unit_name,
               deadline, days_left, answered_by, answered_code, answered_on, status, page
        FROM tasks_at(?) ORDER BY deadline NULLS LAST, code, doc_id, task_no, role DESC, unit""", [s.today])
    by_task: dict[tuple[str, int], dict] = {}
    for doc in s.documents.values():
        for t in doc["tasks"]:
            by_task[(doc["doc_id"], t["task_no"])] = t
    counts: dict[str, int] = defaultdict(int)
    db_counts: dict[str, int] = defaultdict(int)
    for r in rows:
        r["rstatus"] = report_status(r["status"], r["days_left"])
        counts[r["rstatus"]] += 1
        db_counts[r["status"]] += 1
        if r["unit_id"] not in s.units:
            r["unit_id"] = None
        else:
            s.units[r["unit_id"]]["tasks"].append(r)
        task = by_task.get((r["doc_id"], r["task_no"]))
        if task is not None:
            task["units"].append(r)
    s.tasks = rows
    s.status_counts = {k: counts.get(k, 0) for k in STATUS_ORDER}
    s.db_status_counts = dict(db_counts)


def _load_citations(con: duckdb.DuckDBPyConnection, s: Store) -> None:
    docs = s.documents
    for r in _rows(con, """
            SELECT c.doc_id, c.position, c.code, c.doc_type, c.title, c.date, c.issuer, c.relation, c.span,
                   c.flags, c.target_key, c.issuer_unit_id, coalesce(cd.duplicate_of, cd.doc_id) AS cited_id
            FROM citations c LEFT JOIN documents cd ON cd.doc_id = c.cited_doc_id
            ORDER BY c.doc_id, c.position"""):
        r["span"] = _json(r["span"])
        if r["cited_id"] not in docs:
            r["cited_id"] = None
        if r["doc_id"] in docs:
            docs[r["doc_id"]]["citations"].append(r)
            if r["cited_id"]:
                docs[r["cited_id"]]["cited_by"].append(r["doc_id"])
        if r["target_key"] and not r["cited_id"]:
            stub = s.stubs.setdefault("stub:" + r["target_key"], {"code": r["code"], "doc_type": r["doc_type"],
                                                                   "issuer": r["issuer"], "title": r["title"],
                                                                   "date": r["date"]})
            for k in ("code", "doc_type", "issuer", "title", "date"):
                stub[k] = stub[k] or r[k]
            # a unit's page lists the documents it issued that the store only knows from citations
            unit = s.units.get(r["issuer_unit_id"] or "")
            if unit is not None and r["target_key"] not in unit["issued_missing"]:
                unit["issued_missing"][r["target_key"]] = stub
    for doc in docs.values():
        doc["cited_by"] = sorted(set(doc["cited_by"]))


def overdue_count(con: duckdb.DuckDBPyConnection, today: date) -> int:
    """The database's own count of overdue task rows (what the overview's tile must show)."""
    return con.execute("SELECT count(*) FROM overdue_at(?)", [today]).fetchone()[0]
