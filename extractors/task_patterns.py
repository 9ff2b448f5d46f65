"""The patterns of the task extractor (`extractors.tasks`), compiled once: what a sentence,
an intro, a heading, an invitation's parts and the things that are no work look like.

Each block says what it matches and why; the rules that use them are in `extractors.tasks`.
"""
from __future__ import annotations

import regex

from extractors import body_patterns as B

# a sentence ends at . ! ? ; before a capital, not after a title or a place's abbreviation
# ("liên hệ TS. Vương Ánh Dương", "ThS. Nguyễn Văn A", "TP. Hồ Chí Minh")
_SENT = regex.compile(
    r"(?<=[.!?;])(?<!(?<![\p{L}])(?:TS|ThS|Ths|PGS|GS|BS|BSCKI|BSCKII|DS|CN|KS|NCS|TP|Tp|St|Q|P)\.)\s+(?=[\p{Lu}])",
    regex.VERSION1)

# a sentence that elaborates the one before it ("Bao gồm các thông tin: ..."): it goes on with that task
_ELABORATION = regex.compile(r"^\W*(?:Bao\s+gồm|Gồm|Trong\s+đó|Ví\s+dụ)(?![\p{L}])", regex.VERSION1)

# "Chức năng, nhiệm vụ (và quyền hạn) của X", "Trách nhiệm của X": X is the unit of what follows
_OWNER = r"(?:Chức\s+năng\s*,?\s*(?:và\s+)?)?(?:Nhiệm\s+vụ|nhiệm\s+vụ|Trách\s+nhiệm)(?:\s*,?\s*(?:và\s+)?quyền\s+hạn)?\s+của"

_HEAD_PREFIX = regex.compile(rf"^(?:Về|Đối\s+với|Giao|Đề\s*nghị|{_OWNER})\s+", regex.VERSION1)

_NOT_TASK_TAIL = regex.compile(r"(?:như\s+sau|sau\s+đây|các\s+nội\s+dung\s+sau|cụ\s+thể)\s*:?\s*$|^\S+(?:\s+\S+){0,3}\s*:\s*$")

# the end of a sentence that introduces the items below it ("... thực hiện một số nội dung sau:")
_INTRO_END = regex.compile(
    r"(?:như\s+sau|sau\s+đây|(?:các|một\s+số|những)\s+(?:nội\s+dung|nhiệm\s+vụ|việc|công\s+việc|yêu\s+cầu)"
    r"(?:\s+\S+){0,2}?\s+(?:sau|dưới\s+đây)|cụ\s+thể)\s*:\s*$"
)

# the same on an OCR'd line whose words are misread ("thực hiện một: số fiệi dung Sâu:"): on the
# folded text, with stray stops dropped, "(các|một số|những) <one to three words> sau:" at the end
_INTRO_END_LOOSE = regex.compile(r"(?:^|\s)(?:cac|mot\s+so|nhung)\s+(?:\S+\s+){1,4}?(?:sau|duoi\s+day)\s*:\s*$")

# a heading's title word before the unit it is about: "Nhiệm vụ Tổ giúp việc ... có nhiệm vụ ...:"
_TITLE_PREFIX = regex.compile(r"^(?:Nhiệm\s+vụ|Trách\s+nhiệm)\s+(?=\p{Lu})", regex.VERSION1)

# "X có nhiệm vụ ...:" introduces the items that follow; X is their unit
_DUTY_INTRO = regex.compile(r"^(?:có|chịu)\s+(?:nhiệm\s+vụ|trách\s+nhiệm)|^thực\s+hiện\s+các\s+nhiệm\s+vụ", regex.VERSION1)

# a role given to a body, and its duty: "Cơ quan thường trực của Ban Chỉ đạo là Sở Y tế, có nhiệm vụ ...",
# "Đơn vị đầu mối là Văn phòng Sở; chịu trách nhiệm ...": the body after "là" has the duty
_DESIGNATED = regex.compile(
    r"^\W*\p{Lu}[^;:.]{2,80}?\s+là\s+(?P<unit>[^;,:]{3,120}?)\s*[;,]\s*(?=(?:có|chịu)\s+(?:trách\s+nhiệm|nhiệm\s+vụ))",
    regex.VERSION1)

# an agent phrase still open before a clause: "Hội nghị ... do Ủy viên Bộ Chính trị, Bí thư ..., Phó Thủ tướng ... chủ trì"
_AGENT_OPEN = regex.compile(r"(?<![\p{L}])do\s+\p{Lu}[^;:.]*$", regex.VERSION1)

_AGENT_BEFORE = regex.compile(r"(?<=\S\s)do\s+[^,;:.]{1,60}\s$", regex.VERSION1)

# the head row of a list's table, read as a line of text (a scan, a pasted form): "STT Họ và tên Chức vụ ..."
# (at the line's start, a few header words before it at most: a file name "STT_Mã SV_Họ tên" in prose is none)
_TABLE_HEAD = regex.compile(r"^\W*(?:\S+\s+){0,3}?(?:STT|TT|Số\s+TT)\s[^.;_]{0,40}?(?<![\p{L}])Họ\s+(?:và\s+)?tên(?![\p{L}])",
                            regex.VERSION1)

