"""Readers: one module per input format, picked by a table keyed by format.

Each reader module exposes `read(path: Path, data: bytes) -> ParsedDocument`
and is imported lazily, so a missing optional library only fails its format.
"""
from __future__ import annotations

import hashlib
import importlib
import stat
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


_NAMES = {InputFormat.DOCX: "DOCX", InputFormat.DOC: "a Word .doc", InputFormat.PDF: "PDF",
          InputFormat.IMAGE: "an image", InputFormat.TXT: "text", InputFormat.MD: "text"}


# no dispatch is larger (a 300-page scan is ~100 MB); a larger file is refused unread
MAX_FILE_BYTES = 300_000_000


def detect_format(path: Path) -> InputFormat:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormat(f"unsupported file type '{path.suffix or path.name}'")
    return fmt


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def _is_word_zip(data: bytes) -> bool:
    """Whether a ZIP holds a Word package (a `word/` folder and its content types)."""
    import io
    import zipfile

    from pipeline.readers.docx import MAX_ENTRIES, zip_entry_count

    count = zip_entry_count(data)
    if count is None:
        return False
    if count >= MAX_ENTRIES:
        return True  # too many entries to list: the DOCX reader refuses it
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    names = {i.filename for i in infos}
    return "[Content_Types].xml" in names and any(n.startswith("word/") for n in names)


def sniff_format(data: bytes) -> InputFormat | None:
    """The format the bytes say they are (magic numbers), or None when they say nothing.

    Text has no magic, nor do RTF/HTML .doc files: those keep their extension.
    An OLE container is a .doc, unless it wraps an encrypted OOXML package
    (`EncryptedPackage` stream), which the DOCX reader reports as password-protected.
    """
    if data.startswith(_ZIP):
        return InputFormat.DOCX if _is_word_zip(data) else None
    if data.startswith(_OLE):
        return InputFormat.DOCX if "EncryptedPackage".encode("utf-16-le") in data else InputFormat.DOC
    # at the very start only (the PDF reader itself tolerates junk before it): a
    # text note that mentions "%PDF-" in its first lines stays text
    if data.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-":
        return InputFormat.PDF
    if data.startswith(_IMAGE_MAGIC):
        return InputFormat.IMAGE
    return None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(path: Path | str) -> ParsedDocument:
    """Read one file into a ParsedDocument (raises a CongvanError subclass on bad input)."""
    path = Path(path)
    if path.is_dir():
        raise UnsupportedFormat("is a folder, not a file (use `congvan ingest FOLDER`)")
    fmt = detect_format(path)
    try:
        st = path.stat()
    except OSError:
        raise CorruptDocument("file not found") from None
    if not stat.S_ISREG(st.st_mode):
        # a FIFO would block the read forever, a device never end
        kind = "FIFO" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode) else "device"
        raise UnsupportedFormat(f"not a regular file ({kind}): not read")
    if st.st_size > MAX_FILE_BYTES:
        raise CorruptDocument(f"file too large: {st.st_size // 1_000_000} MB (limit {MAX_FILE_BYTES // 1_000_000} MB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorruptDocument(f"cannot read the file: {exc.strerror or exc}") from None
    if not data.strip():
        raise EmptyDocument("the file is empty")
    # the content decides, not the name: a DOCX saved as .pdf, a PDF as .docx
    sniffed = sniff_format(data)
    warning = None
    if fmt in (InputFormat.TXT, InputFormat.MD) and sniffed is InputFormat.IMAGE:
        sniffed = None  # no OCR for a "text" file: the text reader calls it binary content
    if sniffed is not None and sniffed != fmt:
        warning = f"read as {_NAMES[sniffed]}: that is its content, though it is named {path.suffix}"
        fmt = sniffed
    elif sniffed is None and fmt in (InputFormat.TXT, InputFormat.MD) and data.startswith(_ZIP):
        raise UnsupportedFormat(f"the file is a ZIP archive, not text or a DOCX (named {path.suffix})")
    module = importlib.import_module(READERS[fmt])
    doc = module.read(path, data)
    if warning:
        doc.warnings.append(warning)
    return doc
