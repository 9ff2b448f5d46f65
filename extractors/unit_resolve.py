"""Units as real bodies: a unit's name resolved in the context of the document that prints it.

`Ủy ban nhân dân xã` in a dispatch of Đảng ủy xã Bình Lư is UBND xã Bình Lư;
`VĂN PHÒNG` under `UBND TỈNH LAI CHÂU` is Văn phòng UBND tỉnh Lai Châu; `Sở Tài
chính` in a dispatch of UBND tỉnh Lâm Đồng is Sở Tài chính tỉnh Lâm Đồng. A
resolved unit's key is the key (extractors.unit_keys) of the name as it would
be printed in full, so a full spelling and a relative one meet on one key, and
the key depends only on the document, never on what was loaded before it.

The steps, each a table below: expand abbreviations (the data file of
unit_keys), find the kind from the head noun (KINDS), find a jurisdiction
marker and its place (MARKERS, checked against the gazetteer), find a body
embedded after a head (`Chủ tịch` + `UBND tỉnh`, `Văn phòng` + `UBND tỉnh`),
then fill what is relative from the issuer's context (SCOPE). A name that
cannot be placed keeps its own key, scoped to its issuer, with low confidence:
it is never joined to a look-alike of another office.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

from extractors import gazetteer
from extractors.normalize import canon, clean
from extractors.unit_keys import _table as _abbreviation_table
from extractors.unit_keys import unit_key

# head noun (canon()-ed words, abbreviations expanded) -> kind. Longest first wins.
KINDS: tuple[tuple[str, str], ...] = (
    ("ủy ban nhân dân", "ubnd"), ("chính quyền", "ubnd"),
    ("hội đồng nhân dân", "hdnd"),
    ("ủy ban mặt trận tổ quốc", "mttq"), ("mặt trận tổ quốc", "mttq"),
    ("ban chỉ đạo", "ban_chi_dao"),
    ("đảng ủy", "dang_uy"), ("đảng bộ", "dang_uy"), ("tỉnh ủy", "dang_uy"), ("thành ủy", "dang_uy"),
    ("huyện ủy", "dang_uy"), ("quận ủy", "dang_uy"), ("ban thường vụ", "dang_uy"), ("ban chấp hành", "dang_uy"),
    ("thường trực", "dang_uy"), ("cấp ủy", "dang_uy"), ("đảng đoàn", "dang_uy"), ("ban cán sự", "dang_uy"),
    ("chi bộ", "chi_bo"),
    ("văn phòng", "van_phong"),
    ("bộ phận", "phong"), ("phòng", "phong"), ("tổ", "phong"), ("khoa", "phong"),
    ("trung tâm", "trung_tam"),
    ("sở", "so_ban_nganh"), ("ban", "so_ban_nganh"), ("ngành", "so_ban_nganh"), ("thanh tra", "so_ban_nganh"),
    ("kho bạc", "so_ban_nganh"), ("công an", "so_ban_nganh"), ("bộ chỉ huy", "so_ban_nganh"),
    ("ban chỉ huy", "so_ban_nganh"), ("bảo hiểm xã hội", "so_ban_nganh"),
    ("bộ", "bo_cuc"), ("cục", "bo_cuc"), ("tổng cục", "bo_cuc"), ("chi cục", "bo_cuc"), ("vụ", "bo_cuc"),
    ("chính phủ", "bo_cuc"), ("thủ tướng", "bo_cuc"), ("quốc hội", "bo_cuc"),
    ("hội", "hoi"), ("liên đoàn", "hoi"), ("đoàn", "hoi"), ("hiệp hội", "hoi"), ("liên hiệp", "hoi"),
    ("công ty", "doanh_nghiep"), ("tổng công ty", "doanh_nghiep"), ("tập đoàn", "doanh_nghiep"),
    ("ngân hàng", "doanh_nghiep"), ("doanh nghiệp", "doanh_nghiep"), ("hợp tác xã", "doanh_nghiep"),
    ("trường", "truong"), ("đại học", "truong"), ("học viện", "truong"), ("nhà trường", "truong"),
    # people by their office: the office is resolved like any body
    ("chủ tịch", "person_role"), ("phó chủ tịch", "person_role"), ("giám đốc", "person_role"),
    ("phó giám đốc", "person_role"), ("tổng giám đốc", "person_role"), ("thủ trưởng", "person_role"),
    ("trưởng", "person_role"), ("phó trưởng", "person_role"), ("chánh", "person_role"), ("bí thư", "person_role"),
    ("phó bí thư", "person_role"), ("hiệu trưởng", "person_role"), ("cục trưởng", "person_role"),
    ("đồng chí", "person_role"), ("ông", "person_role"), ("bà", "person_role"), ("cán bộ", "person_role"),
    ("công chức", "person_role"), ("giáo viên", "person_role"), ("giảng viên", "person_role"),
    ("sinh viên", "person_role"), ("học sinh", "person_role"),
)
# national bodies: no jurisdiction below the centre
NATIONAL: tuple[str, ...] = ("bộ", "chính phủ", "thủ tướng", "quốc hội", "tổng cục", "ban chấp hành trung ương",
                             "ban bí thư", "bộ chính trị")
# heads a body can be embedded after (`Văn phòng` + `UBND tỉnh`, `Giám đốc` + `Sở Y tế`)
EMBEDDED: tuple[str, ...] = ("ủy ban nhân dân", "hội đồng nhân dân", "tỉnh ủy", "thành ủy", "huyện ủy", "đảng ủy",
                             "sở", "ủy ban mặt trận tổ quốc", "văn phòng", "bộ", "cục", "trường", "trung tâm")
# jurisdiction markers -> level. `tỉnh ủy X` names X like `tỉnh X` does.
MARKERS: tuple[tuple[str, str], ...] = (
    ("thành phố", "tinh?"), ("thị xã", "huyen"), ("thị trấn", "xa"), ("đặc khu", "xa"),
    ("tỉnh ủy", "tinh"), ("thành ủy", "tinh?"), ("huyện ủy", "huyen"), ("quận ủy", "huyen"),
    ("tỉnh", "tinh"), ("huyện", "huyen"), ("quận", "huyen"), ("xã", "xa"), ("phường", "xa"),
    ("trung ương", "trung_uong"),
)
# the level word printed before a place of that level when a name is completed
LEVEL_WORD = {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}
# kinds whose names repeat in every agency (`Phòng Tổ chức cán bộ`): scoped to the issuing body
BY_ISSUER = {"phong", "person_role"}
# a collective of the issuer's own units (`các phòng, ban, trung tâm`; `các đơn vị trực thuộc`)
OWN_MEMBERS = ("phòng", "đơn vị", "trực thuộc", "bộ phận", "khoa", "tổ")

CONFIDENT, FROM_CONTEXT, UNLISTED_PLACE, ISSUER_SCOPED, UNPLACED = 1.0, 0.9, 0.7, 0.6, 0.3


@dataclass(frozen=True)
class Unit:
    """A resolved unit: `key` (what makes it one body), a printable `name`, and what it is."""

    key: str
    name: str
    kind: str
    level: str | None = None
    place: str | None = None
    parent_key: str | None = None
    confidence: float = CONFIDENT

    @property
    def unit_id(self) -> str:
        return unit_id(self.key)


@dataclass
class Context:
    """What a document's header says about where its relative names are: the issuing
    body, its parent, and the place at each level (`{'tinh': 'Lai Châu', 'xa': 'Bình Lư'}`)."""

    issuer: Unit | None = None
    parent: Unit | None = None
    places: dict[str, str] = field(default_factory=dict)

    def lowest(self) -> tuple[str, str] | None:
        for level in ("xa", "huyen", "tinh"):
            if level in self.places:
                return level, self.places[level]
        return None


def unit_id(key: str) -> str:
    """A unit's id: from its key alone, so any order of arrival gives the same ids."""
    return "u" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass
