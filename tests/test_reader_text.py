"""The readers' own text paths give what the libraries they replace give.

`docx.par_text` / `run_text` read a paragraph's text straight from its XML (python-docx
runs an XPath query per run and per paragraph: most of a long DOCX's reading time);
they must give python-docx's `Paragraph.text` / `Run.text` for every kind of run content.
"""
from __future__ import annotations

import copy
import io

import docx
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from pipeline.readers.docx import par_text, run_text


def _document() -> docx.Document:
    d = docx.Document()
    p = d.add_paragraph("Số: 12/VPUBND")
    p.add_run("\tngày 05").add_tab()
    r = p.add_run("dòng một")
    r.add_break()                          # a line break: "\n"
    r.add_text("dòng hai")
    r.add_break(WD_BREAK.PAGE)             # a page break: nothing
    r.add_break(WD_BREAK.COLUMN)
    r._r.append(r._r.makeelement(qn("w:cr"), {}))
    r._r.append(r._r.makeelement(qn("w:noBreakHyphen"), {}))
    r._r.append(r._r.makeelement(qn("w:ptab"), {qn("w:relativeTo"): "margin", qn("w:alignment"): "right",
                                                qn("w:leader"): "none"}))
    r._r.append(r._r.makeelement(qn("w:t"), {}))   # an empty w:t
    # a hyperlink holding two runs, between plain runs
    link = p._p.makeelement(qn("w:hyperlink"), {})
    for text in ("Công văn ", "591-CV/TU"):
        link.append(copy.deepcopy(p.add_run(text)._r))
    p._p.append(link)
    p.add_run(" của Tỉnh ủy")
    d.add_paragraph("")
    d.add_paragraph().add_run().add_break()
    return d


def test_paragraph_and_run_text_match_python_docx():
    buf = io.BytesIO()
    _document().save(buf)
    d = docx.Document(io.BytesIO(buf.getvalue()))
    pars = [Paragraph(p, d._body) for p in d.element.body.iter(qn("w:p"))]
    assert len(pars) == 3
    assert "\n" in pars[0].text and "\t" in pars[0].text and "591-CV/TU" in pars[0].text
    for par in pars:
        assert par_text(par) == par.text
        for run in par.runs:
            assert run_text(run._r) == run.text


def test_inner_content_matches_python_docx():
    from pipeline.readers.docx import inner_elements

    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    cell = table.cell(0, 0)
    cell.paragraphs[0].add_run("một")
    cell.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].add_run("bảng trong ô")
    cell.add_paragraph("hai")
    cell._tc.append(cell._tc.makeelement(qn("w:sdt"), {}))        # neither a paragraph nor a table
    for c in (cell, table.cell(1, 1)):
        mine, theirs = list(inner_elements(c._element)), list(c.iter_inner_content())
        assert mine == [x._element for x in theirs]


def test_cell_spans_and_merges_match_python_docx():
    from pipeline.readers.docx import _grid_before, _span_merge

    d = docx.Document()
    table = d.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1))            # a gridSpan
    table.cell(1, 2).merge(table.cell(2, 2))            # a vMerge restart / continue
    tr = table.rows[2]._tr
    pr = tr.get_or_add_trPr()
    before = pr.makeelement(qn("w:gridBefore"), {qn("w:val"): "1"})
    pr.append(before)
    for row in table._tbl.tr_lst:
        assert _grid_before(row) == row.grid_before
        for tc in row.tc_lst:
            assert _span_merge(tc) == (tc.grid_span, tc.vMerge)
    assert {_span_merge(tc)[1] for row in table._tbl.tr_lst for tc in row.tc_lst} >= {"restart", "continue"}
