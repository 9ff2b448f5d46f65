"""The PDF reader's fast path (pdfium characters) and its page cap.

The fast path must give the words pdfplumber's `extract_words` gives (the
slow path it replaces), so zones, columns and character spans stay as they
were; a PDF with very many pages is read up to the cap and flagged.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from pipeline.readers import pdf as pdf_reader
from pipeline.readers import read

FONT_DIR = next((d for d in (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"))
                 if (d / "LiberationSerif-Regular.ttf").exists()), Path("/nonexistent"))
needs_font = pytest.mark.skipif(not (FONT_DIR / "LiberationSerif-Regular.ttf").exists(),
                                reason="LiberationSerif fonts are not installed")

PAGE = [
    (95, 56, "UBND TỈNH LAI CHÂU", True, 13), (320, 56, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, 13),
    (130, 72, "VĂN PHÒNG", True, 13), (345, 72, "Độc lập - Tự do - Hạnh phúc", True, 13),
    (100, 100, "Số: 12/VPUBND-HCQT", False, 13), (330, 100, "Lai Châu, ngày 05 tháng 01 năm 2026", False, 13),
    (90, 116, "V/v triển khai nhiệm vụ chuyển đổi số", False, 12),
    (200, 150, "Kính gửi: Sở Khoa học và Công nghệ", False, 14),
    (85, 180, "Thực hiện Công văn số 591-CV/TU ngày 15/01/2026 của Ban Thường vụ Tỉnh ủy về", False, 14),
    (85, 197, "việc triển khai, Văn phòng UBND tỉnh đề nghị Sở Khoa học và Công nghệ chủ trì.", False, 14),
    (85, 214, "20. Mời Đại sứ quán; giai đoạn 2021 - 2030 (dự thảo Báo cáo).", False, 14),
    (85, 240, "Nơi nhận:", True, 12), (380, 240, "KT. CHÁNH VĂN PHÒNG", True, 13),
    (85, 254, "- Như trên;", False, 11), (390, 256, "PHÓ CHÁNH VĂN PHÒNG", True, 13),
    (85, 268, "- Lưu: VT, HCQT.", False, 11), (400, 330, "Phạm Hồng Trường", True, 13),
]
BODY = [(85, 100 + 17 * k, f"Nội dung trang thứ hai của văn bản, dòng {k}: các cơ quan, đơn vị thực hiện.", False, 14)
        for k in range(20)]


def _pdf(path: Path, pages: list[list[tuple[float, float, str, bool, float]]]) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("LibSerif", str(FONT_DIR / "LiberationSerif-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("LibSerifB", str(FONT_DIR / "LiberationSerif-Bold.ttf")))
    c = canvas.Canvas(str(path), pagesize=(595.3, 841.9))
    for items in pages:
        for x, top, text, bold, size in items:
            c.setFont("LibSerifB" if bold else "LibSerif", size)
            c.drawString(x, 841.9 - top - size, text)
        c.showPage()
    c.save()
    return path


@pytest.fixture
def no_ocr(monkeypatch):
    monkeypatch.setitem(sys.modules, "pipeline.readers.ocr", None)


def _both(path: Path, page_no: int = 1):
    import pdfplumber
    import pypdfium2 as pdfium

    data = path.read_bytes()
    doc = pdfium.PdfDocument(data)
    try:
        fast = pdf_reader.pdfium_words(doc[page_no - 1])
    finally:
        doc.close()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        slow = pdf_reader._page_words(pdf.pages[page_no - 1])
    return fast, slow


@needs_font
def test_fast_words_equal_pdfplumber_words(tmp_path):
    fast, slow = _both(_pdf(tmp_path / "d.pdf", [PAGE]))
    assert fast is not None
    assert [w.text for w in fast] == [w.text for w in slow]
    for f, s in zip(fast, slow):
        assert f.bold == s.bold
        assert f.size == pytest.approx(s.size, abs=0.01)
        assert f.x0 == pytest.approx(s.x0, abs=0.5) and f.x1 == pytest.approx(s.x1, abs=1.0)
        assert f.top == pytest.approx(s.top, abs=0.5) and f.bottom == pytest.approx(s.bottom, abs=0.5)


@needs_font
def test_hand_grouped_words_equal_word_extractor_words(tmp_path):
    """`group_words` gives exactly what pdfplumber's WordExtractor gives on the same pdfium characters."""
    import pypdfium2 as pdfium
    from pdfplumber.utils.text import WordExtractor

    from pipeline.readers import pdfium_text

    extractor = WordExtractor(x_tolerance=3, y_tolerance=3, keep_blank_chars=False, use_text_flow=False,
                              extra_attrs=["size", "fontname"])
    doc = pdfium.PdfDocument(_pdf(tmp_path / "d.pdf", [PAGE, BODY]).read_bytes())
    try:
        for i in range(len(doc)):
            page = doc[i]
            chars = pdfium_text.pdfium_chars(page)
            assert chars and [tuple(c[k] for k in ("text", "x0", "x1", "top", "bottom", "upright", "size", "fontname"))
                              for c in chars] == pdfium_text.page_chars(page)
            expected = [(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"], w["fontname"])
                        for w in extractor.extract_words(chars)]
            assert pdfium_text.group_words(pdfium_text.page_chars(page)) == expected
            page.close()
    finally:
        doc.close()


def test_image_cover_equals_pypdfium2_objects(tmp_path):
    """The raw-pdfium image cover walks the objects pypdfium2's get_objects(max_depth=2) walks."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as R
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = tmp_path / "i.png"
    Image.new("RGB", (40, 30), "gray").save(img)
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=(595.3, 841.9))
    c.drawImage(ImageReader(str(img)), 20, 20, width=500, height=700)
    c.drawString(50, 800, "Số: 12/UBND")
    c.showPage()
    c.drawImage(ImageReader(str(img)), 20, 20, width=100, height=80)
    c.showPage()
    c.showPage()
    c.save()
    doc = pdfium.PdfDocument(path.read_bytes())
    try:
        for i in range(len(doc)):
            page = doc[i]
            width, height = page.get_size()
            expected = 0.0
            for obj in page.get_objects(filter=[R.FPDF_PAGEOBJ_IMAGE], max_depth=2):
                left, bottom, right, top = obj.get_bounds()
                expected = max(expected, (right - left) * (top - bottom) / (width * height or 1.0))
            assert pdf_reader._image_cover(page) == min(expected, 1.0)
            page.close()
    finally:
        doc.close()


@needs_font
def test_fast_path_document_equals_slow_path_document(tmp_path, monkeypatch, no_ocr):
    """Zones, columns, pages and character spans are the same either way."""
    path = _pdf(tmp_path / "d.pdf", [PAGE, BODY + [(85, 500, "Nơi nhận:", True, 12)]])
    fast = read(path)
    original = pdf_reader._text_pages
    monkeypatch.setattr(pdf_reader, "_text_pages",
                        lambda *a, **k: original(*a, **{**k, "fast": False}))
    slow = read(path)
    assert fast.text == slow.text
    assert [(ln.text, ln.page, ln.column, ln.src_start) for ln in fast.lines] == \
        [(ln.text, ln.page, ln.column, ln.src_start) for ln in slow.lines]
    assert [(z.kind, [(ln.text, ln.start, ln.end) for ln in z.lines]) for z in fast.zones] == \
        [(z.kind, [(ln.text, ln.start, ln.end) for ln in z.lines]) for z in slow.zones]
    assert [(p.number, p.path, p.width, p.height) for p in fast.pages] == \
        [(p.number, p.path, p.width, p.height) for p in slow.pages]


@needs_font
def test_rotated_page_falls_back_to_pdfplumber(tmp_path):
    """pdfium's boxes are in unrotated page space: a turned page is left to pdfplumber."""
    import pypdfium2 as pdfium

    src = _pdf(tmp_path / "d.pdf", [PAGE])
    doc = pdfium.PdfDocument(src.read_bytes())
    doc[0].set_rotation(90)
    out = tmp_path / "rotated.pdf"
    doc.save(str(out))
    doc.close()
    doc = pdfium.PdfDocument(out.read_bytes())
    try:
        assert pdf_reader.pdfium_words(doc[0]) is None
    finally:
        doc.close()


def test_capped_pages():
    assert pdf_reader.capped_pages(5, cap=10) == set()
    assert pdf_reader.capped_pages(10, cap=10) == set()
    assert pdf_reader.capped_pages(12, cap=10) == {10, 11}  # pages 1-9 and 12 are read


@needs_font
def test_many_page_pdf_is_capped_and_flagged(tmp_path, monkeypatch, no_ocr):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 4)
    pages = [PAGE] + [BODY] * 8 + [[(85, 100, "Nơi nhận:", True, 12), (85, 114, "- Lưu: VT.", False, 11)]]
    doc = read(_pdf(tmp_path / "long.pdf", pages))
    assert len(doc.pages) == 10
    assert [p.number for p in doc.pages] == list(range(1, 11))
    assert [p.path for p in doc.pages] == ["text"] * 3 + ["empty"] * 6 + ["text"]
    assert {ln.page for ln in doc.lines} == {1, 2, 3, 10}  # the last page (Nơi nhận) is read
    assert any("long document" in w and "7 of 10" not in w and "4 of 10" in w for w in doc.warnings)
    assert "Lưu: VT." in doc.text


@needs_font
def test_short_pdf_is_not_flagged(tmp_path, no_ocr):
    doc = read(_pdf(tmp_path / "d.pdf", [PAGE, BODY]))
    assert not any("long document" in w for w in doc.warnings)
    assert [p.path for p in doc.pages] == ["text", "text"]
