"""Client fields: names (rare and extension-plane characters, minority and foreign names), email,
address with a normalised province, notes, and the fixed choices with their labels."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from desktop_app.domain.client_choices import (
    AreaRange,
    BudgetBand,
    IncomeBand,
    IntentionLevel,
    PaymentMethod,
    PropertyType,
    PurchasePurpose,
    PurchaseTimeline,
    SourceChannel,
)
from desktop_app.domain.client_fields import (
    NAME_MAX,
    NOTES_MAX,
    Address,
    clean_notes,
    validate_address,
    validate_email,
    validate_name,
    validate_optional_address,
    validate_province,
)
from desktop_app.domain.field_errors import FieldLabel, InvalidField
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.domain.provincial_divisions import (
    PROVINCIAL_DIVISIONS,
    ProvincialDivision,
    division_by_code,
    find_division,
)


def reason_of(call: Callable[..., object], *args: str, **kwargs: bool) -> InvalidField:
    with pytest.raises(InvalidField) as caught:
        call(*args, **kwargs)
    return caught.value


# ---------------------------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张伟", "张伟"),
        ("  欧阳娜娜  ", "欧阳娜娜"),
        ("欧阳 娜娜", "欧阳娜娜"),
        ("𠮷田", "𠮷田"),  # U+20BB7, Extension B
        ("刘䶮", "刘䶮"),  # U+4DAE, Extension A
        ("王〇", "王〇"),
        ("李\U00031350", "李\U00031350"),  # Extension H (newer than Python 3.11's Unicode data)
        ("阿沛·阿旺晋美", "阿沛·阿旺晋美"),
        ("阿沛 · 阿旺晋美", "阿沛·阿旺晋美"),
        ("阿沛・阿旺晋美", "阿沛·阿旺晋美"),  # katakana middle dot from a Japanese IME
        ("阿沛•阿旺晋美", "阿沛·阿旺晋美"),
        ("买买提·艾力", "买买提·艾力"),
        ("John Smith", "John Smith"),
        ("  John   Smith ", "John Smith"),
        ("Mary-Jane O'Neil", "Mary-Jane O'Neil"),
        ("Mary‐Jane O’Neil", "Mary-Jane O'Neil"),
        ("José Álvarez", "José Álvarez"),
        ("Jose\u0301", "José"),  # composed (NFC)
        ("Ｊｏｈｎ Ｓｍｉｔｈ", "John Smith"),
        ("Владимир Петров", "Владимир Петров"),
        ("김민준", "김민준"),
        ("\uf900\u5149", "\uf900\u5149"),  # a compatibility ideograph is kept as written
        ("A" * NAME_MAX, "A" * NAME_MAX),
    ],
)
def test_valid_names(text: str, expected: str) -> None:
    assert validate_name(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "required"),
        ("   ", "required"),
        ("\u3000", "required"),
        ("张3", "has_digits"),
        ("张伟2号", "has_digits"),
        ("张伟２", "has_digits"),  # full-width digit
        ("John Smith III", None),  # letters I are fine: checked below as valid
        ("Louis Ⅻ", "has_digits"),  # a Roman-numeral character
        ("张\n伟", "control_characters"),
        ("张\t伟", "control_characters"),
        ("张\x00伟", "control_characters"),
        ("张\u202e伟", "control_characters"),
        ("张伟😀", "bad_characters"),
        ("张伟!", "bad_characters"),
        ("John.Smith", "bad_characters"),
        ("张@伟", "bad_characters"),
        ("\ue000伟", "bad_characters"),  # private use
        ("·阿旺", "bad_separator"),
        ("阿旺·", "bad_separator"),
        ("阿沛··阿旺", "bad_separator"),
        ("O''Neil", "bad_separator"),
        ("-John", "bad_separator"),
        ("\u0301John", "bad_separator"),
        ("张", "surname_only"),
        ("A" * (NAME_MAX + 1), "too_long"),
    ],
)
def test_invalid_names(text: str, reason: str | None) -> None:
    if reason is None:
        assert validate_name(text) == text
        return
    error = reason_of(validate_name, text)
    assert error.reason == reason, error.en
    assert error.field == "name" and error.zh.startswith("姓名：") and error.en.startswith("Name: ")


def test_surname_only_on_a_first_visit() -> None:
    assert validate_name("张", surname_only_allowed=True) == "张"
    assert validate_name("𠮷", surname_only_allowed=True) == "𠮷"
    assert validate_name("Smith") == "Smith"


def test_too_long_names_the_limit() -> None:
    error = reason_of(validate_name, "张" * 51)
    assert "50" in error.zh and "50" in error.en and "51" in error.en


CJK = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
    st.characters(min_codepoint=0x2A700, max_codepoint=0x2B73F),
    st.characters(min_codepoint=0x30000, max_codepoint=0x3134F),
)


@given(st.text(CJK, min_size=1, max_size=NAME_MAX))
def test_any_cjk_name_of_allowed_length_validates(name: str) -> None:
    assert validate_name(name, surname_only_allowed=True) == name
    assert validate_name(f" \u3000{name} ", surname_only_allowed=True) == name
    if len(name) >= 2:
        assert validate_name(name) == name


@given(st.text(CJK, min_size=NAME_MAX + 1, max_size=NAME_MAX + 20))
def test_cjk_names_over_the_limit_fail(name: str) -> None:
    assert reason_of(validate_name, name).reason == "too_long"


@given(
    st.text(st.one_of(CJK, st.characters(categories=["Lu", "Ll"]), st.sampled_from(" ·-'")), max_size=30),
    st.characters(categories=["Nd"]),
    st.text(st.one_of(CJK, st.characters(categories=["Lu", "Ll"])), max_size=10),
)
def test_names_with_digits_never_validate(before: str, digit: str, after: str) -> None:
    with pytest.raises(InvalidField):
        validate_name(before + digit + after, surname_only_allowed=True)


@given(st.text(min_size=1, max_size=60))
def test_name_validation_is_idempotent_and_messages_name_the_field(text: str) -> None:
    try:
        once = validate_name(text, surname_only_allowed=True)
    except InvalidField as error:
        assert "姓名" in error.zh and "Name" in error.en
        return
    assert validate_name(once, surname_only_allowed=True) == once
    assert not any(unicodedata.category(c) == "Nd" for c in once)


# ---------------------------------------------------------------------------------------------- email


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("   ", None),
        ("zhang.wei@example.cn", "zhang.wei@example.cn"),
        (" Zhang.Wei@Example.CN ", "Zhang.Wei@example.cn"),
        ("zhang＠example。cn", "zhang@example.cn"),  # typed with a Chinese IME
        ("a+tag@mail.example.com.cn", "a+tag@mail.example.com.cn"),
        ("o'neil@example.co.uk", "o'neil@example.co.uk"),
        ("user@例子.中国", "user@例子.中国"),
        ("user@xn--fsqu00a.xn--fiqs8s", "user@xn--fsqu00a.xn--fiqs8s"),
    ],
)
def test_valid_emails(text: str, expected: str | None) -> None:
    assert validate_email(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("zhang", "bad_format"),
        ("a@b@c.cn", "bad_format"),
        ("@example.cn", "bad_local_part"),
        (".a@example.cn", "bad_local_part"),
        ("a.@example.cn", "bad_local_part"),
        ("a..b@example.cn", "bad_local_part"),
        ("张伟@example.cn", "bad_local_part"),
        ("a b@example.cn", "bad_local_part"),
        ("x" * 65 + "@example.cn", "bad_local_part"),
        ("a@localhost", "bad_domain"),
        ("a@example", "bad_domain"),
        ("a@-example.cn", "bad_domain"),
        ("a@example-.cn", "bad_domain"),
        ("a@example..cn", "bad_domain"),
        ("a@1.2.3.4", "bad_domain"),
        ("a@exa_mple.cn", "bad_domain"),
        ("a@" + "x" * 250 + ".cn", "too_long"),
    ],
)
def test_invalid_emails(text: str, reason: str) -> None:
    error = reason_of(validate_email, text)
    assert error.reason == reason
    assert error.zh.startswith("电子邮箱：") and error.en.startswith("Email: ")
    assert text not in error.zh and text not in error.en


# -------------------------------------------------------------------------------------------- address


def test_there_are_34_provincial_level_divisions() -> None:
    assert len(PROVINCIAL_DIVISIONS) == 34
    assert len({d.code for d in PROVINCIAL_DIVISIONS}) == 34
    assert len({d.name_zh for d in PROVINCIAL_DIVISIONS}) == 34
    assert sum(d.mainland for d in PROVINCIAL_DIVISIONS) == 31
    guangdong = division_by_code("44")
    assert guangdong is not None and guangdong.name_zh == "广东省"
    assert division_by_code("99") is None


@pytest.mark.parametrize("division", PROVINCIAL_DIVISIONS, ids=lambda d: d.code)
def test_every_form_of_a_province_name_normalises(division: ProvincialDivision) -> None:
    for form in (
        division.name_zh,
        division.short_zh,
        division.name_en,
        division.name_en.upper(),
        f" {division.short_zh} ",
    ):
        assert validate_province(form) == division.name_zh
    assert division.label("zh_CN") == division.name_zh and division.label("en") == division.name_en


@pytest.mark.parametrize(
    ("text", "expected"),
    [("广东", "广东省"), ("广东省", "广东省"), ("广 东 省", "广东省"), ("内蒙", "内蒙古自治区"), ("香港", "香港特别行政区"),
     ("Macau", "澳门特别行政区"), ("Tibet", "西藏自治区"), ("HONG KONG", "香港特别行政区"), ("台灣", "台湾省")],
)  # fmt: skip
def test_province_short_forms(text: str, expected: str) -> None:
    assert validate_province(text) == expected


@pytest.mark.parametrize("text", ["广东市", "深圳", "Canton", "广", "省"])
def test_unknown_provinces(text: str) -> None:
    assert find_division(text) is None
    assert reason_of(validate_province, text).reason == "unknown_province"


def test_valid_address() -> None:
    assert validate_address("广东", " 深圳市 ", "南山区", "科技园路1号\n3栋  1201") == Address(
        "广东省", "深圳市", "南山区", "科技园路1号 3栋 1201"
    )
    assert validate_address("北京", "", "朝阳区", "建国路1号").city == "北京市"
    assert validate_address("上海市", "上海市", "浦东新区", "世纪大道1号\x07").detail == "世纪大道1号"
    assert validate_address("广东", "深圳市", "南山区", "路" * 120).detail == "路" * 120
    assert validate_address("江苏", "南京市", "玄武区", " ").detail == ""  # complete at district level


@pytest.mark.parametrize(
    ("parts", "field", "reason"),
    [
        (("", "深圳市", "南山区", "科技园路1号"), "province", "required"),
        (("广东", "", "南山区", "科技园路1号"), "city", "required"),
        (("广东", "深圳市", " ", "科技园路1号"), "district", "required"),
        (("广东", "深圳市", "南山区", "路" * 121), "address_detail", "too_long"),
        (("广东", "市" * 31, "南山区", "路"), "city", "too_long"),
        (("火星", "深圳市", "南山区", "科技园路1号"), "province", "unknown_province"),
    ],
)
def test_invalid_address_names_the_field(parts: tuple[str, str, str, str], field: str, reason: str) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_address(*parts)
    assert (caught.value.field, caught.value.reason) == (field, reason)
    labels = {"province": ("省份", "Province"), "city": ("城市", "City"), "district": ("区县", "District"),
              "address_detail": ("详细地址", "Street address")}  # fmt: skip
    assert caught.value.zh.startswith(labels[field][0]) and caught.value.en.startswith(labels[field][1])
    if reason == "too_long":
        assert "120" in caught.value.zh + caught.value.en or "30" in caught.value.en


def test_optional_address() -> None:
    assert validate_optional_address("", " ", "", "") is None
    assert validate_optional_address("广东", "深圳市", "南山区", "x") == Address(
        "广东省", "深圳市", "南山区", "x"
    )
    with pytest.raises(InvalidField):
        validate_optional_address("广东", "", "", "")


# ---------------------------------------------------------------------------------------------- notes


def test_notes_keep_newlines_and_strip_controls() -> None:
    assert clean_notes("  第一行\r\n第二行\r第三行\u2028第四行 ") == "第一行\n第二行\n第三行\n第四行"
    assert clean_notes("a\tb\x07c\x1bd\u202ee") == "a bcde"
    assert clean_notes("") == ""
    assert clean_notes("😀 客户很满意") == "😀 客户很满意"
    assert clean_notes("x" * NOTES_MAX) == "x" * NOTES_MAX


def test_oversized_notes_name_the_limit() -> None:
    error = reason_of(clean_notes, "x" * (NOTES_MAX + 1))
    assert error.reason == "too_long" and error.field == "notes"
    assert "2000" in error.zh and "2000" in error.en and "2001" in error.en
    assert error.zh.startswith("备注：") and error.en.startswith("Notes: ")


@given(st.text(max_size=300))
def test_notes_never_keep_a_control_character_and_are_idempotent(text: str) -> None:
    notes = clean_notes(text)
    assert all(c == "\n" or unicodedata.category(c) not in ("Cc", "Cs") for c in notes)
    assert clean_notes(notes) == notes


# -------------------------------------------------------------------------------------------- choices

CHOICES: list[type[LabelledChoice]] = [
    IncomeBand,
    PropertyType,
    PaymentMethod,
    PurchasePurpose,
    PurchaseTimeline,
    IntentionLevel,
    AreaRange,
    BudgetBand,
    SourceChannel,
]
FIELD = FieldLabel("choice", "选项", "Choice")


@pytest.mark.parametrize("choice", CHOICES, ids=lambda c: c.__name__)
def test_every_choice_has_labels_and_parses_from_them(choice: type[LabelledChoice]) -> None:
    members = list(choice)
    assert len({m.label_zh for m in members}) == len(members)
    assert len({m.label_en for m in members}) == len(members)
    for member in members:
        assert member.label_zh and member.label_en
        assert member.label("zh_CN") == member.label_zh and member.label("en_US") == member.label_en
        for text in (member.value, member.label_zh, member.label_en, f" {member.label_en.upper()} "):
            assert choice.parse(text, FIELD) is member
        assert choice(member.value) is member and member == member.value


@pytest.mark.parametrize("choice", CHOICES, ids=lambda c: c.__name__)
def test_unknown_choices_list_the_allowed_values(choice: type[LabelledChoice]) -> None:
    with pytest.raises(InvalidField) as caught:
        choice.parse("不存在的值", FIELD)
    assert caught.value.reason == "unknown_choice"
    assert caught.value.zh.startswith("选项：") and caught.value.en.startswith("Choice: ")
    assert all(m.label_zh in caught.value.zh and m.label_en in caught.value.en for m in choice)
    with pytest.raises(InvalidField) as caught:
        choice.parse(" ", FIELD)
    assert caught.value.reason == "required"


def test_the_choices_the_issue_names() -> None:
    assert [b.label_zh for b in IncomeBand] == [
        "10万元/年以下", "10–20万元/年", "20–30万元/年", "30–50万元/年", "50–100万元/年", "100万元/年以上",
    ]  # fmt: skip
    assert [p.label_zh for p in PropertyType] == ["住宅", "公寓", "商铺", "写字楼", "车位"]
    assert [p.label_zh for p in PaymentMethod] == ["全款", "按揭"]
    assert [p.label_zh for p in PurchasePurpose] == ["自住", "投资"]
    assert [i.value for i in IntentionLevel] == ["A", "B", "C"]
    assert [s.label_zh for s in SourceChannel] == ["到访", "来电", "网络", "转介绍", "渠道"]
    assert IncomeBand.parse("30-50万元/年", FIELD) is IncomeBand.FROM_30_TO_50  # ASCII hyphen
    assert PurchaseTimeline.parse("1-3个月", FIELD) is PurchaseTimeline.WITHIN_3_MONTHS
    assert IntentionLevel.parse("ａ", FIELD) is IntentionLevel.A
    assert PaymentMethod.parse("贷款", FIELD) is PaymentMethod.MORTGAGE


@given(st.text(max_size=20))
def test_parse_returns_a_member_or_raises(text: str) -> None:
    assume(text.strip())
    try:
        member = SourceChannel.parse(text, FIELD)
    except InvalidField:
        return
    assert member in SourceChannel