class _Words:
    low: list[str]      # canon()-ed, abbreviations expanded
    shown: list[str]    # as printed (expansions in full, lower case)
    cap: list[bool]     # printed with a capital: a place name or a proper name


def _words(text: str) -> _Words:
    table = _abbreviation_table()
    out = _Words([], [], [])
    for word in clean(text).strip(" -–+•*·:;,.").split():
        bare = word.strip(",;:.()")
        full = table.get(canon(bare)) if bare else None
        if full and (bare.isupper() or not bare.isalpha() or bare[:1].isupper()):
            # shown as printed (`UBND`); a place inside (`TP.HCM`) is a place like any capitalised name
            parts = full.split()
            place = _place_words(full)
            for n, w in enumerate(parts):
                out.low.append(w)
                out.shown.append(word if n == 0 else "")
                out.cap.append(n >= len(parts) - place)
        else:
            out.low.append(canon(bare) or canon(word))
            out.shown.append(word)
            out.cap.append(bare[:1].isupper())
    return out


def _place_words(full: str) -> int:
    """How many trailing words of an expansion are a province's name (`thành phố hồ chí minh` -> 3)."""
    parts = full.split()
    for n in range(len(parts), 0, -1):
        if gazetteer.province(" ".join(parts[-n:])):
            return n
    return 0


