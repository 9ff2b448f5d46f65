"""Cơ quan ban hành: bodies parent first, wrapped names joined, rules dropped."""
from __future__ import annotations

import pytest

from header_docs import dispatch, doc_from_columns, doc_from_text, extract_upto, value_of
from test_code import FLAT

# fmt: off
CASES = [
    # (snippet, expected, why)
    (dispatch(issuer="UBND TỈNH LAI CHÂU\nVĂN PHÒNG\n-------"), ["UBND TỈNH LAI CHÂU", "VĂN PHÒNG"],
     "parent and body, rule dropped"),
    (dispatch(issuer="ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG"), ["ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"],
     "a level word continues the body above"),
    (dispatch(issuer="ĐẢNG BỘ TỈNH LAI CHÂU\nĐẢNG ỦY XÃ BÌNH LƯ\n*", so="Số 458-CV/ĐU"),
     ["ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY XÃ BÌNH LƯ"], "Party header with its star"),
    (dispatch(issuer="BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHCN, ĐMST, CĐS\nVÀ ĐỀ ÁN 06\nTỔ GIÚP VIỆC"),
     ["BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHCN, ĐMST, CĐS VÀ ĐỀ ÁN 06", "TỔ GIÚP VIỆC"], "a line opening with VÀ wraps"),
    (FLAT, ["ỦY BAN NHÂN DÂN TỈNH KON TUM"], "flattened header"),
    (dispatch(issuer="BỘ NỘI VỤ", so=""), ["BỘ NỘI VỤ"], "no Số line: the capitals at the top"),
    (dispatch(issuer="ĐẢNG BỘ TỈNH ĐỒNG THÁP\nĐẢNG ỦY PHƯỜNG MỸ\nTHO\n*", so="Số 27-TB/ĐU"),
     ["ĐẢNG BỘ TỈNH ĐỒNG THÁP", "ĐẢNG ỦY PHƯỜNG MỸ THO"], "a place name wrapped in a narrow cell"),
    (dispatch(issuer="UBND TỈNH LAI CHÂU\nSỞ NỘI VỤ"), ["UBND TỈNH LAI CHÂU", "SỞ NỘI VỤ"],
     "a short body under a place is its own body"),
    (dispatch(issuer="HỘI ĐỒNG NHÂN DÂN\nTỈNH ĐẮK NÔNG\nTHƯỜNG TRỰC"), ["HỘI ĐỒNG NHÂN DÂN TỈNH ĐẮK NÔNG", "THƯỜNG TRỰC"],
     "THƯỜNG TRỰC under a place is a body, not the end of the name"),
    # what a misread Số line leaves in the cell (OCR), three ways
    (dispatch(issuer="UBND TỈNH KIÊN GIANG\nSỞ Y TẾ\n/QĐ-SYT", so=""), ["UBND TỈNH KIÊN GIANG", "SỞ Y TẾ"],
     "a ký hiệu fragment is no body"),
    (dispatch(issuer="UBND TỈNH KIÊN GIANG\nSỞ Y TẾ\nSYT- NVY", so=""), ["UBND TỈNH KIÊN GIANG", "SỞ Y TẾ"],
     "initials joined by a dash are no body"),
    (dispatch(issuer="ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG Sá:#4B/GM-UBND", so=""), ["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"],
     "a Số token run onto the body's line is cut off"),
    (dispatch(issuer="_a UBND TỈNH AN GIANG\nSỞ TÀI CHÍNH"), ["UBND TỈNH AN GIANG", "SỞ TÀI CHÍNH"],
     "a speck before the first word"),
    (dispatch(issuer="ĐẠI HỌC ĐÀ NẴNG\nTRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN\nVÀ TRUYỀN THÔNG VIỆT - HÀN"),
     ["ĐẠI HỌC ĐÀ NẴNG", "TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN VÀ TRUYỀN THÔNG VIỆT - HÀN"],
     "a dash inside a name stays"),
    # the joining word with its vowel misread by OCR still joins the wrapped name
    (dispatch(issuer="ĐẠI HỌC ĐÀ NẴNG\nTRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN\nVẢ TRUYỀN THÔNG VIỆT - HÀN"),
     ["ĐẠI HỌC ĐÀ NẴNG", "TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN VẢ TRUYỀN THÔNG VIỆT - HÀN"], "OCR: VẢ for VÀ"),
    (dispatch(issuer="BỘ KHOA HỌC\nVA CÔNG NGHỆ"), ["BỘ KHOA HỌC VA CÔNG NGHỆ"], "OCR: VA for VÀ"),
    (dispatch(issuer="UBND TỈNH LAI CHÂU\nVĂN PHÒNG"), ["UBND TỈNH LAI CHÂU", "VĂN PHÒNG"], "VĂN is no VÀ"),
]
# fmt: on


@pytest.mark.parametrize("text,expected,why", CASES, ids=[c[2] for c in CASES])
def test_issuer(text: str, expected: list[str], why: str) -> None:
    assert value_of(text, "issuer") == expected


def test_issuer_from_columns_ignores_the_right_column() -> None:
    doc = doc_from_columns([
        ("left", "ỦY BAN NHÂN DÂN"), ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("left", "THÀNH PHỐ HÀ NỘI"), ("right", "Độc lập - Tự do - Hạnh phúc"),
        ("left", "Số: 453/TB-UBND"), ("right", "Hà Nội, ngày 29 tháng 4 năm 2026"),
        ("full", "THÔNG BÁO"), ("full", "Về việc treo cờ Tổ quốc"),
        ("full", "Nhân dịp Đại hội, Ủy ban nhân dân Thành phố thông báo./."),
    ])
    result, _ = extract_upto(doc, "issuer")
    assert result.value == ["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"]
    assert len(result.item_spans) == 1


def test_issuer_spans_point_at_the_bodies() -> None:
    doc = doc_from_text(dispatch())
    result, _ = extract_upto(doc, "issuer")
    assert [doc.text[s.start:s.end] for s in result.item_spans] == ["UBND TỈNH LAI CHÂU", "VĂN PHÒNG"]


def test_an_ocr_name_wrapped_over_two_lines_is_repaired_whole():
    from extractors.issuer import _bodies
    from schemas.document import Line
    lines = [("header_left", Line(text="TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN", page=1, start=0, end=34, source="ocr")),
             ("header_left", Line(text="VÀ TRUYỀN THÒNG VIỆT - HÀN", page=1, start=35, end=61, source="ocr"))]
    assert [t for t, _ in _bodies(lines)] == ["TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN VÀ TRUYỀN THÔNG VIỆT - HÀN"]
    # a text layer is printed as it is: no repair
    text = [(z, line.model_copy(update={"source": "pdf"})) for z, line in lines]
    assert [t for t, _ in _bodies(text)] == ["TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN VÀ TRUYỀN THÒNG VIỆT - HÀN"]
