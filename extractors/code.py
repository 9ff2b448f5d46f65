"""Placeholder until the code extractor lands (returns nothing, low confidence)."""
from __future__ import annotations

from schemas.document import ParsedDocument
from schemas.record import FieldValue, Record


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    return FieldValue(value=None, confidence=0.0)
