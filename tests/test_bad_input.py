"""Bad input: one typed error with a one-line message, never a traceback; the
command goes on with the next file and exits 1."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import errors, readers

# fmt: off
CASES = [
    # (file name, bytes, error class, words the message must hold)
    ("empty.pdf",   b"",                          errors.EmptyDocument,    "empty"),
    ("blank.txt",   b"  \n\n ",                   errors.EmptyDocument,    "empty"),
    ("broken.docx", b"not a zip",                 errors.CorruptDocument,  "DOCX"),
    ("trunc.pdf",   b"%PDF-1.4\n1 0 obj <<",      errors.CorruptDocument,  "PDF"),
    ("noise.doc",   bytes(range(256)) * 8,        errors.CorruptDocument,  "not a Word document"),
    ("notes.xyz",   b"hello",                     errors.UnsupportedFormat, ".xyz"),
]
# fmt: on


@pytest.mark.parametrize("name,data,cls,words", CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_a_typed_one_line_error(tmp_path: Path, name: str, data: bytes, cls: type, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(cls) as info:
        readers.read(path)
    message = str(info.value)
    assert words in message and "\n" not in message and "Traceback" not in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(errors.CorruptDocument, match="not found"):
        readers.read(tmp_path / "gone.txt")
    with pytest.raises(errors.UnsupportedFormat, match="folder"):
        readers.read(tmp_path)


def test_extract_goes_on_past_bad_files_and_exits_1(tmp_path: Path) -> None:
    good = tmp_path / "cv.txt"
    good.write_text("UBND TỈNH LAI CHÂU\nSố: 12/UBND-VP\nV/v báo cáo\nLai Châu, ngày 05 tháng 3 năm 2024\n"
                    "Kính gửi: Sở Nội vụ.\nĐề nghị Sở Nội vụ báo cáo./.\n", encoding="utf-8")
    bad = [tmp_path / n for n in ("a.pdf", "b.xyz")]
    bad[0].write_bytes(b"")
    bad[1].write_bytes(b"x")
    exe = Path(sys.executable).with_name("congvan")
    run = subprocess.run([str(exe), "extract", "--json", str(bad[0]), str(good), str(bad[1])],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    lines = [json.loads(x) for x in run.stdout.splitlines()]
    assert [Path(x["file"]).name for x in lines] == ["a.pdf", "cv.txt", "b.xyz"]
    assert "error" in lines[0] and "error" in lines[2] and lines[1]["code"] == "12/UBND-VP"
    assert "Traceback" not in run.stderr
    assert [x for x in run.stderr.splitlines() if x.startswith("Error:")] == [
        f"Error: {bad[0]}: the file is empty", f"Error: {bad[1]}: unsupported file type '.xyz'"]
