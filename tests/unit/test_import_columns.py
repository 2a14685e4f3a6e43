"""Recognising spreadsheet headers, finding the header row, and detecting a CSV's text encoding."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.import_columns import (
    IGNORE,
    check_target,
    find_header_row,
    known_headers,
    normalise_header,
    recognise,
    remembered_changes,
    suggest_mapping,
)
from desktop_app.store.spreadsheet_reader import SpreadsheetError, decode_text


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("姓名", "name"),
        ("客户姓名", "name"),
        ("Name", "name"),
        ("手机号码*", "phone"),
        ("联系方式（必填）", "phone"),
        ("电话", "phone"),
        ("Phone No.", "phone"),
        ("身份证号", "id_number"),
        ("证件号码", "id_number"),
        ("ID", "id_number"),
        ("地址", "address"),
        ("Address", "address"),
        ("省", "province"),
        ("区/县", "district"),
        ("意向", "intention_level"),
        ("意向等级", "intention_level"),
        ("备注", "notes"),
        ("来源", "source_channel"),
        ("渠道", "source_channel"),
        ("E-mail", "email"),
        ("邮箱", "email"),
        ("阶段", "stage"),
        ("年收入（万元）", "income_band"),
        ("敏感信息同意", "sensitive_consent"),
        ("Consent", "sensitive_consent"),
        ("　客户 姓名　", "name"),
        ("ＮＡＭＥ", "name"),
    ],
)
def test_usual_headers_are_recognised(header: str, field: str) -> None:
    assert recognise(header) == field


@pytest.mark.parametrize("header", ["微信号", "序号", "", None, "2023年南山店客户名单", "   "])
def test_other_headers_are_not(header: object) -> None:
    assert recognise(header) is None


def test_a_remembered_mapping_wins_over_the_built_in_one() -> None:
    remembered = {normalise_header("联络人"): "name", normalise_header("备注"): IGNORE}
    assert recognise("联络人 ", remembered) == "name"
    assert recognise("备注", remembered) == IGNORE
    assert suggest_mapping(["联络人", "备注", "手机"], remembered) == ["name", IGNORE, "phone"]


def test_the_header_row_is_found_below_a_title_and_blank_rows() -> None:
    rows = [
        ("2023年XX门店客户名单", None, None),
        (None, None, None),
        ("制表人：", "张三", None),
        ("客户姓名", "手机", "微信"),
        ("张伟", 13812345678.0, "wx"),
    ]
    assert find_header_row(rows) == 3
    assert find_header_row(rows[:3]) is None
    assert find_header_row([(None,)] * 10 + [("姓名", "手机")]) is None  # only the first 10 rows are searched
    assert find_header_row([("姓名", "客户姓名")]) is None  # two titles for one field count once


def test_remembered_changes_forget_choices_equal_to_the_built_in_recognition() -> None:
    changes = remembered_changes(["联络人", "备注", "手机", ""], ["name", IGNORE, "phone", IGNORE])
    assert changes == {"联络人": "name", "备注": IGNORE, "手机": ""}


def test_target_fields_are_checked() -> None:
    assert check_target("notes") == "notes" and check_target(IGNORE) == IGNORE
    with pytest.raises(InvalidInput) as error:
        check_target("full_name")
    assert "full_name" in error.value.zh and "name" in error.value.en


# ------------------------------------------------------------------------------------- properties

_known = st.sampled_from(sorted({h for h in known_headers() if h}))
_decoration = st.sampled_from(["", "*", "：", ":", "（必填）", "(选填)", " ", "　", "【注】"])


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(_known, _decoration, _decoration, st.booleans(), st.booleans())
def test_decorated_known_headers_are_recognised(
    header: str, before: str, after: str, upper: bool, wide: bool
) -> None:
    field = known_headers()[header]
    text = header.upper() if upper else header
    text = _fullwidth(text) if wide else text
    assert recognise(f"{before} {text}{after}") == field


@given(st.text())
def test_normalising_is_idempotent_and_keeps_only_letters_and_digits(text: str) -> None:
    key = normalise_header(text)
    assert normalise_header(key) == key
    assert all(c.isalnum() for c in key)


_cjk_text = st.text(
    alphabet=st.characters(codec="gb18030", categories=("Lo", "Lu", "Ll", "Nd", "Zs", "Po")),
    max_size=40,
)


@given(_cjk_text)
def test_utf8_with_and_without_bom_decodes_to_the_same_text(text: str) -> None:
    assert decode_text(text.encode("utf-8")) == (text, "utf-8")
    assert decode_text(codecs.BOM_UTF8 + text.encode("utf-8")) == (text, "utf-8-sig")
    assert decode_text(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))[0] == text


# GBK text as a branch writes it: the GB2312 set (every common simplified character, pinyin,
# punctuation). GB18030 text of arbitrary rare characters cannot be told from Big5 or Shift-JIS,
# which is why such bytes are refused (tests/unit/test_csv_encoding.py).
_gb2312_text = st.text(
    alphabet=st.characters(codec="gb2312", categories=("Lo", "Lu", "Ll", "Nd", "Zs", "Po")),
    max_size=40,
)


@given(_gb2312_text)
def test_gb18030_text_that_is_not_valid_utf8_is_read_as_gb18030(text: str) -> None:
    data = text.encode("gb18030")
    try:
        data.decode("utf-8")
        assume(False)  # pure ASCII (same either way) or a rare byte run that is also valid UTF-8
    except UnicodeDecodeError:
        pass
    assert decode_text(data) == (text, "gb18030")


def test_typical_gbk_names_are_never_taken_for_utf8() -> None:
    for text in ("姓名,手机\n张伟,13812345678\n", "欧阳娜娜", "客户来源：转介绍"):
        assert decode_text(text.encode("gbk")) == (text, "gb18030")


def test_bytes_that_are_neither_utf8_nor_gb18030_are_refused() -> None:
    with pytest.raises(SpreadsheetError) as error:
        decode_text(b"\x81\x20\xff\xff")
    assert "GBK" in error.value.zh and "encoding" in error.value.en
