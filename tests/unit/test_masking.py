"""Display masking (reference/masking.md): every example row of the spec, odd inputs, age bands, and
properties over arbitrary text: never more shown than the rule allows, at most half of a short value,
ID birth-date positions always hidden, lengths kept, never raising, and masking a masked value
revealing nothing new."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.address_masking import PROVINCIAL_DIVISIONS, mask_address_text
from desktop_app.domain.age_bands import (
    age_band,
    age_band_from_resident_id,
    birth_date_from_resident_id,
    completed_years,
)
from desktop_app.domain.mask_primitives import HIDDEN, STAR, keep_ends, within_half
from desktop_app.domain.masking import FieldKind, allowed_in_lists_and_exports, mask, mask_address

K = FieldKind

# Every example row of masking.md.
SPEC_EXAMPLES = [
    (K.NAME, "张伟", "张*"),
    (K.NAME, "欧阳娜娜", "欧***"),
    (K.NAME, "John Smith", "J*** S****"),
    (K.RESIDENT_ID_18, "110105199003071234", "110***********1234"),
    (K.RESIDENT_ID_15, "110105900307123", "110*********123"),
    (K.OTHER_ID_DOCUMENT, "E12345678", "E1*****78"),
    (K.MAINLAND_MOBILE, "13812345678", "138****5678"),
    (K.LANDLINE, "0755-26581234", "0755-******34"),
    (K.FOREIGN_PHONE, "+852 9123 4567", "+852 ****4567"),
    (K.EMAIL, "zhang.wei@example.cn", "z***@example.cn"),
    (K.ADDRESS, "广东省深圳市南山区科技园路1号3栋", "广东省深圳市南山区******"),
    (K.INCOME_BAND, "30–50万元/年", "30–50万元/年"),
    (K.OTHER_ID_DOCUMENT, "E1", "**"),  # "a 2-character passport number shows nothing"
]

ODD_INPUTS = [
    # empty and whitespace
    *[(kind, value, "") for kind in FieldKind for value in ("", "   ", "\u3000")],
    (K.NAME, " 张伟 ", "张*"),
    # names: one character, supplementary plane, middle dot, mixed scripts, single letters
    (K.NAME, "张", "*"),
    (K.NAME, "𠮷", "*"),
    (K.NAME, "𠮷野家", "𠮷**"),
    (K.NAME, "阿卜杜·热合曼", "阿******"),
    (K.NAME, "约翰·史密斯", "约*****"),
    (K.NAME, "José 王", "J*****"),
    (K.NAME, "김민수", "김**"),
    (K.NAME, "A B", "* *"),
    (K.NAME, "Li Na", "L* N*"),
    (K.NAME, "Mary-Jane O'Neil", "M******** O*****"),
    (K.NAME, "123 456", "*** ***"),
    # resident IDs: X check digit, wrong length for the kind, very short
    (K.RESIDENT_ID_18, "11010519900307123X", "110***********123X"),
    (K.RESIDENT_ID_18, "110105900307123", "110***********3"),
    (K.RESIDENT_ID_15, "110105199003071234", "110************234"),
    (K.RESIDENT_ID_18, "11010519900307", "110***********"),
    (K.RESIDENT_ID_18, "1101", "11**"),
    (K.RESIDENT_ID_15, "11", "1*"),
    # other documents: half at most
    (K.OTHER_ID_DOCUMENT, "E123", "E**3"),
    (K.OTHER_ID_DOCUMENT, "E12", "***"),
    (K.OTHER_ID_DOCUMENT, "H1234567", "H1****67"),
    (K.OTHER_ID_DOCUMENT, "810000199003071234", "81**************34"),
    # mobile: formats, wrong length, already masked
    (K.MAINLAND_MOBILE, "+86 138 1234 5678", "+86 138 **** 5678"),
    (K.MAINLAND_MOBILE, "008613812345678", "0086138****5678"),
    (K.MAINLAND_MOBILE, "138-1234-5678", "138-****-5678"),
    (K.MAINLAND_MOBILE, "1381234567", "13*****567"),
    (K.MAINLAND_MOBILE, "138****5678", "13******678"),
    (K.MAINLAND_MOBILE, "12", "*2"),
    # landline: 3-digit area codes, no separator, parentheses, +86, extension, garbage
    (K.LANDLINE, "010-12345678", "010-******78"),
    (K.LANDLINE, "01012345678", "010******78"),
    (K.LANDLINE, "075526581234", "0755******34"),
    (K.LANDLINE, "(0755) 2658 1234", "(0755) *******34"),
    (K.LANDLINE, "+86 755 2658 1234", "+86 755 *******34"),
    (K.LANDLINE, "0755-26581234-801", "0755-**********01"),
    (K.LANDLINE, "12345", "12***"),
    # foreign phone: 1-, 2- and 3-digit country codes, 00 prefix, short number, no country code
    (K.FOREIGN_PHONE, "+1 415 555 0100", "+1 ******0100"),
    (K.FOREIGN_PHONE, "+44 (0)20 7946 0958", "+44 *******0958"),
    (K.FOREIGN_PHONE, "+85291234567", "+852 ****4567"),
    (K.FOREIGN_PHONE, "00853 6612 3456", "+853 ****3456"),
    (K.FOREIGN_PHONE, "+886 912 345 678", "+886 *****5678"),
    (K.FOREIGN_PHONE, "+852 1234", "+852 **34"),
    (K.FOREIGN_PHONE, "9123 4567", "*****4567"),
    (K.FOREIGN_PHONE, "+852 ****4567", "*********4567"),
    # email: 1-character local part, no @, several @, odd domain, CJK
    (K.EMAIL, "a@b.cn", "***@b.cn"),
    (K.EMAIL, "ab@b.cn", "a***@b.cn"),
    (K.EMAIL, "no-at-sign", "n***"),
    (K.EMAIL, "a@b@example.cn", "a***@example.cn"),
    (K.EMAIL, "zhang@not a domain", "z***@***"),
    (K.EMAIL, "zhang@", "z***@***"),
    (K.EMAIL, "张伟@例子.中国", "张***@例子.中国"),
    # address: municipalities, autonomous regions, missing levels, no province, only a province
    (K.ADDRESS, "北京市朝阳区建国路88号", "北京市朝阳区******"),
    (K.ADDRESS, "上海市浦东新区世纪大道100号", "上海市浦东新区******"),
    (
        K.ADDRESS,
        "新疆维吾尔自治区克孜勒苏柯尔克孜自治州阿图什市光明路1号",
        "新疆维吾尔自治区克孜勒苏柯尔克孜自治州阿图什市******",
    ),
    (K.ADDRESS, "广东省东莞市长安镇沙头社区1号", "广东省东莞市******"),
    (K.ADDRESS, "广东省南山区科技园", "广东省南山区******"),
    (K.ADDRESS, "深圳市南山区科技园", HIDDEN),
    (K.ADDRESS, "科技园路1号", HIDDEN),
    (K.ADDRESS, "广东省", "广东省******"),
    (K.ADDRESS, "广东省深圳市南山区******", "广东省深圳市南山区******"),
    # income: bands shown as stored, an exact figure masked
    (K.INCOME_BAND, "100万元/年以上", "100万元/年以上"),
    (K.INCOME_BAND, "10万元/年以下", "10万元/年以下"),
    (K.INCOME_BAND, "未披露", "未披露"),
    (K.INCOME_BAND, "358000", "******"),
    (K.INCOME_BAND, "35.8万", "*****"),
    # birth date and notes: a fixed placeholder
    (K.BIRTH_DATE, "1990-03-07", HIDDEN),
    (K.BIRTH_DATE, "x", HIDDEN),
    (K.NOTES, "客户很在意学区，预算可上浮。", HIDDEN),
]


@pytest.mark.parametrize(("kind", "value", "expected"), SPEC_EXAMPLES)
def test_masking_md_examples(kind: FieldKind, value: str, expected: str) -> None:
    assert mask(kind, value) == expected


@pytest.mark.parametrize(("kind", "value", "expected"), ODD_INPUTS)
def test_odd_inputs(kind: FieldKind, value: str, expected: str) -> None:
    assert mask(kind, value) == expected


@pytest.mark.parametrize("kind", list(FieldKind))
def test_none_masks_to_empty(kind: FieldKind) -> None:
    assert mask(kind, None) == ""


def test_kind_may_be_given_by_its_stable_name_and_unknown_kinds_hide_everything() -> None:
    assert mask("mainland_mobile", "13812345678") == "138****5678"  # type: ignore[arg-type]
    assert mask("no_such_kind", "13812345678") == "*" * 11  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (("广东省", "深圳市", "南山区", "科技园路1号3栋"), "广东省深圳市南山区******"),
        (("广东省", "深圳市", "南山区", ""), "广东省深圳市南山区******"),
        (("广东省", "深圳市", "南山区", "x" * 500), "广东省深圳市南山区******"),
        ((" 北京市 ", "北京市", "朝阳区", "建国路88号"), "北京市朝阳区******"),
        (("广东省", "科技园路1号3栋", "南山区", None), "广东省南山区******"),
        (("广东省", "深圳市" * 10, None, "1号"), "广东省******"),
        ((None, "Hong Kong", "Kowloon City", "1 Nathan Road"), "Hong Kong Kowloon City******"),
        ((None, None, None, "科技园路1号"), HIDDEN),
        ((None, None, None, None), ""),
        (("", " ", "\u3000", ""), ""),
    ],
)
def test_structured_address(
    fields: tuple[str | None, str | None, str | None, str | None], expected: str
) -> None:
    assert mask_address(*fields) == expected


def test_only_birth_date_and_notes_are_kept_out_of_lists_and_exports() -> None:
    assert {kind for kind in FieldKind if not allowed_in_lists_and_exports(kind)} == {K.BIRTH_DATE, K.NOTES}


# ---- age bands ----


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (-1, ""),
        (0, "18岁以下"),
        (17, "18岁以下"),
        (18, "18–29岁"),
        (29, "18–29岁"),
        (30, "30–39岁"),
        (35, "30–39岁"),
        (39, "30–39岁"),
        (40, "40–49岁"),
        (79, "70–79岁"),
        (80, "80岁及以上"),
        (104, "80岁及以上"),
        (151, ""),
    ],
)
def test_age_band(age: int, band: str) -> None:
    assert age_band(age) == band


@pytest.mark.parametrize(
    ("id_number", "today", "band"),
    [
        ("110105199003071234", date(2026, 5, 1), "30–39岁"),
        ("11010519900307123X", date(2020, 3, 6), "18–29岁"),  # the day before the 30th birthday
        ("11010519900307123X", date(2020, 3, 7), "30–39岁"),
        ("110105900307123", date(2026, 5, 1), "30–39岁"),  # 15 digits: 19YYMMDD
        ("110105201001011234", date(2026, 5, 1), "18岁以下"),
        ("110105199002301234", date(2026, 5, 1), ""),  # 30 February
        ("110105203001011234", date(2026, 5, 1), ""),  # born after today
        ("1101051990030712", date(2026, 5, 1), ""),
        ("", date(2026, 5, 1), ""),
        ("１１０１０５１９９００３０７１２３４", date(2026, 5, 1), ""),  # full-width digits
    ],
)
def test_age_band_from_resident_id(id_number: str, today: date, band: str) -> None:
    assert age_band_from_resident_id(id_number, today) == band


def test_leap_day_birthday_counts_from_first_of_march() -> None:
    birth = birth_date_from_resident_id("110105200002291234")
    assert birth == date(2000, 2, 29)
    assert completed_years(birth, date(2018, 2, 28)) == 17
    assert completed_years(birth, date(2018, 3, 1)) == 18


@given(st.text(), st.dates())
def test_age_band_never_raises(id_number: str, today: date) -> None:
    assert isinstance(age_band_from_resident_id(id_number, today), str)


# ---- primitives ----


@pytest.mark.parametrize(
    ("head", "tail", "length", "kept"),
    [
        (2, 2, 9, (2, 2)),
        (2, 2, 4, (1, 1)),
        (2, 2, 2, (0, 0)),
        (3, 4, 10, (2, 3)),
        (3, 0, 4, (2, 0)),
        (3, 4, 0, (0, 0)),
    ],
)
def test_within_half(head: int, tail: int, length: int, kept: tuple[int, int]) -> None:
    assert within_half(head, tail, length) == kept


@given(st.text(), st.integers(-3, 30), st.integers(-3, 30))
def test_keep_ends_keeps_length_and_at_most_half(text: str, head: int, tail: int) -> None:
    masked = keep_ends(text, head, tail)
    assert len(masked) == len(text)
    assert 2 * len(shown(masked)) <= len(text)


# ---- properties over arbitrary input ----

SUPPLEMENTARY_CJK = st.characters(min_codepoint=0x20000, max_codepoint=0x323AF)
ANY_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=SUPPLEMENTARY_CJK),
    st.text(alphabet="0123456789Xx +-()@.·*转"),
    st.text(alphabet=st.sampled_from("张伟欧阳娜𠮷·John Smith 　*")),
    st.builds(str.__add__, st.sampled_from(["+", "00", "+86 ", "0755-", "广东省", "北京市"]), st.text()),
    st.text(min_size=300, max_size=3000),
)
KINDS = st.sampled_from(list(FieldKind))
LENGTH_KEEPING = (
    K.NAME,
    K.RESIDENT_ID_18,
    K.RESIDENT_ID_15,
    K.OTHER_ID_DOCUMENT,
    K.MAINLAND_MOBILE,
    K.LANDLINE,
    K.INCOME_BAND,
)


def shown(masked: str) -> list[str]:
    return [character for character in masked if character != STAR]


def non_space(text: Iterable[str]) -> list[str]:
    return [character for character in text if not character.isspace()]


@given(KINDS, ANY_TEXT)
def test_never_raises_and_is_a_function_of_kind_and_value(kind: FieldKind, value: str) -> None:
    masked = mask(kind, value)
    assert isinstance(masked, str)
    assert mask(kind, value) == masked


@pytest.mark.parametrize("kind", list(FieldKind))
@pytest.mark.parametrize(
    "value",
    [
        "1" * 200_000,
        "𠮷" * 100_000,
        "张" * 100_000 + "@" + "a." * 50_000,
        "+" + "1 " * 50_000,
        "\ud800",
        "\x00\n\t",
    ],
    ids=["digits", "supplementary", "email-like", "phone-like", "lone-surrogate", "controls"],
)
def test_never_raises_on_very_long_or_broken_values(kind: FieldKind, value: str) -> None:
    masked = mask(kind, value)
    if kind in LENGTH_KEEPING and kind is not K.INCOME_BAND:
        assert len(masked) == len(value.strip())


@given(st.sampled_from(LENGTH_KEEPING), ANY_TEXT)
def test_length_is_kept(kind: FieldKind, value: str) -> None:
    assert len(mask(kind, value)) == len(value.strip())


@given(KINDS, ANY_TEXT)
def test_masking_a_masked_value_reveals_nothing_new(kind: FieldKind, value: str) -> None:
    once = mask(kind, value)
    twice = mask(kind, once)
    assert not Counter(shown(twice)) - Counter(shown(once))
    if len(twice) == len(once):
        assert all(second in (STAR, first) for first, second in zip(once, twice, strict=True))


@given(ANY_TEXT)
def test_name_shows_one_letter_per_word_and_at_most_half(value: str) -> None:
    masked = mask(K.NAME, value)
    visible = non_space(shown(masked))
    assert 2 * len(visible) <= len(non_space(value))
    if any("\u4e00" <= character <= "\u9fff" or 0x20000 <= ord(character) <= 0x3FFFF for character in value):
        assert len(visible) <= 1
    else:
        assert len(visible) <= len(value.split())
    assert all(m in (STAR, v) for m, v in zip(masked, value.strip(), strict=True))


ID_RULES = {K.RESIDENT_ID_18: 7, K.RESIDENT_ID_15: 6, K.OTHER_ID_DOCUMENT: 4}


@given(st.sampled_from(list(ID_RULES)), ANY_TEXT)
def test_id_shows_at_most_its_rule_and_half(kind: FieldKind, value: str) -> None:
    masked = mask(kind, value)
    stripped = value.strip()
    assert len(shown(masked)) <= ID_RULES[kind]
    assert 2 * len(shown(masked)) <= len(stripped)
    assert all(m in (STAR, v) for m, v in zip(masked, stripped, strict=True))


ID_LIKE = st.one_of(
    st.from_regex(r"[1-9][0-9]{16}[0-9X]", fullmatch=True),
    st.from_regex(r"[1-9][0-9]{14}", fullmatch=True),
    st.text(alphabet="0123456789X", min_size=7, max_size=25),
    st.text(min_size=7, max_size=25),
)


@given(st.sampled_from(list(ID_RULES)), ID_LIKE)
def test_birth_date_positions_never_shown_in_place(kind: FieldKind, value: str) -> None:
    stripped = value.strip()
    masked = mask(kind, value)
    # Resident IDs: positions 7–14 of an 18-digit number, 7–12 of a 15-digit one, 7–14 of any other
    # length. Other documents with a birth date: 18-character permits (7–14), old 15-character
    # foreign PR IDs (8–13).
    if kind is K.OTHER_ID_DOCUMENT:
        birth = range(6, 14) if len(stripped) >= 18 else range(7, 13) if len(stripped) >= 15 else range(0)
    elif len(stripped) == 15 and kind is K.RESIDENT_ID_15:
        birth = range(6, 12)
    else:
        birth = range(6, 14)
    assert all(masked[i] == STAR for i in birth if i < len(masked))


@given(st.from_regex(r"[1-9][0-9]{16}[0-9X]", fullmatch=True))
def test_well_formed_18_digit_id(value: str) -> None:
    assert mask(K.RESIDENT_ID_18, value) == value[:3] + STAR * 11 + value[-4:]
    assert mask(K.OTHER_ID_DOCUMENT, value) == value[:2] + STAR * 14 + value[-2:]


@given(st.from_regex(r"[1-9][0-9]{14}", fullmatch=True))
def test_well_formed_15_digit_id(value: str) -> None:
    assert mask(K.RESIDENT_ID_15, value) == value[:3] + STAR * 9 + value[-3:]


@given(st.from_regex(r"(\+86 ?|0086)?1[3-9][0-9]( ?[0-9]{4}){2}", fullmatch=True))
def test_well_formed_mobile_hides_digits_4_to_7(value: str) -> None:
    masked = mask(K.MAINLAND_MOBILE, value)
    assert len(masked) == len(value)
    national = [i for i, c in enumerate(value) if c.isdigit()][-11:]
    assert [masked[i] for i in national[3:7]] == [STAR] * 4
    assert all(masked[i] == value[i] for i in range(len(value)) if i not in national[3:7])


@given(st.sampled_from([K.MAINLAND_MOBILE, K.LANDLINE]), ANY_TEXT)
def test_phones_show_at_most_the_rule_and_half_of_short_values(kind: FieldKind, value: str) -> None:
    masked = mask(kind, value)
    stripped = value.strip()
    visible = [c for c in shown(masked) if c.isalnum()]
    # mobile: 0086 + 3 + 4 digits; landline: 0086 + area code (at most 4) + 2
    assert len(visible) <= (11 if kind is K.MAINLAND_MOBILE else 10)
    shortest_well_formed = 11 if kind is K.MAINLAND_MOBILE else 10
    if len(stripped) < shortest_well_formed:
        assert 2 * len(shown(masked)) <= len(stripped)


@given(
    st.sampled_from(["010", "021", "0755", "0571", "0898"]),
    st.sampled_from(["-", " ", ""]),
    st.from_regex(r"[2-8][0-9]{6,7}", fullmatch=True),
)
def test_well_formed_landline_shows_area_code_and_last_two(area: str, separator: str, number: str) -> None:
    masked = mask(K.LANDLINE, area + separator + number)
    assert masked == area + separator + STAR * (len(number) - 2) + number[-2:]


@given(
    st.sampled_from(["1", "7", "44", "49", "61", "81", "852", "853", "886", "971"]),
    st.sampled_from(["+", "00", "+ "]),
    st.lists(st.from_regex(r"[0-9]{1,4}", fullmatch=True), min_size=1, max_size=4),
)
def test_well_formed_foreign_phone(code: str, prefix: str, groups: list[str]) -> None:
    national = "".join(groups)
    value = prefix + code + " " + " ".join(groups)
    masked = mask(K.FOREIGN_PHONE, value)
    if len(national) < 4 or len(code + national) > 15:
        assert 2 * len(shown(masked)) <= len(value)  # not a number this rule knows: half at most
        return
    kept = min(4, len(national) // 2)
    assert masked == f"+{code} " + STAR * (len(national) - kept) + national[len(national) - kept :]


@given(ANY_TEXT)
def test_foreign_phone_shows_country_code_and_at_most_four_digits(value: str) -> None:
    masked = mask(K.FOREIGN_PHONE, value)
    stripped = value.strip()
    visible = [c for c in shown(masked) if c.isalnum()]
    assert len(visible) <= 3 + 4
    if not stripped.startswith(("+", "00")):
        assert len(masked) == len(stripped)
        assert 2 * len(shown(masked)) <= len(stripped)


@given(ANY_TEXT)
def test_email_shows_at_most_one_character_of_the_local_part(value: str) -> None:
    masked = mask(K.EMAIL, value)
    stripped = value.strip()
    if not stripped:
        return
    local, at, domain = stripped.rpartition("@")
    if not at:
        local, domain = stripped, ""
    masked_local, _, masked_domain = masked.rpartition("@") if at else (masked, "", "")
    assert masked_local in ("***", local[:1] + "***")
    if len(local) < 2:
        assert masked_local == "***"
    assert masked_domain in ("", "***", domain)


@given(st.sampled_from(["", "广东省", "北京市", "新疆维吾尔自治区", "广东省深圳市"]), ANY_TEXT)
def test_address_shows_only_a_leading_division_prefix(start: str, rest: str) -> None:
    value = start + rest
    masked = mask(K.ADDRESS, value)
    if not value.strip():
        assert masked == ""
        return
    assert masked.endswith(HIDDEN)
    divisions = masked[: -len(HIDDEN)]
    assert value.strip().startswith(divisions)
    assert not any(c.isdigit() for c in divisions)
    assert divisions == "" or divisions.startswith(PROVINCIAL_DIVISIONS)
    assert mask_address_text(value.strip()) == masked


@given(
    st.one_of(st.none(), ANY_TEXT), st.one_of(st.none(), ANY_TEXT), st.one_of(st.none(), ANY_TEXT), ANY_TEXT
)
def test_structured_address_never_shows_detail(
    province: str | None, city: str | None, district: str | None, detail: str
) -> None:
    masked = mask_address(province, city, district, detail)
    if masked:
        assert masked.endswith(HIDDEN)
        assert not any(c.isdigit() for c in masked[: -len(HIDDEN)])
    assert mask_address(province, city, district, "x") == mask_address(province, city, district, "y" * 99)


@given(ANY_TEXT)
def test_income_is_shown_as_stored_or_fully_masked(value: str) -> None:
    masked = mask(K.INCOME_BAND, value)
    assert masked in (value.strip(), STAR * len(value.strip()))
    if any(c.isdigit() for c in value) and len(value.strip()) > 20:
        assert not shown(masked)


@given(st.sampled_from([K.BIRTH_DATE, K.NOTES]), ANY_TEXT)
def test_birth_date_and_notes_never_show(kind: FieldKind, value: str) -> None:
    assert mask(kind, value) == (HIDDEN if value.strip() else "")
