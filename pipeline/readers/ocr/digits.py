"""A dedicated reading of the handwritten or stamped number (Số) and day (ngày).

The number of a dispatch and the day of its date are often written by hand
or stamped after printing. Whole-page OCR then gives plausible digits with a
middling confidence, and not the same digits twice. Here each is read on its
own, many ways, and accepted only when the readings agree:

1. locate: the Số row and the date row are OCR'd as one text line with
   character boxes (hOCR); the number lies between the end of `Số`/`Số:` and
   the separator (`/`, `-`) that opens the ký hiệu, the day between `ngày`
   and `tháng`;
2. crop: that span, cut down to its ink, with a white margin;
3. read: the crop at two sizes, as grey and binarised at two thresholds, by
   two Tesseract models (`vie`, `eng`) in two line modes, digits only; and
   by PaddleOCR's line model (`ppocr`) at four margins, grey and binarised;
4. vote (`vote`): a value is accepted only when the readings agree on
   exactly it, the recognisers do not contradict each other, and it fits the
   grammar (number 1-5 digits; day 1-31 and a day of its month). Ink that
   runs on into the separator or `tháng` may be a digit the crop lost, so
   nothing is accepted then. Otherwise the caller keeps what is certain and
   marks the field doubtful. Invented digits are worse than blanks.
"""
from __future__ import annotations

import html
import math
import os
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex

from pipeline.readers.ocr import ppocr
from pipeline.readers.ocr.vote import decide, strong, valid_day, valid_number
from pipeline.readers.geometry import Word, group_visual_lines
from schemas.document import Line

# --- reading ------------------------------------------------------------------------------
# Readings of one crop: models x line modes (x sizes x binarisations).
LANGS = ("vie", "eng")
PSMS = (7, 8)  # 13 reads as 8 does with the LSTM models
# Digit height in pixels the crop is scaled to: Tesseract's LSTM models are
# trained on text of about 30-50 px x-height.
HEIGHTS = (48, 72)
PAD = 20

_SEP = frozenset("/-")
# A printed glyph (the separator, the t of tháng) wider than this many times the
# letters after it has taken handwriting into its box.
SWALLOW = 1.8
_DAY_WORD = regex.compile(r"ng[àaáảạăâ]?y", regex.I)
_MONTH_WORD = regex.compile(r"^th", regex.I)


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    conf: float


@dataclass
class Reading:
    """The outcome of reading one number or day."""

    value: str | None           # accepted digits, or None
    box: tuple[float, float, float, float] | None = None  # page pixels (x0, top, x1, bottom)
    votes: list[str] = field(default_factory=list)          # Tesseract's readings
    weak: str | None = None     # the weaker plurality, accepted only when the page read the same
    rec_votes: list[str] = field(default_factory=list)      # PP-OCR's readings
    fused: bool = False         # ink ran on into the separator: a digit may be missing

    def summary(self) -> str:
        parts = []
        for name, votes in (("tesseract", self.votes), ("pp-ocr", self.rec_votes)):
            if votes:
                top = Counter(v for v in votes if v).most_common(3)
                parts.append(f"{name} " + ", ".join(f"{v}x{n}" for v, n in top) + f" of {len(votes)}")
        return "; ".join(parts) + ("; ink runs into the separator" if self.fused else "")


# --- tesseract helpers ---------------------------------------------------------------------


def _env() -> dict[str, str]:
    return dict(os.environ, OMP_THREAD_LIMIT="1")


def _pgm(img) -> bytes:
    import io

    buf = io.BytesIO()
    img.convert("L").save(buf, format="PPM")
    return buf.getvalue()


