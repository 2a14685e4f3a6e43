"""Search tokens: names by characters, pairs, pinyin and initials; phones by last 4 and full number;
ID numbers only by exact lookup; FTS5 expressions that user input cannot break."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pypinyin import lazy_pinyin

from desktop_app.domain.search_tokens import (
    EXACT_ID_LOOKUP,
    FTS5_TOKENIZE,
    MAX_RUN,
    fts5_match_expression,
    index_text,
    is_han,
    name_tokens,
    phone_tokens,
    query_tokens,
)

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF) | st.characters(
    min_codepoint=0x20000, max_codepoint=0x2A6DF
)
HAN_NAMES = st.text(HAN, min_size=1, max_size=6)
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)


def found(name: str, query: str, phone: str = "+8613812345678") -> bool:
    """What the FTS5 query with a prefix last token would answer, computed on token sets."""
    tokens = query_tokens(query)
    assert tokens and EXACT_ID_LOOKUP not in tokens
    indexed = name_tokens(name) | phone_tokens(phone)
    *exact, last = tokens
    if not all(t in indexed for t in exact):
        return False
    if last.isalpha() and last.isascii():
        return any(t.startswith(last) for t in indexed)
    return last in indexed


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(":memory:")
    db.execute(f"create virtual table t using fts5(tokens, tokenize='{FTS5_TOKENIZE}', prefix='1 2 3')")
    yield db
    db.close()


def fts_ids(db: sqlite3.Connection, query: str) -> set[int]:
    expression = fts5_match_expression(query_tokens(query), prefix_last=True)
    return {row[0] for row in db.execute("select rowid from t where t match ?", (expression,))}


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("张伟", "张"),
        ("张伟", "伟"),
        ("张伟", "张伟"),
        ("张伟", "zhang"),
        ("张伟", "zhangwei"),
        ("张伟", "ZhangWei"),
        ("张伟", "zhang wei"),
        ("张伟", "zw"),
        ("张伟", "z"),
        ("张伟", "zhangw"),
        ("张伟", "wei"),
        ("欧阳娜娜", "欧阳"),
        ("欧阳娜娜", "阳娜"),
        ("欧阳娜娜", "娜娜"),
        ("欧阳娜娜", "欧阳娜娜"),
        ("欧阳娜娜", "ouyang"),
        ("欧阳娜娜", "oynn"),
        ("欧阳娜娜", "nana"),
        ("单田芳", "shan"),
        ("单田芳", "shantianfang"),
        ("单田芳", "stf"),
        ("单田芳", "dan"),
        ("曾国藩", "zeng"),
        ("曾国藩", "zgf"),
        ("区志强", "ou"),
        ("区志强", "ouzhiqiang"),
        ("仇英", "qiuying"),
        ("尉迟恭", "yuchigong"),
        ("单于兰", "chanyu"),
        ("吕绿", "lv"),
        ("吕绿", "lulu"),
        ("吕绿", "lü"),
        ("𠮷野家", "𠮷"),
        ("𠮷野家", "𠮷野"),
        ("𠮷野家", "yejia"),
        ("John Smith", "john"),
        ("John Smith", "smi"),
        ("John Smith", "John Sm"),
        ("John Smith", "johnsmith"),
        ("José Núñez", "jose nun"),
        ("王芳", "王 5678"),
        ("王芳", "5678"),
        ("王芳", "13812345678"),
        ("王芳", "138 1234 5678"),
        ("王芳", "+86 138-1234-5678"),
        ("王芳", "８６１３８１２３４５６７８"),
    ],
)
def test_finds(name: str, query: str) -> None:
    assert found(name, query)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("张伟", "李"),
        ("张伟", "张三"),
        ("张伟", "zhangsan"),
        ("张伟", "wz"),
        ("John Smith", "jo sm"),  # only the last word is a prefix
        ("王芳", "1234"),
        ("王芳", "567"),
        ("王芳", "12345678"),
        ("王芳", "13912345678"),
        ("𠮷野家", "jiaye"),
    ],
)
def test_does_not_find(name: str, query: str) -> None:
    assert not found(name, query)


def test_name_tokens_of_a_two_character_name() -> None:
    assert name_tokens("张伟") == {"张", "伟", "张伟", "zhang", "wei", "zhangwei", "z", "w", "zw"}


def test_rare_characters_keep_their_character_tokens_and_break_pinyin_runs() -> None:
    tokens = name_tokens("𠮷野家")
    assert {"𠮷", "𠮷野", "野家", "ye", "jia", "yejia", "yj"} <= tokens
    assert not any(t.isascii() and len(t) > 1 and not t.startswith(("y", "j")) for t in tokens)


def test_polyphonic_surnames_use_the_surname_reading_and_keep_the_default() -> None:
    assert {"shan", "dan", "shantianfang"} <= name_tokens("单田芳")
    assert {"zeng", "zengguofan"} <= name_tokens("曾国藩")
    assert "ou" in name_tokens("区志强")
    assert "shan" not in name_tokens("简单")  # only in the surname position


def test_names_never_yield_digits_or_punctuation() -> None:
    for token in name_tokens("R2-D2 O'Neil 张·三 (Mike)"):
        assert token.isalpha(), token


def test_phone_tokens() -> None:
    assert phone_tokens("+8613812345678") == {"5678", "8613812345678"}
    assert phone_tokens("") == set()


@pytest.mark.parametrize(
    ("typed", "tokens"),
    [
        ("", []),
        ("  ,.!  ", []),
        ("张", ["张"]),
        ("张伟明", ["张伟", "伟明"]),
        ("娜娜娜", ["娜娜"]),
        ("Zhang  Wei", ["zhang", "wei"]),
        ("5678", ["5678"]),
        ("５６７８", ["5678"]),
        ("13812345678", ["8613812345678"]),
        ("+852 9123 4567", ["85291234567"]),
        ("张 5678", ["张", "5678"]),
        ('"zw" OR *', ["zw", "or"]),
    ],
)
def test_query_tokens(typed: str, tokens: list[str]) -> None:
    assert query_tokens(typed) == tokens


@pytest.mark.parametrize(
    "typed",
    [
        "110105199001011234",
        "11010519900101123x",
        "110105 19900101 123X",
        "1101051990010112",
        "张 110105199001011234",
    ],
)
def test_id_numbers_are_only_looked_up_exactly(typed: str) -> None:
    assert query_tokens(typed) == [EXACT_ID_LOOKUP]
    with pytest.raises(ValueError):
        fts5_match_expression([EXACT_ID_LOOKUP], prefix_last=True)


def test_match_expression_quotes_every_token_and_prefixes_only_a_final_word() -> None:
    assert fts5_match_expression(["张伟", "smi"], prefix_last=True) == '"张伟" AND "smi"*'
    assert fts5_match_expression(["smi"], prefix_last=False) == '"smi"'
    assert fts5_match_expression(["5678"], prefix_last=True) == '"5678"'
    assert fts5_match_expression(["张"], prefix_last=True) == '"张"'
    assert fts5_match_expression(['a"b'], prefix_last=False) == '"a""b"'
    with pytest.raises(ValueError):
        fts5_match_expression([], prefix_last=True)


def test_fts5_end_to_end(fts: sqlite3.Connection) -> None:
    clients = {
        1: ("张伟", "+8613812345678"),
        2: ("欧阳娜娜", "+8613900001234"),
        3: ("John Smith", "+85291235678"),
    }
    for rowid, (name, phone) in clients.items():
        fts.execute(
            "insert into t(rowid, tokens) values (?, ?)",
            (rowid, index_text(name_tokens(name) | phone_tokens(phone))),
        )
    assert fts_ids(fts, "张") == {1}
    assert fts_ids(fts, "z") == {1}
    assert fts_ids(fts, "oynn") == {2}
    assert fts_ids(fts, "smi") == {3}
    assert fts_ids(fts, "5678") == {1, 3}
    assert fts_ids(fts, "张 5678") == {1}
    assert fts_ids(fts, "1234") == {2}
    assert fts_ids(fts, "139 0000 1234") == {2}
    assert fts_ids(fts, "8613") == set()  # no prefix match on digits
    fts.execute("delete from t")


@given(HAN_NAMES, st.data())
def test_every_substring_of_a_han_name_finds_it(name: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, len(name)))
    assert set(query_tokens(name[start:end])) <= name_tokens(name)


@given(st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=MAX_RUN))
def test_full_pinyin_and_initials_of_a_han_name_find_it(name: str) -> None:
    assume(all(lazy_pinyin(c, errors=lambda s: [""] * len(s))[0] for c in name))
    given_name = lazy_pinyin(name[1:])
    tokens = name_tokens(name)
    assert any(
        t.endswith("".join(given_name)) and len(t) > len("".join(given_name)) for t in tokens if t.isascii()
    )
    assert any(
        len(t) == len(name) and t.endswith("".join(s[0] for s in given_name)) for t in tokens if t.isascii()
    )


@given(ANY_TEXT, ANY_TEXT)
def test_phone_last_four_never_equals_a_name_token(name: str, digits: str) -> None:
    phone = "+86138" + "".join(c for c in digits if "0" <= c <= "9").ljust(8, "0")[:8]
    assert not (phone_tokens(phone) & name_tokens(name))


@given(ANY_TEXT)
def test_query_tokens_are_clean(typed: str) -> None:
    tokens = query_tokens(typed)
    if tokens == [EXACT_ID_LOOKUP]:
        return
    for token in tokens:
        assert token and all(c.isalnum() or is_han(c) for c in token), token


@given(ANY_TEXT, st.booleans())
def test_any_query_is_a_valid_fts5_expression(typed: str, prefix_last: bool) -> None:
    tokens = query_tokens(typed)
    if not tokens or tokens == [EXACT_ID_LOOKUP]:
        return
    db = sqlite3.connect(":memory:")
    db.execute(f"create virtual table t using fts5(tokens, tokenize='{FTS5_TOKENIZE}')")
    db.execute(
        "select count(*) from t where t match ?", (fts5_match_expression(tokens, prefix_last),)
    ).fetchall()
    db.close()


@given(st.lists(ANY_TEXT.filter(bool), min_size=1, max_size=4), st.booleans())
def test_arbitrary_tokens_cannot_inject_fts5_syntax(tokens: list[str], prefix_last: bool) -> None:
    expression = fts5_match_expression(tokens, prefix_last)
    assert expression.count('"') % 2 == 0
    db = sqlite3.connect(":memory:")
    db.execute("create virtual table t using fts5(tokens)")
    db.execute("select count(*) from t where t match ?", (expression,)).fetchall()
    db.close()


@given(HAN_NAMES, st.data())
def test_fts5_finds_every_substring(name: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, len(name)))
    db = sqlite3.connect(":memory:")
    db.execute(f"create virtual table t using fts5(tokens, tokenize='{FTS5_TOKENIZE}')")
    db.execute("insert into t(rowid, tokens) values (7, ?)", (index_text(name_tokens(name)),))
    assert fts_ids(db, name[start:end]) == {7}
    db.close()
