"""Assigned tasks (record.tasks): one per directive item or sentence.

The body is cut into paragraphs (wrapped lines joined; an item marker, a table
row or a labelled line starts a new one). Then, in order:
- a numbered heading that names units (`2. Ủy ban nhân dân xã`, `a) Sở Nội vụ:`)
  assigns every item under it, until a heading of the same or a higher level;
- a paragraph that hands work to a unit (`Giao X ...`, `Đề nghị X ...`,
  `X chủ trì, phối hợp với Y ...`, `Điều 3. X, Y ... chịu trách nhiệm thi hành`)
  gives one task per assigning sentence, merged while the units stay the same;
- items followed by labelled lines (`Cơ quan chủ trì:`, `Cơ quan phối hợp:`,
  `Thời gian hoàn thành:`) take their units and deadline from them;
- task tables (Markdown `| ... |`, DOCX rows joined by " | ") give one task per row.
Deadlines come from `extractors.deadlines`; an invitation's event date (a
`Thời gian:` line) is the deadline of the tasks that prepare or attend it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractors import body_patterns as B
from extractors import units as U
from extractors.deadlines import Deadline, date_flags, doc_year_of, find_deadline
from extractors.task_paras import ENDS as _ENDS, Para, paragraphs
from extractors.task_patterns import (
    _ELABORATION, _OWNER, _HEAD_PREFIX, _NOT_TASK_TAIL, _INTRO_END, _TITLE_PREFIX, _DUTY_INTRO, _DESIGNATED,
    _AGENT_OPEN, _AGENT_BEFORE, _TABLE_HEAD, _CAPTION, _BARE_DO, _MEMBER, _NAME_END, _MORE_UNITS, _FIELD,
    _RIGHT, _REPORTING, _ENACTING, _BASIS, _ADDRESSEE, _MEMBERS_HEAD, _MEMBERS_END, _INVITE_INTRO,
    _EVENT_FIELD, _DONE, _INTRO, _EVENT_DATE, _ASKS_ADDRESSEES, _LABELLED_UNIT, _THEN, _SENTENCE_INSIDE,
    _CONTACT_NOTE, _ATTEND, INVITATION_TYPES,
)
from extractors.task_plan import label, table_row
from extractors.task_text import (
    _sentences, _told_as_news, _papers_below, _intro_paper_noun, _names_a_thing, _one_invitation_each,
    _is_issuer, _lower1, _clean_action, _intro_words,
)
from extractors import patterns as P
from schemas.document import ParsedDocument
from schemas.record import FieldValue, Record, Span, Task


@dataclass
class _State:
    context: list[tuple[int, list[str]]] = field(default_factory=list)
    pending: list[Task] = field(default_factory=list)
    in_labels: bool = False
    label_lead: bool = False
    table_cols: dict[str, int] | None = None
    last_item: Task | None = None  # the task of the bullet just read
    soft: list[Task] = field(default_factory=list)  # tasks whose units a lead label may replace
    intro_level: int = 0  # level of the paragraph that set the _INTRO units
    members: int | None = None  # level of the `Thành phần:` paragraph whose list is being read
    in_field: bool = False  # reading the value of a bare event field ("1. Thời gian:" on a line of its own)
    papers_below: bool = False  # the items under the paragraph being read list papers
    paper_noun: tuple[int, str] | None = None  # (level, noun) of an intro naming its items "các đề án:"


def _is_heading(p: Para) -> bool:
    return p.level > 0 and p.level < 7 and (not _ENDS.search(p.body) or p.body.rstrip().endswith(":")) and len(p.body) < 220


def _heading_units(body: str) -> list[str]:
    """Units named by a heading, or [] when it names a topic."""
    t = body.strip().rstrip(":").strip()
    if _SENTENCE_INSIDE.search(t):
        return []  # a sentence goes on past a stop or a colon: prose, whatever its line ends with
    if _THEN.search(t):
        return []  # "Các trường hợp sinh viên còn ở lại KTX thì thực hiện ...": a case and its rule, no heading
    owner = regex.match(rf"^{_OWNER}\s+", t)
    t = _HEAD_PREFIX.sub("", t)
    if not U.starts_unit(t) or len(t) > 160:
        return []
    if owner:
        return U.split_units(t)  # "Trách nhiệm của Tổ phó là Phó Giám đốc Sở X": all of it names the unit
    cut = U.unit_end(t, tagger=False)  # the tagger reads "ban" of "Ủy ban" as a verb
    if cut is not None and cut < len(t) - 2 and not _MORE_UNITS.search(t, cut):
        return []
    return U.split_units(t)


def _assignment(sentence: str, mode: str | None = None, clauses: bool = True) -> tuple[list[str], int] | None:
    """(units, offset where the action starts) of a sentence that assigns work.

    `mode` "report" reads only sentences with a trigger word, "proposal" only
    those that propose to assign (see `body_patterns.NARRATIVE_TYPES`)."""
    if B.NOT_WORK.search(sentence):
        return None
    cond = B.CONDITIONAL.match(sentence)
    if cond and not mode and U.starts_unit(cond.group("unit")) and not U.starts_unit(sentence[cond.end():]) \
            and not B.ASSIGN_TRIGGER.search(sentence, cond.end()):
        return [U.clean_unit(cond.group("unit"))], cond.end()
    for m in B.ASSIGN_TRIGGER.finditer(sentence):
        if mode == "proposal" and not B.PROPOSAL_TRIGGER.match(m.group("trig")):
            continue
        if m.start() == 0 and m.group("trig").startswith("Phân"):
            continue  # an item's own verb: "Phân công cán bộ lãnh đạo phụ trách ..."
        if B.RELAYED.search(sentence, 0, m.start()):
            continue  # "X có văn bản đề nghị Y ...": X does the work (the clause rule finds X)
        if B.PAST_REQUEST.search(sentence, 0, m.start()):
            continue  # "X đã gửi ... đề nghị Y ...": an earlier request retold
        if _AGENT_BEFORE.search(sentence, 0, m.start()):
            continue  # "nhiệm vụ do Giám đốc Sở phân công", "do đoàn chủ tịch phân công người ký": how it is given
        power = B.POWER.search(sentence, max(0, m.start() - 16), m.start())
        if power and not sentence[power.end():m.start()].strip():
            continue  # "Trưởng Đoàn có quyền yêu cầu các đơn vị ...": permitted, not asked
        pos = m.end()
        while pos < len(sentence) and sentence[pos] == " ":
            pos += 1
        anaphor = B.ANAPHOR.match(sentence, pos)
        topic = B.TOPIC.match(sentence[:m.start()]) if anaphor else None
        if topic:  # "Đối với các cơ sở KCB ... chưa điều chỉnh giấy phép, đề nghị đơn vị làm thủ tục ..."
            return [U.clean_unit(topic.group("unit"))], anaphor.end()
        if B.TRIGGER_NO_TARGET.match(sentence, pos) or not U.starts_unit(sentence[pos:]):
            continue
        end = U.unit_end(sentence, pos)
        if end is None and sentence.rstrip().endswith(":") and not B.NOT_IN_UNIT.search(sentence, pos):
            end = len(sentence.rstrip()) - 1  # "Đề nghị Tòa án nhân dân tỉnh; Viện kiểm sát ...:" names the units only
        if end is None:
            continue
        if U.is_bare_head(sentence[pos:end]) and not _ADDRESSEE.match(sentence[pos:end].strip()):
            continue
        units = U.split_units(sentence[pos:end])
        if units:
            return units, end
    if mode or not clauses:
        return None
    named = _DESIGNATED.match(sentence)
    if named and U.starts_unit(named.group("unit")):
        return U.split_units(named.group("unit")), named.end()
    # a clause that starts with a unit and goes on with an action verb
    # ... also after a place word: "Ở cấp xã cần thành lập ..."
    starts = [0] + [m.end() for m in regex.finditer(r"[,;:]\s+|\s+-\s+|^Ở\s+", sentence)]
    opener = B.TIME_OPENER.match(sentence)
    if opener:
        starts.insert(1, opener.end())
    for k, pos in enumerate(starts):
        rest = sentence[pos:]
        if k > 0 and _AGENT_OPEN.search(sentence, 0, pos):
            continue  # inside "do X, Y chủ trì": who chairs or does what is told, no one asked
        if sentence.count("(", 0, pos) > sentence.count(")", 0, pos):
            continue  # inside brackets: examples of a unit named before them ("Các Bộ khác (Bộ Xây dựng, ...)")
        after_place = k > 0 and pos == 2 and sentence.startswith("Ở ")
        end = U.unit_end(sentence, pos, tagger=False) if U.starts_unit(rest) else None
        # a lower-case clause is a unit where a duty follows: "Trường hợp ..., cơ sở KCB có trách nhiệm ..."
        duty = end is not None and bool(B.DUTY_VERB.match(sentence, end + 1))
        if not U.starts_unit(rest) or (k > 0 and not (rest[:1].isupper() or rest.startswith("các ") or after_place or duty)):
            continue
        if end is None or end - pos > 220:
            continue
        tail = sentence[end:].strip()
        if _REPORTING.match(tail) or B.STATEMENT.match(tail) or (_NOT_TASK_TAIL.search(tail[:60]) or _INTRO_END.search(tail)) and not _DUTY_INTRO.match(tail):
            continue
        phrase = sentence[pos:end]
        if U.is_bare_head(phrase) or len(phrase.split()) < 2 and not phrase.isupper():
            continue
        units = U.split_units(phrase)
        if units:
            return units, end
    return None


def _coordinators(action: str) -> list[str]:
    out: list[str] = []
    for m in B.COORD.finditer(action):
        stop = B.COORD_STOP.search(action, m.end())
        while stop and stop.group(0).isspace() and (
                U.is_bare_head(action[m.end():stop.start()]) and action[m.end():m.end() + 1].isupper()
                # a verb word used as a noun: "các cơ quan, tổ chức có liên quan", "các xã có dự án"
                or B.NOUN_USE.match(action, stop.end())
                or regex.search(r"(?:^|\s)(?:các|những|và)$", action[m.end():stop.start()])):
            stop = B.COORD_STOP.search(action, stop.end())  # "Tổng cục quản lý ruộng đất": the verb is in the name
        phrase = action[m.end():stop.start() if stop else len(action)]
        if U.starts_unit(phrase):
            out.extend(u for u in U.split_units(phrase) if u not in out)
    return out


class _Builder:
    def __init__(self, doc: ParsedDocument, record: Record) -> None:
        self.doc, self.record = doc, record
        year = None
        if not record.date:
            m = P.DATE_PHRASE.search(doc.zone_text("header_right") or "")
            y = regex.search(r"\d{4}", m.group(0)) if m else None
            year = int(y.group(0)) if y else None
        self.doc_date, self.year = record.date, doc_year_of(record.date, year)
        self.tasks: list[Task] = []
        self.mode = B.NARRATIVE_TYPES.get(record.doc_type or "")
        self.event = self._event_date()

    def _event_date(self) -> str | None:
        body = self.doc.zone_text("body")
        for line in body.split("\n"):
            if B.EVENT_LINE.match(line):
                d = find_deadline(line, self.doc_date, self.year, bare=True)
                if d.value:
                    return d.value
        m = _EVENT_DATE.search(body)
        return find_deadline(m.group(1), self.doc_date, self.year, bare=True).value if m else None

    def deadline(self, text: str) -> Deadline:
        return find_deadline(text, self.doc_date, self.year)

    def add(self, units: list[str], action: str, para: Para, deadline_text: str | None = None,
            coordinators: list[str] | None = None) -> Task:
        action = _clean_action(action)
        dl = self.deadline(deadline_text if deadline_text is not None else action)
        value = dl.value
        # the event's day for what attends or prepares it; in an invitation all its work does
        if value is None and dl.recurrence is None and self.event and (
                B.EVENT_WORDS.search(action) or self.record.doc_type in INVITATION_TYPES):
            value = self.event
        coords = coordinators if coordinators is not None else _coordinators(action)
        coords = [c for c in coords if c not in units]
        task = Task(assignees=units, coordinators=coords, action=action, deadline=value,
                    recurrence=dl.recurrence if value is None else None,
                    span=Span(page=para.page, start=para.start, end=para.end, zone="body"),
                    flags=list(dl.flags) if dl.value else date_flags(value, self.doc_date, self.year))
        self.tasks.append(task)
        return task


def _context_units(state: _State, level: int) -> list[str]:
    for lvl, units in reversed(state.context):
        if level == 0 or lvl < level or level >= 7 or lvl == _INTRO:
            return units
    return []


def find_tasks(doc: ParsedDocument, record: Record) -> list[Task]:
    with U.abbreviations_of(" ".join(line.text for line in doc.zone("body"))):
        return _find_tasks(doc, record)


def _find_tasks(doc: ParsedDocument, record: Record) -> list[Task]:
    b = _Builder(doc, record)
    state = _State()
    paras = paragraphs(doc)
    list_intros: set[int] = set()   # tasks read from a sentence that introduces the invited list
    enact = next((k for k, p in enumerate(paras) if p.cells is None and _ENACTING.match(p.text.strip())), None)
    if enact is not None:
        paras = paras[enact + 1:]
    # where the signature or the Nơi nhận begins: the body read after it is an annex (a list, a form,
    # a plan's table), whose items take no units from the letter's headings or intro above
    foot = min((line.start for z in doc.zones if z.kind in ("cc", "signature") for line in z.lines), default=None)
    for k, para in enumerate(paras):
        if foot is not None and para.start > foot:
            foot = None
            state = _State()
        if para.level == 0 and _BASIS.match(para.body.strip()):
            continue
        if state.members is not None:
            lvl = state.members
            ends = (para.level == 0 or (lvl > 0 and para.level <= lvl) or (lvl == 0 and para.level < 6)
                    or _EVENT_FIELD.match(para.body.strip()))
            if not ends:
                continue
            state.members = None
        if _MEMBERS_END.search(para.body) and para.cells is None:
            state.members = para.level  # its own sentence ("Thành lập Hội đồng X") is no one's task either
            continue
        if _MEMBERS_HEAD.match(para.body.strip()):
            state.members = para.level
            # its own sentence may ask them to come ("Thành phần: Trân trọng kính mời Đại biểu tham dự:")
            rest = para.body.strip()[_MEMBERS_HEAD.match(para.body.strip()).end():].strip()
            if rest and B.ASSIGN_TRIGGER.search(rest):
                _directive(b, state, Para(text=rest, start=para.start, end=para.end, page=para.page, body=rest))
                state.context = [(lvl, u) for lvl, u in state.context if lvl != _INTRO]
            continue
        field_head = _EVENT_FIELD.match(para.body.strip())
        if field_head and not para.body.strip()[field_head.end():].strip():
            state.in_field = True  # "1. Thời gian:" alone: the lines below it are its value
            continue
        if state.in_field:
            if para.level == 0 and para.cells is None and _assignment(para.body.strip(), b.mode) is None:
                continue  # "Khai giảng vào lúc 7 giờ 45 ngày 01/12": when, not work of the units above
            state.in_field = False
        if para.cells is not None:
            table_row(b, state, para)
            continue
        if para.label is not None:
            label(b, state, para)
            continue
        if state.in_labels:
            state.in_labels, state.pending = False, []
        if para.level != 0:
            state.last_item = None
        if para.level == 6 and state.intro_level == 6:
            # a sibling letter item ends what the last letter introduced ("b) X có trách nhiệm:")
            state.context = [(lvl, u) for lvl, u in state.context if lvl != _INTRO]
            state.intro_level = 0
        if para.level == 1 and not _is_heading(para):
            state.context = []  # a new article ("Điều 3. Quyết định này có hiệu lực ...") ends the units of the last
        if 0 < para.level < 7 and not _is_heading(para) and not B.ACTION_VERB.match(_lower1(para.body)):
            # an item that names its own work ("3. Phòng Y tế ... căn cứ ...") ends the units a sibling
            # heading gave ("1. Trung tâm X:" over its letters); a verb-first item is still under them
            state.context = [(lvl, u) for lvl, u in state.context if lvl < para.level or lvl == _INTRO]
        if _is_heading(para):
            if para.level == 1:
                state.pending = []  # items of another part wait for no labels
            if 0 < para.level <= 5 and para.level <= state.intro_level:
                # a numbered heading at the intro's own depth or above ends what it introduced
                # (a bullet intro's sibling bullets are its items)
                state.context = [(lvl, u) for lvl, u in state.context if lvl != _INTRO]
            units = _heading_units(para.body)
            verb_item = bool(_context_units(state, para.level)) and bool(B.ACTION_VERB.match(_lower1(para.body)))
            if not verb_item:
                state.context = [(lvl, u) for lvl, u in state.context if lvl < para.level]
            if units and not b.mode:
                state.context.append((para.level, units))
                continue
        before = len(b.tasks)
        # only an intro ending in a colon asks what its items are (no look-ahead for the rest)
        if state.paper_noun and (para.level == 0 or para.level <= state.paper_noun[0]):
            state.paper_noun = None
        noun = _intro_paper_noun(para.body)
        state.papers_below = ":" in para.body and _papers_below(paras, k, noun)
        if noun:
            state.paper_noun = (para.level, noun)
        _directive(b, state, para)
        if _INVITE_INTRO.search(para.body) and para.body.rstrip().endswith(":"):
            # "UBND tỉnh kính mời các đại biểu dự hội nghị ... như sau:": the list is who is invited
            state.members = para.level
            list_intros.update(id(t) for t in b.tasks[before:])
    tasks = [t for t in b.tasks if t.assignees and t.action]
    if record.doc_type in INVITATION_TYPES:
        # the host's own sentence ("Sở Y tế tổ chức Hội nghị ...") tells what the meeting is
        tasks = [t for t in tasks if not _is_issuer(t.assignees, record)]
        tasks = _one_invitation_each(tasks, list_intros)
    return tasks


def _directive(b: _Builder, state: _State, para: Para) -> None:
    body = para.body.strip()
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    body = _TITLE_PREFIX.sub("", body)
    sentences = _sentences(body)
    hits: list[tuple[int, list[str], int]] = []
    # under a heading that names the units, a bullet's own subject ("các cơ
    # quan, đơn vị chủ động ...") restates them; only an explicit request
    # (Giao/Đề nghị ...) hands the work to someone else
    under_heading = para.level >= 6 and any(lvl != _INTRO for lvl, _ in state.context)
    # a paragraph that opens with its verb ("Phối hợp với Sở X ...") has no
    # subject of its own: the units of its heading or intro do the work
    verb_first = bool(state.context) and bool(B.ACTION_VERB.match(_lower1(body)))
    for i, s in enumerate(sentences):
        if _told_as_news(s, b.doc_date):
            continue
        a = _assignment(s, b.mode, clauses=not (under_heading or verb_first))
        if not a and i == 0 and under_heading and _LABELLED_UNIT.match(s):
            # "2. Sở Y tế:" / "- Phòng Nghiệp vụ Y: Làm đầu mối ...": the bullet names its own unit
            a = _assignment(s, b.mode)
            # a proper name, not the heading's units restated ("- Các cơ quan, đơn vị: Chủ động ...")
            if a and not (s[a[1]:].lstrip().startswith(":") and regex.search(r"\s\p{Lu}", s[:a[1]])):
                a = None
        elif not a and i == 0 and under_heading and U.starts_unit(s):
            # "- Các phòng chức năng của Sở Y tế cử cán bộ ..." under "2. Sở Y tế:": a bullet whose own
            # subject is another body, named properly, is that body's work ("- Các cơ quan, đơn vị
            # chủ động ..." only restates the heading's units)
            a = _assignment(s, b.mode)
            heading = {u for lvl, units in state.context if lvl != _INTRO for u in units}
            if a and (not all(regex.search(r"\s\p{Lu}", u) for u in a[0]) or set(a[0]) <= heading):
                a = None
        if a and para.level == 0 and not state.context and not B.ASSIGN_TRIGGER.search(s, 0, a[1]) \
                and _is_issuer(a[0], b.record):
            a = None  # "Thanh tra Sở Y tế xây dựng kế hoạch ...": the issuer telling what it does
        if a:
            hits.append((i, a[0], a[1]))
    context = _context_units(state, para.level)
    heading_like = _is_heading(para)
    if not hits:
        if B.NOT_WORK.search(body) or B.CLOSING.search(body):
            return
        if _ASKS_ADDRESSEES.search(body) and b.record.recipients and para.level == 0:
            # "Chủ tịch UBND tỉnh yêu cầu:" names no one: the items below are asked of those it is sent to
            units = [u for r in b.record.recipients for u in U.split_units(r)]
            if units:
                state.context = [(lvl, u) for lvl, u in state.context if lvl != _INTRO] + [(_INTRO, units)]
                state.intro_level = para.level
            return
        if not context and _send_back(b, para, sentences):
            return
        if _EVENT_FIELD.match(body):
            return  # "Địa điểm: Hội trường B", "Thời gian: 8 giờ ...": a field of the event, nobody's work
        if heading_like and not (context and B.ACTION_VERB.match(body[:1].lower() + body[1:])):
            return
        member = (_MEMBER.match(body) or _NAME_END.search(body)) and not B.ACTION_VERB.search(_lower1(body))
        if context and para.level and _names_a_thing(body, state.paper_noun[1] if state.paper_noun else None):
            return  # "- Đơn xin hoãn thi", "- Minh chứng cho lý do vắng thi": a paper listed, nobody's work
        if _CAPTION.match(body) or _TABLE_HEAD.search(body):
            return  # a figure's caption ("Hình 1 - ..."), a form's table read as text ("STT Họ và tên ..."): nobody's work
        if U.starts_unit(body) and B.POWER.search(body):
            return  # "Tổ trưởng Tổ X có quyền trưng dụng ...": a named unit's power, no work and no wrapped item
        if context and not (_RIGHT.match(body) or member):
            last = b.tasks[-1] if b.tasks else None
            if para.level == 0 and state.last_item is not None and last is state.last_item:
                # prose right after a bullet goes on with it (a wrapped item)
                last.action = _clean_action(last.action + ". " + body)
                if last.deadline is None:
                    last.deadline = b.deadline(body).value
                return
            state.last_item = b.add(context, body, para) if para.level >= 6 else None
            if para.level < 6:
                b.add(context, body, para)
        elif para.level and (B.ACTION_VERB.match(_lower1(body)) or (para.level < 7 and not _FIELD.match(body))):
            # an item without a unit: its units may follow as labelled lines
            task = Task(action=_clean_action(body), span=Span(page=para.page, start=para.start, end=para.end, zone="body"))
            dl = b.deadline(body)
            task.deadline, task.recurrence, task.flags = dl.value, dl.recurrence, dl.flags
            if state.in_labels:
                state.pending = []
            state.pending.append(task)
        return
    if para.level == 0 and not context:
        # prose: one task per assigning sentence; a directive sentence right
        # after one ("Nếu có vướng mắc, báo cáo ...") goes to the same units
        merged: list[tuple[list[str], str]] = []
        by_index = {i: (units, off) for i, units, off in hits}
        last: list[str] | None = None
        for i, s in enumerate(sentences):
            if i in by_index:
                last = by_index[i][0]
                merged.append((last, s[by_index[i][1]:]))
            elif last and merged and _ELABORATION.match(s):
                merged[-1] = (merged[-1][0], merged[-1][1] + " " + s)
            elif last and B.ACTION_VERB.search(s) and not _DONE.search(s) and not _CONTACT_NOTE.match(". " + s):
                merged.append((last, s))
            else:
                last = None
    else:
        merged = []
        if hits[0][0] > 0 and context:
            merged.append((context, " ".join(sentences[:hits[0][0]])))
        for k, (i, units, off) in enumerate(hits):
            nxt = hits[k + 1][0] if k + 1 < len(hits) else len(sentences)
            text = " ".join([sentences[i][off:]] + sentences[i + 1:nxt])
            if merged and merged[-1][0] == units:
                merged[-1] = (units, merged[-1][1] + " " + sentences[i])
            else:
                merged.append((units, text))
    last_i, last_units, last_off = hits[-1]
    last_text = sentences[last_i][last_off:].strip()
    intro = _intro_words(last_text) if body.rstrip().endswith(":") else None
    # "X có trách nhiệm:", "Đề nghị X thực hiện tốt một số nội dung sau:": the items below are X's tasks
    # ... but "triệu tập / kính mời X về dự ... như sau:" asks X to come: that is X's task
    summons = bool(_INVITE_INTRO.search(sentences[last_i]) and _ATTEND.search(last_text))
    # (a duty whose items only list papers, "có nhiệm vụ ... xây dựng và trình ... trên cơ sở tổng
    # hợp các đề án: - Đề án ...; - Đề án ...", is one task: the items are what it works from)
    duty = bool(_DUTY_INTRO.match(last_text) or _BARE_DO.match(last_text)) or (intro is not None and intro <= 4)
    duty_intro = body.rstrip().endswith(":") and not summons and not state.papers_below and duty
    soft = para.level > 0 and not any(B.ASSIGN_TRIGGER.search(sentences[i][:off]) for i, _, off in hits)
    for units, text in merged:
        if not (duty_intro and units is last_units):
            task = b.add(units, text, para)
            if para.level > 0 and not body.rstrip().endswith((":", ".")):
                # prose right under an item left unfinished (";", no stop) goes on with it: a scan's
                # line breaks cut "(b) ... kiện toàn các cơ sở điều trị;" / "Quyết định của ...;"
                state.last_item = task
            if soft:
                # an item's own subject; a lead label after it names who leads
                state.pending = [t for t in state.pending if t in b.tasks] if not state.in_labels else []
                state.pending.append(task)
                state.soft.append(task)
    if body.rstrip().endswith(":") and ((duty and not summons) or B.ASSIGN_TRIGGER.search(sentences[last_i])):
        state.context = [(lvl, u) for lvl, u in state.context if lvl != _INTRO]
        state.context.append((_INTRO, hits[-1][1]))
        state.intro_level = para.level


def _send_back(b: _Builder, para: Para, sentences: list[str]) -> bool:
    """A sentence sending a paper back by a day, after a request: a task of those asked."""
    if para.level != 0 or not b.tasks or not b.tasks[-1].assignees:
        return False
    added = False
    for s in sentences:
        m = B.SEND_BACK.match(s)
        if not m or b.deadline(s).value is None:
            continue
        owner = B.SEND_OWNER.search(m.group("what"))
        b.add([owner.group("unit")] if owner else list(b.tasks[-1].assignees), s, para)
        added = True
    return added


def extract(doc: ParsedDocument, record: Record) -> FieldValue:
    try:
        tasks = find_tasks(doc, record)
    except Exception as exc:  # noqa: BLE001 - a bad paragraph must not sink the record
        record.warnings.append(f"tasks: {type(exc).__name__}: {exc}")
        return FieldValue(value=[], confidence=0.0)
    for t in tasks:
        for flag in t.flags:
            record.add_flag(f"task deadline {t.deadline}: {flag}")
    return FieldValue(value=tasks, confidence=0.6 if tasks else 0.4, item_spans=[t.span for t in tasks if t.span])
