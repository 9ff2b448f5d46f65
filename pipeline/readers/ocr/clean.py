"""Page images for OCR: preparation, and the bands of a page that are re-read.

Preparation (before Tesseract): render at 300 dpi, suppress red ink (the
"ĐẾN" receipt stamp, seals over the header and the signature), grayscale,
whiten isolated specks when the page is speckled, deskew by projection
profile.

Bands (after the whole-page pass, from its word boxes): whole-page OCR
interleaves the two header cells and the two footer cells (Nơi nhận | signer),
so the header band (from the quốc hiệu row down to the Số/date rows and a
công văn's V/v) and the footer band are found here, with the x of the gap
between their cells; `pipeline.readers.ocr.page` OCRs each half again on its own.
Also here: dropping speckle words and the receiving office's receipt stamp.
"""
from __future__ import annotations

from dataclasses import replace
from statistics import median
from typing import TYPE_CHECKING

import regex

from pipeline.readers.geometry import Word, group_visual_lines

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

# Landmarks looked for in the whole-page pass, on OCR text (diacritics may be
# lost or changed, so each is loose).
_QUOC_HIEU = regex.compile(r"C[OÔỘ]NG\s*H[OÒ]A|XÃ\s*H[OỘ]I|ĐẢNG\s+C[OỘ]NG\s+S[AẢ]N|Độc\s*lập|Tự\s*do", regex.I)
_SO = regex.compile(r"^\W{0,3}S[ốốóôoồổ6ÓÔỐ]\s*[:.;]?\s*\S*[/-]", regex.I)
_DATE = regex.compile(r"ng[àa]y.{0,12}th[áa]ng.{0,10}n[ăa]m", regex.I)
# A date line wrapped in its cell (`TP. Hồ Chí Minh, ngày 22 tháng 9` over
# `năm 2025`): `ngày` and `tháng` on the row, the year not.
_DATE_HEAD = regex.compile(r"ng[àa]y.{0,12}th[áa]ng", regex.I)
_YEAR = regex.compile(r"n[ăa]m\s*\S{4}", regex.I)
_VV = regex.compile(r"^\W{0,2}V\s?[/.]\s?[vVy]", regex.I)
# the italic `nhận` may be lost (`Nơi :`), or a word of the next column read between (`Nơi Các nhận:`)
_NOI_NHAN = regex.compile(r"\W{0,2}N?[ơo]i\s*(?:\p{L}{1,8}\s+)?(?:nh[ậa]n|:)", regex.I)
# "ĐẾN" as OCR reads it on an incoming-mail receipt stamp.
_DEN = regex.compile(r"^[ĐD][ẾỀEÉÈÊ]N[:.]?$")

# A word as printed: letters or digits (two at least), perhaps joined by &
# or an apostrophe, perhaps with trailing punctuation.
_PLAIN_WORD = regex.compile(r"[\p{L}\d][\p{L}\d&'’]+[.,;:]{0,2}")

DPI = 300
# Red ink: red this far above both other channels, and light in the red
# channel. The pale pink halo of a seal (r - max(g, b) ~ 20-50) would
# otherwise stay as grey rings that Tesseract reads as letters round the
# signer's title and name; black text printed over the seal is dark in every
# channel (r low), so it stays.
RED_MIN = 20
RED_LIGHT = 110
# Impulse (salt-and-pepper) noise: ink pixels with at most SPECK_INK ink
# pixels in their 5x5 window are specks. Real scans, even grainy 200-dpi ones
# (dev scans: 0.00-0.20 speck pixels per 10,000), have almost none; a
# speckled image has ~9 per 10,000. Above NOISY_SPECKS the specks are
# whitened before OCR: upscaled from a low-dpi image they read as marks and
# accents on the lines they touch. Below it the page is left alone. (A 3x3
# median filter also clears them but drops tone marks (Hồi -> Hôi) at 300 dpi
# and thins the strokes of a real 200-dpi scan.)
SPECK_INK = 4
NOISY_SPECKS = 1.0  # speck pixels per 10,000 pixels of the page

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


