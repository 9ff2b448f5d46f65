"""Words run together by a PDF text layer: `Ban Thường vụĐảng uỷtriển khai`.

Some text layers drop the space between syllables. Every Vietnamese word is one
syllable (onset, vowel nucleus, coda), so a token that is not one syllable but
parses as two to four is split, each new syllable taking the longest onset it
can (`uỷtriển` -> `uỷ triển`, not `uỷt riển`). A lower-case syllable followed by
a capital (`vụĐảng`) splits there. Only tokens with a Vietnamese letter (a
diacritic or đ) are touched, so `online`, `UBND`, `VNeID` stay as printed.

Applied once by extractors.normalize (step "glued"), which keeps the offset map;
the repair only inserts spaces.
"""
from __future__ import annotations

import functools
import unicodedata

import regex

_V = "aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])"
_CODA = r"(?:ch|ng|nh|[cmnpt])"
# one syllable; the coda is lazy so that the next syllable takes the longest onset
_SYL = rf"{_ONSET}?[{_V}]{{1,3}}{_CODA}??"
_ONE = regex.compile(rf"^{_ONSET}?[{_V}]{{1,3}}{_CODA}?$", regex.IGNORECASE)
_MANY = regex.compile(rf"^(?:({_SYL}))(?:({_SYL}))(?:({_SYL}))?(?:({_SYL}))?$", regex.IGNORECASE)
_VIET = regex.compile(r"[đĐ]|[^\x00-\x7f]")
# a lower-case syllable glued to a capital: "vụĐảng", "quảChỉ", "thứXIV"
_CASE_JOIN = regex.compile(r"(?<![\p{L}])(\p{L}?\p{Ll}+)(?=\p{Lu})|(?<=\p{Ll})(\p{Lu}\p{Ll}+)(?=\p{Lu}\p{Ll})", regex.VERSION1)
# a syllable with a diacritic glued to a number: "số55-CT/TU"
_DIGIT_JOIN = regex.compile(r"(?<=[^\x00-\x7f\P{Ll}])(?=\d)", regex.VERSION1)
_TOKEN = regex.compile(r"\p{L}{3,}", regex.VERSION1)
# every _CASE_JOIN match has a lower-case letter right before a capital, every _DIGIT_JOIN
# match a non-ASCII lower-case letter right before a digit: text without such a pair
# skips the (lookaround-heavy) substitution, which would leave it unchanged
_LOWER_UPPER = regex.compile(r"\p{Ll}\p{Lu}", regex.VERSION1)
_LOWER_DIGIT = regex.compile(r"[^\x00-\x7f\P{Ll}]\d", regex.VERSION1)


def _tones(syl: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", syl) if c in "\u0300\u0301\u0303\u0309\u0323")


@functools.lru_cache(maxsize=8192)
def split_token(token: str) -> str:
    """`uỷtriển` -> `uỷ triển`; a token that is one syllable (or not Vietnamese) is kept."""
    if _ONE.match(token) or not _VIET.search(token) or not token[1:].islower():
        return token
    m = _MANY.match(token)
    if not m:
        return token
    parts = [p for p in m.groups() if p]
    if any(_tones(p) > 1 for p in parts):
        return token
    return " ".join(parts)


def _split_case(m: regex.Match[str]) -> str:
    left = m.group(1) or m.group(2)
    if len(left) >= 2 and _ONE.match(left) and _VIET.search(m.string[m.start():m.end() + 2]):
        return left + " "
    return left


def _token(m: regex.Match[str]) -> str:
    return split_token(m.group(0))


def despace(text: str) -> str:
    """Text with glued syllables split by spaces (see module docstring)."""
    if not _VIET.search(text):
        return text
    return _despace(text)


# the builder normalises each line and the task extractors despace each cell of the same
# rows again: one result per distinct text (a pure function of it)
@functools.lru_cache(maxsize=16384)
def _despace(text: str) -> str:
    if _LOWER_UPPER.search(text):
        for _ in range(3):  # "bịLễKhai": each pass splits one more join
            new = _CASE_JOIN.sub(_split_case, text)
            if new == text:
                break
            text = new
    if _LOWER_DIGIT.search(text):
        text = _DIGIT_JOIN.sub(" ", text)
    return _TOKEN.sub(_token, text)
