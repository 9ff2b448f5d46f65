"""Reading the text of a task's paragraph for `extractors.tasks`: its sentences, the
intro ending it, whether it lists papers, whether it tells news, whose it is (the issuer's
own), and an invitation's request made once per invitee. No state of the reading here.
"""
from __future__ import annotations

import regex

from extractors import body_patterns as B
from extractors import units as U
from extractors.deadlines import find_deadline
from extractors.normalize import fold
from extractors.task_paras import Para
from extractors.task_patterns import (
    _ATTEND, _CLOSING_ATTEND, _CONTACT_NOTE, _DUE, _INTRO_END, _INTRO_END_LOOSE, _INTRO_PAPERS,
    _INVITED_POINTER, _LEVELS, _NEWS_DATE, _SENT,
)
from schemas.record import Record, Task


def _intro_words(text: str) -> int | None:
    """Words before the intro ending of `text` ("thực hiện | một số nội dung sau:" -> 2), or None."""
    m = _INTRO_END.search(text)
    if m:
        return len(text[:m.start()].split())
    loose = regex.sub(r"(?<=\S)[:;.,](?=\s+\S)", "", fold(text))
    m = _INTRO_END_LOOSE.search(loose)
    return len(loose[:m.start()].split()) if m else None


def _clean_action(text: str) -> str:
    text = regex.sub(r"\s+", " ", text).strip()
    text = text.split("./.")[0]  # the closing mark; what follows is a footnote
    text = _CONTACT_NOTE.sub("", text)
    text = regex.sub(r"^[,;:\s-]+|[\s,;:]*(?:\./\.|\.|;|,)?\s*$", "", text)
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return text.strip()


def _lower1(text: str) -> str:
    text = text.strip()
    return text[:1].lower() + text[1:]


def _one_invitation_each(tasks: list[Task], list_intros: set[int]) -> list[Task]:
    """An invitation asks each invitee to come once: the closing "đề nghị các đại biểu
    sắp xếp công việc đến dự" repeats the opening "kính mời các đại biểu dự hội nghị"."""
    seen: dict[tuple[str, ...], Task] = {}
    out = []
    for t in tasks:
        key = tuple(sorted(_INVITED_POINTER.sub("", fold(u)) for u in t.assignees))
        if key in seen and _CLOSING_ATTEND.search(t.action):
            first = seen[key]
            if id(first) in list_intros:
                # the opening only introduced the list of who is invited ("kính mời các
                # đại biểu dự hội nghị như sau:"): the closing says what they are asked to do
                first.action, first.span = t.action, t.span
            continue
        if _ATTEND.search(t.action):
            seen.setdefault(key, t)
        out.append(t)
    return out


def _is_issuer(units: list[str], record: Record) -> bool:
    """All `units` name the issuing body itself (any line of its header, without a note in brackets)."""
    from extractors.unit_keys import loose_key

    lines = [loose_key(regex.sub(r"\s*\(.*$", "", line)) for line in (record.issuer or [])]
    own = set(lines) - {""}
    pairs = [(p, c) for p, c in zip(lines, lines[1:]) if p and c]

    def is_own(unit: str) -> bool:
        u = loose_key(unit)
        # "Ủy ban nhân dân tỉnh" for "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG": the place left unsaid
        if u in own or (u.split()[-1:] and u.split()[-1] in _LEVELS and any(k.startswith(u + " ") for k in own)):
            return True
        # "Thanh tra Sở Y tế" for "SỞ Y TẾ KIÊN GIANG" / "THANH TRA": the office named with its parent
        return any(u.startswith(c + " ") and p.startswith(u[len(c) + 1:]) for p, c in pairs)

    return bool(units) and all(is_own(u) for u in units)


def _sentences(body: str) -> list[str]:
    """Sentences of a paragraph; a piece that ends in ";" and only names units
    ("Giám đốc Sở X; Thủ trưởng ...; Chủ tịch ... chịu trách nhiệm") stays with the next."""
    out: list[str] = []
    for s in _SENT.split(body):
        if not s.strip():
            continue
        prev = out[-1] if out else ""
        lead = B.ASSIGN_TRIGGER.match(prev)
        names = U.starts_unit(prev[lead.end():].lstrip() if lead else prev)
        if prev.rstrip().endswith(";") and names and not B.ACTION_VERB.search(prev) and U.starts_unit(s):
            out[-1] += " " + s
        else:
            out.append(s)
    return out


def _told_as_news(sentence: str, doc_date: str | None) -> bool:
    """A sentence opening with a day on or before the document's own ("Ngày 16/3/2026,
    Chủ tịch UBND tỉnh chủ trì buổi làm việc ...") tells what happened; it assigns nothing."""
    m = _NEWS_DATE.match(sentence)
    if not m or not doc_date:
        return False
    day = find_deadline(m.group("date"), doc_date, None, bare=True).value
    return day is not None and day <= doc_date


def _papers_below(paras: list[Para], k: int, noun: str | None = None) -> bool:
    """Papers are listed among the items right under paras[k] (deeper, until the next paragraph
    at its level or a prose paragraph): "- Đề án ...", "- Bản sao ...". The duty that works from
    them is a task of its own; its other items ("- Thực hiện các nhiệm vụ khác ...") are tasks too."""
    items = []
    for p in paras[k + 1:]:
        if p.level == 0 or (paras[k].level and p.level <= paras[k].level):
            break
        items.append(p)
    return any(_names_a_thing(p.body, noun) for p in items)


def _intro_paper_noun(body: str) -> str | None:
    m = _INTRO_PAPERS.search(body.rstrip())
    if not m:
        return None
    noun = m.group("noun")
    return noun if noun.lower() == "tài liệu" or B.PAPER.fullmatch(noun[:1].upper() + noun[1:]) else None


def _names_a_thing(body: str, noun: str | None = None) -> bool:
    """An item that lists a paper (or a figure): the papers of a dossier under a unit's heading
    ("- Đơn xin hoãn thi", "- Phiếu đăng ký dự tuyển"), not work. Their names hold verbs
    ("đăng ký", "xác nhận"); a paper sent somewhere or by a day is work all the same. Under an
    intro that calls its items papers ("các đề án:"), an item opening with that word is one
    however long, whatever it is to be submitted for, unless it is due by a day."""
    if noun and regex.match(rf"\W*{regex.escape(noun)}(?![\p{{L}}])", body, regex.IGNORECASE | regex.VERSION1):
        return not _DUE.search(body)
    return bool(B.PAPER.match(body)) and len(body.split()) <= 25 and not B.PAPER_SENT.search(body)
