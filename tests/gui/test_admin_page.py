"""The Admin area: add a staff member (one-time password shown once), disable, reset, verify chain."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.roles import Role
from desktop_app.services.sign_in import sign_in
from desktop_app.services.staff_accounts import list_staff
from desktop_app.ui import dialogs
from desktop_app.ui.admin.add_staff_dialog import AddStaffDialog
from desktop_app.ui.admin.admin_page import AdminPage
from tests.gui.conftest import signed_in, wait_idle


def _page(qtbot, shell) -> AdminPage:
    page = AdminPage(shell)
    qtbot.addWidget(page)
    page.show()
    wait_idle(qtbot, shell)  # the staff list is read on the database lane
    return page


def test_staff_table_lists_everyone(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    page = _page(qtbot, make_shell(ctx))
    usernames = [m.username for m in page.model.members]
    assert sorted(usernames) == sorted(u for u, _ in branch.users.values())
    row = usernames.index("lina")
    assert page.model.index(row, 2).data() == "Branch manager"
    assert page.model.index(row, 3).data() == "Active"


def test_add_staff_shows_the_temporary_password_once_and_the_user_exists(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    shell = make_shell(ctx)
    page = _page(qtbot, shell)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.add_dialog
    assert isinstance(dialog, AddStaffDialog) and dialog.isVisible()
    dialog.username.setText("wang.fang")
    dialog.display_name.setText("王芳")
    dialog.set_role(Role.AGENT)
    with qtbot.waitSignal(dialog.added, timeout=15_000) as added:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    username, password = added.args
    assert username == "wang.fang"
    shown = page.password_dialog
    assert shown is not None and shown.isVisible()
    assert shown.password_text() == password and len(password) == 14
    assert "wang.fang" in shown.intro.text() and "only this once" in shown.intro.text()

    member = next(m for m in list_staff(ctx) if m.username == "wang.fang")
    assert (member.display_name, member.role, member.must_change_password) == ("王芳", Role.AGENT, True)
    assert "wang.fang" in [m.username for m in page.model.members]
    assert page.selected_username() == "wang.fang"
    other = sign_in(branch.context(), "wang.fang", password)
    assert other.session.must_change_password
    other.close()

    # Copy puts it on the clipboard, marked secret; closing the app's copy clears it again.
    qtbot.mouseClick(shown.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == password
    assert shell.clipboard.clear_if_ours()
    assert QGuiApplication.clipboard().text() == ""


def test_add_staff_errors_stay_in_the_dialog(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    shell = make_shell(ctx)
    page = _page(qtbot, shell)
    page.open_add_dialog()
    dialog = page.add_dialog
    assert dialog is not None
    dialog.username.setText("lina")  # exists already
    dialog.display_name.setText("Someone")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert dialog.isVisible() and dialog.error.text() == "The username lina already exists."
    assert page.password_dialog is None


def test_disable_asks_first_and_disables(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    shell = make_shell(ctx)
    page = _page(qtbot, shell)
    page.select_username("zhangwei")
    dialogs.set_next_answer(QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.disable_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert next(m for m in list_staff(ctx) if m.username == "zhangwei").active
    dialogs.set_next_answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.disable_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert not next(m for m in list_staff(ctx) if m.username == "zhangwei").active
    assert [d.kind for d in dialogs.history()] == ["question", "question"]
    assert "zhangwei" in dialogs.history()[0].text
    row = [m.username for m in page.model.members].index("zhangwei")
    assert page.model.index(row, 3).data() == "Disabled"


def test_disabling_the_last_it_admin_is_refused_with_the_service_message(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    shell = make_shell(ctx, language="zh_CN")
    page = _page(qtbot, shell)
    page.select_username("it.admin")
    dialogs.set_next_answer(QMessageBox.StandardButton.Yes)
    page.disable_selected()
    wait_idle(qtbot, shell)
    assert page.error.text() == "it.admin 是最后一位在职的「IT 管理员」，不能停用。请先添加另一位。"


def test_reset_password_shows_a_new_temporary_password(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    shell = make_shell(ctx)
    page = _page(qtbot, shell)
    page.select_username("audit.chen")
    dialogs.set_next_answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    shown = page.password_dialog
    assert shown is not None and shown.isVisible()
    other = sign_in(branch.context(), "audit.chen", shown.password_text())
    session = other.session
    assert session.must_change_password
    other.close()


def test_admin_page_verifies_the_audit_chain(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    shell = make_shell(ctx)
    page = _page(qtbot, shell)
    with qtbot.waitSignal(page.verify_panel.verified, timeout=15_000):
        qtbot.mouseClick(page.verify_panel.button, Qt.MouseButton.LeftButton)
    assert page.verify_panel.result.text().startswith("✓ The audit chain is intact (")
