"""The command line: thin verbs over the library, checked by querying DuckDB."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app

COMMANDS = ["extract", "ingest", "tasks", "chain", "missing"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_example(runner, command):
    result = invoke(runner, command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and f"congvan {command}" in result.output
    tail = result.output[result.output.index("Example"):]
    assert "Options" not in tail  # the example block ends the help


def test_ingest_then_query(runner, seed_inbox, db_path):
    result = invoke(runner, "ingest", seed_inbox, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "2 read, 2 loaded, 0 skipped as unchanged, 0 failed" in result.stdout
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchall() == [(2,)]
    con.close()
    again = invoke(runner, "ingest", seed_inbox, "--db", db_path)
    assert again.exit_code == 0 and "0 loaded, 2 skipped as unchanged" in again.stdout


def test_ingest_with_bad_files_exits_1_with_one_line_each(runner, seed_inbox, db_path, bad_files):
    for name, data in bad_files.items():
        (seed_inbox / name).write_bytes(data)
    result = invoke(runner, "ingest", seed_inbox, "--db", db_path)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == len(bad_files)
    assert "Traceback" not in result.stderr
    assert f"2 loaded, 0 skipped as unchanged, {len(bad_files)} failed" in result.stdout


@pytest.mark.parametrize("args", [
    ["ingest", "no/such/inbox"],
    ["tasks"],
    ["chain", "57-NQ/TW"],
    ["missing"],
])
def test_typed_errors_are_one_line(runner, tmp_path, args):
    result = invoke(runner, *args, "--db", tmp_path / "absent.duckdb")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and len(result.stderr.strip().splitlines()) == 1


def test_tasks_of_a_unit(runner, loaded_db):
    result = invoke(runner, "tasks", "--db", loaded_db, "--unit", "trung tam tin hoc va cong bao", "--json")
    assert result.exit_code == 0, result.output
    got = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(t["task_no"], t["deadline"], t["role"]) for t in got] == [(1, "2026-01-23", "lead"),
                                                                       (2, "2026-03-31", "lead")]
    # the unit as the body it is: the centre of the issuing Văn phòng's province
    assert got[0]["unit"] == "Trung tâm Tin học và Công báo tỉnh Lai Châu"


def test_tasks_overdue_and_due_before(runner, loaded_db):
    result = invoke(runner, "tasks", "--db", loaded_db, "--overdue", "--today", "2026-02-01", "--json")
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert {r["action"] for r in rows} == {"tham mưu đề xuất, đăng ký 01 sáng kiến"}
    assert len(rows) == 3 and {r["status"] for r in rows} == {"overdue"}   # its three units
    result = invoke(runner, "tasks", "--db", loaded_db, "--due-before", "2026-04-01", "--json")
    assert {json.loads(x)["task_no"] for x in result.stdout.splitlines()} == {1, 2}


def test_tasks_table_and_no_match(runner, loaded_db):
    table = invoke(runner, "tasks", "--db", loaded_db, "--unit", "UBND xã", "--today", "2026-02-01")
    assert table.exit_code == 0 and "458-CV/ĐU" in table.stdout and "due" in table.stdout
    none = invoke(runner, "tasks", "--db", loaded_db, "--unit", "Sở Tài chính")
    assert none.exit_code == 0 and "no tasks for unit 'Sở Tài chính'" in none.stdout


def test_chain(runner, loaded_db):
    result = invoke(runner, "chain", "57-NQ/TW", "--db", loaded_db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Công văn 57-NQ/TW") and lines[0].endswith("[not in the store]")
    assert any(line.startswith("  └─ Công văn 591-CV/TU") for line in lines)
    assert any(line.startswith("    └─ ") and "458-CV/ĐU" in line for line in lines)   # under 03-KH/BCĐ
    up = invoke(runner, "chain", "458-CV/ĐU", "--up", "--db", loaded_db).stdout.splitlines()
    assert "458-CV/ĐU" in up[0] and any("03-KH/BCĐ" in line for line in up[1:])


def test_chain_limit_says_how_many_more(runner, loaded_db):
    full = invoke(runner, "chain", "57-NQ/TW", "--db", loaded_db, "--limit", "0").stdout.splitlines()
    cut = invoke(runner, "chain", "57-NQ/TW", "--db", loaded_db, "--limit", "2")
    assert cut.exit_code == 0, cut.output
    lines = cut.stdout.splitlines()
    assert len(full) > 2 and not any(line.startswith("…") for line in full)
    assert lines[:-1] == full[:2]            # the nearest levels first, as the whole tree prints them
    assert lines[-1] == f"… {len(full) - 2} more (of {len(full)}; use --limit 0 for all)"
    rows = invoke(runner, "chain", "57-NQ/TW", "--db", loaded_db, "--limit", "1", "--json")
    assert len(rows.stdout.splitlines()) == 1 and "more" in rows.stderr


def test_missing(runner, loaded_db):
    result = invoke(runner, "missing", "--db", loaded_db, "--json")
    codes = [json.loads(line)["code"] for line in result.stdout.splitlines()]
    assert codes[0] == "57-NQ/TW" and set(codes) == {"57-NQ/TW", "245/SKHCN-KHCN", "604/CV-CQTT"}


def test_db_from_environment(runner, loaded_db):
    result = runner.invoke(app, ["missing", "--json"], env={"CONGVAN_DB": str(loaded_db)})
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 3


def test_readers_can_run_while_no_writer(runner, loaded_db):
    # two read-only queries in a row work (the CLI never keeps the file open)
    assert invoke(runner, "missing", "--db", loaded_db).exit_code == 0
    assert invoke(runner, "chain", "57-NQ/TW", "--db", loaded_db).exit_code == 0
    assert Path(loaded_db).exists()


def test_tasks_limit(runner, loaded_db):
    result = invoke(runner, "tasks", "--db", loaded_db, "--limit", "2")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3      # the header and two rows: the limit is in the SQL


def test_locked_database_is_one_error_line(runner, loaded_db):
    writer = duckdb.connect(str(loaded_db))  # a writer holds the file
    try:
        result = invoke(runner, "missing", "--db", loaded_db)
    finally:
        writer.close()
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot open") and len(result.stderr.strip().splitlines()) == 1
