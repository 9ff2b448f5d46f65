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
