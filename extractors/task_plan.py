"""Tasks of a plan's structures: task tables and labelled lines.

A task table (Markdown `| ... |`, DOCX rows joined by " | ") gives one task per
row, its columns found from the header row (Nội dung | Cơ quan chủ trì | Cơ quan
phối hợp | Thời gian hoàn thành). Labelled lines under an item (`Cơ quan chủ
trì:`, `Cơ quan phối hợp:`, `Thời gian hoàn thành:`) give the units and the
deadline of the items waiting for them (`state.pending`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from extractors import body_patterns as B
from extractors import units as U
from extractors.deadlines import find_deadline
from extractors.task_paras import Para

if TYPE_CHECKING:  # the builder and state live in extractors.tasks, which imports this module
    from extractors.tasks import _Builder as Builder, _State as State

# compiled once: regex's module-level sub/search look the pattern up in its cache per call
# (most of a 1,393-row table's time)
_SPACES = regex.compile(r"\s+")
_LOWER = regex.compile(r"\p{Ll}")


def table_row(b: Builder, state: State, para: Para) -> None:
    cells = para.cells or []
    low = [_SPACES.sub(" ", c).lower() for c in cells]
    header = {}
    for i, c in enumerate(low):
        if "phối hợp" in c:
            header.setdefault("coord", i)
        elif "chủ trì" in c or "thực hiện" in c and ("cơ quan" in c or "đơn vị" in c):
            header.setdefault("lead", i)
        elif any(w in c for w in ("thời gian", "thời hạn", "tiến độ", "hoàn thành")):
            header.setdefault("due", i)
        elif any(w in c for w in ("nội dung", "nhiệm vụ", "công việc", "tên")):
            header.setdefault("what", i)
    if "lead" in header and "what" in header:
        state.table_cols = header
        return
    cols = state.table_cols
    if not cols or max(cols.values()) >= len(cells):
        return
    what, lead = cells[cols["what"]], cells[cols["lead"]]
    if not what or not lead or not _LOWER.search(what):
        return
    coords = U.split_units(cells[cols["coord"]]) if "coord" in cols else []
    due = cells[cols["due"]] if "due" in cols else ""
    task = b.add(U.split_units(lead), what, para, deadline_text="", coordinators=coords)
    d = find_deadline(due, b.doc_date, b.year, bare=True)
    task.deadline, task.recurrence = d.value, d.recurrence if d.value is None else None
    task.flags = d.flags


def label_parties(value: str) -> tuple[list[str], list[str]]:
    """A lead label's value: `X chủ trì, phối hợp với Y; Z` -> ([X], [Y, Z]);
    `X đôn đốc, hướng dẫn ...` -> ([X], [])."""
    value = value.strip()
    m = B.LEAD_SPLIT.search(value)
    if m:
        rest = value[m.end():]
        stop = B.LABEL_COORD_STOP.search(rest) if m.group("coord") else None
        coords = U.split_units(rest[:stop.start()] if stop else rest) if m.group("coord") else []
        return U.split_units(value[:m.start()]), [c for c in coords if U.starts_unit(c)]
    cut = None if ";" in value else U.unit_end(value, tagger=False)
    if cut is not None:
        verb = B.ACTION_VERB.match(value, cut + 1)
        if verb and U.starts_unit(value[verb.end():].lstrip()):
            cut = None  # a verb inside the name: "Uỷ ban kiểm tra Đảng uỷ"
    return U.split_units(value[:cut] if cut else value), []


def label(b: Builder, state: State, para: Para) -> None:
    name, value = para.label or ("", "")
    if not state.in_labels:
        state.in_labels, state.label_lead = True, False
    targets = state.pending
    if not targets:
        return
    if name.startswith(("thời gian", "thời hạn", "tiến độ")):
        d = find_deadline(value, b.doc_date, b.year, bare=True)
        for t in targets:
            if t.deadline is None:
                t.deadline, t.recurrence, t.flags = d.value, d.recurrence if d.value is None else None, d.flags
        return
    is_lead = "chủ trì" in name or ("thực hiện" in name and "phối hợp" not in name and not state.label_lead)
    units, coords = label_parties(value) if is_lead else (U.split_units(value), [])
    for t in targets:
        if is_lead and (not t.assignees or t in state.soft):
            t.assignees = units
            if t in state.soft:
                state.soft.remove(t)
            t.coordinators += [u for u in coords if u not in t.coordinators and u not in units]
        else:
            t.coordinators += [u for u in units + coords if u not in t.coordinators and u not in t.assignees]
    if "chủ trì" in name:
        state.label_lead = True
    for t in targets:
        if t.assignees and t not in b.tasks:
            b.tasks.append(t)
