"""After a password reset (or expiry) the user must change the password before the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.domain.navigation import Area
from desktop_app.domain.roles import Role
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.staff_accounts import reset_password
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.change_password_dialog import ChangePasswordDialog
from tests.gui.conftest import wait_idle

NEW_PASSWORD = "Fresh!Start#2027"


def _reset_agent_password(branch) -> str:
    admin = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    temporary = reset_password(admin, branch.users[Role.AGENT][0])
    sign_out(admin)
    return temporary


def _sign_in_through_the_dialog(qtbot, controller: AppController, username: str, password: str) -> None:
    dialog = controller.sign_in_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.username.setText(username)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller.shell)


def _forced_dialog(qtbot, controller: AppController) -> ChangePasswordDialog:
    dialog = controller.password_dialog
    assert dialog is not None and dialog.isVisible() and dialog.forced
    qtbot.addWidget(dialog)
    return dialog


def test_reset_password_forces_a_change_before_the_main_window(qtbot, branch, make_shell) -> None:
    temporary = _reset_agent_password(branch)
    shell = make_shell(branch.context())
    controller = AppController(shell)
    controller.start()
    agent = branch.users[Role.AGENT][0]
    _sign_in_through_the_dialog(qtbot, controller, agent, temporary)

    dialog = _forced_dialog(qtbot, controller)
    assert controller.main_window is None  # no way to the data before the change
    assert "temporary password" in dialog.intro.text()
    assert dialog.cancel_button.text() == "Sign &out"
    dialog.old.setText(temporary)
    dialog.new.setText("weak")
    dialog.repeat.setText("weak")
    assert not dialog.ok_button.isEnabled()
    dialog.new.setText(NEW_PASSWORD)
    dialog.repeat.setText(NEW_PASSWORD)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(controller.main_window_shown, timeout=15_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    window = controller.main_window
    assert window is not None
    qtbot.addWidget(window)
    assert window.area_ids() == [Area.CLIENTS, Area.CONSENT, Area.EXPORTS, Area.PROGRAMME]
    session = shell.signed_in().session
    assert session is not None and not session.must_change_password

    other = sign_in(branch.context(), agent, NEW_PASSWORD)
    assert not other.session.must_change_password
    other.close()
    wait_idle(qtbot, shell)


def test_declining_the_forced_change_signs_out(qtbot, branch, make_shell) -> None:
    temporary = _reset_agent_password(branch)
    shell = make_shell(branch.context())
    controller = AppController(shell)
    controller.start()
    _sign_in_through_the_dialog(qtbot, controller, branch.users[Role.AGENT][0], temporary)
    dialog = _forced_dialog(qtbot, controller)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert controller.main_window is None and controller.password_dialog is None
    assert shell.existing_signed_in() is None
    assert controller.sign_in_dialog is not None and controller.sign_in_dialog.isVisible()
    qtbot.addWidget(controller.sign_in_dialog)


def test_an_expired_password_must_be_changed_too(qtbot, branch, make_shell, clock) -> None:
    shell = make_shell(branch.context())
    clock.advance(91 * 86_400)
    controller = AppController(shell)
    controller.start()
    _sign_in_through_the_dialog(qtbot, controller, *branch.users[Role.MANAGER])
    _forced_dialog(qtbot, controller)
    assert controller.main_window is None


def test_a_wrong_current_password_is_reported(qtbot, branch, make_shell) -> None:
    temporary = _reset_agent_password(branch)
    shell = make_shell(branch.context())
    controller = AppController(shell)
    controller.start()
    _sign_in_through_the_dialog(qtbot, controller, branch.users[Role.AGENT][0], temporary)
    dialog = _forced_dialog(qtbot, controller)
    dialog.old.setText("not-the-temporary-one")
    dialog.new.setText(NEW_PASSWORD)
    dialog.repeat.setText(NEW_PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert dialog.isVisible() and dialog.error.text() == "Wrong username or password."
    assert controller.main_window is None
