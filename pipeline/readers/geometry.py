"""Positioned words -> printed lines, with the two-column blocks told apart.

Shared by the PDF text-layer reader (points) and the OCR reader (pixels): all
thresholds are relative to the words' own height and to the page width, so the
unit does not matter.

A dispatch has two two-column blocks: the header (issuer | quốc hiệu, Số | date)
and the footer (Nơi nhận | signer). Their cells are printed side by side, so a
visual line there holds words of both cells with a wide gap between them. We
cut such a line at that gap; a segment that lies in one half is "left" or
"right", anything spanning the middle is "full". Within a run of consecutive
column lines the left cell's lines are emitted before the right cell's, in the
order a Word table (or pdfium's content stream) gives them, so a cell's
wrapped lines stay together.
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter, itemgetter
from statistics import median

import regex

from schemas.document import Column, Line, LineSource

# A gap between two cells is at least this many word heights wide; word gaps
# in justified body text stay well under one height.
GAP_HEIGHTS = 1.2
# ... and at least this many times the line's ordinary word gap.
GAP_RATIO = 2.5
# A cut is only made between cells: its middle must fall in this band of the page.
BAND = (0.22, 0.78)
# Two words share a visual line when their vertical extents overlap this much
# (of the smaller height). Header cells of different sizes still share a line.
OVERLAP = 0.45
# OCR words below this confidence (handwriting, stamps) join the printed line
# they overlap by this much, after the printed lines are formed.
UNSURE_CONF = 0.5
UNSURE_OVERLAP = 0.3
# ... and so do words with digits this many times taller than the page's usual
# word: a handwritten number or day, read with confidence or not.
TALL_DIGITS = 1.3
# ... and so do OCR words of any kind this many times taller than the usual word.
TALL_WORD = 1.8
_NUMBER_WORD = regex.compile(r"\W*\d+\W*")
# A lone segment may cross the column boundary by this share of the page width
# and still count as being in one half (italic overhang, centred cell text).
SLACK = 0.02
# A one-side line further below the line above it than this many word heights
# does not belong to the two-column block above.
RUN_GAP = 2.0


@dataclass
class Word:
    """One word with its box, in any unit (PDF points, image pixels)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    conf: float | None = None  # OCR confidence 0-1
    bold: bool | None = None
    size: float | None = None  # font size, when known


@dataclass
class _Segment:
    words: list[Word]
    top: float
    column: Column
    split: bool  # cut from a line with words in both cells

    @property
    def height(self) -> float:
        return median(w.bottom - w.top for w in self.words)


def group_visual_lines(words: list[Word]) -> list[list[Word]]:
    """Group words into visual lines by vertical overlap, top to bottom, each left to right.

    Words OCR was unsure of (handwriting, a stamp), and tall handwritten
    digits, are placed last, each on
    the printed line it overlaps most: a handwritten number rising above the
    Số line must not start a line of its own that takes half the printed
    words with it.
    """
    kept = [w for w in words if w.text.strip()]
    if any(w.conf is not None for w in kept):
        sure, unsure_words = _split_unsure(kept)
    else:  # a text layer's words are all print
        sure, unsure_words = kept, []
    # lines as [words, top, bottom]: the first word's extent (see _best)
    lines: list[list] = []
    sure = sorted(sure, key=_TOP_X0)
    for w in sure:
        # compare with the line's first word's extent, not the union, so lines
        # of two cells offset by half a line do not chain into one; the last
        # three lines are the candidates (_best inline: this runs for every
        # word of every page)
        top, bottom = w.top, w.bottom
        height = bottom - top
        best = None
        best_ov = 0.0
        for v in lines[-3:]:
            vt, vb = v[1], v[2]
            inter = (bottom if bottom < vb else vb) - (top if top > vt else vt)
            vh = vb - vt
            small = height if height < vh else vh
            ov = inter / (1e-6 if 1e-6 > small else small)
            if best is None or ov > best_ov:
                best, best_ov = v, ov
        if best is not None and best_ov >= OVERLAP:
            best[0].append(w)
        else:
            lines.append([[w], top, bottom])
    printed = list(lines)
    for w in sorted(unsure_words, key=_TOP_X0):
        best = _best(printed, w)
        if best is not None and best[0] >= UNSURE_OVERLAP:
            best[1][0].append(w)
            continue
        best = _best(lines, w)
        if best is not None and best[0] >= OVERLAP:
            best[1][0].append(w)
        else:
            lines.append([[w], w.top, w.bottom])
    lines.sort(key=_TOP)
    return [sorted(v[0], key=_X0) for v in lines]


