"""OCR for image-only or garbled PDF pages and for photos (Tesseract `vie`).

One page goes through:
1. render at 300 dpi (pypdfium2), suppress red ink (the "ĐẾN" receipt stamp,
   seals over the header and signature), grayscale, deskew by projection
   profile;
2. a whole-page Tesseract pass (TSV word boxes and confidences); when it reads
   little, Tesseract's orientation detection (OSD) turns the page and the pass
   is redone;
3. whole-page OCR interleaves the two header cells, so the header band is
   found from the word boxes (from the quốc hiệu row down to the last row
   that does not cross the gap between the cells) and its left and right
   halves are OCR'd again as separate regions;
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
import shutil
import subprocess
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import regex

from extractors import repair
from pipeline.errors import CorruptDocument, ToolMissing
from pipeline.readers.geometry import Word, group_visual_lines, words_to_lines
from schemas.document import Line

_log = logging.getLogger(__name__)

DPI = 300
LANG = "vie"
WORKERS = 2
DEFAULT_MAX_PAGES = 30
DEFAULT_TIMEOUT = 300.0
# Words Tesseract is less sure of than this are kept but count as doubtful.
LOW_CONF = 0.45
# Header and footer cells are re-read as crops: a white margin of PAD pixels,
# page segmentation mode CROP_PSM (4: one column of lines of varying size).
PAD = 30
CROP_PSM = int(os.environ.get("CONGVAN_OCR_CROP_PSM", "4"))

# Landmarks looked for in the whole-page pass, on OCR text (diacritics may be
# lost or changed, so each is loose).
_QUOC_HIEU = regex.compile(r"C[OÔỘ]NG\s*H[OÒ]A|XÃ\s*H[OỘ]I|ĐẢNG\s+C[OỘ]NG\s+S[AẢ]N|Độc\s*lập|Tự\s*do", regex.I)
_SO = regex.compile(r"^\W{0,3}S[ốốóôoồổ6ÓÔỐ]\s*[:.;]?\s*\S*[/-]", regex.I)
_DATE = regex.compile(r"ng[àa]y.{0,12}th[áa]ng.{0,10}n[ăa]m", regex.I)
_VV = regex.compile(r"^\W{0,2}V\s?[/.]\s?[vVy]", regex.I)
_NOI_NHAN = regex.compile(r"N[ơo]i\s*nh[ậa]n", regex.I)


class OcrTimeout(Exception):
    """The file's OCR time budget ran out."""


@dataclass
class PageResult:
    page: int
    lines: list[Line]
    warnings: list[str]
    seconds: float


