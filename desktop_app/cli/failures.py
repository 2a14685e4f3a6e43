"""How a failed command ends: one bilingual line on the terminal and an exit code, never a traceback.

``report_failure`` is what desktop_app/cli/main.py runs when a command raised: a ``BranchVaultError``
prints its own message; a file that cannot be read or written, a damaged or busy database and
anything unexpected get one clear line each (``BRANCHVAULT_DEBUG=1`` shows the traceback instead).
Kept out of main.py so that starting the GUI does not load it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_app.cli.main import ENV_DEBUG, EXIT_FAILED
from desktop_app.domain.errors import BranchVaultError

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output


def report_failure(exc: Exception, output: Callable[[], Output]) -> int:
    """Print what went wrong on ``output()`` and return the exit code; called while ``exc`` is
    being handled, so ``BRANCHVAULT_DEBUG`` re-raises it with its traceback."""
    if isinstance(exc, BranchVaultError):
        output().error(exc)
        return exc.exit_code
    if isinstance(exc, OSError):  # e.g. an output file that cannot be written
        output().error(
            BranchVaultError(
                f"无法读写文件：{exc.filename or exc}（{exc.strerror or exc}）。",
                f"Cannot read or write a file: {exc.filename or exc} ({exc.strerror or exc}).",
            )
        )
        return EXIT_FAILED
    from desktop_app.services.database_failures import known_failure

    known = known_failure(exc)  # the same text the GUI shows (busy, disk full, read-only, corrupt)
    if known is not None:
        output().error(known)
        return EXIT_FAILED
    if os.environ.get(ENV_DEBUG):
        raise exc
    # Scripts and IT see one clear line, never a traceback; BRANCHVAULT_DEBUG=1 shows it.
    detail = f"{type(exc).__name__}: {exc}"
    output().error(
        BranchVaultError(
            f"意外错误（{detail}）。请把这条信息告知 IT；设置 {ENV_DEBUG}=1 可显示详细信息。",
            f"Unexpected error ({detail}). Report this message to IT; set {ENV_DEBUG}=1 for details.",
            code="unexpected_error",
        )
    )
    return EXIT_FAILED