def char_boxes(exe: str, img, timeout: float = 20.0) -> list[Glyph]:
    """Characters of a one-line image with their x extents (hOCR character boxes)."""
    cmd = [exe, "stdin", "stdout", "-l", "vie", "--psm", "7", "-c", "hocr_char_boxes=1", "hocr"]
    try:
        proc = subprocess.run(cmd, input=_pgm(img), capture_output=True, env=_env(), timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return []
    out = proc.stdout.decode("utf-8", "replace")
    return parse_hocr_chars(out)


_CINFO = regex.compile(r"x_bboxes (\d+) (\d+) (\d+) (\d+); x_conf ([\d.]+)'?\"?>([^<]*)</span>")


def parse_hocr_chars(hocr: str) -> list[Glyph]:
    return [Glyph(html.unescape(m.group(6)), float(m.group(1)), float(m.group(3)), float(m.group(5)) / 100)
            for m in _CINFO.finditer(hocr) if m.group(6).strip()]


def read_many(exe: str, images: list, langs=LANGS, psms=PSMS, timeout: float = 30.0) -> list[str]:
    """Digit readings of each image by each model and line mode: one Tesseract process per
    (model, mode), all images in one list file."""
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="congvan-digits-") as tmp:
        paths = []
        for i, img in enumerate(images):
            p = Path(tmp) / f"v{i}.pgm"
            img.convert("L").save(p, format="PPM")
            paths.append(str(p))
        listing = Path(tmp) / "list.txt"
        listing.write_text("\n".join(paths) + "\n")
        for lang in langs:
            for psm in psms:
                cmd = [exe, str(listing), "stdout", "-l", lang, "--psm", str(psm), "--dpi", "300",
                       "-c", "tessedit_char_whitelist=0123456789"]
                try:
                    proc = subprocess.run(cmd, capture_output=True, env=_env(), timeout=timeout, check=False)
                except subprocess.TimeoutExpired:
                    continue
                pages = proc.stdout.decode("utf-8", "replace").split("\f")
                for k in range(len(images)):
                    text = pages[k] if k < len(pages) else ""
                    out.append(regex.sub(r"\s+", "", text))
    return out


# --- locating -------------------------------------------------------------------------------


