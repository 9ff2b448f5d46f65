"""Throughput figures: files/s and ms per page by format, and peak memory.

Reads and extracts every file of samples/inbox and, when ../shared is present,
of the dev corpus; then times a full ingest of the samples into a scratch
DuckDB file. Prints figures only; asserts nothing.

    .venv/bin/python bench/bench.py [--no-corpus] [--limit N]
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract is 4-5x slower with its own threads on 2 cores

from pipeline import readers  # noqa: E402
from pipeline.extract import extract_document  # noqa: E402
from pipeline.ingest import ingest, iter_files  # noqa: E402


def documents(folder: Path) -> list[Path]:
    return [p for p in iter_files(folder) if p.suffix.lower() in readers.EXTENSIONS]


def measure(files: list[Path]) -> dict[str, dict[str, float]]:
    stats: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for path in files:
        fmt = path.suffix.lower().lstrip(".")
        start = time.perf_counter()
        try:
            doc = readers.read(path)
            extract_document(doc)
            pages = max(len(doc.pages), 1)
            ocr = sum(1 for p in doc.pages if p.path == "ocr")
        except Exception as exc:  # noqa: BLE001 - a bench counts failures, it does not stop
            stats[fmt]["failed"] += 1
            print(f"  failed {path.name}: {type(exc).__name__}: {str(exc)[:80]}", file=sys.stderr)
            continue
        secs = time.perf_counter() - start
        key = f"{fmt}+ocr" if ocr else fmt
        s = stats[key]
        s["files"] += 1
        s["pages"] += pages
        s["seconds"] += secs
    return stats


def report(title: str, stats: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print(f"  {'format':<10}{'files':>6}{'pages':>7}{'failed':>8}{'files/s':>10}{'ms/page':>10}{'ms/file':>10}")
    total = defaultdict(float)
    for fmt in sorted(stats):
        s = stats[fmt]
        for k, v in s.items():
            total[k] += v
        _row(fmt, s)
    _row("all", total)


def _row(name: str, s: dict[str, float]) -> None:
    files, pages, secs = s.get("files", 0), s.get("pages", 0), s.get("seconds", 0.0)
    rate = f"{files / secs:.1f}" if secs else "-"
    per_page = f"{1000 * secs / pages:.0f}" if pages else "-"
    per_file = f"{1000 * secs / files:.0f}" if files else "-"
    print(f"  {name:<10}{int(files):>6}{int(pages):>7}{int(s.get('failed', 0)):>8}{rate:>10}{per_page:>10}{per_file:>10}")


def _quiet(_line: str) -> None:  # failures were already listed by measure()
    pass


def main() -> int:
    ap = argparse.ArgumentParser(description="congvan throughput figures")
    ap.add_argument("--no-corpus", action="store_true", help="samples only")
    ap.add_argument("--limit", type=int, default=0, help="at most N corpus files")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()

    samples = documents(ROOT / "samples" / "inbox")
    # warm-up: imports (underthesea, pdfplumber, python-docx) must not count against the first file
    for path in samples:
        try:
            extract_document(readers.read(path))
        except Exception:  # noqa: BLE001 - measured (and reported) below
            pass
        if path.suffix.lower() in {".docx", ".pdf"}:
            break
    report(f"read + extract, samples/inbox ({len(samples)} files)", measure(samples))

    corpus_dir = args.shared / "corpus" / "dev"
    if not args.no_corpus and corpus_dir.is_dir():
        corpus = documents(corpus_dir)[: args.limit or None]
        report(f"read + extract, dev corpus ({len(corpus)} files)", measure(corpus))
    elif not args.no_corpus:
        print(f"\n(dev corpus skipped: {corpus_dir} not found)")

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        summary = ingest(ROOT / "samples" / "inbox", Path(tmp) / "bench.duckdb", progress=False, echo=_quiet)
        secs = time.perf_counter() - start
        again = time.perf_counter()
        ingest(ROOT / "samples" / "inbox", Path(tmp) / "bench.duckdb", progress=False, echo=_quiet)
        rerun = time.perf_counter() - again
    print(f"\ningest samples end to end: {summary.files_read} files in {secs:.2f} s "
          f"({summary.files_read / secs:.1f} files/s); unchanged re-run {rerun * 1000:.0f} ms")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB (largest child process {children_mb:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
