"""OCR for image-only or garbled PDF pages and for photos (Tesseract `vie`).

One page goes through:
1. render at 300 dpi (pypdfium2), suppress red ink (the "ĐẾN" receipt stamp,
   seals over the header and signature), grayscale, whiten salt-and-pepper
   specks on a speckled page, deskew by projection profile
   (pipeline.readers.ocr.clean);
2. a whole-page Tesseract pass (TSV word boxes and confidences); when it reads
   little, Tesseract's orientation detection (OSD) turns the page and the pass
   is redone;
3. whole-page OCR interleaves the two header cells and the two footer cells,
   so those bands are found from the word boxes (clean.header_band,
   footer_band) and their left and right halves are OCR'd again as separate
   regions;
4. the words go to `geometry.words_to_lines`, the same layout logic as the PDF
   text layer, then the Số and date lines are repaired by grammar
   (extractors.repair).

Tesseract runs as a subprocess with OMP_THREAD_LIMIT=1 (its own threading is
4-5x slower on two cores); pages run two at a time. A page limit
(CONGVAN_OCR_MAX_PAGES, default 30) and a per-file timeout (CONGVAN_OCR_TIMEOUT
seconds, default 300) keep one long scan from stalling a batch: what was done
is returned, with a warning.
"""
from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import regex

from extractors import repair
from pipeline.errors import CorruptDocument
from pipeline.readers.ocr import digits as hand_digits
from pipeline.readers.ocr import stamps
from pipeline.readers.ocr.stamp_titles import paired_stubs
from pipeline.readers.geometry import Word, group_visual_lines, words_to_lines
from pipeline.readers.ocr.tesseract import OcrTimeout, orientation, require_tesseract, run_tesseract
from pipeline.readers.ocr.clean import (
    DPI, Box, drop_noise, drop_receipt_stamp, footer_band, header_band, inside, prepare_taken, render_page,
    rule_between, tighten_inflated,
)
from schemas.document import Line

_log = logging.getLogger(__name__)


