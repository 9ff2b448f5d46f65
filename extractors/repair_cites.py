"""Repair OCR confusions in what the body cites: the type part of a cited code
and the day of a cited date.

A citation is as structured as the Số line (`Tờ trình số 252/TTr-BNV ngày 17
tháng 4 năm 2026`), so two confusions Tesseract makes in body text can be
undone where the grammar allows one reading only:

- the type abbreviation of a state code (`<number>/<type>-<issuer>`) read
  with a stray letter or split by a space (`252/TTYr-BNV`, `10/TTì r-HĐND`)
  is the one abbreviation of Nghị định 30 within one edit of it; when two
  are that close (`BC`/`BB`), or the part is already a known abbreviation,
  it stays as read;
- a day between `ngày` and `tháng` with one letter for a digit (`ngày I7
  tháng`) gets that digit, as in the date line;
- `tháng` and `năm` with their vowel misread between a date's numbers
  (`ngày 19 thắng 03 nãm 2022`) are spelled back.

Only OCR lines are repaired (a text layer's letters are what was typed), and
each repair is noted with the raw text.
"""
from __future__ import annotations

import unicodedata

import regex
from rapidfuzz.distance import Levenshtein

from extractors.patterns import DOC_TYPES

V1 = regex.VERBOSE | regex.VERSION1


def _shape(token: str) -> str:
    """Upper case, no diacritics, Đ=D, no spaces: what OCR does not change."""
    s = token.replace("Đ", "D").replace("đ", "d").replace(" ", "")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return s.upper()


# shape -> the type abbreviations of that shape (QĐ and QD both give QD)
TYPE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {}
for _abbrs in DOC_TYPES.values():
    for _a in _abbrs:
        TYPE_ABBREVIATIONS[_shape(_a)] = tuple(sorted({*TYPE_ABBREVIATIONS.get(_shape(_a), ()), _a}))

# A state code cited in the body: number (with a legal document's year),
# slash, the type part, then a hyphen and the issuer part.
CITED_STATE_CODE = regex.compile(
    r"""
    (?<![\p{L}\d])
    (?P<num>\d{1,5}(?:/\d{4})?)
    \s?/\s?
    (?P<type>\p{L}{1,4}(?:\s\p{Ll}{1,2})?)    # the type part; OCR may split it with a space
    (?=\s?-\s?\p{Lu})                         # the issuer part follows
    """,
    V1,
)

# `§` for the S of a ký hiệu group (`2195/KH-§YT`): a code's groups are letters and
# digits, and no Vietnamese text puts a section sign against capitals.
SECTION_S = regex.compile(r"(?<=[/-]\s?(?:\p{Lu}{1,8}-)?)§(?=\p{Lu})", V1)

# The day of a cited date, one letter read for a digit.
CITED_DAY = regex.compile(
    r"""
    (?<=\bng[àa]y\s)
    (?P<day>[\dOolIi|!]{1,2})
    (?=\s+th[áa]ng\b)
    """,
    V1 | regex.I,
)
# `tháng` and `năm` between the numbers of a date, their vowel misread
# (`ngày 19 thắng 03 nãm 2022`): the numbers around them leave one reading.
_A_FORMS = "aáàảãạăắằẳẵặâấầẩẫậ"
DATE_WORDS = regex.compile(
    rf"""
    (?<=\bng[àa]y\s{{0,2}}\d{{1,2}}\s{{1,2}})(?P<thang>th[{_A_FORMS}]ng)(?=\s{{1,2}}\d{{1,2}}\s{{1,2}}n[{_A_FORMS}]m\s{{1,2}}\d{{4}})
    |(?<=\bng[àa]y\s{{0,2}}\d{{1,2}}\s{{1,2}}th[{_A_FORMS}]ng\s{{1,2}}\d{{1,2}}\s{{1,2}})(?P<nam>n[{_A_FORMS}]m)(?=\s{{1,2}}\d{{4}})
    """,
    V1,
)
_DIGIT = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "i": "1", "|": "1", "!": "1"})


