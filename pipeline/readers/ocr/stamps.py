"""The signer's title and name where the page reading lost them: red rubber stamps,
and rows of the signer's cell under a seal or a signature.

Provincial departments often stamp the signer's title (`KT. GIÁM ĐỐC` /
`PHÓ GIÁM ĐỐC`) and name in red, beside or under the round seal. Preparation
removes all red ink so the seal does not break the lines it covers
(`clean.prepare_pair`), and that takes the stamps with it. Here the red ink
alone is read as one block (psm 6 separates the stamp's straight lines from
the seal's curved text), and only rows that are what a stamp prints are kept:
a signer title or authority from the closed table, or a person's name whose
surname is in the table. The seal's own text (`SỞ Y TẾ`, `CỘNG HÒA ...` round
its rim) matches neither and is dropped; so is anything read unsurely.

In black-and-white scans the seal and the signature make the signer's cell a
picture to Tesseract, and the block reading gives nothing there. The cell is
then cut into its rows of ink (horizontal projection) and each row is read as
one line, kept by the same closed-vocabulary test (`rescue_rows`). A row across the
cell's edge is followed past it (the band from word boxes may stop at the name's top); a
run taller than a line is cut again at a higher ink share (the title merged with the seal's
rim); the first rows, when about two lines tall and unread, are read as two halves (a
stamp's `KT. GIÁM ĐỐC` / `PHÓ GIÁM ĐỐC` set solid); junk at a row's ends (a hand-written
`KT.`) is dropped; and a row read as nothing or spoiled by a pen stroke is read again on the
cell opened by a small square (the stroke and the show-through specks go, bold print stays),
a name so read kept only when sure.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import regex

from extractors import repair_vocab as vocab
from extractors.normalize import fold
from extractors.signer import written_as_name
from pipeline.readers.geometry import Word, group_visual_lines
from pipeline.readers.ocr.stamp_titles import pho_under, title_pair, titles_under_the_rim
from pipeline.readers.ocr.tesseract import run_tesseract

# Stamps are below the header: the part of the page read for them starts here (share of its height).
TOP = 0.3
# A row is kept only when read this surely on average.
MIN_CONF = 0.75
PAD = 20
_NAME = regex.compile(r"^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4}$", regex.VERSION1)
_AUTH = regex.compile(r"^(?:KT|TL|TM|TUQ|K/T|T/L|T/M)\s*[.:]?\s*", regex.VERSION1)


def stamp_row(text: str) -> str | None:
    """The row as a stamp prints it (title, authority + title, or name), or None."""
    t = text.strip(" .,;:-_|")
    if _NAME.match(t):
        if not written_as_name(t):   # `Lê Hoànøz Anh`: a misreading, to be read again
            return None
        sur = t.split()[0]
        if vocab.is_surname(sur):
            return vocab.repair_name(t) or t
        return None
    if not t.isupper():
        return None
    m = _AUTH.match(t)
    core = t[m.end():] if m else t
    hit = vocab.closest_title(core) if core else None
    if hit is None:
        return None
    return f"{m.group(0).strip().rstrip('.:')}. {hit}" if m else hit


# A round seal's radius, as a share of the page's width (a 3.5-4.2 cm seal on A4: 0.075-0.09).
SEAL_RADIUS = (0.045, 0.11)
# The seal reaches out to the last radius at which this share of the circle is ink (its
# rings, the text round its rim); a name stamped beside it inks a few per cent.
SEAL_INK = 0.2


def blank_seals(red):
    """The red ink with each round seal whitened out: the rubber stamps of the title and the
    name, often printed against the seal's rim, then read as rows of their own.

    A seal is found as a circle (Hough transform on the ink, at a quarter of the size), then
    grown from the ring it found (an inner ring, sometimes) out to its last inked circle.
    The same image when OpenCV is missing or no circle is found."""
    try:
        import cv2
        import numpy as np
    except ImportError:
        return red
    from PIL import Image

    a = np.asarray(red.convert("L"))
    h, w = a.shape
    small = cv2.GaussianBlur(cv2.resize(a, (w // 4, h // 4), interpolation=cv2.INTER_AREA), (5, 5), 1.5)
    found = cv2.HoughCircles(small, cv2.HOUGH_GRADIENT, dp=1, minDist=w // 8, param1=120, param2=25,
                             minRadius=int(w * SEAL_RADIUS[0] / 4), maxRadius=int(w * SEAL_RADIUS[1] / 4))
    if found is None:
        return red
    ink = a < 128
    out = a.copy()
    angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)
    for cx, cy, r in (found[0][:3] * 4):
        reach = r
        for radius in np.arange(r * 0.8, min(r * 2.0, w * SEAL_RADIUS[1]), 3):
            xs = np.clip((cx + radius * np.cos(angles)).astype(int), 0, w - 1)
            ys = np.clip((cy + radius * np.sin(angles)).astype(int), 0, h - 1)
            # a ring pixel or its neighbour: a printed ring is 3-6 px wide and rarely round
            near = ink[ys, xs] | ink[np.clip(ys + 2, 0, h - 1), xs] | ink[ys, np.clip(xs + 2, 0, w - 1)]
            if near.mean() >= SEAL_INK:
                reach = radius
        r2 = reach + 6
        x0, x1, y0, y1 = (int(max(0, cx - r2)), int(min(w, cx + r2 + 1)),
                          int(max(0, cy - r2)), int(min(h, cy + r2 + 1)))
        yy, xx = np.ogrid[y0:y1, x0:x1]
        window = out[y0:y1, x0:x1]
        window[(xx - cx) ** 2 + (yy - cy) ** 2 <= r2 ** 2] = 255
    return Image.fromarray(out)


def _cut_by(word: Word, before, after) -> bool:
    """True when whitening the seals (`before` -> `after`) took ink right beside the row's
    first or last letter: the disc may have taken a word of it ("Lê" of "Lê Hoàng Anh"
    under the rim leaves "Hoàng Anh", itself a surname and a name), so it is not taken as
    read. Ink the disc took further off is the seal's own."""
    from PIL import ImageChops

    h = word.bottom - word.top
    gap = int(CUT_GAP * h)
    for box in ((word.x0 - gap, word.top, word.x0, word.bottom), (word.x1, word.top, word.x1 + gap, word.bottom)):
        box = tuple(int(round(v)) for v in box)
        changed = ImageChops.difference(before.crop(box), after.crop(box)).point(lambda p: 255 if p > 100 else 0)
        if changed.getbbox() is not None and sum(changed.histogram()[255:]) >= CUT_INK:
            return True
    return False


