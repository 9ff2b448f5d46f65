"""Signing time: from the file's embedded digital signatures (PDF, via the
reader), else from a signature stamp printed in the text layer
(`ĐẢNG UỶ XÃ CÔNG HẢI / 27-01-2026 15:28:23 +07:00`). The signatures themselves
(signer, organisation, unit, time) go to `record.signatures` as provenance.

It never replaces the printed date: a document whose printed day or month is
blank keeps `date` null and gets the flag `date_from_signature`, so an analyst
can fall back on `signed_at` knowingly.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import regex

from extractors.header import span
from schemas.document import ParsedDocument
from schemas.record import DigitalSignature, FieldValue, Record

# "27-01-2026 15:28:23 +07:00", "27/01/2026 15:28", "2026-01-27T15:28:23+07:00"
STAMP_TIME = regex.compile(
    r"""
    (?:(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})        # day-month-year
      |(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2}))             # or ISO
    [\sT]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?
    \s*(?P<tz>[+-]\d{2}:?\d{2}|Z)?
    """,
    regex.VERBOSE,
)
# Only the zones where a stamp can sit: a time inside the body is not a signing time.
_ZONES = ("banner", "signature")


def earliest(signatures: list[dict[str, Any]]) -> str | None:
    """The earliest signing time (ISO 8601) among `signatures`, by instant; None when none has one."""
    times = []
    for s in signatures:
        t = s.get("signing_time")
        if not t:
            continue
        try:
            dt = datetime.fromisoformat(t)
        except ValueError:
            continue
        times.append((dt.timestamp() if dt.tzinfo else dt.replace(tzinfo=None).timestamp(), t))
    return min(times)[1] if times else None


def parse_stamp(text: str) -> str | None:
    """ISO 8601 of a printed stamp time, or None when it does not parse."""
    m = STAMP_TIME.search(text)
    if not m:
        return None
    y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
    try:
        tz = None
        if m["tz"] == "Z":
            tz = timezone.utc
        elif m["tz"]:
            sign = -1 if m["tz"][0] == "-" else 1
            hh, mm = int(m["tz"][1:3]), int(m["tz"][-2:])
            tz = timezone(sign * timedelta(hours=hh, minutes=mm))
        value = datetime(int(y), int(mo), int(d), int(m["H"]), int(m["M"]), int(m["S"] or 0), tzinfo=tz)
    except ValueError:
        return None
    return value.isoformat()


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    record.signatures = [
        DigitalSignature(field=s.get("field"), signer=s.get("signer"), organisation=s.get("organisation"),
                         unit=s.get("unit"), signed_at=s.get("signing_time"))
        for s in doc.signatures
    ]
    first = earliest(doc.signatures)
    result = FieldValue(value=first, confidence=1.0 if first else 0.0)
    if result.value is None:
        for kind in _ZONES:
            for line in doc.zone(kind):  # type: ignore[arg-type]
                value = parse_stamp(line.text)
                if value:
                    m = STAMP_TIME.search(line.text)
                    assert m is not None
                    result = FieldValue(value=value, confidence=0.8, span=span(line, kind, m.start(), m.end()))
                    break
            if result.value:
                break
    if result.value and record.date is None:
        record.add_flag("date_from_signature")
    return result
