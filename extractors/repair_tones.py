"""Tone marks OCR lost or changed in running text, restored where the rules look.

Tesseract reads the base letters of Vietnamese well and its tone marks less
well, above all on ê and ô: `đê nghị`, `tiên hành`, `Sở Y tê`, `quyêt định`.
The rules look for `đề nghị`, `tiến hành` and `y tế`, so a task or a unit is
lost. A pair of syllables is given back its tone marks when
- it is a two-syllable phrase of the rules' own vocabularies (the action
  verbs, unit and office heads, sectors, document types, request and deadline
  words of extractors.body_patterns) once the tone marks of both are taken off,
  the base letters ă â ê ô ơ ư đ agreeing, and no other phrase of the rules
  has the same letters;
- as printed it is no word of underthesea's Viet74K word list (a kept source,
  shipped with a package the project already uses): only phrases of the rules
  are restored, so `trong đó` stays although `tròng đỏ` is a word;
- each syllable it changes was printed with no tone mark (the tone was lost,
  the common OCR error; `cùng cấp` is not `cung cấp`), except in the request
  words that open a task (`để nghị`, `đẻ nghị` for `đề nghị`, `yếu cầu` for
  `yêu cầu`): a tone changed there loses the whole task, and as printed they
  are no words;
- neither syllable makes a word with its other neighbour: in `tỉnh thực hiện`
  the pair `tỉnh thực` is two words side by side.
A pair of capitalised syllables (a person, a place) and a capitals line (the
header's own repair handles those) are left alone. Each syllable keeps its
length, so character offsets into the line do not move.
"""
from __future__ import annotations

import importlib.util
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex

# combining tone marks: grave, acute, tilde, hook above, dot below
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SYLLABLE = regex.compile(r"\p{L}+")


def tone_fold(text: str) -> str:
    """`tiến hành` -> `tiên hanh`: the tone marks off, the letters' own marks kept."""
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", text) if c not in _TONES))


def _word_list() -> Path | None:
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        path = Path(base) / "corpus" / "data" / "Viet74K.txt"
        if path.exists():
            return path
    return None


# Request and deadline words of ASSIGN_TRIGGER / DEADLINE_TRIGGER, and the landmarks around them.
_RULE_WORDS: tuple[str, ...] = (
    "đề nghị", "yêu cầu", "giao cho", "phân công", "kính mời", "đề xuất", "rất mong", "chậm nhất", "muộn nhất",
    "hạn chót", "trước ngày", "đến hết", "kính gửi", "nơi nhận", "quyết định", "kế hoạch", "công văn",
    "thông báo", "giấy mời", "có liên quan", "liên quan", "trực thuộc", "các đơn vị", "y tế", "tuyến tỉnh",
    # level words that end a list of units ("Chủ tịch UBND các huyện, thị xã, thành phố")
    "thành phố", "thị xã", "thị trấn",
)


# Of those, the words that open a request: a wrong tone, not only a lost one, is put back there.
_REQUEST_WORDS: tuple[str, ...] = ("đề nghị", "yêu cầu", "giao cho", "phân công", "kính mời", "kính gửi", "trước ngày")


_PLURAL = frozenset({"các", "những"})


def _pairs(phrase: str) -> list[str]:
    sy = phrase.lower().split()
    return [f"{a} {b}" for a, b in zip(sy, sy[1:]) if _SYLLABLE.fullmatch(a) and _SYLLABLE.fullmatch(b)]


@lru_cache(maxsize=1)
def _index() -> tuple[frozenset[str], dict[str, str]]:
    """(the two-syllable words, tone-folded form -> the rules' phrase it restores)."""
    from extractors import body_patterns as B  # the vocabularies are data of the task rules

    path = _word_list()
    if path is None:
        return frozenset(), {}
    words: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        w = unicodedata.normalize("NFC", raw.strip()).lower()
        parts = w.split(" ")
        if len(parts) == 2 and all(_SYLLABLE.fullmatch(p) for p in parts):
            words.add(w)
    targets: set[str] = set()
    for table in (B.ACTION_VERBS, B.UNIT_HEADS, B.PERSON_HEADS, B.FIELD_COMPOUNDS, B.CITED_TYPES, _RULE_WORDS):
        for phrase in table:
            targets.update(_pairs(unicodedata.normalize("NFC", phrase)))
    words |= targets
    folds: dict[str, list[str]] = {}
    for w in words:
        folds.setdefault(tone_fold(w), []).append(w)
    # the one phrase of the rules among the words of those letters ("tiến hành",
    # not the rare "tiễn hành"); two phrases of the rules cannot be told apart
    by_fold = {}
    for k, ws in folds.items():
        hits = [w for w in ws if w in targets]
        if len(hits) == 1:
            by_fold[k] = hits[0]
    return frozenset(words), by_fold


def _recase(new: str, old: str) -> str:
    return "".join(n.upper() if o.isupper() else n for n, o in zip(new, old))


def repair_tones(text: str) -> tuple[str, list[str]]:
    """(text with restored tone marks, the pairs changed as `old -> new`)."""
    letters = [c for c in text if c.isalpha()]
    if not letters or all(c.isupper() for c in letters):
        return text, []
    words, by_fold = _index()
    if not words:
        return text, []
    toks = list(_SYLLABLE.finditer(text))
    out = list(text)
    changed: list[str] = []
    # a syllable that forms a dictionary word with a neighbour is read right
    # where it stands: "tỉnh thực hiện" holds "thực hiện", so "tỉnh thực" is
    # two words side by side, not a misread "tình thực"
    spaced = [text[toks[i].end():toks[i + 1].start()] == " " for i in range(len(toks) - 1)]
    # (a plural marker makes no word with what follows: "các đại" is listed, from "các đại biểu")
    known = [spaced[i] and toks[i].group().lower() not in _PLURAL
             and f"{toks[i].group()} {toks[i + 1].group()}".lower() in words for i in range(len(toks) - 1)]
    covered = [(i > 0 and known[i - 1]) or (i < len(known) and known[i]) for i in range(len(toks))]
    done = -1  # index of the last syllable already rewritten
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if i <= done or not spaced[i] or covered[i] or covered[i + 1]:
            continue
        if a.group()[0].isupper() and b.group()[0].isupper():
            continue
        pair = f"{a.group()} {b.group()}".lower()
        if pair in words:
            continue
        cand = by_fold.get(tone_fold(pair))
        if not cand or cand == pair or len(cand) != len(pair):
            continue
        old = text[a.start():b.end()]
        # only a tone lost is put back: a syllable printed with a tone of its
        # own ("cùng cấp", "Hiệu trường") is a word as printed, or a typo
        if cand not in _REQUEST_WORDS and any(
                o != n and tone_fold(o) != o for o, n in zip(old.lower().split(" "), cand.split(" "))):
            continue
        new = _recase(cand, old)
        out[a.start():b.end()] = list(new)
        changed.append(f"{old} -> {new}")
        done = i + 1
    return "".join(out), changed
