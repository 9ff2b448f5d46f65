"""Born-digital PDF reader: text layer with word positions, pages that need OCR sent to OCR.

Per page: pypdfium2 tells in a millisecond whether there is a text layer at
all, and gives its characters with their boxes and fonts (`pdfium_chars`);
pdfplumber's word grouping turns them into the words `extract_words` would
give, at a hundredth of its cost (pdfminer parsing the page is what is slow,
so pdfplumber itself reads only pages whose geometry pdfium cannot match:
rotated, or with a shifted box). `geometry.words_to_lines` turns the words
into lines with their column. At most MAX_PAGES pages are read. A page is
"needs OCR" when its text layer is empty, holds only a signature stamp, or is
garbled (a font without a Unicode map prints `CØNG HOÀXÃ HØI`, `Ùc l-p - Tå do`
or `(cid:12)`): judged by the share of words that are Vietnamese syllables.
Those pages go to `pipeline.readers.ocr.ocr_pdf_pages` when OCR is installed.

Stamps of a digital signature ("Ký bởi: ...", "Email: ...", "Cơ quan: ...",
"Thời gian ký: ...") are small-font text in a box; Công báo banners run above
the header of every page; page numbers sit alone in the margin. All three are
dropped here: they are not part of the dispatch, and left in they would land
inside the header's right cell or the middle of the body.
"""
from __future__ import annotations

import io
import logging
import unicodedata
from functools import lru_cache
from pathlib import Path
from statistics import median

import regex

from pipeline.builder import build_document
from pipeline.errors import CorruptDocument, EncryptedDocument, NeedsOCR, ToolMissing
from pipeline.readers import sha256
from pipeline.readers.geometry import Word, group_visual_lines, words_to_lines
from pipeline.readers.syllables import bare as _bare
from pipeline.readers.syllables import is_syllable, join_spaced_marks
from schemas.document import InputFormat, Line, PageInfo

_log = logging.getLogger(__name__)

# A page with fewer characters than this in its text layer is a scan.
MIN_CHARS = 20
# ... or, on a page covered by a scanned image, fewer words than this once stamps
# are dropped: a scan whose flattened signature stamps left a few lines of text.
# A born-digital page with few words (a last page holding only Nơi nhận and the
# signature) has no such image and keeps its text layer.
MIN_WORDS = 35
# Share of the page an image must cover for the page to count as a scan.
SCAN_COVER = 0.5
# Below this, a page with no text holds no picture worth OCR (a blank page).
BLANK_COVER = 0.05
# Share of words that must read as Vietnamese syllables (or codes) for the
# text layer to be trusted; garbled layers score well under 0.5.
MIN_QUALITY = 0.75
# A page of at least this many syllables of which fewer than this share carry
# a Vietnamese letter or tone mark has lost its marks.
UNACCENTED_MIN_WORDS = 30
UNACCENTED_SHARE = 0.15
# A space pdfium made up is kept only when the next character starts this many
# points after the previous one ends: "20" + "." drawn apart stay "20.".
GAP_SPACE = 1.0
# Pages whose text is read at most; a longer PDF has its first MAX_PAGES - 1
# pages and its last page read (the signature and Nơi nhận are on the last
# page) and is flagged in the warnings.
MAX_PAGES = 30
# Stamp text is printed smaller than the body: at most this share of the page's usual size.
STAMP_SIZE = 0.85

# --- stamps, banners, page numbers ---------------------------------------------

