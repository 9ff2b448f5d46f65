"""The task graph over the loaded rows: units as bodies, copies, citation edges, replies.

Called by pipeline.store.load_record inside the document's transaction
(`after_load`), and once over a whole database when schema 005 is applied to
one made before it (`rebuild`). Everything here is a function of the stored
rows, never of the order they arrived in: unit ids come from resolved keys,
a unit's name and parent are the most frequent among its aliases, the copy of a
dispatch that is kept is chosen by format and id, a citation resolves to the
same document whichever came first, and the edges and replies of every
document a load touches are recomputed from scratch.
"""
from __future__ import annotations

from datetime import date

import duckdb
import regex

from extractors.normalize import canon
from extractors.unit_keys import unit_key
from extractors.unit_resolve import Context, Unit, context, resolve, unit_id

# which copy of one dispatch is kept: the most structured reading first
FORMAT_RANK = {"docx": 0, "pdf": 1, "doc": 2, "md": 3, "txt": 4, "image": 5}
# a citation whose relation says the citing document implements or answers it
REPLY_RELATIONS = ("thực hiện", "trả lời", "theo")
_YEAR_IN_CODE = regex.compile(r"/((?:19|20)\d\d)/")


def insert_many(con: duckdb.DuckDBPyConnection, table: str, cols: list[str] | tuple[str, ...],
                rows: list[list[Any]] | list[tuple]) -> None:
    """All rows in one INSERT, each column passed as one typed list and unnested: a statement
    of 12 parameters. DuckDB's executemany runs one statement per row (10 rows: 5.8x slower),
    and a multi-row VALUES of thousands of parameters costs ~27 ms a batch to bind and plan
    (300 rows of 6 columns: 37 ms against 5 ms unnested)."""
    if not rows:
        return
    types = _column_types(con, table)
    if not all(c in types for c in cols):          # a table a later schema file widened
        types = _column_types(con, table, fresh=True)
    select = ", ".join(f"unnest(?::{types[c]}[])" for c in cols)
    con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select}", [list(c) for c in zip(*rows)])


_TYPES: dict[str, dict[str, str]] = {}


def _column_types(con: duckdb.DuckDBPyConnection, table: str, fresh: bool = False) -> dict[str, str]:
    """Column name -> DuckDB type of a table. Kept per table name for the process: every
    database is migrated to the same schema files before it is written."""
    if fresh or table not in _TYPES:
        _TYPES[table] = {r[0]: r[1] for r in con.execute(f"DESCRIBE {table}").fetchall()}
    return _TYPES[table]


def _update_by(con: duckdb.DuckDBPyConnection, table: str, target: str, column: str, doc_id: str,
               pairs: list[tuple[Any, Any]]) -> None:
    """SET target = new WHERE doc_id = doc_id AND column = old, for every (old, new) in one statement."""
    for i in range(0, len(pairs), 500):
        chunk = pairs[i:i + 500]
        values = ", ".join(["(?, ?)"] * len(chunk))
        con.execute(f"UPDATE {table} SET {target} = v.new FROM (VALUES {values}) v(old, new)"
                    f" WHERE {table}.doc_id = ? AND {table}.{column} = v.old",
                    [x for pair in chunk for x in pair] + [doc_id])


def _ids(rows: list[tuple]) -> list[str]:
    return sorted({r[0] for r in rows if r[0]})


# --- units ---------------------------------------------------------------------------------


