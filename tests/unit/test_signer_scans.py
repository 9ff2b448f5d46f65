"""Signer blocks of scans: the deputy's `KT. X` / `PHÓ X` under a seal, a title above the
Nơi nhận line (issue 8, classes 11 and 14). Snippets written for these tests."""
from __future__ import annotations

import shutil

import pytest

from pipeline.readers.geometry import Word
from pipeline.readers.ocr.page import _signer_cell
from pipeline.readers.ocr.stamp_titles import deputy_stub, paired_stubs, pho_under, title_pair

# fmt: off
PHO_UNDER = [
    # (the deputy's line as read, the head's title, reads as PHÓ + head)
    ("=zPH:CHỦ TỊCH", "CHỦ TỊCH", True),                 # a ring's marks, PH glued to a stop
    ("wwPHOTRƯỞNG BAN", "TRƯỞNG BAN", True),             # PHÓ run into the title, marks lost
    ("PHỎ.HIỆU TRUỞNG", "HIỆU TRƯỞNG", True),            # one letter of the title misread
    ("xPH&VIEN TRƯỞNG :", "VIỆN TRƯỞNG", True),          # junk token at the end dropped
    ("CHỦ TỊCH", "CHỦ TỊCH", False),                     # the head's title repeated: no PHÓ read
    ("TỔNG GIÁM ĐỐC", "GIÁM ĐỐC", False),                # another word before it
    ("KX CHỦ TỊCH", "CHỦ TỊCH", False),                  # no PH: PHÓ is never made up
    ("PHRQXZ TRƯỞNG BAN", "TRƯỞNG BAN", False),          # too much between PH and the title
    ("PH CHÁNH", "CHÁNH VĂN PHÒNG", False),              # the title cut short
]
TITLE_PAIRS = [
    # (upper half as read, lower half as read, (head, deputy) or None)
    ("„TL ,CHU TỊCH.", "sPH!CHỦ TỊCH", ("CHỦ TỊCH", "PHÓ CHỦ TỊCH")),   # hand-written KT. before the head
    ("HIEU TRƯỞNG", "_ PHO HIỆU TRƯỞNG `", ("HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")),
    ("BỘ TRƯỚNG", "THỨ TRUỞNG", ("BỘ TRƯỞNG", "THỨ TRƯỞNG")),          # a deputy without PHÓ
    ("GIÁM ĐỐC", "GIÁM ĐỐC", None),                      # two readings of one line
    ("CHỦ TỊCH", "PHÓ GIÁM ĐỐC", None),                  # not that head's deputy
    ("PHÓ CHỦ TỊCH", "Trần Văn Bình", None),             # a deputy's title over a name
    ("SỞ Y TẾ", "PHÓ GIÁM ĐỐC", None),                   # the seal's words over a title
]
STUBS = [
    # (a stamp's row as read, kept as read for the pairing)
    ("PHỞXTRÁM ĐỎC", True),                             # PHÓ GIÁM run together, the last word read
    ("PHGEHÙ TỊCH", True),                              # PHÓ CHỦ run together, TỊCH read
    ("PHUOK TRƯỞNG", True),
    ("PHÓ CHỦ TỊCH", False),                            # a title of the table: read as such
    ("SỞ Y TẾ", False),
    ("Phan Văn Tịch", False),                           # a name, not capitals
    ("XHỚTTBÁM ĐÓC", False),                            # no PH
]
# fmt: on


@pytest.mark.parametrize("text,head,expected", PHO_UNDER, ids=[r[0] for r in PHO_UNDER])
def test_pho_under(text: str, head: str, expected: bool) -> None:
    assert pho_under(text, head) is expected


@pytest.mark.parametrize("top,bottom,expected", TITLE_PAIRS, ids=[f"{r[0]}|{r[1]}" for r in TITLE_PAIRS])
def test_title_pair(top: str, bottom: str, expected: tuple[str, str] | None) -> None:
    assert title_pair(top, bottom) == expected


@pytest.mark.parametrize("text,expected", STUBS, ids=[r[0] for r in STUBS])
def test_deputy_stub(text: str, expected: bool) -> None:
    assert deputy_stub(text) is expected


# fmt: off
KEPT = [
    # (a row's tokens as read, what is kept: the junk before a head's title may be PHÓ)
    (["__—PHÓ", "CHỦ", "TỊCH"], "PHÓ CHỦ TỊCH"),          # PHÓ read inside a ring's marks
    (["_-PH", "HIEU", "TRƯỞNG", ":"], "PHÓ HIỆU TRƯỞNG"),  # its O lost too
    (["~——tHÓ", "TRƯỞNG", "BAN"], None),                  # the P lost: blank, never the head's title
    (["K7—", "GIÁM", "ĐỐC"], "GIÁM ĐỐC"),                # a hand-written KT. before the head's line
    (["=", "CHÁNH", "VĂN", "PHÒNG"], "CHÁNH VĂN PHÒNG"),
]
# fmt: on


