"""Legacy Vietnamese 8-bit encodings: TCVN3 (TCVN 5712:1993, the ".Vn" fonts).

Old Word files and text exports typed with .VnTime fonts store Vietnamese as
single bytes that Unicode readers show as Latin-1 letters: `Uû ban nh©n d©n`
is `Uỷ ban nhân dân`, `X¸c suÊt` is `Xác suất`. The capitals fonts (.VnTimeH)
reuse the lower-case codes, so without the font name case cannot be recovered:
those letters come out in lower case.

Detection (the heuristic seen in the wild): at least 3 characters in the
Latin-1 upper half, at least 70 % of them in the TCVN3 table, and no real
Vietnamese letters outside Latin-1 (ă, ơ, ư, đ, ạ ...), which a Unicode text has.
"""
from __future__ import annotations

# TCVN3 byte (read as a Latin-1 code point) -> Unicode
TCVN3: dict[str, str] = dict(zip(
    [chr(c) for c in (
        0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
        0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6,
        0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1,
        0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE,
        0xDF, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9,
        0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4,
        0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE,
    )],
    "ăâêôơưđĂÂÊÔƠƯĐ"
    "àảãáạằẳẵắặ"
    "ầẩẫấậèẻẽéẹ"
    "ềểễếệìỉĩíị"
    "òỏõóọồổỗốộ"
    "ờởỡớợùủũúụ"
    "ừửữứựỳỷỹýỵ",
))
_HIGH = range(0xA0, 0x100)


def looks_tcvn3(text: str) -> bool:
    high = [c for c in text if ord(c) in _HIGH]
    if len(high) < 3 or any(ord(c) > 0xFF and c.isalpha() for c in text):
        return False
    return sum(c in TCVN3 for c in high) >= 0.7 * len(high)


def decode_tcvn3(text: str) -> str:
    """Map TCVN3 characters to Unicode, one for one (offsets are unchanged)."""
    return "".join(TCVN3.get(c, c) for c in text)
