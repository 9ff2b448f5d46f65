"""Kính gửi (ô 9a): one item per recipient, without bullet and trailing , ; .

`Kính gửi: Sở Nội vụ.` on one line, or one `- X;` per line; a wrapped item
is joined back. Items printed on the Kính gửi line itself count too.
"""
from __future__ import annotations

from extractors import patterns as P
from extractors.header import split_items
from schemas.document import ParsedDocument
from schemas.record import FieldValue, Record


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    lines = doc.zone("recipients")
    if not lines:
        return FieldValue(value=[], confidence=0.8)
    parts = []
    for line in lines:
        if P.DIEN_ADDRESS.match(line.text.strip("* ")):
            continue  # a công điện's address line: its Kính gửi
        m = P.KINH_GUI.match(line.text)
        parts.append((line, m.end() if m else 0, "recipients"))
    values, spans = split_items(parts)
    for i, v in enumerate(values):
        m = P.BODY_RUN_ON.search(v)
        if m and m.start() > 0:
            values[i] = v[:m.start()].rstrip(" ,;.")
            spans[i] = spans[i].model_copy(update={"end": spans[i].start + len(values[i])})
            values, spans = values[: i + 1], spans[: i + 1]  # what follows is the body
            break
    # "Kính gửi: ............" left blank on a form: no recipient
    values_spans = [(v, s) for v, s in zip(values, spans) if v.strip(".…_ ")]
    if not values_spans:
        return FieldValue(value=[], confidence=0.5)
    values, spans = map(list, zip(*values_spans))
    first, last = spans[0], spans[-1]
    sp = first.model_copy(update={"end": last.end})
    return FieldValue(value=values, span=sp, confidence=0.9, item_spans=spans)
