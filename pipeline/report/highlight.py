"""A document's text cut into runs, each run carrying the extracted values whose span covers it.

Spans point into `documents.text` (character offsets). Values overlap (a task holds its
deadline and the citations it names; an issuer's whole span holds its lines), so the text
is cut at every span boundary and each run lists the marks over it; the page draws a run
by its innermost (shortest) mark. The deadline has no span of its own in the store: it
is found again inside the task's span with the extractor that read it
(extractors.deadlines.find_deadline), and kept only when it reads the same date.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from extractors.deadlines import find_deadline

# fields of documents.spans that are highlighted, with their Vietnamese labels
FIELD_LABELS = {
    "doc_type": "Loại văn bản", "code": "Số, ký hiệu", "issuer": "Cơ quan ban hành", "place": "Địa danh",
    "date": "Ngày ban hành", "subject": "Trích yếu", "recipients": "Kính gửi", "cc": "Nơi nhận",
    "signer": "Người ký", "references": "Văn bản dẫn chiếu", "task": "Nhiệm vụ", "deadline": "Thời hạn",
}
# a value whose confidence is below this is shown as uncertain
LOW_CONFIDENCE = 0.5


@dataclass
class Mark:
    """One highlighted value: where it is and what it is."""

    start: int
    end: int
    field: str
    mark_id: str            # stable id: the DOM id prefix of its runs (e.g. "task-1-deadline")
    page: int | None = None
    low: bool = False       # low confidence

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)


@dataclass
class Run:
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def inner(self) -> Mark | None:
        return min(self.marks, key=lambda m: (m.end - m.start, m.field != "deadline")) if self.marks else None


def deadline_span(text: str, task_start: int, task_end: int, deadline: date | None,
                  doc_date: date | None) -> tuple[int, int] | None:
    """Absolute offsets of the words that give the task's stored deadline, or None."""
    if deadline is None or not 0 <= task_start < task_end <= len(text):
        return None
    chunk = text[task_start:task_end]
    iso_doc = doc_date.isoformat() if doc_date else None
    want = deadline.isoformat()
    for bare in (False, True):
        found = find_deadline(chunk, iso_doc, deadline.year, bare=bare)
        if found.value == want and found.start is not None and found.end is not None:
            return task_start + found.start, task_start + found.end
    # the printed day and month (the year may be missing or typed wrong): the first such date
    for fmt in (f"{deadline.day:02d}/{deadline.month:02d}", f"{deadline.day}/{deadline.month}",
                f"{deadline.day:02d}/{deadline.month}", f"{deadline.day}/{deadline.month:02d}"):
        at = chunk.find(fmt)
        if at >= 0:
            end = at + len(fmt)
            if chunk[end:end + 1] == "/" and chunk[end + 1:end + 5].isdigit():
                end += 5
            return task_start + at, task_start + end
    return None


def marks_for(doc: dict[str, Any]) -> list[Mark]:
    """Every highlighted value of a document (header fields from `spans`, tasks and their deadlines)."""
    text = doc.get("text") or ""
    n = len(text)
    conf = doc.get("confidence") or {}
    out: list[Mark] = []
    seen: set[tuple[int, int, str]] = set()

    def add(start: Any, end: Any, fld: str, mark_id: str, page: Any = None, low: bool = False) -> None:
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= n:
            return  # a span that does not point into this text (older rows, another copy's text)
        if (start, end, fld) in seen:
            return
        seen.add((start, end, fld))
        out.append(Mark(start, end, fld, mark_id, page if isinstance(page, int) else None, low))

    for fld, spans in (doc.get("spans") or {}).items():
        if fld == "tasks" or fld not in FIELD_LABELS or not isinstance(spans, list):
            continue
        low = isinstance(conf.get(fld), (int, float)) and conf[fld] < LOW_CONFIDENCE
        for i, sp in enumerate(spans):
            if isinstance(sp, dict):
                add(sp.get("start"), sp.get("end"), fld, f"{fld}-{i}", sp.get("page"), low)
    task_low = isinstance(conf.get("tasks"), (int, float)) and conf["tasks"] < LOW_CONFIDENCE
    for task in doc.get("tasks") or []:
        sp = task.get("span") or {}
        no = task["task_no"]
        start, end = sp.get("start"), sp.get("end")
        add(start, end, "task", f"task-{no}", sp.get("page"), task_low or bool(task.get("flags")))
        if isinstance(start, int) and isinstance(end, int):
            at = deadline_span(text, start, end, task.get("deadline"), doc.get("date"))
            if at:
                add(at[0], at[1], "deadline", f"task-{no}-deadline", sp.get("page"),
                    any("deadline" in f for f in task.get("flags") or []))
    return sorted(out, key=lambda m: (m.start, -m.end))


def runs(text: str, marks: list[Mark]) -> list[Run]:
    """`text` cut at every mark boundary; each run with the marks covering it (outermost first)."""
    if not text:
        return []
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[Run] = []
    # marks sorted by start: a sweep keeps the ones open at each cut
    pending = sorted(marks, key=lambda m: m.start)
    active: list[Mark] = []
    i = 0
    for a, b in zip(cuts, cuts[1:]):
        while i < len(pending) and pending[i].start <= a:
            active.append(pending[i])
            i += 1
        active = [m for m in active if m.end > a]
        out.append(Run(text[a:b], sorted((m for m in active if m.start <= a < m.end),
                                         key=lambda m: -(m.end - m.start))))
    return out


def view(text_runs: list[Run]) -> list[dict[str, Any]]:
    """What the template draws for each run: its text, the innermost mark (class and
    colour), every mark over it (data-marks), and the ids of the marks that start here
    (the anchor a header field's "xem" link scrolls to)."""
    out: list[dict[str, Any]] = []
    started: set[str] = set()
    for run in text_runs:
        inner = run.inner
        if inner is None:
            out.append({"text": run.text, "mark": None})
            continue
        ids = [m.mark_id for m in run.marks]
        first = [i for i in ids if i not in started]
        started.update(first)
        out.append({"text": run.text, "mark": inner, "ids": " ".join(ids), "anchor": first[-1] if first else None,
                    "title": " › ".join(m.label for m in run.marks),
                    "low": any(m.low for m in run.marks if m is inner or m.field == inner.field)})
    return out
