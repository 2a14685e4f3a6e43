"""The idle lock: covers all data, closes dialogs, clears our clipboard copy; unlock, switch user."""

from __future__ import annotations

import pytest
import sqlcipher3
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication

from desktop_app.domain.navigation import Area
from desktop_app.domain.roles import Role
from desktop_app.services.client_directory import count_clients
from desktop_app.ui.admin.admin_page import AdminPage
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.inactivity import InactivityTimer
from tests.gui.conftest import signed_in, wait_idle

IDLE_MS = 300


def _controller(qtbot, shell) -> AppController:
    controller = AppController(shell)
    controller.show_main_window()
    assert controller.main_window is not None
    qtbot.addWidget(controller.main_window)
    wait_idle(qtbot, shell)
    return controller


def _unlock(qtbot, controller: AppController, password: str) -> None:
    window = controller.main_window
    assert window is not None
    window.lock_screen.password.setText(password)
    qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller.shell)


def test_idle_timeout_locks_closes_dialogs_and_clears_the_clipboard(qtbot, branch, make_shell) -> None:
    username, password = branch.users[Role.IT_ADMIN]
    shell = make_shell(signed_in(branch.context(), username, password), idle_lock_ms=IDLE_MS)
    controller = _controller(qtbot, shell)
    window = controller.main_window
    assert window is not None and controller.locker is not None
    page = window.page_by_area[Area.ADMIN]
    assert isinstance(page, AdminPage) and page.isVisible()
    page.open_add_dialog()
    dialog = page.add_dialog
    assert dialog is not None and dialog.isVisible() and dialog.isModal()
    shell.clipboard.copy("Temp-Pass-1234", 60)
    assert QGuiApplication.clipboard().text() == "Temp-Pass-1234"

    with qtbot.waitSignal(controller.locker.locked, timeout=5_000):
        pass  # no input: the timer runs out
    assert window.locked and window.central.currentWidget() is window.lock_screen
    assert not window.workspace.isVisible() and not page.isVisible() and not page.table.isVisible()
    assert not dialog.isVisible()
    assert QGuiApplication.clipboard().text() == ""
    assert not window.lock_action.isEnabled()
    assert not controller.locker.timer.active  # no second lock while locked

    _unlock(qtbot, controller, "not my password")
    assert window.locked
    assert window.lock_screen.error.text() == "Wrong username or password."

    with qtbot.waitSignal(controller.locker.unlocked, timeout=15_000):
        window.lock_screen.password.setText(password)
        qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    assert not window.locked and window.workspace.isVisible() and page.isVisible()
    assert controller.locker.timer.active


def test_clipboard_is_left_alone_when_it_holds_something_else(qtbot, branch, make_shell) -> None:
    username, password = branch.users[Role.IT_ADMIN]
    shell = make_shell(signed_in(branch.context(), username, password), idle_lock_ms=60_000)
    controller = _controller(qtbot, shell)
    shell.clipboard.copy("Temp-Pass-1234", 60)
    QGuiApplication.clipboard().setText("the user's own text")
    assert controller.main_window is not None and controller.locker is not None
    controller.main_window.lock_action.trigger()  # Lock now
    assert controller.main_window.locked
    assert QGuiApplication.clipboard().text() == "the user's own text"


def test_activity_restarts_the_timer(qtbot) -> None:
    timer = InactivityTimer()
    fired: list[bool] = []
    timer.inactive.connect(lambda: fired.append(True))
    timer.activate(400)
    qtbot.waitUntil(lambda: 0 <= timer.remaining_ms() < 200, timeout=2_000)
    QApplication.sendEvent(
        QApplication.instance(),
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
    )
    assert timer.remaining_ms() > 250 and not fired
    with qtbot.waitSignal(timer.inactive, timeout=2_000):
        pass
    assert not timer.active
    timer.deactivate()


def test_a_result_that_arrives_while_locked_waits_for_the_unlock(qtbot, branch, make_shell) -> None:
    username, password = branch.users[Role.IT_ADMIN]
    shell = make_shell(signed_in(branch.context(), username, password), idle_lock_ms=60_000)
    controller = _controller(qtbot, shell)
    window = controller.main_window
    assert window is not None
    page = window.page_by_area[Area.ADMIN]
    assert isinstance(page, AdminPage)
    window.lock_action.trigger()
    page._added("someone", "Secret-Temp-1")  # e.g. an add finished just after the lock
    assert page.password_dialog is None
    _unlock(qtbot, controller, password)
    assert page.password_dialog is not None and page.password_dialog.password_text() == "Secret-Temp-1"