# --- preparation ------------------------------------------------------------------


def render_page(pdf, index: int, dpi: int = DPI):
    """Render one page (0-based index) of an open pypdfium2 document to a PIL RGBX image."""
    page = pdf[index]
    try:
        # RGBX (pdfium's BGRx, byte order reversed): PIL wraps the 4-byte bitmap in place, where
        # an RGB bitmap (3 bytes) is copied into PIL's 4-byte RGB: 35 MB a page at 300 dpi
        # instead of 26 + 35 while rendering. The pixels are the same (all 380 scan pages of
        # the dev and wild sets compared), and prepare_pair reads RGBX as RGB.
        img = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True).to_pil()
        return img if img.mode in ("RGB", "RGBX") else img.convert("RGB")
    finally:
        page.close()


def prepare(img):
    """Grayscale with red ink removed, deskewed. Returns a PIL 'L' image."""
    return prepare_pair(img)[0]


def prepare_pair(img):
    """(gray, red ink): the page as `prepare` gives it, and the red ink it removed
    as black on white in the same geometry (None when the page has none).

    Red ink is a seal, a receipt stamp, or a rubber stamp of the signer's
    title and name (provincial departments stamp them in red). Removed, the
    seal no longer breaks the lines it covers; kept apart, the stamps can be
    read on their own (`page._stamp_words`).
    Pure PIL (no numpy): channel arithmetic and box-filter projections.
    """
    return prepare_taken([img])


def prepare_taken(holder: list) -> tuple["PILImage", "PILImage | None"]:
    """`prepare_pair` of the one image in `holder`, which it takes out of the list.

    With no other reference to it left, the page's colour image (35 MB at 300 dpi)
    is freed as soon as its channels are read, not when the page's OCR ends; each
    intermediate (8.7 MB a band) is dropped as soon as it is used, so a page in
    preparation holds ~70 MB at most instead of ~150.
    """
    from PIL import Image, ImageChops, ImageFilter

    img = holder.pop()
    # RGBX (a rendered PDF page) is RGB with a padding byte: no conversion, no copy
    rgb = img if img.mode in ("RGB", "RGBX") else img.convert("RGB")
    del img
    gray = rgb.convert("L")
    # Red/pink seals and receipt stamps. Black text is neutral and blue
    # handwriting has b > r, so both stay.
    g, b = rgb.getchannel(1), rgb.getchannel(2)
    others = ImageChops.lighter(g, b)
    del g, b
    r = rgb.getchannel(0)
    del rgb
    redness = ImageChops.subtract(r, others)
    del others
    hot = redness.point(lambda v: 255 if v > RED_MIN else 0)
    del redness
    light = r.point(lambda v: 255 if v > RED_LIGHT else 0)
    del r
    mask = ImageChops.multiply(hot, light)
    del hot, light
    red = None
    if mask.getbbox() is not None:
        gray.paste(255, mask=mask)
        red = ImageChops.invert(mask)
    del mask
    specks = speck_mask(gray)
    if impulse_noise(gray, specks) > NOISY_SPECKS:
        gray.paste(255, mask=specks.filter(ImageFilter.MaxFilter(3)))
    del specks
    angle = skew_angle(gray)
    if abs(angle) >= 0.15:
        gray = gray.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        if red is not None:
            red = red.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    return gray, red


def speck_mask(gray):
    """Mask (255) of the specks of a grayscale page.

    A speck is a cluster of at most SPECK_INK ink pixels with no other ink in
    its 7x7 window: the 5x5 window round each of its pixels holds at most
    SPECK_INK ink pixels, and the 7x7 window no more than the 5x5 one. The
    empty ring keeps the ends of thin strokes and small accents (the grave of
    `ồ`) out: a stroke always reaches further.
    """
    from PIL import ImageChops, ImageFilter

    t = otsu(gray)
    ink = gray.point(lambda v: 255 if v <= t else 0)  # Otsu's dark class is <= t
    # box means of the 255/0 mask, back to pixel counts; each band dropped once used
    n5 = ink.filter(ImageFilter.BoxBlur(2)).point(lambda v: round(v * 25 / 255))
    n7 = ink.filter(ImageFilter.BoxBlur(3)).point(lambda v: round(v * 49 / 255))
    alone = ImageChops.subtract(n7, n5).point(lambda n: 255 if n == 0 else 0)
    del n7
    few = n5.point(lambda n: 255 if n <= SPECK_INK else 0)
    del n5
    lone = ImageChops.multiply(few, alone)
    del few, alone
    return ImageChops.multiply(ink, lone)


