"""The UI's handle on the application: the core ``AppContext`` plus the UI's own services.

One ``Shell`` is built at start-up and passed to every window and page (no global lookups). It
holds the data directory, the language, the background job runner, the clipboard guard and the
lock state, and builds the ``AppContext`` lazily, so the sign-in window appears before the
services and their crypto libraries are imported.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop_app.ui import main_thread_gc
from desktop_app.ui.language import LanguageSwitcher

if TYPE_CHECKING:
    from desktop_app.domain.kdf_params import KdfParams
    from desktop_app.services.context import AppContext
    from desktop_app.services.signed_in import SignedIn
    from desktop_app.ui.background import JobControl, JobHandle, JobRunner, Lane
    from desktop_app.ui.clipboard import ClipboardGuard

log = logging.getLogger(__name__)


class LockState(QObject):
    """Whether the session is locked; work that would show secrets waits for the unlock."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.locked = False
        self._pending: list[Callable[[], None]] = []

    def run_when_unlocked(self, callback: Callable[[], None]) -> None:
        if self.locked:
            self._pending.append(callback)
        else:
            callback()

    def lock(self) -> None:
        self.locked = True

    def unlock(self) -> None:
        """The same user is back: run what waited."""
        self.locked = False
        pending, self._pending = self._pending, []
        for callback in pending:
            callback()

    def end_session(self) -> None:
        """The user signed out or someone else signed in: drop what waited."""
        self.locked = False
        self._pending.clear()


