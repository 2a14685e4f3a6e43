"""Errors a person can understand, in Chinese and English, raised by every layer below the UI.

Each error carries a stable code (for tests, JSON output and exit codes) and the message in both
languages. Messages never contain personal data; callers pass only non-sensitive details.
"""

from __future__ import annotations


class BranchVaultError(Exception):
    """An expected failure with a bilingual, user-facing message."""

    code = "error"
    exit_code = 1

    def __init__(self, zh: str, en: str, *, code: str | None = None) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        if code is not None:
            self.code = code

    def message(self, language: str = "zh_CN") -> str:
        return self.zh if language.startswith("zh") else self.en

    def bilingual(self) -> str:
        return f"{self.zh}\n{self.en}"


class WrongCredentials(BranchVaultError):
    code = "wrong_credentials"

    def __init__(self) -> None:
        super().__init__("用户名或密码错误。", "Wrong username or password.")


class AccountLocked(BranchVaultError):
    code = "account_locked"

    def __init__(self, minutes_left: int) -> None:
        self.minutes_left = minutes_left
        super().__init__(
            f"登录失败次数过多，账户已锁定，请 {minutes_left} 分钟后再试。",
            f"Too many failed sign-in attempts. The account is locked; try again in {minutes_left} "
            f"minute{'s' if minutes_left != 1 else ''}.",
        )


class AccountDisabled(BranchVaultError):
    code = "account_disabled"

    def __init__(self) -> None:
        super().__init__("该账户已停用，请联系 IT 管理员。", "This account is disabled. Contact IT.")


class PermissionDenied(BranchVaultError):
    code = "permission_denied"

    def __init__(self, action_zh: str, action_en: str) -> None:
        super().__init__(
            f"您的角色无权执行此操作：{action_zh}。", f"Your role is not allowed to do this: {action_en}."
        )


class PasswordRejected(BranchVaultError):
    code = "password_rejected"

    def __init__(self, problems_zh: list[str], problems_en: list[str]) -> None:
        self.problems_zh = problems_zh
        self.problems_en = problems_en
        super().__init__(
            "密码不符合要求：" + "；".join(problems_zh) + "。",
            "The password does not meet the rules: " + "; ".join(problems_en) + ".",
        )


class InvalidInput(BranchVaultError):
    code = "invalid_input"
    exit_code = 2
