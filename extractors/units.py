"""Unit names in directive sentences: where a unit phrase ends and how a list
of units splits.

A unit phrase starts with a head noun (`body_patterns.UNIT_HEADS`, or an office
held by a person, `PERSON_HEADS`) and ends where the action starts: the first
lower-case action verb of `ACTION_VERBS`. Where the table has no verb in reach,
underthesea's POS tagger names the first verb (it re-spells tone marks, so only
token positions are used, mapped back onto the original words).
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import regex

from extractors import body_patterns as B

_log = logging.getLogger(__name__)

_MAX_UNIT = 220  # a unit list longer than this is prose, not a list of names
_SPLIT = regex.compile(r"\s*(?:,|;|\s+và\s+|\s+cùng\s+)\s*", regex.VERSION1)
# "các Sở: Tài chính, Nội vụ"; a lower-case head of a named unit too ("Giám đốc các sở: Y tế, Nội vụ")
_COLON_LIST = regex.compile(r"^(?P<pre>.*?)(?P<head>(?:các|Các)\s+(?P<noun>\p{Lu}\p{Ll}*(?:\s+\p{Ll}+)?|(?:sở|ban|phòng|cục|chi\s+cục|trường)(?=\s*:)))\s*:\s*(?P<rest>.+)$", regex.VERSION1)
_COLON_END = regex.compile(r"\s*:\s*(?=(?:\(?[a-zđ\d]{1,2}[).]\s*)?\p{Lu})", regex.VERSION1)
# a unit's name before a colon is short
_NAME_BEFORE_COLON = 90
# an item mark opening what follows the colon: "X: (a) Có kế hoạch ...; (b) ..."
_ITEM_MARK = regex.compile(r"\(?[a-zđ\d]{1,2}[).]\s*", regex.VERSION1)
# a name never ends on these words
_COLLECTIVE = regex.compile(r"(?:^|\s)(?:các|Các)\s+\S+(?:\s+\S+)?$", regex.VERSION1)
_TRAIL = regex.compile(r"[\s,;:.\-–]+$|\s+(?:và|với|cùng|của)$"
                       # the field of the work after the name: "Ban giám hiệu các trường trong công tác"
                       r"|\s+trong\s+(?:công\s+tác|việc|quá\s+trình|thời\s+gian)$"
                       r"|\s+(?:như\s+sau|sau\s+đây|gồm|gồm\s+có)$", regex.VERSION1)  # "Đoàn kiểm tra như sau"
# verbs inside a name ("có" of "các đơn vị có liên quan", "các xã có dự án"; the table holds the "có ..." actions)
# a table verb that a level word and then another verb follow is part of the name:
# "Trung tâm Dịch vụ tổng hợp xã | tổ chức tiêm phòng ..." (an action never reads "tổng hợp xã tổ chức")
_LEVEL_THEN = regex.compile(r"\s+(?:xã|phường|tỉnh|đặc\s+khu|huyện|thành\s+phố)\s+", regex.VERSION1)
# verbs of manner and duty that never name a body: "Đoàn tiến hành họp ..." is the Đoàn acting
_NEVER_IN_NAME = frozenset({"tiến hành", "khẩn trương", "chủ động", "tiếp tục", "phải", "cần", "có trách nhiệm",
                            "chịu trách nhiệm", "có nhiệm vụ", "tích cực", "nghiêm túc", "kịp thời", "thường xuyên",
                            # verbs that name no body ("Ban chỉ đạo", "Tổ kiểm tra" do): "Nhà trường triển khai ..."
                            "triển khai", "thực hiện", "rà soát", "chuẩn bị", "phối hợp", "chủ trì", "gửi", "nộp",
                            "tham gia", "tham dự", "cử", "bố trí", "lập"})
# the work a body is named by, two of them joined by a comma in one name ("Đoàn kiểm tra, đánh giá")
_WORK_NAMES = frozenset({"kiểm tra", "đánh giá", "giám sát", "thẩm định", "thanh tra", "xét duyệt", "nghiệm thu"})
_INTERNAL_VERBS = {"trực thuộc", "liên quan", "có liên quan", "phục vụ", "quản lý", "thuộc", "chỉ đạo", "có"}


# "cán bộ giám sát (CBGS)", "Hội đồng thẩm định (HĐTĐ)": a phrase followed by its own initials in
# brackets is a name, whatever verbs it holds
_ABBR = regex.compile(r"\((?P<abbr>\p{Lu}[\p{Lu}&]{1,9})\)", regex.VERSION1)


def _abbreviated(window: str) -> list[tuple[int, int]]:
    """Spans of `window` that its bracketed initials abbreviate (the brackets included)."""
    spans = []
    for m in _ABBR.finditer(window):
        letters = [c for c in m.group("abbr") if c != "&"]
        words = list(regex.finditer(r"\S+", window[:m.start()]))[-len(letters):]
        if len(words) == len(letters) and all(
                w.group()[0].upper().replace("Đ", "D") == c.replace("Đ", "D") for w, c in zip(words, letters)):
            spans.append((words[0].start(), m.end()))
    return spans


# Initials a document defines for its own units ("cán bộ coi thi (CBCT)", "sinh viên (SV)"): while
# that document is read, "CBCT 1 đọc tên SV ..." opens with a unit and "yêu cầu SV:" names one.
_DOC_ABBR: ContextVar[regex.Pattern[str] | None] = ContextVar("doc_abbreviations", default=None)


def defined_abbreviations(text: str) -> list[str]:
    """The initials `text` defines for a unit: a unit phrase whose words they are, in brackets after it."""
    out: list[str] = []
    for a, b in _abbreviated(text):
        m = _ABBR.match(text, text.rfind("(", a, b))
        if m and B.UNIT_START.match(text[a:b]) and m.group("abbr") not in out:
            out.append(m.group("abbr"))
    return out


@contextmanager
def abbreviations_of(text: str) -> Iterator[None]:
    """Read units with the initials `text` defines (see `defined_abbreviations`)."""
    abbrs = defined_abbreviations(text)
    pattern = regex.compile(
        rf"(?:(?:các|Các|Hai|hai|cả\s+0?2|Cả\s+0?2|\d+)\s+)?(?:{'|'.join(map(regex.escape, abbrs))})(?:\s+\d)?(?![\p{{L}}&])",
        regex.VERSION1) if abbrs else None
    token = _DOC_ABBR.set(pattern)
    try:
        yield
    finally:
        _DOC_ABBR.reset(token)


def starts_unit(text: str) -> bool:
    if B.UNIT_START.match(text):
        return True
    doc = _DOC_ABBR.get()
    return bool(doc and doc.match(text))


def unit_end(text: str, start: int = 0, limit: int = _MAX_UNIT, tagger: bool = True) -> int | None:
    """End offset of the unit phrase beginning at `start` (where its action starts).

    `tagger=False` trusts the verb table only (for a clause with no trigger word)."""
    # a verb that starts just inside the limit is read whole ("... chịu trách nhiệm")
    window = text[start:start + limit + 30]
    colon = _COLON_END.search(window, 0, limit)
    after = colon.end() if colon else 0
    mark = _ITEM_MARK.match(window, after) if colon else None
    if mark:
        after = mark.end()
    # after the colon an action, or a list of lettered actions, whatever their
    # verbs; or a sentence the tagger opens with a verb after a name that is all
    # unit ("Các bệnh viện: Treo ..."); a seat, a person or a list of units is no work
    if (colon and not _COLON_LIST.match(window[:colon.start()] + ": x")
            and (mark or B.ACTION_VERB.match(window[after:after + 1].lower() + window[after + 1:after + 40])
                 or (colon.start() <= _NAME_BEFORE_COLON and not B.NOT_IN_UNIT.search(window, 0, colon.start())
                     and not B.ACTION_VERB.search(window, 1, colon.start()) and tagger
                     and _opens_with_verb(window[after:after + 80])))):
        # "Đề nghị Liên đoàn Lao động tỉnh: Chỉ đạo ...": the name runs to the colon
        window = window[:colon.start()]
    else:
        colon = None
    duty = _qualified_duty(window, limit)
    if duty is not None:
        return start + duty
    depth = 0
    power = _POWER.search(window, 0, limit)
    named = _abbreviated(window) if "(" in window else []
    named_by: int | None = None  # where the work a head noun is named by ends ("Đoàn kiểm tra")
    for m in B.ACTION_VERB.finditer(window):
        if m.start() > limit:
            break
        if any(a <= m.start() < b for a, b in named):
            continue  # inside a name its initials abbreviate: "cán bộ giám sát (CBGS)"
        if power and m.start() > power.start() and not B.NOT_IN_UNIT.search(window, 0, power.start()):
            return start + len(window[:power.start()].rstrip())   # the name ends where its power is given
        if power and _TITLE_IN_NAME.search(window, 0, m.start()) and not B.NOT_IN_UNIT.search(window, 0, power.start()):
            continue        # a project's title inside the name, up to the power: "Tổ xây dựng Đề án tổ chức lại ..."
        before = window[:m.start()]
        depth = before.count("(") - before.count(")")
        if depth > 0 or m.start() == 0:
            continue
        if B.NOUN_USE.match(window, m.start()):
            continue
        level = _LEVEL_THEN.match(window, m.end())
        if level and B.ACTION_VERB.match(window, level.end()):
            continue
        if window[m.start():].startswith(("phối hợp", "cử")) and regex.search(r"\b(?:có|được)\s*$", before):
            continue
        if not before.strip() or not regex.search(r"\p{L}", before):
            continue
        if before[:1].isupper() and is_bare_head(before) and m.group(0).lower() not in _NEVER_IN_NAME:
            named_by = m.end() if m.group(0) in _WORK_NAMES else None
            continue  # a capitalised head noun goes on in lower case: "Tổng cục thống kê", "Ban chỉ đạo"
        if named_by is not None and m.group(0) in _WORK_NAMES and regex.fullmatch(r"\s*,\s*", window[named_by:m.start()]):
            named_by = m.end()
            continue  # ... and its work may be two: "Đoàn kiểm tra, đánh giá", "Tổ thẩm định, giám sát"
        if _role_in_list(window, before, m.end()) or _HEAD_OF_WORK_BODY.match(before):
            continue
        clause = B.NOT_IN_UNIT.search(before)
        if clause:
            # the table's verb lies past a clause word ("các đơn vị phản ánh về Sở ... để được
            # hướng dẫn"): the action may start earlier with a verb the table lacks
            return _pos_verb(text, start, limit, before=clause.start()) if tagger else None
        return start + len(before.rstrip())
    if colon:
        return None if B.NOT_IN_UNIT.search(window) else start + len(window)
    if power and not B.NOT_IN_UNIT.search(window, 0, power.start()) and regex.search(r"\p{L}", window[:power.start()]):
        return start + len(window[:power.start()].rstrip())
    return _pos_verb(text, start, limit) if tagger else None


# A role or a body named by its work ("cán bộ giám sát", "Hội đồng thẩm định", "Tổ kiểm tra")
# as one item of a list of units: the item opens with one of these heads alone.
_ROLE_HEAD = regex.compile(
    r"^(?:các\s+)?(?:cán\s+bộ|công\s+chức|viên\s+chức|nhân\s+viên|giáo\s+viên|giảng\s+viên|thành\s+viên"
    r"|[Hh]ội\s+đồng|[Tt]ổ|[Nn]hóm|[Đđ]oàn|[Đđ]ội|[Bb]ộ\s+phận)$", regex.VERSION1)


# The head of a body named by its work ("Tổ trưởng Tổ xây dựng Đề án ...", "Trưởng Đoàn kiểm
# tra", "Tổ phó Tổ giúp việc"): the verb after the body's head noun is its name. Standing
# offices (Sở, Phòng, Cục) are named otherwise: "Giám đốc Sở chỉ đạo" is a director directing.
_HEAD_OF_WORK_BODY = regex.compile(
    r"^(?:Tổ\s+trưởng|Tổ\s+phó|Trưởng|Phó\s+Trưởng|Phó\s+trưởng|Thành\s+viên|thành\s+viên)\s+"
    r"(?:Tổ|Đoàn|Ban|Nhóm|Tiểu\s+ban|Hội\s+đồng|Đội)\s*$", regex.VERSION1)


def _role_in_list(window: str, before: str, verb_end: int) -> bool:
    """True when the verb at `verb_end` belongs to a name inside a list of units: the item
    holding it opens with a role head alone, an item came before it, and another unit follows
    it after a comma ("sinh viên, cán bộ coi thi, cán bộ giám sát, các cá nhân ... thực hiện").
    Two clauses ("Sở Tài chính thẩm định, Sở Nội vụ tổng hợp") have no role head alone."""
    if "," not in before or not _ROLE_HEAD.match(before[before.rfind(",") + 1:].strip()):
        return False
    comma = window.find(",", verb_end)
    if comma < 0 or len(window[verb_end:comma].split()) > 3 or B.ACTION_VERB.search(window, verb_end, comma):
        return False
    rest = window[comma + 1:].lstrip()
    return starts_unit(rest) or rest.startswith(("các ", "Các ", "những "))


def _qualified_duty(window: str, limit: int) -> int | None:
    """End of a unit phrase that a relative clause qualifies before its duty:
    "Cán bộ được giao soạn thảo văn bản | có trách nhiệm ..." (the verbs inside the
    clause are not the action), "Người ký văn bản | là người chịu trách nhiệm ..."."""
    duty = B.DUTY_VERB.search(window, 0, limit + 30)
    if duty is None or regex.search(r"[.;:]", window[:duty.start()]):
        return None
    before = window[:duty.start()]
    is_duty = B.IS_DUTY.search(before + window[duty.start():duty.start() + 20])
    if is_duty and is_duty.start() < duty.start() and not B.NOT_IN_UNIT.search(before[:is_duty.start()]):
        return is_duty.start()
    qual = B.DUTY_QUALIFIER.search(before)
    if qual and qual.start() > 0 and not B.NOT_IN_UNIT.search(before[:qual.start()]) \
            and not B.ACTION_VERB.search(before[:qual.start()]):
        return len(before.rstrip())
    # the title of a project or a paper inside the name, its verbs and all: "Tổ xây dựng
    # Đề án tổ chức lại hệ thống y tế tuyến tỉnh | có nhiệm vụ ..."
    title = _TITLE_IN_NAME.search(before)
    if title and title.start() > 0 and not B.NOT_IN_UNIT.search(before) and not any(
            not is_bare_head(before[:m.start()].strip()) for m in B.ACTION_VERB.finditer(before, 0, title.start())):
        return len(before.rstrip())
    return None


# a power granted ends a unit's name as a duty does: "Tổ trưởng Tổ xây dựng Đề án ... | có quyền ..."
_POWER = B.POWER
# a project or a paper named inside a unit's name (Tổ xây dựng Đề án ..., Ban quản lý Dự án ...)
_TITLE_IN_NAME = regex.compile(r"(?<=\s)(?:Đề\s+án|Dự\s+án|Chương\s+trình|Kế\s+hoạch|Nghị\s+quyết|Quy\s+chế)\s", regex.VERSION1)


def _pos_verb(text: str, start: int, limit: int, before: int | None = None) -> int | None:
    """Fallback: the first lower-case verb underthesea tags in the window
    (and, with `before`, only one that starts before that offset of the window)."""
    window = _first_clause(text[start:start + min(limit, 160)])
    if len(window) < 6:
        return None
    tags = _pos_tag(window)
    words = list(regex.finditer(r"\S+", window))
    # each token found in the window by its first syllable: a comma the tagger splits off
    # ("sở," -> "sở", ",") is a token of its own but no word of the window
    cursor = 0
    for token, tag in tags:
        at = window.find(token.split()[0], cursor)
        if at < 0:
            break
        cursor = at + len(token.split()[0])
        wi = next((k for k, w in enumerate(words) if w.start() <= at < w.end()), len(words))
        n = len(token.split())
        if wi >= len(words) or tag == "CH":
            continue
        first = words[wi]
        # "ban" of "Ủy ban" is tagged a verb: a word that completes a head noun is in the name
        head = " ".join(w.group(0) for w in words[max(0, wi - 2):wi + n])
        in_head = any(is_bare_head(" ".join(head.split()[k:])) for k in range(len(head.split()) - n))
        # head nouns themselves after a list's comma or another head ("các sở, ban ngành"): nouns
        prev = window[:at].rstrip()
        in_head = in_head or (all(is_bare_head(w) for w in token.split())
                              and (prev.endswith(",") or is_bare_head(prev.split()[-1]) if prev else False))
        if tag == "V" and wi > 0 and token[:1].islower() and token.lower() not in _INTERNAL_VERBS and not in_head:
            if B.NOT_IN_UNIT.search(window[:first.start()]) or (before is not None and first.start() >= before):
                return None
            return start + len(window[:first.start()].rstrip())
    return None


def _first_clause(window: str) -> str:
    """The window up to its first stop, colon or semicolon; a semicolon before another unit
    goes on with the list ("Thủ trưởng các sở, ban ngành cấp tỉnh; Chủ tịch UBND các huyện
    bám sát địa bàn")."""
    for m in regex.finditer(r"[.;:]\s", window):
        if m.group(0)[0] != ";" or not starts_unit(window[m.end():].lstrip()):
            return window[:m.start()]
    return window


def _opens_with_verb(text: str) -> bool:
    """Whether the tagger reads the first word (after a negation) as a verb: `Treo băng rôn`,
    `Không có khả năng`; not a name, a list of units or an abbreviation after a colon."""
    tags = [t for t in _pos_tag(regex.split(r"[.;:]\s", text)[0]) if t[1] != "R"]
    return bool(tags) and tags[0][1] == "V"


@functools.lru_cache(maxsize=512)
def _pos_tag(sentence: str) -> tuple[tuple[str, str], ...]:
    try:
        from underthesea import pos_tag  # lazy: costs ~0.3 s on first use
    except ImportError:  # pragma: no cover - optional at runtime
        return ()
    try:
        return tuple((t, g) for t, g in pos_tag(sentence))
    except Exception as exc:  # noqa: BLE001 - the tagger must not sink a record
        _log.debug("pos_tag failed: %s", exc)
        return ()


_BARE_HEAD = regex.compile(rf"^(?:{B._alt(B.UNIT_HEADS)})$", regex.VERSION1 | regex.IGNORECASE)


def is_bare_head(phrase: str) -> bool:
    """A head noun alone ("Tổ chức", "tỉnh") names no unit; it is a verb or a place."""
    return bool(_BARE_HEAD.match(phrase.strip()))


def clean_unit(text: str) -> str:
    text = regex.sub(r"\s+", " ", text)
    # a quote mark without its partner is a speck the scan read as one ("Chánh Văn phòng, “Trưởng phòng ...")
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    # a stop between two lower-case words is a speck: "Trưởng phòng chức. năng" ("TP. Hồ Chí Minh" keeps its)
    text = regex.sub(r"(?<=\p{Ll})\.\s+(?=\p{Ll})", " ", text)
    text = text.strip(" -–+•*:,;.")
    while True:
        new = _TRAIL.sub("", text)
        if new == text:
            return text.strip()
        text = new


# the head of any body of a kind: "Thủ trưởng cơ quan, tổ chức có liên quan" (one unit)
_OFFICE_OF_MANY = regex.compile(rf"^(?:{B._alt(B.PERSON_HEADS)})\s+(?:các\s+)?(?:cơ\s+quan|đơn\s+vị|tổ\s+chức|sở|ban|ngành)$", regex.VERSION1)
# a person named with an honorific in a list of units: "... và ông Phạm Thanh Quang"
_PERSON = regex.compile(r"^(?:ông|bà|Ông|Bà)\s+\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,5}$", regex.VERSION1)
# the locality a list's last unit carries: "Ủy ban nhân dân thành phố Đà Nẵng"
_LOCALITY_TAIL = regex.compile(
    rf"^(?:{B._alt(B.UNIT_HEADS)})\s+(?P<tail>(?:cấp\s+)?(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường)(?![\p{{L}}]).*)$",
    regex.VERSION1,
)


def _is_head(piece: str) -> bool:
    return bool(B.UNIT_START.match(piece)) or bool(_PERSON.match(piece))


def _person_prefix(units: list[str]) -> str | None:
    """An office left bare before a colon list ("Giám đốc các Sở: Nội vụ, Tư pháp"): it heads every unit."""
    if units and regex.fullmatch(rf"(?:{B._alt(B.PERSON_HEADS)})", units[-1]):
        return units.pop()
    return None


def _share_locality(units: list[str]) -> list[str]:
    """A bare head before a named unit takes its locality: "Hội đồng nhân dân, Ủy ban
    nhân dân thành phố Đà Nẵng" -> "Hội đồng nhân dân thành phố Đà Nẵng", ..."""
    out = list(units)
    for k in range(len(out) - 2, -1, -1):
        m = _LOCALITY_TAIL.match(out[k + 1])
        if m and is_bare_head(out[k]) and out[k][:1].isupper():
            out[k] = f"{out[k]} {m.group('tail')}"
    return out


def _bare_lower_head(piece: str) -> bool:
    """A collective's continuation: 'ban', 'ngành', 'đơn vị trực thuộc xã'."""
    return (bool(piece) and piece[0].islower() and not piece.startswith(("các ", "toàn ")) and _is_head(piece)
            and not _PERSON_HEAD.match(piece))  # "Các cấp uỷ, thủ trưởng cơ quan": an office is no continuation


_SHARED_QUALIFIER = regex.compile(r"(?<![\p{L}])(?:có\s+)?liên\s+quan$", regex.VERSION1)
_PERSON_HEAD = regex.compile(rf"(?:{B._alt(B.PERSON_HEADS)})(?![\p{{L}}])", regex.VERSION1)


def _hide_compounds(text: str):
    """The text with sector names ("Khoa học và Công nghệ", "Văn hóa, Thể thao và Du
    lịch") masked, and the function that puts them back into a piece."""
    keep: list[str] = []

    def hide(m: regex.Match[str]) -> str:
        keep.append(m.group(0))
        return f"\x00{len(keep) - 1}\x00"

    def restore(piece: str) -> str:
        return regex.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], piece)

    return B.FIELD_COMPOUND.sub(hide, text), restore


