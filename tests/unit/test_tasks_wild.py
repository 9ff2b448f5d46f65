"""Task rules for what unseen offices print (issue 8, classes 1, 16, 17, 18).

Each rule has three phrasings an office could use; the snippets are written
here, not taken from any corpus document.
"""
from __future__ import annotations

import pytest

from test_tasks import _doc

from extractors import units as U
from extractors.tasks import find_tasks
from schemas.record import Record


def _tasks(body: str, doc_type: str | None = None, issuer: list[str] | None = None, date: str = "2017-10-10"):
    record = Record(file="t.txt", date=date, doc_type=doc_type, issuer=issuer or [])
    return [(t.assignees, t.deadline) for t in find_tasks(_doc(body), record)]


# fmt: off
REQUESTER_FIRST = [
    # class 17: the requester named before the request is not the assignee
    ("Giám đốc Sở Y tế đề nghị thủ trưởng các đơn vị triển khai thực hiện trước ngày 20/10/2017.",
     [(["thủ trưởng các đơn vị"], "2017-10-20")]),
    ("Sở Giáo dục và Đào tạo yêu cầu hiệu trưởng các trường rà soát, báo cáo trước ngày 15/11/2017.",
     [(["hiệu trưởng các trường"], "2017-11-15")]),
    ("Ủy ban nhân dân xã đề nghị đơn vị khẩn trương hoàn thiện hồ sơ trước ngày 30/10/2017.",
     [(["đơn vị"], "2017-10-30")]),
    ("Sở Y tế rất mong các đại biểu sắp xếp thời gian đến dự đầy đủ.",
     [(["các đại biểu"], None)]),
    ("Ban Tổ chức mong quý đơn vị cử cán bộ tham gia đúng thành phần.",
     [(["quý đơn vị"], None)]),
]

STATEMENTS = [
    # class 1: a body stating a view or reporting upward assigns nothing
    "Văn phòng UBND tỉnh thống nhất với đề xuất của Sở Y tế tại Tờ trình số 12/TTr-SYT.",
    "Ban Thường vụ Đảng ủy xã thống nhất chủ trương tổ chức Đại hội chi bộ nhiệm kỳ 2025-2030.",
    "Thường trực Đảng ủy xã kính báo cáo Ban Thường vụ Tỉnh ủy kết quả thực hiện.",
    "Ủy ban nhân dân tỉnh nhất trí với nội dung đề xuất của Sở Tài chính.",
    "Sở Nội vụ đồng ý để Trung tâm tuyển dụng 02 viên chức.",
]
# fmt: on


@pytest.mark.parametrize("body,expected", REQUESTER_FIRST, ids=[c[0][:40] for c in REQUESTER_FIRST])
def test_requester_first(body, expected):
    assert _tasks(body) == expected


@pytest.mark.parametrize("body", STATEMENTS, ids=[c[:40] for c in STATEMENTS])
def test_statements_are_no_tasks(body):
    assert _tasks(body) == []


def test_unified_doing_is_still_work():
    assert _tasks("Các đơn vị thống nhất thực hiện mẫu báo cáo trước ngày 25/10/2017.") == [(["Các đơn vị"], "2017-10-25")]


INVITATION = """Sở Y tế tổ chức Hội nghị tổng kết công tác y tế năm 2017.
1. Thời gian: 08 giờ 00, ngày 12/12/2017 (thứ ba).
2. Địa điểm: Hội trường Sở Y tế.
3. Thành phần:
- Đại diện lãnh đạo Phòng Y tế các huyện;
- Giám đốc Trung tâm Y tế các huyện, thị xã, thành phố;
- Các đồng chí Trưởng phòng chức năng Sở.
Kính mời các đại biểu sắp xếp thời gian, công tác để tham dự./."""

INVITATION_INLINE = """Ủy ban nhân dân tỉnh tổ chức Hội nghị sơ kết.
1. Thành phần: Trân trọng kính mời Đại biểu tham dự Hội nghị:
1.1. Tuyến tỉnh:
- Đại diện lãnh đạo các sở, ngành;
- Giám đốc Bệnh viện đa khoa tỉnh;
1.2. Tuyến huyện:
- Đại diện UBND các huyện;
2- Thời gian: khai mạc lúc 8h00 ngày 27/10/2017.
3- Địa điểm: Hội trường Ủy ban nhân dân tỉnh.
Đề nghị các đơn vị gửi danh sách đại biểu về Văn phòng trước ngày 25/10/2017."""

INVITATION_PROSE = """Thành phần mời gồm:
+ Lãnh đạo các phòng chuyên môn;
+ Trưởng các khoa, phòng của Bệnh viện.
Thời gian: 14 giờ 00 ngày 09/4/2018.
Trân trọng kính mời Quý đại biểu đến dự đúng giờ."""


@pytest.mark.parametrize("body,issuer,expected", [
    (INVITATION, ["UBND TỈNH KIÊN GIANG", "SỞ Y TẾ"], [(["các đại biểu"], "2017-12-12")]),
    (INVITATION_INLINE, ["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"],
     [(["Đại biểu"], "2017-10-27"), (["các đơn vị"], "2017-10-25")]),
    (INVITATION_PROSE, ["TRUNG TÂM Y TẾ HUYỆN"], [(["Quý đại biểu"], "2018-04-09")]),
], ids=["numbered", "inline-intro", "prose"])
def test_invitation_members_are_no_tasks(body, issuer, expected):
    """Class 16: the Thành phần list is who attends; the host's own sentence is no task;
    the request to attend takes the meeting's date."""
    assert _tasks(body, doc_type="Giấy mời", issuer=issuer) == expected


def test_school_notice_tasks():
    """Class 18: students, lecturers and faculties are told what to do."""
    body = ("Sinh viên đăng ký học phần trên hệ thống trước ngày 20/5/2021.\n"
            "Các Khoa thông báo đến sinh viên và theo dõi việc đăng ký.\n"
            "Giảng viên cập nhật điểm quá trình trước ngày 25/5/2021.")
    assert _tasks(body, doc_type="Thông báo", date="2021-05-12") == [
        (["Sinh viên"], "2021-05-20"), (["Các Khoa"], None), (["Giảng viên"], "2021-05-25")]


