"""Two-factor sign-in in the GUI: the code asked after the password in the sign-in dialog, the
forced enrolment of a required IT administrator (the QR code painted on screen decodes, with
zxing-cpp, to the enrolment's otpauth:// URI), recovery codes shown once, and the Session menu."""

from __future__ import annotations

import re

import pyotp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt

from desktop_app.domain.roles import Role
from desktop_app.services import second_factor
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.second_factor_dialog import SecondFactorDialog
from tests.gui.conftest import wait_idle
from tests.support.second_factor import current_code, require_totp


def _decode_qr(widget) -> list[str]:  # type: ignore[no-untyped-def]
    import io

    import zxingcpp

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().toImage().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data()))).convert("L")
    return [found.text for found in zxingcpp.read_barcodes(image)]


def _submit_sign_in(qtbot, controller: AppController, username: str, password: str, code: str = "") -> None:  # type: ignore[no-untyped-def]
    dialog = controller.sign_in_dialog
    assert dialog is not None
    dialog.username.setText(username)
    dialog.password.setText(password)
    if code:
        dialog.code.setText(code)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller.shell)


def test_sign_in_asks_the_code_after_the_password(qtbot, branch, make_shell) -> None:  # type: ignore[no-untyped-def]
    manager, password = branch.users[Role.MANAGER]
    me = sign_in(branch.context(), manager, password)
    pending = second_factor.start_enrolment(me)
    second_factor.confirm_enrolment(me, pending, current_code(pending.secret, branch.ctx))
    sign_out(me)
    branch.ctx.clock.advance(60)

    shell = make_shell(branch.context())
    controller = AppController(shell)
    controller.start()
    dialog = controller.sign_in_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert not dialog.asking_code
    _submit_sign_in(qtbot, controller, manager, password)
    assert dialog.asking_code and controller.main_window is None
    assert dialog.password.text() == password  # kept while the code is asked
    assert "6-digit" in dialog.error.text() or "6 位" in dialog.error.text()
    dialog.code.setText("000000")
    with qtbot.waitSignal(dialog.failed, timeout=15_000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert controller.main_window is None and dialog.code.text() == ""
    dialog.code.setText(current_code(pending.secret, branch.ctx))
    with qtbot.waitSignal(controller.main_window_shown, timeout=15_000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    window = controller.main_window
    assert window is not None
    qtbot.addWidget(window)
    assert window.second_factor_action.isVisible()
    controller.shutdown()


def test_required_it_admin_enrols_before_the_main_window(qtbot, branch, make_shell) -> None:  # type: ignore[no-untyped-def]
    require_totp(branch.ctx, it_admin=1)
    shell = make_shell(branch.context())
    controller = AppController(shell)
    controller.start()
    qtbot.addWidget(controller.sign_in_dialog)
    _submit_sign_in(qtbot, controller, *branch.users[Role.IT_ADMIN])
    dialog = controller.enrolment_dialog
    assert isinstance(dialog, SecondFactorDialog) and dialog.forced
    qtbot.addWidget(dialog)
    wait_idle(qtbot, shell)
    assert controller.main_window is None
    assert dialog.cancel_button.text() == "Sign &out"
    pending = dialog.pending
    assert pending is not None
    assert _decode_qr(dialog.qr) == [pending.uri]
    assert pending.uri.startswith("otpauth://totp/BranchVault:it.admin@SZ001?")
    assert dialog.secret_label.text().replace(" ", "") == pending.secret
    dialog.code.setText(pyotp.TOTP(pending.secret).at(int(branch.ctx.clock())))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    codes = dialog.codes_view.toPlainText().split()
    assert len(codes) == 10 and all(re.fullmatch(r"[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}", c) for c in codes)
    assert not dialog.ok_button.isEnabled()  # not before "I have written them down"
    dialog.reject()  # Escape does not dismiss the codes
    assert dialog.isVisible()
    dialog.written_down.setChecked(True)
    with qtbot.waitSignal(controller.main_window_shown, timeout=15_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.codes_view.toPlainText() == ""  # shown once
    assert not shell.signed_in().session.must_enrol_second_factor
    qtbot.addWidget(controller.main_window)
    controller.shutdown()


def test_session_menu_shows_state_and_re_enrols(qtbot, branch, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(branch.context())
    controller = AppController(shell)
    controller.start()
    qtbot.addWidget(controller.sign_in_dialog)
    with qtbot.waitSignal(controller.main_window_shown, timeout=15_000):
        _submit_sign_in(qtbot, controller, *branch.users[Role.MANAGER])
    window = controller.main_window
    qtbot.addWidget(window)
    dialog = window.show_second_factor()
    qtbot.addWidget(dialog)
    wait_idle(qtbot, shell)
    assert isinstance(dialog, SecondFactorDialog) and not dialog.forced
    assert dialog.pending is not None and "Scan" in dialog.state_label.text()
    assert dialog.cancel_button.text() == "Cancel"
    dialog.reject()
    controller.shutdown()
