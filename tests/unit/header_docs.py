"""Build ParsedDocuments from text snippets for the header/footer field tests.

`doc_from_text` runs a snippet through the text reader's line cutting and the
builder (normalisation, spans, zoning), exactly as a .txt file would go;
`doc_from_columns` builds one from lines whose column a PDF/DOCX reader would
have set. `extract_upto` runs the field extractors in registry order up to the
field under test, so extractors that read earlier fields see them.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from pipeline.builder import build_document
from pipeline.extract import FIELDS, _apply
from pipeline.readers.text import text_lines
from schemas.document import InputFormat, Line, ParsedDocument
from schemas.record import FieldValue, Record

BODY = "Thực hiện chỉ đạo của cấp trên, đề nghị các đơn vị triển khai thực hiện./."

# A công văn with every zone; tests replace the part they exercise.
TEMPLATE = {
    "issuer": "UBND TỈNH LAI CHÂU\nVĂN PHÒNG",
    "so": "Số: 12/VPUBND-HCQT",
    "vv": "V/v triển khai nhiệm vụ năm 2026",
    "right": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLai Châu, ngày 25 tháng 02 năm 2026",
    "kg": "Kính gửi: Các phòng, ban, trung tâm.",
    "body": BODY,
    "nn": "Nơi nhận:\n- Như trên;\n- Lưu: VT, HCQT.",
    "sig": "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nPhạm Hồng Trường",
}


def dispatch(**parts: str) -> str:
    """A dispatch text from TEMPLATE with some parts replaced ("" drops a part)."""
    p = {**TEMPLATE, **parts}
    order = ("issuer", "so", "vv", "right", "kg", "body", "nn", "sig")
    return "\n".join(p[k] for k in order if p[k])


def doc_from_text(text: str, name: str = "snippet.txt") -> ParsedDocument:
    markdown = name.endswith(".md")
    fmt = InputFormat.MD if markdown else InputFormat.TXT
    return build_document(Path(name), "0" * 64, fmt, "text", text_lines(text, markdown))


def doc_from_columns(rows: list[tuple[str | None, str]]) -> ParsedDocument:
    """rows: (column, text) pairs in reading order, as a PDF/DOCX reader gives them."""
    lines = [Line(text=t, column=c, source="pdf") for c, t in rows]  # type: ignore[arg-type]
    return build_document(Path("snippet.pdf"), "0" * 64, InputFormat.PDF, "test", lines)


def extract_upto(doc: ParsedDocument, field: str) -> tuple[FieldValue, Record]:
    record = Record(file=doc.file)
    for key, module_name in FIELDS.items():
        result = importlib.import_module(module_name).extract(doc, record)
        if key == field:
            return result, record
        _apply(record, key, result)
    raise KeyError(field)


def value_of(text: str, field: str, name: str = "snippet.txt"):
    result, _ = extract_upto(doc_from_text(text, name), field)
    return result.value
