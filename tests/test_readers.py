"""Readers: geometry (positioned words -> column lines), PDF, DOCX and .doc.

Fixtures are built at test time (python-docx, reportlab); corpus checks read
../shared/corpus/dev and skip when it is absent.
"""
from __future__ import annotations

import pytest

from pipeline.readers.geometry import Word, words_to_lines

# --- geometry -------------------------------------------------------------------

W = 600.0  # page width in the synthetic unit


def _words(text: str, x0: float, top: float, size: float = 12.0, gap: float = 3.0) -> list[Word]:
    """Lay `text` out as words from x0 at `top`, 0.5*size per character."""
    out, x = [], x0
    for tok in text.split():
        x1 = x + 0.5 * size * len(tok)
        out.append(Word(tok, x, x1, top, top + size))
        x = x1 + gap
    return out


def _layout(rows: list[tuple[str, float, float]]) -> list[tuple[str, str | None]]:
    words = [w for text, x0, top in rows for w in _words(text, x0, top)]
    return [(line.text, line.column) for line in words_to_lines(words, 1, W, "pdf")]


# fmt: off
GEOMETRY_CASES = [
    # a header row: two cells on one visual line, cut at the gap; the left
    # cell's lines come before the right cell's
    ("header",
     [("UBND TỈNH LAI CHÂU", 60, 50), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 330, 51),
      ("VĂN PHÒNG", 90, 66), ("Độc lập - Tự do", 360, 66),
      ("Số: 12/VPUBND-HCQT", 60, 90), ("Lai Châu, ngày 5 tháng 1 năm 2026", 320, 91)],
     [("UBND TỈNH LAI CHÂU", "left"), ("VĂN PHÒNG", "left"), ("Số: 12/VPUBND-HCQT", "left"),
      ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "right"), ("Độc lập - Tự do", "right"),
      ("Lai Châu, ngày 5 tháng 1 năm 2026", "right")]),
    # a wide body line with ordinary word gaps stays one full line
    ("body line",
     [("Thực hiện Công văn số 591-CV/TU ngày 15 tháng 01 năm 2026 của Ban", 60, 200)],
     [("Thực hiện Công văn số 591-CV/TU ngày 15 tháng 01 năm 2026 của Ban", "full")]),
    # a centred heading crosses the middle: full
    ("centred title", [("KẾ HOẠCH", 270, 150)], [("KẾ HOẠCH", "full")]),
    # footer: Nơi nhận left, signer right, with lines not aligned across cells
    ("footer",
     [("Nơi nhận:", 60, 500), ("KT. CHỦ TỊCH", 380, 501), ("- Như trên;", 60, 514),
      ("- Lưu: VT.", 60, 528), ("PHÓ CHỦ TỊCH", 380, 520), ("Nguyễn Văn A", 380, 580)],
     [("Nơi nhận:", "left"), ("- Như trên;", "left"), ("- Lưu: VT.", "left"),
      ("KT. CHỦ TỊCH", "right"), ("PHÓ CHỦ TỊCH", "right"), ("Nguyễn Văn A", "right")]),
    # the gap sits near the page edge (a page number), not between cells: no cut
    ("edge gap", [("các cơ quan, đơn vị tổ chức thực hiện nghiêm túc các nội dung trên", 60, 800), ("12", 575, 800)],
     [("các cơ quan, đơn vị tổ chức thực hiện nghiêm túc các nội dung trên 12", "full")]),
]
# fmt: on


@pytest.mark.parametrize("rows,expected", [c[1:] for c in GEOMETRY_CASES], ids=[c[0] for c in GEOMETRY_CASES])
def test_words_to_lines(rows, expected):
    assert _layout(rows) == expected


def test_geometry_is_unit_free():
    # the same header in 300-dpi pixels (x 4.17) gives the same lines
    rows = [("UBND TỈNH LAI CHÂU", 60, 50), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 330, 51)]
    k = 300 / 72
    words = [Word(w.text, w.x0 * k, w.x1 * k, w.top * k, w.bottom * k, conf=0.9)
             for text, x0, top in rows for w in _words(text, x0, top)]
    lines = words_to_lines(words, 2, W * k, "ocr")
    assert [(ln.text, ln.column, ln.page, ln.source) for ln in lines] == [
        ("UBND TỈNH LAI CHÂU", "left", 2, "ocr"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "right", 2, "ocr")]
    assert lines[0].confidence == 0.9