@pytest.mark.parametrize("tokens,expected", KEPT, ids=[" ".join(r[0]) for r in KEPT])
def test_junk_before_a_head_title(tokens: list[str], expected: str | None) -> None:
    from pipeline.readers.ocr.stamps import _kept_reading

    ws = [Word(t, 100 * i, 100 * i + 80, 0, 40, conf=0.9) for i, t in enumerate(tokens)]
    got = _kept_reading(ws)
    assert (got[0] if got else None) == expected


def _row(text: str, x0: float, top: float, height: float = 40.0) -> list[Word]:
    """A printed row as word boxes, 30 px a letter."""
    out, x = [], x0
    for t in text.split():
        out.append(Word(t, x, x + 30 * len(t), top, top + height, conf=0.9))
        x += 30 * len(t) + 20
    return out


# fmt: off
PAIRED = [
    # (page rows above the stub: (text, x0, top), the stub row kept)
    ([("CHỦ TỊCH", 1500, 2200)], True),                  # the head's title just above it
    ([("TRƯỞNG BAN", 1450, 2180)], False),               # another head: the stub ends in TỊCH
    ([("CHỦ TỊCH", 1500, 1900)], False),                 # too far above
    ([("CHỦ TỊCH", 300, 2200)], False),                  # in the other column
    ([], False),                                         # nothing above
]
# fmt: on


@pytest.mark.parametrize("above,kept", PAIRED)
def test_paired_stubs(above: list[tuple[str, int, int]], kept: bool) -> None:
    page = [w for text, x0, top in above for w in _row(text, x0, top)]
    stub = Word("PHGEHÙ TỊCH", 1450, 1900, 2260, 2300, conf=0.6)
    name = Word("Trần Văn Bình", 1450, 1900, 2600, 2640, conf=0.9)
    got = paired_stubs(page, [stub, name])
    assert [w.text for w in got] == (["PHGEHÙ TỊCH", "Trần Văn Bình"] if kept else ["Trần Văn Bình"])


# fmt: off
CELLS = [
    # (rows of page words: (text, x0, top); the footer band; the cell's expected top)
    # the body's last line ends well above the band: three line heights at most
    ([("và báo cáo kết quả về Sở trước ngày hai mươi", 350, 1600)], (1900.0, 3000.0, 1200.0), 1780.0),
    # the body's last line just above: the cell starts a little under its boxes, not in it
    ([("đề nghị các đơn vị thực hiện nghiêm túc nội dung", 350, 1800)], (1900.0, 3000.0, 1200.0), 1852.0),
    # a line of the left column only above the band: not the signer's side
    ([("Nơi", 300, 1850)], (1900.0, 3000.0, 1200.0), 1780.0),
]
# fmt: on


@pytest.mark.parametrize("rows,band,top", CELLS)
def test_signer_cell_reaches_over_the_band(rows: list[tuple[str, int, int]], band: tuple[float, float, float],
                                           top: float) -> None:
    words = [w for text, x0, t in rows for w in _row(text, x0, t)]
    cell = _signer_cell(words, band, 2480)
    assert cell[0] == band[2] and cell[2] == 2480 and cell[3] == band[1]
    assert cell[1] == pytest.approx(top)


def _font(size: int):
    from pathlib import Path

    from PIL import ImageFont

    for d in (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation")):
        if (d / "LiberationSerif-Bold.ttf").exists():
            return ImageFont.truetype(str(d / "LiberationSerif-Bold.ttf"), size)
    pytest.skip("Liberation fonts not installed")


# fmt: off
SOLID = [
    # (head's title, deputy's title, the deputy line's y: set solid or a few px apart)
    ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", 96),
    ("TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", 100),
    ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", 100),       # the ring takes the P: the deputy's line is blank
]
# fmt: on


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
@pytest.mark.parametrize("head,deputy,y", SOLID)
def test_deputy_line_under_a_ring_never_reads_as_the_head(head: str, deputy: str, y: int) -> None:
    """The head's title over its deputy's, a seal's ring through the deputy's `PHÓ`: the
    deputy's line reads as the deputy's title or as nothing, never as the head's title."""
    from PIL import Image, ImageDraw

    from pipeline.readers.ocr.stamps import rescue_rows

    img = Image.new("L", (1300, 700), 255)
    d = ImageDraw.Draw(img)
    d.text((560, 60), head, font=_font(46), fill=0)
    d.text((470, y), deputy, font=_font(46), fill=0)
    d.ellipse((250, y + 20, 650, y + 420), outline=0, width=4)
    d.text((520, 600), "Trần Văn Bình", font=_font(50), fill=0)
    got = rescue_rows(img, (0, 40, 1300, 690), [])
    lower = [w.text for w in got if y <= (w.top + w.bottom) / 2 <= y + 60]
    assert head not in lower
    assert set(w.text for w in got) <= {head, deputy, "Trần Văn Bình"}
