"""The sign-in dialog: success, wrong password, lockout with minutes, Caps Lock hint, language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.roles import Role
from desktop_app.ui.caps_lock import caps_lock_suspected
from desktop_app.ui.sign_in_dialog import SignInDialog
from tests.gui.conftest import wait_idle


def _dialog(qtbot, shell, username: str = "") -> SignInDialog:
    dialog = SignInDialog(shell, username=username)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _try(qtbot, dialog: SignInDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog.shell)


def test_sign_in_success_opens_a_session(qtbot, branch, make_shell) -> None:
    shell = make_shell(branch.context())
    dialog = _dialog(qtbot, shell)
    username, password = branch.users[Role.MANAGER]
    dialog.username.setText(username)
    dialog.password.setText(password)
    with qtbot.waitSignal(dialog.signed_in, timeout=15_000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    session = shell.signed_in().session
    assert session is not None and session.username == username and session.role is Role.MANAGER
    assert dialog.password.text() == ""
    assert not dialog.error.isVisible()


def test_wrong_password_shows_the_error_in_the_ui_language(qtbot, branch, make_shell) -> None:
    shell = make_shell(branch.context(), language="en")
    dialog = _dialog(qtbot, shell)
    signals: list[bool] = []
    dialog.signed_in.connect(lambda: signals.append(True))
    _try(qtbot, dialog, branch.users[Role.AGENT][0], "not-the-password")
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Wrong username or password."
    assert shell.existing_signed_in() is None and not signals
    assert dialog.password.text() == "" and dialog.sign_in_button.isEnabled()

    shell.language.apply("zh_CN")
    qtbot.waitUntil(lambda: dialog.sign_in_button.text() == "登录(&S)")
    _try(qtbot, dialog, "nobody.here", "whatever-it-is")
    assert dialog.error.text() == "用户名或密码错误。"


def test_lockout_after_five_failures_names_the_minutes(qtbot, branch, make_shell) -> None:
    shell = make_shell(branch.context(), language="en")
    dialog = _dialog(qtbot, shell)
    username, password = branch.users[Role.AGENT]
    for _ in range(4):
        _try(qtbot, dialog, username, "wrong-password-1")
        assert dialog.error.text() == "Wrong username or password."
    _try(qtbot, dialog, username, "wrong-password-1")
    minutes = shell.context().policy.lockout_minutes
    assert dialog.error.text() == (
        f"Too many failed sign-in attempts. This account is locked; try again in {minutes} minutes."
    )
    # Even the right password is refused while locked, with the remaining time.
    branch.ctx.clock.advance(60 * (minutes - 1) + 1)  # type: ignore[attr-defined]
    _try(qtbot, dialog, username, password)
    assert "try again in 1 minute." in dialog.error.text()
    assert shell.existing_signed_in() is None


def test_lockout_message_in_chinese(qtbot, branch, make_shell) -> None:
    shell = make_shell(branch.context(), language="zh_CN")
    dialog = _dialog(qtbot, shell)
    username = branch.users[Role.AUDITOR][0]
    for _ in range(5):
        _try(qtbot, dialog, username, "wrong-password-1")
    assert dialog.error.text() == "登录失败次数过多，账户已锁定，请 15 分钟后再试。"


def test_empty_fields_are_refused_without_a_job(qtbot, branch, make_shell) -> None:
    shell = make_shell(branch.context())
    dialog = _dialog(qtbot, shell)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert not shell.jobs.busy
    assert dialog.error.text() == "Enter your username and password."


@pytest.mark.parametrize(
    ("text", "shift", "expected"),
    [("A", False, True), ("a", True, True), ("a", False, False), ("A", True, False), ("1", False, None)],
)
def test_caps_lock_guess(text: str, shift: bool, expected: bool | None) -> None:
    assert caps_lock_suspected(text, shift) is expected
    assert caps_lock_suspected("密", False) is None


def test_caps_lock_hint_follows_key_events(qtbot, branch, make_shell) -> None:
    shell = make_shell(branch.context())
    dialog = _dialog(qtbot, shell)
    qtbot.keyClick(dialog.password, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    assert dialog.caps_hint.isHidden()
    qtbot.keyClicks(dialog.password, "B")  # upper-case letter, no Shift: Caps Lock is on
    assert not dialog.caps_hint.isHidden()
    assert dialog.caps_hint.text() == "Caps Lock seems to be on."
    qtbot.keyClicks(dialog.password, "c")
    assert dialog.caps_hint.isHidden()
