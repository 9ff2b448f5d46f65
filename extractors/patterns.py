"""Patterns and closed vocabularies, as data.

Every pattern is compiled once, in verbose mode, case-insensitive unless said
otherwise. Vietnamese tone marks may sit on either vowel of oa/oe/uy
(`hòa`/`hoà`, `ủy`/`uỷ`); patterns spell both where a landmark has them.
Rules follow Nghị định 30/2020/NĐ-CP (state) and Hướng dẫn 36-HD/VPTW (Party).
"""
from __future__ import annotations

import regex

F = regex.VERBOSE | regex.IGNORECASE | regex.VERSION1


def _c(pattern: str, flags: int = F) -> regex.Pattern[str]:
    return regex.compile(pattern, flags)


# --- Document types ---------------------------------------------------------
# tên loại (sentence case, as the contract writes it) -> ký hiệu abbreviations
# (ND30 Phụ lục III; Party HD36). Công văn has none in the state system, CV in
# the Party's. Mixed-case abbreviations (QyĐ, CTr, TTr) must not be upper-cased.
DOC_TYPES: dict[str, tuple[str, ...]] = {
    "Nghị quyết": ("NQ",),
    "Quyết định": ("QĐ",),
    "Chỉ thị": ("CT",),
    "Quy chế": ("QC",),
    "Quy định": ("QyĐ", "QĐi"),
    "Thông cáo": ("TC",),
    "Thông báo": ("TB",),
    "Hướng dẫn": ("HD",),
    "Chương trình": ("CTr",),
    "Kế hoạch": ("KH",),
    "Phương án": ("PA",),
    "Đề án": ("ĐA",),
    "Dự án": ("DA",),
    "Báo cáo": ("BC",),
    "Biên bản": ("BB",),
    "Tờ trình": ("TTr",),
    "Hợp đồng": ("HĐ",),
    "Công văn": ("CV",),
    "Công điện": ("CĐ",),
    "Bản ghi nhớ": ("BGN",),
    "Bản thỏa thuận": ("BTT",),
    "Giấy ủy quyền": ("GUQ",),
    "Giấy mời": ("GM",),
    "Giấy giới thiệu": ("GGT",),
    "Giấy nghỉ phép": ("GNP",),
    "Phiếu gửi": ("PG",),
    "Phiếu chuyển": ("PC",),
    "Phiếu báo": ("PB",),
    "Phiếu trình": ("PT",),
    "Kết luận": ("KL",),
    "Thông tư": ("TT",),
    "Nghị định": ("NĐ",),
    "Luật": (),
    "Pháp lệnh": (),
    "Thông tri": ("TTr",),
    "Quy chế phối hợp": (),
}

# Type headings as printed in capitals on their own line (ô 5a). Longest first so
# "QUY CHẾ PHỐI HỢP" wins over "QUY CHẾ".
def _type_alternation() -> str:
    names = sorted(DOC_TYPES, key=len, reverse=True)
    alts = []
    for name in names:
        words = []
        for w in name.upper().split():
            # allow either tone placement for oa/oe/uy words (THỎA/THOẢ, ỦY/UỶ)
            w = w.replace("ỎA", "(?:ỎA|OẢ)").replace("ỦY", "(?:ỦY|UỶ)")
            words.append(w)
        alts.append(r"\s+".join(words))
    return "|".join(alts)


# Type names in capitals, as a type heading prints them (case-sensitive use).
TYPE_NAMES = _type_alternation()

# A line that is only a type heading: "QUYẾT ĐỊNH", "KẾ HOẠCH", "CÔNG ĐIỆN HỎA TỐC".
TYPE_HEADING = _c(
    rf"""
    ^\s*\**\s*
    (?P<type>{TYPE_NAMES})
    (?=\s*\**\s*$|\s+(?:HỎA\s+TỐC|KHẨN|THƯỢNG\s+KHẨN)\b|\s+(?:V/v|Về|Ban\s+hành|Thực\s+hiện|Triển\s+khai|Sơ\s+kết|Tổng\s+kết)\b)
    """,
    regex.VERBOSE | regex.VERSION1,  # case-sensitive: headings are capitals
)

