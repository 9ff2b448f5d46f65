"""How items are cut out of a body and who they belong to (issue 8, class 3: granularity).

Each rule has three phrasings an office could use; the snippets are written
here, not taken from any corpus document.
"""
from __future__ import annotations

import pytest

from test_tasks import _doc

from extractors import units as U
from extractors.task_paras import paragraphs
from extractors.tasks import _coordinators, find_tasks
from schemas.record import Record


def _found(body: str, date: str = "2017-11-01"):
    record = Record(file="t.txt", date=date, doc_type="Công văn", issuer=["UBND TỈNH KIÊN GIANG", "SỞ Y TẾ"])
    return find_tasks(_doc(body), record)


def _tasks(body: str):
    return [(t.assignees, t.deadline) for t in _found(body)]


# fmt: off
INLINE_LETTERS = [
    # letter items printed inside their unit's item: one task each, the unit carried to all
    ("Sở Y tế đề nghị các đơn vị thực hiện một số nội dung sau:\n"
     "1. Trung tâm Y tế huyện: (a) Xây dựng kế hoạch tiêm chủng; (b) Báo cáo kết quả trước ngày 20/11/2017.\n"
     "2. Phòng Y tế: Phối hợp tuyên truyền trên địa bàn.",
     [(["Trung tâm Y tế huyện"], None), (["Trung tâm Y tế huyện"], "2017-11-20"), (["Phòng Y tế"], None)]),
    ("2. Sở Tài chính: a) Rà soát dự toán năm 2018; b) Tổng hợp, báo cáo UBND tỉnh trước ngày 10/12/2017.",
     [(["Sở Tài chính"], None), (["Sở Tài chính"], "2017-12-10")]),
    # a letter the scan lost ("()") still opens an item inside a run that has its a) and b)
    ("3. Ban Quản lý dự án: (a) Kiểm tra hồ sơ thiết kế. (b) Lập báo cáo thẩm định. () Gửi kết quả về Sở Y tế.",
     [(["Ban Quản lý dự án"], None)] * 3),
]

NOT_LETTER_ITEMS = [
    # letters that are no items: a cited point, a single letter, a letter in lower-case prose
    "1. Phòng Nghiệp vụ Y: Hướng dẫn thực hiện theo điểm a) khoản 1 và điểm b) khoản 2 Điều 5 Thông tư.",
    "1. Phòng Nghiệp vụ Y: (a) Hướng dẫn các đơn vị thực hiện quy trình khám bệnh.",
    "1. Phòng Nghiệp vụ Y: Hướng dẫn các đơn vị theo mục (b) Kế hoạch và mục (a) Phụ lục.",
]

UNFINISHED_ITEMS = [
    # a scan breaks a numbered item's line after a semicolon: the prose below goes on with the item,
    # it is no task of the units the intro named
    ("Sở Y tế đề nghị thủ trưởng các đơn vị triển khai thực hiện:\n"
     "1. Trung tâm Phòng, chống HIV/AIDS: Khẩn trương kiện toàn các cơ sở điều trị;\n"
     "Điều trị nghiện các chất dạng thuốc phiện bằng thuốc thay thế;\n"
     "2. Phòng Y tế: Phối hợp tuyên truyền.",
     [["Trung tâm Phòng, chống HIV/AIDS"], ["Phòng Y tế"]]),
    ("Đề nghị các đơn vị thực hiện nghiêm:\n"
     "1. Bệnh viện Đa khoa tỉnh: Bố trí giường bệnh, nhân lực trực Tết;\n"
     "Dự trữ đủ thuốc, hóa chất, vật tư\n"
     "2. Trung tâm Cấp cứu 115: Bố trí xe cấp cứu trực 24/24 giờ.",
     [["Bệnh viện Đa khoa tỉnh"], ["Trung tâm Cấp cứu 115"]]),
    ("Giám đốc Sở yêu cầu các đơn vị thực hiện:\n"
     "1. Chi cục An toàn vệ sinh thực phẩm: Tăng cường kiểm tra các bếp ăn tập thể,\n"
     "Xử lý nghiêm các cơ sở vi phạm;\n"
     "2. Thanh tra Sở: Phối hợp kiểm tra liên ngành.",
     [["Chi cục An toàn vệ sinh thực phẩm"], ["Thanh tra Sở"]]),
]

