"""Grammar repairs of OCR'd Số and date lines (extractors.repair)."""
from __future__ import annotations

import pytest

from extractors.repair import fix_kyhieu, fix_number, repair_lines, repair_text
from schemas.document import Line

# fmt: off
SO_CASES = [
    # (OCR text, repaired text, number dropped as unreadable)
    ("Sô: 245/SKHCN-KHCN", "Số: 245/SKHCN-KHCN", False),        # ố read as ô
    ("Só: 12/UBND-VP", "Số: 12/UBND-VP", False),                 # ố read as ó
    ("S6: l2/QD-UBND", "Số: 12/QĐ-UBND", False),                 # ố as 6, 1 as l, Đ stroke lost
    ("Số: 1O/TTR-HĐND", "Số: 10/TTr-HĐND", False),               # O for 0; TTr has a lower-case r
    ("Số 458-CV/DU", "Số 458-CV/ĐU", False),                     # Party code keeps its form (no colon)
    ("Số298 /TTr- CAT-PC04", "Số: 298/TTr-CAT-PC04", False),     # glued Số, spaces in the code
    ("Số: 06/2024/QD-UBND", "Số: 06/2024/QĐ-UBND", False),       # a legal document's year stays
    ("Số: /UBNĐ-KTTH", "Số: /UBND-KTTH", False),                 # a stroke added by OCR goes away
    ("Só: #2 /QĐ-TTg", "Số: /QĐ-TTg", True),                     # handwritten number: never guessed
    ("Số: ý# /CT-UBND", "Số: /CT-UBND", True),                   # ditto
    ("Số: ..... /VPUBND-HCQT", "Số: /VPUBND-HCQT", False),        # a blank left for the number
    ("Số: 1ll/HD-BCĐ", "Số: /HD-BCĐ", True),                     # two letters in a number: handwriting
    ("Số: 2 6 2 4 /QĐĐ-UBND", "Số: /QĐ-UBND", True),             # digits read one by one: handwriting
    ("Số: 12 /QĐ-UBND", "Số: 12/QĐ-UBND", False),                # one space: a split print number
    ("sø. /Ể /QĐ-UBND", "Số: /QĐ-UBND", True),                   # handwriting read with a slash
    ("số /QĐ-UBND", "Số: /QĐ-UBND", False),                      # lower case before the ký hiệu
    ("sø tứ 3É /QĐ-UBND", "Số: /QĐ-UBND", True),                 # ... and before handwriting read as words
    ("Số: 12/HĐ-UBND", "Số: 12/HĐ-UBND", False),                 # HĐ (hợp đồng) is not HD (hướng dẫn)
    ("Số: 02/SYT-GA VI", "Số: 02/SYT-GAVI", False),               # a ký hiệu group cut by a space
    ("Số: 15/KH-UBN D", "Số: 15/KH-UBND", False),
    ("Số: 15/KH-UBND V/v kế hoạch", "Số: 15/KH-UBND V/v kế hoạch", False),  # the V/v run on is no part of it
]

DATE_CASES = [
    # (OCR text, repaired text, a part dropped)
    ("Lâm Đồng, ngay 24 thang 10 nam 2025", "Lâm Đồng, ngày 24 tháng 10 năm 2025", False),
    ("Chư Sẽ, ngày 12 tháng 3 năm 2025", "Chư Sê, ngày 12 tháng 3 năm 2025", False),      # a district's tone mark
    ("Công Hai, ngày 27 tháng 01 năm 2026", "Công Hải, ngày 27 tháng 01 năm 2026", False),  # a commune's
    ("Hà Tĩnh, ngày 5 tháng 1 năm 2026", "Hà Tĩnh, ngày 5 tháng 1 năm 2026", False),      # a province: not a commune's
    ("Hà Nội, ngày23 tháng 4 năm 2026", "Hà Nội, ngày 23 tháng 4 năm 2026", False),
    ("Quảng Ngãi, ngày 2O tháng 3 năm 2018", "Quảng Ngãi, ngày 20 tháng 3 năm 2018", False),
    ("Hà Nội, ngày33 tháng 4 năm 2026", "Hà Nội, ngày … tháng 4 năm 2026", True),     # no day 33
    ("Hà Nội, ngày |Š tháng 12 năm 2025", "Hà Nội, ngày … tháng 12 năm 2025", True),  # handwriting
    ("Hà Nội, ngày 5 tháng 13 năm 2025", "Hà Nội, ngày 5 tháng … năm 2025", True),    # no month 13
    ("TP. Hồ Chí Minh, ngày 01 tháng 02 năm 2O25", "TP. Hồ Chí Minh, ngày 01 tháng 02 năm 2025", False),
    ("la Grai, ngày 20 tháng 11 năm 2025", "Ia Grai, ngày 20 tháng 11 năm 2025", False),  # l read for I
    ("la Pa, ngày 3 tháng 1 năm 2025", "Ia Pa, ngày 3 tháng 1 năm 2025", False),
]

