"""The extraction record: exactly the contract of ../shared/contract/README.md,
plus provenance (`spans`), quality flags and confidences.

`Record.contract()` gives the JSON shape that `congvan extract --json` prints.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Span(BaseModel):
    """Where a value came from: page and character span in ParsedDocument.text."""

    page: int = 1
    start: int
    end: int
    zone: str | None = None


class FieldValue(BaseModel):
    """One extracted scalar with its provenance and confidence.

    A value that did not parse is kept with low confidence instead of raising.
    """

    value: Any = None
    span: Span | None = None
    confidence: float = 1.0
    raw: str | None = None  # the text as matched before normalisation/repair
    item_spans: list[Span] = Field(default_factory=list)  # one per list item


class Signer(BaseModel):
    name: str | None = None
    title: str | None = None
    authority: str | None = None


class DigitalSignature(BaseModel):
    """One signature embedded in the file (PDF): what its certificate claims, unverified."""

    field: str | None = None         # the PDF form field that holds it
    signer: str | None = None        # the certificate's common name: a person or the issuing body
    organisation: str | None = None
    unit: str | None = None
    signed_at: str | None = None     # ISO 8601 with the offset the signing software wrote


class Reference(BaseModel):
    model_config = ConfigDict(extra="allow")

    doc_type: str | None = None
    code: str | None = None
    title: str | None = None
    date: str | None = None
    issuer: str | None = None
    relation: str | None = None  # căn cứ, thực hiện, theo, kèm theo, thay thế, trả lời, other
    span: Span | None = None
    flags: list[str] = Field(default_factory=list)


class Task(BaseModel):
    model_config = ConfigDict(extra="allow")

    assignees: list[str] = Field(default_factory=list)
    coordinators: list[str] = Field(default_factory=list)
    action: str = ""
    deadline: str | None = None
    recurrence: str | None = None  # monthly, quarterly, yearly, ongoing ...
    span: Span | None = None
    flags: list[str] = Field(default_factory=list)


class Record(BaseModel):
    """Everything extracted from one document."""

    file: str
    doc_id: str | None = None
    reader: str | None = None
    doc_type: str | None = None
    code: str | None = None
    issuer: list[str] = Field(default_factory=list)
    place: str | None = None
    date: str | None = None
    # the printed date when its day or month is blank or unreadable ("2018-03-??");
    # null when `date` is complete or there is no date line
    date_partial: str | None = None
    subject: str | None = None
    recipients: list[str] = Field(default_factory=list)
    cc: list[str] = Field(default_factory=list)
    signer: Signer = Field(default_factory=Signer)
    references: list[Reference] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    # earliest signing time (ISO 8601) of the file's digital signatures or of the
    # signature stamp printed in its text; never replaces a blank printed date
    signed_at: str | None = None
    # every digital signature of the file, in file order (provenance)
    signatures: list[DigitalSignature] = Field(default_factory=list)
    # provenance: field name -> span(s); "recipients"/"cc" hold one span per item
    spans: dict[str, list[Span]] = Field(default_factory=dict)
    # the normalised text every span points into: stored with the document so an
    # analyst can check a value against it; not part of the contract's JSON
    text: str | None = Field(default=None, exclude=True)
    confidence: dict[str, float] = Field(default_factory=dict)
    flags: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def add_flag(self, tag: str) -> None:
        """Record a quality flag once (items roll their flags up to the document)."""
        if tag not in self.flags:
            self.flags.append(tag)

    def contract(self) -> dict[str, Any]:
        """The JSON object of the contract (with provenance kept under extra keys)."""
        return self.model_dump(mode="json")
