"""Assignment forms: body snippet -> tasks (assignees, coordinators, deadline)."""
from __future__ import annotations

import pytest

from extractors.glue import despace
from extractors.tasks import find_tasks
from extractors.units import split_units
from schemas.document import InputFormat, Line, ParsedDocument, Zone
from schemas.record import Record


def _doc(body: str) -> ParsedDocument:
    lines, offset = [], 0
    for text in filter(None, body.split("\n")):
        lines.append(Line(text=text, start=offset, end=offset + len(text)))
        offset += len(text) + 1
    return ParsedDocument(file="t.txt", doc_id="0", format=InputFormat.TXT, reader="test",
                          text="\n".join(x.text for x in lines), lines=lines, zones=[Zone(kind="body", lines=lines)])


def _tasks(body: str, date: str | None = "2026-02-25", doc_type: str | None = None):
    record = Record(file="t.txt", date=date, doc_type=doc_type)
    return [(t.assignees, t.coordinators, t.deadline) for t in find_tasks(_doc(body), record)]


# fmt: off
CASES = [
    # Giao X chủ trì, phối hợp với Y và các đơn vị có liên quan ...
    ("- Giao Trung tâm Tin học và Công báo chủ trì phối hợp với Trung tâm Phục vụ hành chính công và các đơn vị "
     "có liên quan tham mưu đề xuất sáng kiến trước ngày 15/3.",
     [(["Trung tâm Tin học và Công báo"], ["Trung tâm Phục vụ hành chính công", "các đơn vị có liên quan"], "2026-03-15")]),
    # Đề nghị X ...
    ("Đề nghị Sở Nội vụ rà soát, báo cáo kết quả chậm nhất ngày 10/4/2026.",
     [(["Sở Nội vụ"], [], "2026-04-10")]),
    # Yêu cầu X ... ; a list of units after "các Sở:" repeats the head noun
    ("Yêu cầu các Sở: Tài chính, Nội vụ và UBND các xã triển khai thực hiện trong tháng 3/2026.",
     [(["Sở Tài chính", "Sở Nội vụ", "UBND các xã"], [], "2026-03-31")]),
    # X có trách nhiệm ...; recurring work has no deadline
    ("Sở Y tế có trách nhiệm định kỳ hằng quý báo cáo Ủy ban nhân dân tỉnh.",
     [(["Sở Y tế"], [], None)]),
    # a collective stays one unit
    ("Các sở, ban, ngành căn cứ chức năng, nhiệm vụ tổ chức thực hiện trong quý II/2026.",
     [(["Các sở, ban, ngành"], [], "2026-06-30")]),
    # a numbered heading that names a unit assigns each bullet under it
    ("2. Ủy ban nhân dân xã\n- Chủ động lựa chọn mô hình phù hợp.\n- Bảo đảm kinh phí thực hiện.\n3. Về kinh phí\n- Nguồn ngân sách nhà nước.",
     [(["Ủy ban nhân dân xã"], [], None), (["Ủy ban nhân dân xã"], [], None)]),
    ("a) Sở Nội vụ:\n- Hướng dẫn các xã trong vòng 10 ngày kể từ ngày ký.",
     [(["Sở Nội vụ"], [], "2026-03-07")]),
    # the Quyết định article: one task with all the assignees
    ("Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tài chính và Chủ tịch UBND các xã chịu trách nhiệm thi hành Quyết định này./.",
     [(["Chánh Văn phòng UBND tỉnh", "Giám đốc Sở Tài chính", "Chủ tịch UBND các xã"], [], None)]),
    # items followed by labelled lines
    ("1.1. Xây dựng kế hoạch chuyển đổi số.\nCơ quan chủ trì: Văn phòng Đảng ủy.\nCơ quan phối hợp: Ban Xây dựng Đảng.\n"
     "Thời gian hoàn thành: trước ngày 30/6/2026.",
     [(["Văn phòng Đảng ủy"], ["Ban Xây dựng Đảng"], "2026-06-30")]),
    # a Markdown task table: one task per row
    ("| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |\n| --- | --- | --- | --- | --- |\n"
     "| 1 | Rà soát thủ tục hành chính | Sở Tư pháp | Các sở, ngành | 30/11/2026 |",
     [(["Sở Tư pháp"], ["Các sở, ngành"], "2026-11-30")]),
    # DOCX rows joined by " | "
    ("Nội dung | Cơ quan chủ trì | Thời gian hoàn thành\nTổ chức hội nghị sơ kết | Văn phòng UBND tỉnh | Quý I/2026",
     [(["Văn phòng UBND tỉnh"], [], "2026-03-31")]),
    # the issuer's own verbs are not tasks
    ("Văn phòng UBND tỉnh yêu cầu:\nỦy ban nhân dân tỉnh thông báo để các đơn vị biết.", []),
    # an invitation: attending takes the meeting's date
    ("1. Thời gian: 08 giờ 00, ngày 03/3/2026.\nĐề nghị các đồng chí dự họp đầy đủ, đúng thành phần.",
     [(["các đồng chí"], [], "2026-03-03")]),
    # a subject-first sentence that only introduces the items below it assigns nothing itself
    ("Các cơ quan, đơn vị thực hiện một số nội dung sau:\n1. Sở Tài chính rà soát kinh phí trước ngày 10/3/2026.",
     [(["Sở Tài chính"], [], "2026-03-10")]),
]
# fmt: on


