"""Born-digital PDF reader: text layer with word positions, pages that need OCR sent to OCR.

Per page: pypdfium2 tells in a millisecond whether there is a text layer at
all, and gives its characters with their boxes and fonts (`page_chars`);
a hand-written copy of pdfplumber's word grouping turns them into the words
`extract_words` would give, at a hundredth of its cost (pdfminer parsing the
page is what is slow, so pdfplumber itself reads only pages whose geometry
pdfium cannot match: rotated, or with a shifted box). `geometry.words_to_lines`
turns the words into lines with their column. At most MAX_PAGES pages are
read. A page is "needs OCR" when its text layer is empty, holds only a
signature stamp, or is garbled (a font without a Unicode map prints
`CØNG HOÀXÃ HØI`, `Ùc l-p - Tå do` or `(cid:12)`): judged by the share of
words that are Vietnamese syllables.
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
from pipeline.readers.pdfium_text import GAP_SPACE, _page_words, pdfium_chars, pdfium_words  # noqa: F401 - re-exported
from pipeline.readers.pdf_pages import annotated as _annotated
from pipeline.readers.pdf_pages import close_pages as _close_pages
from pipeline.readers.pdf_pages import flatten as _flatten
from pipeline.readers.pdf_pages import image_cover as _image_cover
from pipeline.readers.syllables import bare as _bare
from pipeline.readers.syllables import is_syllable
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


_BAD, _GOOD, _ACCENTED, _SKIP = range(4)


@lru_cache(maxsize=65536)
def _kind(tok: str) -> int:
    """How text_quality counts one token (cached: a page repeats its syllables)."""
    if tok.startswith("(cid:") or not _VI_LETTERS.fullmatch(_bare(tok)):
        return _BAD
    if is_syllable(tok):
        return _GOOD if tok.isascii() else _ACCENTED
    # a code or a foreign word does not count
    return _SKIP if tok.isascii() and (tok.isupper() or len(tok) > 3) else _BAD


def text_quality(text: str) -> float:
    """Share of words that read as Vietnamese syllables; 1.0 when there are no words.

    All-ASCII capitals (UBND, CCHC, KGVX) are codes and do not count either
    way; glyph ids (`(cid:12)`) and letters outside Vietnamese count as bad.
    """
    good = bad = accented = 0
    for tok in _TOKEN.findall(text):
        kind = _kind(tok)
        if kind == _BAD:
            bad += 1
        elif kind != _SKIP:
            good += 1
            accented += kind == _ACCENTED
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
    path: Path, data: bytes, numbers: list[int], scanned: set[int] | None = None, fast: bool = True,
    opened: dict[int, tuple] | None = None,
) -> dict[int, tuple[list[Line], PageInfo, str]]:
    """Words -> lines for the given pages; the verdict (text / needs-ocr) per page.

    Words come from pdfium's characters (`pdfium_words`), or from pdfplumber
    for a page pdfium's geometry does not match (rotated, shifted box) and
    when `fast` is off. `opened`: page number -> (page, text page) already
    loaded (`read` keeps the pages flattening did not change), used instead
    of loading them again; the caller closes them.
    """
    out: dict[int, tuple[list[Line], PageInfo, str]] = {}
    plumber = _Plumber(data)
    opened = opened if fast else None
    pdoc = _open(data) if fast and not opened else None
    try:
        for no in numbers:
            words = None
            if opened is not None and no in opened:
                ppage, tpage = opened[no]
                try:
                    width, height = (round(v, 3) for v in ppage.get_size())
                    words = pdfium_words(ppage, tpage)
                except Exception:  # pdfium cannot read this page's text: pdfplumber may
                    words = None
            elif pdoc is not None or opened is not None:
                if pdoc is None:
                    pdoc = _open(data)
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
    # pages with a text layer and no annotation stay loaded (with their text page) for
    # _text_pages: flattening leaves them as they are, and loading a page and its text
    # again is a third of pdfium's cost
    opened: dict[int, tuple] = {}
    held: dict[int, object] = {}  # annotated pages, kept loaded for _flatten
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
        annotated: list[int] = []  # pages holding annotations: flattened, then read from the new bytes
        for i in range(count):
            if i + 1 in skipped:
                continue
            page = doc[i]
            keep = False
            if _annotated(page):
                annotated.append(i + 1)
            sizes[i + 1] = page.get_size()
            covers[i + 1] = _image_cover(page)
            if covers[i + 1] >= SCAN_COVER:
                scanned.add(i + 1)
            try:
                textpage = page.get_textpage()
                chars[i + 1] = len(textpage.get_text_range().strip())
                flattened = bool(annotated) and annotated[-1] == i + 1  # read again once flattened
                if chars[i + 1] and not flattened:
                    opened[i + 1], keep = (page, textpage), True
                else:
                    textpage.close()
                    if flattened:
                        held[i + 1], keep = page, True
            except Exception:  # a damaged content stream: let pdfplumber or OCR judge it
                chars[i + 1] = MIN_CHARS
            finally:
                if not keep:
                    page.close()
        try:
            # only pages with annotations are flattened (and each page's count is known by now)
            flat = _flatten(doc, data, annotated, held) if annotated and any(c >= MIN_CHARS for c in chars.values()) \
                else data
        except Exception:  # a damaged annotation: read the page content alone
            flat = data
        _close_pages(held)

        # pages with a text layer: enough characters, or any text on a page no scan covers
        layer = [n for n, c in chars.items() if c >= MIN_CHARS or (c > 0 and n not in scanned)]
        # a page with no text and no picture at all is blank: nothing for OCR either
        blank = [n for n, c in chars.items() if c == 0 and covers.get(n, 0.0) < BLANK_COVER]
        try:
            pages = _text_pages(path, flat, layer, scanned, opened=opened or None) if layer else {}
        except CorruptDocument:
            raise
        except Exception as exc:  # pdfminer fails in many ways on damaged files
            raise CorruptDocument(f"cannot read PDF text: {type(exc).__name__}") from None
    finally:
        _close_pages(opened)
        _close_pages(held)
        doc.close()
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
