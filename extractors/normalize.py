"""Text normalisation, once, in named steps, keeping a map back to the source.

`normalize(raw)` returns a `Normalized` whose `text` is the cleaned string and
whose `origin[i]` is the offset in `raw` of the character that produced
`text[i]`. The steps are a registry (`STEPS`) so a reader can pick them by
name; the default order is `DEFAULT_STEPS`.

Matching must not depend on where a tone mark sits (`uỷ` = `ủy`), but output
keeps the document's own spelling: use `canon()` for keys and comparisons only.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import regex

from extractors.glue import despace

# Characters that look like a dash in Vietnamese documents (ký hiệu, ranges).
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
# Invisible characters that Word and PDF text layers leave behind.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2009\u202f\u3000\t\x0b\x0c"), " ")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@dataclass
class Normalized:
    text: str
    origin: list[int]  # origin[i] = offset in the raw text of text[i]

    def source_offset(self, i: int) -> int:
        """Raw offset of normalised offset i (end offsets map to the raw end)."""
        if not self.origin:
            return 0
        if i >= len(self.origin):
            return self.origin[-1] + 1
        return self.origin[i]


Step = Callable[[str, list[int]], tuple[str, list[int]]]


def _per_char(table: dict[int, str | None]) -> Step:
    """A step that maps single characters (to one char, or deletes them)."""

    keys = [chr(k) for k in table]

    def step(text: str, origin: list[int]) -> tuple[str, list[int]]:
        # none of the table's characters in the text (most text): a substring test per
        # character is C speed, a translate of Vietnamese text looks up every character
        if not any(k in text for k in keys):
            return text, origin
        if text.translate(table) == text:       # nothing to map: no per-character pass
            return text, origin
        out, out_origin = [], []
        for ch, o in zip(text, origin):
            rep = table.get(ord(ch), ch)
            if rep is None:
                continue
            out.append(rep)
            out_origin.append(o)
        return "".join(out), out_origin

    return step


def _legacy(text: str, origin: list[int]) -> tuple[str, list[int]]:
    # TCVN3 (.VnTime) text read as Latin-1: one character for one, offsets kept.
    # Whether a document is TCVN3 is judged once on all its text (a single line
    # has too few letters to tell), so this step runs only when asked for.
    from extractors.legacy import decode_tcvn3

    return decode_tcvn3(text), origin


# a character whose combining class may not be 0 (a superset of unicodedata.combining(c) != 0)
_MAY_COMBINE = regex.compile(r"[^\p{ccc=0}]", regex.VERSION1)


def _nfc(text: str, origin: list[int]) -> tuple[str, list[int]]:
    # Compose cluster by cluster (base + following combining marks) so that every
    # output character still points at the raw offset of its cluster's base.
    if not _MAY_COMBINE.search(text) and unicodedata.is_normalized("NFC", text):
        return text, origin                     # every cluster is one composed character already
    out, out_origin = [], []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j])
        out.append(composed)
        out_origin.extend([origin[i]] * len(composed))
        i = j
    return "".join(out), out_origin


def _eth_to_dj(text: str, origin: list[int]) -> tuple[str, list[int]]:
    # Ð (U+00D0, Icelandic eth) is typed for Đ (U+0110) by some keyboards/fonts.
    return text.replace("\u00d0", "\u0110"), origin


def _whitespace(text: str, origin: list[int]) -> tuple[str, list[int]]:
    # Collapse runs of spaces inside a line and strip line ends; keep newlines.
    if not ("\r" in text or "  " in text or " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " "):
        return text, origin                     # nothing to collapse or strip
    out, out_origin = [], []
    for ch, o in zip(text, origin):
        if ch == "\r":
            continue
        if ch == " " and (not out or out[-1] in " \n"):
            continue
        if ch == "\n" and out and out[-1] == " ":
            out.pop()
            out_origin.pop()
        out.append(ch)
        out_origin.append(o)
    if out and out[-1] == " ":
        out.pop()
        out_origin.pop()
    return "".join(out), out_origin


def _glued(text: str, origin: list[int]) -> tuple[str, list[int]]:
    # Some PDF text layers drop the space between syllables ("Ban Thường
    # vụĐảng uỷtriển khai"); split them once here so every extractor sees words.
    # The split only inserts spaces; each takes the offset of the next character.
    new = despace(text)
    if new == text:
        return text, origin
    out_origin: list[int] = []
    i = 0
    for ch in new:
        if i < len(text) and ch == text[i]:
            out_origin.append(origin[i])
            i += 1
        else:  # an inserted space
            out_origin.append(origin[i] if i < len(origin) else (origin[-1] + 1 if origin else 0))
    if i != len(text):  # not a pure insertion: keep the text as it was
        return text, origin
    return new, out_origin


STEPS: dict[str, Step] = {
    "invisible": _per_char(_INVISIBLE),
    "legacy": _legacy,
    "nfc": _nfc,
    "eth": _eth_to_dj,
    "dashes": _per_char(_DASHES),
    "spaces": _per_char(_SPACES),
    "whitespace": _whitespace,
    "glued": _glued,
}
# "legacy" runs first: in TCVN3 the byte 0xAD is the letter ư, which the
# "invisible" step would delete as a soft hyphen if it ran on the raw bytes.
LEGACY_STEPS = ("legacy", "invisible", "nfc", "eth", "dashes", "spaces", "whitespace", "glued")
DEFAULT_STEPS = ("invisible", "nfc", "eth", "dashes", "spaces", "whitespace", "glued")


def normalize(raw: str, steps: tuple[str, ...] = DEFAULT_STEPS) -> Normalized:
    text, origin = raw, list(range(len(raw)))
    for name in steps:
        text, origin = STEPS[name](text, origin)
    return Normalized(text, origin)


def clean(raw: str) -> str:
    """Normalised text without the offset map."""
    return normalize(raw).text


def canon(text: str | None) -> str:
    """Key for comparison: case-, space- and tone-placement-insensitive, diacritics kept."""
    if not text:
        return ""
    return _canon(text)


@lru_cache(maxsize=65536)
def _canon(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").translate(_DASHES)
    words = []
    for word in text.casefold().split():
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(sorted(c for c in decomposed if c in _TONES))
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        words.append(base + tones)
    return " ".join(words)


def fold(text: str | None) -> str:
    """ASCII-folded, lower-case form (đ→d, diacritics dropped) for loose matching."""
    if not text:
        return ""
    return _fold(text)


_RUNS = regex.compile(r"\s+")


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d").replace("\u00d0", "D")
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return _RUNS.sub(" ", "".join(c for c in decomposed if not unicodedata.combining(c))).strip()

