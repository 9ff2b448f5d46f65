"""Kính gửi items: bullets and trailing punctuation dropped, wrapped items joined."""
from __future__ import annotations

import pytest

from header_docs import dispatch, doc_from_text, extract_upto, value_of

# fmt: off
CASES = [
    # (Kính gửi block, expected, why)
    ("Kính gửi: Các phòng, ban, trung tâm.", ["Các phòng, ban, trung tâm"], "one recipient on the line"),
    ("Kính gửi:\n- Sở Nội vụ;\n- Sở Tài chính;\n- UBND các xã, phường.", ["Sở Nội vụ", "Sở Tài chính", "UBND các xã, phường"],
     "one bullet per line"),
    ("Kính gửi:\n- Ủy ban nhân dân các tỉnh, thành phố trực\nthuộc Trung ương;\n- Bộ Công an.",
     ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "Bộ Công an"], "wrapped item joined"),
    ("Kính gửi: - UBND xã,\n- Công an xã.\n- các cơ quan, đơn vị.", ["UBND xã", "Công an xã", "các cơ quan, đơn vị"],
     "first item on the Kính gửi line; an item after the 'last' one"),
    ("Kính gửi:\n-Trưởng Ban quản lý các thôn,\n- Cán bộ, đảng viên.", ["Trưởng Ban quản lý các thôn", "Cán bộ, đảng viên"],
     "bullet without a space"),
    ("Kính gửi: Sở Nội vụ\nBộ Nội vụ nhận được văn bản của Sở Nội vụ đề nghị hướng dẫn việc thực hiện chế độ.",
     ["Sở Nội vụ"], "one recipient without a period, then a body line that is no landmark"),
    ("", [], "no Kính gửi"),
]
# fmt: on


@pytest.mark.parametrize("block,expected,why", CASES, ids=[c[2] for c in CASES])
def test_recipients(block: str, expected: list[str], why: str) -> None:
    assert value_of(dispatch(kg=block), "recipients") == expected


def test_recipient_item_spans() -> None:
    doc = doc_from_text(dispatch(kg="Kính gửi:\n- Sở Nội vụ;\n- Sở Tài chính."))
    result, _ = extract_upto(doc, "recipients")
    assert [doc.text[s.start:s.end] for s in result.item_spans] == ["Sở Nội vụ;", "Sở Tài chính."]
