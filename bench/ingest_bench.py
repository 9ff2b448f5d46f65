"""Batch ingestion figures: docs/s per format with 1 and 2 workers, CPU use, peak RSS,
the unchanged re-run of a 10,000-file inbox, and an analyst's query latency during an ingest.

The inbox is generated under bench/out/ingest/ (never committed) from the dev and
wild documents of ../shared: each file copied N times with its bytes changed in a
way its format ignores (a trailing comment line for text, bytes after %%EOF for a
PDF, a zip comment for a DOCX, trailing bytes for a .doc), so every copy is a new
document to the store. Scans are kept apart: they are OCR and cost seconds a page.
Prints figures; asserts nothing.

    .venv/bin/python bench/ingest_bench.py [--copies 20] [--scans 8] [--unchanged 10000]
    .venv/bin/python bench/ingest_bench.py --formats docx --workers 2 --no-rerun --repeat 3
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ["CONGVAN_SETTLE"] = "0"          # generated files are complete

import duckdb  # noqa: E402

from pipeline import store  # noqa: E402

OUT = ROOT / "bench" / "out" / "ingest"
FORMATS = ("pdf", "docx", "doc", "txt", "md")
# A born-digital PDF of more pages than this (a plan with its annexes, a guide) is timed
# apart ("pdf-long"): per document it costs ten times a dispatch, so the mix of the two
# would say more about the mix than about the reader. pages/s compares them.
LONG_PDF = 5
# Likewise a DOCX whose body is more than this much XML (a register of a thousand table rows)
# is timed apart ("docx-long").
LONG_DOCX_XML = 1_000_000


def is_scan(path: Path) -> bool:
    """A PDF whose first page has (almost) no text layer."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf[0].get_textpage().get_text_range().strip()) < 200
    finally:
        pdf.close()


def ocr_layer(path: Path) -> bool:
    """A PDF with a text layer the reader rejects (garbled, or every Vietnamese mark lost) on
    a page: that page is OCR'd like a scan and costs what a scan costs, so it is timed apart
    ("pdf-ocr") from the born-digital PDFs whose layer is read."""
    import pypdfium2 as pdfium

    from pipeline.readers.pdf import MAX_PAGES, MIN_CHARS, MIN_QUALITY, text_quality

    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = (pdf[i].get_textpage().get_text_range() for i in range(min(len(pdf), MAX_PAGES)))
        return any(len(t.strip()) >= MIN_CHARS and text_quality(t) < MIN_QUALITY for t in texts)
    finally:
        pdf.close()


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def body_xml(path: Path) -> int:
    """Uncompressed size of the DOCX's word/document.xml (0 when it has none)."""
    try:
        with zipfile.ZipFile(path) as z:
            return z.getinfo("word/document.xml").file_size
    except (KeyError, zipfile.BadZipFile):
        return 0


def sources(shared: Path) -> dict[str, list[Path]]:
    """Born-digital files per format, and scans, from the dev and wild sets and the samples."""
    found: dict[str, list[Path]] = {f: [] for f in (*FORMATS, "pdf-long", "docx-long", "pdf-ocr", "scan")}
    folders = [shared / "corpus" / "dev", shared / "corpus" / "wild", ROOT / "samples" / "inbox"]
    for folder in folders:
        for path in sorted(folder.glob("*")):
            fmt = path.suffix.lower().lstrip(".")
            if fmt not in FORMATS:
                continue
            if fmt == "pdf" and is_scan(path):
                fmt = "scan"
            elif fmt == "pdf" and ocr_layer(path):
                fmt = "pdf-ocr"
            elif fmt == "pdf" and page_count(path) > LONG_PDF:
                fmt = "pdf-long"
            elif fmt == "docx" and body_xml(path) > LONG_DOCX_XML:
                fmt = "docx-long"
            found[fmt].append(path)
    return found


def changed_copy(src: Path, dst: Path, n: int) -> None:
    """A copy of `src` whose bytes differ (a new sha256) and that reads the same."""
    fmt = src.suffix.lower()
    if fmt == ".docx":
        shutil.copyfile(src, dst)
        with zipfile.ZipFile(dst, "a") as z:
            z.comment = f"copy {n}".encode()
        return
    data = src.read_bytes()
    tail = {".pdf": f"\n% copy {n}\n", ".txt": f"\n\n<!-- copy {n} -->\n", ".md": f"\n\n<!-- copy {n} -->\n"}
    dst.write_bytes(data + tail.get(fmt, f"copy {n}").encode())