# fmt: off
EXECUTION_ARTICLES = [
    # the closing article of a decision, as OCR and offices print it
    ("Điều 3: Chánh văn phòng, Trưởng phòng chức năng Sở Y tế, Thủ trưởng đơn vị có liên quan và các "
     "ông/bà có tên tại Điêu 1 chịu trách nhiệm thi hành quyêt định này.",
     ["Chánh văn phòng", "Trưởng phòng chức năng Sở Y tế", "Thủ trưởng đơn vị có liên quan",
      "các ông/bà có tên tại Điêu 1"]),
    ("Điều 3. Chánh Văn phòng, Thủ trưởng đơn vị liên quan và các ông, bà có tên tại Điều 1 chịu trách "
     "nhiệm thi hành Quyết định này.",
     ["Chánh Văn phòng", "Thủ trưởng đơn vị liên quan", "các ông, bà có tên tại Điều 1"]),
    ("Điều 4. Giám đốc Sở Nội vụ và các ông (bà) có tên tại khoản 2 Điều 1 chịu trách nhiệm thi hành Quyết định này.",
     ["Giám đốc Sở Nội vụ", "các ông (bà) có tên tại khoản 2 Điều 1"]),
]
# fmt: on


@pytest.mark.parametrize("body,units", EXECUTION_ARTICLES, ids=[c[0][:40] for c in EXECUTION_ARTICLES])
def test_execution_article(body, units):
    assert _tasks(body, doc_type="Quyết định") == [(units, None)]


# fmt: off
UNIT_ENDS = [
    # class 2: words of a unit's name that read like verbs, and verbs the table lacked
    ("Các cơ sở y tế công lập và ngoài công lập triển khai thực hiện.", "Các cơ sở y tế công lập và ngoài công lập"),
    ("Giám đốc Trung tâm y tế dự phòng chỉ đạo các trạm y tế.", "Giám đốc Trung tâm y tế dự phòng"),
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh rà soát hồ sơ.", "Ban Quản lý dự án đầu tư xây dựng tỉnh"),
    ("Các đơn vị thụ hưởng ký tên và đóng dấu 3 bản.", "Các đơn vị thụ hưởng"),
    ("Các trường tự kiểm tra, đánh giá theo bộ tiêu chí.", "Các trường"),
    ("Các đơn vị hoàn chỉnh hồ sơ gửi về Sở.", "Các đơn vị"),
    ("Trung tâm Y tế làm đầu mối sắp xếp phương tiện đi lại cho cả đoàn.", "Trung tâm Y tế"),
    ("Phòng Nghiệp vụ Y là đầu mối tổng hợp ý kiến.", "Phòng Nghiệp vụ Y"),
    ("Đoàn Thanh niên giới thiệu các câu lạc bộ của trường.", "Đoàn Thanh niên"),
    ("Chi cục An toàn vệ sinh thực phẩm kiểm tra các bếp ăn tập thể.", "Chi cục An toàn vệ sinh thực phẩm"),
    # a project or a paper named inside the unit's name, before its duty
    ("Tổ xây dựng Đề án tổ chức lại hệ thống y tế tuyến tỉnh có nhiệm vụ thực hiện theo sự chỉ đạo.",
     "Tổ xây dựng Đề án tổ chức lại hệ thống y tế tuyến tỉnh"),
    ("Ban quản lý Dự án đầu tư xây dựng các công trình dân dụng có trách nhiệm tổ chức thực hiện.",
     "Ban quản lý Dự án đầu tư xây dựng các công trình dân dụng"),
    ("Ban Chỉ đạo Chương trình mục tiêu quốc gia xây dựng nông thôn mới chịu trách nhiệm chỉ đạo.",
     "Ban Chỉ đạo Chương trình mục tiêu quốc gia xây dựng nông thôn mới"),
    ("Sở Y tế chủ trì xây dựng Kế hoạch triển khai có nhiệm vụ báo cáo.", "Sở Y tế"),
    # a role or a body named by its work, inside a list of units
    ("Đề nghị sinh viên, cán bộ coi thi, cán bộ giám sát, các cá nhân và đơn vị có liên quan thực hiện nghiêm túc.",
     "Đề nghị sinh viên, cán bộ coi thi, cán bộ giám sát, các cá nhân và đơn vị có liên quan"),
    ("Trung tâm Y tế, Hội đồng thẩm định, các phòng chuyên môn triển khai kế hoạch.",
     "Trung tâm Y tế, Hội đồng thẩm định, các phòng chuyên môn"),
    ("Các thành viên Tổ công tác, cán bộ phụ trách, cán bộ theo dõi, Văn phòng Sở tổ chức thực hiện.",
     "Các thành viên Tổ công tác, cán bộ phụ trách, cán bộ theo dõi, Văn phòng Sở"),
    ("Phòng Đào tạo, Tổ kiểm tra, các khoa thực hiện.", "Phòng Đào tạo, Tổ kiểm tra, các khoa"),
    # head nouns after a list's comma are nouns, however the tagger reads them; a list of units
    # goes on past a semicolon
    ("Thủ trưởng các sở, ban ngành cấp tỉnh; Chủ tịch UBND các huyện, thị xã, thành phố bám sát địa bàn.",
     "Thủ trưởng các sở, ban ngành cấp tỉnh; Chủ tịch UBND các huyện, thị xã, thành phố"),
    ("Sở Y tế; các bệnh viện tuyến tỉnh khẩn trương rà soát.", "Sở Y tế; các bệnh viện tuyến tỉnh"),
    ("Lãnh đạo các phòng, ban được giao nhiệm vụ chủ trì.", "Lãnh đạo các phòng, ban"),
    # the head of a body named by its work; a power granted ends the name as a duty does
    ("Tổ trưởng Tổ xây dựng Đề án tổ chức lại hệ thống y tế tuyến tỉnh có quyền trưng dụng thêm công chức.",
     "Tổ trưởng Tổ xây dựng Đề án tổ chức lại hệ thống y tế tuyến tỉnh"),
    ("Trưởng Đoàn kiểm tra báo cáo kết quả với Giám đốc Sở.", "Trưởng Đoàn kiểm tra"),
    ("Tổ phó Tổ giúp việc tổng hợp báo cáo.", "Tổ phó Tổ giúp việc"),
    ("Trưởng Đoàn kiểm tra có quyền yêu cầu các đơn vị cung cấp hồ sơ.", "Trưởng Đoàn kiểm tra"),
    ("Giám đốc Sở chỉ đạo các phòng triển khai.", "Giám đốc Sở"),            # a standing office: its head acts
    # ... and not two clauses
    ("Sở Tài chính chủ trì, Sở Nội vụ phối hợp thẩm định.", "Sở Tài chính"),
    ("Sở Y tế, Sở Tài chính thẩm định, Sở Nội vụ tổng hợp.", "Sở Y tế, Sở Tài chính"),
    ("Các trường, cán bộ phụ trách báo cáo kết quả.", "Các trường, cán bộ phụ trách"),   # the last item
]
# fmt: on


