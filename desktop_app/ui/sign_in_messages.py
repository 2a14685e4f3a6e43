"""Texts shared by the sign-in dialog and the lock screen: the failure message and the Caps Lock hint."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def failure_text(exc: BaseException, language: str) -> str:
    """A failed sign-in or unlock: the lockout with its remaining minutes, or the error's message."""
    from desktop_app.domain.errors import AccountLocked  # only once a sign-in failed (start-up time)
    from desktop_app.ui.error_text import error_text

    if isinstance(exc, AccountLocked):
        return QCoreApplication.translate(
            "SignInMessages",
            "Too many failed sign-in attempts. This account is locked; try again in %n minute(s).",
            "",
            exc.minutes_left,
        )
    return error_text(exc, language)


def caps_lock_hint() -> str:
    return QCoreApplication.translate("SignInMessages", "Caps Lock seems to be on.")


def missing_credentials() -> str:
    return QCoreApplication.translate("SignInMessages", "Enter your username and password.")
