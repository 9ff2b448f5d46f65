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


def test_handwriting_above_the_line_joins_the_printed_row():
    # the Số and date row in 300-dpi pixels, with a tall handwritten day (low
    # confidence) rising above it: one row, cut at the header's known boundary
    # (not at the blank number's gap inside the left cell)
    def w(text, x0, x1, top, bottom, conf):
        return Word(text, x0, x1, top, bottom, conf=conf)

    words = [w("Số:", 281, 345, 389, 430, 0.9), w("/QĐ-UBND", 700, 962, 393, 438, 0.9),
             w("Quảng", 1044, 1196, 393, 444, 0.96), w("Ngãi,", 1213, 1337, 393, 444, 0.9),
             w("ngày", 1357, 1468, 391, 444, 0.96), w("W", 1545, 1629, 340, 410, 0.35),
             w("tháng", 1673, 1801, 391, 444, 0.96), w("10", 1819, 1874, 393, 444, 0.96)]
    lines = words_to_lines(words, 1, 2480, "ocr", header=(170.0, 470.0, 993.0))
    assert [(ln.text, ln.column) for ln in lines] == [
        ("Số: /QĐ-UBND", "left"), ("Quảng Ngãi, ngày W tháng 10", "right")]


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
    # an OCR layer made without Vietnamese: every mark lost
    ("unaccented", "Dieu 2: Hoi dong Sang kien co so co nhiem vu to chuc danh gia, xet cong nhan doi voi cac sang "
                   "kien cap co so nam 2017 tai cac don vi truc thuoc So Y te, trinh Giam doc So Y te xem xet", False),
    ("short unaccented line", "Nguyen Van An - Pho Giam doc", True),
    ("prose", "Điều 2. Hội đồng Sáng kiến cơ sở có nhiệm vụ tổ chức đánh giá, xét công nhận đối với các sáng kiến "
              "cấp cơ sở năm 2017 tại các đơn vị trực thuộc Sở Y tế, trình Giám đốc Sở Y tế xem xét", True),
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


SCAN = "scan"  # first item of a page: draw a full-page picture under the text


def _pdf(path: Path, pages: list[list[tuple[float, float, str, bool, float]]], encrypt: str | None = None) -> Path:
    """A PDF built with reportlab: per page, (x, top, text, bold, size) strings."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("LibSerif", str(FONT_DIR / "LiberationSerif-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("LibSerifB", str(FONT_DIR / "LiberationSerif-Bold.ttf")))
    c = canvas.Canvas(str(path), pagesize=(595.3, 841.9), encrypt=encrypt)
    for items in pages:
        if items and items[0] == SCAN:  # a scanned page: one picture over the whole page
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            c.drawImage(ImageReader(Image.new("L", (200, 283), 235)), 0, 0, 595.3, 841.9)
            items = items[1:]
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
        read(_pdf(tmp_path / "scan.pdf", [[SCAN], [SCAN, (420, 10, "Ký bởi: Văn phòng", False, 7)]]))


@needs_font
def test_pdf_mixed_pages_keep_text_and_warn(tmp_path, no_ocr):
    doc = read(_pdf(tmp_path / "mixed.pdf", [DISPATCH_PAGE, [SCAN]]))
    assert [p.path for p in doc.pages] == ["text", "needs-ocr"]
    assert doc.warnings and "page(s) 2" in doc.warnings[0]


@needs_font
def test_pdf_short_and_blank_pages_of_a_born_digital_file(tmp_path, no_ocr):
    """A Nơi nhận line spilled onto a page of its own keeps its text layer; a blank
    page is empty, and neither goes to OCR."""
    doc = read(_pdf(tmp_path / "spill.pdf", [DISPATCH_PAGE, [(85, 60, "- Lưu: VT.", False, 11)], []]))
    assert [p.path for p in doc.pages] == ["text", "text", "empty"]
    assert "- Lưu: VT." in doc.text and not doc.warnings


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


# --- DOCX ---------------------------------------------------------------------------

from pipeline.readers.docx import split_line  # noqa: E402

# A text box anchored at a page offset, once as DrawingML (Choice) and once as
# VML (Fallback), as Word writes it. Its offsets must never reach the text.
TEXT_BOX = """
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
 <mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing>
   <wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"
              locked="0" layoutInCell="1" allowOverlap="1">
    <wp:simplePos x="0" y="0"/>
    <wp:positionH relativeFrom="page"><wp:posOffset>3939457</wp:posOffset></wp:positionH>
    <wp:positionV relativeFrom="page"><wp:posOffset>1206500</wp:posOffset></wp:positionV>
    <wp:extent cx="3200000" cy="400000"/>
    <wp:docPr id="7" name="Text Box 7"/>
    <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
     <wps:wsp><wps:txbx><w:txbxContent>
      <w:p><w:r><w:t>Lai Châu, ngày 05 tháng 01 năm 2026</w:t></w:r></w:p>
     </w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>
    </a:graphicData></a:graphic>
   </wp:anchor>
  </w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape style="position:absolute;margin-left:310pt;width:250pt"><v:textbox>
   <w:txbxContent><w:p><w:r><w:t>Lai Châu, ngày 05 tháng 01 năm 2026</w:t></w:r></w:p></w:txbxContent>
  </v:textbox></v:shape></w:pict></mc:Fallback>
 </mc:AlternateContent>
