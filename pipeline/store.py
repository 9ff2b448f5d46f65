"""DuckDB storage: open and migrate the database, load one Record per transaction.

The schema lives in versioned files `schemas/sql/NNN_name.sql`, applied in
order and recorded in `schema_version`. A document's key is `doc_id`, the
sha256 of its file's bytes, so loading is idempotent: a document already
stored is skipped as unchanged unless `replace=True`, in which case its rows
and all its children are deleted and inserted again inside one transaction.

DuckDB allows one writer process per file; a second one gets a LoadError.
"""
from __future__ import annotations

import json
import logging
from datetime import date, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

import duckdb
import regex

from pipeline import graph
from pipeline.errors import LoadError
from extractors.normalize import canon
from extractors.unit_keys import unit_key

if TYPE_CHECKING:
    # annotations only: the models import pydantic (~50 ms), which a read-only
    # `congvan tasks/chain/search` never needs
    from schemas.load import IngestErrorItem, LoadSummary
    from schemas.record import Record, Span

_log = logging.getLogger(__name__)

# Signing times are kept as Vietnam wall-clock time (UTC+7, no daylight saving).
VN_TIME = timezone(timedelta(hours=7))

# child table -> the columns load_record writes (named, so appended columns never break it)
CHILD_COLUMNS: dict[str, tuple[str, ...]] = {
    "issuers": ("doc_id", "position", "name", "unit_key"),
    "recipients": ("doc_id", "position", "text", "span", "unit_key"),
    "cc": ("doc_id", "position", "text", "span"),
    "citations": ("doc_id", "position", "code", "code_key", "doc_type", "title", "date", "issuer",
                  "relation", "span", "flags", "cited_doc_id"),
    "tasks": ("doc_id", "task_no", "action", "deadline", "recurrence", "flags", "span"),
    # deadline: the task's, copied onto each of its units (schema 009: a unit's overdue list
    # is found on task_units alone); written here, with the task, so the two never differ
    "task_units": ("doc_id", "task_no", "position", "unit", "unit_key", "role", "deadline"),
    "signatures": ("doc_id", "position", "field", "signer", "organisation", "unit", "signed_at"),
}
CHILD_TABLES = tuple(CHILD_COLUMNS)
# the schema version that made units bodies (005_graph.sql): older rows are re-resolved
GRAPH_VERSION = 5

# record `format` comes from the file's extension; kept here so the store does
# not import the readers (and their optional libraries)
_FORMATS = {".txt": "txt", ".md": "md", ".docx": "docx", ".doc": "doc", ".pdf": "pdf"}
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def sql_files() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every schema file, in version order."""
    folder = resources.files("schemas") / "sql"
    out = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            out.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def connect(db: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database (creating and migrating it unless read_only)."""
    db = str(db)
    if read_only and db != ":memory:" and not Path(db).exists():
        raise LoadError(f"no database at {db} (run `congvan ingest` first)")
    try:
        con = duckdb.connect(db, read_only=read_only)
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LoadError(f"cannot open {db}: {first}") from None
    if not read_only:
        try:
            migrate(con)
        except duckdb.Error as exc:
            # a truncated or damaged file opens, then fails on its first read
            con.close()
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise LoadError(f"cannot use {db} (damaged or truncated?): {first}") from None
    return con


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the schema files not yet recorded; returns the schema version."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
    for version, name, sql in sql_files():
        if version in done:
            continue
        con.begin()
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, name, datetime.now()])
            con.commit()
        except duckdb.Error as exc:
            con.rollback()
            raise LoadError(f"schema {name} failed: {str(exc).splitlines()[0]}") from None
        _log.info("applied schema %s", name)
    if done and GRAPH_VERSION not in done and con.execute("SELECT count(*) FROM documents").fetchall()[0][0]:
        # rows loaded before units were bodies: resolve them once, in one transaction, on the
        # whole schema (the graph's later tables are kept by the same rebuild)
        con.begin()
        try:
            graph.rebuild(con)
            con.commit()
        except duckdb.Error as exc:
            con.rollback()
            raise LoadError(f"graph rebuild failed: {str(exc).splitlines()[0]}") from None
    return schema_version(con)


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    rows = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()
    return int(rows[0][0])


