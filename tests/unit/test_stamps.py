"""The signer's title and name from red rubber stamps and from a seal-covered cell (issue 8, classes 11, 14)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.readers.ocr.stamps import ink_rows, merge, stamp_row
from pipeline.readers.geometry import Word

# fmt: off
ROWS = [
    # (a row as read, what a stamp prints or None)
    ("Lê Hoàng Anh", "Lê Hoàng Anh"),                    # a name whose surname is in the table
    ("Nguyễn Trúc Giang. |", "Nguyễn Trúc Giang"),       # read with a stop and a rule
    ("Nguyên Văn Hải", "Nguyễn Văn Hải"),                # the surname's marks repaired
    ("GIÁM ĐÓC", "GIÁM ĐỐC"),                            # a title, one mark off
    ("PHÓ GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    ("KT. GIÁM ĐỐC", "KT. GIÁM ĐỐC"),                    # an authority with its title
    ("KT GIÁM ĐÓC", "KT. GIÁM ĐỐC"),                     # its stop lost
    ("SỞ Y TẾ", None),                                   # the seal's own text
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None),         # the seal's rim
    ("Kiên Giang", None),                                # capitalised words that are no name
    ("Z2TReGiXM ị GIÁ ĐỐC ị", None),                     # scribble round a title: no guess
    ("Trần Vănø Bình", None),                            # a letter no name has: read the row again
    ("", None),
]
# fmt: on


@pytest.mark.parametrize("raw,expected", ROWS, ids=[r[0] or "empty" for r in ROWS])
def test_stamp_row(raw: str, expected: str | None) -> None:
    assert stamp_row(raw) == expected


def test_merge_replaces_the_page_words_a_stamp_row_covers() -> None:
    page = [Word("Lê", 100, 140, 500, 540, conf=0.3), Word("Hoàng", 150, 260, 500, 540, conf=0.2),
            Word("Nơi", 10, 60, 500, 540, conf=0.9)]
    stamp = Word("Lê Hoàng Anh", 95, 330, 495, 545, conf=0.9)
    assert [w.text for w in merge(page, [stamp])] == ["Nơi", "Lê Hoàng Anh"]


def _font(size: int):
    from PIL import ImageFont

    for d in (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation")):
        if (d / "LiberationSerif-Bold.ttf").exists():
            return ImageFont.truetype(str(d / "LiberationSerif-Bold.ttf"), size)
    pytest.skip("Liberation fonts not installed")


def _signer_cell(ink: tuple[int, int, int], seal: tuple[int, int, int]):
    """A page's signer block: title, a seal ring over it, a signature stroke, the name under."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (1400, 900), "white")
    d = ImageDraw.Draw(img)
    d.text((600, 60), "GIÁM ĐỐC", font=_font(54), fill=ink)
    d.ellipse((380, 130, 800, 550), outline=seal, width=14)
    d.text((480, 300), "SỞ Y TẾ", font=_font(48), fill=seal)
    d.line((420, 420, 1200, 380), fill=(30, 30, 200), width=5)
    d.text((560, 640), "Lê Hoàng Anh", font=_font(56), fill=ink)
    return img


def test_ink_rows_find_the_name_under_a_seal() -> None:
    from PIL import ImageOps

    gray = ImageOps.grayscale(_signer_cell((0, 0, 0), (0, 0, 0)))
    rows = ink_rows(gray, (0, 0, gray.width, gray.height))
    assert any(a <= 660 and b >= 690 for a, b in rows)  # the name's line stands apart


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_red_name_stamp_is_read_apart_from_the_seal() -> None:
    from pipeline.readers.ocr.clean import prepare_pair
    from pipeline.readers.ocr.stamps import stamp_words

    red_ink = (200, 30, 40)
    gray, red = prepare_pair(_signer_cell(red_ink, red_ink))
    assert red is not None
    # the red was taken out of the page ...
    assert gray.crop((560, 640, 1000, 720)).getextrema()[0] > 200
    # ... and the stamp is read from the red layer; the seal's text is not taken
    texts = [w.text for w in stamp_words(red, top_share=0.0)]
    assert "Lê Hoàng Anh" in texts and "GIÁM ĐỐC" in texts
    assert not any("SỞ" in t for t in texts)


