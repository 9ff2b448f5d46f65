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
from importlib import resources

import regex

from extractors.normalize import canon, fold

# abbreviations and variants: a data file, not code (one `word<TAB>words` per line)
ABBREVIATIONS_FILE = "unit_abbreviations.tsv"


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """{word as printed: the words it stands for}, from extractors/data/unit_abbreviations.tsv."""
    out: dict[str, str] = {}
    text = (resources.files("extractors") / "data" / ABBREVIATIONS_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, words = line.partition("\t")
            out[word.strip()] = words.strip()
    return out


# bullets, list numbers and trailing punctuation around a unit as printed
_EDGES = regex.compile(
    r"""^[\s\-–+•*·:;,.]+          # leading bullet or punctuation
      | [\s:;,.]+$                 # trailing separator
    """,
    regex.VERBOSE,
)


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    return {canon(k): canon(v) for k, v in abbreviations().items()}


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
