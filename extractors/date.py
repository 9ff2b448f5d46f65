"""Ngày ban hành (ô 4) as ISO `YYYY-MM-DD`, from the date line
`<Địa danh>, ngày dd tháng mm năm yyyy` (or `<Địa danh>, dd/mm/yyyy`).

A blank day or month (a draft, or a number stamped by the e-signing system)
gives null; the printed month/year is kept as a partial date (`raw`, and the
record's `date_partial`) with a low confidence. Values are copied as printed, never corrected.
"""
from __future__ import annotations

import datetime as dt

import regex

from extractors import patterns as P
from extractors.header import header_lines, span
from schemas.document import Line, ParsedDocument
from schemas.record import FieldValue, Record

# zones searched for the date line, best first
_ZONE_ORDER = ("header_right", "header_left", "title", "banner")


def find(doc: ParsedDocument) -> tuple[regex.Match[str], Line, str | None] | None:
    """The date line of the header: (match, line, zone)."""
    lines = header_lines(doc)
    for kind in _ZONE_ORDER:
        for k, (zone, line) in enumerate(lines):
            if zone != kind:
                continue
            m = _match(line.text)
            wrapped = not m or not m.group("year").strip(" .…_")
            if wrapped and _NGAY.search(line.text) and k + 1 < len(lines):
                # the date line wrapped in a narrow cell ("..., ngày 05" / "tháng 02 năm 2024",
                # "... năm" / "2024"): read the two lines as one (one character apart in doc.text)
                nxt = lines[k + 1][1]
                if nxt.start == line.end + 1 and _DATE_REST.match(nxt.text):
                    m = _match(f"{line.text} {nxt.text}") or m
            if m:
                return m, line, zone
    return None


_NGAY = regex.compile(r"(?:^|,\s*|\s)ngày\b")
_DATE_REST = regex.compile(r"^[\s*_]*(?:\d{1,4}\b|tháng\b|năm\b)")


def _match(text: str) -> regex.Match[str] | None:
    m = P.DATE_LINE.search(text)
    if m and m.start("place") < 30 and len(text) < 120:
        return m
    m = P.DATE_NUMERIC.match(text.strip())
    if m and len(text) < 60:
        return m
    return None


def parse(m: regex.Match[str]) -> tuple[str | None, str]:
    """(ISO date or None, partial form "YYYY-MM-??" as printed)."""
    day, month, year = (m.group(k).strip(" .…_") for k in ("day", "month", "year"))
    partial = f"{year or '????'}-{month.zfill(2) if month else '??'}-{day.zfill(2) if day else '??'}"
    if not (day.isdigit() and month.isdigit() and year.isdigit()):
        return None, partial
    try:
        return dt.date(int(year), int(month), int(day)).isoformat(), partial
    except ValueError:
        return None, partial


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    hit = find(doc)
    if hit is None:
        return FieldValue(value=None, confidence=0.4)
    m, line, zone = hit
    iso, partial = parse(m)
    kw = line.text.lower().find("ngày", m.end("place"), m.end())
    sp = span(line, zone, kw if kw >= 0 else m.start("day"), m.end())
    if iso is None:
        record.date_partial = partial
        return FieldValue(value=None, span=sp, confidence=0.3, raw=partial)
    conf = 0.95 if line.confidence is None else min(0.95, line.confidence)  # OCR lines carry theirs
    return FieldValue(value=iso, span=sp, confidence=conf, raw=m.group(0)[len(m.group("place")):].strip(" ,"))