TIME_OPENERS = [
    # a time phrase opens the sentence and the comma before its subject is missing
    ("Kết thúc Tháng Hành động các đơn vị báo cáo kết quả về Sở Y tế trước ngày 18/12/2017.",
     [(["các đơn vị"], "2017-12-18")]),
    ("Sau khi kết thúc đợt kiểm tra các cơ sở báo cáo kết quả khắc phục về Sở Y tế trước ngày 30/12/2017.",
     [(["các cơ sở"], "2017-12-30")]),
    ("Định kỳ hằng tháng các trường gửi báo cáo về Phòng Giáo dục và Đào tạo.",
     [(["các trường"], None)]),
]

FIELD_NAMES = [
    # a centre or sub-department named by two fields is one unit, its comma no list's
    ("Trung tâm Truyền thông, Giáo dục sức khỏe", ["Trung tâm Truyền thông, Giáo dục sức khỏe"]),
    ("Trung tâm Kiểm nghiệm Thuốc, Mỹ phẩm, Thực phẩm và Trung tâm Pháp y",
     ["Trung tâm Kiểm nghiệm Thuốc, Mỹ phẩm, Thực phẩm", "Trung tâm Pháp y"]),
    ("Chi cục Dân số, Kế hoạch hóa gia đình; Trung tâm Truyền thông, Giáo dục sức khoẻ",
     ["Chi cục Dân số, Kế hoạch hóa gia đình", "Trung tâm Truyền thông, Giáo dục sức khoẻ"]),
]
# fmt: on


@pytest.mark.parametrize("body,expected", INLINE_LETTERS, ids=[c[0][:40] for c in INLINE_LETTERS])
def test_letter_items_inside_an_item(body, expected):
    assert _tasks(body) == expected


@pytest.mark.parametrize("body", NOT_LETTER_ITEMS, ids=[c[:50] for c in NOT_LETTER_ITEMS])
def test_letters_that_open_no_items(body):
    assert len(_tasks(body)) == 1


@pytest.mark.parametrize("body,expected", UNFINISHED_ITEMS, ids=[c[0][40:80] for c in UNFINISHED_ITEMS])
def test_prose_under_an_unfinished_item_goes_on_with_it(body, expected):
    tasks = _found(body)
    assert [t.assignees for t in tasks] == expected
    assert "thuốc" in tasks[0].action or "vi phạm" in tasks[0].action


def test_prose_under_a_finished_item_is_its_own():
    tasks = _found("Sở Y tế đề nghị các đơn vị thực hiện một số nội dung sau:\n"
                   "1. Trung tâm Y tế: Tổ chức các điểm tư vấn.\n"
                   "Kết thúc đợt chiến dịch các đơn vị báo cáo kết quả về Sở Y tế trước ngày 18/12/2017.")
    assert [(t.assignees, t.deadline) for t in tasks] == [(["Trung tâm Y tế"], None), (["các đơn vị"], "2017-12-18")]


@pytest.mark.parametrize("line", ["-", "–", "•"])
def test_a_speck_read_as_a_dash_inside_a_sentence_is_no_bullet(line):
    body = "3. Phòng Y tế căn cứ Kế hoạch hướng\n" + line + "\ndẫn của Ban Chỉ đạo tỉnh, tham mưu văn bản chỉ đạo."
    paras = paragraphs(_doc(body))
    assert len(paras) == 1 and paras[0].body.endswith("dẫn của Ban Chỉ đạo tỉnh, tham mưu văn bản chỉ đạo.")


def test_a_dash_over_a_capitalised_line_is_still_a_bullet():
    paras = paragraphs(_doc("Các đơn vị thực hiện:\n-\nRà soát hồ sơ."))
    assert [p.level for p in paras] == [0, 7]


def test_an_item_with_its_own_unit_ends_a_sibling_headings_units():
    tasks = _found("1. Trung tâm Y tế:\n- Tổ chức tiêm chủng.\n"
                   "2. Phòng Y tế các huyện tham mưu văn bản chỉ đạo.\n- Rà soát danh sách đối tượng.")
    assert all(t.assignees != ["Trung tâm Y tế"] for t in tasks[1:])
    assert [t.assignees for t in tasks[:2]] == [["Trung tâm Y tế"], ["Phòng Y tế các huyện"]]