def test_bold_by_majority():
    words = [Word("KẾ", 270, 290, 100, 112, bold=True), Word("HOẠCH", 293, 330, 100, 112, bold=True)]
    assert words_to_lines(words, 1, W)[0].bold is True


# --- shared fixtures --------------------------------------------------------------

import shutil  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from pipeline.errors import CorruptDocument, EncryptedDocument, NeedsOCR, ToolMissing  # noqa: E402
from pipeline.readers import read  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
# fonts-liberation2 first: the 1.x LiberationSerif lacks the Vietnamese letters
# with horn and hook (ở, ợ), which come out as a garbled text layer
FONT_DIR = next((d for d in (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"))
                 if (d / "LiberationSerif-Regular.ttf").exists()), Path("/nonexistent"))
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/dev is absent")
needs_font = pytest.mark.skipif(not (FONT_DIR / "LiberationSerif-Regular.ttf").exists(),
                                reason="LiberationSerif fonts are not installed")


@pytest.fixture
def no_ocr(monkeypatch):
    """Make `import pipeline.readers.ocr` fail, as on a machine without the OCR reader."""
    monkeypatch.setitem(sys.modules, "pipeline.readers.ocr", None)


def _zone_texts(doc, kind):
    return [line.text for line in doc.zone(kind)]


# --- PDF ------------------------------------------------------------------------------

from pipeline.readers.pdf import drop_furniture, text_quality  # noqa: E402

# fmt: off
QUALITY_CASES = [
    ("good", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 12/UBND-VP", True),
    ("codes do not count", "UBND KGVX CCHC ngày 12 tháng 5", True),
    # a font without a Unicode map (seen in a real scan-with-layer)
    ("garbled", "BØ CÔNG AN CÔNG AN TÈNH LÂM ÒNG CØNG HOÀ XÃ HØI CHæ NGH(A VIÆT NAM Ùc l-p - Tå do - H¡nh phúc", False),
    ("glyph ids", "(cid:12)(cid:45) (cid:3) (cid:88)(cid:9) Số", False),
]
# fmt: on


@pytest.mark.parametrize("text,good", [c[1:] for c in QUALITY_CASES], ids=[c[0] for c in QUALITY_CASES])
def test_text_quality(text, good):
    assert (text_quality(text) >= 0.75) is good


def test_stamp_words_are_dropped():
    body = _words("Thực hiện Công văn số 12/UBND của Ủy ban nhân dân tỉnh", 60, 300, size=13)
    for w in body:
        w.size = 13
    stamp = []
    for k, text in enumerate(["Ký bởi: Văn phòng UBND tỉnh", "Email: vp@laichau.gov.vn", "Thời gian ký: 27.01.2026 15:28:23"]):
        for w in _words(text, 400, 20 + 10 * k, size=8):
            w.size = 8
            stamp.append(w)
    kept, stamps = drop_furniture(body + stamp, 842)
    assert stamps == 3
    assert " ".join(w.text for w in kept) == " ".join(w.text for w in body)


def _pdf(path: Path, pages: list[list[tuple[float, float, str, bool, float]]], encrypt: str | None = None) -> Path:
    """A PDF built with reportlab: per page, (x, top, text, bold, size) strings."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("LibSerif", str(FONT_DIR / "LiberationSerif-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("LibSerifB", str(FONT_DIR / "LiberationSerif-Bold.ttf")))
    c = canvas.Canvas(str(path), pagesize=(595.3, 841.9), encrypt=encrypt)
    for items in pages:
        for x, top, text, bold, size in items:
            c.setFont("LibSerifB" if bold else "LibSerif", size)
            c.drawString(x, 841.9 - top - size, text)
        c.showPage()
    c.save()
    return path


DISPATCH_PAGE = [
    (420, 10, "Ký bởi: Văn phòng UBND tỉnh Lai Châu", False, 7),
    (420, 19, "Thời gian ký: 27.01.2026 15:28:23 +07:00", False, 7),
    (95, 56, "UBND TỈNH LAI CHÂU", True, 13), (320, 56, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, 13),
    (130, 72, "VĂN PHÒNG", True, 13), (345, 72, "Độc lập - Tự do - Hạnh phúc", True, 13),
    (100, 100, "Số: 12/VPUBND-HCQT", False, 13), (330, 100, "Lai Châu, ngày 05 tháng 01 năm 2026", False, 13),
    (90, 116, "V/v triển khai nhiệm vụ chuyển đổi số", False, 12),
    (200, 150, "Kính gửi: Sở Khoa học và Công nghệ", False, 14),
    (85, 180, "Thực hiện Công văn số 591-CV/TU ngày 15/01/2026 của Ban Thường vụ Tỉnh ủy về", False, 14),
    (85, 197, "việc triển khai, Văn phòng UBND tỉnh đề nghị Sở Khoa học và Công nghệ chủ trì.", False, 14),
    (85, 240, "Nơi nhận:", True, 12), (380, 240, "KT. CHÁNH VĂN PHÒNG", True, 13),
    (85, 254, "- Như trên;", False, 11), (390, 256, "PHÓ CHÁNH VĂN PHÒNG", True, 13),
    (85, 268, "- Lưu: VT, HCQT.", False, 11), (400, 330, "Phạm Hồng Trường", True, 13),
]


@needs_font
def test_pdf_two_column_dispatch(tmp_path):
    doc = read(_pdf(tmp_path / "d.pdf", [DISPATCH_PAGE]))
    assert doc.reader == "pdf-text" and doc.pages[0].path == "text"
    assert _zone_texts(doc, "header_left") == [
        "UBND TỈNH LAI CHÂU", "VĂN PHÒNG", "Số: 12/VPUBND-HCQT", "V/v triển khai nhiệm vụ chuyển đổi số"]
    assert _zone_texts(doc, "header_right") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Lai Châu, ngày 05 tháng 01 năm 2026"]
    assert _zone_texts(doc, "cc") == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, HCQT."]
    assert _zone_texts(doc, "signature") == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Phạm Hồng Trường"]
    assert "Ký bởi" not in doc.text and "15:28" not in doc.text
    assert doc.lines[0].bold is True and doc.lines[0].source == "pdf"


@needs_font
def test_pdf_without_text_layer_needs_ocr(tmp_path, no_ocr):
    with pytest.raises(NeedsOCR, match="no usable text layer on 2 page"):
        read(_pdf(tmp_path / "scan.pdf", [[], [(420, 10, "Ký bởi: Văn phòng", False, 7)]]))


@needs_font
def test_pdf_mixed_pages_keep_text_and_warn(tmp_path, no_ocr):
    doc = read(_pdf(tmp_path / "mixed.pdf", [DISPATCH_PAGE, []]))
    assert [p.path for p in doc.pages] == ["text", "needs-ocr"]
    assert doc.warnings and "page(s) 2" in doc.warnings[0]


@needs_font
def test_pdf_encrypted(tmp_path):
    with pytest.raises(EncryptedDocument):
        read(_pdf(tmp_path / "locked.pdf", [DISPATCH_PAGE], encrypt="secret"))


def test_pdf_corrupt(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n this is not a pdf at all \n%%EOF")
    with pytest.raises(CorruptDocument):
        read(bad)


@needs_corpus
def test_corpus_pdf_header_columns():
    doc = read(CORPUS / "d023.pdf")
    left, right = _zone_texts(doc, "header_left"), _zone_texts(doc, "header_right")
    assert any(t.startswith("Số:") for t in left)
    assert any(", ngày" in t for t in right) and not any(", ngày" in t for t in left)
    # the number and the date are stamped into signature fields over the blanks
    assert any(regex_search(r"Số: \d+ ?/BNV-CCHC", t) for t in left)


def regex_search(pattern: str, text: str) -> bool:
    import re

    return re.search(pattern, text) is not None


@needs_corpus
@pytest.mark.parametrize("name", ["d008.pdf", "d015.pdf"], ids=["scan", "garbled layer"])
def test_corpus_scans_need_ocr(name, no_ocr):
    with pytest.raises(NeedsOCR):
        read(CORPUS / name)
