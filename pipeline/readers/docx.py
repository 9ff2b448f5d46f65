"""DOCX reader: body paragraphs, layout tables and text boxes in document order.

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

The XML is walked element by element (pipeline.readers.docx_text, docx_tables), and
a file is opened without python-docx's `Document()` (pipeline.readers.docx_package:
the package walked by python-docx's own reader, the main part parsed by plain lxml,
only the styles wrapped in python-docx's objects); a file that path does not read
the way python-docx would is read with python-docx, as it always was.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from extractors import patterns as P
from pipeline.builder import build_document
from pipeline.errors import CorruptDocument, EmptyDocument, EncryptedDocument
from pipeline.readers import sha256
from pipeline.readers.docx_tables import (  # noqa: F401 - re-exported: doc.py and tests import them from here
    Grid, _grid_before, _span_merge, inner_elements, is_container, is_layout_table, table_lines)
from pipeline.readers.docx_text import (  # noqa: F401 - re-exported
    W, Unusual, box_column, box_lines, free_p_lines, par_text, run_text, split_line, text_boxes)
from schemas.document import InputFormat, Line, LineSource, ParsedDocument

# A paragraph this long is body text: the header is over.
_BODY_LEN = 100
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
    """A python-docx Document of the bytes (the reader's slow path, python-docx's own errors)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if data[:8] == _OLE:
        # an OLE container: an encrypted DOCX (or a .doc renamed)
        raise EncryptedDocument("the DOCX is password-protected (or is a legacy .doc)")
    check_package(data)
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptDocument(f"cannot open DOCX: {str(exc).splitlines()[0] if str(exc) else 'damaged file'}") from None
    except Exception as exc:  # lxml errors on a damaged part
        raise CorruptDocument(f"cannot open DOCX: {type(exc).__name__}") from None


# --- paragraphs of a python-docx Document ---------------------------------------------


def _style_bold(style) -> bool | None:
    while style is not None:
        if style.font is not None and style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return None


def style_bold_of(styles: Callable[[], object], cache: dict[str | None, bool | None] | None = None
                  ) -> Callable[[str | None], bool | None]:
    """Boldness a paragraph style id gives, through python-docx's Styles (`styles()`, asked
    for only when a paragraph needs it), once per id: python-docx looks a style up by
    walking every style of the document. `cache` keeps the answers (shared by documents
    whose styles part has the same bytes)."""
    from docx.enum.style import WD_STYLE_TYPE

    cache = {} if cache is None else cache

    def bold(style_id: str | None) -> bool | None:
        if style_id not in cache:
            style = styles().get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
            cache[style_id] = _style_bold(style) if style is not None else None
        return cache[style_id]

    return bold


def _document_bold(document) -> Callable[[object], bool | None]:
    """Paragraph boldness through python-docx's own proxies (a Document python-docx opened:
    the .doc reader's LibreOffice output, tests), exactly as python-docx reads it."""
    from docx.text.paragraph import Paragraph

    body = document._body
    by_style: dict[str | None, bool | None] = {}

    def bold(p) -> bool | None:
        par = Paragraph(p, body)
        runs = [r for r in par.runs if run_text(r._r).strip()]
        if not runs:
            return None
        key = p.style
        if key not in by_style:
            by_style[key] = _style_bold(par.style) if par.style is not None else None
        default = by_style[key]
        return all((r.bold if r.bold is not None else default) is True for r in runs)

    return bold


# --- the document ----------------------------------------------------------------

A4_WIDTH, LEFT_MARGIN = 7560310.0, 1080000.0      # EMU, when the section does not say


def walk_lines(body, bold: Callable[[object], bool | None], page_w: float, margin_l: float,
               text_source: LineSource = "docx", table_source: LineSource = "docx-table",
               box_source: LineSource = "docx-textbox") -> list[Line]:
    """All lines of a `w:body` element in reading order; `bold(p)` is a paragraph's boldness."""
    walker = _Walker(bold, page_w, margin_l, text_source, table_source, box_source)
    walker.walk(inner_elements(body))
    return walker.lines


_TBL = f"{W}tbl"
_BOX_ORDER = {"left": 0, None: 1, "full": 1, "right": 2}


class _Walker:
    """The walk's state. A class, not a closure calling itself: that closure is a reference
    cycle, which kept the document's whole tree (through the table grid) alive until the
    next full garbage collection."""

    def __init__(self, bold: Callable[[object], bool | None], page_w: float, margin_l: float,
                 text_source: LineSource, table_source: LineSource, box_source: LineSource) -> None:
        self.bold, self.page_w, self.margin_l = bold, page_w, margin_l
        self.text_source, self.table_source, self.box_source = text_source, table_source, box_source
        self.grid = Grid()
        self.lines: list[Line] = []
        self.in_header = True

    def walk(self, items) -> None:
        grid, lines, bold = self.grid, self.lines, self.bold
        for item in items:
            if item.tag == _TBL:
                if is_container(item, grid):
                    for cells in grid.cells(item):
                        self.walk(inner_elements(cells[0]))
                    continue
                rows = table_lines(item, grid, bold, self.table_source)
                lines.extend(rows)
                if any(r.column in ("left", "right") for r in rows):
                    self.in_header = False
                continue
            boxes = list(text_boxes(item))
            par_lines = free_p_lines(item, bold, self.in_header, self.text_source)
            if any(len(line.text) >= _BODY_LEN or P.KINH_GUI.match(line.text) for line in par_lines):
                self.in_header = False
                par_lines = [ln.model_copy(update={"column": "full"})
                             if ln.column is None and len(ln.text) >= _BODY_LEN else ln for ln in par_lines]
            lines.extend(par_lines)
            if boxes:
                found: list[Line] = []
                for box, anchor in boxes:
                    found.extend(box_lines(box, bold, box_column(anchor, self.page_w, self.margin_l),
                                           self.box_source))
                # boxes anchored in one paragraph: the left one first, as in a table
                lines.extend(sorted(found, key=lambda ln: _BOX_ORDER[ln.column]))


def docx_lines(document, text_source: LineSource = "docx", table_source: LineSource = "docx-table",
               box_source: LineSource = "docx-textbox") -> list[Line]:
    """All lines of a python-docx Document in reading order (reused by the .doc reader)."""
    section = document.sections[0] if document.sections else None
    page_w = float(section.page_width or A4_WIDTH) if section else A4_WIDTH
    margin_l = float(section.left_margin or LEFT_MARGIN) if section else LEFT_MARGIN
    body = document.element.body
    if body is None:            # python-docx's own walk fails on it: the same error
        list(document.iter_inner_content())
        return []
    return walk_lines(body, _document_bold(document), page_w, margin_l,
                      text_source, table_source, box_source)


def read(path: Path, data: bytes) -> ParsedDocument:
    """The DOCX's ParsedDocument: the fast path's lines, python-docx's where it refuses."""
    from pipeline.readers import docx_package

    if data[:8] == _OLE:
        raise EncryptedDocument("the DOCX is password-protected (or is a legacy .doc)")
    check_package(data)
    try:
        lines = docx_package.fast_lines(data, style_bold_of)
    except Exception:  # noqa: BLE001 - anything the fast path does not read as python-docx would
        lines = docx_lines(_open(data))
    if not any(line.text.strip() for line in lines):
        raise EmptyDocument("the DOCX has no text")
    return build_document(path, sha256(data), InputFormat.DOCX, "docx", lines)
