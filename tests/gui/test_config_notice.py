"""An edited branch.toml found at sign-in is shown to the user once, in the UI language."""

from __future__ import annotations

import tomllib

import tomli_w

from desktop_app.domain.roles import Role
from desktop_app.ui import dialogs
from desktop_app.ui.app_controller import AppController
from tests.gui.test_forced_password_change import _sign_in_through_the_dialog


def test_the_restored_file_is_shown_after_sign_in(qtbot, branch, make_shell) -> None:
    path = branch.ctx.paths.config
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["security"]["idle_lock_minutes"] = 15
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    shell = make_shell(branch.context(), language="zh_CN")
    controller = AppController(shell)
    controller.start()
    with qtbot.waitSignal(controller.main_window_shown, timeout=15_000):
        _sign_in_through_the_dialog(qtbot, controller, *branch.users[Role.AGENT])
    qtbot.addWidget(controller.main_window)
    shown = [d for d in dialogs.history() if d.kind == "warning"]
    assert len(shown) == 1
    assert shown[0].title == "门店配置已恢复"
    assert "branch.toml" in shown[0].text and "security.idle_lock_minutes" in shown[0].text
    assert "已按加密数据库" in shown[0].text
    assert shell.signed_in().session is not None and not shell.signed_in().session.notices  # once
    assert shell.signed_in().policy.idle_lock_minutes == 5