def has_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> bool:
    return bool(con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchall())


def code_key(code: str | None) -> str | None:
    """Key of a số và ký hiệu for lookups: canon() without spaces."""
    key = canon(code).replace(" ", "") if code else ""
    return key or None


def _format_of(path: str) -> str | None:
    suffix = Path(path).suffix.lower()
    return "image" if suffix in _IMAGE_SUFFIXES else _FORMATS.get(suffix)


def _span(span: Span | None) -> str | None:
    return json.dumps(span.model_dump(), ensure_ascii=False) if span is not None else None


def _date(value: str | None, what: str, flags: list[str]) -> date | None:
    """ISO string -> date; a value that does not parse is kept as a flag, never raised."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        flags.append(f"{what}_unparsed:{value}")
        return None


def _item_spans(record: Record, key: str, count: int) -> list[Span | None]:
    # extract._apply stores the field's span first when it has one, then one per item
    spans = record.spans.get(key) or []
    if len(spans) == count + 1:
        spans = spans[1:]
    if len(spans) != count:
        return [None] * count
    return list(spans)


def load_record(
    con: duckdb.DuckDBPyConnection,
    record: Record,
    load_id: str,
    *,
    doc_id: str | None = None,
    file: str | None = None,
    replace: bool = False,
    supersedes: str | None = None,
    also: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> Literal["loaded", "skipped"]:
    """Write one record and its children in one transaction.

    Args:
        con: an open read-write connection (see `connect`).
        record: the extracted record.
        load_id: the run this row belongs to.
        doc_id: sha256 of the file's bytes (defaults to record.doc_id).
        file: the path to store (defaults to record.file).
        replace: reload a document already stored instead of skipping it.
        supersedes: a document this one replaces (its file was edited): its rows go in
            the same transaction.
        also: more statements for the same transaction (ingest's `files` row), so a
            crash never leaves the document without them or them without it.

    Returns:
        "skipped" when the document was already stored (and replace is False), else "loaded".
    """
    doc_id = doc_id or record.doc_id
    if not doc_id:
        raise LoadError("record has no doc_id")
    file = file or record.file
    with _transaction(con):
        touched: list[str] = []
        if has_document(con, doc_id):
            if not replace:
                if also is not None:
                    also(con)
                return "skipped"
            touched = _delete(con, doc_id)
        if supersedes and supersedes != doc_id and has_document(con, supersedes):
            touched += _delete(con, supersedes)
        _insert_document(con, record, doc_id, file, load_id)
        _insert_children(con, record, doc_id)
        graph.after_load(con, doc_id)
        graph.refresh(con, sorted({t for t in touched if t != doc_id and has_document(con, t)}))
        if also is not None:
            also(con)
    return "loaded"


def load_records(
    con: duckdb.DuckDBPyConnection,
    items: list[tuple[Record, str, str, Callable[[duckdb.DuckDBPyConnection], None] | None]],
    load_id: str,
    after: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> list[Literal["loaded", "skipped"]]:
    """Write several new records in one transaction: `load_record` for each of
    (record, doc_id, file, also), with the rows of all of them inserted together and the
    graph brought up to date once (graph.after_load_many), not once per document.

    All or nothing: on any failure the transaction is rolled back and the error raised
    (LoadError for a database error), so the caller can load them one by one to find
    the one that fails. Replacing (`replace`, `supersedes`) is `load_record`'s alone.
    `after`, when given, runs once at the end of the same transaction (ingest's `files`
    rows of the whole batch, in one statement rather than one per document).
    """
    with _transaction(con):
        results: list[Literal["loaded", "skipped"]] = []
        new: list[str] = []
        documents: list[list[Any]] = []
        rows: dict[str, list[list[Any]]] = {t: [] for t in CHILD_TABLES}
        stored = {r[0] for r in con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                                            [[doc_id for _, doc_id, _, _ in items]]).fetchall()}
        for record, doc_id, file, _ in items:
            if not doc_id:
                raise LoadError("record has no doc_id")
            if doc_id in stored:
                results.append("skipped")
                continue
            stored.add(doc_id)
            new.append(doc_id)
            documents.append(_document_row(record, doc_id, file or record.file, load_id))
            for table, table_rows in _child_rows(record, doc_id).items():
                rows[table] += table_rows
            results.append("loaded")
        if documents:
            graph.insert_many(con, "documents", DOCUMENT_COLUMNS, documents)
        for table, table_rows in rows.items():
            if table_rows:
                graph.insert_many(con, table, CHILD_COLUMNS[table], table_rows)
        graph.after_load_many(con, new)
        for _, _, _, also in items:
            if also is not None:
                also(con)
        if after is not None:
            after(con)
    return results


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back on any error (a
    database error becomes one LoadError line)."""
    con.begin()
    try:
        yield
        con.commit()
    except duckdb.Error as exc:
        _rollback(con)
        raise LoadError(f"load failed: {str(exc).splitlines()[0]}") from None
    except Exception:
        _rollback(con)
        raise


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    # after an I/O failure (a full disk) DuckDB may have ended the transaction itself; its
    # "no transaction is active" must not replace the reason the load failed
    try:
        con.rollback()
    except duckdb.Error:
        pass


def _delete(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[str]:
    """Remove one document and its rows (inside the caller's transaction); returns the
    documents whose graph rows its going touches."""
    touched = graph.forget(con, doc_id)
    for table in CHILD_TABLES:
        con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
    dkey = con.execute("SELECT dedup_key FROM documents WHERE doc_id = ?", [doc_id]).fetchall()
    con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])
    if dkey and dkey[0][0]:
        graph.settle_copies(con, dkey[0][0])   # another copy is kept now
    return touched


