"""A PDF rendered as a scan: every page drawn (form fields too: stamped numbers and
dates), speckled and tilted, saved as an image-only PDF. Used by the OCR tests and by
bench/scan_synthetic.py (a plain module: no pytest fixtures)."""
from __future__ import annotations

import random
from pathlib import Path


def image_only(src: Path, out: Path, dpi: int = 300, tilt: float = 0.7, noise: float = 0.002,
               seed: int = 7, save: Path | None = None) -> Path:
    """Write `out` from `src`; with `save`, keep each page's image there too."""
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(str(src))
    pdf.init_forms()
    pages = []
    try:
        for i in range(len(pdf)):
            img = pdf[i].render(scale=dpi / 72, may_draw_forms=True).to_pil().convert("L")
            rng = random.Random(seed + i)
            px = img.load()
            for _ in range(int(img.width * img.height * noise)):
                px[rng.randrange(img.width), rng.randrange(img.height)] = rng.choice((0, 255))
            page = img.rotate(tilt, resample=Image.BICUBIC, fillcolor=255).convert("RGB")
            if save is not None:
                page.save(save / f"{out.stem}.p{i + 1}.png")
            pages.append(page)
    finally:
        pdf.close()
    pages[0].save(out, save_all=True, append_images=pages[1:], resolution=dpi)
    return out