def _sentence(w: _Words) -> None:
    """A header printed in capitals (`SỞ Y TẾ`), spelled as a name in a sentence
    (`Sở Y tế`): the head noun's first word and the first word after it capitalised,
    a place after its marker in title case, the rest in lower case."""
    head = max((len(canon(h).split()) for h, _ in KINDS if _starts(w.low, 0, h)), default=1)
    mark = _marker(w)
    place_from = mark[0] + mark[1] if mark else len(w.low)
    for i, word in enumerate(w.shown):
        if not word or (i < len(w.low) and word.isupper() and canon(word) in _abbreviation_table()):
            continue                                  # an abbreviation stays as printed
        if i >= place_from:
            w.shown[i] = word[:1].upper() + word[1:].lower()
        elif i == 0 or (i == head and (mark is None or i < mark[0])):
            w.shown[i] = word[:1].upper() + word[1:].lower()
        else:
            w.shown[i] = word.lower()
    tail = _place_words(" ".join(w.low))           # `TRƯỜNG ĐẠI HỌC CẦN THƠ`: a province's name at the end
    for i in range(len(w.shown) - tail, len(w.shown)):
        w.shown[i] = w.shown[i][:1].upper() + w.shown[i][1:]


def _join(words: list[str]) -> str:
    return " ".join(w for w in words if w)


@lru_cache(maxsize=8192)
def _parts(phrase: str) -> list[str]:
    # the phrases are a closed vocabulary tried against every name: canonicalised once each
    return canon(phrase).split()


def _starts(low: list[str], i: int, phrase: str) -> bool:
    parts = _parts(phrase)
    return low[i:i + len(parts)] == parts


def kind_of(low: list[str]) -> str:
    """The kind from the head noun (after `các`): the longest head of KINDS that starts the name."""
    i = 1 if low[:1] in ([_CAC], [_NHUNG]) else 0
    best = ("", "khac")
    for head, kind in KINDS:
        if _starts(low, i, head) and len(head) > len(best[0]):
            best = (head, kind)
    return best[1]


_CAC, _NHUNG, _TOAN_THE = canon("các"), canon("những"), canon("toàn thể")
_LINKS = {canon(w) for w in ("các", "và", "với", "của")}


def _is_collective(low: list[str]) -> bool:
    return _CAC in low or _NHUNG in low or _TOAN_THE in " ".join(low)


def _place_after(w: _Words, j: int, level: str) -> tuple[str, str, int] | None:
    """(place as spelled, its level, words used) of the capitalised words from j; None when none."""
    n = 0
    while j + n < len(w.low) and w.cap[j + n] and n < 6:
        n += 1
    if n == 0:
        return None
    for size in range(min(n, 5), 0, -1):      # the longest run the gazetteer knows
        name = " ".join(w.low[j:j + size])     # the gazetteer folds case and marks
        if level in ("tinh", "tinh?") and (hit := gazetteer.province(name)):
            return hit[0], "tinh", size
        spelled = gazetteer.local_place(name) or _title(_join(w.shown[j:j + size]))
        if level in ("huyen", "tinh?") and gazetteer.known(name, "district"):
            return spelled, "huyen", size
        if level == "xa" and gazetteer.known(name, "commune"):
            return spelled, "xa", size
    return _title(_join(w.shown[j:j + n])), ("tinh" if level == "tinh?" else level), n