_CAPTION = regex.compile(r"^\W*(?:Hình|Ảnh|Sơ\s+đồ|Biểu\s+đồ|Bảng)\s+\d+(?:\.\d+)?\s*[-–:.]", regex.VERSION1)

# a bare "do" before the items: "yêu cầu các đơn vị thực hiện:", "đề nghị các xã triển khai thực hiện:"
_BARE_DO = regex.compile(
    r"^(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai)(?:\s+(?:tốt|nghiêm|ngay|nghiêm\s+túc|khẩn\s+trương))?\s*:\s*$",
    regex.VERSION1)

# members of a body listed under a heading ("a) Ông Trần Văn A - Phó Giám đốc Sở X;"), not tasks
_MEMBER = regex.compile(r"^(?:Ông|Bà|Ông/bà|Ông/Bà|Đồng\s+chí|Đ/c)(?![\p{L}])", regex.VERSION1)

# ... or an office and a person's name with no verb: "- Thứ trưởng Bộ Y tế Đỗ Xuân Tuyên."
_NAME_END = regex.compile(r"(?:\s\p{Lu}\p{Ll}*){2,4}\s*[.;,]?\s*$", regex.VERSION1)

# rights, not work: "Được sử dụng con dấu ...", "Được mời tham dự ..."
# a heading that goes on naming units after a verb-like word: "Các cơ quan, tham
# mưu giúp việc Đảng uỷ, Uỷ ban Mặt trận ... và các cấp uỷ trực thuộc"
_MORE_UNITS = regex.compile(rf"[,;]\s*(?={B.UNIT_START.pattern})", regex.VERSION1)

# a field of a description, not work: "Thời gian dự kiến: ngày 11/9/2026", "Địa điểm: ..."
_FIELD = regex.compile(r"^[^:,.;]{1,30}:\s")

_RIGHT = regex.compile(r"^Được\s", regex.VERSION1)

# the issuer's own acts, or a sender's letter told as news ("X có văn bản số ... gửi ..."), assign nothing
# ("X thông báo để ... biết", "thông báo kết luận ..."); a unit told to pass news on
# ("Trưởng các thôn thông báo đến từng hộ ... thực hiện ...") is given work; a paper's news ("đưa tin") none
_REPORTING = regex.compile(r"^(?:có\s+văn\s+bản\s+(?:số|gửi)|thông\s+báo(?=[^.;]*?(?:(?<![\p{L}])(?:biết|để)(?![\p{L}])|kết\s+luận|ý\s+kiến|như\s+sau|:))|yêu\s+cầu|đề\s+nghị|có\s+ý\s+kiến|kết\s+luận|quyết\s+định|ban\s+hành|kính\s+mời|mời|trân\s+trọng|đưa\s+tin)", regex.VERSION1 | regex.IGNORECASE)

# the enacting words of a decision ("QUYẾT ĐỊNH:"): what stands before them is the
# legal basis (căn cứ, xét đề nghị ...), which assigns nothing
_ENACTING = regex.compile(r"^\W*(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|CHỈ\s+THỊ|KẾT\s+LUẬN)\W*$", regex.VERSION1)

_BASIS = regex.compile(r"^(?:Căn\s+cứ|Xét\s|Theo\s+đề\s+(?:nghị|xuất))[^.]*;\s*$", regex.VERSION1)

_NEWS_DATE = regex.compile(r"^\W*(?:Vào\s+)?[Nn]gày\s+(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)\s*,", regex.VERSION1)

# a collective noun alone after a request is the body addressed: "Sở Y tế đề nghị đơn vị tiến hành ..."
_ADDRESSEE = regex.compile(r"^(?:đơn\s+vị|cơ\s+quan|cơ\s+sở|địa\s+phương|nhà\s+trường|Quý\s+cơ\s+quan|Quý\s+đơn\s+vị)$", regex.VERSION1)

# "Thành phần:", "3. Thành phần tham dự:", "Thành phần Ban Chỉ đạo gồm:": the list
# below names who attends or sits on a body; its items are people, not tasks
# ("Đối tượng tham dự:", "Đối tượng mời:" of a training's invitation too)
_MEMBERS_HEAD = regex.compile(
    r"^(?:Thành\s+phần|Thành\s+viên|Đại\s+biểu\s+mời|Đối\s+tượng\s+(?:tham\s+(?:dự|gia)|mời|được\s+mời|triệu\s+tập|dự))"
    r"[^:.;]{0,60}?(?:gồm(?:\s+có)?\s*)?:", regex.VERSION1)

# ... or a body set up with its members listed below: "Thành lập Hội đồng ..., gồm ông/bà:",
# "Kiện toàn Tổ công tác gồm các thành viên sau:", "... gồm các ông (bà) có tên sau đây:"
_MEMBERS_END = regex.compile(
    r"(?<![\p{L}])gồm(?:\s+có)?\s*(?:các\s+)?(?:ông\s*/\s*bà|ông\s*\(\s*bà\s*\)|ông\s*,\s*bà|thành\s+viên|đồng\s+chí|những\s+người)"
    r"[^:.;]{0,30}:\s*$", regex.VERSION1 | regex.IGNORECASE)

