"""The analyst's questions, as functions over an open connection.

Each returns `(columns, rows)` so the CLI only prints. Units are matched by
id, then by the key of the spelling typed (any spelling an alias holds), then
by the words typed, accent-insensitive (`ubnd xa binh lu`), never by fuzzy
similarity: a look-alike of another office is not the unit asked for. Every
filter and limit is in the SQL, with user text as parameters.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from extractors.normalize import fold
from extractors.unit_keys import unit_key
from pipeline.store import code_key

Table = tuple[list[str], list[tuple]]

MAX_CHAIN_DEPTH = 20
STATUSES = ("open", "due", "overdue", "answered")
# a name folded the way fold() does it, in SQL (đ is a letter of its own, not an accent)
_FOLDED = "lower(strip_accents(replace(replace({col}, 'đ', 'd'), 'Đ', 'D')))"


def match_units(con: duckdb.DuckDBPyConnection, text: str, limit: int = 200) -> list[str]:
    """Unit ids `text` names: an id, a spelling seen (any alias), else every unit whose
    name or alias holds the words typed (accent-insensitive)."""
    text = text.strip()
    if not text:
        return []
    if text.startswith("u") and len(text) == 13:
        rows = con.execute("SELECT unit_id FROM units WHERE unit_id = ?", [text]).fetchall()
        if rows:
            return [rows[0][0]]
    key = unit_key(text)
    rows = con.execute(
        "SELECT DISTINCT unit_id FROM unit_aliases WHERE alias_key = ? OR unit_key = ?"
        " UNION SELECT unit_id FROM units WHERE unit_key = ? ORDER BY 1", [key, key, key]).fetchall()
    if rows:
        return [r[0] for r in rows]
    # the words typed, folded, against every name and key folded (abbreviations expanded on both sides)
    words = [w for w in {fold(text), fold(key)} if w]
    rows = con.execute(
        f"SELECT DISTINCT unit_id FROM ("
        f" SELECT unit_id, {_FOLDED.format(col='name')} AS f FROM units"
        f" UNION ALL SELECT unit_id, {_FOLDED.format(col='unit_key')} FROM units"
        f" UNION ALL SELECT unit_id, {_FOLDED.format(col='text')} FROM unit_aliases)"
        f" WHERE list_bool_or([contains(f, w) FOR w IN ?::VARCHAR[]]) ORDER BY 1 LIMIT ?", [words, limit]).fetchall()
    return [r[0] for r in rows]


def _in(column: str, ids: list[str], where: list[str], params: list) -> None:
    """`column IN (?, ?, ...)`: a list of constants DuckDB pushes into the scans under the
    views (an `IN (SELECT unnest(?))` is a join it runs after reading every task: 10x slower)."""
    where.append(f"{column} IN ({', '.join('?' * len(ids))})")
    params.extend(ids)


_TASK_COLUMNS = ["code", "task_no", "unit", "role", "deadline", "days_left", "status", "answered_by", "action",
                 "file", "page", "unit_id", "doc_id"]


def tasks(
    con: duckdb.DuckDBPyConnection,
    unit: str | None = None,
    due_before: date | None = None,
    overdue: bool = False,
    today: date | None = None,
    status: str | None = None,
    issuer: str | None = None,
    limit: int | None = None,
) -> Table:
    """Tasks, one row per task and unit: role, deadline, status on `today`, the reply that answered it."""
    day = today or date.today()
    where, params = [], [day]
    unit_ids: list[str] = []
    if unit is not None:
        unit_ids = match_units(con, unit)
        if not unit_ids:
            return _TASK_COLUMNS, []
        _in("unit_id", unit_ids, where, params)
    if issuer is not None:
        ids = match_units(con, issuer)
        if not ids:
            return _TASK_COLUMNS, []
        _in("issuer_unit_id", ids, where, params)
    if due_before is not None:
        where.append("deadline <= ?")
        params.append(due_before)
    if overdue:
        status = "overdue"
    if status is not None:
        where.append("status = ?")
        params.append(status)
    source = "tasks_at(?)"
    if status == "overdue" and unit_ids and issuer is None and due_before is None and limit \
            and len(unit_ids) <= _OVERDUE_UNITS:
        # a unit's first overdue tasks: schema 009's macro cuts them to `limit` on task_units
        # before reading any task or document, where tasks_at builds every overdue row of the
        # unit first (~10,000 for a busy Sở). Several units: the first `limit` of them all are
        # among each one's first `limit`. Same rows, same order (tests/test_unit_overdue.py).
        source = "(" + " UNION ALL ".join("SELECT * FROM unit_overdue_at(?, ?, ?)" for _ in unit_ids) + ")"
        params = [v for uid in unit_ids for v in (day, uid, limit)]
        where = []
    sql = (
        "SELECT code, task_no, coalesce(unit_name, unit) AS unit, role, deadline, days_left, status,"
        " answered_code AS answered_by, action, file, page, unit_id, doc_id FROM " + source
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY deadline NULLS LAST, code, file, task_no, role DESC, unit"
        + (" LIMIT ?" if limit else "")
    )
    if limit:
        params.append(limit)
    return _TASK_COLUMNS, con.execute(sql, params).fetchall()


# at most this many units named by `tasks --unit` take unit_overdue_at, one call each
_OVERDUE_UNITS = 20


def units(con: duckdb.DuckDBPyConnection, search: str | None = None, kind: str | None = None,
          today: date | None = None, limit: int | None = 50) -> Table:
    """Units with their kind, level, parent, every spelling seen, and their workload on `today`."""
    today = today or date.today()
    where: list[str] = []
    params: list = []
    ids: list[str] = []
    if search:
        ids = match_units(con, search)
        if not ids:
            return _UNIT_COLUMNS, []
        _in("u.unit_id", ids, where, params)
    if kind:
        where.append("u.kind = ?")
        params.append(kind)
    if ids:
        # the named units' rows only, counted on task_units with the deadline schema 009 copies
        # there: tasks_at joins every task and document to them first (0.1-0.3 s for a Sở with
        # 38,000 task-units on 1 M tasks). The same counts as workload_at for these units
        # (tests/test_unit_overdue.py), as the store keeps them: each task_units row with its
        # task, each reply with its document (graph.forget drops the replies of a document).
        narrow: list[str] = []
        _in("unit_id", ids, narrow, [])
        workload = f"""WITH day AS MATERIALIZED (SELECT CAST(? AS DATE) AS d),
               mine AS MATERIALIZED (SELECT doc_id, task_no, unit_id, deadline FROM task_units
                                     WHERE {narrow[0]}),
               ans AS MATERIALIZED (SELECT DISTINCT doc_id, task_no, unit_id FROM task_replies, day
                                    WHERE {narrow[0]} AND (reply_date IS NULL OR reply_date <= day.d))
               SELECT m.unit_id,
                      count(*) FILTER (WHERE a.doc_id IS NULL AND m.deadline IS NULL) AS open,
                      count(*) FILTER (WHERE a.doc_id IS NULL AND m.deadline >= day.d
                                       AND m.deadline - day.d <= 7) AS due_7d,
                      count(*) FILTER (WHERE a.doc_id IS NULL AND m.deadline < day.d) AS overdue,
                      count(*) FILTER (WHERE a.doc_id IS NOT NULL) AS answered, count(*) AS tasks
               FROM mine m CROSS JOIN day
               LEFT JOIN ans a ON a.doc_id = m.doc_id AND a.task_no = m.task_no AND a.unit_id = m.unit_id
               WHERE m.doc_id NOT IN (SELECT doc_id FROM documents WHERE duplicate_of IS NOT NULL)
               GROUP BY m.unit_id"""
        params = [today, *ids, *ids, *params]
    else:
        workload = "SELECT * FROM workload_at(?)"
        params = [today, *params]
    sql = f"""
        WITH w AS MATERIALIZED ({workload})
        SELECT u.unit_id, u.name, u.kind, u.level, u.place, p.name AS parent,
               coalesce(w.open, 0), coalesce(w.due_7d, 0), coalesce(w.overdue, 0), coalesce(w.answered, 0),
               (SELECT string_agg(DISTINCT a.text, ' | ' ORDER BY a.text) FROM unit_aliases a
                WHERE a.unit_id = u.unit_id) AS aliases,
               u.confidence
        FROM units u
        LEFT JOIN units p ON p.unit_id = u.parent_id
        LEFT JOIN w ON w.unit_id = u.unit_id
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY coalesce(w.tasks, 0) DESC, u.name
        {"LIMIT ?" if limit else ""}
    """
    if limit:
        params.append(limit)
    return _UNIT_COLUMNS, con.execute(sql, params).fetchall()


_UNIT_COLUMNS = ["unit_id", "name", "kind", "level", "place", "parent", "open", "due_7d", "overdue", "answered",
                 "aliases", "confidence"]


def starts(con: duckdb.DuckDBPyConnection, code: str) -> list[tuple[str, str | None]]:
    """The graph nodes a code names: its stored documents (copies kept), else its stubs."""
    key = code_key(code)
    rows = con.execute(
        "SELECT DISTINCT coalesce(duplicate_of, doc_id), NULL FROM documents WHERE code_key = ? ORDER BY 1",
        [key]).fetchall()
    if rows:
        return [(r[0], None) for r in rows]
    rows = con.execute("SELECT DISTINCT 'stub:' || target_key, any_value(code) FROM citations"
                       " WHERE target_key LIKE ? || '|%' GROUP BY 1 ORDER BY 1", [key]).fetchall()
    return [(r[0], r[1]) for r in rows]


_CHAIN_COLUMNS = ["depth", "code", "doc_type", "date", "issuer", "via", "subject", "file", "node"]
# the SQL of one start's chain: the walk; the levels a page of `limit` rows reaches (the
# first rows in depth order lie at or above the least depth whose running count reaches
# `limit`: under the most-cited directive of the 1 M-task bench, 3 levels of 6, a few
# hundred rows of 124,656), the rows below only counted; its stubs' codes (only those
# kept); then the order and the limit on narrow rows, and the documents' columns for them
_CHAIN_SQL = """
    WITH r AS MATERIALIZED (SELECT * FROM {macro}(?, ?)),
    cut AS MATERIALIZED (
          SELECT coalesce(min(depth), 2147483647) AS depth
          FROM (SELECT depth, sum(count(*)) OVER (ORDER BY depth) AS upto FROM r GROUP BY depth)
          WHERE upto >= ?),
    p AS MATERIALIZED (SELECT r.* FROM r, cut WHERE r.depth <= cut.depth),
    c AS MATERIALIZED (SELECT 'stub:' || target_key AS node, any_value(code) AS code,
                 any_value(doc_type) AS doc_type, any_value(issuer) AS issuer
          FROM citations
          WHERE target_key IN (SELECT substr(node, 6) FROM p WHERE starts_with(node, 'stub:'))
          GROUP BY 1),
    k AS (SELECT p.depth, p.via, p.node, d.date, coalesce(d.code, c.code) AS code
          FROM p LEFT JOIN documents d ON d.doc_id = p.node LEFT JOIN c ON c.node = p.node
          ORDER BY p.depth, d.date NULLS LAST, code, p.node
          {limit})
    SELECT k.depth, k.code, coalesce(d.doc_type, c.doc_type), k.date,
           coalesce(u.name, c.issuer) AS issuer, k.via, d.subject, d.file, k.node,
           (SELECT count(*) FROM r) AS total
    FROM k
    LEFT JOIN documents d ON d.doc_id = k.node
    LEFT JOIN units u ON u.unit_id = d.issuer_unit_id
    LEFT JOIN c ON c.node = k.node
    ORDER BY k.depth, k.date NULLS LAST, k.code, k.node
