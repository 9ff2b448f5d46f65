"""Cited documents (record.references): one per distinct document, in order of
first mention, never the document itself.

Sources: the trích yếu (header and title zones), Kính gửi, the căn cứ lines and
the body with its annexes; Nơi nhận, the signature and stamps are left out.
A citation is a type word plus số/ký hiệu (`Công văn số 591-CV/TU`), a bare
code with a known type abbreviation (`57-NQ/TW`), or a law cited by name
(`Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015`). Later
mentions of the same code (`Công văn số 591-CV/TU nêu trên`) only fill what the
first one lacked (a date, an issuer).
"""
from __future__ import annotations

import regex

from extractors import body_patterns as B
from extractors import patterns as P
from extractors.deadlines import iso
from extractors.normalize import canon
from schemas.document import ParsedDocument
from schemas.record import FieldValue, Record, Reference, Span

_SKIP_ZONES = {"cc", "signature", "banner"}
_NAMED_MAX_WORDS = 10
_AMENDING_MAX_WORDS = 40  # "Luật sửa đổi, bổ sung một số điều của Luật X và Luật Y"


def canon_code(code: str | None) -> str:
    return regex.sub(r"\s+", "", canon(code or "")).replace("…", "").lstrip(".")


def document_end(doc: ParsedDocument) -> int:
    """Where the document ends: an enclosure after the signature that carries
    its own "Số:" or "Kính gửi" line is another document (a draft sent for
    comments), unlike an annex "ban hành kèm theo" the decision."""
    kinds = [(z.kind, line) for z in doc.zones for line in z.lines]
    foot = next((i for i, (k, _) in enumerate(kinds) if k in ("cc", "signature")), None)
    if foot is None:
        return len(doc.text)
    after = next((i for i in range(foot, len(kinds)) if kinds[i][0] not in ("cc", "signature", "banner")), None)
    if after is None:
        return len(doc.text)
    for k in range(after, len(kinds)):
        t = kinds[k][1].text.strip("*# ")
        m = P.SO_LINE.match(t)
        if (m and m.start() < 2) or P.KINH_GUI.match(t):
            return kinds[after][1].start
    return len(doc.text)


def scan_text(doc: ParsedDocument) -> str:
    """doc.text with the zones that cite nothing blanked (offsets kept)."""
    end = document_end(doc)
    chars = list(doc.text[:end]) + [" "] * (len(doc.text) - end)
    for zone in doc.zones:
        for line in zone.lines:
            blank = zone.kind in _SKIP_ZONES
            if not blank and zone.kind.startswith("header"):
                m = P.SO_LINE.match(line.text)  # the document's own "Số:" line
                blank = bool(m) and m.start() < 3
                # the document's own motto and date line: a citation ending the V/v line must
                # not take them as its issuer and date ("... Kết luận số 12-KL/TU của Ban
                # Thường vụ Tỉnh ủy" / "ĐẢNG CỘNG SẢN VIỆT NAM" / "Tân Lập, ngày 14 ...")
                blank = blank or _own_header_line(line.text)
            if blank:
                for i in range(line.start, min(line.end, len(chars))):
                    if chars[i] != "\n":
                        chars[i] = " "
    return unspace("".join(chars))


def _own_header_line(text: str) -> bool:
    t = text.strip(" *")
    if P.QUOC_HIEU.search(t) or P.DANG_CSVN.search(t) or P.TIEU_NGU.search(t):
        return True
    m = P.DATE_LINE.match(t)
    return bool(m) and bool(m.group("place").strip()) and m.end() >= len(t.rstrip(" .")) - 1


# a run of single letters and digits spaced out by a text layer ("Q u y ế t đ ị n h s ố
# 0 1 / Q Đ - C T N"), which may go on over a line end
_SPACED_RUN = regex.compile(r"(?<!\S)(?:\S[ \n]){7,}\S(?!\S)", regex.VERSION1)
# where a word boundary must have been in a squeezed run: lower case before upper
# case or a digit, a digit before a letter, a capital abbreviation before lower case
_WORD_GAP = regex.compile(r"(?<=\p{Ll})(?=[\p{Lu}\d])|(?<=\d)(?=\p{L})|(?<=\p{Lu}{2})(?=\p{Ll})", regex.VERSION1)


def unspace(text: str) -> str:
    """Letter-spaced runs squeezed back into words, padded so offsets stay put."""
    def squeeze(m: regex.Match[str]) -> str:
        run = m.group(0)
        word = _WORD_GAP.sub(" ", regex.sub(r"[ \n]", "", run))
        return word + " " * (len(run) - len(word))
    return _SPACED_RUN.sub(squeeze, text)


