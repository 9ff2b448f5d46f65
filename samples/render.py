"""Render the seed dispatches (samples/inbox/*.txt, *.md) as DOCX and PDF.

The DOCX is laid out the way dispatches are printed (Nghị định 30/2020 and
Hướng dẫn 36-HD/VPTW): a borderless two-column table for the header (issuer,
Số, V/v | quốc hiệu, tiêu ngữ, place and date), Kính gửi, the body paragraphs,
and a borderless two-column table for Nơi nhận | signature. The PDF is
LibreOffice's conversion of that DOCX, with its own user profile so it never
collides with another LibreOffice process.

    .venv/bin/python samples/render.py            # every seed in samples/inbox
    .venv/bin/python samples/render.py --no-pdf samples/inbox/s000.txt
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent

# landmarks of the printed layout
QUOC_HIEU = re.compile(r"^(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM)$")
TIEU_NGU = re.compile(r"^Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc$")
DATE_LINE = re.compile(r"^[^\d,]{2,40},\s*ngày\b.*\bnăm\b")
KINH_GUI = re.compile(r"^Kính gửi\s*:?\s*(.*)$")
NOI_NHAN = re.compile(r"^Nơi nhận\s*:?$")
VV = re.compile(r"^V/v\b")
ITEM = re.compile(r"^(?:[-+•]\s|\d+[.)]\s|[a-zđ][.)]\s)")
ENDS_PARAGRAPH = re.compile(r"[.:;!?)]$")


@dataclass
class Layout:
    header_left: list[str] = field(default_factory=list)
    header_right: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # first holds "Kính gửi: ..."
    body: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)


def _clean(line: str, markdown: bool) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").rstrip()
    if markdown:
        line = line.replace("**", "")
        line = re.sub(r"(?<!\\)\*", "", line).replace("\\*", "*")
    return line.strip()


def parse(text: str, markdown: bool) -> Layout:
    """Split a seed's text into the printed zones (landmark rules, no per-file cases)."""
    raw = [_clean(line, markdown) for line in text.splitlines()]
    if markdown:
        # markdown: a blank line ends a paragraph; a list item is its own paragraph
        lines: list[str] = []
        prev_blank = True  # also set after a hard line break (two trailing spaces)
        for line, source in zip(raw, text.splitlines()):
            if not line:
                prev_blank = True
                continue
            if lines and not prev_blank and not ITEM.match(line) and not KINH_GUI.match(line.lstrip("- ")):
                lines[-1] += " " + line
            else:
                lines.append(line)
            prev_blank = source.endswith("  ")
    else:
        lines = [line for line in raw if line]
    lines = [line[2:] if line.startswith("- ") and KINH_GUI.match(line[2:]) else line for line in lines]
    out = Layout()
    k = next((i for i, line in enumerate(lines) if KINH_GUI.match(line)), None)
    n = next((i for i, line in enumerate(lines) if NOI_NHAN.match(line)), len(lines))
    header_end = k if k is not None else next(i for i, line in enumerate(lines) if DATE_LINE.match(line)) + 1
    for line in lines[:header_end]:
        right = QUOC_HIEU.match(line) or TIEU_NGU.match(line) or DATE_LINE.match(line)
        (out.header_right if right else out.header_left).append(line)
    out.header_left = _join_vv(out.header_left)
    body_start = header_end
    if k is not None:
        out.recipients.append(lines[k])
        body_start = k + 1
        if not KINH_GUI.match(lines[k]).group(1):  # a list of recipients follows
            while body_start < n and lines[body_start].startswith(("-", "+")):
                out.recipients.append(lines[body_start])
                body_start += 1
    out.body = lines[body_start:n] if markdown else _paragraphs(lines[body_start:n])
    for line in lines[n:]:
        (out.cc if (NOI_NHAN.match(line) or line.startswith("-")) and not out.signature else out.signature).append(line)
    return out


