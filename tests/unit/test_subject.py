"""Trích yếu: after V/v for a công văn, under the heading otherwise."""
from __future__ import annotations

import pytest

from header_docs import dispatch, doc_from_text, extract_upto, value_of
from test_code import FLAT

DECISION_BODY = (
    "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương;\nQuyết định này có hiệu lực./."
)

# fmt: off
CASES = [
    # (snippet, expected, why)
    (dispatch(vv="V/v triển khai thực hiện các nhiệm vụ\nNghị quyết số 57-NQ/TW của Bộ Chính trị"),
     "triển khai thực hiện các nhiệm vụ Nghị quyết số 57-NQ/TW của Bộ Chính trị", "wrapped V/v joined"),
    (dispatch(vv="V/v thực hiện Công văn số 591-\nCV/TU của Tỉnh uỷ"),
     "thực hiện Công văn số 591-CV/TU của Tỉnh uỷ", "a code wrapped at its hyphen is one token"),
    (dispatch(vv="V/v: góp ý dự thảo."), "góp ý dự thảo", "colon and trailing period dropped"),
    (dispatch(vv="", so="Số 315-CV/ĐU\nKhẩn trương chuẩn bị các điều kiện\nphục vụ Chương trình thăm"),
     "Khẩn trương chuẩn bị các điều kiện phục vụ Chương trình thăm", "Party công văn without V/v"),
    (dispatch(vv="", kg="", body="KẾ HOẠCH\nTổ chức lễ hội\nnăm 2026\n-----\nThực hiện chỉ đạo./."),
     "Tổ chức lễ hội năm 2026", "lines under the heading up to its rule"),
    (dispatch(vv="", kg="", so="Số: 15/QĐ-UBND", body=DECISION_BODY), "Về việc thành lập Tổ công tác",
     "the signing body printed under the trích yếu is cut"),
    (dispatch(vv="", kg="", so="Số: 15/QĐ-UBND", body="QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác CHỦ TỊCH\n"
              "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nCăn cứ Luật Tổ chức chính quyền địa phương;\nQuyết định có hiệu lực./."),
     "Về việc thành lập Tổ công tác", "the signing body run onto the trích yếu's last line is cut"),
    (FLAT, "BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG", "flattened: V/V in capitals dropped"),
    (dispatch(vv=""), None, "nothing printed"),
    (dispatch(vv="V/v bảo đảm an ninh mạng dịp Tết\nMẬT"), "bảo đảm an ninh mạng dịp Tết",
     "a secrecy mark under the V/v lines is not part of it"),
    (dispatch(vv="V/v bảo đảm an ninh mạng dịp Tết 2025 MẬT"), "bảo đảm an ninh mạng dịp Tết 2025",
     "a secrecy mark run onto the V/v line is cut"),
    (dispatch(vv="", kg="", so="Số: 58/KH-UBND", body="KẾ HOẠCH\nTổ chức Hội khỏe Phù Đổng năm 2024 Thực hiện "
              "Kế hoạch số 10/KH-SGDĐT, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:\n1. Mục đích./."),
     "Tổ chức Hội khỏe Phù Đổng năm 2024", "the body's first paragraph merged onto the trích yếu is cut"),
    (dispatch(vv="", kg="", so="Số: 05/CĐ-UBND", body="CÔNG ĐIỆN\nVề việc ứng phó với mưa lớn CHỦ TỊCH ỦY BAN "
              "NHÂN DÂN THÀNH PHỐ điện:\n- Giám đốc các Sở;\nĐể chủ động ứng phó, yêu cầu thực hiện./."),
     "Về việc ứng phó với mưa lớn", "a công điện's address merged onto the trích yếu is cut"),
    (dispatch(vv="", kg="", so="Số: 03/QyĐ-HĐND", body="QUY ĐỊNH\nVề chế độ tiếp xúc cử tri\nĐiều 1. Phạm vi\n"
              "Quy định này áp dụng cho đại biểu./."),
     "Về chế độ tiếp xúc cử tri", "an article ends the trích yếu"),
    (dispatch(vv="", kg="", so="Số: 05/CĐ-UBND", body="CÔNG ĐIỆN\nVề việc ứng phó với mưa lớn\n"
              "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ điện:\n- Giám đốc các Sở;\nTheo bản tin dự báo, mưa lớn./."),
     "Về việc ứng phó với mưa lớn", "a công điện's address line ends the trích yếu"),
    # the signing body's line with its diacritics misread by OCR is still cut
    (dispatch(vv="", kg="", so="Số: 15/QĐ-SYT", body="QUYẾT ĐỊNH\nVề việc thành lập Ban quản lý\n"
              "GIÁM ĐÓC SỞ Y TẾ TỈNH KIÊN GIANG\nCăn cứ Quyết định số 1675/QĐ-UBND;\nQuyết định có hiệu lực./."),
     "Về việc thành lập Ban quản lý", "OCR: GIÁM ĐÓC"),
    (dispatch(vv="", kg="", so="Số: 15/QĐ-UBND", body="QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác CHỦ TICH\n"
              "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nCăn cứ Luật Tổ chức chính quyền địa phương;\nQuyết định có hiệu lực./."),
     "Về việc thành lập Tổ công tác", "OCR: CHỦ TICH run onto the last line"),
    (dispatch(vv="", kg="", so="Số: 15/QĐ-BYT", body="QUYẾT ĐỊNH\nVề việc ban hành Hướng dẫn\nBỘ TRUỞNG BỘ Y TẾ\n"
              "Căn cứ Nghị định số 95/2022/NĐ-CP;\nQuyết định có hiệu lực./."),
     "Về việc ban hành Hướng dẫn", "OCR: BỘ TRUỞNG"),
]
# fmt: on


@pytest.mark.parametrize("text,expected,why", CASES, ids=[c[2] for c in CASES])
def test_subject(text: str, expected: str | None, why: str) -> None:
    assert value_of(text, "subject") == expected


def test_subject_span_covers_the_trich_yeu() -> None:
    doc = doc_from_text(dispatch())
    result, _ = extract_upto(doc, "subject")
    assert doc.text[result.span.start:result.span.end] == "triển khai nhiệm vụ năm 2026"


@pytest.mark.parametrize("subject_lines", [
    ["bàn giao tài sản kết thúc Dự án"],                                     # the V/v OCR lost
    ["Khẩn trương chuẩn bị các điều kiện", "phục vụ Chương trình thăm"],     # a Party công văn prints none
    ["tổ chức tập huấn công tác điều trị"],
])
def test_left_lines_under_so_after_the_right_cell(subject_lines: list[str]) -> None:
    from header_docs import doc_from_columns

    rows = [("left", "UBND TỈNH KIÊN GIANG"), ("left", "SỞ Y TẾ"), ("left", "Số: 02/SYT-KHTC"),
            ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("right", "Độc lập - Tự do - Hạnh phúc"),
            ("right", "Kiên Giang, ngày 6 tháng 3 năm 2018"), *(("left", t) for t in subject_lines),
            ("left", "Kính gửi:"), ("full", "- Các Trung tâm y tế huyện, thị, thành phố."),
            ("full", "Căn cứ Công văn số 04/GAVI ngày 04/01/2018, Sở Y tế đề nghị các đơn vị thực hiện./.")]
    result, _ = extract_upto(doc_from_columns(rows), "subject")
    assert result.value == " ".join(subject_lines)
