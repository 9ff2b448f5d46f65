"""Readers on layouts of the synthetic dispatches the corpus never showed.

The dispatches of tests/fixtures/synthetic (one printed line per text line)
are laid out with python-docx in ways offices really print them, and their
header and footer fields must come out as in `<name>.expected.json`:

- "tall": one header table row whose left cell (issuer, Số, a V/v wrapped on
  several lines) is much taller than the right cell, and a footer whose Nơi
  nhận cell runs far below the signature;
- "boxes": the header in two floating text boxes instead of a table;
- "bodytable": the whole body inside a one-cell table;
- "running": a page header (running title) and a page footer (page number)
  in the section, which must stay out of the zones.

Each is read as DOCX; with LibreOffice installed (slow tests) also as the
PDF and the .doc it converts it to.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from pipeline.extract import extract_file
from synthetic_docx import _TYPE, _borderless, _fill, _lines, layable
from test_synthetic_header import EXPECTED, KEYS, _source

_QH = re.compile(r"^(?:CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|ĐẢNG CỘNG SẢN VIỆT NAM)")
_DATE = re.compile(r"^[^\d,]{2,40},\s*ngày")
_AUTH = re.compile(r"^(?:TM\.|KT\.|TL\.|TUQ\.|Q\.|T/M|K/T|T/L|GIÁM ĐỐC|CHỦ TỊCH)")
EMU_PER_PT = 12700


def _parts(src: Path) -> dict[str, list[str]]:
    lines = _lines(src)
    qh = next(i for i, x in enumerate(lines) if _QH.match(x))
    dt = next(i for i, x in enumerate(lines) if _DATE.match(x))
    nn = next(i for i, x in enumerate(lines) if x.startswith("Nơi nhận"))
    sig = next(i for i in range(nn + 1, len(lines)) if _AUTH.match(lines[i]))
    return {"left": lines[:qh], "right": lines[qh:dt + 1], "body": lines[dt + 1:nn],
            "cc": lines[nn:sig], "signature": lines[sig:]}


def _new_doc():
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(14)
    return doc


def _table(container, left: list[str], right: list[str], widths=(Pt(200), Pt(280))):
    table = container.add_table(rows=1, cols=2)
    _fill(table.cell(0, 0), left)
    _fill(table.cell(0, 1), right)
    for cell, w in zip(table.rows[0].cells, widths):
        cell.width = w
    _borderless(table)
    return table


def _body(container, body: list[str]) -> None:
    """Body paragraphs; the type heading and the trích yếu under it centred and bold."""
    in_title = False
    for k, text in enumerate(body):
        first = k == 0 and hasattr(container, "_tc")  # a table cell starts with an empty paragraph
        p = container.paragraphs[0] if first else container.add_paragraph()
        run = p.add_run(text)
        if _TYPE.match(text):
            in_title, run.bold = True, True
        elif in_title and len(text) < 90 and not text.endswith((".", ":")) and not text.startswith(
                ("Kính gửi", "Căn cứ")):
            run.bold = True
        else:
            in_title = False
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if run.bold else WD_ALIGN_PARAGRAPH.JUSTIFY


_BOX = """
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
 <w:drawing>
  <wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{z}" behindDoc="0"
             locked="0" layoutInCell="1" allowOverlap="1">
   <wp:simplePos x="0" y="0"/>
   <wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>
   <wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>
   <wp:extent cx="{cx}" cy="{cy}"/>
   <wp:effectExtent l="0" t="0" r="0" b="0"/>
   <wp:wrapTopAndBottom/>
   <wp:docPr id="{z}" name="Box {z}"/>
   <wp:cNvGraphicFramePr/>
   <a:graphic>
    <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
     <wps:wsp>
      <wps:cNvSpPr txBox="1"/>
      <wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
       <a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>
      <wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx>
      <wps:bodyPr rot="0" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:spAutoFit/></wps:bodyPr>
     </wps:wsp>
    </a:graphicData>
   </a:graphic>
  </wp:anchor>
 </w:drawing>
