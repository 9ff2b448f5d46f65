"""Score congvan on the wild gold (tests/gold/wild), tuned and held-back parts apart.

The gold lives in the project (records only); the documents stay in
$SHARED/corpus/wild. For each part a temporary folder joins the two by
symlinks, and the shared scorer runs on it:

    python bench/eval_wild.py [--shared ../shared] [--part tuned|held_back|held_back_2|all] [--show 3]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "wild"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    # a part is a key of selection.json ("tuned", "held_back", "held_back_2" ...), or "all" (tuned + held_back)
    ap.add_argument("--part", default="tuned")
    ap.add_argument("--show", default="3")
    ap.add_argument("--ocr-cache", default=os.environ.get("CONGVAN_OCR_CACHE", str(Path.home() / ".cache" / "congvan" / "ocr")),
                    help="folder for Tesseract's page answers (same image, same answer); '' for none")
    ap.add_argument("--cmd", default=f"{Path(sys.executable).parent / 'congvan'} extract --json")
    args, extra = ap.parse_known_args()
    shared = Path(args.shared)
    scorer, docs = shared / "eval" / "score.py", shared / "corpus" / "wild"
    if not scorer.exists() or not docs.is_dir():
        print(f"skipped: {scorer} or {docs} not found")
        return 0
    sel = json.loads((GOLD / "selection.json").read_text(encoding="utf-8"))
    parts = [k for k, v in sel.items() if isinstance(v, list)]
    if args.part != "all" and args.part not in parts:
        print(f"no part {args.part!r} in selection.json (parts: {', '.join(parts)}, all)")
        return 2
    ids = sel["tuned"] + sel["held_back"] if args.part == "all" else sel[args.part]
    with tempfile.TemporaryDirectory(prefix="congvan-wild-") as tmp:
        n = 0
        for i in ids:
            gold = GOLD / f"{i}.gold.json"
            if not gold.exists():
                continue
            name = json.loads(gold.read_text(encoding="utf-8"))["file"]
            (Path(tmp) / gold.name).symlink_to(gold)
            (Path(tmp) / name).symlink_to(docs / name)
            n += 1
        print(f"== wild {args.part}: {n} of {len(ids)} documents have gold")
        env = dict(os.environ, CONGVAN_OCR_CACHE=args.ocr_cache)
        return subprocess.call([sys.executable, str(scorer), "--gold", tmp, "--cmd", args.cmd, "--show", args.show, *extra],
                               env=env)


if __name__ == "__main__":
    raise SystemExit(main())
