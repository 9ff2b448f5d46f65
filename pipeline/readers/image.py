"""Photo and scan images (.png, .jpg, .tif): every frame through OCR.

A multi-page TIFF gives one page per frame. Phone photos carry their rotation
in EXIF, which is applied first; the rest (red ink, skew, upside-down pages)
is the OCR reader's job.
"""
from __future__ import annotations

import io
from pathlib import Path

from pipeline.builder import build_document
from pipeline.errors import CorruptDocument, EmptyDocument
from pipeline.readers import ocr
from pipeline.readers import sha256
from schemas.document import InputFormat, PageInfo, ParsedDocument

# An A4 page at 300 dpi is 2480 px wide; narrower images are scaled up to this.
MIN_WIDTH = 2000


def _frames(data: bytes):
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise CorruptDocument(f"cannot open image: {exc}") from None
    n = getattr(img, "n_frames", 1)
    for i in range(min(n, ocr.max_pages())):
        img.seek(i)
        frame = ImageOps.exif_transpose(img.copy()) if i == 0 else img.copy()
        frame = frame.convert("RGB")
        if frame.width < MIN_WIDTH:
            # phone photos and low-dpi scans: Tesseract wants ~300 dpi text
            scale = MIN_WIDTH / frame.width
            frame = frame.resize((MIN_WIDTH, int(frame.height * scale)), Image.LANCZOS)
        yield i + 1, frame


def read(path: Path, data: bytes) -> ParsedDocument:
    ocr.require_tesseract()
    warnings: list[str] = []
    frames = list(_frames(data))
    pages = [PageInfo(number=n, path="ocr", width=img.width, height=img.height) for n, img in frames]
    result = ocr.ocr_images(frames, warnings)
    lines = [line for n in sorted(result) for line in result[n]]
    if not lines:
        raise EmptyDocument("OCR found no text in the image")
    return build_document(path, sha256(data), InputFormat.IMAGE, "ocr", lines, pages=pages, warnings=warnings)