def _title(name: str) -> str:
    return " ".join(p[:1].upper() + p[1:].lower() if p.isupper() else p for p in name.split())


def _marker(w: _Words) -> tuple[int, int, str] | None:
    """(position, length, level) of the first jurisdiction marker, skipping the head noun's own words."""
    for i in range(len(w.low)):
        for phrase, level in MARKERS:
            if _starts(w.low, i, phrase):
                return i, len(canon(phrase).split()), level
    return None


def _embedded(w: _Words) -> int | None:
    """Where a body starts inside the name after its head (`Chủ tịch | UBND tỉnh`)."""
    for i in range(1, len(w.low)):
        if w.low[i - 1] in _LINKS:
            continue
        for head in EMBEDDED:
            if _starts(w.low, i, head) and (w.cap[i] or w.shown[i] != w.low[i] or w.shown[i].islower() is False):
                if head in ("trường", "trung tâm", "cục", "bộ", "sở") and not w.cap[i]:
                    continue
                return i
    return None


def resolve(text: str, ctx: Context | None = None) -> Unit | None:
    """The unit `text` names in a document whose header gave `ctx` (None when `text` names nothing)."""
    ctx = ctx or Context()
    w = _words(text)
    if not w.low:
        return None
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        _sentence(w)
    kind = kind_of(w.low)
    collective = _is_collective(w.low)
    shown = _join(w.shown)
    cut = _embedded(w) if not collective else None
    if cut is not None and kind not in ("ubnd", "hdnd", "dang_uy", "mttq"):
        body = resolve(_join(w.shown[cut:]), ctx)
        if body is not None:
            head = _join(w.shown[:cut])
            return Unit(unit_key(f"{head} {body.name}"), f"{head} {body.name}", kind, body.level, body.place,
                        body.key, body.confidence)
    mark = _marker(w)
    if mark is not None and collective and _place_after(w, mark[0] + mark[1], mark[2]) is None:
        mark = None        # `UBND các xã, phường`: the members' level, not a place
    if mark is not None:
        i, size, level = mark
        found = _place_after(w, i + size, level)
        if found is not None:
            place, level, _ = found
            national = level == "trung_uong"
            conf = CONFIDENT if (gazetteer.province(place) or gazetteer.known(place, "district")
                                 or gazetteer.known(place, "commune")) else UNLISTED_PLACE
            return Unit(unit_key(shown), shown, "collective" if collective else kind, level,
                        None if national else place, _parent(ctx, kind, level), conf)
        if level == "trung_uong":
            return Unit(unit_key(shown), shown, kind, "trung_uong", None, None, CONFIDENT)
        level = "tinh" if level == "tinh?" else level
        if level in ctx.places:
            # a relative name: the place of that level from the header, after the marker
            words = w.shown[:i + size] + [ctx.places[level]] + w.shown[i + size:]
            name = _join(words)
            return Unit(unit_key(name), name, "collective" if collective else kind, level, ctx.places[level],
                        _parent(ctx, kind, level), FROM_CONTEXT)
        return _unplaced(shown, kind, ctx, level)
    if any(_starts(w.low, 0, n) for n in NATIONAL) and not collective:
        return Unit(unit_key(shown), shown, kind, "trung_uong", None, None, CONFIDENT)
    return _scoped(w, shown, kind, collective, ctx)


