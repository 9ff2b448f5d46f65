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