def build(found: dict[str, list[Path]], copies: int, scans: int) -> dict[str, Path]:
    folders = {}
    for fmt, files in found.items():
        folder = OUT / "inbox" / fmt
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        picked = files[:scans] if fmt == "scan" else files
        k = 1 if fmt == "scan" else copies
        for src in picked:
            for n in range(k):
                changed_copy(src, folder / f"{src.stem}_{n:03d}{src.suffix}", n)
        folders[fmt] = folder
    return folders


def pages(folder: Path) -> int:
    import pypdfium2 as pdfium

    total = 0
    for p in folder.glob("*.pdf"):
        pdf = pdfium.PdfDocument(str(p))
        total += len(pdf)
        pdf.close()
    return total


def run_ingest(folder: Path, db: Path, workers: int) -> dict[str, float]:
    """One ingest as a whole process, with its CPU time and the children's peak RSS."""
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    code = (
        "import resource, sys, json; from pathlib import Path; from pipeline.ingest import ingest; "
        f"s = ingest(Path({str(folder)!r}), Path({str(db)!r}), progress=False, workers={workers}); "
        "me = resource.getrusage(resource.RUSAGE_SELF); ch = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(json.dumps({'loaded': s.loaded, 'failed': s.failed, 'writer_rss': me.ru_maxrss, "
        "'worker_rss': ch.ru_maxrss, 'cpu': me.ru_utime + me.ru_stime + ch.ru_utime + ch.ru_stime}))"
    )
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - start
    import json

    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise SystemExit(f"ingest failed: {done.stderr[-500:]}")
    out = json.loads(lines[-1])
    out["wall"] = wall
    return out


def unchanged_rerun(n: int) -> tuple[float, float]:
    """(first walk + stat check, the same again) for an inbox of n files the store knows.

    The store is filled by SQL with the files' paths, sizes and mtimes and one document
    row each, as an earlier run would have left it; the re-run is then what ingest does
    for unchanged files: walk, compare stat to the known set, read nothing."""
    from pipeline.ingest import ingest

    folder = OUT / "unchanged"
    shutil.rmtree(folder, ignore_errors=True)
    for i in range(n):
        sub = folder / f"{i // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"cv_{i:05d}.txt").write_text(f"Công văn {i}\n", encoding="utf-8")
    db = OUT / "unchanged.duckdb"
    db.unlink(missing_ok=True)
    con = store.connect(db)
    rows = []
    for path in sorted(folder.rglob("*.txt")):
        st = path.stat()
        rows.append((str(path), st.st_size, st.st_mtime_ns, f"d{len(rows):063d}"))
    con.execute("CREATE TEMP TABLE f(path VARCHAR, size BIGINT, mtime_ns BIGINT, doc_id VARCHAR)")
    con.executemany("INSERT INTO f VALUES (?, ?, ?, ?)", rows)
    described = con.execute("DESCRIBE documents").fetchall()    # name, type, null, ...

    def filler(name: str, kind: str, nullable: str) -> str:
        if name in ("doc_id", "file"):
            return {"doc_id": "f.doc_id", "file": "f.path"}[name]
        if nullable == "YES":
            return "NULL"
        return "now()" if "TIMESTAMP" in kind else "current_date" if kind == "DATE" else \
            "0" if kind in ("INTEGER", "BIGINT", "DOUBLE", "FLOAT") else "'bench'"
    values = ", ".join(filler(r[0], r[1], r[2]) for r in described)
    con.execute(f"INSERT INTO documents SELECT {values} FROM f")
    known = {"path": "f.path", "size": "f.size", "mtime_ns": "f.mtime_ns", "doc_id": "f.doc_id"}
    fvals = ", ".join(known.get(r[0]) or filler(r[0], r[1], r[2]) for r in con.execute("DESCRIBE files").fetchall())
    con.execute(f"INSERT INTO files SELECT {fvals} FROM f")
    con.close()
    times = []
    for _ in range(2):
        start = time.perf_counter()
        s = ingest(folder, db, progress=False, workers=0)
        times.append(time.perf_counter() - start)
        assert s.loaded == 0 and s.skipped == n, (s.loaded, s.skipped)
    return times[0], times[1]


