"""Client data under its own key, in the GUI: the waiting panel of a member without the key, the
manager's confirmation screen, the first manager's key set-up with the show-once recovery code, and
a pending manager's way back with the client-data recovery code (services/client_access.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt

from desktop_app.domain.navigation import Area
from desktop_app.domain.roles import Role
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.staff_accounts import add_staff
from desktop_app.ui import dialogs
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.client_access.confirm_access_dialog import ConfirmAccessDialog
from desktop_app.ui.client_access.key_setup_dialog import ClientKeySetUpDialog
from desktop_app.ui.client_access.recovery_entry_dialog import UseRecoveryCodeDialog
from desktop_app.ui.client_access.waiting_panel import ClientAccessWaitingPanel
from desktop_app.ui.clients.clients_page import ClientsPage
from desktop_app.ui.main_window import MainWindow
from tests.conftest import ADMIN, FAST_KDF
from tests.gui.conftest import signed_in, wait_idle
from tests.gui.test_forced_password_change import _sign_in_through_the_dialog
from tests.support.client_access import confirmation_code_of

NEW_AGENT = ("wangfang", "Agt!Second#2026x")
NEW_MANAGER = ("zhou.mgr", "Mgr!Second#2026x")
NEW_AGENT_FINAL = "Agt!Chosen#2026y"


def _add_member(branch, credentials: tuple[str, str], role: Role) -> None:
    """IT adds a member with a password of their own; nobody confirms them."""
    ctx = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    try:
        add_staff(ctx, credentials[0], "王芳", role, password=credentials[1], must_change=False)
    finally:
        sign_out(ctx)


def _window(qtbot, shell) -> MainWindow:
    window = MainWindow(shell)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, shell)
    return window


def _no_error_shown() -> None:
    assert [d for d in dialogs.history() if d.kind in ("error", "warning")] == []


def test_a_pending_agent_sees_the_waiting_panel_with_their_code(qtbot, branch, make_shell) -> None:
    _add_member(branch, NEW_AGENT, Role.AGENT)
    ctx = signed_in(branch.context(), *NEW_AGENT)
    session = ctx.session
    assert session.client_access == "pending"
    window = _window(qtbot, make_shell(ctx))
    page = window.show_area(Area.CLIENTS)
    assert isinstance(page, ClientAccessWaitingPanel)
    # no code for a sign-in alone (the password may be one IT knows): first a new password
    assert page.code_text() == "" and page.password_button.isVisibleTo(page)
    assert "set a new password now" in page.text()
    page.set_new_password()
    dialog = page.password_dialog
    qtbot.keyClicks(dialog.old, NEW_AGENT[1])
    qtbot.keyClicks(dialog.new, NEW_AGENT_FINAL)
    qtbot.keyClicks(dialog.repeat, NEW_AGENT_FINAL)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.code_text()), timeout=20_000)
    assert page.password_button.isHidden()
    window.start_export_work()
    assert not window.export_sync.active  # the outbox is in clients.db: no sync without the key
    for area in (Area.CLIENTS, Area.CONSENT, Area.EXPORTS):
        page = window.show_area(area)
        assert isinstance(page, ClientAccessWaitingPanel)
        wait_idle(qtbot, window.shell)
        assert page.code_text() == session.confirmation_code
        assert len(page.code_text().replace("-", "")) == 20
        assert "Waiting for a manager to confirm your access to client data" in page.text()
        assert "in person" in page.text()
        assert page.recovery_button.isHidden() and page.set_up_button.isHidden()
    assert not window.client_data_menu.menuAction().isVisible()  # agents confirm nobody
    _no_error_shown()


def test_the_waiting_panel_in_chinese(qtbot, branch, make_shell) -> None:
    _add_member(branch, NEW_AGENT, Role.AGENT)
    ctx = signed_in(branch.context(), *NEW_AGENT)
    window = _window(qtbot, make_shell(ctx, language="zh_CN"))
    page = window.show_area(Area.CLIENTS)
    assert isinstance(page, ClientAccessWaitingPanel)
    assert "等待店长确认您查看客户资料的权限" in page.text()


def test_a_manager_confirms_a_member_with_the_code_they_read_out(qtbot, branch, make_shell) -> None:
    _add_member(branch, NEW_AGENT, Role.AGENT)
    code = confirmation_code_of(
        branch.context, NEW_AGENT
    )  # what the agent's screen shows after a new password

    shell = make_shell(signed_in(branch.context(), *branch.users[Role.MANAGER]))
    window = _window(qtbot, shell)
    window.start_client_access_prompts()
    wait_idle(qtbot, shell)
    assert window.pending_banner.isVisibleTo(window) and window.pending_banner.count == 1
    assert "1 staff member" in window.pending_banner.label.text()

    screen = window.show_confirm_access()
    assert isinstance(screen, ConfirmAccessDialog)
    wait_idle(qtbot, shell)
    assert screen.pending_usernames() == [NEW_AGENT[0]]
    assert screen.table.item(0, 1).text() == "王芳"
    screen.select(NEW_AGENT[0])
    member_dialog = screen.confirm_selected()
    assert member_dialog is not None

    wrong = "12345-67890-12345-67890" if code != "12345-67890-12345-67890" else "00000-00000-00000-00000"
    qtbot.keyClicks(member_dialog.code_field, wrong)
    qtbot.mouseClick(member_dialog.confirm_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert member_dialog.isVisible()
    assert "does not match" in member_dialog.error.text()
    assert member_dialog.error.isVisibleTo(member_dialog)

    member_dialog.code_field.clear()
    qtbot.keyClicks(member_dialog.code_field, "1234")
    qtbot.mouseClick(member_dialog.confirm_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert "20 digits" in member_dialog.error.text()

    member_dialog.code_field.clear()
    qtbot.keyClicks(member_dialog.code_field, code.replace("-", " "))
    qtbot.mouseClick(member_dialog.confirm_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert not shiboken6.isValid(member_dialog) or not member_dialog.isVisible()
    assert screen.pending_usernames() == []
    assert NEW_AGENT[0] in screen.info.text()
    assert window.pending_banner.isHidden()

    # the agent, signing in again, sees the Clients page
    agent_shell = make_shell(signed_in(branch.context(), *NEW_AGENT))
    agent_window = _window(qtbot, agent_shell)
    assert isinstance(agent_window.show_area(Area.CLIENTS), ClientsPage)
    wait_idle(qtbot, agent_shell)
    _no_error_shown()


def test_a_member_on_the_temporary_password_cannot_be_confirmed_yet(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    add_staff(ctx, "li.temp", "李临时", Role.AGENT)
    sign_out(ctx)
    shell = make_shell(signed_in(branch.context(), *branch.users[Role.MANAGER]))
    window = _window(qtbot, shell)
    screen = window.show_confirm_access()
    assert screen is not None
    wait_idle(qtbot, shell)
    screen.select("li.temp")
    assert "temporary password" in screen.table.item(0, 3).text()
    assert not screen.confirm_button.isEnabled()
    assert screen.confirm_selected() is None


@pytest.fixture
def keyless_branch(tmp_path: Path, clock):
    """A branch whose manager set their own password but no client-data key exists yet."""
    data_dir = tmp_path / "keyless"
    ctx = build_context(data_dir, clock=clock)
    ctx = init_branch(
        ctx,
        BranchDetails("SZ002", "深圳福田店", "示例地产经纪有限公司", "400-000-0000"),
        admin_username=ADMIN[0],
        admin_display_name="IT 王工",
        admin_password=ADMIN[1],
        kdf=FAST_KDF,
    ).signed_in
    add_staff(ctx, "lina", "李娜", Role.MANAGER, password="Mgr!Branch#2026x", must_change=False)
    sign_out(ctx)
    ctx.close()
    return data_dir


def test_the_first_manager_creates_the_key_and_sees_the_code_once(
    qtbot, keyless_branch: Path, make_shell, clock, tmp_path: Path
) -> None:
    ctx = sign_in(build_context(keyless_branch, clock=clock), "lina", "Mgr!Branch#2026x")
    assert ctx.session.client_access == "not_set_up"
    shell = make_shell(ctx)
    window = _window(qtbot, shell)
    panel = window.show_area(Area.CLIENTS)
    assert isinstance(panel, ClientAccessWaitingPanel)
    assert "No client-data key yet" in panel.text()
    assert not window.confirm_access_action.isEnabled()

    window.start_client_access_prompts()
    dialog = window.key_setup_dialog
    assert isinstance(dialog, ClientKeySetUpDialog) and dialog.isVisible()
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    code = dialog.code_text()
    assert len(code) == 29 and code.count("-") == 4
    assert dialog.isVisible() and not dialog.close_button.isEnabled()
    dialog.reject()  # Escape, the close box: not before the tick
    assert dialog.isVisible()

    # never into the data directory
    dialogs.set_next_path(keyless_branch / "recovery.pdf")
    qtbot.mouseClick(dialog.code_panel.save_button, Qt.MouseButton.LeftButton)
    assert not (keyless_branch / "recovery.pdf").exists()
    assert dialogs.history()[-1].kind == "error"

    target = tmp_path / "safe" / "client-recovery"
    target.parent.mkdir()
    dialogs.set_next_path(target)
    qtbot.mouseClick(dialog.code_panel.save_button, Qt.MouseButton.LeftButton)
    saved = target.with_suffix(".pdf")
    assert saved.read_bytes().startswith(b"%PDF")
    assert str(saved) in dialog.code_panel.saved.text()

    dialog.code_panel.stored.setChecked(True)
    assert dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: isinstance(window.page_by_area[Area.CLIENTS], ClientsPage))
    assert isinstance(window.show_area(Area.CLIENTS), ClientsPage)
    wait_idle(qtbot, shell)
    assert window.confirm_access_action.isEnabled()
    assert ctx.session.client_access == "granted"


def test_a_pending_manager_uses_the_client_data_recovery_code(qtbot, branch, make_shell) -> None:
    _add_member(branch, NEW_MANAGER, Role.MANAGER)
    ctx = signed_in(branch.context(), *NEW_MANAGER)
    shell = make_shell(ctx)
    window = _window(qtbot, shell)
    panel = window.show_area(Area.CLIENTS)
    assert isinstance(panel, ClientAccessWaitingPanel)
    assert panel.recovery_button.isVisibleTo(panel)
    qtbot.mouseClick(panel.recovery_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, UseRecoveryCodeDialog) and dialog.isVisible()

    qtbot.keyClicks(dialog.code_field, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert "wrong" in dialog.error.text() or "not a recovery code" in dialog.error.text()
    assert dialog.error.isVisibleTo(dialog)
    assert not dialog.code_shown

    dialog.code_field.clear()
    qtbot.keyClicks(dialog.code_field, branch.client_recovery_code)
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    new_code = dialog.code_text()
    assert dialog.code_shown and new_code and new_code.replace("-", "") != branch.client_recovery_code
    qtbot.waitUntil(lambda: isinstance(window.page_by_area[Area.CLIENTS], ClientsPage))
    assert dialog.isVisible()  # still showing the new code behind which the pages were rebuilt
    dialog.code_panel.stored.setChecked(True)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert isinstance(window.show_area(Area.REQUESTS), type(window.page_by_area[Area.REQUESTS]))
    assert not isinstance(window.page_by_area[Area.REQUESTS], ClientAccessWaitingPanel)
    wait_idle(qtbot, shell)
    _no_error_shown()


def test_signing_in_as_the_first_manager_opens_the_key_set_up(
    qtbot, keyless_branch: Path, make_shell, clock
) -> None:
    shell = make_shell(build_context(keyless_branch, clock=clock), language="zh_CN")
    controller = AppController(shell)
    controller.start()
    with qtbot.waitSignal(controller.main_window_shown, timeout=15_000):
        _sign_in_through_the_dialog(qtbot, controller, "lina", "Mgr!Branch#2026x")
    window = controller.main_window
    assert window is not None
    qtbot.addWidget(window)
    dialog = window.key_setup_dialog
    assert isinstance(dialog, ClientKeySetUpDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "创建客户资料密钥"
    dialog.reject()  # "Later": the Clients area keeps its panel, with the same button
    assert not dialog.isVisible()
    panel = window.page_by_area[Area.CLIENTS]
    assert isinstance(panel, ClientAccessWaitingPanel) and panel.set_up_button.isVisibleTo(panel)
    _no_error_shown()


def test_signing_in_as_a_manager_with_members_waiting_shows_the_banner(qtbot, branch, make_shell) -> None:
    _add_member(branch, NEW_AGENT, Role.AGENT)
    shell = make_shell(branch.context())
    controller = AppController(shell)
    controller.start()
    with qtbot.waitSignal(controller.main_window_shown, timeout=15_000):
        _sign_in_through_the_dialog(qtbot, controller, *branch.users[Role.MANAGER])
    window = controller.main_window
    assert window is not None
    qtbot.addWidget(window)
    wait_idle(qtbot, shell)
    assert window.pending_banner.isVisibleTo(window)
    qtbot.mouseClick(window.pending_banner.button, Qt.MouseButton.LeftButton)
    assert isinstance(window.confirm_dialog, ConfirmAccessDialog) and window.confirm_dialog.isVisible()
    assert window.key_setup_dialog is None


@pytest.mark.parametrize(
    "action",
    [
        "access.confirm",
        "keys.client_key_created",
        "keys.client_rotation",
        "keys.client_recovery_used",
        "keys.recovery_slot_missing",
        "auth.events_dropped",
        "config.edit",
        "config.file_tampered",
        "config.copied_to_database",
    ],
)
def test_the_new_audit_actions_have_labels(action: str) -> None:
    from desktop_app.ui.audit.audit_labels import action_label

    assert action_label(action, "en") != action


def test_the_idle_lock_brings_an_unacknowledged_code_back(qtbot, branch, make_shell) -> None:
    _add_member(branch, NEW_MANAGER, Role.MANAGER)
    shell = make_shell(signed_in(branch.context(), *NEW_MANAGER))
    window = _window(qtbot, shell)
    panel = window.show_area(Area.CLIENTS)
    assert isinstance(panel, ClientAccessWaitingPanel)
    panel.use_recovery_code()
    dialog = panel.dialog
    dialog.code_field.setText(branch.client_recovery_code)
    dialog._act()
    wait_idle(qtbot, shell)
    assert dialog.code_shown
    shell.lock_state.lock()
    from desktop_app.ui.session_locker import close_transient_windows

    close_transient_windows()
    assert not dialog.isVisible()
    shell.lock_state.unlock()
    assert dialog.isVisible() and dialog.code_shown
