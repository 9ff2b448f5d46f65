"""OCR reader: a born-digital page rendered to an image (noise, a 1° tilt) must
keep its header fields in the right columns; limits, images, signatures.

The rendered pages come from ../shared (third-party, not copied here); the
tests skip when it or tesseract is absent.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from extractors import signed_at
from pipeline.readers import signatures
from pipeline.readers.ocr import page as ocr, tesseract
from scan_render import image_only

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
D023 = SHARED / "d023.pdf"  # Bộ Nội vụ công văn 8151/BNV-CCHC, text layer, digitally signed

needs_tesseract = pytest.mark.skipif(tesseract.tesseract_path() is None, reason="tesseract is not installed")
needs_corpus = pytest.mark.skipif(not D023.exists(), reason="../shared/corpus/dev/d023.pdf is absent")


def _render(dpi: int, tilt: float, noise: float):
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(str(D023))
    try:
        img = pdf[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        pdf.close()
    rng = random.Random(7)
    px = img.load()
    for _ in range(int(img.width * img.height * noise)):  # salt-and-pepper specks
        px[rng.randrange(img.width), rng.randrange(img.height)] = rng.choice((0, 255))
    return img.rotate(tilt, resample=Image.BICUBIC, fillcolor=255).convert("RGB")


def _header_checks(lines) -> None:
    so = [ln for ln in lines if ln.text.startswith("Số")]
    assert so, "no Số line"
    assert so[0].column == "left"
    assert "/BNV-CCHC" in so[0].text.replace(" ", "")
    dates = [ln for ln in lines if "tháng" in ln.text and "năm 2025" in ln.text and "Hà Nội" in ln.text]
    assert dates, "no date line"
    assert dates[0].column == "right"
    assert any("CỘNG HÒA" in ln.text.upper() and ln.column == "right" for ln in lines)
    assert all(ln.source == "ocr" and ln.confidence is not None for ln in lines)


@pytest.mark.slow
@needs_tesseract
@needs_corpus
def test_rendered_page_300dpi_tilted_keeps_header() -> None:
    img = _render(300, 1.0, 0.002)
    warnings: list[str] = []
    pages = ocr.ocr_images([(1, img)], warnings)
    _header_checks(pages[1])


@pytest.mark.slow
@needs_tesseract
@needs_corpus
def test_image_reader_200dpi_photo(tmp_path: Path) -> None:
    from pipeline.readers import read

    path = tmp_path / "photo.png"
    _render(200, -1.0, 0.001).save(path)
    doc = read(path)
    assert doc.reader == "ocr" and doc.format.value == "image"
    _header_checks(doc.lines)
    assert "BNV" in doc.zone_text("header_left")
    assert "năm 2025" in doc.zone_text("header_right")


@pytest.mark.parametrize("env,pages,expected", [
    ("2", [1, 2, 3, 4], [1, 2]),
    ("30", [3, 1, 2], [1, 2, 3]),
    ("x", list(range(1, 40)), list(range(1, 31))),  # a bad value falls back to the default
])
def test_page_limit(monkeypatch: pytest.MonkeyPatch, env: str, pages: list[int], expected: list[int]) -> None:
    monkeypatch.setenv("CONGVAN_OCR_MAX_PAGES", env)
    warnings: list[str] = []
    assert ocr._limit_pages(pages, warnings) == expected
    assert bool(warnings) == (len(pages) > len(expected))


def test_missing_tesseract_is_a_typed_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from pipeline.errors import ToolMissing

    monkeypatch.setattr(tesseract, "tesseract_path", lambda: None)
    with pytest.raises(ToolMissing):
        ocr.ocr_pdf_pages(tmp_path / "x.pdf", [1])


def test_tsv_words_carry_boxes_and_confidence() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t100\t200\t300\t40\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t100\t205\t60\t35\t96.5\tSố:\n"
        "5\t1\t1\t1\t1\t2\t170\t200\t120\t40\t41\t245/SKHCN\n"
    )
    words = tesseract.parse_tsv(tsv)
    assert [w.text for w in words] == ["Số:", "245/SKHCN"]
    assert words[0].conf == pytest.approx(0.965) and words[1].x1 == 290


def test_tsv_word_boxed_round_one_mark_takes_the_line_height() -> None:
    # Tesseract read `CHỦ` but boxed only the hook of Ủ; `TỊCH` beside it is boxed right
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t400\t100\t200\t46\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t420\t100\t14\t11\t96\tCHỦ\n"
        "5\t1\t1\t1\t1\t2\t460\t101\t137\t45\t96\tTỊCH\n"
    )
    chu, tich = tesseract.parse_tsv(tsv)
    assert chu.bottom == tich.bottom == 146 and abs(chu.top - tich.top) <= 1


@needs_corpus
def test_signatures_of_signed_pdf() -> None:
    sigs = signatures.read_signatures(D023)
    assert sigs and sigs[0]["signer"] == "Nguyễn Văn Hồi"
    assert sigs[0]["organisation"] == "BỘ NỘI VỤ"
    assert sigs[0]["signing_time"].startswith("2025-09-18")


def test_signatures_never_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    assert signatures.read_signatures(bad) == []
    assert signatures.read_signatures(tmp_path / "missing.pdf") == []


# --- second readings, columns, receipt stamp, specks (no tesseract needed) -----------------
from pipeline.readers.geometry import Word  # noqa: E402
from pipeline.readers.ocr.clean import drop_receipt_stamp, impulse_noise, prepare  # noqa: E402
from schemas.document import Line  # noqa: E402


def _page(specks: int, speck_size: int = 1):
    """A white 1000x1000 page with a block of text-like strokes and `specks` dark specks."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (1000, 1000), 255)
    draw = ImageDraw.Draw(img)
    for row in range(10):  # 3-px strokes in rows, like 12 pt text at 300 dpi
        for col in range(30):
            x, y = 100 + 25 * col, 100 + 60 * row
            draw.rectangle((x, y, x + 2, y + 30), fill=0)
            draw.rectangle((x, y + 28, x + 14, y + 30), fill=0)
    rng = random.Random(3)
    for _ in range(specks):
        x, y = rng.randrange(7, 990, 7), rng.randrange(707, 990, 7)
        draw.rectangle((x, y, x + speck_size - 1, y + speck_size - 1), fill=0)
    return img


