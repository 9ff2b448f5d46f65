"""Header and footer fields of hand-written dispatches the rules never saw.

Each `tests/fixtures/synthetic/<name>.txt|md` is a dispatch written for these
tests (own wording, varied the way offices vary: Party and state, huyện-era
issuers, nested and acting authorities, ranks, drafts with blank numbers,
secrecy and urgency marks, wrapped place names ...); `<name>.expected.json`
holds the record a careful person would write by the contract's rules. The
text form is read as is; the dispatches laid out one line per printed line
are also built as DOCX with python-docx (two header-table templates, see
tests/synthetic_docx.py) and must give the same fields.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract import extract_file
from synthetic_docx import build, layable

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "synthetic"
EXPECTED = sorted(FIXTURES.glob("*.expected.json"))
KEYS = ("doc_type", "code", "issuer", "place", "date", "subject", "recipients", "cc", "signer")


def _source(expected: Path) -> Path:
    stem = expected.name[: -len(".expected.json")]
    return next(p for p in (FIXTURES / f"{stem}.txt", FIXTURES / f"{stem}.md") if p.exists())


def _issuer_joined(rec: dict, joined: bool) -> dict:
    # the contract scores the bodies joined: where a flattened one-line header
    # splits them does not count (a header printed line by line must split right)
    return {**rec, "issuer": " ".join(rec["issuer"])} if joined else rec


def _fields(path: Path, joined: bool = False) -> dict:
    rec = extract_file(path).contract()
    return _issuer_joined({k: rec[k] for k in KEYS}, joined)


def _want(expected: Path, joined: bool = False) -> dict:
    data = json.loads(expected.read_text(encoding="utf-8"))
    return _issuer_joined({k: data[k] for k in KEYS}, joined)


def test_fixtures_present() -> None:
    assert len(EXPECTED) >= 10, "the synthetic fixtures are missing"


@pytest.mark.parametrize("expected", EXPECTED, ids=[p.name.split(".")[0] for p in EXPECTED])
def test_text_form(expected: Path) -> None:
    flat = not layable(_source(expected))
    assert _fields(_source(expected), flat) == _want(expected, flat)


LAID_OUT = [p for p in EXPECTED if layable(_source(p))]


@pytest.mark.parametrize("variant", ["a", "b"])
@pytest.mark.parametrize("expected", LAID_OUT, ids=[p.name.split(".")[0] for p in LAID_OUT])
def test_docx_form(expected: Path, variant: str, tmp_path: Path) -> None:
    docx = build(_source(expected), tmp_path / f"{expected.name.split('.')[0]}.{variant}.docx", variant)
    assert _fields(docx) == _want(expected)
