"""Plain text and Markdown reader.

Text exports flatten the two-column header onto one or a few lines; those are
cut at the fixed landmarks (quốc hiệu, tiêu ngữ, Số, date line, V/v, Kính gửi,
Nơi nhận) by `layout.split_landmarks`. Markdown emphasis (`**`, `*`, `\\*`) is
dropped; the item bullets stay, since they delimit recipients and tasks.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import regex

from extractors.patterns import BODY_START, KINH_GUI
from pipeline.builder import build_document
from pipeline.errors import CorruptDocument, EmptyDocument
from extractors.layout import split_landmarks
from extractors.legacy import decode_tcvn3, decode_vni
from pipeline.readers import detect_format, sha256
from pipeline.readers.syllables import is_syllable
from schemas.document import Line

_MD_EMPH = regex.compile(r"\\([*_#\-.])|\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|^#+\s+")
_HEADER_LINES = 14  # flattened headers sit in the first lines of the file

_TCVN3_WARNING = "legacy TCVN3 (.VnTime) text converted to Unicode; capitals fonts come out in lower case"
_WORD = regex.compile(r"[\p{L}\p{M}]+", regex.VERSION1)
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Non-ASCII non-letters a real document holds; anything else outside ASCII that
# is not a letter or digit (¸ µ © ¶ from a misread byte) counts as junk.
_TYPOGRAPHY = frozenset("“”‘’–—…•«»°№€§·©®™\u00a0\u00ad\ufeff\u200b")
_OK_CONTROLS = frozenset("\t\n\r\x0b\x0c")
_SAMPLE = 8192  # bytes looked at for the UTF-16 NUL pattern
_MAX_CONTROL = 0.02  # share of control characters above which a file is binary
_MIN_PLAUSIBLE = 0.5  # share of words that must spell ASCII or Vietnamese


def _cp1258(data: bytes) -> str:
    # Windows-1258 writes tones as combining marks after the letter: compose them
    return unicodedata.normalize("NFC", data.decode("cp1258"))


def _cp1252(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1")


# 8-bit encodings a text export comes in, as (name, bytes -> Unicode). The
# order breaks ties: Windows-1258 (the old fallback), plain Western text, then
# the font encodings.
_LEGACY: tuple[tuple[str, Callable[[bytes], str]], ...] = (
    ("cp1258", _cp1258),
    ("cp1252", _cp1252),
    ("tcvn3", lambda data: decode_tcvn3(data.decode("latin-1"))),
    ("vni", lambda data: decode_vni(_cp1252(data))),
)


@dataclass(frozen=True)
class _Score:
    good: int  # non-ASCII words spelt like Vietnamese syllables
    bad: int  # non-ASCII words that are not
    junk: int  # stray symbols and control characters
    plausible: float  # share of all words that are ASCII or good

    @property
    def value(self) -> int:
        return self.good - self.bad - self.junk


def _word_ok(word: str) -> bool:
    # a misread byte stream mixes case inside words (`kÕt`) and stacks tones
    if not (word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())):
        return False
    if sum(c in _TONES for c in unicodedata.normalize("NFD", word)) > 1:
        return False
    return is_syllable(word)


def _score(text: str) -> _Score:
    words = _WORD.findall(text)
    # one letter alone (`â` from a misread `©`) is a word in too many readings
    # to tell them apart: it counts as neither good nor bad
    foreign = [w for w in words if not w.isascii() and len(w) > 1]
    good = sum(_word_ok(w) for w in foreign)
    junk = sum((c < " " and c not in _OK_CONTROLS)
               or (c > "\x7f" and c not in _TYPOGRAPHY and unicodedata.category(c)[0] not in "LMNZ")
               for c in text)
    plausible = (len(words) - len(foreign) + good) / len(words) if words else 1.0
    return _Score(good, len(foreign) - good, junk, plausible)


def _is_text(text: str) -> bool:
    """Few control codes (NUL, BEL, ESC ...) and few undecodable units."""
    bad = sum((c < " " and c not in _OK_CONTROLS) or "\x7f" <= c < "\xa0" or c == "\ufffd" for c in text)
    return bad <= _MAX_CONTROL * len(text)


def _utf16_order(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NULs fill one byte of each pair, else None.

    Text in UTF-16 without a BOM shows it: ASCII letters, digits and spaces
    have a zero high byte. Binary data has NULs too, but not in that rhythm.
    """
    sample = data[:_SAMPLE]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.2 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.2 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def _binary() -> CorruptDocument:
    return CorruptDocument("not a text file: binary content")


def decode_detect(data: bytes) -> tuple[str, str]:
    """Text of `data` and the encoding it was read in.

    Unicode first (BOM, UTF-16 by its NUL pattern, UTF-8 when it decodes and
    reads as text); else the legacy decoding whose words best spell Vietnamese.
    Raises CorruptDocument when no decoding gives text (binary content).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    order = _utf16_order(data)
    if order is not None:
        text = data[: len(data) // 2 * 2].decode(order, errors="replace")
        if _is_text(text):
            return text, order
        raise _binary()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # valid UTF-8 without control codes is text (Vietnamese or not): 8-bit
        # legacy bytes next to each other almost never form UTF-8 sequences
        if _is_text(text):
            return text, "utf-8"
        raise _binary()
    scored = []
    for rank, (name, codec) in enumerate(_LEGACY):
        try:
            text = codec(data)
        except UnicodeDecodeError:  # cp1258 leaves a few bytes undefined
            continue
        score = _score(text)
        scored.append((score.value, -rank, name, text, score))
    _, _, name, text, score = max(scored)
    # 8-bit bytes decode to something in every table: only words that spell
    # tell text from binary here
    if not _is_text(text) or score.plausible < _MIN_PLAUSIBLE:
        raise _binary()
    return text, name


def decode(data: bytes) -> str:
    """Unicode text of `data` (see `decode_detect`)."""
    return decode_detect(data)[0]


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
    raw, encoding = decode_detect(data)
    if not raw.strip():
        raise EmptyDocument("the file has no text")
    fmt = detect_format(path)
    lines = text_lines(raw, markdown=path.suffix.lower() == ".md")
    # legacy text is Unicode from here on, so soft hyphens (and the rest of
    # the invisible characters) are removed after decoding, never before
    warnings = [_TCVN3_WARNING] if encoding == "tcvn3" else []
    return build_document(path, sha256(data), fmt, "text", lines, warnings=warnings)