def _split_protected(text: str) -> list[str]:
    """Split at , ; và cùng, never inside a sector name."""
    hidden, restore = _hide_compounds(text)
    return [restore(p) for p in _SPLIT.split(hidden)]


def split_units(phrase: str) -> list[str]:
    """Split a list of units: `các Sở: Tài chính, Nội vụ và UBND các xã` ->
    `Sở Tài chính`, `Sở Nội vụ`, `UBND các xã`; collectives (`các sở, ban,
    ngành`, `các cơ quan, đơn vị trực thuộc xã`) stay one unit."""
    phrase = clean_unit(phrase)
    if not phrase:
        return []
    m = _COLON_LIST.match(phrase)
    if m:
        noun = m.group("noun")
        noun = noun[:1].upper() + noun[1:]  # the head of a proper name: "sở" of "các sở: Y tế" -> "Sở Y tế"
        out = [clean_unit(x) for x in split_units(m.group("pre"))] if m.group("pre").strip() else []
        office = _person_prefix(out)
        noun = f"{office} {noun}" if office else noun
        # the list ends at a semicolon: "các sở: Y tế, Nội vụ; Thủ trưởng các cơ quan, đơn vị ..."
        rest, _, after = m.group("rest").partition(";")
        for piece in _split_protected(rest):
            piece = clean_unit(piece)
            if not piece:
                continue
            if out and B.LEVEL_ONLY.match(piece) and B.LEVEL_END.search(out[-1]):
                out[-1] = f"{out[-1]}, {piece}"  # "... các xã, phường": one unit
                continue
            out.append(piece if _is_head(piece) else f"{noun} {piece}")
        if after.strip():
            out += split_units(after)
        return [x for x in out if x]
    pieces: list[str] = []
    seps: list[str] = []
    pos = 0
    hidden, restore = _hide_compounds(phrase)  # "Sở Văn hóa, Thể thao và Du lịch" is one unit
    for sm in _SPLIT.finditer(hidden):
        pieces.append(restore(hidden[pos:sm.start()]))
        seps.append(sm.group(0))
        pos = sm.end()
    pieces.append(restore(hidden[pos:]))
    units: list[str] = []
    collective = False
    for k, piece in enumerate(pieces):
        piece = piece.strip()
        if not piece:
            continue
        if not units:
            units.append(piece)
            # ... and a bare lower-case head opening the list: "cơ quan, đơn vị liên quan" (no "các" printed)
            collective = (_COLLECTIVE.search(piece) is not None or _OFFICE_OF_MANY.match(piece) is not None
                          or (piece[:1].islower() and is_bare_head(piece)))
            continue
        sep = seps[k - 1]
        prev = units[-1]
        joins = False
        if "(" in prev and ")" not in prev:
            joins = True  # a comma inside brackets: "các cơ sở khám, chữa bệnh (KCB)"
        elif B.LEVEL_ONLY.match(piece) and B.LEVEL_END.search(prev) and sep.strip() == ",":
            joins = True  # "Chủ tịch Ủy ban nhân dân các xã, phường": one unit
        elif not _is_head(piece) and not (piece[:1].isupper() and len(piece.split()) <= 6 and sep.strip() in (",", ";")):
            joins = True  # "các cơ quan tham mưu, giúp việc Đảng ủy"; "Lao động - Thương binh và Xã hội"
        elif collective and _bare_lower_head(piece) and (sep.strip() == "," or _SHARED_QUALIFIER.search(piece)):
            joins = True  # "các cá nhân và đơn vị có liên quan": the qualifier is both's
        elif collective and prev.islower() and regex.fullmatch(r"các\s+\S+", piece) and sep.strip() == ",":
            joins = True  # "các ngành, các cấp": one collective
        if joins:
            units[-1] = f"{prev}{sep if sep.strip() else ' '}{piece}".replace(" ,", ",")
        else:
            units.append(piece)
            collective = _COLLECTIVE.search(piece) is not None or _OFFICE_OF_MANY.match(piece) is not None
    return _share_locality([clean_unit(u) for u in units if clean_unit(u)])
