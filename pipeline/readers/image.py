"""Photo and scan images (.png, .jpg, .tif): every frame through OCR.

A multi-page TIFF gives one page per frame. Phone photos carry their rotation
in EXIF, which is applied first; the rest (red ink, skew, upside-down pages)
is the OCR reader's job.
"""
from __future__ import annotations

import io
import warnings
from pathlib import Path

from pipeline.builder import build_document
from pipeline.errors import CorruptDocument, EmptyDocument
from pipeline.readers import ocr
from pipeline.readers import sha256
from schemas.document import InputFormat, PageInfo, ParsedDocument

# An A4 page at 300 dpi is 2480 px wide; narrower images are scaled up to this.
MIN_WIDTH = 2000
# An A4 page at 600 dpi is 4961×7016 = 35 Mpx; A3 at 400 dpi 31 Mpx. Above 50 Mpx
# (150 MB as RGB, copied a few times on the way to OCR) an image is refused
# before its pixels are decoded (Image.open only reads the header). The count is
# taken after the scale-up to MIN_WIDTH, so a 1-pixel-wide strip is refused too.
MAX_PIXELS = 50_000_000


def _check_size(width: int, height: int) -> None:
    w, h = width, height
    if 0 < w < MIN_WIDTH:
        w, h = MIN_WIDTH, int(h * MIN_WIDTH / w)
    if w * h > MAX_PIXELS:
        raise CorruptDocument(f"image too large: {width}×{height} (limit {MAX_PIXELS // 1_000_000} Mpx)")


def _frames(data: bytes):
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # PIL warns above its own limit (89 Mpx) and raises above twice that;
            # ours is lower and is checked below, before anything is decoded
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
        n = min(getattr(img, "n_frames", 1), ocr.max_pages())
        for i in range(n):  # seek() reads a frame's header, not its pixels
            img.seek(i)
            _check_size(*img.size)
        img.seek(0)
        img.load()
    except Image.DecompressionBombError:
        raise CorruptDocument("image too large: more pixels than PIL allows") from None
    except UnidentifiedImageError:
        raise CorruptDocument("cannot open image: not a PNG, JPEG or TIFF PIL can read") from None
    except (OSError, ValueError, EOFError, SyntaxError) as exc:
        raise CorruptDocument(f"cannot open image: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    for i in range(n):
        try:
            img.seek(i)
            frame = ImageOps.exif_transpose(img.copy()) if i == 0 else img.copy()
            frame = frame.convert("RGB")
        except (OSError, ValueError, EOFError) as exc:  # a damaged later frame of a TIFF
            why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise CorruptDocument(f"cannot decode image frame {i + 1}: {why}") from None
        if frame.width < MIN_WIDTH:
            # phone photos and low-dpi scans: Tesseract wants ~300 dpi text
            scale = MIN_WIDTH / frame.width
            frame = frame.resize((MIN_WIDTH, int(frame.height * scale)), Image.LANCZOS)
        yield i + 1, frame


def read(path: Path, data: bytes) -> ParsedDocument:
    ocr.require_tesseract()
    warnings: list[str] = []
    pages: list[PageInfo] = []

    def frames():
        # one frame decoded at a time, as OCR takes them: a list of a TIFF's frames held
        # every page's colour image (35 MB each at 300 dpi) until the last was read
        for n, img in _frames(data):
            pages.append(PageInfo(number=n, path="ocr", width=img.width, height=img.height))
            yield n, img
            del img

    result = ocr.ocr_images(frames(), warnings)
    lines = [line for n in sorted(result) for line in result[n]]
    if not lines:
        raise EmptyDocument("OCR found no text in the image")
    return build_document(path, sha256(data), InputFormat.IMAGE, "ocr", lines, pages=pages, warnings=warnings)
