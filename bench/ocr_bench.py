"""OCR benchmark: seconds per page and character accuracy against a text layer.

Renders page 1 of born-digital PDFs (their text layer is the reference), OCRs
the image through pipeline.readers.ocr and prints, per file, the seconds per
page and 1 - Levenshtein / len (after NFC and whitespace collapse). Scanned
PDFs given with --scan are timed only (no reference).

    .venv/bin/python bench/ocr_bench.py ../shared/corpus/dev/d023.pdf --scan ../shared/corpus/dev/d008.pdf
"""
from __future__ import annotations

import argparse
import time
import unicodedata
from pathlib import Path

import regex


def _canon(text: str) -> str:
    return regex.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def char_accuracy(ocr_text: str, reference: str) -> float:
    """1 - Levenshtein(ocr, reference) / len(reference), after NFC and whitespace collapse."""
    from rapidfuzz.distance import Levenshtein

    ref, hyp = _canon(reference), _canon(ocr_text)
    if not ref:
        return 1.0 if not hyp else 0.0
    return max(0.0, 1 - Levenshtein.distance(hyp, ref) / len(ref))


def bench_born_digital(path: Path, dpi: int = 300) -> tuple[float, float, float]:
    """(seconds, accuracy in reading order, accuracy over sorted words) for page 1 of a PDF
    with a text layer. The second figure forgives column order (the header's two cells
    may be read in either order); the first does not."""
    import pypdfium2 as pdfium

    from pipeline.readers import ocr

    pdf = pdfium.PdfDocument(str(path))
    try:
        reference = pdf[0].get_textpage().get_text_range()
        img = pdf[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        pdf.close()
    t0 = time.monotonic()
    lines = ocr.ocr_images([(1, img)]).get(1, [])
    secs = time.monotonic() - t0
    text = " ".join(ln.text for ln in lines)
    in_order = char_accuracy(text, reference)
    hyp = " ".join(sorted(text.split()))
    ref = " ".join(sorted(reference.split()))
    return secs, in_order, char_accuracy(hyp, ref)


def bench_scan(path: Path) -> tuple[float, int]:
    """(seconds per page, pages) for a scanned PDF through ocr_pdf_pages."""
    import pypdfium2 as pdfium

    from pipeline.readers import ocr

    pdf = pdfium.PdfDocument(str(path))
    n = len(pdf)
    pdf.close()
    pages = list(range(1, min(n, ocr.max_pages()) + 1))
    t0 = time.monotonic()
    ocr.ocr_pdf_pages(path, pages)
    return (time.monotonic() - t0) / max(len(pages), 1), len(pages)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path, help="born-digital PDFs (page 1 is measured)")
    ap.add_argument("--scan", nargs="*", type=Path, default=[], help="scanned PDFs (timed only)")
    ap.add_argument("--dpi", type=int, default=300)
    args = ap.parse_args()
    if args.pdfs:
        print(f"OCR of rendered born-digital pages ({args.dpi} dpi) against their text layer")
        print(f"  {'file':<12} {'s/page':>7} {'char acc (reading order)':>25} {'char acc (sorted words)':>24}")
    for p in args.pdfs:
        secs, in_order, bag = bench_born_digital(p, args.dpi)
        print(f"  {p.name:<12} {secs:>7.2f} {in_order:>25.4f} {bag:>24.4f}")
    if args.scan:
        print("OCR of scanned PDFs (pages needing OCR, 2 workers)")
    for p in args.scan:
        spp, n = bench_scan(p)
        print(f"  {p.name:<12} {spp:>7.2f} s/page over {n} page(s)")


if __name__ == "__main__":
    main()
