"""Group a document's lines into zones, by position where the reader knows it
and by the fixed landmarks of Nghị định 30 / Hướng dẫn 36 where it does not.

Two entry points:
- `split_landmarks(text)`: cut a line that a text export flattened
  (`ỦY BAN NHÂN DÂN TỈNH KON TUM ------- CỘNG HÒA ... Số: 435/QĐ-UBND Kon Tum, ngày ...`)
  at the landmarks, returning (offset, piece) pairs.
- `assign_zones(lines)`: header left/right, title, recipients, body, cc
  (Nơi nhận), signature and banner zones. A line whose `column` the reader set
  (PDF geometry, DOCX table cells) is trusted; otherwise its content decides.
"""
from __future__ import annotations

import regex

from extractors import patterns as P
from schemas.document import Line, Zone

# --- splitting flattened lines ------------------------------------------------

_RULE_RUN = regex.compile(r"\s(?:-{3,}|_{3,}|\*{3,})(?:\s|$)")
_SO_CUT = regex.compile(r"(?<=\s)Số\s*[:.]?\s*(?=[\d…./-]*[/-]\s?\p{Lu})", regex.VERSION1)
_VV_CUT = regex.compile(r"(?<=\s)(?:V/[Vv]|V\.v)\b", regex.VERSION1)
_KG_CUT = regex.compile(r"(?<=\s)Kính\s+gửi\b", regex.VERSION1)
_NN_CUT = regex.compile(r"(?<=\s)Nơi\s+nhận\s*:", regex.VERSION1)
_TYPE_CUT = regex.compile(rf"(?<=\s)(?:{P.TYPE_NAMES})(?=\s+(?:V/[Vv]|VỀ|Về|\p{{Lu}}{{2,}}\s)|\s*$)", regex.VERSION1)
# "CHỈ THỊ VỀ CÔNG TÁC ...": the type heading stands on its own line above the trích yếu
_TYPE_END_CUT = regex.compile(rf"(?<=(?:^|\s)(?:{P.TYPE_NAMES}))\s+(?=V/[Vv]\b|VỀ\s|Về\s)", regex.VERSION1)
# "... TRONG CẢ NƯỚC Ngày 24 tháng 6 năm 1977 Hội đồng ...": a sentence after a
# capitals trích yếu starts the body
_CAPS_TO_SENTENCE = regex.compile(
    r"(?<=(?:\p{Lu}{2,}[,.]?\s+){3}\p{Lu}{2,}[,.”\"]?\s)(?=\p{Lu}\p{Ll}+\s+[\p{L}\d])", regex.VERSION1
)
# "... ban hành. VĂN PHÒNG CHÍNH PHỦ" : an issuer in capitals after a sentence.
_CAPS_TAIL = regex.compile(r"(?<=[.;:]\s)(?:\p{Lu}{2,}\s+){1,8}\p{Lu}{2,}(?=\s+-{3,}|\s*$)", regex.VERSION1)
# "Nơi nhận: - UBND tỉnh (b/c); - Các phòng ...; - Lưu: VT.": flattened Nơi nhận items
_ITEM_CUT = regex.compile(r"(?<=(?:[;,]|Nơi\s+nhận\s*:)\s*)(?<=\s)(?=[-–+•]\s+\p{L})", regex.VERSION1)
_AUTH_CUT = regex.compile(r"(?<=\s)(?:T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s+(?=\p{Lu}{2,})", regex.VERSION1)
# "... (2b). Trung Anh BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng": a title in capitals
_TITLE_CUT = regex.compile(
    r"(?<=\s)(?<!(?:T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.|Q\.|PHÓ|TỔNG|,)\s)(?=(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|BÍ\s+THƯ|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+BAN|"
    r"THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|CỤC\s+TRƯỞNG|TỔNG\s+GIÁM\s+ĐỐC|CHÁNH\s+THANH\s+TRA)\b)",
    regex.VERSION1,
)
# A person's name at the end of a capitals run: "PHÓ THỦ TƯỚNG Tố Hữu"
_NAME_TAIL = regex.compile(
    r"(?<=\p{Lu}{2,}\s)(?=\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4}(?:\s*$|\s+\p{Lu}{2,}\s+\p{Lu}{2,}))", regex.VERSION1
)
# "... Nguyễn Hữu Tháp CHƯƠNG TRÌNH HÀNH ĐỘNG": an annex heading after the name
_AFTER_NAME = regex.compile(
    r"(?<=\p{Lu}{2,}\s+\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4}\s)(?=\p{Lu}{2,}\s+\p{Lu}{2,})", regex.VERSION1
)


