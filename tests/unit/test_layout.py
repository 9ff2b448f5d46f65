"""Zoning: flattened lines cut at landmarks; zones by landmark and by column."""
from __future__ import annotations

import pytest

from header_docs import dispatch, doc_from_columns, doc_from_text
from extractors.layout import split_landmarks
from test_code import FLAT

# fmt: off
SPLITS = [
    # (flattened line, pieces, why)
    (FLAT.split("\n")[0],
     ["ỦY BAN NHÂN DÂN TỈNH KON TUM", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
      "---------------", "Số: 435/QĐ-UBND", "Kon Tum, ngày 04 tháng 5 năm 2020", "QUYẾT ĐỊNH",
      # a type name inside the capitals trích yếu is cut too; the subject joins the pieces back
      "V/V BAN HÀNH", "CHƯƠNG TRÌNH HÀNH ĐỘNG"], "state header on one line"),
    ("299/TTg Hà Nội, ngày 10 tháng 11 năm 1980 CHỈ THỊ VỀ CÔNG TÁC ĐO ĐẠC TRONG CẢ NƯỚC Ngày 24 tháng 6 năm 1977 Hội đồng",
     ["299/TTg", "Hà Nội, ngày 10 tháng 11 năm 1980", "CHỈ THỊ", "VỀ CÔNG TÁC ĐO ĐẠC TRONG CẢ NƯỚC",
      "Ngày 24 tháng 6 năm 1977 Hội đồng"], "heading, capitals trích yếu, then the first sentence"),
    ("ĐẢNG BỘ TỈNH LAI CHÂU ĐẢNG CỘNG SẢN VIỆT NAM", ["ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG CỘNG SẢN VIỆT NAM"],
     "Party title cut off the issuer"),
    ("Số: 06/2024/QĐ-UBND Phan Rang - Tháp Chàm, ngày 05 tháng 02 năm 2024",
     ["Số: 06/2024/QĐ-UBND", "Phan Rang - Tháp Chàm, ngày 05 tháng 02 năm 2024"], "a hyphenated place kept whole"),
]
# fmt: on


@pytest.mark.parametrize("line,pieces,why", SPLITS, ids=[c[2] for c in SPLITS])
def test_split_landmarks(line: str, pieces: list[str], why: str) -> None:
    got = split_landmarks(line)
    assert [p for _, p in got] == pieces
    assert all(line[off:off + len(p)] == p for off, p in got)


def kinds(doc) -> list[tuple[str, str]]:
    return [(z.kind, line.text) for z in doc.zones for line in z.lines]


def test_zones_of_a_cong_van() -> None:
    doc = doc_from_text(dispatch())
    by_kind = {}
    for kind, text in kinds(doc):
        by_kind.setdefault(kind, []).append(text)
    assert by_kind["header_left"] == ["UBND TỈNH LAI CHÂU", "VĂN PHÒNG", "Số: 12/VPUBND-HCQT", "V/v triển khai nhiệm vụ năm 2026"]
    assert by_kind["header_right"][-1] == "Lai Châu, ngày 25 tháng 02 năm 2026"
    assert by_kind["recipients"] == ["Kính gửi: Các phòng, ban, trung tâm."]
    assert by_kind["cc"] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, HCQT."]
    assert by_kind["signature"] == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Phạm Hồng Trường"]
    assert len(by_kind["body"]) == 1


def test_title_is_closed_by_its_rule() -> None:
    doc = doc_from_text(dispatch(vv="", kg="", so="Số -BC/ĐU",
                                 body="BÁO CÁO NHANH\nCông tác chuẩn bị Tết\n-----\nTiếp nhận Công văn số 10-CV/VPTU./."))
    assert [t for k, t in kinds(doc) if k == "title"] == ["BÁO CÁO NHANH", "Công tác chuẩn bị Tết", "-----"]
    assert ("body", "Tiếp nhận Công văn số 10-CV/VPTU./.") in kinds(doc)


def test_header_under_a_transcribers_title() -> None:
    text = ("KẾ HOẠCH\nTriển khai chuyển đổi số\n(Kèm theo Kế hoạch số 11-KH/BCĐ)\n---\nTỈNH ỦY KHÁNH HÒA\n"
            "BAN CHỈ ĐẠO TỈNH\nSố 11-KH/BCĐ\nĐẢNG CỘNG SẢN VIỆT NAM\nKhánh Hòa, ngày 28 tháng 7 năm 2026\n"
            "Căn cứ Nghị quyết số 57-NQ/TW;\nBan Chỉ đạo ban hành Kế hoạch./.")
    doc = doc_from_text(text)
    assert [t for k, t in kinds(doc) if k == "header_left"] == ["TỈNH ỦY KHÁNH HÒA", "BAN CHỈ ĐẠO TỈNH", "Số 11-KH/BCĐ"]
    assert kinds(doc)[0] == ("title", "KẾ HOẠCH")