@pytest.mark.parametrize("body,expected", TIME_OPENERS, ids=[c[0][:40] for c in TIME_OPENERS])
def test_a_time_phrase_before_the_subject(body, expected):
    assert _tasks(body) == expected


@pytest.mark.parametrize("phrase,units", FIELD_NAMES, ids=[c[0][:40] for c in FIELD_NAMES])
def test_a_name_of_two_fields_is_one_unit(phrase, units):
    assert U.split_units(phrase) == units


# fmt: off
PAPERS_OF_A_DUTY = [
    # a duty whose intro calls its items papers ("các đề án:") is one task; its papers are none,
    # however long and whatever they are to be submitted for; its other items are tasks
    ("Điều 2. Tổ công tác có nhiệm vụ xây dựng và trình Ban Chỉ đạo Đề án chung trên cơ sở tổng hợp các đề án:\n"
     "- Đề án sắp xếp các phòng thuộc Sở Y tế (trình Ủy ban nhân dân tỉnh ban hành quyết định giải thể phòng Pháp chế);\n"
     "- Đề án thành lập Trung tâm Kiểm soát bệnh tật (trình Ủy ban nhân dân tỉnh quyết định thành lập);\n"
     "- Thực hiện các nhiệm vụ khác do Ban Chỉ đạo giao.",
     ["xây dựng", "Thực hiện các nhiệm vụ khác"]),
    ("2. Phòng Tổ chức cán bộ có trách nhiệm thẩm định, trình Giám đốc Sở phê duyệt các hồ sơ sau:\n"
     "- Hồ sơ đề nghị bổ nhiệm lại viên chức quản lý của các đơn vị trực thuộc (trình Giám đốc Sở ký quyết định);\n"
     "- Hồ sơ nâng bậc lương trước thời hạn của công chức, viên chức;\n"
     "- Tổng hợp, báo cáo kết quả thực hiện về Giám đốc Sở.",
     ["thẩm định", "Tổng hợp, báo cáo"]),
    ("Ban Quản lý dự án có nhiệm vụ hoàn thiện và trình thẩm định các tài liệu sau:\n"
     "- Tài liệu thiết kế kỹ thuật gửi kèm hồ sơ mời thầu;\n"
     "- Tài liệu đánh giá tác động môi trường của dự án;\n"
     "- Lấy ý kiến các sở, ngành về hồ sơ dự án.",
     ["hoàn thiện", "Lấy ý kiến"]),
]

POWERS = [
    # a named unit's power after an item neither goes on with it nor is a task
    "Tổ trưởng Tổ công tác có quyền trưng dụng thêm công chức, viên chức trong quá trình thực hiện nhiệm vụ.",
    "Trưởng Đoàn kiểm tra được quyền yêu cầu các cơ sở cung cấp hồ sơ, tài liệu có liên quan.",
    "Hội đồng có quyền mời chuyên gia tham gia thẩm định khi cần thiết.",
]
# fmt: on


@pytest.mark.parametrize("body,actions", PAPERS_OF_A_DUTY, ids=[c[0][:40] for c in PAPERS_OF_A_DUTY])
def test_a_duty_that_works_from_papers(body, actions):
    tasks = _found(body)
    assert len(tasks) == len(actions)
    assert all(a in t.action for a, t in zip(actions, tasks))
    assert len({tuple(t.assignees) for t in tasks}) == 1


@pytest.mark.parametrize("power", POWERS, ids=[c[:40] for c in POWERS])
def test_a_power_after_an_item(power):
    tasks = _found("Tổ công tác có nhiệm vụ:\n- Xây dựng kế hoạch kiểm tra.\n" + power)
    assert len(tasks) == 1 and "quyền" not in tasks[0].action


@pytest.mark.parametrize("text,unit", [("Trưởng phòng chức. năng của Sở Y tế", "Trưởng phòng chức năng của Sở Y tế"),
                                       ("Văn phòng UBND TP. Hồ Chí Minh", "Văn phòng UBND TP. Hồ Chí Minh"),
                                       ("các phòng. ban thuộc Sở", "các phòng ban thuộc Sở")])