_TYPE_BY_KEY = {regex.sub(r"\s+", "", t).casefold(): t for t in B.CITED_TYPES}


def sentence_type(word: str) -> str:
    word = regex.sub(r"\s+", " ", word.strip())
    known = _TYPE_BY_KEY.get(word.replace(" ", "").casefold())
    if known and " " not in word and " " in known:
        return known  # squeezed from a letter-spaced run: "Quyếtđịnh"
    return word[:1].upper() + word[1:].lower() if word.isupper() or word[:1].islower() else word


def _relation(text: str, start: int) -> str:
    ctx = text[max(0, start - 300):start]
    # a căn cứ line starts its line (or follows ";" in a flattened export), with a capital:
    # a wrapped line that happens to begin "căn cứ nhiệm vụ ..." is not one
    if regex.search(r"(?:^|[\n;])\s*[-+•]?\s*Căn\s+cứ\b[^;]*$", ctx):
        return "căn cứ"
    # the rest must not depend on where the printed lines wrap
    flat = regex.sub(r"\s+", " ", ctx)
    cut = max(flat.rfind(";"), flat.rfind(". "))
    near = flat[cut + 1:][-60:]
    # the relation word nearest the citation wins ("thực hiện ... (theo 05-KH/BCĐTW)")
    found = [(m.start(), name) for name, pat in B.RELATIONS[1:] if (m := pat.search(near))]
    return max(found)[1] if found else "other"


