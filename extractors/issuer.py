"""Cơ quan ban hành (ô 2): the header's bodies, parent first, as printed.

The bodies are the capitals lines of the left header column just above the
Số line (or at the top when there is none). A line that starts with a level
word (`TỈNH`, `XÃ` ...) or a connective, or follows a line ending in one,
continues the body above it. Rules, `*`, draft and secrecy marks are dropped.
"""
from __future__ import annotations

import regex

from extractors import code as code_mod
from extractors import patterns as P
from extractors.header import header_lines, is_rule, join_span, span
from extractors.repair_vocab import repair_caps_line
from extractors.layout import is_upper
from schemas.document import Line, ParsedDocument
from schemas.record import FieldValue, Record, Span

# the joining words, with the vowel OCR may misread (`VẢ TRUYỀN THÔNG` for `VÀ ...`)
_JOIN = r"V[ÀẢÁẠÃA]|V[ỀỂẾỆỄÊE]|C[ỦŨÙÚỤU]A|THU[ỘỐỒỔỖÔO]C|T[ẠẢÀÁÃA]I"
_CONT_START = regex.compile(rf"^(?:{_JOIN}|-|&|\()(?:\s+|$)|^[-&(]|^\p{{Ll}}", regex.VERSION1)
_CONT_END = regex.compile(rf"(?:\s(?:{_JOIN})|[,&-])\s*$", regex.VERSION1)


# A place name wrapped in a narrow cell ("ĐẢNG ỦY PHƯỜNG MỸ" / "THO"): the line
# above ends with a level word and at most two words of a name, and this short
# line does not start a body of its own.
_LEVEL_TAIL = regex.compile(
    r"(?:^|\s)(?:TỈNH|HUYỆN|XÃ|PHƯỜNG|THÀNH\s+PHỐ|QUẬN|THỊ\s+XÃ|THỊ\s+TRẤN|ĐẶC\s+KHU)(?:\s+\S+){0,2}$", regex.VERSION1
)
_BODY_HEAD = regex.compile(
    r"^(?:ĐẢNG|ĐOÀN|(?:ỦY|UỶ)\s+BAN|UBND|HĐND|HỘI|BAN|SỞ|VĂN\s+PHÒNG|BỘ|CÔNG\s+AN|CỤC|TỔNG|CHI|PHÒNG|TRUNG\s+TÂM|"
    r"TÒA|VIỆN|TRƯỜNG|BỆNH|TỔ|MẶT\s+TRẬN|LIÊN|KHO\s+BẠC|THANH\s+TRA|BẢO\s+HIỂM|QUÂN|BỘ\s+CHỈ|THƯỜNG\s+TRỰC|"
    r"(?:TỈNH|HUYỆN|THÀNH|ĐẢNG)\s+(?:ỦY|UỶ))(?![\p{L}])",
    regex.VERSION1,
)


# What a misread Số line leaves in the header cell: a ký hiệu fragment ("/QĐ-SYT",
# "SYT- NVY", "3/%É⁄QĐ-SYT"), or a `Số` token with its code run onto a body's line
# ("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG Sá:#4B/GM-UBND"). Bodies never hold a slash
# between capitals or end in two ASCII initials joined by a dash.
_CODE_BIT = regex.compile(
    r"""[/⁄]\s*\p{Lu}                                  # a slash opening a ký hiệu
        |(?<![\p{L}])[A-ZĐ]{2,6}\s*-\s*[A-ZĐ]{2,6}\s*$  # "SYT- NVY" at the end
        |^\W*S\S{0,2}\s*[:.]                          # a Số word read wrong""",
    regex.VERBOSE | regex.VERSION1,
)
_SO_TAIL = regex.compile(r"\s+S\S{0,2}\s*[:.]\S*[/⁄-]\S*\s*$", regex.VERSION1)
# a speck or a seal's edge read before the first word: "_a UBND TỈNH ..."
_LEAD_JUNK = regex.compile(r"^(?:[^\p{L}\s]*\p{Ll}{0,2}[^\p{L}\s]*\s+)+(?=\p{Lu}{2})", regex.VERSION1)


