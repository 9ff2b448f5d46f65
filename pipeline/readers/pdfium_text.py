"""A PDF page's characters and words from pdfium, as pdfplumber would give them.

Split out of pipeline.readers.pdf (which re-exports these names). pdfplumber's own
`extract_words` parses the page in Python through pdfminer (≈ 400 ms a page);
here pdfium gives each character with its box and font (`pdfium_chars`, a few
ctypes calls a character) and pdfplumber's word grouping runs on those
(`pdfium_words`). `_page_words` is the slow path, for pages whose geometry
pdfium does not match (rotated, shifted box).
"""
from __future__ import annotations

from functools import lru_cache

import regex

from pipeline.readers.geometry import Word
from pipeline.readers.syllables import join_spaced_marks

# A space pdfium made up is kept only when the next character starts this many
# points after the previous one ends: "20" + "." drawn apart stay "20.".
GAP_SPACE = 1.0


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


_EXTRACTOR = None
_SUBSET = regex.compile(r"^[A-Z]{6}\+")


def _extractor():
    """pdfplumber's word grouping with the settings `_page_words` uses, for chars from pdfium."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        from pdfplumber.utils.text import WordExtractor

        _EXTRACTOR = WordExtractor(x_tolerance=3, y_tolerance=3, keep_blank_chars=False,
                                   use_text_flow=False, extra_attrs=["size", "fontname"])
    return _EXTRACTOR


def _plain_geometry(page) -> bool:
    """True when pdfium's page space is pdfplumber's: no rotation, media box at the origin, no crop."""
    try:
        if page.get_rotation() % 360:
            return False
        media, crop = page.get_mediabox(), page.get_cropbox()
    except Exception:
        return False
    return abs(media[0]) < 0.01 and abs(media[1]) < 0.01 and all(abs(a - b) < 0.01 for a, b in zip(media, crop))


_TEXT_OBJECT = None


def _text_object_fn():
    """FPDFText_GetTextObject returning the object's address (an int to key a cache by)."""
    global _TEXT_OBJECT
    if _TEXT_OBJECT is None:
        import ctypes

        import pypdfium2.raw as R

        proto = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
        _TEXT_OBJECT = proto(ctypes.cast(R.FPDFText_GetTextObject, ctypes.c_void_p).value)
    return _TEXT_OBJECT


def pdfium_chars(page, textpage=None) -> list[dict] | None:
    """The page's characters as pdfplumber describes them (text, box, size, font), read by pdfium.

    pdfium reads a page's characters in milliseconds where pdfminer takes
    hundreds. The boxes are built the way pdfminer builds them: x from the
    glyph's origin and advance, bottom at the baseline less the font's
    descent, top one font size above it. Line breaks pdfium makes up are left out; a space it makes
    up stands for a real one it swallowed, and is kept when there is a gap.
    None when the page is rotated or its boxes are shifted (pdfplumber's
    coordinates would differ): the caller reads it with pdfplumber.
    """
    import ctypes

    import pypdfium2.raw as R

    if not _plain_geometry(page):
        return None
    height = page.get_height()
    own = textpage is None          # a text page the caller opened stays the caller's to close
    textpage = page.get_textpage() if own else textpage
    try:
        raw = textpage.raw
        count = R.FPDFText_CountChars(raw)
        rect = R.FS_RECTF()
        buf = ctypes.create_string_buffer(512)
        flags = ctypes.c_int()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        get_unicode, is_generated = R.FPDFText_GetUnicode, R.FPDFText_IsGenerated
        loose_box, origin, text_object = R.FPDFText_GetLooseCharBox, R.FPDFText_GetCharOrigin, _text_object_fn()
        raw_ptr = ctypes.cast(raw, ctypes.c_void_p)
        # per text object: font name, size, upright (one matrix for all its characters)
        fonts: dict[int | None, tuple[str, float, bool, float]] = {}
        chars: list[dict] = []
        no_descent: set[int | None] = set()
        pending_high = None
        gap = False
        for i in range(count):
            code = get_unicode(raw, i)
            if code in (0x20, 0x0A, 0x0D) and is_generated(raw, i) == 1:
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
            if not loose_box(raw, i, rect) or not origin(raw, i, ox, oy):
                continue
            obj = text_object(raw_ptr, i)
            font = fonts.get(obj)
            if font is None:
                n = R.FPDFText_GetFontInfo(raw, i, buf, len(buf), flags)
                # without the subset tag ("ABCDEE+"): pdfium and pdfminer name a
                # font from different entries, and a tag would split "20" from "."
                name = _SUBSET.sub("", buf.value.decode("utf-8", "replace")) if n else ""
                angle = R.FPDFText_GetCharAngle(raw, i)
                # pdfium reports italic skew as a small angle: only turned text is not upright
                upright = angle < 0 or min(angle, 6.283185307179586 - angle) < 0.3
                size = float(R.FPDFText_GetFontSize(raw, i))
                descent = ctypes.c_float(0.0)
                pdf_font = R.FPDFTextObj_GetFont(R.FPDFText_GetTextObject(raw, i))
                if not pdf_font or not R.FPDFFont_GetDescent(pdf_font, ctypes.c_float(size), descent):
                    descent.value = 0.0
                font_id = ctypes.cast(pdf_font, ctypes.c_void_p).value if pdf_font else None
                font = (name, size, upright, float(descent.value), font_id)
                if obj is not None:
                    fonts[obj] = font
            name, size, upright, descent_pt, font_id = font
            x0 = ox.value
            base = height - oy.value  # the baseline, from the top of the page
            if abs((height - rect.bottom) - base + descent_pt) > 0.02 * size:
                no_descent.add(font_id)
            if gap:
                prev = chars[-1]
                if x0 - prev["x1"] > GAP_SPACE or abs(base - prev["_base"]) > 1.0:
                    chars.append({**prev, "text": " "})
                gap = False
            chars.append({"text": text, "x0": x0, "x1": rect.right, "_base": base, "_descent": descent_pt,
                          "_font": font_id, "upright": upright, "size": size, "fontname": name})
        # pdfminer's box: bottom at the baseline less the descent of the font's
        # descriptor, top one size above. pdfium's loose box follows that descent
        # when the descriptor gives one, and each glyph's own extent when it does
        # not (then pdfminer's descent is 0), while FPDFFont_GetDescent may still
        # fall back to the font's box for another font of the same maker: when
        # one font's loose boxes stray from its descent, the page's fonts carry
        # no descent (as PDFs whose descriptors say 0 everywhere).
        zero = bool(no_descent)
        for c in chars:
            bottom = c.pop("_base") - (0.0 if zero else c["_descent"])
            del c["_descent"], c["_font"]
            c["bottom"], c["top"] = bottom, bottom - c["size"]
            c["doctop"] = c["top"]
        return chars
    finally:
        if own:
            textpage.close()


def pdfium_words(page, textpage=None) -> list[Word] | None:
    """The page's words from pdfium's characters, grouped as pdfplumber's `extract_words` groups them."""
    chars = pdfium_chars(page, textpage)
    if chars is None:
        return None
    return _to_words(_extractor().extract_words(chars))


@lru_cache(maxsize=512)
def _bold(fontname: str) -> bool | None:
    if not fontname:
        return None
    return bool(regex.search(r"bold|black|heavy|,B\b|-B$", fontname, regex.IGNORECASE))
