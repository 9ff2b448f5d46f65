"""Signer: authority prefixes (state and Party), nested authority, title, name."""
from __future__ import annotations

import pytest

from header_docs import dispatch, doc_from_columns, extract_upto, value_of

# fmt: off
CASES = [
    # (signature block, (name, title, authority), why)
    ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nTạ Thị Dung", ("Tạ Thị Dung", "PHÓ BÍ THƯ", "T/M BAN THƯỜNG VỤ"), "Party T/M"),
    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn Hồi", ("Nguyễn Văn Hồi", "THỨ TRƯỞNG", "KT. BỘ TRƯỞNG"), "state KT."),
    ("TL. HIỆU TRƯỞNG\nPHÓ TRƯỞNG PHÒNG PHỤ TRÁCH\nPHÒNG KT&ĐBCLGD\nNguyễn Thị Hoa",
     ("Nguyễn Thị Hoa", "PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH PHÒNG KT&ĐBCLGD", "TL. HIỆU TRƯỞNG"), "in charge of a unit, wrapped"),
    ("KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\nTrần Văn Bình", ("Trần Văn Bình", "PHÓ HIỆU TRƯỞNG", "KT. HIỆU TRƯỞNG"), "a school's KT."),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nPHỤ TRÁCH KHOA NỘI\nLê Văn An",
     ("Lê Văn An", "PHÓ GIÁM ĐỐC PHỤ TRÁCH KHOA NỘI", "KT. GIÁM ĐỐC"), "PHỤ TRÁCH opening the next line"),
    ("TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nVõ Tuấn Anh",
     ("Võ Tuấn Anh", "PHÓ CHÁNH VĂN PHÒNG", "TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG"), "nested authority joined"),
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Hữu Tháp",
     ("Nguyễn Hữu Tháp", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"), "TM. over KT."),
    ("K/T THỦ TƯỚNG CHÍNH PHỦ\nPHÓ THỦ TƯỚNG\nTố Hữu", ("Tố Hữu", "PHÓ THỦ TƯỚNG", "K/T THỦ TƯỚNG CHÍNH PHỦ"),
     "K/T with a two-syllable name"),
    ("CHÁNH VĂN PHÒNG\nPhạm Hồng Trường", ("Phạm Hồng Trường", "CHÁNH VĂN PHÒNG", None), "no authority line"),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nThiếu tướng Trương Minh Đương",
     ("Trương Minh Đương", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC"), "military rank dropped"),
    ("BÍ THƯ TỈNH ỦY\nkiêm\nTRƯỞNG BAN CHỈ ĐẠO\n(Đã ký và đóng dấu)\nTrần Phong",
     ("Trần Phong", "BÍ THƯ TỈNH ỦY kiêm TRƯỞNG BAN CHỈ ĐẠO", None), "kiêm joins two titles; signing note skipped"),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nH'Wen Niê", ("H'Wen Niê", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH"), "ethnic-minority name"),
    ("TUQ. CHỦ TỊCH\nGIÁM ĐỐC SỞ NỘI VỤ\nLê Văn Bình", ("Lê Văn Bình", "GIÁM ĐỐC SỞ NỘI VỤ", "TUQ. CHỦ TỊCH"), "TUQ."),
    # marks a scan leaves beside the name: a stroke of the signature, the seal's edge
    ("GIÁM ĐỐC\n{Lê Hoàng Anh", ("Lê Hoàng Anh", "GIÁM ĐỐC", None), "a bracket before the name"),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn Hải ˆ", ("Nguyễn Văn Hải", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC"), "a mark after it"),
    ("CHÁNH VĂN PHÒNG\n. Hà Văn Phúc - -", ("Hà Văn Phúc", "CHÁNH VĂN PHÒNG", None), "dots and dashes on both sides"),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nK' Hoàng Vinh", ("K' Hoàng Vinh", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH"),
     "K'Ho name with the apostrophe before a space"),
    ("Q. GIÁM ĐỐC\nPhan Văn Thắng", ("Phan Văn Thắng", None, "Q. GIÁM ĐỐC"), "acting head, no title line"),
    # the prefix printed alone on its line (plain-text exports, DOCX cells), or run on without a space
    ("KT.\nGIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn Nam", ("Nguyễn Văn Nam", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC"), "bare KT. line"),
    ("TL.\nBỘ TRƯỞNG\nVỤ TRƯỞNG VỤ PHÁP CHẾ\nLê Thị Hoa", ("Lê Thị Hoa", "VỤ TRƯỞNG VỤ PHÁP CHẾ", "TL. BỘ TRƯỞNG"),
     "bare TL. line"),
    ("T/M\nBAN THƯỜNG VỤ\nBÍ THƯ\nHà Văn Sơn", ("Hà Văn Sơn", "BÍ THƯ", "T/M BAN THƯỜNG VỤ"), "bare Party T/M line"),
    ("KT.CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Lâm", ("Trần Văn Lâm", "PHÓ CHỦ TỊCH", "KT.CHỦ TỊCH"), "KT. run on"),
    ("KT.HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\nĐào Thị Mai", ("Đào Thị Mai", "PHÓ HIỆU TRƯỞNG", "KT.HIỆU TRƯỞNG"), "school KT."),
    # a signature image or seal placeholder between title and name
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n![](media/image2.png)\nLâm Văn Tuấn",
     ("Lâm Văn Tuấn", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC"), "Markdown signature image"),
    ("GIÁM ĐỐC\n[Chữ ký, đóng dấu]\nNgô Thanh Bình", ("Ngô Thanh Bình", "GIÁM ĐỐC", None), "bracketed placeholder"),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Ký tên, đóng dấu)\nPhan Minh Tú", ("Phan Minh Tú", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"),
     "parenthesised placeholder"),
    ("TỔ TRƯỞNG\nGIÁM ĐỐC SỞ NỘI VỤ\nĐỗ Văn Chung", ("Đỗ Văn Chung", "TỔ TRƯỞNG", None),
     "a second capitals line is not part of the title"),
]
# fmt: on