def impulse_noise(gray, specks=None) -> float:
    """Speck pixels (see speck_mask) per 10,000 pixels of a grayscale page."""
    specks = speck_mask(gray) if specks is None else specks
    return specks.histogram()[255] * 10_000 / max(1, gray.width * gray.height)


def skew_angle(gray, max_angle: float = 3.0, step: float = 0.2) -> float:
    """Skew by projection profile: the rotation whose row sums of ink vary most.

    Works on a ~900 px wide binarised copy; each row sum is a 1-px-wide box
    resize, so it costs ~0.1 s a page.
    """
    from PIL import Image

    scale = 900 / max(gray.width, 1)
    small = gray.resize((max(1, int(gray.width * scale)), max(1, int(gray.height * scale))), Image.BILINEAR)
    t = otsu(small)
    ink = small.point(lambda v: 255 if v <= t else 0)  # Otsu's dark class is <= t
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



# --- word filters -------------------------------------------------------------


def drop_noise(words: list[Word]) -> list[Word]:
    """Words Tesseract made out of specks, rules and signatures.

    A word read with no confidence is kept when it is a plain word of the
    height of the surely read words beside it, set in their run of words: a
    signature's stroke through the last syllable of the signer's name
    (`Nguyễn Văn Hồi`) leaves the letters readable but Tesseract unsure, and a
    word of a printed line that Tesseract doubts (`nghiệp` read `tghiỆp`,
    `VT,` read `VI,`) is still a word; dropped, it leaves a gap that splits
    the line in two.
    """
    saved = _struck_words(words)
    kept = []
    for w in words:
        if (w.conf or 0) < 0.15 and id(w) not in saved:
            continue
        if (w.conf or 0) < 0.6 and not regex.search(r"[\p{L}\d]", w.text):
            continue
        kept.append(w)
    return kept


# A letter word this many times taller than the page's usual word has a box
# that took in a signature stroke, a seal's edge or the line below: Tesseract
# gives every word of such a line the line's inflated box. TIGHT_BAND: the
# height, in usual word heights, of the ink band the box is cut back to.
INFLATED = 1.8
TIGHT_BAND = 1.3


def tighten_inflated(gray, words: list[Word]) -> list[Word]:
    """Cut the box of each inflated letter word back to its densest band of ink.

    An inflated box spans two printed lines (the last body line and `Nơi
    nhận:`, two Nơi nhận items); grouped by vertical overlap it joins them into
    one line whose words interleave. Its real line is where most of its ink
    is: on the page image, the window of one word height with the most dark
    pixels inside the box. Numbers are left alone: a handwritten number is
    tall by nature and the digit reading has its own rules for it.
    """
    kept = [w for w in words if w.text.strip()]
    if not kept or gray is None:
        return words
    usual = float(median(w.bottom - w.top for w in kept))
    if usual <= 0:
        return words
    band = max(2, round(TIGHT_BAND * usual))
    out = []
    for w in words:
        if w.bottom - w.top <= INFLATED * usual or any(c.isdigit() for c in w.text) or \
                not regex.search(r"\p{L}", w.text):
            out.append(w)
            continue
        x0, x1 = max(0, int(w.x0)), min(gray.width, int(w.x1) + 1)
        y0, y1 = max(0, int(w.top)), min(gray.height, int(w.bottom) + 1)
        if x1 - x0 < 2 or y1 - y0 <= band:
            out.append(w)
            continue
        data = gray.crop((x0, y0, x1, y1)).point(lambda v: 1 if v < 128 else 0).tobytes()
        row_w = x1 - x0
        ink = [sum(data[r * row_w:(r + 1) * row_w]) for r in range(y1 - y0)]
        top, bottom = _ink_band(ink, band)
        out.append(w if top is None else replace(w, top=float(y0 + top), bottom=float(y0 + bottom)))
    return out


