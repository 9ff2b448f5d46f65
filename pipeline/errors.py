"""Typed errors. The CLI turns each into one `Error:` line; ingest records them."""
from __future__ import annotations


class CongvanError(Exception):
    """Root of every error congvan raises on purpose."""

    stage = "read"


class UnsupportedFormat(CongvanError):
    """The file's extension or content is not a format congvan reads."""


class EmptyDocument(CongvanError):
    """The file has no text at all."""


class CorruptDocument(CongvanError):
    """The file could not be opened by its reader (damaged, truncated, wrong type)."""


class EncryptedDocument(CongvanError):
    """The file is password-protected."""


class NeedsOCR(CongvanError):
    """A PDF whose text layer is empty or garbled; only OCR can read it."""


class ToolMissing(CongvanError):
    """An external program (antiword, LibreOffice, tesseract) is not installed."""


class ExtractionError(CongvanError):
    """An extractor failed on a document that was read."""

    stage = "extract"


class LoadError(CongvanError):
    """The document could not be written to DuckDB."""

    stage = "load"
