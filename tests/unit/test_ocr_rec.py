"""PP-OCR's line model on digits (pipeline.readers.ocr.ppocr): digit-only decoding over the
crop variants. Skips when the model is not installed."""
from __future__ import annotations

import pytest

from pipeline.readers.ocr import ppocr
from pipeline.readers.ocr.vote import rec_vote, valid_number

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"

needs_model = pytest.mark.skipif(not ppocr.available(), reason="rapidocr_onnxruntime (PP-OCR model) not installed")


def _digits_image(text: str, size: int = 44):
    from pathlib import Path

    from PIL import Image, ImageDraw, ImageFont

    if not Path(FONT).is_file():
        pytest.skip(f"font {FONT} missing")
    font = ImageFont.truetype(FONT, size)
    x0, y0, x1, y1 = font.getbbox(text)
    img = Image.new("L", (x1 - x0 + 4, y1 - y0 + 4), 255)
    ImageDraw.Draw(img).text((2 - x0, 2 - y0), text, font=font, fill=0)
    return img


@needs_model
@pytest.mark.parametrize("digits", ["7", "23", "298", "5689", "07", "31"])
def test_read_digits_agree_on_printed_digits(digits: str) -> None:
    readings = ppocr.read_digits(_digits_image(digits))
    assert len(readings) == 2 * len(ppocr.MARGINS)
    # some margins may read nothing; none reads other digits, and the vote decides
    assert {r for r in readings if r} == {digits}
    assert rec_vote(readings, valid_number) == digits


@needs_model
def test_read_digits_never_returns_letters() -> None:
    readings = ppocr.read_digits(_digits_image("QĐ"))
    assert all(r.isdigit() or r == "" for r in readings)

