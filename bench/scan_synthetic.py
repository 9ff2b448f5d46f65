"""How well the scan (OCR) path generalises: every synthetic dispatch laid out as a
DOCX (tests/synthetic_docx.py, both header variants), converted to PDF by
LibreOffice, then every page rendered to an image-only PDF at 300 dpi with
speckle and a slight tilt. The record read from the text layer is the gold; the
record read by OCR from the images is compared with it field by field, with the
shared scorer's per-field rules (exact after its normalisation; subject and the
lists fuzzy).

    .venv/bin/python bench/scan_synthetic.py                  # every fixture, both variants
    .venv/bin/python bench/scan_synthetic.py -k qd_ -k kh_    # a few
    .venv/bin/python bench/scan_synthetic.py --save /tmp/ss   # keep the PDFs and images

Needs LibreOffice (soffice) and Tesseract; ~2-4 s of OCR per page.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from corpus import load_scorer  # noqa: E402  (plain modules: no pytest fixtures)
from scan_render import image_only  # noqa: E402
from synthetic_docx import build, layable  # noqa: E402

from pipeline.extract import extract_file  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "synthetic"
FIELDS = ("doc_type", "code", "issuer", "place", "date", "subject", "recipients", "cc",
          "signer_name", "signer_title", "signer_authority")
# informational: the body fields, read from the same OCR text
EXTRA = ("references", "tasks")
VARIANTS = ("a", "b")


def to_pdf(docxs: list[Path], outdir: Path, work: Path) -> None:
    """One LibreOffice call for all, with its own profile (no clash with another soffice)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("scan_synthetic: LibreOffice (soffice) is not installed")
    cmd = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docxs)]
    subprocess.run(cmd, capture_output=True, timeout=600, check=False, env={**os.environ, "HOME": str(work)})


def value(record: dict, field: str):
    if field.startswith("signer_"):
        return (record.get("signer") or {}).get(field.removeprefix("signer_"))
    if field == "tasks":
        return [t.get("action") for t in record.get("tasks") or []]
    if field == "references":
        return [r.get("code") or r.get("title") for r in record.get("references") or []]
    return record.get(field)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-k", action="append", default=[], help="only fixtures whose name contains this")
    ap.add_argument("--variant", choices=VARIANTS, action="append", help="header layout (default both)")
    ap.add_argument("--save", type=Path, help="keep the DOCX, PDFs and page images here")
    ap.add_argument("--tilt", type=float, default=0.7)
    ap.add_argument("--json", type=Path, help="also write the records here (JSON Lines)")
    args = ap.parse_args()
    scorer = load_scorer()
    sources = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md") and layable(p))
    if args.k:
        sources = [p for p in sources if any(k in p.stem for k in args.k)]
    if not sources:
        sys.exit("scan_synthetic: no layable fixture selected")
    variants = args.variant or list(VARIANTS)
    with tempfile.TemporaryDirectory(prefix="scan_synth_") as tmp:
        work = args.save or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        docxs = [build(src, work / f"{src.stem}.{v}.docx", v) for src in sources for v in variants]
        t0 = time.perf_counter()
        to_pdf(docxs, work, Path(tmp))
        print(f"# {len(docxs)} layouts converted in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        agree = {f: [] for f in FIELDS + EXTRA}
        mismatches = []
        records = []
        t_ocr, n_pages = 0.0, 0
        for docx in docxs:
            pdf = docx.with_suffix(".pdf")
            if not pdf.exists():
                print(f"# {docx.name}: LibreOffice did not convert it", file=sys.stderr)
                continue
            gold = extract_file(pdf).contract()
            scan = image_only(pdf, work / f"{docx.stem}.scan.pdf", tilt=args.tilt, save=args.save)
            t0 = time.perf_counter()
            pred = extract_file(scan).contract()
            t_ocr += time.perf_counter() - t0
            n_pages += _pages(scan)
            scores = scorer.score_document(gold, pred)
            for field in FIELDS + EXTRA:
                s = scores.get(field)
                if s is None:
                    continue
                agree[field].append(s)
                if s < 1.0:
                    mismatches.append((docx.stem, field, value(gold, field), value(pred, field), s))
            records.append({"file": docx.stem, "text": gold, "ocr": pred})
            bad = sum(1 for f in FIELDS if (scores.get(f) or 0) < 1.0)
            print(f"# {docx.stem}: {bad} header/footer fields differ", file=sys.stderr)
    print(f"{'field':<18} {'agree':>6}  n")
    for field in FIELDS + EXTRA:
        vals = agree[field]
        mean = sum(vals) / len(vals) if vals else float("nan")
        print(f"{field:<18} {mean:6.3f}  {len(vals)}" + ("   (body, informational)" if field in EXTRA else ""))
    head = [s for f in FIELDS for s in agree[f]]
    print(f"header/footer overall: {sum(head) / max(1, len(head)):.3f}")
    if n_pages:
        print(f"OCR: {n_pages} pages, {t_ocr / n_pages:.1f} s/page")
    print("\nmismatches (file, field, text layer -> OCR):")
    for name, field, g, p, s in mismatches:
        print(f"  {name:<24} {field:<16} {s:.2f}  {json.dumps(g, ensure_ascii=False)[:200]}")
        print(f"  {'':<24} {'':<16}       -> {json.dumps(p, ensure_ascii=False)[:200]}")
    if args.json:
        with args.json.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


def _pages(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


if __name__ == "__main__":
    sys.exit(main())
