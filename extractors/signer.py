"""Người ký (ô 7a-7c): authority, title and name.

- authority: the prefix lines (`TM.`, `T/M`, `KT.`, `K/T`, `TL.`, `T/L`,
  `TUQ.`, `Q.` and what follows); nested ones (`TL. CHỦ TỊCH` / `KT. CHÁNH VĂN
  PHÒNG`) are joined with a space.
- title: the capitals line(s) under the authority, as printed; a `kiêm` line
  joins two titles; a second, unrelated capitals line (a body name over the
  signature) is not part of it.
- name: the person's name line, without military rank or degree.
"""
from __future__ import annotations

import unicodedata

import regex

from extractors import patterns as P
from extractors import repair_vocab as vocab
from extractors.header import join_span, span
from extractors.layout import is_upper
from schemas.document import Line, ParsedDocument
from schemas.record import FieldValue, Record, Signer, Span

_KIEM = regex.compile(r"^\s*kiêm\s*$", regex.IGNORECASE)
# a title that goes on on the next line: "... VÀ" / "KIÊM ...", or one in charge of a unit
# ("PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH" / "PHÒNG KT&ĐBCLGD", "PHỤ TRÁCH" / "KHOA ...")
_TITLE_CONT = regex.compile(r"^(?:VÀ|KIÊM|kiêm)\s|^PHỤ\s+TRÁCH\s|,\s*$|\s(?:VÀ|KIÊM|kiêm|PHỤ\s+TRÁCH)$", regex.VERSION1)


# A title in charge of a unit, without a head's title before it (`PHỤ TRÁCH PHÒNG CTSV`,
# `PHÓ PHỤ TRÁCH KHOA NỘI`): no seal prints it, so a scan's capitals line so opened is one.
_IN_CHARGE = regex.compile(r"^(?:PHÓ\s+)?PHỤ\s+TRÁCH\s+\p{Lu}", regex.VERSION1)
# The heading of an approval block (`PHÊ DUYỆT CỦA GIÁM ĐỐC`, `DUYỆT`, `Ý KIẾN PHÊ DUYỆT`)
# under or beside the drafter's: the approver's block, not the signer's; a scan that lost
# the signer's own lines gives a blank signer rather than the approver.
_APPROVAL = regex.compile(r"^(?:Ý\s+KIẾN\s+)?(?:PHÊ\s+)?DUYỆT(?:\s|$)", regex.VERSION1)


# Anything but a letter at either end of a name line: punctuation, spaces, and
# modifier marks such as ˆ (a letter to Unicode, never one of a name).
_EDGE_MARKS = regex.compile(r"^[^\p{Lu}\p{Ll}]+|[^\p{Lu}\p{Ll}]+$")


def _clean(line: Line) -> tuple[str, int]:
    t = line.text.strip("* _")  # a rule drawn under the block's last capitals line
    return t, line.text.find(t) if t else 0


# Letters a name is written with once its marks are off (NFD): the Latin alphabet and đ
# (Vietnamese and the ethnic-minority names' f, j, w, z), and the marks Vietnamese puts on
# them: circumflex, breve, horn, and the five tones.
_NAME_LETTER = regex.compile(r"^[A-Za-zĐđ]$")
_VIET_MARKS = frozenset("\u0302\u0306\u031b\u0300\u0301\u0303\u0309\u0323")


def written_as_name(text: str) -> bool:
    """True when every letter of `text` is one a Vietnamese name is written with: OCR of a
    name under a seal or a signature gives letters no name has (`Hoànøz`), and a name is
    right or blank, never a guess."""
    for ch in unicodedata.normalize("NFD", text):
        if ch in _VIET_MARKS or not (ch.isalpha() or unicodedata.category(ch).startswith("M")):
            continue
        if not _NAME_LETTER.match(ch):
            return False
    return True


def _name(text: str, ocr: bool = False) -> tuple[str, int] | None:
    """(name, offset) when `text` is a person's name (rank and degrees dropped); on an OCR
    line only one written with a name's letters."""
    # OCR leaves marks of the signature or the seal beside the name
    # ("{Lê Hoàng Anh", "Nguyễn Văn Hải ˆ", "Hà Văn Phúc - -")
    lead = _EDGE_MARKS.match(text)
    off = lead.end() if lead else 0
    t = _EDGE_MARKS.sub("", text)
    m = P.NAME_PREFIX.match(t)
    if m:
        off, t = m.end(), t[m.end():]
    if P.PERSON_NAME.match(t) and not is_upper(t) and (not ocr or (written_as_name(t) and _whole_on_a_scan(t))):
        return t, off
    return None


