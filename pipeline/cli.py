"""congvan command line: a thin layer over the library.

Every command turns congvan's typed errors into one `Error:` line; no parsing
or SQL lives here.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import typer

from pipeline.errors import CongvanError

def _example(*lines: str) -> str:
    """The Example block that ends a command's --help (an epilog prints after the options)."""
    return "Example:\n\n" + "\n\n".join(f"    {line}" for line in lines)


app = typer.Typer(add_completion=False, no_args_is_help=True, help="Read Vietnamese official dispatches into DuckDB.")


@app.callback()
def _root() -> None:
    """congvan: read official dispatches (công văn) into a task graph in DuckDB."""


def _error_line(exc: BaseException) -> str:
    if isinstance(exc, CongvanError):
        return str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {exc}"


@app.command(epilog=_example('congvan extract --json samples/inbox/s000.txt samples/inbox/s003.md'))
def extract(
    files: list[Path] = typer.Argument(..., help="Files to read (txt, md, docx, doc, pdf, images)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per file (JSON Lines)."),
) -> None:
    """Extract the record of each file and print it.
    """
    from pipeline.extract import extract_file

    failed = 0
    for path in files:
        try:
            record = extract_file(path).contract()
            record["file"] = str(path)
        except Exception as exc:  # noqa: BLE001 - a file that cannot be read gets an error line
            failed += 1
            record = {"file": str(path), "error": _error_line(exc)}
            typer.echo(f"Error: {path}: {record['error']}", err=True)
        if as_json:
            typer.echo(json.dumps(record, ensure_ascii=False))
        elif "error" not in record:
            _print_record(record)
    raise typer.Exit(1 if failed else 0)


DB_OPTION = typer.Option(Path("congvan.duckdb"), "--db", envvar="CONGVAN_DB", help="DuckDB file.")
JSON_OPTION = typer.Option(False, "--json", help="Print one JSON object per row (JSON Lines).")
CSV_OPTION = typer.Option(False, "--csv", help="Print CSV with a header row.")


def _fail(exc: CongvanError) -> typer.Exit:
    typer.echo(f"Error: {_error_line(exc)}", err=True)
    return typer.Exit(1)


