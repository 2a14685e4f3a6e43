"""Garbage collection runs on the GUI thread once a Shell exists, never in a worker job."""

from __future__ import annotations

import gc
import threading

from desktop_app.domain.roles import Role
from tests.gui.conftest import signed_in, wait_idle


class _Cycle:
    def __init__(self, collected_in: list[str]) -> None:
        self.me = self
        self.collected_in = collected_in

    def __del__(self) -> None:
        self.collected_in.append(threading.current_thread().name)


def test_a_worker_job_never_collects_and_the_gui_thread_does(qtbot, branch, make_shell) -> None:
    shell = make_shell(signed_in(branch.context(), *branch.users[Role.AGENT]))
    assert not gc.isenabled()
    collected_in: list[str] = []

    cycles = gc.get_threshold()[0] * 2

    def job() -> None:  # leaves cyclic garbage far past the first threshold, in the worker thread
        for _ in range(cycles):
            _Cycle(collected_in)

    shell.jobs.run(job, lambda _result: None, None)
    wait_idle(qtbot, shell)
    assert collected_in == []  # nothing was collected in the worker
    # The allocation count Python compares with the threshold also goes down as objects are freed, and a
    # previous test's windows being freed meanwhile can take it back under the threshold (the garbage
    # stays, uncounted, until the next allocations). Allocate past the threshold again on this thread,
    # as the GUI always does, so the timer's check is due whatever was freed before.
    keep = [[] for _ in range(gc.get_threshold()[0] * 2)]
    qtbot.waitUntil(lambda: len(collected_in) == cycles, timeout=5_000)  # the GUI thread's timer did it
    del keep
    assert set(collected_in) == {threading.main_thread().name}
