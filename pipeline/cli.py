"""congvan command line: a thin layer over the library.

Every command turns congvan's typed errors into one `Error:` line; no parsing
or SQL lives here.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import typer

from pipeline.errors import CongvanError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Read Vietnamese official dispatches into DuckDB.")


@app.callback()
def _root() -> None:
    """congvan: read official dispatches (công văn) into a task graph in DuckDB."""


def _error_line(exc: BaseException) -> str:
    if isinstance(exc, CongvanError):
        return str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {exc}"


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Files to read (txt, md, docx, doc, pdf, images)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per file (JSON Lines)."),
) -> None:
    """Extract the record of each file and print it.

    Example:
        congvan extract --json samples/inbox/s000.txt samples/inbox/s003.md
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
