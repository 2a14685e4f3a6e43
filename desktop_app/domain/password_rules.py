"""Password rules (a policy setting; defaults satisfy MLPS 2.0 assessors): length, character classes,
not containing the username, not a common password. Each failed rule is named in the message."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from desktop_app.domain.errors import PasswordRejected
from desktop_app.domain.security_policy import SecurityPolicy

_CLASSES = (
    re.compile(r"[a-z]"),
    re.compile(r"[A-Z]"),
    re.compile(r"[0-9]"),
    re.compile(r"[^A-Za-z0-9]"),
)


@dataclass(frozen=True)
class RuleFailure:
    code: str
    zh: str
    en: str


def character_classes(password: str) -> int:
    return sum(1 for pattern in _CLASSES if pattern.search(password))


def _common_forms(password: str) -> set[str]:
    """The password and its core without leading and/or trailing digits and symbols, so listed entries
    that themselves start or end with digits ("1qaz2wsx") are caught when decorated ("1qaz2wsx!@#")."""
    lowered = password.lower()
    no_prefix = re.sub(r"^[^a-z]+", "", lowered)
    no_suffix = re.sub(r"[^a-z]+$", "", lowered)
    return {lowered, no_prefix, no_suffix, re.sub(r"[^a-z]+$", "", no_prefix)}


def check_password(
    password: str, username: str, policy: SecurityPolicy, common_passwords: Collection[str]
) -> list[RuleFailure]:
    """Return every rule ``password`` breaks (empty when it is acceptable)."""
    failures: list[RuleFailure] = []
    if len(password) < policy.password_min_length:
        n = policy.password_min_length
        failures.append(RuleFailure("too_short", f"至少 {n} 个字符", f"at least {n} characters"))
    if character_classes(password) < policy.password_min_classes:
        n = policy.password_min_classes
        failures.append(
            RuleFailure(
                "too_few_classes",
                f"至少包含小写字母、大写字母、数字、符号中的 {n} 类",
                f"use at least {n} of: lower-case, upper-case, digits, symbols",
            )
        )
    if username and username.lower() in password.lower():
        failures.append(RuleFailure("contains_username", "不能包含用户名", "must not contain the username"))
    if any(form and form in common_passwords for form in _common_forms(password)):
        failures.append(RuleFailure("common", "不能使用常见密码", "must not be a commonly used password"))
    return failures


def require_acceptable(
    password: str, username: str, policy: SecurityPolicy, common_passwords: Collection[str]
) -> None:
    failures = check_password(password, username, policy, common_passwords)
    if failures:
        raise PasswordRejected([f.zh for f in failures], [f.en for f in failures])


def password_expired(changed_at_epoch: float, now_epoch: float, policy: SecurityPolicy) -> bool:
    if policy.password_max_age_days <= 0:
        return False
    return now_epoch - changed_at_epoch > policy.password_max_age_days * 86400
