"""Turn a reader's raw lines into a ParsedDocument.

Every reader ends here: it hands over the lines it read (raw text, page,
column and position where it knows them, which source made them); the builder
normalises each line once (extractors.normalize), drops empty ones, lays the
lines end to end in `ParsedDocument.text` with their spans, and asks the
layout module to group them into zones.
"""
from __future__ import annotations

from pathlib import Path

import regex

from extractors import layout
from extractors.legacy import looks_tcvn3
from extractors.normalize import DEFAULT_STEPS, LEGACY_STEPS, normalize
from schemas.document import InputFormat, Line, PageInfo, ParsedDocument


# a character beyond Latin-1: the first one that is a letter rules TCVN3 out
_BEYOND_LATIN1 = regex.compile(r"[^\x00-\xff]")


def _maybe_tcvn3(lines: list[Line]) -> bool:
    """False when `looks_tcvn3` is sure to say no: it does for any text holding a letter
    beyond Latin-1 (ă, ơ, đ, ạ: Unicode Vietnamese), found here at its first occurrence
    instead of after a pass over every character of the document."""
    for line in lines:
        for m in _BEYOND_LATIN1.finditer(line.text):
            if m.group(0).isalpha():
                return False
    return True


def build_document(
    path: Path,
    data_sha256: str,
    fmt: InputFormat,
    reader: str,
    lines: list[Line],
    pages: list[PageInfo] | None = None,
    warnings: list[str] | None = None,
) -> ParsedDocument:
    """Normalise `lines`, give each its span in the joined text, and zone them."""
    kept: list[Line] = []
    parts: list[str] = []
    offset = 0
    warnings = list(warnings or [])
    steps = DEFAULT_STEPS
    if _maybe_tcvn3(lines) and looks_tcvn3("\n".join(line.text for line in lines)):
        steps = LEGACY_STEPS
        warnings.append("legacy TCVN3 (.VnTime) text converted to Unicode; capitals fonts come out in lower case")
    for line in lines:
        norm = normalize(line.text.replace("\n", " "), steps)
        text = norm.text.strip()
        if not text:
            continue
        lead = len(norm.text) - len(norm.text.lstrip())
        src = (line.src_start or 0) + norm.source_offset(lead) if line.src_start is not None else None
        new = line.model_copy(update={"text": text, "start": offset, "end": offset + len(text), "src_start": src})
        kept.append(new)
        parts.append(text)
        offset += len(text) + 1
    if pages is None:
        n = max((line.page for line in kept), default=1)
        pages = [PageInfo(number=i) for i in range(1, n + 1)]
    return ParsedDocument(
        file=str(path),
        doc_id=data_sha256,
        format=fmt,
        reader=reader,
        text="\n".join(parts),
        lines=kept,
        zones=layout.assign_zones(kept),
        pages=pages,
        warnings=warnings,
    )
