"""OCR repairs of what the body cites (extractors.repair_cites): the type part of a state
code and the day of a cited date, only where the grammar allows one reading."""
from __future__ import annotations

import pytest

from extractors.repair_cites import fix_day, fix_type, repair_cites

# fmt: off
TYPES = [
    # type part as OCR read it, expected repair (None: stays as read)
    ("TTYr", "TTr"),        # a stray capital in Tờ trình's TTr
    ("TTì r", "TTr"),       # a marked letter and a space
    ("Kh", "KH"),           # the same letters, case lost
    ("Qđ", "QĐ"),
    ("TTr", None),          # already an abbreviation
    ("TTg", None),
    ("QD", None),           # capitals: may be an issuer's own abbreviation
    ("CAT", None),          # Công an tỉnh in '12/CAT-PV01', one edit from CT
    ("BCA", None),
    ("VPCP", None),
    ("Hd", None),           # HD (Hướng dẫn) or HĐ (Hợp đồng): cannot tell
    ("Xyz", None),          # near no abbreviation
]

DAYS = [
    ("I7", "17"), ("2l", "21"), ("O9", "09"),
    ("17", None),           # digits already
    ("I", None),            # one letter alone is no day
    ("TTrB", None),         # Thanh tra Bộ: a type's letters with capitals added name an issuer
    ("TTrT", None),
    ("II", None),           # two letters: not one confusion
    ("4I", None),           # 41 is no day
]

LINES = [
    ("Tờ trình số 10/TTì r-HĐND ngày 14 tháng 4 năm 2026",
     "Tờ trình số 10/TTr-HĐND ngày 14 tháng 4 năm 2026"),
    ("Căn cứ Nghị định số 300/2025/NĐ-CP ngày I7 tháng",
     "Căn cứ Nghị định số 300/2025/NĐ-CP ngày 17 tháng"),
    ("Công văn số 5689/BCA-C04 ngày 16 tháng 12 năm 2025; 85/VP-TTHC",     # nothing to repair
     "Công văn số 5689/BCA-C04 ngày 16 tháng 12 năm 2025; 85/VP-TTHC"),
    ("Kế hoạch số 458-KH/ĐU ngày 05/01/2026",                               # Party codes left alone
     "Kế hoạch số 458-KH/ĐU ngày 05/01/2026"),
    ("đến ngày Il tháng sau",                                                 # two letters: stays
     "đến ngày Il tháng sau"),
    # the date words' vowels misread between a date's numbers
    ("- Thời gian: Từ 13h30 ngày 19 thắng 03 nãm 2022", "- Thời gian: Từ 13h30 ngày 19 tháng 03 năm 2022"),
    ("trước ngày 20 thàng 5 nám 2021", "trước ngày 20 tháng 5 năm 2021"),
    ("ngày 7 tháng 11 nầm 2017", "ngày 7 tháng 11 năm 2017"),
    ("giành thắng lợi năm 2022", "giành thắng lợi năm 2022"),                 # no date around it: stays
    ("Thực hiện Kế hoạch số 2195/KH-§YT ngày 29/11/2017", "Thực hiện Kế hoạch số 2195/KH-SYT ngày 29/11/2017"),
    ("Công văn số 12/§YT-NVY", "Công văn số 12/SYT-NVY"),                    # S read as a section sign
    ("theo § 2 của Quy chế", "theo § 2 của Quy chế"),                         # a real section sign stays
    # the slash between number and type lost after "số"
    ("Thực hiện Kế hoạch số 1236KH-SYT ngày 26 tháng 7", "Thực hiện Kế hoạch số 1236/KH-SYT ngày 26 tháng 7"),
    ("theo Quyết định số 15 QĐ-UBND ngày 02/3/2018", "theo Quyết định số 15/QĐ-UBND ngày 02/3/2018"),
    ("Công văn số 245SKHCN-KHCN", "Công văn số 245SKHCN-KHCN"),                # no type abbreviation: stays
    ("năm 2017 KH-SYT", "năm 2017 KH-SYT"),                                  # no "số" before it: stays
]
# fmt: on


@pytest.mark.parametrize("part,expected", TYPES)
def test_fix_type(part: str, expected: str | None) -> None:
    assert fix_type(part) == expected


@pytest.mark.parametrize("raw,expected", DAYS)
def test_fix_day(raw: str, expected: str | None) -> None:
    assert fix_day(raw) == expected


@pytest.mark.parametrize("line,expected", LINES)
def test_repair_cites(line: str, expected: str) -> None:
    text, notes = repair_cites(line)
    assert text == expected
    assert bool(notes) == (line != expected)
