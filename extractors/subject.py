"""Trích yếu (ô 5a/5b).

- công văn: the `V/v` line and its wrapped lines (without `V/v`);
- a Party công văn with no `V/v`: the left-column lines under the Số line;
- other types: the lines under the type heading, up to the rule under them.
Lines are joined with single spaces; a trailing repeat of the issuer or of the
signing body ("ỦY BAN NHÂN DÂN TỈNH KON TUM" over the Căn cứ lines) is cut.
"""
from __future__ import annotations

import regex

from extractors import code as code_mod
from extractors import doc_type as doc_type_mod
from extractors import patterns as P
from extractors.header import header_lines, is_rule, join_span, span
from extractors.layout import is_upper
from extractors.normalize import canon, fold
from schemas.document import Line, ParsedDocument
from schemas.record import FieldValue, Record, Span

_WRAPPED_CODE = regex.compile(r"(\d+-)\s(?=\p{Lu}{1,6}/)", regex.VERSION1)

_VV_CAPS = regex.compile(r"^\s*(?:V\s?/\s?V|V\.V|VỀ\s+VIỆC)\s*[:.]?\s+", regex.VERSION1)
# A parenthesised note under a heading ("(Kèm theo Quyết định ...)") ends the trích yếu.
_NOTE = regex.compile(r"^\s*\(")


def _stop(text: str) -> bool:
    t = text.strip("*# ")
    return (
        not t
        or is_rule(t)
        or _NOTE.match(t) is not None
        or bool(P.QUOC_HIEU.search(t) or P.DANG_CSVN.search(t) or P.TIEU_NGU.search(t))
        or bool(P.SO_LINE.match(t))
        or bool(P.KINH_GUI.match(t))
        or bool(P.DATE_PHRASE.match(t) or P.DATE_LINE.match(t))
        or (t[:1].isupper() and bool(P.BODY_START.match(t)))
        or bool(P.TITLE_STOP.match(t))
        or (bool(P.HEADER_MARK.match(t)) and is_upper(t))  # "MẬT" printed under the V/v lines
    )


def _collect(lines: list[tuple[str, Line]], start: int, first_off: int, zones: tuple[str, ...]) -> list[tuple[str, Span]]:
    out: list[tuple[str, Span]] = []
    zone0 = lines[start][0]
    for k in range(start, len(lines)):
        zone, line = lines[k]
        off = first_off if k == start else 0
        text = line.text[off:]
        if k > start and zone != zone0 and zone not in zones:
            if zone == "header_right":  # the other column, read row by row
                continue
            break
        if k > start and _stop(text):
            break
        if k > start and P.VV.match(text):
            break
        t = text.strip("*# ")
        if not t:
            continue
        a = off + text.find(t)
        out.append((t, span(line, zone, a, a + len(t))))
    return out


def _strip_authority(parts: list[tuple[str, Span]], record: Record) -> list[tuple[str, Span]]:
    """Drop trailing capitals lines that repeat the issuer or name the signing body."""
    issuers = {canon(x) for x in record.issuer}
    while len(parts) > 1:
        t = parts[-1][0]
        repeats = canon(t) in issuers or (_AUTHORITY_LINE.match(t) and not is_upper(parts[0][0]))
        if not (is_upper(t) and repeats):
            break
        parts = parts[:-1]
    return parts


def _loose(pattern: str) -> str:
    """`pattern` with each vowel matching any of its diacritic forms: OCR reads `GIÁM ĐÓC` for `GIÁM ĐỐC`."""
    out = []
    for ch in pattern:
        forms = _VOWEL_FORMS.get(fold(ch).upper()) if ch.isalpha() and ch.isupper() else None
        out.append(f"[{''.join(sorted(forms))}]" if forms and ch in forms else ch)
    return "".join(out)


_VOWEL_FORMS: dict[str, set[str]] = {}
for _c in "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴ":
    _VOWEL_FORMS.setdefault(fold(_c).upper(), set()).add(_c)

