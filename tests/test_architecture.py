"""The house has one direction: schemas <- extractors <- pipeline.

The contracts live in pyproject.toml ([tool.importlinter]); `make lint` runs
them too. A breach fails here with the offending import named.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).parent / "lint-imports"

pytestmark = pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed (pip install -e '.[dev]')")


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    # --no-cache: a copy in a temp folder must not reuse the repo's graph
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_every_import_points_down() -> None:
    proc = _lint(ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "2 kept, 0 broken" in proc.stdout


@pytest.mark.parametrize(
    ("module", "line", "named"),
    [
        # an extractor reaching up into the pipeline (and through it, duckdb)
        ("extractors/place.py", "from pipeline import store", "extractors.place -> pipeline.store"),
        # a model reaching up into the text rules
        ("schemas/load.py", "from extractors import patterns", "schemas.load -> extractors.patterns"),
        # an extractor opening a PDF itself
        ("extractors/cc.py", "import pdfplumber", "extractors.cc -> pdfplumber"),
    ],
)
def test_a_breach_is_caught_and_named(tmp_path: Path, module: str, line: str, named: str) -> None:
    for pkg in ("schemas", "extractors", "pipeline"):
        shutil.copytree(ROOT / pkg, tmp_path / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    with open(tmp_path / module, "a", encoding="utf-8") as fh:
        fh.write(f"\n{line}  # an upward import\n")
    proc = _lint(tmp_path)
    assert proc.returncode != 0
    assert named in proc.stdout
