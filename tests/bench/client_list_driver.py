"""Driving the real ClientsPage for the list benchmarks: a signed-in Shell, first paint, scrolling.

Waiting is on the model's own signals through a local event loop (no polling sleeps), with a
timeout. Used in-process by test_bench_client_list.py and in a subprocess by client_list_memory.py.
Only the page's public pieces are touched: ``ClientsPage(shell)``, ``show()``, ``.model`` (its
``loaded``/``page_loaded``/``failed`` signals, ``rowCount``, ``data``) and ``.table``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication

from desktop_app.services.signed_in import SignedIn
from desktop_app.ui.clients.clients_page import ClientsPage
from desktop_app.ui.language import LanguageSwitcher
from desktop_app.ui.shell import Shell

TIMEOUT_MS = 30_000
PAGE_SIZE_PX = (1280, 800)  # a typical branch-office screen: about 25 rows visible


def make_shell(ctx: SignedIn, language: str = "zh_CN") -> Shell:
    """A shell over an already signed-in context, as the app has after sign-in."""
    switcher = LanguageSwitcher(ctx.paths.user_settings, pseudo=False)
    switcher.apply(language)
    shell = Shell(ctx.paths.root, ctx=ctx.context, language=switcher)
    shell.set_signed_in(ctx)
    switcher.setParent(shell)
    return shell


def close_shell(shell: Shell) -> None:
    shell.jobs.shutdown(10_000)
    QApplication.processEvents()
    shell.language.uninstall()


def wait_until(page: ClientsPage, ready: Callable[[], bool], timeout_ms: int = TIMEOUT_MS) -> None:
    """Run the event loop until ``ready()`` holds, re-checking whenever the model reports."""
    if ready():
        return
    loop = QEventLoop()
    errors: list[str] = []

    def check(*_args: object) -> None:
        if ready():
            loop.quit()

    def failed(message: str) -> None:
        errors.append(message)
        loop.quit()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    model = page.model
    connections = (
        (model.loaded, check),
        (model.page_loaded, check),
        (model.failed, failed),
    )
    for signal, slot in connections:
        signal.connect(slot)
    timer.start(timeout_ms)
    try:
        loop.exec()
    finally:
        timer.stop()
        for signal, slot in connections:
            signal.disconnect(slot)
    if errors:
        raise RuntimeError(f"the client list failed: {errors[0]}")
    if not ready():
        raise TimeoutError(f"the client list was not ready after {timeout_ms} ms")


def row_shown(page: ClientsPage, row: int) -> bool:
    """The row exists and its name cell holds data (its page has arrived)."""
    model = page.model
    return model.rowCount() > row and bool(model.data(model.index(row, 0)))


def first_paint(shell: Shell, stages: dict[str, float] | None = None) -> ClientsPage:
    """Create and show the page; return once the first page of rows is in and painted.

    The view asks for the first page itself when it paints the rows the count made appear, so
    the wait re-checks only on ``page_loaded``/``loaded`` and never fetches a page early.
    ``stages`` receives the seconds from the start to: shown, counted, first_page, painted.
    """
    marks = {} if stages is None else stages
    started = time.perf_counter()

    def mark(name: str) -> None:
        marks.setdefault(name, time.perf_counter() - started)

    page = ClientsPage(shell)
    page.resize(*PAGE_SIZE_PX)
    page.show()
    mark("shown")
    arrived: set[int] = set()

    def page_arrived(number: int) -> None:
        arrived.add(number)
        mark("first_page")

    page.model.loaded.connect(lambda: mark("counted"))
    page.model.page_loaded.connect(page_arrived)
    try:
        wait_until(page, lambda: 0 in arrived and row_shown(page, 0))
    finally:
        page.model.page_loaded.disconnect(page_arrived)
    page.table.viewport().repaint()
    mark("painted")
    return page


def scroll_to(page: ClientsPage, row: int) -> None:
    """Scroll the view so ``row`` is in the middle, let it paint, and wait for its page."""
    model = page.model
    page.table.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
    QApplication.processEvents()
    wait_until(page, lambda: row_shown(page, row))
    page.table.viewport().repaint()


def discard(shell: Shell, page: ClientsPage) -> None:
    """Close the page, let its queued jobs finish and delete it."""
    page.close()
    shell.jobs.wait_for_done(TIMEOUT_MS)
    QApplication.processEvents()
    page.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
