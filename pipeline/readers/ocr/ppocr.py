"""A second recogniser for handwritten digits: PaddleOCR's PP-OCRv4 line model.

Tesseract's models are trained on print: on a handwritten number they give a
different plausible answer on every variant of the crop (see `digits`).
PaddleOCR's text-line recogniser was trained on far more varied writing and
reads the same crops consistently. Its ONNX file ships inside the
`rapidocr_onnxruntime` wheel (no download at run time); we run it directly
with onnxruntime and decode the output ourselves, because the grammar knows
more than the model: a number or a day is digits only, so the decoding
chooses among digits and the CTC blank and ignores every other character
(`OF` on a cursive `07` becomes `07`).

The recogniser only ever adds readings to the vote; it never writes a value
by itself (see `vote.decide`).
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

PACKAGE = "rapidocr_onnxruntime"
MODEL = "models/ch_PP-OCRv4_rec_infer.onnx"
# The model's input height; the width follows the crop's aspect ratio.
HEIGHT = 48
# White margin around the ink, as a share of its height: the digits at four
# sizes within the 48-pixel line (the model reads text of varied height).
MARGINS = (0.05, 0.15, 0.3, 0.5)
# The widest input we feed: a crop of a few digits is far narrower; this bounds a bad crop.
MAX_WIDTH = 1600


@lru_cache(maxsize=1)
def model_path() -> Path | None:
    """The ONNX file inside the installed wheel, found without importing the package
    (its import pulls in OpenCV, which we do not need)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL
    return path if path.is_file() else None


def available() -> bool:
    if os.environ.get("CONGVAN_NO_REC"):
        return False
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return model_path() is not None


@lru_cache(maxsize=1)
def _model():
    """(session, vocabulary, digit indices), loaded once per process."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    # one thread: OCR already runs one worker process per core
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    session = ort.InferenceSession(str(model_path()), opts, providers=["CPUExecutionProvider"])
    chars = session.get_modelmeta().custom_metadata_map["character"].splitlines()
    # CTC index 0 is the blank; the model's last class is a space
    vocab = ["", *chars, " "]
    digits = [vocab.index(str(d)) for d in range(10)]
    return session, vocab, digits


def _probs(img):
    """Per-frame class probabilities (T x C) of a one-line image."""
    import numpy as np
    from PIL import Image

    session, _, _ = _model()
    gray = img.convert("L")
    width = min(MAX_WIDTH, max(HEIGHT // 3, round(gray.width * HEIGHT / max(gray.height, 1))))
    gray = gray.resize((width, HEIGHT), Image.BICUBIC)
    x = (np.asarray(gray, dtype=np.float32) / 255.0 - 0.5) / 0.5
    x = np.repeat(x[None, None], 3, axis=1)
    return session.run(None, {session.get_inputs()[0].name: x})[0][0]


def _best_path(probs, classes: list[int] | None = None) -> str:
    """Greedy CTC decoding, over `classes` (plus the blank) when given."""
    _, vocab, _ = _model()
    keep = [0, *classes] if classes is not None else list(range(probs.shape[1]))
    best = probs[:, keep].argmax(axis=1)
    out: list[str] = []
    prev = -1
    for k in best:
        if k != prev and k != 0:
            out.append(vocab[keep[k]])
        prev = k
    return "".join(out)


def read_digits(crop) -> list[str]:
    """Digit-only readings of a crop of handwritten digits: one per margin, grey and binarised."""
    from PIL import ImageOps

    from pipeline.readers.ocr.clean import otsu

    _, _, digits = _model()
    t = otsu(crop)
    out = []
    for share in MARGINS:
        pad = max(2, round(share * crop.height))
        for img in (crop, crop.point(lambda p, t=t: 0 if p <= t else 255)):
            out.append(_best_path(_probs(ImageOps.expand(img, border=pad, fill=255)), digits))
    return out