@app.command(epilog=_example(
    "congvan ingest samples/inbox --db congvan.duckdb --workers 2",
    "congvan ingest samples/bad --db /tmp/scratch.duckdb   # every file fails cleanly, exit 1",
    "congvan ingest /srv/inbox --db office.duckdb --move  # done files to processed/, failed to quarantine/",
))
def ingest(
    inbox: Path = typer.Argument(Path("samples/inbox"), help="Folder (walked recursively) or file to ingest."),
    db: Path = DB_OPTION,
    force: bool = typer.Option(False, "--force", help="Re-extract and reload documents already stored."),
    workers: int | None = typer.Option(None, "--workers", min=0, help="Reader processes (default: one per core; 0: none, read in this process)."),
    wait: bool = typer.Option(False, "--wait", help="If another ingest holds the database, wait for it instead of doing nothing."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on a terminal."),
    move: bool = typer.Option(False, "--move", help="After the commit, move loaded files to INBOX/processed/ and failed ones to INBOX/quarantine/ (with NAME.error.txt)."),
) -> None:
    """Read, extract and load every file of INBOX into DuckDB.

    A file already stored is skipped as unchanged (by path, size and time, else by
    sha256); an edited file replaces its earlier document; a file that fails leaves
    one row in ingest_errors and one Error: line, and the run goes on. The database
    is opened only to write each batch, so analysts can query while it runs. Exit
    code 1 when some file failed; 0 with one line when another ingest is running.
    """
    from pipeline.ingest import IngestBusy
    from pipeline.ingest import ingest as run_ingest

    try:
        summary = run_ingest(inbox, db, progress=progress, force=force, workers=workers, wait=wait, move=move)
    except IngestBusy as exc:
        typer.echo(str(exc))
        raise typer.Exit(0) from None
    except CongvanError as exc:
        raise _fail(exc) from None
    typer.echo(summary.line())
    raise typer.Exit(1 if summary.failed else 0)


@app.command(epilog=_example(
    "congvan watch /srv/inbox --db office.duckdb --move",
    "congvan watch samples/inbox --db congvan.duckdb --settle 5   # wait 5 s after a file stops growing",
))
def watch(
    inbox: Path = typer.Argument(..., help="Folder to watch (walked recursively)."),
    db: Path = DB_OPTION,
    workers: int | None = typer.Option(None, "--workers", min=0, help="Reader processes (default: one per core)."),
    move: bool = typer.Option(False, "--move", help="Move loaded files to INBOX/processed/, failed ones to INBOX/quarantine/."),
    settle: float | None = typer.Option(None, "--settle", min=0, help="Seconds a file must be left unchanged before it is read (default 2)."),
) -> None:
    """Ingest INBOX now and again whenever files arrive, until Ctrl-C.

    Each wake-up is one ordinary ingest (the same lock, skips, errors and short
    write windows); a file still growing is left until it has been still for
    --settle seconds. One line per run that did something.
    """
    from pipeline.watch import watch as run_watch

    def report(summary) -> None:
        if summary.loaded or summary.failed or summary.deferred or summary.files_read > summary.skipped:
            typer.echo(summary.line(), err=False)

    typer.echo(f"watching {inbox} (Ctrl-C to stop)", err=True)
    try:
        run_watch(inbox, db, on_run=report, settle=settle, workers=workers, move=move)
    except KeyboardInterrupt:
        raise typer.Exit(0) from None
    except CongvanError as exc:
        raise _fail(exc) from None


@app.command(epilog=_example(
    'congvan tasks --db congvan.duckdb --unit "Trung tâm Tin học và Công báo" --due-before 2026-12-31',
    'congvan tasks --db congvan.duckdb --unit "UBND xa Binh Lu" --overdue --csv',
))
def tasks(
    db: Path = DB_OPTION,
    unit: str | None = typer.Option(None, "--unit", help="Only tasks of this unit (lead or coordinating): its id, any spelling seen, or words of its name."),
    status: str | None = typer.Option(None, "--status", help="open | due | overdue | answered."),
    due_before: datetime | None = typer.Option(None, "--due-before", formats=["%Y-%m-%d"], help="Deadline on or before this day."),
    overdue: bool = typer.Option(False, "--overdue", help="Only tasks whose deadline has passed unanswered."),
    issuer: str | None = typer.Option(None, "--issuer", help="Only tasks given by this unit."),
    today: datetime | None = typer.Option(None, "--today", formats=["%Y-%m-%d"], help="Day to count from (default: today)."),
    limit: int = typer.Option(0, "--limit", min=0, help="Print at most this many rows (0: all)."),
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
) -> None:
    """List tasks, one row per task and unit: role, deadline, days left, status
    (answered / due / overdue / open) and the reply that answered it.
    """
    from pipeline import queries

    if status is not None and status not in queries.STATUSES:
        raise _fail(CongvanError(f"--status must be one of {', '.join(queries.STATUSES)}, not {status!r}"))
    with _reader(db) as con:
        columns, rows = queries.tasks(
            con, unit=unit, status=status, due_before=due_before.date() if due_before else None, overdue=overdue,
            issuer=issuer, today=today.date() if today else None, limit=limit or None,
        )
    _print_rows(columns, rows, _fmt(as_json, as_csv), empty="no tasks" + (f" for unit '{unit}'" if unit else ""))


@app.command(epilog=_example('congvan units --db congvan.duckdb --search "trung tam tin hoc"',
                             'congvan units --db congvan.duckdb --kind ubnd --json'))
def units(
    db: Path = DB_OPTION,
    search: str | None = typer.Option(None, "--search", help="A unit's id, any spelling seen, or words of its name."),
    kind: str | None = typer.Option(None, "--kind", help="ubnd, hdnd, so_ban_nganh, van_phong, dang_uy, trung_tam, phong, collective, person_role, ..."),
    today: datetime | None = typer.Option(None, "--today", formats=["%Y-%m-%d"], help="Day the workload is counted on."),
    limit: int = typer.Option(50, "--limit", min=0, help="Print at most this many units (0: all)."),
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
) -> None:
    """List units (bodies, however spelled) with their aliases, parent and workload.
    """
    from pipeline import queries

    with _reader(db) as con:
        columns, rows = queries.units(con, search=search, kind=kind, today=today.date() if today else None,
                                      limit=limit or None)
    _print_rows(columns, rows, _fmt(as_json, as_csv), empty="no such unit")


CHAIN_LIMIT = 100   # rows `chain` prints unless told otherwise: a national directive's tree holds thousands


@app.command(epilog=_example('congvan chain 57-NQ/TW --db congvan.duckdb',
                             'congvan chain 458-CV/ĐU --up --db congvan.duckdb',
                             'congvan chain 57-NQ/TW --limit 0 --csv --db congvan.duckdb > chain.csv'))
def chain(
    code: str = typer.Argument(..., help="Số và ký hiệu of the document to start from, e.g. 57-NQ/TW."),
    db: Path = DB_OPTION,
    up: bool = typer.Option(False, "--up", help="What CODE implements, up to the top."),
    down: bool = typer.Option(False, "--down", help="What implements CODE, down to the last (the default)."),
    depth: int = typer.Option(20, "--depth", min=1, max=20, help="Levels to follow (a national directive's tree can hold thousands of documents)."),
    limit: int = typer.Option(CHAIN_LIMIT, "--limit", min=0, help="Print at most this many documents, nearest levels first (0: all)."),
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
) -> None:
    """Show the chain of directives from CODE as an indented tree: down (documents citing it,
    those citing them, ...) or up (what it cites as what it implements, to the top).
    """
    from pipeline import queries

    if up and down:
        raise _fail(CongvanError("choose --up or --down, not both"))
    direction = "up" if up else "down"
    with _reader(db) as con:
        columns, rows, total = queries.chain_page(con, code, direction, max_depth=depth, limit=limit or None)
    more = (f"… {total - len(rows):,} more (of {total:,}; use --limit 0 for all)"
            if total > len(rows) else None)
    fmt = _fmt(as_json, as_csv)
    if fmt != "table":
        _print_rows(columns, rows, fmt, empty="")
        if more:
            typer.echo(more, err=True)      # the rows on stdout stay machine-readable
        return
    if not rows:
        typer.echo(f"{code}: not in the store and cited by no stored document")
        return
    for line in _tree(columns, rows):
        typer.echo(line)
    if more:
        typer.echo(more)


def _tree(columns: list[str], rows: list[tuple]) -> list[str]:
    # rows carry (node, via): print each node under the one it was reached from
    at = {c: i for i, c in enumerate(columns)}
    children: dict[str | None, list[tuple]] = {}
    for row in rows:
        children.setdefault(row[at["via"]], []).append(row)
    out: list[str] = []

    def walk(parent: str | None, depth: int, seen: set[str]) -> None:
        for row in children.get(parent, []):
            node = row[at["node"]]
            if node in seen:
                continue
            label = " ".join(str(v) for v in (row[at["doc_type"]], row[at["code"]] or "(no number)") if v)
            extra = [str(row[at["date"]]) if row[at["date"]] else "", row[at["issuer"]] or ""]
            stored = "" if not str(node).startswith("stub:") else "  [not in the store]"
            out.append("  " * depth + ("└─ " if depth else "") + label
                       + (f"  {', '.join(e for e in extra if e)}" if any(extra) else "") + stored)
            walk(node, depth + 1, seen | {node})

    walk(None, 0, set())
    return out


@app.command(epilog=_example('congvan missing --db congvan.duckdb --limit 20'))
def missing(
    db: Path = DB_OPTION,
    limit: int = typer.Option(0, "--limit", min=0, help="Print at most this many (0: all)."),
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
) -> None:
    """List documents that stored documents cite but the store does not hold, most cited first
    (copies of one citing dispatch count once).
    """
    from pipeline import queries

    with _reader(db) as con:
        columns, rows = queries.missing(con, limit=limit or None)
    _print_rows(columns, rows, _fmt(as_json, as_csv), empty="every cited document is in the store")


@app.command(epilog=_example('congvan search "chuyen doi so" --db congvan.duckdb'))
def search(
    text: str = typer.Argument(..., help="Words to look for (accents optional)."),
    db: Path = DB_OPTION,
    limit: int = typer.Option(20, "--limit", min=1, help="Print at most this many documents."),
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
) -> None:
    """Rank documents (BM25) by trích yếu, task actions and body, accent-insensitive, with snippets.
    """
    from pipeline import search as fts

    with _reader(db) as con:
        try:
            columns, rows = fts.search(con, fts.index_dir(db), text, limit=limit)
        except CongvanError as exc:
            raise _fail(exc) from None
    _print_rows(columns, rows, _fmt(as_json, as_csv), empty=f"nothing matches {text!r}")


@app.command(epilog=_example('congvan sql "SELECT unit_name, count(*) FROM v_overdue GROUP BY 1 ORDER BY 2 DESC" --db congvan.duckdb'))
def sql(
    query: str = typer.Argument(..., help="A SELECT over the tables and views (v_tasks, v_overdue, v_unit_workload, ...)."),
    db: Path = DB_OPTION,
    limit: int = typer.Option(0, "--limit", min=0, help="Print at most this many rows (0: all)."),
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
) -> None:
    """Run a read-only SQL query on the database (writes are refused by the connection).
    """
    import duckdb

    from pipeline import queries

    with _reader(db) as con:
        try:
            columns, rows = queries.sql(con, query, limit=limit or None)
        except duckdb.Error as exc:
            raise _fail(CongvanError(str(exc).splitlines()[0])) from None
    _print_rows(columns, rows, _fmt(as_json, as_csv), empty="no rows")


@app.command(epilog=_example('congvan export --parquet out/ --db congvan.duckdb'))
def export(
    parquet: Path = typer.Option(..., "--parquet", help="Folder to write one .parquet file per table and view."),
    db: Path = DB_OPTION,
) -> None:
    """Write every table and view to Parquet files, for other tools.
    """
    from pipeline import queries

    with _reader(db) as con:
        written = queries.export(con, parquet)
    for name, count in written:
        typer.echo(f"{parquet / (name + '.parquet')}  {count} rows")


@app.command(epilog=_example("congvan report --db congvan.duckdb --out report/",
                             "congvan report --db office.duckdb --out /srv/www/congvan --today 2026-06-01"))
def report(
    db: Path = DB_OPTION,
    out: Path = typer.Option(Path("report"), "--out", help="Folder to write the site into (created; an earlier report there is replaced)."),
    today: datetime | None = typer.Option(None, "--today", formats=["%Y-%m-%d"], help="Day statuses are counted on (default: today)."),
) -> None:
    """Write a static HTML report (overview, tasks, units, documents, directive graph) that opens
    from the folder in any browser, with no server and no network.
    """
    from pipeline.report.build import build

    with _reader(db) as con:
        try:
            result = build(con, out, today.date() if today else None, db_path=db)
        except CongvanError as exc:
            raise _fail(exc) from None
    typer.echo(result.line())


# how long a query waits for an ingest's write window to close (s); CONGVAN_WAIT overrides
READ_WAIT = 30.0


@contextmanager
def _reader(db: Path) -> Iterator:
    import os
    import time

    from pipeline import store

    from pipeline import readers_waiting

    deadline = time.monotonic() + float(os.environ.get("CONGVAN_WAIT", READ_WAIT))
    try:
        con = store.connect(db, read_only=True)
    except CongvanError as exc:
        if "lock" not in str(exc).lower():
            raise _fail(exc) from None
        # a running ingest holds the file only while it writes a batch: wait for the gap,
        # marked as waiting so that the writer leaves one before its next batch
        with readers_waiting.waiting(Path(db)):
            while True:
                time.sleep(0.1)
                try:
                    con = store.connect(db, read_only=True)
                    break
                except CongvanError as exc:
                    if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                        raise _fail(exc) from None
    try:
        yield con
    finally:
        con.close()


def _fmt(as_json: bool, as_csv: bool) -> str:
    if as_json and as_csv:
        raise _fail(CongvanError("choose --json or --csv, not both"))
    return "json" if as_json else "csv" if as_csv else "table"


def _print_rows(columns: list[str], rows: list[tuple], fmt: str | bool, empty: str) -> None:
    fmt = "json" if fmt is True else "table" if fmt is False else fmt
    if fmt == "json":
        for row in rows:
            typer.echo(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str))
        return
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        typer.echo(out.getvalue(), nl=False)
        return
    if not rows:
        typer.echo(empty)
        return
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    widths = []
    for i, name in enumerate(columns):
        cap = _WIDTH_CAPS.get(name, 24)
        widths.append(min(cap, max(len(name), *(len(row[i]) for row in cells))))
    for row in [columns, *cells]:
        typer.echo("  ".join(_cut(v, w).ljust(w) for v, w in zip(row, widths)).rstrip())


# widest a column may print (longer cells end in "…"); others take up to 24
_WIDTH_CAPS = {"action": 60, "subject": 60, "title": 50, "issuer": 40, "lead": 40, "coordinate": 40,
               "cited_in": 40, "file": 30, "doc_id": 10, "unit": 40, "name": 45, "aliases": 50, "snippet": 70,
               "node": 10, "unit_id": 13}


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_record(record: dict) -> None:
    typer.echo(f"== {record['file']}")
    for key in ("doc_type", "code", "issuer", "place", "date", "subject", "recipients", "cc", "signer"):
        typer.echo(f"  {key:<11} {json.dumps(record.get(key), ensure_ascii=False)}")
    typer.echo(f"  references  {len(record.get('references') or [])}   tasks {len(record.get('tasks') or [])}")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)
    except Exception as exc:
        # the last guard: a damaged database file or a full disk is one line, never a traceback
        if type(exc).__module__.split(".")[0] in ("duckdb", "_duckdb"):
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            typer.echo(f"Error: database: {first}", err=True)
        elif isinstance(exc, OSError):
            typer.echo(f"Error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
        else:
            raise
        sys.exit(1)


if __name__ == "__main__":
    main()
