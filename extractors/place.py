"""Địa danh of the date line (`Lai Châu, ngày ...` → `Lai Châu`)."""
from __future__ import annotations

import regex

from extractors import date as date_mod
from extractors import gazetteer
from extractors import patterns as P
from extractors.header import header_lines, span
from schemas.document import ParsedDocument
from schemas.record import FieldValue, Record

# Words that a flattened line may leave in front of the place (a ký hiệu's tail,
# a label); the place itself is capitalised words.
_LEAD = regex.compile(r"^(?:.*[/:]\S*\s+)", regex.VERSION1)


def _garbled_date_line(doc: ParsedDocument) -> FieldValue | None:
    """The place of a date line too garbled to parse, when the gazetteer knows it."""
    for zone, line in header_lines(doc):
        m = P.DATE_LINE_PLACE.match(line.text)
        if not m:
            continue
        name = regex.sub(r"^(?:Thành\s+phố|Thị\s+xã|Thị\s+trấn|TP\.)\s*", "", m.group("place"))
        if gazetteer.province(name) or gazetteer.local_place(name):
            a, b = m.span("place")
            return FieldValue(value=m.group("place"), span=span(line, zone, a, b), confidence=0.6,
                              raw=line.text)
    return None


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    hit = date_mod.find(doc)
    if hit is None:
        return _garbled_date_line(doc) or FieldValue(value=None, confidence=0.4)
    m, line, zone = hit
    raw = m.group("place")
    place = _LEAD.sub("", raw).strip(" ,.*")
    if not place:
        return FieldValue(value=None, span=span(line, zone, m.start(), m.end()), confidence=0.3, raw=raw)
    a = m.start("place") + raw.find(place)
    return FieldValue(value=place, span=span(line, zone, a, a + len(place)), confidence=0.9, raw=raw)
