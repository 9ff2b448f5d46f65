"""Citation grammars: snippet -> (doc_type, code, date, issuer) of the references found."""
from __future__ import annotations

import pytest

from extractors.references import find_references
from schemas.document import InputFormat, Line, ParsedDocument, Zone


def _doc(body: str, header: str = ""):
    """A document whose lines are all body (after optional header-left lines)."""
    lines, zones, offset = [], [], 0
    for kind, block in (("header_left", header), ("body", body)):
        zl = []
        for text in filter(None, block.split("\n")):
            line = Line(text=text, start=offset, end=offset + len(text))
            offset += len(text) + 1
            lines.append(line)
            zl.append(line)
        if zl:
            zones.append(Zone(kind=kind, lines=zl))
    text = "\n".join(line.text for line in lines)
    return ParsedDocument(file="t.txt", doc_id="0", format=InputFormat.TXT, reader="test", text=text,
                          lines=lines, zones=zones)


# fmt: off
CASES = [
    ("Thực hiện Công văn số 591-CV/TU, ngày 15/01/2026 của Ban Thường vụ Tỉnh uỷ về việc triển khai.",
     [("Công văn", "591-CV/TU", "2026-01-15", "Ban Thường vụ Tỉnh uỷ", "thực hiện")]),
    ("Thực hiện Kế hoạch số 03-KH/BCĐ ngày 10/02/2026.",
     [("Kế hoạch", "03-KH/BCĐ", "2026-02-10", None, "thực hiện")]),
    ("triển khai Nghị quyết số 57-NQ/TW trong năm 2026.",
     [("Nghị quyết", "57-NQ/TW", None, None, "other")]),
    ("Theo Văn bản số 5689/BCA-C04 ngày 16/12/2025 của Bộ Công an, đề nghị các đơn vị rà soát.",
     [("Văn bản", "5689/BCA-C04", "2025-12-16", "Bộ Công an", "theo")]),
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
     [("Nghị định", "30/2020/NĐ-CP", "2020-03-05", "Chính phủ", "căn cứ")]),
    ("Bãi bỏ Quyết định 119/QĐ-UBND.", [("Quyết định", "119/QĐ-UBND", None, None, "other")]),
    # a law cited by name: code null, title as printed
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
     [("Luật", None, "2015-06-19", None, "căn cứ")]),
    # a draft with blanks
    ("Căn cứ Quyết định số …/QĐ-BCĐ ngày … tháng … năm 2025 của Trưởng Ban Chỉ đạo;",
     [("Quyết định", "/QĐ-BCĐ", None, "Trưởng Ban Chỉ đạo", "căn cứ")]),
    # a short re-citation resolves to the first full mention (its date filled in later)
    ("Thực hiện Nghị quyết số 57-NQ/TW. Để thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị; Kế hoạch nói trên.",
     [("Nghị quyết", "57-NQ/TW", "2024-12-22", "Bộ Chính trị", "thực hiện")]),
    # a code inside a name is a citation too
    ("gửi Ban Chỉ đạo tỉnh thực hiện Nghị quyết số 57-NQ/TW trước ngày 23/01/2026.",
     [("Nghị quyết", "57-NQ/TW", None, None, "thực hiện")]),
    # a bare code with a known type abbreviation
    ("thực hiện các nhiệm vụ (theo 05-KH/BCĐTW).", [("Kế hoạch", "05-KH/BCĐTW", None, None, "theo")]),
    # a law named inside another document's trích yếu is not cited on its own
    ("Căn cứ Nghị định số 01/2021/NĐ-CP ngày 04/01/2021 của Chính phủ quy định chi tiết Luật Doanh nghiệp;",
     [("Nghị định", "01/2021/NĐ-CP", "2021-01-04", "Chính phủ", "căn cứ")]),
    ("Lao động - Thương binh và Xã hội tổ chức 2025-2030.", []),
    # a standard cited by its code, spaces removed
    ("Phông chữ theo Tiêu chuẩn TCVN 6909:2001 (mẫu tại Phụ lục 3).",
     [("Tiêu chuẩn", "TCVN6909:2001", None, None, "theo")]),
    # specimen numbers in a formatting guide are no citations
    ("Ví dụ 1: Báo cáo của đại hội\nSố 16-BC/ĐH\nVí dụ: Số 268-CV/VPTU\n3. | Số và ký hiệu | Số 127-QĐ/TW; Số 24-BS/UBKTTU", []),
    # the date and issuer told before the citation
    ("Ngày 24 tháng 6 năm 1977 Hội đồng Chính phủ đã ra Quyết định số 169-CP về công tác điều tra.",
     [("Quyết định", "169-CP", "1977-06-24", "Hội đồng Chính phủ", "other")]),
    # a law named with a code no citation grammar reads
    ("theo quy định tại khoản 3 Điều 44 Luật KCB số 40/2009/QH12.",
     [("Luật", "40/2009/QH12", None, None, "other")]),
    # an OCR'd doubled dash
    ("Quyết định số 08/QĐ- -TTg ngày 15/01/2025 của Thủ tướng Chính phủ.",
     [("Quyết định", "08/QĐ-TTg", "2025-01-15", "Thủ tướng Chính phủ", "other")]),
    # a letter-spaced text layer run
    ("Đã chi trả theo Q u y ế t đ ị n h s ố\n0 1 / Q Đ - C T N n g à y 0 5 / 0 1 / 2 0 2 6 c h o 1 8 6 n g ư ờ i",
     [("Quyết định", "01/QĐ-CTN", "2026-01-05", None, "theo")]),
]
# fmt: on


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_citation(text, expected):
    refs = find_references(_doc(text))
    got = [(r.doc_type, r.code, r.date, r.issuer, r.relation) for r in refs]
    assert got == expected


