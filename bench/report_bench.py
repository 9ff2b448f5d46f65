"""`congvan report` build time on a synthetic store: 10,000 documents and 50,000 tasks by default.
Prints figures; asserts nothing (the issue's bar: under a minute).

The store is bench/graph_bench.py's generator (bulk SQL, the real migrations), reused when its counts match.

    .venv/bin/python bench/report_bench.py [--tasks N] [--db PATH] [--out DIR]
"""
from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import store  # noqa: E402
from pipeline.report.build import build  # noqa: E402


def _graph_bench():
    spec = importlib.util.spec_from_file_location("graph_bench", ROOT / "bench" / "graph_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, default=50_000, help="tasks; documents = tasks/5, units = tasks/50")
    ap.add_argument("--db", type=Path, default=ROOT / "bench/out/report_bench.duckdb")
    ap.add_argument("--out", type=Path, default=ROOT / "bench/out/report_bench")
    args = ap.parse_args()
    gb = _graph_bench()
    s = gb.shape(max(args.tasks, 5000))
    args.db.parent.mkdir(parents=True, exist_ok=True)
    con = store.connect(args.db) if args.db.exists() else None
    if con is not None and con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM tasks)"
                                       ).fetchone() != (s["D"], s["tasks"]):
        con = con.close()
    gen = "reused"
    if con is None:
        for path in (args.db, args.db.with_name(args.db.name + ".wal")):
            path.unlink(missing_ok=True)
        con = store.connect(args.db)
        start = time.perf_counter()
        gb.generate(con, s)
        gen = f"{time.perf_counter() - start:.1f} s"
    con.close()
    con = store.connect(args.db, read_only=True)
    print(f"congvan report bench: {args.db} ({s['D']:,} documents, {s['tasks']:,} tasks, {s['U']:,} units;"
          f" generation {gen})")
    for run in ("first build", "rebuild into the same folder"):
        start = time.perf_counter()
        result = build(con, args.out, date.fromisoformat(gb.TODAY))
        took = time.perf_counter() - start
        files, size = _size(args.out)
        print(f"  {run:<30} {took:6.1f} s   {result.documents:,} document pages, {result.units:,} unit pages,"
              f" {result.task_rows:,} task rows, {result.graphs} graphs; {files:,} files, {size / 2**20:,.0f} MiB")
    con.close()
    tasks_js = args.out / "data" / "tasks.js"
    print(f"  task table data: {tasks_js.stat().st_size / 2**20:.1f} MiB, shown 100 rows a page")
    print(f"  peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")
    print(f"  open {args.out / 'index.html'}")


if __name__ == "__main__":
    main()