def split_landmarks(text: str, footer: bool = False) -> list[tuple[int, str]]:
    """Cut one flattened line at header (or footer) landmarks; keep offsets."""
    cuts: set[int] = set()
    if not footer:
        for pat in (P.QUOC_HIEU, P.DANG_CSVN, P.TIEU_NGU):
            for m in pat.finditer(text):
                cuts.update((m.start(), m.end()))
        for m in _RULE_RUN.finditer(text):
            cuts.update((m.start() + 1, m.end()))
        for m in _TYPE_END_CUT.finditer(text):
            cuts.add(m.end())
        for pat in (_SO_CUT, _VV_CUT, _KG_CUT, _TYPE_CUT, _CAPS_TO_SENTENCE):
            for m in pat.finditer(text):
                cuts.add(m.start())
        for m in P.DATE_PHRASE.finditer(text):
            start = _place_start(text, m.start())
            cuts.update((start, m.end()))
        m = _CAPS_TAIL.search(text)
        if m and cuts:
            cuts.add(m.start())
    for pat in (_NN_CUT, _AUTH_CUT) if not footer else (_NN_CUT, _AUTH_CUT, _TITLE_CUT, _NAME_TAIL, _AFTER_NAME, _ITEM_CUT):
        for m in pat.finditer(text):
            cuts.add(m.start())
    points = sorted(c for c in cuts if 0 < c < len(text))
    pieces, prev = [], 0
    for c in points + [len(text)]:
        piece = text[prev:c]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            pieces.append((prev + lead, piece.strip()))
        prev = c
    return pieces or [(0, text)]


def _place_start(text: str, date_start: int) -> int:
    """Where the place name before ', ngày' begins: up to 5 capitalised words back."""
    before = text[:date_start]
    word = r"(?:TP\.|Tp\.|\p{Lu}\p{Ll}*)"
    unit = r"(?:(?:Thành\s+phố|Thị\s+xã|Thị\s+trấn|Đặc\s+khu)\s+)?"
    # "Phan Rang - Tháp Chàm": a hyphen between capitalised words joins one name
    sep = r"(?:\s+[-–]\s+|\s+)"
    m = regex.search(rf"(?<!\S)({unit}(?:{word}{sep}){{0,5}}{word})\s*,?\s*$", before, regex.VERSION1)
    if not m:
        return date_start
    start = m.start(1)
    # The place never includes the end of a ký hiệu ("435/QĐ-UBND Kon Tum"): keep
    # only the trailing words that are not all-capitals codes.
    words = list(regex.finditer(r"\S+", before[start:]))
    for w in words:
        token = w.group(0)
        if regex.fullmatch(r"[\p{Lu}\d/.-]+", token, regex.VERSION1) and len(token) > 1 and "/" in token:
            start = start + w.end()
    return start if start < date_start else date_start


# --- classifying lines ----------------------------------------------------------

_STAMP = regex.compile(
    r"""^(?:Ký\s+bởi|Người\s+ký|Email|Cơ\s+quan\s*:|Thời\s+gian\s+ký|Ngày\s+ký|Signature|
        CÔNG\s+BÁO|\d{2}[-/.]\d{2}[-/.]\d{4}\s+\d{1,2}:\d{2}|\d{1,2}:\d{2}:\d{2})""",
    regex.VERBOSE | regex.IGNORECASE | regex.VERSION1,
)
_BULLET = regex.compile(r"^\s*(?:[-–+•*]|\d+[.)]\s)\s*")
_CAPS_WORDS = regex.compile(r"\p{L}+", regex.VERSION1)
_NAME = P.PERSON_NAME
_CC_ITEM = regex.compile(r"^\s*(?:[-–+•]\s*\S|Lưu\b)", regex.VERSION1)
_ENDS_ITEM = regex.compile(r"[,;.]\s*$|\.\s*/\.\s*$")


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _right_landmark(text: str) -> bool:
    return bool(
        P.QUOC_HIEU.search(text) or P.DANG_CSVN.search(text) or P.TIEU_NGU.search(text)
        or P.VIET_NAM.match(text) or _date_line(text)
    )