def _seal_page(name_at: tuple[int, int]):
    """A 300-dpi page's lower half in red ink: a round seal of two rings with text round its rim
    and in its middle, and the signer's name stamped at `name_at` (touching the rim)."""
    from PIL import Image, ImageDraw

    red = (200, 30, 40)
    img = Image.new("RGB", (2480, 1200), "white")
    d = ImageDraw.Draw(img)
    cx, cy, r = 1300, 500, 200
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=8)
    d.ellipse((cx - 130, cy - 130, cx + 130, cy + 130), outline=red, width=5)
    d.text((cx - 60, cy - 40), "SỞ Y TẾ", font=_font(40), fill=red)
    for i, ch in enumerate("CỘNG HÒA XHCN VIỆT NAM"):      # letters round the rim, between the rings
        import math
        a = math.pi * (1.1 + 0.8 * i / 21)
        d.text((cx + 165 * math.cos(a) - 10, cy + 165 * math.sin(a) - 12), ch, font=_font(26), fill=red)
    d.text(name_at, "Lê Hoàng Anh", font=_font(60), fill=red)
    return img


def test_blank_seals_whitens_the_seal_and_keeps_the_stamp_beside_it() -> None:
    pytest.importorskip("cv2")
    from PIL import ImageOps

    from pipeline.readers.ocr.stamps import blank_seals

    page = ImageOps.grayscale(_seal_page((1380, 690)))
    out = blank_seals(page)
    assert out.crop((1100, 300, 1500, 700)).getextrema()[0] > 200          # rings, rim and middle gone
    assert out.crop((1520, 700, 1800, 760)).getextrema()[0] < 100          # the name's letters kept
    assert blank_seals(ImageOps.grayscale(_seal_page((100, 100))).crop((0, 0, 900, 300))).getextrema()[0] < 100


@pytest.mark.parametrize("blobs,expected", [
    ([(10, 60)], [(10, 60)]),                      # read without the blank margins
    ([(10, 60), (300, 420)], [(10, 60), (300, 420)]),   # a seal's rim and a name: apart
    ([(10, 60), (80, 140)], [(10, 140)]),          # a word gap, under a row's height: one run
    ([(10, 60), (300, 302)], [(10, 60)]),          # a speck is no run
    ([(0, 500)], []),                              # one run across the row: nothing new to read
])
def test_ink_runs_of_a_row(blobs, expected) -> None:
    from PIL import Image, ImageDraw

    from pipeline.readers.ocr.stamps import _ink_runs

    band = Image.new("L", (500, 40), 255)
    d = ImageDraw.Draw(band)
    for a, b in blobs:
        d.rectangle((a, 5, b - 1, 34), fill=0)
    assert _ink_runs(band, 0, 500, 0, 40) == expected


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_a_name_stamped_against_the_seal_rim_is_read() -> None:
    pytest.importorskip("cv2")
    from pipeline.readers.ocr.clean import prepare_pair
    from pipeline.readers.ocr.stamps import stamp_words

    _, red = prepare_pair(_seal_page((1425, 640)))       # in the rows of the seal's lower rim
    assert red is not None
    assert "Lê Hoàng Anh" in [w.text for w in stamp_words(red, top_share=0.0)]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_a_row_the_page_read_run_together_is_not_added_again() -> None:
    from PIL import ImageOps

    from pipeline.readers.ocr.stamps import rescue_rows

    gray = ImageOps.grayscale(_signer_cell((0, 0, 0), (0, 0, 0)))
    box = (0, 0, gray.width, gray.height)
    assert "Lê Hoàng Anh" in [w.text for w in rescue_rows(gray, box, [])]
    page = [Word("LêHoàngAnh", 560, 900, 650, 712, conf=0.8)]           # the page's reading, spaces lost
    assert "Lê Hoàng Anh" not in [w.text for w in rescue_rows(gray, box, page)]


