"""Nơi nhận (ô 9b): one item per line item, without bullet and trailing , ; .

Drafter marks stay (`Lưu: VT, QHĐP (2)Q.Cường`); a wrapped item is joined
back; signature notes printed in the column ("(Đã ký)") are not items.
"""
from __future__ import annotations

import regex

from extractors import patterns as P
from extractors.header import split_items
from schemas.document import Line, ParsedDocument
from schemas.record import FieldValue, Record


# "- Lưu: VT, NVY." closes the list; only a short line (the drafter's initials) may follow it
_LUU = regex.compile(r"^\W*Lưu(?![\p{L}])", regex.VERSION1)
_LUU_TAIL = 25


def _far_below(line: Line, parts: list) -> bool:
    """True when `line` lies more than two of the list's line spacings below its last item
    (positions known): what a scan reads further down is a stamp or a scribble, no mark of
    the drafter's."""
    tops = [p[0].top for p in parts if p[0].top is not None and p[0].page == line.page]
    if line.top is None or len(tops) < 2:
        return False
    gaps = sorted(b - a for a, b in zip(tops, tops[1:]) if b > a)
    return bool(gaps) and line.top - tops[-1] > 2.5 * gaps[len(gaps) // 2]


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    lines = doc.zone("cc")
    if not lines:
        return FieldValue(value=[], confidence=0.7)
    parts = []
    started = False
    luu: Line | None = None         # the Lưu item, once seen: one drafter's mark may follow it
    for line in lines:
        m = P.NOI_NHAN.match(line.text)
        if m:
            if started:  # a second Nơi nhận (an annex's own footer)
                break
            started = True
            parts.append((line, m.end(), "cc"))
            continue
        if P.SIGNED_NOTE.match(line.text.strip("* ")):
            continue
        last = parts[-1][0] if parts else None
        if last is not None and luu is None and _LUU.match(last.text[parts[-1][1]:]):
            luu = last
        if luu is not None and (last is not luu or len(line.text.strip()) > _LUU_TAIL or len(line.text.split()) > 3
                                or line.page != luu.page or _far_below(line, parts)):
            break  # the Lưu item is the last: more than a drafter's mark after it is an annex or a stamp
        parts.append((line, 0, "cc"))
    values, spans = split_items(parts)
    if not values:
        return FieldValue(value=[], confidence=0.5)
    sp = spans[0].model_copy(update={"end": spans[-1].end})
    return FieldValue(value=values, span=sp, confidence=0.85, item_spans=spans)