def _date_line(text: str) -> bool:
    m = P.DATE_PHRASE.search(text)
    return bool(m) and m.start() < 40 and len(text) < 90


# A heading with a qualifier: "BÁO CÁO NHANH", "CÔNG ĐIỆN KHẨN" (capitals, short).
_QUALIFIED_HEADING = regex.compile(rf"^(?:{P.TYPE_NAMES})(?:\s+\p{{Lu}}+){{1,2}}$", regex.VERSION1)


def _is_type_heading(text: str) -> bool:
    t = text.strip("* ")
    return bool(P.TYPE_HEADING.match(t) or _QUALIFIED_HEADING.match(t)) and is_upper(t.split("V/")[0])


def _is_signature_line(text: str) -> bool:
    t = text.strip("* ")
    if t.endswith(":"):  # "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ điện:" addresses a công điện's list
        return False
    return bool(P.AUTHORITY.match(t)) or (is_upper(t) and bool(P.SIGNER_TITLE.match(t)) and len(t) < 80)


def assign_zones(lines: list[Line]) -> list[Zone]:
    """Group lines into zones (see module docstring)."""
    if not lines:
        return []
    kinds: list[str | None] = [None] * len(lines)
    n = len(lines)

    # 1. header: from the first landmark to Kính gửi / the first body line
    i = 0
    seen_landmark = seen_so = seen_date = in_title = title_closed = False
    last_left = "header_left"
    while i < n:
        line = lines[i]
        t = line.text.strip()
        core = t.strip("*# ")
        if P.KINH_GUI.match(t) or (seen_so or seen_landmark) and _body_start(core) and not P.VV.match(core):
            break
        if line.column == "full" and seen_so and not _is_type_heading(core) and not in_title and not _right_landmark(core):
            break
        if not seen_landmark and not is_upper(core) and not _right_landmark(core) and not P.SO_LINE.match(core):
            kinds[i] = "banner" if i < 8 and (_STAMP.match(core) or not seen_landmark) else None
            if kinds[i] is None:
                break
            i += 1
            continue
        seen_landmark = True
        # a type heading printed flush left under a complete header (Số and the
        # date line already read) is the title, whatever column its position gives
        heading_after_header = seen_so and seen_date and _is_type_heading(core) and not title_closed
        if line.column in ("left", "right") and not in_title and not heading_after_header:
            kinds[i] = "header_left" if line.column == "left" else "header_right"
            if line.column == "left" and P.SO_LINE.match(core):
                seen_so = True
            if _date_line(core):
                seen_date = True
        elif _is_type_heading(core) and not title_closed:
            kinds[i] = "title"
            in_title = True
        elif in_title:
            if _right_landmark(core):
                kinds[i] = "header_right"
            elif _is_signature_line(core) or (is_upper(core) and _looks_like_body_authority(core)):
                break
            elif P.RULE.match(core):
                # the rule under the trích yếu closes the title
                kinds[i] = "title"
                in_title, title_closed = False, True
            elif P.INNER_BODY_START.search(core) and not P.TITLE_STOP.match(core):
                # the trích yếu's last line merged with the body's first
                # paragraph: the line is the title's, what follows the body's
                kinds[i] = "title"
                in_title, title_closed = False, True
            elif P.TITLE_STOP.match(core) or (len(core) > 60 and core.endswith(":")):
                # an article, an item, Nơi nhận or a sentence that introduces
                # items is the body, however the trích yếu above it ended
                break
            else:
                kinds[i] = "title"
        elif title_closed and not (is_upper(core) or P.SO_LINE.match(core) or _right_landmark(core) or P.RULE.match(core)):
            # after a closed title only header material (a header printed
            # under a transcriber's title) continues the header
            break
        elif _right_landmark(core):
            kinds[i] = "header_right"
            last_left = "header_right"
        elif P.RULE.match(core):
            kinds[i] = last_left
        else:
            if P.SO_LINE.match(core):
                seen_so = True
            kinds[i] = "header_left"
            last_left = "header_left"
        i += 1
    header_end = i

    # 2. recipients: Kính gửi and its items
    if i < n and P.KINH_GUI.match(lines[i].text):
        kinds[i] = "recipients"
        kg = lines[i]
        rest = P.KINH_GUI.sub("", lines[i].text).strip("* ")
        i += 1
        if not rest or not rest.endswith("."):
            while i < n and i - header_end < 20:
                t = lines[i].text.strip("* ")
                if _read_late(kg, lines[i]):
                    kinds[i] = "header_right"
                    i += 1
                    continue
                if P.BODY_START.match(t):
                    break
                if _continues_item(lines[i - 1], lines[i], t):
                    kinds[i] = "recipients"
                    i += 1
                    if t.endswith((".", "./.")) and not _more_items(lines, i):
                        break
                    continue
                if lines[i].column == "full" and not _BULLET.match(t) and rest:
                    break
                # one recipient on the Kính gửi line, then a long unbulleted line: the body
                if rest and not _BULLET.match(t) and not _BULLET.match(rest) and len(t) > 75:
                    break
                kinds[i] = "recipients"
                rest = rest or t
                i += 1
                if (t.endswith(".") or t.endswith("./.")) and not _more_items(lines, i):
                    break
    elif i < n and (P.DIEN_ADDRESS.match(lines[i].text.strip("* "))
                    or i > 0 and P.DIEN_ADDRESS.match(lines[i - 1].text.strip("* "))):
        # a công điện's list under its address line (which plays Kính gửi's part):
        # bulleted items and their wrapped lines
        if P.DIEN_ADDRESS.match(lines[i].text.strip("* ")):
            kinds[i] = "recipients"
            i += 1
        while i < n and i - header_end < 20:
            t = lines[i].text.strip("* ")
            if P.BODY_START.match(t) or not (_BULLET.match(t) or t[:1].islower()
                                             or _continues_item(lines[i - 1], lines[i], t)):
                break
            kinds[i] = "recipients"
            i += 1
            if t.endswith((".", "./.")) and not _more_items(lines, i):
                break
    body_start = i

    # 3. footer: Nơi nhận and the signature block around it
    noi = next((k for k in range(body_start, n) if P.NOI_NHAN.match(lines[k].text)), None)
    sig = _signature_start(lines, body_start, noi)
    foot_start = min(x for x in (noi, sig, n) if x is not None)
    # signature lines printed just before Nơi nhận (flattened exports)
    foot_end = _footer_end(lines, foot_start)
    for k in range(body_start, foot_start):
        kinds[k] = "body"
    in_cc = False
    for k in range(foot_start, foot_end):
        line = lines[k]
        t = line.text.strip("* ")
        if P.NOI_NHAN.match(line.text):
            kinds[k] = "cc"
            in_cc = True
        elif line.column == "left":
            kinds[k] = "cc"
        elif line.column == "right":
            kinds[k] = "signature"
        elif _STAMP.match(t):
            kinds[k] = "banner"
        elif _is_signature_line(t) or (is_upper(t) and not _BULLET.match(t)) or _NAME.match(t):
            kinds[k] = "signature"
            in_cc = False if not _BULLET.match(t) else in_cc
        elif in_cc:
            kinds[k] = "cc"
        else:
            kinds[k] = "signature"
    # a digital-signature stamp printed after the name ("ĐẢNG UỶ XÃ CÔNG HẢI /
    # 27-01-2026 15:28:23 +07:00") is a banner, not body text
    tail_is_stamp = n - foot_end <= 5 and all(len(x.text) < 60 for x in lines[foot_end:])
    for k in range(foot_end, n):
        stamp = tail_is_stamp or _STAMP.match(lines[k].text) or regex.fullmatch(r"\d{1,5}", lines[k].text)
        kinds[k] = "banner" if stamp else "body"
    return _group(lines, kinds)