def test_a_speck_read_as_a_stop_inside_a_name(text, unit):
    assert U.clean_unit(text) == unit


@pytest.mark.parametrize("phrase", ["cơ quan, đơn vị liên quan", "sở, ngành có liên quan",
                                    "cơ quan, tổ chức, cá nhân có liên quan"])
def test_a_collective_without_cac_stays_one(phrase):
    assert U.split_units(phrase) == [phrase]


# fmt: off
MEMBERS_BELOW = [
    # a body set up with its members listed below: the members are no tasks, the setting up neither
    "Điều 1. Thành lập Hội đồng Sáng kiến cấp cơ sở năm 2017, gồm ông/bà:\n"
    "1. Ông Nguyễn Văn A, Phó Giám đốc Sở Y tế - Chủ tịch Hội đồng;\n2. Phòng Tổ chức cán bộ:\n"
    "Bà Trần Thị B, Trưởng phòng - Thành viên.\nĐiều 2. Hội đồng có nhiệm vụ xét công nhận sáng kiến.",
    "Điều 1. Kiện toàn Tổ công tác chuyển đổi số gồm các thành viên sau:\n"
    "- Ông Lê Văn C, Chánh Văn phòng Sở, Tổ trưởng;\n- Văn phòng Sở:\n- Bà Phạm Thị D, chuyên viên, thành viên.\n"
    "Điều 2. Tổ công tác có nhiệm vụ xét công nhận sáng kiến.",
    "Điều 1. Thành lập Ban Chỉ đạo phòng, chống dịch của xã gồm các ông (bà) có tên sau đây:\n"
    "1. Ông Hoàng Văn E, Chủ tịch UBND xã, Trưởng ban;\n2. Trạm Y tế xã:\n3. Bà Võ Thị F, Trạm trưởng, Phó Trưởng ban.\n"
    "Điều 2. Ban Chỉ đạo có nhiệm vụ xét công nhận sáng kiến.",
]
# fmt: on


@pytest.mark.parametrize("body", MEMBERS_BELOW, ids=[c[9:50] for c in MEMBERS_BELOW])
def test_members_listed_below_a_body_set_up(body):
    tasks = _found(body)
    assert len(tasks) == 1 and "xét công nhận" in tasks[0].action


@pytest.mark.parametrize("sentence,unit", [
    # health units as the sector abbreviates them
    ("Đề nghị các TTYT tập hợp biên bản bàn giao gửi về Sở Y tế.", "các TTYT"),
    ("TYT xã Phú Mỹ báo cáo số liệu tiêm chủng hằng tháng.", "TYT xã Phú Mỹ"),
    ("Đề nghị BVĐK tỉnh bố trí giường bệnh cách ly.", "BVĐK tỉnh"),
])
def test_health_units_by_their_abbreviation(sentence, unit):
    assert [t.assignees for t in _found(sentence)] == [[unit]]


@pytest.mark.parametrize("line,level", [(".4. Thời gian hoàn thành: trước ngày 24/3/2018.", 2),
                                        (".~- Nếu đơn vị thụ hưởng là Trạm y tế xã: ghi đại diện.", 7),
                                        ("_2. Kinh phí thực hiện.", 2)])
def test_a_speck_before_a_marker(line, level):
    paras = paragraphs(_doc("Các đơn vị thực hiện các nội dung sau:\n" + line))
    assert paras[-1].level == level and paras[-1].body[:1].isupper()


@pytest.mark.parametrize("bullet,unit", [
    # under a heading's unit, a bullet whose subject is another body, properly named, is that body's
    ("- Các phòng chức năng của Sở Y tế cử cán bộ tham gia đoàn kiểm tra.", "Các phòng chức năng của Sở Y tế"),
    ("- Phòng Nghiệp vụ Y làm đầu mối tổng hợp kết quả kiểm tra.", "Phòng Nghiệp vụ Y"),
    ("- Thanh tra Sở phối hợp kiểm tra các cơ sở hành nghề.", "Thanh tra Sở"),
])
def test_a_bullet_naming_another_body_under_a_heading(bullet, unit):
    tasks = _found("2. Sở Y tế:\n- Kiểm tra, đánh giá chất lượng bệnh viện theo kế hoạch.\n" + bullet)
    assert [t.assignees for t in tasks] == [["Sở Y tế"], [unit]]