def _whole_on_a_scan(name: str) -> bool:
    """A two-word name read from a scan opens with a surname of the table: one whose first word
    the seal or the pen took ("Trúc Giang" for "Nguyễn Trúc Giang") is a wrong name, and blank is
    better. Three words or more are a whole name however rare the surname ("Y Wơn Byă")."""
    words = name.split()
    return len(words) >= 3 or vocab.is_surname(words[0])


# A signer block split by a page break goes on among the next page's first lines.
_NEXT_PAGE_LINES = 3


def _past_the_block(lines: list[Line], line: Line, block: list[tuple[str, Span]]) -> bool:
    """True when `line` lies on a later page than the block's title or authority, past the
    first lines of that page: an annex's list ("Gò Quao" of a table of hospitals), not the
    name the seal or the signature hid."""
    page = block[-1][1].page if block[-1][1] is not None else line.page
    if line.page <= page:
        return False
    before = [x for x in lines if x.page == line.page and x.start < line.start and x.text.strip()]
    return line.page > page + 1 or len(before) >= _NEXT_PAGE_LINES


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    lines = doc.zone("signature")
    # a Nơi nhận column read in line order may carry signature lines; the
    # signature zone is what the layout trusted
    lines = [line for line in lines if not P.SIGNED_NOTE.match(line.text.strip("* "))]
    if not lines:
        return FieldValue(value=Signer(), confidence=0.3)
    authority: list[tuple[str, Span]] = []
    title: list[tuple[str, Span]] = []
    name: tuple[str, Span] | None = None
    joining = False
    for line in lines:
        t, off = _clean(line)
        if not t:
            continue
        if _APPROVAL.match(t):
            break
        if P.AUTHORITY.match(t) and not name:
            if title:  # a second block (several signatories): keep the first
                break
            authority.append((t, span(line, "signature", off, off + len(t))))
            continue
        if is_upper(t) and not name and authority and not title and P.AUTHORITY_BARE.match(authority[-1][0]):
            # "KT." alone on its line: the next capitals line is whose behalf ("GIÁM ĐỐC")
            sp = span(line, "signature", off, off + len(t))
            authority[-1] = (f"{authority[-1][0]} {t}", join_span(authority[-1][1], sp))
            continue
        if is_upper(t) and not name:
            sp = span(line, "signature", off, off + len(t))
            if not title:
                if authority and P.LEVEL_WORD.match(t) and not P.SIGNER_TITLE.match(t):
                    # "TM. ỦY BAN NHÂN DÂN" / "TỈNH ..." wraps the authority
                    authority[-1] = (f"{authority[-1][0]} {t}", join_span(authority[-1][1], sp))
                    continue
                if line.source == "ocr" and not P.SIGNER_TITLE.match(t) and vocab.title_in(t) is None \
                        and not _IN_CHARGE.match(t):
                    continue  # the seal's words read as capitals ("Y TẾ", "SỞ"): no title
                title.append((t, sp))
            elif joining or _TITLE_CONT.search(title[-1][0]) or _TITLE_CONT.match(t):
                title.append((t, sp))
            joining = False
            continue
        if _KIEM.match(t) and title and not name:
            title.append((t, span(line, "signature", off, off + len(t))))
            joining = True
            continue
        got = _name(t, ocr=line.source == "ocr")
        if got and (title or authority) and _past_the_block(lines, line, title or authority):
            break
        if got and (title or authority):
            n, noff = got
            name = (n, span(line, "signature", off + noff, off + noff + len(n)))
            break
        if got and name is None:
            n, noff = got
            name = (n, span(line, "signature", off + noff, off + noff + len(n)))
    signer = Signer(
        name=name[0] if name else None,
        title=" ".join(t for t, _ in title) or None,
        authority=" ".join(t for t, _ in authority) or None,
    )
    spans = [s for _, s in authority] + [s for _, s in title] + ([name[1]] if name else [])
    conf = 0.9 if name and (title or authority) else 0.5
    sp = join_span(spans[0], spans[-1]) if spans else None
    return FieldValue(value=signer, span=sp, confidence=conf, item_spans=spans)
