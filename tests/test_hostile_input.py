"""Hostile input: zip bombs, XML entities, files whose name lies about their
content, images too large to decode, odd file names. Each gives one typed,
one-line error (or is read right), quickly and in little memory, and an
entity's content never reaches the output. Every file is built here."""
from __future__ import annotations

import io
import json
import random
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import errors, readers
from pipeline.readers import docx as docx_reader

SECRET = "TOPSECRET-7f3a9c"
BODY = [
    "UBND TỈNH LAI CHÂU",
    "Số: 12/UBND-VP",
    "V/v báo cáo",
    "Lai Châu, ngày 05 tháng 3 năm 2024",
    "Kính gửi: Sở Nội vụ.",
    "Đề nghị Sở Nội vụ báo cáo tình hình thực hiện nhiệm vụ trong quý I năm 2024./.",
]
ASCII_BODY = ["UBND TINH LAI CHAU", "So: 12/UBND-VP", "V/v bao cao", "Lai Chau, ngay 05 thang 3 nam 2024",
              "Kinh gui: So Noi vu.", "De nghi So Noi vu bao cao tinh hinh thuc hien nhiem vu quy I nam 2024./."]


# --- builders ------------------------------------------------------------------------


def docx_bytes(lines: list[str] = BODY) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def pdf_bytes(lines: list[str] = ASCII_BODY) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    y = 800
    for line in lines:
        c.drawString(72, y, line)
        y -= 20
    c.save()
    return buf.getvalue()


