"""The analyst's questions, as functions over an open connection.

Each returns `(columns, rows)` so the CLI only prints. Units are matched by
their canonical key (extractors.unit_keys), then loosely: a query typed without
diacritics or with a typo still finds its unit.
"""
from __future__ import annotations

from datetime import date

import duckdb
from rapidfuzz import fuzz

from extractors.normalize import fold
from pipeline.store import code_key
from extractors.unit_keys import loose_key, unit_key

Table = tuple[list[str], list[tuple]]

# fold()-ed key similarity at or above which two unit names are the same unit (typos)
UNIT_SIMILARITY = 88.0
MAX_CHAIN_DEPTH = 20


def match_units(con: duckdb.DuckDBPyConnection, text: str) -> list[str]:
    """Unit keys that `text` names: exact key, contained key, or a close spelling."""
    key, loose = unit_key(text), loose_key(text)
    if not key:
        return []
    found = []
    for (k,) in con.execute("SELECT unit_key FROM units ORDER BY unit_key").fetchall():
        folded = fold(k)
        if k == key or key in k or (loose and loose in folded) or fuzz.ratio(loose, folded) >= UNIT_SIMILARITY:
            found.append(k)
    return found


def tasks(
    con: duckdb.DuckDBPyConnection,
    unit: str | None = None,
    due_before: date | None = None,
    overdue: bool = False,
    today: date | None = None,
) -> Table:
    """Tasks (one row each) with lead and coordinating units, deadline and status."""
    params: list = [today or date.today()]
    having = []
    if unit is not None:
        keys = match_units(con, unit)
        if not keys:
            return _TASK_COLUMNS, []
        having.append("bool_or(list_contains(?::VARCHAR[], unit_key))")
        params.append(keys)
    where = []
    if due_before is not None:
        where.append("deadline <= ?")
        params.insert(1, due_before)
    if overdue:
        where.append("status = 'overdue'")
    sql = (
        "SELECT code, task_no, any_value(deadline) AS deadline, any_value(days_left) AS days_left,"
        " any_value(status) AS status,"
        " string_agg(unit, '; ' ORDER BY unit) FILTER (WHERE role = 'lead') AS lead,"
        " string_agg(unit, '; ' ORDER BY unit) FILTER (WHERE role = 'coordinate') AS coordinate,"
        " any_value(action) AS action, any_value(file) AS file, doc_id"
        " FROM tasks_due(?)"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " GROUP BY doc_id, code, task_no"
        + (" HAVING " + " AND ".join(having) if having else "")
        + " ORDER BY deadline NULLS LAST, code, file, task_no"
    )
    return _TASK_COLUMNS, con.execute(sql, params).fetchall()


_TASK_COLUMNS = ["code", "task_no", "deadline", "days_left", "status", "lead", "coordinate", "action", "file", "doc_id"]


def chain(con: duckdb.DuckDBPyConnection, code: str) -> Table:
    """Documents that cite `code`, then those citing them, and so on (cycles cut)."""
    key = code_key(code)
    sql = """
        WITH RECURSIVE reach(doc_id, depth, via, path) AS (
            SELECT c.doc_id, 1, c.code, [c.doc_id]
            FROM citations c WHERE c.code_key = ?
            UNION ALL
            SELECT c.doc_id, r.depth + 1, c.code, list_append(r.path, c.doc_id)
            FROM reach r
            JOIN documents d ON d.doc_id = r.doc_id
            -- a resolved citation names its document; an unresolved one, its code
            JOIN citations c ON (c.cited_doc_id = d.doc_id
                                 OR (c.cited_doc_id IS NULL AND c.code_key = d.code_key))
            WHERE regexp_matches(d.code_key, '^[0-9]')      -- a blank number names no one document
              AND NOT list_contains(r.path, c.doc_id)       -- cycle guard
              AND r.depth < ?
        )
        SELECT min(r.depth) AS depth, d.code, d.doc_type, d.date,
               (SELECT string_agg(name, ' ' ORDER BY position) FROM issuers i WHERE i.doc_id = d.doc_id) AS issuer,
               arg_min(r.via, r.depth) AS cites, d.subject, d.file, d.doc_id
        FROM reach r JOIN documents d ON d.doc_id = r.doc_id
        GROUP BY d.doc_id, d.code, d.doc_type, d.date, d.subject, d.file
        ORDER BY depth, d.date NULLS LAST, d.code, d.file
    """
    columns = ["depth", "code", "doc_type", "date", "issuer", "cites", "subject", "file", "doc_id"]
    return columns, con.execute(sql, [key, MAX_CHAIN_DEPTH]).fetchall()


def root(con: duckdb.DuckDBPyConnection, code: str) -> list[tuple]:
    """The stored document(s) whose own code is `code` (empty when it is not in the store)."""
    return con.execute(
        "SELECT code, doc_type, date, subject, doc_id FROM documents WHERE code_key = ?", [code_key(code)]
    ).fetchall()


def missing(con: duckdb.DuckDBPyConnection) -> Table:
    """Cited documents not in the store, most cited first."""
    sql = """
        SELECT any_value(code) AS code, any_value(doc_type) AS doc_type, max(date) AS date,
               any_value(issuer) AS issuer, any_value(title) AS title,
               count(DISTINCT citing_doc_id) AS cited_by,
               string_agg(DISTINCT coalesce(citing_code, citing_file), '; ') AS cited_in
        FROM v_missing_citations
        GROUP BY coalesce(code_key, lower(title), lower(doc_type))
        ORDER BY cited_by DESC, code NULLS LAST, title
    """
    columns = ["code", "doc_type", "date", "issuer", "title", "cited_by", "cited_in"]
    return columns, con.execute(sql).fetchall()
