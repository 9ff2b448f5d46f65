"""Pydantic models for each stage's output and the versioned DuckDB DDL."""
from schemas.document import InputFormat, Line, PageInfo, ParsedDocument, Zone
from schemas.record import FieldValue, Record, Reference, Signer, Span, Task

__all__ = [
    "FieldValue", "InputFormat", "Line", "PageInfo", "ParsedDocument", "Record",
    "Reference", "Signer", "Span", "Task", "Zone",
]
