"""Schema 009: one unit's overdue list (`unit_overdue_at`) is what `overdue_at` gives for that
unit, first n in the analyst's order, and `tasks --unit X --overdue --limit N` prints it."""
from __future__ import annotations

from datetime import date

import pytest

from pipeline import queries, store
from schemas.record import Reference, Task

OFFICE = ["UBND TỈNH LAI CHÂU", "VĂN PHÒNG"]
CENTRE = "Trung tâm Tin học và Công báo"
CENTRE_NAME = "Trung tâm Tin học và Công báo tỉnh Lai Châu"
SERVICE = "Trung tâm Phục vụ hành chính công"
# the reference query: the 005 macro, filtered and cut after building every overdue row
REFERENCE = ("SELECT * FROM overdue_at(?) WHERE unit_id = ?"
             " ORDER BY deadline, code, file, task_no, role DESC, unit, doc_id LIMIT ?")


def _store(make) -> object:
    """Three dispatches of the office giving the centre tasks: two on one day (a tie the
    code must break), one the centre answered on 2026-02-10, one as lead and coordinator
    at once, one with no deadline; a copy of the first (its tasks must not count twice)."""
    a = make("a", "10/VP-TH", issuer=OFFICE, date="2026-01-05", tasks=[
        Task(assignees=[CENTRE], action="rà soát hồ sơ", deadline="2026-01-20"),
        Task(assignees=[SERVICE], coordinators=[CENTRE], action="báo cáo quý I", deadline="2026-01-31"),
        Task(assignees=[CENTRE], action="không hạn", deadline=None)])
    copy = make("a2", "10/VP-TH", issuer=OFFICE, date="2026-01-05", tasks=a.tasks)
    copy.file = "a2.pdf"
    b = make("b", "09/VP-TH", issuer=OFFICE, date="2026-01-06", tasks=[
        Task(assignees=[CENTRE], action="cập nhật cổng thông tin", deadline="2026-01-20"),
        Task(assignees=[CENTRE], coordinators=[SERVICE], action="tổng hợp ý kiến", deadline="2026-02-05")])
    c = make("c", "11/VP-TH", issuer=OFFICE, date="2026-01-07", tasks=[
        Task(assignees=[CENTRE], coordinators=[CENTRE], action="lập kế hoạch", deadline="2026-01-25")])
    reply = make("r", "05/TTTH", issuer=["VĂN PHÒNG UBND TỈNH LAI CHÂU", "TRUNG TÂM TIN HỌC VÀ CÔNG BÁO"],
                 date="2026-02-10",
                 refs=[Reference(doc_type="Công văn", code="09/VP-TH", date="2026-01-06", relation="thực hiện")])
    con = store.connect(":memory:")
    for rec in (a, copy, b, c, reply):
        store.load_record(con, rec, "L1")
    return con


def _centre(con) -> str:
    return con.execute("SELECT unit_id FROM units WHERE name = ?", [CENTRE_NAME]).fetchall()[0][0]


# (today, n) -> what the centre's overdue list shows: code, task, role, deadline, days late
CASES = [
    # before any deadline: nothing
    (date(2026, 1, 15), 50, []),
    # the two tasks due on 20/01: 09/VP-TH before 10/VP-TH on the same day (by code)
    (date(2026, 1, 21), 50, [("09/VP-TH", 1, "lead", date(2026, 1, 20), -1),
                             ("10/VP-TH", 1, "lead", date(2026, 1, 20), -1)]),
    # n cuts inside the day's tie by the same order
    (date(2026, 1, 21), 1, [("09/VP-TH", 1, "lead", date(2026, 1, 20), -1)]),
    # a task given to the centre as lead and as coordinator: two rows, lead first
    (date(2026, 1, 26), 3, [("09/VP-TH", 1, "lead", date(2026, 1, 20), -6),
                            ("10/VP-TH", 1, "lead", date(2026, 1, 20), -6),
                            ("11/VP-TH", 1, "lead", date(2026, 1, 25), -1)]),
    (date(2026, 2, 6), 50, [("09/VP-TH", 1, "lead", date(2026, 1, 20), -17),
                            ("10/VP-TH", 1, "lead", date(2026, 1, 20), -17),
                            ("11/VP-TH", 1, "lead", date(2026, 1, 25), -12),
                            ("11/VP-TH", 1, "coordinate", date(2026, 1, 25), -12),
                            ("10/VP-TH", 2, "coordinate", date(2026, 1, 31), -6),
                            ("09/VP-TH", 2, "lead", date(2026, 2, 5), -1)]),
    # the reply of 10/02 answers 09/VP-TH's tasks: from that day they are off the list
    (date(2026, 2, 10), 50, [("10/VP-TH", 1, "lead", date(2026, 1, 20), -21),
                             ("11/VP-TH", 1, "lead", date(2026, 1, 25), -16),
                             ("11/VP-TH", 1, "coordinate", date(2026, 1, 25), -16),
                             ("10/VP-TH", 2, "coordinate", date(2026, 1, 31), -10)]),
]