# --- Header landmarks --------------------------------------------------------
# Quốc hiệu of the state, and the Party's title. Text layers sometimes break a
# word with a space ("CỘ NG"), so allow spaces inside words.
QUOC_HIEU = _c(
    r"""
    C\s?Ộ\s?N\s?G\s+H\s?(?:ÒA|OÀ)\s+X\s?Ã\s+H\s?Ộ\s?I\s+C\s?H\s?Ủ\s+N\s?G\s?H\s?Ĩ\s?A
    (?:\s+V\s?I\s?Ệ\s?T\s+N\s?A\s?M)?
    """
)
DANG_CSVN = _c(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
VIET_NAM = _c(r"^\s*VIỆT\s+NAM\s*$")
TIEU_NGU = _c(r"Độc\s*lập\s*[-–]?\s*Tự\s*do\s*[-–]?\s*Hạnh\s*phúc")

# Decorative rules under the header bodies: "-------", "*", "_____", "---o0o---".
RULE = _c(r"^\s*(?:[-–_=*.…o0O ]{1,}|\*)\s*$")

# "Số: 245/SKHCN-KHCN", "Số 458-CV/ĐU", "Số:      /UBND-NC", "Số: -CV/ĐU".
# The code runs to the first space that is not inside the code.
SO_LINE = _c(
    r"""
    (?<![\p{L}\d])S[ốố]\s*(?::|\.)?\s*
    (?P<code>
        (?:\d[\d\s.]*)?                          # the number (may be blank in drafts)
        (?:[…\.]{0,6}\s*)?                       # dots left for a hand-written number
        [/-]\s?                                   # separator: / (state) or - (Party)
        # ký hiệu groups; `&` joins two letters of one unit's initials: "HD-KT&ĐBCL"
        [\p{L}\d](?:[\p{L}\d.]|&(?=\p{L}))*(?:\s?[/-]\s?[\p{L}\d](?:[\p{L}\d.]|&(?=\p{L}))*)*
    )
    """
)

# "Lai Châu, ngày 25 tháng 02 năm 2026", "Hà Nội, ngày      tháng     năm 2026",
# "Bình Lư, ngày ... tháng ... năm ...". The place is 1-5 capitalised words.
DATE_LINE = _c(
    r"""
    # a hyphen between capitalised words joins one name: "Phan Rang - Tháp Chàm"
    (?P<place>(?:(?:Thành\s+phố|Thị\s+xã|Thị\s+trấn|Đặc\s+khu)\s+)?(?:\p{Lu}[\p{L}'’.-]*(?:\s+[-–](?=\s+\p{Lu}))?\s*){1,6}?)\s*,?\s*
    [Nn]gày\s*(?P<day>\d{1,2}|[.…_\s]*?)\s*
    tháng\s*(?P<month>\d{1,2}|[.…_\s]*?)\s*
    năm\s*(?P<year>\d{4}|[.…_\s]*)
    """,
    regex.VERBOSE | regex.VERSION1,
)
# A date line OCR garbled past its first word ("Kiên Giang ngày2 2017",
# "Kiên Giang, ngày} 11 năm 2017"): the place before "ngày" is still printed.
# Used only when DATE_LINE finds nothing, and only for a place the gazetteer knows.
DATE_LINE_PLACE = _c(
    r"""^\s*(?P<place>(?:(?:Thành\s+phố|Thị\s+xã|Thị\s+trấn|TP\.)\s*)?\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3})
        \s*,?\s*[Nn]gày""",
    regex.VERBOSE | regex.VERSION1,
)
# A công điện's address line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG điện:",
# "THỦ TƯỚNG CHÍNH PHỦ điện:"): the list under it is the Kính gửi of a công điện.
DIEN_ADDRESS = _c(r"^(?:\p{Lu}[\p{Lu}\d-]*\s+)+(?:điện|ĐIỆN)\s*:\s*$", regex.VERSION1)
# The same without a place, for finding the date line's start.
# Case-sensitive: "NGÀY 18 THÁNG 12 NĂM 2019" in a capitals trích yếu is a
# citation's date, not the date line.
DATE_PHRASE = _c(
    r"""ngày\s*(?:\d{1,2}|[.…_\s]*?)\s*tháng\s*(?:\d{1,2}|[.…_\s]*?)\s*năm\s*(?:\d{4}|[.…_\s]*)""",
    regex.VERBOSE | regex.VERSION1,
)

# "V/v triển khai ..." (also "V/V", "V.v", "Về việc:").
VV = _c(r"^\s*\*?\s*(?:V\s?/\s?[Vv]|V\.v)\s*[:.]?\s*")

KINH_GUI = _c(r"^\s*[-*\s]*Kính\s*gửi\s*[:.]?\s*\**\s*")
# "Nơi nhận:" (alone, or with the first item after it). A sentence that starts
# with the words ("Nơi nhận văn bản xác định ...", in a formatting guide) is not it.
NOI_NHAN = _c(r"^\s*\**\s*Nơi\s*nhận\s*\**\s*(?:[:.]|$|(?=[-–+•]))\s*\**\s*")

# Signing authority prefixes (ND30: TM., KT., TL., TUQ., Q.; HD36: T/M, K/T, T/L).
# Plain-text exports and DOCX cells often print the prefix alone on its line.
AUTHORITY_BARE = _c(r"^\s*\**\s*(?:T\s?/\s?M|K\s?/\s?T|T\s?/\s?L|TM|KT|TL|TUQ|Q)\s*[.:]?\s*\**\s*$", regex.VERSION1)
AUTHORITY = _c(
    r"""
    ^\s*\**\s*
    (?P<prefix>T\s?/\s?M|K\s?/\s?T|T\s?/\s?L|TM|KT|TL|TUQ|Q)
    (?:\s*[.:]\s*(?=\p{Lu}|$)   # a dot, the holder run on ("KT.CHỦ TỊCH") or on the next line ("KT." / "GIÁM ĐỐC")
      |\s+(?=\p{Lu})            # or a space before the holder ("T/M BAN THƯỜNG VỤ")
      |(?<=/\s?[MTL])\s*$)       # or a Party "T/M" alone on its line
    """,
    regex.VERBOSE | regex.VERSION1,  # case-sensitive: "Tm" is not an authority
)

# Signer titles as printed in capitals (7a).
SIGNER_TITLE = _c(
    r"""
    ^\s*\**\s*
    (?:(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|BÍ\s+THƯ|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+BAN|TRƯỞNG\s+PHÒNG|
        THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|CỤC\s+TRƯỞNG|VIỆN\s+TRƯỞNG|HIỆU\s+TRƯỞNG|
        TỔNG\s+GIÁM\s+ĐỐC|CHÁNH\s+THANH\s+TRA|TRƯỞNG\s+ĐOÀN|TỔ\s+TRƯỞNG|CHỦ\s+NHIỆM|
        GIÁM\s+ĐỐC\s+CÔNG\s+AN|TRƯỞNG|CHÁNH|PHÓ)
    )\b
    """,
    regex.VERBOSE | regex.VERSION1,
)

# First words of the body: once one of these starts a line the header is over.
BODY_START = _c(
    r"""
    ^\s*\**\s*
    (?:Căn\s+cứ|Thực\s+hiện|Theo\s+(?:đề\s+nghị|chỉ\s+đạo|Công\s+văn|Văn\s+bản|Quyết\s+định|Kế\s+hoạch)|
       Để\s|Nhằm|Trên\s+cơ\s+sở|Tiếp\s+theo|Phúc\s+đáp|Trả\s+lời|Ngày\s+\d|Xét\s|Qua\s|Sau\s+khi|
       Vừa\s+qua|Thời\s+gian\s+qua|Trong\s+(?:thời\s+gian|những\s+năm|năm)|Hiện\s+nay|Nhân\s+dịp)
    """
)

# The body's first sentence run onto the Kính gửi line of a plain-text export
# ("Kính gửi: Sở Y tế Phúc đáp Công văn số ..."): a capitalised opening of the
# body after a recipient ends it. Case-sensitive: "thực hiện" inside a name stays.
BODY_RUN_ON = _c(
    r"""\s+(?=(?:Căn\s+cứ|Thực\s+hiện|Phúc\s+đáp|Trả\s+lời|Tiếp\s+theo|Nhằm|Vừa\s+qua|
        Theo\s+(?:đề\s+nghị|chỉ\s+đạo|Công\s+văn|Văn\s+bản|Quyết\s+định|Kế\s+hoạch))\s)""",
    regex.VERBOSE | regex.VERSION1,
)

# --- Field patterns (header and footer extractors) -----------------------------

# A date line written with numbers: "Hà Nội, 25/02/2026", "Hà Nội, 25-02-2026".
DATE_NUMERIC = _c(
    r"""
    (?P<place>(?:\p{Lu}[\p{L}'’.-]*\s*){1,5}?)\s*,\s*
    (?:ngày\s*)?(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})\b
    """,
    regex.VERBOSE | regex.VERSION1,
)

# A ký hiệu's groups: state "06/2024/QĐ-UBND" (number / [year /] type - issuer),
# Party "458-CV/ĐU" (number - type / issuer). Used to read the type abbreviation.
STATE_CODE = _c(r"^(?P<num>\d*[…\.]*)/(?:\d{4}/)?(?P<abbr>[\p{L}\d.&]+)(?:-(?P<rest>.*))?$")
PARTY_CODE = _c(r"^(?P<num>\d*[…\.]*)-(?P<abbr>[\p{L}\d.&]+)/(?P<rest>.+)$")

# Words that open a lower-level administrative unit: a header line starting with
# one continues the body above it ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC GIANG").
LEVEL_WORD = _c(r"^(?:TỈNH|HUYỆN|XÃ|PHƯỜNG|THỊ\s+XÃ|THỊ\s+TRẤN|THÀNH\s+PHỐ|QUẬN|ĐẶC\s+KHU|TP\.)\s", regex.VERSION1)

# Header marks that are not bodies: secrecy, urgency, draft boxes, circulation.
HEADER_MARK = _c(
    r"""^\s*\(?\s*(?:DỰ\s+THẢO|TUYỆT\s+MẬT|TỐI\s+MẬT|MẬT|HỎA\s+TỐC|HOẢ\s+TỐC|THƯỢNG\s+KHẨN|KHẨN|
        XEM\s+XONG\s+TRẢ\s+LẠI|LƯU\s+HÀNH\s+NỘI\s+BỘ|BẢN\s+SAO)\b""",
    regex.VERBOSE | regex.VERSION1,
)

# Signature-block notes that are not the signer: "(Đã ký)", "(Đã ký và đóng dấu)",
# "(ký, ghi rõ họ tên)", "Ký bởi: ...", a seal description "(Dấu của ...)".
SIGNED_NOTE = _c(
    r"""^\s*\((?:[^)]*\b(?:ký|dấu|chữ\s+ký)\b[^)]*)\)\s*$
        |^\s*(?:Đã\s+ký|Ký\s+bởi|Người\s+ký|Thời\s+gian\s+ký|Ngày\s+ký)\b
        |^\s*!\[[^\]]*\]\([^)]*\)\s*$                                    # a Markdown image (the signature scan)
        |^\s*\[[^\]]*(?:ký|dấu|chữ\s+ký|image|hình|ảnh|signature|seal)[^\]]*\]\s*$  # "[Chữ ký, đóng dấu]", "[image]"
        """
)

# Ranks and degrees printed before a signer's name; not part of the name.
NAME_PREFIX = _c(
    r"""^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|Chuẩn\s+đô\s+đốc|Phó\s+đô\s+đốc|Đô\s+đốc|
        Đại\s+úy|Đại\s+uý|Thượng\s+sĩ|Trung\s+sĩ|
        (?:GS|PGS|TS|ThS|BS|KS|CN|Ts|Ths)\.?(?:\s*[,.]?\s*(?:TS|ThS|BS|KS|CKII|CKI)\.?)*|Bác\s+sĩ|Tiến\s+sĩ|Thạc\s+sĩ)\s+""",
    regex.VERBOSE | regex.VERSION1,
)

# A person's name: 2-6 capitalised words (Vietnamese names are short).
# Ethnic-minority names may carry an apostrophe and a second capital (H'Wen Niê).
# K'Ho names may print the apostrophe before a space ("K' Hoàng Vinh").
PERSON_NAME = _c(r"^(?:\p{Lu}(?:['’]\p{Lu})?\p{Ll}*(?:\.|['’])?\s+){1,5}\p{Lu}(?:['’]\p{Lu})?\p{Ll}*$", regex.VERSION1)

# A line that cannot continue a trích yếu under a type heading: an article or
# chapter ("Điều 1.", "Chương I"), a numbered or bulleted item, Nơi nhận, or a
# công điện's address line ("THỦ TƯỚNG CHÍNH PHỦ điện:").
TITLE_STOP = _c(
    r"""^\s*\**\s*(?:Điều\s+\d+\b|Chương\s+[IVXLC\d]+\b|Mục\s+\d+\b|Phần\s+(?:thứ\s+)?[IVXLC\d]+\b|
        [IVXLC]{1,5}\.\s|\d{1,2}\.\s|[a-zđ]\)\s|[-–+•]\s|Nơi\s+nhận\b|Kính\s+gửi\b|
        (?:\p{Lu}[\p{Lu}\d-]*\s+)+(?:điện|ĐIỆN)\s*:\s*$)""",
    regex.VERBOSE | regex.VERSION1,
)

# The opening of the body run onto the trích yếu's line, when a paragraph that
# did not end in punctuation was merged with the next ("... năm 2024 Thực hiện
# Kế hoạch số ..."). Capitalised mid-line, after a lower-case or digit word.
INNER_BODY_START = _c(
    r"""(?<=[\p{Ll}\d)”"]\s+)
        (?:Căn\s+cứ|Thực\s+hiện|Theo\s+(?:đề\s+nghị|chỉ\s+đạo|bản\s+tin|báo\s+cáo)|Để\s|Nhằm\s|Trên\s+cơ\s+sở|
           Tiếp\s+theo|Phúc\s+đáp|Trả\s+lời|Ngày\s+\d{1,2}(?:\s+tháng|/)|Vừa\s+qua|Thời\s+gian\s+qua|Hiện\s+nay|
           Sau\s+khi|Điều\s+1\.|Chương\s+I\b|(?:CHỦ\s+TỊCH|THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|GIÁM\s+ĐỐC|
           (?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH)(?:\s+\p{Lu}[\p{Lu}\d-]*)*\s+(?:điện|ĐIỆN)\b)""",
    regex.VERBOSE | regex.VERSION1,
)
