"""Legacy Word 97-2003 (.doc) reader: antiword first, LibreOffice headless as the fallback.

antiword (`-m UTF-8.txt -w 0`: UTF-8, no re-wrapping) prints paragraphs as
lines and tables as `|cell|cell|` rows; a cell that wraps continues on the
next `|...|` row. The header and the Nơi nhận/signature tables become left and
right lines (first cell left, last cell right), each column's lines together;
other tables (task lists) one line per row, cells joined by " | ". Paragraphs
padded into two columns with spaces and tabs are cut like the DOCX reader's.

When antiword is missing or cannot read the file (an RTF saved as .doc, a
Word 6 file), LibreOffice converts it to DOCX in a temporary directory, with
its own profile per call (two conversions sharing the default profile lose
output silently), and the DOCX reader's line function reads the result.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import regex

from extractors import patterns as P
from pipeline.builder import build_document
from pipeline.errors import CorruptDocument, EmptyDocument, EncryptedDocument, ToolMissing
from pipeline.readers import sha256
from pipeline.readers.docx import docx_lines, is_layout_table, split_line
from schemas.document import Column, InputFormat, Line

ANTIWORD_TIMEOUT = 30.0
SOFFICE_TIMEOUT = float(os.environ.get("CONGVAN_SOFFICE_TIMEOUT", "90"))
_TABLE_ROW = regex.compile(r"^\s*\|.*\|\s*$")
_PICTURE = regex.compile(r"^\s*\[pic\]\s*$")
# A paragraph this long is body text: the header is over.
_BODY_LEN = 100


def _antiword(path: Path) -> str | None:
    """antiword's text, or None when antiword is missing or cannot read the file."""
    exe = shutil.which("antiword")
    if exe is None:
        return None
    try:
        proc = subprocess.run(
            [exe, "-m", "UTF-8.txt", "-w", "0", str(path)],
            capture_output=True, timeout=ANTIWORD_TIMEOUT, check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    err = proc.stderr.decode("utf-8", "replace")
    if "ncrypt" in err:  # "Encrypted files are not supported"
        raise EncryptedDocument("the .doc is password-protected")
    text = proc.stdout.decode("utf-8", "replace")
    if proc.returncode != 0 or not text.strip():
        return None
    return text


def _libreoffice(path: Path) -> list[Line] | None:
    """Lines of the file converted to DOCX by LibreOffice, or None when that fails."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return None
    import docx

    with tempfile.TemporaryDirectory(prefix="congvan-lo-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        out_dir = Path(tmp, "out")
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", "docx", "--outdir", str(out_dir), str(path.resolve())]
        try:
            subprocess.run(cmd, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False,
                           env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired:
            return None
        produced = list(out_dir.glob("*.docx")) if out_dir.exists() else []
        if not produced:
            return None
        try:
            document = docx.Document(str(produced[0]))
        except Exception:
            return None
        return docx_lines(document, "doc", "doc", "doc")


def _cells(raw: str) -> list[tuple[int, str]]:
    """(offset in the row, text) of each cell of a `|a|b|` row."""
    out = []
    pos = raw.index("|") + 1
    for part in raw.rstrip()[pos:-1].split("|"):
        out.append((pos + len(part) - len(part.lstrip()), part.strip()))
        pos += len(part) + 1
    return out


def _tables(block: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Cut a run of `|...|` rows into tables where the number of cells changes
    (antiword prints adjacent tables with nothing between them)."""
    out: list[list[tuple[int, str]]] = []
    width = None
    for start, raw in block:
        n = raw.strip().count("|") - 1
        if n != width:
            out.append([])
            width = n
        out[-1].append((start, raw))
    return out


def _table_lines(block: list[tuple[int, str]]) -> list[Line]:
    """Lines of one antiword table (its consecutive `|...|` rows with their offsets)."""
    rows = [[(start + off, text) for off, text in _cells(raw)] for start, raw in block]
    if is_layout_table([[t for _, t in r] for r in rows]):
        left: list[Line] = []
        middle: list[Line] = []
        right: list[Line] = []
        for cells in rows:
            for k, (off, text) in enumerate(cells):
                if not text:
                    continue
                side: Column | None = "left" if k == 0 else "right" if k == len(cells) - 1 else None
                target = left if side == "left" else right if side == "right" else middle
                target.append(Line(text=text, column=side, source="doc", src_start=off))
        return left + middle + right
    out = []
    for cells in rows:
        kept = [(off, t) for off, t in cells if t]
        if kept:
            out.append(Line(text=" | ".join(t for _, t in kept), source="doc", src_start=kept[0][0]))
    return out


def antiword_lines(raw: str) -> list[Line]:
    """Lines of antiword's output: tables by column or by row, padded paragraphs cut."""
    lines: list[Line] = []
    block: list[tuple[int, str]] = []
    in_header = True
    offset = 0
    for raw_line in raw.split("\n"):
        start = offset
        offset += len(raw_line) + 1
        if _TABLE_ROW.match(raw_line):
            block.append((start, raw_line))
            continue
        if block:
            rows = [line for table in _tables(block) for line in _table_lines(table)]
            lines.extend(rows)
            in_header = in_header and not any(r.column for r in rows)
            block = []
        if not raw_line.strip() or _PICTURE.match(raw_line):
            continue
        core = raw_line.strip()
        if len(core) >= _BODY_LEN or P.KINH_GUI.match(core):
            in_header = False
        for off, text, column in split_line(raw_line, in_header):
            if column is None and len(text) >= _BODY_LEN:
                column = "full"
            lines.append(Line(text=text, column=column, source="doc", src_start=start + off))
    for table in _tables(block):
        lines.extend(_table_lines(table))
    return lines


# What a file named .doc may really be: Word 97-2003 (an OLE container), or the
# RTF, HTML or DOCX that offices often save under that name; LibreOffice reads
# all of them. Anything else is not a Word document.
_DOC_MAGIC = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf", b"PK\x03\x04")


def _has_header(lines: list[Line]) -> bool:
    """Whether a header landmark (quốc hiệu, Party title or a Số line) comes before the body.

    antiword prints the text of text boxes after the whole body, so a header
    laid out in boxes shows up at the end, not here.
    """
    for line in lines[:40]:
        t = line.text.strip()
        if P.QUOC_HIEU.search(t) or P.DANG_CSVN.search(t) or P.SO_LINE.match(t):
            return True
        if len(t) >= _BODY_LEN or P.KINH_GUI.match(t) or P.NOI_NHAN.match(t):
            return False  # the body has begun
    return False


def _looks_like_word(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return data.startswith(_DOC_MAGIC) or head.startswith((b"<html", b"<!doctype", b"<?xml", b"mime-version"))


def read(path: Path, data: bytes):
    if not _looks_like_word(data):
        raise CorruptDocument("not a Word document (no .doc, RTF, HTML or DOCX signature)")
    raw = _antiword(path)
    reader = "antiword"
    lines = antiword_lines(raw) if raw is not None else []
    if lines and not _has_header(lines):
        # antiword does not print text boxes: a header laid out in floating
        # boxes is simply missing. LibreOffice keeps them; use it when it can.
        converted = _libreoffice(path)
        if converted is not None and _has_header(converted):
            lines, reader = converted, "libreoffice"
    if not any(line.text.strip() for line in lines):
        have_tools = shutil.which("antiword") or shutil.which("soffice") or shutil.which("libreoffice")
        if not have_tools:
            raise ToolMissing("cannot read .doc: install antiword or LibreOffice")
        converted = _libreoffice(path)
        if converted is None:
            raise CorruptDocument("cannot read .doc: antiword and LibreOffice both failed")
        lines, reader = converted, "libreoffice"
        if not any(line.text.strip() for line in lines):
            raise EmptyDocument("the .doc has no text")
    return build_document(path, sha256(data), InputFormat.DOC, reader, lines)