"""


def chain_page(con: duckdb.DuckDBPyConnection, code: str, direction: str = "down",
               max_depth: int = MAX_CHAIN_DEPTH, limit: int | None = None) -> tuple[list[str], list[tuple], int]:
    """`chain`'s first `limit` rows (None: all) in its order (by depth, then date, code and
    node), and how many rows the whole chain has. Taken by depth, the rows kept always hold
    the `via` of each: a level is cut only after every level above it is in."""
    macro = {"down": "chain_down", "up": "chain_up"}[direction]
    rows: list[tuple] = []
    total = 0
    for node, _ in starts(con, code):
        left = None if limit is None else max(limit - len(rows), 0)
        sql = _CHAIN_SQL.format(macro=macro, limit="" if left is None else "LIMIT ?")
        got = con.execute(sql, [node, max_depth, left] + ([] if left is None else [left])).fetchall()
        if left == 0:
            got = []
            total += con.execute(f"SELECT count(*) FROM {macro}(?, ?)", [node, max_depth]).fetchall()[0][0]
        elif got:
            total += got[0][-1]
        rows += [row[:-1] for row in got]
    return _CHAIN_COLUMNS, rows, total


def chain(con: duckdb.DuckDBPyConnection, code: str, direction: str = "down",
          max_depth: int = MAX_CHAIN_DEPTH, limit: int | None = None) -> Table:
    """The directive chain from `code`: down, what implements it (documents citing it,
    then those citing them ...); up, what it implements, to the top. Cycles are cut;
    `via` is the node each one was reached from (its parent in the printed tree).
    At most `limit` rows (None: all; see `chain_page`)."""
    columns, rows, _ = chain_page(con, code, direction, max_depth, limit)
    return columns, rows


def root(con: duckdb.DuckDBPyConnection, code: str) -> list[tuple]:
    """The stored document(s) whose own code is `code` (empty when it is not in the store)."""
    return con.execute(
        "SELECT code, doc_type, date, subject, doc_id FROM documents WHERE code_key = ? AND duplicate_of IS NULL",
        [code_key(code)]).fetchall()


def missing(con: duckdb.DuckDBPyConnection, limit: int | None = None) -> Table:
    """Cited documents not in the store, one row per dispatch, most cited first."""
    sql = ("SELECT code, doc_type, date, issuer, title, cited_by, cited_in FROM v_missing_documents"
           " ORDER BY cited_by DESC, code NULLS LAST, title" + (" LIMIT ?" if limit else ""))
    columns = ["code", "doc_type", "date", "issuer", "title", "cited_by", "cited_in"]
    return columns, con.execute(sql, [limit] if limit else []).fetchall()


def sql(con: duckdb.DuckDBPyConnection, text: str, limit: int | None = None) -> Table:
    """Run an analyst's SELECT on a read-only connection (the connection forbids writes)."""
    cur = con.execute(text)
    columns = [d[0] for d in cur.description or []]
    rows = cur.fetchmany(limit) if limit else cur.fetchall()
    return columns, rows


# what `export` writes: every table, and every view an analyst reads
EXPORT_VIEWS = ("v_tasks", "v_overdue", "v_unit_workload", "v_missing_documents", "v_documents", "v_duplicates")


def export(con: duckdb.DuckDBPyConnection, folder: Path) -> list[tuple[str, int]]:
    """Write every table and view to `folder/<name>.parquet`; returns (name, rows)."""
    folder.mkdir(parents=True, exist_ok=True)
    names = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        " AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
    out = []
    for name in [*names, *EXPORT_VIEWS]:
        target = folder / f"{name}.parquet"
        con.execute(f"COPY (SELECT * FROM {name}) TO '{_quote(target)}' (FORMAT parquet)")
        out.append((name, con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]))
    return out


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
