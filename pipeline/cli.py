"""congvan command line: a thin layer over the library.

Every command turns congvan's typed errors into one `Error:` line; no parsing
or SQL lives here.
"""
from __future__ import annotations

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


def _fail(exc: CongvanError) -> typer.Exit:
    typer.echo(f"Error: {_error_line(exc)}", err=True)
    return typer.Exit(1)


@app.command(epilog=_example(
    "congvan ingest samples/inbox --db congvan.duckdb",
    "congvan ingest samples/bad --db /tmp/scratch.duckdb   # every file fails cleanly, exit 1",
))
def ingest(
    inbox: Path = typer.Argument(Path("samples/inbox"), help="Folder (walked recursively) or file to ingest."),
    db: Path = DB_OPTION,
    force: bool = typer.Option(False, "--force", help="Re-extract and reload documents already stored."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on a terminal."),
) -> None:
    """Read, extract and load every file of INBOX into DuckDB.

    A file already stored (same sha256) is skipped as unchanged; a file that
    fails leaves one row in ingest_errors and one Error: line, and the run goes
    on. Exit code 1 when some file failed.
    """
    from pipeline.ingest import ingest as run_ingest

    try:
        summary = run_ingest(inbox, db, progress=progress, force=force)
    except CongvanError as exc:
        raise _fail(exc) from None
    typer.echo(summary.line())
    raise typer.Exit(1 if summary.failed else 0)


@app.command(epilog=_example(
    'congvan tasks --db congvan.duckdb --unit "Trung tâm Tin học và Công báo" --due-before 2026-12-31',
    'congvan tasks --db congvan.duckdb --unit "UBND xa" --overdue --json',
))
def tasks(
    db: Path = DB_OPTION,
    unit: str | None = typer.Option(None, "--unit", help="Only tasks of this unit (lead or coordinating); any spelling."),
    due_before: datetime | None = typer.Option(None, "--due-before", formats=["%Y-%m-%d"], help="Deadline on or before this day."),
    overdue: bool = typer.Option(False, "--overdue", help="Only tasks whose deadline has passed."),
    today: datetime | None = typer.Option(None, "--today", formats=["%Y-%m-%d"], help="Day to count from (default: today)."),
    limit: int = typer.Option(0, "--limit", min=0, help="Print at most this many tasks (0: all)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List tasks with their units, deadline, days left and status (due/overdue/open).
    """
    from pipeline import queries

    with _reader(db) as con:
        columns, rows = queries.tasks(
            con, unit=unit, due_before=due_before.date() if due_before else None, overdue=overdue,
            today=today.date() if today else None,
        )
    shown = rows[:limit] if limit else rows
    _print_rows(columns, shown, as_json, empty="no tasks" + (f" for unit '{unit}'" if unit else ""))
    if len(shown) < len(rows) and not as_json:
        typer.echo(f"... {len(rows) - len(shown)} more (--limit {limit})")


@app.command(epilog=_example('congvan chain 57-NQ/TW --db congvan.duckdb'))
def chain(
    code: str = typer.Argument(..., help="Số và ký hiệu of the directive at the top, e.g. 57-NQ/TW."),
    db: Path = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show the chain of documents that implement CODE: those citing it, those citing them, ...
    """
    from pipeline import queries

    with _reader(db) as con:
        top = queries.root(con, code)
        columns, rows = queries.chain(con, code)
    if not as_json:
        where = f"{top[0][1] or ''} {top[0][0]}, stored".strip() if top else "not in the store"
        typer.echo(f"{code} ({where})")
    _print_rows(columns, rows, as_json, empty=f"no stored document cites {code}")


@app.command(epilog=_example('congvan missing --db congvan.duckdb'))
def missing(db: Path = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """List documents that stored documents cite but the store does not hold.
    """
    from pipeline import queries

    with _reader(db) as con:
        columns, rows = queries.missing(con)
    _print_rows(columns, rows, as_json, empty="every cited document is in the store")


@contextmanager
def _reader(db: Path) -> Iterator:
    from pipeline import store

    try:
        con = store.connect(db, read_only=True)
    except CongvanError as exc:
        raise _fail(exc) from None
    try:
        yield con
    finally:
        con.close()


def _print_rows(columns: list[str], rows: list[tuple], as_json: bool, empty: str) -> None:
    if as_json:
        for row in rows:
            typer.echo(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str))
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
_WIDTH_CAPS = {"action": 70, "subject": 60, "title": 50, "issuer": 40, "lead": 40, "coordinate": 40,
               "cited_in": 40, "file": 40, "doc_id": 10}


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


if __name__ == "__main__":
    main()