@pytest.mark.parametrize("text,unit", UNIT_ENDS, ids=[c[1] for c in UNIT_ENDS])
def test_unit_ends(text, unit):
    from extractors.units import unit_end

    assert text[:unit_end(text)] == unit


def test_invited_list_after_an_inviting_sentence():
    body = ("Căn cứ Giấy mời số 12/GM-BYT ngày 19/12/2017 của Bộ Y tế, UBND tỉnh kính mời các đại biểu dự "
            "hội nghị trực tuyến như sau:\n"
            "- Phó Chủ tịch UBND tỉnh Mai Văn Huỳnh.\n"
            "- Đại diện lãnh đạo các Sở, ngành: Kế hoạch và Đầu tư, Tài chính.\n"
            "- Lãnh đạo Bệnh viện Đa khoa tỉnh.\n"
            "* Thời gian: bắt đầu vào lúc 8 giờ 30 phút ngày 26/12/2017.\n"
            "* Giao Sở Y tế chuẩn bị báo cáo của tỉnh.")
    assert _tasks(body, doc_type="Giấy mời", issuer=["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"]) == [
        (["các đại biểu"], "2017-12-26"), (["Sở Y tế"], "2017-12-26")]


# fmt: off
COLON_UNITS = [
    # class 2: the unit's name ends at a colon; what follows is its work
    ("1. Trung tâm Phòng, chống HIV/AIDS: (a) Có kế hoạch hướng dẫn các huyện; (b) Tổng hợp báo cáo.",
     "Trung tâm Phòng, chống HIV/AIDS"),
    ("- Phòng Nghiệp vụ Y: a) Theo dõi, đôn đốc các đơn vị.", "Phòng Nghiệp vụ Y"),
    ("Các bệnh viện: Treo băng rôn, khẩu hiệu tại đơn vị.", "Các bệnh viện"),
    ("Trường Cao đẳng Y tế: Cử giảng viên tham gia lớp tập huấn.", "Trường Cao đẳng Y tế"),
    ("Hội Nông dân tỉnh: Không có khả năng bố trí kinh phí.", "Hội Nông dân tỉnh"),
]
# fmt: on


@pytest.mark.parametrize("text,unit", COLON_UNITS, ids=[c[1] for c in COLON_UNITS])
def test_unit_ends_at_a_colon(text, unit):
    from extractors.units import unit_end

    start = len(text) - len(text.lstrip("-1. "))
    assert text[start:unit_end(text, start)] == unit


@pytest.mark.parametrize("head", ["Đối tượng tham dự:", "Đối tượng mời:", "Thành phần tham dự gồm:"])
def test_who_attends_is_no_task(head):
    body = (f"Giám đốc Sở Y tế đề nghị thủ trưởng các đơn vị cử cán bộ tham dự lớp tập huấn.\n{head}\n"
            "- Sở Y tế: Đại diện lãnh đạo Sở, Phòng Nghiệp vụ Y;\n"
            "- Bệnh viện, trung tâm y tế: Lãnh đạo bệnh viện, Khoa nhi.\n"
            "Thời gian: 02 ngày (19 - 20/10/2017).")
    # the request to send someone takes the training's last day (class 4)
    assert _tasks(body, doc_type="Công văn", issuer=["SỞ Y TẾ"]) == [(["thủ trưởng các đơn vị"], "2017-10-20")]


# fmt: off
SEND_BACK = [
    # class 17: a sentence sending a paper back by a day is the work of those just asked
    ("Sở Y tế đề nghị đơn vị tiến hành xét chọn công chức tham gia thi tuyển.\n"
     "Văn bản đề cử của đơn vị xin gửi về Sở Y tế (qua Phòng Tổ chức cán bộ) trước ngày 24/11/2017. "
     "Sở Y tế không giải quyết đối với các trường hợp chậm trễ.",
     [(["đơn vị"], None), (["đơn vị"], "2017-11-24")]),
    ("Đề nghị các trường rà soát, đăng ký nhu cầu bồi dưỡng.\n"
     "Danh sách đăng ký xin gửi về Văn phòng Sở trước ngày 15/12/2017.",
     [(["các trường"], None), (["các trường"], "2017-12-15")]),
    ("Phòng Đào tạo yêu cầu sinh viên hoàn thiện hồ sơ xét tốt nghiệp.\n"
     "Hồ sơ nộp về Phòng Đào tạo chậm nhất ngày 20/5/2021.",
     [(["sinh viên"], None), (["sinh viên"], "2021-05-20")]),
    # with no request before it, nobody is named: no task (and "Báo cáo" is no unit)
    ("Báo cáo tình hình thực hiện gửi về Sở trước ngày 30/11/2017.", []),
]
# fmt: on


@pytest.mark.parametrize("body,expected", SEND_BACK, ids=[c[0][:40] for c in SEND_BACK])
def test_send_back_is_the_askeds_task(body, expected):
    assert _tasks(body, doc_type="Công văn", issuer=["SỞ Y TẾ"]) == expected


@pytest.mark.parametrize("body", [
    "Sở Y tế không giải quyết đối với các trường hợp nộp chậm.",
    "Ủy ban nhân dân tỉnh không xem xét các hồ sơ không đủ điều kiện.",
    "Nhà trường không chịu trách nhiệm về hồ sơ gửi qua bưu điện.",
])
def test_a_negation_is_no_task(body):
    assert _tasks(body, doc_type="Công văn") == []


