"""The pinyin sort key of client names: syllable-by-syllable pinyin order, surname readings, foreign
names case-folded without accents, unknown characters and other scripts after every letter."""

from __future__ import annotations

import re
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.name_pinyin import UNKNOWN_MARKER, pinyin_sort_key
from desktop_app.domain.search_tokens import name_readings

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF) | st.characters(
    min_codepoint=0x20000, max_codepoint=0x2A6DF
)
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
SYLLABLE = re.compile(r"[a-z0-9]+")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("张三", "zhang san"),
        ("赵四", "zhao si"),
        ("安", "an"),
        ("白", "bai"),
        ("单田芳", "shan tian fang"),  # surname reading, not pypinyin's default "dan"
        ("曾国藩", "zeng guo fan"),
        ("区小姐", "ou xiao jie"),
        ("欧阳娜娜", "ou yang na na"),
        ("单于", "chan yu"),  # a compound surname is read as a phrase
        ("吕雪", "lv xue"),
        ("John Smith", "john smith"),
        ("JOHN  smith", "john smith"),
        ("José Ñúñez", "jose nunez"),
        ("Zoë Ærø-Søren", "zoe aero soren"),
        ("Łukasz Đorđević", "lukasz dordevic"),
        ("Ｊｏｈｎ", "john"),  # full-width letters from a Chinese IME
        ("王2", "wang 2"),
        ("李1号", "li 1 hao"),
        ("A1 b2", "a 1 b 2"),
        ("𠮷野家", "~𠮷 ye jia"),  # 𠮷 (U+20BB7) is outside GB2312 and unknown to pypinyin
        ("Σοφία", "~σοφια"),
        ("김민준", "~김민준"),
        ("Mary·王", "mary wang"),
        ("", ""),
        ("!!! ", ""),
    ],
)
def test_sort_keys(name: str, key: str) -> None:
    assert pinyin_sort_key(name) == key


def test_names_sort_by_pinyin_not_by_code_point() -> None:
    names = ["𠮷野家", "赵四", "Zoë", "张三", "白", "单田芳", "John Smith", "欧阳娜娜", "安", "阿明"]
    assert sorted(names, key=pinyin_sort_key) == [
        "阿明",  # a ming: the syllable "a" before "an"
        "安",
        "白",
        "John Smith",
        "欧阳娜娜",
        "单田芳",
        "张三",
        "赵四",
        "Zoë",
        "𠮷野家",  # unknown characters after every letter
    ]
    # code-point order would put 安 (U+5B89) after 单 (U+5355) and 张 (U+5F20) before 赵 (U+8D75)
    assert sorted(names) != sorted(names, key=pinyin_sort_key)


def test_syllables_compare_one_by_one() -> None:
    # 西安 (xi an) before 先 (xian): a shorter first syllable sorts first
    assert pinyin_sort_key("西安") < pinyin_sort_key("先")
    assert pinyin_sort_key("张") < pinyin_sort_key("张三")
    assert pinyin_sort_key("张三") == pinyin_sort_key("章三")  # homophones tie (the list adds the id)
    # digits sort before letters, both before unknown characters
    assert pinyin_sort_key("王2") < pinyin_sort_key("王A") < pinyin_sort_key("王𠮷")


def test_readings_say_which_parts_are_unknown() -> None:
    assert name_readings("张𠮷 Ann") == [("syllable", "zhang"), ("unknown", "𠮷"), ("syllable", "ann")]
    assert name_readings("Σ3") == [("unknown", "σ"), ("syllable", "3")]


# ---------------------------------------------------------------------------------------- properties


def _well_formed(key: str) -> bool:
    if key == "":
        return True
    parts = key.split(" ")
    return all(
        SYLLABLE.fullmatch(part)
        or (part.startswith(UNKNOWN_MARKER) and len(part) > 1 and not part[1:].isascii())
        for part in parts
    )


@given(ANY_TEXT)
def test_any_text_gives_a_well_formed_key_and_never_raises(name: str) -> None:
    key = pinyin_sort_key(name)
    assert key == pinyin_sort_key(name)  # deterministic
    assert key == key.strip() and "  " not in key
    assert _well_formed(key), key


@given(st.text(HAN | st.characters(min_codepoint=0x41, max_codepoint=0x5A), max_size=12))
def test_keys_hold_only_lowercase_ascii_or_marked_unknowns(name: str) -> None:
    key = pinyin_sort_key(name)
    outside = "".join(part for part in key.split(" ") if part.startswith(UNKNOWN_MARKER))
    assert all(c.islower() or c.isdigit() or c == " " for c in key if c.isascii() and c != UNKNOWN_MARKER)
    assert all(not c.isascii() or c == UNKNOWN_MARKER for c in outside)


@given(st.text(HAN, min_size=1, max_size=8))
def test_one_part_per_han_character(name: str) -> None:
    assert len(pinyin_sort_key(name).split(" ")) == len(name)


@given(st.text(st.characters(min_codepoint=0x61, max_codepoint=0x7A) | st.just(" "), max_size=20))
def test_latin_names_are_case_insensitive(name: str) -> None:
    assert pinyin_sort_key(name.upper()) == pinyin_sort_key(name) == " ".join(name.split())


@given(
    st.lists(st.text(HAN | st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=6), max_size=12)
)
def test_sqlite_orders_keys_as_python_does(names: list[str]) -> None:
    """The client list sorts in SQL (BINARY collation over UTF-8): same order as the keys here."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE TABLE t (n INTEGER, k TEXT)")
        connection.executemany(
            "INSERT INTO t VALUES (?, ?)", [(i, pinyin_sort_key(n)) for i, n in enumerate(names)]
        )
        in_sql = [n for (n,) in connection.execute("SELECT n FROM t ORDER BY k, n")]
    finally:
        connection.close()
    assert in_sql == sorted(range(len(names)), key=lambda i: (pinyin_sort_key(names[i]), i))
