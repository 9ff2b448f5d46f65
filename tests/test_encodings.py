"""Legacy text encodings: every input is built here from a Unicode sentence.

TCVN3 (.VnTime), Windows-1258, VNI-Windows and UTF-16 without a BOM must come
out as the Unicode sentence; binary content must be a typed one-line error.
The encoder tables below are written out by hand from the published code
charts, apart from the decoder in extractors.legacy, so a wrong entry there
shows up as a failed round trip.
"""
from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from extractors.normalize import LEGACY_STEPS, normalize
from pipeline import errors, readers
from pipeline.readers.text import decode_detect

# fmt: off
# TCVN3 (TCVN 5712:1993) bytes of the letters the sentences use
TCVN3_BYTES: dict[str, int] = {
    "à": 0xB5, "á": 0xB8, "ạ": 0xB9, "â": 0xA9, "ấ": 0xCA, "ầ": 0xC7, "ă": 0xA8,
    "đ": 0xAE, "é": 0xD0, "ê": 0xAA, "ề": 0xD2, "ệ": 0xD6, "ế": 0xD5,
    "ì": 0xD7, "í": 0xDD, "ị": 0xDE, "ỉ": 0xD8, "ò": 0xDF, "ó": 0xE3, "ọ": 0xE4,
    "ô": 0xAB, "ộ": 0xE9, "ố": 0xE8, "ơ": 0xAC, "ở": 0xEB, "ớ": 0xED, "ợ": 0xEE,
    "ụ": 0xF4, "ư": 0xAD, "ử": 0xF6, "ứ": 0xF8, "ự": 0xF9, "ý": 0xFD,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
}
# VNI-Windows: base letter + mark bytes (as Windows-1252 characters)
VNI_CHARS: dict[str, str] = {
    "à": "aø", "á": "aù", "ạ": "aï", "â": "aâ", "ấ": "aá", "ầ": "aà", "ậ": "aä", "ă": "aê",
    "đ": "ñ", "é": "eù", "ê": "eâ", "ề": "eà", "ệ": "eä", "ế": "eá",
    "ì": "ì", "í": "í", "ị": "ò", "ỉ": "æ", "ò": "oø", "ó": "où", "ọ": "oï",
    "ô": "oâ", "ộ": "oä", "ố": "oá", "ồ": "oà", "ơ": "ô", "ở": "ôû", "ớ": "ôù", "ợ": "ôï",
    "ụ": "uï", "ư": "ö", "ử": "öû", "ự": "öï", "ý": "yù",
    "Á": "AÙ", "Â": "AÂ", "Đ": "Ñ", "Ê": "EÂ", "Ỉ": "Æ", "Ồ": "OÀ", "Ô": "OÂ", "Ơ": "Ô",
    "Ủ": "UÛ", "Ư": "Ö", "Ề": "EÀ", "Ị": "Ò",
}
# fmt: on
_TONES = "\u0300\u0301\u0303\u0309\u0323"

SENTENCE = "Đề nghị các đơn vị chưa được giao nhiệm vụ báo cáo trước ngày 15."
CAPITALS = "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP: ĐỀ NGHỊ các Sở, ngành thực hiện."
# TCVN3 has capitals only for Ă Â Ê Ô Ơ Ư Đ (the other capitals need the H fonts)
TCVN3_SENTENCES = [
    SENTENCE,
    "Văn phòng UBND tỉnh Lai Châu: ƯU TIÊN ĐƠN ở xa, Ơn, Ăn, Ân, Ê-đê, ÔNG Đức",
    "Sở Nội vụ đề nghị ông Lê Văn Đức, Trưởng phòng, chưa được cử đi học; ĐÔNG ĐƯƠNG",
]


def tcvn3(text: str) -> bytes:
    return bytes(TCVN3_BYTES[c] if c in TCVN3_BYTES else ord(c.encode("ascii")) for c in text)


def vni(text: str) -> bytes:
    return "".join(VNI_CHARS.get(c, c) for c in text).encode("cp1252")


def cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: the vowel shape precomposed, the tone a combining mark."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)) + tones)
    return "".join(out).encode("cp1258")


def utf16le(text: str) -> bytes:
    return text.encode("utf-16-le")


def utf16be(text: str) -> bytes:
    return text.encode("utf-16-be")


@pytest.mark.parametrize("sentence", TCVN3_SENTENCES, ids=[f"tcvn3-{i}" for i in range(len(TCVN3_SENTENCES))])
def test_tcvn3_round_trips_keeping_u_horn(tmp_path: Path, sentence: str) -> None:
    """0xAD is ư in TCVN3, not a soft hyphen: it must survive to the Unicode text."""
    data = tcvn3(sentence + "\n")
    assert b"\xad" in data or "ư" not in sentence
    text, encoding = decode_detect(data)
    assert (text, encoding) == (sentence + "\n", "tcvn3")
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(data)
    doc = readers.read(path)
    assert doc.text == sentence
    assert any("TCVN3" in w for w in doc.warnings)