</w:r>
"""


def _docx(path: Path) -> Path:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    head = d.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text = "UBND TỈNH LAI CHÂU"
    left.add_paragraph("VĂN PHÒNG").runs[0].bold = True
    left.add_paragraph("Số: 12/VPUBND-HCQT")
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    d.add_paragraph()._p.append(parse_xml(TEXT_BOX))
    d.add_paragraph("Kính gửi: Sở Nội vụ")
    d.add_paragraph("Thực hiện Công văn số 591-CV/TU ngày 15/01/2026 của Ban Thường vụ Tỉnh ủy, Văn phòng "
                    "UBND tỉnh đề nghị các đơn vị thực hiện các nhiệm vụ sau:")
    tasks = d.add_table(rows=2, cols=3)
    for cell, text in zip(tasks.rows[0].cells, ["TT", "Nội dung", "Đơn vị chủ trì"]):
        cell.text = text
    for cell, text in zip(tasks.rows[1].cells, ["1", "Xây dựng kế hoạch", "Sở Nội vụ"]):
        cell.text = text
    foot = d.add_table(rows=1, cols=2)
    cc, sig = foot.rows[0].cells
    cc.text = "Nơi nhận:"
    cc.add_paragraph("- Như trên;")
    cc.add_paragraph("- Lưu: VT, HCQT.")
    sig.text = "KT. CHÁNH VĂN PHÒNG"
    sig.add_paragraph("PHÓ CHÁNH VĂN PHÒNG")
    sig.add_paragraph("Phạm Hồng Trường")
    d.save(str(path))
    return path


def test_docx_tables_and_text_box(tmp_path):
    doc = read(_docx(tmp_path / "d.docx"))
    assert _zone_texts(doc, "header_left") == ["UBND TỈNH LAI CHÂU", "VĂN PHÒNG", "Số: 12/VPUBND-HCQT"]
    assert _zone_texts(doc, "header_right") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Lai Châu, ngày 05 tháng 01 năm 2026"]
    # the box is read once, from its w:t runs only
    assert doc.text.count("Lai Châu, ngày") == 1
    assert "3939457" not in doc.text and "1206500" not in doc.text
    box = next(ln for ln in doc.lines if ln.text.startswith("Lai Châu"))
    assert (box.column, box.source) == ("right", "docx-textbox")
    row = next(ln for ln in doc.lines if "Xây dựng kế hoạch" in ln.text)
    assert (row.text, row.column) == ("1 | Xây dựng kế hoạch | Sở Nội vụ", None)
    assert _zone_texts(doc, "cc") == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, HCQT."]
    assert _zone_texts(doc, "signature") == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Phạm Hồng Trường"]
    assert next(ln for ln in doc.lines if ln.text == "VĂN PHÒNG").bold is True


def test_docx_corrupt(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 truncated zip")
    with pytest.raises(CorruptDocument):
        read(bad)


# fmt: off
SPLIT_CASES = [
    # a header padded with spaces and a tab into two columns
    ("padded header", "      ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True,
     [("ỦY BAN NHÂN DÂN", "left"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right")]),
    # the widest gap wins over the blank number and the blank day
    ("blanks", "     Số:      /UBND-NC                       Lâm Đồng, ngày       tháng 12 năm 2025", True,
     [("Số:      /UBND-NC", "left"), ("Lâm Đồng, ngày       tháng 12 năm 2025", "right")]),
    ("footer with tab", "Nơi nhận:     \tTL. CHỦ TỊCH", False, [("Nơi nhận:", "left"), ("TL. CHỦ TỊCH", "right")]),
    # a list marker and its item are not two columns
    ("list marker", "1.\tMục đích, yêu cầu", False, [("1.\tMục đích, yêu cầu", "full")]),
    # a long body sentence with a wide gap is not two columns
    ("body gap", "tại buổi làm việc với Sở Khoa học và Công nghệ về một số nhiệm vụ     trọng tâm: Phần mềm chuyên ngành",
     False, [("tại buổi làm việc với Sở Khoa học và Công nghệ về một số nhiệm vụ     trọng tâm: Phần mềm chuyên ngành", "full")]),
    ("signer name indented", " " * 70 + "Đỗ Tấn Sương", False, [("Đỗ Tấn Sương", "right")]),
    ("header continuation", " V/v triển khai thực hiện", True, [("V/v triển khai thực hiện", None)]),
]
# fmt: on


@pytest.mark.parametrize("text,in_header,expected", [c[1:] for c in SPLIT_CASES], ids=[c[0] for c in SPLIT_CASES])
def test_split_line(text, in_header, expected):
    got = split_line(text, in_header)
    assert [(t, c) for _, t, c in got] == expected
    assert all(text[off:].startswith(t[:5]) for off, t, _ in got)  # offsets point at the pieces


@needs_corpus
def test_corpus_docx_header():
    doc = read(CORPUS / "d034.docx")
    assert any(t.startswith("Số:") for t in _zone_texts(doc, "header_left"))
    assert any(", ngày" in t for t in _zone_texts(doc, "header_right"))


# --- .doc ---------------------------------------------------------------------------

from pipeline.readers import doc as doc_reader  # noqa: E402

ANTIWORD_OUT = """
|UBND TỈNH LÂM ĐỒNG          |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM   |
|VĂN PHÒNG                   |Độc lập - Tự do - Hạnh phúc          |
|Số: 105/PT-NC               |Lâm Đồng, ngày 05 tháng 01 năm 2026  |