@pytest.mark.parametrize("today,n,expected", CASES)
def test_unit_overdue_list(record_factory, today: date, n: int, expected: list[tuple]) -> None:
    con = _store(record_factory)
    uid = _centre(con)
    rows = con.execute("SELECT code, task_no, role, deadline, days_left, status, answered_by, unit_name"
                       " FROM unit_overdue_at(?, ?, ?)", [today, uid, n]).fetchall()
    assert [r[:5] for r in rows] == expected
    assert all(r[5:] == ("overdue", None, CENTRE_NAME) for r in rows)
    # every column equal to the 005 macro's rows for the unit, in the same order
    assert con.execute("SELECT * FROM unit_overdue_at(?, ?, ?)", [today, uid, n]).fetchall() == \
        con.execute(REFERENCE, [today, uid, n]).fetchall()


def test_the_store_copies_each_tasks_deadline_onto_its_units(record_factory) -> None:
    con = _store(record_factory)
    differ = con.execute("SELECT count(*) FROM task_units tu JOIN tasks t USING (doc_id, task_no)"
                         " WHERE tu.deadline IS DISTINCT FROM t.deadline").fetchall()
    assert differ == [(0,)]


@pytest.mark.parametrize("today,limit", [(date(2026, 2, 6), 50), (date(2026, 2, 6), 2), (date(2026, 2, 10), 3)])
def test_tasks_verb_prints_the_same_overdue_rows_either_way(record_factory, today: date, limit: int) -> None:
    con = _store(record_factory)
    _, fast = queries.tasks(con, unit=CENTRE_NAME, overdue=True, today=today, limit=limit)
    # the same question through tasks_at (a --due-before far ahead keeps it off the fast path)
    _, slow = queries.tasks(con, unit=CENTRE_NAME, overdue=True, today=today, limit=limit,
                            due_before=date(2099, 1, 1))
    assert fast == slow and len(fast) == min(limit, 6 if today.day == 6 else 4)


def test_several_units_named_give_their_first_overdue_tasks_together(record_factory) -> None:
    con = _store(record_factory)
    _, fast = queries.tasks(con, unit="trung tam", overdue=True, today=date(2026, 2, 6), limit=4)
    _, slow = queries.tasks(con, unit="trung tam", overdue=True, today=date(2026, 2, 6), limit=4,
                            due_before=date(2099, 1, 1))
    assert fast == slow
    assert [(r[0], r[1], r[2]) for r in fast] == [("09/VP-TH", 1, CENTRE_NAME), ("10/VP-TH", 1, CENTRE_NAME),
                                                   ("11/VP-TH", 1, CENTRE_NAME), ("11/VP-TH", 1, CENTRE_NAME)]


# (today) -> the centre's workload as `units --search` prints it: open, due in 7 days, overdue, answered
WORKLOAD = [
    (date(2026, 1, 15), (1, 2, 0, 0)),   # the task without deadline is open; the two of 20/01 due within 7 days
    (date(2026, 1, 18), (1, 4, 0, 0)),   # and 25/01's, given to the centre as lead and as coordinator: two rows
    (date(2026, 2, 6), (1, 0, 6, 0)),
    (date(2026, 2, 10), (1, 0, 4, 2)),   # the reply of 10/02 answers 09/VP-TH's two tasks
]


@pytest.mark.parametrize("today,counts", WORKLOAD)
def test_units_verb_counts_the_workload_as_workload_at(record_factory, today: date, counts: tuple) -> None:
    con = _store(record_factory)
    cols, rows = queries.units(con, search=CENTRE_NAME, today=today)
    assert [r[cols.index("name")] for r in rows] == [CENTRE_NAME]
    got = tuple(rows[0][cols.index(c)] for c in ("open", "due_7d", "overdue", "answered"))
    assert got == counts
    ref = con.execute("SELECT open, due_7d, overdue, answered FROM workload_at(?) WHERE unit_id = ?",
                      [today, _centre(con)]).fetchall()
    assert ref == [counts]


@pytest.fixture(scope="module")
def generated():
    # the bench's synthetic store at 5,000 tasks (100 units, ties on deadlines, copies, replies),
    # filled by bulk SQL as bench/graph_bench.py fills the 1 M-task one
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / "graph_bench.py"
    spec = importlib.util.spec_from_file_location("graph_bench", path)
    gb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gb)
    con = store.connect(":memory:")
    gb.generate(con, gb.shape(5000))
    yield con
    con.close()


@pytest.mark.parametrize("n", [1, 7, 50])
def test_on_a_generated_store_every_units_list_is_overdue_ats(generated, n: int) -> None:
    con = generated
    # the 8 busiest units and every 10th of the others
    ranked = [r[0] for r in con.execute(
        "SELECT unit_id FROM task_units GROUP BY unit_id ORDER BY count(*) DESC, unit_id").fetchall()]
    day = date(2026, 6, 1)
    for uid in ranked[:8] + ranked[8::10]:
        assert con.execute("SELECT * FROM unit_overdue_at(?, ?, ?)", [day, uid, n]).fetchall() == \
            con.execute(REFERENCE, [day, uid, n]).fetchall(), uid


def test_on_a_generated_store_the_units_workload_is_workload_ats(generated) -> None:
    con = generated
    day = date(2026, 6, 1)
    cols, rows = queries.units(con, search="so tai chinh", today=day, limit=None)
    assert rows
    got = {r[0]: tuple(r[cols.index(c)] for c in ("open", "due_7d", "overdue", "answered")) for r in rows}
    ref = dict(((r[0], tuple(r[1:])) for r in con.execute(
        "SELECT unit_id, open, due_7d, overdue, answered FROM workload_at(?)", [day]).fetchall()))
    assert got == {u: ref.get(u, (0, 0, 0, 0)) for u in got}