_TOP_X0 = attrgetter("top", "x0")
_TOP = itemgetter(1)
_X0 = attrgetter("x0")


def _best(lines: list[list], w: Word) -> tuple[float, list] | None:
    """(overlap, line) of the line `w` overlaps most, the first of equals; None without lines.

    The overlap is the shared height over the smaller height (at least
    1e-6), computed inline: it runs for every word on every page, twice.
    """
    top, bottom = w.top, w.bottom
    height = bottom - top
    best = None
    best_ov = 0.0
    for v in lines:
        vt, vb = v[1], v[2]
        # min() and max() as the builtins pick them (the first of equals)
        inter = (bottom if bottom < vb else vb) - (top if top > vt else vt)
        vh = vb - vt
        small = height if height < vh else vh
        ov = inter / (1e-6 if 1e-6 > small else small)
        if best is None or ov > best_ov:
            best, best_ov = v, ov
    return None if best is None else (best_ov, best)


def _split_unsure(kept: list[Word]) -> tuple[list[Word], list[Word]]:
    """OCR words: (print, the words placed after the printed lines are formed)."""
    usual = median(w.bottom - w.top for w in kept) if kept else 0.0

    def unsure(w: Word) -> bool:
        if w.conf is None:  # a text layer's words are all print
            return False
        # OCR was unsure of it; or it is a number (handwritten ones sit above or
        # below the line); or it holds digits and stands far taller than print
        digits = any(c.isdigit() for c in w.text)
        tall = w.bottom - w.top > TALL_DIGITS * usual and digits
        # a box two lines high (a signature stroke read as letters, a word
        # whose box took in the line below) must not start a line: its extent
        # would take in the words of both
        inflated = w.bottom - w.top > TALL_WORD * usual
        return w.conf < UNSURE_CONF or tall or inflated or bool(_NUMBER_WORD.fullmatch(w.text))

    flags = [unsure(w) for w in kept]
    return [w for w, f in zip(kept, flags) if not f], [w for w, f in zip(kept, flags) if f]


def _cut(words: list[Word], page_width: float) -> int | None:
    """Index of the first word of the right cell, or None when the line is one piece.

    The widest qualifying gap wins. A gap inside one cell (a blank number in
    `Số:      /TB-UBND`, a blank day in `ngày    tháng`) does not qualify: the
    two pieces must sit on either side of the page middle.
    """
    if len(words) < 2:
        return None
    height = median(w.bottom - w.top for w in words)
    gaps = sorted(((words[i + 1].x0 - words[i].x1, i + 1) for i in range(len(words) - 1)), reverse=True)
    ordinary = median(g for g, _ in gaps[1:]) if len(gaps) > 1 else 0.0
    mid = page_width / 2
    for gap, idx in gaps:
        if gap < GAP_HEIGHTS * height or gap < GAP_RATIO * max(ordinary, 0.0):
            return None
        centre = (words[idx - 1].x1 + words[idx].x0) / 2
        left_centre = (words[0].x0 + words[idx - 1].x1) / 2
        right_centre = (words[idx].x0 + max(w.x1 for w in words[idx:])) / 2
        if BAND[0] * page_width <= centre <= BAND[1] * page_width and left_centre < mid < right_centre:
            return idx
    return None


def _side(words: list[Word], boundary: float, page_width: float) -> Column:
    x0, x1 = words[0].x0, max(w.x1 for w in words)
    slack = SLACK * page_width
    if x1 <= boundary + slack:
        return "left"
    if x0 >= boundary - slack:
        return "right"
    return "full"


def _line(seg: _Segment, page_no: int, source: LineSource) -> Line:
    words = seg.words
    bolds = [w.bold for w in words if w.bold is not None]
    confs = [w.conf for w in words if w.conf is not None]
    return Line(
        text=" ".join(w.text.strip() for w in words),
        page=page_no,
        column=seg.column,
        x0=round(words[0].x0, 1),
        x1=round(max(w.x1 for w in words), 1),
        top=round(seg.top, 1),
        bold=(sum(bolds) * 2 > len(bolds)) if bolds else None,
        source=source,
        confidence=round(sum(confs) / len(confs), 3) if confs else None,
    )