# --- configuration and tool check -------------------------------------------


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


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def require_tesseract() -> str:
    exe = tesseract_path()
    if exe is None:
        raise ToolMissing("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    return exe


# --- image preparation ----------------------------------------------------------


def render_page(pdf, index: int, dpi: int = DPI):
    """Render one page (0-based index) of an open pypdfium2 document to a PIL RGB image."""
    page = pdf[index]
    try:
        return page.render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        page.close()


def prepare(img):
    """Grayscale with red ink removed, deskewed. Returns a PIL 'L' image.

    Pure PIL (no numpy): channel arithmetic and box-filter projections.
    """
    from PIL import Image, ImageChops

    rgb = img.convert("RGB")
    gray = rgb.convert("L")
    r, g, b = rgb.split()
    # Red/pink seals and receipt stamps: red well above both other channels.
    # Black text is neutral and blue handwriting has b > r, so both stay.
    redness = ImageChops.subtract(r, ImageChops.lighter(g, b))
    mask = redness.point(lambda v: 255 if v > 50 else 0)
    if mask.getbbox() is not None:
        gray.paste(255, mask=mask)
    angle = skew_angle(gray)
    if abs(angle) >= 0.15:
        gray = gray.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    return gray


def skew_angle(gray, max_angle: float = 3.0, step: float = 0.2) -> float:
    """Skew by projection profile: the rotation whose row sums of ink vary most.

    Works on a ~900 px wide binarised copy; each row sum is a 1-px-wide box
    resize, so it costs ~0.1 s a page.
    """
    from PIL import Image

    scale = 900 / max(gray.width, 1)
    small = gray.resize((max(1, int(gray.width * scale)), max(1, int(gray.height * scale))), Image.BILINEAR)
    t = otsu(small)
    ink = small.point(lambda v: 255 if v < t else 0)
    best, best_score = 0.0, -1.0
    n = int(round(max_angle / step))
    for k in range(-n, n + 1):
        a = k * step
        rot = ink.rotate(a, resample=Image.NEAREST, fillcolor=0)
        rows = rot.resize((1, rot.height), Image.BOX).tobytes()
        score = float(sum((rows[i + 1] - rows[i]) ** 2 for i in range(len(rows) - 1)))
        if score > best_score:
            best, best_score = a, score
    return best


def otsu(gray) -> int:
    """Otsu's threshold of an 8-bit grayscale PIL image."""
    hist = gray.histogram()[:256]
    total = sum(hist)
    if total == 0:
        return 128
    mt = sum(i * h for i, h in enumerate(hist))
    w0 = m0 = 0.0
    best, best_t = -1.0, 128
    for t, h in enumerate(hist):
        w0 += h
        m0 += t * h
        w1 = total - w0
        if w0 == 0 or w1 == 0:
            continue
        between = (mt * w0 / total - m0) ** 2 / (w0 * w1)
        if between > best:
            best, best_t = between, t
    return best_t


# --- Tesseract ------------------------------------------------------------------


def run_tesseract(img, psm: int = 3, timeout: float = 60.0) -> list[Word]:
    """OCR a PIL image; words with boxes (pixels) and confidences (0-1)."""
    exe = require_tesseract()
    data = _pnm_bytes(img)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    cmd = [exe, "stdin", "stdout", "-l", LANG, "--psm", str(psm), "--dpi", str(DPI),
           "-c", "preserve_interword_spaces=0", "tsv"]
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise OcrTimeout("tesseract timed out") from exc
    if proc.returncode != 0:
        raise CorruptDocument(f"tesseract failed: {proc.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return parse_tsv(proc.stdout.decode("utf-8", "replace"))


def _pnm_bytes(img) -> bytes:
    # Uncompressed PGM: nothing to encode or decode, leptonica reads it directly.
    import io

    buf = io.BytesIO()
    img.convert("L").save(buf, format="PPM")
    return buf.getvalue()


def parse_tsv(tsv: str) -> list[Word]:
    """Tesseract TSV (level 5 rows are words) -> Words."""
    words: list[Word] = []
    line_box: dict[tuple[str, ...], tuple[int, int]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        key = tuple(cols[1:5])  # page, block, paragraph, line
        if cols[0] == "4":
            line_box[key] = (top, top + height)
        if cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        # A word's own box grows with its stacked diacritics (Tổ, Ấ) and then
        # overlaps the line above: its top is kept below the top quarter of
        # Tesseract's line box.
        lt, lb = line_box.get(key, (top, top + height))
        top2 = max(top, lt + 0.25 * (lb - lt)) if lb - lt < 3 * height else top
        words.append(Word(text=text, x0=left, x1=left + width, top=min(top2, top + height - 1),
                          bottom=top + height, conf=max(float(cols[10]), 0.0) / 100))
    return words


def orientation(img, timeout: float = 30.0) -> int:
    """Degrees to rotate the page counter-clockwise to make it upright (Tesseract OSD); 0 if unsure."""
    exe = require_tesseract()
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        proc = subprocess.run([exe, "stdin", "stdout", "--psm", "0"], input=_pnm_bytes(img),
                              capture_output=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return 0
    out = proc.stdout.decode("utf-8", "replace")
    m = regex.search(r"Rotate:\s*(\d+)", out)
    c = regex.search(r"Orientation confidence:\s*([\d.]+)", out)
    if not m or not c or float(c.group(1)) < 2.0:
        return 0
    return int(m.group(1)) % 360


# --- one page ----------------------------------------------------------------------


def ocr_image(img, page_no: int, timeout: float = 120.0) -> PageResult:
    """OCR one page image (PIL) into Lines with columns; see the module docstring."""
    t0 = time.monotonic()
    warnings: list[str] = []
    gray = prepare(img)
    words = run_tesseract(gray, psm=3, timeout=timeout)
    if _reads_poorly(words):
        rot = orientation(gray)
        if rot:
            # OSD's "Rotate" is clockwise; PIL rotates counter-clockwise.
            gray = gray.rotate(-rot, expand=True, fillcolor=255)
            words = run_tesseract(gray, psm=3, timeout=timeout)
            warnings.append(f"page {page_no}: OCR turned the page by {rot} degrees")
    words = _drop_receipt_stamp(_drop_noise(words), gray.width, gray.height)
    words = _reocr_header(gray, words, timeout)
    words = _reocr_footer(gray, words, timeout)
    lines = words_to_lines(words, page_no, gray.width, source="ocr")
    lines, notes = repair.repair_lines(lines, _token_conf(words))
    warnings.extend(f"page {page_no}: {n}" for n in notes)
    if words:
        mean = sum(w.conf or 0 for w in words) / len(words)
        if mean < 0.6:
            warnings.append(f"page {page_no}: low OCR confidence ({mean:.2f})")
    return PageResult(page_no, lines, warnings, time.monotonic() - t0)


def _token_conf(words: list[Word]):
    """conf(line, token): confidence of the word on `line` whose text holds `token`."""

    def conf(line: Line, token: str) -> float | None:
        if line.top is None or line.x0 is None or line.x1 is None:
            return None
        found = [w.conf for w in words if token in w.text and line.x0 - 5 <= w.x0 and w.x1 <= line.x1 + 5
                 and abs(w.top - line.top) < 1.5 * (w.bottom - w.top) and w.conf is not None]
        return min(found) if found else None

    return conf


def _drop_noise(words: list[Word]) -> list[Word]:
    """Words Tesseract made out of specks, rules and signatures."""
    kept = []
    for w in words:
        if (w.conf or 0) < 0.15:
            continue
        if (w.conf or 0) < 0.6 and not regex.search(r"[\p{L}\d]", w.text):
            continue
        kept.append(w)
    return kept


# "ĐẾN" as OCR reads it on an incoming-mail receipt stamp.
_DEN = regex.compile(r"^[ĐD][ẾỀEÉÈÊ]N[:.]?$")


def _drop_receipt_stamp(words: list[Word], width: int, height: int) -> list[Word]:
    """Drop the words of the boxed "ĐẾN" receipt stamp the receiving office prints in the left margin.

    The box sits under the header, its big "ĐẾN" at its left edge, with the
    office's name above it and Số / Ngày / Chuyển lines beside it.
    """
    for w in words:
        if not (_DEN.match(w.text) and w.top < 0.5 * height and w.x0 < 0.3 * width):
            continue
        h = w.bottom - w.top
        box = (0.0, w.top - 3.0 * h, w.x0 + 0.27 * width, w.bottom + 2.0 * h)
        # body lines run through the box's height: keep the words chained to
        # text right of the box by ordinary word gaps
        keep: set[int] = set()
        for row in group_visual_lines(words):
            if not any(_inside(x, box) for x in row):
                continue
            row_h = sorted(x.bottom - x.top for x in row)[len(row) // 2]
            for i in range(len(row) - 1, -1, -1):
                if row[i].x0 < box[2] and (i == len(row) - 1 or row[i + 1].x0 - row[i].x1 > 1.2 * row_h):
                    break
                keep.add(id(row[i]))
        return [x for x in words if id(x) in keep or not _inside(x, box)]
    return words


def _reads_poorly(words: list[Word]) -> bool:
    if len(words) < 15:
        return True
    return sum(w.conf or 0 for w in words) / len(words) < 0.5


def _rows(words: list[Word]) -> list[list[Word]]:
    return group_visual_lines(words)


def _row_text(row: list[Word]) -> str:
    return " ".join(w.text for w in row)


def _header_band(words: list[Word], width: int, height: int) -> tuple[float, float, float] | None:
    """(top, bottom, split x) of the two-column header, from the whole-page word boxes."""
    rows = [r for r in _rows(words) if min(w.top for w in r) < 0.45 * height]
    if not rows:
        return None
    anchor = next((i for i, r in enumerate(rows) if _QUOC_HIEU.search(_row_text(r))), None)
    if anchor is None:
        anchor = next((i for i, r in enumerate(rows) if _SO.search(_row_text(r)) or _DATE.search(_row_text(r))), None)
    if anchor is None:
        return None
    # the anchor row may carry the left cell's first line too; rows just above
    # it that sit in the left half only (a three-line issuer) belong to the band
    start = anchor
    line_h = _median_height(rows[anchor])
    while start > 0 and rows[start - 1][-1].x1 < width * 0.55 and \
            min(w.top for w in rows[start]) - max(w.bottom for w in rows[start - 1]) < 1.5 * line_h:
        start -= 1
    # the key rows: the Số line and the date line, a few rows under the anchor
    window = range(anchor, min(len(rows), anchor + 7))
    so_row = next((i for i in window if _SO.search(_row_text(rows[i]))), None)
    date_row = next((i for i in window if _DATE.search(_row_text(rows[i])) and rows[i][-1].x1 > 0.6 * width), None)
    keys = [i for i in (so_row, date_row) if i is not None]
    end = max(keys) if keys else anchor + 2
    end = min(end, len(rows) - 1)
    split = _split_x(rows[start:end + 1], width)
    if split is None:
        return None
    # a công văn's V/v (trích yếu) wraps under Số in the left cell
    if keys and end + 1 < len(rows) and _VV.match(_row_text(rows[end + 1])):
        end += 1
        while end + 1 < len(rows) and rows[end + 1][-1].x1 < split + 0.02 * width and \
                min(w.top for w in rows[end + 1]) - max(w.bottom for w in rows[end]) < 1.5 * line_h:
            end += 1
    top = max(0.0, min(w.top for w in rows[start]) - 0.6 * line_h)
    bottom = min(float(height), max(w.bottom for w in rows[end]) + 0.6 * line_h)
    return top, bottom, split


def _median_height(row: list[Word]) -> float:
    hs = sorted(w.bottom - w.top for w in row)
    return float(hs[len(hs) // 2]) if hs else 30.0


def _split_x(rows: list[list[Word]], width: int) -> float | None:
    """The x of the widest ink-free vertical gap in the middle of the page, over these rows."""
    cover = [0] * (width + 1)
    for row in rows:
        for w in row:
            for x in range(max(0, int(w.x0)), min(width, int(w.x1)) + 1):
                cover[x] += 1
    lo, hi = int(0.25 * width), int(0.75 * width)
    best: tuple[int, int] | None = None
    run_start = None
    for x in range(lo, hi + 1):
        free = cover[x] == 0
        if free and run_start is None:
            run_start = x
        if (not free or x == hi) and run_start is not None:
            run = (x - run_start, run_start)
            if best is None or run[0] > best[0]:
                best = run
            run_start = None
    if best is None or best[0] < 0.01 * width:
        # every column crossed: take the least covered x
        x = min(range(lo, hi), key=lambda i: cover[i])
        return float(x)
    return best[1] + best[0] / 2


def _reocr_region(gray, words: list[Word], box: tuple[float, float, float, float], timeout: float,
                  psm: int = CROP_PSM, min_row_conf: float = 0.0) -> list[Word]:
    """Replace the words inside `box` (x0, top, x1, bottom) by an OCR of that crop alone."""
    from PIL import ImageOps

    x0, top, x1, bottom = (int(round(v)) for v in box)
    if x1 - x0 < 20 or bottom - top < 20:
        return words
    # a white margin round the crop: Tesseract reads text touching the edge badly
    crop = ImageOps.expand(gray.crop((x0, top, x1, bottom)), border=PAD, fill=255)
    new = _drop_noise(run_tesseract(crop, psm=psm, timeout=timeout))
    if min_row_conf:
        # rows read off a seal or a signature scribble: low confidence throughout
        new = [w for row in group_visual_lines(new)
               if sum(x.conf or 0 for x in row) / len(row) >= min_row_conf for w in row]
    for w in new:
        w.x0 += x0 - PAD
        w.x1 += x0 - PAD
        w.top += top - PAD
        w.bottom += top - PAD
    old = [w for w in words if _inside(w, box)]
    if len(new) < 0.5 * len(old):
        return words  # the crop read worse than the page: keep the page's words
    return [w for w in words if not _inside(w, box)] + new


def _inside(w: Word, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box[0] <= cx < box[2] and box[1] <= cy < box[3]


def _reocr_header(gray, words: list[Word], timeout: float) -> list[Word]:
    band = _header_band(words, gray.width, gray.height)
    if band is None:
        return words
    top, bottom, split = band
    words = _reocr_region(gray, words, (0, top, split, bottom), timeout)
    return _reocr_region(gray, words, (split, top, gray.width, bottom), timeout)


def _reocr_footer(gray, words: list[Word], timeout: float) -> list[Word]:
    """The Nơi nhận | signer block: OCR its two halves apart too."""
    rows = _rows(words)
    idx = next((i for i, r in enumerate(rows) if _NOI_NHAN.match(_row_text(r)) and r[0].x0 < 0.4 * gray.width), None)
    if idx is None:
        return words
    # the signer block starts a few rows above Nơi nhận (authority, title)
    line_h = _median_height(rows[idx])
    top_y = min(w.top for w in rows[idx])
    start = idx
    while start > 0 and idx - start < 4 and rows[start - 1][0].x0 > 0.4 * gray.width and \
            top_y - max(w.bottom for w in rows[start - 1]) < 6 * line_h:
        start -= 1
    top = max(0.0, min(w.top for w in rows[start]) - 0.6 * line_h)
    # the signer's name may sit below the last Nơi nhận item, under a seal
    bottom = min(float(gray.height), max(w.bottom for r in rows[idx:idx + 20] for w in r) + 4 * line_h)
    split = _split_x(rows[start:idx + 12], gray.width)
    if split is None:
        return words
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

    `images` may be a generator: at most WORKERS + 1 rendered pages are held at once.
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

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for page_no, img in images:
            wanted.append(page_no)
            if time.monotonic() >= deadline:
                continue
            pending.append((page_no, pool.submit(_page_job, img, page_no, deadline)))
            del img
            while len(pending) > WORKERS:
                collect(*pending.popleft())
        while pending:
            collect(*pending.popleft())
    skipped = [p for p in wanted if p not in results]
    if skipped and warnings is not None:
        warnings.append(f"OCR time limit ({budget:.0f} s, CONGVAN_OCR_TIMEOUT) reached; pages not read: "
                        + ", ".join(map(str, skipped)))
    return results


def _page_job(img, page_no: int, deadline: float) -> PageResult | None:
    left = deadline - time.monotonic()
    if left <= 1:
        return None
    try:
        return ocr_image(img, page_no, timeout=left)
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
