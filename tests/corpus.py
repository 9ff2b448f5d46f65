"""Where the third-party dev corpus and its scorer live (../shared, never copied
into the project), and the scorer loaded as a module so tests score with its rules."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "corpus" / "dev"
SCORER = SHARED / "eval" / "score.py"

needs_corpus = pytest.mark.skipif(not (DEV.is_dir() and SCORER.is_file()),
                                  reason="../shared/corpus/dev (third-party corpus) is absent")


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("congvan_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module