# an article heading OCR read without its tone mark ("Điêu 2.") is still an article, and
# "có tên tại Điêu I1" (the 1 misread) is still a reference inside the unit, not a clause
OCR_DECISION = """QUYẾT ĐỊNH:
Điều 1. Thành lập Đoàn kiểm tra, gồm các ông, bà có tên sau:
1. Ông Nguyễn Văn An, Phó Giám đốc Sở Y tế, Trưởng đoàn;
2. Ông Lê Văn Bình, Phó Phòng Nghiệp vụ Y, Thành viên.
{art} 2. Chức năng, nhiệm vụ của Đoàn kiểm tra:
- Tổ chức kiểm tra, đánh giá hoạt động chuyên môn.
- Tổng hợp và gửi báo cáo kết quả kiểm tra về Sở Y tế.
Điều 3. Chánh văn phòng, Thủ trưởng đơn vị liên quan và các ông, bà có tên tại {ref} chịu trách nhiệm thi hành Quyết định này."""


@pytest.mark.parametrize("art,ref", [("Điêu", "Điêu I1"), ("Điếu", "Điều l"), ("Điều", "Điều 1")])
def test_ocr_decision_articles(art, ref):
    assert _tasks(OCR_DECISION.format(art=art, ref=ref), doc_type="Quyết định") == [
        (["Đoàn kiểm tra"], None), (["Đoàn kiểm tra"], None),
        (["Chánh văn phòng", "Thủ trưởng đơn vị liên quan", f"các ông, bà có tên tại {ref}"], None)]


# fmt: off
CONDITIONAL = [
    # class 18: "Trường hợp X thì <việc>": the case names who acts
    ("I. Trường hợp sinh viên đã về quê thì thông báo đến Phòng CTSV để lập danh sách.",
     [(["sinh viên đã về quê"], None)]),
    ("Các trường hợp học viên chưa nộp học phí thì hoàn thành trước ngày 30/6/2021.",
     [(["học viên chưa nộp học phí"], "2021-06-30")]),
    ("Trường hợp đơn vị chưa gửi báo cáo thì khẩn trương gửi về Sở trước ngày 15/12/2017.",
     [(["đơn vị chưa gửi báo cáo"], "2017-12-15")]),
    # someone named after thì, or a request: those rules decide
    ("Trường hợp có vướng mắc, đề nghị các đơn vị liên hệ Phòng Nghiệp vụ Y.", [(["các đơn vị"], None)]),
    ("Trường hợp cần thiết thì tổ chức họp trực tuyến.", []),
]
# fmt: on


@pytest.mark.parametrize("body,expected", CONDITIONAL, ids=[c[0][:40] for c in CONDITIONAL])
def test_conditional_subject(body, expected):
    assert _tasks(body, doc_type="Thông báo", date="2017-10-10") == expected


@pytest.mark.parametrize("field", ["Địa điểm: Tại Hội trường B, Văn phòng UBND tỉnh.",
                                   "* Thời gian: 01 buổi, bắt đầu lúc 8 giờ 30 phút ngày 26/12/2017.",
                                   "3. Hình thức: Trực tuyến kết hợp trực tiếp."])
def test_event_fields_under_an_invitation_are_no_tasks(field):
    body = ("UBND tỉnh kính mời các đại biểu dự hội nghị trực tuyến như sau:\n"
            "- Lãnh đạo Sở Y tế;\n- Lãnh đạo Bệnh viện Đa khoa tỉnh.\n"
            f"* Thời gian: bắt đầu lúc 8 giờ 30 phút ngày 26/12/2017.\n{field}\n"
            "* Giao Sở Y tế chuẩn bị báo cáo của tỉnh.")
    got = _tasks(body, doc_type="Giấy mời", issuer=["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"])
    assert got == [(["các đại biểu"], "2017-12-26"), (["Sở Y tế"], "2017-12-26")]


@pytest.mark.parametrize("closing,kept", [
    ("Đề nghị các đại biểu sắp xếp công việc đến dự đầy đủ, đúng giờ./.", False),   # the invitation asked again
    ("Rất mong các đại biểu sắp xếp thời gian về dự.", False),
    ("Đề nghị các đại biểu gửi tham luận về Sở Y tế trước ngày 22/12/2017.", True),   # other work: a task of its own
])
def test_an_invitation_asks_each_invitee_once(closing, kept):
    body = ("UBND tỉnh kính mời các đại biểu đến dự hội nghị tổng kết như sau:\n- Lãnh đạo Sở Y tế.\n"
            f"* Thời gian: 8 giờ 30 phút ngày 26/12/2017.\n{closing}")
    got = _tasks(body, doc_type="Giấy mời", issuer=["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"])
    assert len(got) == (2 if kept else 1) and got[0] == (["các đại biểu"], "2017-12-26")


@pytest.mark.parametrize("opening,closing,action", [
    ("UBND tỉnh kính mời các đại biểu dự hội nghị trực tuyến như sau:",
     "Nhận được Giấy mời, đề nghị các đại biểu sắp xếp công việc đến dự.", "sắp xếp công việc đến dự"),
    ("Sở Y tế trân trọng kính mời các đồng chí sau đây đến dự:",
     "Rất mong các đồng chí sắp xếp thời gian về dự đúng giờ.", "sắp xếp thời gian về dự đúng giờ"),
    ("Ban Tổ chức kính mời Quý đại biểu tham dự Hội nghị, thành phần gồm:",
     "Đề nghị Quý đại biểu sắp xếp công việc đến dự đầy đủ./.", "sắp xếp công việc đến dự đầy đủ"),
])
def test_an_invitation_intro_to_its_list_gives_way_to_the_closing_request(opening, closing, action):
    body = f"{opening}\n- Lãnh đạo Sở Y tế;\n- Lãnh đạo Bệnh viện Đa khoa tỉnh.\n* Thời gian: 8 giờ ngày 26/12/2017.\n{closing}"
    record = Record(file="t.txt", date="2017-12-20", doc_type="Giấy mời", issuer=["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"])
    got = find_tasks(_doc(body), record)
    assert len(got) == 1 and got[0].deadline == "2017-12-26"
    assert got[0].action.rstrip("./ ") == action


@pytest.mark.parametrize("note", ["; nếu cần thông tin chi tiết, xin liên hệ với bác sĩ Châu Sơn Thuận, Phòng Nghiệp vụ Y.",
                                  ". Mọi chi tiết xin liên hệ Văn phòng Sở, số điện thoại 0297.3862.xxx.",
                                  ", thông tin chi tiết xin liên hệ đồng chí Lê Văn An."])
