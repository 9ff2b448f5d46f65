"""Class 19: a text layer that spaces out the glyphs carrying diacritics is joined back."""
from __future__ import annotations

import pytest

from pipeline.readers.geometry import Word
from pipeline.readers.syllables import join_spaced_marks, join_tokens


def _join(text: str) -> str:
    toks = text.split(" ")
    return " ".join("".join(toks[k] for k in g) for g in join_tokens(toks))


# fmt: off
CASES = [
    # (text layer, expected, why)
    ("H Ộ I ĐỒ NG NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "a marked capital set apart on both sides"),
    ("ĐỒ NG THÁP", "ĐỒNG THÁP", "the coda spaced after the marked vowel"),
    ("ỦY BAN NH Â N D Â N TỈNH", "ỦY BAN NHÂN DÂN TỈNH", "three pieces per word"),
    ("C Ộ NG H Ò A XÃ H Ộ I CH Ủ NGH Ĩ A", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "the national motto"),
    ("Đ ồng Tháp, ngày 12 tháng 3", "Đồng Tháp, ngày 12 tháng 3", "lower case pieces"),
    ("UBND T Ỉ NH", "UBND TỈNH", "an abbreviation before a spaced word stays apart"),
    ("ĐỒ NG, ngày", "ĐỒNG, ngày", "punctuation after the last piece"),
    # unchanged: real words and abbreviations
    ("Sở GD ĐT tỉnh", "Sở GD ĐT tỉnh", "abbreviations are not pieces"),
    ("Phòng Tài chính - Kế hoạch", "Phòng Tài chính - Kế hoạch", "ordinary text"),
    ("điểm đ khoản 1 Điều 5", "điểm đ khoản 1 Điều 5", "a point letter stays a word"),
    ("Trường THPT Chu Văn An", "Trường THPT Chu Văn An", "a school's abbreviation"),
    ("PHẦN I. NHIỆM VỤ", "PHẦN I. NHIỆM VỤ", "a Roman numeral"),
    ("Hội X, Hội Y", "Hội X, Hội Y", "a single capital after a word"),
]
# fmt: on


@pytest.mark.parametrize("text,expected,why", CASES, ids=[c[2] for c in CASES])
def test_join_tokens(text: str, expected: str, why: str) -> None:
    assert _join(text) == expected


def test_combining_marks_apart_join_their_letter() -> None:
    words = [Word("ĐÔ", 10, 22, 100, 112, size=12), Word("\u0300", 22, 23, 100, 112, size=12),
             Word("NG", 24, 37, 100, 112, size=12)]
    out = join_spaced_marks(words)
    assert [w.text for w in out] == ["ĐỒNG"]
    assert (out[0].x0, out[0].x1) == (10, 37)


def test_words_on_other_lines_or_far_apart_are_not_joined() -> None:
    words = [Word("ĐỒ", 10, 30, 100, 112, size=12), Word("NG", 10, 30, 130, 142, size=12),
             Word("ĐỒ", 300, 320, 100, 112, size=12), Word("NG", 400, 420, 100, 112, size=12)]
    assert [w.text for w in join_spaced_marks(sorted(words, key=lambda w: (w.top, w.x0)))] == ["ĐỒ", "ĐỒ", "NG", "NG"]
