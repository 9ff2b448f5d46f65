"""Handwritten numbers and days on synthetic scanned headers (bench/handwriting.py):
whatever is read must be right. A wrong digit is worse than a blank, so the test
asserts no wrong value over a fixed set of samples, and that most are read.

Skips without Tesseract or without the handwriting fonts (`make sysdeps`).
"""
from __future__ import annotations

import importlib.util
import random
import shutil
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "handwriting.py"


def _bench():
    spec = importlib.util.spec_from_file_location("congvan_handwriting", BENCH)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


hw = _bench()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed"),
    pytest.mark.skipif(not hw.hand_fonts(), reason="no handwriting font installed (make sysdeps)"),
    pytest.mark.skipif(not Path(hw.PRINT_FONT).is_file(), reason="fonts-liberation2 is not installed"),
]

SAMPLES = 8


def test_handwritten_number_and_day_are_right_or_blank(tmp_path: Path) -> None:
    rng = random.Random(2026)
    fonts = hw.hand_fonts()
    outcomes = []
    for i in range(SAMPLES):
        sample = hw.make_sample(rng, fonts)
        number, day = hw.read_sample(sample, tmp_path, i)
        outcomes.append((sample.font, sample.number, number, sample.day, day))
    wrong = [o for o in outcomes if "wrong" in (o[2], o[4])]
    assert not wrong, f"invented digits: {wrong}"
    read = sum((o[2] == "ok") + (o[4] == "ok") for o in outcomes)
    assert read >= SAMPLES, f"fewer than half of the numbers and days read: {outcomes}"