# A row that had ink whitened within this many row heights of its first or last letter
# (CUT_INK pixels or more) may have lost a word to the seal.
CUT_GAP = 0.5
CUT_INK = 30


def stamp_words(red, timeout: float = 30.0, top_share: float = TOP) -> list[Word]:
    """Words of the red stamps below the header (page pixels), one Word per kept row."""
    from PIL import ImageChops, ImageOps

    before = red
    red = blank_seals(red)
    w, h = red.size
    top = int(top_share * h)
    box = ImageChops.invert(red.crop((0, top, w, h))).getbbox()
    if box is None:
        return []
    x0, y0, x1, y1 = box[0], box[1] + top, box[2], box[3] + top
    if x1 - x0 < 40 or y1 - y0 < 20:
        return []
    crop = ImageOps.expand(red.crop((x0, y0, x1, y1)), border=PAD, fill=255)
    out: list[Word] = []
    for row in group_visual_lines(run_tesseract(crop, psm=6, timeout=timeout)):
        conf = sum(x.conf or 0 for x in row) / len(row)
        text = stamp_row(" ".join(x.text for x in row))
        if text is None or conf < MIN_CONF:
            continue
        out.append(Word(text=text, x0=min(x.x0 for x in row) + x0 - PAD, x1=max(x.x1 for x in row) + x0 - PAD,
                        top=min(x.top for x in row) + y0 - PAD, bottom=max(x.bottom for x in row) + y0 - PAD,
                        conf=conf))
    if not any(_NAME.match(w.text) for w in out):
        # a name stamped right under the seal reads with the seal as one block: its rows one by one
        out += [w for w in rescue_rows(red, (x0, y0, x1, y1), out, timeout=timeout) if _NAME.match(w.text)]
    out = [w for w in out if red is before or not _cut_by(w, before, red)]
    if red is not before:
        out += titles_under_the_rim(before, red, (x0, y0, x1, y1), out, timeout)
    return out


