"""Readers: one module per input format, picked by a table keyed by format.

Each reader module exposes `read(path: Path, data: bytes) -> ParsedDocument`
and is imported lazily, so a missing optional library only fails its format.
"""
from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from pipeline.errors import CorruptDocument, EmptyDocument, UnsupportedFormat
from schemas.document import InputFormat, ParsedDocument

EXTENSIONS: dict[str, InputFormat] = {
    ".txt": InputFormat.TXT,
    ".md": InputFormat.MD,
    ".docx": InputFormat.DOCX,
    ".doc": InputFormat.DOC,
    ".pdf": InputFormat.PDF,
    ".png": InputFormat.IMAGE,
    ".jpg": InputFormat.IMAGE,
    ".jpeg": InputFormat.IMAGE,
    ".tif": InputFormat.IMAGE,
    ".tiff": InputFormat.IMAGE,
}

# format -> module that reads it
READERS: dict[InputFormat, str] = {
    InputFormat.TXT: "pipeline.readers.text",
    InputFormat.MD: "pipeline.readers.text",
    InputFormat.DOCX: "pipeline.readers.docx",
    InputFormat.DOC: "pipeline.readers.doc",
    InputFormat.PDF: "pipeline.readers.pdf",
    InputFormat.IMAGE: "pipeline.readers.image",
}


def detect_format(path: Path) -> InputFormat:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormat(f"unsupported file type '{path.suffix or path.name}'")
    return fmt


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(path: Path | str) -> ParsedDocument:
    """Read one file into a ParsedDocument (raises a CongvanError subclass on bad input)."""
    path = Path(path)
    if path.is_dir():
        raise UnsupportedFormat("is a folder, not a file (use `congvan ingest FOLDER`)")
    fmt = detect_format(path)
    if not path.exists():
        raise CorruptDocument("file not found")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorruptDocument(f"cannot read the file: {exc.strerror or exc}") from None
    if not data.strip():
        raise EmptyDocument("the file is empty")
    module = importlib.import_module(READERS[fmt])
    return module.read(path, data)