_NOT_WORD = regex.compile(r"[^\p{L}\d]+")


def dedup_key(r: Record) -> str | None:
    """Key shared by copies of one dispatch (số + ký hiệu + issuer, plus date and trích yếu,
    since drafts share a blank number); None when the record has no code."""
    key = code_key(r.code)
    if not key:
        return None
    subject = _NOT_WORD.sub("", canon(r.subject or ""))
    issuer = _NOT_WORD.sub("", canon(" ".join(r.issuer)))
    return "|".join([key, issuer, r.date or "", subject])


def _signed_at(value: str | None, flags: list[str]) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        flags.append(f"signed_at unparsed: {value}")
        return None
    # stored as Vietnam wall-clock time, so its DATE is the local signing day
    return moment.astimezone(VN_TIME).replace(tzinfo=None) if moment.tzinfo else moment


DOCUMENT_COLUMNS = ("doc_id", "file", "format", "reader", "doc_type", "code", "code_key", "place", "date", "subject",
                    "signer_name", "signer_title", "signer_authority", "flags", "warnings", "confidence", "spans",
                    "load_id", "loaded_at", "dedup_key", "duplicate_of", "signed_at", "date_partial", "text")


def _document_row(r: Record, doc_id: str, file: str, load_id: str) -> list[Any]:
    """The `documents` row of a record, in DOCUMENT_COLUMNS order."""
    flags = list(r.flags)
    issued = _date(r.date, "date", flags)
    signed = _signed_at(r.signed_at, flags)
    spans = {k: [s.model_dump() for s in v] for k, v in r.spans.items()}
    dkey = dedup_key(r)
    first = None  # graph.settle_copies picks the copy kept, by format and id
    return [
        doc_id, file, _format_of(file), r.reader, r.doc_type, r.code, code_key(r.code), r.place, issued,
        r.subject, r.signer.name, r.signer.title, r.signer.authority, flags, list(r.warnings),
        json.dumps(r.confidence), json.dumps(spans, ensure_ascii=False), load_id, datetime.now(),
        dkey, first, signed, r.date_partial, r.text,
    ]