LANDMARK_CASES = [
    ("Kính 8ửi: Bộ Nội vụ", "Kính gửi: Bộ Nội vụ"),
    ("Nơi nhân:", "Nơi nhận:"),
    ("Nơi :", "Nơi nhận:"),                       # the italic word lost
    ("/ơi nhận:", "Nơi nhận:"),                   # the N lost to a pen stroke
    ("ơi nhận: - Như trên;", "Nơi nhận: - Như trên;"),
    ("Nơi: - Như trên;", "Nơi nhận: - Như trên;"),
    ("ANữi nhận: |", "Nơi nhận: |"),              # a speck before the N, ơ read as ữ
    ("Nưi nhận:", "Nơi nhận:"),
    ("Nởi nhận: - Như trên;", "Nơi nhận: - Như trên;"),
    ("V/V triển khai kế hoạch", "V/v triển khai kế hoạch"),
    ("QUYÉT ĐỊNH", "QUYẾT ĐỊNH"),
    ("GIÁM ĐÓC", "GIÁM ĐỐC"),
]

NOT_REPAIRED = [
    "Sở Nội vụ: 12/abc",                                          # Sở is not Số
    "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 02 năm 2025,",  # a body line with a date
    "Số lượng cán bộ",                                            # no code
    "CHỈ THỊ",                                                    # already right
    "Nơi sinh: Kiên Giang",                                       # another Nơi field
]
# fmt: on


@pytest.mark.parametrize("raw,expected,dropped", SO_CASES, ids=[c[0] for c in SO_CASES])
def test_so_line(raw: str, expected: str, dropped: bool) -> None:
    rep = repair_text(raw)
    assert rep is not None
    assert rep.text == expected
    assert rep.doubtful is dropped


@pytest.mark.parametrize("raw,expected,dropped", DATE_CASES, ids=[c[0] for c in DATE_CASES])
def test_date_line(raw: str, expected: str, dropped: bool) -> None:
    rep = repair_text(raw)
    assert rep is not None
    assert rep.text == expected
    assert rep.doubtful is dropped


@pytest.mark.parametrize("raw,expected", LANDMARK_CASES)
def test_landmarks(raw: str, expected: str) -> None:
    rep = repair_text(raw)
    assert rep is not None and rep.text == expected


@pytest.mark.parametrize("raw", NOT_REPAIRED)
def test_not_repaired(raw: str) -> None:
    rep = repair_text(raw)
    assert rep is None or not rep.changed


@pytest.mark.parametrize("raw,conf,expected", [
    ("344", 0.37, None),   # a clean-looking number OCR was unsure of (stylised handwriting)
    ("344", 0.9, "344"),
    ("", 0.1, ""),         # blank stays blank, not doubtful
])
def test_number_confidence(raw: str, conf: float, expected: str | None) -> None:
    assert fix_number(raw, 5, conf)[0] == expected


def test_kyhieu_groups() -> None:
    assert fix_kyhieu("QD-TTG") == "QĐ-TTg"
    assert fix_kyhieu("KH/BCD") == "KH/BCĐ"


def test_repair_lines_keeps_raw_text_in_notes_and_lowers_confidence() -> None:
    lines = [Line(text="Só: #2 /QĐ-TTg", confidence=0.9, source="ocr"), Line(text="Căn cứ Luật", source="ocr")]
    out, notes = repair_lines(lines)
    assert out[0].text == "Số: /QĐ-TTg" and out[0].confidence == 0.3
    assert out[1].text == "Căn cứ Luật"
    assert len(notes) == 1 and "Só: #2 /QĐ-TTg" in notes[0]


# --- closed-vocabulary repairs (extractors.repair_vocab) ---------------------------------
from extractors import repair_vocab as vocab  # noqa: E402

