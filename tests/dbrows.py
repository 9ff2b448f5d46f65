"""Reading a test database the way an analyst does: read-only, briefly."""
from __future__ import annotations

from pathlib import Path

import duckdb


def rows(db: Path, sql: str) -> list[tuple]:
    """Every row `sql` returns from the database file `db`, on a short read-only connection."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