# First words of a digital-signature stamp's lines. A strong line alone marks a
# stamp; a weak one ("Email", "Cơ quan:") only next to a strong line, since
# footnotes and addresses print them too.
STAMP_STRONG = regex.compile(
    r"""^(?:Ký\s+bởi|Người\s+ký|Ký\s+số\s+bởi|Thời\s+gian\s+ký|Ngày\s+ký|Ngày\s+giờ\s+ký|Signed\s+by|Signature\s+valid)""",
    regex.VERBOSE | regex.IGNORECASE | regex.VERSION1,
)
STAMP_WEAK = regex.compile(
    r"""^(?:Email|E-mail|Cơ\s+quan\s*:|Tổ\s+chức\s*:|Chức\s+vụ\s*:|Date\s*:|Reason\s*:|Location\s*:)""",
    regex.VERBOSE | regex.IGNORECASE | regex.VERSION1,
)
# The timestamp a stamp prints: "27.01.2026 15:28:23 +07:00", "2026-01-27T15:28:23".
STAMP_TIME = regex.compile(r"\d{1,4}[-./]\d{1,2}[-./]\d{1,4}[\sT]+\d{1,2}:\d{2}(?::\d{2})?", regex.VERSION1)
# A Công báo running header: "CÔNG BÁO/Số 123 + 124/Ngày 15-02-2024".
CONG_BAO = regex.compile(r"^CÔNG\s+BÁO\b.{0,40}(?:Số|Ngày)\b", regex.IGNORECASE | regex.VERSION1)
# A page number alone in the top or bottom margin: "2", "- 2 -", "Trang 2".
PAGE_NO = regex.compile(r"^(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*-)?(?:\s*/\s*\d{1,3})?$", regex.IGNORECASE)
MARGIN = 0.09  # share of the page height that counts as top or bottom margin

_TOKEN = regex.compile(r"\(cid:\d+\)|[^\s\d\p{P}\p{S}]+", regex.VERSION1)
_VI_LETTERS = regex.compile(r"[a-zăâđêôơư]+", regex.VERSION1)


def text_quality(text: str) -> float:
    """Share of words that read as Vietnamese syllables; 1.0 when there are no words.

    All-ASCII capitals (UBND, CCHC, KGVX) are codes and do not count either
    way; glyph ids (`(cid:12)`) and letters outside Vietnamese count as bad.
    """
    good = bad = accented = 0
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if tok.startswith("(cid:"):
            bad += 1
            continue
        if not _VI_LETTERS.fullmatch(_bare(tok)):
            bad += 1
        elif is_syllable(tok):
            good += 1
            accented += not tok.isascii()
        elif tok.isascii() and (tok.isupper() or len(tok) > 3):
            continue  # a code or a foreign word
        else:
            bad += 1
    score = good / (good + bad) if good + bad else 1.0
    if good >= UNACCENTED_MIN_WORDS and accented < UNACCENTED_SHARE * good:
        # Vietnamese without its marks: a text layer an OCR without Vietnamese
        # made ("Dieu 2: Hoi dong co nhiem vu"); two syllables in three carry one
        score = min(score, UNACCENTED_SHARE)
    return score


# --- reading -------------------------------------------------------------------