def _insert_document(con: duckdb.DuckDBPyConnection, r: Record, doc_id: str, file: str, load_id: str) -> None:
    con.execute(
        f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({', '.join('?' * len(DOCUMENT_COLUMNS))})",
        _document_row(r, doc_id, file, load_id),
    )


def _insert_children(con: duckdb.DuckDBPyConnection, r: Record, doc_id: str) -> None:
    for table, table_rows in _child_rows(r, doc_id).items():
        if table_rows:
            graph.insert_many(con, table, CHILD_COLUMNS[table], table_rows)


def _child_rows(r: Record, doc_id: str) -> dict[str, list[list[Any]]]:
    """The rows of a record's child tables, per table."""
    def unit(text: str) -> str:
        # the spelling's key; graph.resolve_units sets the unit_id of the body it names
        return unit_key(text)

    rows: dict[str, list[list[Any]]] = {t: [] for t in CHILD_TABLES}
    for i, name in enumerate(r.issuer):
        rows["issuers"].append([doc_id, i, name, unit(name) or None])
    for i, (text, span) in enumerate(zip(r.recipients, _item_spans(r, "recipients", len(r.recipients)))):
        rows["recipients"].append([doc_id, i, text, _span(span), unit(text) or None])
    for i, (text, span) in enumerate(zip(r.cc, _item_spans(r, "cc", len(r.cc)))):
        rows["cc"].append([doc_id, i, text, _span(span)])
    for i, ref in enumerate(r.references):
        flags = list(ref.flags)
        cited = _date(ref.date, "date", flags)
        rows["citations"].append(
            [doc_id, i, ref.code, code_key(ref.code), ref.doc_type, ref.title, cited, ref.issuer,
             ref.relation, _span(ref.span), flags, None]
        )
    for n, task in enumerate(r.tasks, start=1):
        flags = list(task.flags)
        deadline = _date(task.deadline, "deadline", flags)
        rows["tasks"].append([doc_id, n, task.action, deadline, task.recurrence, flags, _span(task.span)])
        for role, names in (("lead", task.assignees), ("coordinate", task.coordinators)):
            for pos, name in enumerate(names):
                key = unit(name)
                if key:
                    rows["task_units"].append([doc_id, n, pos, name, key, role, deadline])
    for i, sig in enumerate(r.signatures):
        flags: list[str] = []
        rows["signatures"].append([doc_id, i, sig.field, sig.signer, sig.organisation, sig.unit,
                                   _signed_at(sig.signed_at, flags)])
    return rows


def begin_load(con: duckdb.DuckDBPyConnection, summary: LoadSummary) -> None:
    con.execute(
        "INSERT INTO loads (load_id, started_at, status, extractor_version, schema_version, inbox)"
        " VALUES (?, ?, 'running', ?, ?, ?)",
        [summary.load_id, summary.started_at, summary.extractor_version, summary.schema_version, summary.inbox],
    )


def finish_load(con: duckdb.DuckDBPyConnection, summary: LoadSummary) -> None:
    con.execute(
        "UPDATE loads SET finished_at = ?, status = ?, files_read = ?, loaded = ?, skipped = ?, failed = ?"
        " WHERE load_id = ?",
        [summary.finished_at, summary.status, summary.files_read, summary.loaded, summary.skipped,
         summary.failed, summary.load_id],
    )


def add_error(con: duckdb.DuckDBPyConnection, load_id: str, item: IngestErrorItem) -> None:
    con.execute(
        "INSERT INTO ingest_errors (load_id, file, stage, reason, \"at\") VALUES (?, ?, ?, ?, ?)",
        [load_id, item.file, item.stage, item.reason, datetime.now()],
    )
