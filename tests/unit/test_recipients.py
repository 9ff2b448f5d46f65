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
    # several items printed on one line: a paragraph of bullets, DOCX cells joined by " | "
    ("Kính gửi: - Sở Y tế; - Sở Tài chính; - UBND các xã, phường.", ["Sở Y tế", "Sở Tài chính", "UBND các xã, phường"],
     "bullets run together on one line"),
    ("Kính gửi: | - Trường THPT Nguyễn Trãi; | - Trường THCS Lê Lợi.", ["Trường THPT Nguyễn Trãi", "Trường THCS Lê Lợi"],
     "table cells joined by a pipe"),
    ("Kính gửi:\n- Phòng Đào tạo;- Các khoa;\n- Phòng Công tác sinh viên.", ["Phòng Đào tạo", "Các khoa", "Phòng Công tác sinh viên"],
     "a bullet right after a semicolon"),
    # the body's first sentence run onto the Kính gửi line
    ("Kính gửi: Sở Y tế tỉnh Kiên Giang Phúc đáp Công văn số 12/SYT-NVY ngày 05/01/2018 của Sở Y tế.",
     ["Sở Y tế tỉnh Kiên Giang"], "Phúc đáp run on"),
    ("Kính gửi: Các trạm y tế xã, phường Thực hiện Kế hoạch số 45/KH-SYT của Sở Y tế, đề nghị các trạm báo cáo.",
     ["Các trạm y tế xã, phường"], "Thực hiện run on"),
    ("Kính gửi: Ban Chỉ đạo thực hiện Nghị quyết 57", ["Ban Chỉ đạo thực hiện Nghị quyết 57"],
     "lower-case 'thực hiện' inside a name stays"),
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


@pytest.mark.parametrize("address", [
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG điện:", "THỦ TƯỚNG CHÍNH PHỦ điện:", "BỘ TRƯỞNG BỘ Y TẾ ĐIỆN:"])
def test_cong_dien_address_list(address: str) -> None:
    """A công điện's list under its address line is its Kính gửi."""
    text = dispatch(vv="", kg="", so="Số: 05/CĐ-UBND",
                    body=f"CÔNG ĐIỆN\nVề việc chủ động ứng phó với bão\n{address}\n"
                         "- Thủ trưởng các sở, ban, ngành cấp tỉnh;\n- Chủ tịch UBND các huyện, thị xã,\nthành phố.\n"
                         "Theo dự báo của Trung tâm Dự báo Khí tượng Thủy văn, bão đang di chuyển./.")
    assert value_of(text, "recipients") == ["Thủ trưởng các sở, ban, ngành cấp tỉnh", "Chủ tịch UBND các huyện, thị xã, thành phố"]