def _ink_band(ink: list[int], band: int) -> tuple[int | None, int]:
    """Rows (start, end) of the word's own line inside an inflated box.

    The box holds runs of inked rows: the word's line and what inflated it (the
    line below, a stroke, a seal's edge). Of the runs with at least half the
    ink of the heaviest, the topmost is the word's: Tesseract's box starts at
    the word's top more often than it ends at its bottom, and a thin
    signature stroke above it weighs less than a line of print.
    """
    peak = max(ink, default=0)
    if peak == 0:
        return None, 0
    runs: list[list[int]] = []  # [start, end, mass]
    for r, v in enumerate(ink):
        if v > 0.15 * peak:
            if runs and r - runs[-1][1] <= max(1, band // 8):
                runs[-1][1] = r + 1
                runs[-1][2] += v
            else:
                runs.append([r, r + 1, v])
    heaviest = max(m for _, _, m in runs)
    start, end, _ = next(run for run in runs if run[2] >= 0.5 * heaviest)
    if end - start > band:  # one run over two lines: its densest window of one line
        best, best_at = -1, start
        for r in range(start, end - band + 1):
            got = sum(ink[r:r + band])
            if got > best:
                best, best_at = got, r
        start, end = best_at, best_at + band
    return start, end


def _struck_words(words: list[Word]) -> set[int]:
    saved: set[int] = set()
    for row in group_visual_lines(words):
        sure = [w for w in row if (w.conf or 0) >= 0.8 and regex.fullmatch(r"\p{L}+[.,;:]?", w.text)]
        if len(sure) < 2:
            continue
        lo = min(w.bottom - w.top for w in sure)
        hi = max(w.bottom - w.top for w in sure)
        reach = 1.5 * sorted(w.bottom - w.top for w in sure)[len(sure) // 2]
        for w in row:
            if (w.conf or 0) < 0.15 and _PLAIN_WORD.fullmatch(w.text) \
                    and 0.8 * lo <= w.bottom - w.top <= 1.35 * hi \
                    and any(min(abs(w.x0 - o.x1), abs(o.x0 - w.x1)) < reach for o in sure):
                saved.add(id(w))
    return saved


def drop_receipt_stamp(words: list[Word], width: int, height: int) -> list[Word]:
    """Drop the words of the boxed "ĐẾN" receipt stamp the receiving office prints in the left margin.

    The box sits under the header, its big "ĐẾN" at its left edge, with the
    office's name above it and Số / Ngày / Chuyển lines beside it.
    """
    rows = group_visual_lines(words)
    for w in words:
        if not (_DEN.match(w.text) and w.top < 0.5 * height and w.x0 < 0.3 * width):
            continue
        h = w.bottom - w.top
        top = w.top - 3.0 * h
        # the office's name may sit higher: rows just above that start in the
        # margin, left of where the text block's lines start, are the stamp's
        margin = _text_left(rows) - 0.03 * width
        above = [r for r in rows if max(x.bottom for x in r) <= w.top]
        for row in reversed(above[-4:]):
            if row[0].x0 >= margin or min(x.top for x in row) < w.top - 8.0 * h:
                break
            top = min(top, min(x.top for x in row) - 2)
        box = (0.0, top, w.x0 + 0.27 * width, w.bottom + 2.0 * h)
        # body lines run through the box's height: keep the words chained to
        # text right of the box by ordinary word gaps, up to the box's border
        # (a "|" that OCR reads off its vertical rule)
        keep: set[int] = set()
        for row in rows:
            if not any(inside(x, box) for x in row):
                continue
            row_h = sorted(x.bottom - x.top for x in row)[len(row) // 2]
            for i in range(len(row) - 1, -1, -1):
                if row[i].x0 < box[2] and (i == len(row) - 1 or row[i + 1].x0 - row[i].x1 > 1.2 * row_h):
                    break
                if row[i].text.endswith("|"):
                    break
                keep.add(id(row[i]))
        return [x for x in words if id(x) in keep or not inside(x, box)]
    return words


def _text_left(rows: list[list[Word]]) -> float:
    """Where most lines start: the median x of the first words of the page's longer rows."""
    starts = sorted(r[0].x0 for r in rows if len(r) >= 5)
    return starts[len(starts) // 2] if starts else 0.0


# --- bands ------------------------------------------------------------------------


def _row_text(row: list[Word]) -> str:
    return " ".join(w.text for w in row)


def header_band(words: list[Word], width: int, height: int) -> tuple[float, float, float] | None:
    """(top, bottom, split x) of the two-column header, from the whole-page word boxes."""
    rows = [r for r in group_visual_lines(words) if min(w.top for w in r) < 0.45 * height]
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
    line_h = median_height(rows[anchor])
    while start > 0 and rows[start - 1][-1].x1 < width * 0.55 and \
            min(w.top for w in rows[start]) - max(w.bottom for w in rows[start - 1]) < 1.5 * line_h:
        start -= 1
    # the key rows: the Số line and the date line, a few rows under the anchor
    window = range(anchor, min(len(rows), anchor + 7))
    so_row = next((i for i in window if _SO.search(_row_text(rows[i]))), None)
    date_row = next((i for i in window if _DATE_HEAD.search(_row_text(rows[i])) and rows[i][-1].x1 > 0.6 * width), None)
    if date_row is not None and not _YEAR.search(_row_text(rows[date_row])):
        # the rest of a wrapped date line: a row in the right half close under it
        # (the left cell's Số row may sit between the two)
        date_bottom = max(w.bottom for w in rows[date_row])
        for i in range(date_row + 1, min(len(rows), date_row + 3)):
            gap = min(w.top for w in rows[i]) - date_bottom
            if gap > 1.5 * median_height(rows[date_row]):
                break
            if rows[i][0].x0 > 0.45 * width:
                date_row = i
                break
    keys = [i for i in (so_row, date_row) if i is not None]
    end = max(keys) if keys else anchor + 2
    end = min(end, len(rows) - 1)
    split = split_x(rows[start:end + 1], width)
    if split is None:
        return None
    # a công văn's V/v (trích yếu) wraps under Số in the left cell
    if keys and end + 1 < len(rows) and _VV.match(_row_text(rows[end + 1])):
        end += 1
        while end + 1 < len(rows) and rows[end + 1][-1].x1 < split + 0.02 * width and \
                min(w.top for w in rows[end + 1]) - max(w.bottom for w in rows[end]) < 1.5 * line_h:
            end += 1
        # the V/v lines run further right than the Số line: the gap between
        # the cells is narrower over the whole band
        split = split_x(rows[start:end + 1], width) or split
    top = max(0.0, min(w.top for w in rows[start]) - 0.6 * line_h)
    bottom = min(float(height), max(w.bottom for w in rows[end]) + 0.6 * line_h)
    if end + 1 < len(rows):
        # never through the next row: a crop that cuts a row in half reads it as junk
        bottom = min(bottom, max(min(w.top for w in rows[end + 1]) - 2, max(w.bottom for w in rows[end]) + 2))
    return top, bottom, split


def median_height(row: list[Word]) -> float:
    hs = sorted(w.bottom - w.top for w in row)
    return float(hs[len(hs) // 2]) if hs else 30.0


def split_x(rows: list[list[Word]], width: int) -> float | None:
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


def inside(w: Word, box: Box) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box[0] <= cx < box[2] and box[1] <= cy < box[3]


# Height of the signer's block in line heights (title, room for the signature and seal, name).
SIGNER_BLOCK = 22


def footer_band(words: list[Word], width: int, height: int) -> tuple[float, float, float] | None:
    """(top, bottom, split x) of the Nơi nhận | signer block, from the whole-page word boxes."""
    rows = group_visual_lines(words)
    idx = next((i for i, r in enumerate(rows) if _NOI_NHAN.match(_row_text(r)) and r[0].x0 < 0.4 * width), None)
    if idx is None:
        return None
    # the signer block starts a few rows above Nơi nhận (authority, title)
    line_h = median_height(rows[idx])
    top_y = min(w.top for w in rows[idx])
    start = idx
    while start > 0 and idx - start < 4 and rows[start - 1][0].x0 > 0.4 * width and \
            top_y - max(w.bottom for w in rows[start - 1]) < 6 * line_h:
        start -= 1
    top = max(0.0, min(w.top for w in rows[start]) - 0.6 * line_h)
    # the signer's name may sit below the last Nơi nhận item, under a seal;
    # a line across the page (a footnote, `Chi tiết liên hệ: ...`) is past the block
    last = idx
    for i in range(idx + 1, min(len(rows), idx + 20)):
        row = rows[i]
        gaps = [b.x0 - a.x1 for a, b in zip(row, row[1:])]
        if row[0].x0 < 0.25 * width and row[-1].x1 > 0.75 * width and max(gaps, default=0) < 3 * line_h:
            break
        last = i
    bottom = min(float(height), max(w.bottom for r in rows[idx:last + 1] for w in r) + 4 * line_h)
    # the whole-page pass may read nothing of the signer's cell (a seal and a
    # signature make it a picture): the name sits up to ~20 lines of the Nơi nhận list under the title (4-5 cm)
    bottom = min(float(height), max(bottom, top + SIGNER_BLOCK * line_h))
    if last + 1 < len(rows):
        bottom = min(bottom, min(w.top for w in rows[last + 1]) - 2)
    split = split_x(rows[start:min(idx + 12, last + 1)], width)
    if split is None:
        return None
    return top, bottom, split


# --- the rule under the title ------------------------------------------------------
# A rule is a dark run at least this share of the page wide (a printed `-----`
# too), at most RULE_MAX
# (a table's border runs wider), centred on the page, at most RULE_THICK pixels thick.
RULE_MIN = 0.03
RULE_MAX = 0.45
RULE_THICK = 8


def rule_between(gray, top: float, bottom: float) -> tuple[float, float, float] | None:
    """(y, x0, x1) of a short centred horizontal rule in the rows top..bottom, if any.

    The rule under the trích yếu closes the title; a text layer has it as
    `-----` at times, an image only as ink, which OCR drops.
    """
    import re

    from PIL import ImageFilter

    width = gray.width
    y0, y1 = max(0, int(top)), min(gray.height, int(bottom))
    if y1 - y0 < 3:
        return None
    # a tilt left after deskew steps a rule by a pixel: widen the ink by one row each way
    crop = gray.crop((0, y0, width, y1)).filter(ImageFilter.MinFilter(3))
    data = crop.tobytes()
    # ink darker than 160, in pieces at most 6 px apart (the dashes of `-----`)
    run = re.compile(rb"[\x00-\x9f]{3,}(?:[\xa0-\xff]{1,6}[\x00-\x9f]{3,})*")
    min_len = RULE_MIN * width
    hits: list[tuple[int, int, int]] = []
    for r in range(crop.height):
        for m in run.finditer(data, r * width, (r + 1) * width):
            a, b = m.start() - r * width, m.end() - r * width
            if min_len <= b - a <= RULE_MAX * width and 0.35 * width < (a + b) / 2 < 0.65 * width:
                hits.append((r, a, b))
    if not hits:
        return None
    rows = sorted({r for r, _, _ in hits})
    # one thin band of rows, not a block of ink
    if rows[-1] - rows[0] > RULE_THICK + 2:
        return None
    a = min(h[1] for h in hits)
    b = max(h[2] for h in hits)
    return y0 + (rows[0] + rows[-1]) / 2, float(a), float(b)
