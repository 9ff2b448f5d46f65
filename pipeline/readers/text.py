"""Plain text and Markdown reader.

Text exports flatten the two-column header onto one or a few lines; those are
cut at the fixed landmarks (quốc hiệu, tiêu ngữ, Số, date line, V/v, Kính gửi,
Nơi nhận) by `layout.split_landmarks`. Markdown emphasis (`**`, `*`, `\\*`) is
dropped; the item bullets stay, since they delimit recipients and tasks.
"""
from __future__ import annotations

from pathlib import Path

import regex

from extractors.patterns import BODY_START, KINH_GUI
from pipeline.builder import build_document
from pipeline.errors import CorruptDocument, EmptyDocument
from extractors.layout import split_landmarks
from extractors.legacy import looks_tcvn3
from pipeline.readers import detect_format, sha256
from schemas.document import Line

_MD_EMPH = regex.compile(r"\\([*_#\-.])|\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|^#+\s+")
_HEADER_LINES = 14  # flattened headers sit in the first lines of the file


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else UTF-16, else TCVN3 bytes, else Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    latin = data.decode("latin-1")
    if looks_tcvn3(latin):  # .VnTime bytes: the builder maps them to Unicode
        return latin
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:  # pragma: no cover - cp1258 maps nearly all bytes
        raise CorruptDocument(f"cannot decode text: {exc}") from exc


def strip_markdown(line: str) -> str:
    return _MD_EMPH.sub(lambda m: m.group(1) or "", line)


def text_lines(raw: str, markdown: bool, source: str = "text") -> list[Line]:
    """Cut raw text into Lines, splitting flattened header and footer lines."""
    lines: list[Line] = []
    offset = 0
    raw_lines = raw.split("\n")
    # the footer of a flattened file is its last lines, from "Nơi nhận" or a
    # signing authority on
    in_header, in_footer = True, False
    for idx, raw_line in enumerate(raw_lines):
        start = offset
        offset += len(raw_line) + 1
        text = strip_markdown(raw_line) if markdown else raw_line
        if not text.strip():
            continue
        near_end = idx >= len(raw_lines) - 12
        if regex.search(r"Nơi\s+nhận\s*:", text):
            in_footer, in_header = True, False
        if in_header and idx < _HEADER_LINES * 2:
            pieces = split_landmarks(text)
            if any(_ends_header(p) for _, p in pieces):
                in_header = False
        elif in_footer or near_end or regex.search(r"T/M|K/T|KT\.|TM\.", text):
            pieces = split_landmarks(text, footer=True)
        else:
            pieces = [(0, text)]
        for off, piece in pieces:
            lines.append(Line(text=piece, page=1, source=source, src_start=start + off))  # type: ignore[arg-type]
    return lines


def _ends_header(piece: str) -> bool:
    return bool(KINH_GUI.match(piece) or (piece[:1].isupper() and BODY_START.match(piece)))


def read(path: Path, data: bytes):
    raw = decode(data)
    if not raw.strip():
        raise EmptyDocument("the file has no text")
    fmt = detect_format(path)
    lines = text_lines(raw, markdown=path.suffix.lower() == ".md")
    return build_document(path, sha256(data), fmt, "text", lines)
