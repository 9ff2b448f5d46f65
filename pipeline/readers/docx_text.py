"""DOCX paragraphs and text boxes, read from the XML elements (lxml) directly.

Everything here takes `w:p` / `w:r` elements, whether python-docx parsed them (its
own element classes) or the reader's fast path did (plain lxml): python-docx's
`Paragraph`/`Run` proxies run an XPath query per property, most of a long DOCX's
reading time. Each helper gives what the python-docx property it replaces gives.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from extractors import patterns as P
from schemas.document import Column, Line, LineSource

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

_R, _HYPERLINK, _T, _TAB, _PTAB, _CR, _BR, _NO_BREAK_HYPHEN = (
    f"{W}{tag}" for tag in ("r", "hyperlink", "t", "tab", "ptab", "cr", "br", "noBreakHyphen"))
_BR_TYPE = f"{W}type"
_RPR, _B, _VAL, _PPR, _PSTYLE = (f"{W}{tag}" for tag in ("rPr", "b", "val", "pPr", "pStyle"))
_TXBX, _FALLBACK = f"{W}txbxContent", f"{MC}Fallback"
_ANCHORS = (f"{WP}anchor", f"{WP}inline", f"{W}pict")
_PICT = f"{W}pict"
# VML box geometry, in points (compiled once: regex's module-level search re-looks the pattern up per call)
_VML_LEFT = regex.compile(r"margin-left:\s*(-?[\d.]+)pt")
_VML_WIDTH = regex.compile(r"width:\s*([\d.]+)pt")


class Unusual(Exception):
    """Raised by the fast path on XML it does not read the way python-docx would
    (a missing required attribute, an odd value): the reader then reads the file with
    python-docx, which gives (or raises) exactly what it always did."""


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


def p_text(p) -> str:
    """python-docx's `Paragraph.text` of a `w:p` element (runs and hyperlinks' runs, in order)."""
    out = []
    for e in p:
        if e.tag == _R:
            out.append(run_text(e))
        elif e.tag == _HYPERLINK:
            out.extend(run_text(r) for r in e if r.tag == _R)
    return "".join(out)


def par_text(par) -> str:
    """`p_text` of a python-docx Paragraph."""
    return p_text(par._p)


_ON, _OFF = ("1", "true", "on"), ("0", "false", "off")


def _first(el, tag: str):
    """`el.find(tag)` for a plain tag: lxml's find parses the path in Python on every call
    (1.4 µs; a long table has 30,000 such lookups), a loop over the children is 0.3 µs."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def run_bold(r) -> bool | None:
    """python-docx's `Run.bold` of a plain `w:r` element: `w:rPr/w:b`, its `w:val` on/off."""
    pr = _first(r, _RPR)
    if pr is None:
        return None
    b = _first(pr, _B)
    if b is None:
        return None
    v = b.get(_VAL)
    if v is None or v in _ON:
        return True
    if v in _OFF:
        return False
    raise Unusual("w:b value")      # python-docx raises InvalidXmlError: let it


def p_style_id(p) -> str | None:
    """python-docx's `CT_P.style` of a plain `w:p` element."""
    pr = _first(p, _PPR)
    if pr is None:
        return None
    style = _first(pr, _PSTYLE)
    if style is None:
        return None
    v = style.get(_VAL)
    if v is None:
        raise Unusual("w:pStyle without w:val")
    return v


def fast_bold(style_bold: Callable[[str | None], bool | None]) -> Callable[[object], bool | None]:
    """The paragraph boldness of the fast path: every run with text bold, a run without
    its own setting taking the paragraph style's (`style_bold(style id)`)."""

    def bold(p) -> bool | None:
        runs = [r for r in p.iterchildren(_R) if run_text(r).strip()]   # Paragraph.runs: direct w:r only
        if not runs:
            return None
        default = style_bold(p_style_id(p))
        for r in runs:
            b = run_bold(r)
            if (b if b is not None else default) is not True:
                return False
        return True

    return bold


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


def p_lines(p, bold: Callable[[object], bool | None], column: Column | None, source: LineSource) -> list[Line]:
    """One Line per printed line of a `w:p` (manual line breaks split it)."""
    b = bold(p)
    return [Line(text=t.strip(), column=column, bold=b, source=source) for t in p_text(p).split("\n") if t.strip()]


def free_p_lines(p, bold: Callable[[object], bool | None], in_header: bool, source: LineSource) -> list[Line]:
    """A body-level paragraph: cut padded two-column ones, place indented short ones right."""
    b = bold(p)
    return [
        Line(text=piece, column=column, bold=b, source=source)
        for line in p_text(p).split("\n")
        for _, piece, column in split_line(line, in_header)
    ]


# --- text boxes ------------------------------------------------------------------


def text_boxes(p_el) -> Iterator[tuple[object, object]]:
    """(txbxContent, anchor element) for each text box anchored in a paragraph, once each."""
    for box in p_el.iter(_TXBX):
        anc = box.getparent()
        inside_fallback = False
        anchor = None
        while anc is not None and anc is not p_el:
            if anc.tag == _FALLBACK:
                inside_fallback = True
            if anchor is None and anc.tag in _ANCHORS:
                anchor = anc
            anc = anc.getparent()
        if not inside_fallback:
            yield box, anchor


def box_column(anchor, page_w: float, margin_l: float) -> Column | None:
    """Left/right/full from the box's horizontal position (EMU), or None when unknown."""
    if anchor is None:
        return None
    if anchor.tag == _PICT:
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
        m = _VML_LEFT.search(style)
        w = _VML_WIDTH.search(style)
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


def box_lines(box, bold: Callable[[object], bool | None], column: Column | None, source: LineSource) -> list[Line]:
    out: list[Line] = []
    for p_el in box.iter(f"{W}p"):
        out.extend(p_lines(p_el, bold, column, source))
    return out