Văn phòng UBND tỉnh đề nghị các đơn vị thực hiện các nhiệm vụ sau đây theo đúng thời hạn được giao cụ thể:

|TT |Nội dung              |Đơn vị         |
|1  |Xây dựng kế hoạch     |Sở Nội vụ      |

Nơi nhận:     \tTL. CHỦ TỊCH
- Như trên; \t        CHÁNH VĂN PHÒNG
- Lưu: VT.
[pic]
                                                      Nguyễn Nhân Bản
"""


def test_antiword_lines():
    lines = doc_reader.antiword_lines(ANTIWORD_OUT)
    got = [(ln.text, ln.column) for ln in lines]
    assert got == [
        ("UBND TỈNH LÂM ĐỒNG", "left"), ("VĂN PHÒNG", "left"), ("Số: 105/PT-NC", "left"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right"), ("Độc lập - Tự do - Hạnh phúc", "right"),
        ("Lâm Đồng, ngày 05 tháng 01 năm 2026", "right"),
        ("Văn phòng UBND tỉnh đề nghị các đơn vị thực hiện các nhiệm vụ sau đây theo đúng thời hạn được giao cụ thể:", "full"),
        ("TT | Nội dung | Đơn vị", None), ("1 | Xây dựng kế hoạch | Sở Nội vụ", None),
        ("Nơi nhận:", "left"), ("TL. CHỦ TỊCH", "right"), ("- Như trên;", "left"), ("CHÁNH VĂN PHÒNG", "right"),
        ("- Lưu: VT.", "full"), ("Nguyễn Nhân Bản", "right"),
    ]
    for ln in lines:  # src_start points into antiword's text
        assert ANTIWORD_OUT[ln.src_start:].startswith(ln.text.split(" | ")[0][:4])


def test_doc_without_tools(tmp_path, monkeypatch):
    f = tmp_path / "x.doc"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    monkeypatch.setattr(doc_reader.shutil, "which", lambda name: None)
    with pytest.raises(ToolMissing):
        read(f)


@needs_corpus
@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword is not installed")
def test_corpus_doc_antiword():
    doc = read(CORPUS / "d026.doc")
    assert doc.reader == "antiword"
    assert any(t.startswith("Số:") for t in _zone_texts(doc, "header_left"))
    assert any(", ngày" in t for t in _zone_texts(doc, "header_right"))
    assert _zone_texts(doc, "cc")[0].startswith("Nơi nhận")


@pytest.mark.slow
@needs_corpus
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_corpus_doc_libreoffice_fallback(monkeypatch):
    monkeypatch.setattr(doc_reader, "_antiword", lambda path: None)
    doc = read(CORPUS / "d026.doc")
    assert doc.reader == "libreoffice"
    assert any(t.startswith("Số:") for t in _zone_texts(doc, "header_left"))
    assert any(", ngày" in t for t in _zone_texts(doc, "header_right"))


@pytest.mark.skipif(shutil.which("antiword") is None and shutil.which("soffice") is None,
                    reason="neither antiword nor LibreOffice is installed")
def test_doc_corrupt(tmp_path, monkeypatch):
    monkeypatch.setattr(doc_reader, "_libreoffice", lambda path: None)  # keep it fast
    f = tmp_path / "bad.doc"
    f.write_bytes(b"not a word file at all" * 20)
    with pytest.raises(CorruptDocument):
        read(f)


# --- running headers, .doc text boxes ---------------------------------------------


def test_pdf_running_header_and_footer_dropped():
    from pipeline.readers.pdf import drop_running
    from schemas.document import Line

    def page(no: int, body: str) -> list[Line]:
        return [Line(text="Bản tin nội bộ số 12", page=no, top=30.0),
                Line(text=body, page=no, top=400.0),
                Line(text=f"Trang {no}/2 - Sở Nội vụ", page=no, top=810.0)]

    pages = drop_running({1: page(1, "Nơi nhận:"), 2: page(2, "- Lưu: VT.")}, {1: 842.0, 2: 842.0})
    assert [[ln.text for ln in lines] for lines in pages.values()] == [["Nơi nhận:"], ["- Lưu: VT."]]
    # one page: nothing repeats, nothing goes
    single = {1: page(1, "Nơi nhận:")}
    assert drop_running(single, {1: 842.0}) == single


def test_doc_header_check_sees_only_the_first_lines():
    from pipeline.readers.doc import _has_header
    from schemas.document import Line

    body = [Line(text="KẾ HOẠCH"), Line(text="Thực hiện Kế hoạch số 1020/KH-SGDĐT ngày 12/3/2024 của Sở")]
    boxes = [Line(text="Số: 58/KH-UBND"), Line(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]
    footer = [Line(text="Nơi nhận:"), Line(text="- Lưu: VT.")]
    # antiword prints text boxes after everything else: a short dispatch's
    # boxes still come after Nơi nhận (or Kính gửi, or a body paragraph)
    assert not _has_header(body + footer + boxes)
    assert not _has_header([Line(text="Kính gửi: Sở Nội vụ.")] + boxes)
    assert _has_header(boxes + body + footer)


def test_docx_one_cell_table_is_read_as_paragraphs(tmp_path):
    from docx import Document

    from pipeline.readers.docx import docx_lines

    doc = Document()
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("KẾ HOẠCH")
    cell.add_paragraph("Kính gửi: Ủy ban nhân dân tỉnh.")
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Nơi nhận:"
    inner.cell(0, 1).text = "KT. CHỦ TỊCH"
    assert [(ln.text, ln.column) for ln in docx_lines(doc)] == [
        ("KẾ HOẠCH", None), ("Kính gửi: Ủy ban nhân dân tỉnh.", None),
        ("Nơi nhận:", "left"), ("KT. CHỦ TỊCH", "right")]


def _ocr_word(text, x0, x1, top, bottom, conf=0.95):
    return Word(text, x0, x1, top, bottom, conf=conf)


# Footer band of a scan in 300-dpi pixels (split at x=1200): Nơi nhận items
# on the left, the signer's title lines on the right set half a line lower,
# and a signature stroke read as a word two lines high.
FOOTER_CASES = [
    ("title lines offset by half a line",
     [("Nơi nhận:", 380, 545), ("- Như trên;", 380, 615), ("- Lưu: VT.", 380, 685),
      ("KT. GIÁM ĐỐC", 1500, 580), ("PHÓ GIÁM ĐỐC", 1500, 650)],
     [],
     [("Nơi nhận:", "left"), ("- Như trên;", "left"), ("- Lưu: VT.", "left"),
      ("KT. GIÁM ĐỐC", "right"), ("PHÓ GIÁM ĐỐC", "right")]),
    ("a stroke two lines high beside the items",
     [("Nơi nhận:", 380, 545), ("- BGĐ SYT;", 380, 615), ("- Lưu: VT.", 380, 685), ("GIÁM ĐỐC", 1500, 545)],
     [("J*%", 1250, 1300, 600, 720, 0.96)],
     [("Nơi nhận:", "left"), ("- BGĐ SYT;", "left"), ("- Lưu: VT.", "left"), ("GIÁM ĐỐC", "right"), ("J*%", "right")]),
    ("the closing sentence across the split stays whole",
     [("Quyết định này có hiệu lực kể từ ngày ký./.", 640, 480), ("Nơi nhận:", 380, 560),
      ("- Như Điều 3;", 380, 630), ("GIÁM ĐỐC", 1500, 575)],
     [],
     [("Quyết định này có hiệu lực kể từ ngày ký./.", "full"), ("Nơi nhận:", "left"),
      ("- Như Điều 3;", "left"), ("GIÁM ĐỐC", "right")]),
]


@pytest.mark.parametrize("rows,extra,expected", [c[1:] for c in FOOTER_CASES], ids=[c[0] for c in FOOTER_CASES])
def test_footer_cells_are_grouped_apart(rows, extra, expected):
    words = []
    for text, x0, top in rows:
        x = x0
        for tok in text.split():
            words.append(_ocr_word(tok, x, x + 18 * len(tok), top, top + 40))
            x += 18 * len(tok) + 14
    words += [_ocr_word(*e) for e in extra]
    lines = words_to_lines(words, 1, 2480, "ocr", footer=(460.0, 1300.0, 1200.0))
    got = [(ln.text, ln.column) for ln in lines]
    assert got == expected


def test_an_inflated_word_does_not_join_two_lines():
    # "nhận:" read with a box reaching into the item below: both lines stay apart
    words = [_ocr_word("Nơi", 380, 450, 545, 585), _ocr_word("nhận:", 470, 560, 545, 660),
             _ocr_word("-", 380, 395, 630, 635), _ocr_word("KHTC;", 410, 520, 615, 655),
             _ocr_word("tế;", 600, 660, 545, 585)]
    lines = words_to_lines(words, 1, 2480, "ocr")
    assert [ln.text for ln in lines] == ["Nơi nhận: tế;", "- KHTC;"]