# an invitation's own sentence introducing the list of those invited
_INVITE_INTRO = regex.compile(r"(?<![\p{L}])(?:[Kk]ính\s+mời|[Tt]rân\s+trọng\s+mời|[Tt]riệu\s+tập)(?![\p{L}])", regex.VERSION1)

# a field of the invitation after the list: "2- Thời gian: ...", "Địa điểm: ..."
_EVENT_FIELD = regex.compile(r"^\W*(?:\d+\s*[-.)/]\s*)?(?:Thời\s+gian|Địa\s+điểm|Nội\s+dung|Kinh\s+phí|Chương\s+trình|Hình\s+thức)[^:]{0,30}:", regex.VERSION1)

_DONE = regex.compile(r"(?<![\p{L}])đã(?![\p{L}])", regex.VERSION1)  # work told as done is no directive

_INTRO = 99  # context level of an intro "Đề nghị X ... các nội dung sau:" (ends at the next topic heading)

_EVENT_DATE = regex.compile(r"(?:dự\s+kiến|(?:vào\s+)?lúc|bắt\s+đầu)[^.;\n]{0,40}?ngày\s*(\d{1,2}/\d{1,2}/\d{4})", regex.IGNORECASE)

# a request with nobody after it, ending the paragraph: "..., Chủ tịch UBND tỉnh yêu cầu:"
_ASKS_ADDRESSEES = regex.compile(r"(?<![\p{L}])(?:yêu\s+cầu|đề\s+nghị|chỉ\s+đạo)\s*:\s*$", regex.VERSION1)

# an item that opens with a short capitalised name and a colon: "Văn phòng Sở: Đảm bảo hậu cần ..."
_LABELLED_UNIT = regex.compile(r"^\p{Lu}[^:;.]{2,80}:\s*\p{Lu}", regex.VERSION1)

# "... thì <verb>": the consequence of a case, so a sentence
_THEN = regex.compile(r"(?<![\p{L}])thì\s+\p{Ll}", regex.VERSION1)

# a stop or a colon with a capitalised word after it: the line holds a sentence
_SENTENCE_INSIDE = regex.compile(r"(?<=[\p{L}\d)])[.:]\s+(?=\p{Lu}\p{Ll})", regex.VERSION1)

# where to ask for more: a contact note closing the request, no part of the work
# ("...; nếu cần thông tin chi tiết, xin liên hệ bác sĩ ...", ". Mọi chi tiết xin liên hệ ...")
_CONTACT_NOTE = regex.compile(
    r"\s*[;,.]\s*(?:(?:nếu|khi)\s+cần\s+(?:thêm\s+)?thông\s+tin|(?:mọi|Mọi)\s+(?:thông\s+tin\s+)?chi\s+tiết|"
    r"(?:thông|Thông)\s+tin\s+chi\s+tiết\s+(?:xin\s+)?liên\s+hệ|(?:xin|Xin)\s+liên\s+hệ).*$", regex.VERSION1)

# "các đồng chí sau đây", "các đại biểu có tên dưới đây": the same invitees as "các đồng chí"
_INVITED_POINTER = regex.compile(r"\s+(?:co\s+ten\s+)?(?:sau\s+day|duoi\s+day|sau)$")

# coming to the meeting, in an invitation's words
_ATTEND = regex.compile(r"(?<![\p{L}])(?:(?:đến|về|tới|tham)\s+dự|dự\s+(?:họp|hội\s+nghị|cuộc\s+họp|buổi|lễ)|có\s+mặt)(?![\p{L}])",
                        regex.VERSION1 | regex.IGNORECASE)

# the closing formula that asks them again: "sắp xếp công việc đến dự đầy đủ, đúng giờ"
_CLOSING_ATTEND = regex.compile(
    r"(?:sắp\s+xếp\s+(?:thời\s+gian|công\s+việc)[^.;]{0,40}?)?(?:đến|về|tới)\s+(?:tham\s+)?dự"
    r"(?:\s*,?\s*(?:đầy\s+đủ|đúng\s+giờ|đúng\s+thành\s+phần))*[\s./!]*$", regex.VERSION1 | regex.IGNORECASE)

INVITATION_TYPES = frozenset({"Giấy mời", "Thư mời"})

_LEVELS = frozenset({"tinh", "huyen", "xa", "phuong", "pho", "quan"})

# an intro that names what its items are: "... trên cơ sở tổng hợp các đề án:", "... các hồ sơ sau đây:"
_INTRO_PAPERS = regex.compile(r"(?:các|những|gồm)\s+(?P<noun>\p{Ll}+(?:\s+\p{Ll}+)?)\s*(?:sau(?:\s+đây)?|dưới\s+đây)?\s*:\s*$",
                              regex.VERSION1)

_DUE = regex.compile(r"(?<![\p{L}])(?:trước\s+ngày|chậm\s+nhất|hoàn\s+thành|hạn\s+chót)(?![\p{L}])", regex.VERSION1 | regex.IGNORECASE)