def test_a_contact_note_is_no_part_of_the_action(note):
    from extractors.tasks import find_tasks
    from test_tasks import _doc

    record = Record(file="t.txt", date="2017-10-10", doc_type="Công văn", issuer=["SỞ Y TẾ"])
    tasks = find_tasks(_doc(f"Đề nghị thủ trưởng đơn vị quan tâm thực hiện{note}"), record)
    assert [t.action for t in tasks] == ["quan tâm thực hiện"]


@pytest.mark.parametrize("item", [
    "2.2. Đối với các đơn vị thuộc ngành Y tế: Mỗi huyện chỉ được thanh toán một xe. Đề nghị Trung tâm Y tế làm đầu mối sắp xếp phương tiện đi lại",
    "2.2. Các đơn vị thuộc ngành Y tế. Đề nghị Trung tâm Y tế làm đầu mối sắp xếp phương tiện đi lại",
    "2.2. Lưu ý: Đề nghị Trung tâm Y tế làm đầu mối sắp xếp phương tiện đi lại",
])
def test_a_sentence_without_its_stop_is_no_unit_heading(item):
    """An item that lost its final stop still holds a sentence; its request is a task and it names no units for what follows."""
    body = f"2. Lưu ý:\n{item}\n2.3. Các hóa đơn phải ghi rõ ngày tháng năm."
    assert _tasks(body, doc_type="Giấy mời") == [(["Trung tâm Y tế"], None)]


@pytest.mark.parametrize("body,expected", [
    ("Kính mời đại diện lãnh đạo các phòng dự họp vào lúc 8 giờ ngày 15/10/2017 tại Hội trường Sở.",
     [(["đại diện lãnh đạo các phòng"], "2017-10-15")]),
    ("Trân trọng kính mời Đại diện Ban Giám đốc các bệnh viện đến dự hội nghị lúc 14 giờ ngày 20/10/2017.",
     [(["Đại diện Ban Giám đốc các bệnh viện"], "2017-10-20")]),
    ("Đề nghị đại diện các đơn vị có mặt đúng giờ tại Hội trường Sở vào ngày 18/10/2017.",
     [(["đại diện các đơn vị"], "2017-10-18")]),
])
def test_representatives_are_invited(body, expected):
    assert _tasks(body, doc_type="Giấy mời", issuer=["SỞ Y TẾ"]) == expected


@pytest.mark.parametrize("body,units", [
    ("Đề nghị các cơ quan, đơn vị và các hộ gia đình trên địa bàn xã treo cờ Tổ quốc.",
     ["các cơ quan, đơn vị", "các hộ gia đình trên địa bàn xã"]),
    ("Đề nghị Ủy ban nhân dân các xã và người dân chủ động phòng, chống bão.",
     ["Ủy ban nhân dân các xã", "người dân"]),
    ("Đề nghị các trường học và các hộ dân ven sông khẩn trương di dời tài sản.",
     ["các trường học", "các hộ dân ven sông"]),
])
def test_households_and_residents_are_units(body, units):
    assert _tasks(body, doc_type="Công văn") == [(units, None)]


@pytest.mark.parametrize("body", [
    "Tổ trưởng Tổ xây dựng Đề án tổ chức lại hệ thống y tế tuyến tỉnh có quyền trưng dụng thêm công chức.",
    "Trưởng Đoàn kiểm tra có quyền yêu cầu các đơn vị cung cấp hồ sơ, tài liệu.",
    "Hội đồng được quyền mời chuyên gia tham gia thẩm định.",
])
def test_a_power_granted_is_no_task(body):
    assert _tasks(body, doc_type="Quyết định", issuer=["SỞ Y TẾ"]) == []


def test_a_duty_beside_a_power_is_still_a_task():
    body = ("Tổ trưởng Tổ xây dựng Đề án có quyền trưng dụng thêm công chức. "
            "Tổ xây dựng Đề án có nhiệm vụ báo cáo Giám đốc Sở trước ngày 30/11/2017.")
    assert _tasks(body, doc_type="Quyết định", issuer=["SỞ Y TẾ"]) == [(["Tổ xây dựng Đề án"], "2017-11-30")]


# fmt: off
SUMMONS = [
    # a summons is a request to come, with the event's day
    ("Sở Y tế thông báo triệu tập học viên lớp Quản lý bệnh viện khóa 2 năm 2017 về tham dự khai giảng "
     "vào lúc 7 giờ 30 phút ngày 01/12/2017.", "Thông báo",
     [(["học viên lớp Quản lý bệnh viện khóa 2 năm 2017"], "2017-12-01")]),
    ("Hội đồng tuyển dụng triệu tập các thí sinh có tên trong danh sách kèm theo về dự phỏng vấn lúc 8 giờ ngày 15/11/2017.",
     "Thông báo", [(["các thí sinh có tên trong danh sách kèm theo"], "2017-11-15")]),
    ("Ban Tổ chức triệu tập các đồng chí đại biểu chính thức về dự Đại hội, có mặt lúc 7 giờ ngày 20/10/2017.",
     "Giấy triệu tập", [(["các đồng chí đại biểu chính thức"], "2017-10-20")]),
    ("Quyết định triệu tập Hội nghị đã được gửi đến các đơn vị.", "Thông báo", []),   # a summons named, nobody summoned
]

MINDING = [
    # minding and obeying are work: the unit's name ends at the verb
    ("Tài liệu sẽ được Ban tổ chức chuyển email đến từng đơn vị, các đại biểu lưu ý mang theo khi tham dự Hội nghị.",
     ["các đại biểu"]),
    ("Tài liệu được gửi qua hệ thống quản lý văn bản, các đơn vị lưu ý in và mang theo khi dự họp.", ["các đơn vị"]),
    ("Đây là quy định bắt buộc, các cơ sở kinh doanh thuốc nghiêm túc chấp hành.", ["các cơ sở kinh doanh thuốc"]),
]