@pytest.mark.parametrize("specks,size,noisy", [
    (0, 1, False),      # clean text: strokes are no specks
    (20, 1, False),     # a few specks, as on a real scan: left alone
    (200, 1, True),     # salt-and-pepper: 2 per 10,000 pixels
    (200, 2, True),     # specks upscaled from a low-dpi image
    (200, 4, False),    # 4x4 dots are marks (a period, a dot), not specks
])
def test_impulse_noise(specks: int, size: int, noisy: bool) -> None:
    from pipeline.readers.ocr.clean import NOISY_SPECKS

    assert (impulse_noise(_page(specks, size)) > NOISY_SPECKS) == noisy


def test_thin_stroke_ends_are_no_specks() -> None:
    from PIL import Image, ImageDraw

    from pipeline.readers.ocr.clean import speck_mask

    img = Image.new("L", (200, 200), 255)
    draw = ImageDraw.Draw(img)
    draw.line((50, 50, 56, 44), fill=0, width=1)   # a grave accent, 1 px thin
    draw.point((120, 120), fill=0)                 # a speck
    assert speck_mask(img).getbbox() == (120, 120, 121, 121)


def test_specks_whitened_strokes_kept() -> None:
    page = _page(400)
    out = prepare(page.convert("RGB"))
    assert out.crop((0, 700, 1000, 1000)).getextrema()[0] > 128  # no speck left
    assert out.crop((100, 100, 850, 700)).histogram()[0] == page.crop((100, 100, 850, 700)).histogram()[0]


def _so_line() -> Line:
    return Line(text="Số: 334/QĐ-TTg", x0=100, x1=600, top=300, column="left", source="ocr")


@pytest.mark.parametrize("page_text,crop_text,token,expected", [
    ("344/QĐ-TTg", "334/QĐ-TTg", "334", 0.0),     # two readings disagree: a handwritten number
    ("334/QĐ-TTg", "334/QĐ-TTg", "334", 0.52),    # they agree: the crop's confidence
    ("15", "15", "5", None),                      # "5" is not the 5 of "15"
])
def test_second_reading(page_text: str, crop_text: str, token: str, expected: float | None) -> None:
    first = [Word(page_text, 200, 420, 300, 340, conf=0.37)]
    crop = [Word(crop_text, 202, 418, 301, 341, conf=0.52)]
    conf = ocr._token_conf(crop, first)
    assert conf(_so_line(), token) == expected


def test_digits_read_in_one_pass_only_are_never_sure() -> None:
    """The page pass read nothing where the crop read a number: one reading, capped below PRINTED_CONF."""
    from pipeline.readers.ocr.digits import PRINTED_CONF

    crop = [Word("334/QĐ-TTg", 202, 418, 301, 341, conf=0.97)]
    conf = ocr._token_conf(crop, [])
    assert conf(_so_line(), "334") < PRINTED_CONF


def test_footer_band_order_and_columns() -> None:
    lines = [
        Line(text="Nơi nhận:", x0=100, x1=300, top=1000, column="left"),
        Line(text="THỦ TƯỚNG", x0=1500, x1=1800, top=1000, column="right"),
        Line(text="- Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;", x0=100, x1=1300, top=1060, column="full"),
        Line(text="Phạm Minh Chính", x0=1500, x1=1900, top=1100, column="right"),
        Line(text="- Lưu: VT.", x0=100, x1=400, top=1160, column="left"),
    ]
    out = ocr._fix_columns(lines, None, (950.0, 1300.0, 1400.0), 2480)
    assert [ln.text for ln in out] == ["Nơi nhận:", "- Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;",
                                       "- Lưu: VT.", "THỦ TƯỚNG", "Phạm Minh Chính"]
    assert [ln.column for ln in out] == ["left", "left", "left", "right", "right"]


