"""DOCX reader (python-docx): body paragraphs, layout tables and text boxes in document order.

Where the two-column blocks live in a DOCX:
- a borderless table: the header (issuer | quốc hiệu, Số | date) and the
  footer (Nơi nhận | signer). Their first column is "left", the last "right",
  emitted cell by cell so a cell's wrapped lines stay together;
- floating text boxes (`w:txbxContent` inside `w:drawing`, `mc:AlternateContent`
  or VML `w:pict`): read paragraph by paragraph, only from the `w:t` runs, once
  per box (an AlternateContent holds the same box twice, as Choice and as
  Fallback). Never the raw text of the drawing XML: its `wp:posOffset` numbers
  would leak into the text (`7394571206500Số:`). The box's column comes from
  its horizontal position;
- a paragraph padded with spaces or tabs (`ỦY BAN NHÂN DÂN       CỘNG HÒA ...`):
  cut at the widest gap.
Other tables (task lists in the body) come out one line per row, cells joined
by " | ", with no column, so extractors still see the rows.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import regex

from extractors import patterns as P
from pipeline.builder import build_document
from pipeline.errors import CorruptDocument, EmptyDocument, EncryptedDocument
from pipeline.readers import sha256
from schemas.document import Column, InputFormat, Line, LineSource

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
EMU_PER_PT = 12700

# A gap that separates two cells in a padded paragraph: a tab, or this many spaces.
_PAD_GAP = regex.compile(r"[ \u00a0]*\t[\t \u00a0]*|[ \u00a0]{4,}")
# Each piece of a padded two-column paragraph is short (a cell's line); a body
# sentence with a wide gap is not.
_LEFT_MAX, _RIGHT_MAX = 50, 60
# A paragraph with at least this much leading indent (in characters, tabs as 8)
# and short text sits in the right half: the signer's name under the signature.
_INDENT_RIGHT = 30
# A paragraph this long is body text: the header is over.
_BODY_LEN = 100
# Landmarks that make a table a layout table (header or Nơi nhận/signature).
_LAYOUT_MARKS = (P.QUOC_HIEU, P.DANG_CSVN, P.TIEU_NGU, P.SO_LINE, P.NOI_NHAN, P.AUTHORITY, P.DATE_PHRASE)


# --- refusing hostile packages ------------------------------------------------------
# python-docx inflates every part of the ZIP into memory and parses each XML part
# with lxml, so a package is checked first, streaming, without keeping what it inflates.
#
# A real dispatch DOCX is a few MB, images included; 256 MB leaves room for a
# report full of photos while a zip bomb (GBs of zeros in a few MB) is refused.
MAX_EXPANDED = 256 * 1024 * 1024
# Deflated Word XML shrinks 5-30×, photos barely; zeros shrink ~1000×. A part
# inflating more than 200× its stored size is a bomb, counted only above 1 MB
# (small parts carry no risk, and empty-ish ones have odd ratios).
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
# A DOCX has 10-50 parts (a few hundred with many images); thousands of entries
# only cost memory in the central directory.
MAX_ENTRIES = 5000
_CHUNK = 1024 * 1024
_IN_CHUNK = 64 * 1024
# Office never writes a DOCTYPE; with one an XML part can declare entities
# (external files, billion laughs). Looked for as UTF-8 and UTF-16/32 bytes.
_DOCTYPES = tuple({"<!DOCTYPE".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")})
_OVERLAP = max(len(n) for n in _DOCTYPES) - 1
_MB = 1024 * 1024


def _size(n: int) -> str:
    return f"{n // _MB} MB" if n >= _MB else f"{n} bytes"


def _refuse(why: str) -> CorruptDocument:
    return CorruptDocument(f"DOCX refused: {why}")


def zip_entry_count(data: bytes) -> int | None:
    """Entries the end-of-central-directory record announces (None when it is not found)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return None
    return struct.unpack_from("<H", data, at + 10)[0]


