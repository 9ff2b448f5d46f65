"""Embedded digital signatures of a PDF, for provenance and a fallback date.

Vietnamese e-government PDFs carry one signature per signer and per issuing
office (VGCA certificates): the signer's own (common name = a person) and the
office's (common name = the body). The certificate subject gives the name,
organisation and unit; the signature dictionary's /M gives the signing time
(local time with its offset, as the signing software wrote it). Nothing is
verified (no trust roots offline): these are what the file claims.

Cheap on purpose, since every PDF goes through here: a file without
`/ByteRange` (the mark of a signature dictionary) is not opened at all;
otherwise pdfium lists the signatures and hands over their CMS blobs, and
asn1crypto reads the signer certificate's subject (a few ms per file, where a
full PDF-signature library took 20-500 ms).

Reading signatures must never fail the read: any error gives what was read
so far, or an empty list.
"""
from __future__ import annotations

import ctypes
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

import regex

_log = logging.getLogger(__name__)

# PDF date: D:YYYYMMDDHHmmSS followed by Z, or +HH'mm' / -HH'mm'.
_PDF_DATE = regex.compile(
    r"""D:(?P<y>\d{4})(?P<mo>\d{2})?(?P<d>\d{2})?(?P<h>\d{2})?(?P<mi>\d{2})?(?P<s>\d{2})?
        (?:(?P<z>Z)|(?P<sign>[+-])(?P<oh>\d{2})'?(?P<om>\d{2})?'?)?""",
    regex.VERBOSE,
)
KEYS = ("field", "signer", "organisation", "unit", "locality", "email", "signing_time")


def read_signatures(source: Path | str | bytes) -> list[dict[str, Any]]:
    """The PDF's embedded signatures, in file order.

    Args:
        source: a path or the file's bytes.
    Returns:
        dicts with keys field, signer (common name), organisation, unit,
        locality, email, signing_time (ISO 8601 or None); [] when the file has
        none or they cannot be parsed.
    """
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError:
        return []
    if b"/ByteRange" not in data:
        return []
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as R

        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # damaged or encrypted: provenance is optional
        _log.debug("cannot open for signatures: %s", exc)
        return []
    out: list[dict[str, Any]] = []
    try:
        for i in range(R.FPDF_GetSignatureCount(pdf.raw)):
            obj = R.FPDF_GetSignatureObject(pdf.raw, i)
            info: dict[str, Any] = dict.fromkeys(KEYS)
            info["signing_time"] = pdf_date(_bytes(R.FPDFSignatureObj_GetTime, obj).decode("latin-1").strip("\0"))
            try:
                _from_cms(_bytes(R.FPDFSignatureObj_GetContents, obj), info)
            except Exception as exc:  # an odd CMS blob: keep the time
                _log.debug("cannot parse signature %d: %s", i, exc)
            out.append(info)
    except Exception as exc:
        _log.debug("cannot list signatures: %s", exc)
    finally:
        pdf.close()
    return out


def _bytes(getter, obj) -> bytes:
    n = getter(obj, None, 0)
    if n <= 0:
        return b""
    buf = ctypes.create_string_buffer(n)
    getter(obj, buf, n)
    return buf.raw[:n]


def _from_cms(blob: bytes, info: dict[str, Any]) -> None:
    """Signer certificate subject (and signingTime when /M is absent) from the CMS SignedData."""
    from asn1crypto import cms

    signed = cms.ContentInfo.load(blob.rstrip(b"\0"))["content"]
    signer_info = signed["signer_infos"][0]
    sid = signer_info["sid"]
    certs = [c.chosen for c in signed["certificates"] if c.name == "certificate"]
    cert = None
    if sid.name == "issuer_and_serial_number":
        want = sid.chosen
        cert = next((c for c in certs if c.serial_number == want["serial_number"].native
                     and c.issuer == want["issuer"]), None)
    elif sid.name == "subject_key_identifier":
        cert = next((c for c in certs if c.key_identifier == sid.native), None)
    if cert is None and certs:
        cert = certs[0]
    if cert is not None:
        subject = cert.subject.native
        info["signer"] = _first(subject.get("common_name"))
        info["organisation"] = _first(subject.get("organization_name"))
        info["unit"] = _first(subject.get("organizational_unit_name"))
        info["locality"] = _first(subject.get("locality_name"))
        info["email"] = _first(subject.get("email_address"))
    if info["signing_time"] is None and signer_info["signed_attrs"].native:
        for attr in signer_info["signed_attrs"]:
            if attr["type"].native == "signing_time":
                info["signing_time"] = attr["values"][0].native.isoformat()


def pdf_date(text: str) -> str | None:
    """`D:20250918150247+07'00'` -> `2025-09-18T15:02:47+07:00`; None when it does not parse."""
    m = _PDF_DATE.match(text.strip())
    if not m:
        return None
    try:
        dt = datetime(int(m["y"]), int(m["mo"] or 1), int(m["d"] or 1), int(m["h"] or 0),
                      int(m["mi"] or 0), int(m["s"] or 0))
    except ValueError:
        return None
    iso = dt.isoformat()
    if m["z"]:
        return iso + "+00:00"
    if m["sign"]:
        return f"{iso}{m['sign']}{m['oh']}:{m['om'] or '00'}"
    return iso


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
