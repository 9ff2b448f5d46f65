"""Tone marks restored on OCR text where the rules' own phrases were misread."""
from __future__ import annotations

import pytest

from extractors.repair_tones import repair_tones, tone_fold

# fmt: off
CASES = [
    # (OCR text, expected, why)
    ("Sở Y tê đê nghị các đơn vị tiên hành rà soát", "Sở Y tế đề nghị các đơn vị tiến hành rà soát",
     "three tones lost on ê"),
    ("Giao Sở Nội vụ chu trì, phôi hợp với các sở thâm định", "Giao Sở Nội vụ chủ trì, phối hợp với các sở thẩm định",
     "tones lost on u, ô, â"),
    ("Đê nghị thủ trưởng các đơn vị triên khai", "Đề nghị thủ trưởng các đơn vị triển khai",
     "a capital keeps its case"),
    ("Sau khi ký, để nghị các TTYT tập hợp biên bản", "Sau khi ký, đề nghị các TTYT tập hợp biên bản",
     "a request word with a wrong tone (hook for grave)"),
    ("Nhận được công văn, đế nghị các đơn vị thực hiện", "Nhận được công văn, đề nghị các đơn vị thực hiện",
     "a request word with a wrong tone (acute for grave)"),
    ("Sở Y tế yếu cầu các cơ sở báo cáo trước ngảy 10/3", "Sở Y tế yêu cầu các cơ sở báo cáo trước ngày 10/3",
     "a request and a deadline word, each with a wrong tone"),
    ("Nhận được công văn, đẻ nghị các đơn vị thực hiện", "Nhận được công văn, đẻ nghị các đơn vị thực hiện",
     "a base letter misread too (e for ê): not the same letters, left alone"),
    ("Chủ tịch UBND các huyện, thị xã, thành phô bám sát địa bàn", "Chủ tịch UBND các huyện, thị xã, thành phố bám sát địa bàn",
     "a level word that ends a list of units"),
    ("đến từng đơn vị, các đại biêu lưu ý mang theo", "đến từng đơn vị, các đại biểu lưu ý mang theo",
     "a plural marker makes no word with the syllable after it"),
    # left alone
    ("để nghị quyết sớm đi vào cuộc sống", "để nghị quyết sớm đi vào cuộc sống",
     "a request word's look-alike inside a word with its neighbour"),
    ("để nghiên cứu và đề xuất", "để nghiên cứu và đề xuất", "another syllable after để"),
    ("trong đó có các cơ sở y tế", "trong đó có các cơ sở y tế", "a phrase that is no dictionary word stays"),
    ("Ban Thường vụ Tỉnh ủy tỉnh thực hiện", "Ban Thường vụ Tỉnh ủy tỉnh thực hiện",
     "a syllable that makes a word with its neighbour"),
    ("Lê Hoàng Anh, Kiên Giang", "Lê Hoàng Anh, Kiên Giang", "capitalised pairs: a person, a place"),
    ("SỞ Y TÊ TỈNH KIÊN GIANG", "SỞ Y TÊ TỈNH KIÊN GIANG", "a capitals line is the header's repair"),
    ("các cơ quan cùng cấp", "các cơ quan cùng cấp", "a syllable printed with a tone is kept"),
    ("Ủy ban nhân dân và Uỷ ban nhân dân", "Ủy ban nhân dân và Uỷ ban nhân dân", "tone placement is no error"),
]
# fmt: on


@pytest.mark.parametrize("text,expected", [c[:2] for c in CASES], ids=[c[2] for c in CASES])
def test_repair_tones(text, expected):
    got, changes = repair_tones(text)
    assert got == expected
    assert len(got) == len(text)  # offsets into the line stay valid
    assert bool(changes) == (text != expected)


def test_tone_fold_keeps_the_letters_own_marks():
    assert tone_fold("tiến hành") == "tiên hanh"
    assert tone_fold("Đề nghị") == "Đê nghi"
    assert tone_fold("cắc cớ") != tone_fold("các cơ")