@pytest.mark.parametrize("bullet", ["- Các cơ quan, đơn vị chủ động bố trí kinh phí.",
                                    "- Sở Y tế tổ chức kiểm tra định kỳ.", "- Sở rà soát hồ sơ bệnh án."])
def test_a_bullet_restating_its_heading(bullet):
    tasks = _found("2. Sở Y tế:\n" + bullet)
    assert [t.assignees for t in tasks] == [["Sở Y tế"]]


@pytest.mark.parametrize("text,end", [
    # a verb that names no body ends a capitalised bare head ("Ban chỉ đạo" is a name, "Nhà trường triển khai" is not)
    ("Nhà trường triển khai thực hiện kế hoạch", "Nhà trường"),
    ("Văn phòng chuẩn bị hội trường", "Văn phòng"),
    ("Phòng rà soát hồ sơ", "Phòng"),
    ("Ban chỉ đạo tỉnh kiểm tra", "Ban chỉ đạo tỉnh"),
])
def test_a_verb_that_names_no_body(text, end):
    assert text[:U.unit_end(text, tagger=False)].strip() == end


def test_an_invitation_verb_ends_a_coordinator():
    tasks = _found("Giao Phó Hiệu trưởng phối hợp với Công an xã Đốc Binh Kiều mời báo cáo viên.")
    assert tasks[0].coordinators == ["Công an xã Đốc Binh Kiều"]


@pytest.mark.parametrize("action,coordinators", [
    # the partner ends where the time or the purpose of the work begins
    ("chủ trì, phối hợp với Văn phòng Sở Y tế trong quá trình theo dõi thi hành pháp luật", ["Văn phòng Sở Y tế"]),
    ("chủ trì, phối hợp với Sở Tài chính khi thẩm định dự toán", ["Sở Tài chính"]),
    ("chủ trì, phối hợp với Phòng Nội vụ trong thời gian chuẩn bị đại hội", ["Phòng Nội vụ"]),
])
def test_a_partner_ends_at_time_words(action, coordinators):
    assert _coordinators(action) == coordinators


@pytest.mark.parametrize("sentence,units", [
    # "tổ chức," before another verb is the verb, not the noun of "cơ quan, tổ chức, cá nhân"
    ("Các Phòng chức năng, các đơn vị trực thuộc Sở tổ chức, triển khai, quán triệt Nghị định.",
     ["Các Phòng chức năng", "các đơn vị trực thuộc Sở"]),
    ("Đề nghị Phòng Y tế tổ chức, hướng dẫn các trạm y tế thực hiện.", ["Phòng Y tế"]),
    ("Đề nghị các cơ quan, tổ chức, cá nhân thực hiện nghiêm.", ["các cơ quan, tổ chức, cá nhân"]),
])
def test_to_chuc_before_a_verb_is_the_verb(sentence, units):
    assert [t.assignees for t in _found(sentence)] == [units]


# fmt: off
DOC_ABBREVIATIONS = [
    # initials a document defines for its units name those units wherever they are used
    ("Nhà trường quy định trách nhiệm của cán bộ coi thi (CBCT) và sinh viên (SV) như sau:\n"
     "1. CBCT 1 kiểm tra thẻ dự thi của SV.\n2. Khi hết giờ, CBCT yêu cầu SV:\n- Nộp bài trên hệ thống.",
     [["CBCT 1"], ["SV"]]),
    ("Sở quy định nhiệm vụ của cán bộ giám sát (CBGS) như sau:\n- CBGS có mặt trước giờ thi 15 phút.",
     [["CBGS"]]),
    ("Trách nhiệm của giáo viên chủ nhiệm (GVCN) trong tuần lễ công dân:\n"
     "- Các GVCN tổng hợp danh sách học sinh vắng trước ngày 10/9/2017.",
     [["Các GVCN"]]),
]
# fmt: on


@pytest.mark.parametrize("body,units", DOC_ABBREVIATIONS, ids=[c[0][:40] for c in DOC_ABBREVIATIONS])
def test_initials_a_document_defines(body, units):
    assert [t.assignees for t in _found(body)] == units