def merge(words: list[Word], stamps: list[Word]) -> list[Word]:
    """The page's words with the stamp rows added; page words inside a stamp row's box
    (what the page made of the stamp's faint remains) give way to it."""
    if not stamps:
        return words

    def covered(wd: Word) -> bool:
        return any(s.x0 - 5 <= wd.x0 and wd.x1 <= s.x1 + 5 and s.top - 5 <= wd.top and wd.bottom <= s.bottom + 5
                   for s in stamps)

    return [wd for wd in words if not covered(wd)] + stamps


# A row of ink in the signer's cell is a printed line when this tall (px at 300 dpi) ...
ROW_MIN, ROW_MAX = 22, 130
# ... and a pixel row belongs to it when this share of its width is ink (a seal's ring or a
# signature stroke crossing a row inks ~1-2% of it, a line of print 5-20%).
ROW_INK = 0.03
# A run taller than a line (the title merged with the rim text of a seal under it) is cut
# again at twice the share, up to this one: a seal's rim inks 3-7% of a row, print 10-25%.
ROW_INK_MAX = 0.12


def ink_rows(gray, box: tuple[float, float, float, float]) -> list[tuple[int, int]]:
    """(top, bottom) page rows of the runs of ink inside `box`, of a printed line's height.

    The box comes from word boxes, and it may cut the block's first or last line (the name
    under the seal the page pass did not read): a run across its edge is followed past it.
    """
    from PIL import Image

    from pipeline.readers.ocr.clean import otsu

    x0, top, x1, bottom = (int(round(v)) for v in box)
    if x1 - x0 < 40 or bottom - top < ROW_MIN:
        return []
    t = min(otsu(gray.crop((x0, top, x1, bottom))), 160)
    lo, hi = max(0, top - ROW_MAX), min(gray.height, bottom + ROW_MAX)
    ink = gray.crop((x0, lo, x1, hi)).point(lambda p: 255 if p <= t else 0)
    profile = [v / 255 for v in ink.resize((1, ink.height), Image.BOX).tobytes()]
    rows: list[tuple[int, int]] = []
    for a, b in _profile_runs(profile, 0, len(profile), ROW_INK):
        if b > top - lo and a < bottom - lo:          # a run wholly outside the box is not the cell's
            rows += _line_runs(profile, a, b, ROW_INK)
    return [(lo + a, lo + b) for a, b in rows]


def _profile_runs(profile: list[float], a: int, b: int, share: float) -> list[tuple[int, int]]:
    """(start, end) of the runs of profile[a:b] above `share`."""
    runs, start = [], None
    for y in range(a, b + 1):
        if y < b and profile[y] > share:
            start = y if start is None else start
        elif start is not None:
            runs.append((start, y))
            start = None
    return runs


def _line_runs(profile: list[float], a: int, b: int, share: float) -> list[tuple[int, int]]:
    """The run profile[a:b] if it is a line's height, else its parts of a line's height at a
    higher ink share (a seal's rim between two rows of print thins out first)."""
    if b - a <= ROW_MAX:
        return [(a, b)] if b - a >= ROW_MIN else []
    if share * 2 > ROW_INK_MAX:
        return []
    return [r for c, d in _profile_runs(profile, a, b, share * 2) for r in _line_runs(profile, c, d, share * 2)]


# A row this tall (twice a 14-pt line of 32-50 px) that reads as nothing may be two lines
# set solid (a rubber stamp's `KT. GIÁM ĐỐC` / `PHÓ GIÁM ĐỐC`, their letters touching): it
# is read again as two halves. A taller row is print with a seal's rim or a stroke.
TWO_LINES = (64, 100)
# The title's lines open the signer's cell, above the seal: only its first rows of ink are
# tried so (the rows of a seal read as junk whatever the cut).
TITLE_ROWS = 2
# The signature's pen stroke (2-4 px at 300 dpi) is thinner than the bold print of the
# title and the name (6-10 px): a grey opening by this square takes the stroke off.
OPEN_PX = 5


