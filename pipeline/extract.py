"""Run every field extractor over a ParsedDocument and assemble the Record.

Each field has its own module in `extractors/` exposing
`extract(doc: ParsedDocument) -> FieldValue`; `FIELDS` binds record keys to
those modules. A failing extractor leaves its field empty with a warning:
one bad field never loses the rest of the record.
"""
from __future__ import annotations

import importlib
import logging
from pathlib import Path

from pipeline import readers
from schemas.document import ParsedDocument
from schemas.record import FieldValue, Record, Signer, Span

_log = logging.getLogger(__name__)

# record key -> extractor module (in extraction order: later ones may read earlier results)
FIELDS: dict[str, str] = {
    "doc_type": "extractors.doc_type",
    "code": "extractors.code",
    "issuer": "extractors.issuer",
    "place": "extractors.place",
    "date": "extractors.date",
    "subject": "extractors.subject",
    "recipients": "extractors.recipients",
    "cc": "extractors.cc",
    "signer": "extractors.signer",
    "signed_at": "extractors.signed_at",
    "references": "extractors.references",
    "tasks": "extractors.tasks",
}
LIST_FIELDS = {"issuer", "recipients", "cc", "references", "tasks"}


def extract_document(doc: ParsedDocument) -> Record:
    record = Record(file=doc.file, doc_id=doc.doc_id, reader=doc.reader, warnings=list(doc.warnings), text=doc.text)
    for key, module_name in FIELDS.items():
        try:
            module = importlib.import_module(module_name)
            result: FieldValue = module.extract(doc, record)
        except Exception as exc:  # noqa: BLE001 - one field must not sink the record
            _log.warning("%s: %s failed: %s", doc.file, key, exc)
            record.warnings.append(f"{key}: extractor failed: {type(exc).__name__}: {exc}")
            continue
        _apply(record, key, result)
    return record


def _apply(record: Record, key: str, result: FieldValue) -> None:
    value = result.value
    if key == "signer":
        value = value if isinstance(value, Signer) else Signer(**(value or {}))
    elif key in LIST_FIELDS and value is None:
        value = []
    setattr(record, key, value)
    record.confidence[key] = result.confidence
    spans: list[Span] = []
    if result.span is not None:
        spans.append(result.span)
    spans.extend(getattr(result, "item_spans", None) or [])
    if spans:
        record.spans[key] = spans


def extract_file(path: Path | str) -> Record:
    """Read and extract one file (raises CongvanError subclasses on unreadable input)."""
    return extract_document(readers.read(path))