# fmt: off
CAPS_CASES = [
    # (OCR text, signer side, repaired text or None when it must stay)
    ("CÔNG AN TĨNH LÂM ĐÔNG", False, "CÔNG AN TỈNH LÂM ĐỒNG"),       # level word and province diacritics
    # schools and universities: a field read loosely after its head, a city after "ĐẠI HỌC"
    ("TRƯỜNG ĐẠI HỌC CÔNG NGIIỆ THỘNG TIN VÀ TRUYỀN THÒNG VIỆT - HÀN", False,
     "TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN VÀ TRUYỀN THÔNG VIỆT - HÀN"),
    ("ĐẠI HỌC ĐÁ NẴNG", False, "ĐẠI HỌC ĐÀ NẴNG"),
    ("TRƯỜNG ĐẠI HỌC SƯ PHAM HÀ NỘI", False, "TRƯỜNG ĐẠI HỌC SƯ PHẠM HÀ NỘI"),
    ("PHÒNG CÔNG TÁC SINH VIỀN", False, "PHÒNG CÔNG TÁC SINH VIÊN"),
    ("PHÒNG CÔNG T ÁC SINH VIÊN", False, "PHÒNG CÔNG TÁC SINH VIÊN"),   # a space read inside a word
    ("SỞ KHOA HOC VÀ CÔNG NGHÊ TỈNH LÂM ĐÔNG", False, "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH LÂM ĐỒNG"),
    ("TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG VẢ TRUYỀN ÊN THÔNG", False, None),   # words lost: no field is forced on it
    ("TĨNH QUẢNG NGÃl", False, "TỈNH QUẢNG NGÃI"),                  # a letter misread in the province
    ("ỦY BAN NHÂN DẪN", False, "ỦY BAN NHÂN DÂN"),                  # head noun
    ("TM. ỦY BAN NHÂN DẤN", True, "TM. ỦY BAN NHÂN DÂN"),           # head noun after an authority prefix
    ("UBND THÀNH PHÔ HÀ NỘI", False, "UBND THÀNH PHỐ HÀ NỘI"),      # two-word level word
    ("«6 CHÚ TƯỚNG", True, "THỦ TƯỚNG"),                            # junk from the seal, one letter off
    ("GIÁM ĐÓC", True, "GIÁM ĐỐC"),
    ("THỨ TƯỞNG", True, "THỨ TRƯỞNG"),                              # nearest on the unfolded form
    ("UỶ BAN NHÂN DÂN TỈNH HÀ TĨNH", False, None),                  # tone placement and Hà Tĩnh stay
    ("ĐẢNG ỦY XÃ BÌNH LƯ", False, None),                            # a commune spelled right stays
    ("HUYỆN ỦY CHƯ SẼ", False, "HUYỆN ỦY CHƯ SÊ"),                  # district names: the gazetteer
    ("ỦY BAN NHÂN DÂN HUYỆN ĐỨC PHÔ", False, "ỦY BAN NHÂN DÂN HUYỆN ĐỨC PHỔ"),
    ("UBND XÃ CÔNG HAI", False, "UBND XÃ CÔNG HẢI"),                # commune and ward names too
    ("THÀNH PHỐ PLEIKƯ", False, "THÀNH PHỐ PLEIKU"),                # a city under a province
    ("XÃ HOÀNG HOA THÁM MỚI", False, None),                          # not a place: untouched
    ("HUYỆN ỦY ĐỊNH HOÁ", False, None),
    ("XP TỊCH", True, None),                                        # too far from any title: no guess
    ("KT. CHỦ TỊCH", True, None),                                   # already right
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, None),
    ("CHỦ", True, None),                                            # a fragment is not a title
    ("Số: 12/QĐ-UBND", False, None),                                # not a capitals line
    ("QĐ-UBND TĨNH", False, None),                                  # a code: left to the Số grammar
    ("SỞ Y TÉ", False, "SỞ Y TẾ"),                                  # a sector after its head noun
    ("CỤC THUÊ TỈNH BẮC NINH", False, "CỤC THUẾ TỈNH BẮC NINH"),
    ("SỞ THÔNG TIN VÀ TRUYÊN THÔNG", False, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
    ("SỞ Y TẺ KIÊN GIANG", False, "SỞ Y TẾ KIÊN GIANG"),             # ... and its province without a level word
    ("SỞ Y TẾ", False, None),
    ("SỞYTẺÊ", False, "SỞ Y TẾ"),                                  # the rule under it joined the letters
    ("CỤCTHUÊ", False, "CỤC THUẾ"),
    ("SỞNỘIVỤ", False, "SỞ NỘI VỤ"),
    ("KIÊN", False, None),                                          # one word that is no body: untouched
    ("VT, GIÁM ĐÓC", True, "GIÁM ĐỐC"),                             # a stray of the Lưu line beside the title
    ("GIAM ĐỐC ĐỌC", True, "GIÁM ĐỐC"),                             # a word of the title read twice
    ("GIÁM ĐỐC SỞ NỘI VỤ", True, None),                             # a title with its body: nothing cut
]