def _open(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise EncryptedDocument("the PDF is password-protected") from None
        raise CorruptDocument(f"cannot open PDF: {msg.splitlines()[0] if msg else 'damaged file'}") from None


def _flatten(doc, data: bytes, numbers: list[int] | None = None) -> bytes:
    """The PDF with its printable annotations merged into the page content.

    Signing systems stamp the number and the date into signature fields
    (widgets) placed over the blanks of `Số:      /KH-UBND` and `ngày   tháng`;
    that text lives in the widgets' appearance streams, which text extraction
    does not read. Flattening puts it where it is printed.
    """
    import pypdfium2.raw as R

    flattened = False
    for i in (range(len(doc)) if numbers is None else [n - 1 for n in numbers]):
        page = doc[i]
        try:
            if R.FPDFPage_GetAnnotCount(page.raw) > 0:
                flattened |= R.FPDFPage_Flatten(page.raw, R.FLAT_PRINT) == R.FLATTEN_SUCCESS
        finally:
            page.close()
    if not flattened:
        return data
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


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


def pdfium_chars(page) -> list[dict] | None:
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
    textpage = page.get_textpage()
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
        textpage.close()


def pdfium_words(page) -> list[Word] | None:
    """The page's words from pdfium's characters, grouped as pdfplumber's `extract_words` groups them."""
    chars = pdfium_chars(page)
    if chars is None:
        return None
    return _to_words(_extractor().extract_words(chars))


@lru_cache(maxsize=512)
def _bold(fontname: str) -> bool | None:
    if not fontname:
        return None
    return bool(regex.search(r"bold|black|heavy|,B\b|-B$", fontname, regex.IGNORECASE))


def drop_furniture(words: list[Word], page_height: float) -> tuple[list[Word], int]:
    """Remove stamp, Công báo banner and page-number words; return the rest and how many stamp lines went."""
    if not words:
        return words, 0
    sizes = [w.size for w in words if w.size]
    usual = median(sizes) if sizes else 12.0
    rows = group_visual_lines(words)
    texts = [" ".join(w.text for w in row) for row in rows]
    strong = [_box(row) for row, text in zip(rows, texts) if _stamp_line(text, row, usual)]
    keep: list[Word] = []
    stamps = 0
    for row, text in zip(rows, texts):
        top = min(w.top for w in row)
        if strong and (_stamp_line(text, row, usual) or (STAMP_WEAK.match(text) and _near(_box(row), strong, usual))):
            stamps += 1
            continue
        if CONG_BAO.match(text) and top < 0.2 * page_height:
            continue
        in_margin = top < MARGIN * page_height or top > (1 - MARGIN) * page_height
        if in_margin and PAGE_NO.match(text.strip()):
            continue
        keep.extend(row)
    if strong:
        # small words right by a stamp line: the wrapped name of the signing body
        keep = [w for w in keep if not (_small(w, usual) and _near((w.x0, w.x1, w.top, w.bottom), strong, usual))]
    return keep, stamps


def _box(row: list[Word]) -> tuple[float, float, float, float]:
    return row[0].x0, max(w.x1 for w in row), min(w.top for w in row), max(w.bottom for w in row)


def _small(w: Word, usual: float) -> bool:
    return bool(w.size) and w.size <= STAMP_SIZE * usual  # type: ignore[operator]


def _stamp_line(text: str, row: list[Word], usual: float) -> bool:
    if STAMP_STRONG.match(text):
        return True
    # a bare timestamp line in small print ("27-01-2026 15:28:23 +07:00")
    return bool(STAMP_TIME.search(text)) and len(text) < 40 and all(_small(w, usual) for w in row)


def _near(box: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]], usual: float) -> bool:
    reach = 3 * usual
    x0, x1, top, bottom = box
    return any(x0 < bx1 + reach and x1 > bx0 - reach and top < bb + reach and bottom > bt - reach
               for bx0, bx1, bt, bb in boxes)