class Shell(QObject):
    context_ready = Signal()

    def __init__(
        self,
        data_dir: Path,
        *,
        ctx: AppContext | None = None,
        language: LanguageSwitcher | None = None,
        demo: bool = False,
        idle_lock_ms: int | None = None,
        wizard_kdf: KdfParams | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.demo = demo
        self.idle_lock_ms = idle_lock_ms
        self.wizard_kdf = wizard_kdf
        self.language = language or LanguageSwitcher(data_dir / "user-settings.toml", parent=self)
        main_thread_gc.install()  # before the first worker job: Qt objects die on this thread only
        self._jobs: JobRunner | None = None
        self._clipboard: ClipboardGuard | None = None
        self.lock_state = LockState(self)
        self._ctx = ctx
        self._ctx_lock = threading.Lock()
        self._signed_in: SignedIn | None = None

    @property
    def jobs(self) -> JobRunner:
        """The background job runner, made on first use on the GUI thread (the sign-in window's
        start-up does without it: the first job is the warm-up, after the window shows)."""
        if self._jobs is None:
            from desktop_app.ui.background import JobRunner

            self._jobs = JobRunner(self)
        return self._jobs

    @property
    def clipboard(self) -> ClipboardGuard:
        """Made on first use (nothing is copied before someone signs in)."""
        if self._clipboard is None:
            from desktop_app.ui.clipboard import ClipboardGuard

            self._clipboard = ClipboardGuard(self)
        return self._clipboard

    @property
    def lang(self) -> str:
        return self.language.current

    def context(self) -> AppContext:
        """The core context, built on first use (safe to call from a worker thread)."""
        with self._ctx_lock:
            if self._ctx is None:
                from desktop_app.services.context import build_context

                self._ctx = build_context(self.data_dir)
            return self._ctx

    def existing_context(self) -> AppContext | None:
        """The context if it was built already (never builds it)."""
        return self._ctx

    def signed_in(self) -> SignedIn:
        """The signed-in user: what pages pass to the services (raises NotSignedIn when none)."""
        if self._signed_in is None:
            from desktop_app.services.context import NotSignedIn

            raise NotSignedIn()
        return self._signed_in

    def existing_signed_in(self) -> SignedIn | None:
        return self._signed_in

    def set_signed_in(self, me: SignedIn | None) -> None:
        """Sign-in, the first-run wizard and switching user keep the new signed-in user here."""
        self._signed_in = me

    def service_subject(self) -> AppContext | SignedIn:
        """What ``call`` passes a service: the signed-in user, or the context before anyone signs
        in (sign-in itself, the first-run wizard)."""
        return self._signed_in if self._signed_in is not None else self.context()

    def is_initialised(self) -> bool:
        """Whether a branch is set up here: ``DataPaths.is_initialised`` once the context exists;
        before that the same three files are checked directly (importing the store costs start-up)."""
        if self._ctx is not None:
            return self._ctx.paths.is_initialised()
        return any((self.data_dir / name).exists() for name in ("branch.toml", "keyslots.json", "branch.db"))

    def branch_name(self) -> str:
        """The branch name once the context (and its configuration) is loaded, else ""."""
        if self._ctx is not None and self._ctx.config is not None:
            return self._ctx.config.branch_name
        return ""

    def idle_interval_ms(self) -> int:
        if self.idle_lock_ms is not None:
            return self.idle_lock_ms
        policy = self._signed_in.policy if self._signed_in is not None else self.context().policy
        return policy.idle_lock_minutes * 60_000

    def error_text(self, exc: BaseException) -> str:
        from desktop_app.ui.error_text import error_text

        return error_text(exc, self.lang)

    def call(
        self,
        fn: Callable[..., object],
        *args: object,
        on_ok: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
        lane: Lane | None = None,
        progress: Callable[[int, int, str], None] | None = None,
        cancellable: bool = False,
        **kwargs: object,
    ) -> JobHandle:
        """Run the service call ``fn(self.service_subject(), *args, **kwargs)`` on a background lane (the
        database lane unless told) and deliver ``on_ok(result)`` or ``on_error(exc)`` on the GUI
        thread, skipped if ``owner`` is gone. With ``progress`` the service also gets
        ``progress=(done, total)`` (reaching ``progress(done, total, text)`` on the GUI thread);
        with ``progress`` or ``cancellable`` it gets ``cancel=`` the job's token. The worker gets
        the shell and the arguments, never a widget.

        A call the lock stopped before it could touch the data (cancelled while queued, or refused
        because the database was already closed) runs again after the unlock instead of failing:
        a page's reload that met the idle lock shows its rows, not "cancelled". After a sign-out it
        is dropped with everything else that waited."""
        from desktop_app.domain.cancellation import Cancelled
        from desktop_app.services.signed_in import SessionLocked
        from desktop_app.ui.background import Lane

        started = threading.Event()

        def again() -> None:
            self.call(
                fn,
                *args,
                on_ok=on_ok,
                on_error=on_error,
                owner=owner,
                lane=lane,
                progress=progress,
                cancellable=cancellable,
                **kwargs,
            )

        def failed(exc: BaseException) -> None:
            stopped_by_lock = isinstance(exc, SessionLocked) or (
                isinstance(exc, Cancelled) and not started.is_set() and progress is None and not cancellable
            )
            if stopped_by_lock and self.lock_state.locked:
                self.lock_state.run_when_unlocked(again)
            elif on_error is not None:
                on_error(exc)
            elif not isinstance(exc, Cancelled):
                log.error("background job failed", exc_info=exc)

        def work(control: JobControl) -> object:
            started.set()
            extra = dict(kwargs)
            if progress is not None:
                extra["progress"] = control.report
            if progress is not None or cancellable:
                extra["cancel"] = control.token
            return fn(self.service_subject(), *args, **extra)

        return self.jobs.start(
            work, on_ok, failed, owner=owner, lane=lane or Lane.DATABASE, on_progress=progress
        )

    def warm_up(self) -> None:
        """Import the services and build the context in the background after the first window
        shows; ``context_ready`` follows on the GUI thread. A failure (say, an unreadable
        configuration) is reported later, when signing in needs the context."""
        self.jobs.run(self._warm_up_imports, lambda _result: self.context_ready.emit())

    def _warm_up_imports(self) -> None:
        import desktop_app.services.sign_in  # noqa: F401

        self.context()