# which kinds of body a document's issuer can be the parent of: a Sở under the UBND, a
# centre under the Sở or the Văn phòng; never a Sở under the Văn phòng that writes to it
PARENT_KINDS: dict[str, set[str]] = {
    "so_ban_nganh": {"ubnd", "dang_uy"},
    "van_phong": {"ubnd", "hdnd", "dang_uy", "so_ban_nganh", "bo_cuc"},
    "trung_tam": {"ubnd", "so_ban_nganh", "van_phong", "bo_cuc", "truong"},
    "phong": {"ubnd", "so_ban_nganh", "van_phong", "bo_cuc", "truong", "trung_tam"},
    "truong": {"ubnd", "so_ban_nganh", "bo_cuc"},
    "bo_cuc": {"bo_cuc", "ubnd"},
    "chi_bo": {"dang_uy"},
    "khac": {"ubnd", "so_ban_nganh", "bo_cuc", "van_phong"},
}


def _parent(ctx: Context, kind: str, level: str | None = None) -> str | None:
    """The header body this unit belongs to, where its kind can belong to one of that
    kind, at the same level: the issuer, else the issuer's parent."""
    allowed = PARENT_KINDS.get(kind, set())
    for body in (ctx.issuer, ctx.parent):
        if body is not None and body.kind in allowed and (level is None or body.level in (None, level)):
            return body.key
    return None


def _scoped(w: _Words, shown: str, kind: str, collective: bool, ctx: Context) -> Unit:
    """A name with no place of its own: completed from the header, by its kind."""
    lowest = ctx.lowest()
    if kind == "van_phong" and w.low == ["văn", canon("phòng")] and (ctx.parent or ctx.issuer):
        body = ctx.parent or ctx.issuer
        name = f"{shown} {body.name}"
        return Unit(unit_key(name), name, kind, body.level, body.place, body.key, FROM_CONTEXT)
    own = collective and any(canon(m) in " ".join(w.low) for m in OWN_MEMBERS)
    if (kind in BY_ISSUER or own) and ctx.issuer is not None:
        name = f"{shown} {ctx.issuer.name}"
        # no surer than the issuer it is scoped to
        return Unit(unit_key(name), name, "collective" if collective else kind, ctx.issuer.level,
                    ctx.issuer.place, ctx.issuer.key, min(ISSUER_SCOPED, ctx.issuer.confidence))
    if kind == "so_ban_nganh" and w.low[0] == canon("sở") and "tinh" in ctx.places:
        lowest = ("tinh", ctx.places["tinh"])
    if lowest is not None:
        level, place = lowest
        word = LEVEL_WORD[level]
        if level == "tinh" and (hit := gazetteer.province(place)):
            word = hit[1]
        name = f"{shown} {word} {place}"
        return Unit(unit_key(name), name, "collective" if collective else kind, level, place,
                    _parent(ctx, kind, level), FROM_CONTEXT)
    if ctx.issuer is not None and ctx.issuer.level == "trung_uong" and not collective:
        return Unit(unit_key(shown), shown, kind, "trung_uong", None, ctx.issuer.key, FROM_CONTEXT)
    return _unplaced(shown, kind if not collective else "collective", ctx, None)


def _unplaced(shown: str, kind: str, ctx: Context, level: str | None) -> Unit:
    # kept apart from every other office's look-alike: scoped to its issuer, or to nothing
    scope = ctx.issuer.key if ctx.issuer is not None else ""
    key = unit_key(shown) + (f" @ {scope}" if scope else "")
    return Unit(key, shown, kind, level, None, ctx.issuer.key if ctx.issuer else None, UNPLACED)


def context(issuer: list[str], place: str | None = None) -> tuple[Context, list[Unit]]:
    """The context a header gives, and its lines resolved (parent body first)."""
    ctx = Context()
    units: list[Unit] = []
    for line in issuer:
        unit = resolve(line, ctx)
        if unit is None:
            continue
        units.append(unit)
        if unit.level in LEVEL_WORD and unit.place:
            ctx.places.setdefault(unit.level, unit.place)
        ctx.parent, ctx.issuer = (ctx.issuer or unit), unit
    if place and "tinh" not in ctx.places and (hit := gazetteer.province(place)):
        ctx.places["tinh"] = hit[0]
    if ctx.parent is ctx.issuer:
        ctx.parent = None
    return ctx, units
