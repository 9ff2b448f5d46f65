"""A PDF page's characters and words from pdfium, as pdfplumber would give them.

Split out of pipeline.readers.pdf (which re-exports these names). pdfplumber's own
`extract_words` parses the page in Python through pdfminer (≈ 400 ms a page);
here pdfium gives each character with its box and font (`page_chars`: the
page's text in one call, then three ctypes calls a character) and
`group_words` groups them into the words pdfplumber's `WordExtractor` would
make of them (`pdfium_words`), without building pdfplumber's dicts.
`_page_words` is the slow path, for pages whose geometry pdfium does not match
(rotated, shifted box).
"""
from __future__ import annotations

import ctypes
from array import array
from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

import regex

from pipeline.readers.geometry import Word
from pipeline.readers.syllables import join_spaced_marks

# A space pdfium made up is kept only when the next character starts this many
# points after the previous one ends: "20" + "." drawn apart stay "20.".
GAP_SPACE = 1.0
# pdfplumber's word settings (`_page_words`), which `group_words` reproduces.
X_TOLERANCE = 3
Y_TOLERANCE = 3
# pdfplumber expands these ligatures when it joins a word's characters.
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

# One character: (text, x0, x1, top, bottom, upright, size, fontname).
Char = tuple[str, float, float, float, float, bool, float, str]


def _page_words(page) -> list[Word]:
    """A pdfplumber page's words (the slow path: pdfminer parses the content stream in Python)."""
    words = page.extract_words(extra_attrs=["size", "fontname"], use_text_flow=False, keep_blank_chars=False)
    return _to_words(words)


def _to_words(words: list[dict]) -> list[Word]:
    return join_spaced_marks([
        Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], size=w.get("size"),
             bold=_bold(w.get("fontname", "")))
        for w in words
    ])


_SUBSET = regex.compile(r"^[A-Z]{6}\+")


def _plain_geometry(page) -> bool:
    """True when pdfium's page space is pdfplumber's: no rotation, media box at the origin, no crop."""
    try:
        if page.get_rotation() % 360:
            return False
        media, crop = page.get_mediabox(), page.get_cropbox()
    except Exception:
        return False
    return abs(media[0]) < 0.01 and abs(media[1]) < 0.01 and all(abs(a - b) < 0.01 for a, b in zip(media, crop))


_FNS = None


def _fns():
    """pdfium's per-character functions, called with ready-made pointers.

    Called ~2,500 times a page each: bound without argument types (pointers
    passed as c_void_p objects, indexes as ints, which are C ints as the
    functions take), they cost a third less than through pypdfium2's
    bindings, which convert and check every argument.
    """
    global _FNS
    if _FNS is None:
        import pypdfium2.raw as R

        def bind(fn, restype):
            return ctypes.CFUNCTYPE(restype)(ctypes.cast(fn, ctypes.c_void_p).value)

        _FNS = (
            bind(R.FPDFText_GetUnicode, ctypes.c_uint),
            bind(R.FPDFText_IsGenerated, ctypes.c_int),
            bind(R.FPDFText_GetLooseCharBox, ctypes.c_int),
            bind(R.FPDFText_GetCharOrigin, ctypes.c_int),
            bind(R.FPDFText_GetTextObject, ctypes.c_void_p),  # the object's address: an int to key a cache by
            bind(R.FPDFTextObj_GetFont, ctypes.c_void_p),
            bind(R.FPDFText_GetFontSize, ctypes.c_double),
            bind(R.FPDFText_GetCharAngle, ctypes.c_float),
        )
    return _FNS


# Code units FPDFText_GetText may give differently from FPDFText_GetUnicode
# (its 0xFFFE is GetUnicode's 0x02, the hyphen mark), or that the loop below
# maps to "(cid:0)" or joins as surrogate pairs: for these the character's
# own code is asked for.
_ASK = regex.compile("[\x00\x02\ud800-\udfff\ufffd-\uffff]")


