"""Fuzz the readers (`make fuzz`; not part of `make test`): whatever bytes arrive, a reader
returns a ParsedDocument or raises one of congvan's typed errors, and extraction of what
it returns raises nothing but those. Hypothesis mutates the shipped samples (truncations,
flipped bytes, spliced garbage) and feeds random bytes under each extension.

    FUZZ_EXAMPLES=300 .venv/bin/pytest -q tests/fuzz_readers.py
"""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import readers
from pipeline.errors import CongvanError
from pipeline.extract import extract_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "inbox"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _check(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        doc = readers.read(path)
    except CongvanError as exc:
        assert str(exc) and "\n" not in str(exc).strip()        # one line, something said
        return
    try:
        extract_document(doc)
    except CongvanError:
        pass


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    """The seed with a few edits: truncate, flip bytes, splice random bytes in."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "flip", "splice"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "truncate":
            del data[at:]
        elif op == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


def _docx_with(xml: bytes) -> bytes:
    """The sample DOCX with its document.xml replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(SAMPLES / "s000.docx") as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, xml if item.filename == "word/document.xml" else src.read(item.filename))
    return out.getvalue()


@pytest.mark.parametrize("seed", ["s000.pdf", "s000.docx", "s000.txt", "s003.md"])
def test_mutated_samples(tmp_path_factory, seed: str) -> None:
    original = (SAMPLES / seed).read_bytes()

    @FUZZ
    @given(mutated(original))
    def run(data: bytes) -> None:
        _check(tmp_path_factory.mktemp("f"), seed, data)

    run()


def test_mutated_docx_xml(tmp_path_factory) -> None:
    with zipfile.ZipFile(SAMPLES / "s000.docx") as z:
        xml = z.read("word/document.xml")

    @FUZZ
    @given(mutated(xml))
    def run(data: bytes) -> None:
        _check(tmp_path_factory.mktemp("f"), "x.docx", _docx_with(data))

    run()


@pytest.mark.parametrize("suffix,magic", [(".txt", b""), (".md", b""), (".pdf", b"%PDF-1.7\n"),
                                          (".docx", b"PK\x03\x04"), (".doc", bytes.fromhex("d0cf11e0a1b11ae1")),
                                          (".png", b"\x89PNG\r\n\x1a\n")])
def test_random_bytes(tmp_path_factory, suffix: str, magic: bytes) -> None:
    @FUZZ
    @given(st.binary(max_size=4096))
    def run(data: bytes) -> None:
        _check(tmp_path_factory.mktemp("f"), "r" + suffix, magic + data)

    run()