def resolve_units(con: duckdb.DuckDBPyConnection, doc_id: str) -> set[str]:
    """Resolve every unit name of one document in its header's context; returns the unit ids touched."""
    before = _ids(con.execute("SELECT unit_id FROM unit_aliases WHERE doc_id = ?", [doc_id]).fetchall())
    con.execute("DELETE FROM unit_aliases WHERE doc_id = ?", [doc_id])
    issuers = [r[0] for r in con.execute(
        "SELECT name FROM issuers WHERE doc_id = ? ORDER BY position", [doc_id]).fetchall()]
    place = (con.execute("SELECT place FROM documents WHERE doc_id = ?", [doc_id]).fetchall() or [(None,)])[0][0]
    ctx, header = context(issuers, place)
    aliases: dict[tuple[str, str, str], list] = {}

    def alias(text: str, unit: Unit, source: str) -> str:
        aliases.setdefault((unit_key(text), unit.unit_id, source), [
            unit_key(text), unit.unit_id, unit.key, text.strip(), doc_id, source, unit.name,
            _id(unit.parent_key), unit.kind, unit.level, unit.place, unit.confidence])
        return unit.unit_id

    positions = [r[0] for r in con.execute(
        "SELECT position FROM issuers WHERE doc_id = ? ORDER BY position", [doc_id]).fetchall()]
    _update_by(con, "issuers", "unit_id", "position", doc_id,
               [(pos, alias(name, unit, "issuer")) for pos, name, unit in zip(positions, issuers, header)])
    con.execute("UPDATE documents SET issuer_unit_id = ? WHERE doc_id = ?",
                [ctx.issuer.unit_id if ctx.issuer else None, doc_id])
    for table, column, source in (("recipients", "text", "recipient"), ("task_units", "unit", "task"),
                                  ("citations", "issuer", "citation")):
        target = "issuer_unit_id" if table == "citations" else "unit_id"
        rows = con.execute(f"SELECT DISTINCT {column} FROM {table} WHERE doc_id = ? AND {column} IS NOT NULL"
                           " ORDER BY 1",  # in a fixed order: the first spelling of a unit names its alias
                           [doc_id]).fetchall()
        pairs = []
        for (text,) in rows:
            unit = resolve(text, ctx)
            pairs.append((text, alias(text, unit, source) if unit else None))
        _update_by(con, table, target, column, doc_id, pairs)
    if aliases:
        insert_many(con, "unit_aliases", ("alias_key", "unit_id", "unit_key", "text", "doc_id", "source", "name",
                                          "parent_id", "kind", "level", "place", "confidence"),
                    list(aliases.values()))
    touched = set(before) | {row[1] for row in aliases.values()}
    _settle_units(con, touched)
    return touched


_ALIAS_COLUMNS = ("alias_key", "unit_id", "unit_key", "text", "doc_id", "source", "name", "parent_id", "kind",
                  "level", "place", "confidence")


def _update_many(con: duckdb.DuckDBPyConnection, table: str, target: str, column: str, cast: str,
                 rows: list[tuple[str, Any, Any]]) -> None:
    """SET target = new WHERE doc_id = doc AND column = old, for every (doc, old, new), 500 at a time."""
    for i in range(0, len(rows), 500):
        chunk = rows[i:i + 500]
        values = ", ".join([f"(?, CAST(? AS {cast}), CAST(? AS VARCHAR))"] * len(chunk))
        con.execute(f"UPDATE {table} SET {target} = v.new FROM (VALUES {values}) v(doc, old, new)"
                    f" WHERE {table}.doc_id = v.doc AND {table}.{column} = v.old",
                    [x for row in chunk for x in row])