_AUTHORITY_LINE = regex.compile(_loose(
    r"^(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|GIÁM\s+ĐỐC|BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH|(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|HỘI\s+ĐỒNG)"),
    regex.VERSION1,
)


_MARK_TAIL = regex.compile(
    r"(?<=[\p{Ll}\d])\s+(?:TUYỆT\s+MẬT|TỐI\s+MẬT|MẬT|HỎA\s+TỐC|HOẢ\s+TỐC|THƯỢNG\s+KHẨN|KHẨN)\s*$", regex.VERSION1
)


_AUTHORITY_TAIL = regex.compile(_loose(
    r"\s(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|GIÁM\s+ĐỐC|BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH|(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN)")
    + r"(?:\s+[\p{Lu}\d-]+)*$",
    regex.VERSION1,
)


def _value(parts: list[tuple[str, Span]], conf: float, record: Record) -> FieldValue:
    parts = _strip_authority(parts, record)
    if not parts:
        return FieldValue(value=None, confidence=0.3)
    text = regex.sub(r"\s+", " ", " ".join(t for t, _ in parts)).strip()
    # a ký hiệu wrapped at its hyphen ("591-" / "CV/TU") is one token again
    text = _WRAPPED_CODE.sub(r"\1", text)
    # the body's first paragraph merged onto the trích yếu's last line
    inner = P.INNER_BODY_START.search(text)
    if inner and inner.start() > 15:
        text = text[: inner.start()].rstrip()
    # a secrecy or urgency mark printed in the same cell ("... Ất Tỵ 2025 MẬT")
    text = _MARK_TAIL.sub("", text)
    text = _VV_CAPS.sub("", text)
    text = P.VV.sub("", text).strip()
    text = regex.sub(r"\s*(?:\./\.|[.;,:])\s*$", "", text)
    # the signing body run onto the trích yếu's last line ("... tỉnh Nghệ An CHỦ TỊCH")
    tail = _AUTHORITY_TAIL.search(text)
    if tail and not is_upper(text[: tail.start()]):
        text = text[: tail.start()].rstrip()
    sp = join_span(parts[0][1], parts[-1][1])
    return FieldValue(value=text or None, span=sp, confidence=conf if text else 0.3, raw=text)


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    lines = header_lines(doc)
    # 1. under the type heading
    head = doc_type_mod.heading(doc)
    if head:
        _, hline, hzone, end = head
        idx = next(i for i, (_, line) in enumerate(lines) if line.start == hline.start)
        rest = hline.text[end:].strip("* ")
        if rest:
            parts = _collect(lines, idx, end + hline.text[end:].find(rest), ("title",))
        elif idx + 1 < len(lines) and not _stop(lines[idx + 1][1].text):
            parts = _collect(lines, idx + 1, 0, ("title",))
        else:
            parts = []
        if parts:
            return _value(parts, 0.85, record)
    # 2. the V/v line (công văn)
    for i, (zone, line) in enumerate(lines):
        m = P.VV.match(line.text)
        if m and zone in ("header_left", "title", "header_right"):
            return _value(_collect(lines, i, m.end(), ("header_left",)), 0.9, record)
    # 3. a Party công văn (or a V/v OCR lost): the left-column lines under the Số line
    hit = code_mod.find(doc)
    if hit is not None:
        so_line = hit[1]
        idx = next((i for i, (_, line) in enumerate(lines) if line.start == so_line.start), None)
        # the right cell's lines may come between (OCR reads the cells apart; a V/v OCR lost)
        k = idx + 1 if idx is not None else len(lines)
        while k < len(lines) and lines[k][0] == "header_right":
            k += 1
        if idx is not None and k < len(lines):
            zone, nxt = lines[k]
            if zone == "header_left" and not _stop(nxt.text) and not is_upper(nxt.text):
                parts = _collect(lines, k, 0, ("header_left",))
                parts = [p for p in parts if not is_upper(p[0]) or len(p[0]) > 40]
                return _value(parts, 0.7, record)
    return FieldValue(value=None, confidence=0.3)