def test_law_title_and_own_code_excluded():
    doc = _doc("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
               "Quyết định số 12/QĐ-UBND có hiệu lực.", header="Số: 12/QĐ-UBND")
    refs = find_references(doc, own_code="12/QĐ-UBND")
    assert [(r.title, r.code) for r in refs] == [("Luật Tổ chức chính quyền địa phương", None)]


def test_flags_cited_after_and_draft():
    refs = find_references(_doc("Theo Công văn số 10/UBND-VP ngày 20/3/2026; Quyết định số /QĐ-UBND."), doc_date="2026-03-01")
    assert "cited_after_document" in refs[0].flags
    assert "draft_blank_number" in refs[1].flags


# fmt: off
NAMED = [
    # a name ends at a word no law name holds
    ("theo Luật Doanh nghiệp không thuộc đối tượng áp dụng.", ["Luật Doanh nghiệp"]),
    ("theo quy định của Điều lệ Đảng hoặc văn bản thành lập.", ["Điều lệ Đảng"]),
    # a name wrapped onto a line that goes on in lower case
    ("Căn cứ Luật Tổ chức chính\nquyền địa phương ngày 19/6/2015;", ["Luật Tổ chức chính quyền địa phương"]),
    # an amending law is named by all it amends
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
     "địa phương ngày 22/11/2019;",
     ["Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"]),
]
# fmt: on


@pytest.mark.parametrize("text,titles", NAMED, ids=[c[0][:40] for c in NAMED])
def test_named(text, titles):
    assert [r.title for r in find_references(_doc(text))] == titles


def test_alias_after_full_name_is_the_same_law():
    # the trích yếu ends on the abbreviation; the body prints the full name with it
    doc = _doc("Bộ Y tế có Công văn số 627/BYT-BH ngày 27/01/2021 về Điều 22 Luật Bảo hiểm y tế (BHYT).\n"
               "2. Lưu ý khi thực hiện Điều 22 Luật BHYT:", header="V/v hướng dẫn Điều 22 Luật BHYT")
    refs = find_references(doc)
    assert [(r.code, r.title) for r in refs] == [(None, "Luật Bảo hiểm y tế"), ("627/BYT-BH", None)]
