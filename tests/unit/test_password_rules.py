"""Password rules (length 10, 3 of 4 classes, no username, not common) and password expiry."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from desktop_app.domain.errors import PasswordRejected
from desktop_app.domain.password_rules import (
    character_classes,
    check_password,
    password_expired,
    require_acceptable,
)
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.services.context import common_passwords

POLICY = SecurityPolicy()
COMMON = common_passwords()
DAY = 86400.0


def codes(password: str, username: str = "zhangwei", policy: SecurityPolicy = POLICY) -> set[str]:
    return {f.code for f in check_password(password, username, policy, COMMON)}


def test_defaults_are_length_10_and_3_classes() -> None:
    assert POLICY.password_min_length == 10
    assert POLICY.password_min_classes == 3
    assert POLICY.password_max_age_days == 90


@pytest.mark.parametrize(
    "password", ["Xk7#mq2Lp9", "Gz!8vR3tWq#", "tide-Lamp-47-harbour", "小区Ab3!门牌号码"]
)
def test_good_passwords_pass(password: str) -> None:
    assert codes(password) == set()
    require_acceptable(password, "zhangwei", POLICY, COMMON)


def test_length_rule() -> None:
    assert codes("Xk7#mq2Lp") == {"too_short"}  # 9 characters
    assert codes("Xk7#mq2Lp9") == set()  # 10 characters


@pytest.mark.parametrize(
    ("password", "classes"),
    [("abcdefghijkl", 1), ("abcdefGHIJKL", 2), ("abcdef123456", 2), ("abcdef!!!!!!", 2), ("abcDEF123456", 3)],
)
def test_character_classes(password: str, classes: int) -> None:
    assert character_classes(password) == classes
    assert ("too_few_classes" in codes(password)) is (classes < 3)


def test_chinese_characters_count_as_symbols() -> None:
    assert character_classes("中") == 1
    assert character_classes("abc中") == 2


@pytest.mark.parametrize("password", ["Zhangwei!2026x", "xxZHANGWEI#77y", "99zhangwei!Aq"])
def test_username_inside_is_refused_case_insensitively(password: str) -> None:
    assert "contains_username" in codes(password, "zhangwei")


@pytest.mark.parametrize(
    "password",
    [
        "Password123!",
        "password123!",
        "!!Password2026",
        "P@ssw0rd2024!",
        "Passw0rd!23",
        "Qwerty123456!",
        "Admin@123456!",
        "1Qaz2wsx!@#",  # listed entries that start with a digit, decorated at the end
        "1qaz@WSX2024",
        "Woaini1314!!",
    ],
)
def test_common_passwords_and_decorated_variants_refused(password: str) -> None:
    assert "common" in codes(password)


def test_each_failed_rule_is_named_in_the_error() -> None:
    with pytest.raises(PasswordRejected) as info:
        require_acceptable("wei", "wei", POLICY, COMMON)
    error = info.value
    assert codes("wei", "wei") == {"too_short", "too_few_classes", "contains_username"}
    assert len(error.problems_en) == 3 and len(error.problems_zh) == 3
    assert "at least 10 characters" in error.en
    assert "at least 3 of" in error.en
    assert "must not contain the username" in error.en
    assert "至少 10 个字符" in error.zh and "不能包含用户名" in error.zh


def test_common_rule_named_in_the_error() -> None:
    with pytest.raises(PasswordRejected) as info:
        require_acceptable("Password123!", "zhangwei", POLICY, COMMON)
    assert info.value.problems_en == ["must not be a commonly used password"]
    assert "常见密码" in info.value.zh


def test_rules_follow_the_policy() -> None:
    strict = SecurityPolicy(password_min_length=14, password_min_classes=4)
    assert codes("Xk7#mq2Lp9", policy=strict) == {"too_short"}
    assert codes("Xk7mmq2Lp9aaaaaa", policy=strict) == {"too_few_classes"}
    with pytest.raises(PasswordRejected, match="at least 14 characters"):
        require_acceptable("Xk7#mq2Lp9", "", strict, COMMON)


_LOWER = st.sampled_from(string.ascii_lowercase)
_UPPER = st.sampled_from(string.ascii_uppercase)
_DIGIT = st.sampled_from(string.digits)
_SYMBOL = st.sampled_from("!@#$%^&*()-_=+[]{};:,.?/~中文")


@st.composite
def acceptable_passwords(draw: st.DrawFn) -> str:
    """At least 3 classes with at least one character each, padded to 10–40 characters, shuffled."""
    pools = draw(st.permutations([_LOWER, _UPPER, _DIGIT, _SYMBOL]))[: draw(st.integers(3, 4))]
    chars = [draw(pool) for pool in pools]
    length = draw(st.integers(10, 40))
    chars += [draw(st.one_of(*pools)) for _ in range(length - len(chars))]
    return "".join(draw(st.permutations(chars)))


def _looks_common(password: str) -> bool:
    """Independent of the implementation: any listed entry equal to the password with some leading
    and trailing non-letters cut off."""
    lowered = password.lower()
    return any(
        lowered[i:j] in COMMON
        for i in range(len(lowered))
        for j in range(i + 1, len(lowered) + 1)
        if not re.search("[a-z]", lowered[:i]) and not re.search("[a-z]", lowered[j:])
    )


@given(password=acceptable_passwords(), username=st.from_regex(r"[a-z][a-z0-9.]{2,12}", fullmatch=True))
def test_property_passwords_built_to_satisfy_the_rules_pass(password: str, username: str) -> None:
    assume(username not in password.lower())
    assume(not _looks_common(password))
    assert check_password(password, username, POLICY, COMMON) == []


@given(password=st.text(max_size=9))
def test_property_short_passwords_always_fail_length(password: str) -> None:
    assert "too_short" in codes(password)


@given(password=st.text(alphabet=string.ascii_letters, min_size=10, max_size=30))
def test_property_letters_only_never_pass(password: str) -> None:
    assert "too_few_classes" in codes(password)


@given(password=acceptable_passwords(), username=st.from_regex(r"[a-z]{3,8}", fullmatch=True))
def test_property_embedding_the_username_always_fails(password: str, username: str) -> None:
    mid = len(password) // 2
    assert "contains_username" in codes(password[:mid] + username.upper() + password[mid:], username)


# Expiry: 90 days by default, 0 disables.


def test_password_not_expired_within_90_days() -> None:
    assert not password_expired(0.0, 90 * DAY, POLICY)


def test_password_expired_after_90_days() -> None:
    assert password_expired(0.0, 90 * DAY + 1, POLICY)
    assert password_expired(0.0, 365 * DAY, POLICY)


def test_zero_max_age_disables_expiry() -> None:
    policy = SecurityPolicy(password_max_age_days=0)
    assert not password_expired(0.0, 10_000 * DAY, policy)


def test_shorter_max_age() -> None:
    policy = SecurityPolicy(password_max_age_days=30)
    assert not password_expired(0.0, 30 * DAY, policy)
    assert password_expired(0.0, 31 * DAY, policy)