</w:r>"""


def _box_xml(lines: list[str], x_pt: float, y_pt: float, w_pt: float, h_pt: float, z: int) -> str:
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;")  # noqa: E731
    paras = "".join(
        f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="26"/></w:rPr>'
        f"<w:t xml:space=\"preserve\">{esc(t)}</w:t></w:r></w:p>" for t in lines)
    return _BOX.format(x=int(x_pt * EMU_PER_PT), y=int(y_pt * EMU_PER_PT), cx=int(w_pt * EMU_PER_PT),
                       cy=int(h_pt * EMU_PER_PT), z=z, paras=paras)


def build_layout(src: Path, out: Path, kind: str) -> Path:
    """Lay the dispatch `src` out as DOCX in layout `kind` (see the module docstring)."""
    parts = _parts(src)
    doc = _new_doc()
    if kind == "boxes":
        anchor = doc.add_paragraph()
        # tall enough for every wrapped line (a box too small clips its text)
        height = max(20 * sum(-(-len(t) // 30) for t in parts[side]) for side in ("left", "right")) + 10
        for k, (side, x, w) in enumerate((("left", 50, 230), ("right", 290, 270))):
            anchor._p.append(parse_xml(_box_xml(parts[side], x, 50, w, height, k + 1)))
    else:
        _table(doc, parts["left"], parts["right"])
    if kind == "bodytable":
        _body(doc.add_table(rows=1, cols=1).cell(0, 0), parts["body"])
    else:
        _body(doc, parts["body"])
    cc = parts["cc"]
    if kind == "tall":
        cc = cc[:-1] + [f"- Phòng {n} thuộc Sở;" for n in ("Tổ chức", "Kế hoạch", "Thanh tra", "Pháp chế")] + cc[-1:]
    _table(doc, cc, parts["signature"], (Pt(240), Pt(240)))
    if kind == "running":
        section = doc.sections[0]
        section.header.paragraphs[0].text = "Sở Giáo dục — Bản tin nội bộ số 12"
        section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = foot.add_run("Trang ")
        for tag, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
            r = foot.add_run()
            if tag:
                fc = OxmlElement("w:fldChar")
                fc.set(qn("w:fldCharType"), tag)
                r._r.append(fc)
            elif text.strip() == "PAGE":
                it = OxmlElement("w:instrText")
                it.text = text
                r._r.append(it)
            else:
                r.text = text
    doc.save(out)
    return out


def expected_fields(expected: Path, kind: str) -> dict:
    data = json.loads(expected.read_text(encoding="utf-8"))
    want = {k: data[k] for k in KEYS}
    if kind == "tall":
        extra = [f"Phòng {n} thuộc Sở" for n in ("Tổ chức", "Kế hoạch", "Thanh tra", "Pháp chế")]
        want["cc"] = want["cc"][:-1] + extra + want["cc"][-1:]
    return want


def fields(path: Path) -> dict:
    rec = extract_file(path).contract()
    return {k: rec[k] for k in KEYS}


LAID_OUT = [p for p in EXPECTED if layable(_source(p))]
KINDS = ["tall", "boxes", "bodytable", "running"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("expected", LAID_OUT, ids=[p.name.split(".")[0] for p in LAID_OUT])
def test_docx_layouts(expected: Path, kind: str, tmp_path: Path) -> None:
    docx = build_layout(_source(expected), tmp_path / f"{expected.name.split('.')[0]}.{kind}.docx", kind)
    assert fields(docx) == expected_fields(expected, kind)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, Path]:
    """Every layout built once and converted by one LibreOffice call per format."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp("layouts")
    docs = [build_layout(_source(e), root / f"{e.name.split('.')[0]}.{k}.docx", k) for e in LAID_OUT for k in KINDS]
    out = {}
    for fmt in ("pdf", "doc"):
        cmd = [SOFFICE, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(root / fmt), *map(str, docs)]
        subprocess.run(cmd, capture_output=True, timeout=300, check=False, env={**os.environ, "HOME": str(root)})
        out[fmt] = root / fmt
    return out


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["pdf", "doc"])
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("expected", LAID_OUT, ids=[p.name.split(".")[0] for p in LAID_OUT])
def test_converted_layouts(expected: Path, kind: str, fmt: str, converted: dict[str, Path]) -> None:
    name = expected.name.split(".")[0]
    path = converted[fmt] / f"{name}.{kind}.{fmt}"
    if not path.exists():
        pytest.skip(f"LibreOffice did not convert {path.name}")
    assert fields(path) == expected_fields(expected, kind)