def test_initials_are_the_documents_own():
    assert not U.starts_unit("CBCT 1 kiểm tra thẻ dự thi")  # outside the document that defines them
    assert U.defined_abbreviations("cán bộ coi thi (CBCT), Phòng Khảo thí (KT&ĐBCLGD)") == ["CBCT"]


@pytest.mark.parametrize("line", ["a. Đối tượng sinh viên được hoãn thi.", "b. Lịch thi cá nhân.", "đ. Hồ sơ."])
def test_a_letter_with_a_stop_is_a_marker(line):
    assert paragraphs(_doc(line))[0].level == 6


@pytest.mark.parametrize("caption", ["Hình 1 - Hình ảnh webcam trên máy tính", "Bảng 2: Danh sách đơn vị",
                                     "Sơ đồ 1. Quy trình tiếp nhận hồ sơ"])
def test_a_caption_is_no_task(caption):
    assert _tasks("Đề nghị sinh viên thực hiện như sau:\n- Bật camera trước giờ thi.\n" + caption) == [(["sinh viên"], None)]


@pytest.mark.parametrize("sentence,units", [
    ("Đề nghị tất cả các đơn vị báo cáo trước ngày 10/12/2017.", ["tất cả các đơn vị"]),
    ("Tất cả các trường rà soát hồ sơ học sinh.", ["Tất cả các trường"]),
    ("Đề nghị các cơ quan và đơn vị có liên quan phối hợp thực hiện.", ["các cơ quan và đơn vị có liên quan"]),
])
def test_all_units_and_shared_qualifiers(sentence, units):
    assert [t.assignees for t in _found(sentence)] == [units]


@pytest.mark.parametrize("sentence,unit", [
    # administrative verbs end the unit before them
    ("Đề nghị Sở Dân tộc và Tôn giáo lấy ý kiến các cơ quan, đơn vị về dự thảo danh mục.", "Sở Dân tộc và Tôn giáo"),
    ("Đề nghị Ủy ban nhân dân các xã niêm yết công khai danh mục thủ tục hành chính tại trụ sở.",
     "Ủy ban nhân dân các xã"),
    ("Giao Ban Quản lý dự án đầu tư xây dựng tỉnh bàn giao công trình cho địa phương trước ngày 30/11/2017.",
     "Ban Quản lý dự án đầu tư xây dựng tỉnh"),
])
def test_administrative_verbs(sentence, unit):
    assert [t.assignees for t in _found(sentence)] == [[unit]]


@pytest.mark.parametrize("body,expected", [
    # who chairs or carries out what is told ("do X, Y chủ trì") is no one asked
    ("Thực hiện Kế hoạch của Bộ Y tế về Hội nghị do Thứ trưởng, Trưởng Ban Chỉ đạo chủ trì; "
     "Sở Y tế mời các đơn vị tham dự.", [["các đơn vị"]]),
    ("Hội nghị do Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo chủ trì, đề nghị các sở tham dự đầy đủ.", [["các sở"]]),
    ("Đợt kiểm tra do Thanh tra Sở, Phòng Nghiệp vụ Y thực hiện theo kế hoạch.", []),
])
def test_an_agent_phrase_asks_no_one(body, expected):
    assert [t.assignees for t in _found(body)] == expected


@pytest.mark.parametrize("sentence,unit", [
    # a role given to a body, then its duty: the body after "là" has it
    ("Cơ quan thường trực của Ban Chỉ đạo là Sở Tài chính, có nhiệm vụ tổng hợp báo cáo định kỳ.", "Sở Tài chính"),
    ("Cơ quan Thường trực Ban Chỉ đạo 57 là phòng Văn hoá - Xã hội xã; có nhiệm vụ tham mưu triển khai.",
     "phòng Văn hoá - Xã hội xã"),
    ("Đơn vị đầu mối là Văn phòng Sở, chịu trách nhiệm theo dõi, đôn đốc các phòng.", "Văn phòng Sở"),
])
def test_a_role_given_to_a_body(sentence, unit):
    assert [t.assignees for t in _found(sentence)] == [[unit]]


@pytest.mark.parametrize("sentence", ["Bộ Công an trân trọng cảm ơn sự phối hợp của Quý cơ quan.",
                                      "Sở Y tế xin chân thành cảm ơn sự hợp tác của các đơn vị.",
                                      "Trân trọng cảm ơn sự phối hợp của Quý đơn vị./."])