def _codes(raw, addr: ctypes.c_void_p, count: int, get_unicode) -> str:
    """The page's characters, one a position, each `chr(FPDFText_GetUnicode(i))`, with one call for most.

    FPDFText_GetText gives the page's text as UTF-16, one unit a character
    (checked on every page of the corpora, 725k characters: only the hyphen
    mark differs, and it is in _ASK); when its length says otherwise (a
    character outside the BMP, characters it leaves out) each code is asked for.
    """
    import pypdfium2.raw as R

    buf = (ctypes.c_ushort * (2 * count + 2))()  # room for a surrogate pair per character
    if R.FPDFText_GetText(raw, 0, count, buf) != count + 1:
        return "".join([chr(get_unicode(addr, i)) for i in range(count)])
    units = ctypes.string_at(buf, 2 * count)
    text = units.decode("utf-16-le", "surrogatepass")
    if len(text) != count:
        # a surrogate pair decoded into one character: unit by unit, each stays a
        # position, as GetUnicode gives them
        text = "".join(map(chr, array("H", units)))
    asked = [m.start() for m in _ASK.finditer(text)]
    if not asked:
        return text
    out = list(text)
    for i in asked:
        out[i] = chr(get_unicode(addr, i))
    return "".join(out)


def _font(raw, i: int, buf, size: float, angle: float, pdf_font: int | None) -> tuple[str, float, bool, float, int | None]:
    """(font name, size, upright, descent in points, font id) of character i's text object."""
    import pypdfium2.raw as R

    flags = ctypes.c_int()
    n = R.FPDFText_GetFontInfo(raw, i, buf, len(buf), flags)
    # without the subset tag ("ABCDEE+"): pdfium and pdfminer name a
    # font from different entries, and a tag would split "20" from "."
    name = _SUBSET.sub("", buf.value.decode("utf-8", "replace")) if n else ""
    # pdfium reports italic skew as a small angle: only turned text is not upright
    upright = angle < 0 or min(angle, 6.283185307179586 - angle) < 0.3
    descent = ctypes.c_float(0.0)
    if not pdf_font or not R.FPDFFont_GetDescent(ctypes.cast(pdf_font, R.FPDF_FONT), ctypes.c_float(size), descent):
        descent.value = 0.0
    return name, size, upright, float(descent.value), pdf_font or None


