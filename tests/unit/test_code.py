"""Số và ký hiệu: both numbering grammars, drafts, mixed-case abbreviations."""
from __future__ import annotations

import pytest

from header_docs import dispatch, doc_from_text, extract_upto, value_of

FLAT = (
    "ỦY BAN NHÂN DÂN TỈNH KON TUM ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
    "--------------- Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH CHƯƠNG TRÌNH "
    "HÀNH ĐỘNG\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQuyết định này có hiệu lực./."
)

# fmt: off
CASES = [
    # (snippet, expected code, why)
    (dispatch(so="Số: 245/SKHCN-KHCN"), "245/SKHCN-KHCN", "state công văn: number/issuer-unit"),
    (dispatch(so="Số 458-CV/ĐU"), "458-CV/ĐU", "Party: no colon, number-type/issuer"),
    (dispatch(so="Số: 06/2024/QĐ-UBND"), "06/2024/QĐ-UBND", "normative: number/year/type-issuer"),
    (dispatch(so="Số: 12/QyĐ-UBND"), "12/QyĐ-UBND", "mixed-case abbreviation kept as printed"),
    (dispatch(so="Số: 05/CTr-UBND"), "05/CTr-UBND", "mixed-case CTr"),
    (dispatch(so="Số:      /UBND-NC"), "/UBND-NC", "state draft: blank number keeps the separator"),
    (dispatch(so="Số -CV/ĐU"), "-CV/ĐU", "Party draft: blank number"),
    (dispatch(so="Số - QĐ/ĐU"), "-QĐ/ĐU", "Party draft with a space after the dash"),
    (dispatch(so="Số: …../UBND-VP"), "/UBND-VP", "dots left for a hand-written number"),
    (dispatch(so="Số: 298/TTr- CAT-PC04"), "298/TTr-CAT-PC04", "spaces removed"),
    (dispatch(so="Số:\n299/TTg"), "299/TTg", "Số: alone, the code on the next line"),
    (dispatch(so=""), None, "no Số line at all"),
    (FLAT, "435/QĐ-UBND", "flattened header: the place is not part of the code"),
    (dispatch(so="Số: 64/HD-KT&ĐBCL"), "64/HD-KT&ĐBCL", "& joins a unit's initials (Khảo thí & Đảm bảo chất lượng)"),
    (dispatch(so="Số: 12/TB-P.ĐT&CTSV"), "12/TB-P.ĐT&CTSV", "& after a dotted unit"),
    (dispatch(so="Số 03-KH/ĐU&CĐ"), "03-KH/ĐU&CĐ", "& in a Party ký hiệu"),
    (dispatch(so="Số: 77/UBND-VP & "), "77/UBND-VP", "a lone & after the code is not part of it"),
]
# fmt: on


@pytest.mark.parametrize("text,expected,why", CASES, ids=[c[2] for c in CASES])
def test_code(text: str, expected: str | None, why: str) -> None:
    assert value_of(text, "code") == expected


def test_code_keeps_its_span() -> None:
    doc = doc_from_text(dispatch(so="Số: 245/SKHCN-KHCN"))
    result, _ = extract_upto(doc, "code")
    assert doc.text[result.span.start:result.span.end] == "245/SKHCN-KHCN"
    assert result.span.zone == "header_left"


def test_blank_number_is_less_certain_than_a_full_code() -> None:
    full, _ = extract_upto(doc_from_text(dispatch(so="Số: 245/SKHCN-KHCN")), "code")
    blank, _ = extract_upto(doc_from_text(dispatch(so="Số:      /UBND-NC")), "code")
    assert blank.confidence < full.confidence


def test_ocr_line_confidence_caps_the_code_confidence() -> None:
    """An OCR'd Số line whose handwritten number was dropped says so in the field."""
    from extractors import code as code_mod
    from schemas.document import InputFormat, Line, ParsedDocument, Zone
    from schemas.record import Record

    line = Line(text="Số: /QĐ-TTg", start=0, end=11, column="left", source="ocr", confidence=0.3)
    doc = ParsedDocument(file="x.pdf", doc_id="x", format=InputFormat.PDF, reader="pdf-ocr", text=line.text,
                         lines=[line], zones=[Zone(kind="header_left", lines=[line])])
    result = code_mod.extract(doc, Record(file="x.pdf"))
    assert result.value == "/QĐ-TTg" and result.confidence == 0.3


@pytest.mark.parametrize("code,doc_type,expected", [
    ("40/IB-CTSV", "Thông báo", "40/TB-CTSV"),      # T read as I
    ("352/TR-DHVH", "Thông báo", "352/TB-DHVH"),    # B read as R
    ("171/GN-SYT", "Giấy mời", "171/GM-SYT"),
    ("12-KE/ĐU", "Kế hoạch", "12-KH/ĐU"),           # a Party code
    ("40/TB-CTSV", "Thông báo", "40/TB-CTSV"),      # right as read
    ("40/BC-CTSV", "Thông báo", "40/BC-CTSV"),      # another type's letters: a real abbreviation, kept
    ("40/XYZ-CTSV", "Thông báo", "40/XYZ-CTSV"),    # too far off: kept
    ("245/SKHCN-KHCN", "Công văn", "245/SKHCN-KHCN"),  # a công văn has no type letters
    ("40/IB-CTSV", None, "40/IB-CTSV"),
    ("12/CA-VP", "Công văn", "12/CA-VP"),          # a state công văn: the issuer's letters, not CV
    ("12-CU/ĐU", "Công văn", "12-CV/ĐU"),          # a Party công văn carries CV
])
def test_type_letters_of_a_scan(code: str, doc_type: str | None, expected: str) -> None:
    from extractors.code import type_letters

    assert type_letters(code, doc_type) == expected
