"""OCR memory: a page's colour image is not kept longer than its preparation needs, and the
frugal paths (RGBX rendering, no copy of a grey page) give the same pixels and bytes."""
from __future__ import annotations

import time
import weakref
from pathlib import Path

import pytest

from pipeline.readers.ocr import clean, page, tesseract

PIL = pytest.importorskip("PIL")
from PIL import Image, ImageDraw  # noqa: E402

SAMPLE_PDF = Path(__file__).resolve().parents[2] / "samples" / "inbox" / "s000.pdf"


def _page(red: bool = True) -> Image.Image:
    """A small page: black text-like bars, a red seal-like ring, blue handwriting."""
    img = Image.new("RGB", (600, 800), "white")
    d = ImageDraw.Draw(img)
    for y in range(100, 700, 40):
        d.rectangle((60, y, 540, y + 12), fill=(20, 20, 20))
    if red:
        d.ellipse((350, 500, 550, 700), outline=(220, 40, 50), width=8)
    d.line((80, 720, 300, 760), fill=(30, 40, 200), width=5)
    return img


@pytest.mark.parametrize("red", [True, False])
def test_prepare_taken_matches_prepare_pair_and_empties_the_holder(red: bool) -> None:
    img = _page(red)
    gray, redink = clean.prepare_pair(img.copy())
    holder = [img.copy()]
    gray2, redink2 = clean.prepare_taken(holder)
    assert holder == []
    assert gray2.tobytes() == gray.tobytes()
    assert (redink2 is None) == (redink is None)
    if redink is not None:
        assert redink2.tobytes() == redink.tobytes()


def test_rgbx_page_prepares_as_its_rgb_copy() -> None:
    img = _page()
    rgbx = img.convert("RGBX")
    gray, redink = clean.prepare_pair(img)
    gray2, redink2 = clean.prepare_pair(rgbx)
    assert gray2.tobytes() == gray.tobytes()
    assert redink2 is not None and redink2.tobytes() == redink.tobytes()


def test_prepare_taken_lets_the_colour_image_go() -> None:
    holder = [_page()]
    ref = weakref.ref(holder[0])
    seen = []
    real = clean.skew_angle

    def spy(gray, *a, **kw):
        seen.append(ref() is None)        # by deskew time the colour page is gone
        return real(gray, *a, **kw)

    clean.skew_angle, saved = spy, clean.skew_angle
    try:
        clean.prepare_taken(holder)
    finally:
        clean.skew_angle = saved
    assert seen == [True]


@pytest.mark.skipif(not SAMPLE_PDF.is_file(), reason="sample PDF missing")
def test_render_page_is_rgbx_with_the_rgb_render_pixels() -> None:
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(SAMPLE_PDF))
    try:
        img = clean.render_page(pdf, 0, dpi=100)
        p = pdf[0]
        rgb = p.render(scale=100 / 72, rev_byteorder=True).to_pil()
        p.close()
    finally:
        pdf.close()
    assert img.mode == "RGBX"
    assert img.size == rgb.size
    assert img.convert("RGB").tobytes() == rgb.tobytes()


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_pnm_bytes_unchanged(mode: str) -> None:
    img = _page().convert(mode)
    w, h = img.size
    assert tesseract._pnm_bytes(img) == b"P5\n%d %d\n255\n" % (w, h) + img.convert("L").tobytes()


def test_the_page_pool_keeps_no_reference_to_a_page_being_read(monkeypatch) -> None:
    monkeypatch.setattr(page, "require_tesseract", lambda: "tesseract")
    monkeypatch.setenv("CONGVAN_OCR_THREADS", "1")
    freed: list[bool] = []

    def fake_ocr_image(img, page_no: int, timeout: float = 120.0):
        ref = weakref.ref(img)
        del img
        until = time.monotonic() + 5
        while ref() is not None and time.monotonic() < until:  # the caller's loop drops its own
            time.sleep(0.01)
        freed.append(ref() is None)
        return page.PageResult(page_no, [], [], 0.0)

    monkeypatch.setattr(page, "ocr_image", fake_ocr_image)
    page.ocr_images((n, _page()) for n in (1, 2, 3))
    assert freed == [True, True, True]


@pytest.mark.parametrize("threads", [1, 2])
def test_a_page_is_rendered_only_when_a_thread_is_free_for_it(monkeypatch, threads: int) -> None:
    monkeypatch.setattr(page, "require_tesseract", lambda: "tesseract")
    monkeypatch.setenv("CONGVAN_OCR_THREADS", str(threads))
    done: list[int] = []
    in_flight: list[int] = []

    def fake_ocr_image(img, page_no: int, timeout: float = 120.0):
        time.sleep(0.05)
        done.append(page_no)
        return page.PageResult(page_no, [page_no], [], 0.0)

    def pages():
        for n in range(1, 7):
            in_flight.append(n - 1 - len(done))  # pages rendered and not yet read
            yield n, _page(red=False)

    monkeypatch.setattr(page, "ocr_image", fake_ocr_image)
    out = page.ocr_images(pages())
    assert sorted(out) == [1, 2, 3, 4, 5, 6]
    assert max(in_flight) <= threads - 1
