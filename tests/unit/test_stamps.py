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
