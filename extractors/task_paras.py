"""The body cut into paragraphs for the task extractor.

Wrapped lines are joined; an item marker, a table row, a labelled line
(`Cơ quan chủ trì: ...`) or a bold line starts a new paragraph. Repairs of the
printed text that only this reading needs:
- syllables a text layer ran together are split (`extractors.glue`; the normaliser already did it for reader text);
- a marker alone on its line (`1.4.`) takes the line after it;
- a first child marker printed inside its parent's line (`3. Giải quyết ...
  3.1. Rà soát ...`, `2. Nâng cao ... 2.1.`) starts its own paragraph;
- a wrapped labelled value goes on on the next line when that starts in lower case;
- numbering that restarts at 1 right under a numbered heading of the same
  depth (article numbers lost by a converter: `4. Trách nhiệm của Tổ trưởng` /
  `1. Lãnh đạo ...`) is read one level deeper.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors import body_patterns as B
from extractors import patterns as P
from extractors.glue import despace
from extractors.references import document_end
from schemas.document import ParsedDocument

# (a scan's speck or two before a marker, ".4. Thời gian ...", ".~- Nếu ...", is no text of the item)
MARKER = regex.compile(
    r"""^\s*(?:[.,'`~_]{1,2}\s*(?=\d|[-–•+]\s))?(?:(?P<art>Đi[ềêếệểễe]u\s+\d+\s*[.:])|(?P<roman>[IVX]{1,5})\s*[.)/]|(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:[.)](?!\d)|-(?=\s*\p{Lu}))
        |(?P<letter>[a-zđ])\s*\)|(?P<letter2>[a-hđ])\.(?=\s+\p{Lu})|(?P<bullet>[-–•*])|(?P<plus>\+))\s*""",
    regex.VERBOSE | regex.VERSION1,
)
ENDS = regex.compile(r"(?:[.;!?]|\./\.|\.\)|;\)|:)\s*$")
_TABLE_SEP = regex.compile(r"^\|?\s*:?-{2,}")
# a first child marker inside a numbered line: " 3.1. Rà soát", a trailing " 2.1."
_CHILD = regex.compile(r"\s(?P<m>\d{1,2}(?:\.\d{1,2}){0,2}\.)(?:\s+(?=\p{Lu})|\s*$)", regex.VERSION1)
# a labelled line run into the one before: "... và địa phương -Thời gian thực hiện: ..."
_INNER_LABEL = regex.compile(r"\s[-+•]\s*(?=(?:Cơ\s+quan|Đơn\s+vị|Thời\s+(?:gian|hạn)|Tiến\s+độ)[^:]{0,30}:)", regex.VERSION1)
NUM_LEVELS = range(2, 6)
# a line in capitals only (two letters or more, none in lower case)
_CAPS_LINE = regex.compile(r"^(?=(?:[^\p{L}]*\p{Lu}){2})[^\p{Ll}]+$", regex.VERSION1)


@dataclass
class Para:
    text: str
    start: int
    end: int
    page: int = 1
    level: int = 0  # 0 prose; 1 Điều/roman; 2+ numbered by depth; 6 letter; 7 bullet; 8 plus
    cells: list[str] | None = None
    label: tuple[str, str] | None = None
    body: str = ""  # text without the marker
    number: int | None = None  # last component of a numbered marker
    x0: float | None = None  # left edge of the first line (where the reader knows it)
    bold: bool | None = None  # the last line's weight (a bold heading wraps onto bold lines)


def _level(m: regex.Match[str]) -> int:
    if m.group("art") or m.group("roman"):
        return 1
    if m.group("num"):
        return 2 + m.group("num").count(".")
    if m.group("letter") or m.group("letter2"):  # "a)" and "a. Đối tượng ..."
        return 6
    return 7 if m.group("bullet") else 8


def _child_cut(text: str, m: regex.Match[str] | None) -> int | None:
    """Offset of a first child marker printed inside a numbered line."""
    if m is None or not (m.group("num") or m.group("roman")):
        return None
    parent = m.group("num")
    for c in _CHILD.finditer(text, m.end()):
        num = c.group("m").rstrip(".")
        if (parent and num == f"{parent}.1") or (not parent and num == "1"):
            return c.start() + 1
    return None


def _pieces(text: str) -> list[tuple[str, int]]:
    """The line, or the line split where a child marker or a label starts (text, offset)."""
    out: list[tuple[str, int]] = []
    pos = 0
    while True:
        cut = _child_cut(text, MARKER.match(text))
        if cut is None:
            lab = _INNER_LABEL.search(text, 1)
            cut = lab.start() + 1 if lab and B.LABEL.match(text[lab.start() + 1:]) else None
        if cut is None:
            out.append((text, pos))
            return out
        out.append((text[:cut].rstrip(), pos))
        pos, text = pos + cut, text[cut:]


def _indents(lines: list) -> dict[int, tuple[float, float, float]]:
    """Per page: (left margin, first-line indent threshold, right edge) of the body lines."""
    by_page: dict[int, list[tuple[float, float]]] = {}
    for line in lines:
        if line.x0 is not None and line.x1 is not None:
            by_page.setdefault(line.page, []).append((line.x0, line.x1))
    out = {}
    for page, xs in by_page.items():
        if len(xs) < 5:
            continue
        lefts = sorted(x for x, _ in xs)
        rights = sorted(x for _, x in xs)
        margin = lefts[len(lefts) // 10]
        right = rights[len(rights) * 9 // 10]
        width = max(x for _, x in xs) - margin
        out[page] = (margin, margin + 0.03 * width, right - 0.04 * width)
    return out


def _short(prev, line, indent) -> bool:
    """The line above stopped well before the right edge (justified text, as Nghị
    định 30 prints it): its paragraph ended there, a heading without a stop included."""
    # OCR word boxes leave ragged right edges: only a text layer's edges are trusted here
    return (indent is not None and prev is not None and prev.page == line.page and prev.x1 is not None
            and prev.source != "ocr" and prev.x1 < indent[2] - 4 * (indent[1] - indent[0]))


def _wrapped(prev, line, indent) -> bool:
    """A line at the left margin under a line that ran to the right edge without
    ending its sentence continues that paragraph, whatever its case or weight."""
    return (indent is not None and prev is not None and prev.page == line.page
            and None not in (prev.x1, line.x0) and prev.x1 >= indent[2] and line.x0 <= indent[1]
            and not ENDS.search(prev.text))


# readers whose Line is a paragraph the author ended (not a wrapped printed line)
_PARAGRAPH_LINES = frozenset({"docx", "docx-textbox"})


def paragraphs(doc: ParsedDocument) -> list[Para]:
    end = document_end(doc)
    out: list[Para] = []
    indents = _indents(doc.zone("body"))
    prev_line = None
    for line in doc.zone("body"):
        if line.start >= end:
            break
        text = line.text.strip()
        if not text or P.NOI_NHAN.match(text):
            continue
        if text.count("|") >= 2 and (text.startswith("|") or " | " in text):
            if _TABLE_SEP.match(text):
                continue
            cells = [despace(c.strip(" *")) for c in text.strip().strip("|").split("|")]
            out.append(Para(text, line.start, line.end, line.page, cells=cells))
            continue
        # a line at the same first-line indent as the paragraph above starts a
        # new one even where that paragraph lost its final stop (an article title)
        indent = indents.get(line.page)
        prev = out[-1] if out else None
        indented = (indent is not None and line.x0 is not None and prev is not None and prev.x0 is not None
                    and line.x0 > indent[1] and abs(line.x0 - prev.x0) <= indent[1] - indent[0])
        wrapped = _wrapped(prev_line, line, indent)
        # a Word paragraph ends where its line ends: one opening with a capital is a new one
        # ("3. Đoàn Thanh niên, Hội LHTN" over "Giới thiệu các tổ chức ...")
        indented = indented or _short(prev_line, line, indent) or line.source in _PARAGRAPH_LINES
        prev_line = line
        for k, (piece, offset) in enumerate(_pieces(despace(text))):
            _add_line(out, piece, line.start + min(offset, len(line.text)), line.end, line.page, line.bold,
                      new=indented and k == 0, wrapped=wrapped and k == 0)
            if k == 0 and out:
                out[-1].x0 = line.x0 if out[-1].start == line.start else out[-1].x0
    _restarted_numbering(out)
    return _inline_letters(out)


# a letter item printed inside a paragraph: "...: (a) Có Kế hoạch ...; (b) Khẩn trương ...",
# "... như sau: a) Rà soát ...; b) Báo cáo ..." — after the start, a colon or a semicolon only,
# so "điểm a) khoản 1" of a citation never splits
_INLINE_LETTER = regex.compile(r"(?:^|(?<=[:;.]\s{0,3}))\(?(?P<l>[a-hđ]?)\)\s*(?=\p{Lu})", regex.VERSION1)


def _inline_letters(paras: list[Para]) -> list[Para]:
    """Split a paragraph holding a run of letter items (a, b, ... in order, two at least) into
    its head and one letter paragraph each. A letter a scan lost ("() Theo dõi ...") counts
    inside a run that has its a) and b)."""
    out: list[Para] = []
    for p in paras:
        marks = [m for m in _INLINE_LETTER.finditer(p.body)] if p.cells is None and p.label is None and p.level < 6 else []
        letters = [m.group("l") for m in marks]
        if "a" not in letters or "b" not in letters or letters.index("b") < letters.index("a"):
            out.append(p)
            continue
        marks = marks[letters.index("a"):]
        head = p.body[:marks[0].start()].strip()
        if head:
            out.append(Para(p.text, p.start, p.end, p.page, level=p.level, body=head, number=p.number, x0=p.x0, bold=p.bold))
        for k, m in enumerate(marks):
            stop = marks[k + 1].start() if k + 1 < len(marks) else len(p.body)
            body = p.body[m.end():stop].strip()
            if body:
                out.append(Para(p.text, p.start, p.end, p.page, level=6, body=body, x0=p.x0, bold=p.bold))
    return out


def _add_line(out: list[Para], text: str, start: int, end: int, page: int, bold: bool | None,
              new: bool = False, wrapped: bool = False) -> None:
    m = MARKER.match(text)
    lab = B.LABEL.match(text)
    prev = out[-1] if out else None
    if (prev is not None and prev.level == 7 and not prev.body.strip() and not m and not lab and text[:1].islower()
            and len(out) > 1 and out[-2].cells is None and out[-2].label is None and not ENDS.search(out[-2].text)):
        # a speck read as a dash between two lines of one sentence ("... căn cứ Kế hoạch hướng" / "-" /
        # "dẫn của ..."): a bullet never opens in lower case in the middle of an unfinished sentence
        out.pop()
        prev = out[-1]
        prev.text += " " + text
        prev.body += " " + text
        prev.end = end
        return
    if prev is not None and prev.cells is None and not prev.body.strip() and prev.level and not m and not lab:
        prev.text += " " + text  # a marker alone on its line
        prev.body, prev.end = text, end
        return
    starts_new = prev is None or m is not None or lab is not None or prev.cells is not None or not wrapped and (
        (prev.label is not None and not text[:1].islower() and not _wrapped_units(prev, text))
        # a bold line starts a heading, unless it is the lower-case wrap of a bold line
        or (bold is True and not (prev.bold is True and text[:1].islower() and not ENDS.search(prev.text)))
        or (ENDS.search(prev.text) is not None and text[:1].isupper())
        or (new and text[:1].isupper())
        # a heading printed in capitals ends at its line: "I. MỤC ĐÍCH, YÊU CẦU" / "Nâng cao ..."
        or (_CAPS_LINE.match(prev.body) is not None and text[:1].isupper() and _CAPS_LINE.match(text) is None)
        or _unit_heading_ends(prev, text)
    )
    if not starts_new:
        assert prev is not None
        prev.text += " " + text
        prev.body += " " + text
        prev.end = end
        prev.bold = bold
        if prev.label:
            prev.label = (prev.label[0], prev.label[1] + " " + text)
        return
    para = Para(text, start, end, page, bold=bold)
    if lab:
        para.label = (regex.sub(r"\s+", " ", lab.group("label")).lower(), lab.group("value").strip())
    elif m and not (m.group("bullet") and len(text) > 1 and text[1].isdigit()):
        para.level = _level(m)
        if m.group("num"):
            para.number = int(m.group("num").split(".")[-1])
    para.body = text[m.end():] if (m and not lab) else text
    out.append(para)


_REQUEST = regex.compile(r"^(?:Đề\s*nghị|Giao)\s+", regex.VERSION1)


def _unit_heading_ends(prev: Para, text: str) -> bool:
    """A numbered heading that only names a unit ("2. Sở Tài chính", "4. Đề nghị Ủy ban
    Mặt trận ... và các đoàn thể ...") ends at its line when the next line opens with a
    capitalised verb ("Tham mưu bố trí ...")."""
    body = _REQUEST.sub("", prev.body.strip())
    return (prev.level > 0 and text[:1].isupper() and not ENDS.search(body) and len(body.split()) <= 20
            and B.UNIT_START.match(body) is not None and B.ACTION_VERB.search(body) is None
            and B.ACTION_VERB.match(text[:1].lower() + text[1:]) is not None)


def _wrapped_units(prev: Para, text: str) -> bool:
    """A unit label's value wrapped onto a line that starts with a name
    ("Cơ quan thực hiện: Các cơ quan ...; Uỷ ban" / "Mặt trận Tổ quốc ...")."""
    assert prev.label is not None
    if prev.label[0].startswith(("thời", "tiến")) or prev.text.rstrip().endswith("."):
        return False
    return bool(B.UNIT_START.match(text)) or prev.text.rstrip()[-1:].isalpha()


def _heading_like(p: Para) -> bool:
    return not ENDS.search(p.body) or p.body.rstrip().endswith(":")


def _restarted_numbering(paras: list[Para]) -> None:
    """Read a numbering that restarts at 1 under a same-depth heading one level deeper."""
    outer: dict[int, int] = {}  # level -> next number of the outer run
    inner: dict[int, int] = {}  # level -> next number of the run read deeper
    prev: Para | None = None
    for p in paras:
        if p.cells is not None or p.label is not None:
            prev = p
            continue
        if p.level in (0, 1):
            if p.level == 1 or not p.body.strip() or p.text[:1].isupper() and len(p.text) < 80 and not ENDS.search(p.text):
                outer.clear()
                inner.clear()
            prev = p
            continue
        if p.level not in NUM_LEVELS or p.number is None:
            prev = p
            continue
        lvl, n = p.level, p.number
        if (n == 1 and prev is not None and prev.level == lvl and prev.number is not None
                and _heading_like(prev) and lvl not in inner):
            inner[lvl] = 2
            outer[lvl] = prev.number + 1
            p.level = lvl + 1
        elif lvl in inner:
            if _heading_like(p) and n == outer.get(lvl):
                inner.pop(lvl)
                outer[lvl] = n + 1
            elif n == inner[lvl]:
                inner[lvl] = n + 1
                p.level = lvl + 1
            elif n == outer.get(lvl):
                inner.pop(lvl)
                outer[lvl] = n + 1
        prev = p
