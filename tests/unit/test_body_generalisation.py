"""Rules found on synthetic dispatches: snippet -> deadline / tasks / references."""
from __future__ import annotations

import pytest

from extractors.deadlines import find_deadline
from extractors.references import find_references
from extractors.tasks import find_tasks
from schemas.document import InputFormat, Line, ParsedDocument, Zone
from schemas.record import Record


def _doc(zones: list[tuple[str, str]]) -> ParsedDocument:
    lines, out, offset = [], [], 0
    for kind, block in zones:
        zl = []
        for text in filter(None, block.split("\n")):
            line = Line(text=text, start=offset, end=offset + len(text))
            offset += len(text) + 1
            lines.append(line)
            zl.append(line)
        out.append(Zone(kind=kind, lines=zl))
    return ParsedDocument(file="t.txt", doc_id="0", format=InputFormat.TXT, reader="test",
                          text="\n".join(x.text for x in lines), lines=lines, zones=out)


def _tasks(body: str, date: str = "2026-03-18"):
    record = Record(file="t.txt", date=date)
    return [(t.assignees, t.coordinators, t.deadline) for t in find_tasks(_doc([("body", body)]), record)]


# fmt: off
DEADLINES = [
    # (text, bare, expected)
    ("hoàn thành trong 6 tháng đầu năm 2026", False, "2026-06-30"),
    ("hoàn thành trong 6 tháng cuối năm 2026", False, "2026-12-31"),
    ("báo cáo kết quả 6 tháng đầu năm 2026", False, None),          # the period reported on
    ("6 tháng đầu năm 2026", True, "2026-06-30"),
    ("Tháng 9/2026", True, "2026-09-30"),                          # a month alone in a time cell
    ("từ tháng 3/2026 đến ngày 05/4/2026", True, "2026-04-05"),    # a range ends at its last day
    ("trong vòng 10 ngày kể từ ngày ký Kết luận kiểm tra", False, None),  # another document's signing
    ("trong vòng 10 ngày kể từ ngày ký Thông báo này", False, "2026-03-28"),
    ("trong vòng 10 ngày kể từ ngày ký", False, "2026-03-28"),
    ("thời gian thực hiện từ ngày 01/4/2026 đến ngày 30/4/2026", False, "2026-04-30"),
    ("báo cáo số liệu tính đến ngày 31/12/2025", False, None),   # a figure's cut-off, not a deadline
    ("hằng năm báo cáo kết quả trước ngày 15 tháng 12", False, None),  # a day of every year
    ("hằng năm tổng kết; năm đầu hoàn thành trước ngày 15/12/2026", False, "2026-12-15"),  # a printed year stays
    # round 3: a run of months ends with the last; a month after a time label
    ("Tháng 11-12/2026", True, "2026-12-31"),
    ("trong tháng 10 và tháng 11/2026", False, "2026-11-30"),
    ("thời gian hoàn thành: tháng 3/2026", False, "2026-03-31"),
    ("thời gian hoàn thành: Quý II/2026", False, "2026-06-30"),
    ("đánh giá kết quả tháng 3/2026", False, None),               # the month reported on
]
# fmt: on


@pytest.mark.parametrize("text,bare,expected", DEADLINES)
def test_deadline_forms(text, bare, expected):
    assert find_deadline(text, "2026-03-18", bare=bare).value == expected


