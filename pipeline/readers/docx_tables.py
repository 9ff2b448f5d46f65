"""DOCX tables, read from the `w:tbl` elements directly.

A table's grid (each row's distinct cells, a vertically merged cell standing in every
row it spans) is worked out once per table and kept (`Grid`): python-docx's
`row.cells` walks up the rows for every grid column of every row (quadratic), and
asking it again per cell and per "is this a frame?" check re-walked a 1,393-row table
thousands of times.

Layout tables (header, Nơi nhận/signature) come out by column, left cells then
right; other tables (task lists) one line per row, cells joined by " | ".
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from extractors import patterns as P
from pipeline.readers.docx_text import W, Unusual, _first, p_lines, p_text
from schemas.document import Column, Line, LineSource

_TC_PR, _TR_PR, _GRID_SPAN, _V_MERGE, _GRID_BEFORE, _VAL = (
    f"{W}{tag}" for tag in ("tcPr", "trPr", "gridSpan", "vMerge", "gridBefore", "val"))
_TR, _TC, _P, _TBL = f"{W}tr", f"{W}tc", f"{W}p", f"{W}tbl"
# Landmarks that make a table a layout table (header or Nơi nhận/signature).
_LAYOUT_MARKS = (P.QUOC_HIEU, P.DANG_CSVN, P.TIEU_NGU, P.SO_LINE, P.NOI_NHAN, P.AUTHORITY, P.DATE_PHRASE)
_LAYOUT_ROWS = 16   # a layout table has at most this many rows


def _decimal(el) -> int | None:
    """A w:val decimal read directly, or None when python-docx should read it (and complain)."""
    v = el.get(_VAL)
    return int(v) if v is not None and v.strip().lstrip("-").isdigit() else None


def _span_merge(tc) -> tuple[int, str | None]:
    """python-docx's (tc.grid_span, tc.vMerge), with lxml finds instead of its per-property lookups."""
    pr = _first(tc, _TC_PR)
    if pr is None:
        return 1, None
    span_el = merge_el = None
    for child in pr:                            # the first of each, as find() gives, in one pass
        tag = child.tag
        if tag == _GRID_SPAN:
            if span_el is None:
                span_el = child
        elif tag == _V_MERGE and merge_el is None:
            merge_el = child
    span = 1 if span_el is None else _decimal(span_el)
    if span is None:
        span = _oxml(tc).grid_span
    return span, None if merge_el is None else merge_el.get(_VAL, "continue")


def _grid_before(tr) -> int:
    pr = _first(tr, _TR_PR)
    el = None if pr is None else _first(pr, _GRID_BEFORE)
    value = 0 if el is None else _decimal(el)
    return _oxml(tr).grid_before if value is None else value


def _oxml(el):
    """`el` when python-docx parsed it (its property then reads, or rejects, the odd value);
    on the fast path's plain elements the file is handed to python-docx instead."""
    from docx.oxml.xmlchemy import BaseOxmlElement

    if not isinstance(el, BaseOxmlElement):
        raise Unusual("a table value python-docx must read")
    return el


class Grid:
    """Rows (tr elements) and each row's distinct cells (tc elements) of the tables read,
    worked out once per table; one per document."""

    def __init__(self) -> None:
        # tbl element id -> (the element, its rows, each row's cells); the element kept
        # alive with its entry: lxml reuses a freed proxy's id
        self._tables: dict[int, tuple[object, list, list[list]]] = {}

    def rows(self, tbl) -> tuple[list, list[list]]:
        """(rows, cells of each row) of one table."""
        cached = self._tables.get(id(tbl))
        if cached is not None and cached[0] is tbl:
            return cached[1], cached[2]
        above: dict[int, object] = {}
        rows = list(tbl.iterchildren(_TR))      # python-docx's tbl.tr_lst
        cells_of: list[list] = []
        for tr in rows:
            col, seen, cells = _grid_before(tr), set(), []
            for tc in tr.iterchildren(_TC):
                span, merge = _span_merge(tc)
                source = above.get(col, tc) if merge == "continue" else tc
                if source is tc:
                    for c in range(col, col + span):
                        above[c] = tc
                if id(source) not in seen:          # a merged cell once per row
                    seen.add(id(source))
                    cells.append(source)
                col += span
            cells_of.append(cells)
        self._tables[id(tbl)] = (tbl, rows, cells_of)
        return rows, cells_of

    def cells(self, tbl) -> list[list]:
        return self.rows(tbl)[1]


def inner_elements(container) -> Iterator:
    """The `w:p` and `w:tbl` children of a body or cell element, in order (python-docx's
    `iter_inner_content()`)."""
    for el in container:
        if el.tag == _P or el.tag == _TBL:
            yield el


def cell_paragraphs(tc, grid: Grid) -> Iterator:
    """The `w:p` elements of a cell in reading order, nested tables' cells included."""
    for el in tc:
        tag = el.tag
        if tag == _P:
            yield el
        elif tag == _TBL:
            for cells in grid.cells(el):
                for inner in cells:
                    yield from cell_paragraphs(inner, grid)


def is_layout_table(rows: list[list[str]]) -> bool:
    """Whether a table (rows of cell texts) is a two-column layout block, not a task table.

    Layout tables have 2-3 columns and hold a header or footer landmark, or,
    with exactly two columns of short cells, a person's name alone in a cell
    (a signature block without an authority line).
    """
    if not rows or len(rows) > _LAYOUT_ROWS:
        return False
    width = max(len(r) for r in rows)
    if not 2 <= width <= 3:
        return False
    cells = [c.strip() for r in rows for c in r if c.strip()]
    lines = [ln for c in cells for ln in c.split("\n")]
    if any(m.search(ln) for ln in lines for m in _LAYOUT_MARKS):
        return True
    return width == 2 and all(len(ln) < 70 for ln in lines) and any(P.PERSON_NAME.match(ln.strip()) for ln in lines)


def is_container(tbl, grid: Grid) -> bool:
    """A one-column table: a frame around body text (some offices put the whole
    body in a one-cell table), read as the paragraphs and tables it holds."""
    cells = grid.cells(tbl)
    return bool(cells) and all(len(c) == 1 for c in cells)


def table_lines(tbl, grid: Grid, bold: Callable[[object], bool | None],
                source: LineSource = "docx-table") -> list[Line]:
    """Lines of one table: a layout table by column (left cells, then right), others row by row."""
    cells_of = grid.cells(tbl)
    # a long table is never a layout block (is_layout_table): its texts are not read twice
    if len(cells_of) <= _LAYOUT_ROWS and is_layout_table(
            [["\n".join(p_text(p) for p in cell_paragraphs(c, grid)) for c in cells] for cells in cells_of]):
        left: list[Line] = []
        right: list[Line] = []
        middle: list[Line] = []
        for cells in cells_of:
            for k, cell in enumerate(cells):
                side: Column | None
                if len(cells) == 1:
                    side, target = None, middle
                elif k == 0:
                    side, target = "left", left
                elif k == len(cells) - 1:
                    side, target = "right", right
                else:
                    side, target = None, middle
                for p in cell_paragraphs(cell, grid):
                    target.extend(p_lines(p, bold, side, source))
        return left + middle + right
    out = []
    for cells in cells_of:
        texts = [" ".join(p_text(p).replace("\n", " ").strip() for p in cell_paragraphs(c, grid)).strip()
                 for c in cells]
        texts = [t for t in texts if t]
        if texts:
            out.append(Line(text=" | ".join(texts), column=None, source=source))
    return out
