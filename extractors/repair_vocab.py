"""Closed vocabularies of OCR'd header cells and signer blocks, and the repairs they drive.

The capitals lines of the header cells (`ỦY BAN NHÂN DÂN` / `TỈNH QUẢNG NGÃI`,
`CÔNG AN TỈNH LÂM ĐỒNG`) and of the signer block (`KT. CHỦ TỊCH` /
`PHÓ CHỦ TỊCH`), and the signer's name, are drawn from closed vocabularies:
head nouns of bodies, level words, the province names, signer titles,
surnames and ranks. OCR gets their diacritics wrong (`TĨNH`, `ĐÔNG`,
`Nguyên`) or a letter (`CHÚ TƯỚNG`). A token or phrase that is not already a
valid entry is replaced by the one entry it matches on the diacritic-folded
form, or, for a whole title line or a province name, by a close fuzzy match
(rapidfuzz on the folded form) that no other entry comes near. A match that
is not unique changes nothing. The caller keeps the raw OCR text in a note.
"""
from __future__ import annotations

import regex

from extractors import gazetteer
from extractors.normalize import canon, fold

# --- closed vocabularies of the header cells and the signer block ---------------------
# Signer titles (ô 7b), with the authority lines that carry one.
SIGNER_TITLES: tuple[str, ...] = (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "BÍ THƯ", "PHÓ BÍ THƯ", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "THỦ TƯỚNG",
    "PHÓ THỦ TƯỚNG", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "TỔNG GIÁM ĐỐC", "CHÁNH THANH TRA", "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG", "PHÓ CHÁNH THANH TRA", "PHÓ TỔNG GIÁM ĐỐC", "TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG",
    "VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "CHÁNH ÁN", "CHỦ NHIỆM", "TRƯỞNG ĐOÀN",
    # schools and universities
    "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "TRƯỞNG KHOA", "PHÓ TRƯỞNG KHOA", "KT. HIỆU TRƯỞNG",
    "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC", "KT. BỘ TRƯỞNG", "KT. THỦ TƯỚNG",
)
# Province-level units: the 63 before the 2025 merger and the 34 after it
# (all but Huế are among the 63). Header lines print them in capitals.
PROVINCES: tuple[str, ...] = (
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "An Giang", "Bà Rịa - Vũng Tàu",
    "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước",
    "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp",
    "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
    "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
    "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
    "Vĩnh Phúc", "Yên Bái",
)
# Level words: a line that starts with one continues the body above (contract).
LEVEL_WORDS: tuple[str, ...] = ("TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "THỊ TRẤN")
# Only these levels are followed by a province name.
PROVINCE_LEVELS: tuple[str, ...] = ("TỈNH", "THÀNH PHỐ")
# These are followed by a district's or a commune's name (extractors.gazetteer).
LOCAL_LEVELS: dict[str, str] = {
    "HUYỆN": "district", "QUẬN": "district", "THỊ XÃ": "district",
    "HUYỆN ỦY": "district", "QUẬN ỦY": "district", "THỊ ỦY": "district",
    "XÃ": "commune", "PHƯỜNG": "commune", "THỊ TRẤN": "commune",
}
# Head nouns of state and Party bodies, as they open a header line or follow
# TM. in an authority line.
HEAD_NOUNS: tuple[str, ...] = (
    "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "UBND", "HĐND", "CÔNG AN", "BỘ CÔNG AN", "BỘ QUỐC PHÒNG",
    "BỘ NỘI VỤ", "BỘ TÀI CHÍNH", "BỘ TƯ PHÁP", "BỘ Y TẾ", "BỘ XÂY DỰNG", "BỘ NGOẠI GIAO", "CHÍNH PHỦ",
    "THỦ TƯỚNG CHÍNH PHỦ", "VĂN PHÒNG CHÍNH PHỦ", "VĂN PHÒNG", "BỘ", "SỞ", "BAN", "CỤC", "TỔNG CỤC",
    "THANH TRA", "ĐẢNG BỘ", "ĐẢNG ỦY", "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "BAN THƯỜNG VỤ",
    "BAN CHẤP HÀNH", "MẶT TRẬN TỔ QUỐC VIỆT NAM", "TÒA ÁN NHÂN DÂN", "VIỆN KIỂM SÁT NHÂN DÂN",
    "BỘ CHỈ HUY QUÂN SỰ", "BAN CHỈ ĐẠO", "HỘI ĐỒNG", "TRUNG TÂM",
    # schools and universities (Luật Giáo dục đại học: đại học, trường đại học, học viện)
    "ĐẠI HỌC", "TRƯỜNG ĐẠI HỌC", "HỌC VIỆN", "TRƯỜNG CAO ĐẲNG", "PHÒNG",
)
# The sector a body serves, after its head noun (`SỞ Y TẾ`, `CỤC THUẾ`, `BỘ GIÁO DỤC VÀ
# ĐÀO TẠO`): the specialised agencies of the provincial UBND (Nghị định 24/2014/NĐ-CP,
# 107/2020/NĐ-CP, 45/2025/NĐ-CP) and the ministries' fields, with the sub-sectors their
# cục and chi cục are named after.
FIELDS: tuple[str, ...] = (
    "Y TẾ", "TÀI CHÍNH", "NỘI VỤ", "TƯ PHÁP", "XÂY DỰNG", "CÔNG THƯƠNG", "GIÁO DỤC VÀ ĐÀO TẠO",
    "KHOA HỌC VÀ CÔNG NGHỆ", "NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
    "TÀI NGUYÊN VÀ MÔI TRƯỜNG", "VĂN HÓA, THỂ THAO VÀ DU LỊCH", "VĂN HÓA VÀ THỂ THAO", "DU LỊCH",
    "LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "THÔNG TIN VÀ TRUYỀN THÔNG", "KẾ HOẠCH VÀ ĐẦU TƯ",
    "GIAO THÔNG VẬN TẢI", "DÂN TỘC VÀ TÔN GIÁO", "NGOẠI VỤ", "QUY HOẠCH - KIẾN TRÚC", "THUẾ", "HẢI QUAN",
    "QUẢN LÝ THỊ TRƯỜNG", "AN TOÀN VỆ SINH THỰC PHẨM", "DÂN SỐ - KẾ HOẠCH HÓA GIA ĐÌNH", "KIỂM LÂM",
    "THỐNG KÊ", "THỦY LỢI", "THỦY SẢN", "CHĂN NUÔI VÀ THÚ Y", "TRỒNG TRỌT VÀ BẢO VỆ THỰC VẬT",
    "THI HÀNH ÁN DÂN SỰ", "DÂN TỘC", "QUỐC PHÒNG", "NGOẠI GIAO", "CÔNG AN",
    # the fields universities and their offices are named after
    "CÔNG NGHỆ THÔNG TIN VÀ TRUYỀN THÔNG", "CÔNG NGHỆ THÔNG TIN", "BÁCH KHOA", "SƯ PHẠM", "KINH TẾ", "Y DƯỢC",
    "Y KHOA", "NGOẠI NGỮ", "KHOA HỌC XÃ HỘI VÀ NHÂN VĂN", "KHOA HỌC TỰ NHIÊN", "CÔNG TÁC SINH VIÊN", "ĐÀO TẠO",
    "KHẢO THÍ VÀ ĐẢM BẢO CHẤT LƯỢNG", "KẾ HOẠCH - TÀI CHÍNH", "TỔ CHỨC - HÀNH CHÍNH", "QUẢN LÝ KHOA HỌC",
)
# Head nouns that a sector follows.
FIELD_HEADS = frozenset({"SỞ", "BỘ", "CỤC", "TỔNG CỤC", "BAN", "TRUNG TÂM", "ĐẠI HỌC", "TRƯỜNG ĐẠI HỌC", "HỌC VIỆN",
                         "TRƯỜNG CAO ĐẲNG", "PHÒNG"})

# Signing-authority prefixes (ND30 PL I §II.7, HD36).
AUTHORITY_PREFIXES: tuple[str, ...] = ("TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T/L")
# "KT." is the deputy signing for the head: the authority names the head, so
# the deputy's title follows from it (used only when the title line is junk).
DEPUTY_TITLES: dict[str, str] = {
    "BỘ TRƯỞNG": "THỨ TRƯỞNG", "THỦ TƯỚNG": "PHÓ THỦ TƯỚNG", "CHỦ TỊCH": "PHÓ CHỦ TỊCH",
    "GIÁM ĐỐC": "PHÓ GIÁM ĐỐC", "TỔNG GIÁM ĐỐC": "PHÓ TỔNG GIÁM ĐỐC", "CHÁNH VĂN PHÒNG": "PHÓ CHÁNH VĂN PHÒNG",
    "TRƯỞNG BAN": "PHÓ TRƯỞNG BAN", "CỤC TRƯỞNG": "PHÓ CỤC TRƯỞNG", "CHÁNH THANH TRA": "PHÓ CHÁNH THANH TRA",
    "TRƯỞNG PHÒNG": "PHÓ TRƯỞNG PHÒNG", "VIỆN TRƯỞNG": "PHÓ VIỆN TRƯỞNG", "BÍ THƯ": "PHÓ BÍ THƯ",
    "HIỆU TRƯỞNG": "PHÓ HIỆU TRƯỞNG", "TRƯỞNG KHOA": "PHÓ TRƯỞNG KHOA",
}
# Common Vietnamese surnames (most of the population between them).
SURNAMES: tuple[str, ...] = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý", "Trương", "Đinh", "Đào", "Đoàn", "Lâm", "Mai", "Trịnh", "Hà", "Tạ", "Cao",
    "Lương", "Lưu", "Châu", "Tôn", "Tăng", "Quách", "Thái", "Lại", "Hứa", "Triệu", "Kiều", "Khổng",
    "La", "Mạc", "Chu", "Nông", "Vương", "Phùng", "Giang", "Tống", "Từ", "Thân", "Lò", "Tô", "Vi",
)
# Military and police ranks printed before a signer's name.
RANKS: tuple[str, ...] = (
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
    "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy",
)