@pytest.mark.parametrize("block,expected,why", CASES, ids=[c[2] for c in CASES])
def test_signer(block: str, expected: tuple, why: str) -> None:
    signer = value_of(dispatch(sig=block), "signer")
    assert (signer.name, signer.title, signer.authority) == expected


def test_signer_from_columns() -> None:
    doc = doc_from_columns([
        ("left", "BỘ NỘI VỤ"), ("left", "Số: 8151/BNV-CCHC"), ("left", "V/v lấy ý kiến góp ý"),
        ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("right", "Hà Nội, ngày 18 tháng 9 năm 2025"),
        ("full", "Thực hiện Quyết định số 145/QĐ-BNV, Bộ Nội vụ đề nghị các bộ góp ý./."),
        ("left", "Nơi nhận:"), ("right", "KT. BỘ TRƯỞNG"), ("left", "- Như trên;"), ("right", "THỨ TRƯỞNG"),
        ("left", "- Lưu: VT, CCHC."), ("right", "Nguyễn Văn Hồi"),
    ])
    result, record = extract_upto(doc, "signer")
    assert (result.value.name, result.value.title, result.value.authority) == ("Nguyễn Văn Hồi", "THỨ TRƯỞNG", "KT. BỘ TRƯỞNG")
    assert record.cc == ["Như trên", "Lưu: VT, CCHC"]
    assert doc.text[result.item_spans[-1].start:result.item_spans[-1].end] == "Nguyễn Văn Hồi"


def test_no_signature_block_gives_low_confidence() -> None:
    result, _ = extract_upto(doc_from_columns([("full", "Một dòng văn bản không có chữ ký.")]), "signer")
    assert result.value.name is None and result.confidence < 0.5


