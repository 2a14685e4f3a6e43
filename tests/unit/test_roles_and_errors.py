"""Role names and the bilingual error base class."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import (
    AccountDisabled,
    AccountLocked,
    BranchVaultError,
    InvalidInput,
    PasswordRejected,
    PermissionDenied,
    WrongCredentials,
)
from desktop_app.domain.roles import Role, parse_role


@pytest.mark.parametrize("role", list(Role))
def test_parse_role_accepts_code_and_both_labels(role: Role) -> None:
    assert parse_role(role.value) is role
    assert parse_role(f"  {role.value.upper()} ") is role
    assert parse_role(role.label_zh) is role
    assert parse_role(role.label_en) is role
    assert role.label("zh_CN") == role.label_zh and role.label("en") == role.label_en


@pytest.mark.parametrize("text", ["", "admin", "boss", "店员"])
def test_parse_role_rejects_unknown(text: str) -> None:
    with pytest.raises(ValueError):
        parse_role(text)


@pytest.mark.parametrize(
    "error",
    [
        WrongCredentials(),
        AccountLocked(15),
        AccountLocked(1),
        AccountDisabled(),
        PermissionDenied("做事", "do things"),
        PasswordRejected(["太短"], ["too short"]),
        InvalidInput("无效", "invalid"),
    ],
)
def test_errors_are_bilingual(error: BranchVaultError) -> None:
    assert error.zh and error.en and error.zh != error.en
    assert error.message("zh_CN") == error.zh
    assert error.message("en") == error.en
    assert error.bilingual() == f"{error.zh}\n{error.en}"
    assert str(error) == error.en
    assert error.code != "error"


def test_account_locked_minutes_in_both_languages() -> None:
    error = AccountLocked(15)
    assert error.minutes_left == 15
    assert "15" in error.zh and "15 minutes" in error.en
    assert "1 minute." in AccountLocked(1).en


def test_invalid_input_exit_code_differs() -> None:
    assert InvalidInput("a", "b").exit_code == 2
    assert WrongCredentials().exit_code == 1