# fmt: off
TASKS = [
    # an intro after a request word introduces the items; it is no task itself
    ("Sở Y tế đề nghị các đơn vị thực hiện tốt một số nội dung sau:\n1. Trung tâm Y tế:\n- Giám sát ổ dịch.",
     [(["Trung tâm Y tế"], [], None)]),
    ("Sở Tài chính yêu cầu các cơ quan, đơn vị thực hiện như sau:\na) Các sở, ban, ngành:\n- Lập dự toán trước ngày 25/7.",
     [(["Các sở, ban, ngành"], [], "2026-07-25")]),
    # a sentence dated on or before the document tells what happened
    ("Ngày 16/3/2026, Chủ tịch UBND tỉnh chủ trì buổi làm việc với các sở. Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau:",
     []),
    # lower-case heads of units
    ("2. Các bệnh viện tuyến tỉnh:\n- Bố trí khu vực điều trị riêng.", [(["Các bệnh viện tuyến tỉnh"], [], None)]),
    ("Các chủ đầu tư thường xuyên rà soát tiến độ từng dự án.", [(["Các chủ đầu tư"], [], None)]),
    # "dự án" and "đầu tư xây dựng" are nouns inside a name
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh khẩn trương hoàn thiện hồ sơ.",
     [(["Ban Quản lý dự án đầu tư xây dựng tỉnh"], [], None)]),
    ("Sở Xây dựng chủ trì, phối hợp với Sở Tài chính và UBND các xã có dự án tháo gỡ vướng mắc về giá.",
     [(["Sở Xây dựng"], ["Sở Tài chính", "UBND các xã có dự án"], None)]),
    # partners end where "tổ chức" is the verb, not a noun
    ("1. UBND các xã:\n- Chỉ đạo Trạm Y tế phối hợp với các đoàn thể tổ chức chiến dịch diệt lăng quăng.",
     [(["UBND các xã"], ["các đoàn thể"], None)]),
    ("Giao Sở Nội vụ chủ trì, phối hợp với các cơ quan, tổ chức có liên quan rà soát biên chế.",
     [(["Sở Nội vụ"], ["các cơ quan, tổ chức có liên quan"], None)]),
    # a verb the table lacks, before a clause word
    ("Nếu có vướng mắc, đề nghị các đơn vị phản ánh về Sở Y tế để được hướng dẫn.", [(["các đơn vị"], [], None)]),
    # a sector name holds a comma or "và": one unit
    ("Sở Văn hóa, Thể thao và Du lịch chủ trì tổ chức Lễ hội.", [(["Sở Văn hóa, Thể thao và Du lịch"], [], None)]),
    ("Đài Phát thanh và Truyền hình tỉnh, Báo tỉnh tăng cường tuyên truyền.",
     [(["Đài Phát thanh và Truyền hình tỉnh", "Báo tỉnh"], [], None)]),
    # round 2 (plans, directives, decisions): "Tổ chức" + a lower-case word is the verb
    ("II. NHIỆM VỤ\n3. Tổ chức bồi dưỡng kiến thức cho công chức.", []),
    # a unit heading ends at its line when a capitalised verb opens the next
    ("III. TỔ CHỨC THỰC HIỆN\n2. Sở Tài chính\nTham mưu bố trí kinh phí; hoàn thành chậm nhất ngày 30/4/2026.",
     [(["Sở Tài chính"], [], "2026-04-30")]),
    ("Báo và Phát thanh, Truyền hình tỉnh thường xuyên tuyên truyền.", [(["Báo và Phát thanh, Truyền hình tỉnh"], [], None)]),
    ("UBND các xã phối hợp chặt chẽ với chủ đầu tư trong công tác bồi thường.", [(["UBND các xã"], ["chủ đầu tư"], None)]),
    # a lower-case head before a colon list; the list ends at a semicolon
    ("Giám đốc các sở: Y tế, Nội vụ; Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này.",
     [(["Giám đốc Sở Y tế", "Giám đốc Sở Nội vụ", "Thủ trưởng các cơ quan, đơn vị liên quan"], [], None)]),
    # a heading in capitals ends at its line
    ("III. TỔ CHỨC THỰC HIỆN\nThủ trưởng các phòng, đơn vị thuộc Sở có trách nhiệm triển khai Kế hoạch này.",
     [(["Thủ trưởng các phòng, đơn vị thuộc Sở"], [], None)]),
    # round 3: an office serving two councils is one unit
    ("Văn phòng HĐND và UBND xã bố trí kinh phí.", [(["Văn phòng HĐND và UBND xã"], [], None)]),
    ("Giao Sở Nội vụ chủ trì, phối hợp với Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh lập danh sách.",
     [(["Sở Nội vụ"], ["Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"], None)]),
    # a unit told to pass news on has work; the issuer announcing to others has none
    ("Trưởng các thôn thông báo đến từng hộ chăn nuôi thực hiện che chắn chuồng trại.", [(["Trưởng các thôn"], [], None)]),
    ("Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện.", []),
    # a table verb before a level word and another verb is inside the name
    ("Trung tâm Dịch vụ tổng hợp xã tổ chức tiêm phòng.", [(["Trung tâm Dịch vụ tổng hợp xã"], [], None)]),
    # a date never sits in a unit's name: a paper's news assigns nothing
    ("Báo Đấu thầu ngày 26 tháng 3 năm 2019 đưa tin về tình trạng này.", []),
    # "4. Đề nghị X" heading ends at its line; closing sentences take no units from it
    ("III. TỔ CHỨC THỰC HIỆN\n4. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể chính trị - xã hội xã\n"
     "Tuyên truyền, vận động nhân dân.\nTrên đây là Kế hoạch của UBND xã./.",
     [(["Ủy ban Mặt trận Tổ quốc Việt Nam xã", "các đoàn thể chính trị - xã hội xã"], [], None)]),
    ("Đề nghị các cấp ủy thực hiện tốt một số nhiệm vụ sau:\n1. Đảng ủy các xã chỉ đạo xây dựng mô hình.\n"
     "Chỉ thị này được phổ biến đến chi bộ./.", [(["Đảng ủy các xã"], [], None)]),
    # lower-case "đảng ủy" heads a unit; "mở", "dành", "đối chiếu" are verbs
    ("Các đảng ủy trực thuộc Tỉnh ủy căn cứ Hướng dẫn này, xây dựng kế hoạch, gửi về Ban Tuyên giáo và Dân vận Tỉnh ủy chậm nhất là ngày 15/3/2026.",
     [(["Các đảng ủy trực thuộc Tỉnh ủy"], [], "2026-03-15")]),
    ("Các cơ quan báo chí của tỉnh dành thời lượng phù hợp để tuyên truyền.", [(["Các cơ quan báo chí của tỉnh"], [], None)]),
    ("Báo và Phát thanh, Truyền hình tỉnh mở chuyên trang, chuyên mục tuyên truyền.",
     [(["Báo và Phát thanh, Truyền hình tỉnh"], [], None)]),
    # the tagger's "ban" of "Ủy ban" is no verb: the intro names the units of the bullets
    ("Sở Tài chính đề nghị Ủy ban nhân dân các xã, phường:\n- Phối hợp với Kho bạc Nhà nước khu vực đối chiếu số liệu thu, chi.",
     [(["Ủy ban nhân dân các xã, phường"], ["Kho bạc Nhà nước khu vực"], None)]),
    # ... but a request of its own still assigns
    ("2. Văn phòng Đảng ủy\n- Theo dõi tiến độ.\nTrên đây là Kế hoạch năm 2026, đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
     [(["Văn phòng Đảng ủy"], [], None), (["các cơ quan, đơn vị"], [], None)]),
]
# fmt: on


