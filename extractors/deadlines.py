"""Deadlines of tasks: the date by which work is due, as printed.

`find_deadline(text, doc_date, doc_year)` reads one task's text and returns a
`Deadline` (ISO date or None, a recurrence word, the span in `text`, flags).
Printed means printed: a year earlier than the document's is kept and flagged,
never corrected. A day and month without a year take the document's year.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from extractors import body_patterns as B
import regex


_PERIOD_TRIGGER = B.regex.compile(r"(?:trong|hết|trước|đến|hoàn\s+thành|cuối|xong|thời\s+gian|chậm\s+nhất)\s*:?\s*(?:tháng\s+\S+\s+)?$", B.regex.IGNORECASE)


@dataclass
class Deadline:
    value: str | None = None
    recurrence: str | None = None
    start: int | None = None  # span in the text the deadline was read from
    end: int | None = None
    flags: list[str] = field(default_factory=list)


_DAY_LABEL = B.regex.compile(r"^\W*(?:(?:Sáng|Chiều|Tối|sáng|chiều|tối)\s+)?[Nn]gày\s+(?=\d)")


def iso(y: int | str | None, m: int | str, d: int | str) -> str | None:
    """ISO date, or None when the parts do not make a date (the year must be known)."""
    try:
        return date(int(y), int(m), int(d)).isoformat() if y else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def month_end(y: int, m: int) -> str | None:
    if not 1 <= m <= 12:
        return None
    return date(y, m, calendar.monthrange(y, m)[1]).isoformat()


def _quarter_end(spec: str, y: int) -> str | None:
    parts = [p for p in B.regex.split(r"\s*(?:,|và|-)\s*", spec.strip()) if p]
    qs = [B.ROMAN.get(p.upper()) or (int(p) if p.isdigit() else None) for p in parts]
    qs = [q for q in qs if q]
    return month_end(y, 3 * max(qs)) if qs else None


# A day and month printed without a year lie after the document: one that falls
# this many days or more before it in the document's year is in the next year
# ("trước ngày 05/01" in a dispatch of 20/12). Closer before, it stays (a late
# dispatch, or a typo the pipeline flags but never corrects).
ROLL_OVER_DAYS = 60


def _match_date(m, doc_year: int | None, doc_date: str | None = None) -> str | None:
    d, mo, y = m.group("d") or m.group("d2"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2")
    value = iso(y or doc_year, mo, d)
    if value and not y and doc_year and doc_date and len(doc_date) == 10:
        if (date.fromisoformat(doc_date) - date.fromisoformat(value)).days >= ROLL_OVER_DAYS:
            value = iso(doc_year + 1, mo, d) or value
    return value


def doc_year_of(doc_date: str | None, fallback: int | None = None) -> int | None:
    if doc_date and doc_date[:4].isdigit():
        return int(doc_date[:4])
    return fallback


def find_deadline(text: str, doc_date: str | None = None, doc_year: int | None = None,
                  bare: bool = False) -> Deadline:
    """The deadline a task's text prints (see module docstring).

    `bare=True` reads a value that is only a time (a table cell, a "Thời gian
    hoàn thành:" line), where a date needs no "trước"; a range gives its end.
    """
    year = doc_year_of(doc_date, doc_year)
    found: list[tuple[int, int, str]] = []  # (start, end, iso)
    yearly = any(pat.search(text) for name, pat in B.RECURRENCE if name == "yearly")
    for m in B.DEADLINE_DATE.finditer(text):
        # "hằng năm báo cáo trước ngày 15 tháng 12": a day of every year, no one date
        if yearly and not (m.group("y") or m.group("y2")):
            continue
        v = _match_date(m, year, doc_date)
        if v:
            found.append((m.start(), m.end(), v))
    for m in B.MONTH_PERIOD.finditer(text):
        v = month_end(int(m.group("y")), int(m.group("m")))
        if v:
            found.append((m.start(), m.end(), v))
    for m in B.QUARTER.finditer(text):
        v = _quarter_end(m.group("q"), int(m.group("y")))
        # a quarter is a deadline only when the text says so ("trong quý I/2026"),
        # not when it names the period worked on ("đánh giá cán bộ Quý I năm 2026")
        if v and (bare or _PERIOD_TRIGGER.search(text[max(0, m.start() - 25):m.start()])):
            found.append((m.start(), m.end(), v))
    for m in B.HALF_YEAR.finditer(text):
        # like a quarter: a deadline only where the text says so ("trong 6 tháng đầu năm 2026")
        if bare or _PERIOD_TRIGGER.search(text[max(0, m.start() - 25):m.start()]):
            found.append((m.start(), m.end(), f"{m.group('y')}-{'06-30' if m.group('half') == 'đầu' else '12-31'}"))
    for m in B.WITHIN_DAYS.finditer(text):
        if doc_date:
            v = (date.fromisoformat(doc_date) + timedelta(days=int(m.group("n")))).isoformat()
            found.append((m.start(), m.end(), v))
        else:
            out = Deadline(start=m.start(), end=m.end(), flags=["deadline_from_blank_date"])
            return out
    if not found:
        # a schedule's item opens with its day: "- Ngày 16/11/2017: Họp đoàn kiểm tra ...", "Sáng ngày 20/11: Khai mạc"
        label = _DAY_LABEL.match(text)
        day = B.ANY_DATE.match(text, label.end()) if label else None
        if day and regex.match(r"\s*[:–-]", text[day.end():]):
            v = _match_date(day, year, doc_date)
            if v:
                found.append((day.start(), day.end(), v))
    if not found and bare:
        dates = [(m.start(), m.end(), _match_date(m, year, doc_date)) for m in B.ANY_DATE.finditer(text)]
        # a month alone ("Tháng 9/2026") ends on its last day
        # (not the month of a full date: "ngày 19 tháng 03 năm 2022" is the 19th)
        dates += [(m.start(), m.end(), month_end(int(m.group("y")), int(m.group("m"))))
                  for m in B.BARE_MONTH.finditer(text) if not any(a <= m.start() < b for a, b, _ in dates)]
        dates = sorted(x for x in dates if x[2])
        if dates:
            found.append(dates[-1])  # a range "từ ... đến 30/6/2026" ends at its last date
    if not found and (bare or "hoàn thành" in text.lower()):
        for m in B.YEAR_END.finditer(text):
            found.append((m.start(), m.end(), f"{m.group('y')}-12-31"))
    recurrence = None
    for name, pat in B.RECURRENCE:
        if pat.search(text):
            recurrence = name
            break
    if not found:
        return Deadline(recurrence=recurrence)
    found.sort()
    start, end, value = found[0] if not bare else max(found, key=lambda x: x[2])
    out = Deadline(value=value, recurrence=recurrence, start=start, end=end)
    out.flags = date_flags(value, doc_date, year)
    return out


def date_flags(value: str | None, doc_date: str | None, year: int | None) -> list[str]:
    """Quality flags of a deadline: earlier than the document itself."""
    if not value:
        return []
    if doc_date and value < doc_date:
        return ["deadline_before_document_date"]
    if year and int(value[:4]) < year:
        return ["deadline_before_document_year"]
    return []