def test_columns_are_trusted() -> None:
    doc = doc_from_columns([
        ("left", "BỘ NỘI VỤ"), ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("left", "Số: 8151/BNV-CCHC"), ("right", "Hà Nội, ngày 18 tháng 9 năm 2025"),
        ("full", "Thực hiện Quyết định số 145/QĐ-BNV, Bộ Nội vụ đề nghị góp ý./."),
        ("left", "Nơi nhận:"), ("right", "KT. BỘ TRƯỞNG"), ("left", "- Như trên;"), ("right", "THỨ TRƯỞNG"),
        ("left", "- Lưu: VT, CCHC."), ("right", "Nguyễn Văn Hồi"),
    ])
    got = kinds(doc)
    assert ("header_left", "Số: 8151/BNV-CCHC") in got and ("header_right", "Hà Nội, ngày 18 tháng 9 năm 2025") in got
    assert [t for k, t in got if k == "cc"] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, CCHC."]
    assert [t for k, t in got if k == "signature"] == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Văn Hồi"]


def test_type_heading_flush_left_under_the_header_is_the_title() -> None:
    """A heading printed at the left margin sits in the left half of the page,
    but under a complete header (Số and date read) it is the title."""
    doc = doc_from_columns([
        ("left", "ĐẢNG ỦY PHƯỜNG MỸ THO"), ("left", "Số 27-TB/ĐU"),
        ("right", "ĐẢNG CỘNG SẢN VIỆT NAM"), ("right", "Mỹ Tho, ngày 12 tháng 3 năm 2026"),
        ("left", "THÔNG BÁO"), ("full", "Kết luận của Ban Thường vụ về công tác chuẩn bị Đại hội"),
        ("full", "Ngày 10/3/2026, Ban Thường vụ họp nghe báo cáo./."),
    ])
    assert [t for k, t in kinds(doc) if k == "title"] == [
        "THÔNG BÁO", "Kết luận của Ban Thường vụ về công tác chuẩn bị Đại hội"]


def test_late_recipient_item_stays_in_recipients() -> None:
    doc = doc_from_text(dispatch(kg="Kính gửi: - UBND xã,\n- Công an xã.\n- các cơ quan, đơn vị."))
    assert [t for k, t in kinds(doc) if k == "recipients"][-1] == "- các cơ quan, đơn vị."


# fmt: off
HEADER_ROWS = [
    ("left", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", 300.0), ("left", "Số: 23/BC-UBND", 300.0),
    ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1300.0), ("right", "Quảng Ngãi, ngày 23 tháng 01 năm 2025", 1300.0),
    ("full", "BÁO CÁO", 1000.0), ("full", "Tình hình thực hiện công tác", 600.0),
    ("left", "Kính gửi:", 740.0),
]
TAIL_ROWS = [("full", "Thực hiện Công văn số 5633/VPCP-KSTT, UBND tỉnh báo cáo như sau:", 477.0),
             ("full", "Các kết quả chính đã đạt được./.", 330.0)]
WRAPPED_RECIPIENTS = [
    # (recipient rows with x0, lines expected in the recipients zone after Kính gửi, why)
    ([("full", "- Văn phòng Chính phủ;", 975.0), ("full", "- Bộ trưởng Bộ Nội vụ, Tổ phó Tổ công tác cải cách", 975.0),
      ("full", "thủ tục hành chính của Thủ tướng Chính phủ.", 973.0)],
     3, "an item wrapped in lower case continues"),
    ([("full", "- Văn phòng Chính phủ;", 975.0), ("full", "- Bộ trưởng Bộ Nội vụ, Tổ phó Tổ công tác của", 975.0),
      ("full", "Thủ tướng Chính phủ.", 975.0)],
     3, "a hanging indent under an unfinished item continues it"),
    ([("full", "- Văn phòng Chính phủ;", 975.0), ("full", "- Bộ Nội vụ", 975.0),
      ("full", "Ủy ban nhân dân tỉnh đã triển khai nhiều nhiệm vụ trong tháng.", 477.0)],
     2, "a line at the paragraph indent is the body"),
    ([("full", "- Văn phòng Chính phủ;", 975.0), ("full", "- Bộ Nội vụ.", 975.0),
      ("full", "thủ tục hành chính được rà soát.", 975.0)],
     2, "an item that ended with '.' is not continued"),
]
# fmt: on


def _positioned(rows: list[tuple[str, str, float]]):
    from pathlib import Path

    from pipeline.builder import build_document
    from schemas.document import InputFormat, Line

    lines = [Line(text=t, column=c, source="pdf", x0=x) for c, t, x in rows]  # type: ignore[arg-type]
    return build_document(Path("scan.pdf"), "0" * 64, InputFormat.PDF, "test", lines)


@pytest.mark.parametrize("rows,count,why", WRAPPED_RECIPIENTS, ids=[c[2] for c in WRAPPED_RECIPIENTS])
def test_wrapped_recipient_item(rows, count: int, why: str) -> None:
    doc = _positioned(HEADER_ROWS + rows + TAIL_ROWS)
    got = [t for k, t in kinds(doc) if k == "recipients"]
    assert got == ["Kính gửi:"] + [t for _, t, _ in rows[:count]]


