"""How readings of a handwritten number or day become a value (pipeline.readers.ocr.vote):
Tesseract's clear-majority vote, PP-OCR's agreement vote, and the two together."""
from __future__ import annotations

import pytest

from pipeline.readers.ocr import vote as dv

# fmt: off
VOTES = [
    # Tesseract's readings, valid, expected
    (["729"] * 16 + ["29"] * 4 + ["429"] * 4, dv.valid_number, "729"),     # clear majority
    (["23"] * 12 + ["3"] * 7 + ["43"] * 5, dv.valid_number, None),          # half, but runner-up too close
    (["258"] * 5 + ["4"] * 4 + [""] * 15, dv.valid_number, None),           # no majority
    (["46"] * 14 + ["4"] * 5 + [""] * 5, dv.valid_day(1, 2025), None),      # majority, but no day 46
    (["30"] * 20 + [""] * 4, dv.valid_day(2, 2025), None),                  # no 30 February
    (["29"] * 20 + [""] * 4, dv.valid_day(2, 2024), "29"),                  # leap year
    (["0"] * 20, dv.valid_number, None),                                     # no number 0
    (["123456"] * 20, dv.valid_number, None),                                # at most 5 digits
    ([], dv.valid_number, None),
]

REC_VOTES = [
    # PP-OCR's eight readings, valid, expected
    (["89"] * 8, dv.valid_number, "89"),
    (["298", "298", "", "298", "9", "8", "", ""], dv.valid_number, "298"),  # faint ink: some variants read nothing
    (["5689"] * 5 + ["589"] * 3, dv.valid_number, "5689"),                  # a variant that lost a digit is no rival
    (["16"] * 5 + ["46"] * 3, dv.valid_day(12, 2025), "16"),                # 46 is no day
    (["16"] * 5 + ["15"] * 3, dv.valid_day(12, 2025), None),                # a real rival, too close
    (["07"] * 6 + ["0"] * 2, dv.valid_number, "07"),
    (["23", "23", "", "", "", "", "", ""], dv.valid_number, None),           # two agreeing readings are not enough
    (["8", "", "", "", "", "", "", ""], dv.valid_day(3, 2018), None),
    (["12", "12", "12", "21", "21", "", "7", "4"], dv.valid_number, None),   # most read something else
]

DECIDE = [
    # Tesseract, PP-OCR, digits written apart, expected (value, weak)
    (["729"] * 16 + [""] * 8, ["729"] * 8, 3, ("729", "729")),              # both agree
    (["5"] * 5 + ["8"] * 3 + [""] * 16, ["5689"] * 8, 4, ("5689", None)),    # Tesseract undecided: PP-OCR decides
    (["932"] * 20 + [""] * 4, ["93"] * 8, 2, (None, None)),                 # each clearly gives another value
    ([""] * 24, ["93"] * 8, 3, (None, None)),                                # fewer digits than were written
    (["26"] * 15 + [""] * 9, ["261"] * 8, 2, ("261", "26")),                 # Tesseract lost a digit
    (["2610"] * 15 + [""] * 9, ["261"] * 8, 3, (None, None)),                # ... but never PP-OCR
    (["23"] * 12 + ["3"] * 7 + [""] * 5, [], 2, (None, "23")),               # no PP-OCR: Tesseract's weak plurality
]
# fmt: on


@pytest.mark.parametrize("readings,valid,expected", VOTES)
def test_vote(readings: list[str], valid, expected: str | None) -> None:
    assert dv.vote(readings, valid) == expected


@pytest.mark.parametrize("readings,valid,expected", REC_VOTES)
def test_rec_vote(readings: list[str], valid, expected: str | None) -> None:
    assert dv.rec_vote(readings, valid) == expected


@pytest.mark.parametrize("tess,rec,apart,expected", DECIDE)
def test_decide(tess: list[str], rec: list[str], apart: int, expected) -> None:
    assert dv.decide(tess, rec, dv.valid_number, apart) == expected


@pytest.mark.parametrize("rec,value,expected", [
    (["28"] * 8, "28", True),
    (["28"] * 6 + ["", ""], "28", True),
    (["28"] * 5 + ["26"] * 3, "28", False),
    ([], "28", False),
    (["28"] * 8, None, False),
])
def test_strong(rec: list[str], value, expected: bool) -> None:
    assert dv.strong(rec, value) is expected