def rescue_rows(gray, box: tuple[float, float, float, float], have: list[Word], timeout: float = 10.0) -> list[Word]:
    """Title, authority and name rows of the signer's cell `box` read one by one, those
    that the page's words in the cell (`have`) do not already hold."""
    held = {" ".join(w.text for w in row) for row in group_visual_lines([w for w in have if _in(w, box)])}
    held_rows = {stamp_row(t) for t in held} - {None}
    out: list[Word] = []
    x0, x1 = int(box[0]), int(box[2])
    opened = functools.cache(lambda: _opened(gray, box))      # made for the first row that needs it
    rows = ink_rows(gray, box)
    for i, (top, bottom) in enumerate(rows):
        # a blank margin of half the row's height, short of the rows above and below: a
        # stamp's lines are set close, and a piece of the next one spoils the reading
        h = (bottom - top) // 2
        margin = (max(top - h, rows[i - 1][1] if i else 0),
                  min(bottom + h, rows[i + 1][0] if i + 1 < len(rows) else gray.height))
        found = _read_row(gray, opened, x0, x1, top, bottom, margin, timeout)
        got = [found] if found is not None else []
        if found is None and i < TITLE_ROWS and TWO_LINES[0] <= bottom - top <= ROW_MAX:
            # the head's title over its deputy's, set solid, read unsurely as halves: kept as a pair
            got = _deputy_halves(gray, x0, x1, top, bottom, timeout)
        if not got and i < TITLE_ROWS and TWO_LINES[0] <= bottom - top <= TWO_LINES[1]:
            # the two lines are of one size: cut in the middle, else at the thinnest pixel row;
            # a stamp's print is plain, so the halves are read as they are (not opened)
            for mid in dict.fromkeys(((top + bottom) // 2, _thinnest(gray, x0, x1, top, bottom))):
                halves = [_read_row(gray, _none, x0, x1, a, b, (a, b), timeout) for a, b in ((top, mid), (mid, bottom))]
                # a stamp's lines are titles; a half that reads as a name is part of a taller
                # row (the name with the seal's rim over its surname: `Hoàng Anh` of `Lê Hoàng Anh`)
                halves = [h for h in halves if h is not None and not _NAME.match(h[0])]
                if len(halves) > len(got):
                    got = halves
                if len(got) == 2:
                    break
        for text, ws, a, conf, (row_top, row_bottom) in got:
            if text in held_rows:
                continue
            # the page's words on this row hold it already, run together or with a stray mark
            # beside ("NguyễnVănHải", "Nguyễn Văn Hải ˆ")
            if text.replace(" ", "") in "".join(w.text for w in have if _in(w, (x0, row_top, x1, row_bottom))):
                continue
            out.append(Word(text=text, x0=min(x.x0 for x in ws) + a - PAD, x1=max(x.x1 for x in ws) + a - PAD,
                            top=row_top, bottom=row_bottom, conf=conf))
    return out


def _read_row(gray, opened: Callable[[], object], x0: int, x1: int, top: int, bottom: int,
              margin: tuple[int, int], timeout: float):
    """(text, words, crop x, conf, (top, bottom)) of the first reading of one row (its crop
    from margin[0] to margin[1]) that is a stamp row, or None.

    The whole row first; when it is no stamp row, each run of its ink apart (the name
    stamped beside a seal's rim, or a title beside a signature's stroke, read in one crop
    with them is junk: `Lê Hoàng Anh` reads alone at 0.9); then the same on the opened cell
    (`opened()`), where a stroke crossing a letter made it read as another one.
    """
    from PIL import ImageOps

    raw: list[list[str]] = []        # the words each crop of the row read before the opening
    print_seen = False
    for img in _images(gray, opened, lambda: print_seen or not any(raw)):
        for k, (a, b) in enumerate([(x0, x1), *_ink_runs(img, x0, x1, top, bottom)]):
            crop = ImageOps.expand(img.crop((a, margin[0], b, margin[1])), border=PAD, fill=255)
            ws = run_tesseract(crop, psm=7, timeout=timeout)
            seen = any((w.conf or 0) >= OPEN_NAME_CONF and not _junk(w.text) for w in ws)
            if img is gray:
                raw.append([w.text for w in ws])
                print_seen = print_seen or seen
            elif k == 0 and not seen:
                break            # the opened row shows no print either: its runs will not
            got = _kept_reading(ws)
            if got is None or got[1] < RESCUE_CONF:
                continue
            if img is not gray and _NAME.match(got[0]) and not _confirmed(got[0], ws, raw):
                continue
            return got[0], ws, a, got[1], (top, bottom)
    return None


def _none() -> None:
    return None


def _cuts(gray, x0: int, x1: int, top: int, bottom: int) -> list[int]:
    """Where a two-line row may part: its middle and its thinnest pixel row (the lines of a
    stamp set solid touch, and an accent of the lower one reaches into the upper one)."""
    return list(dict.fromkeys(((top + bottom) // 2, _thinnest(gray, x0, x1, top, bottom))))


def _deputy_halves(gray, x0: int, x1: int, top: int, bottom: int, timeout: float) -> list:
    """The head's title and its deputy's (`GIÁM ĐỐC` / `PHÓ GIÁM ĐỐC`) of one row of two lines
    set solid, as _read_row's results, when its halves read as that pair (stamp_titles.title_pair);
    [] otherwise. The halves of each cut are read as they are, whole width; the pair may take
    the upper half of one cut and the lower of another (the best cut differs per line)."""
    from PIL import ImageOps

    uppers, lowers = [], []
    for mid in _cuts(gray, x0, x1, top, bottom):
        for a, b, into in ((top, mid, uppers), (mid, bottom, lowers)):
            crop = ImageOps.expand(gray.crop((x0, a, x1, b)), border=PAD, fill=255)
            ws = [w for w in run_tesseract(crop, psm=7, timeout=timeout) if w.text.strip()]
            if ws:
                into.append((" ".join(w.text for w in ws), ws, a, b))
    for up, ws_up, a, m in uppers:
        for low, ws_low, m2, b in lowers:
            pair = title_pair(up, low)
            if pair is None:
                continue
            # boxes apart, so the two stay two lines (the repair reads them as `KT. X` / `PHÓ X`)
            cut = (m + m2) // 2
            return [(pair[0], ws_up, x0, _mean_conf(ws_up), (a, cut - 1)),
                    (pair[1], ws_low, x0, _mean_conf(ws_low), (cut + 1, b))]
    return []


def _mean_conf(ws: list[Word]) -> float:
    return sum(w.conf or 0 for w in ws) / len(ws) if ws else 0.0


def _images(gray, opened: Callable[[], object], worth: Callable[[], bool]) -> Iterator:
    """The page, then the opened page (made only when asked for) when `worth()` says the
    row's reading is worth another try: the row read as nothing at all (show-through specks
    make it a picture to Tesseract), or a word of print in it was read surely (a stroke
    spoiled the rest). Rows of a seal's rim read as junk are not tried again."""
    yield gray
    if worth() and (img := opened()) is not None:
        yield img


# The opening changes the shapes of print too (a serif's thin stroke: `Phan` can read
# `Pham`): a name read on the opened cell stands only when each of its words is read
# surely (OPEN_SURE), or fairly surely (OPEN_NAME_CONF) and the row as read before the
# opening holds its given names (the stroke hid the surname only).
OPEN_SURE = 0.9
OPEN_NAME_CONF = 0.8


def _confirmed(name: str, ws: list[Word], raw: list[list[str]]) -> bool:
    """True when the opened reading `ws` of `name` may stand (see OPEN_SURE)."""
    confs = [w.conf or 0 for w in ws if w.text.strip(" .,;:-_|") and not _junk(w.text)]
    if confs and min(confs) >= OPEN_SURE:
        return True
    if not confs or min(confs) < OPEN_NAME_CONF:
        return False
    given = name.split()[1:]
    return any([t.strip(" .,;:-_|") for t in words][-len(given):] == given for words in raw if len(words) >= len(given))


def _kept_reading(ws: list[Word]) -> tuple[str, float] | None:
    """(stamp row, conf) of a row's words: junk tokens at its ends (a hand-written `KT.`,
    a stroke of the seal) are dropped, and the certainty is that of the words kept."""
    words = list(ws)
    while words and _junk(words[0].text):
        words = words[1:]
    while words and _junk(words[-1].text):
        words = words[:-1]
    if not words:
        return None
    text = stamp_row(" ".join(w.text for w in words))
    if text is None:
        return None
    deputy = vocab.DEPUTY_TITLES.get(text)
    if words[0] is not ws[0] and deputy == f"PHÓ {text}":
        # junk dropped before a head's title that ends like PHÓ (`__—PHÓ CHỦ TỊCH`): the row is
        # the deputy's, and the head's title alone would be the wrong title. With PH read it is
        # the deputy's title; with less (`~——tHÓ`, the P under a ring) the row is left unread.
        if pho_under(" ".join(w.text for w in ws), text):
            text = deputy
        elif _LIKE_PHO.search(fold(ws[ws.index(words[0]) - 1].text).upper()):
            return None
    return text, sum(w.conf or 0 for w in words) / len(words)


# The end of a junk token that may be what is left of PHÓ (folded): `PH`, `PHO`, `HO`.
_LIKE_PHO = regex.compile(r"(?:PH|PHO|HO)[^A-Z]*$")


def _junk(token: str) -> bool:
    """A token that is no word of print: under two letters, or letters mixed with marks and digits."""
    letters = sum(c.isalpha() for c in token)
    return letters < 2 or letters < 0.6 * len(token.strip(".,;:"))


def _opened(gray, box: tuple[float, float, float, float]):
    """The page with the cell (and the rows ink_rows may follow past it) opened by OPEN_PX:
    thin strokes gone, bold print kept. None without a cell."""
    from PIL import ImageFilter

    x0, top, x1, bottom = (int(round(v)) for v in box)
    lo, hi = max(0, top - ROW_MAX), min(gray.height, bottom + ROW_MAX)
    if x1 - x0 < 40 or hi - lo < ROW_MIN:
        return None
    cell = gray.crop((x0, lo, x1, hi)).filter(ImageFilter.MaxFilter(OPEN_PX)).filter(ImageFilter.MinFilter(OPEN_PX))
    out = gray.copy()
    out.paste(cell, (x0, lo))
    return out


def _thinnest(gray, x0: int, x1: int, top: int, bottom: int) -> int:
    """The page row of least ink in the middle third of the row top..bottom."""
    from PIL import Image

    from pipeline.readers.ocr.clean import otsu

    band = gray.crop((x0, top, x1, bottom))
    t = min(otsu(band), 160)
    profile = band.point(lambda p: 255 if p <= t else 0).resize((1, band.height), Image.BOX).tobytes()
    third = (bottom - top) // 3
    return top + min(range(third, 2 * third + 1), key=lambda y: (profile[y], abs(y - (bottom - top) // 2)))


# Runs of a row's ink further apart than this many row heights are read apart (the
# gaps between a stamp's words are under half a row height).
RUN_GAP = 1.1


def _ink_runs(gray, x0: int, x1: int, top: int, bottom: int) -> list[tuple[int, int]]:
    """(x0, x1) page columns of the runs of ink of one row (none when it is one run across)."""
    from PIL import Image

    from pipeline.readers.ocr.clean import otsu

    band = gray.crop((x0, top, x1, bottom))
    t = min(otsu(band), 160)
    profile = band.point(lambda p: 255 if p <= t else 0).resize((band.width, 1), Image.BOX).tobytes()
    gap = RUN_GAP * (bottom - top)
    runs: list[tuple[int, int]] = []
    start = last = None
    for x, v in enumerate(profile):
        if not v:
            continue
        if start is not None and x - last > gap:
            runs.append((start, last + 1))
            start = None
        start = x if start is None else start
        last = x
    if start is not None:
        runs.append((start, last + 1))
    runs = [(x0 + a, x0 + b) for a, b in runs if b - a >= bottom - top]   # specks are no run
    return [] if runs == [(x0, x1)] else runs


# a row read alone is kept at a lower certainty than a stamp: the vocabulary test is strict
RESCUE_CONF = 0.6


def _in(w: Word, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= (w.x0 + w.x1) / 2 <= box[2] and box[1] <= (w.top + w.bottom) / 2 <= box[3]