# The abbreviations with lower-case letters (TTr, CTr, QyĐ, QĐi) and TTg: the
# only lower case a ký hiệu has.
_KNOWN = frozenset(a for abbrs in TYPE_ABBREVIATIONS.values() for a in abbrs) | {"TTg"}

# The slash between the number and the type lost (`Kế hoạch số 1236KH-SYT`, `số 15 QĐ-UBND`): after
# `số`, a number then a type abbreviation of Nghị định 30 as printed then its issuer part.
LOST_SLASH = regex.compile(
    r"""(?<=(?<![\p{L}])[Ss]ố\s?)(?P<num>\d{1,5})\s?(?P<type>KNOWN)(?=\s?-\s?\p{Lu})""".replace(
        "KNOWN", "|".join(sorted((regex.escape(a) for a in _KNOWN), key=len, reverse=True))),
    V1,
)


def _misread(part: str) -> bool:
    """A type part no code is spelled with: split by a space, or with a lower-case
    or marked letter that no abbreviation has. A part in capitals may be an
    issuer's abbreviation (`85/VP-TTHC`, `12/CAT-PV01`): an open list, so it is
    never corrected."""
    if part in _KNOWN:
        return False
    # an abbreviation with capitals added is an issuer's own: `251/TTrB-P2` (Thanh tra Bộ)
    if any(part.startswith(k) and part[len(k):].isupper() and part[len(k):].isascii() for k in _KNOWN):
        return False
    return " " in part or any(c.islower() or (not c.isascii() and c != "Đ") for c in part)


def fix_type(part: str) -> str | None:
    """The type abbreviation a misread `part` was read from, or None when it stays as read."""
    if not _misread(part):
        return None
    shape = _shape(part)
    # the same letters (`Kh`, `Qđ` -> QĐ) first; else within one edit (`TTYr` -> TTr)
    near = set(TYPE_ABBREVIATIONS.get(shape, ())) or \
        {a for s, abbrs in TYPE_ABBREVIATIONS.items() if Levenshtein.distance(shape, s) <= 1 for a in abbrs}
    # within one edit of two abbreviations (or none): cannot tell
    return next(iter(near)) if len(near) == 1 and len(shape) >= 2 else None


def fix_day(raw: str) -> str | None:
    """`I7` -> `17`: one letter in a day, the rest digits; else None."""
    if raw.isdigit():
        return None
    fixed = raw.translate(_DIGIT)
    subs = sum(1 for a, b in zip(raw, fixed) if a != b)
    if not fixed.isdigit() or subs != 1 or len(raw) < 2 or not 1 <= int(fixed) <= 31:
        return None
    return fixed


def repair_cites(text: str) -> tuple[str, list[str]]:
    """(repaired text, notes) for one OCR line."""
    notes: list[str] = []

    def code(m: regex.Match[str]) -> str:
        fixed = fix_type(m.group("type"))
        if fixed is None:
            return m.group(0)
        notes.append(f"cited code type {m.group('type')!r} -> {fixed!r}")
        return m.group(0)[: m.start("type") - m.start()] + fixed

    def day(m: regex.Match[str]) -> str:
        fixed = fix_day(m.group("day"))
        if fixed is None:
            return m.group(0)
        notes.append(f"cited day {m.group('day')!r} -> {fixed!r}")
        return fixed

    def words(m: regex.Match[str]) -> str:
        fixed = "tháng" if m.group("thang") else "năm"
        if m.group(0) != fixed:
            notes.append(f"date word {m.group(0)!r} -> {fixed!r}")
        return fixed

    def section(m: regex.Match[str]) -> str:
        notes.append(f"ký hiệu letter {m.group(0)!r} -> 'S'")
        return "S"

    def slash(m: regex.Match[str]) -> str:
        notes.append(f"cited code {m.group(0)!r}: slash put back")
        return f"{m.group('num')}/{m.group('type')}"

    out = SECTION_S.sub(section, text)
    out = LOST_SLASH.sub(slash, out)
    out = CITED_STATE_CODE.sub(code, out)
    out = CITED_DAY.sub(day, out)
    out = DATE_WORDS.sub(words, out)
    return out, notes
