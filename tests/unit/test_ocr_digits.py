"""The dedicated reading of handwritten numbers and days (pipeline.readers.ocr.digits): locating,
ink blobs, voting, settling against the whole-page reading. No tesseract needed."""
from __future__ import annotations

import pytest

from pipeline.readers.ocr import vote as dv
from pipeline.readers.ocr import digits as od
from schemas.document import Line


def _glyphs(spec: str) -> list[od.Glyph]:
    """'S@505-529 ố@534-558' -> glyphs."""
    out = []
    for part in spec.split():
        text, xs = part.rsplit("@", 1)
        a, b = xs.split("-")
        out.append(od.Glyph(text, float(a), float(b), 0.9))
    return out


# fmt: off
NUMBER_SPANS = [
    # (character boxes of the Số row, expected (left, right) or None)
    ("S@505-529 ố@534-558 :@565-571 Z@591-622 7@617-685 /@717-734 Q@727-763 Đ@766-802",
     (571.0, 717 - 0.3 * 17)),                               # colon ends Số; clear of the slash's left part
    ("S@354-377 ố@383-477 /@491-505 T@508-540 T@542-574",   # ố's box swallows the handwriting
     (377 + 1.4 * 23, 491 - 0.3 * 14)),
    ("S@466-497 ó@499-525 :@532-540 5@551-610 /@631-669 /@699-757 B@737-766 C@763-798",
     (540.0, 699 - 0.3 * 58)),                               # a '/' read in the handwriting is no separator
    ("S@457-482 ố@486-510 :@515-522 /@533-548 C@549-581 T@584-615", None),   # blank: separator right after Số
    ("Q@100-130 u@131-150", None),                           # no Số
]

DAY_SPANS = [
    ("n@1481-1508 g@1508-1541 à@1539-1568 y@1563-1595 2@1596-1630 3@1633-1661 t@1685-1700 h@1701-1727 á@1730-1759"
     " n@1760-1787 g@1787-1820", (1595.0, 1685.0)),
    # y's box runs into the handwriting: cut at about a g's width
    ("n@1561-1586 g@1586-1616 à@1616-1642 y@1637-1735 {@1684-1708 t@1764-1777 h@1777-1802 á@1804-1829"
     " n@1831-1856 g@1856-1886", (1637 + 1.2 * 30, 1764.0)),
    ("t@1751-1769 h@1769-1792 á@1792-1815 n@1815-1844 g@1843-1867", None),   # no ngày
]
# fmt: on


@pytest.mark.parametrize("spec,expected", NUMBER_SPANS)
def test_number_span(spec: str, expected) -> None:
    got = od.number_span(_glyphs(spec))
    assert (got is None) == (expected is None)
    if expected:
        assert got == pytest.approx(expected)


@pytest.mark.parametrize("spec,expected", DAY_SPANS)
def test_day_span(spec: str, expected) -> None:
    got = od.day_span(_glyphs(spec))
    assert (got is None) == (expected is None)
    if expected:
        assert got == pytest.approx(expected)


SETTLE = [
    # (line's number, reading (value, votes, weak), page confidence, expected (value, doubtful))
    ("", None, None, ("", False)),                                      # not located: unchanged
    ("245", None, 0.96, ("245", False)),                                # not located, read alike twice: kept
    ("1393", None, 0.85, ("", True)),                                   # not located, read once only: dropped
    ("26", None, None, ("", True)),                                     # not located, no confidence: dropped
    ("", (None, [], None), None, ("", False)),                          # no ink: blank on purpose
    ("", ("729", ["729"] * 20, "729"), None, ("729", False)),           # a clear vote fills the blank
    ("89", ("89", ["89"] * 20, "89"), 0.44, ("89", False)),             # agrees with the page
    ("334", ("932", ["932"] * 20, "932"), 0.52, ("", True)),            # disagrees: never guess
    ("15", (None, ["15", "5"], None), 0.94, ("15", False)),             # printed digits stay
    ("24", (None, ["24", "44"], None), 0.44, ("", True)),               # weak page reading, undecided vote
    ("23", (None, ["23", "43"], "23"), 0.78, ("23", False)),            # weak plurality confirms the page
    ("3", (None, ["23", "3"], "23"), 0.36, ("", True)),                 # ... but not another value
]


def test_the_kyhieu_opens_even_when_its_first_letter_reads_as_a_digit() -> None:
    """`Số: 40/TB-CTSV` read `4 0 / 1 B -CTSV`: the number ends at the slash, not at the dash."""
    row = _glyphs("S@574-600 ố@602-629 :@634-642 4@660-668 0@672-727 /@742-765 1@768-788 B@793-824 "
                  "-@829-843 C@846-879 T@882-914")
    left, right = od.number_span(row)
    assert right < 742