def test_tcvn3_in_the_legacy_steps_keeps_u_horn() -> None:
    """The builder's TCVN3 path (Word files in .VnTime) converts before deleting soft hyphens."""
    raw = tcvn3("chưa được").decode("latin-1")
    assert normalize(raw, LEGACY_STEPS).text == "chưa được"


# fmt: off
DETECTED: list[tuple[str, Callable[[str], bytes], str]] = [
    # (sentence, encoder, encoding the reader must name)
    (SENTENCE,  cp1258,  "cp1258"),
    (CAPITALS,  cp1258,  "cp1258"),
    (SENTENCE,  vni,     "vni"),
    (CAPITALS,  vni,     "vni"),
    (SENTENCE,  utf16le, "utf-16-le"),
    (CAPITALS,  utf16le, "utf-16-le"),
    (SENTENCE,  utf16be, "utf-16-be"),
    (CAPITALS,  utf16be, "utf-16-be"),
    (SENTENCE,  tcvn3,   "tcvn3"),
]
# fmt: on


@pytest.mark.parametrize("sentence,encode,encoding", DETECTED,
                         ids=[f"{e}-{i % 2}" for i, (_, _, e) in enumerate(DETECTED)])
def test_encoding_is_detected_and_decoded(tmp_path: Path, sentence: str, encode: Callable[[str], bytes],
                                          encoding: str) -> None:
    data = encode(sentence + "\nKính gửi: Sở Nội vụ.\n")
    text, found = decode_detect(data)
    assert found == encoding
    assert text == sentence + "\nKính gửi: Sở Nội vụ.\n"
    assert unicodedata.is_normalized("NFC", text)
    path = tmp_path / "cv.txt"
    path.write_bytes(data)
    assert sentence in readers.read(path).text


# fmt: off
AS_IS = [
    # (bytes, text they must read as)
    (b"Plain English notes, nothing else.\n",             "Plain English notes, nothing else.\n"),
    (b"Copyright (c) 2020, line one\r\nline two\f\n",     "Copyright (c) 2020, line one\r\nline two\f\n"),
    (SENTENCE.encode("utf-8"),                            SENTENCE),
    (b"\xef\xbb\xbf" + CAPITALS.encode("utf-8"),          CAPITALS),
    ("\ufeff".join(["", SENTENCE]).encode("utf-16"),      "\ufeff" + SENTENCE),
    ("Привет, мир".encode("utf-8"),                       "Привет, мир"),
    ("Copyright © 2020 Café".encode("cp1252"),            "Copyright © 2020 Café"),
]
# fmt: on


@pytest.mark.parametrize("data,expected", AS_IS, ids=[f"as-is-{i}" for i in range(len(AS_IS))])
def test_unicode_and_plain_text_read_as_is(data: bytes, expected: str) -> None:
    text, _ = decode_detect(data)
    assert text.lstrip("\ufeff") == expected.lstrip("\ufeff")


def test_soft_hyphen_is_removed_from_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_bytes("Đề nghị các đơn vị báo\u00adcáo đúng hạn.".encode("utf-8"))
    doc = readers.read(path)
    assert "\u00ad" not in doc.text and "báocáo" in doc.text.replace(" ", "")


_RNG = random.Random(1258)
# fmt: off
BINARY = [
    ("random",      _RNG.randbytes(4000)),
    ("every-byte",  bytes(range(256)) * 8),
    ("nuls",        b"\x00" * 512),
    ("png",         b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _RNG.randbytes(1000)),
    ("high-bytes",  bytes(_RNG.randrange(0x80, 0x100) for _ in range(2000))),
    ("controls",    bytes(_RNG.randrange(1, 0x20) for _ in range(500)) + b"abc def"),
]
# fmt: on


@pytest.mark.parametrize("name,data", BINARY, ids=[b[0] for b in BINARY])
def test_binary_content_is_a_typed_one_line_error(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    with pytest.raises(errors.CorruptDocument) as info:
        readers.read(path)
    message = str(info.value)
    assert message == "not a text file: binary content"
    assert info.value.stage == "read"


def test_binary_garbage_named_txt_is_an_error_row_and_the_rest_loads(tmp_path, db_path) -> None:
    import shutil

    import duckdb

    from pipeline.ingest import ingest

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(Path(__file__).resolve().parents[1] / "samples" / "inbox" / "s000.txt", inbox / "good.txt")
    (inbox / "garbage.txt").write_bytes(random.Random(7).randbytes(20_000))
    (inbox / "tcvn3.txt").write_bytes("Kính gửi: chưa được".encode("utf-8"))
    summary = ingest(inbox, db_path, progress=False, workers=0)
    assert (summary.loaded, summary.failed) == (2, 1)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        errors = con.execute("SELECT file, reason FROM ingest_errors").fetchall()
    finally:
        con.close()
    assert len(errors) == 1 and errors[0][0].endswith("garbage.txt") and "binary" in errors[0][1]