def page_chars(page, textpage=None) -> list[Char] | None:
    """The page's characters as pdfplumber describes them (text, box, size, font), read by pdfium.

    pdfium reads a page's characters in milliseconds where pdfminer takes
    hundreds. The boxes are built the way pdfminer builds them: x from the
    glyph's origin and advance, bottom at the baseline less the font's
    descent, top one font size above it. Line breaks pdfium makes up are left out; a space it makes
    up stands for a real one it swallowed, and is kept when there is a gap.
    None when the page is rotated or its boxes are shifted (pdfplumber's
    coordinates would differ): the caller reads it with pdfplumber.
    """
    import pypdfium2.raw as R

    if not _plain_geometry(page):
        return None
    height = page.get_height()
    own = textpage is None          # a text page the caller opened stays the caller's to close
    textpage = page.get_textpage() if own else textpage
    try:
        raw = textpage.raw
        addr = ctypes.c_void_p(ctypes.cast(raw, ctypes.c_void_p).value)
        count = R.FPDFText_CountChars(raw)
        get_unicode, is_generated, loose_box, origin, text_object, obj_font, font_size, char_angle = _fns()
        rect = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
        xy = (ctypes.c_double * 2)()
        rect_p, x_p = ctypes.c_void_p(ctypes.addressof(rect)), ctypes.c_void_p(ctypes.addressof(xy))
        y_p = ctypes.c_void_p(ctypes.addressof(xy) + ctypes.sizeof(ctypes.c_double))
        buf = ctypes.create_string_buffer(512)
        # per text object, and per (font, size, angle) as a page has thousands of
        # text objects and a handful of faces: font name, size, upright, descent, font
        fonts: dict[int | None, tuple[str, float, bool, float, int | None]] = {}
        faces: dict[tuple[int, float, float], tuple[str, float, bool, float, int | None]] = {}
        # the characters with their box for the font's descent, and their baselines
        # (the box without it, below)
        chars: list[Char] = []
        bases: list[float] = []
        name, size, upright, descent, font_id, tolerance = "", 0.0, True, 0.0, None, 0.0
        no_descent: set[int | None] = set()
        pending_high = None
        gap = False
        last_obj = font = None
        add_char, add_base = chars.append, bases.append
        for i, text in enumerate(_codes(raw, addr, count, get_unicode) if count > 0 else ""):
            if " " < text < "\ud800":  # the usual character: none of the cases below
                pending_high = None
            else:
                code = ord(text)
                if code in (0x20, 0x0A, 0x0D) and is_generated(addr, i) == 1:
                    # a made-up line break is dropped; a made-up space stands for a gap
                    # pdfium saw (a real space it swallowed): it splits the word on its
                    # line, unless the next character touches the previous one
                    gap = gap or (code == 0x20 and bool(chars))
                    continue
                if 0xD800 <= code < 0xDC00:  # the high half of a surrogate pair
                    pending_high = code
                    continue
                if 0xDC00 <= code < 0xE000 and pending_high is not None:
                    code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
                pending_high = None
                if code == 0x02:
                    text = "-"  # pdfium's mark for a hyphen at the end of a line
                elif code in (0, 0xFFFD, 0xFFFE, 0xFFFF):
                    text = "(cid:0)"  # a glyph with no Unicode: counts as garbled, as pdfminer's (cid:N)
                else:
                    text = chr(code)
            if not loose_box(addr, i, rect_p) or not origin(addr, i, x_p, y_p):
                continue
            obj = text_object(addr, i)
            if obj is None or obj != last_obj:
                last_obj = obj
                font = fonts.get(obj)
                if font is None:
                    pdf_font = obj_font(ctypes.c_void_p(obj)) if obj is not None else None
                    size, angle = float(font_size(addr, i)), char_angle(addr, i)
                    face = (pdf_font, size, angle) if pdf_font else None
                    font = faces.get(face) if face else None
                    if font is None:
                        font = _font(raw, i, buf, size, angle, pdf_font)
                        if face:
                            faces[face] = font
                    if obj is not None:
                        fonts[obj] = font
                name, size, upright, descent, font_id = font
                tolerance = 0.02 * size
            x0 = xy[0]
            base = height - xy[1]  # the baseline, from the top of the page
            if abs((height - rect[3]) - base + descent) > tolerance:
                no_descent.add(font_id)
            if gap:
                prev = chars[-1]
                if x0 - prev[2] > GAP_SPACE or abs(base - bases[-1]) > 1.0:
                    chars.append((" ", *prev[1:]))
                    bases.append(bases[-1])
                gap = False
            bottom = base - descent
            add_char((text, x0, rect[2], bottom - size, bottom, upright, size, name))
            add_base(base)
        # pdfminer's box: bottom at the baseline less the descent of the font's
        # descriptor, top one size above. pdfium's loose box follows that descent
        # when the descriptor gives one, and each glyph's own extent when it does
        # not (then pdfminer's descent is 0), while FPDFFont_GetDescent may still
        # fall back to the font's box for another font of the same maker: when
        # one font's loose boxes stray from its descent, the page's fonts carry
        # no descent (as PDFs whose descriptors say 0 everywhere).
        if no_descent:
            chars = [(c[0], c[1], c[2], (base - 0.0) - c[6], base - 0.0, *c[5:]) for c, base in zip(chars, bases)]
        return chars
    finally:
        if own:
            textpage.close()


def pdfium_chars(page, textpage=None) -> list[dict] | None:
    """`page_chars` as pdfplumber's character dicts (text, x0, x1, top, bottom, doctop, upright, size, fontname)."""
    chars = page_chars(page, textpage)
    if chars is None:
        return None
    return [{"text": t, "x0": x0, "x1": x1, "upright": up, "size": size, "fontname": name,
             "bottom": bottom, "top": top, "doctop": top}
            for t, x0, x1, top, bottom, up, size, name in chars]


_LIGATURE_TABLE = str.maketrans(LIGATURES)
_LIGATURE_CHARS = frozenset(LIGATURES)


def _join(parts: list[str], expand: bool) -> str:
    """A word's text from its characters', ligatures expanded (pdfplumber's `expansions`)."""
    text = "".join(parts)
    return text.translate(_LIGATURE_TABLE) if expand else text

Word6 = tuple[str, float, float, float, float, float, str]