# a row at x 1000-1400, rows 500-560 (60 px high); ink the seal's whitening took, as (x0, x1)
@pytest.mark.parametrize("taken,expected", [
    ([], False),                    # nothing whitened
    ([(900, 960)], False),          # the seal's ink, 40 px off the row's first letter: not its own
    ([(975, 995)], True),           # right against its first letter: a word may have gone with it
    ([(1405, 1420)], True),         # against its last letter
])
def test_a_row_against_a_whitened_seal_is_not_taken(taken, expected) -> None:
    from PIL import Image, ImageDraw

    from pipeline.readers.ocr.stamps import _cut_by

    before = Image.new("L", (2000, 1000), 255)
    d = ImageDraw.Draw(before)
    d.rectangle((1000, 510, 1399, 549), fill=0)                      # the row's own letters
    for a, b in taken:
        d.rectangle((a, 505, b - 1, 555), fill=0)
    after = before.copy()
    for a, b in taken:
        ImageDraw.Draw(after).rectangle((a, 505, b - 1, 555), fill=255)
    assert _cut_by(Word("Hoàng Anh", 1000, 1400, 500, 560), before, after) is expected


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_a_name_half_under_the_seal_gives_no_shorter_name() -> None:
    pytest.importorskip("cv2")
    from pipeline.readers.ocr.clean import prepare_pair
    from pipeline.readers.ocr.stamps import stamp_words

    _, red = prepare_pair(_seal_page((1330, 640)))       # "Lê" inside the disc the seal is whitened with
    assert red is not None
    texts = [w.text for w in stamp_words(red, top_share=0.0)]
    assert not any(t.endswith("Hoàng Anh") and t != "Lê Hoàng Anh" for t in texts) and "Hoàng Anh" not in texts


# --- rows of the signer's cell in black-and-white scans (classes: a row the band cuts, two
# stamped lines set solid, a stroke across the name, junk round a title) ---------------