def test_another_user_can_sign_in_from_the_lock_screen(qtbot, branch, make_shell) -> None:
    username, password = branch.users[Role.IT_ADMIN]
    shell = make_shell(signed_in(branch.context(), username, password), idle_lock_ms=60_000)
    controller = _controller(qtbot, shell)
    first = controller.main_window
    assert first is not None
    first.lock_action.trigger()
    first.lock_screen.toggle_switching()
    assert first.lock_screen.username.isEnabled() and first.lock_screen.username.text() == ""
    manager, manager_password = branch.users[Role.MANAGER]
    first.lock_screen.username.setText(manager)
    first.lock_screen.password.setText(manager_password)
    with qtbot.waitSignal(controller.main_window_shown, timeout=15_000):
        qtbot.mouseClick(first.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    second = controller.main_window
    assert second is not None and second is not first and not second.locked
    qtbot.addWidget(second)
    assert second.area_ids() == [
        Area.CLIENTS,
        Area.REQUESTS,
        Area.CONSENT,
        Area.EXPORTS,
        Area.AUDIT,
        Area.PROGRAMME,
        Area.SECURITY,
    ]
    session = shell.signed_in().session
    assert session is not None and session.username == manager
    wait_idle(qtbot, shell)


def test_a_failed_switch_leaves_nobody_signed_in(qtbot, branch, make_shell) -> None:
    username, password = branch.users[Role.IT_ADMIN]
    shell = make_shell(signed_in(branch.context(), username, password), idle_lock_ms=60_000)
    controller = _controller(qtbot, shell)
    window = controller.main_window
    assert window is not None
    window.lock_action.trigger()
    window.lock_screen.toggle_switching()
    window.lock_screen.username.setText("lina")
    window.lock_screen.password.setText("wrong password")
    qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert controller.main_window is None
    dialog = controller.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert dialog.username.text() == "lina"
    assert dialog.error.text() == "Wrong username or password."
    assert shell.existing_signed_in() is None


def test_the_idle_lock_closes_the_database_and_unlocking_reopens_it(qtbot, branch, make_shell) -> None:
    """As KeePassXC does: locked, the data is locked too (no open connection, no keys in memory)."""
    username, password = branch.users[Role.AGENT]
    me = signed_in(branch.context(), username, password)
    shell = make_shell(me, idle_lock_ms=IDLE_MS)
    controller = _controller(qtbot, shell)
    assert controller.locker is not None and me.session.holds_client_key
    connection = me.db.connection
    with qtbot.waitSignal(controller.locker.locked, timeout=5_000):
        pass  # no input: the timer runs out
    wait_idle(qtbot, shell)
    assert me.locked and not me.open
    s = me.session
    assert (s.db_key, s.slot_private, s.slot_kek, s.slot_pin, s.client_key) == (b"", None, b"", b"", b"")
    with pytest.raises(sqlcipher3.ProgrammingError):
        connection.execute("SELECT 1")

    _unlock(qtbot, controller, password)
    assert controller.main_window is not None and not controller.main_window.locked
    assert me.open and not me.locked and len(me.session.db_key) == 32 and me.session.holds_client_key
    assert shell.signed_in() is me
    assert count_clients(me) >= 0  # a working session


def test_a_read_the_lock_stopped_runs_after_the_unlock_instead_of_failing(qtbot, branch, make_shell) -> None:
    """A page's read queued when the lock came is cancelled before it touches the data; it runs
    again after the unlock (rows, not "the work was cancelled"). Long work stays cancelled."""
    import threading

    from desktop_app.domain.cancellation import Cancelled
    from desktop_app.ui.background import JobControl, Lane

    username, password = branch.users[Role.AGENT]
    shell = make_shell(signed_in(branch.context(), username, password), idle_lock_ms=60_000)
    controller = _controller(qtbot, shell)
    window = controller.main_window
    assert window is not None
    release = threading.Event()
    started = threading.Event()
    long_work: list[object] = []

    def occupying(control: JobControl) -> str:  # long work on the database lane, checking its token
        started.set()
        while not release.is_set():
            control.token.raise_if_cancelled()
            control.token.wait(0.01)
        return "done"

    shell.jobs.start(occupying, long_work.append, long_work.append, lane=Lane.DATABASE)
    assert started.wait(5)
    counted: list[int] = []
    errors: list[BaseException] = []
    shell.call(count_clients, on_ok=counted.append, on_error=errors.append)  # queued behind it
    window.lock_action.trigger()
    wait_idle(qtbot, shell)
    assert counted == [] and errors == []
    assert len(long_work) == 1 and isinstance(long_work[0], Cancelled)

    _unlock(qtbot, controller, password)
    qtbot.waitUntil(lambda: bool(counted or errors), timeout=5_000)
    assert errors == [] and counted == [count_clients(shell.signed_in())]
