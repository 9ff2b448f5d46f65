"""Deadline forms: snippet -> ISO date / recurrence (document dated 2026-02-25)."""
from __future__ import annotations

import pytest

from extractors.deadlines import find_deadline

DOC_DATE = "2026-02-25"

# fmt: off
CASES = [
    # (text, doc_date, expected deadline, expected recurrence, flag expected)
    ("hoàn thành trước ngày 25/01/2026./.", None, "2026-01-25", None, False),   # draft: no date, no flag
    ("trước ngày 15/3", DOC_DATE, "2026-03-15", None, False),                  # year from the document
    ("chậm nhất ngày 05 tháng 4 năm 2026", DOC_DATE, "2026-04-05", None, False),
    ("trước 15 giờ ngày 20/3/2026", DOC_DATE, "2026-03-20", None, False),       # time of day before the date
    ("trước 11 giờ 00’ ngày 09/3/2026", DOC_DATE, "2026-03-09", None, False),
    ("hoàn thành trong tháng 3/2026", DOC_DATE, "2026-03-31", None, False),     # a month gives its last day
    ("trong quý I/2026", DOC_DATE, "2026-03-31", None, False),                  # quarter end
    ("hoàn thành trong Quý III, IV năm 2026", DOC_DATE, "2026-12-31", None, False),  # several quarters: the last
    ("đánh giá cán bộ Quý I năm 2026", DOC_DATE, None, None, False),            # a period worked on, not a deadline
    ("trong vòng 10 ngày kể từ ngày ký", DOC_DATE, "2026-03-07", None, False),  # from the document date
    ("trong vòng 10 ngày kể từ ngày ký", None, None, None, True),               # blank date: null, flagged
    ("định kỳ hằng tháng báo cáo kết quả", DOC_DATE, None, "monthly", False),
    ("định kỳ hằng quý tổng hợp", DOC_DATE, None, "quarterly", False),
    ("thường xuyên theo dõi, đôn đốc", DOC_DATE, None, "ongoing", False),
    ("Thường xuyên; hoàn thành trước ngày 31/12/2026", DOC_DATE, "2026-12-31", "ongoing", False),
    ("trước ngày 23/01/2025", "2026-01-20", "2025-01-23", None, True),          # printed typo kept, flagged
    ("vào ngày Chủ Nhật, ngày 08/3/2026", DOC_DATE, "2026-03-08", None, False),
    ("nghiên cứu, đề xuất giải pháp", DOC_DATE, None, None, False),
    # a day and month without a year lie after the document: across the new year
    ("báo cáo trước ngày 05/01", "2026-12-20", "2027-01-05", None, False),
    ("gửi về Sở trước ngày 10 tháng 01", "2026-11-28", "2027-01-10", None, False),
    ("hoàn thành chậm nhất ngày 15-02", "2026-12-31", "2027-02-15", None, False),
    ("trước ngày 20/02", DOC_DATE, "2026-02-20", None, True),                   # just before: kept, flagged
    # a schedule's item opens with its day and a colon or dash
    ("Ngày 16/3/2026: Họp đoàn kiểm tra, phân công nhiệm vụ", DOC_DATE, "2026-03-16", None, False),
    ("Sáng ngày 20/3: Khai mạc hội nghị", DOC_DATE, "2026-03-20", None, False),
    ("Ngày 05 tháng 4 năm 2026 - Tổng hợp báo cáo", DOC_DATE, "2026-04-05", None, False),
    ("Ngày 16/3/2026 Sở Y tế đã họp đoàn kiểm tra", DOC_DATE, None, None, False),  # no label: news
]
# fmt: on


@pytest.mark.parametrize("text,doc_date,expected,recurrence,flagged", CASES, ids=[c[0][:40] for c in CASES])
def test_deadline(text, doc_date, expected, recurrence, flagged):
    d = find_deadline(text, doc_date, 2026)
    assert d.value == expected
    assert d.recurrence == recurrence
    assert bool(d.flags) == flagged


def test_bare_cell_range_takes_last_day():
    assert find_deadline("từ 01/3/2026 đến 30/6/2026", DOC_DATE, 2026, bare=True).value == "2026-06-30"
    assert find_deadline("30/11/2026", DOC_DATE, 2026, bare=True).value == "2026-11-30"


@pytest.mark.parametrize("text,expected", [
    ("Thời gian: Từ 13h30 ngày 19 tháng 03 năm 2026", "2026-03-19"),   # an event's day, not its month's end
    ("08 giờ 00 ngày 12 tháng 12 năm 2026", "2026-12-12"),
    ("ngày 05 tháng 6 năm 2026 (thứ sáu)", "2026-06-05"),
    ("tháng 9 năm 2026", "2026-09-30"),                                   # a month alone ends on its last day
])
def test_bare_full_date_is_not_its_month(text: str, expected: str) -> None:
    assert find_deadline(text, DOC_DATE, 2026, bare=True).value == expected