def _return_page_memory() -> None:
    """Serve allocations of 1 MB and more (page images: 26 MB at 300 dpi) by mmap, so a
    freed page goes back to the system. glibc's threshold otherwise grows to 32 MB after
    the first big free, later pages come from the heap, and a worker that has read one
    scan keeps its high-water mark: 522 MB peak, 346 MB after the file, against 397 and
    136 with the threshold fixed (measured on a 2-page scan, two pages at a time)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
    except OSError:          # not glibc (macOS, musl): its allocator behaves otherwise
        return
    M_MMAP_THRESHOLD = -3
    libc.mallopt(M_MMAP_THRESHOLD, 1 << 20)


_return_page_memory()


def page_threads() -> int:
    """Pages of one file OCR'd at once: CONGVAN_OCR_THREADS, else WORKERS. A batch running a
    worker process per core sets 1: the cores are busy already, and each page in flight
    holds ~100 MB of images."""
    try:
        return max(1, int(os.environ.get("CONGVAN_OCR_THREADS", WORKERS)))
    except ValueError:
        return WORKERS

WORKERS = 2                # pages of one file OCR'd at once (CONGVAN_OCR_THREADS overrides)
DEFAULT_MAX_PAGES = 30
DEFAULT_TIMEOUT = 300.0
# Words Tesseract is less sure of than this are kept but count as doubtful.
LOW_CONF = 0.45
# Header and footer cells are re-read as crops: a white margin of PAD pixels,
# page segmentation mode CROP_PSM (4: one column of lines of varying size).
PAD = 30
CROP_PSM = int(os.environ.get("CONGVAN_OCR_CROP_PSM", "4"))
# Red rubber stamps (title, name) are read apart from the seal (stamps.py); off for experiments.
STAMPS = not os.environ.get("CONGVAN_NO_STAMPS")
# The header's number and day get a dedicated digit reading (digits.py); off for experiments.
DIGIT_VOTE = os.environ.get("CONGVAN_OCR_DIGIT_VOTE", "1") != "0"


@dataclass
class PageResult:
    page: int
    lines: list[Line]
    warnings: list[str]
    seconds: float


# --- configuration ---------------------------------------------------------------


def max_pages() -> int:
    try:
        return max(1, int(os.environ.get("CONGVAN_OCR_MAX_PAGES", DEFAULT_MAX_PAGES)))
    except ValueError:
        return DEFAULT_MAX_PAGES


def file_timeout() -> float:
    try:
        return max(1.0, float(os.environ.get("CONGVAN_OCR_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


# --- one page ----------------------------------------------------------------------


def ocr_image(img, page_no: int, timeout: float = 120.0) -> PageResult:
    """OCR one page image (PIL) into Lines with columns; see the module docstring."""
    t0 = time.monotonic()
    warnings: list[str] = []
    # the colour page (35 MB at 300 dpi) is not kept for the page's whole OCR: handed over in
    # a list, it is freed inside the preparation once split (the caller keeps no reference)
    holder = [img]
    del img
    gray, red = prepare_taken(holder)
    words = run_tesseract(gray, psm=3, timeout=timeout)
    if _reads_poorly(words):
        rot = orientation(gray)
        if rot:
            # OSD's "Rotate" is clockwise; PIL rotates counter-clockwise.
            gray = gray.rotate(-rot, expand=True, fillcolor=255)
            red = red.rotate(-rot, expand=True, fillcolor=255) if red is not None else None
            words = run_tesseract(gray, psm=3, timeout=timeout)
            warnings.append(f"page {page_no}: OCR turned the page by {rot} degrees")
    words = tighten_inflated(gray, drop_receipt_stamp(drop_noise(words), gray.width, gray.height))
    first = list(words)  # the whole-page reading: a second opinion on the numbers re-read below
    hband = header_band(words, gray.width, gray.height)
    words = _reocr_header(gray, words, hband, timeout)
    fband = footer_band(words, gray.width, gray.height)
    words = tighten_inflated(gray, _reocr_footer(gray, words, fband, timeout))
    if red is not None and STAMPS:
        words = stamps.merge(words, paired_stubs(words, stamps.stamp_words(red, timeout=timeout)))
    if fband is not None and STAMPS:
        rescued = stamps.rescue_rows(gray, _signer_cell(words, fband, gray.width), words)
        words = stamps.merge(words, rescued)
        # a title read above the band's top is the block's first line: the band takes it in,
        # so the layout puts it before the signer's other lines, not after them
        fband = (min([fband[0], *(w.top - 2 for w in rescued)]), fband[1], fband[2])
    lines = words_to_lines(words, page_no, gray.width, source="ocr", header=hband, footer=fband)
    lines = _fix_columns(lines, hband, fband, gray.width)
    lines = _title_rule(gray, lines, hband)
    token_conf = _token_conf(words, first)
    lines, notes = repair.repair_lines(lines, token_conf)
    if hband is not None and DIGIT_VOTE:
        found = hand_digits.read_header(require_tesseract(), gray, words, hband)
        lines, more = hand_digits.apply(lines, found, token_conf)
        notes.extend(more)
    warnings.extend(f"page {page_no}: {n}" for n in notes)
    if words:
        mean = sum(w.conf or 0 for w in words) / len(words)
        if mean < 0.6:
            warnings.append(f"page {page_no}: low OCR confidence ({mean:.2f})")
    return PageResult(page_no, lines, warnings, time.monotonic() - t0)


# The signer's title may stand this many line heights above the Nơi nhận line (the band's top).
TITLE_ABOVE = 3.0


def _signer_cell(words: list[Word], fband: tuple[float, float, float], width: int) -> Box:
    """The signer's cell of the footer band, reaching up to the body's last line above it.

    The band starts at the Nơi nhận line when the page pass did not read the title beside
    it (a seal's rim over it), yet the title often stands a line or two higher: the cell
    reaches up to just under the last row of words above the band on its side, at most
    TITLE_ABOVE line heights."""
    top, bottom, split = fband
    above = [w for w in words if w.bottom <= top and w.x1 > split and w.text.strip()]
    line_h = sorted(w.bottom - w.top for w in above[-40:])[len(above[-40:]) // 2] if above else 40.0
    reach = top - TITLE_ABOVE * line_h
    if above:
        # a little under the last row's boxes: its descenders and marks are ink below them
        reach = max(reach, max(w.bottom for w in above) + 0.3 * line_h)
    return (split, min(top, reach), width, bottom)


def _token_conf(words: list[Word], first: list[Word]):
    """conf(line, token): confidence of the word on `line` whose text holds `token`.

    A word that was re-read in a crop has a second reading in `first` (the
    whole-page pass). Handwritten and stamped numbers come out as plausible
    digits with middling confidence, but not the same digits twice (`344` on
    the page, `334` in the crop): a number whose two readings disagree counts
    as unreadable (confidence 0).
    """
    firsts = {id(w) for w in first}

    def conf(line: Line, token: str) -> float | None:
        if line.top is None or line.x0 is None or line.x1 is None:
            return None
        # the token as a whole number: "5" is not the 5 of "15" or "2025"
        pat = regex.compile(r"(?<!\d)" + regex.escape(token) + r"(?!\d)")
        found = [w for w in words if pat.search(w.text) and line.x0 - 5 <= w.x0 and w.x1 <= line.x1 + 5
                 and abs(w.top - line.top) < 1.5 * (w.bottom - w.top) and w.conf is not None]
        if not found:
            return None
        digits = _digit_runs(token)
        agreed = not digits
        for w in found:
            if id(w) in firsts or not digits:
                continue
            seen = [o for o in first if o.x0 < w.x1 and o.x1 > w.x0 and o.top < w.bottom and o.bottom > w.top]
            if seen and not digits & {d for o in seen for d in _digit_runs(o.text)}:
                return 0.0
            agreed = agreed or bool(seen)
        best = min(w.conf or 0.0 for w in found)
        # digits read once only are never sure enough to print without the hand-digit vote
        return best if agreed else min(best, SINGLE_READ)

    return conf


# The confidence a number read in one pass only can have (below digits.PRINTED_CONF).
SINGLE_READ = 0.85


def _digit_runs(text: str) -> set[str]:
    return set(regex.findall(r"\d+", text.translate(repair.DIGIT_FIX)))


def _fix_columns(lines: list[Line], hband: tuple[float, float, float] | None,
                 fband: tuple[float, float, float] | None, width: int) -> list[Line]:
    """Columns by the bands' own gaps rather than the page middle.

    - In the footer band a Nơi nhận item that runs past the page middle is
      still the left cell, and the signer's lines are the right cell; the
      band's lines are put in text-layer order (left cell, then right cell),
      so the layout sees the whole Nơi nhận list before the signer.
    - Under the header, a type heading alone on its row (`CHỈ THỊ`, centred
      over the body, which sits right of the page middle) is full width.
    """
    out = list(lines)
    if hband is not None:
        for i, line in enumerate(out):
            if line.top is None or line.top < hband[1] or line.column not in ("left", "right"):
                continue
            if repair.is_type_heading(line.text) and line.x0 is not None and line.x1 is not None \
                    and 0.3 * width < (line.x0 + line.x1) / 2 < 0.7 * width:
                out[i] = line.model_copy(update={"column": "full"})
    if fband is None:
        return out
    top, bottom, split = fband
    slack = 0.01 * width
    band = [i for i, ln in enumerate(out) if ln.top is not None and top <= ln.top < bottom]
    if not band:
        return out
    left: list[Line] = []
    right: list[Line] = []
    for i in band:
        line = out[i]
        if line.x0 is not None and line.x0 >= split - slack:
            right.append(line.model_copy(update={"column": "right"}))
        elif line.x1 is not None and line.x1 <= split + slack:
            left.append(line.model_copy(update={"column": "left"}))
        else:
            left.append(line)
    rest = [ln for i, ln in enumerate(out) if i not in set(band)]
    at = band[0]
    before = [ln for i, ln in enumerate(out) if i < at and i not in set(band)]
    return before + left + right + rest[len(before):]


# The title's lines: the first few centred lines under the header band.
TITLE_LINES = 6
RULE_TEXT = "-----"
# Two title lines are ~80 px apart at 300 dpi; with a rule between them, more.
MIN_RULE_STEP = 120


def _title_rule(gray, lines: list[Line], hband: tuple[float, float, float] | None) -> list[Line]:
    """The rule drawn under the title, as the `-----` line a text layer gives.

    OCR drops the rule, and without it a title whose last line is followed
    by a paragraph that does not read as one (no `Căn cứ`, no colon) runs
    into the body.
    """
    if hband is None:
        return lines
    width = gray.width
    # in the order of the page (a line's words re-read apart may come later in the list)
    under = sorted((i for i, ln in enumerate(lines) if ln.top is not None and ln.top > hband[1]),
                   key=lambda i: lines[i].top)[:TITLE_LINES]
    for i, j in zip(under, under[1:]):
        a, b = lines[i], lines[j]
        if a.x0 is None or a.x1 is None or b.top - a.top < MIN_RULE_STEP:
            continue  # lines a pitch apart have no room for a rule (ink there is accents, descenders)
        if not 0.4 * width < (a.x0 + a.x1) / 2 < 0.6 * width or a.x0 < 0.2 * width:
            continue  # a title line is centred, narrower than the body
        # below line a's box (a 13-pt line is ~55 px high at 300 dpi), above line b
        found = rule_between(gray, a.top + 60, b.top - 10)
        if found is not None:
            y, x0, x1 = found
            rule = Line(text=RULE_TEXT, page=a.page, column="full", x0=x0, x1=x1, top=y, source="ocr", confidence=1.0)
            return [*lines[:j], rule, *lines[j:]]
    return lines


def _reads_poorly(words: list[Word]) -> bool:
    if len(words) < 15:
        return True
    return sum(w.conf or 0 for w in words) / len(words) < 0.5


def _reocr_region(gray, words: list[Word], box: Box, timeout: float,
                  psm: int = CROP_PSM, min_row_conf: float = 0.0) -> list[Word]:
    """Replace the words inside `box` (x0, top, x1, bottom) by an OCR of that crop alone."""
    from PIL import ImageOps

    x0, top, x1, bottom = (int(round(v)) for v in box)
    if x1 - x0 < 20 or bottom - top < 20:
        return words
    # a white margin round the crop: Tesseract reads text touching the edge badly
    crop = ImageOps.expand(gray.crop((x0, top, x1, bottom)), border=PAD, fill=255)
    new = drop_noise(run_tesseract(crop, psm=psm, timeout=timeout))
    if min_row_conf:
        # rows read off a seal or a signature scribble: low confidence throughout
        new = [w for row in group_visual_lines(new)
               if sum(x.conf or 0 for x in row) / len(row) >= min_row_conf for w in row]
    for w in new:
        w.x0 += x0 - PAD
        w.x1 += x0 - PAD
        w.top += top - PAD
        w.bottom += top - PAD
    old = [w for w in words if inside(w, box)]
    if len(new) < 0.5 * len(old):
        return words  # the crop read worse than the page: keep the page's words
    # under a seal or a signature the page reads scribbles as letters: there only
    # a word of letters (a name's last syllable, `H'Lan`) fills a hole
    return [w for w in words if not inside(w, box)] + new + _holes(old, new, letters_only=bool(min_row_conf))


# A page word fills a hole in a crop's row when it was read at least this surely.
HOLE_CONF = 0.8
# ... and, in the signer's cell, when it is a capitalised word of letters (a name's part).
_NAME_WORD = regex.compile(r"\p{Lu}[\p{L}'’]+")


def _holes(old: list[Word], new: list[Word], letters_only: bool = False) -> list[Word]:
    """Page words that fill a hole the crop's reading left in one of its rows.

    The crop reads a word now and then worse than the page did (`GD&ĐT;` split
    into two unsure pieces that the noise filter drops); a surely read page
    word that overlaps no crop word, beside crop words of the same row, is put
    back.
    """
    out = []
    for w in old:
        if (w.conf or 0) < HOLE_CONF or (letters_only and not _NAME_WORD.fullmatch(w.text)):
            continue
        h = w.bottom - w.top
        if any(o.x0 < w.x1 and o.x1 > w.x0 and o.top < w.bottom and o.bottom > w.top for o in new):
            continue
        row = [o for o in new if min(o.bottom, w.bottom) - max(o.top, w.top) > 0.5 * h]
        if any(min(abs(w.x0 - o.x1), abs(o.x0 - w.x1)) < 1.5 * h for o in row):
            out.append(w)
    return out


def _reocr_header(gray, words: list[Word], band: tuple[float, float, float] | None,
                  timeout: float) -> list[Word]:
    """The header's two cells, each OCR'd on its own."""
    if band is None:
        return words
    top, bottom, split = band
    words = _reocr_region(gray, words, (0, top, split, bottom), timeout)
    return _reocr_region(gray, words, (split, top, gray.width, bottom), timeout)


def _reocr_footer(gray, words: list[Word], band: tuple[float, float, float] | None,
                  timeout: float) -> list[Word]:
    """The Nơi nhận | signer block: OCR its two halves apart too."""
    if band is None:
        return words
    top, bottom, split = band
    words = _reocr_region(gray, words, (0, top, split, bottom), timeout)
    # psm 6 (one block): whole-page segmentation takes a seal with the title
    # and name over it for a picture and reads nothing there
    return _reocr_region(gray, words, (split, top, gray.width, bottom), timeout, psm=6, min_row_conf=0.5)


# --- files ------------------------------------------------------------------------------


def _limit_pages(pages: list[int], warnings: list[str] | None) -> list[int]:
    limit = max_pages()
    pages = sorted(set(pages))
    if len(pages) > limit:
        if warnings is not None:
            warnings.append(f"OCR limited to {limit} pages (CONGVAN_OCR_MAX_PAGES); {len(pages) - limit} pages not read")
        pages = pages[:limit]
    return pages


def ocr_images(images: Iterable[tuple[int, object]], warnings: list[str] | None = None) -> dict[int, list[Line]]:
    """OCR (page number, PIL image) pairs, two pages at a time, within the file's time budget.

    `images` may be a generator: at most page_threads() rendered pages are held at once, the
    next one is taken from it when a page is done.
    """
    require_tesseract()
    budget = file_timeout()
    deadline = time.monotonic() + budget
    results: dict[int, list[Line]] = {}
    wanted: list[int] = []
    pending: deque[tuple[int, Future]] = deque()

    def collect(page_no: int, fut: Future) -> None:
        res = fut.result()
        if res is None:
            return
        results[page_no] = res.lines
        if warnings is not None:
            warnings.extend(res.warnings)

    threads = page_threads()
    pages = iter(images)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        while True:
            # the next page is rendered (the generator's next step) once a thread is free for it:
            # rendered earlier, it waited in the queue (35 MB at 300 dpi) while `threads` pages
            # were read. Rendering then takes the core the finished page left.
            while len(pending) >= threads:
                collect(*pending.popleft())
            item = next(pages, None)
            if item is None:
                break
            page_no, img = item
            del item
            wanted.append(page_no)
            if time.monotonic() >= deadline:
                del img
                continue
            # in a list the job takes it out of: the executor's work item would otherwise
            # hold the colour page until the page's OCR ends
            pending.append((page_no, pool.submit(_page_job, [img], page_no, deadline)))
            del img
        while pending:
            collect(*pending.popleft())
    skipped = [p for p in wanted if p not in results]
    if skipped and warnings is not None:
        warnings.append(f"OCR time limit ({budget:.0f} s, CONGVAN_OCR_TIMEOUT) reached; pages not read: "
                        + ", ".join(map(str, skipped)))
    return results


def _page_job(holder: list, page_no: int, deadline: float) -> PageResult | None:
    left = deadline - time.monotonic()
    if left <= 1:
        return None
    try:
        # popped into the call: ocr_image holds the only reference and can let it go
        return ocr_image(holder.pop(), page_no, timeout=left)
    except OcrTimeout:
        return None


def ocr_pdf_pages(path: Path, pages: list[int], warnings: list[str] | None = None) -> dict[int, list[Line]]:
    """OCR the given 1-based pages of a PDF.

    Args:
        path: the PDF.
        pages: 1-based page numbers whose text layer is empty, stamp-only or garbled.
        warnings: when given, notes about limits, rotations and low confidence are appended.
    Returns:
        page number -> Lines (source "ocr", column, x0/x1/top in 300-dpi pixels, confidence).
        Pages past the page limit or the time budget are missing from the result.
    Raises:
        ToolMissing: tesseract is not installed.
    """
    require_tesseract()
    import pypdfium2 as pdfium

    pages = _limit_pages(pages, warnings)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise CorruptDocument(f"cannot open PDF for OCR: {exc}") from exc
    try:
        n = len(pdf)
        # pdfium is not thread-safe: render here, one page ahead, OCR in the pool
        images = ((p, render_page(pdf, p - 1)) for p in pages if 1 <= p <= n)
        return ocr_images(images, warnings)
    finally:
        pdf.close()