def _fold_key(text: str) -> str:
    """Folded, space-normalised, upper case, punctuation off the ends: the key OCR diacritic errors keep."""
    return fold(text).upper().strip(" .,;:")


def _index(entries) -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = {}
    for e in entries:
        table.setdefault(_fold_key(e), set()).add(e)
    return {k: tuple(sorted(v)) for k, v in table.items()}


_PROVINCE_KEYS = _index(p.upper() for p in PROVINCES)
_LEVEL_KEYS = _index(LEVEL_WORDS)
_HEAD_KEYS = _index(HEAD_NOUNS)
_FIELD_KEYS = _index(FIELDS)
_TITLE_KEYS = _index({t for t in (*SIGNER_TITLES, *DEPUTY_TITLES.values()) if "." not in t})
_SURNAME_KEYS = _index(SURNAMES)
_RANK_KEYS = _index(RANKS)
# head nouns and head noun + sector, keyed without their spaces
_SPACELESS_KEYS: dict[str, tuple[str, ...]] = {}
for _entry in (*HEAD_NOUNS, *(f"{h} {f}" for h in FIELD_HEADS for f in FIELDS)):
    _SPACELESS_KEYS.setdefault(_fold_key(_entry).replace(" ", ""), ())
    _SPACELESS_KEYS[_fold_key(_entry).replace(" ", "")] += (_entry,)