PAST_REQUESTS = [
    # an earlier request retold in the same clause assigns nothing now
    ("Sở Y tế đã gửi danh sách viên chức cử đào tạo sau đại học đề nghị Sở Nội vụ thẩm định và ban hành quyết định.", []),
    ("Ngày 05/3/2018, UBND huyện đã có Tờ trình số 15/TTr-UBND đề nghị UBND tỉnh phê duyệt dự án.", []),
    ("Trước đó, Văn phòng Sở đã ban hành văn bản yêu cầu các đơn vị rà soát danh sách.", []),
    # ... but a new clause asks again
    ("Sở Y tế đã có Công văn số 12/SYT đề nghị các đơn vị báo cáo nhưng đến nay chưa nhận được, vì vậy đề nghị "
     "các đơn vị khẩn trương báo cáo trước ngày 20/10/2017.", [(["các đơn vị"], "2017-10-20")]),
    ("Sở Y tế đã nhận được báo cáo của các đơn vị, tuy nhiên còn thiếu số liệu; đề nghị các đơn vị bổ sung "
     "trước ngày 20/10/2017.", [(["các đơn vị"], "2017-10-20")]),
    ("Để đạt các chỉ tiêu đã đề ra, đề nghị các đơn vị tập trung chỉ đạo.", [(["các đơn vị"], None)]),
]
# fmt: on


@pytest.mark.parametrize("body,doc_type,expected", SUMMONS, ids=[c[0][:40] for c in SUMMONS])
def test_a_summons_asks_to_come(body, doc_type, expected):
    assert _tasks(body, doc_type=doc_type, issuer=["SỞ Y TẾ"]) == expected


@pytest.mark.parametrize("body,units", MINDING, ids=[c[0][-40:] for c in MINDING])
def test_minding_and_obeying_are_work(body, units):
    assert [u for u, _ in _tasks(body, doc_type="Công văn")] == [units]


@pytest.mark.parametrize("body,expected", PAST_REQUESTS, ids=[c[0][:40] for c in PAST_REQUESTS])
def test_a_request_told_as_sent_is_no_task(body, expected):
    assert _tasks(body, doc_type="Công văn", issuer=["SỞ Y TẾ"]) == expected


@pytest.mark.parametrize("request_", [
    "Đề nghị Trung tâm Y tế làm đầu mối sắp xếp phương tiện đi lại cho cả đoàn.",
    "Đề nghị các đơn vị gửi tham luận về Sở Y tế qua thư điện tử.",
    "Giao Phòng Tổ chức cán bộ bố trí hội trường, nước uống.",
])
def test_an_invitations_work_is_due_on_the_event_day(request_):
    body = ("Sở Y tế kính mời Quý đại biểu đến dự hội nghị sơ kết.\n"
            f"Thời gian: 8 giờ 00 ngày 26/12/2017.\nĐịa điểm: Hội trường Sở Y tế.\n{request_}")
    got = _tasks(body, doc_type="Giấy mời", issuer=["SỞ Y TẾ"], date="2017-12-20")
    assert got[-1][1] == "2017-12-26"
    # a công văn's request has no event to be due on
    got = _tasks(request_, doc_type="Công văn", issuer=["SỞ Y TẾ"], date="2017-12-20")
    assert got[-1][1] is None


@pytest.mark.parametrize("intro", [
    "Giám đốc Sở Y tế đề nghị Thủ trưởng đơn vị thực hiện một số nội dung sau:",
    "Giám đốc Sở Y tế đề nghị Thủ trưởng đơn vị thực hiện một: số fiệi dung Sâu:",   # OCR noise in the intro's end
    "Đề nghị các đơn vị triển khai các việc chủ yếu sau:",
    "Yêu cầu các phòng thực hiện những công viêc cụ thể dưới đây:",
])
def test_an_intro_to_items_that_name_their_units_is_no_task(intro):
    body = (f"{intro}\n1. Trung tâm Y tế dự phòng: Có kế hoạch hướng dẫn các huyện tổ chức thực hiện.\n"
            "2. Bệnh viện Đa khoa tỉnh: Bố trí nhân lực trực cấp cứu.")
    assert [u for u, _ in _tasks(body, doc_type="Công văn", issuer=["SỞ Y TẾ"])] == [
        ["Trung tâm Y tế dự phòng"], ["Bệnh viện Đa khoa tỉnh"]]


@pytest.mark.parametrize("field,value", [
    ("1. Thời gian:", "Khai giảng vào lúc 7 giờ 45 phút, thứ Sáu ngày 01/12/2017."),
    ("2. Địa điểm:", "Hội trường lớn Sở Y tế, số 01 Trần Hưng Đạo."),
    ("- Thời gian tổ chức:", "Bắt đầu từ 8 giờ ngày 01/12/2017, trong 02 ngày."),
])
def test_a_bare_event_fields_value_is_no_task(field, value):
    body = ("Sở Y tế triệu tập các học viên lớp bồi dưỡng về dự khai giảng như sau:\n"
            f"{field}\n{value}\nĐề nghị Thủ trưởng các đơn vị tạo điều kiện để học viên đến dự.")
    got = _tasks(body, doc_type="Thông báo", issuer=["SỞ Y TẾ"])
    assert [u for u, _ in got] == [["các học viên lớp bồi dưỡng"], ["Thủ trưởng các đơn vị"]]


@pytest.mark.parametrize("item,unit", [
    ("3. Các trường hợp sinh viên đang còn ở lại KTX của Trường thì thực hiện việc đi bầu cử theo đúng quy định",
     "sinh viên đang còn ở lại KTX của Trường"),
    ("b) Trường hợp học sinh nghỉ học dài ngày thì báo cáo Ban Giám hiệu", "học sinh nghỉ học dài ngày"),
    ("- Đối với trường hợp đơn vị chưa có cán bộ chuyên trách thì cử người làm đầu mối", "đơn vị chưa có cán bộ chuyên trách"),
])
def test_a_case_without_its_stop_is_no_unit_heading(item, unit):
    body = f"Phòng Công tác sinh viên thông báo các nội dung cụ thể như sau:\n{item}\nTrân trọng!"
    assert _tasks(body, doc_type="Thông báo") == [([unit], None)]


@pytest.mark.parametrize("request_,due", [
    ("Đề nghị các Khoa, giảng viên chủ nhiệm các lớp cử sinh viên tham gia đầy đủ, đúng giờ.", "2022-03-19"),
    ("Yêu cầu các lớp trưởng nhắc nhở sinh viên có mặt đúng giờ.", "2022-03-19"),
    ("Đề nghị các Khoa tham gia ý kiến vào dự thảo quy chế.", None),   # no part of the event
])
def test_on_time_is_for_the_event(request_, due):
    body = ("1. Thời gian: từ 13 giờ 30 ngày 19 tháng 03 năm 2022.\n2. Địa điểm: Phòng học A101.\n" + request_)
    got = _tasks(body, doc_type="Thông báo", date="2022-03-15")
    assert got[-1][1] == due