def _read_late(kg: Line, line: Line) -> bool:
    """A right-column header line that a PDF reader gave after a short left
    `Kính gửi:` printed below the header table: it sits higher on the page."""
    return (
        line.column == "right" and kg.column == "left" and line.page == kg.page
        and line.top is not None and kg.top is not None and line.top < kg.top
    )


def _continues_item(prev: Line, line: Line, text: str) -> bool:
    """A recipient item wrapped onto the next line: the item did not end with
    `,` `;` `.` `:` and the line goes on in lower case, or (where the reader
    knows positions) starts no further left than the bulleted item above it
    (a hanging indent, as scans print it)."""
    before = P.KINH_GUI.sub("", prev.text).strip("* ")
    if not text or not before or _BULLET.match(text) or _ENDS_ITEM.search(before) or before.endswith(":"):
        return False
    if text[0].islower():
        return True
    return bool(_BULLET.match(before)) and prev.x0 is not None and line.x0 is not None and line.x0 >= prev.x0 - 10 and len(text) < 90


def _more_items(lines: list[Line], i: int) -> bool:
    """A short bullet item after the "last" one ("- Công an xã." / "- các cơ quan,
    đơn vị."): the list goes on."""
    if i >= len(lines):
        return False
    t = lines[i].text.strip("* ")
    return bool(_BULLET.match(t)) and len(t) < 80 and bool(_ENDS_ITEM.search(t)) and not P.BODY_START.match(
        _BULLET.sub("", t)
    )


