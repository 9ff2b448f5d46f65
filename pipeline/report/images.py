"""Page images of a document's original PDF, rendered with pypdfium2 into the site.

Images are named by the document's doc_id (the sha256 of the file's bytes), so a
rebuild reuses what an earlier build rendered: a file's pages never change under
the same doc_id. A file that is gone or unreadable simply has no images.
"""
from __future__ import annotations

import logging
from pathlib import Path

_log = logging.getLogger(__name__)

SCALE = 1.25        # 90 dpi: the words of an A4 page stay readable at 744 px wide
MAX_PAGES = 12      # a long annex is linked as a file, not drawn page by page


def render_pages(pdf: Path, dest: Path, stem: str) -> list[str]:
    """File names (in dest) of the PNG of each page of `pdf`, rendering those not there yet."""
    existing = sorted(dest.glob(f"{stem}-p*.png"), key=lambda p: int(p.stem.rsplit("-p", 1)[1]))
    if existing:
        return [p.name for p in existing]
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(pdf))
    except Exception as exc:  # noqa: BLE001 - an unreadable original only loses its picture
        _log.warning("no page images for %s: %s", pdf, exc)
        return []
    names = []
    try:
        dest.mkdir(parents=True, exist_ok=True)
        for i in range(min(len(doc), MAX_PAGES)):
            page = doc[i]
            image = page.render(scale=SCALE).to_pil().convert("L")  # grey: a third of the bytes, same words
            name = f"{stem}-p{i + 1}.png"
            image.save(dest / name, optimize=True)
            names.append(name)
            page.close()
    except Exception as exc:  # noqa: BLE001
        _log.warning("page images of %s stopped: %s", pdf, exc)
    finally:
        doc.close()
    return names


def copy_scan(image: Path, dest: Path, stem: str) -> list[str]:
    """PNG copies (grey, at most 1240 px wide) of each frame of a scanned image (PNG, JPEG, multi-page TIFF)."""
    existing = sorted(dest.glob(f"{stem}-p*.png"), key=lambda p: int(p.stem.rsplit("-p", 1)[1]))
    if existing:
        return [p.name for p in existing]
    try:
        from PIL import Image, ImageSequence

        names = []
        dest.mkdir(parents=True, exist_ok=True)
        with Image.open(image) as im:
            for i, frame in enumerate(ImageSequence.Iterator(im)):
                if i >= MAX_PAGES:
                    break
                page = frame.convert("L")
                if page.width > 1240:
                    page = page.resize((1240, round(page.height * 1240 / page.width)))
                name = f"{stem}-p{i + 1}.png"
                page.save(dest / name, optimize=True)
                names.append(name)
        return names
    except Exception as exc:  # noqa: BLE001 - an unreadable original only loses its picture
        _log.warning("no page images for %s: %s", image, exc)
        return []
