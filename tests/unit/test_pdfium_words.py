"""The PDF reader's hand-written word grouping equals pdfplumber's WordExtractor.

`pdfium_text.group_words` replaces `WordExtractor(x_tolerance=3,
y_tolerance=3, keep_blank_chars=False, use_text_flow=False,
extra_attrs=["size", "fontname"]).extract_words` on pdfium's characters; the
words (text, box, size, font) must be the very same, or zones and character
spans would move. Each case is a synthetic character list run through both.
"""
from __future__ import annotations

import random

import pytest

from pipeline.readers.geometry import Word, group_visual_lines
from pipeline.readers.pdfium_text import group_words
from pipeline.readers.syllables import join_spaced_marks, join_tokens

pytest.importorskip("pdfplumber")


def _plumber(chars: list[tuple]) -> list[tuple]:
    from pdfplumber.utils.text import WordExtractor

    ex = WordExtractor(x_tolerance=3, y_tolerance=3, keep_blank_chars=False, use_text_flow=False,
                       extra_attrs=["size", "fontname"])
    dicts = [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": up,
              "size": size, "fontname": font} for t, x0, x1, top, bottom, up, size, font in chars]
    return [(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"], w["fontname"])
            for w in ex.extract_words(dicts)]


def _run(text: str, x: float, top: float, size: float = 12.0, font: str = "Times", width: float = 6.0,
         gap: float = 0.0, upright: bool = True) -> list[tuple]:
    """Characters of `text` left to right from x, `gap` points apart."""
    out = []
    for ch in text:
        out.append((ch, x, x + width, top, top + size, upright, size, font))
        x += width + gap
    return out


def _at(text: str, x0: float, x1: float, top: float, size: float = 12.0, font: str = "Times",
        upright: bool = True) -> tuple:
    return (text, x0, x1, top, top + size, upright, size, font)


CASES = {
    "two columns on one line": _run("UBND TỈNH", 60, 50) + _run("CỘNG HÒA", 330, 50),
    "columns drawn right cell first": _run("CỘNG HÒA", 330, 50) + _run("UBND TỈNH", 60, 50),
    "gap 2.9 joins": [_at("a", 10, 16, 100), _at("b", 18.9, 24.9, 100)],
    "gap 3.1 splits": [_at("a", 10, 16, 100), _at("b", 19.1, 25.1, 100)],
    "gap exactly 3 joins": [_at("a", 10, 16, 100), _at("b", 19, 25, 100)],
    "top 2.9 apart on one line": [_at("a", 10, 16, 100), _at("b", 16, 22, 102.9), _at("c", 22, 28, 105.8)],
    "top 3.1 apart on two lines": [_at("a", 10, 16, 100), _at("b", 16, 22, 103.1)],
    "lines chain through close tops": [_at("a", 10, 16, 100), _at("c", 22, 28, 106), _at("b", 16, 22, 103)],
    "sizes on a line": _run("Số:", 60, 100, size=13) + _run("12", 80, 100, size=13.5) + _run("/UBND", 92, 100, size=13),
    "fonts on a line": _run("Kính", 60, 100, font="Times-Bold") + _run("gửi", 84, 100) + _run(":", 102, 100, font="Times-Bold"),
    "fonts interleaved": [_at("a", 10, 16, 100, font="A"), _at("b", 16, 22, 100, font="B"), _at("c", 22, 28, 100, font="A")],
    "a turned character": _run("Trang", 60, 100) + [_at("x", 90, 96, 100, upright=False)] + _run("2", 96, 100),
    "a turned run": [_at(ch, 500, 512, 300 + 7 * k, upright=False) for k, ch in enumerate("Ký bởi")],
    "a turned run, x0 3.1 apart": [_at("a", 500, 512, 300, upright=False), _at("b", 503.1, 515, 307, upright=False)],
    "turned chars, a step back": [_at("a", 500, 512, 300, upright=False), _at("b", 500, 512, 290, upright=False)],
    "combining marks on their letter": [_at("Ô", 10, 19, 100), _at("\u0301", 12, 17, 100), _at("I", 19, 23, 100)],
    "a mark drawn left of its letter": [_at("Ô", 10, 19, 100), _at("\u0301", 9.5, 14, 100), _at("N", 19, 28, 100)],
    "a mark at its letter's x0": [_at("O", 10, 19, 100), _at("\u0309", 10, 19, 99), _at("I", 19, 23, 100)],
    "spaced Vietnamese": _run("H", 60, 100) + _run("Ộ", 69, 100) + _run("I", 80, 100),
    "a step back splits": [_at("a", 20, 26, 100), _at("b", 12, 18, 100)],
    "blanks split": _run("ab cd\u00a0ef\tg", 10, 100),
    "a ligature": _run("\ufb01nh", 10, 100),
    "an empty character": [_at("a", 10, 16, 100), _at("", 16, 16, 100), _at("b", 16, 22, 100)],
    "duplicated glyphs": [_at("B", 10, 18, 100), _at("B", 10, 18, 100), _at("B", 10.3, 18.3, 100)],
    "pdfium's gap space": [_at("20", 10, 22, 100), _at(" ", 10, 22, 100), _at(".", 23.5, 26, 100)],
    "empty": [],
}


@pytest.mark.parametrize("chars", CASES.values(), ids=list(CASES))
def test_group_words_equals_pdfplumber(chars):
    assert group_words(chars) == _plumber(chars)


def test_group_words_on_random_pages():
    """Random lines of mixed fonts, sizes, tops within a few points, and turned characters."""
    rng = random.Random(7)
    for _ in range(200):
        chars = []
        for _ in range(rng.randint(1, 8)):
            x, top = rng.uniform(0, 500), rng.choice([100, 100.5, 102.9, 103, 103.1, 106, 140])
            for _ in range(rng.randint(1, 12)):
                w = rng.uniform(0.5, 8)
                chars.append((rng.choice("aăbcđêôơư \u0301\u0323ﬁ"), x, x + w, top + rng.choice([0, 0, 0.2, -0.2]),
                              top + 12, rng.random() > 0.05, rng.choice([12.0, 12.0, 13.0]),
                              rng.choice(["Times", "Times", "Times-Bold"])))
                x += w + rng.choice([0, 0.5, 2.9, 3.0, 3.1, -1, 10])
        if rng.random() < 0.5:
            rng.shuffle(chars)
        assert group_words(chars) == _plumber(chars)


# --- group_visual_lines and join_spaced_marks: the fast forms against the plain ones ---


def _reference_visual_lines(words: list[Word]) -> list[list[Word]]:
    """group_visual_lines as it was written before it was made faster."""
    from statistics import median

    from pipeline.readers import geometry as g

    def overlap(v, w):
        inter = min(v[2], w.bottom) - max(v[1], w.top)
        small = max(min(v[2] - v[1], w.bottom - w.top), 1e-6)
        return inter / small

    lines: list = []
    kept = [w for w in words if w.text.strip()]
    usual = median(w.bottom - w.top for w in kept) if kept else 0.0

    def unsure(w):
        if w.conf is None:
            return False
        digits = any(c.isdigit() for c in w.text)
        tall = w.bottom - w.top > g.TALL_DIGITS * usual and digits
        inflated = w.bottom - w.top > g.TALL_WORD * usual
        return w.conf < g.UNSURE_CONF or tall or inflated or bool(g._NUMBER_WORD.fullmatch(w.text))

    for w in sorted([w for w in kept if not unsure(w)], key=lambda w: (w.top, w.x0)):
        best = max(lines[-3:], key=lambda v: overlap(v, w), default=None)
        if best is not None and overlap(best, w) >= g.OVERLAP:
            best[0].append(w)
        else:
            lines.append([[w], w.top, w.bottom])
    printed = list(lines)
    for w in sorted([w for w in kept if unsure(w)], key=lambda w: (w.top, w.x0)):
        best = max(printed, key=lambda v: overlap(v, w), default=None)
        if best is not None and overlap(best, w) >= g.UNSURE_OVERLAP:
            best[0].append(w)
            continue
        best = max(lines, key=lambda v: overlap(v, w), default=None)
        if best is not None and overlap(best, w) >= g.OVERLAP:
            best[0].append(w)
        else:
            lines.append([[w], w.top, w.bottom])
    lines.sort(key=lambda v: v[1])
    return [sorted(v[0], key=lambda w: w.x0) for v in lines]


@pytest.mark.parametrize("ocr", [False, True])
def test_group_visual_lines_equals_reference(ocr):
    rng = random.Random(11)
    for _ in range(300):
        words = []
        for _ in range(rng.randint(0, 40)):
            top = rng.choice([100, 104, 108, 112, 130]) + rng.uniform(-3, 3)
            x0 = rng.choice([50, 60, 300, 320]) + rng.uniform(0, 100)
            h = rng.choice([12, 12, 13, 25, 0])
            conf = rng.choice([None, 0.9, 0.95, 0.3, 0.6]) if ocr else None
            words.append(Word(rng.choice(["Số", "12", "ngày", " ", "tháng", "(3)", "UBND"]), x0, x0 + 20,
                              top, top + h, conf=conf))
        assert group_visual_lines(words) == _reference_visual_lines(words)


def _reference_join(words: list[Word]) -> list[Word]:
    """join_spaced_marks without its shortcut for runs with nothing to join."""
    from dataclasses import replace

    import unicodedata

    from pipeline.readers.syllables import MAX_GAP

    out: list[Word] = []
    run: list[Word] = []

    def flush():
        for grp in join_tokens([w.text for w in run]):
            if len(grp) == 1:
                out.append(run[grp[0]])
                continue
            ws = [run[k] for k in grp]
            out.append(replace(ws[0], text=unicodedata.normalize("NFC", "".join(w.text for w in ws)),
                               x1=max(w.x1 for w in ws), top=min(w.top for w in ws), bottom=max(w.bottom for w in ws)))
        run.clear()

    for w in words:
        if run:
            prev = run[-1]
            size = prev.size or (prev.bottom - prev.top) or 10.0
            if not (abs(w.top - prev.top) < 0.5 * size and 0 <= w.x0 - prev.x1 < MAX_GAP * size):
                flush()
        run.append(w)
    if run:
        flush()
    return out


def test_join_spaced_marks_equals_reference():
    pieces = ["H", "Ộ", "I", "ĐỒ", "NG", "NH", "Â", "N", "D", "\u0301", "HỘI", "CH", "Ủ", "nghĩa", "20", "UBND",
              "V/v", "NG,", "Việt", "Nam", "x", "(cid:3)", "ng", "ươi"]
    rng = random.Random(3)
    for _ in range(500):
        words, x = [], 10.0
        for _ in range(rng.randint(0, 12)):
            t = rng.choice(pieces)
            words.append(Word(t, x, x + 6 * len(t), 100.0, 112.0, size=12.0))
            x += 6 * len(t) + rng.choice([0.5, 2, 4, 20])
        assert join_spaced_marks(words) == _reference_join(words)