def _bars(bars: list[tuple[int, int]], width: int = 1000, height: int = 1000):
    """A page of black bars over 40% of its width: (top, bottom) rows of print."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (width, height), 255)
    d = ImageDraw.Draw(img)
    for a, b in bars:
        d.rectangle((300, a, 700, b - 1), fill=0)
    return img


@pytest.mark.parametrize("bars,box,want,why", [
    ([(100, 140), (640, 700)], (0, 50, 1000, 660), [(100, 140), (640, 700)], "the name the band's bottom cuts"),
    ([(60, 110), (300, 340)], (0, 80, 1000, 400), [(60, 110), (300, 340)], "the authority its top cuts"),
    ([(100, 140), (760, 800)], (0, 50, 1000, 700), [(100, 140)], "a line wholly under the box is not the cell's"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_ink_rows_follow_a_line_across_the_box_edge(bars, box, want, why) -> None:
    assert ink_rows(_bars(bars), box) == want


@pytest.mark.parametrize("parts,want,why", [
    # (runs of (height, ink share) from the top, (start, end) rows kept)
    ([(40, 0.2), (100, 0.05), (45, 0.15)], [(0, 40), (140, 185)], "a title and a name joined by the seal's rim"),
    ([(35, 0.25), (150, 0.04)], [(0, 35)], "a title over the seal"),
    ([(300, 0.05)], [], "a seal alone is no line"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_a_run_taller_than_a_line_is_cut_at_a_higher_share(parts, want, why) -> None:
    from pipeline.readers.ocr.stamps import _line_runs

    profile = [share for height, share in parts for _ in range(height)]
    assert _line_runs(profile, 0, len(profile), 0.03) == want


@pytest.mark.parametrize("stroke,kept", [(2, False), (3, False), (4, False), (8, True), (12, True)])
def test_the_opened_cell_loses_a_pen_stroke_and_keeps_bold_print(stroke: int, kept: bool) -> None:
    from PIL import Image, ImageDraw

    from pipeline.readers.ocr.stamps import _opened

    img = Image.new("L", (1000, 600), 255)
    ImageDraw.Draw(img).rectangle((100, 300, 900, 300 + stroke - 1), fill=0)
    out = _opened(img, (0, 100, 1000, 500))
    assert (out.crop((100, 290, 900, 320)).getextrema()[0] < 100) is kept


def _w(*tokens: tuple[str, float]) -> list[Word]:
    return [Word(t, 100 * i, 100 * i + 80, 0, 40, conf=c) for i, (t, c) in enumerate(tokens)]


@pytest.mark.parametrize("words,want,why", [
    (_w(("L“1..", 0.0), ("GIAM", 0.6), ("ĐỌC", 0.8)), ("GIÁM ĐỐC", 0.7), "a hand-written KT. read as junk"),
    (_w(("ˆ", 0.1), ("Trần", 0.9), ("Văn", 0.9), ("Bình", 0.9), ("_.", 0.0)), ("Trần Văn Bình", 0.9), "marks both sides"),
    (_w(("KT.", 0.8), ("CHỦ", 0.8), ("TỊCH", 0.8)), ("KT. CHỦ TỊCH", 0.8), "nothing to drop"),
    (_w(("SỞ", 0.9), ("Y", 0.9), ("TẾ", 0.9)), None, "the seal's words are no title, short ones kept"),
    (_w(("£€-I.X", 0.0), ("|", 0.3)), None, "junk only"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_junk_at_a_rows_ends_is_dropped_and_not_counted(words, want, why) -> None:
    from pipeline.readers.ocr.stamps import _kept_reading

    got = _kept_reading(words)
    assert (got if got is None else (got[0], round(got[1], 2))) == want


def _stamp_cell(first: str, second: str, lead: int, name: str, stroke: bool = False):
    """A signer's cell at 300 dpi: two title lines of a 14-pt stamp `lead` px closer than
    their type (their letters touching), and the name, a pen stroke across its first letter."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (1300, 700), 255)
    d = ImageDraw.Draw(img)
    f = _font(58)
    b1, b2 = d.textbbox((0, 0), first, font=f), d.textbbox((0, 0), second, font=f)
    d.text((650 - (b1[2] - b1[0]) // 2, 120), first, font=f, fill=0)
    d.text((650 - (b2[2] - b2[0]) // 2, 120 + b1[3] - b2[1] - lead), second, font=f, fill=0)
    d.text((470, 480), name, font=_font(64), fill=0)
    if stroke:
        d.line((300, 540, 560, 470), fill=0, width=3)
        d.line((560, 470, 900, 380), fill=0, width=3)
    return img


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
@pytest.mark.parametrize("first,second,lead", [
    ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", 12),
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", 16),
    ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", 12),
])
def test_two_stamped_lines_set_solid_are_read_apart(first: str, second: str, lead: int) -> None:
    from pipeline.readers.ocr.stamps import rescue_rows

    gray = _stamp_cell(first, second, lead, "Trần Văn Bình")
    texts = [w.text for w in rescue_rows(gray, (0, 0, gray.width, gray.height), [])]
    assert texts[:2] == [first, second]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
@pytest.mark.parametrize("name", ["Hồ Văn Lộc", "Phan Thị Hằng", "Đỗ Minh Khoa"])
def test_a_name_crossed_by_the_signature_stroke_is_right_or_blank(name: str) -> None:
    from pipeline.readers.ocr.stamps import _NAME, rescue_rows

    gray = _stamp_cell("GIÁM ĐỐC", "", 0, name, stroke=True)
    names = [w.text for w in rescue_rows(gray, (0, 0, gray.width, gray.height), []) if _NAME.match(w.text)]
    assert names in ([], [name])      # the opening reads `Phan` as `Pham`: never taken


@pytest.mark.parametrize("name,confs,raw,want,why", [
    ("Lương Văn Tài", (0.97, 0.97, 0.96), [[]], True, "sure word by word: the opening took specks off"),
    ("Hồ Văn Lộc", (0.85, 0.95, 0.9), [["~“l", "Văn", "Lộc"]], True, "the stroke hid the surname only"),
    ("Hồ Văn Lộc", (0.85, 0.95, 0.9), [["“ẾAVănLộc"], ["~“l", "Văn", "Lộc."]], True, "one crop of the row agrees"),
    ("Phạm Thị Hằng", (0.32, 0.69, 0.68), [["_———", "han", "Thị", "Hằng"]], False, "a word read unsurely"),
    ("Trần Minh Đức", (0.85, 0.9, 0.9), [["Trần", "Minh", "Đúc"]], False, "the given names disagree"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_a_name_read_on_the_opened_cell_stands_when_sure_or_confirmed(name, confs, raw, want, why) -> None:
    from pipeline.readers.ocr.stamps import _confirmed

    ws = [Word(t, 100 * i, 100 * i + 80, 0, 40, conf=c) for i, (t, c) in enumerate(zip(name.split(), confs))]
    assert _confirmed(name, ws, raw) is want
