"""One key per unit (cơ quan, đơn vị) however it is spelled.

`unit_key("UBND xã")`, `unit_key("Ủy ban Nhân dân xã")` and
`unit_key("Uỷ ban nhân dân xã")` are equal: the text goes through
extractors.normalize.canon() (case, spacing, tone placement), then each common
abbreviation is expanded word by word, and surrounding punctuation is dropped.
The table is deliberately small: only abbreviations that mean one thing in a
dispatch's unit names.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from extractors.normalize import canon, fold

# abbreviation (as printed) -> its words; keys and values are canon()-ed on first use
ABBREVIATIONS: dict[str, str] = {
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "ĐU": "đảng ủy",
    "ĐUK": "đảng ủy khối",
    "TU": "tỉnh ủy",
    "HU": "huyện ủy",
    "MTTQ": "mặt trận tổ quốc",
    "UBMTTQ": "ủy ban mặt trận tổ quốc",
    "BCĐ": "ban chỉ đạo",
    "BTV": "ban thường vụ",
    "BTVTU": "ban thường vụ tỉnh ủy",
    "VP": "văn phòng",
    "VPĐU": "văn phòng đảng ủy",
    "VPUBND": "văn phòng ủy ban nhân dân",
    "KH&CN": "khoa học và công nghệ",
    "KHCN": "khoa học và công nghệ",
    "TTHC": "thủ tục hành chính",
    "CQTT": "cơ quan thường trực",
}

# bullets, list numbers and trailing punctuation around a unit as printed
_EDGES = regex.compile(
    r"""^[\s\-–+•*·:;,.]+          # leading bullet or punctuation
      | [\s:;,.]+$                 # trailing separator
    """,
    regex.VERBOSE,
)


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    return {canon(k): canon(v) for k, v in ABBREVIATIONS.items()}


def unit_key(text: str | None) -> str:
    """Canonical key of a unit name: canon() plus abbreviations expanded."""
    if not text:
        return ""
    table = _table()
    words = canon(_EDGES.sub("", text)).split()
    return " ".join(table.get(w, w) for w in words)


def loose_key(text: str | None) -> str:
    """ASCII-folded unit key, for matching a query typed without diacritics."""
    return fold(unit_key(text))
