"""Patterns and closed vocabularies of the body: citations, assignments, deadlines.

Data only (compiled once, verbose mode). The header landmarks live in
`extractors/patterns.py`; this file holds what the references, tasks and
deadline extractors need. Tone placement varies (`uỷ`/`ủy`, `hoà`/`hòa`), so
words with oa/oe/uy spell both.
"""
from __future__ import annotations

import regex

from extractors.patterns import DOC_TYPES

F = regex.VERBOSE | regex.IGNORECASE | regex.VERSION1
FS = regex.VERBOSE | regex.VERSION1  # case-sensitive


def _c(pattern: str, flags: int = F) -> regex.Pattern[str]:
    return regex.compile(pattern, flags)


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """Alternation of phrases, longest first, spaces matching any whitespace,
    oa/oe/uy accepting either tone placement."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        p = regex.escape(w).replace(r"\ ", " ")
        for a, b in (("ủy", "uỷ"), ("Ủy", "Uỷ"), ("hòa", "hoà"), ("Hòa", "Hoà"), ("thỏa", "thoả"),
                     ("hóa", "hoá"), ("khóa", "khoá"), ("khỏe", "khoẻ"), ("Thủy", "Thuỷ"), ("ỦY", "UỶ")):
            p = p.replace(a, f"(?:{a}|{b})")
        out.append(p.replace(" ", r"\s*"))
    return "|".join(out)


# --- Citations -----------------------------------------------------------------
# Type words that introduce a cited document. DOC_TYPES gives the ND30 list; the
# body also cites these (a "Văn bản số ..." names a công văn without saying so).
CITED_TYPES: tuple[str, ...] = tuple(DOC_TYPES) + (
    "Văn bản", "Chương trình hành động", "Thông tư liên tịch", "Nghị quyết liên tịch",
    "Bộ luật", "Luật", "Điều lệ", "Hiến pháp", "Quy chế làm việc", "Đề án", "Phương án",
    "Thông tri", "Kết luận", "Hướng dẫn", "Tiêu chuẩn", "Công điện",
)
CITED_TYPE = _alt(CITED_TYPES)

# Ký hiệu abbreviation -> type, to name a document cited by its code alone.
ABBREV_TYPES: dict[str, str] = {a: t for t, abbrs in DOC_TYPES.items() for a in abbrs}
ABBREV_TYPES.update({"CP": "Nghị định", "TTg": "Quyết định", "QH": "Luật", "TTLT": "Thông tư liên tịch"})

# A số/ký hiệu in running text: "591-CV/TU", "5689/BCA-C04", "30/2020/NĐ-CP",
# "169-CP", "2587-CV/VPTW/nb", a draft's blank "…/QĐ-BCĐ" / "/QĐ-BCĐ". A line
# break may fall after a separator ("57-\nNQ/TW"), so one space is allowed
# there; the ký hiệu needs a letter so "2025-2030" never matches.
CODE = r"""
    (?P<code>
      (?:\d{1,6}[a-z]?|[…\.]{1,12}|(?<=[Ss][ốỐ]\s{0,3}:?\s{0,3})(?=[/-]))      # number, dots of a draft, or blank
      (?:/\d{4})?                                             # year of a legal normative document
      [/-]\s?
      (?=[\p{L}\d]*\p{Lu})
      [\p{L}\d][\p{L}\d.&]*?
      (?:\s?[/-]\s?(?:-\s?)?[\p{L}\d][\p{L}\d&]*){0,3}     # OCR may double a dash: "08/QĐ- -TTg"
    )
    (?![\p{L}\d])