def _inflate(data: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """One part's bytes in chunks of at most _CHUNK, never more than its declared size."""
    start = info.header_offset
    if data[start:start + 4] != b"PK\x03\x04":
        raise _refuse(f"{info.filename} has no local header")
    name_len, extra_len = struct.unpack_from("<HH", data, start + 26)
    start += 30 + name_len + extra_len
    raw = memoryview(data)[start:start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        for k in range(0, len(raw), _CHUNK):
            yield bytes(raw[k:k + _CHUNK])
        return
    inflater = zlib.decompressobj(-15)
    total = 0
    for k in range(0, len(raw), _IN_CHUNK):  # fed in slices: the unconsumed tail stays small
        pending: bytes | memoryview = raw[k:k + _IN_CHUNK]
        while pending:
            try:
                out = inflater.decompress(pending, _CHUNK)
            except zlib.error:
                raise _refuse(f"{info.filename} is damaged") from None
            pending = inflater.unconsumed_tail
            total += len(out)
            if total > info.file_size:  # the header lies about the size
                raise _refuse(f"{info.filename} expands beyond its declared {_size(info.file_size)}")
            if out:
                yield out
            if inflater.eof:
                return


def _looks_xml(head: bytes) -> bool:
    head = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    return head.startswith(b"<")


def check_package(data: bytes) -> None:
    """Refuse a ZIP that would inflate too far or holds an XML part with a DOCTYPE.

    Sizes come from the central directory (free to read) and are then held to
    while inflating, so a header that lies about them is refused as well.
    """
    count = zip_entry_count(data)
    if count is not None and count >= MAX_ENTRIES:  # 0xFFFF: a ZIP64 archive, never a DOCX
        raise _refuse(f"{count} entries in the ZIP")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error):
        return  # not a ZIP: python-docx says so below
    if len(infos) > MAX_ENTRIES:
        raise _refuse(f"{len(infos)} entries in the ZIP")
    total = sum(i.file_size for i in infos)
    if total > MAX_EXPANDED:
        raise _refuse(f"expands to {total // _MB} MB (limit {MAX_EXPANDED // _MB} MB)")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(f"{info.filename} expands {info.file_size // max(info.compress_size, 1)}× "
                          f"to {info.file_size // _MB} MB")
        if info.flag_bits & 0x1:
            raise EncryptedDocument("the DOCX has encrypted ZIP entries")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse(f"{info.filename} uses ZIP compression method {info.compress_type}")
    for info in infos:
        if info.is_dir():
            continue
        # every part is inflated (python-docx loads them all, images too), so a
        # lying size is caught; only the XML ones are searched for a DOCTYPE
        tail = b""
        xml = None
        for chunk in _inflate(data, info):
            if xml is None:
                xml = _looks_xml(chunk[:64])
            if xml:
                window = tail + chunk
                if any(n in window for n in _DOCTYPES):
                    raise _refuse(f"XML with a DOCTYPE ({info.filename})")
                tail = window[-_OVERLAP:]


def _open(data: bytes):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # an OLE container: an encrypted DOCX (or a .doc renamed)
        raise EncryptedDocument("the DOCX is password-protected (or is a legacy .doc)")
    check_package(data)
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptDocument(f"cannot open DOCX: {str(exc).splitlines()[0] if str(exc) else 'damaged file'}") from None
    except Exception as exc:  # lxml errors on a damaged part
        raise CorruptDocument(f"cannot open DOCX: {type(exc).__name__}") from None


# --- paragraphs ------------------------------------------------------------------


def _style_bold(style) -> bool | None:
    while style is not None:
        if style.font is not None and style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return None


# paragraph style id -> the boldness it gives (python-docx looks a style up by walking
# every style of the document); cleared at each read()
_STYLE_BOLD: dict[str | None, bool | None] = {}

_R, _HYPERLINK, _T, _TAB, _PTAB, _CR, _BR, _NO_BREAK_HYPHEN = (
    f"{W}{tag}" for tag in ("r", "hyperlink", "t", "tab", "ptab", "cr", "br", "noBreakHyphen"))
_BR_TYPE = f"{W}type"


def run_text(r) -> str:
    """python-docx's `Run.text` of a `w:r` element, without an XPath query per run."""
    out = []
    for e in r:
        tag = e.tag
        if tag == _T:
            out.append(e.text or "")
        elif tag == _TAB or tag == _PTAB:
            out.append("\t")
        elif tag == _CR:
            out.append("\n")
        elif tag == _BR:
            if e.get(_BR_TYPE, "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            out.append("-")
    return "".join(out)


def par_text(par) -> str:
    """python-docx's `Paragraph.text` (runs and hyperlinks' runs, in order), read directly."""
    out = []
    for e in par._p:
        if e.tag == _R:
            out.append(run_text(e))
        elif e.tag == _HYPERLINK:
            out.extend(run_text(r) for r in e if r.tag == _R)
    return "".join(out)


def _bold(par) -> bool | None:
    runs = [r for r in par.runs if run_text(r._r).strip()]
    if not runs:
        return None
    key = par._p.style
    if key not in _STYLE_BOLD:
        _STYLE_BOLD[key] = _style_bold(par.style) if par.style is not None else None
    default = _STYLE_BOLD[key]
    return all((r.bold if r.bold is not None else default) is True for r in runs)


def _split_padded(text: str) -> tuple[int, int] | None:
    """(start of left piece, start of right piece) in a line padded into two columns, or None."""
    gaps = list(_PAD_GAP.finditer(text.rstrip()))
    lead = len(text) - len(text.lstrip())
    gaps = [m for m in gaps if m.start() > lead]
    if not gaps:
        return None
    widest = max(gaps, key=lambda m: len(m.group(0).expandtabs(8)))
    left, right = text[lead: widest.start()].strip(), text[widest.end():].strip()
    if not left or not right or len(left) > _LEFT_MAX or len(right) > _RIGHT_MAX:
        return None
    # not a list marker and its item ("1.<tab>Mục đích", "a)    Giao ..."): the
    # left piece has words, and the right one starts well into the line
    if sum(c.isalpha() for c in left) < 3 or len(text[: widest.end()].expandtabs(8)) < 12:
        return None
    return lead, widest.end()


def split_line(text: str, in_header: bool) -> list[tuple[int, str, Column | None]]:
    """Pieces (offset, text, column) of one free-standing printed line.

    A line padded into two columns is cut at its widest gap (left, right); a
    short line indented far to the right is "right" (the signer's name); other
    lines are "full", or None while still in the header, where the layout
    decides by content (a wrapped V/v line, an issuer line).
    """
    if not text.strip():
        return []
    cut = _split_padded(text)
    if cut:
        left, right = cut
        return [(left, text[left:right].strip(), "left"), (right, text[right:].strip(), "right")]
    lead = len(text) - len(text.lstrip())
    indent = len(text[:lead].expandtabs(8))
    core = text.strip()
    column: Column | None
    if indent >= _INDENT_RIGHT and len(core) < 50 and not P.KINH_GUI.match(core):
        column = "right"
    else:
        column = None if in_header else "full"
    return [(lead, core, column)]


def paragraph_lines(par, column: Column | None, source: LineSource) -> list[Line]:
    """One Line per printed line of a paragraph (manual line breaks split it)."""
    bold = _bold(par)
    return [Line(text=t.strip(), column=column, bold=bold, source=source) for t in par_text(par).split("\n") if t.strip()]


def _free_paragraph(par, in_header: bool, source: LineSource) -> list[Line]:
    """A body-level paragraph: cut padded two-column ones, place indented short ones right."""
    bold = _bold(par)
    return [
        Line(text=piece, column=column, bold=bold, source=source)
        for line in par_text(par).split("\n")
        for _, piece, column in split_line(line, in_header)
    ]


# --- text boxes ------------------------------------------------------------------


def _text_boxes(p_el) -> Iterator[tuple[object, object]]:
    """(txbxContent, anchor element) for each text box anchored in a paragraph, once each."""
    for box in p_el.iter(f"{W}txbxContent"):
        anc = box.getparent()
        inside_fallback = False
        anchor = None
        while anc is not None and anc is not p_el:
            if anc.tag == f"{MC}Fallback":
                inside_fallback = True
            if anchor is None and anc.tag in (f"{WP}anchor", f"{WP}inline", f"{W}pict"):
                anchor = anc
            anc = anc.getparent()
        if not inside_fallback:
            yield box, anchor


def _box_column(anchor, page_w: float, margin_l: float) -> Column | None:
    """Left/right/full from the box's horizontal position (EMU), or None when unknown."""
    if anchor is None:
        return None
    if anchor.tag == f"{W}pict":
        return _vml_column(anchor, page_w, margin_l)
    pos = anchor.find(f"{WP}positionH")
    ext = anchor.find(f"{WP}extent")
    width = float(ext.get("cx", 0)) if ext is not None else 0.0
    if pos is None:
        return None
    rel = pos.get("relativeFrom", "column")
    align = pos.find(f"{WP}align")
    if align is not None and align.text:
        return {"left": "left", "inside": "left", "right": "right", "outside": "right"}.get(align.text, "full")  # type: ignore[return-value]
    off = pos.find(f"{WP}posOffset")
    if off is None or not (off.text or "").lstrip("-").isdigit():
        return None
    x = float(off.text) + (0.0 if rel == "page" else margin_l)
    return _side(x, x + width, page_w)


def _vml_column(pict, page_w: float, margin_l: float) -> Column | None:
    for el in pict.iter():
        style = el.get("style") or ""
        m = regex.search(r"margin-left:\s*(-?[\d.]+)pt", style)
        w = regex.search(r"width:\s*([\d.]+)pt", style)
        if m:
            x = float(m.group(1)) * EMU_PER_PT + (0.0 if "mso-position-horizontal-relative:page" in style else margin_l)
            return _side(x, x + (float(w.group(1)) * EMU_PER_PT if w else 0.0), page_w)
    return None


def _side(x0: float, x1: float, page_w: float) -> Column:
    mid = page_w / 2
    slack = 0.03 * page_w
    if x1 <= mid + slack:
        return "left"
    if x0 >= mid - slack:
        return "right"
    return "full"


def _box_lines(box, anchor_par, column: Column | None, source: LineSource) -> list[Line]:
    from docx.text.paragraph import Paragraph

    out: list[Line] = []
    for p_el in box.iter(f"{W}p"):
        out.extend(paragraph_lines(Paragraph(p_el, anchor_par._parent), column, source))
    return out


# --- tables ------------------------------------------------------------------------


# tbl element id -> (the element, {tr element id: its cells}); cleared at each read()
_GRIDS: dict[int, tuple[object, dict[int, list], list]] = {}


def _grid(table) -> dict[int, list]:
    """Each row's distinct cells, a vertically merged cell standing in every row it spans.

    python-docx's `row.cells` finds a merged cell's origin by walking up the rows for every
    grid column (quadratic: 7 s for one 300-row table); this walks the rows once, keeping
    the cell each grid column was last started by."""
    from docx.table import _Cell

    tbl = table._tbl
    cached = _GRIDS.get(id(tbl))
    if cached is not None and cached[0] is tbl:
        return cached[1]
    above: dict[int, object] = {}
    rows: dict[int, list] = {}
    keep = tbl.tr_lst
    for tr in keep:
        col, seen, cells = _grid_before(tr), set(), []
        for tc in tr.tc_lst:
            span, merge = _span_merge(tc)
            source = above.get(col, tc) if merge == "continue" else tc
            if source is tc:
                for c in range(col, col + span):
                    above[c] = tc
            if id(source) not in seen:          # a merged cell once per row
                seen.add(id(source))
                cells.append(_Cell(source, table))
            col += span
        rows[id(tr)] = cells
    _GRIDS[id(tbl)] = (tbl, rows, keep)        # the proxies kept alive: lxml reuses a dead one's id
    return rows


_TC_PR, _TR_PR, _GRID_SPAN, _V_MERGE, _GRID_BEFORE, _VAL = (
    f"{W}{tag}" for tag in ("tcPr", "trPr", "gridSpan", "vMerge", "gridBefore", "val"))


def _decimal(el) -> int | None:
    """A w:val decimal read directly, or None when python-docx should read it (and complain)."""
    v = el.get(_VAL)
    return int(v) if v is not None and v.strip().lstrip("-").isdigit() else None


def _span_merge(tc) -> tuple[int, str | None]:
    """python-docx's (tc.grid_span, tc.vMerge), with lxml finds instead of its per-property lookups."""
    pr = tc.find(_TC_PR)
    if pr is None:
        return 1, None
    span_el, merge_el = pr.find(_GRID_SPAN), pr.find(_V_MERGE)
    span = 1 if span_el is None else _decimal(span_el)
    if span is None:
        span = tc.grid_span
    return span, None if merge_el is None else merge_el.get(_VAL, "continue")


def _grid_before(tr) -> int:
    pr = tr.find(_TR_PR)
    el = None if pr is None else pr.find(_GRID_BEFORE)
    value = 0 if el is None else _decimal(el)
    return tr.grid_before if value is None else value


def _unique_cells(row) -> list:
    return _grid(row.table)[id(row._tr)]


_P, _TBL = f"{W}p", f"{W}tbl"


def inner_content(container) -> Iterator:
    """python-docx's `iter_inner_content()` (the container's own paragraphs and tables, in
    order) without an XPath query per cell."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for el in container._element:
        if el.tag == _P:
            yield Paragraph(el, container)
        elif el.tag == _TBL:
            yield Table(el, container)


def _cell_paragraphs(cell) -> Iterator:
    from docx.table import Table

    for item in inner_content(cell):
        if isinstance(item, Table):
            for row in item.rows:
                for inner in _unique_cells(row):
                    yield from _cell_paragraphs(inner)
        else:
            yield item


_LAYOUT_ROWS = 16   # a layout table has at most this many rows


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


def _table_texts(table) -> list[list[str]]:
    return [["\n".join(par_text(p) for p in _cell_paragraphs(c)) for c in _unique_cells(r)] for r in table.rows]


def table_lines(table, source: LineSource = "docx-table") -> list[Line]:
    """Lines of one table: a layout table by column (left cells, then right), others row by row."""
    # a long table is never a layout block (is_layout_table): its texts are not read twice
    if len(table.rows) <= _LAYOUT_ROWS and is_layout_table(_table_texts(table)):
        left: list[Line] = []
        right: list[Line] = []
        middle: list[Line] = []
        for row in table.rows:
            cells = _unique_cells(row)
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
                for par in _cell_paragraphs(cell):
                    target.extend(paragraph_lines(par, side, source))
        return left + middle + right
    out = []
    for row in table.rows:
        cells = [" ".join(par_text(p).replace("\n", " ").strip() for p in _cell_paragraphs(c)).strip()
                 for c in _unique_cells(row)]
        cells = [c for c in cells if c]
        if cells:
            out.append(Line(text=" | ".join(cells), column=None, source=source))
    return out


# --- the document ----------------------------------------------------------------


def _is_container(table) -> bool:
    """A one-column table: a frame around body text (some offices put the whole
    body in a one-cell table), read as the paragraphs and tables it holds."""
    return bool(table.rows) and all(len(_unique_cells(row)) == 1 for row in table.rows)


def docx_lines(document, text_source: LineSource = "docx", table_source: LineSource = "docx-table",
               box_source: LineSource = "docx-textbox") -> list[Line]:
    """All lines of a python-docx Document in reading order (reused by the .doc reader)."""
    from docx.table import Table

    section = document.sections[0] if document.sections else None
    page_w = float(section.page_width or 7560310) if section else 7560310.0  # A4 in EMU
    margin_l = float(section.left_margin or 1080000) if section else 1080000.0
    lines: list[Line] = []
    in_header = True

    def walk(items) -> None:
        nonlocal in_header
        for item in items:
            if isinstance(item, Table):
                if _is_container(item):
                    for row in item.rows:
                        walk(inner_content(_unique_cells(row)[0]))
                    continue
                rows = table_lines(item, table_source)
                lines.extend(rows)
                if any(r.column in ("left", "right") for r in rows):
                    in_header = False
                continue
            boxes = list(_text_boxes(item._p))
            par_lines = _free_paragraph(item, in_header, text_source)
            if any(len(line.text) >= _BODY_LEN or P.KINH_GUI.match(line.text) for line in par_lines):
                in_header = False
                par_lines = [ln.model_copy(update={"column": "full"})
                             if ln.column is None and len(ln.text) >= _BODY_LEN else ln for ln in par_lines]
            lines.extend(par_lines)
            box_lines: list[Line] = []
            for box, anchor in boxes:
                box_lines.extend(_box_lines(box, item, _box_column(anchor, page_w, margin_l), box_source))
            # boxes anchored in one paragraph: the left one first, as in a table
            order = {"left": 0, None: 1, "full": 1, "right": 2}
            lines.extend(sorted(box_lines, key=lambda ln: order[ln.column]))

    _STYLE_BOLD.clear()             # style ids are the document's own
    try:
        walk(document.iter_inner_content())
    finally:
        _STYLE_BOLD.clear()
    return lines


def read(path: Path, data: bytes):
    document = _open(data)
    try:
        lines = docx_lines(document)
    finally:
        _GRIDS.clear()
    if not any(line.text.strip() for line in lines):
        raise EmptyDocument("the DOCX has no text")
    return build_document(path, sha256(data), InputFormat.DOCX, "docx", lines)