@pytest.mark.parametrize("body,expected", TASKS)
def test_task_rules(body, expected):
    assert _tasks(body) == expected


def test_vv_citation_stops_before_the_motto_and_date_line():
    doc = _doc([("header_left", "V/v triển khai Kết luận số 12-KL/TU của Ban Thường vụ Tỉnh ủy"),
                ("header_right", "ĐẢNG CỘNG SẢN VIỆT NAM\nTân Lập, ngày 14 tháng 5 năm 2026"),
                ("body", "Thực hiện Kết luận số 12-KL/TU, ngày 08/5/2026 của Ban Thường vụ Tỉnh ủy, đề nghị ...")])
    refs = find_references(doc)
    assert [(r.code, r.date, r.issuer) for r in refs] == [("12-KL/TU", "2026-05-08", "Ban Thường vụ Tỉnh ủy")]


# fmt: off
LAWS = [
    ("Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;", [("Luật Cán bộ, công chức", "2008-11-13")]),
    ("Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;", [("Luật Phòng, chống thiên tai", "2013-06-19")]),
    ("Căn cứ Luật Đất đai, Luật Xây dựng;", [("Luật Đất đai", None), ("Luật Xây dựng", None)]),
]
# fmt: on


@pytest.mark.parametrize("text,expected", LAWS)
def test_paired_law_names(text, expected):
    refs = find_references(_doc([("body", text)]))
    assert [(r.title, r.date) for r in refs] == expected
