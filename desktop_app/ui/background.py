"""Running slow work (Argon2id, database reads and writes, later HQ sync) off the GUI thread and
reporting back on it.

``JobRunner.run(fn, on_success, on_error, owner=..., lane=...)`` runs ``fn`` on the thread of its
lane. Lanes:

- ``Lane.DATABASE``: one thread, jobs one at a time and in order. Every use of the branch database
  goes here, reads included (they share one connection: a read on another thread could see the
  uncommitted rows of a job's open transaction, and a sign-out queued behind a running audit check
  must not close the database under it).
- ``Lane.NETWORK``: its own thread for work that waits on the network (the coming HQ sync), so a
  slow exchange never holds up the client list. Network jobs must not touch the database; they
  hand results to a database-lane job.

Each job gets a ``JobControl``: a ``CancelToken`` (domain/cancellation.py) and ``progress(done,
total, text)``, which reaches ``on_progress`` on the GUI thread (the newest report: reports made
while one waits for delivery replace it, so progress is monotonic and ends at the last report).
``run`` and ``start`` return a ``JobHandle`` whose ``cancel()`` sets the token; ``cancel_all()``
(called on sign-out and on lock) sets every token, and a job whose token is set before it starts
is not started (it ends with ``Cancelled``). A running job stops only where it checks its token,
so nothing is left half-written. A ``Cancelled`` job without an error callback ends quietly.

The callbacks always run on the GUI thread and are skipped when ``owner`` was deleted meanwhile.
Workers never touch widgets.

Lifetime rule (PySide): the worker never holds the last reference to anything. The job's function,
result and exception stay in ``_jobs`` (owned by the GUI thread) until the GUI thread has delivered
them, and the worker drops its own references before it signals completion. Otherwise a widget
captured by a job's lambda could be destroyed on the worker thread.
"""

from __future__ import annotations

import enum
import itertools
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from desktop_app.domain.cancellation import Cancelled, CancelToken

log = logging.getLogger(__name__)

SuccessCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[int, int, str], None]
_STOP = -1


class Lane(enum.Enum):
    DATABASE = "database"
    NETWORK = "network"


class JobControl:
    """What the work itself sees: its cancel token and a thread-safe progress reporter."""

    __slots__ = ("_emit", "_job_id", "token")

    def __init__(self, job_id: int, token: CancelToken, emit: Callable[[int, int, int, str], None]) -> None:
        self._job_id = job_id
        self.token = token
        self._emit = emit

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._emit(self._job_id, done, total, text)

    def report(self, done: int, total: int) -> None:
        """``progress`` in the services' ``Callable[[int, int], None]`` shape."""
        self.progress(done, total)


class JobHandle:
    """The asker's hold on a submitted job: cancel it, or see whether it was cancelled."""

    __slots__ = ("lane", "token")

    def __init__(self, token: CancelToken, lane: Lane) -> None:
        self.token = token
        self.lane = lane

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    def cancel(self) -> None:
        self.token.cancel()


class _Job:
    __slots__ = (
        "error",
        "fn",
        "lane",
        "on_error",
        "on_progress",
        "on_success",
        "owner",
        "progress",
        "result",
        "token",
    )

    def __init__(
        self,
        fn: Callable[[JobControl], object],
        on_success: SuccessCallback | None,
        on_error: ErrorCallback | None,
        owner: QObject | None,
        lane: Lane,
        on_progress: ProgressCallback | None,
    ) -> None:
        self.fn = fn
        self.on_success = on_success
        self.on_error = on_error
        self.on_progress = on_progress
        self.owner = owner
        self.lane = lane
        self.token = CancelToken()
        self.progress: tuple[int, int, str] | None = None  # the latest report not yet delivered
        self.result: object = None
        self.error: BaseException | None = None


def _is_expected(exc: BaseException) -> bool:
    from desktop_app.domain.errors import BranchVaultError

    return isinstance(exc, BranchVaultError)


class _LaneWorker:
    """One lane: a queue of job ids and the thread that empties it (started on first use)."""

    def __init__(self, lane: Lane) -> None:
        self.lane = lane
        self.queue: queue.Queue[int] = queue.Queue()
        self.thread: threading.Thread | None = None
        self.pending = 0


