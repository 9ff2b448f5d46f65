"""Tesseract as a subprocess: the tool check, one run (TSV word boxes and confidences), orientation.

It runs with OMP_THREAD_LIMIT=1 (its own threading is 4-5x slower on two
cores) on an uncompressed PGM piped to stdin.

When CONGVAN_OCR_CACHE names a folder, each run's raw output is kept there,
keyed by a hash of the exact image bytes, the command line and the Tesseract
version: the same image with the same settings gives the same bytes, so a
cached answer is the answer a fresh run would give. It is for re-running an
evaluation while the extraction rules change; it is off unless asked for.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

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
    cached = _cache_get(cmd, data)
    if cached is not None:
        return parse_tsv(cached)
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise OcrTimeout("tesseract timed out") from exc
    if proc.returncode != 0:
        raise CorruptDocument(f"tesseract failed: {proc.stderr.decode('utf-8', 'replace').strip()[:200]}")
    out = proc.stdout.decode("utf-8", "replace")
    _cache_put(cmd, data, out)
    return parse_tsv(out)


@lru_cache(maxsize=1)
def _version() -> str:
    exe = require_tesseract()
    proc = subprocess.run([exe, "--version"], capture_output=True, check=False)
    lines = (proc.stdout + proc.stderr).decode("utf-8", "replace").splitlines()
    return lines[0] if lines else ""


def _cache_file(cmd: list[str], data: bytes) -> Path | None:
    root = os.environ.get("CONGVAN_OCR_CACHE")
    if not root:
        return None
    h = hashlib.sha256()
    h.update("\0".join([_version(), *cmd[1:]]).encode())
    h.update(b"\0")
    h.update(data)
    key = h.hexdigest()
    return Path(root) / key[:2] / f"{key}.txt"


def _cache_get(cmd: list[str], data: bytes) -> str | None:
    path = _cache_file(cmd, data)
    if path is None or not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


def _cache_put(cmd: list[str], data: bytes, out: str) -> None:
    path = _cache_file(cmd, data)
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # write then rename: a worker killed mid-write leaves no half answer behind
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(out, encoding="utf-8")
    os.replace(tmp, path)


def _pnm_bytes(img) -> bytes:
    # Uncompressed PGM: nothing to encode or decode, leptonica reads it directly.
    import io

    buf = io.BytesIO()
    # a grey page is saved as it is: convert() would copy it (8.7 MB at 300 dpi) for nothing
    (img if img.mode == "L" else img.convert("L")).save(buf, format="PPM")
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
    cmd = [exe, "stdin", "stdout", "--psm", "0"]
    data = _pnm_bytes(img)
    out = _cache_get(cmd, data)
    if out is None:
        try:
            proc = subprocess.run(cmd, input=data, capture_output=True, env=env, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return 0
        out = proc.stdout.decode("utf-8", "replace")
        _cache_put(cmd, data, out)
    m = regex.search(r"Rotate:\s*(\d+)", out)
    c = regex.search(r"Orientation confidence:\s*([\d.]+)", out)
    if not m or not c or float(c.group(1)) < 2.0:
        return 0
    return int(m.group(1)) % 360
