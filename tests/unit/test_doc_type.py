"""Tên loại: type heading first, then V/v, then the code's type abbreviation."""
from __future__ import annotations

import pytest

from header_docs import dispatch, value_of

PLAN = dict(vv="", kg="", so="Số: 173/KH-UBND")

# fmt: off
CASES = [
    # (snippet, expected, why)
    (dispatch(), "Công văn", "a V/v line and no heading"),
    (dispatch(**PLAN, body="KẾ HOẠCH\nTổ chức lễ hội năm 2026\nThực hiện chỉ đạo của Thành ủy./."), "Kế hoạch",
     "type heading in capitals"),
    (dispatch(vv="", kg="", so="Số -BC/ĐU", body="BÁO CÁO NHANH\nCông tác chuẩn bị Tết\n-----\nTiếp nhận văn bản./."),
     "Báo cáo", "heading with a qualifier"),
    (dispatch(vv="", so="Số 315-CV/ĐU", body="Thực hiện chỉ đạo, đề nghị triển khai./."), "Công văn",
     "Party code with -CV/ and no heading"),
    (dispatch(vv="", kg="", so="Số: 12/QyĐ-UBND"), "Quy định", "state abbreviation QyĐ"),
    (dispatch(vv="", kg="", so="Số: 101/TTr-SNV"), "Tờ trình", "TTr is Tờ trình before Thông tri"),
    (dispatch(vv="", kg="", so="Số: 245/SKHCN-KHCN"), "Công văn", "state code without a type abbreviation"),
    (dispatch(vv="", kg="", so="Số: 06/2024/QĐ-UBND"), "Quyết định", "normative code with a year"),
    (dispatch(vv="", kg="", so=""), None, "nothing to go on"),
]
# fmt: on


@pytest.mark.parametrize("text,expected,why", CASES, ids=[c[2] for c in CASES])
def test_doc_type(text: str, expected: str | None, why: str) -> None:
    assert value_of(text, "doc_type") == expected
