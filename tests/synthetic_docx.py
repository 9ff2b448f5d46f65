"""Lay a synthetic dispatch (tests/fixtures/synthetic/*.txt|md, one printed line
per text line) out as a DOCX the way offices print it, with python-docx:

- variant "a": a borderless 1x2 header table (issuer, Số, V/v | quốc hiệu,
  tiêu ngữ, place and date);
- variant "b": a borderless 2x2 header table whose second row holds Số and
  V/v | the date line (the other common template);
- a centred bold type heading and trích yếu, one paragraph per line (no
  merging), and a borderless Nơi nhận | signature table.

Only fixtures whose header is one line per printed line can be laid out (a
flattened text export cannot): `layable()` says which.
"""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

_QH = re.compile(r"^(?:CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|ĐẢNG CỘNG SẢN VIỆT NAM)")
_DATE = re.compile(r"^[^\d,]{2,40},\s*ngày")
_TYPE = re.compile(r"^(?:QUYẾT ĐỊNH|KẾ HOẠCH|THÔNG BÁO|BÁO CÁO|TỜ TRÌNH|GIẤY MỜI|CÔNG ĐIỆN|QUY ĐỊNH|CHƯƠNG TRÌNH)$")
_AUTH = re.compile(r"^(?:TM\.|KT\.|TL\.|TUQ\.|Q\.|T/M|K/T|T/L|GIÁM ĐỐC|CHỦ TỊCH)")


def _lines(src: Path) -> list[str]:
    out = []
    for line in src.read_text(encoding="utf-8").splitlines():
        line = line.replace("**", "").replace("*", "").strip() if src.suffix == ".md" else line.strip()
        if line and line != "*" or (line == "*" and src.suffix != ".md"):
            out.append(line)
    return out


def layable(src: Path) -> bool:
    lines = _lines(src)
    return any(_QH.match(x) for x in lines) and any(_DATE.match(x) for x in lines)


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _fill(cell, lines: list[str], center: bool = True) -> None:
    for k, text in enumerate(lines):
        p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        run = p.add_run(text)
        run.font.size = Pt(13)
        run.bold = center and text.isupper()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def build(src: Path, out: Path, variant: str = "a") -> Path:
    lines = _lines(src)
    qh = next(i for i, x in enumerate(lines) if _QH.match(x))
    dt = next(i for i, x in enumerate(lines) if _DATE.match(x))
    nn = next(i for i, x in enumerate(lines) if x.startswith("Nơi nhận"))
    sig = next(i for i in range(nn + 1, len(lines)) if _AUTH.match(lines[i]))
    left, right = lines[:qh], lines[qh:dt + 1]
    body, cc, signature = lines[dt + 1:nn], lines[nn:sig], lines[sig:]
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(14)
    if variant == "a":
        table = doc.add_table(rows=1, cols=2)
        _fill(table.cell(0, 0), left)
        _fill(table.cell(0, 1), right)
    else:
        so = next(i for i, x in enumerate(left) if x.startswith("Số"))
        table = doc.add_table(rows=2, cols=2)
        _fill(table.cell(0, 0), left[:so])
        _fill(table.cell(0, 1), right[:-1])
        _fill(table.cell(1, 0), left[so:])
        _fill(table.cell(1, 1), right[-1:])
    _borderless(table)
    in_title = False
    for text in body:
        p = doc.add_paragraph()
        run = p.add_run(text)
        if _TYPE.match(text):
            in_title, run.bold = True, True
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif in_title and len(text) < 90 and not text.endswith((".", ":")) and not text.startswith(("Kính gửi", "Căn cứ")):
            run.bold = True
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            in_title = False
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    table = doc.add_table(rows=1, cols=2)
    _fill(table.cell(0, 0), cc, center=False)
    _fill(table.cell(0, 1), signature)
    _borderless(table)
    doc.save(out)
    return out
