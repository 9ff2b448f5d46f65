"""Tên loại văn bản, in sentence case.

Order of evidence: a type heading (ô 5a, `KẾ HOẠCH`, `BÁO CÁO NHANH`); a `V/v`
line with no heading (a công văn); the type abbreviation inside the code
(`-CV/` in Party codes, `QĐ` in `06/2024/QĐ-UBND`); a state code with no type
abbreviation (`245/SKHCN-KHCN`) is a công văn.
"""
from __future__ import annotations

import regex

from extractors import code as code_mod
from extractors import patterns as P
from extractors.header import header_lines, span
from extractors.layout import is_upper
from extractors.normalize import canon
from schemas.document import Line, ParsedDocument
from schemas.record import FieldValue, Record

_BY_CANON = {canon(name): name for name in P.DOC_TYPES}
_BY_ABBR: dict[str, str] = {}
for _name, _abbrs in P.DOC_TYPES.items():
    for _abbr in _abbrs:
        _BY_ABBR.setdefault(_abbr, _name)  # first wins: TTr is Tờ trình before Thông tri
_UPPER_ABBR = {a.upper(): n for a, n in reversed(list(_BY_ABBR.items()))}


def heading(doc: ParsedDocument) -> tuple[str, Line, str, int] | None:
    """(type name, line, zone, length of the type words) of the type heading."""
    for zone, line in header_lines(doc):
        t = line.text.strip("*# ")
        m = P.TYPE_HEADING.match(t) or _HEADING_WORDS.match(t)
        if not m or not is_upper(t.split("V/")[0]):
            continue
        if zone not in ("title", "header_left", "header_right", "banner"):
            continue
        name = _BY_CANON.get(canon(m.group("type")))
        if name:
            off = len(line.text) - len(line.text.lstrip("*# "))
            return name, line, zone, off + m.end("type")
    return None


# A heading with a qualifier: "BÁO CÁO NHANH", "THÔNG BÁO KẾT LUẬN" (capitals, short).
_HEADING_WORDS = regex.compile(
    rf"^\s*(?P<type>{P.TYPE_NAMES})(?:\s+\p{{Lu}}+){{1,2}}\s*$", regex.VERSION1
)


def from_code(code: str | None) -> str | None:
    if not code:
        return None
    party = P.PARTY_CODE.match(code)
    if party:
        return _lookup(party.group("abbr"))
    state = P.STATE_CODE.match(code)
    if state:
        name = _lookup(state.group("abbr"))
        if name:
            return name
        # number/issuer-unit: the state công văn has no type abbreviation
        return "Công văn" if state.group("rest") or not state.group("abbr").isdigit() else None
    return None


def _lookup(abbr: str) -> str | None:
    return _BY_ABBR.get(abbr) or _UPPER_ABBR.get(abbr.upper())


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    head = heading(doc)
    if head:
        name, line, zone, end = head
        return FieldValue(value=name, span=span(line, zone, 0, end), confidence=0.95, raw=line.text)
    for zone, line in header_lines(doc):
        if P.VV.match(line.text) and zone in ("header_left", "title", "header_right"):
            return FieldValue(value="Công văn", span=span(line, zone, 0, 3), confidence=0.9, raw=line.text)
    # doc_type runs before code in the registry: read the Số line here
    hit = code_mod.find(doc)
    code = record.code or (code_mod.normalise(hit[0]) if hit else None)
    name = from_code(code)
    if name:
        sp = span(hit[1], hit[4], hit[2], hit[3]) if hit else None
        return FieldValue(value=name, span=sp, confidence=0.75, raw=code)
    if doc.zone("recipients"):
        return FieldValue(value="Công văn", confidence=0.5)
    return FieldValue(value=None, confidence=0.3)
