"""Helpers shared by the header and footer extractors: spans, list items,
and the lines of the header zones in reading order.
"""
from __future__ import annotations

import regex

from extractors import patterns as P
from schemas.document import Line, ParsedDocument
from schemas.record import Span

HEADER_ZONES = ("banner", "header_left", "header_right", "title")

_BULLET = regex.compile(r"^\s*(?:[-–—+•·*~]+|\d{1,2}[.)](?=\s))\s*")
_ITEM_END_BULLETED = regex.compile(r"[;.]\s*$|\./\.\s*$")
_ITEM_END = regex.compile(r"[;.,]\s*$")
# a lone dash after the item is a stray mark of the scan ("- TCCB; -")
_TRAIL = regex.compile(r"(?:\s*\.\s*/\s*\.|\s*[,;.:]+|\s+[-–]+)+\s*$")


def span(line: Line, zone: str | None, a: int = 0, b: int | None = None) -> Span:
    """Span of line.text[a:b] in doc.text."""
    b = len(line.text) if b is None else b
    return Span(page=line.page, start=line.start + a, end=line.start + b, zone=zone)


def join_span(first: Span, last: Span) -> Span:
    return Span(page=first.page, start=first.start, end=max(first.end, last.end), zone=first.zone)


def header_lines(doc: ParsedDocument, kinds: tuple[str, ...] = HEADER_ZONES) -> list[tuple[str, Line]]:
    """(zone kind, line) for the zones of `kinds`, in document order, up to the body."""
    out: list[tuple[str, Line]] = []
    for z in doc.zones:
        if z.kind in ("body", "cc", "signature") and out:
            break
        # a recipients zone may sit between header zones (a PDF reader that gave
        # the right column after a Kính gửi printed below the header table)
        if z.kind in kinds:
            out.extend((z.kind, line) for line in z.lines)
    return out


def is_rule(text: str) -> bool:
    return bool(P.RULE.match(text))


def strip_bullet(text: str) -> tuple[int, str]:
    """Drop a leading bullet; return (chars dropped, rest)."""
    m = _BULLET.match(text)
    if not m:
        return 0, text
    return m.end(), text[m.end():]


def has_bullet(text: str) -> bool:
    return bool(_BULLET.match(text))


def clean_item(text: str) -> str:
    """An item without its trailing , ; . or ./. and surrounding spaces."""
    return _TRAIL.sub("", text).strip(" *")


# Several items printed on one line: DOCX/.doc table cells joined by " | ", or
# "- Sở Y tế; - Sở Tài chính;" run together in one paragraph.
_INLINE_ITEM = regex.compile(r"\s*\|\s*|(?<=;)\s*(?=[-–+•]\s)")


def _pieces(text: str, off: int) -> list[tuple[int, str]]:
    """(offset in the line, text) of each item printed on one line from `off`."""
    out, start = [], off
    for m in _INLINE_ITEM.finditer(text, off):
        out.append((start, text[start:m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return out


def split_items(parts: list[tuple[Line, int, str | None]]) -> tuple[list[str], list[Span]]:
    """Cut list lines into items.

    `parts` holds (line, offset of the text to use in the line, zone). A line
    opens a new item when it has a bullet or the item before it ended with
    `;`, `.` or (when no line of the list has a bullet) `,`; any other line
    continues the item above it (a wrapped item).
    """
    pieces = [(line, a, zone, text) for line, off, zone in parts for a, text in _pieces(line.text, off)]
    bulleted = any(has_bullet(t) for *_, t in pieces)
    items: list[list] = []  # [text, span]
    for line, off, zone, text in pieces:
        if not text.strip():
            continue
        lead = len(text) - len(text.lstrip())
        drop, rest = strip_bullet(text)
        rest = rest.rstrip()
        if not regex.search(r"[\p{L}\d]", rest):  # a bullet alone, a mark OCR read as a character
            continue
        ends = _ITEM_END_BULLETED if bulleted else _ITEM_END
        if items and rest.lstrip().startswith("(") and not has_bullet(text):
            # "(để đưa tin)" printed under its item belongs to it
            items[-1][0] = clean_item(items[-1][0])
            new = False
        else:
            new = not items or has_bullet(text) or bool(ends.search(items[-1][0]))
        sp = span(line, zone, off + max(lead, drop), off + max(lead, drop) + len(rest.strip()))
        if new:
            items.append([rest.strip(), sp])
        else:
            items[-1][0] = f"{items[-1][0]} {rest.strip()}"
            items[-1][1] = join_span(items[-1][1], sp)
    values, spans = [], []
    for text, sp in items:
        value = clean_item(text)
        if value:
            values.append(value)
            spans.append(sp)
    return values, spans

