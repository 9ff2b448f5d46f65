"""OCR word filters and bands on hand-made word boxes (300-dpi pixels): no Tesseract needed."""
from __future__ import annotations

import pytest

from pipeline.readers.geometry import Word
from pipeline.readers.ocr.page import _holes
from pipeline.readers.ocr.clean import drop_noise, header_band


def _row(spec: str, top: float = 1000, h: float = 45, conf: float = 0.95) -> list[Word]:
    """Words of one printed row, 30 px apart; a word written `text@c` has confidence c."""
    out, x = [], 380.0
    for tok in spec.split():
        text, _, c = tok.partition("@")
        w = 25.0 * len(text)
        out.append(Word(text, x, x + w, top, top + h, conf=float(c) if c else conf))
        x += w + 30
    return out


# fmt: off
NOISE_CASES = [
    # a doubted word of a printed line is kept: dropped, it would split the line in two
    ("- Trung tâm Giáo dục nghề tghiỆp@0.0 - Giáo dục thường xuyên", "tghiỆp"),
    ("- Lưu: VI,@0.05 VP.", "VI,"),
    ("- Sở GD&@0.0 ĐT;@0.0 Huyện ủy", "GD&"),
    # punctuation and single marks read with no confidence are specks
    ("- Lưu: ~@0.0 VP. xã", None),
    ("Như trên; ,@0.1 xã", None),
]
# fmt: on


@pytest.mark.parametrize("spec,kept", NOISE_CASES, ids=[c[0] for c in NOISE_CASES])
def test_drop_noise_keeps_doubted_words_of_a_sure_row(spec: str, kept: str | None) -> None:
    words = _row(spec)
    out = {w.text for w in drop_noise(words)}
    doubted = {w.text for w in words if (w.conf or 0) < 0.15}
    if kept is None:
        assert not out & doubted
    else:
        assert kept in out


def test_drop_noise_drops_a_doubted_word_out_of_the_row() -> None:
    words = _row("Như trên; Lưu: xã")
    # far to the right of the row's words, or much taller (a signature stroke)
    words += [Word("Hùng", 2000, 2100, 1000, 1045, conf=0.0), Word("Mlnh", 700, 800, 950, 1100, conf=0.0)]
    assert {w.text for w in drop_noise(words)} == {"Như", "trên;", "Lưu:", "xã"}


def test_holes_fill_a_crop_row_from_the_page() -> None:
    page = _row("- Sở GD&ĐT; Lưu@0.5")
    crop = [w for w in _row("- Sở GD&ĐT; Lưu@0.5") if w.text in ("-", "Sở")]
    filled = [w.text for w in _holes(page, crop)]
    # the sure page word beside the crop's row comes back; the unsure one does not
    assert filled == ["GD&ĐT;"]
    # a page word that a crop word overlaps is the crop's to read
    assert _holes(page, _row("- Sở GD&ĐT;")) == []


def _header(date_rows: list[str]) -> list[Word]:
    words = [*_row("ỦY BAN NHÂN DÂN", top=300), *[Word(t, 1300 + 160 * i, 1440 + 160 * i, 300, 345, conf=0.95)
                                                   for i, t in enumerate("CỘNG HÒA XÃ HỘI".split())]]
    words += _row("Số: 05/CĐ-UBND", top=660)
    for k, text in enumerate(date_rows):
        top = 620 + 70 * k
        words += [Word(t, 1330 + 150 * i, 1460 + 150 * i, top, top + 38, conf=0.95) for i, t in enumerate(text.split())]
    words += _row("CÔNG ĐIỆN", top=800)
    return words



def test_holes_in_the_signer_cell_take_only_a_name_word() -> None:
    # under a seal or a signature the page reads scribbles as letters and marks:
    # only a capitalised word of letters fills a hole there
    page = _row("Rơ Châm Thị H'Lan")
    crop = [w for w in page if w.text != "H'Lan"]
    assert [w.text for w in _holes(page, crop, letters_only=True)] == ["H'Lan"]
    page = _row("Rơ Châm Thị /#~y")
    crop = [w for w in page if w.text != "/#~y"]
    assert _holes(page, crop, letters_only=True) == []


@pytest.mark.parametrize("date_rows,bottom_over", [
    (["TP. Huế, ngày 22 tháng 9 năm 2025"], 698),
    # wrapped: the band reaches under the year's row, below the Số row
    (["TP. Huế, ngày 22 tháng 9", "năm 2025"], 748),
])
def test_header_band_takes_a_wrapped_date_line(date_rows: list[str], bottom_over: float) -> None:
    band = header_band(_header(date_rows), 2550, 3300)
    assert band is not None
    top, bottom, split = band
    assert bottom_over < bottom < 800  # never into the title's row
    assert 1000 < split < 1330


def _page_with(rule: tuple[int, int, int, int] | None, text_row: bool = False):
    """A white 2550-px-wide strip; `rule` = (x0, y, x1, thickness) drawn in black."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (2550, 300), 255)
    draw = ImageDraw.Draw(img)
    if rule is not None:
        x0, y, x1, t = rule
        draw.rectangle((x0, y, x1, y + t - 1), fill=0)
    if text_row:  # letters: short strokes far apart
        for x in range(400, 2100, 40):
            draw.rectangle((x, 100, x + 4, 140), fill=0)
    return img


@pytest.mark.parametrize("rule,text_row,found", [
    ((1100, 150, 1450, 3), False, True),     # a drawn rule under the title
    ((1230, 150, 1320, 5), False, True),     # a short printed `-----`
    ((1100, 150, 1450, 3), True, True),      # the line above does not hide it
    ((380, 150, 2170, 2), False, False),     # a table border: too wide
    ((300, 150, 700, 3), False, False),      # not centred: an underline in a cell
    ((1100, 150, 1450, 40), False, False),   # a block of ink, not a rule
    (None, True, False),                     # text only
])
def test_rule_between(rule, text_row: bool, found: bool) -> None:
    from pipeline.readers.ocr.clean import rule_between

    hit = rule_between(_page_with(rule, text_row), 0, 300)
    assert (hit is not None) is found
    if found:
        assert abs(hit[0] - (rule[1] + rule[3] / 2)) < 4