def number_span(glyphs: list[Glyph]) -> tuple[float, float] | None:
    """x extent between `Số`/`Số:` and the separator that opens the ký hiệu."""
    s = next((i for i, g in enumerate(glyphs[:4]) if g.text in ("S", "s")), None)
    if s is None:
        return None
    s_w = glyphs[s].x1 - glyphs[s].x0
    # the ố's box may swallow handwriting glued to it: at most ~1.4 S widths
    left = glyphs[s].x1 + 1.4 * s_w
    rest = glyphs[s + 1:]
    if rest and rest[0].x0 < left:
        left = min(left, rest[0].x1)
    if len(rest) > 1 and rest[1].text in (":", ".", ";") and rest[1].x0 < glyphs[s].x1 + 2.5 * s_w:
        left = rest[1].x1
    for i, g in enumerate(rest):
        if g.text in _SEP and g.x0 > left and _kyhieu_follows(rest[i + 1:]):
            letters = [x.x1 - x.x0 for x in rest[i + 1:i + 5] if x.text.isalpha()]
            if letters and g.x1 - g.x0 > SWALLOW * sorted(letters)[len(letters) // 2]:
                return None  # the separator's box swallowed handwriting: where the number ends is unknown
            # the separator's box often starts inside it: stay clear of its left part
            right = g.x0 - 0.3 * (g.x1 - g.x0)
            # no room for a digit: the number is left blank
            return (left, right) if right - left > 0.5 * s_w else None
    return None


def _kyhieu_follows(after: list[Glyph]) -> bool:
    """The ký hiệu opens here: two letters (`QĐ`, `UBND`; a lone letter is
    handwriting read as one, `/Ể /QĐ`), or the year of a legal document's code
    (`/2025/QĐ-UBND`)."""
    letters = "".join(g.text for g in after[:5])
    # the first letter may be read as a digit or a bar (`/1B-CTSV` for `/TB-CTSV`)
    return bool(regex.match(r"[\p{Lu}1|]\p{Lu}|\p{Lu}\p{L}|(?:19|20)\d\d[/-]", letters))


def day_span(glyphs: list[Glyph]) -> tuple[float, float] | None:
    """x extent between `ngày` and `tháng`."""
    text = "".join(g.text for g in glyphs)
    # glyph index of each character of the joined text
    idx = [i for i, g in enumerate(glyphs) for _ in g.text]
    m = _DAY_WORD.search(text)
    t = regex.search(r"th[áaàảạăâ]?n?g", text[m.end():] if m else text, regex.I)
    if m is None or t is None:
        return None
    n_i, g_i, y_i = idx[m.start()], idx[m.start() + 1], idx[m.end() - 1]
    t_i = idx[m.end() + t.start()]
    # the t's box swallowed a digit written against it (`26tháng` read `2` + a wide `t`):
    # where the day ends is unknown
    after = [g.x1 - g.x0 for g in glyphs[t_i + 1:t_i + 5] if g.text.isalpha()]
    if after and glyphs[t_i].x1 - glyphs[t_i].x0 > SWALLOW * sorted(after)[len(after) // 2]:
        return None
    # the y's box may run into handwriting written against it: y is about as
    # wide as the g before it
    g_w = glyphs[g_i].x1 - glyphs[g_i].x0
    left = min(glyphs[y_i].x1, glyphs[y_i].x0 + 1.2 * g_w)
    right = glyphs[t_i].x0
    if right - left < 0.5 * g_w or glyphs[n_i].x0 >= left:
        return None
    return left, right


def components(gray, box: tuple[int, int, int, int], threshold: int) -> list[tuple[int, int, int, int, int]]:
    """8-connected ink components inside `box`: (x0, top, x1, bottom, pixels) in page coordinates.

    Horizontal runs longer than the box is tall are rules (an underline, a
    stamp's border), not handwriting: they are erased first.
    """
    crop = gray.crop(box)
    w, h = crop.size
    px = crop.load()
    ink = [[px[x, y] < threshold for x in range(w)] for y in range(h)]
    for row in ink:
        x = 0
        while x < w:
            if row[x]:
                end = x
                while end < w and row[end]:
                    end += 1
                if end - x > h:
                    row[x:end] = [False] * (end - x)
                x = end
            else:
                x += 1
    seen = [[False] * w for _ in range(h)]
    out = []
    for y in range(h):
        for x in range(w):
            if not ink[y][x] or seen[y][x]:
                continue
            stack = [(x, y)]
            seen[y][x] = True
            x0 = x1 = x
            y0 = y1 = y
            n = 0
            while stack:
                cx, cy = stack.pop()
                n += 1
                x0, x1, y0, y1 = min(x0, cx), max(x1, cx), min(y0, cy), max(y1, cy)
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        nx, ny = cx + dx, cy + dy
                        if 0 <= nx < w and 0 <= ny < h and ink[ny][nx] and not seen[ny][nx]:
                            seen[ny][nx] = True
                            stack.append((nx, ny))
            out.append((box[0] + x0, box[1] + y0, box[0] + x1 + 1, box[1] + y1 + 1, n))
    return out


# Each digit's box is read with this margin (x line height) of what surrounds it.
BLOB_PAD = 0.2
# Any ink component cut by an end of the span this far (x line height) may hold a digit
# the span lost; the print next to it starts clear of the span's ends.
CUT_INTO = 0.1


def digit_blobs(gray, region: tuple[int, int, int, int], span: tuple[float, float],
                line_h: float) -> tuple[list[tuple[int, int, int, int, int]], bool]:
    """The components of `region` that are handwritten or stamped digits in `span`,
    and whether ink runs on from the span into what follows it.

    A component belongs to the span when its centre lies in it (a digit the
    span's edge cuts through stays whole; a neighbour's stroke that reaches in
    does not). Specks and dots (under a third of the line height tall) are not
    digits.
    """
    from pipeline.readers.ocr.clean import otsu

    # Otsu's dark class is <= t (on a pure black-and-white scan t is 0)
    t = min(otsu(gray.crop(region)) + 1, 160)
    blobs = []
    fused = False
    for c in components(gray, region, t):
        cx = (c[0] + c[2]) / 2
        if c[3] - c[1] < 0.33 * line_h or c[4] < 0.02 * line_h * line_h:
            continue
        if span[0] <= cx < span[1]:
            blobs.append(c)
        elif cx >= span[1] and c[0] < span[1] - CUT_INTO * line_h:
            # a stroke reaching in from beyond the right end: a digit joined to `tháng` or the separator
            fused = True
        elif cx < span[0] and c[2] > span[0] + CUT_INTO * line_h and c[2] - c[0] < 3 * line_h:
            # ... or from the left: a digit written against `Số:` or `ngày` (`4393` read `1393`
            # when the 4's open stroke joins the colon)
            fused = True
    return blobs, fused


def tall_count(blobs: list[tuple[int, int, int, int, int]]) -> int:
    """Blobs side by side (not stacked): digits written apart; joined digits count once."""
    return len(_side_by_side(blobs))


# A handwritten digit is at most this wide (x the printed line's height); wider ink
# is two digits written joined (`79` in one stroke), whatever a recogniser reads.
WIDE_DIGIT = 1.3


def least_digits(blobs: list[tuple[int, int, int, int, int]], line_h: float) -> int:
    """How many digits the blobs hold at least: one per group side by side, more
    for a group too wide to be one digit. A reading with fewer has lost one."""
    return sum(max(1, math.ceil((x1 - x0) / (WIDE_DIGIT * line_h) - 1e-9)) for x0, x1 in _side_by_side(blobs))


def _side_by_side(blobs: list[tuple[int, int, int, int, int]]) -> list[tuple[float, float]]:
    # x ranges of the groups of blobs; a blob starting inside the group before it
    # (by more than 0.3 of its width) is stacked on it or joined to it
    groups: list[list[float]] = []
    for x0, x1 in sorted((b[0], b[2]) for b in blobs):
        if not groups or x0 >= groups[-1][1] - 0.3 * (x1 - x0):
            groups.append([x0, x1])
        else:
            groups[-1][1] = max(groups[-1][1], x1)
    return [(a, b) for a, b in groups]


def masked(gray, region: tuple[int, int, int, int], blobs: list[tuple[int, int, int, int, int]],
           pad: float = 0.0, clip: tuple[float, float] | None = None):
    """The blobs' bounding box from `region`, with everything outside the blobs' boxes whitened.

    Each box grows by `pad` pixels (kept inside `clip`, the span's x range): a
    faint stroke that binarising broke off a digit (the open top of a
    handwritten 4) stays with it instead of being whitened, which would leave
    another digit (a 1).
    """
    from PIL import Image

    lo, hi = clip if clip is not None else (region[0], region[2])
    boxes = [(int(max(lo, b[0] - pad)), int(max(region[1], b[1] - pad)), int(min(hi, b[2] + pad)),
              int(min(region[3], b[3] + pad))) for b in blobs]
    boxes = [b for b in boxes if b[2] > b[0] and b[3] > b[1]] or [b[:4] for b in blobs]
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[2] for b in boxes)
    y1 = max(b[3] for b in boxes)
    out = Image.new("L", (x1 - x0, y1 - y0), 255)
    for b in boxes:
        out.paste(gray.crop(b), (b[0] - x0, b[1] - y0))
    return out


def variants(crop) -> list:
    """The crop at each digit height, as grey and binarised at two thresholds, with a white margin."""
    from PIL import Image, ImageOps

    from pipeline.readers.ocr.clean import otsu

    out = []
    for h in HEIGHTS:
        scale = h / max(crop.height, 1)
        img = crop.resize((max(1, int(crop.width * scale)), h), Image.LANCZOS)
        t = otsu(img)
        for v in (img, img.point(lambda p, t=t: 0 if p <= t else 255),
                  img.point(lambda p, t=t: 0 if p < min(255, t + 40) else 255)):
            out.append(ImageOps.expand(v, border=PAD, fill=255))
    return out


# --- per page -------------------------------------------------------------------------------


def _row_box(row: list[Word], x0: float, x1: float) -> tuple[int, int, int, int]:
    top = min(w.top for w in row)
    bottom = max(w.bottom for w in row)
    h = bottom - top
    return int(x0), int(top - 0.5 * h), int(x1), int(bottom + 0.5 * h)


def _read_span(exe: str, gray, row: list[Word], span: tuple[float, float], valid) -> Reading:
    top = min(w.top for w in row)
    bottom = max(w.bottom for w in row)
    h = bottom - top
    # handwriting rises above and drops below the printed line, and past the span's ends
    region = (int(max(0, span[0] - h)), int(max(0, top - 0.6 * h)),
              int(min(gray.width, span[1] + h)), int(min(gray.height, bottom + 0.6 * h)))
    blobs, fused = digit_blobs(gray, region, span, h)
    if not blobs:
        return Reading(None, region)
    box = (min(b[0] for b in blobs), min(b[1] for b in blobs), max(b[2] for b in blobs), max(b[3] for b in blobs))
    # Two crops of the same ink: the blobs alone, and with a margin that keeps faint
    # strokes binarising broke off (the open top of a 4). Each is voted on; a value
    # they do not both allow is no value: two crops that read different digits
    # mean the ink is not read surely.
    outcomes = []
    votes: list[str] = []
    rec_votes: list[str] = []
    for pad in (0.0, BLOB_PAD * h):
        crop = masked(gray, region, blobs, pad=pad, clip=span if pad else None)
        tv = read_many(exe, variants(crop))
        rv = ppocr.read_digits(crop) if ppocr.available() else []
        # a reading with fewer digits than the ink holds has lost one
        outcomes.append(decide(tv, rv, valid, least_digits(blobs, h)))
        votes += tv
        rec_votes += rv
    values = {v for v, _ in outcomes if v}
    weaks = {w for _, w in outcomes if w}
    value = values.pop() if len(values) == 1 else None
    weak = weaks.pop() if len(weaks) == 1 and not values else None
    if fused:
        value = weak = None
    return Reading(value, box, votes, weak, rec_votes, fused)


def _line_glyphs(exe: str, gray, row: list[Word], x0: float, x1: float) -> list[Glyph]:
    from PIL import ImageOps

    box = _row_box(row, x0, x1)
    crop = ImageOps.expand(gray.crop(box), border=PAD, fill=255)
    glyphs = char_boxes(exe, crop)
    for g in glyphs:
        g.x0 += box[0] - PAD
        g.x1 += box[0] - PAD
    return glyphs


def read_number(exe: str, gray, row: list[Word], x0: float, x1: float) -> Reading | None:
    """The number of the Số row whose left cell spans x0..x1; None when it cannot be located."""
    glyphs = _line_glyphs(exe, gray, row, x0, x1)
    span = number_span(glyphs)
    if span is None:
        return None
    return _read_span(exe, gray, row, span, valid_number)


def read_day(exe: str, gray, row: list[Word], x0: float, x1: float,
             month: int | None, year: int | None) -> Reading | None:
    """The day of the date row whose right cell spans x0..x1; None when it cannot be located."""
    glyphs = _line_glyphs(exe, gray, row, x0, x1)
    span = day_span(glyphs)
    if span is None:
        return None
    return _read_span(exe, gray, row, span, valid_day(month, year))


@dataclass
class HeaderDigits:
    number: Reading | None = None
    number_top: float | None = None
    day: Reading | None = None
    day_top: float | None = None


_SO_ROW = regex.compile(r"^\W{0,3}(?:S\S{0,2}\s*[:.;]?|s\S{0,2}\s*(?:[:.]|(?=(?:\S+\s+){0,2}[/-]\s?\p{Lu})))")
_MONTH_YEAR = regex.compile(r"th[áaàảạăâ]?ng\s*(\d{1,2})?\s*n[ăaâắằẳẵặ]?m\s*(\d{4})?", regex.I)


def read_header(exe: str, gray, words: list[Word], band: tuple[float, float, float]) -> HeaderDigits:
    """Read the Số row's number and the date row's day inside the header band (top, bottom, split x)."""
    top, bottom, split = band
    slack = 0.01 * gray.width
    out = HeaderDigits()
    for row in group_visual_lines([w for w in words if top <= (w.top + w.bottom) / 2 < bottom]):
        left = [w for w in row if w.x1 <= split + slack]
        right = [w for w in row if w.x0 >= split - slack]
        left_text = " ".join(w.text for w in left)
        right_text = " ".join(w.text for w in right)
        if out.number is None and left and _SO_ROW.match(left_text) and regex.search(r"[/-]", left_text):
            out.number = read_number(exe, gray, left, left[0].x0 - slack, left[-1].x1 + slack)
            out.number_top = min(w.top for w in left)
        my = _MONTH_YEAR.search(right_text) if right else None
        if out.day is None and my:
            month = int(my.group(1)) if my.group(1) else None
            year = int(my.group(2)) if my.group(2) else None
            out.day = read_day(exe, gray, right, right[0].x0 - slack, right[-1].x1 + slack, month, year)
            out.day_top = min(w.top for w in right)
    return out


# A Số or date line whose digits could not be located is looked for among the page's first lines.
HEADER_LINES = 15
# When a list, every settled slot is recorded here (bench/digit_check.py).
AUDIT: list[dict] | None = None
# The Số / date line is the row the reading came from: its top within ~a line height (px at 300 dpi).
ROW_TOL = 60
# A digit the whole-page pass read this surely is print: kept when the vote is undecided.
PRINTED_CONF = 0.9
# the slots as the repaired lines hold them; OCR may split handwritten digits
# with spaces (`Số: 2 6 2 4 /QĐ-UBND`)
# The Số line as repaired (`Số: …/QĐ-UBND`), or as OCR left it when the
# handwriting beside it threw the line off (`sø. Z// /QĐ-UBND`): the number is
# whatever stands before the separator that opens the ký hiệu.
# A separator inside the number only in a token set apart by a space (`/Ể /QĐ`):
# never reach into the ký hiệu.
_NUMBER_SLOT = regex.compile(
    r"^(?P<p>\W{0,3}[Ss]\S{0,2}\s*[:.;]?\s)(?P<v>(?:\S*[/-]\S*\s+)?[^\s/-]*(?:\s[^\s/-]+)*?)\s*(?=[/-]\s?\p{Lu})")
_DAY_SLOT = regex.compile(r"(\bngày\s)(?P<v>\S+(?:\s\S+)?)(?=\stháng\b)")


def settle(current: str, reading: Reading | None, current_conf: float | None) -> tuple[str, bool]:
    """(the value to print, doubtful) from what the line holds and the dedicated reading.

    - not located: the line stays as it is when its digits were read surely
      in two passes (page and crop) alike; otherwise they are dropped, doubtful;
    - no ink where the number goes: blank on purpose, the line stays (digits
      the page read there unsurely are noise: dropped, doubtful);
    - a clear vote: it is printed, unless the line holds a different number
      (two readings disagree: blank, doubtful) -- but a strong PP-OCR vote
      overrules a page reading that was not sure (handwriting) either;
    - an undecided vote: a printed number (read surely on the page) stays, and
      so does one the weaker plurality confirms; anything else is dropped, doubtful.
    """
    cur = current.strip("…")
    unsure = current_conf is None or current_conf < PRINTED_CONF
    if reading is None:
        # not located: what the page read stays only when two passes read it surely alike
        return ("", True) if cur and unsure and any(c.isdigit() for c in cur) else (current, False)
    if reading.value is None and not reading.votes:
        return ("", True) if cur and current_conf is not None and unsure else (current, False)
    if reading.value is not None:
        if cur and cur != reading.value and not (unsure and strong(reading.rec_votes, reading.value)):
            return "", True
        return reading.value, False
    if cur and ((current_conf is not None and current_conf >= PRINTED_CONF) or cur == reading.weak):
        return current, False
    return "", True


def apply(lines: list[Line], found: HeaderDigits, conf) -> tuple[list[Line], list[str]]:
    """Write the settled number and day into the Số and date lines; notes for the warnings.

    `conf(line, token)` is the whole-page confidence of `token` on `line`.
    """
    out = list(lines)
    notes: list[str] = []
    for reading, top, slot, blank in ((found.number, found.number_top, _NUMBER_SLOT, ""),
                                      (found.day, found.day_top, _DAY_SLOT, "…")):
        located = reading is not None and top is not None
        for i, line in enumerate(out):
            m = slot.search(line.text)
            if m is None or line.top is None:
                continue
            if located and abs(line.top - top) > ROW_TOL:
                continue
            if not located and (i >= HEADER_LINES or line.column not in ("left", "right")
                                or (slot is _DAY_SLOT and not _MONTH_YEAR.search(line.text))):
                continue
            current = m.group("v")
            page_conf = conf(line, current) if current.strip("…") else None
            value, doubtful = settle(current, reading, page_conf)
            value = value or blank
            if AUDIT is not None:
                r = reading or Reading(None)
                AUDIT.append({"slot": "number" if slot is _NUMBER_SLOT else "day", "page_no": line.page, "page": current,
                              "page_conf": page_conf, "located": located, "vote": r.value, "weak": r.weak,
                              "tesseract": list(r.votes), "pp_ocr": list(r.rec_votes),
                              "fused": r.fused, "printed": value.strip("…") or None, "doubtful": doubtful})
            if value != current or doubtful:
                text = line.text[:m.start("v")] + value + line.text[m.end("v"):]
                if slot is _NUMBER_SLOT and not m.group("p").startswith("Số"):
                    text = "Số: " + text[m.end("p"):].lstrip()  # the misread `Số` too
                what = "number" if slot is _NUMBER_SLOT else "day"
                how = reading.summary() if reading is not None else "its place not found; read in one pass only"
                notes.append(f"{what} read by hand-digit vote: {current!r} -> {value!r} ({how})"
                             + ("; not machine-readable" if doubtful else ""))
                update = {"text": text}
                if doubtful:
                    update["confidence"] = min(line.confidence if line.confidence is not None else 1.0, 0.3)
                out[i] = line.model_copy(update=update)
            break
    return out, notes