def _ocr_block(sig: list[str]):
    from pathlib import Path

    from pipeline.builder import build_document  # the same builder the readers use
    from schemas.document import InputFormat, Line

    rows = [("left", "UBND TỈNH KIÊN GIANG"), ("left", "SỞ Y TẾ"), ("left", "Số: 12/SYT-NVY"),
            ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("right", "Độc lập - Tự do - Hạnh phúc"),
            ("right", "Kiên Giang, ngày 5 tháng 3 năm 2018"), ("full", "Sở Y tế đề nghị các đơn vị thực hiện./."),
            ("left", "Nơi nhận:"), ("left", "- Như trên;"), ("left", "- Lưu: VT."), *(("right", t) for t in sig)]
    lines = [Line(text=t, column=c, source="ocr") for c, t in rows]  # type: ignore[arg-type]
    return build_document(Path("scan.pdf"), "0" * 64, InputFormat.PDF, "ocr", lines)


@pytest.mark.parametrize("sig,expected", [
    (["Y TẾ", "Nguyễn Trúc Giang"], ("Nguyễn Trúc Giang", None, None)),               # the seal's words
    (["SỞ", "GIÁM ĐỐC", "Lê Hoàng Anh"], ("Lê Hoàng Anh", "GIÁM ĐỐC", None)),
    (["KIÊN GIANG", "PHÓ GIÁM ĐỐC", "Hà Văn Phúc"], ("Hà Văn Phúc", "PHÓ GIÁM ĐỐC", None)),
])
def test_seal_words_on_a_scan_are_no_title(sig, expected):
    result, _ = extract_upto(_ocr_block(sig), "signer")
    assert (result.value.name, result.value.title, result.value.authority) == expected


def _paged_block(sig_p1: list[str], p2: list[tuple[str, str]]):
    from pathlib import Path

    from pipeline.builder import build_document
    from schemas.document import InputFormat, Line

    rows = [("left", "UBND TỈNH KIÊN GIANG", 1), ("left", "SỞ Y TẾ", 1), ("left", "Số: 12/SYT-NVY", 1),
            ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1), ("right", "Độc lập - Tự do - Hạnh phúc", 1),
            ("right", "Kiên Giang, ngày 5 tháng 3 năm 2018", 1),
            ("full", "Sở Y tế đề nghị các đơn vị thực hiện./.", 1),
            ("left", "Nơi nhận:", 1), ("left", "- Như trên;", 1), ("left", "- Lưu: VT.", 1),
            *(("right", t, 1) for t in sig_p1), *((c, t, 2) for c, t in p2)]
    lines = [Line(text=t, column=c, page=p, source="ocr") for c, t, p in rows]  # type: ignore[arg-type]
    return build_document(Path("scan.pdf"), "0" * 64, InputFormat.PDF, "ocr", lines)


@pytest.mark.parametrize("sig,p2,expected", [
    # the name under the seal is lost; the annex on the next page (its heading misread) lists
    # hospitals and communes: no name from it
    (["GIÁM ĐỐC"], [("full", "_PHỤ LỤC. ~*x ĐƠN VỊ JTHỤ HƯỞNG TTBYT"), ("left", "(Kèm theo công văn số"),
                    ("right", "04/GAMT ngày … tháng 01 năm 2018 của Ban QLDA)"), ("right", "HN"),
                    ("right", "Lư SỲn Eoế ung"), ("right", "Gò. Quao."), ("full", "TrỊ Xã Thới Quản huyện Gò Quao")],
     (None, "GIÁM ĐỐC")),
    (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], [("right", "HN"), ("right", "x y z"), ("right", "Lư SỲn"),
                                         ("right", "Lê Văn Tám")],
     (None, "PHÓ GIÁM ĐỐC")),
    # a block the page break split: the name opens the next page
    (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], [("right", "Nguyễn Văn Hải"), ("full", "PHỤ LỤC")], ("Nguyễn Văn Hải", "PHÓ GIÁM ĐỐC")),
])
def test_no_name_from_an_annex_past_the_block(sig, p2, expected):
    result, _ = extract_upto(_paged_block(sig, p2), "signer")
    assert (result.value.name, result.value.title) == expected


