"""Nơi nhận items: drafter marks kept, wrapped and parenthesised lines joined."""
from __future__ import annotations

import pytest

from header_docs import dispatch, value_of

# fmt: off
CASES = [
    # (Nơi nhận block, expected, why)
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT, HCQT.", ["Như trên", "Lưu: VT, HCQT"], "standard"),
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT, QHĐP (2)Q.Cường.", ["Như trên", "Lưu: VT, QHĐP (2)Q.Cường"],
     "drafter mark kept"),
    ("Nơi nhận:\n- Như trên,\n- Đồng chí Lương Đức Hải - UVTV, Trưởng\nBan Nội chính Tỉnh uỷ (phụ trách địa bàn),\n- Lưu VPĐU.",
     ["Như trên", "Đồng chí Lương Đức Hải - UVTV, Trưởng Ban Nội chính Tỉnh uỷ (phụ trách địa bàn)", "Lưu VPĐU"],
     "wrapped item; a dash inside an item is not a bullet"),
    ("Nơi nhận:\n- Cơ quan Báo&PT, TH Thành phố;\n(để đưa tin)\n- Lưu: VT, KGVX.",
     ["Cơ quan Báo&PT, TH Thành phố (để đưa tin)", "Lưu: VT, KGVX"], "a parenthesised line belongs to its item"),
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT, VPĐUCP (2).\n(Đã ký)", ["Như trên", "Lưu: VT, VPĐUCP (2)"],
     "signing note is not an item"),
    ("", [], "no Nơi nhận"),
    # the Lưu item closes the list: an annex's first line after it is no part of it
    ("Nơi nhận:\n- Như trên;\n- Lưu VT và ĐPV\nPHỤ LỤC DANH SÁCH ĐƠN VỊ THỤ HƯỞNG TRANG THIẾT BỊ Y TẾ",
     ["Như trên", "Lưu VT và ĐPV"], "an annex heading after Lưu"),
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT\n(Kèm theo công văn số 02/SYT-GAVI ngày 06/3/2018 của Sở Y tế)",
     ["Như trên", "Lưu: VT"], "an annex's note after Lưu"),
    # a scan's marks: a speck read as a character, a stray dash after an item
    ("Nơi nhận: `\n- Như Điều 3;\n- TCCB; -\n- Lưu: VT.", ["Như Điều 3", "TCCB", "Lưu: VT"], "specks are no items"),
    ("Nơi nhận:\n- Như trên;\n|\n- Sở Y tế; –\n- Lưu VT.", ["Như trên", "Sở Y tế", "Lưu VT"], "a bar and an en dash"),
    ("Nơi nhận:\n- Như trên;\n~ TT. Tin học-Công báo;\n— Phòng VHXH;\n- Lưu: VT.",
     ["Như trên", "TT. Tin học-Công báo", "Phòng VHXH", "Lưu: VT"], "a dash read as ~ or an em dash"),
    ("Nơi nhận: - UBND tỉnh (b/c); - Các phòng, đơn vị thuộc Sở; - Lưu: VT, VP.",
     ["UBND tỉnh (b/c)", "Các phòng, đơn vị thuộc Sở", "Lưu: VT, VP"], "items flattened onto one line"),
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT, GDTrH (3b). Hùng.", ["Như trên", "Lưu: VT, GDTrH (3b). Hùng"],
     "drafter's name after the copy count kept"),
    # one drafter's mark may follow the Lưu item, not a run of short scribbles under it
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT, cvquoc “HT”.\nCƯ kẽ\nLiệu, TẾ tên\n4 034 0,\ntửa bao (S4,",
     ["Như trên", "Lưu: VT, cvquoc “HT”", "CƯ kẽ"], "short OCR junk lines after the mark"),
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT, NVY\nHùng (2b)\nTrang 2", ["Như trên", "Lưu: VT, NVY Hùng (2b)"],
     "a page footer after the drafter's mark"),
]
# fmt: on


@pytest.mark.parametrize("block,expected,why", CASES, ids=[c[2] for c in CASES])
def test_cc(block: str, expected: list[str], why: str) -> None:
    assert value_of(dispatch(nn=block), "cc") == expected


@pytest.mark.parametrize("top,expected", [(760, False), (1317, True)])
def test_a_line_far_below_the_list_is_no_drafters_mark(top, expected) -> None:
    from extractors.cc import _far_below
    from schemas.document import Line

    items = [Line(text=t, top=y) for t, y in (("Nơi nhận:", 548), ("- Như trên;", 600), ("- TT.Tỉnh ủy;", 654),
                                                ("- Lưu: VT, cvquoc.", 706))]
    assert _far_below(Line(text="CƯ kẽ", top=top), [(x, 0, "cc") for x in items]) is expected