def test_a_wide_t_of_thang_swallowed_a_digit() -> None:
    """`ngày 26tháng`: the 6 read into the t's box; the day's end is unknown, nothing is located."""
    row = _glyphs("n@1465-1489 g@1490-1519 à@1519-1544 y@1541-1570 2@1579-1620 t@1628-1682 h@1682-1707 "
                  "á@1709-1735 n@1737-1762 g@1762-1792")
    assert od.day_span(row) is None
    ok = _glyphs("n@1465-1489 g@1490-1519 à@1519-1544 y@1541-1570 2@1579-1620 6@1628-1660 t@1668-1682 "
                 "h@1682-1707 á@1709-1735 n@1737-1762 g@1762-1792")
    assert od.day_span(ok) is not None


def test_a_faint_stroke_stays_with_its_digit() -> None:
    """Masking with a margin keeps ink next to a digit's box (the open top of a 4)."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (200, 100), 255)
    d = ImageDraw.Draw(img)
    d.line((60, 20, 60, 80), fill=0, width=6)       # the 4's upright, found as a blob
    d.line((40, 60, 57, 60), fill=150, width=2)     # its faint cross-bar, no blob of its own
    blob = [(57, 17, 64, 83, 400)]
    bare = od.masked(img, (0, 0, 200, 100), blob)
    padded = od.masked(img, (0, 0, 200, 100), blob, pad=20, clip=(30.0, 120.0))
    assert bare.getextrema()[0] == 0 and min(bare.crop((0, 0, 3, bare.height)).tobytes()) == 0
    assert padded.width > bare.width and min(padded.crop((0, 40, 20, 70)).tobytes()) < 200


@pytest.mark.parametrize("current,reading,conf,expected", SETTLE)
def test_settle(current: str, reading, conf: float | None, expected: tuple[str, bool]) -> None:
    r = od.Reading(reading[0], None, reading[1], reading[2]) if reading else None
    assert od.settle(current, r, conf) == expected


def test_apply_rewrites_the_slots() -> None:
    lines = [Line(text="Số: /QĐ-TTg", top=445, x0=500, x1=900, column="left", source="ocr"),
             Line(text="Hà Nội, ngày … tháng 4 năm 2026", top=446, x0=1270, x1=2110, column="right", source="ocr")]
    found = od.HeaderDigits(number=od.Reading("729", None, ["729"] * 20, "729"), number_top=445,
                            day=od.Reading(None, None, ["2", "22", "3"], None), day_top=446)
    out, notes = od.apply(lines, found, lambda line, tok: None)
    assert out[0].text == "Số: 729/QĐ-TTg" and out[0].confidence is None
    assert out[1].text == "Hà Nội, ngày … tháng 4 năm 2026" and out[1].confidence == 0.3
    assert len(notes) == 2


def _page(rows: list[str]):
    """A small grey image from ASCII art: '#' ink, '.' paper."""
    from PIL import Image

    img = Image.new("L", (len(rows[0]), len(rows)), 255)
    for y, row in enumerate(rows):
        for x, c in enumerate(row):
            if c == "#":
                img.putpixel((x, y), 0)
    return img


def test_components_erase_rules_and_split_blobs() -> None:
    art = [
        "..........",
        ".##....#..",
        ".##....#..",
        ".##....#..",
        "##########",   # a rule longer than the box is tall: erased
        "..........",
    ]
    blobs = od.components(_page(art), (0, 0, 10, 6), 128)
    assert sorted((b[0], b[2]) for b in blobs) == [(1, 3), (7, 8)]


@pytest.mark.parametrize("boxes,expected", [
    ([(0, 0, 10, 30, 100), (14, 0, 24, 30, 100)], 2),     # written apart
    ([(0, 0, 10, 30, 100), (8, 0, 18, 30, 100)], 2),      # touching slant still apart
    ([(0, 0, 20, 30, 100), (2, 0, 12, 10, 20)], 1),       # stacked (a stroke inside a digit's width)
    ([], 0),
])
def test_tall_count(boxes, expected: int) -> None:
    assert od.tall_count(boxes) == expected


# line height 40 px: one handwritten digit is at most WIDE_DIGIT (1.3) line heights wide
@pytest.mark.parametrize("boxes,expected", [
    ([(0, 0, 30, 44, 400)], 1),                            # one digit, as tall as the line
    ([(0, 0, 50, 44, 600)], 1),                            # a wide flourished 4: still one
    ([(0, 0, 62, 44, 700)], 2),                            # `79` joined in one stroke
    ([(0, 0, 110, 44, 900)], 3),                           # three digits in one stroke
    ([(0, 0, 30, 44, 400), (34, 0, 96, 44, 700)], 3),      # one apart, two joined
    ([(0, 0, 20, 44, 300), (2, 0, 14, 10, 40)], 1),        # a stroke stacked on a digit
    ([], 0),
])
def test_least_digits(boxes, expected: int) -> None:
    assert od.least_digits(boxes, 40) == expected


def test_joined_digits_read_as_one_are_blank() -> None:
    # both recognisers read the joined `79` as `5`: fewer digits than the ink holds
    value, weak = dv.decide(["5"] * 10, ["5"] * 4, dv.valid_number, od.least_digits([(0, 0, 62, 44, 700)], 40))
    assert (value, weak) == (None, None)


def test_parse_hocr_chars() -> None:
    hocr = ("<span class='ocrx_cinfo' title='x_bboxes 10 5 30 40; x_conf 91.5'>S</span>"
            "<span class='ocrx_cinfo' title='x_bboxes 32 5 50 40; x_conf 80'>&amp;</span>")
    g = od.parse_hocr_chars(hocr)
    assert [(x.text, x.x0, x.x1) for x in g] == [("S", 10.0, 30.0), ("&", 32.0, 50.0)]


def test_digit_blobs_flag_ink_fused_with_the_separator() -> None:
    # span x 0..12 (line height 6): a digit inside; a stroke that starts
    # inside the span and runs on into the separator (its centre past the end)
    art = [
        "..................",
        ".##.......######..",
        ".##.......#....#..",
        ".##.......#....#..",
        ".##.......######..",
        "..................",
    ]
    blobs, fused = od.digit_blobs(_page(art), (0, 0, 18, 6), (0.0, 12.0), 4.0)
    assert [(b[0], b[2]) for b in blobs] == [(1, 3)] and fused
    # the separator alone, starting where the span ends, is not fused ink
    art = [row[:10] + "." * 2 + row[12:] for row in art]
    art = [row[:12] + ("###" if i in (1, 2, 3, 4) else "...") + row[15:] for i, row in enumerate(art)]
    blobs, fused = od.digit_blobs(_page(art), (0, 0, 18, 6), (0.0, 12.0), 4.0)
    assert not fused


@pytest.mark.parametrize("text,reading,expected", [
    # digits OCR split with spaces are one number
    ("Số: 2 6 2 4 /QĐ-UBNL", od.Reading("3604", None, [""] * 24, None, ["3604"] * 8), "Số: 3604 /QĐ-UBNL"),
    # a Số the handwriting beside it made unreadable is restored with the number
    ("sø. Z// /QĐ-UBND", od.Reading("261", None, [""] * 24, None, ["261"] * 8), "Số: 261/QĐ-UBND"),
    # Party form, no colon: left as printed
    ("Số 45-CV/ĐU", od.Reading("458", None, [""] * 24, None, ["458"] * 8), "Số 458-CV/ĐU"),
])
def test_apply_finds_the_number_slot(text: str, reading, expected: str) -> None:
    lines = [Line(text=text, top=400, x0=280, x1=960, column="left", source="ocr")]
    out, _ = od.apply(lines, od.HeaderDigits(number=reading, number_top=400), lambda line, tok: None)
    assert out[0].text == expected


def test_settle_drops_unsure_digits_where_no_ink_was_found() -> None:
    no_ink = od.Reading(None, None, [], None)
    assert od.settle("2624", no_ink, 0.41) == ("", True)      # noise read as digits
    assert od.settle("245", no_ink, 0.96) == ("245", False)   # printed
    assert od.settle("", no_ink, None) == ("", False)         # blank on purpose


@pytest.mark.parametrize("text", [
    "S% QÍÃ /qbĐ-UBND",       # no separator before an upper-case ký hiệu part but the one inside it
    "Số: 12/2024/QĐ-UBND",    # a legal document's year is not part of the number
])
def test_number_slot_never_reaches_into_the_ky_hieu(text: str) -> None:
    lines = [Line(text=text, top=400, x0=280, x1=960, column="left", source="ocr")]
    reading = od.Reading("261", None, [""] * 24, None, ["261"] * 8)
    out, _ = od.apply(lines, od.HeaderDigits(number=reading, number_top=400), lambda line, tok: None)
    assert out[0].text == text


def test_two_crops_reading_different_digits_give_no_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """The blobs alone and with a margin are both read; `1393` against `4393` is no value."""
    from PIL import Image, ImageDraw

    from pipeline.readers.geometry import Word
    from pipeline.readers.ocr import ppocr

    img = Image.new("L", (400, 120), 255)
    d = ImageDraw.Draw(img)
    for x in (120, 160, 200, 240):
        d.line((x, 30, x, 80), fill=0, width=8)
    row = [Word("Số:", 20, 90, 30, 80)]
    answers = iter([["1393"] * 24, ["4393"] * 24])
    monkeypatch.setattr(od, "read_many", lambda exe, images: next(answers))
    monkeypatch.setattr(ppocr, "available", lambda: False)
    got = od._read_span("tesseract", img, row, (100.0, 300.0), od.valid_number)
    assert got.value is None and set(got.votes) == {"1393", "4393"}
    answers = iter([["1393"] * 24, ["1393"] * 24])
    assert od._read_span("tesseract", img, row, (100.0, 300.0), od.valid_number).value == "1393"