def _body_start(text: str) -> bool:
    # body sentences start with a capital; a trích yếu wrapped onto a line that
    # begins "theo Công văn ..." is not the body
    return bool(text) and text[0].isupper() and bool(P.BODY_START.match(text))


def _looks_like_body_authority(text: str) -> bool:
    # "ỦY BAN NHÂN DÂN TỈNH KON TUM" / "CHỦ TỊCH ỦY BAN NHÂN DÂN ..." printed
    # between a Quyết định's trích yếu and its Căn cứ lines.
    return bool(regex.match(r"(?:CHỦ\s+TỊCH\s+|BỘ\s+TRƯỞNG\s+|THỦ\s+TƯỚNG\s+)?(?:ỦY|UỶ)\s+BAN|THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH|GIÁM\s+ĐỐC", text))


def _signature_start(lines: list[Line], body_start: int, noi: int | None) -> int | None:
    """First line of the signature block: near Nơi nhận when there is one."""
    n = len(lines)
    lo = body_start if noi is None else max(body_start, noi - 8)
    hi = n if noi is None else min(n, noi + 1)
    for k in range(lo, hi):
        t = lines[k].text.strip("* ")
        if _is_signature_line(t) and len(t) < 90:
            if noi is None and k < n - 12 and not any(P.NOI_NHAN.match(x.text) for x in lines[k:k + 12]):
                # a capitals title inside the body of a long document is not the signature
                if not P.AUTHORITY.match(t):
                    continue
            return k
    if noi is None:
        return _right_column_block(lines, body_start)
    return None


def _right_column_block(lines: list[Line], body_start: int) -> int | None:
    """A right-column capitals line with a person's name under it, as a form's
    signature box prints it ("LÃNH ĐẠO VĂN PHÒNG" / dotted lines / "Nguyễn Ngọc Nam")."""
    n = len(lines)
    for k in range(body_start, n):
        line = lines[k]
        t = line.text.strip("* ")
        if line.column != "right" or not is_upper(t) or len(t) > 80:
            continue
        for j in range(k + 1, min(n, k + 7)):
            if lines[j].column != "right":
                break
            u = lines[j].text.strip("* ")
            if _NAME.match(u) and not is_upper(u):
                return k
    return None


def _footer_end(lines: list[Line], start: int) -> int:
    """The footer ends after the signer's name (annexes and stamps follow it)."""
    n = len(lines)
    seen_sig = start < n and lines[start].column == "right"
    for k in range(start, min(n, start + 45)):
        t = lines[k].text.strip("* ")
        if _is_signature_line(t):
            seen_sig = True
        if k > start and (P.QUOC_HIEU.search(t) or regex.match(r"PHỤ\s+LỤC|QUY\s+CHẾ\b|QUY\s+ĐỊNH\b|DANH\s+SÁCH", t)):
            return k
        if seen_sig and lines[k].column != "left" and _NAME.match(t) and not is_upper(t):
            # a Nơi nhận cell taller than the signature cell: its last items
            # come after the signer's name
            end = k + 1
            while end < n and lines[end].column == "left" and _CC_ITEM.match(lines[end].text):
                end += 1
            return end
    return min(n, start + 45) if start < n else n


def _group(lines: list[Line], kinds: list[str | None]) -> list[Zone]:
    zones: list[Zone] = []
    for line, kind in zip(lines, kinds):
        kind = kind or "body"
        if zones and zones[-1].kind == kind:
            zones[-1].lines.append(line)
        else:
            zones.append(Zone(kind=kind, lines=[line]))  # type: ignore[arg-type]
    return zones
