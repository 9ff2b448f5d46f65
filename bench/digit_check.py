"""Digit check: every number and day printed from a scan, with the readings that agreed on it.

Every document of the sets is also read and extracted, so a traceback on any of them shows here.

For each scanned document of the dev and wild sets, the Số line's number and
the date's day go through `pipeline.readers.ocr.digits.settle`; this prints
each slot with what the page read (and whether two passes agreed), what the
hand-digit vote gave (Tesseract's and PP-OCR's readings), and what was
printed. Where gold exists the printed value is compared with it: a printed
value that differs is WRONG, the one error that must never happen.

    python bench/digit_check.py [--shared ../shared] [--set dev|wild|all] [--only w032,w055]

A printed value must carry agreement: two page passes alike and sure, or the
vote (itself an agreement of many readings) -- the line says which.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _gold(path: Path) -> dict | None:
    for g in (path.with_name(path.stem + ".gold.json"), ROOT / "tests" / "gold" / "wild" / f"{path.stem}.gold.json"):
        if g.exists():
            return json.loads(g.read_text(encoding="utf-8"))
    return None


def _gold_slots(gold: dict | None) -> dict[str, str | None]:
    if not gold:
        return {}
    code = gold.get("code") or ""
    num = "".join(c for c in code.split("/")[0].split("-")[0] if c.isdigit()) or None
    day = str(int(gold["date"][8:10])) if gold.get("date") else None
    return {"number": num, "day": day}


def _agreement(a: dict) -> str:
    if a["printed"] is None:
        return "blank"
    if a["vote"] is not None and a["vote"] == a["printed"]:
        return "vote" + (" = page" if a["page"].strip("…") == a["printed"] else "")
    if a["weak"] == a["printed"]:
        return "weak vote = page"
    if (a["page_conf"] or 0) >= 0.9:
        return "page, two passes alike"
    return "NONE"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--set", choices=["dev", "wild", "all"], default="all")
    ap.add_argument("--only", default="", help="comma-separated stems")
    args = ap.parse_args()
    os.environ.setdefault("CONGVAN_OCR_CACHE", str(Path.home() / ".cache" / "congvan" / "ocr"))

    from pipeline.extract import extract_document
    from pipeline.readers import read
    from pipeline.readers.ocr import digits

    shared = Path(args.shared)
    dirs = {"dev": [shared / "corpus" / "dev"], "wild": [shared / "corpus" / "wild"]}
    dirs["all"] = dirs["dev"] + dirs["wild"]
    only = set(filter(None, args.only.split(",")))
    files = sorted(p for d in dirs[args.set] if d.is_dir() for p in d.iterdir()
                   if p.suffix.lower() in (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".doc", ".docx", ".txt", ".md")
                   and (not only or p.stem in only))
    if not files:
        print(f"skipped: no scans under {args.shared}")
        return 0
    tally: Counter[str] = Counter()
    for path in files:
        digits.AUDIT = []
        try:
            doc = read(path)
        except Exception as exc:  # noqa: BLE001 - a report line, not a traceback
            print(f"{path.name}: not read ({type(exc).__name__}: {exc})")
            continue
        try:
            # every document also goes through extraction: no traceback on any of them
            extract_document(doc)
        except Exception as exc:  # noqa: BLE001
            print(f"{path.name}: extraction failed ({type(exc).__name__}: {exc})")
            tally["extraction failed"] += 1
        tally["documents"] += 1
        if "ocr" not in doc.reader:
            continue
        gold = _gold_slots(_gold(path))
        seen = set()
        for a in sorted(digits.AUDIT, key=lambda a: a["page_no"] or 0):
            if (a["page_no"] or 1) != 1:
                continue  # a later page's header is an attachment's, with its own number
            if a["slot"] in seen:
                continue  # the first page's header holds the document's own number and day
            seen.add(a["slot"])
            how = _agreement(a)
            g = gold.get(a["slot"])
            same = a["printed"] is not None and g is not None and int(a["printed"]) == int(g)
            verdict = "" if not gold else ("ok" if same or a["printed"] == g else
                                           ("blank (gold " + str(g) + ")" if a["printed"] is None else f"WRONG (gold {g})"))
            if a["printed"] is not None:
                tally["printed"] += 1
                tally["without agreement"] += how == "NONE"
                tally["wrong"] += verdict.startswith("WRONG")
            else:
                tally["blank"] += 1
            tess = Counter(v for v in a["tesseract"] if v).most_common(2)
            rec = Counter(v for v in a["pp_ocr"] if v).most_common(2)
            print(f"{path.name:12} {a['slot']:6} page={a['page']!r:10} conf={a['page_conf'] if a['page_conf'] is None else round(a['page_conf'], 2)!s:5} "
                  f"vote={a['vote']!s:6} tess={tess} pp={rec} -> printed={a['printed']!s:6} [{how}] {verdict}")
    digits.AUDIT = None
    print(f"\ndocuments read and extracted {tally['documents']} (extraction failed {tally['extraction failed']}); "
          f"slots printed {tally['printed']}, blank {tally['blank']}, printed without agreement "
          f"{tally['without agreement']}, wrong {tally['wrong']}")
    return 1 if tally["wrong"] or tally["without agreement"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