@pytest.mark.parametrize("sig,expected,why", [
    # a name OCR read with a letter no Vietnamese name is written with: blank, never a guess
    (["GIÁM ĐỐC", "Trần Vănø Bình"], (None, "GIÁM ĐỐC"), "a Danish o in the middle name"),
    (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Phạm Thị Hßa"], (None, "PHÓ GIÁM ĐỐC"), "a sharp s for a vowel"),
    (["CHÁNH VĂN PHÒNG", "Võ Minh Tæm"], (None, "CHÁNH VĂN PHÒNG"), "an ash"),
    # what names are written with: all of Vietnamese, the minorities' f, j, w, z and apostrophe
    (["GIÁM ĐỐC", "Đỗ Thị Ưng"], ("Đỗ Thị Ưng", "GIÁM ĐỐC"), "đ, horn and tones"),
    (["PHÓ CHỦ TỊCH", "Y Wơn Byă"], ("Y Wơn Byă", "PHÓ CHỦ TỊCH"), "an Ê Đê name"),
    (["GIÁM ĐỐC", "Lò Văn Pjè"], ("Lò Văn Pjè", "GIÁM ĐỐC"), "a j"),
    # a name whose surname the seal or the pen took is a wrong name: blank
    (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trúc Giang"], (None, "PHÓ GIÁM ĐỐC"), "two words, no surname"),
    (["GIÁM ĐỐC", "Văn Hải"], (None, "GIÁM ĐỐC"), "a middle and a given name"),
    (["GIÁM ĐỐC", "Lê Hải"], ("Lê Hải", "GIÁM ĐỐC"), "two words opening with a surname"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_a_name_with_a_letter_no_name_has_is_blank_on_a_scan(sig, expected, why):
    result, _ = extract_upto(_ocr_block(sig), "signer")
    assert (result.value.name, result.value.title) == expected


@pytest.mark.parametrize("sig,expected,why", [
    # a title in charge of a unit, with no head's title in it
    (["PHỤ TRÁCH PHÒNG CTSV", "Nguyễn Thị Lan"], ("Nguyễn Thị Lan", "PHỤ TRÁCH PHÒNG CTSV"), "a university office"),
    (["PHỤ TRÁCH KẾ TOÁN", "Trần Văn Bình"], ("Trần Văn Bình", "PHỤ TRÁCH KẾ TOÁN"), "the accounts"),
    (["TL. GIÁM ĐỐC", "PHÓ PHỤ TRÁCH KHOA NỘI", "Lâm Thị Hà"], ("Lâm Thị Hà", "PHÓ PHỤ TRÁCH KHOA NỘI"), "a deputy"),
])
def test_a_title_in_charge_of_a_unit_on_a_scan(sig, expected, why):
    result, _ = extract_upto(_ocr_block(sig), "signer")
    assert (result.value.name, result.value.title) == expected


@pytest.mark.parametrize("sig,expected,why", [
    # the approver's block under the drafter's: not the signer's, even where the scan lost the drafter's lines
    (["CHÁNH THANH TRA", "Đặng Văn Tâm", "PHÊ DUYỆT CỦA GIÁM ĐỐC", "Lý Minh Quân"],
     ("Đặng Văn Tâm", "CHÁNH THANH TRA"), "the drafter's block read"),
    (["x ⁄ *", "PHÊ DUYỆT GIÁM ĐỐC SỞ Y TẾ", "Lý Minh Quân"], (None, None), "the drafter's lines lost"),
    (["TRƯỞNG PHÒNG", "DUYỆT", "GIÁM ĐỐC", "Lý Minh Quân"], (None, "TRƯỞNG PHÒNG"), "DUYỆT alone, the drafter's name lost"),
])
def test_an_approval_block_is_not_the_signers(sig, expected, why):
    result, _ = extract_upto(_ocr_block(sig), "signer")
    assert (result.value.name, result.value.title) == expected
