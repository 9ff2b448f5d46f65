"""How the readings of one handwritten number or day become a value, or none.

Two recognisers read the same crop many ways (`digits`):

- Tesseract (two models x two line modes x six image variants): made for
  print, it scatters on handwriting, so it must show a clear majority;
- PP-OCR (`ppocr`, eight variants): trained on varied writing, it mostly
  repeats itself; when it does not, some variants read nothing, or drop a
  digit, and neither is a rival reading.

A value is printed only when the grammar allows it (a number of 1-5 digits, a
day of its month), it has at least as many digits as were written apart, and
the two recognisers do not each clearly give a different value. Invented
digits are worse than blanks: on any doubt the caller leaves the slot blank
and marks the field low-confidence.
"""
from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable

# --- Tesseract's vote ------------------------------------------------------------------------
# Share of all readings that must give the same value ...
MAJORITY = 0.5
# ... and it must beat the runner-up by this factor.
MARGIN = 2.0
# A weaker plurality is accepted only when it is also what the whole-page pass
# read there (a second, independent segmentation of the same ink).
WEAK_MAJORITY = 0.4
WEAK_MARGIN = 1.5

# --- PP-OCR's vote ---------------------------------------------------------------------------
# Readings that must agree (of eight) ...
REC_MIN = 3
# ... and their share of the readings that read anything ...
REC_SHARE = 0.5
# ... and the factor by which they beat a rival value (a reading that is the
# winner with digits missing is no rival: that variant lost a stroke).
REC_MARGIN = 2.0
# Share of PP-OCR's readings that make its value strong (see `strong`).
REC_STRONG = 0.75

Valid = Callable[[str], bool]


def vote(readings: list[str], valid: Valid, majority: float = MAJORITY, margin: float = MARGIN) -> str | None:
    """The value a clear majority of readings give, if it passes `valid`; else None."""
    counts = Counter(r for r in readings if r)
    if not counts:
        return None
    ranked = counts.most_common(2)
    value, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if n < majority * len(readings) or n < margin * second:
        return None
    return value if valid(value) else None


def _dropped_digits(short: str, long: str) -> bool:
    """`short` is `long` with some digits left out (in order)."""
    it = iter(long)
    return len(short) < len(long) and all(c in it for c in short)


def rec_vote(readings: list[str], valid: Valid) -> str | None:
    """PP-OCR's value: the valid reading most variants give, with no rival close to it."""
    read = [r for r in readings if r]
    counts = Counter(r for r in read if valid(r))
    if not counts:
        return None
    value, n = counts.most_common(1)[0]
    rivals = [m for v, m in counts.items() if v != value and not _dropped_digits(v, value)]
    if n < REC_MIN or n < REC_SHARE * len(read) or (rivals and n < REC_MARGIN * max(rivals)):
        return None
    return value


def decide(tess: list[str], rec: list[str], valid: Valid, apart: int) -> tuple[str | None, str | None]:
    """(value, weak) from both recognisers' readings of one crop.

    `apart` is how many digits were written apart: a reading with fewer has
    lost one. `weak` is Tesseract's weaker plurality, accepted later only when
    the whole-page pass read the same. When both give a value and Tesseract's
    is PP-OCR's with digits missing (`26` for `261`), Tesseract lost a stroke;
    any other difference is a contradiction, and nothing is accepted.
    """
    def ok(v: str) -> bool:
        return valid(v) and len(v) >= apart

    t_value = vote(tess, valid)
    t_value = t_value if t_value is not None and len(t_value) >= apart else None
    weak = vote(tess, valid, WEAK_MAJORITY, WEAK_MARGIN)
    weak = weak if weak is not None and len(weak) >= apart else None
    r_value = rec_vote(rec, ok)
    if t_value and r_value and t_value != r_value and not _dropped_digits(t_value, r_value):
        return None, None
    # Tesseract without a clear majority still disagrees when its most frequent
    # reading is another value read at least as often as PP-OCR's: blank wins
    if r_value and not t_value and tess:
        top = Counter(r for r in tess if r and valid(r)).most_common(1)
        if top and top[0][0] != r_value and not _dropped_digits(top[0][0], r_value) \
                and top[0][1] >= sum(r == r_value for r in rec):
            return None, None
    return r_value or t_value, weak


def strong(rec: list[str], value: str | None) -> bool:
    """PP-OCR gave `value` in at least REC_STRONG of its readings: enough to overrule
    a whole-page reading that was not sure of itself either."""
    return bool(value) and bool(rec) and sum(r == value for r in rec) >= REC_STRONG * len(rec)


def valid_number(v: str) -> bool:
    return 1 <= len(v) <= 5 and v.isdigit() and int(v) > 0


def valid_day(month: int | None, year: int | None) -> Valid:
    def ok(v: str) -> bool:
        if not (v.isdigit() and 1 <= len(v) <= 2):
            return False
        d = int(v)
        last = calendar.monthrange(year or 2000, month)[1] if month and 1 <= month <= 12 else 31
        return 1 <= d <= last
    return ok