def test_thanks_are_no_task(sentence):
    assert _found(sentence) == []


@pytest.mark.parametrize("sentence,unit", [
    ("Đề nghị Bộ Quốc phòng dự kiến mục tiêu, nhiệm vụ, phương án phân bổ vốn.", "Bộ Quốc phòng"),
    ("Đề nghị các xã dự kiến nhu cầu kinh phí năm 2018 gửi về Phòng Tài chính.", "các xã"),
    ("Giao Sở Kế hoạch và Đầu tư dự kiến danh mục dự án khởi công mới.", "Sở Kế hoạch và Đầu tư"),
])
def test_du_kien_is_a_verb(sentence, unit):
    assert [t.assignees for t in _found(sentence)] == [[unit]]


@pytest.mark.parametrize("sentence,unit", [
    # a name printed with every word capitalised
    ("Tổng Cục Quản lý ruộng đất có trách nhiệm xây dựng phương án kỹ thuật.", "Tổng Cục Quản lý ruộng đất"),
    ("Đề nghị Trung Tâm Y tế huyện báo cáo số liệu tiêm chủng.", "Trung Tâm Y tế huyện"),
    ("Giao Chi Cục Thuế khu vực rà soát các hộ kinh doanh.", "Chi Cục Thuế khu vực"),
])
def test_title_case_heads(sentence, unit):
    assert [t.assignees for t in _found(sentence)] == [[unit]]


@pytest.mark.parametrize("sentence", [
    # a clause inside brackets is an example, not the subject
    "Các Bộ khác có máy móc (Bộ Xây dựng, Bộ Thủy lợi có trách nhiệm huy động máy móc).",
    "Kinh phí thực hiện theo quy định (Sở Tài chính, Kho bạc Nhà nước tỉnh hướng dẫn chi tiết).",
    "Việc đăng ký được thực hiện trực tuyến (các trường, Phòng Giáo dục tổng hợp danh sách).",
])
def test_no_subject_inside_brackets(sentence):
    assert _found(sentence) == []


@pytest.mark.parametrize("sentence", [
    # a trigger inside "do X ..." tells how work is given, it asks no one
    "Văn bản của đại hội do đoàn chủ tịch phân công người ký.",
    "Các nhiệm vụ khác do Giám đốc Sở phân công người phụ trách theo dõi.",
    "Hồ sơ được lập theo mẫu do Ban Tổ chức đề nghị các xã cung cấp.",
])
def test_a_trigger_inside_an_agent_phrase(sentence):
    assert _found(sentence) == []


@pytest.mark.parametrize("text,unit", [("Ban giám hiệu các trường trong công tác", "Ban giám hiệu các trường"),
                                       ("Phòng Y tế trong quá trình", "Phòng Y tế"),
                                       ("các đơn vị trong việc", "các đơn vị")])
def test_a_unit_never_ends_on_its_field_of_work(text, unit):
    assert U.clean_unit(text) == unit


@pytest.mark.parametrize("sentence,unit", [
    # Party guidance names bodies by their relation: those verb-like words are part of the name
    ("Ban xây dựng đảng đảng ủy cấp trên trực tiếp của tổ chức cơ sở đảng thẩm định tình hình thực tế.",
     "Ban xây dựng đảng đảng ủy cấp trên trực tiếp của tổ chức cơ sở đảng"),
    ("Đảng ủy cơ sở nơi đảng viên chuyển đến kiểm tra, thu nhận hồ sơ đảng viên.",
     "Đảng ủy cơ sở nơi đảng viên chuyển đến"),
    ("Đại diện ban tổ chức đảng ủy cấp trên trực tiếp tham dự lễ bàn giao.",
     "Đại diện ban tổ chức đảng ủy cấp trên trực tiếp"),
])
def test_party_relation_words_in_names(sentence, unit):
    assert [t.assignees for t in _found(sentence)] == [[unit]]


