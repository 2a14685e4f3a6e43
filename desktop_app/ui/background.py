"""Running slow work (Argon2id, database writes) off the GUI thread and reporting back on it.

``JobRunner.run(fn, on_success, on_error, owner=...)`` runs ``fn`` on one worker thread, jobs one
at a time and in order (they share one database connection, and a sign-out queued behind a running
audit check must not close the database under it). The callbacks always run on the GUI thread and
are skipped when ``owner`` was deleted meanwhile. Workers never touch widgets.

Lifetime rule (PySide): the worker never holds the last reference to anything. The job's function,
result and exception stay in ``_jobs`` (owned by the GUI thread) until the GUI thread has delivered
them, and the worker drops its own references before it signals completion. Otherwise a widget
captured by a job's lambda could be destroyed on the worker thread.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

SuccessCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
_STOP = -1


class _Job:
    __slots__ = ("error", "fn", "on_error", "on_success", "owner", "result")

    def __init__(
        self,
        fn: Callable[[], object],
        on_success: SuccessCallback | None,
        on_error: ErrorCallback | None,
        owner: QObject | None,
    ) -> None:
        self.fn = fn
        self.on_success = on_success
        self.on_error = on_error
        self.owner = owner
        self.result: object = None
        self.error: BaseException | None = None


def _is_expected(exc: BaseException) -> bool:
    from desktop_app.domain.errors import BranchVaultError

    return isinstance(exc, BranchVaultError)


class JobRunner(QObject):
    """A one-thread queue of background jobs. ``busy`` is True until every callback has run."""

    busy_changed = Signal(bool)
    _completed = Signal(int)  # emitted by the worker with the job id

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[int, _Job] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._queue: queue.Queue[int] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._pending = 0
        self._idle = threading.Event()
        self._idle.set()
        self._completed.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def run(
        self,
        fn: Callable[[], object],
        on_success: SuccessCallback | None = None,
        on_error: ErrorCallback | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        job_id = next(self._ids)
        was_busy = self.busy
        with self._lock:
            self._jobs[job_id] = _Job(fn, on_success, on_error, owner)
            self._pending += 1
            self._idle.clear()
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="branchvault-jobs", daemon=True)
            self._thread.start()
        self._queue.put(job_id)
        if not was_busy:
            self.busy_changed.emit(True)

    def _work(self) -> None:
        while True:
            job_id = self._queue.get()
            if job_id == _STOP:
                return
            with self._lock:
                fn = self._jobs[job_id].fn
            try:
                result: object = fn()
                error: BaseException | None = None
            except Exception as exc:
                if not _is_expected(exc):
                    log.error("background job raised", exc_info=exc)
                result, error = None, exc
            with self._lock:
                job = self._jobs[job_id]
                job.result, job.error = result, error
                self._pending -= 1
                if not self._pending:
                    self._idle.set()
            del fn, job, result, error
            self._completed.emit(job_id)

    @Slot(int)
    def _deliver(self, job_id: int) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            return
        try:
            owner_gone = job.owner is not None and not shiboken6.isValid(job.owner)
            if owner_gone:
                pass
            elif job.error is not None:
                if job.on_error is not None:
                    job.on_error(job.error)
                else:
                    log.error("background job failed", exc_info=job.error)
            elif job.on_success is not None:
                job.on_success(job.result)
        finally:
            with self._lock:
                self._jobs.pop(job_id, None)
            if not self._jobs:
                self.busy_changed.emit(False)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (callbacks still need the event loop to run)."""
        return self._idle.wait(None if msecs < 0 else msecs / 1000)

    def shutdown(self, msecs: int = 30_000) -> None:
        """Stop the worker thread after the queued jobs (at exit, and between tests)."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(_STOP)
            thread.join(None if msecs < 0 else msecs / 1000)
