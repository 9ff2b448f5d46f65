"""Place names below the province, for repairing OCR'd header lines.

Header cells name a district (`HUYỆN ỦY CHƯ SÊ`, `UBND HUYỆN ĐỨC PHỔ`, before
the 2025 reform) or a commune or ward (`ĐẢNG ỦY XÃ BÌNH LƯ`). OCR gets their
tone marks wrong (`CHƯ SẼ`) as it does the provinces'. The names come from the
administrative-unit table that ships with underthesea
(`underthesea/address/data/mapping.json`, source vietnamadminunits, effective
1/7/2025): the districts before the reform, the communes and wards before
and after it. It is read as a file (importing underthesea is slow), once;
without it the tables are empty and nothing is repaired.
"""
from __future__ import annotations

import importlib.util
import json
import logging
from functools import lru_cache
from pathlib import Path

from extractors.normalize import canon, fold

_log = logging.getLogger(__name__)

MAPPING = "address/data/mapping.json"
# level prefix as the table spells it -> which table the name goes to
PREFIXES: dict[str, str] = {
    "Huyện ": "district", "Quận ": "district", "Thị xã ": "district", "Thành phố ": "district",
    "Xã ": "commune", "Phường ": "commune", "Thị trấn ": "commune", "Đặc khu ": "commune",
}


def key(name: str) -> str:
    """Folded, upper case, single-spaced: what OCR tone-mark errors keep."""
    return " ".join(fold(name).upper().split())


def _mapping_path() -> Path | None:
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / MAPPING
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def tables() -> dict[str, dict[str, tuple[str, ...]]]:
    """{'district' | 'commune': folded key -> the names (title case) with that key}."""
    out: dict[str, dict[str, set[str]]] = {"district": {}, "commune": {}}
    path = _mapping_path()
    if path is None:
        return {"district": {}, "commune": {}}
    try:
        rows = json.loads(path.read_text(encoding="utf-8")).get("ward_mapping", [])
    except (OSError, ValueError) as exc:
        _log.warning("place names unavailable: %s", exc)
        return {"district": {}, "commune": {}}
    for row in rows:
        for field in ("old_district", "old_ward", "new_ward"):
            full = row.get(field) or ""
            for prefix, kind in PREFIXES.items():
                if full.startswith(prefix):
                    name = full[len(prefix):].strip()
                    if name and not name.isdigit():  # `Phường 3`: a number, nothing to repair
                        out[kind].setdefault(key(name), set()).add(name)
                    break
    # one spelling per name: `Hòa An` and `Hoà An` differ only in where the tone mark sits
    return {kind: {k: tuple(sorted({canon(n): n for n in sorted(v)}.values())) for k, v in names.items()}
            for kind, names in out.items()}


def place(name: str, kind: str) -> str | None:
    """The one `kind` place whose folded name is `name`'s, in capitals; None when
    there is none or more than one (`An Bình` / `Ân Bình` cannot be told apart)."""
    hits = tables()[kind].get(key(name), ())
    return hits[0].upper() if len(hits) == 1 else None


def local_place(name: str) -> str | None:
    """A district, commune or ward whose folded name is `name`'s, as the table
    spells it (`Chư Sẽ` -> `Chư Sê`); None when none or several differ."""
    found = {canon(n): n for kind in ("district", "commune") for n in tables()[kind].get(key(name), ())}
    return next(iter(found.values())) if len(found) == 1 else None


@lru_cache(maxsize=1)
def provinces() -> dict[str, tuple[str, str]]:
    """{folded key: (name, level word)} of the provinces before and after the 2025
    reform (`Kiên Giang` stays valid for older documents), `level word` being
    `tỉnh` or `thành phố` (the centrally-run cities)."""
    path = _mapping_path()
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        _log.warning("province names unavailable: %s", exc)
        return {}
    out: dict[str, tuple[str, str]] = {}
    for table in ("province_names", "old_province_names"):
        for entry in (data.get(table) or {}).values():
            short, full = entry.get("short") or "", entry.get("name") or ""
            if short:
                out[key(short)] = (short, "thành phố" if full.startswith("Thành phố") else "tỉnh")
    return out


def province(name: str) -> tuple[str, str] | None:
    """(name as the table spells it, `tỉnh` | `thành phố`) when `name` is a province."""
    return provinces().get(key(name))


def known(name: str, kind: str) -> bool:
    """Whether `name` is a `district` or `commune` (any period) of the table."""
    return bool(tables()[kind].get(key(name)))