NAME_CASES = [
    ("Nguyên Hoàng Giang", "Nguyễn Hoàng Giang"),                   # surname diacritic variant
    ("Thiêu tướng Trương Minh Đương", "Thiếu tướng Trương Minh Đương"),  # rank
    ("Trân Văn An", "Trần Văn An"),
    ("Phạm Minh Chính", None),                                      # a valid surname stays
    ("guyền Trúc Giang", "Nguyễn Trúc Giang"),                      # its first letter lost under the seal
    ("uỳnh Văn An", "Huỳnh Văn An"),
    ("ương Văn Hải", None),                                         # Trương, Dương, Lương, Vương: no guess
    ("ang Văn Hải", None),                                          # the tail of several surnames: no guess
    ("Vân Thị Hoa", None),                                          # not in the table, no unique fold: no guess
    ("Hà Nội, ngày 5 tháng 3 năm 2026", None),                      # not a name
    ("CHỦ TỊCH", None),
]

IMPLIED_CASES = [
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"),
    ("K/T GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    ("TM. ỦY BAN NHÂN DÂN", None),                                  # chủ tịch or a deputy: not certain
    ("CHỦ TỊCH", None),
]
# fmt: on


@pytest.mark.parametrize("raw,signer_side,expected", CAPS_CASES, ids=[c[0] for c in CAPS_CASES])
def test_caps_line(raw: str, signer_side: bool, expected: str | None) -> None:
    assert vocab.repair_caps_line(raw, title_line=signer_side) == expected


@pytest.mark.parametrize("raw,expected", NAME_CASES, ids=[c[0] for c in NAME_CASES])
def test_name(raw: str, expected: str | None) -> None:
    assert vocab.repair_name(raw) == expected


@pytest.mark.parametrize("authority,expected", IMPLIED_CASES)
def test_implied_title(authority: str, expected: str | None) -> None:
    assert vocab.implied_title(authority) == expected


def test_vocabulary_sizes() -> None:
    # 63 provinces before the 2025 merger, plus Huế among the 34 after it
    assert len(set(vocab.PROVINCES)) == 64
    assert len(set(vocab.SURNAMES)) == len(vocab.SURNAMES)


def test_repair_lines_vocab_by_column() -> None:
    lines = [
        Line(text="CÔNG AN TĨNH LÂM ĐÔNG", column="left", source="ocr"),
        Line(text="KT. CHỦ TỊCH", column="right", source="ocr"),
        Line(text="(AC Z2", column="right", source="ocr"),           # title read off a seal: junk
        Line(text="Nguyên Hoàng Giang", column="right", source="ocr"),
        Line(text="CÔNG AN TĨNH LÂM ĐÔNG", column="full", source="ocr"),  # body line: not a header cell
    ]
    out, notes = repair_lines(lines)
    assert [ln.text for ln in out] == ["CÔNG AN TỈNH LÂM ĐỒNG", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                       "Nguyễn Hoàng Giang", "CÔNG AN TĨNH LÂM ĐÔNG"]
    assert any("'(AC Z2'" in n and "implied" in n for n in notes)
    assert any("'Nguyên Hoàng Giang'" in n for n in notes)


@pytest.mark.parametrize("raw,expected", [
    ("Quảng Ngãi, tháng 3 năm 2018", "Quảng Ngãi, ngày … tháng 3 năm 2018"),  # `ngày <d>` lost: place kept
    ("#rang thời gian qua, công tác", "Trong thời gian qua, công tác"),      # struck-through body opener
])
def test_lost_landmarks(raw: str, expected: str) -> None:
    rep = repair_text(raw)
    assert rep is not None and rep.text == expected


@pytest.mark.parametrize("raw", ["Báo cáo tháng 3 năm 2018", "trong tháng 3 năm 2018"])
def test_month_phrase_is_not_a_date_line(raw: str) -> None:
    assert repair_text(raw) is None


# fmt: off
DEPUTY_PAIR_CASES = [
    # (first signer line, second signer line, repaired pair or None)
    ("CHỦ TỊCH", "XP TỊCH", ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),        # a seal over KT. and PHÓ
    ("-e={T. CHỦ TỊCH", "TỊCH", ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),    # junk before the head title
    ("GIÁM ĐỐC", "x ĐỐC", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
    ("BỘ TRƯỞNG", "THỨ TRƯỞNG", ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG")),     # a deputy signs for the head
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", None),                           # already right
    ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", None),                        # a collective body's authority
    ("CHỦ TỊCH", "Phạm Trường Thọ", None),                            # the title, then the name
    ("CHỦ TỊCH", "CHỦ TỊCH", None),                                   # one line read twice: no guess
    ("CHỦ TỊCH", "Ä}CHỦ TỊCH", None),                                 # too much junk before the tail
    ("THỦ TƯỚNG", "XP TỊCH", None),                                   # tails differ
    # KT. written in by hand (OCR drops it), the deputy's title printed in full
    ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
    ("VT, GIÁM ĐÓC", "PHÓ GIÁM ĐỐC", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),  # a stray of the Lưu line before it
    ("GIÁM ĐỐC", "MT HÓ GIÁMĐÓC", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),  # the deputy's line misread
    ("HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")),
    ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", None),                        # an authority printed: no pair
    ("GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", None),                            # not the head's deputy
    ("GIAM ĐỐC ĐỌC", "PH“O-ẴGA ĐỐC", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),   # PHÓ GIÁM run together under the seal
    ("CHỦ TỊCH", "PHỐ-HU TỊCH", ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
    ("BỘ TRƯỞNG", "PHỐ-HU TRƯỞNG", None),                             # a minister's deputy is no PHÓ
]
# fmt: on


@pytest.mark.parametrize("first,second,expected", DEPUTY_PAIR_CASES)
def test_deputy_pair(first: str, second: str, expected: tuple[str, str] | None) -> None:
    assert vocab.deputy_pair(first, second) == expected


@pytest.mark.parametrize("tops,prev,expected", [
    ((465, 520), None, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ((450, 465), None, ["CHỦ TỊCH", "XP TỊCH"]),                      # one visual line split in two
    ((465, 520), "TM. ỦY BAN NHÂN DÂN", ["CHỦ TỊCH", "XP TỊCH"]),     # under an authority: the title
])
def test_repair_lines_deputy_pair(tops: tuple[int, int], prev: str | None, expected: list[str]) -> None:
    lines = [Line(text="CHỦ TỊCH", column="right", top=tops[0], source="ocr"),
             Line(text="XP TỊCH", column="right", top=tops[1], source="ocr")]
    if prev:
        lines.insert(0, Line(text=prev, column="right", top=400, source="ocr"))
    out, _ = repair_lines(lines)
    assert [ln.text for ln in out[-2:]] == expected


# a date line its cell wrapped before the year: (lines as (text, column, top), joined texts)
WRAPPED_CASES = [
    ([("TP. Hồ Chí Minh, ngày 22 tháng 9", "right", 621), ("Số: 05/CĐ-UBND", "left", 662), ("năm 2025", "right", 691)],
     ["TP. Hồ Chí Minh, ngày 22 tháng 9 năm 2025", "Số: 05/CĐ-UBND"]),
    ([("Buôn Ma Thuột, ngày 14 tháng 3 năm", "right", 622), ("2024", "right", 692)],
     ["Buôn Ma Thuột, ngày 14 tháng 3 năm 2024"]),
    ([("Hà Nội, ngày 5 tháng", "right", 600), ("3 năm 2O24", "right", 660)],
     ["Hà Nội, ngày 5 tháng 3 năm 2O24"]),
    # complete already, the next line is no part of it
    ([("Hà Nội, ngày 5 tháng 3 năm 2024", "right", 600), ("2024", "right", 660)],
     ["Hà Nội, ngày 5 tháng 3 năm 2024", "2024"]),
    # the rest is in the other column, or too far below
    ([("Hà Nội, ngày 5 tháng 3 năm", "right", 600), ("2024", "left", 660)],
     ["Hà Nội, ngày 5 tháng 3 năm", "2024"]),
    ([("Hà Nội, ngày 5 tháng 3 năm", "right", 600), ("2024", "right", 900)],
     ["Hà Nội, ngày 5 tháng 3 năm", "2024"]),
    # a body phrase is no date line
    ([("trước ngày 5 tháng", "right", 600), ("3 năm 2024", "right", 660)],
     ["trước ngày 5 tháng", "3 năm 2024"]),
]


@pytest.mark.parametrize("rows,expected", WRAPPED_CASES, ids=[c[1][0] for c in WRAPPED_CASES])
def test_join_wrapped_dates(rows: list[tuple[str, str, int]], expected: list[str]) -> None:
    from extractors.repair import join_wrapped_dates

    lines = [Line(text=t, column=c, top=top, x0=1300.0, x1=2000.0, source="ocr") for t, c, top in rows]
    assert [ln.text for ln in join_wrapped_dates(lines)] == expected