def _image_cover(page) -> float:
    """Largest share of the page covered by one image object (1.0 for a scan)."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    best = 0.0
    try:
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            best = max(best, (right - left) * (top - bottom) / (width * height or 1.0))
    except Exception:  # a damaged page: no verdict from images
        return 0.0
    return min(best, 1.0)


class _Plumber:
    """pdfplumber opened on first use: the fallback for pages pdfium's boxes do not fit."""

    def __init__(self, data: bytes):
        self.data = data
        self.pdf = None

    def page(self, no: int):
        if self.pdf is None:
            import pdfplumber
            from pdfminer.pdfparser import PDFSyntaxError

            try:
                self.pdf = pdfplumber.open(io.BytesIO(self.data))
            except PDFSyntaxError as exc:
                raise CorruptDocument(f"cannot parse PDF: {exc}") from None
        return self.pdf.pages[no - 1]

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def _text_pages(
    path: Path, data: bytes, numbers: list[int], scanned: set[int] | None = None, fast: bool = True
) -> dict[int, tuple[list[Line], PageInfo, str]]:
    """Words -> lines for the given pages; the verdict (text / needs-ocr) per page.

    Words come from pdfium's characters (`pdfium_words`), or from pdfplumber
    for a page pdfium's geometry does not match (rotated, shifted box) and
    when `fast` is off.
    """
    out: dict[int, tuple[list[Line], PageInfo, str]] = {}
    plumber = _Plumber(data)
    pdoc = _open(data) if fast else None
    try:
        for no in numbers:
            words = None
            if pdoc is not None:
                ppage = pdoc[no - 1]
                try:
                    width, height = (round(v, 3) for v in ppage.get_size())
                    words = pdfium_words(ppage)
                except Exception:  # pdfium cannot read this page's text: pdfplumber may
                    words = None
                finally:
                    ppage.close()
            if words is None:
                page = plumber.page(no)
                width, height = float(page.width), float(page.height)
                words = _page_words(page)
            info = PageInfo(number=no, width=float(width), height=float(height))
            words, _ = drop_furniture(words, float(height))
            text = " ".join(w.text for w in words)
            why = ""
            is_scan = no in (scanned or set())
            chars = len(text.replace(" ", ""))
            if is_scan and (chars < MIN_CHARS or len(words) < MIN_WORDS):
                why = "only a stamp or a few characters"
            elif not is_scan and chars == 0:
                # a born-digital page holding only furniture (a page number): nothing to read
                info.path = "empty"
                out[no] = ([], info, "")
                continue
            elif not is_scan and chars < MIN_CHARS:
                why = ""  # a short page of real text ("- Lưu: VT, KTTH." spilled onto page 2)
            elif chars >= MIN_CHARS and text_quality(text) < MIN_QUALITY:
                why = "garbled text layer"
            if why:
                info.path = "needs-ocr"
                out[no] = ([], info, why)
                continue
            lines = words_to_lines(words, no, float(width), "pdf")
            offset = 0
            for line in lines:  # offsets in the page's raw text: its lines joined by newlines
                line.src_start = offset
                offset += len(line.text) + 1
            out[no] = (lines, info, "")
    finally:
        if pdoc is not None:
            pdoc.close()
        plumber.close()
    return out


def drop_running(pages: dict[int, list[Line]], heights: dict[int, float]) -> dict[int, list[Line]]:
    """Remove running headers and footers: a margin line printed on two or more pages.

    A Word page header or footer (a running title, "Trang 2/3") repeats in the
    top or bottom margin of every page; left in, page 1's lands in the header's
    right cell and page 2's splits the Nơi nhận list. Digits are ignored when
    comparing, so page numbers inside the line do not hide the repetition.
    """
    if len(pages) < 2:
        return pages

    def key(line: Line) -> str | None:
        height = heights.get(line.page) or 0.0
        top = line.top if line.top is not None else height / 2
        if not height or MARGIN * height <= top <= (1 - MARGIN) * height:
            return None
        return regex.sub(r"\d+", "#", line.text.strip().lower())

    seen: dict[str, set[int]] = {}
    for no, lines in pages.items():
        for line in lines:
            k = key(line)
            if k:
                seen.setdefault(k, set()).add(no)
    running = {k for k, nos in seen.items() if len(nos) >= 2}
    if not running:
        return pages
    return {no: [ln for ln in lines if key(ln) not in running] for no, lines in pages.items()}


def _ocr(path: Path, numbers: list[int], warnings: list[str] | None = None) -> dict[int, list[Line]] | None:
    """OCR the pages through the OCR reader; None when OCR is not available."""
    try:
        from pipeline.readers.ocr import ocr_pdf_pages
    except ImportError:
        return None
    try:
        return ocr_pdf_pages(path, numbers, warnings)
    except ToolMissing:
        return None


def capped_pages(count: int, cap: int | None = None) -> set[int]:
    """Page numbers left unread under the page cap: all but the first cap - 1 and the last."""
    cap = MAX_PAGES if cap is None else cap
    if count <= cap:
        return set()
    return set(range(cap, count))


