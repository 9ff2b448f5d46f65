"""pdfium page helpers of the PDF reader: image cover, annotations, flattening.

Split out of pipeline.readers.pdf (which imports them under their old
underscored names) to keep that module to the reading itself.
"""
from __future__ import annotations

import ctypes
import io
from typing import Any

_OBJ_FNS = None


def _obj_fns():
    """pdfium's page-object functions bound straight to their addresses.

    Raw calls: pypdfium2's `get_objects` builds a Python wrapper per object,
    and a page has hundreds of objects (~700 on a long dispatch's page).
    """
    global _OBJ_FNS
    if _OBJ_FNS is None:
        import pypdfium2.raw as R

        vp, i = ctypes.c_void_p, ctypes.c_int

        def bind(fn, restype, *args):
            return ctypes.CFUNCTYPE(restype, *args)(ctypes.cast(fn, vp).value)

        _OBJ_FNS = (
            bind(R.FPDFPage_CountObjects, i, vp), bind(R.FPDFPage_GetObject, vp, vp, i),
            bind(R.FPDFFormObj_CountObjects, i, vp), bind(R.FPDFFormObj_GetObject, vp, vp, ctypes.c_ulong),
            bind(R.FPDFPageObj_GetType, i, vp), bind(R.FPDFPageObj_GetBounds, i, vp, vp, vp, vp, vp),
        )
    return _OBJ_FNS


def image_cover(page) -> float:
    """Largest share of the page covered by one image object (1.0 for a scan).

    The objects are walked as pypdfium2's `get_objects(max_depth=2)` walks
    them (the page's objects, and those of its form objects, in that order).
    Any failure (a damaged page) gives 0.0: no verdict from images.
    """
    import pypdfium2.raw as R

    count_page, get_page_obj, count_form, get_form_obj, obj_type, bounds = _obj_fns()
    width, height = page.get_size()
    area = width * height or 1.0
    box = (ctypes.c_float * 4)()
    base = ctypes.addressof(box)
    step = ctypes.sizeof(ctypes.c_float)
    pointers = (base, base + step, base + 2 * step, base + 3 * step)  # left, bottom, right, top
    best = 0.0

    def walk(count: int, get, parent: int, level: int) -> None:
        nonlocal best
        if count < 0:
            raise ValueError("no object count")
        for k in range(count):
            obj = get(parent, k)
            if not obj:
                raise ValueError("no object")
            kind = obj_type(obj)
            if kind == R.FPDF_PAGEOBJ_IMAGE:
                if not bounds(obj, *pointers):
                    raise ValueError("no bounds")
                left, bottom, right, top = box
                best = max(best, (right - left) * (top - bottom) / area)
            if kind == R.FPDF_PAGEOBJ_FORM and level < 1:
                walk(count_form(obj), get_form_obj, obj, level + 1)

    try:
        raw = ctypes.cast(page.raw, ctypes.c_void_p).value
        walk(count_page(raw), get_page_obj, raw, 0)
    except Exception:  # a damaged page: no verdict from images
        return 0.0
    return min(best, 1.0)


def annotated(page) -> bool:
    """Whether a page holds annotations: then it is flattened, and read again from the new bytes."""
    import pypdfium2.raw as R

    try:
        return R.FPDFPage_GetAnnotCount(page.raw) > 0
    except Exception:
        return True


def flatten(doc, data: bytes, numbers: list[int] | None = None, loaded: dict[int, Any] | None = None) -> bytes:
    """The PDF with its printable annotations merged into the page content.

    Signing systems stamp the number and the date into signature fields
    (widgets) placed over the blanks of `Số:      /KH-UBND` and `ngày   tháng`;
    that text lives in the widgets' appearance streams, which text extraction
    does not read. Flattening puts it where it is printed. `loaded`: page
    number -> page already loaded from `doc`, flattened instead of loading it
    again (a heavy page takes milliseconds to load); taken and closed here.
    """
    import pypdfium2.raw as R

    flattened = False
    for i in (range(len(doc)) if numbers is None else [n - 1 for n in numbers]):
        page = loaded.pop(i + 1, None) if loaded else None
        page = doc[i] if page is None else page
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


def close_pages(opened: dict[int, Any]) -> None:
    """Close loaded pages: (page, text page) pairs or pages alone."""
    for held in opened.values():
        for part in (held[::-1] if isinstance(held, tuple) else (held,)):
            part.close()
    opened.clear()
