"""References and tasks of synthetic dispatches (tests/fixtures/synthetic_body).

The bodies were written for the project (never copied from the corpus) to try
assignment, deadline and citation forms the dev corpus does not show; each
`<name>.expected.json` lists what a careful reader takes from `<name>.txt` under
the contract. References are compared by code (or title) and date; tasks by
assignees, coordinators and deadline exactly, their action by similarity.
"""
from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from pipeline.extract import extract_file
from extractors.normalize import canon

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "synthetic_body"
CASES = sorted(FIXTURES.glob("*.expected.json"))


def _source(expected: Path) -> Path:
    stem = expected.name.replace(".expected.json", "")
    return next(p for p in (expected.with_name(stem + ext) for ext in (".txt", ".md")) if p.exists())


def _load(expected: Path) -> tuple[dict, dict]:
    record = extract_file(_source(expected)).contract()
    return json.loads(expected.read_text(encoding="utf-8")), record


def _ref_key(ref: dict) -> tuple[str, str | None]:
    return canon(ref.get("code") or ref.get("title") or "").replace(" ", ""), ref.get("date")


def _units(units: list[str]) -> list[str]:
    return sorted(canon(u) for u in units)


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, canon(a), canon(b)).ratio()


def test_fixtures_present():
    assert len(CASES) >= 10


@pytest.mark.parametrize("expected", CASES, ids=lambda p: p.name.split(".")[0])
def test_references(expected):
    want, record = _load(expected)
    assert [_ref_key(r) for r in record["references"]] == [_ref_key(r) for r in want["references"]]


@pytest.mark.parametrize("expected", CASES, ids=lambda p: p.name.split(".")[0])
def test_tasks(expected):
    want, record = _load(expected)
    got = record["tasks"]
    assert len(got) == len(want["tasks"]), [t["action"][:60] for t in got]
    for g, p in zip(want["tasks"], got):
        assert _similar(p["action"], g["action"]) >= 0.5, (p["action"], g["action"])
        assert _units(p["assignees"]) == _units(g["assignees"]), p["action"][:60]
        assert _units(p["coordinators"]) == _units(g["coordinators"]), p["action"][:60]
        assert p["deadline"] == g["deadline"], p["action"][:60]
