"""Tesseract as a subprocess: the tool check, one run (TSV word boxes and confidences), orientation.

It runs with OMP_THREAD_LIMIT=1 (its own threading is 4-5x slower on two
cores) on an uncompressed PGM piped to stdin.
"""
from __future__ import annotations

import os
import shutil
import subprocess

import regex

from pipeline.errors import CorruptDocument, ToolMissing
from pipeline.readers.geometry import Word
from pipeline.readers.ocr.clean import DPI

LANG = "vie"


class OcrTimeout(Exception):
    """The file's OCR time budget ran out."""


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def require_tesseract() -> str:
    exe = tesseract_path()
    if exe is None:
        raise ToolMissing("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    return exe


def run_tesseract(img, psm: int = 3, timeout: float = 60.0) -> list[Word]:
    """OCR a PIL image; words with boxes (pixels) and confidences (0-1)."""
    exe = require_tesseract()
    data = _pnm_bytes(img)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    cmd = [exe, "stdin", "stdout", "-l", LANG, "--psm", str(psm), "--dpi", str(DPI),
           "-c", "preserve_interword_spaces=0", "tsv"]
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise OcrTimeout("tesseract timed out") from exc
    if proc.returncode != 0:
        raise CorruptDocument(f"tesseract failed: {proc.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return parse_tsv(proc.stdout.decode("utf-8", "replace"))


def _pnm_bytes(img) -> bytes:
    # Uncompressed PGM: nothing to encode or decode, leptonica reads it directly.
    import io

    buf = io.BytesIO()
    img.convert("L").save(buf, format="PPM")
    return buf.getvalue()


def parse_tsv(tsv: str) -> list[Word]:
    """Tesseract TSV (level 5 rows are words) -> Words."""
    words: list[Word] = []
    line_box: dict[tuple[str, ...], tuple[int, int]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        key = tuple(cols[1:5])  # page, block, paragraph, line
        if cols[0] == "4":
            line_box[key] = (top, top + height)
        if cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        # A word's own box grows with its stacked diacritics (Tổ, Ấ) and then
        # overlaps the line above: its top is kept below the top quarter of
        # Tesseract's line box.
        lt, lb = line_box.get(key, (top, top + height))
        if len(text) >= 2 and height < 0.4 * (lb - lt):
            # a box round one mark of the word (the hook of `Ủ`), not the word: the line's height
            top, height = lt, lb - lt
        top2 = max(top, lt + 0.25 * (lb - lt)) if lb - lt < 3 * height else top
        words.append(Word(text=text, x0=left, x1=left + width, top=min(top2, top + height - 1),
                          bottom=top + height, conf=max(float(cols[10]), 0.0) / 100))
    return words


def orientation(img, timeout: float = 30.0) -> int:
    """Degrees to rotate the page counter-clockwise to make it upright (Tesseract OSD); 0 if unsure."""
    exe = require_tesseract()
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        proc = subprocess.run([exe, "stdin", "stdout", "--psm", "0"], input=_pnm_bytes(img),
                              capture_output=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return 0
    out = proc.stdout.decode("utf-8", "replace")
    m = regex.search(r"Rotate:\s*(\d+)", out)
    c = regex.search(r"Orientation confidence:\s*([\d.]+)", out)
    if not m or not c or float(c.group(1)) < 2.0:
        return 0
    return int(m.group(1)) % 360
