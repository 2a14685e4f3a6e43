"""The 34 provincial-level administrative divisions of China (GB/T 2260 codes), with their standard
names, the short forms people commonly type, and English names.

Used for the province of a client address (normalised to the standard full name) and for the first
two digits of a resident ID number (only the 31 mainland divisions issue resident ID cards).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.input_text import collapse_spaces, fold_width


@dataclass(frozen=True)
class ProvincialDivision:
    code: str  # the two-digit GB/T 2260 code, e.g. "44"
    name_zh: str  # standard full name, e.g. "广东省"
    short_zh: str  # the name without its suffix, e.g. "广东"
    name_en: str
    mainland: bool = True  # False for Taiwan, Hong Kong and Macao

    def label(self, language: str = "zh_CN") -> str:
        return self.name_zh if language.startswith("zh") else self.name_en


PROVINCIAL_DIVISIONS: tuple[ProvincialDivision, ...] = (
    ProvincialDivision("11", "北京市", "北京", "Beijing"),
    ProvincialDivision("12", "天津市", "天津", "Tianjin"),
    ProvincialDivision("13", "河北省", "河北", "Hebei"),
    ProvincialDivision("14", "山西省", "山西", "Shanxi"),
    ProvincialDivision("15", "内蒙古自治区", "内蒙古", "Inner Mongolia"),
    ProvincialDivision("21", "辽宁省", "辽宁", "Liaoning"),
    ProvincialDivision("22", "吉林省", "吉林", "Jilin"),
    ProvincialDivision("23", "黑龙江省", "黑龙江", "Heilongjiang"),
    ProvincialDivision("31", "上海市", "上海", "Shanghai"),
    ProvincialDivision("32", "江苏省", "江苏", "Jiangsu"),
    ProvincialDivision("33", "浙江省", "浙江", "Zhejiang"),
    ProvincialDivision("34", "安徽省", "安徽", "Anhui"),
    ProvincialDivision("35", "福建省", "福建", "Fujian"),
    ProvincialDivision("36", "江西省", "江西", "Jiangxi"),
    ProvincialDivision("37", "山东省", "山东", "Shandong"),
    ProvincialDivision("41", "河南省", "河南", "Henan"),
    ProvincialDivision("42", "湖北省", "湖北", "Hubei"),
    ProvincialDivision("43", "湖南省", "湖南", "Hunan"),
    ProvincialDivision("44", "广东省", "广东", "Guangdong"),
    ProvincialDivision("45", "广西壮族自治区", "广西", "Guangxi"),
    ProvincialDivision("46", "海南省", "海南", "Hainan"),
    ProvincialDivision("50", "重庆市", "重庆", "Chongqing"),
    ProvincialDivision("51", "四川省", "四川", "Sichuan"),
    ProvincialDivision("52", "贵州省", "贵州", "Guizhou"),
    ProvincialDivision("53", "云南省", "云南", "Yunnan"),
    ProvincialDivision("54", "西藏自治区", "西藏", "Xizang"),
    ProvincialDivision("61", "陕西省", "陕西", "Shaanxi"),
    ProvincialDivision("62", "甘肃省", "甘肃", "Gansu"),
    ProvincialDivision("63", "青海省", "青海", "Qinghai"),
    ProvincialDivision("64", "宁夏回族自治区", "宁夏", "Ningxia"),
    ProvincialDivision("65", "新疆维吾尔自治区", "新疆", "Xinjiang"),
    ProvincialDivision("71", "台湾省", "台湾", "Taiwan", mainland=False),
    ProvincialDivision("81", "香港特别行政区", "香港", "Hong Kong", mainland=False),
    ProvincialDivision("82", "澳门特别行政区", "澳门", "Macao", mainland=False),
)

# Other spellings people type: the traditional-script and "特区" forms, older romanisations.
_EXTRA_FORMS: dict[str, tuple[str, ...]] = {
    "15": ("内蒙", "nei mongol"),
    "54": ("tibet",),
    "71": ("台灣", "臺灣", "台湾地区"),
    "81": ("香港特区", "hong kong sar", "hongkong"),
    "82": ("澳门特区", "澳門", "macau", "macao sar", "macau sar"),
}

_BY_CODE: dict[str, ProvincialDivision] = {d.code: d for d in PROVINCIAL_DIVISIONS}


def _forms(division: ProvincialDivision) -> set[str]:
    return {
        division.name_zh,
        division.short_zh,
        division.name_en.lower(),
        division.name_en.lower().replace(" ", ""),
        *_EXTRA_FORMS.get(division.code, ()),
    }


_BY_FORM: dict[str, ProvincialDivision] = {form: d for d in PROVINCIAL_DIVISIONS for form in _forms(d)}

MAINLAND_CODES: frozenset[str] = frozenset(d.code for d in PROVINCIAL_DIVISIONS if d.mainland)


def division_by_code(code: str) -> ProvincialDivision | None:
    return _BY_CODE.get(code)


def find_division(text: str) -> ProvincialDivision | None:
    """The division named by its full name (广东省), short form (广东), English name (Guangdong,
    case-insensitive) or a listed variant; None when the text names none."""
    cleaned = collapse_spaces(fold_width(text)).lower()
    return _BY_FORM.get(cleaned) or _BY_FORM.get(cleaned.replace(" ", ""))