def resolve_units_many(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> set[str]:
    """`resolve_units` for several documents, each in its own header's context, with one
    statement per step for all of them; returns the unit ids touched."""
    docs = list(dict.fromkeys(doc_ids))
    if not docs:
        return set()
    marks = [docs]
    before = _ids(con.execute("SELECT unit_id FROM unit_aliases WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                              marks).fetchall())
    con.execute("DELETE FROM unit_aliases WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", marks)
    issuers: dict[str, list[tuple[int, str]]] = {}
    for doc, pos, name in con.execute("SELECT doc_id, position, name FROM issuers"
                                      " WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY doc_id, position",
                                      marks).fetchall():
        issuers.setdefault(doc, []).append((pos, name))
    places = dict(con.execute("SELECT doc_id, place FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                              marks).fetchall())
    named: dict[str, dict[str, list[str]]] = {}
    sources = (("recipients", "text", "recipient"), ("task_units", "unit", "task"), ("citations", "issuer", "citation"))
    for table, column, _ in sources:
        for doc, text in con.execute(
                f"SELECT DISTINCT doc_id, {column} FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"
                f" AND {column} IS NOT NULL ORDER BY doc_id, {column}", marks).fetchall():
            named.setdefault(table, {}).setdefault(doc, []).append(text)
    alias_rows: list[list] = []
    issuer_ids: list[tuple[str, int, str | None]] = []
    doc_issuers: list[tuple[str, str | None]] = []
    updates: dict[str, list[tuple[str, str, str | None]]] = {table: [] for table, _, _ in sources}
    for doc in docs:
        own = issuers.get(doc, [])
        ctx, header = context([name for _, name in own], places.get(doc))
        aliases: dict[tuple[str, str, str], list] = {}

        def alias(text: str, unit: Unit, source: str, doc: str = doc, aliases: dict = aliases) -> str:
            aliases.setdefault((unit_key(text), unit.unit_id, source), [
                unit_key(text), unit.unit_id, unit.key, text.strip(), doc, source, unit.name,
                _id(unit.parent_key), unit.kind, unit.level, unit.place, unit.confidence])
            return unit.unit_id

        issuer_ids += [(doc, pos, alias(name, unit, "issuer")) for (pos, name), unit in zip(own, header)]
        doc_issuers.append((doc, ctx.issuer.unit_id if ctx.issuer else None))
        for table, _, source in sources:
            for text in named.get(table, {}).get(doc, []):
                unit = resolve(text, ctx)
                updates[table].append((doc, text, alias(text, unit, source) if unit else None))
        alias_rows += aliases.values()
    _update_many(con, "issuers", "unit_id", "position", "INTEGER", issuer_ids)
    for i in range(0, len(doc_issuers), 500):
        chunk = doc_issuers[i:i + 500]
        con.execute("UPDATE documents SET issuer_unit_id = v.new FROM (VALUES "
                    + ", ".join(["(?, CAST(? AS VARCHAR))"] * len(chunk)) + ") v(doc, new)"
                    " WHERE documents.doc_id = v.doc", [x for row in chunk for x in row])
    for table, column, _ in sources:
        target = "issuer_unit_id" if table == "citations" else "unit_id"
        _update_many(con, table, target, column, "VARCHAR", updates[table])
    if alias_rows:
        insert_many(con, "unit_aliases", _ALIAS_COLUMNS, alias_rows)
    touched = set(before) | {row[1] for row in alias_rows}
    _settle_units(con, touched)
    return touched


def _id(key: str | None) -> str | None:
    return unit_id(key) if key else None


def _settle_units(con: duckdb.DuckDBPyConnection, ids: set[str]) -> None:
    """Each touched unit's row from its aliases; a unit no document names any more goes."""
    if not ids:
        return
    ids_list = sorted(ids)
    con.execute("DELETE FROM units WHERE unit_id IN (SELECT unnest(?::VARCHAR[]))", [ids_list])
    rows = con.execute(
        """
        SELECT unit_id, min(unit_key),
               -- the name most documents give it; ties: the shortest, then by text
               (SELECT name FROM unit_aliases b WHERE b.unit_id = a.unit_id
                GROUP BY name ORDER BY count(*) DESC, length(name), name LIMIT 1),
               arg_max(kind, confidence), arg_max(level, confidence), arg_max(place, confidence),
               (SELECT parent_id FROM unit_aliases b WHERE b.unit_id = a.unit_id AND parent_id IS NOT NULL
                GROUP BY parent_id ORDER BY count(*) DESC, parent_id LIMIT 1),
               max(confidence)
        FROM unit_aliases a WHERE unit_id IN (SELECT unnest(?::VARCHAR[]))
        GROUP BY unit_id
        """, [ids_list]).fetchall()
    if rows:
        insert_many(con, "units", ("unit_id", "unit_key", "name", "kind", "level", "place", "parent_id",
                                   "confidence"), rows)


# --- copies ---------------------------------------------------------------------------------


def settle_copies(con: duckdb.DuckDBPyConnection, dedup_key: str | None) -> list[str]:
    """Point every copy of one dispatch at the one kept (by format, then id); returns the group."""
    if not dedup_key:
        return []
    rows = con.execute("SELECT doc_id, format FROM documents WHERE dedup_key = ?", [dedup_key]).fetchall()
    group = sorted(rows, key=lambda r: (FORMAT_RANK.get(r[1] or "", 9), r[0]))
    if not group:
        return []
    kept = group[0][0]
    # one statement for the whole group (a dispatch dropped in 13 copies is 13 rows)
    con.execute(
        "UPDATE documents SET duplicate_of = CASE WHEN doc_id = ? THEN NULL ELSE ? END,"
        " flags = CASE WHEN doc_id = ? THEN list_filter(flags, lambda f: f <> 'duplicate')"
        "              WHEN list_contains(flags, 'duplicate') THEN flags"
        "              ELSE list_append(flags, 'duplicate') END"
        " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [kept, kept, kept, [r[0] for r in group]])
    return [r[0] for r in group]


# --- citations ------------------------------------------------------------------------------


def stub_key(code_key: str | None, doc_type: str | None, title: str | None, cited: date | None) -> str | None:
    """The key of a cited document that may not be stored: its code and year (state
    numbering restarts each year, Party numbering each term), else type + title + date."""
    if code_key and code_key[0].isdigit():
        year = cited.year if cited else None
        m = _YEAR_IN_CODE.search(code_key)
        if m:
            year = int(m.group(1))
        return f"{code_key}|{year or '?'}"
    if title:
        words = canon(" ".join(p for p in (doc_type, title) if p))
        return f"title:{words}|{cited.isoformat() if cited else '?'}"
    return None


def key_citations(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[str]:
    """Key this document's citations; returns the codes whose undated citations were re-keyed."""
    return key_citations_many(con, [doc_id])


def key_citations_many(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[str]:
    """`key_citations` for several documents in one pass: the union of the codes."""
    rows = con.execute("SELECT doc_id, position, code_key, doc_type, title, date FROM citations"
                       " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]).fetchall()
    keyed = [(doc, pos, stub_key(ckey, dtype, title, cited)) for doc, pos, ckey, dtype, title, cited in rows]
    for i in range(0, len(keyed), 500):
        chunk = keyed[i:i + 500]
        con.execute("UPDATE citations SET target_key = v.k FROM (VALUES "
                    + ", ".join(["(?, ?, CAST(? AS VARCHAR))"] * len(chunk)) + ") v(d, p, k)"
                    " WHERE citations.doc_id = v.d AND citations.position = v.p",
                    [x for row in chunk for x in row])
    codes = {r[2] for r in rows if r[2]}
    own = con.execute("SELECT code_key FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"
                      " AND code_key IS NOT NULL", [doc_ids]).fetchall()
    codes = sorted(codes | {r[0] for r in own})
    settle_undated(con, codes)
    return codes


def settle_undated(con: duckdb.DuckDBPyConnection, codes: list[str]) -> None:
    """A citation printed without a date (`Nghị quyết 57-NQ/TW`) names the one dispatch of
    that code that dated citations and stored documents know, when there is exactly one
    year; with none or several it stays `code|?`. Recomputed over all rows of the code."""
    if not codes:
        return
    con.execute(
        """
        UPDATE citations SET target_key = citations.code_key || '|' || coalesce(y.year, '?')
        FROM (SELECT k.code_key, CASE WHEN count(DISTINCT k.year) = 1 THEN CAST(min(k.year) AS VARCHAR) END AS year
              FROM (SELECT code_key, year(date) AS year FROM citations
                    WHERE date IS NOT NULL AND code_key IN (SELECT unnest(?::VARCHAR[]))
                    UNION ALL
                    SELECT code_key, year(date) FROM documents
                    WHERE date IS NOT NULL AND code_key IN (SELECT unnest(?::VARCHAR[]))) k
              GROUP BY k.code_key) y
        WHERE citations.code_key = y.code_key AND citations.date IS NULL
          AND NOT regexp_matches(citations.code_key, '/(19|20)[0-9][0-9]/')
          AND regexp_matches(citations.code_key, '^[0-9]')
        """, [codes, codes])


_RESOLVE = """
    UPDATE citations SET cited_doc_id = (
        SELECT d.doc_id FROM documents d
        WHERE d.code_key = citations.code_key AND d.doc_id <> citations.doc_id
          AND (citations.date IS NULL OR d.date IS NULL OR d.date = citations.date)
        -- same date first, then the copy kept, then by id: never by arrival
        ORDER BY (d.date IS NOT DISTINCT FROM citations.date) DESC, d.duplicate_of IS NOT NULL, d.doc_id
        LIMIT 1)
    WHERE code_key IS NOT NULL AND regexp_matches(code_key, '^[0-9]') AND {where}
"""


def resolve_citations(con: duckdb.DuckDBPyConnection, doc_id: str, own_key: str | None) -> None:
    """Link this document's citations, and every citation of its code, to the stored document they name."""
    con.execute(_RESOLVE.format(where="doc_id = ?"), [doc_id])
    if own_key and own_key[0].isdigit():
        con.execute(_RESOLVE.format(where="code_key = ?"), [own_key])


# --- edges and replies ------------------------------------------------------------------------


def affected(con: duckdb.DuckDBPyConnection, doc_id: str, group: list[str], own_key: str | None,
             codes: list[str] | None = None) -> list[str]:
    """The documents whose edges or replies a load of `doc_id` can change: its copies,
    the documents it cites, those citing it or its code, and those citing the codes it
    cites (their undated citations may have been re-keyed)."""
    return affected_many(con, [doc_id], group, [own_key] if own_key else [], codes)


def affected_many(con: duckdb.DuckDBPyConnection, doc_ids: list[str], group: list[str], own_keys: list[str],
                  codes: list[str] | None = None) -> list[str]:
    """`affected` for several documents loaded together: the union of theirs."""
    ids = set(group) | set(doc_ids)
    marks = sorted(ids)
    if codes:
        ids |= set(_ids(con.execute(
            "SELECT doc_id FROM citations WHERE code_key IN (SELECT unnest(?::VARCHAR[]))", [codes]).fetchall()))
    ids |= set(_ids(con.execute(
        "SELECT cited_doc_id FROM citations WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [marks]).fetchall()))
    ids |= set(_ids(con.execute(
        "SELECT doc_id FROM citations WHERE cited_doc_id IN (SELECT unnest(?::VARCHAR[]))"
        " OR code_key IN (SELECT unnest(?::VARCHAR[]))", [marks, sorted(set(own_keys))]).fetchall()))
    # and every copy of those
    ids |= set(_ids(con.execute(
        "SELECT d.doc_id FROM documents d JOIN documents x ON x.dedup_key = d.dedup_key"
        " WHERE x.doc_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(ids)]).fetchall()))
    return sorted(ids)


def refresh(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """Recompute the edges from, and the replies to and by, these documents."""
    if not ids:
        return
    con.execute("CREATE OR REPLACE TEMP TABLE _touched AS SELECT unnest(?::VARCHAR[]) AS doc_id", [ids])
    con.execute("DELETE FROM edges WHERE from_id IN (SELECT doc_id FROM _touched)")
    con.execute(
        """
        INSERT INTO edges
        SELECT DISTINCT coalesce(d.duplicate_of, d.doc_id),
               CASE WHEN c.cited_doc_id IS NOT NULL THEN coalesce(cd.duplicate_of, cd.doc_id)
                    ELSE 'stub:' || c.target_key END,
               coalesce(c.relation, '')
        FROM citations c
        JOIN documents d ON d.doc_id = c.doc_id
        LEFT JOIN documents cd ON cd.doc_id = c.cited_doc_id
        WHERE (c.cited_doc_id IS NOT NULL OR c.target_key IS NOT NULL)
          AND coalesce(d.duplicate_of, d.doc_id) IN (SELECT doc_id FROM _touched)
        ON CONFLICT DO NOTHING
        """)
    _number_edges(con)
    con.execute("DELETE FROM task_replies WHERE doc_id IN (SELECT doc_id FROM _touched)"
                " OR reply_doc_id IN (SELECT doc_id FROM _touched)")
    for column in ("doc_id", "reply_doc_id"):
        con.execute(f"INSERT INTO task_replies SELECT * FROM v_reply_candidates"
                    f" WHERE {column} IN (SELECT doc_id FROM _touched) ON CONFLICT DO NOTHING")
    con.execute("DROP TABLE _touched")


def _number_edges(con: duckdb.DuckDBPyConnection) -> None:
    """Bring `chain_edges` / `chain_nodes` (schema 008: the chain walked on numbers) in line
    with `edges` for the citing documents in `_touched`."""
    _drop_numbered(con, "from_no IN (SELECT node_no(doc_id) FROM _touched)", [])
    con.execute("INSERT INTO chain_edges SELECT DISTINCT node_no(from_id), node_no(to_id) FROM edges"
                " WHERE from_id IN (SELECT doc_id FROM _touched) ON CONFLICT DO NOTHING")
    con.execute("INSERT INTO chain_nodes SELECT node_no(id), id FROM (SELECT from_id AS id FROM edges"
                " WHERE from_id IN (SELECT doc_id FROM _touched) UNION SELECT to_id FROM edges"
                " WHERE from_id IN (SELECT doc_id FROM _touched)) ON CONFLICT DO NOTHING")
    _sweep_nodes(con)


def _drop_numbered(con: duckdb.DuckDBPyConnection, where: str, params: list) -> None:
    """Delete the `chain_edges` rows `where` picks, noting their ends for `_sweep_nodes`."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE _ends AS SELECT from_no AS no FROM chain_edges WHERE {where}"
                f" UNION SELECT to_no FROM chain_edges WHERE {where}", params * 2)
    con.execute(f"DELETE FROM chain_edges WHERE {where}", params)


def _sweep_nodes(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the numbers of `_ends` no edge holds any more: `chain_nodes` is exactly the
    nodes of `chain_edges`, whatever order the documents came in."""
    con.execute("DELETE FROM chain_nodes WHERE no IN (SELECT no FROM _ends)"
                " AND no NOT IN (SELECT from_no FROM chain_edges WHERE from_no IN (SELECT no FROM _ends))"
                " AND no NOT IN (SELECT to_no FROM chain_edges WHERE to_no IN (SELECT no FROM _ends))")
    con.execute("DROP TABLE _ends")


def after_load(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Bring the graph up to date after one document's rows were written (same transaction)."""
    row = con.execute("SELECT dedup_key, code_key FROM documents WHERE doc_id = ?", [doc_id]).fetchall()
    dkey, own_key = row[0] if row else (None, None)
    resolve_units(con, doc_id)
    codes = key_citations(con, doc_id)
    group = settle_copies(con, dkey)
    resolve_citations(con, doc_id, own_key)
    refresh(con, affected(con, doc_id, group, own_key, codes))


def after_load_many(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    """`after_load` for several documents written in one transaction, each step once for all
    of them. The graph is a function of the stored rows, not of their order, so this leaves
    what loading them one by one leaves."""
    if len(doc_ids) <= 1:
        for doc_id in doc_ids:
            after_load(con, doc_id)
        return
    rows = con.execute("SELECT dedup_key, code_key FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                       [doc_ids]).fetchall()
    resolve_units_many(con, doc_ids)
    codes = key_citations_many(con, doc_ids)
    group: list[str] = []
    for dkey in sorted({r[0] for r in rows if r[0]}):
        group += settle_copies(con, dkey)
    own_keys = sorted({r[1] for r in rows if r[1]})
    con.execute(_RESOLVE.format(where="doc_id IN (SELECT unnest(?::VARCHAR[]))"), [doc_ids])
    digit_keys = [k for k in own_keys if k[0].isdigit()]
    if digit_keys:
        con.execute(_RESOLVE.format(where="code_key IN (SELECT unnest(?::VARCHAR[]))"), [digit_keys])
    refresh(con, affected_many(con, doc_ids, group, own_keys, codes))


def forget(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[str]:
    """Before a document's rows are deleted: drop its aliases and say whom its going touches."""
    row = con.execute("SELECT dedup_key, code_key FROM documents WHERE doc_id = ?", [doc_id]).fetchall()
    dkey, own_key = row[0] if row else (None, None)
    group = [r[0] for r in con.execute("SELECT doc_id FROM documents WHERE dedup_key = ?", [dkey]).fetchall()] \
        if dkey else []
    codes = _ids(con.execute("SELECT code_key FROM citations WHERE doc_id = ?", [doc_id]).fetchall())
    touched = affected(con, doc_id, group, own_key, codes)
    ids = _ids(con.execute("SELECT unit_id FROM unit_aliases WHERE doc_id = ?", [doc_id]).fetchall())
    con.execute("DELETE FROM unit_aliases WHERE doc_id = ?", [doc_id])
    con.execute("DELETE FROM edges WHERE from_id = ? OR to_id = ?", [doc_id, doc_id])
    _drop_numbered(con, "from_no = node_no(?) OR to_no = node_no(?)", [doc_id, doc_id])
    _sweep_nodes(con)
    con.execute("DELETE FROM task_replies WHERE doc_id = ? OR reply_doc_id = ?", [doc_id, doc_id])
    con.execute("UPDATE citations SET cited_doc_id = NULL WHERE cited_doc_id = ?", [doc_id])
    _settle_units(con, set(ids))
    return [t for t in touched if t != doc_id]


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """Resolve a whole database again (after schema 005 meets rows of an older one); returns documents."""
    con.execute("DELETE FROM units WHERE unit_id IS NULL")
    docs = [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]
    for doc_id in docs:
        resolve_units(con, doc_id)
        key_citations(con, doc_id)
    for (dkey,) in con.execute("SELECT DISTINCT dedup_key FROM documents WHERE dedup_key IS NOT NULL").fetchall():
        settle_copies(con, dkey)
    con.execute(_RESOLVE.format(where="TRUE"))
    refresh(con, docs)
    return len(docs)


__all__ = ["Context", "after_load", "after_load_many", "resolve_units_many", "forget", "rebuild", "refresh", "resolve_units", "settle_copies", "stub_key"]