def _with_annex(letter: str, annex: str):
    from schemas.document import InputFormat, Line, ParsedDocument, Zone

    zones, lines, offset = [], [], 0
    for kind, text in (("body", letter), ("cc", "Nơi nhận:\n- Như trên;\n- Lưu: VT."), ("body", annex)):
        zl = []
        for t in filter(None, text.split("\n")):
            zl.append(Line(text=t, start=offset, end=offset + len(t)))
            offset += len(t) + 1
        lines += zl
        zones.append(Zone(kind=kind, lines=zl))
    doc = ParsedDocument(file="t.txt", doc_id="0", format=InputFormat.TXT, reader="test",
                         text="\n".join(x.text for x in lines), lines=lines, zones=zones)
    record = Record(file="t.txt", date="2017-12-01", doc_type="Công văn", issuer=["SỞ Y TẾ"])
    return [t.assignees for t in find_tasks(doc, record)]


@pytest.mark.parametrize("annex", [
    # the annex after the Nơi nhận takes no units from the letter's intro
    "DANH SÁCH HỌC VIÊN\nSTT Họ và tên Đơn vị\n- Nguyễn Văn A, Trạm Y tế xã Phú Mỹ.",
    "MẪU BÁO CÁO\n1. Tình hình thực hiện.\n2. Kiến nghị, đề xuất.",
    "PHỤ LỤC\n- Tổ chức tập huấn cho cán bộ y tế xã.\n- Kiểm tra, giám sát.",
])
def test_an_annex_takes_no_units_from_the_letter(annex):
    letter = "Sở Y tế đề nghị thủ trưởng các đơn vị thực hiện các nội dung sau:\n- Lập danh sách học viên gửi về Sở."
    assert _with_annex(letter, annex) == [["thủ trưởng các đơn vị"]]


def test_an_annex_item_naming_its_unit_is_a_task():
    letter = "Đề nghị các đơn vị thực hiện các nội dung sau:\n- Lập danh sách học viên."
    assert _with_annex(letter, "PHỤ LỤC\n1. Trung tâm Y tế huyện: Tổ chức tập huấn cho cán bộ y tế xã.") == [
        ["các đơn vị"], ["Trung tâm Y tế huyện"]]


@pytest.mark.parametrize("row", ["Trình độ STT Họ và tên chuyên môn Chức vụ Đơn vị công tác Ghi chú",
                                 "TT | Họ tên | Năm sinh | Đơn vị", "Số TT Họ và tên Trình độ Ký nhận"])
def test_a_forms_table_head_is_no_task(row):
    assert _tasks("Đề nghị các đơn vị lập danh sách theo mẫu như sau:\n" + row) == [(["các đơn vị"], None)]


@pytest.mark.parametrize("text,unit", [
    # a body named by two kinds of work joined by a comma
    ("Đoàn kiểm tra, đánh giá có trách nhiệm báo cáo kết quả", "Đoàn kiểm tra, đánh giá"),
    ("Tổ thẩm định, giám sát có trách nhiệm báo cáo kết quả", "Tổ thẩm định, giám sát"),
    ("Đoàn kiểm tra, giám sát tổng hợp kết quả gửi về Sở", "Đoàn kiểm tra, giám sát"),
])
def test_a_body_named_by_two_works(text, unit):
    assert text[:U.unit_end(text, tagger=False)] == unit


def test_an_intro_word_is_no_part_of_a_unit():
    assert U.clean_unit("Đoàn kiểm tra, đánh giá như sau") == "Đoàn kiểm tra, đánh giá"


@pytest.mark.parametrize("sentence", ["Tổ thẩm định tự giải tán sau khi hoàn thành công việc.",
                                      "Đoàn kiểm tra, đánh giá tự giải tán sau khi hoàn thành nhiệm vụ.",
                                      "Tổ công tác tự giải tán khi kết thúc đợt kiểm tra."])
def test_a_body_dissolving_itself_is_no_task(sentence):
    assert _found(sentence) == []


def test_work_ending_in_dissolution_is_still_work():
    tasks = _found("2. Hội đồng Khoa học có nhiệm vụ:\n- Báo cáo kết quả xét duyệt cho Giám đốc Sở và tự giải tán sau khi hoàn thành nhiệm vụ.")
    assert [t.assignees for t in tasks] == [["Hội đồng Khoa học"]]


def test_a_file_name_with_table_words_is_still_work():
    tasks = _found("Đề nghị sinh viên thực hiện như sau:\n- Lưu video với cú pháp “STT_Mã SV_Họ tên SV” và gửi về Phòng Đào tạo.")
    assert len(tasks) == 1
