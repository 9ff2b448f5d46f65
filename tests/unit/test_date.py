"""Place and date of the date line; blank day or month gives a null date."""
from __future__ import annotations

import pytest

from header_docs import dispatch, doc_from_columns, doc_from_text, extract_upto, value_of
from test_code import FLAT

RIGHT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"

# fmt: off
CASES = [
    # (date line, place, date, why)
    ("Lai Châu, ngày 25 tháng 02 năm 2026", "Lai Châu", "2026-02-25", "standard"),
    ("Hà Nội, ngày 5 tháng 1 năm 2020", "Hà Nội", "2020-01-05", "no leading zeros"),
    ("TP. Hồ Chí Minh, ngày 12 tháng 10 năm 2024", "TP. Hồ Chí Minh", "2024-10-12", "abbreviated city"),
    ("Lai Châu, ngày      tháng     năm 2026", "Lai Châu", None, "draft: blank day and month"),
    ("Công Hải, ngày tháng 01 năm 2026", "Công Hải", None, "blank day only"),
    ("Bình Lư, ngày ... tháng ... năm ...", "Bình Lư", None, "dotted blanks"),
    ("Hà Nội, 25/02/2026", "Hà Nội", "2026-02-25", "numeric date"),
    ("Thành phố Hồ Chí Minh, ngày 12 tháng 3 năm 2026", "Thành phố Hồ Chí Minh", "2026-03-12",
     "a lower-case unit word inside the place"),
    ("Hà Nội, ngày 31 tháng 02 năm 2026", "Hà Nội", None, "impossible date is not invented"),
    ("Phan Rang - Tháp Chàm, ngày 05 tháng 02 năm 2024", "Phan Rang - Tháp Chàm", "2024-02-05",
     "a hyphen joins one place name"),
    ("Buôn Ma Thuột, ngày 14 tháng 3 năm\n2024", "Buôn Ma Thuột", "2024-03-14", "the year wrapped in a narrow cell"),
    ("TP. Hồ Chí Minh, ngày 22\ntháng 9 năm 2025", "TP. Hồ Chí Minh", "2025-09-22", "the date wrapped after the day"),
    ("Thành phố Huế, ngày 19 tháng 8 năm 2025", "Thành phố Huế", "2025-08-19", "Thành phố and a one-word name"),
    # OCR garbled the date past "ngày": a place the gazetteer knows is kept, the date is not guessed
    ("Kiên Giang ngày2 2017", "Kiên Giang", None, "garbled: no tháng, no năm"),
    ("Kiên Giang, ngày} 11 năm 2017", "Kiên Giang", None, "garbled: a mark for the day"),
    ("Cần Thơ, ngày,, tháng I1 năm", "Cần Thơ", None, "garbled: the month misread"),
    ("Xin trân trọng, ngày} 11 năm 2017", None, None, "garbled, and no place before it"),
]
# fmt: on


@pytest.mark.parametrize("line,place,date,why", CASES, ids=[c[3] for c in CASES])
def test_place_and_date(line: str, place: str, date: str | None, why: str) -> None:
    text = dispatch(right=RIGHT + line)
    assert value_of(text, "place") == place
    assert value_of(text, "date") == date


def test_flattened_header() -> None:
    assert value_of(FLAT, "place") == "Kon Tum"
    assert value_of(FLAT, "date") == "2020-05-04"


def test_wrapped_date_from_columns() -> None:
    doc = doc_from_columns([
        ("left", "UBND TỈNH NINH THUẬN"), ("left", "Số: 06/2024/QĐ-UBND"),
        ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("right", "Phan Rang - Tháp Chàm, ngày 05"),
        ("right", "tháng 02 năm 2024"), ("full", "QUYẾT ĐỊNH"), ("full", "Về việc giao chỉ tiêu"),
        ("full", "Căn cứ Luật Tổ chức chính quyền địa phương;"),
    ])
    result, record = extract_upto(doc, "date")
    assert (record.place, result.value) == ("Phan Rang - Tháp Chàm", "2024-02-05")


def test_partial_date_is_kept_in_raw_with_low_confidence() -> None:
    doc = doc_from_text(dispatch(right=RIGHT + "Công Hải, ngày tháng 01 năm 2026"))
    result, record = extract_upto(doc, "date")
    assert result.value is None
    assert result.raw == record.date_partial == "2026-01-??"
    assert result.confidence < 0.5
    assert result.span is not None


def test_date_in_body_is_not_the_issue_date() -> None:
    text = dispatch(right=RIGHT.strip(), body="Ngày 28 tháng 10 năm 2025, Sở Nội vụ có văn bản gửi./.")
    assert value_of(text, "date") is None