class JobRunner(QObject):
    """Background jobs in lanes. ``busy`` is True until every callback has run."""

    busy_changed = Signal(bool)
    _completed = Signal(int)  # emitted by a worker with the job id
    _progressed = Signal(int)  # the job id: a progress report is waiting

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[int, _Job] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._lanes = {lane: _LaneWorker(lane) for lane in Lane}
        self._pending = 0
        self._idle = threading.Event()
        self._idle.set()
        self._completed.connect(self._deliver)
        self._progressed.connect(self._deliver_progress)

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
        lane: Lane = Lane.DATABASE,
    ) -> JobHandle:
        """Run ``fn()`` on ``lane``; see ``start`` for work that reports progress or checks cancel."""
        return self.start(lambda _control: fn(), on_success, on_error, owner=owner, lane=lane)

    def start(
        self,
        fn: Callable[[JobControl], object],
        on_success: SuccessCallback | None = None,
        on_error: ErrorCallback | None = None,
        *,
        owner: QObject | None = None,
        lane: Lane = Lane.DATABASE,
        on_progress: ProgressCallback | None = None,
    ) -> JobHandle:
        """Run ``fn(control)`` on ``lane``; ``control.progress`` reaches ``on_progress``."""
        job_id = next(self._ids)
        was_busy = self.busy
        job = _Job(fn, on_success, on_error, owner, lane, on_progress)
        worker = self._lanes[lane]
        with self._lock:
            self._jobs[job_id] = job
            self._pending += 1
            worker.pending += 1
            self._idle.clear()
        if worker.thread is None:
            worker.thread = threading.Thread(
                target=self._work, args=(worker,), name=f"branchvault-{lane.value}", daemon=True
            )
            worker.thread.start()
        worker.queue.put(job_id)
        if not was_busy:
            self.busy_changed.emit(True)
        return JobHandle(job.token, lane)

    def cancel_all(self) -> int:
        """Set the cancel token of every queued or running job (sign-out, lock). Returns how many."""
        with self._lock:
            tokens = [job.token for job in self._jobs.values()]
        for token in tokens:
            token.cancel()
        return len(tokens)

    def lane_busy(self, lane: Lane) -> bool:
        """Whether ``lane`` has work queued or running."""
        with self._lock:
            return bool(self._lanes[lane].pending)

    def _work(self, worker: _LaneWorker) -> None:
        while True:
            job_id = worker.queue.get()
            if job_id == _STOP:
                return
            with self._lock:
                fn, token = self._jobs[job_id].fn, self._jobs[job_id].token
            control = JobControl(job_id, token, self._report)
            try:
                token.raise_if_cancelled()  # cancelled while queued: never started
                result: object = fn(control)
                error: BaseException | None = None
            except Exception as exc:
                if not _is_expected(exc):
                    log.error("background job raised", exc_info=exc)
                result, error = None, exc
            with self._lock:
                job = self._jobs[job_id]
                job.result, job.error = result, error
                worker.pending -= 1
                self._pending -= 1
                if not self._pending:
                    self._idle.set()
            del fn, job, result, error, control
            self._completed.emit(job_id)

    def _report(self, job_id: int, done: int, total: int, text: str) -> None:
        """On the worker: keep the latest report; signal only when none is waiting, so a job that
        reports every row never floods the event loop (the GUI sees the newest, in order)."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.on_progress is None:
                return
            waiting = job.progress is not None
            job.progress = (done, total, text)
        if not waiting:
            self._progressed.emit(job_id)

    @Slot(int)
    def _deliver_progress(self, job_id: int) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            report = None if job is None else job.progress
            if job is not None:
                job.progress = None
        if job is None or report is None or job.on_progress is None:
            return
        if job.owner is not None and not shiboken6.isValid(job.owner):
            return
        job.on_progress(*report)

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
                elif not isinstance(job.error, Cancelled):
                    log.error("background job failed", exc_info=job.error)
            elif job.on_success is not None:
                job.on_success(job.result)
        finally:
            with self._lock:
                self._jobs.pop(job_id, None)
            if not self._jobs:
                self.busy_changed.emit(False)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every lane is idle (callbacks still need the event loop to run)."""
        return self._idle.wait(None if msecs < 0 else msecs / 1000)

    def shutdown(self, msecs: int = 30_000) -> None:
        """Stop the worker threads after the queued jobs (at exit, and between tests)."""
        for worker in self._lanes.values():
            thread, worker.thread = worker.thread, None
            if thread is not None:
                worker.queue.put(_STOP)
                thread.join(None if msecs < 0 else msecs / 1000)
