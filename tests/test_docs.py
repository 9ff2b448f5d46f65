"""The README stays true: every command and target is documented, every example query runs."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from typer.main import get_command

from pipeline.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_cli_has_the_verbs():
    assert {"extract", "ingest", "tasks", "chain", "missing"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert f"congvan {command}" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_ends_with_an_example(command):
    epilog = get_command(app).commands[command].epilog  # type: ignore[attr-defined]
    assert epilog and epilog.startswith("Example:")
    assert epilog.strip().splitlines()[-1].strip().startswith(f"congvan {command}")


def test_readme_starts_with_the_two_commands():
    first_block = README.split("```bash", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in first_block.strip().splitlines()] == [["make", "ingest"], ["make", "test"]]


@pytest.mark.parametrize("target", ["ingest", "test", "eval", "bench", "help"])
def test_make_targets_exist_and_are_documented(target):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{target}:.*## ", makefile, re.M), f"make {target} missing or without ## help"
    assert f"make {target}" in README


def test_readme_lists_every_table():
    con = duckdb.connect(":memory:")
    from pipeline import store

    store.migrate(con)
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'").fetchall()]
    for table in tables:
        assert f"| `{table}` |" in README, table


SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", README, re.S)


@pytest.mark.parametrize("sql", SQL_BLOCKS, ids=[f"query{i}" for i in range(len(SQL_BLOCKS))])
def test_readme_queries_run(sql, loaded_db):
    con = duckdb.connect(str(loaded_db), read_only=True)
    try:
        rows = con.execute(sql).fetchall()
    finally:
        con.close()
    assert rows, "an example query returned nothing on the example data"


def test_there_are_three_example_queries():
    assert len(SQL_BLOCKS) == 3
