"""Cancelling long work between steps: a token the asker sets and the worker checks.

Rule: long work (an import, a retention batch, a batch print, later backups and HQ sync) takes an
optional ``cancel: CancelToken | None`` and calls ``raise_if_cancelled()`` only at points where
stopping leaves nothing half-written (before a transaction commits, between atomic items, before a
temporary file is renamed into place). Reason: the user (or sign-out and the idle lock) must be
able to stop work without damaging the data, and a worker thread cannot be killed safely.

The token is pure (no Qt, no I/O) so services and the CLI can use it; setting it is thread-safe.
``Progress`` is the matching callback type: ``progress(done, total)``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop_app.domain.errors import BranchVaultError

Progress = Callable[[int, int], None]


class Cancelled(BranchVaultError):
    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("操作已取消。", "The work was cancelled.")


class CancelToken:
    """Set once by whoever cancels; read by the worker between steps."""

    __slots__ = ("_event",)

    def __init__(self) -> None:
        self._event = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``, waking early when cancelled; True if cancelled."""
        return self._event.wait(seconds)


def check(cancel: CancelToken | None) -> None:
    """``cancel.raise_if_cancelled()`` for an optional token."""
    if cancel is not None:
        cancel.raise_if_cancelled()


def report(progress: Progress | None, done: int, total: int) -> None:
    """``progress(done, total)`` for an optional callback."""
    if progress is not None:
        progress(done, total)