def png_bytes(size: tuple[int, int], mode: str = "RGB") -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new(mode, size, "white" if mode == "RGB" else 1).save(buf, "PNG")
    return buf.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width×height, with no real pixel data behind it."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def with_document_xml(edit: Callable[[str], str], encoding: str = "utf-8") -> bytes:
    """A real DOCX whose word/document.xml went through `edit` (and is written in `encoding`)."""
    src = zipfile.ZipFile(io.BytesIO(docx_bytes(["PLACEHOLDER"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode(encoding)
            zf.writestr(info.filename, data)
    return out.getvalue()


def with_doctype(dtd: str, reference: str) -> bytes:
    return with_document_xml(lambda xml: xml.replace("?>", "?>\n" + dtd, 1).replace("PLACEHOLDER", reference))


def zip_bomb(megabytes: int) -> bytes:
    """A DOCX whose document.xml inflates to `megabytes` MB of zeros, written in chunks."""
    src = zipfile.ZipFile(io.BytesIO(docx_bytes(["x"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                zf.writestr(info.filename, src.read(info.filename))
        with zf.open("word/document.xml", "w", force_zip64=megabytes >= 2048) as part:
            zeros = bytes(1024 * 1024)
            for _ in range(megabytes):
                part.write(zeros)
    return out.getvalue()


def lying_sizes(data: bytes, claimed: int = 1000) -> bytes:
    """The DOCX with its headers claiming document.xml is `claimed` bytes, whatever it inflates to."""
    data = bytearray(data)
    name = b"word/document.xml"
    cd = data.find(b"PK\x01\x02")
    while cd >= 0:  # each central-directory entry: size at +24, name at +46
        n = struct.unpack_from("<H", data, cd + 28)[0]
        if bytes(data[cd + 46: cd + 46 + n]) == name:
            struct.pack_into("<I", data, cd + 24, claimed)
            local = struct.unpack_from("<I", data, cd + 42)[0]
            struct.pack_into("<I", data, local + 22, claimed)
        cd = data.find(b"PK\x01\x02", cd + 4)
    return bytes(data)


BILLION_LAUGHS = ('<!DOCTYPE w:document [<!ENTITY a "lollollollollollollollollollol">'
                  + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)) + "]>")


def random_bytes(n: int, seed: int = 5) -> bytes:
    rng = random.Random(seed)
    data = bytes(rng.getrandbits(8) for _ in range(n))
    assert not data.startswith((b"\xd0\xcf", b"{\\rtf", b"PK", b"%PDF", b"<"))
    return data


# --- refusals: one typed, one-line error ------------------------------------------------

# (file name, builder(tmp_path) -> bytes, error class, words the message must hold, seconds allowed)
# fmt: off
REFUSED = [
    ("bomb-300mb.docx",    lambda t: zip_bomb(300),  errors.CorruptDocument, ["DOCX refused", "expands to 300 MB"], 5),
    ("bomb-ratio.docx",    lambda t: zip_bomb(20),   errors.CorruptDocument, ["DOCX refused", "word/document.xml", "expands"], 3),
    ("lying-size.docx",    lambda t: lying_sizes(docx_bytes(["lol " * 2_000_000])),  errors.CorruptDocument, ["DOCX refused", "declared"], 3),
    ("xxe.docx",           lambda t: with_doctype(f'<!DOCTYPE x [<!ENTITY e SYSTEM "{(t / "secret.txt").as_uri()}">]>', "&e;"),
                                                     errors.CorruptDocument, ["DOCX refused", "DOCTYPE"], 3),
    ("xxe-passwd.docx",    lambda t: with_doctype('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;"),
                                                     errors.CorruptDocument, ["DOCX refused", "DOCTYPE"], 3),
    ("laughs.docx",        lambda t: with_doctype(BILLION_LAUGHS, "&j;"),
                                                     errors.CorruptDocument, ["DOCX refused", "DOCTYPE"], 3),
    ("utf16-doctype.docx", lambda t: _utf16_doctype(),
                                                     errors.CorruptDocument, ["DOCX refused", "DOCTYPE"], 3),
    ("noise.doc",          lambda t: random_bytes(4096), errors.CorruptDocument, ["not a Word document"], 3),
    ("huge-header.png",    lambda t: png_header_only(13000, 13000), errors.CorruptDocument, ["image too large", "13000×13000"], 3),
    ("huge-1bit.png",      lambda t: png_bytes((13000, 13000), "1"), errors.CorruptDocument, ["image too large", "13000×13000"], 10),
    ("strip.png",          lambda t: png_header_only(10, 300000), errors.CorruptDocument, ["image too large", "10×300000"], 3),
    ("huge-as.pdf",        lambda t: png_header_only(13000, 13000), errors.CorruptDocument, ["image too large"], 3),
    ("many-parts.docx",    lambda t: _many_entries(6000), errors.CorruptDocument, ["DOCX refused", "6000 entries"], 5),
    ("photo.txt",          lambda t: png_bytes((50, 50)), errors.CorruptDocument, ["binary content"], 3),
    ("garbage.png",        lambda t: b"\x89PNG\r\n\x1a\n" + random_bytes(500), errors.CorruptDocument, ["cannot open image"], 3),
    ("archive.txt",        lambda t: _plain_zip(),   errors.UnsupportedFormat, ["ZIP archive"], 3),
    ("sheet.docx",         lambda t: _plain_zip(),   errors.CorruptDocument, ["DOCX"], 3),
]
# fmt: on


def _utf16_doctype() -> bytes:
    """document.xml re-encoded as UTF-16 with a DOCTYPE: a byte search for ASCII misses it."""
    def edit(xml: str) -> str:
        return xml.replace("?>", "?>\n" + '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1).replace(
            "PLACEHOLDER", "&e;").replace('encoding="UTF-8"', 'encoding="UTF-16"')

    return with_document_xml(edit, encoding="utf-16")


def _many_entries(n: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        for k in range(n - 1):
            zf.writestr(f"word/p{k}.xml", "<p/>")
    return out.getvalue()


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


@pytest.mark.parametrize("name,build,cls,words,seconds", REFUSED, ids=[c[0] for c in REFUSED])
def test_hostile_file_is_refused_with_one_line(tmp_path: Path, name: str, build, cls: type, words: list[str],
                                               seconds: float) -> None:
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(build(tmp_path))
    start = time.monotonic()
    with pytest.raises(cls) as info:
        readers.read(path)
    elapsed = time.monotonic() - start
    message = str(info.value)
    assert type(info.value) is cls
    assert all(w in message for w in words), message
    assert "\n" not in message and "Traceback" not in message and SECRET not in message
    assert elapsed < seconds, f"{name}: {elapsed:.1f}s"


def test_zip_bomb_refused_before_inflating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The size check needs the central directory only: no part is inflated."""
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb(300))
    inflated: list[str] = []
    real = docx_reader._inflate
    monkeypatch.setattr(docx_reader, "_inflate", lambda data, info: (inflated.append(info.filename), real(data, info))[1])
    with pytest.raises(errors.CorruptDocument, match="expands to 300 MB"):
        readers.read(path)
    assert inflated == []


def test_lying_sizes_never_inflate_in_memory(tmp_path: Path) -> None:
    """zipfile trusts the declared size only after inflating a part whole (1 GB for
    this one): the check inflates in 1 MB chunks and stops past the declared size."""
    import tracemalloc

    path = tmp_path / "liar.docx"
    path.write_bytes(lying_sizes(zip_bomb(500)))
    tracemalloc.start()
    try:
        with pytest.raises(errors.CorruptDocument, match="declared 1000 bytes"):
            readers.read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024, f"peak {peak // 2**20} MB"


def test_python_docx_does_not_resolve_entities_either(tmp_path: Path) -> None:
    """Behind the DOCTYPE refusal: python-docx's lxml parser has resolve_entities=False."""
    import docx

    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    data = with_doctype(f'<!DOCTYPE x [<!ENTITY e SYSTEM "{(tmp_path / "secret.txt").as_uri()}">]>', "&e;")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert SECRET not in text


# --- names that lie: the content decides ------------------------------------------------

# (file name, builder, format it is read as, words its text must hold, warning expected)
# fmt: off
MISNAMED = [
    ("cv-docx.pdf",  lambda: docx_bytes(),  "docx", "Số: 12/UBND-VP", "read as DOCX: that is its content, though it is named .pdf"),
    ("cv-pdf.docx",  lambda: pdf_bytes(),   "pdf",  "12/UBND-VP",     "read as PDF: that is its content, though it is named .docx"),
    ("cv-docx.txt",  lambda: docx_bytes(),  "docx", "Số: 12/UBND-VP", "read as DOCX: that is its content, though it is named .txt"),
    ("cv-pdf.txt",   lambda: pdf_bytes(),   "pdf",  "12/UBND-VP",     "read as PDF: that is its content, though it is named .txt"),
    ("cv-docx.doc",  lambda: docx_bytes(),  "docx", "Số: 12/UBND-VP", "read as DOCX: that is its content, though it is named .doc"),
    ("cv-pdf.md",    lambda: pdf_bytes(),   "pdf",  "12/UBND-VP",     "read as PDF: that is its content, though it is named .md"),
    ("cv.docx",      lambda: docx_bytes(),  "docx", "Số: 12/UBND-VP", None),
    ("cv.pdf",       lambda: pdf_bytes(),   "pdf",  "12/UBND-VP",     None),
]
# fmt: on


@pytest.mark.parametrize("name,build,fmt,words,warning", MISNAMED, ids=[c[0] for c in MISNAMED])
def test_content_decides_the_reader(tmp_path: Path, name: str, build, fmt: str, words: str,
                                    warning: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(build())
    doc = readers.read(path)
    assert doc.format.value == fmt
    assert words in doc.text
    named = [w for w in doc.warnings if "named" in w]
    assert named == ([warning] if warning else [])


@pytest.mark.parametrize("data,fmt", [
    (b"%PDF-1.7\n", "pdf"), (b"\x89PNG\r\n\x1a\n....", "image"), (b"\xff\xd8\xff\xe0", "image"),
    (b"II*\x00", "image"), (b"MM\x00*", "image"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "doc"),
    (b"UBND TINH\nSo: 1/UBND\n", None), (b"{\\rtf1 hello}", None),
    (b"Ghi chu: tep bat dau bang %PDF-1.4 la PDF\n", None),
], ids=["pdf", "png", "jpeg", "tiff-le", "tiff-be", "ole", "text", "rtf", "text-mentions-pdf"])
def test_sniff_format(data: bytes, fmt: str | None) -> None:
    got = readers.sniff_format(data)
    assert (got.value if got else None) == fmt


def test_blank_image_is_a_typed_error_and_quick(tmp_path: Path) -> None:
    path = tmp_path / "blank.png"
    path.write_bytes(png_bytes((800, 600)))
    start = time.monotonic()
    with pytest.raises(errors.EmptyDocument, match="no text"):
        readers.read(path)
    assert time.monotonic() - start < 20


def test_odd_file_name_reads(tmp_path: Path) -> None:
    path = tmp_path / "Công văn \"số 5\" 'mới'.txt"
    path.write_text("\n".join(BODY) + "\n", encoding="utf-8")
    doc = readers.read(path)
    assert "12/UBND-VP" in doc.text and Path(doc.file).name == path.name


# --- the command line: one Error: line each, no traceback, no secret ---------------------


def test_cli_reports_each_hostile_file_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    files = {
        "xxe.docx": with_doctype(f'<!DOCTYPE x [<!ENTITY e SYSTEM "{(tmp_path / "secret.txt").as_uri()}">]>', "&e;"),
        "bomb.docx": zip_bomb(20),
        "huge.png": png_header_only(13000, 13000),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    good = tmp_path / "Công văn \"số 5\" 'mới'.txt"
    good.write_text("\n".join(BODY) + "\n", encoding="utf-8")
    paths = [str(tmp_path / n) for n in files] + [str(good)]
    exe = Path(sys.executable).with_name("congvan")
    run = subprocess.run([str(exe), "extract", "--json", *paths], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and SECRET not in run.stderr and SECRET not in run.stdout
    errs = [x for x in run.stderr.splitlines() if x.startswith("Error:")]
    assert len(errs) == 3 and all("refused" in e or "too large" in e for e in errs), errs
    out = [json.loads(x) for x in run.stdout.splitlines()]
    assert out[-1]["code"] == "12/UBND-VP"


def test_a_fifo_is_refused_at_once_not_read(tmp_path: Path) -> None:
    import os

    from pipeline.errors import UnsupportedFormat

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnsupportedFormat, match="FIFO"):
        readers.read(fifo)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path, monkeypatch) -> None:
    from pipeline.errors import CorruptDocument

    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("Kính gửi " * 500, encoding="utf-8")
    with pytest.raises(CorruptDocument, match="file too large"):
        readers.read(big)
