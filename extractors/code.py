"""Số và ký hiệu (ô 3): the code printed after `Số`, spaces removed.

State `Số: 245/SKHCN-KHCN`, Party `Số 458-CV/ĐU` (no colon); a draft with a
blank number keeps the separator (`/UBND-NC`, `-CV/ĐU`). A `Số:` printed alone
with the code on the next line is read across the break. null when no Số line.
"""
from __future__ import annotations

import regex

from extractors import patterns as P
from extractors.header import header_lines, span
from schemas.document import Line, ParsedDocument
from schemas.record import FieldValue, Record

_SO_ALONE = regex.compile(r"^\s*S[ốố]\s*[:.]?\s*$", regex.VERSION1)
_CODE_ALONE = regex.compile(r"^\s*(?P<code>[\d…. ]*[/-]\s?[\p{L}\d][\p{L}\d.&/-]*)", regex.VERSION1)


def find(doc: ParsedDocument) -> tuple[str, Line, int, int, str] | None:
    """(code, line, start, end, zone) of the document's own Số line.

    When several Số lines sit in the header (a transcriber's title above the
    real header), the one with issuer lines above it wins.
    """
    lines = header_lines(doc, ("banner", "header_left", "header_right", "title"))
    if not lines:
        lines = [(None, line) for line in doc.lines[:25]]
    found: list[tuple[str, Line, int, int, str, int]] = []
    for i, (zone, line) in enumerate(lines):
        t = line.text
        m = P.SO_LINE.match(t.strip("* ")) if t.lstrip("* ").startswith(("Số", "SỐ", "số")) else None
        off = len(t) - len(t.lstrip("* "))
        if m:
            found.append((m.group("code"), line, off + m.start("code"), off + m.end("code"), zone, i))
            continue
        if _SO_ALONE.match(t) and i + 1 < len(lines):
            nxt_zone, nxt = lines[i + 1]
            m2 = _CODE_ALONE.match(nxt.text)
            if m2:
                found.append((m2.group("code"), nxt, m2.start("code"), m2.end("code"), nxt_zone, i))
    if not found:
        return None
    with_issuer = [f for f in found if f[5] > 0 and any(_is_issuer_like(l.text) for _, l in lines[: f[5]])]
    best = (with_issuer or found)[0]
    return best[:5]


def _is_issuer_like(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters) and not P.SO_LINE.match(text)


def normalise(raw: str) -> str:
    code = regex.sub(r"\s+", "", raw)
    code = regex.sub(r"^[…\.]+(?=[/-])", "", code)  # dots left for a hand-written number
    return code.rstrip(".,;:")


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    hit = find(doc)
    if hit is None:
        return FieldValue(value=None, confidence=0.6)
    raw, line, a, b, zone = hit
    code = normalise(raw)
    state = P.STATE_CODE.match(code)
    party = P.PARTY_CODE.match(code)
    if (state and state.group("num")) or (party and party.group("num")):
        conf = 0.95
    elif state or party:
        conf = 0.8  # blank number (draft, or stamped as an image)
    else:
        conf = 0.4
    if line.confidence is not None:  # an OCR line whose number was unreadable says so
        conf = min(conf, line.confidence)
    if line.source == "ocr":
        fixed = type_letters(code, record.doc_type)
        if fixed != code:
            record.warnings.append(f"code: OCR read the type letters of {fixed!r} as {code!r}")
            code, conf = fixed, min(conf, 0.7)
    return FieldValue(value=code, span=span(line, zone, a, b), confidence=conf, raw=raw)


def type_letters(code: str, doc_type: str | None) -> str:
    """`code` with its type abbreviation put right when OCR changed one letter of it.

    The ký hiệu's type group is the abbreviation of the document's own type (Nghị
    định 30, PL I): a Thông báo is `/TB-`, a Giấy mời `/GM-`. Read from a scan as
    `/IB-` or `/TR-` under a `THÔNG BÁO` heading, it is one letter off the only
    abbreviation it can be. Anything further off stays as read.
    """
    abbrs = P.DOC_TYPES.get(doc_type or "", ())
    if not abbrs:
        return code
    for pat in (P.STATE_CODE, P.PARTY_CODE):
        m = pat.match(code)
        if not m:
            continue
        if pat is P.STATE_CODE and doc_type == "Công văn":
            return code  # a state công văn's code has no type letters: `12/CA-VP` is the issuer's
        got = m.group("abbr")
        if got in abbrs:
            return code
        near = [a for a in abbrs if len(a) == len(got) and sum(x != y for x, y in zip(a.upper(), got.upper())) == 1]
        if len(near) == 1 and not any(got == a for abbs in P.DOC_TYPES.values() for a in abbs):
            return code[:m.start("abbr")] + near[0] + code[m.end("abbr"):]
        return code
    return code