def _cut_at(words: list[Word], split: float, page_width: float) -> int | None:
    """Index of the first word right of a known cell boundary, when words lie on both sides."""
    slack = SLACK * page_width
    idx = next((i for i, w in enumerate(words) if w.x0 >= split - slack), None)
    if idx is None or idx == 0 or any(w.x1 > split + slack for w in words[:idx]):
        return None
    return idx


def words_to_lines(
    words: list[Word], page_no: int, page_width: float, source: LineSource = "pdf",
    header: tuple[float, float, float] | None = None,
    footer: tuple[float, float, float] | None = None,
) -> list[Line]:
    """Turn one page's positioned words into Lines with their column set.

    Args:
        words: the page's words, any order.
        page_no: 1-based page number for the Lines.
        page_width: page width in the words' unit.
        source: Line.source for every line ("pdf", "ocr").
        header: (top, bottom, split x) of the header band when it is known (OCR
            measures it): its rows are cut at the cells' boundary, not at their
            widest gap, which may be a blank number inside the left cell.
        footer: (top, bottom, split x) of the Nơi nhận | signer band when it is
            known: each cell's words are grouped into lines on their own, so a
            title line of the signer set half a line lower than a Nơi nhận
            item cannot join two items into one line.
    Returns:
        Lines top to bottom; in a two-column run, the left cell's lines first.
    """
    visual = group_visual_lines(words)
    celled: list[tuple[list[Word], Column]] = []
    if footer is not None:
        visual, celled = _footer_cells(visual, footer, page_width)
    cuts = []
    for vl in visual:
        idx = None
        if header is not None and header[0] <= min(w.top for w in vl) < header[1]:
            idx = _cut_at(vl, header[2], page_width)
        cuts.append(idx if idx is not None else _cut(vl, page_width))

    segments: list[_Segment] = [_Segment(vl, min(w.top for w in vl), col, True) for vl, col in celled]
    for vl, idx in zip(visual, cuts):
        top = min(w.top for w in vl)
        if idx is not None:
            segments.append(_Segment(vl[:idx], top, "left", True))
            segments.append(_Segment(vl[idx:], top, "right", True))
            continue
        segments.append(_Segment(vl, top, _side(vl, page_width / 2, page_width), False))
    segments.sort(key=lambda s: s.top)
    return [_line(s, page_no, source) for s in _order(segments)]


def _footer_cells(visual: list[list[Word]], footer: tuple[float, float, float],
                  page_width: float) -> tuple[list[list[Word]], list[tuple[list[Word], Column]]]:
    """Regroup the footer band's words cell by cell: (lines left as they are, cell lines).

    A row that runs across the cells' boundary with no more than a word gap
    there is a printed line of the body (the closing sentence above Nơi nhận)
    and stays whole.
    """
    top, bottom, split = footer
    keep: list[list[Word]] = []
    pools: dict[Column, list[Word]] = {"left": [], "right": []}
    for vl in visual:
        if not top <= min(w.top for w in vl) < bottom or _runs_across(vl, split):
            keep.append(vl)
            continue
        for w in vl:
            pools["left" if (w.x0 + w.x1) / 2 < split else "right"].append(w)
    cells = [(row, col) for col in ("left", "right") for row in group_visual_lines(pools[col])]
    return keep, cells


def _runs_across(row: list[Word], split: float) -> bool:
    left = [w for w in row if (w.x0 + w.x1) / 2 < split]
    right = [w for w in row if (w.x0 + w.x1) / 2 >= split]
    if not left or not right:
        return False
    height = median(w.bottom - w.top for w in row)
    return min(w.x0 for w in right) - max(w.x1 for w in left) < GAP_HEIGHTS * height


def _order(segments: list[_Segment]) -> list[_Segment]:
    """Emit each run of column segments that holds a cut line as its left cell, then its right cell.

    A lone one-side line after a vertical gap (`Kính gửi:` printed left of an
    indented list, below the header) starts a new run: it is not part of the
    cells above it.
    """
    out: list[_Segment] = []
    run: list[_Segment] = []

    def flush() -> None:
        if any(s.split for s in run):
            out.extend(s for s in run if s.column == "left")
            out.extend(s for s in run if s.column == "right")
        else:
            out.extend(run)
        run.clear()

    prev_top: float | None = None
    for seg in segments:
        if seg.column == "full":
            flush()
            out.append(seg)
        else:
            far = prev_top is not None and seg.top - prev_top > RUN_GAP * seg.height
            if run and far and not seg.split:
                flush()
            run.append(seg)
        if seg.top != prev_top:
            prev_top = seg.top
    flush()
    return out
