"""A whole mainland address typed in one cell, split into province, city, district and the rest.

Rule: the split follows the official division names (domain/division_table.py, GB/T 2260) first, and
only then the generic shapes of names (…市, …区, …县, …旗) for a name the table does not hold (renamed
districts in old sheets). An address is complete at district level: "江苏省南京市玄武区" or "北京市朝阳区"
splits with an empty detail. Read as legacy sheets write it: the province may be missing
("深圳市南山区…" → 广东省, only for the full name of a prefecture-level city), or given in short form
("广东深圳市…"); "市辖区" after a city is skipped; a county-level city is a district ("江苏省苏州市
昆山市…"; "江苏省昆山市…" finds 苏州市); a county-level city directly under a province (济源市, 仙桃市)
and a prefecture-level city without districts (东莞市) are their own district; autonomous
prefectures, leagues and 地区 are cities, counties and banners districts. Whitespace of any width
anywhere is ignored. Anything else (no recognisable district, a street alone) is not split: None.
Reason: legacy client sheets hold the address in one column; refusing a valid one loses a client,
guessing a wrong split stores a wrong address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop_app.domain.division_table import PREFECTURES, Prefecture
from desktop_app.domain.provincial_divisions import PROVINCIAL_DIVISIONS, ProvincialDivision

_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
_SPACES = re.compile(r"\s+")
_NAME = r"[\u3400-\u9fff]"  # a division name is CJK ideographs only: no digits, no latin letters
_GENERIC_CITY = re.compile(rf"({_NAME}{{1,18}}?(?:自治州|地区|盟|市))(.*)", re.DOTALL)
_GENERIC_DISTRICT = re.compile(rf"({_NAME}{{1,14}}?(?:区|县|市|旗))(.*)", re.DOTALL)
_SKIPPED_LEVELS = ("市辖区", "县")  # old GB/T 2260 rows between a city and its districts ("重庆市县城口县")

_PROVINCE_FORMS = sorted(
    ((form, d) for d in PROVINCIAL_DIVISIONS if d.mainland for form in (d.name_zh, d.short_zh)),
    key=lambda pair: -len(pair[0]),
)
_BY_PROVINCE: dict[str, list[Prefecture]] = {}
for _prefecture in PREFECTURES:
    _BY_PROVINCE.setdefault(_prefecture.province_code, []).append(_prefecture)
_CITIES: dict[str, list[Prefecture]] = {}  # first character → cities, longest name first
for _prefecture in sorted(PREFECTURES, key=lambda p: -len(p.name)):
    if _prefecture.province_code not in _MUNICIPALITIES:
        _CITIES.setdefault(_prefecture.name[0], []).append(_prefecture)


def _short(name: str) -> str | None:
    """苏州市 → 苏州, 大兴安岭地区 → 大兴安岭, 锡林郭勒盟 → 锡林郭勒; None for an autonomous prefecture."""
    for suffix in ("地区", "市", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def _unique_counties(code: str) -> dict[str, Prefecture]:
    """County-level name → its prefecture, for the names that occur once in the province."""
    seen: dict[str, list[Prefecture]] = {}
    for prefecture in _BY_PROVINCE.get(code, []):
        for district in prefecture.districts:
            seen.setdefault(district, []).append(prefecture)
    return {name: found[0] for name, found in seen.items() if len(found) == 1}


_COUNTIES: dict[str, dict[str, Prefecture]] = {code: _unique_counties(code) for code in _BY_PROVINCE}


def split_address(text: str) -> tuple[str, str, str, str] | None:
    """A whole mainland address ("广东省深圳市南山区科技园路1号") as (province, city, district, detail),
    the detail possibly empty; None when it cannot be split with confidence."""
    text = _SPACES.sub("", text)
    for strict in (True, False):
        for division, rest in _province_readings(text):
            parts = _after_province(division, rest, strict=strict)
            if parts is not None:
                return parts
    return None


def _province_readings(text: str) -> Iterator[tuple[ProvincialDivision | None, str]]:
    """Each way the text may begin with a province, then the reading without one (吉林市… is a city)."""
    for form, division in _PROVINCE_FORMS:
        if text.startswith(form):
            yield division, text[len(form) :]
    yield None, text


def _after_province(
    division: ProvincialDivision | None, rest: str, *, strict: bool
) -> tuple[str, str, str, str] | None:
    if division is None:
        if not strict:
            return None  # no province: only a city the table knows, by its full name or its short
            # name followed by one of its own districts
        for city in _CITIES.get(rest[:1], []):
            if rest.startswith(city.name):
                found = _after_city(city, rest[len(city.name) :], strict=True)
                if found is not None:
                    return (_province_name(city.province_code), city.name, *found)
        for city in _CITIES.get(rest[:1], []):  # 广州天河区…: the short name, before its own district
            short = _short(city.name)
            if short and rest.startswith(short) and not rest.startswith(city.name):
                after = rest[len(short) :]
                for own in sorted(city.districts, key=len, reverse=True):
                    if after.startswith(own):
                        return _province_name(city.province_code), city.name, own, after[len(own) :]
        return None
    if division.code in _MUNICIPALITIES:
        city = _BY_PROVINCE[division.code][0]
        if rest.startswith(city.name):
            rest = rest[len(city.name) :]
        found = _after_city(city, rest, strict=strict)
        return None if found is None else (division.name_zh, city.name, *found)
    for city, after in _city_readings(division.code, rest, strict=strict):
        found = _after_city(city, after, strict=strict)
        if found is not None:
            return (division.name_zh, city.name, *found)
    if strict:
        counties = _COUNTIES.get(division.code, {})
        for name in sorted((n for n in counties if rest.startswith(n)), key=len, reverse=True):
            return division.name_zh, counties[name].name, name, rest[len(name) :]
        return None
    generic = _GENERIC_CITY.fullmatch(rest)
    if generic is None:
        return None
    district = _GENERIC_DISTRICT.fullmatch(_skip_level(generic.group(2), strict=False))
    if district is None:
        return None
    return division.name_zh, generic.group(1), district.group(1), district.group(2)


def _city_readings(code: str, rest: str, *, strict: bool) -> Iterator[tuple[Prefecture, str]]:
    """The province's cities the text begins with: by full name, and (strict pass) by short name."""
    cities = sorted(_BY_PROVINCE.get(code, []), key=lambda p: -len(p.name))
    for city in cities:
        if rest.startswith(city.name):
            yield city, rest[len(city.name) :]
    if strict:
        for city in cities:
            short = _short(city.name)
            if short and rest.startswith(short) and not rest.startswith(city.name) and city.districts:
                after = rest[len(short) :]
                if any(after.startswith(d) for d in city.districts):
                    yield city, after