@pytest.mark.parametrize("text,unit", [
    ("Hội đồng thẩm định (HĐTĐ) có trách nhiệm xem xét hồ sơ", "Hội đồng thẩm định (HĐTĐ)"),
    ("Ban quản lý dự án (BQLDA) tổ chức nghiệm thu công trình", "Ban quản lý dự án (BQLDA)"),
    ("Tổ kiểm tra (TKT) kiểm tra hồ sơ của các đơn vị", "Tổ kiểm tra (TKT)"),
])
def test_a_name_its_initials_abbreviate_holds_its_verbs(text, unit):
    assert U.split_units(text[:U.unit_end(text, tagger=False)]) == [unit]


@pytest.mark.parametrize("heading,items", [
    ("I. Đối với cán bộ giám sát (CBGS)", ("1.", "2.")),
    ("1. Cán bộ giám sát (CBGS):", ("a)", "b)")),
    ("3. Trách nhiệm của cán bộ giám sát (CBGS)", ("a)", "b)")),
])
def test_a_heading_naming_an_abbreviated_role_gives_its_items_to_it(heading, items):
    body = f"{heading}\n{items[0]} Chuẩn bị máy vi tính, tai nghe kèm micro.\n{items[1]} Có mặt trước giờ thi 15 phút."
    got = [[u.lower() for u in units] for units, _ in _tasks(body, doc_type="Hướng dẫn")]
    assert got == [["cán bộ giám sát (cbgs)"]] * 2


@pytest.mark.parametrize("papers", [
    ("- Đơn xin hoãn thi có sự đồng ý của giảng viên chủ nhiệm;", "- Minh chứng cho lý do hoãn thi;", "- Lịch thi cá nhân."),
    ("- Bản sao bằng tốt nghiệp có chứng thực;", "- Giấy khám sức khỏe;", "- Sơ yếu lý lịch có xác nhận của địa phương."),
    ("a) Phiếu đăng ký dự tuyển;", "b) Hình 1 - Hình ảnh webcam trên máy tính;", "c) 02 ảnh 4x6."),
])
def test_papers_listed_under_a_units_heading_are_no_tasks(papers):
    body = "III. Đối với sinh viên (SV)\n1. Hồ sơ xin hoãn thi gồm:\n" + "\n".join(papers) + \
           "\n2. Vệ sinh môi trường khu dân cư.\n3. Giữ gìn trật tự khu vực."
    got = find_tasks(_doc(body), Record(file="t.txt", doc_type="Hướng dẫn"))
    assert [t.action for t in got] == ["Vệ sinh môi trường khu dân cư", "Giữ gìn trật tự khu vực"]


def test_a_paper_sent_by_a_day_is_work():
    body = "III. Đối với sinh viên (SV)\n1. Hồ sơ gồm:\n- Đơn xin hoãn thi nộp về Phòng Đào tạo trước ngày 20/3/2022."
    assert len(find_tasks(_doc(body), Record(file="t.txt", doc_type="Hướng dẫn", date="2022-03-01"))) == 1


@pytest.mark.parametrize("bullet,unit", [
    ("- Phòng Nghiệp vụ Y: Làm đầu mối thực hiện kiểm tra, đánh giá.", "Phòng Nghiệp vụ Y"),
    ("- Văn phòng Sở: Đảm bảo hậu cần cho Đoàn đi kiểm tra theo lịch.", "Văn phòng Sở"),
    ("+ Phòng Kế hoạch Tài chính Sở: Bố trí kinh phí theo kế hoạch.", "Phòng Kế hoạch Tài chính Sở"),
    ("- Các cơ quan, đơn vị: Chủ động rà soát, báo cáo.", "Sở Y tế"),   # the heading's units restated
])
def test_a_bullet_naming_its_own_unit_before_a_colon(bullet, unit):
    body = f"2. Sở Y tế:\n- Kiểm tra, đánh giá chất lượng bệnh viện tại các đơn vị.\n{bullet}"
    assert _tasks(body, doc_type="Kế hoạch") == [(["Sở Y tế"], None), ([unit], None)]


@pytest.mark.parametrize("contact", [
    "mọi thông tin chi tiết xin liên hệ TS. Vương Ánh Dương, SĐT: 0963.369.586.",
    "mọi thông tin xin liên hệ ThS. Nguyễn Văn An, Phòng Nghiệp vụ Y.",
    "chi tiết xin liên hệ BS. Trần Thị Bình, Bệnh viện Đa khoa tỉnh.",
])
def test_a_title_abbreviation_ends_no_sentence(contact):
    body = f"Đề nghị thủ trưởng các đơn vị chỉ đạo thực hiện, {contact}"
    assert len(_tasks(body, doc_type="Công văn")) == 1


@pytest.mark.parametrize("more", ["Bao gồm các thông tin: đặc điểm người bệnh; đăng ký thủ tục khám bệnh.",
                                  "Trong đó ghi rõ số lượt khám, thời gian đăng ký khám.",
                                  "Gồm: danh sách, bảng tổng hợp và báo cáo thuyết minh."])
def test_an_elaborating_sentence_goes_on_with_its_task(more):
    body = f"Đề nghị các bệnh viện kết xuất số liệu của 500 lượt khám bệnh liên tiếp. {more}"
    got = find_tasks(_doc(body), Record(file="t.txt", doc_type="Công văn"))
    assert len(got) == 1 and got[0].action.endswith(more.rstrip("."))


@pytest.mark.parametrize("intro", ["Để chủ động ứng phó với bão số 16, Chủ tịch UBND tỉnh yêu cầu:",
                                   "Thực hiện chỉ đạo của Thủ tướng Chính phủ, Sở Y tế đề nghị:",
                                   "Để bảo đảm an toàn cho nhân dân, Ủy ban nhân dân tỉnh chỉ đạo:"])
