"""Embedded digital signatures of a PDF (pyHanko), for provenance.

Vietnamese e-government PDFs carry one signature per signer and per issuing
office (VGCA certificates): the signer's own (common name = a person) and the
office's (common name = the body). The certificate subject gives the name,
organisation and unit; the signature dictionary gives the signing time. Nothing
is verified (no trust roots offline): these are what the file claims.

Reading signatures must never fail the read: any error gives an empty list.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

_log = logging.getLogger(__name__)


def read_signatures(path: Path | str) -> list[dict[str, Any]]:
    """The PDF's embedded signatures, in file order.

    Returns:
        dicts with keys field, signer (common name), organisation, unit,
        locality, email, signing_time (ISO 8601 or None); [] when the file has
        none or they cannot be parsed.
    """
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
    except ImportError:
        return []
    out: list[dict[str, Any]] = []
    try:
        with open(path, "rb") as fh:
            reader = PdfFileReader(fh, strict=False)
            for sig in reader.embedded_signatures:
                out.append(_describe(sig))
    except Exception as exc:  # damaged, encrypted or exotic files: provenance is optional
        _log.debug("cannot read signatures of %s: %s", path, exc)
        return out
    return out


def _describe(sig: Any) -> dict[str, Any]:
    info: dict[str, Any] = {"field": None, "signer": None, "organisation": None, "unit": None,
                            "locality": None, "email": None, "signing_time": None}
    try:
        info["field"] = sig.field_name
    except Exception:
        pass
    try:
        subject = sig.signer_cert.subject.native
        info["signer"] = _first(subject.get("common_name"))
        info["organisation"] = _first(subject.get("organization_name"))
        info["unit"] = _first(subject.get("organizational_unit_name"))
        info["locality"] = _first(subject.get("locality_name"))
        info["email"] = _first(subject.get("email_address"))
    except Exception:
        pass
    try:
        ts = sig.self_reported_timestamp
        info["signing_time"] = ts.isoformat() if ts is not None else None
    except Exception:
        pass
    return info


def _first(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return str(value) if value is not None else None


def describe(signatures: list[dict[str, Any]]) -> list[str]:
    """One warning/provenance line per signature: 'digital signature: <signer> (<org>), <time>'."""
    lines = []
    for s in signatures:
        who = s.get("signer") or "?"
        org = ", ".join(x for x in (s.get("unit"), s.get("organisation")) if x and x != who)
        lines.append(f"digital signature: {who}" + (f" ({org})" if org else "") +
                     (f", signed {s['signing_time']}" if s.get("signing_time") else ""))
    return lines
