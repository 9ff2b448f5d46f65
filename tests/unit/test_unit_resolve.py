"""Unit names resolved in their document's context (extractors.unit_resolve): one
body however it is spelled, relative names completed from the header, and a name
that cannot be placed kept apart from every look-alike."""
from __future__ import annotations

import pytest

from extractors.unit_resolve import context, resolve

COMMUNE = ["ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY XÃ BÌNH LƯ"]
OTHER_COMMUNE = ["ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY XÃ PHONG THỔ"]
OFFICE = ["UBND TỈNH LAI CHÂU", "VĂN PHÒNG"]
PROVINCE = ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"]
HEALTH = ["UBND TỈNH KIÊN GIANG", "SỞ Y TẾ"]


def _unit(issuer: list[str], text: str):
    ctx, _ = context(issuer)
    return resolve(text, ctx)


# (header, name as printed, the full name it is) -- three spellings of each where an office prints them
SAME_BODY = [
    (COMMUNE, "Ủy ban nhân dân xã", "UBND xã Bình Lư"),
    (COMMUNE, "UBND xã", "Uỷ ban Nhân dân xã Bình Lư"),
    (COMMUNE, "ỦY BAN NHÂN DÂN XÃ", "Ủy ban nhân dân xã Bình Lư"),
    (OFFICE, "Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh Lai Châu"),
    (["UBND TỈNH LAI CHÂU"], "Văn phòng UBND tỉnh", "VP UBND tỉnh Lai Châu"),
    (PROVINCE, "Sở Tài chính", "Sở Tài chính tỉnh Lâm Đồng"),
    (PROVINCE, "SỞ TÀI CHÍNH", "Sở Tài chính tỉnh Lâm Đồng"),
    (PROVINCE, "Chủ tịch UBND tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng"),
    (["UBND THÀNH PHỐ HỒ CHÍ MINH"], "Sở Y tế", "Sở Y tế TP. HCM"),
    ([], "Sở Y tế TP.HCM", "Sở Y tế thành phố Hồ Chí Minh"),
    (["TỈNH ỦY LAI CHÂU"], "Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo Tỉnh uỷ Lai Châu"),
    (HEALTH, "Phòng Tổ chức cán bộ", "Phòng Tổ chức cán bộ Sở Y tế tỉnh Kiên Giang"),
]


@pytest.mark.parametrize("issuer,text,full", SAME_BODY)
def test_a_relative_name_is_the_body_its_full_name_is(issuer, text, full) -> None:
    assert _unit(issuer, text).key == _unit([], full).key == _unit(issuer, full).key


def test_the_header_gives_the_issuing_body_in_full() -> None:
    ctx, units = context(OFFICE)
    assert [u.name for u in units] == ["UBND tỉnh Lai Châu", "Văn phòng UBND tỉnh Lai Châu"]
    assert units[1].parent_key == units[0].key and ctx.places == {"tinh": "Lai Châu"}
    assert _unit(OFFICE, "Trung tâm Tin học và Công báo").parent_key == units[1].key


@pytest.mark.parametrize("text,kind,level,place", [
    ("UBND xã Bình Lư", "ubnd", "xa", "Bình Lư"),
    ("Hội đồng nhân dân tỉnh Lai Châu", "hdnd", "tinh", "Lai Châu"),
    ("Đảng ủy xã Bình Lư", "dang_uy", "xa", "Bình Lư"),
    ("Bộ Tài chính", "bo_cuc", "trung_uong", None),
    ("Trung tâm Y tế huyện Châu Thành", "trung_tam", "huyen", "Châu Thành"),
    ("Chi bộ thôn 3", "chi_bo", None, None),
    ("Ban Chỉ đạo tỉnh Lai Châu", "ban_chi_dao", "tinh", "Lai Châu"),
    ("Giám đốc Sở Y tế tỉnh Kiên Giang", "person_role", "tinh", "Kiên Giang"),
    ("Ủy ban MTTQ xã Bình Lư", "mttq", "xa", "Bình Lư"),
])
def test_kind_level_and_place(text, kind, level, place) -> None:
    unit = _unit([], text)
    assert (unit.kind, unit.level, unit.place) == (kind, level, place)


def test_two_communes_keep_their_own_ubnd() -> None:
    assert _unit(COMMUNE, "UBND xã").key != _unit(OTHER_COMMUNE, "UBND xã").key


@pytest.mark.parametrize("text", ["các sở, ban, ngành", "UBND các xã, phường", "Các sở, ban, ngành tỉnh"])
def test_a_collective_stays_one_unit_of_its_jurisdiction(text) -> None:
    unit = _unit(PROVINCE, text)
    assert unit.kind == "collective" and unit.place == "Lâm Đồng"
    assert unit.key != _unit(PROVINCE, "Sở Tài chính").key


def test_the_issuers_own_units_are_its_collective() -> None:
    own = _unit(OFFICE, "Các phòng, ban, trung tâm")
    ctx, units = context(OFFICE)
    assert own.kind == "collective" and own.parent_key == units[1].key


@pytest.mark.parametrize("issuer,text", [
    (["SỞ Y TẾ"], "UBND xã"),                    # which commune: the header does not say
    (["SỞ Y TẾ"], "Phòng Nghiệp vụ y"),          # a department of which Sở
])
def test_an_unplaced_name_is_kept_apart_with_low_confidence(issuer, text) -> None:
    unit = _unit(issuer, text)
    assert unit.confidence < 0.5
    assert unit.key != _unit(["SỞ NỘI VỤ"], text).key


def test_a_sub_department_is_not_parented_by_the_office_writing_to_it() -> None:
    ctx, units = context(OFFICE)
    assert _unit(OFFICE, "Sở Khoa học và Công nghệ").parent_key == units[0].key   # UBND, not the Văn phòng


def test_unit_ids_come_from_the_key_alone() -> None:
    a, b = _unit(COMMUNE, "UBND xã"), _unit([], "Ủy ban nhân dân xã Bình Lư")
    assert a.unit_id == b.unit_id and a.unit_id.startswith("u") and len(a.unit_id) == 13