def test_a_request_naming_no_one_asks_the_addressees(intro):
    body = (f"{intro}\n1. Thực hiện nghiêm Công văn số 1966/UBND-KTCN ngày 24/12/2017.\n"
            "2. Yêu cầu Chủ tịch UBND các huyện bám sát địa bàn, trực ban 24/24.")
    record = Record(file="t.txt", date="2017-12-24", doc_type="Công điện",
                    recipients=["Các sở, ban, ngành cấp tỉnh", "Chủ tịch UBND các huyện, thị xã, thành phố"])
    got = [(t.assignees) for t in find_tasks(_doc(body), record)]
    assert got == [["Các sở, ban, ngành cấp tỉnh", "Chủ tịch UBND các huyện, thị xã, thành phố"],
                   ["Chủ tịch UBND các huyện"]]


@pytest.mark.parametrize("items", [
    ("- Đề án tổ chức lại các phòng ban thuộc Sở Y tế;", "- Đề án thành lập Trung tâm Kiểm soát bệnh tật."),
    ("- Phụ lục danh sách các đơn vị;", "- Bảng tổng hợp nhu cầu nhân lực năm 2018."),
])
def test_a_long_duty_listing_what_it_works_from_is_one_task(items):
    body = ("Điều 2. Tổ xây dựng Đề án có nhiệm vụ thực hiện theo sự chỉ đạo của Ban Chỉ đạo, xây dựng và trình "
            "Ban Chỉ đạo xem xét Đề án tổ chức lại hệ thống y tế tuyến tỉnh trên cơ sở tổng hợp các đề án:\n" + "\n".join(items))
    got = find_tasks(_doc(body), Record(file="t.txt", doc_type="Quyết định"))
    assert [t.assignees for t in got] == [["Tổ xây dựng Đề án"]]
    assert "thực hiện theo sự chỉ đạo" in got[0].action


def test_a_short_duty_intro_gives_its_items():
    body = "Điều 2. Tổ xây dựng Đề án có nhiệm vụ:\n- Xây dựng dự thảo Đề án;\n- Trình Ban Chỉ đạo xem xét."
    got = find_tasks(_doc(body), Record(file="t.txt", doc_type="Quyết định"))
    assert [t.assignees for t in got] == [["Tổ xây dựng Đề án"]] * 2


@pytest.mark.parametrize("request_,when,due", [
    ("Đề nghị thủ trưởng các đơn vị cử cán bộ tập huấn công tác điều trị một số bệnh dịch.",
     "Thời gian: 02 ngày (19 - 20/10/2017), khai mạc 08h30 (thứ năm).", "2017-10-20"),
    ("Đề nghị các đơn vị cử cán bộ tham gia lớp bồi dưỡng nghiệp vụ.",
     "Thời gian: từ ngày 06/11/2017 đến ngày 10/11/2017.", "2017-11-10"),
    ("Đề nghị các đơn vị cử đại biểu dự hội thảo khoa học.", "- Thời gian: 8 giờ ngày 15/11/2017.", "2017-11-15"),
])
def test_sending_people_to_a_course_is_due_on_its_days(request_, when, due):
    assert _tasks(f"{request_}\n{when}\nĐịa điểm: Hội trường.", doc_type="Công văn", date="2017-10-16") == [
        (_tasks(request_, doc_type="Công văn")[0][0], due)]


@pytest.mark.parametrize("body,issuer", [
    ("Thanh tra Sở Y tế xây dựng kế hoạch thanh tra việc chấp hành các quy định trong hoạt động cung ứng thuốc.",
     ["SỞ Y TẾ KIÊN GIANG", "THANH TRA"]),
    ("Ủy ban nhân dân tỉnh tổ chức Hội nghị tổng kết công tác phòng, chống thiên tai năm 2017.",
     ["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"]),
    ("Văn phòng UBND tỉnh tiếp tục theo dõi, tổng hợp tình hình thực hiện.", ["UBND TỈNH LAI CHÂU", "VĂN PHÒNG"]),
])
def test_the_issuer_telling_what_it_does_assigns_nothing(body, issuer):
    assert _tasks(body, doc_type="Kế hoạch", issuer=issuer) == []
    # ... while the same sentence from another body's pen is that unit's task
    assert len(_tasks(body, doc_type="Kế hoạch", issuer=["BỘ Y TẾ"])) == 1


@pytest.mark.parametrize("body,unit", [
    ("- Trên cơ sở Kế hoạch đã được phê duyệt, Chánh Thanh tra Sở trưng tập cán bộ tham gia đoàn thanh tra.",
     "Chánh Thanh tra Sở"),
    ("Tổ công tác tiến hành kiểm tra thực tế tại các xã.", "Tổ công tác"),
    ("Ban Chỉ đạo huy động lực lượng ứng cứu kịp thời.", "Ban Chỉ đạo"),
])
def test_calling_people_up_and_going_ahead_end_a_unit(body, unit):
    assert _tasks(body, doc_type="Kế hoạch") == [([unit], None)]


@pytest.mark.parametrize("phrase,units", [
    ("Chánh Văn phòng, “Trưởng phòng chức năng của Sở Y tế, Thủ trưởng đơn vị có liên quan",
     ["Chánh Văn phòng", "Trưởng phòng chức năng của Sở Y tế", "Thủ trưởng đơn vị có liên quan"]),
    ('Giám đốc Sở Tài chính, "Chủ tịch UBND các xã', ["Giám đốc Sở Tài chính", "Chủ tịch UBND các xã"]),
    ("Ban Chỉ đạo “Chương trình 1125”, Sở Y tế", ["Ban Chỉ đạo “Chương trình 1125”", "Sở Y tế"]),  # a quote with its partner stays
])
def test_a_stray_quote_mark_in_a_list_of_units(phrase, units):
    assert U.split_units(phrase) == units


@pytest.mark.parametrize("phrase,units", [
    ("Ban chấp hành Đoàn Thanh niên cơ sở, ban chấp hành công đoàn cơ sở",
     ["Ban chấp hành Đoàn Thanh niên cơ sở", "ban chấp hành công đoàn cơ sở"]),
    ("Ban chấp hành Hội Nông dân xã", ["Ban chấp hành Hội Nông dân xã"]),
])
def test_a_committee_named_by_chap_hanh_is_one_unit(phrase, units):
    assert U.split_units(phrase[:U.unit_end(phrase + " xem xét, quyết định", tagger=False)]) == units
