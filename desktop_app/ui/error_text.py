"""Turning an exception into the text a person sees: never a traceback.

A ``BranchVaultError`` carries its own message in both languages; a database failure the store can
name (busy, disk full, read-only, corrupt) gets the same text the CLI shows
(services/database_failures.py); anything else gets one generic bilingual message (and the
traceback goes to the log, not to the screen).
"""

from __future__ import annotations

import logging

from desktop_app.domain.errors import BranchVaultError

log = logging.getLogger(__name__)

GENERIC_ZH = "发生意外错误，操作未完成。请重试；如仍出错，请联系 IT。"
GENERIC_EN = "An unexpected error occurred and the action was not completed. Try again; if it happens again, contact IT."


def error_text(exc: BaseException, language: str) -> str:
    """The message for ``exc`` in ``language`` ("zh_CN" or "en")."""
    if isinstance(exc, BranchVaultError):
        return exc.message(language)
    from desktop_app.services.database_failures import known_failure

    known = known_failure(exc)
    if known is not None:
        return known.message(language)
    log.error("unexpected error", exc_info=exc)
    return f"{GENERIC_ZH}\n{GENERIC_EN}"
