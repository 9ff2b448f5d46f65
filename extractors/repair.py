"""Repair OCR confusions in the Số line and the date line, by their grammar.

Both lines are short and structured (Nghị định 30 Phụ lục I, Hướng dẫn 36):
- Số line: `Số: <number>/<type>-<issuer>` (state, `245/SKHCN-KHCN`,
  `06/2024/QĐ-UBND`) or `Số <number>-<type>/<issuer>` (Party, `458-CV/ĐU`);
- date line: `<Địa danh>, ngày <d> tháng <m> năm <yyyy>`.
So the confusions Tesseract makes there can be undone where the grammar
allows one reading only: `Sô:`/`S6:` -> `Số:`, O/o -> 0 and l/I/| -> 1 inside
numbers, `QD` -> `QĐ`, `UBNĐ`/`ƯBND` -> `UBND`, `TTR` -> `TTr`, `ngay` -> `ngày`.

The capitals lines of the header cells and of the signer block, and the
signer's name, are drawn from closed vocabularies (extractors.repair_vocab): body
nouns, level words, province names, signer titles, surnames and ranks. A
token or phrase that is not already a valid entry is replaced by the entry it
matches, on the diacritic-folded form or by a close fuzzy match that no other
entry comes near (`CÔNG AN TĨNH LÂM ĐÔNG` -> `CÔNG AN TỈNH LÂM ĐỒNG`,
`CHÚ TƯỚNG` -> `THỦ TƯỚNG`, `Nguyên Hoàng Giang` -> `Nguyễn Hoàng Giang`).

Handwritten or stamped numbers and days are often not machine-readable. A
number that is not clean digits after the repair is dropped, never guessed:
the line keeps what is certain (`Số: /QĐ-TTg`, `ngày … tháng 4 năm 2026`),
and the line is marked doubtful.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import regex

from extractors import repair_vocab as vocab
from extractors.gazetteer import local_place
from extractors.repair_cites import repair_cites
from extractors.repair_tones import repair_tones
from extractors.patterns import DOC_TYPES
from extractors.normalize import canon
from schemas.document import Line

V1 = regex.VERBOSE | regex.VERSION1

# --- vocabulary -----------------------------------------------------------------
# Abbreviations that occur in ký hiệu: the type abbreviations of ND30/HD36
# plus the common issuer abbreviations. Spelling matters (mixed case, Đ).
ISSUER_ABBREVIATIONS: tuple[str, ...] = (
    "UBND", "HĐND", "TTg", "CP", "VPCP", "BNV", "BTC", "BCA", "BQP", "BYT", "BGDĐT", "BTNMT",
    "BNNPTNT", "BKHĐT", "BCT", "BTP", "BXD", "BGTVT", "BTTTT", "BVHTTDL", "BKHCN", "BLĐTBXH",
    "VP", "VPUBND", "ĐU", "TU", "HU", "QU", "TW", "BCĐ", "BTV", "BTG", "BTC", "UBKT", "MTTQ",
    "ĐTN", "HĐTĐKT", "SNV", "STC", "SYT", "SXD", "SKHCN", "SKHĐT", "SGDĐT", "STTTT", "STNMT",
    "SNNPTNT", "SVHTTDL", "SLĐTBXH", "STP", "SCT", "SGTVT", "CAT", "VPĐU", "VPTU", "NĐ", "QH",
    "UBTVQH", "TTr", "BHXH", "KBNN", "CT", "KT", "NC", "TH", "VX", "KTN", "TCD",
)


def _shape(token: str) -> str:
    """A key that OCR confusions do not change: no diacritics, Đ=D, caps, 0=O, 1=l=I."""
    s = token.replace("Đ", "D").replace("đ", "d").replace("Ð", "D")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return s.upper().replace("0", "O").replace("1", "I").replace("|", "I").replace("L", "I")


def _vocabulary() -> dict[str, tuple[str, ...]]:
    forms: set[str] = set(ISSUER_ABBREVIATIONS)
    for abbrs in DOC_TYPES.values():
        forms.update(abbrs)
    table: dict[str, set[str]] = {}
    for form in forms:
        table.setdefault(_shape(form), set()).add(form)
    return {k: tuple(sorted(v)) for k, v in table.items()}


_VOCAB = _vocabulary()


# --- patterns -------------------------------------------------------------------------

# "Số" as OCR prints it: diacritics lost or swapped (Só, Sô, Sồ, So), the ố read
# as a 6, or a stray mark before the colon.
SO_PREFIX = regex.compile(
    r"""^\s*[*"'“”‘’.,]*\s*
    (?P<so>S\s?[ốóôồổỗộoòỏõọơớờởỡợéèêếềểễệ6ÓÔỐÒỒÕÉ0]|SỐ|SO
        # lower case beside a tall handwritten number: only before : or . or the ký hiệu
        |s[^\s\d:.;,/-](?=\s*[:.]|\s+(?:\S+\s+){0,2}[/-]\s?\p{Lu}\p{L}))
    (?=\s*[:.;,]|\s*[\dOlI|#*…._]|\s+[/-]|(?<=^\W*s\S)\s+(?:\S+\s+){1,2}[/-]\s?\p{Lu}\p{L})
    \s*[:.;,]?\s*
    """,
    V1,
)

# The code after Số: a number part (may be blank or garbled), then the ký hiệu.
CODE_BODY = regex.compile(
    r"""
    (?P<num>[^\s/-]*(?:\s+[^\s/-]+)*)?    # number as printed, perhaps split by spaces (`2 6 2 4`)
    \s*(?P<sep>[/-])\s*
    (?P<kh>[\p{L}\d.&]+(?:\s?[/-]\s?[\p{L}\d.&]+)*)
    """,
    V1,
)

# The end of a ký hiệu group OCR set apart by a space, alone at the line's end
# (`Số: 02/SYT-GA VI`); a printed ký hiệu holds no space.
KH_SPLIT = regex.compile(r"^\s(?P<frag>\p{Lu}{1,3})\s*$", V1)

# A handwritten number OCR read with a slash in it (`/Ể /QĐ-UBND`, `7/2 /QĐ`):
# set apart from the ký hiệu by a space, which a printed code never has.
NUMBER_JUNK = regex.compile(r"^(?P<j>\S*[/-]\S*)\s+(?=[/-]\s?\p{Lu}\p{L})", V1)

# The date line: place, then ngày/tháng/năm with their diacritics possibly lost.
DATE = regex.compile(
    r"""
    (?P<pre>(?:(?:TP|Tp)\.\s*)?(?:\p{Lu}[\p{L}'’.-]*\s*){1,5}?)\s*,?\s*
    (?P<ngay>ng[àaáảạăâ]y|Ng[àa]y|NGÀY)\s*(?P<day>[^\s]{0,4}?)\s*
    (?P<thang>th[áaàảạăâ]ng|Th[áa]ng|THÁNG)\s*(?P<month>[^\s]{0,4}?)\s*
    (?P<nam>n[ăaâắằẳẵặ]m|N[ăa]m|NĂM)\s*(?P<year>[^\s]{0,6})\s*$
    """,
    V1,
)
# The date line with `ngày <d>` lost: a handwritten day written into `ngày`
# makes one blot that OCR drops whole (`Quảng Ngãi, tháng 3 năm 2018`). The
# comma after the place is required here, so a body phrase does not match.
DATE_NO_DAY = regex.compile(
    r"""
    (?P<pre>(?:(?:TP|Tp)\.\s*)?(?:\p{Lu}[\p{L}'’.-]*\s*){1,5}?)\s*,\s*
    (?P<day>)(?P<thang>th[áaàảạăâ]ng|Th[áa]ng|THÁNG)\s*(?P<month>[^\s]{0,4}?)\s*
    (?P<nam>n[ăaâắằẳẵặ]m|N[ăa]m|NĂM)\s*(?P<year>[^\s]{0,6})\s*$
    """,
    V1,
)

# A date line that its cell wrapped before the year (`TP. Hồ Chí Minh, ngày 22
# tháng 9` over `năm 2025`, `..., ngày 14 tháng 3 năm` over `2024`), and the
# rest of it on a line below.
WRAPPED_DATE = regex.compile(
    r"""
    ,\s*ng[àaáảạăâ]y\s*\S{0,4}\s*th[áaàảạăâ]ng(?:\s*\S{1,4}(?:\s*n[ăaâắằẳẵặ]m)?)?\s*$
    """,
    V1,
)
DATE_REST = regex.compile(
    r"""
    ^\s*(?:[\dOolI|]{1,2}\s+)?(?:n[ăaâắằẳẵặ]m\s*)?[\dOolI|]{4}\s*[.,]?\s*$
    """,
    V1,
)
# The rest of a wrapped line sits at most this far under it (300-dpi pixels: two lines).
MAX_WRAP_STEP = 150
# A place name at the start of the date line read with a lower-case l for
# its capital I (`la Grai` for `Ia Grai`): no place name starts in lower case.
_LEADING_L = regex.compile(r"^l(?=\p{Ll}{0,3}\s+\p{Lu})")

DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "Q": "0", "D": "0", "l": "1", "I": "1", "|": "1", "i": "1",
                            "!": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9"})
# Landmarks that zoning relies on, as OCR misreads them at a line's start.
LANDMARKS: tuple[tuple[regex.Pattern[str], str], ...] = (
    (regex.compile(r"^\W{0,2}K[íiì]nh\s*[g8qğ9][ửưuủ][íiìl1]\s*[:;.]?\s*", V1), "Kính gửi: "),
    # ... its N lost to a stroke of the pen or the margin (`/ơi nhận:`)
    # ... or a speck read as a capital before it, its ơ read as another horned vowel (`ANữi nhận:`)
    (regex.compile(r"^\W{0,2}(?:\p{Lu}(?=N))?N?[ơoóờớởợưữừứửự]i\s*nh[ậâaạấ]n\s*[:;.]\s*", V1), "Nơi nhận: "),
    # the italic `nhận` lost altogether: `Nơi :` at a line's start is nothing else
    (regex.compile(r"^\W{0,2}N[ơoóờ]i\s*:\s*", V1), "Nơi nhận: "),
    (regex.compile(r"^V\s?[/.]\s?[VYy](?=\s)", V1), "V/v"),
    # the body's usual first words, its first letter struck through by a
    # receipt stamp's pen line or a rule (`#rang thời gian qua`)
    (regex.compile(r"^\W{0,2}\S?r[oôơòaă]ng(?=\s+thời\s+gian)", V1), "Trong"),
)
# Capitals headings: type headings (ô 5a) and signer titles (ô 7b), keyed by shape.
_HEADINGS: dict[str, str] = {
    _shape(h).replace(" ", ""): h for h in (*(t.upper() for t in DOC_TYPES), *vocab.SIGNER_TITLES, "QUYẾT ĐỊNH:")
}
_TYPE_HEADINGS: dict[str, str] = {_shape(t.upper()).replace(" ", ""): t.upper() for t in DOC_TYPES}
# Below this word confidence a number read in a Số or date line is not trusted.
MIN_DIGIT_CONF = 0.4

TokenConf = Callable[[str], "float | None"]


@dataclass
class Repaired:
    text: str
    changed: bool
    doubtful: bool  # a number or day was dropped as unreadable
    note: str = ""


def fix_number(raw: str, max_len: int = 5, conf: float | None = None) -> tuple[str | None, bool]:
    """A number as printed -> (digits or None when unreadable, doubtful).

    `conf` is the OCR confidence of the word holding the number; handwritten
    numbers come out as plausible digits with a low confidence, so below
    MIN_DIGIT_CONF the number is dropped too.
    """
    s = raw.strip(" .,:;…_")
    if not s:
        return "", False  # blank on purpose (draft / stamped number)
    if conf is not None and conf < MIN_DIGIT_CONF:
        return None, True
    s = s.replace(" ", "")
    if not regex.search(r"\d", s):
        return None, True  # letters or marks only: a handwritten number
    fixed = s.translate(DIGIT_FIX)
    if fixed.isdigit() and len(fixed) <= max_len:
        # a digit string with one confusable letter is a confident repair;
        # more than one means the token was probably handwriting
        subs = sum(1 for a, b in zip(s, fixed) if a != b)
        return (fixed, False) if subs <= 1 else (None, True)
    return None, True


def fix_kyhieu(kh: str) -> str:
    """Canonical abbreviations for each group of a ký hiệu; unknown groups keep their letters."""
    out: list[str] = []
    for part in regex.split(r"(\s?[/-]\s?)", kh):
        if regex.fullmatch(r"\s?[/-]\s?", part):
            out.append(part.strip())
            continue
        out.append(_fix_group(part))
    return "".join(out)


def _undoubled(group: str) -> str:
    """`QĐÐ` -> `QĐ`: Đ's bar makes OCR read the letter twice (Đ and Ð, or D and
    Đ). Only a doubled D-like letter, when the group is not known as it is and
    exactly one removal gives a known abbreviation (`VPP` is left alone)."""
    if _shape(group) in _VOCAB:
        return group
    fixes = {group[:i] + group[i + 1:] for i in range(1, len(group))
             if group[i] in "ĐÐD" and group[i - 1] in "ĐÐD" and _shape(group[:i] + group[i + 1:]) in _VOCAB}
    return fixes.pop() if len(fixes) == 1 else group


def _fix_group(group: str) -> str:
    if regex.fullmatch(r"\d{4}", group):  # the year of a legal document's code
        return group
    group = _undoubled(group)
    cands = _VOCAB.get(_shape(group))
    if cands:
        if len(cands) == 1:
            return cands[0]
        # HD/HĐ, DA/ĐA: the stroke decides; keep what was read
        exact = [c for c in cands if c == group]
        return exact[0] if exact else group
    # unknown unit abbreviation: ký hiệu are capitals, digits and Đ only
    s = group.replace("Ð", "Đ")
    base = "".join(c for c in unicodedata.normalize("NFD", s.replace("Đ", "\0")) if not unicodedata.combining(c))
    base = unicodedata.normalize("NFC", base).replace("\0", "Đ")
    if base.isupper() or any(c.isdigit() for c in base):
        return base
    return group


def repair_so_line(text: str, conf: TokenConf | None = None) -> Repaired | None:
    """Repair a line that looks like the Số line; None when it does not."""
    m = SO_PREFIX.match(text)
    if not m:
        return None
    rest = text[m.end():]
    junk = NUMBER_JUNK.match(rest)
    if junk:
        rest = rest[junk.end():]
    c = CODE_BODY.match(rest)
    if not c or not regex.search(r"\p{Lu}", c.group("kh")):
        return None
    raw_num = junk.group("j") if junk else (c.group("num") or "").strip()
    num, doubtful = fix_number(raw_num, 5, conf(raw_num) if conf and raw_num else None)
    if len(raw_num.split()) > 2:
        # digits OCR read one by one (`2 6 2 4`): handwriting, not print; the hand-digit vote decides
        num, doubtful = None, True
    kh = fix_kyhieu(c.group("kh"))
    tail = rest[c.end():]
    split = KH_SPLIT.match(tail)
    if split and regex.search(r"\p{Lu}$", kh):
        # `02/SYT-GA VI`: OCR cut the ký hiệu's last group, which the line ends with
        kh, tail = kh + split.group("frag"), tail[split.end():]
    # a date line glued on by a missed column cut
    date = repair_date_line(tail.strip(), conf) if tail.strip() else None
    if date is not None:
        tail = " " + date.text
        doubtful = doubtful or date.doubtful
    code = f"{num or ''}{c.group('sep')}{kh}"
    new = f"Số: {code}{tail}" if c.group("sep") == "/" or ":" in text[: m.end()] else f"Số {code}{tail}"
    note = ""
    if doubtful:
        note = f"Số line: number not machine-readable ({(c.group('num') or '').strip()!r} dropped)"
    return Repaired(new, new != text, doubtful, note)


def repair_date_line(text: str, conf: TokenConf | None = None) -> Repaired | None:
    """Repair a line that looks like the date line; None when it does not."""
    raw_text = text
    if _LEADING_L.match(text) and DATE.match(_LEADING_L.sub("I", text)):
        text = _LEADING_L.sub("I", text)
    m = DATE.match(text)
    lost_day = m is None
    if m is None:
        m = DATE_NO_DAY.match(text)
    if m is None:
        return None

    def c(group: str) -> float | None:
        raw = m.group(group).strip()
        return conf(raw) if conf and raw else None

    day, d_doubt = fix_number(m.group("day"), 2, c("day"))
    d_doubt = d_doubt or lost_day
    month, m_doubt = fix_number(m.group("month"), 2, c("month"))
    year, y_doubt = fix_number(m.group("year"), 4, c("year"))
    notes = []
    if day and not 1 <= int(day) <= 31:
        day, d_doubt = None, True
    if month and not 1 <= int(month) <= 12:
        month, m_doubt = None, True
    if year and len(year) != 4:
        year, y_doubt = None, True
    for name, value, doubt, raw in (("day", day, d_doubt, m.group("day")), ("month", month, m_doubt, m.group("month")),
                                    ("year", year, y_doubt, m.group("year"))):
        if doubt:
            notes.append(f"{name} not machine-readable ({raw!r} dropped)" if raw or not lost_day
                         else "'ngày' and the day not read")
    pre = m.group("pre").rstrip(" ,")
    # the place of a district or commune (a province's is rarely misread): the one name it folds to
    place = local_place(pre) if len(pre) < 30 and not vocab.folds_to_province(pre) else None
    if place and canon(place) != canon(pre):
        pre = place
    new = f"{pre}, ngày {day or '…'} tháng {month or '…'} năm {year or '…'}"
    doubtful = d_doubt or m_doubt or y_doubt
    return Repaired(new, new != raw_text, doubtful, ("date line: " + "; ".join(notes)) if notes else "")


def repair_text(text: str, conf: TokenConf | None = None) -> Repaired | None:
    """Repair `text` if it is a Số line or a date line, else its landmarks."""
    return repair_so_line(text, conf) or repair_date_line(text, conf) or repair_landmarks(text)


def repair_landmarks(text: str) -> Repaired | None:
    """`Kính 8ửi:` -> `Kính gửi:`, `Nơi nhân:` -> `Nơi nhận:`, `V/V` -> `V/v` at a line's start;
    a capitals heading or signer title (`QUYÉT ĐỊNH`, `GIÁM ĐÓC`) -> its spelling."""
    core = text.strip().rstrip(":")
    if 3 <= len(core) <= 40 and core.upper() == core:
        canon = _HEADINGS.get(_shape(core).replace(" ", ""))
        if canon and canon != core:
            new = text.replace(core, canon, 1).strip()
            return Repaired(new, True, False)
    for pat, repl in LANDMARKS:
        m = pat.match(text)
        if m:
            new = (repl + text[m.end():]).strip()
            return Repaired(new, new != text.strip(), False)
    return None


def repair_lines(lines: list[Line], conf: Callable[[Line, str], float | None] | None = None
                 ) -> tuple[list[Line], list[str]]:
    """Repair OCR lines; notes keep the raw OCR text.

    Every line: the Số and date lines by grammar, landmarks and headings, and
    the codes and days it cites (extractors.repair_cites).
    Lines in a column (header cells, Nơi nhận | signer block): capitals lines
    against the closed vocabularies; on the right, a signer title line that
    reads as junk under a `KT.` authority becomes the title the authority
    implies, and a name line gets its rank and surname repaired.
    `conf(line, token)` gives the OCR confidence of the word holding `token`
    on that line. A repaired line whose number or day was dropped gets a low
    confidence.
    """
    out: list[Line] = []
    notes: list[str] = []
    lines = join_wrapped_dates(lines)
    prev_right = ""
    pairs = _deputy_pairs(lines)
    for line in lines:
        if id(line) in pairs:
            text = pairs[id(line)]
            notes.append(f"OCR repair {line.text!r} -> {text!r} (a seal over KT. and PHÓ)")
            out.append(line.model_copy(update={"text": text}))
            prev_right = text
            continue
        tc = (lambda tok, _l=line: conf(_l, tok)) if conf else None
        rep = repair_text(line.text, tc) if len(line.text) < 140 else None
        text, doubtful, note = line.text, False, ""
        if rep is not None and rep.changed:
            text, doubtful, note = rep.text, rep.doubtful, rep.note
        if line.column in ("left", "right") and len(text) < 100:
            right = line.column == "right"
            implied = vocab.implied_title(prev_right) if right else None
            if implied and vocab.is_title_junk(text):
                text, note = implied, f"title implied by {prev_right!r}"
            else:
                text = vocab.repair_caps_line(text, title_line=right) or \
                    (vocab.repair_name(text) if right else None) or text
            if right:
                prev_right = text
        text, cites = repair_cites(text)
        text, toned = repair_tones(text)
        note = "; ".join(n for n in (note, *cites, *(f"tones {t}" for t in toned)) if n)
        if text == line.text:
            out.append(line)
            continue
        line_conf = line.confidence
        if doubtful:
            line_conf = min(line_conf if line_conf is not None else 1.0, 0.3)
        notes.append(f"OCR repair {line.text!r} -> {text!r}" + (f" ({note})" if note else ""))
        out.append(line.model_copy(update={"text": text, "confidence": line_conf}))
    return out, notes


def join_wrapped_dates(lines: list[Line]) -> list[Line]:
    """A date line wrapped before its year gets the rest of it back from the
    line below in its column (the left cell's Số line may come between)."""
    out = list(lines)
    i = 0
    while i < len(out):
        line = out[i]
        if line.column is not None and line.top is not None and WRAPPED_DATE.search(line.text):
            for j in range(i + 1, min(len(out), i + 4)):
                below = out[j]
                if below.column != line.column or below.top is None or below.page != line.page:
                    continue
                if 0 < below.top - line.top <= MAX_WRAP_STEP and DATE_REST.match(below.text):
                    both = line.x0 is not None and below.x0 is not None
                    x0 = min(line.x0, below.x0) if both else line.x0
                    x1 = max(line.x1 or 0, below.x1 or 0) if both else line.x1
                    out[i] = line.model_copy(update={"text": f"{line.text.rstrip()} {below.text.strip()}",
                                                     "x0": x0, "x1": x1})
                    del out[j]
                break
        i += 1
    return out


# An authority line opening the signer block (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`).
_AUTHORITY = regex.compile(r"^\s*(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*\.")
# OCR lines are in 300-dpi pixels: two lines of the signer block are at least
# half a 12-pt line apart.
MIN_LINE_STEP = 25


def _deputy_pairs(lines: list[Line]) -> dict[int, str]:
    """id(line) -> text for the signer-block line pairs vocab.deputy_pair rewrites.

    Two lines of the right column, the first under no authority line, the
    second a line lower (a line split in two by OCR is no pair).
    """
    right = [ln for ln in lines if ln.column == "right" and len(ln.text) < 60]
    out: dict[int, str] = {}
    for i in range(len(right) - 1):
        a, b = right[i], right[i + 1]
        if i > 0 and _AUTHORITY.match(right[i - 1].text):
            continue
        if a.top is not None and b.top is not None and b.top - a.top < MIN_LINE_STEP:
            continue
        pair = vocab.deputy_pair(a.text, b.text)
        if pair is not None:
            out[id(a)], out[id(b)] = pair
    return out


def is_type_heading(text: str) -> bool:
    """Whether `text` is a type heading in capitals (`CHỈ THỊ`, `QUYẾT ĐỊNH`), as OCR may spell it."""
    core = text.strip().rstrip(":")
    return core.upper() == core and _TYPE_HEADINGS.get(_shape(core).replace(" ", "")) is not None
