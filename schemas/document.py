"""The one intermediate model between reading and extracting.

Every reader (txt, docx, doc, pdf, ocr) turns a file into a `ParsedDocument`:
the document's normalised text, cut into lines, and the lines grouped into
zones (header left/right, title, recipients, body, Nơi nhận, signature).
Extractors only ever see this model, never a PDF or DOCX object.

Offsets: `ParsedDocument.text` is the normalised text, lines joined by "\\n".
Each `Line` knows its span in that text (`start`, `end`), its page, its
position on the page when the reader knows it, and where it came from
(`source`: text layer, OCR, a DOCX table cell ...). `Line.src_start` is the
offset of the line's first character in the reader's raw text for that page,
so a value can be traced back to the source.
"""
from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, Field

ZoneKind = Literal[
    "banner",  # Công báo banners, digital-signature stamps printed above the header
    "header_left",  # issuer, Số, V/v (ô 2, 3, 5b)
    "header_right",  # quốc hiệu, tiêu ngữ, place and date (ô 1, 4)
    "title",  # type heading and trích yếu (ô 5a)
    "recipients",  # Kính gửi (ô 9a)
    "body",  # ô 6
    "cc",  # Nơi nhận (ô 9b)
    "signature",  # authority, title, name (ô 7)
]

Column = Literal["left", "right", "full"]
LineSource = Literal["text", "pdf", "docx", "docx-table", "docx-textbox", "doc", "ocr"]


class InputFormat(str, Enum):
    TXT = "txt"
    MD = "md"
    DOCX = "docx"
    DOC = "doc"
    PDF = "pdf"
    IMAGE = "image"


class Line(BaseModel):
    """One printed line (or one table-cell paragraph) of the document."""

    text: str
    page: int = 1
    start: int = 0  # span in ParsedDocument.text, filled by the builder
    end: int = 0
    column: Column | None = None  # set when the reader knows the line's column
    x0: float | None = None  # position on the page, points (PDF) or pixels (OCR)
    top: float | None = None
    x1: float | None = None
    bold: bool | None = None
    source: LineSource = "text"
    src_start: int | None = None  # offset in the reader's raw text, when known
    confidence: float | None = None  # OCR word confidence (0-1), when known


class Zone(BaseModel):
    kind: ZoneKind
    lines: list[Line] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class PageInfo(BaseModel):
    number: int
    path: Literal["text", "ocr", "empty", "needs-ocr"] = "text"
    width: float | None = None
    height: float | None = None


class ParsedDocument(BaseModel):
    file: str
    doc_id: str  # sha256 of the file's bytes
    format: InputFormat
    reader: str  # which reader made it (e.g. "pdf-text", "antiword", "docx")
    text: str = ""
    lines: list[Line] = Field(default_factory=list)
    zones: list[Zone] = Field(default_factory=list)
    pages: list[PageInfo] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # Embedded digital signatures (PDF): dicts with field, signer, organisation,
    # unit, locality, email, signing_time (ISO 8601 or None), in file order.
    # What the file claims, unverified; the earliest signing time is a fallback
    # date when the printed day is blank or unreadable (never the `date` itself).
    signatures: list[dict] = Field(default_factory=list)

    def zone(self, kind: ZoneKind) -> list[Line]:
        """All lines of the zones of this kind, in document order."""
        return [line for z in self.zones if z.kind == kind for line in z.lines]

    def zone_text(self, kind: ZoneKind) -> str:
        return "\n".join(line.text for line in self.zone(kind))