"""

# "Công văn số 591-CV/TU", "Quyết định 119/QĐ-UBND", "Văn bản số: 5689/BCA-C04".
CITATION = _c(
    rf"""
    (?<![\p{{L}}])
    (?P<type>{CITED_TYPE})
    (?:\s+(?:của\s+[^\d;]{{0,60}}?\s+)?)?      # rare "Quyết định của UBND tỉnh số ..."
    \s*(?:số|Số|SỐ)?\s*:?\s*
    {CODE}
    """
)

# A code with a known type abbreviation, cited without its type word:
# "(57-NQ/TW)", "theo 05-KH/BCĐTW". The abbreviation must be a DOC_TYPES one.
BARE_CODE = _c(
    rf"""
    (?<![\p{{L}}\d/-])
    (?P<code>
      \d{{1,6}}(?:/\d{{4}})?
      (?:-(?P<pabbr>{_alt(list(ABBREV_TYPES))})/[\p{{Lu}}Đ][\p{{L}}\d]*(?:[/-][\p{{L}}\d]+)?
        |/(?P<sabbr>{_alt(list(ABBREV_TYPES))})-[\p{{Lu}}Đ][\p{{L}}\d]*(?:-[\p{{L}}\d]+)?)
    )
    (?![\p{{L}}\d])
    """,
    FS,
)

# Dates after a code: ", ngày 15/01/2026", "ngày 05 tháng 3 năm 2020",
# "ban hành ngày ...", a draft's "ngày … tháng …".
DATE_NUM = r"(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})\s?[/.-]\s?(?P<y>\d{4})"
DATE_WORDS = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
CITE_DATE = _c(
    rf"""
    [\s,]*(?:\(|ban\s+hành\s+|được\s+ban\s+hành\s+)?
    (?:ngày|ngảy)\s*
    (?:{DATE_NUM}|{DATE_WORDS}|(?P<blank>[.…_\s]*tháng[.…_\s]*(?:năm\s*(?:\d{{4}}|[.…_]*))?))
    """
)

# "của Ban Thường vụ Tỉnh uỷ" after the code or date; the issuer runs to the
# first word that starts the trích yếu or the next citation.
CITE_ISSUER = _c(
    r"""[\s,]*(?:do\s+|của\s+)(?P<issuer>\p{Lu}(?:(?!\n[^\S\n]*\n)[^;,.()“"”:])*?)   # never past a blank line
        (?=\s+(?:về|V/v|về\s+việc|trong|năm|nêu|đã|đến|tại|theo|để|ban\s+hành|quy\s+định|hướng\s+dẫn|
                 ngày|và\s+(?:{types})|,\s*(?:{types}))\b|\s*[;,.()“"”:]|\s*$|[^\S\n]*\n[^\S\n]*\n)
    """.replace("{types}", CITED_TYPE)
)

# Laws and charters cited by name: "Luật Tổ chức chính quyền địa phương ngày 19
# tháng 6 năm 2015", "Bộ luật Lao động", "Điều lệ Đảng". The name runs to the
# first word that cannot be in it.
# second halves of law names made of a pair: "Phòng, chống ...", "Cán bộ, công chức", "Khám bệnh, chữa bệnh"
LAW_PAIRS: tuple[str, ...] = ("chống", "công chức", "viên chức", "chữa bệnh", "chăm sóc", "giáo dục", "cứu nạn",
                              "cứu hộ", "chữa cháy", "kiểm soát", "sử dụng", "khai thác", "phát triển", "xuất khẩu")
NAMED_DOC = _c(
    r"""
    (?<![\p{L}])
    (?P<type>Bộ\s+luật|Luật|Pháp\s+lệnh|Hiến\s+pháp|Điều\s+lệ)
    \s+
    (?:
      # an amending law is named by all it amends: "Luật sửa đổi, bổ sung một số điều
      # của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày ..."
      # (OCR may misread the tone of "bổ")
      (?P<name>sửa\s+đổi\s*,?\s*b\S{1,2}\s+sung\s[^;()“"”:]{5,200}?)
      (?=\s+ngày(?![\p{L}])|\s*[;(]|\.(?:\s|$)|\s*$)
    |
      (?P<name>(?:\p{Lu}|(?:tổ|hợp|đất|đầu|ngân|bảo|doanh|giáo|thi|xây|đấu|an|cán|công|tín|thương|quản)\s)
        (?:[^;,.()“"”:\n]|\n(?=[^\S\n]*\p{Ll})   # a name wraps onto a line that goes on in lower case
          |,(?=\s*(?:LAW_PAIRS)(?![\p{L}])))*?)     # paired names: "Luật Phòng, chống thiên tai", "Luật Cán bộ, công chức"
      (?=\s+(?:ngày|số|Số|năm|và\s+(?:các|Luật|Nghị|Bộ)|của|về|đã|được|có|quy\s+định|tại|thì|hiện\s+hành|
               sửa\s+đổi|hướng\s+dẫn|thi\s+hành|trong|để|nhằm|theo|chưa|phần|nêu|như|liên\s+quan|cho|đối|trên|đến|với|tới|khi|mà|là|thuộc|gồm|này|
               không|hoặc|phải|bị|\d)(?![\p{L}])
         |\s*(?:[;.()“"”:]|,(?!\s*(?:LAW_PAIRS)(?![\p{L}])))|[^\S\n]*\n(?![^\S\n]*\p{Ll})|\s*$)   # ... and ends at a line end otherwise (a V/v line "... Luật BHYT")
    )
    """.replace("LAW_PAIRS", _alt(LAW_PAIRS)),
    FS,
)
# Standards cited by their code: "Tiêu chuẩn TCVN 6909:2001" (the code kept, spaces removed).
STANDARD = _c(
    r"""(?<![\p{L}\d])(?P<code>(?P<kind>TCVN|QCVN|TCXDVN|TCN|ISO)\s?\d+(?:[.-]\d+)*(?:\s?:\s?\d{4})?)(?![\p{L}\d])""",
    FS,
)
STANDARD_TYPES: dict[str, str] = {"QCVN": "Quy chuẩn"}  # the rest: "Tiêu chuẩn"

# A date and issuer told before the citation: "Ngày 24 tháng 6 năm 1977 Hội đồng
# Chính phủ đã ra Quyết định số 169-CP ..." (matched against the text before it).
CITE_DATE_BEFORE = _c(
    rf"""(?:^|[.;:]\s+|\n\s*)(?:Ngày|ngày)\s+(?:{DATE_NUM}|{DATE_WORDS})\s*,?\s+
        (?P<issuer>\p{{Lu}}[^.;,\n]{{0,80}}?)\s+(?:đã\s+)?(?:ra|ban\s+hành|ký|có)\s+$""",
    FS,
)
# A specimen number in a formatting guide: a line (or table cell) that is only "Số 16-BC/ĐH".
SPECIMEN_NUMBER = _c(r"(?:^|\n|\||;)[^\S\n]*(?:[-+•][^\S\n]*)?Số[^\S\n]*:?[^\S\n]*$", FS)
# An example in a guide ("Ví dụ 2: Biên bản của ban kiểm phiếu ...") cites nothing.
EXAMPLE_LINE = _c(r"(?:^|\n)[^\S\n]*(?:[-+•*][^\S\n]*)?Ví\s+dụ\b[^\n]*$", FS)

# A law's own abbreviation printed after it: "Luật Bảo hiểm y tế (BHYT)" (read with .match at the name's end).
NAMED_ALIAS = _c(r"\s*\((?P<alias>\p{Lu}[\p{Lu}Đ]{1,8})\)", FS)

# What the text around a citation says about it (looked up in the words before it).
RELATIONS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("căn cứ", _c(r"(?:^|\n|;)\s*căn\s+cứ\b[^;\n]*$")),
    ("kèm theo", _c(r"(?:kèm\s+theo|gửi\s+kèm|đính\s+kèm)\s*[^;.]{0,20}$")),
    ("thay thế", _c(r"thay\s+thế\s*[^;.]{0,20}$")),
    ("trả lời", _c(r"(?:trả\s+lời|phúc\s+đáp)\s*[^;.]{0,40}$")),
    # "thực hiện [các nhiệm vụ] <citation>": at most four words in between
    ("thực hiện", _c(r"thực\s+hiện(?:\s+[^\s;.]+){0,4}\s*$")),
    ("theo", _c(r"(?:^|[\s(])(?:theo|tại)(?:\s+[^\s;.]+){0,2}\s*$")),
)

# --- Assignments ---------------------------------------------------------------
# Words that start a unit's name (a table of head nouns, not of today's units).
UNIT_HEADS: tuple[str, ...] = (
    "Ủy ban nhân dân", "Ủy ban Nhân dân", "UBND", "HĐND", "Hội đồng nhân dân", "Ủy ban", "Sở", "Ban", "Văn phòng",
    "Trung tâm", "Đảng ủy", "Đảng bộ", "Chi bộ", "Công an", "Cục", "Chi cục", "Tổng cục", "Phòng", "Trường",
    "Bộ", "Viện", "Vụ", "Thanh tra", "Kho bạc", "Bảo hiểm xã hội", "BHXH", "Liên đoàn", "Hội", "Đoàn",
    "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Mặt trận", "MTTQ", "Báo", "Đài", "Bệnh viện", "Ngân hàng", "Tòa án",
    "Viện kiểm sát", "Bộ Chỉ huy", "Ban Chỉ huy", "Cơ quan", "Tổ", "Hiệp hội", "Tập đoàn", "Tổng công ty",
    "Công ty", "Chính phủ", "Thủ tướng", "Viễn thông", "Cảng vụ", "Quỹ", "Học viện", "Đại học", "Thường trực",
    "Thường vụ", "Ủy ban MTTQ", "chính quyền", "mặt trận", "cơ quan", "đơn vị", "địa phương", "sở", "ban",
    "ngành", "phòng", "tổ chức", "cấp ủy", "chi", "đảng bộ", "trường", "xã", "phường", "huyện", "tỉnh", "cơ sở",
    "doanh nghiệp", "đoàn thể", "trung tâm", "Tổ chức", "thôn", "bộ", "đài", "hội", "cấp",
    "hộ gia đình", "hộ dân", "người dân",  # households and residents told to act ("treo cờ")
    "bệnh viện", "trường học", "Trạm", "trạm", "Chủ đầu tư", "chủ đầu tư", "Nhà trường", "nhà trường",
    "đảng ủy", "chi bộ",
    # schools and universities: faculties ("Khoa Công nghệ thông tin"; "Khoa học" is no unit)
    "Khoa",
    # health units as the sector abbreviates them ("đề nghị các TTYT tập hợp ...", "TYT xã Phú Mỹ");
    # their expansions are in data/unit_abbreviations.tsv
    "TTYT", "TYT", "BVĐK", "PKĐKKV", "TTKSBT", "CDC",
)
# ... each also as some offices print a name, every word capitalised ("Tổng Cục Quản lý ruộng đất", "Trung Tâm Y tế")
UNIT_HEADS = tuple(dict.fromkeys([*UNIT_HEADS, *(" ".join(w[:1].upper() + w[1:] for w in h.split())
                                                for h in UNIT_HEADS if h[:1].isupper() and " " in h)]))
# Persons named by their office: "Giám đốc các Sở", "Chánh Văn phòng UBND tỉnh".
PERSON_HEADS: tuple[str, ...] = (
    "Giám đốc", "Phó Giám đốc", "Chủ tịch", "Phó Chủ tịch", "Chánh Văn phòng", "Chánh Thanh tra", "Thủ trưởng",
    "Trưởng", "Phó Trưởng", "Bí thư", "Phó Bí thư", "Chỉ huy trưởng", "Người đứng đầu", "người đứng đầu",
    "đồng chí", "Đồng chí", "đ/c", "Đ/c", "Các đồng chí", "các đồng chí", "Lãnh đạo", "lãnh đạo", "Tổng Giám đốc",
    "Cục trưởng", "Vụ trưởng", "Hiệu trưởng", "Bộ trưởng", "Các đại biểu", "các đại biểu", "Đại biểu",
    "cán bộ", "Cán bộ", "Tổ trưởng", "Chánh án", "Viện trưởng", "Thủ tướng", "Phó Thủ tướng",
    "ông (bà)", "Ông (bà)", "ông, bà", "Ông, bà", "ông/bà", "Ông/bà", "ông/ bà", "thành viên", "Thành viên",
    "Người ký", "người ký", "Tổ phó", "Chánh/Phó Chánh", "Giám đốc/Phó Giám đốc", "thủ trưởng", "Chánh văn phòng",
    # the invited, as an invitation addresses them ("Trân trọng kính mời Quý đại biểu đến dự")
    "Quý đại biểu", "quý đại biểu", "Quý vị", "quý vị", "Quý cơ quan", "quý cơ quan", "Quý đơn vị", "quý đơn vị",
    "đại biểu", "Đại diện",  # "kính mời đại diện lãnh đạo các phòng dự họp"
    # schools: those a notice tells what to do
    "Sinh viên", "sinh viên", "Giảng viên", "giảng viên", "Học sinh", "học sinh", "Học viên", "học viên",
    "Cán bộ coi thi", "cán bộ coi thi", "Giáo viên", "giáo viên", "thí sinh", "phụ huynh", "Lớp trưởng", "lớp trưởng",
)
# Each head office has its deputy ("Phó Hiệu trưởng", "Phó Cục trưởng", "Phó Chánh Văn phòng").
PERSON_HEADS = tuple(dict.fromkeys([*PERSON_HEADS, *(
    f"Phó {h}" for h in PERSON_HEADS
    if h[0].isupper() and "/" not in h and not h.startswith(("Phó", "Các", "Người", "Đồng", "Đ/c", "Quý", "Ông", "Lãnh", "Cán", "Đại",
                                            "Thành", "Sinh", "Giảng", "Học", "Giáo", "Tổ phó", "Chánh/"))
    and regex.search(r"(?:trưởng|đốc|tịch|thư|phòng|tra|án|tướng)$", h))]))
# An office is often written in lower case after a request ("đề nghị hiệu trưởng
# các trường ..."): each head also in that spelling, except `Trưởng` alone
# ("trưởng thành" is no office).
PERSON_HEADS = tuple(dict.fromkeys(
    [*PERSON_HEADS, *(h[0].lower() + h[1:] for h in PERSON_HEADS if h != "Trưởng")]))
_LOWER_PERSON = tuple(h for h in PERSON_HEADS if h[0].islower())

# State sectors whose names hold "và" or a comma (ministries and the provincial
# sở share them): a list of units must not be cut inside one. A closed table of
# fields set by the government's structure, not of units.
FIELD_COMPOUNDS: tuple[str, ...] = (
    "Khoa học và Công nghệ", "Tài nguyên và Môi trường", "Nông nghiệp và Môi trường",
    "Nông nghiệp và Phát triển nông thôn", "Giáo dục và Đào tạo", "Văn hóa, Thể thao và Du lịch",
    "Văn hóa và Thể thao", "Lao động - Thương binh và Xã hội", "Lao động, Thương binh và Xã hội",
    "Thông tin và Truyền thông", "Kế hoạch và Đầu tư", "Dân tộc và Tôn giáo", "Tài chính và Kế hoạch",
    "Giao thông vận tải và Xây dựng", "Văn hóa và Xã hội", "Kinh tế và Hạ tầng", "Nội vụ và Tư pháp",
    "Phát thanh và Truyền hình", "Phát thanh - Truyền hình", "Phát thanh, Truyền hình", "Văn hóa - Thể thao và Truyền thông",
    "Văn hóa, Thể thao và Truyền thông", "Kinh tế, Hạ tầng và Đô thị", "Tuyên giáo và Dân vận",
    # health centres and sub-departments named by two fields (Thông tư 37/2016/TT-BYT and its successors)
    "Truyền thông, Giáo dục sức khỏe", "Truyền thông, giáo dục sức khỏe", "Thuốc, Mỹ phẩm, Thực phẩm",
    "Dân số, Kế hoạch hóa gia đình", "Dân số, Kế hoạch hoá gia đình",
    # offices that serve two councils at once are one unit: "Văn phòng HĐND và UBND xã"
    "Văn phòng HĐND và UBND", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân", "Văn phòng Đoàn ĐBQH và HĐND",
    # "các ông, bà có tên tại Điều 1": one addressee, its comma is no list's
    "ông, bà", "Ông, bà", "ông/bà", "Ông/bà", "ông/ bà",
)
FIELD_COMPOUND = _c(rf"(?<![\p{{L}}])(?:{_alt(FIELD_COMPOUNDS)})(?![\p{{L}}])", FS)
# a level word alone: "..., phường" continues "Chủ tịch Ủy ban nhân dân các xã"
LEVEL_ONLY = _c(r"^(?:xã|phường|thị\s+trấn|đặc\s+khu|huyện|quận|thị\s+xã|thành\s+phố|tỉnh)$", FS)
LEVEL_END = _c(r"(?<![\p{L}])(?:xã|phường|thị\s+trấn|đặc\s+khu|huyện|quận|thị\s+xã|thành\s+phố|tỉnh)$", FS)

# What follows "tổ chức" used as a noun ("tổ chức chính trị - xã hội", "Tổ chức
# Công đoàn"); any other lower-case word after it makes "Tổ chức" the verb.
_ORG_NOUN = r"(?:chính\s+trị|đảng|cơ\s+sở|đoàn\s+thể|có\s+liên|liên\s+quan|và\s+cá\s+nhân|xã\s+hội|kinh\s+tế|tín\s+dụng|hành\s+nghề|phi\s+chính|quốc\s+tế|nước\s+ngoài|trong\s+nước|này|đó|trên|thuộc|trực\s+thuộc)(?![\p{L}])"
UNIT_START = _c(
    rf"(?!xã\s+hội|Khoa\s+học|[Bb]áo\s+cáo|[Pp]hòng\s*,?\s*chống|[Tt]ổ\s+chức\s*,\s*(?!cá\s+nhân)|[Bb]an\s*hành|[Hh]ội\s*nghị|[Tt]rường\s+hợp|[Tt]ổ\s+chức\s+(?!{_ORG_NOUN})\p{{Ll}})(?:(?:các|Các|CÁC|toàn\s+thể|Toàn\s+thể|mỗi|Mỗi|[Tt]ất\s+cả(?:\s+các)?)\s+)?(?:{_alt(PERSON_HEADS)}|{_alt(UNIT_HEADS)})(?![\p{{L}}])",
    FS,
)

# Words that begin the action after a unit's name (lower case: inside a name
# such words are capitalised, "Ban Chỉ đạo", "Trung tâm Phục vụ ...").
ACTION_VERBS: tuple[str, ...] = (
    "chủ trì", "phối hợp", "tham mưu", "triển khai", "thực hiện", "tổ chức", "xây dựng", "chỉ đạo",
    "chịu trách nhiệm", "có trách nhiệm", "có nhiệm vụ", "rà soát", "báo cáo", "hướng dẫn", "theo dõi",
    "kiểm tra", "nghiên cứu", "chuẩn bị", "tập hợp", "mời", "tham khảo",
    # verbs of the administrative work a directive gives (Nghị định 30's own wording: lấy ý kiến, phê duyệt ...)
    "lấy ý kiến", "phê duyệt", "chấn chỉnh", "công khai", "niêm yết", "thu hồi", "giải trình", "trả lời",
    "phản hồi", "vận hành", "tích hợp", "số hóa", "bàn giao", "quyết toán", "thanh toán", "giải ngân", "phân bổ",
    "sơ kết", "xác minh", "nghiệm thu", "phát hành", "đăng tải", "công bố", "dự kiến",
    "cử", "liên hệ", "khẩn trương", "chủ động", "tăng cường", "tiếp tục",
    "căn cứ", "theo chức năng", "trên cơ sở", "quan tâm", "đôn đốc", "tổng hợp", "đề xuất", "bố trí",
    "bảo đảm", "đảm bảo", "xem xét", "giải quyết", "lập", "cung cấp", "gửi", "nộp", "dự họp", "dự", "tham dự",
    "tham gia", "sắp xếp", "phổ biến", "tuyên truyền", "quán triệt", "ban hành", "trình", "có ý kiến",
    "cập nhật", "hoàn thành", "hoàn thiện", "lựa chọn", "xét chọn", "đăng ký", "giám sát",
    "tập trung", "nghiêm túc", "kịp thời", "thường xuyên", "định kỳ", "sớm", "tiếp nhận", "có văn bản",
    "phân công", "đẩy mạnh", "nâng cao", "lãnh đạo", "cân đối", "nắm", "trực tiếp", "ưu tiên",
    "có phương án", "vận động", "duy trì", "thống kê", "đánh giá", "kiện toàn", "thành lập", "tiếp thu",
    "điều chỉnh", "có mặt", "quản lý", "xử lý", "hỗ trợ", "rà", "thẩm định", "bổ sung", "soạn thảo",
    "dự thảo", "tăng", "tích cực", "có báo cáo", "khẩn", "phải", "cần", "được giao", "chuyển",
    "cho ý kiến", "dành thời gian", "tiến hành", "cụ thể hóa", "cụ thể hoá",
    "tháo gỡ", "khắc phục", "ngăn chặn", "củng cố", "phản ánh", "thông báo", "đưa", "định hướng",
    "mở", "dành", "đối chiếu", "có kế hoạch",
    # signing and sealing returned papers, finishing them: "Các đơn vị thụ hưởng ký tên và đóng dấu ..."
    "ký tên", "ký nhận", "ký xác nhận", "đóng dấu", "xác nhận", "hoàn chỉnh", "tự kiểm tra", "tự đánh giá",
    # what a body states, not work (see STATEMENT): where a unit's name ends all the same
    "thống nhất", "nhất trí", "đồng ý", "kính báo cáo", "kính trình", "ghi nhận", "hoan nghênh",
    # coming to a meeting: "Quý đại biểu đến dự", "các đại biểu về dự họp"
    "đến dự", "về dự", "tới dự", "đến tham dự", "về tham dự", "đến họp", "về họp",
    "trong phạm vi",  # "X trong phạm vi chức năng, nhiệm vụ được giao có kế hoạch ...": the action starts there
    # being the focal point, clearing a matter up
    "làm đầu mối", "là đầu mối", "làm thủ tục", "làm rõ", "giới thiệu", "treo", "lắp đặt",
    # minding and obeying: "các đại biểu lưu ý mang theo tài liệu", "các cơ sở nghiêm túc chấp hành"
    "lưu ý", "mang theo", "chấp hành", "nghiêm chỉnh", "nhắc nhở",
    # calling people up for a task: "Chánh Thanh tra Sở trưng tập cán bộ tham gia đoàn"
    "trưng tập", "trưng dụng", "huy động", "điều động",
)
# Several-word verbs need no right boundary: text layers lose the space after
# them ("có nhiệm vụtham mưu").
ACTION_VERB = _c(
    rf"""(?<![\p{{L}}])(?<!bầu\s)(?:(?:{_alt([v for v in ACTION_VERBS if " " in v])})
        |(?:{_alt([v for v in ACTION_VERBS if " " not in v])})(?![\p{{L}}]))""",
    FS,
)
# An action word used as a noun inside a list of units: "các cơ quan, tổ chức có liên quan",
# "người tham gia khác".
NOUN_USE = _c(r"""tổ\s+chức(?:\s*,(?!\s*(?:triển\s+khai|thực\s+hiện|quán\s+triệt|hướng\s+dẫn|phổ\s+biến|tuyên\s+truyền|kiểm\s+tra|theo\s+dõi|vận\s+động)(?![\p{L}]))|\s+(?:có\s+liên|liên\s+quan|chính\s+trị|đảng|Đảng|cơ\s+sở|và\s+cá\s+nhân|đoàn\s+thể))
                  |(?:tham\s+gia|phối\s+hợp)\s+khác(?![\p{L}])
                  |dự\s+(?:án|toán|báo|phòng|trữ)(?![\p{L}])   # "Ban Quản lý dự án ...", "Trung tâm Y tế dự phòng"
                  |(?<=công\s+|ngoài\s+công\s+)lập(?![\p{L}])    # "các cơ sở y tế công lập và ngoài công lập"
                  |(?<=tự\s+)(?:chủ|túc)(?![\p{L}])
                  |(?<=[Đđ]ại\s+diện\s+)lãnh\s+đạo(?![\p{L}])   # "đại diện lãnh đạo các phòng": the leadership
                  |(?<=đầu\s+tư\s+)xây\s+dựng(?![\p{L}])   # "Ban Quản lý dự án đầu tư xây dựng tỉnh"
                  |(?<=[Bb]an\s+)chấp\s+hành(?![\p{L}])   # "Ban chấp hành Công đoàn", "ban chấp hành đoàn thể"
                  |(?<=[Bb]an\s+|công\s+tác\s+)tổ\s+chức(?![\p{L}])   # "Ban tổ chức", "cơ quan tham mưu công tác tổ chức"
                  |(?<=cấp\s+trên\s+)trực\s+tiếp(?![\p{L}])   # "đảng ủy cấp trên trực tiếp của tổ chức cơ sở đảng"
                  |(?<=nơi\s+(?:[^\s,;:.]+\s+){0,3})(?:chuyển\s+(?:đến|đi|giao)|tiếp\s+nhận)(?![\p{L}])   # "nơi đảng viên chuyển đến"
                  """, FS)
# Duties that end a unit phrase however it is qualified: "Cán bộ, nhân viên được giao
# soạn thảo văn bản có trách nhiệm ...", "Người ký văn bản là người chịu trách nhiệm ...".
DUTY_VERB = _c(r"(?<![\p{L}])(?:có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|có\s+nhiệm\s+vụ)(?![\p{L}])", FS)
# a qualifier inside the unit phrase before such a duty (a relative clause)
DUTY_QUALIFIER = _c(r"(?<![\p{L}])được\s+giao(?![\p{L}])", FS)
# "X là người/cơ quan chịu trách nhiệm ...": the unit ends at "là"
IS_DUTY = _c(r"\s+là\s+(?:người|cơ\s+quan|đơn\s+vị)\s+(?=(?:chịu|có)\s+trách\s+nhiệm|chủ\s+trì)", FS)

# Words that never sit inside a unit's name (nor does a date): a phrase holding them is a clause
# ("Sở Y tế không giải quyết ...": a negation; "Cục Hàng không" is the one name holding it).
NOT_IN_UNIT = _c(
    r"(?<![\p{L}])(?:ngày\s+\d|với|để|cho|nghe|nhận|được|làm\s+việc|trên\s+cơ\s+sở|đã|sẽ|đang|là|thì|nếu|khi|(?<!Hàng\s)không|trường\s+hợp|tại(?!\s+(?:Đi\S{1,2}u|[Kk]hoản|[Đđ]iểm|[Mm]ục)\s*[\dIl|])|từ|về(?!\s+\p{Lu})|nhằm|bằng)(?![\p{L}])",
    FS,
)

# Words that hand a unit its work, before the unit: "Giao X", "Đề nghị X", ...
ASSIGN_TRIGGER = _c(
    r"""(?<![\p{L}])(?P<trig>[Gg]iao(?:\s+cho)?|[Đđ]ề\s*nghị|[Yy]êu\s*cầu|[Pp]hân\s*công|[Kk]ính\s*mời|[Mm]ời|[Đđ]ề\s*xuất\s*giao
        |[Tt]riệu\s*tập                             # a summons: "triệu tập học viên ... về dự khai giảng"
        |[Rr]ất\s+mong|[Mm]ong\s+(?=quý|các|Quý))     # "Sở Y tế rất mong các đại biểu ...": a request too
        # what follows names who must act: a unit, or a person by office in lower case
        (?=\s*(?:các|Các|toàn|Toàn|tất\s+cả|\p{Lu}|cơ\s+quan|đơn\s+vị|người\s+đứng|trưởng|quý|LOWER_PERSON))""".replace(
        "LOWER_PERSON", _alt(list(_LOWER_PERSON))),
    FS,
)
# Documents that report or propose rather than direct. A report's items tell
# what was done ("Ban Thường vụ Đảng uỷ đã chỉ đạo ..."): only an explicit
# request (Giao/Đề nghị/Yêu cầu ...) assigns work there. A tờ trình / phiếu
# trình asks a leader to decide; only its proposal to assign ("đề xuất giao
# Sở Nội vụ ...") is a task, never "kính trình ... xem xét, ký ban hành".
NARRATIVE_TYPES: dict[str, str] = {"Báo cáo": "report", "Tờ trình": "proposal", "Phiếu trình": "proposal"}
PROPOSAL_TRIGGER = _c(r"^(?:giao|phân\s*công|đề\s*xuất\s*giao)$")

# After these the issuer, not a target, follows: "... Văn phòng UBND tỉnh yêu cầu:"
TRIGGER_NO_TARGET = _c(r"^\s*[:,.]")

COORD = _c(r"(?<![\p{L}])phối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với|cùng)\s+", F)
COORD_STOP = _c(
    rf"""\s+(?=(?:{_alt([v for v in ACTION_VERBS if v not in ("cơ sở", "lãnh đạo")])})(?![\p{{L}}]))
        |\s+(?=(?:trong\s+(?:việc|công\s+tác|quá\s+trình|thời\s+gian)|để|nhằm|khi)(?![\p{{L}}]))   # the purpose or time after the partner: "... trong việc theo dõi", "... trong quá trình ..."
        |\s*[;:(]|\.\s|\.$""",
    FS,
)

# Labelled lines of plans: "Cơ quan chủ trì: ...", "Thời gian hoàn thành: ...".
LABEL = _c(
    r"""^\s*[-+•*]?\s*(?:\d+[.)]\s*)?
        (?P<label>(?:Cơ\s+quan|Đơn\s+vị)\s+(?:chủ\s+trì(?:\s*,?\s*thực\s+hiện)?|thực\s+hiện|phối\s+hợp(?:\s+thực\s+hiện)?|
                    tham\s+mưu|chịu\s+trách\s+nhiệm)
          |Chủ\s+trì|Phối\s+hợp|Thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|Tiến\s+độ(?:\s+thực\s+hiện)?)
        \s*:\s*(?P<value>.*)$""",
    F,
)

# Inside a lead label's value: "Sở X chủ trì, phối hợp với Sở Y; ..." (the lead
# is what comes before, the coordinators what follows "phối hợp").
LEAD_SPLIT = _c(r"\s*,?\s*(?<![\p{L}])chủ\s*trì(?![\p{L}])\s*,?\s*(?P<coord>(?:và\s+)?phối\s*hợp\s*(?:với|cùng)?)?\s*")

LABEL_COORD_STOP = _c(
    rf"""\s+(?=(?:{_alt([v for v in ACTION_VERBS if v not in ("tổ chức", "cơ sở", "lãnh đạo")])})(?![\p{{L}}]))
        |\s*[:(]|\.\s|\.$""",
    FS,
)

# "Trường hợp sinh viên đã về quê thì thông báo ...": the case names who acts
# when nobody else is named after "thì" (class 18: notices to students).
CONDITIONAL = _c(
    r"""^\W*(?:[Cc]ác\s+|[Đđ]ối\s+với\s+)?(?:[Tt]rường\s+hợp|TRƯỜNG\s+HỢP)\s+(?P<unit>[^,;:.]{3,120}?)\s*,?\s+thì\s+(?=\p{Ll})""",
    FS,
)

# A time phrase opening a sentence before its subject, the comma a scan (or the drafter) left out:
# "Kết thúc Tháng Hành động các đơn vị báo cáo ...", "Sau khi kết thúc đợt kiểm tra các đoàn
# báo cáo ...", "Định kỳ hằng tháng các trường gửi ...". The subject is the plural that follows.
TIME_OPENER = _c(
    r"""^\W*(?:Kết\s+thúc|Sau\s+khi|Trước\s+khi|Khi|Hết|Cuối|Đầu|Định\s+kỳ|Hằng|Hàng|Trong\s+thời\s+gian)
        (?![\p{L}])[^,;:.]{2,60}?\s(?=[Cc]ác\s+\p{Ll})""",
    FS,
)

# A sentence that sends a paper back by a day, with no unit of its own: "Văn bản đề
# cử của đơn vị xin gửi về Sở Y tế trước ngày ...", "Danh sách đăng ký nộp về Phòng
# Đào tạo chậm nhất ngày ...". It is the work of those just asked (class 17).
SEND_BACK = _c(
    r"""^\W*(?:Văn\s+bản|Báo\s+cáo|Danh\s+sách|Hồ\s+sơ|Kết\s+quả|Bản\s+đăng\s+ký|Phiếu|Ý\s+kiến|Đề\s+xuất|Tài\s+liệu)
        (?P<what>[^.;]{0,200}?)\s(?:xin\s+)?(?:gửi|nộp|chuyển)\s+(?:về|cho|tới|đến|qua)\s""",
    FS,
)
# "... của (các) đơn vị ..." inside such a sentence names whose paper it is
SEND_OWNER = _c(r"(?<![\p{L}])của\s+(?P<unit>(?:các\s+)?(?:đơn\s+vị|cơ\s+sở|cơ\s+quan|địa\s+phương|trường|phòng|khoa))(?![\p{L}])", FS)

# --- Deadlines -----------------------------------------------------------------
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
# "đến ngày" ends a period of work ("từ ngày 01/4 đến ngày 30/4/2026"), not a figure's cut-off ("số liệu tính đến ngày ...")
DEADLINE_TRIGGER = r"(?:(?<!tính\s)(?<!tính\s+từ\s)(?<!lũy\s)(?<!luỹ\s)đến\s+(?=ngày)|trước|chậm\s+nhất(?:\s+là)?|muộn\s+nhất|hạn\s+chót|hoàn\s+thành\s+(?:trong|trước|xong)|xong\s+trước|trong\s+ngày|hạn|đến\s+hết|vào)"
TIME_OF_DAY = r"(?:ngày\s+(?:Chủ\s+Nhật|chủ\s+nhật|thứ\s+\S+)\s*,?\s*)?(?:(?:lúc\s+)?\d{1,2}\s*(?:giờ|h)\s*\d{0,2}\s*(?:phút|['’”\"])?\s*,?\s*)?"
DEADLINE_DATE = _c(
    rf"""(?P<trig>{DEADLINE_TRIGGER})\s*:?\s*{TIME_OF_DAY}(?:ngày\s*)?
        (?:(?P<d>\d{{1,2}})\s?[/.-]\s?(?P<m>\d{{1,2}})(?:\s?[/.-]\s?(?P<y>\d{{4}}))?(?![\d/])
          |(?P<d2>\d{{1,2}})\s+tháng\s+(?P<m2>\d{{1,2}})(?:\s+năm\s+(?P<y2>\d{{4}}))?)"""
)
# A date by itself (a table cell, a "Thời gian hoàn thành:" value, an event date).
ANY_DATE = _c(
    r"""(?<!\d)(?<!tháng\s)(?<!tháng\s\s)(?:   # "tháng 11-12/2026" is two months, not a day
          (?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})(?:\s?[/.-]\s?(?P<y>\d{4}))?(?![\d/])
          |(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s+năm\s+(?P<y2>\d{4}))?)"""
)
# a month or months of a year, read where the text makes it a time limit: "trong tháng 3/2026",
# "thời gian hoàn thành: tháng 3/2026"; a run of months ends with the last ("tháng 11-12/2026")
MONTHS = r"tháng\s+(?:\d{1,2}\s*(?:[-–,]|và|đến)\s*(?:tháng\s+)?)?(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})"
MONTH_PERIOD = _c(
    rf"""(?:trong|hết|cuối|đến
          |(?:thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|hoàn\s+thành)\s*:)
        \s+{MONTHS}"""
)
QUARTER = _c(r"quý\s+(?P<q>(?:IV|I{1,3}|[1-4])(?:\s*(?:,|và|-)\s*(?:IV|I{1,3}|[1-4]))*)\s*(?:/|năm)\s*(?P<y>\d{4})")
# half a year: "6 tháng đầu năm 2026" ends on 30/6, "6 tháng cuối năm 2026" on 31/12
HALF_YEAR = _c(r"(?:6|sáu)\s+tháng\s+(?P<half>đầu|cuối)\s+năm\s*(?P<y>\d{4})")
# a month alone in a time cell: "Tháng 9/2026", "tháng 9 năm 2026" (read only where the value is a time)
BARE_MONTH = _c(rf"(?<![\p{{L}}]){MONTHS}")
YEAR_END = _c(r"(?:trong|hết|cuối|đến\s+hết)\s+năm\s+(?P<y>\d{4})")
WITHIN_DAYS = _c(
    r"""(?:trong\s+(?:vòng|thời\s+hạn)?|sau)\s*(?P<n>\d{1,3})\s+ngày(?:\s+làm\s+việc)?\s*,?\s*
        kể\s+từ\s+(?:ngày|khi)\s+(?:ký|ban\s+hành|văn\s+bản|Quyết\s+định|Kế\s+hoạch|Công\s+văn)
        # ... this document's signing, not another's ("kể từ ngày ký Kết luận kiểm tra"): that start is unknown
        (?!\s+(?!(?:văn\s+bản|Quyết\s+định|Kế\s+hoạch|Công\s+văn|Thông\s+báo|Chỉ\s+thị)\s+này)
              (?:CITED_TYPE)(?![\p{L}]))"""
.replace("CITED_TYPE", CITED_TYPE))
RECURRENCE: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("weekly", _c(r"(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+tuần")),
    ("monthly", _c(r"(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+tháng")),
    ("quarterly", _c(r"(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+quý")),
    ("half-yearly", _c(r"(?:định\s+kỳ\s+)?6\s+tháng")),
    ("yearly", _c(r"(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+năm")),
    ("ongoing", _c(r"thường\s+xuyên|liên\s+tục")),
    ("periodic", _c(r"định\s+kỳ")),
)
# An event whose date is the deadline of the tasks that serve it (invitations).
EVENT_LINE = _c(r"^\s*(?:\d+\s*[.)-]\s*|[-–•*+]\s*)?Thời\s+gian\s*(?:tổ\s+chức|họp)?\s*:", F)
EVENT_WORDS = _c(
    r"""(?<![\p{L}])(?:dự\s+họp|dự(?!\s+(?:thảo|toán|án|kiến|báo))|tham\s+dự|có\s+mặt|cuộc\s+họp|hội\s+nghị|buổi|chuẩn\s+bị
        |đón\s+tiếp|Đoàn\s+công\s+tác|trao\s+quà|hội\s+trường|điểm\s+cầu
        |tập\s+huấn|hội\s+thảo|tọa\s+đàm|toạ\s+đàm|hội\s+thi|khai\s+giảng|lớp\s+(?:học|bồi\s+dưỡng|đào\s+tạo)   # a course or a workshop
        |đúng\s+giờ)(?![\p{L}])   # "có mặt đầy đủ, đúng giờ": on time for the event""",
    F,
)

# Papers and figures a list names (the papers of a dossier, an illustration): an item that
# opens with one and holds no verb is a thing listed, nobody's task.
PAPERS: tuple[str, ...] = (
    "Đơn", "Bản sao", "Bản chính", "Minh chứng", "Lịch", "Phiếu", "Giấy", "Biên bản", "Hồ sơ", "Bảng",
    "Sơ yếu lý lịch", "Bằng tốt nghiệp", "Chứng chỉ", "Chứng nhận", "Thẻ", "Tờ khai", "Bản đồ", "Sơ đồ", "Phụ lục",
    "Mẫu", "Học bạ", "Văn bằng", "Bản photo", "Bản cam kết", "Bản kê khai", "Ảnh", "Đề án",
)
PAPER = _c(rf"""^\W*(?:\d+\s*(?:bản|tờ|chiếc)?\s*)?            # "02 ảnh 4x6", "01 bản sao ..."
               (?:(?i:{_alt(list(PAPERS))})(?!\s+sử)(?![\p{{L}}])
                 |Hình\s+\d)                                   # a figure's caption: "Hình 1 - ..."
            """, FS)
PAPER_SENT = _c(r"(?<![\p{L}])(?:gửi|nộp|chuyển|trình|trước\s+ngày|chậm\s+nhất|hoàn\s+thành|hạn\s+chót)(?![\p{L}])", F)

# A power granted ("có quyền trưng dụng ...", "được quyền yêu cầu ..."): it permits, it assigns
# nothing, and a request it permits is no request the document makes.
POWER = _c(r"(?<![\p{L}])(?:có|được)\s+quyền(?![\p{L}])(?!\s+hạn)", FS)

# A body stating a view or reporting upward assigns nothing: "Văn phòng UBND tỉnh
# thống nhất ...", "Ban Thường vụ Đảng ủy xã nhất trí ...", "Thường trực Đảng ủy
# kính báo cáo ...". "thống nhất thực hiện" (do it one way) is work. A power granted
# ("Tổ trưởng ... có quyền trưng dụng ...", "được quyền mời chuyên gia") permits, it assigns nothing.
STATEMENT = _c(
    r"""^(?:kính\s+(?:báo\s+cáo|trình)
          |(?:có|được)\s+quyền(?!\s+hạn)
          |thống\s+nhất(?!\s+(?:thực\s+hiện|triển\s+khai|áp\s+dụng|sử\s+dụng|quản\s+lý|chỉ\s+đạo|tổ\s+chức))
          |nhất\s+trí|đồng\s+ý|ghi\s+nhận|hoan\s+nghênh|cảm\s+ơn|chúc\s+mừng
          |xin\s+(?:báo\s+cáo|trình|gửi|ý\s+kiến)|đã\s+nhận\s+được|nhận\s+được)(?![\p{L}])""",
    FS,
)

# what a guide states rather than assigns: its scope ("... không thuộc đối tượng áp dụng"),
# a table of abbreviations ("Uỷ ban Kiểm tra Trung ương: UBKTTW Ban tổ chức tỉnh uỷ: BTCTU"),
# where a part of the page goes ("... trình bày ở phía trái")
NOT_WORK = regex.compile(
    r"""(?<![\p{L}])thuộc\s+(?:phạm\s+vi\s+điều\s+chỉnh|đối\s+tượng\s+áp\s+dụng)
        |(?::\s*[\p{Lu}Đ]{2,}(?![\p{L}]).*){2}
        |(?<![\p{L}])trình\s+bày\s+(?:ở|tại|chính\s+giữa|phía|bên|dưới|trên|cách)(?![\p{L}])
        |^\W*[^,;:.]{2,120}?(?<!\svà)\s(?:sẽ\s+)?tự\s+giải\s+tán(?![\p{L}])   # "Tổ thẩm định tự giải tán sau khi ...": its end, no work
                                                                    # ("Báo cáo kết quả ... và tự giải tán" is work all the same)
        |(?<![\p{L}])cảm\s+ơn(?![\p{L}])   # thanks for the cooperation: "Bộ Công an trân trọng cảm ơn sự phối hợp ..." """,
    regex.VERBOSE | regex.VERSION1,
)
# a closing formula ("Trên đây là Kế hoạch ...", "Trân trọng thông báo ... để ... biết") or the document's own fate ("Chỉ thị này
# được phổ biến đến chi bộ", "Quyết định này có hiệu lực ..."): it takes no units from the
# heading or intro above it (a request of its own, "..., đề nghị các cơ quan ...", still assigns)
CLOSING = _c(r"""^\W*(?:Trên\s+đây\s+là|Trân\s+trọng|(?:CITED_TYPE)\s+này\s+(?:được|có\s+hiệu\s+lực))(?![\p{L}])
                  |(?<![\p{L}])thông\s+báo\s+(?:[^.;]*?\s)?(?:để|đến)\s[^.;]*?(?<![\p{L}])biết(?![\p{L}])  # "... thông báo để các cơ quan biết"
              """.replace("CITED_TYPE", CITED_TYPE), FS)
# "X có văn bản đề nghị Y ...": the request is X's work, relayed to Y
RELAYED = _c(r"(?<![\p{L}])(?:có|gửi)\s+văn\s+bản\s*$", FS)
# a request told as already sent, in the same clause: "Sở Y tế đã gửi danh sách ... đề nghị Sở Nội vụ
# thẩm định", "UBND huyện đã có Tờ trình số 15 đề nghị ...", "Văn phòng đã ban hành văn bản yêu cầu ...":
# the story of an earlier request, not this document's (a new clause after a comma may ask again)
PAST_REQUEST = _c(r"(?<![\p{L}])đã\s+(?:gửi|có|ban\s+hành|trình|ký)(?![\p{L}])[^,;:.]{0,240}$", FS)
# a trigger's target that points back to the topic of the sentence ("Đối với X, đề nghị đơn vị ...")
ANAPHOR = _c(r"(?:các\s+)?(?:đơn\s+vị|cơ\s+sở|cơ\s+quan)(?:\s+(?:này|đó|nêu\s+trên))?(?=\s+\p{Ll})", FS)
TOPIC = _c(r"^\s*(?:Đối\s+với|Với)\s+(?P<unit>(?:các\s+)?\S.{3,200}?)\s*,\s*(?:thì\s+)?$", FS)
