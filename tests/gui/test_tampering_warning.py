"""Tampering found at sign-in (already recorded in the audit log) is shown once, after the main window."""

from __future__ import annotations

import keyring

from desktop_app.domain.roles import Role
from desktop_app.store.audit_witness import entry_name
from desktop_app.store.device_secret import SERVICE
from desktop_app.ui import dialogs
from desktop_app.ui.app_controller import AppController
from tests.gui.conftest import signed_in


def test_a_removed_witness_is_shown_after_sign_in(qtbot, branch, make_shell) -> None:
    keyring.delete_password(SERVICE, entry_name(branch.ctx.require_config().branch_id))
    ctx = signed_in(branch.context(), *branch.users[Role.MANAGER])
    assert ctx.session is not None and len(ctx.session.notices) == 1
    shell = make_shell(ctx, language="zh_CN")
    controller = AppController(shell)
    controller._signed_in()
    assert controller.main_window is not None
    (shown,) = [d for d in dialogs.history() if d.kind == "warning"]
    assert shown.title == "审计日志被篡改"
    assert "没有本门店审计链的见证" in shown.text
    assert ctx.session.notices == []  # told once
    controller._close_main_window()