def read(path: Path, data: bytes):
    """Read a PDF: text-layer pages through geometry, other pages through OCR."""
    doc = _open(data)
    try:
        count = len(doc)
        if count == 0:
            raise CorruptDocument("the PDF has no pages")
        # judged before flattening: a scan carrying a signature stamp is still a scan
        chars: dict[int, int] = {}
        sizes: dict[int, tuple[float, float]] = {}
        scanned: set[int] = set()
        covers: dict[int, float] = {}
        skipped = capped_pages(count)
        for n in skipped:
            sizes[n] = doc.get_page_size(n - 1)
        for i in range(count):
            if i + 1 in skipped:
                continue
            page = doc[i]
            sizes[i + 1] = page.get_size()
            covers[i + 1] = _image_cover(page)
            if covers[i + 1] >= SCAN_COVER:
                scanned.add(i + 1)
            try:
                chars[i + 1] = len(page.get_textpage().get_text_range().strip())
            except Exception:  # a damaged content stream: let pdfplumber or OCR judge it
                chars[i + 1] = MIN_CHARS
            finally:
                page.close()
        try:
            flat = _flatten(doc, data, sorted(chars)) if any(c >= MIN_CHARS for c in chars.values()) else data
        except Exception:  # a damaged annotation: read the page content alone
            flat = data
    finally:
        doc.close()

    # pages with a text layer: enough characters, or any text on a page no scan covers
    layer = [n for n, c in chars.items() if c >= MIN_CHARS or (c > 0 and n not in scanned)]
    # a page with no text and no picture at all is blank: nothing for OCR either
    blank = [n for n, c in chars.items() if c == 0 and covers.get(n, 0.0) < BLANK_COVER]
    try:
        pages = _text_pages(path, flat, layer, scanned) if layer else {}
    except CorruptDocument:
        raise
    except Exception as exc:  # pdfminer fails in many ways on damaged files
        raise CorruptDocument(f"cannot read PDF text: {type(exc).__name__}") from None
    infos: dict[int, PageInfo] = {n: pages[n][1] for n in pages}
    reasons: dict[int, str] = {n: pages[n][2] for n in pages if pages[n][2]}
    for n in skipped:
        width, height = sizes[n]
        infos[n] = PageInfo(number=n, path="empty", width=width, height=height)
    for n in chars:
        if n not in infos:
            width, height = sizes[n]
            if n in blank:
                infos[n] = PageInfo(number=n, path="empty", width=width, height=height)
                continue
            infos[n] = PageInfo(number=n, path="needs-ocr", width=width, height=height)
            reasons[n] = "no text layer"
    need = sorted(reasons)
    lines_by_page: dict[int, list[Line]] = {n: pages[n][0] for n in pages if not pages[n][2]}
    lines_by_page = drop_running(lines_by_page, {n: infos[n].height or 0.0 for n in lines_by_page})
    warnings: list[str] = []
    if skipped:
        warnings.append(f"long document: read {count - len(skipped)} of {count} pages "
                        f"(pages {min(skipped)}-{max(skipped)} not read)")
    reader = "pdf-text"
    if need:
        ocr = _ocr(path, need, warnings)
        if ocr is None:
            if not lines_by_page:
                raise NeedsOCR(f"needs OCR: no usable text layer on {len(need)} page(s)")
            warnings.append(f"OCR not available: skipped page(s) {', '.join(map(str, need))} ({reasons[need[0]]})")
        else:
            for n in need:
                if ocr.get(n):
                    lines_by_page[n] = ocr[n]
                    infos[n].path = "ocr"
            reader = "pdf-text+ocr" if any(pages.get(n) and not pages[n][2] for n in pages) else "pdf-ocr"
            missing = [n for n in need if not ocr.get(n)]
            if missing:
                warnings.append(f"OCR gave no text for page(s) {', '.join(map(str, missing))}")
    from pipeline.readers.signatures import describe, read_signatures

    signed = read_signatures(data)
    warnings.extend(describe(signed))
    lines = [line for n in sorted(lines_by_page) for line in lines_by_page[n]]
    if not lines:
        raise NeedsOCR(f"needs OCR: no usable text layer on {len(need)} page(s)")
    doc = build_document(
        path, sha256(data), InputFormat.PDF, reader, lines,
        pages=[infos[n] for n in sorted(infos)], warnings=warnings,
    )
    doc.signatures = signed
    return doc
