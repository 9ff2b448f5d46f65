"""Vietnamese syllable spelling, and rejoining words a text layer spaced apart.

Some born-digital PDFs place each glyph that carries a diacritic on its own
(the font draws `Ộ` as a separate positioned glyph, or the mark apart from its
letter), and pdfplumber then sees word gaps inside a word: `H Ộ I ĐỒ NG`,
`ĐỒ NG THÁP`, `NH Â N D Â N`. Every rule downstream would read those as
several words. The join is decided by spelling, not by distance alone: a piece
that is no syllable by itself (`H`, `NG`, `NH`) is joined to its neighbours
when together they spell one syllable, and a piece made only of combining
marks always belongs to the letter before it.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

import regex

from pipeline.readers.geometry import Word

# After removing the five tone marks: onset, vowel cluster, coda. Loose (it
# accepts some non-words) but a garbled layer fails it on most words.
_SYLLABLE = regex.compile(
    r"""^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?
        (?:
          # vowel clusters that end the syllable (no final consonant after them)
          (?:uyêu|uya|uyu|ươi|ươu|iêu|yêu|oai|oao|oay|oeo|uây|uôi|
             ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu)
          # and those that may take one
          |(?:uyê|iê|oa|oă|oe|oo|uâ|uê|uô|uơ|uy|ươ|yê|[aăâeêioôơuưy])(?:ng|nh|ch|[cmnpt])?
        )$""",
    regex.VERBOSE | regex.VERSION1,
)
_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"), None)
_LETTERS = regex.compile(r"^\p{L}[\p{L}\p{M}]*$", regex.VERSION1)
_MARKS = regex.compile(r"^\p{M}+$", regex.VERSION1)
# Pieces of one spaced word sit closer than this many font sizes apart; a
# word space in the same line is rarely wider, so the spelling decides.
MAX_GAP = 1.0


@lru_cache(maxsize=65536)
def bare(token: str) -> str:
    """Lower case without the five tone marks (the vowel shapes ă â ê ô ơ ư stay)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", token.lower()).translate(_TONE_MARKS))


@lru_cache(maxsize=65536)
def is_syllable(token: str) -> bool:
    """Whether `token` (one run of letters) is spelt like a Vietnamese syllable."""
    return bool(_SYLLABLE.match(bare(token)))


def _same_case(a: str, b: str) -> bool:
    # an upper-case piece never continues a lower-case one ("nG"), and a word
    # in capitals continues in capitals ("HỘI", not "Hội" + "I")
    return not (b.isupper() and not a.isupper()) and not (a.isupper() and len(a) > 1 and b.islower())


def _joinable(a: str, b: str) -> bool:
    return bool(_LETTERS.match(a) and _LETTERS.match(b)) and _same_case(a, b) and not (a.isascii() and b.isascii())


_TRAIL = regex.compile(r"[\p{P}]+$", regex.VERSION1)


def join_tokens(raw: Sequence[str]) -> list[list[int]]:
    """Groups of token indices that form one word (see the module docstring).

    Punctuation after a piece ("NG,") is kept with it and ends the word there.
    """
    # first, pieces of combining marks alone go to the letter before them
    base: list[list[int]] = []
    for k, t in enumerate(raw):
        if _MARKS.match(t) and base and not _TRAIL.search(raw[base[-1][-1]]):
            base[-1].append(k)
        else:
            base.append([k])
    merged = [unicodedata.normalize("NFC", "".join(raw[k] for k in b)) for b in base]
    return [[k for b in g for k in base[b]] for g in _join_syllables(merged)]


def _join_syllables(raw: Sequence[str]) -> list[list[int]]:
    ends = [bool(_TRAIL.search(t)) for t in raw]
    tokens = [_TRAIL.sub("", t) or t for t in raw]
    groups: list[list[int]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not _LETTERS.match(tok) or is_syllable(tok):
            # a syllable that an unspelt piece completes from the right: "ĐỒ NG"
            nxt = tokens[i + 1] if i + 1 < len(tokens) and not ends[i] else ""
            # ... unless the piece opens the next syllable: "HỘI CH Ủ" is HỘI CHỦ
            after = tokens[i + 2] if i + 2 < len(tokens) and not ends[i + 1] else ""
            opens = bool(after) and _joinable(nxt, after) and is_syllable(nxt + after)
            if nxt and _LETTERS.match(nxt) and not is_syllable(nxt) and _joinable(tok, nxt) \
                    and is_syllable(tok + nxt) and not opens:
                groups.append([i, i + 1])
                i += 2
                continue
            groups.append([i])
            i += 1
            continue
        # an unspelt piece: the longest run from it that spells one syllable ("H Ộ I")
        best = None
        text = tok
        for j in range(i + 1, min(len(tokens), i + 4)):
            if ends[j - 1] or not _joinable(text, tokens[j]):
                break
            text += tokens[j]
            if is_syllable(text):
                best = j
        if best is None:
            groups.append([i])
            i += 1
        else:
            groups.append(list(range(i, best + 1)))
            i = best + 1
    return groups


@lru_cache(maxsize=65536)
def _alone(text: str) -> bool:
    """Whether `join_tokens` leaves this token alone whatever its neighbours.

    A token is joined only when it is made of marks (to the letter before) or
    when it, or its neighbour, is letters that spell no syllable; a run of
    tokens none of which is either stays as it is. Checked on the token as
    join_tokens sees it (NFC, trailing punctuation off). Most runs are such,
    and this is cached per token where join_tokens runs its regexes per run.
    """
    if _MARKS.match(text):
        return False
    merged = unicodedata.normalize("NFC", text)
    token = _TRAIL.sub("", merged) or merged
    return not _LETTERS.match(token) or is_syllable(token)


def join_spaced_marks(words: list[Word]) -> list[Word]:
    """Words of a text layer with the pieces of one spaced-out word joined back."""
    if not words:
        return words
    out: list[Word] = []
    run: list[Word] = []

    def flush() -> None:
        if all(_alone(w.text) for w in run):  # nothing to join: join_tokens would give one group a word
            out.extend(run)
            run.clear()
            return
        for g in join_tokens([w.text for w in run]):
            if len(g) == 1:
                out.append(run[g[0]])
                continue
            ws = [run[k] for k in g]
            out.append(replace(ws[0], text=unicodedata.normalize("NFC", "".join(w.text for w in ws)),
                               x1=max(w.x1 for w in ws), top=min(w.top for w in ws),
                               bottom=max(w.bottom for w in ws)))
        run.clear()

    for w in words:
        if run:
            prev = run[-1]
            size = prev.size or (prev.bottom - prev.top) or 10.0
            same_line = abs(w.top - prev.top) < 0.5 * size and 0 <= w.x0 - prev.x1 < MAX_GAP * size
            if not same_line:
                flush()
        run.append(w)
    flush()
    return out
