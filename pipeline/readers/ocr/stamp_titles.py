"""The deputy's title block (`KT. X` / `PHÓ X`) as OCR reads it under a seal.

A provincial department's deputy signs under two lines set solid, often from a rubber
stamp: the head's title `X` (`GIÁM ĐỐC`, `KT.` written in by hand before it) and `PHÓ X`
under it, the round seal's rim printed over `PHÓ`. Read one by one, the two lines give
the head's title with the hand-written `KT.` as stray letters (`“TL ,GIAM ĐỌC.`) and the
deputy's line with the rim's rings glued to what is left of `PHÓ` (`⁄ZZPH&GiÄM ĐỒC`).
Neither is sure enough alone; together they are the one signing form that prints the
head's title over a line ending in it (Nghị định 30: the deputy signs `KT.` for the head),
so the pair is kept when each half is a close reading of its part.

Nothing is invented: the deputy's line must show the letters `PH` right before the head's
title (`PHÓ` read in part), never a bare repeat of it; the head's line must read as the
head's title. The rest is left to `extractors.repair` (`KT. X` from the pair) and to the
signer's rules.
"""
from __future__ import annotations

import regex

from extractors import repair_vocab as vocab
from extractors.normalize import fold
from pipeline.readers.geometry import Word

# What the seal's rim leaves of `PHÓ` before the head's title: `PH`, then at most two
# letters (`O`, a stray of the ring), whatever junk of the rim stands before it.
_PHO_LEFT = regex.compile(r"PH[A-Z]{0,2}$")


def _letters(text: str) -> str:
    """The folded capitals of `text`, without spaces, marks or punctuation (`PH&Gi` -> `PHGI`)."""
    return regex.sub(r"[^A-Z]", "", fold(text).upper())


def _trim(text: str) -> str:
    """`text` without junk tokens at its ends (a stroke, a ring read as `z`, `:`)."""
    tokens = text.split()
    while tokens and _junk(tokens[0]):
        tokens = tokens[1:]
    while tokens and _junk(tokens[-1]):
        tokens = tokens[:-1]
    return " ".join(tokens)


def _junk(token: str) -> bool:
    letters = sum(c.isalpha() for c in token)
    return letters < 2 or letters < 0.6 * len(token.strip(".,;:"))