def _clean(text: str) -> str:
    text = _SO_TAIL.sub("", text)
    return _LEAD_JUNK.sub("", text)


def _wrapped_name(prev: str, text: str) -> bool:
    return len(text.split()) <= 2 and bool(_LEVEL_TAIL.search(prev)) and not _BODY_HEAD.match(text)


def _candidate(text: str) -> bool:
    t = _clean(text.strip("*# "))
    return (
        bool(t)
        and is_upper(t)
        and not is_rule(t)
        and not P.QUOC_HIEU.search(t)
        and not P.DANG_CSVN.search(t)
        and not P.TIEU_NGU.search(t)
        and not P.HEADER_MARK.match(t)
        and not P.SO_LINE.match(t)
        and not P.TYPE_HEADING.match(t)
        and not _CODE_BIT.search(t)
        and len(t) < 160
    )


def _bodies(lines: list[tuple[str, Line]]) -> list[tuple[str, Span]]:
    bodies: list[list] = []
    for zone, line in lines:
        t = _clean(line.text.strip("*# "))
        off = line.text.find(t)
        sp = span(line, zone, off, off + len(t))
        if bodies and (P.LEVEL_WORD.match(t) or _CONT_START.match(t) or _CONT_END.search(bodies[-1][0])
                       or _wrapped_name(bodies[-1][0], t)):
            bodies[-1][0] = f"{bodies[-1][0]} {t}"
            bodies[-1][1] = join_span(bodies[-1][1], sp)
            # an OCR'd name wrapped over two lines is repaired whole: the second line
            # ("VÀ TRUYỀN THÒNG VIỆT - HÀN") has no head noun of its own to be read by
            if line.source == "ocr":
                bodies[-1][0] = repair_caps_line(bodies[-1][0]) or bodies[-1][0]
        else:
            bodies.append([t, sp])
    return [(t, s) for t, s in bodies]


def _block_above(lines: list[tuple[str, Line]], stop: int) -> list[tuple[str, Line]]:
    """Capitals lines just above index `stop`, skipping the rule under them."""
    k = stop - 1
    while k >= 0 and (is_rule(lines[k][1].text.strip()) or not lines[k][1].text.strip("*# ")):
        k -= 1
    block: list[tuple[str, Line]] = []
    while k >= 0:
        zone, line = lines[k]
        t = line.text.strip("*# ")
        if is_rule(t) or not _candidate(t):
            if P.HEADER_MARK.match(t):  # a draft box between bodies
                k -= 1
                continue
            break
        block.insert(0, (zone, line))
        k -= 1
    return block


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    left = [(z, line) for z, line in header_lines(doc) if z in ("header_left", "banner", "title")]
    block: list[tuple[str, Line]] = []
    hit = code_mod.find(doc)
    if hit is not None:
        so_line = hit[1]
        idx = next((i for i, (_, line) in enumerate(left) if line.start == so_line.start), None)
        if idx is not None:
            # "Số:" alone on its line: the code sits on the next line
            if idx > 0 and code_mod._SO_ALONE.match(left[idx - 1][1].text):
                idx -= 1
            block = _block_above(left, idx)
    if not block:
        # no Số line: the capitals lines at the top of the left column
        for zone, line in left:
            t = line.text.strip("*# ")
            if zone != "banner" and _candidate(t):
                block.append((zone, line))
            elif block and not P.HEADER_MARK.match(t):
                break
    if not block:
        return FieldValue(value=[], confidence=0.3)
    bodies = _bodies(block)
    values = [t for t, _ in bodies]
    spans = [s for _, s in bodies]
    conf = 0.9 if hit is not None else 0.6
    return FieldValue(value=values, span=join_span(spans[0], spans[-1]), confidence=conf, item_spans=spans)