@pytest.mark.parametrize("body,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_task_forms(body, expected):
    assert _tasks(body) == expected


def test_deadline_before_document_is_kept_and_flagged():
    record = Record(file="t.txt", date="2026-01-20")
    tasks = find_tasks(_doc("- Giao Văn phòng Sở tham mưu đề xuất trước ngày 23/01/2025."), record)
    assert tasks[0].deadline == "2025-01-23"
    assert tasks[0].flags


# fmt: off
UNIT_LISTS = [
    ("các Sở: Tài chính, Nội vụ và UBND các xã", ["Sở Tài chính", "Sở Nội vụ", "UBND các xã"]),
    ("các sở, ban, ngành", ["các sở, ban, ngành"]),
    ("Các chi, đảng bộ trực thuộc, các cơ quan, đơn vị trực thuộc xã",
     ["Các chi, đảng bộ trực thuộc", "các cơ quan, đơn vị trực thuộc xã"]),
    ("Sở Lao động - Thương binh và Xã hội", ["Sở Lao động - Thương binh và Xã hội"]),   # "và" inside a name
    ("Ban Xây dựng Đảng, Văn phòng Đảng uỷ", ["Ban Xây dựng Đảng", "Văn phòng Đảng uỷ"]),
    ("Các cơ quan tham mưu, giúp việc Đảng uỷ", ["Các cơ quan tham mưu, giúp việc Đảng uỷ"]),
    ("Sở Lao động - Thương binh và xã hội", ["Sở Lao động - Thương binh và xã hội"]),   # "xã hội" is no unit
    # an office left bare before a colon list heads each unit; a person with an honorific is a unit
    ("Chánh Thanh tra tỉnh; Giám đốc các Sở: Nội vụ, Tư pháp và ông Phạm Thanh Quang",
     ["Chánh Thanh tra tỉnh", "Giám đốc Sở Nội vụ", "Giám đốc Sở Tư pháp", "ông Phạm Thanh Quang"]),
    # a bare head takes the locality of the unit after it
    ("Bộ trưởng Bộ Nội vụ, Hội đồng nhân dân, Ủy ban nhân dân thành phố Đà Nẵng và ông Nguyễn Mạnh Hùng",
     ["Bộ trưởng Bộ Nội vụ", "Hội đồng nhân dân thành phố Đà Nẵng", "Ủy ban nhân dân thành phố Đà Nẵng", "ông Nguyễn Mạnh Hùng"]),
    # an office after a collective is a unit of its own; two bare collectives stay one
    ("Các cấp uỷ, thủ trưởng cơ quan, tổ chức đảng", ["Các cấp uỷ", "thủ trưởng cơ quan, tổ chức đảng"]),
    ("các ngành, các cấp", ["các ngành, các cấp"]),
    # a sector name holding "và" or a comma is not cut inside a colon list
    ("Giám đốc các Sở: Khoa học và Công nghệ, Tài chính",
     ["Giám đốc Sở Khoa học và Công nghệ", "Giám đốc Sở Tài chính"]),
    ("các Sở: Văn hoá, Thể thao và Du lịch, Giáo dục và Đào tạo",
     ["Sở Văn hoá, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo"]),
    # a level word alone continues the unit before it
    ("Chủ tịch Ủy ban nhân dân các xã, phường", ["Chủ tịch Ủy ban nhân dân các xã, phường"]),
    ("Sở Nội vụ, UBND các xã, phường, thị trấn", ["Sở Nội vụ", "UBND các xã, phường, thị trấn"]),
]
# fmt: on


@pytest.mark.parametrize("phrase,expected", UNIT_LISTS, ids=[c[0][:30] for c in UNIT_LISTS])
def test_split_units(phrase, expected):
    assert split_units(phrase) == expected


# fmt: off
STRUCTURE_CASES = [
    # a marker alone on its line takes the next line
    ("1.4.\nXây dựng kế hoạch tuyên truyền.\n- Cơ quan thực hiện: Sở Tư pháp.",
     [(["Sở Tư pháp"], [], None)]),
    # a first child marker printed inside its parent's line starts its own item
    ("3. Giải quyết tranh chấp 3.1. Rà soát các thiết chế.\n3.2. Tập huấn hòa giải viên.\n"
     "- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với Liên đoàn Lao động tỉnh; các sở, ngành liên quan.",
     [(["Sở Nội vụ"], ["Liên đoàn Lao động tỉnh", "các sở, ngành liên quan"], None),
      (["Sở Nội vụ"], ["Liên đoàn Lao động tỉnh", "các sở, ngành liên quan"], None)]),
    # a lead label whose value goes on with a verb keeps only the unit
    ("2.7. Đẩy mạnh công tác tuyên truyền.\n- Cơ quan thực hiện: Sở Thông tin và Truyền thông đôn đốc, hướng dẫn các đơn vị.",
     [(["Sở Thông tin và Truyền thông"], [], None)]),
    # a wrapped label value goes on when the next line starts in lower case; a label run into the line before
    ("1.1. Xây dựng kế hoạch chuyển đổi số.\n- Cơ quan chủ trì: Văn phòng Đảng uỷ; các Đảng\nuỷ trực thuộc -Thời gian thực hiện: trước ngày 25/02/2026.",
     [(["Văn phòng Đảng uỷ", "các Đảng uỷ trực thuộc"], [], "2026-02-25")]),
    # units listed with ";" stay one assignment
    ("Điều 2.\nGiám đốc Sở Y tế; Thủ trưởng các cơ quan, đơn vị liên quan; Chủ tịch UBND các xã chịu trách nhiệm thi hành Quyết định này./.",
     [(["Giám đốc Sở Y tế", "Thủ trưởng các cơ quan, đơn vị liên quan", "Chủ tịch UBND các xã"], [], None)]),
    # "các đồng chí có tên tại Điều 1" is a unit
    ("Điều 3. Văn phòng Đảng uỷ và các đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
     [(["Văn phòng Đảng uỷ", "các đồng chí có tên tại Điều 1"], [], None)]),
    # the unit ends at a colon followed by the action
    ("4. Đề nghị Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội tỉnh: Căn cứ chức năng, nhiệm vụ tăng cường tuyên truyền.",
     [(["Ủy ban MTTQ Việt Nam", "các tổ chức chính trị - xã hội tỉnh"], [], None)]),
    # ... but a member list "Đồng chí X: Thành viên" assigns nothing
    ("Điều 1. Thành lập Ban Chỉ đạo, gồm:\n1. Đồng chí Trưởng Công an xã: Thành viên;", []),
    # "tổ chức" inside a list of units is a noun
    ("Các sở, ban, ngành và các cơ quan, tổ chức có liên quan căn cứ chức năng, nhiệm vụ xây dựng kế hoạch.",
     [(["Các sở, ban, ngành", "các cơ quan, tổ chức có liên quan"], [], None)]),
    # numbering that restarts under a same-depth heading is read one level deeper
    ("4. Trách nhiệm của Tổ trưởng\n1. Lãnh đạo, điều hành hoạt động của Tổ.\n2. Chủ trì các cuộc họp của Tổ.\n5. Điều khoản thi hành",
     [(["Tổ trưởng"], [], None), (["Tổ trưởng"], [], None)]),
    # "X có nhiệm vụ ...:" gives X to the items under it; rights ("Được ...") are no work
    ("1. Nhiệm vụ Tổ giúp việc về Cải cách hành chính có nhiệm vụ giúp Ban Chỉ đạo:\n1. Tham mưu các giải pháp.\n"
     "2. Quyền hạn Tổ giúp việc có các quyền hạn sau:\n1. Được mời tham dự các cuộc họp.",
     [(["Tổ giúp việc về Cải cách hành chính"], [], None)]),
    # members listed under a heading are not tasks
    ("2. Tổ phó:\na) Ông Trần Văn An - Phó Giám đốc Sở Nội vụ;\nb) Ông/bà… - Giám đốc Sở Tư pháp;", []),
    # a lead label that lists units with ";" keeps the verb-like words of their names
    ("4.2. Báo cáo kết quả trên Hệ thống theo dõi nghị quyết.\n- Cơ quan chủ trì, thực hiện: Các cơ quan tham mưu, giúp việc Đảng uỷ; "
     "các Đảng uỷ trực thuộc.\n1.2. Đưa nội dung vào chương trình kiểm tra.\n- Cơ quan chủ trì: Uỷ ban kiểm tra Đảng uỷ.",
     [(["Các cơ quan tham mưu, giúp việc Đảng uỷ", "các Đảng uỷ trực thuộc"], [], None), (["Uỷ ban kiểm tra Đảng uỷ"], [], None)]),
    # an item's own subject gives way to the lead label after it
    ("4.1. Các cơ quan khối Đảng triển khai các nền tảng số dùng chung.\n- Cơ quan chủ trì: Văn phòng Đảng uỷ.",
     [(["Văn phòng Đảng uỷ"], [], None)]),
    # fields of a description ("Thời gian dự kiến: ...") wait for no labels
    ("2.1. Chương trình nghệ thuật\n- Thời gian dự kiến: ngày 11/9/2026.\n- Địa điểm: Hoàng Thành.\n- Đơn vị chủ trì: Sở Văn hoá và Thể thao.", []),
    # a heading of units goes on after a verb-like word; its bullets' own subjects restate it
    ("2. Các cơ quan, tham mưu giúp việc Đảng uỷ, Uỷ ban Mặt trận Tổ quốc xã và các cấp uỷ trực thuộc\n"
     "- Căn cứ Kế hoạch này, các cơ quan, đơn vị chủ động triển khai thực hiện.\nHoàn thành trước 06/3/2026.",
     [(["Các cơ quan, tham mưu giúp việc Đảng uỷ", "Uỷ ban Mặt trận Tổ quốc xã", "các cấp uỷ trực thuộc"], [], "2026-03-06")]),
    # "X; Y có trách nhiệm:" hands the items under it to X and Y
    ("1. Thủ trưởng các Sở, ban, ngành của tỉnh; Chủ tịch Ủy ban nhân dân các huyện có trách nhiệm:\n"
     "a) Thi hành nghiêm chỉnh các bản án của Tòa án.\nb) Định kỳ 6 tháng, báo cáo Ủy ban nhân dân tỉnh.",
     [(["Thủ trưởng các Sở, ban, ngành của tỉnh", "Chủ tịch Ủy ban nhân dân các huyện"], [], None)] * 2),
    # prose that opens with its verb under a heading of units has no subject of its own;
    # the partner after "phối hợp với" ends at "trong việc"
    ("c) Sở Thông tin và Truyền thông, Báo Quảng Ngãi:\nPhối hợp với Sở Tư pháp và Ủy ban nhân dân các huyện "
     "thực hiện việc đưa tin tuyên truyền.\nd) Ủy ban nhân dân các huyện, thành phố:\n"
     "- Phối hợp với cơ quan Thi hành án dân sự trong việc theo dõi thi hành án.",
     [(["Sở Thông tin và Truyền thông", "Báo Quảng Ngãi"], ["Sở Tư pháp", "Ủy ban nhân dân các huyện"], None),
      (["Ủy ban nhân dân các huyện, thành phố"], ["cơ quan Thi hành án dân sự"], None)]),
    # a request heading that only names units ends at its colon
    ("c) Đề nghị Tòa án nhân dân tỉnh; Viện kiểm sát nhân dân tỉnh:\nPhối hợp và chỉ đạo Tòa án nhân dân, "
     "Viện kiểm sát nhân dân cấp huyện chuyển giao kịp thời các bản án.",
     [(["Tòa án nhân dân tỉnh", "Viện kiểm sát nhân dân tỉnh"], [], None)]),
    # "Giao cho X ..." and "X trong phạm vi chức năng ... có kế hoạch ..."
    ("Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ngành triển khai thực hiện nghiêm túc Chỉ thị này. "
     "Giao cho Cục Thi hành án dân sự tỉnh có trách nhiệm theo dõi, đôn đốc.\n"
     "a) Chủ tịch Ủy ban nhân dân các huyện, thành phố trong phạm vi chức năng, nhiệm vụ được giao có kế hoạch triển khai.",
     [(["Thủ trưởng các sở, ngành"], [], None), (["Cục Thi hành án dân sự tỉnh"], [], None),
      (["Chủ tịch Ủy ban nhân dân các huyện, thành phố"], [], None)]),
    # a decision: the legal basis before "QUYẾT ĐỊNH:" assigns nothing; members listed with their names
    # are no tasks; "Chức năng, nhiệm vụ của X" gives X the prose under it; a long list of units ends at its verb
    ("Căn cứ Nghị định quy định khung số lượng Phó Chủ tịch Ủy ban nhân dân; trình tự thủ tục điều động;\n"
     "Theo đề nghị của Bộ trưởng Bộ Công an.\nQUYẾT ĐỊNH:\nĐiều 1. Phê duyệt thành viên Tổ Công tác, gồm:\n"
     "1. Các thành viên Tổ Công tác:\n- Thứ trưởng Bộ Y tế Đỗ Xuân Tuyên.\n- Phó Thống đốc Ngân hàng Nhà nước Việt Nam Đào Minh Tú.\n"
     "Điều 2. Chức năng, nhiệm vụ của Tổ Công tác cải cách hành chính:\n"
     "Nghiên cứu, đề xuất với Chính phủ triển khai các nhiệm vụ về cải cách hành chính.\n"
     "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\nCác thành viên Tổ Công tác, Bộ trưởng, Thủ trưởng cơ quan ngang bộ, "
     "Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương, Thủ trưởng cơ quan, "
     "tổ chức có liên quan chịu trách nhiệm thi hành Quyết định này.",
     [(["Tổ Công tác cải cách hành chính"], [], None),
      (["Các thành viên Tổ Công tác", "Bộ trưởng", "Thủ trưởng cơ quan ngang bộ", "Thủ trưởng cơ quan thuộc Chính phủ",
        "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "Thủ trưởng cơ quan, tổ chức có liên quan"], [], None)]),
    # a sender's letter told as news assigns nothing; "đề nghị các đồng chí ... cho ý kiến" does;
    # a draft ("dự thảo") is no event to attend
    ("1. Thời gian: 08 giờ 00, ngày 03/3/2026.\n"
     "Văn phòng Trung ương Đảng có văn bản số 15000-CV/VPTW ngày 23/5/2025 gửi Đảng ủy Chính phủ đề nghị cho ý kiến. "
     "Văn phòng Đảng ủy đã phối hợp với Bộ Khoa học và Công nghệ dự thảo báo cáo.\n"
     "Văn phòng Đảng ủy Chính phủ kính đề nghị các đồng chí Ủy viên Ban Thường vụ Đảng ủy Chính phủ cho ý kiến đối với dự thảo báo cáo.",
     [(["các đồng chí Ủy viên Ban Thường vụ Đảng ủy Chính phủ"], [], None)]),
    # an intro item ("..., trong đó lưu ý:") gives its units to the bullets under it, not to the next numbered heading
    ("1. Về công tác chuẩn bị Lễ Khai giảng, giao UBND xã chỉ đạo thực hiện nghiêm túc, trong đó lưu ý:\n"
     "- Tăng cường công tác tuyên truyền về Lễ kỷ niệm.\n2. Cho ý kiến một số nội dung Ban Xây dựng Đảng trình, gồm:\n"
     "- Tờ trình số 13-TTr/BXDĐ về chủ trương kiện toàn Ban Chấp hành;",
     [(["UBND xã"], [], None), (["UBND xã"], [], None)]),
    # a relative clause before a duty is part of the unit; "X là người chịu trách nhiệm"
    ("4. Trách nhiệm của các cá nhân\n- Người ký văn bản là người chịu trách nhiệm về thể thức văn bản.\n"
     "- Chánh văn phòng hoặc người được giao phụ trách công tác văn phòng có trách nhiệm thẩm định thể thức.\n"
     "- Cán bộ, nhân viên được giao soạn thảo văn bản có trách nhiệm thực hiện đúng hướng dẫn.",
     [(["Người ký văn bản"], [], None), (["Chánh văn phòng hoặc người được giao phụ trách công tác văn phòng"], [], None),
      (["Cán bộ, nhân viên được giao soạn thảo văn bản"], [], None)]),
    # a guide's scope, its table of abbreviations and its layout rules assign nothing
    ("Các cơ quan, tổ chức hoạt động theo Luật Doanh nghiệp không thuộc đối tượng áp dụng văn bản này.\n"
     "* Các cơ quan tham mưu, giúp việc\nUỷ ban Kiểm tra Trung ương: UBKTTW\nBan tổ chức tỉnh uỷ: BTCTU\n"
     "Chữ ký của cơ quan chủ trì ở phía phải, các cơ quan, người tham gia khác trình bày ở phía trái.", []),
    # a lower-case verb after a bare capitalised head is part of the name; "cụ thể hoá", "tiến hành" are actions
    ("Tổng cục thống kê có trách nhiệm phối hợp với Tổng cục quản lý ruộng đất xây dựng quy trình.\n"
     "Cơ quan Uỷ ban Kiểm tra Trung ương, Quân uỷ Trung ương và Đảng uỷ Ngoài nước cụ thể hoá một số điểm trong Hướng dẫn này.",
     [(["Tổng cục thống kê"], ["Tổng cục quản lý ruộng đất"], None),
      (["Cơ quan Uỷ ban Kiểm tra Trung ương", "Quân uỷ Trung ương", "Đảng uỷ Ngoài nước"], [], None)]),
    # a sibling letter item ends what the last letter introduced; "Ở cấp xã cần ..."
    ("a) Bộ Văn hóa và Thông tin có trách nhiệm:\n- Cung cấp giấy in bản đồ.\n"
     "b) Tổng cục thống kê có trách nhiệm xây dựng quy trình kỹ thuật.\n"
     "Công tác đo đạc cần được hoàn thành trong thời gian ngắn.\nỞ cấp xã cần thành lập Hội đồng đăng ký ruộng đất.",
     [(["Bộ Văn hóa và Thông tin"], [], None), (["Tổng cục thống kê"], [], None), (["cấp xã"], [], None)]),
    # "Đối với X, đề nghị đơn vị ...": the unit is X; "Trường hợp ..., cơ sở KCB có trách nhiệm ...";
    # "X có văn bản đề nghị Y ...": X does the work
    ("- Đối với các cơ sở KCB đã đầu tư mở rộng quy mô nhưng chưa điều chỉnh giấy phép, đề nghị đơn vị làm thủ tục điều chỉnh.\n"
     "- Trường hợp cơ sở KCB tăng số giường bệnh, cơ sở KCB có trách nhiệm bổ sung nhân lực.\n"
     "- Để giảm tình trạng nằm ghép, BHXH các tỉnh có văn bản đề nghị các cơ sở KCB BHYT sớm xây dựng hướng dẫn.",
     [(["các cơ sở KCB đã đầu tư mở rộng quy mô nhưng chưa điều chỉnh giấy phép"], [], None),
      (["cơ sở KCB"], [], None), (["BHXH các tỉnh"], [], None)]),
    # glued syllables of a text layer are split before units are read
    ("- Ban Thường vụĐảng uỷtriển khai kế hoạch chuyển đổi số.",
     [(["Ban Thường vụ Đảng uỷ"], [], None)]),
]

DOC_TYPE_CASES = [
    # a report's account of work done assigns nothing ...
    ("Báo cáo", "- UBND xã, các cơ quan, đơn vị triển khai thực hiện phòng, chống dịch bệnh.\n"
                "2. Ủy ban nhân dân xã\n- Đã tổ chức thăm hỏi các gia đình chính sách.", []),
    # ... but its explicit requests do
    ("Báo cáo", "Đề nghị các sở, ban, ngành tiếp tục rà soát thủ tục hành chính nội bộ.", [(["các sở, ban, ngành"], [], None)]),
    # a phiếu trình: only a proposal to assign is a task
    ("Phiếu trình", "2. Các sở, ban, ngành, đơn vị, địa phương trình (kết quả đề nghị): Công an tỉnh.\n"
                    "4. Phòng chuyên môn đề xuất phương án: Chuyên viên đề xuất giao Sở Nội vụ nghiên cứu, tham gia góp ý.",
     [(["Sở Nội vụ"], [], None)]),
    ("Tờ trình", "Sở Tư pháp kính trình UBND tỉnh xem xét, ký ban hành Quyết định.\nĐề nghị UBND tỉnh xem xét, phê duyệt.", []),
]

GLUE_CASES = [
    ("Ban Thường vụĐảng uỷtriển khai", "Ban Thường vụ Đảng uỷ triển khai"),
    ("chuẩn bịchương trình kỷniệm", "chuẩn bị chương trình kỷ niệm"),
    ("Cơ quan chủtrì", "Cơ quan chủ trì"),
    ("hiệu quảChỉ thịsố55-CT/TU", "hiệu quả Chỉ thị số 55-CT/TU"),
    ("online Internet UBND VNeID eGov", "online Internet UBND VNeID eGov"),   # not Vietnamese syllables
    ("nghiêng ngoằn thuyền khuyết người", "nghiêng ngoằn thuyền khuyết người"),   # one syllable each
]
# fmt: on


@pytest.mark.parametrize("body,expected", STRUCTURE_CASES, ids=[c[0][:40] for c in STRUCTURE_CASES])
def test_task_structure(body, expected):
    assert _tasks(body) == expected


@pytest.mark.parametrize("doc_type,body,expected", DOC_TYPE_CASES, ids=[f"{c[0]}-{c[1][:30]}" for c in DOC_TYPE_CASES])
def test_tasks_by_doc_type(doc_type, body, expected):
    assert _tasks(body, doc_type=doc_type) == expected


@pytest.mark.parametrize("text,expected", GLUE_CASES, ids=[c[0][:30] for c in GLUE_CASES])
def test_despace(text, expected):
    assert despace(text) == expected


def _positioned(rows: list[tuple[float, str]]) -> ParsedDocument:
    lines, offset = [], 0
    for x0, text in rows:
        lines.append(Line(text=text, start=offset, end=offset + len(text), x0=x0, x1=x0 + 20 * len(text), page=1))
        offset += len(text) + 1
    return ParsedDocument(file="t.pdf", doc_id="0", format=InputFormat.PDF, reader="test",
                          text="\n".join(x.text for x in lines), lines=lines, zones=[Zone(kind="body", lines=lines)])


# fmt: off
INDENT_CASES = [
    # (x0, line) rows; margin 380, first-line indent 480
    ([(480, "Điều 2. Chức năng, nhiệm vụ của Tổ Công tác cải cách hành chính"),
      (480, "Nghiên cứu, đề xuất với Chính phủ, Thủ tướng Chính phủ các nhiệm vụ"),
      (380, "về cải cách hành chính trên phạm vi toàn quốc."),
      (480, "Điều 3. Quyết định này có hiệu lực kể từ ngày ký."),
      (380, "nhiệm vụ được giao trong năm."), (380, "Các nội dung khác thực hiện theo quy định.")],
     [(["Tổ Công tác cải cách hành chính"], [], None)]),
    # a wrapped line at the margin continues its paragraph even when it starts with a capital
    ([(500, "Điều 3. Bộ trưởng Bộ Nội vụ, Hội đồng nhân dân, Ủy ban nhân dân thành phố"),
      (385, "Đà Nẵng và ông Nguyễn Mạnh Hùng chịu trách nhiệm thi hành Quyết định này./."),
      (385, "Các nội dung khác thực hiện theo quy định."), (385, "Các nội dung khác thực hiện theo quy định."),
      (385, "Các nội dung khác thực hiện theo quy định.")],
     [(["Bộ trưởng Bộ Nội vụ", "Hội đồng nhân dân thành phố Đà Nẵng", "Ủy ban nhân dân thành phố Đà Nẵng",
        "ông Nguyễn Mạnh Hùng"], [], None)]),
]
# fmt: on


@pytest.mark.parametrize("rows,expected", INDENT_CASES, ids=[c[0][0][1][:30] for c in INDENT_CASES])
def test_first_line_indent_starts_a_paragraph(rows, expected):
    record = Record(file="t.pdf", date="2026-02-25")
    got = [(t.assignees, t.coordinators, t.deadline) for t in find_tasks(_positioned(rows), record)]
    assert got == expected


def _laid_out(rows: list[tuple[float, float, bool, str]]) -> ParsedDocument:
    """Body lines with their left and right edges and weight, as a PDF reader gives them."""
    lines, offset = [], 0
    for x0, x1, bold, text in rows:
        lines.append(Line(text=text, start=offset, end=offset + len(text), x0=x0, x1=x1, bold=bold, page=1))
        offset += len(text) + 1
    return ParsedDocument(file="t.pdf", doc_id="0", format=InputFormat.PDF, reader="test",
                          text="\n".join(x.text for x in lines), lines=lines, zones=[Zone(kind="body", lines=lines)])


FILLER = [(85, 520, False, "Các nội dung khác thực hiện theo quy định hiện hành của pháp luật và của tỉnh.")] * 3

# fmt: off
WRAP_CASES = [
    # (x0, x1, bold, line) rows; margin 85, indent 121, right edge 520
    # a line that ran to the right edge without ending its sentence goes on on the next line,
    # even when that line starts with a unit's capital and the item is printed bold
    ([(121, 520, True, "2. Ủy ban nhân dân các xã, phường chủ trì, phối hợp với"),
      (85, 400, True, "Phòng Nội vụ tổng hợp số liệu biên chế, hoàn thành trong quý II/2026.")] + FILLER,
     [(["Ủy ban nhân dân các xã, phường"], ["Phòng Nội vụ"], "2026-06-30")]),
    # a short bold heading is not wrapped: the line under it starts its own paragraph
    ([(121, 300, True, "1. Về rà soát biên chế"),
      (85, 520, False, "Sở Nội vụ rà soát, tổng hợp số liệu biên chế của các cơ quan, đơn vị trước ngày")] + [
      (85, 300, False, "15/4/2026.")] + FILLER,
     [(["Sở Nội vụ"], [], "2026-04-15")]),
]
# fmt: on


@pytest.mark.parametrize("rows,expected", WRAP_CASES, ids=[c[0][0][3][:30] for c in WRAP_CASES])
def test_wrapped_pdf_lines_join_their_paragraph(rows, expected):
    record = Record(file="t.pdf", date="2026-02-25")
    got = [(t.assignees, t.coordinators, t.deadline) for t in find_tasks(_laid_out(rows), record)]
    assert got == expected
