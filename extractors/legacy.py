"""Legacy Vietnamese 8-bit encodings: TCVN3 (TCVN 5712:1993, the ".Vn" fonts)
and VNI-Windows (the "VNI-" fonts).

Old Word files and text exports typed with .VnTime fonts store Vietnamese as
single bytes that Unicode readers show as Latin-1 letters: `Uû ban nh©n d©n`
is `Uỷ ban nhân dân`, `X¸c suÊt` is `Xác suất`. The capitals fonts (.VnTimeH)
reuse the lower-case codes, so without the font name case cannot be recovered:
those letters come out in lower case.

Detection (the heuristic seen in the wild): at least 3 characters in the
Latin-1 upper half, at least 70 % of them in the TCVN3 table, and no real
Vietnamese letters outside Latin-1 (ă, ơ, ư, đ, ạ ...), which a Unicode text has.

VNI-Windows writes a toned vowel as its base letter followed by one mark byte
(read as Windows-1252): `ñöôïc` is `được`, `Vaên phoøng` is `Văn phòng`. The
text reader chooses between these and Windows-1258 by scoring each decoding.
"""
from __future__ import annotations

import unicodedata

import regex

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


# --- VNI-Windows -------------------------------------------------------------
# Mark bytes (as Windows-1252 characters) for: no tone, sắc, huyền, hỏi, ngã, nặng.
_VNI_PLAIN = ("", "ù", "ø", "û", "õ", "ï")  # after a e o u y, ơ (ô) and ư (ö)
_VNI_CIRC = ("â", "á", "à", "å", "ã", "ä")  # circumflex + tone, after a e o
_VNI_BREVE = ("ê", "é", "è", "ú", "ü", "ë")  # breve + tone, after a
_VNI_I = ("i", "í", "ì", "æ", "ó", "ò")  # i takes its tones as single bytes
_TONE_COMB = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
# Unicode vowel shape -> (VNI base byte, mark series)
_VNI_SHAPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "a": ("a", _VNI_PLAIN), "â": ("a", _VNI_CIRC), "ă": ("a", _VNI_BREVE),
    "e": ("e", _VNI_PLAIN), "ê": ("e", _VNI_CIRC),
    "o": ("o", _VNI_PLAIN), "ô": ("o", _VNI_CIRC), "ơ": ("ô", _VNI_PLAIN),
    "u": ("u", _VNI_PLAIN), "ư": ("ö", _VNI_PLAIN), "y": ("y", _VNI_PLAIN),
}


def _vni_table() -> dict[str, str]:
    """VNI sequence -> Unicode letter, lower and upper case (identities left out)."""
    table: dict[str, str] = {"ñ": "đ"}
    for shape, (base, marks) in _VNI_SHAPES.items():
        for tone, mark in zip(_TONE_COMB, marks):
            table[base + mark] = unicodedata.normalize("NFC", shape + tone)
    for tone, single in zip(_TONE_COMB, _VNI_I):
        table[single] = unicodedata.normalize("NFC", "i" + tone)
    table["î"] = "ỵ"  # the usual spelling of ỵ; `yï` is decoded too, for tolerance
    table.update({k.upper(): v.upper() for k, v in list(table.items())})
    return {k: v for k, v in table.items() if k != v}


VNI: dict[str, str] = _vni_table()
# Longest first, so that `ôù` (ớ) wins over `ô` (ơ) alone.
_VNI_SEQ = regex.compile("|".join(map(regex.escape, sorted(VNI, key=len, reverse=True))))


def decode_vni(text: str) -> str:
    """Map VNI-Windows text (bytes read as Windows-1252) to composed Unicode."""
    return _VNI_SEQ.sub(lambda m: VNI[m.group()], text)
