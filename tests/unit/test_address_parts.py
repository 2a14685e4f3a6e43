"""Splitting a whole address typed in one cell: district level, missing province, 市辖区, county-level
cities, autonomous prefectures and leagues, spaces; and garbage is still not split."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.address_parts import split_address
from desktop_app.domain.division_table import PREFECTURES, Prefecture
from desktop_app.domain.provincial_divisions import division_by_code

Parts = tuple[str, str, str, str]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # district level: complete, the detail empty
        ("江苏省南京市玄武区", ("江苏省", "南京市", "玄武区", "")),
        ("四川省成都市武侯区", ("四川省", "成都市", "武侯区", "")),
        ("北京市朝阳区", ("北京市", "北京市", "朝阳区", "")),
        # no province
        ("深圳市南山区科技园路1号", ("广东省", "深圳市", "南山区", "科技园路1号")),
        ("吉林市船营区解放路1号", ("吉林省", "吉林市", "船营区", "解放路1号")),
        ("海南藏族自治州共和县", ("青海省", "海南藏族自治州", "共和县", "")),
        # 市辖区 and the old 县 level of Chongqing
        ("北京市市辖区朝阳区", ("北京市", "北京市", "朝阳区", "")),
        ("天津市市辖区和平区南京路1号", ("天津市", "天津市", "和平区", "南京路1号")),
        ("江苏省南京市市辖区玄武区", ("江苏省", "南京市", "玄武区", "")),
        ("重庆市县城口县葛城街道", ("重庆市", "重庆市", "城口县", "葛城街道")),
        # county-level cities
        ("江苏省苏州市昆山市玉山镇人民路1号", ("江苏省", "苏州市", "昆山市", "玉山镇人民路1号")),
        ("浙江省金华市义乌市稠城街道", ("浙江省", "金华市", "义乌市", "稠城街道")),
        ("江苏省昆山市玉山镇", ("江苏省", "苏州市", "昆山市", "玉山镇")),
        ("河南省济源市济水街道", ("河南省", "济源市", "济源市", "济水街道")),
        ("湖北省仙桃市沙嘴街道", ("湖北省", "仙桃市", "仙桃市", "沙嘴街道")),
        ("湖北省神农架林区松柏镇", ("湖北省", "神农架林区", "神农架林区", "松柏镇")),
        ("广东省东莞市长安镇", ("广东省", "东莞市", "东莞市", "长安镇")),
        # autonomous prefectures, leagues, 地区, counties and banners
        (
            "新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路1号",
            ("新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁市", "解放路1号"),
        ),
        (
            "内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路",
            ("内蒙古自治区", "锡林郭勒盟", "锡林浩特市", "额尔敦路"),
        ),
        ("黑龙江省大兴安岭地区漠河市北极村", ("黑龙江省", "大兴安岭地区", "漠河市", "北极村")),
        ("内蒙古自治区呼伦贝尔市鄂温克族自治旗", ("内蒙古自治区", "呼伦贝尔市", "鄂温克族自治旗", "")),
        ("河北省承德市围场满族蒙古族自治县", ("河北省", "承德市", "围场满族蒙古族自治县", "")),
        ("新疆维吾尔自治区乌鲁木齐市新市区北京路", ("新疆维吾尔自治区", "乌鲁木齐市", "新市区", "北京路")),
        # spaces, of any width
        ("广东省 深圳市 南山区 科技园路1号", ("广东省", "深圳市", "南山区", "科技园路1号")),
        ("广东省\u3000深圳市\u3000南山区\u3000科技园路 1 号", ("广东省", "深圳市", "南山区", "科技园路1号")),
        # short forms, and an old district name the table no longer holds
        ("广东深圳南山区1号", ("广东省", "深圳市", "南山区", "1号")),
        # no province and the city's short name: only before one of that city's own districts
        ("广州天河区体育西路1号", ("广东省", "广州市", "天河区", "体育西路1号")),
        ("杭州 西湖区 文三路", ("浙江省", "杭州市", "西湖区", "文三路")),
        ("成都武侯区", ("四川省", "成都市", "武侯区", "")),
        ("北京市宣武区菜市口", ("北京市", "北京市", "宣武区", "菜市口")),
    ],
)
def test_legacy_addresses_are_split(text: str, parts: Parts) -> None:
    assert split_address(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        "广东省深圳市",
        "广东省深圳市科技园路1号",
        "深圳市科技园路1号",
        "南山区科技园路1号",
        "科技园路1号",
        "12345",
        "深圳",
        "广州科技园路1号",  # a short city name and no district of it
        "朝阳区建国路1号",  # 朝阳 is a city (辽宁), but 朝阳区 is not one of its districts
    ],
)
def test_addresses_without_a_recognisable_district_are_not_split(text: str) -> None:
    assert split_address(text) is None


def test_the_table_holds_every_prefecture_level_division() -> None:
    prefectures = [p for p in PREFECTURES if p.code[2:4] != "90" and not p.code.endswith("0000")]
    assert len(prefectures) == 333
    assert len({p.name for p in PREFECTURES}) == len(PREFECTURES)
    assert all(division_by_code(p.province_code) is not None for p in PREFECTURES)


# ----------------------------------------------------------------------------------- properties

_DETAIL = st.text(alphabet="0123456789号路栋单元室楼巷弄-#AB", max_size=12)
_WITH_DISTRICTS = [p for p in PREFECTURES if p.districts]
_OWN_DISTRICT = [p for p in PREFECTURES if not p.districts]


@st.composite
def composed(draw: st.DrawFn) -> tuple[str, Parts]:
    """A province + city + district + detail written as legacy sheets write it, and its parts."""
    city: Prefecture = draw(st.sampled_from(_WITH_DISTRICTS + _OWN_DISTRICT))
    division = division_by_code(city.province_code)
    assert division is not None
    municipality = city.code.endswith("0000")
    district = draw(st.sampled_from(city.districts)) if city.districts else city.name
    detail = draw(_DETAIL)
    province = draw(
        st.sampled_from([division.name_zh, division.short_zh, *([""] if not municipality else [])])
    )
    if municipality:
        middle = draw(st.sampled_from(["", city.name, city.name + "市辖区"]))
    else:
        middle = city.name + draw(st.sampled_from(["", "市辖区"] if city.districts else ["", city.name]))
    written = province + middle + (district if city.districts else "") + detail
    return written, (division.name_zh, city.name, district, detail)


@given(composed())
def test_any_composed_address_splits_back_into_its_parts(case: tuple[str, Parts]) -> None:
    text, parts = case
    assert split_address(text) == parts


@given(composed(), st.lists(st.tuples(st.integers(0, 60), st.sampled_from([" ", "\u3000", "\t", "  "]))))
def test_spaces_never_change_the_result(case: tuple[str, Parts], spaces: list[tuple[int, str]]) -> None:
    text, _ = case
    spaced = text
    for position, space in spaces:
        spaced = spaced[:position] + space + spaced[position:]
    assert split_address(spaced) == split_address(text)


@given(st.text(max_size=30), st.lists(st.integers(0, 30)))
def test_spaces_never_change_the_result_of_any_text(text: str, positions: list[int]) -> None:
    spaced = text
    for position in positions:
        spaced = spaced[:position] + " " + spaced[position:]
    assert split_address(spaced) == split_address(text)
