"""Normalisation steps and the offset map back to the source."""
from __future__ import annotations

import unicodedata

import pytest

from extractors.normalize import canon, fold, normalize

# fmt: off
CASES = [
    # (raw, expected normalised text, why)
    ("Ðảng ủy", "Đảng ủy", "Icelandic eth typed for Đ"),
    (unicodedata.normalize("NFD", "Tỉnh uỷ"), "Tỉnh uỷ", "NFD from PDFs/macOS composes to NFC"),
    ("Số:\u00a0\u00a0245/SKHCN\u2013KHCN", "Số: 245/SKHCN-KHCN", "no-break spaces and en dash"),
    ("\ufeffUBND  TỈNH\r\n  VĂN PHÒNG ", "UBND TỈNH\nVĂN PHÒNG", "BOM, CRLF, runs of spaces"),
    ("Độc lập \u2014 Tự do", "Độc lập - Tự do", "em dash"),
    ("a\u200bb", "ab", "zero-width space dropped"),
]
# fmt: on


@pytest.mark.parametrize("raw,expected,why", CASES, ids=[c[2] for c in CASES])
def test_normalize(raw: str, expected: str, why: str) -> None:
    assert normalize(raw).text == expected


@pytest.mark.parametrize("raw", [c[0] for c in CASES])
def test_offset_map_points_into_the_source(raw: str) -> None:
    norm = normalize(raw)
    assert len(norm.origin) == len(norm.text)
    assert norm.origin == sorted(norm.origin)
    for ch, o in zip(norm.text, norm.origin):
        src = unicodedata.normalize("NFC", raw[o]).replace("Ð", "Đ")
        # a composed character maps to the base letter of its source cluster
        assert unicodedata.normalize("NFD", ch)[0] == unicodedata.normalize("NFD", src)[0] or ch in " -"


def test_value_span_traces_back_to_source() -> None:
    raw = "Số:\u00a0\u00a0 245/SKHCN-KHCN ngày 19/01/2026"
    norm = normalize(raw)
    start = norm.text.index("245")
    assert raw[norm.source_offset(start):].startswith("245")


# fmt: off
CANON = [
    ("Tỉnh uỷ", "TỈNH ỦY", True),     # tone placement and case do not matter
    ("Hoà Bình", "hòa  bình", True),   # nor spacing
    ("Sở Nội vụ", "Sở Nội Vụ", True),
    ("Đảng ủy", "Dang uy", False),     # diacritics themselves do
]
# fmt: on


@pytest.mark.parametrize("a,b,same", CANON)
def test_canon(a: str, b: str, same: bool) -> None:
    assert (canon(a) == canon(b)) is same


def test_fold_drops_diacritics_and_dj() -> None:
    assert fold("Đảng ủy XÃ Bình Lư") == "dang uy xa binh lu"


# fmt: off
GLUED = [
    ("Ban Thường vụĐảng uỷtriển khai", "Ban Thường vụ Đảng uỷ triển khai"),  # case join, two syllables
    ("Chỉ thị số55-CT/TU",             "Chỉ thị số 55-CT/TU"),                # syllable glued to a number
    ("UBND xã, VNeID online",          "UBND xã, VNeID online"),              # codes and foreign words kept
]
# fmt: on


@pytest.mark.parametrize("raw,expected", GLUED)
def test_glued_syllables_are_split_keeping_offsets(raw: str, expected: str) -> None:
    norm = normalize(raw)
    assert norm.text == expected
    for ch, o in zip(norm.text, norm.origin):
        assert ch == " " or raw[o] == ch


def test_tcvn3_document_is_converted(tmp_path) -> None:
    """A .VnTime text export read as Latin-1 comes out as Unicode Vietnamese."""
    from pipeline.readers import read

    lines = ["UBND tØnh Lai Ch©u", "Sè: 12/UBND-VP", "V/v b¸o c¸o kÕt qu¶ thùc hiÖn", "Lai Ch©u, ngµy 05 th¸ng 3 n¨m 2024"]
    path = tmp_path / "old.txt"
    path.write_bytes("\n".join(lines).encode("latin-1"))
    doc = read(path)
    assert "Lai Châu, ngày 05 tháng 3 năm 2024" in doc.text
    assert "V/v báo cáo kết quả thực hiện" in doc.text
    assert any("TCVN3" in w for w in doc.warnings)


@pytest.mark.parametrize("text", ["Copyright © 2020 Café", "Ủy ban nhân dân tỉnh", "Số: 12/UBND-VP"])
def test_unicode_text_is_not_taken_for_tcvn3(text: str) -> None:
    from extractors.legacy import looks_tcvn3

    assert not looks_tcvn3(text)