def _join_vv(left: list[str]) -> list[str]:
    # the trích yếu of a công văn wraps inside its narrow cell: one paragraph
    for i, line in enumerate(left):
        if VV.match(line):
            return left[:i] + [" ".join(left[i:])]
    return left


def _paragraphs(lines: list[str]) -> list[str]:
    """Re-join hard-wrapped plain-text lines into paragraphs."""
    if not lines:
        return []
    width = median(len(line) for line in lines)
    paras: list[str] = []
    last = ""  # the previous printed line (a short one ends its paragraph)
    for line in lines:
        if not paras or ITEM.match(line) or ENDS_PARAGRAPH.search(last) or len(last) < 0.6 * width:
            paras.append(line)
        elif last.endswith("-") and line[:1].isupper():  # a code split at its dash: 57- / NQ/TW
            paras[-1] += line
        else:
            paras[-1] += " " + line
        last = line
    return paras


def render_docx(layout: Layout, path: Path) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(2), Cm(2), Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    style.paragraph_format.space_after = Pt(0)

    def para(container, text: str, *, bold=False, italic=False, size=None, align=None, indent=None):
        p = container.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        if indent is not None:
            p.paragraph_format.first_line_indent = Cm(indent)
        return p

    def two_columns(widths: tuple[float, float]):
        table = doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, cell, width in zip(table.columns, table.rows[0].cells, widths):
            column.width = cell.width = Cm(width)  # LibreOffice reads the grid, Word the cells
            cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
        return table.rows[0].cells

    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    left, right = two_columns((6.5, 9.5))
    for i, line in enumerate(layout.header_left):
        vv = bool(VV.match(line))
        upper = line.isupper() and not line.startswith("Số")
        para(left, line, bold=upper and i > 0, size=12 if vv else 13, align=center)
    for line in layout.header_right:
        date = bool(DATE_LINE.match(line))
        para(right, line, bold=not date, italic=date, size=12 if QUOC_HIEU.match(line) else 13, align=center)
    para(doc, "")
    for i, line in enumerate(layout.recipients):
        para(doc, line, align=center if i == 0 and len(layout.recipients) == 1 else None, indent=None if i == 0 else 2)
    para(doc, "")
    for line in layout.body:
        para(doc, line, align=justify, indent=1.27, bold=bool(re.match(r"^\d+\.\s", line)))
    para(doc, "")
    cc_cell, sig_cell = two_columns((7.0, 9.0))
    for i, line in enumerate(layout.cc):
        para(cc_cell, line, bold=i == 0, italic=i == 0, size=12 if i == 0 else 11)
    name_at = len(layout.signature) - 1
    for i, line in enumerate(layout.signature):
        if i == name_at:
            for _ in range(3):
                para(sig_cell, "")
        para(sig_cell, line, bold=True, align=center)
    doc.core_properties.author = "congvan samples"
    doc.save(path)


def render_pdf(docx: Path, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found: install libreoffice-writer-nogui (make setup does)")
    with tempfile.TemporaryDirectory(prefix="congvan_lo_") as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(outdir), str(docx)],
            check=True, capture_output=True, timeout=180,
        )
    pdf = outdir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise SystemExit(f"LibreOffice wrote no {pdf}")
    return pdf


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seeds", nargs="*", type=Path, help="seed .txt/.md files (default: samples/inbox/*.txt|*.md)")
    ap.add_argument("--out", type=Path, default=HERE / "inbox", help="output folder")
    ap.add_argument("--no-pdf", action="store_true", help="DOCX only")
    args = ap.parse_args(argv)
    seeds = args.seeds or sorted(p for p in (HERE / "inbox").iterdir() if p.suffix in {".txt", ".md"})
    args.out.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        layout = parse(seed.read_text(encoding="utf-8-sig"), markdown=seed.suffix == ".md")
        docx = args.out / (seed.stem + ".docx")
        render_docx(layout, docx)
        print(f"wrote {docx}")
        if not args.no_pdf:
            print(f"wrote {render_pdf(docx, args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