def query_during_ingest(folder: Path, db: Path) -> list[float]:
    """Latency of an analyst's `tasks` query (read-only, short-lived) while an ingest runs."""
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    store.connect(db).close()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "--db", str(db),
                             "--no-progress", "--workers", "1"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from pipeline import queries

    latencies = []
    time.sleep(1.0)
    while proc.poll() is None:
        start = time.perf_counter()
        while True:
            try:
                con = duckdb.connect(str(db), read_only=True)
                break
            except duckdb.Error:
                time.sleep(0.05)          # the writer's window: as the CLI does, wait for the gap
        try:
            queries.tasks(con, today=date.today(), limit=50)
        finally:
            con.close()
        latencies.append(time.perf_counter() - start)
        time.sleep(0.3)
    return latencies


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--copies", type=int, default=20, help="changed copies of each born-digital file")
    ap.add_argument("--scans", type=int, default=8, help="scans ingested (one copy each; OCR is slow)")
    ap.add_argument("--unchanged", type=int, default=10_000)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--formats", default=",".join((*FORMATS, "pdf-long", "docx-long", "pdf-ocr", "scan")),
                    help="which formats to time")
    ap.add_argument("--no-rerun", action="store_true", help="skip the unchanged re-run and the query latency")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per row; the median is printed, with the range and the load average")
    args = ap.parse_args()
    if not (args.shared / "corpus" / "dev").is_dir():
        print(f"ingest benchmark skipped: {args.shared}/corpus/dev not found")
        return
    found = sources(args.shared)
    folders = build(found, args.copies, args.scans)
    total = sum(len(list(f.iterdir())) for f in folders.values())
    print(f"congvan ingest bench: {total} files under {OUT / 'inbox'} "
          + ", ".join(f"{k} {len(list(v.iterdir()))}" for k, v in folders.items()))
    print(f"\n{'format':8} {'workers':>7} {'files':>6} {'pages':>6} {'wall s':>8} {'docs/s':>8} {'pages/s':>8}"
          f" {'CPU %':>6} {'CPU ms/doc':>10} {'worker RSS MB':>14} {'writer RSS MB':>14} {'failed':>6}")
    print("-" * 111)
    for fmt, folder in folders.items():
        n = len(list(folder.iterdir()))
        if not n or fmt not in args.formats.split(","):
            continue
        npages = pages(folder) if fmt in ("pdf", "pdf-long", "pdf-ocr", "scan") else 0
        for workers in (int(w) for w in args.workers.split(",")):
            # the machine may be shared: each row is the run of median wall time among --repeat,
            # with the range and the load average (other processes' too) beside it
            runs, loads = [], []
            for _ in range(max(1, args.repeat)):
                loads.append(os.getloadavg()[0])
                runs.append(run_ingest(folder, OUT / f"{fmt}_{workers}.duckdb", workers))
            r = sorted(runs, key=lambda x: x["wall"])[len(runs) // 2]
            cpu = 100 * r["cpu"] / r["wall"] / (os.cpu_count() or 1)
            spread = f"   {n / max(x['wall'] for x in runs):.1f}-{n / min(x['wall'] for x in runs):.1f} docs/s," \
                f" load {min(loads):.1f}-{max(loads):.1f}" if len(runs) > 1 else ""
            print(f"{fmt:8} {workers:>7} {n:>6} {npages or '':>6} {r['wall']:>8.1f} {n / r['wall']:>8.1f}"
                  f" {(npages / r['wall']) if npages else 0:>8.1f} {cpu:>6.0f} {1000 * r['cpu'] / n:>10.0f}"
                  f" {r['worker_rss'] / 1024:>14.0f}"
                  f" {r['writer_rss'] / 1024:>14.0f} {r['failed']:>6}{spread}")
    if args.no_rerun:
        return
    first, again = unchanged_rerun(args.unchanged)
    print(f"\nunchanged re-run of {args.unchanged:,} files: {first:.2f} s (then {again:.2f} s)")
    lat = query_during_ingest(folders["pdf"], OUT / "during.duckdb")
    if lat:
        print(f"analyst query during ingest ({len(lat)} queries): median {1000 * statistics.median(lat):.0f} ms,"
              f" max {1000 * max(lat):.0f} ms, all answered")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
