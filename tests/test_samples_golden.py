"""The shipped samples: each seed dispatch and its DOCX and PDF renderings.

- Golden files: `tests/golden/<file>.json` holds the expected record of every
  file in `samples/inbox/`; regenerate with `UPDATE_GOLDEN=1 make regen-golden`
  after checking the difference by eye.
- Every reader gives the same record: the .txt/.md seed, its .docx and its .pdf
  are one dispatch, so the fields an analyst sees must not depend on the format.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.extract import extract_file
from pipeline.readers import EXTENSIONS

ROOT = Path(__file__).resolve().parents[1]
INBOX = ROOT / "samples" / "inbox"
GOLDEN = ROOT / "tests" / "golden"
SAMPLES = sorted(p for p in INBOX.iterdir() if p.suffix.lower() in EXTENSIONS)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
# what the golden files pin: the contract, the quality flags and the signing time
KEYS = ("doc_type", "code", "issuer", "place", "date", "subject", "recipients", "cc", "signer",
        "references", "tasks", "flags", "signed_at")


def _record(path: Path) -> dict:
    rec = extract_file(path).contract()
    out = {k: rec[k] for k in KEYS}
    # spans are offsets into each reader's own text: pinned per file, not across readers
    out["references"] = [{k: r[k] for k in ("doc_type", "code", "title", "date", "issuer", "relation")}
                         for r in rec["references"]]
    out["tasks"] = [{k: t[k] for k in ("assignees", "coordinators", "action", "deadline", "recurrence", "flags")}
                    for t in rec["tasks"]]
    return out


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_matches_golden(path: Path) -> None:
    golden = GOLDEN / f"{path.name}.json"
    got = _record(path)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file for {path.name}: run UPDATE_GOLDEN=1 make regen-golden"
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def _by_seed() -> dict[str, list[Path]]:
    groups: dict[str, list[Path]] = {}
    for p in SAMPLES:
        groups.setdefault(p.stem, []).append(p)
    return {k: v for k, v in groups.items() if len(v) > 1}


@pytest.mark.parametrize("stem", sorted(_by_seed()))
def test_every_reader_gives_the_same_record(stem: str) -> None:
    files = _by_seed()[stem]
    records = {p.suffix: _record(p) for p in files}
    first_suffix, first = next(iter(records.items()))
    for suffix, rec in records.items():
        for key in KEYS:
            if key == "tasks":  # action text may wrap differently; units and deadlines may not
                got = [(t["assignees"], t["coordinators"], t["deadline"]) for t in rec[key]]
                want = [(t["assignees"], t["coordinators"], t["deadline"]) for t in first[key]]
            else:
                got, want = rec[key], first[key]
            assert got == want, f"{stem}{suffix} differs from {stem}{first_suffix} on {key}"


def test_golden_update_flag_is_off_in_ci() -> None:
    assert not (UPDATE and os.environ.get("CI")), "UPDATE_GOLDEN must not be set in CI"