def test_lower_case_wrap_in_text() -> None:
    doc = doc_from_text(dispatch(kg="Kính gửi:\n- Văn phòng Chính phủ;\n- Bộ trưởng Bộ Nội vụ, Tổ phó Tổ công tác\ncải cách thủ tục hành chính."))
    assert [t for k, t in kinds(doc) if k == "recipients"][-1] == "cải cách thủ tục hành chính."


def _placed(rows: list[tuple[str, float, str]]):
    """rows: (column, top, text) in the reader's order, all on page 1."""
    from pathlib import Path

    from pipeline.builder import build_document
    from schemas.document import InputFormat, Line

    lines = [Line(text=t, column=c, top=top, page=1, source="pdf") for c, top, t in rows]  # type: ignore[arg-type]
    return build_document(Path("snippet.pdf"), "0" * 64, InputFormat.PDF, "test", lines)


def test_right_column_read_after_a_short_kinh_gui_stays_header() -> None:
    """A reader that put the short left `Kính gửi:` (printed under the header
    table) with the left column gives the right column after it; those lines
    sit higher on the page, so they are still the header."""
    doc = _placed([
        ("left", 70, "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), ("left", 98, "Số: 12/SGDĐT-VP"), ("left", 125, "V/v tổ chức kỳ thi"),
        ("left", 207, "Kính gửi:"), ("right", 71, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("right", 142, "Buôn Ma Thuột, ngày 14 tháng 3 năm 2024"),
        ("full", 235, "- Các trường trung học phổ thông;"), ("full", 264, "- Các phòng giáo dục./."),
        ("full", 300, "Sở Giáo dục và Đào tạo đề nghị các đơn vị thực hiện./."),
    ])
    got = kinds(doc)
    assert ("header_right", "Buôn Ma Thuột, ngày 14 tháng 3 năm 2024") in got
    assert [t for k, t in got if k == "recipients"] == [
        "Kính gửi:", "- Các trường trung học phổ thông;", "- Các phòng giáo dục./."]


def test_cc_items_after_the_signers_name_stay_in_cc() -> None:
    doc = doc_from_columns([
        ("left", "BỘ NỘI VỤ"), ("left", "Số: 15/BNV-VP"), ("right", "Hà Nội, ngày 18 tháng 9 năm 2025"),
        ("full", "Thực hiện chỉ đạo, đề nghị các đơn vị thực hiện./."),
        ("left", "Nơi nhận:"), ("right", "KT. BỘ TRƯỞNG"), ("left", "- Như trên;"), ("right", "THỨ TRƯỞNG"),
        ("left", "- Website Bộ;"), ("right", "Nguyễn Văn Hồi"), ("left", "- Lưu: VT, VP (3b). Hùng."),
    ])
    assert [t for k, t in kinds(doc) if k == "cc"][-1] == "- Lưu: VT, VP (3b). Hùng."


# fmt: off
TITLE_ENDS = [
    # (lines after the heading, title lines, why)
    (["Về chế độ tiếp xúc cử tri", "Điều 1. Phạm vi điều chỉnh"], ["Về chế độ tiếp xúc cử tri"], "an article"),
    (["Về việc ứng phó mưa lớn", "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ điện:", "- Giám đốc các Sở;"],
     ["Về việc ứng phó mưa lớn"], "a công điện's address line"),
    (["Kết quả thực hiện năm 2025", "I. KẾT QUẢ ĐẠT ĐƯỢC"], ["Kết quả thực hiện năm 2025"], "a roman heading"),
    (["Tổ chức hội thi năm 2024 Thực hiện Kế hoạch số 10/KH-SGDĐT, huyện ban hành như sau:", "1. Mục đích"],
     ["Tổ chức hội thi năm 2024 Thực hiện Kế hoạch số 10/KH-SGDĐT, huyện ban hành như sau:"],
     "a merged first paragraph closes the title"),
]
# fmt: on


@pytest.mark.parametrize("after,title,why", TITLE_ENDS, ids=[c[2] for c in TITLE_ENDS])
def test_title_ends(after: list[str], title: list[str], why: str) -> None:
    doc = doc_from_text(dispatch(vv="", kg="", so="Số: 05/KH-UBND", body="\n".join(["KẾ HOẠCH", *after, "Hết./."])))
    assert [t for k, t in kinds(doc) if k == "title"] == ["KẾ HOẠCH", *title]


def test_an_address_line_ending_in_a_colon_is_no_signature() -> None:
    doc = doc_from_text(dispatch(vv="", kg="", so="Số: 05/CĐ-UBND", body="CÔNG ĐIỆN\nVề việc ứng phó mưa lớn\n"
                                 "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ điện:\n- Giám đốc các Sở./."))
    assert [t for k, t in kinds(doc) if k == "signature"][0] == "KT. CHÁNH VĂN PHÒNG"
