"""Fixtures for widget tests: a Shell over the test branch, pre-answered dialogs, helpers.

Dialogs run in test mode (``ui.dialogs.use_test_answers``), so no test blocks on a modal; waiting
is on signals and conditions (``qtbot.waitSignal`` / ``waitUntil``), never on sleeps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.services.context import AppContext
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.branch_config import KdfParams
from desktop_app.ui import dialogs, main_thread_gc
from desktop_app.ui.language import LanguageSwitcher
from desktop_app.ui.shell import Shell

MakeShell = Callable[..., Shell]


@pytest.fixture(autouse=True)
def _answered_dialogs() -> Iterator[None]:
    dialogs.use_test_answers(True)
    yield
    dialogs.use_test_answers(False)


@pytest.fixture(autouse=True)
def _collection_back_on() -> Iterator[None]:
    """A Shell moves garbage collection to the GUI thread; the tests after this one get it back."""
    yield
    main_thread_gc.uninstall()


@pytest.fixture
def make_shell(qapp: QApplication) -> Iterator[MakeShell]:
    made: list[Shell] = []

    def make(
        ctx: AppContext | SignedIn,
        *,
        language: str = "en",
        idle_lock_ms: int | None = None,
        demo: bool = False,
        wizard_kdf: KdfParams | None = None,
    ) -> Shell:
        me = ctx if isinstance(ctx, SignedIn) else None
        ctx = ctx.context if isinstance(ctx, SignedIn) else ctx
        switcher = LanguageSwitcher(ctx.paths.user_settings, pseudo=False)
        switcher.apply(language)
        shell = Shell(
            ctx.paths.root,
            ctx=ctx,
            language=switcher,
            demo=demo,
            idle_lock_ms=idle_lock_ms,
            wizard_kdf=wizard_kdf,
        )
        switcher.setParent(shell)
        shell.set_signed_in(me)
        made.append(shell)
        return shell

    yield make
    for shell in made:
        shell.jobs.shutdown(10_000)
        QApplication.processEvents()
        for widget in QApplication.topLevelWidgets():
            widget.close()
            widget.deleteLater()
        QApplication.processEvents()
        shell.language.uninstall()
        shell.clipboard.clear_if_ours()
        me = shell.existing_signed_in()
        if me is not None:
            me.close()


def wait_idle(qtbot: object, shell: Shell, timeout: int = 15_000) -> None:
    """Wait until the shell's background jobs and their callbacks have finished."""
    qtbot.waitUntil(lambda: not shell.jobs.busy, timeout=timeout)  # type: ignore[attr-defined]


def signed_in(ctx: AppContext, username: str, password: str) -> SignedIn:
    return sign_in(ctx, username, password)