def group_words(chars: Sequence[Char]) -> list[Word6]:
    """The words pdfplumber's WordExtractor makes of these characters, as (text, x0, x1, top, bottom, size, fontname).

    For exactly the settings `_page_words` uses (x_tolerance=3, y_tolerance=3,
    keep_blank_chars=False, use_text_flow=False, extra_attrs size and
    fontname; tests/unit/test_pdfium_words.py holds the two side by side):
    runs of consecutive characters with the same (upright, size, fontname);
    in each run, lines are clusters of `top` (of `x0` for turned text) whose
    sorted distinct values step by at most the tolerance; a line's characters
    are sorted by x0 (by top, bottom), and a blank, a step back, a gap over
    the tolerance or a move across the line over it starts a new word. A
    word's box is its characters' union, its size and font its first's.
    """
    words: list[Word6] = []
    # a word's text with its ligatures expanded; most pages have none, and translating costs
    expand = not _LIGATURE_CHARS.isdisjoint([c[0] for c in chars])
    for (upright, size, name), run in groupby(chars, key=itemgetter(5, 6, 7)):
        run = list(run)
        # cluster_objects: the distinct keys sorted, a new cluster where one steps past the tolerance
        pos = 3 if upright else 1
        tolerance = Y_TOLERANCE if upright else X_TOLERANCE
        cluster: dict[float, int] = {}
        last = None
        n = 0
        for value in sorted({c[pos] for c in run}):
            if last is not None and not value <= last + tolerance:
                n += 1
            cluster[value] = n
            last = value
        if n == 0:
            lines = [run]
        else:
            by_cluster: list[list[Char]] = [[] for _ in range(n + 1)]
            for c in run:
                by_cluster[cluster[c[pos]]].append(c)
            lines = [line for line in by_cluster if line]
        for line in lines:
            line.sort(key=_X0 if upright else _TOP_BOTTOM)
            prev = None  # the current word's last character; its text, box so far below
            for c in line:
                text = c[0]
                if text.isspace() or text == "":
                    if prev is not None:
                        words.append((_join(parts, expand), x0, x1, top, bottom, size, name))
                        prev = None
                    if text == "":  # pdfplumber's `text in split_at_punctuation`: a word of its own
                        words.append(("", c[1], c[2], c[3], c[4], size, name))
                    continue
                if prev is not None:
                    # pdfplumber's char_begins_new_word, left to right (upright) or top to bottom
                    if upright:
                        new = c[1] < prev[1] or c[1] > prev[2] + X_TOLERANCE or abs(c[3] - prev[3]) > Y_TOLERANCE
                    else:
                        new = c[3] < prev[3] or c[3] > prev[4] + Y_TOLERANCE or abs(c[1] - prev[1]) > X_TOLERANCE
                    if not new:
                        # the union as min() and max() give it (the first of equals)
                        parts.append(text)
                        if c[1] < x0:
                            x0 = c[1]
                        if c[2] > x1:
                            x1 = c[2]
                        if c[3] < top:
                            top = c[3]
                        if c[4] > bottom:
                            bottom = c[4]
                        prev = c
                        continue
                    words.append((_join(parts, expand), x0, x1, top, bottom, size, name))
                parts = [text]
                _, x0, x1, top, bottom = c[:5]
                prev = c
            if prev is not None:
                words.append((_join(parts, expand), x0, x1, top, bottom, size, name))
    return words


_X0 = itemgetter(1)
_TOP_BOTTOM = itemgetter(3, 4)


def pdfium_words(page, textpage=None) -> list[Word] | None:
    """The page's words from pdfium's characters, grouped as pdfplumber's `extract_words` groups them."""
    chars = page_chars(page, textpage)
    if chars is None:
        return None
    # positional (text, x0, x1, top, bottom, conf, bold, size): a page makes ~500 of them
    return join_spaced_marks([Word(text, x0, x1, top, bottom, None, _bold(name), size)
                              for text, x0, x1, top, bottom, size, name in group_words(chars)])


@lru_cache(maxsize=512)
def _bold(fontname: str) -> bool | None:
    if not fontname:
        return None
    return bool(regex.search(r"bold|black|heavy|,B\b|-B$", fontname, regex.IGNORECASE))