_AUTH_KEYS = {_fold_key(a): a for a in AUTHORITY_PREFIXES}  # "KT" (dot stripped), "T/M"


def folds_to_province(text: str) -> bool:
    """`text` is a province's name up to its diacritics (then it is no district's to repair)."""
    return _fold_key(text.upper()) in _PROVINCE_KEYS


def _same(a: str, b: str) -> bool:
    """Equal up to case and where the tone mark sits (`UỶ` = `ỦY`): nothing to repair."""
    return canon(a) == canon(b)


def _closest(text: str, keys: dict[str, tuple[str, ...]]) -> str | None:
    """The one entry `text` is a misreading of, or None.

    Candidates are the entries within a few letters of `text` on the folded
    form (one edit per five letters); the nearest on the unfolded form wins
    (a diacritic error costs like a letter), and only when it is unique: so
    `CHÚ TƯỚNG` is `THỦ TƯỚNG` (2 edits) rather than `THỨ TRƯỞNG` (4).
    """
    from rapidfuzz.distance import Levenshtein

    key = _fold_key(text)
    raw = canon(text).upper()
    scored = []
    for k, entries in keys.items():
        fd = Levenshtein.distance(key, k)
        if fd > max(1, len(k) // 5):
            continue
        for e in entries:
            scored.append((Levenshtein.distance(raw, canon(e).upper()), fd, e))
    if not scored:
        return None
    scored.sort()
    if len(scored) > 1 and scored[1][:2] == scored[0][:2]:
        return None
    return scored[0][2]


def _caps_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _junk(token: str) -> bool:
    """A token read off a seal, a signature or a rule: fewer than two letters, or letters mixed with digits/marks."""
    letters = sum(c.isalpha() for c in token)
    return letters < 2 or letters < 0.6 * len(token.strip(".,;:"))


def repair_caps_line(text: str, title_line: bool = False) -> str | None:
    """Repair a capitals line of a header cell or of the signer block; None when nothing changes.

    Token by token: an authority prefix; a head noun at the start (after the
    prefix); a level word at the start or after a head noun; after TỈNH or
    THÀNH PHỐ the rest of the line as a province name. With `title_line`
    (the signer block's side) the whole line after the prefix may instead be
    one signer title, read loosely (`«6 CHÚ TƯỚNG` -> `THỦ TƯỚNG`).
    """
    # a code (`QĐ-UBND`, `CV/ĐU`) or a number: not a name line
    # (a spaced dash joins two names: "VIỆT - HÀN", "LAO ĐỘNG - THƯƠNG BINH")
    if not _caps_line(text) or regex.search(r"\d{2}|\p{Lu}{2,}(?:\s*/\s*|-\s*)\p{Lu}", text):
        return None
    tokens = text.split()
    if not 1 <= len(tokens) <= 16:  # a university's name runs to 13 words
        return None
    if len(tokens) == 1 and not title_line:
        joined = _spaceless(tokens[0])
        if joined is not None:
            return joined if joined != text else None
    out: list[str] = []
    auth = _AUTH_KEYS.get(_fold_key(tokens[0])) if len(tokens) > 1 else None
    if auth is not None:
        out.append(tokens[0])
    start = i = len(out)
    if title_line:
        core = tokens[i:]
        while core and _junk(core[0]):
            core = core[1:]
        while core and _junk(core[-1]):
            core = core[:-1]
        if core:
            phrase = " ".join(core)
            for keys in ((_TITLE_KEYS, _HEAD_KEYS) if auth else (_TITLE_KEYS,)):
                hit = _closest(phrase, keys)
                if hit is not None:
                    new = " ".join([*out, phrase if _same(phrase, hit) else hit])
                    return new if new != text else None
            hit = _title_among_strays(core)
            if hit is not None:
                new = " ".join([*out, hit])
                return new if new != text else None
    level_ok = True  # a level word may open the line or follow its head noun
    hit = ""
    while i < len(tokens):
        step = None
        after_head = hit in FIELD_HEADS
        for keys, allowed in ((_HEAD_KEYS, i == start), (_FIELD_KEYS, after_head), (_LEVEL_KEYS, level_ok)):
            if allowed:
                step = _longest(tokens, i, keys)
                if step:
                    break
        if step is None and after_head:
            step = _closest_phrase(tokens, i, _FIELD_KEYS)  # "CÔNG NGIIỆ THỘNG TIN": a letter misread too
        if step is None and hit in _SCHOOL_HEADS and i < len(tokens):
            # a university named after its city: "ĐẠI HỌC ĐÁ NẴNG"
            name = " ".join(tokens[i:])
            place = _closest(name, _PROVINCE_KEYS)
            if place is not None:
                out.append(name if _same(name, place) else place)
                break
        if step is None:
            # after a district or commune level (or a district's Party committee) comes its name
            name = " ".join(tokens[i:])
            kind = LOCAL_LEVELS.get(hit)
            place = gazetteer.place(name, kind) if kind else None
            out.append(name if place is None or _same(name, place) else place)
            break
        k, hit = step
        phrase = " ".join(tokens[i:i + k])
        out.append(phrase if _same(phrase, hit) else hit)
        i += k
        level_ok = hit not in LEVEL_WORDS
        if hit in FIELDS and i < len(tokens):
            # a sector may be followed by its province without a level word: "SỞ Y TẾ KIÊN GIANG"
            name = " ".join(tokens[i:])
            if _LEVEL_KEYS.get(_fold_key(tokens[i])) is None:
                place = _closest(name, _PROVINCE_KEYS)
                out.append(name if place is None or _same(name, place) else place)
                break
        if hit in PROVINCE_LEVELS and i < len(tokens):
            name = " ".join(tokens[i:])
            place = _closest(name, _PROVINCE_KEYS)
            if place is None and hit == "THÀNH PHỐ":  # a city under a province
                place = gazetteer.place(name, "district")
            out.append(name if place is None or _same(name, place) else place)
            break
    new = " ".join(out)
    return new if new != text else None


def _spaceless(token: str) -> str | None:
    """The body name a header line read as one word is (`SỞYTẺÊ` -> `SỞ Y TẾ`), or None.

    The rule under the issuing body's name can join its letters into one
    token. Only a whole line of one token of at least four letters is read
    so, against head nouns alone and head noun + sector (`SỞ Y TẾ`, `CỤC THUẾ`).
    """
    if sum(c.isalpha() for c in token) < 4:
        return None
    return _closest(token, _SPACELESS_KEYS)


def _longest(tokens: list[str], i: int, keys: dict[str, tuple[str, ...]]) -> tuple[int, str] | None:
    """(length, entry) of the longest phrase at tokens[i:] whose folded form is exactly one entry."""
    for k in range(min(8, len(tokens) - i), 0, -1):
        hit = keys.get(_fold_key(" ".join(tokens[i:i + k])))
        if hit and len(hit) == 1:
            return k, hit[0]
    return None


_SCHOOL_HEADS = frozenset({"ĐẠI HỌC", "TRƯỜNG ĐẠI HỌC", "HỌC VIỆN"})


def _closest_phrase(tokens: list[str], i: int, keys: dict[str, tuple[str, ...]]) -> tuple[int, str] | None:
    """(length, entry) of the longest phrase of two words or more at tokens[i:] that is a close
    misreading of exactly one entry (`_closest`)."""
    from rapidfuzz.distance import Levenshtein

    best: tuple[int, int, str] | None = None  # (edits, -length, entry): the nearest, then the longest
    for k in range(min(8, len(tokens) - i), 1, -1):
        phrase = " ".join(tokens[i:i + k])
        hit = _closest(phrase, keys)
        # letters misread, never a word lost, made up or replaced: word by word, at most half its letters
        # (a space read inside a word, "CÔNG T ÁC", is a misread too)
        if hit is not None and (_fold_key(phrase).replace(" ", "") == _fold_key(hit).replace(" ", "") or (
                len(hit.split()) == k and all(
                    Levenshtein.distance(_fold_key(a), _fold_key(b)) <= max(1, len(_fold_key(b)) // 2)
                    for a, b in zip(tokens[i:i + k], hit.split())))):
            cand = (Levenshtein.distance(_fold_key(phrase), _fold_key(hit)), -k, hit)
            best = cand if best is None or cand < best else best
    return (-best[1], best[2]) if best else None


def is_surname(token: str) -> bool:
    """`token` is a surname of the table, up to its diacritics (`Nguyên` counts for `Nguyễn`)."""
    return bool(_SURNAME_KEYS.get(_fold_key(token)))


def closest_title(text: str) -> str | None:
    """The one signer title `text` is a misreading of (`GIÁM ĐÓC` -> `GIÁM ĐỐC`), or None."""
    return _closest(text, _TITLE_KEYS)


def implied_title(authority: str) -> str | None:
    """The deputy's title a `KT.` authority line implies (`KT. CHỦ TỊCH` -> `PHÓ CHỦ TỊCH`); None otherwise."""
    m = regex.match(r"^\s*(?:KT\.|K/T)\s*(.+?)\s*$", authority)
    return DEPUTY_TITLES.get(m.group(1)) if m else None


def deputy_pair(first: str, second: str) -> tuple[str, str] | None:
    """(`KT. X`, `PHÓ X`) for two signer-block lines that both read as the head title X, or None.

    A seal printed over the authority and the title hides `KT.` and `PHÓ`:
    the lines then read `X` (`-e={T. CHỦ TỊCH`) and a junk stub that ends
    like X (`XP TỊCH`). No other signing form repeats the head's title on
    the line under it, so the pair is the deputy signing for the head.
    """
    def core(tokens: list[str]) -> list[str]:
        while tokens and _junk(tokens[0]):
            tokens = tokens[1:]
        while tokens and _junk(tokens[-1]):
            tokens = tokens[:-1]
        return tokens

    a = core(first.split())
    if not a or _AUTH_KEYS.get(_fold_key(a[0])) is not None:
        return None
    head = _closest(" ".join(a), _TITLE_KEYS) or title_in(first)
    if head not in DEPUTY_TITLES:
        return None
    if title_in(second) == DEPUTY_TITLES[head]:
        # `KT.` written in by hand (or lost under the seal), `PHÓ X` printed
        # in full under `X`: the deputy signs for the head
        return f"KT. {head}", DEPUTY_TITLES[head]
    b = [t for t in second.split() if not _junk(t)]
    words = head.split()
    # the second line's tail: the head title's last words, as read
    k = 0
    while k < min(len(b), len(words)) and _fold_key(b[-1 - k]) == _fold_key(words[-1 - k]):
        k += 1
    stub = b[:len(b) - k]
    # what the seal left of `PHÓ` and the head's first words, run together: `PH“O-ẴGA` (`PHÓ GIÁ...`)
    pho = len(stub) == 1 and DEPUTY_TITLES[head].startswith("PHÓ ") and _fold_key(stub[0])[:2] == "PH"
    # what stands before the tail is what the seal left of `PHÓ`: at most one short stub
    if k == 0 or len(stub) > 1 or (any(len(t) > 3 for t in stub) and not pho) or (
            k == len(words) and not stub and len(second.split()) == len(b)):
        return None
    return f"KT. {head}", DEPUTY_TITLES[head]


def title_in(text: str) -> str | None:
    """The signer title read in the longest run of `text`'s words that reads as one.

    OCR puts marks of the seal or the signature, or a stray `VT,` of the Nơi
    nhận column, before or after the title (`gay GIÁM ĐÓC`, `GIAM ĐỐC ĐỌC`).
    """
    tokens = text.split()
    for n in range(min(len(tokens), 6), 0, -1):
        found = {t for i in range(len(tokens) - n + 1)
                 if (t := _closest(" ".join(tokens[i:i + n]), _TITLE_KEYS)) is not None}
        if len(found) == 1:
            return found.pop()
        if found:  # two titles read in one line: none is sure
            return None
    return None


def _title_among_strays(tokens: list[str]) -> str | None:
    """The title of a signer-block line whose other words are strays of the scan.

    A stray is a junk token, a one- or two-letter token with punctuation (the
    `VT,` of a Lưu line beside it), or a misread repeat of one of the title's
    words (`GIAM ĐỐC ĐỌC`). Any other word (`SỞ Y TẾ` after `GIÁM ĐỐC`) is part
    of the title as printed, so nothing is cut.
    """
    for n in range(len(tokens) - 1, 0, -1):
        for i in range(len(tokens) - n + 1):
            hit = _closest(" ".join(tokens[i:i + n]), _TITLE_KEYS)
            if hit is None:
                continue
            words = {_fold_key(w) for w in hit.split()}
            rest = tokens[:i] + tokens[i + n:]
            if all(_junk(t) or _fold_key(t) in words or
                   (sum(c.isalpha() for c in t) <= 2 and t[-1] in ",;:.") for t in rest):
                return hit
            return None
    return None


def is_title_junk(text: str) -> bool:
    """A signer-title line that reads as nothing: no title, no name, mostly junk tokens."""
    tokens = text.split()
    if not tokens or _closest(text, _TITLE_KEYS) is not None:
        return False
    return sum(_junk(t) for t in tokens) >= 0.5 * len(tokens) or len(_fold_key(text).replace(" ", "")) <= 4


def repair_name(text: str) -> str | None:
    """A signer's name line: its rank and surname against the closed tables; None when nothing changes.

    `Thiêu tướng Trương Minh Đương` -> `Thiếu tướng ...`, `Nguyên Hoàng Giang`
    -> `Nguyễn Hoàng Giang`. Only a surname that is not in the table and
    folds to exactly one entry is replaced.
    """
    tokens = text.split()
    if not 2 <= len(tokens) <= 7 or _caps_line(text):
        return None
    out: list[str] = []
    i = 0
    if len(tokens) >= 4:
        rank = " ".join(tokens[:2])
        hit = _RANK_KEYS.get(_fold_key(rank))
        if hit and len(hit) == 1:
            out.append(rank if _same(rank, hit[0]) else hit[0])
            i = 2
    name = tokens[i:]
    if 3 <= len(name) <= 5 and regex.match(r"^\p{Ll}{3,}$", name[0]):
        # the surname's first letter lost under the seal's edge (`guyền Trúc Giang`)
        tails = {s for s in SURNAMES if len(s) > len(name[0]) and _fold_key(s).endswith(_fold_key(name[0]))}
        if len(tails) == 1:
            name = [tails.pop(), *name[1:]]
    if not 2 <= len(name) <= 5 or not all(regex.match(r"^\p{Lu}\p{Ll}*$", t) for t in name):
        return None
    sur = name[0]
    if not any(_same(sur, s) for s in SURNAMES):
        hit = _SURNAME_KEYS.get(_fold_key(sur))
        if hit and len(hit) == 1:
            sur = hit[0]
    new = " ".join([*out, sur, *name[1:]])
    return new if new != text else None