def test_type_heading_under_header_is_full_width() -> None:
    lines = [Line(text="Số: /CT-UBND", x0=450, x1=880, top=400, column="left"),
             Line(text="CHỈ THỊ", x0=1257, x1=1483, top=494, column="right")]
    out = ocr._fix_columns(lines, (180.0, 460.0, 1000.0), None, 2480)
    assert [ln.column for ln in out] == ["left", "full"]


def test_receipt_stamp_words_dropped_up_to_its_border() -> None:
    body = [Word(t, 400 + 150 * i, 530 + 150 * i, 900, 940) for i, t in enumerate("một hai ba bốn năm sáu".split())]
    words = [
        Word("TRUNG", 30, 120, 572, 640), Word("TÂM", 130, 200, 572, 640), Word("ÃI|", 655, 701, 585, 641),
        Word("Về", 729, 795, 572, 602), Word("việc", 810, 906, 572, 615),
        Word("ĐẾN", 60, 172, 763, 794), Word("Chuyển:", 223, 355, 763, 810), Word("thời", 695, 794, 763, 833),
        Word("gian", 820, 919, 775, 829), *body,
    ]
    kept = [w.text for w in drop_receipt_stamp(words, 2480, 3508)]
    assert "Về" in kept and "việc" in kept and "thời" in kept
    assert not {"TRUNG", "TÂM", "ÃI|", "ĐẾN", "Chuyển:"} & set(kept)


@pytest.mark.parametrize("raw,expected", [
    ("D:20250918150247+07'00'", "2025-09-18T15:02:47+07:00"),
    ("D:20260423155416Z", "2026-04-23T15:54:16+00:00"),
    ("D:20180321164100", "2018-03-21T16:41:00"),
    ("D:20251399", None),   # month 13
    ("yesterday", None),
])
def test_pdf_date(raw: str, expected: str | None) -> None:
    assert signatures.pdf_date(raw) == expected


def test_earliest_signing_time_is_by_instant() -> None:
    sigs = [{"signing_time": "2025-01-17T13:43:53+07:00"}, {"signing_time": "2025-01-17T07:00:00+00:00"},
            {"signing_time": None}]
    assert signed_at.earliest(sigs) == "2025-01-17T13:43:53+07:00"
    assert signed_at.earliest([]) is None


@needs_corpus
def test_signed_pdf_carries_its_signatures() -> None:
    from pipeline.readers import read

    doc = read(D023)
    assert doc.signatures and doc.signatures[0]["signer"] == "Nguyễn Văn Hồi"
    assert signed_at.earliest(doc.signatures).startswith("2025-09-18T15:02")
    # and the record keeps them, as provenance
    from pipeline.extract import extract_document

    record = extract_document(doc)
    assert record.signatures[0].signer == "Nguyễn Văn Hồi"
    assert record.signed_at and record.signed_at.startswith("2025-09-18T15:02")


# --- a born-digital dispatch rendered to an image-only PDF gives the same record ------------

def _image_only_pdf(src: Path, out: Path, dpi: int) -> Path:
    return image_only(src, out, dpi, tilt=1.0)


def _similar(a: str | None, b: str | None) -> float:
    import difflib

    from extractors.normalize import canon

    a, b = canon(a or ""), canon(b or "")
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _set_f1(gold: list[str], pred: list[str], threshold: float = 0.85) -> float:
    """The scorer's fuzzy set F1: greedy one-to-one matching by similarity."""
    if not gold and not pred:
        return 1.0
    pairs = sorted(((_similar(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for s, i, j in pairs:
        if s >= threshold and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    hits = len(used_g)
    return 0.0 if hits == 0 else 2 * hits / (len(gold) + len(pred))


EXACT = ("doc_type", "code", "issuer", "place", "date", "signer.name", "signer.title", "signer.authority")


def _get(record: dict, key: str):
    for part in key.split("."):
        record = record[part]
    return record


@pytest.mark.slow
@needs_tesseract
@needs_corpus
@pytest.mark.parametrize("dpi", [300, 200])  # at 200 dpi the specks, upscaled, are whitened first
def test_image_only_render_gives_the_same_record(tmp_path: Path, dpi: int) -> None:
    from pipeline.extract import extract_file

    original = extract_file(D023).contract()
    scanned = extract_file(_image_only_pdf(D023, tmp_path / "scan.pdf", dpi)).contract()
    for key in EXACT:
        assert _get(scanned, key) == _get(original, key), key
    assert _similar(scanned["subject"], original["subject"]) >= 0.9
    assert _set_f1(original["recipients"], scanned["recipients"]) >= 0.9
    assert _set_f1(original["cc"], scanned["cc"]) >= 0.85