def pho_under(text: str, head: str) -> bool:
    """True when `text` reads as `PHÓ <head>` with `PHÓ` damaged: the head title's letters end
    it (one misread letter per five allowed), and right before them stand `PH` and at most two
    more letters. A line that is the head's title alone, or has anything else before it
    (`TỔNG GIÁM ĐỐC`), is not."""
    from rapidfuzz.distance import Levenshtein

    # only the end's junk goes: a junk token before the title may be what is left of PHÓ (`__—PHÓ`)
    tokens = text.split()
    while tokens and _junk(tokens[-1]):
        tokens = tokens[:-1]
    s, h = _letters(" ".join(tokens)), _letters(head)
    if len(s) <= len(h):
        return False
    slack = max(1, len(h) // 5)
    for cut in range(max(0, len(s) - len(h) - slack), min(len(s), len(s) - len(h) + slack) + 1):
        if Levenshtein.distance(s[cut:], h) <= slack and _PHO_LEFT.search(s[:cut]):
            return True
    return False


def title_pair(top: str, bottom: str) -> tuple[str, str] | None:
    """(X, deputy's title) when `top` reads as the head title X and `bottom` as its deputy's
    line (read as a title of the table, or `PHÓ X` with `PHÓ` damaged); None otherwise.

    The head's line may carry stray letters (the hand-written `KT.`), so X is the longest
    run of its words that reads as a title; it must be a head's title (one that has a
    deputy), and the deputy's line must be that head's deputy, not any title.
    """
    head = vocab.title_in(top)
    deputy = vocab.DEPUTY_TITLES.get(head or "")
    if head is None or deputy is None:
        return None
    if vocab.title_in(bottom) == deputy:
        return head, deputy
    if deputy == f"PHÓ {head}" and pho_under(bottom, head):
        return head, deputy
    return None


def deputy_stub(text: str) -> bool:
    """True when a stamp's row reads as the deputy's line whose `PHÓ` and the head's first
    words the seal's rim ran together (`PHỚTTBÁM ĐÓC`): capitals, two or three tokens, the
    first opening with `PH`, the last the last word of a `PHÓ ...` title. Such a row is
    kept as read: the repair pairs it with the head's title on the line above
    (`extractors.repair_vocab.deputy_pair`), and alone it is no title to the signer."""
    tokens = _trim(text).split()
    if not 2 <= len(tokens) <= 3 or not text.isupper() or vocab.title_in(text) is not None:
        return False
    if not _letters(tokens[0]).startswith("PH"):
        return False
    last = _letters(tokens[-1])
    return any(_letters(t.split()[-1]) == last for t in vocab.DEPUTY_TITLES.values() if t.startswith("PHÓ "))


def paired_stubs(words: list, rows: list) -> list:
    """The stamp rows (`rows`, Words) without the deputy stubs that have no head's title over
    them among the page's `words`: a stub is kept as read only for the repair to pair it
    (`GIÁM ĐỐC` printed over the stamped `PHỚTTBÁM ĐÓC`), and unpaired it is junk to the
    signer (after a bare `KT.` it would be taken for whose behalf)."""
    from pipeline.readers.geometry import group_visual_lines

    out = []
    for r in rows:
        if not deputy_stub(r.text):
            out.append(r)
            continue
        h = r.bottom - r.top
        near = [w for w in words if r.top - 2.5 * h <= w.top < r.top and w.x0 < r.x1 and w.x1 > r.x0]
        for line in group_visual_lines(near):
            head = vocab.title_in(" ".join(w.text for w in line))
            deputy = vocab.DEPUTY_TITLES.get(head or "", "")
            if deputy == f"PHÓ {head}" and _letters(r.text.split()[-1]) == _letters(deputy.split()[-1]):
                out.append(r)
                break
    return out


def titles_under_the_rim(before, after, box: tuple[int, int, int, int], have: list[Word],
                          timeout: float) -> list[Word]:
    """Title rows the seal's disc cut (`PHÓ GIÁ` of `PHÓ GIÁM ĐỐC` printed against its rim),
    read again on the red ink as it was, seal and all.

    Whitening the disc takes the letters it overlaps, so the row is found on the whitened
    ink (a run of a line's height that lost ink to the disc) and read on the ink before.
    There the seal's rim runs through the row: only a title of the table read surely is
    kept, or a deputy's line whose `PHÓ` the rim ran into the head's title (kept as read,
    for the repair to pair with the head's title above). Never a name: the rim may have
    taken its surname, and what is left (`Hoàng Anh`) is a name too.
    """
    from PIL import ImageChops, ImageOps

    # stamps reads rows the same way elsewhere (and imports this module): its helpers, late
    from pipeline.readers.ocr.stamps import CUT_INK, PAD, _mean_conf, ink_rows
    from pipeline.readers.ocr.tesseract import run_tesseract

    x0, _, x1, _ = box
    out: list[Word] = []
    for top, bottom in ink_rows(after, box):
        if any(w.top < bottom and w.bottom > top for w in have):
            continue                     # read already, whole
        changed = ImageChops.difference(before.crop((x0, top, x1, bottom)), after.crop((x0, top, x1, bottom)))
        if sum(changed.point(lambda p: 255 if p > 100 else 0).histogram()[255:]) < CUT_INK:
            continue                     # the disc took nothing of this row
        h = bottom - top
        # the whitened row is shorter than the printed one (the disc took its accents' side):
        # the band is widened, most above, where the capitals' marks are
        for a, b in ((top - h // 2, bottom + h // 4), (top - h // 2, bottom), (top - h // 4, bottom + h // 4)):
            crop = ImageOps.expand(before.crop((x0, a, x1, b)), border=PAD, fill=255)
            ws = [w for w in run_tesseract(crop, psm=7, timeout=timeout) if w.text.strip()]
            text = _rim_title(ws)
            if text is not None:
                out.append(Word(text=text, x0=min(w.x0 for w in ws) + x0 - PAD,
                                x1=max(w.x1 for w in ws) + x0 - PAD, top=top, bottom=bottom, conf=_mean_conf(ws)))
                break
    return out


def _rim_title(ws: list[Word]) -> str | None:
    """What titles_under_the_rim keeps of one reading: a title read surely, or a deputy's
    line with its last word read surely (as read); never a name."""
    from pipeline.readers.ocr.stamps import _NAME, MIN_CONF, _kept_reading

    got = _kept_reading(ws)
    if got is not None and got[1] >= MIN_CONF and not _NAME.match(got[0]):
        return got[0]
    raw = " ".join(w.text for w in ws).strip(" .,;:-_|")
    if ws and deputy_stub(raw) and (ws[-1].conf or 0) >= MIN_CONF:
        return raw
    return None