def _after_city(city: Prefecture, rest: str, *, strict: bool) -> tuple[str, str] | None:
    """(district, detail) after the city's name."""
    if not city.districts:
        if rest.startswith(city.name):  # 广东省东莞市东莞市长安镇…: the city written as its district too
            rest = rest[len(city.name) :]
        return city.name, rest
    rest = _skip_level(rest, strict=strict, city=city)
    for district in sorted(city.districts, key=len, reverse=True):
        if rest.startswith(district):
            return district, rest[len(district) :]
    if strict:
        return None
    generic = _GENERIC_DISTRICT.fullmatch(rest)
    return None if generic is None else (generic.group(1), generic.group(2))


def _skip_level(rest: str, *, strict: bool, city: Prefecture | None = None) -> str:
    """Drop a "市辖区" (or old "县") level before the district: in the strict pass only where a known
    district follows."""
    if city is not None and any(rest.startswith(d) for d in city.districts):
        return rest
    for level in _SKIPPED_LEVELS:
        after = rest[len(level) :]
        if not rest.startswith(level) or not after:
            continue
        if city is not None and any(after.startswith(d) for d in city.districts):
            return after
        if not strict and level == "市辖区":
            return after
    return rest


def _province_name(code: str) -> str:
    return next(d.name_zh for d in PROVINCIAL_DIVISIONS if d.code == code)
