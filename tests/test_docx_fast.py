"""The DOCX reader's fast path (plain lxml, no `Document()`) gives what python-docx gives.

`docx_package.fast_lines` must return `docx_lines(Document(...))` line for line, and on
whatever it does not read the way python-docx does it must raise, so that the reader
falls back to python-docx and gives (or raises) exactly what it always did.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from pipeline import readers
from pipeline.readers import docx_package
from pipeline.readers.docx import docx_lines, style_bold_of


def _bytes(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _dispatch() -> bytes:
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(13)
    d.styles["Heading 1"].font.bold = True
    header = d.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "UỶ BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 12/UBND-VP"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    d.add_paragraph("KẾ HOẠCH", style="Heading 1").alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = d.add_paragraph()
    p.add_run("Triển khai ").bold = True
    p.add_run("nhiệm vụ năm 2025").bold = False
    d.add_paragraph("ỦY BAN NHÂN DÂN\t\t\tCỘNG HÒA XÃ HỘI")
    tasks = d.add_table(rows=20, cols=3)
    for i, row in enumerate(tasks.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"Nội dung {i}.{j}" if j else f"{i}"
    tasks.cell(2, 1).merge(tasks.cell(3, 1))            # a vertical merge
    tasks.cell(5, 1).merge(tasks.cell(5, 2))            # a horizontal one
    frame = d.add_table(rows=1, cols=1)                  # a one-cell frame around body text
    frame.cell(0, 0).text = "Kính gửi: Sở Nội vụ."
    frame.cell(0, 0).add_table(rows=1, cols=2).cell(0, 0).text = "Nơi nhận:"
    footer = d.add_table(rows=1, cols=2)
    footer.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    footer.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A"
    return _bytes(d)


def _rewrite(data: bytes, part: str, edit) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == part:
                blob = edit(blob)
                if blob is None:
                    continue
            zout.writestr(info.filename, blob)
    return out.getvalue()


def test_fast_path_gives_python_docx_lines() -> None:
    data = _dispatch()
    fast = docx_package.fast_lines(data, style_bold_of)
    assert fast == docx_lines(docx.Document(io.BytesIO(data)))
    assert any(ln.bold for ln in fast) and any(ln.column == "left" for ln in fast)


def test_fast_path_without_a_styles_relationship_uses_python_docx_default_styles() -> None:
    data = _rewrite(_dispatch(), "word/_rels/document.xml.rels",
                    lambda b: re.sub(rb'<Relationship [^>]*relationships/styles"[^>]*/>', b"", b))
    assert docx_package.fast_lines(data, style_bold_of) == docx_lines(docx.Document(io.BytesIO(data)))


@pytest.mark.parametrize("part, edit", [
    ("word/document.xml", lambda b: b.replace(b"<w:b/>", b'<w:b w:val="yes"/>')),          # python-docx rejects it
    ("word/document.xml", lambda b: b.replace(b"<w:pStyle w:val=", b"<w:pStyle w:x=")),     # required attribute gone
    ("[Content_Types].xml", lambda b: b.replace(b"document.main+xml", b"template.main+xml")),
    ("word/settings.xml", lambda b: b[:-5]),                                                # a damaged part
    ("word/styles.xml", lambda b: None),                                                    # a missing one
])
def test_fast_path_refuses_what_python_docx_reads_differently(part, edit) -> None:
    data = _rewrite(_dispatch(), part, edit)
    with pytest.raises(Exception):
        docx_package.fast_lines(data, style_bold_of)


@pytest.mark.parametrize("part, edit", [
    ("word/document.xml", lambda b: b.replace(b"<w:b/>", b'<w:b w:val="yes"/>')),
    ("word/settings.xml", lambda b: b[:-5]),
    ("word/styles.xml", lambda b: None),
])
def test_reader_falls_back_to_python_docx(tmp_path: Path, part, edit) -> None:
    """Through the reader, such a file gives what python-docx alone gives: here an error."""
    path = tmp_path / "odd.docx"
    path.write_bytes(_rewrite(_dispatch(), part, edit))
    with pytest.raises(Exception) as fast:
        readers.read(path)
    with pytest.raises(Exception) as slow:
        from pipeline.readers.docx import _open
        docx_lines(_open(path.read_bytes()))
    assert type(fast.value) is type(slow.value) and str(fast.value) == str(slow.value)