def _date_after(text: str, pos: int) -> tuple[str | None, int, bool]:
    """(ISO date, end offset, blank?) of a 'ngày ...' right after pos."""
    m = B.CITE_DATE.match(text, pos)
    if not m:
        return None, pos, False
    if m.group("blank") is not None:
        return None, m.end(), True
    d, mo, y = m.group("d") or m.group("d2"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2")
    return iso(y, mo, d), m.end(), False


def _issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    m = B.CITE_ISSUER.match(text, pos)
    if not m:
        return None, pos
    issuer = regex.sub(r"\s+", " ", m.group("issuer")).strip(" -")
    if len(issuer.split()) > 16:
        return None, pos
    return issuer, m.end()


def _details(text: str, start: int, end: int) -> tuple[str | None, str | None, bool, int]:
    """Date and issuer printed after a code (either order), or told before the
    citation ("Ngày 24 tháng 6 năm 1977 Hội đồng Chính phủ đã ra Quyết định số 169-CP")."""
    date, pos, blank = _date_after(text, end)
    issuer, pos2 = _issuer_after(text, pos)
    if date is None and not blank:
        date, pos3, blank = _date_after(text, pos2)
        pos2 = max(pos2, pos3)
    if date is None and not blank:
        m = B.CITE_DATE_BEFORE.search(text[max(0, start - 160):start])
        if m:
            d, mo, y = m.group("d") or m.group("d2"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2")
            date, issuer = iso(y, mo, d), issuer or regex.sub(r"\s+", " ", m.group("issuer")).strip()
    return date, issuer, blank, pos2


def _specimen(text: str, start: int) -> bool:
    """A number shown as an example of how to print one, not cited."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(B.SPECIMEN_NUMBER.search(text[line_start:start]) or B.EXAMPLE_LINE.search(text[line_start:start]))


def find_references(doc: ParsedDocument, own_code: str | None = None, doc_date: str | None = None) -> list[Reference]:
    text = scan_text(doc)
    own = canon_code(own_code) if own_code and regex.search(r"\d", own_code) else None
    refs: dict[str, Reference] = {}
    order: list[tuple[int, str]] = []
    tails: list[tuple[int, int]] = []  # trích yếu of coded citations: laws named there are not cited

    def add(key: str, ref: Reference, start: int) -> None:
        if key in refs:
            old = refs[key]
            old.date = old.date or ref.date
            old.issuer = old.issuer or ref.issuer
            old.title = old.title or ref.title
            return
        refs[key] = ref
        order.append((start, key))

    coded: list[tuple[int, int, str, str | None]] = []  # start, end, code, type
    for m in B.CITATION.finditer(text):
        coded.append((m.start(), m.end(), m.group("code"), sentence_type(m.group("type"))))
    taken = [(s, e) for s, e, _, _ in coded]
    for m in B.BARE_CODE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        abbr = m.group("pabbr") or m.group("sabbr")
        coded.append((m.start(), m.end(), m.group("code"), B.ABBREV_TYPES.get(abbr)))
    taken = [(s, e) for s, e, _, _ in coded]
    for m in B.STANDARD.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            coded.append((m.start(), m.end(), m.group("code"), B.STANDARD_TYPES.get(m.group("kind"), "Tiêu chuẩn")))
    for start, end, raw_code, dtype in sorted(coded):
        code = regex.sub(r"\s+", "", raw_code).replace("…", "").replace("--", "-")
        code = regex.sub(r"^\.+", "", code)
        key = canon_code(code)
        if not key or (own and key == own) or _specimen(text, start):
            continue
        date, issuer, blank, after = _details(text, start, end)
        flags = []
        if code[:1] in "/-":
            flags.append("draft_blank_number")
        if blank:
            flags.append("draft_blank_date")
        if date and doc_date and date > doc_date:
            flags.append("cited_after_document")
        ref = Reference(doc_type=dtype, code=code, date=date, issuer=issuer, relation=_relation(text, start),
                        span=Span(page=_page(doc, start), start=start, end=end), flags=flags)
        add(key, ref, start)
        stop = _TAIL_STOP.search(text, after, _zone_end(doc, start))
        tails.append((after, stop.start() if stop else _zone_end(doc, start)))
    for m in B.NAMED_DOC.finditer(text):
        name = regex.sub(r"\s+", " ", m.group("name")).strip()
        if len(name.split()) > (_AMENDING_MAX_WORDS if name.startswith("sửa") else _NAMED_MAX_WORDS) or len(name) < 2:
            continue
        dtype = sentence_type(m.group("type"))
        title = f"{dtype} {name}"
        alias = B.NAMED_ALIAS.match(text, m.end())
        in_tail = any(s <= m.start() < e for s, e in tails)
        key = "named:" + canon(title)
        if alias:
            akey = "named:" + canon(f"{dtype} {alias.group('alias')}")
            if akey in refs:  # the abbreviation came first: give it the full name
                refs[akey].title = title
                refs[key] = refs[akey]
                continue
            refs.setdefault(akey, None)  # type: ignore[arg-type] - reserve the alias
            if in_tail:
                refs[akey] = Reference(doc_type=dtype, title=title)
                refs[key] = refs[akey]
                order.append((m.start(), akey))
                continue
        if in_tail and key not in refs:
            continue
        code_m = regex.match(r"\s*số\s*:?\s*" + B.CODE, text[m.end():m.end() + 40], B.F)
        if code_m:
            code = regex.sub(r"\s+", "", code_m.group("code"))
            ckey = canon_code(code)
            if ckey in refs:
                refs[ckey].title = refs[ckey].title or title
            elif not in_tail and ckey != own:
                # a code no citation grammar reads ("40/2009/QH12"): the name gives the type
                start = m.end() + code_m.start("code")
                date, issuer, _, _ = _details(text, start, start + len(code_m.group("code")))
                add(ckey, Reference(doc_type=dtype, code=code, title=title, date=date, issuer=issuer,
                                    relation=_relation(text, m.start()),
                                    span=Span(page=_page(doc, m.start()), start=m.start(), end=start)), m.start())
            continue
        date, _, _ = _date_after(text, m.end())
        ref = Reference(doc_type=dtype, code=None, title=title, date=date, relation=_relation(text, m.start()),
                        span=Span(page=_page(doc, m.start()), start=m.start(), end=m.end()))
        if akey_reserved := (alias and refs.get("named:" + canon(f"{dtype} {alias.group('alias')}")) is None):
            refs["named:" + canon(f"{dtype} {alias.group('alias')}")] = ref
            if akey_reserved and key not in refs:
                refs[key] = ref
                order.append((m.start(), key))
            continue
        add(key, ref, m.start())
    seen: set[int] = set()
    out = []
    for _, key in sorted(order):
        ref = refs.get(key)
        if ref is None or id(ref) in seen:
            continue
        seen.add(id(ref))
        out.append(ref)
    return out


_TAIL_STOP = regex.compile(r";|\.\s|\n\s*(?:[-+•]|\d+\.|Căn\s+cứ|Thực\s+hiện|Xét)", regex.VERSION1)


def _zone_end(doc: ParsedDocument, offset: int) -> int:
    for zone in doc.zones:
        if zone.lines and zone.lines[0].start <= offset <= zone.lines[-1].end:
            return zone.lines[-1].end
    return len(doc.text)


def _page(doc: ParsedDocument, offset: int) -> int:
    for line in doc.lines:
        if line.start <= offset <= line.end:
            return line.page
    return 1


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    try:
        refs = find_references(doc, record.code, record.date)
    except Exception as exc:  # noqa: BLE001 - a bad citation must not sink the record
        record.warnings.append(f"references: {type(exc).__name__}: {exc}")
        return FieldValue(value=[], confidence=0.0)
    for ref in refs:
        for flag in ref.flags:
            record.add_flag(f"reference {ref.code or ref.title}: {flag}")
    return FieldValue(value=refs, confidence=0.8 if refs else 0.5, item_spans=[r.span for r in refs if r.span])
