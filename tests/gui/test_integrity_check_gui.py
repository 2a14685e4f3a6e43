"""The integrity check in the GUI: the Security tab (latest checks, Check now) for IT, managers and
auditors; the app's own run after an unclean GUI shutdown and on schedule (injected clock), with a
warning to whoever is signed in when it fails; a clean end removes the session marker."""

from __future__ import annotations

import json

from desktop_app.domain.roles import Role
from desktop_app.services.integrity_check import recent_checks
from desktop_app.services.security_alerts import list_alerts
from desktop_app.store.run_marker import marker_dir
from desktop_app.ui import dialogs
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.integrity.integrity_runner import IntegrityRunner
from desktop_app.ui.integrity.integrity_tab import IntegrityTab, make_tab
from tests.conftest import Clock
from tests.gui.conftest import signed_in, wait_idle
from tests.integration.test_integrity_check import _marker_process


def test_the_tab_checks_now_and_lists_the_checks(qtbot, branch, make_shell) -> None:
    agent = signed_in(branch.context(), *branch.users[Role.AGENT])
    assert make_tab(make_shell(agent)) is None
    it = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    shell = make_shell(it, language="en")
    tab = make_tab(shell)
    assert isinstance(tab, IntegrityTab)
    qtbot.addWidget(tab)
    tab.show()
    wait_idle(qtbot, shell)
    assert tab.windowTitle() == "Integrity check" and tab.model.rowCount() == 0
    tab.check_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=15_000)
    assert tab.model.item(0, 2).text() == "passed" and tab.model.item(0, 1).text() == "on request"
    assert "clients.db contents: not checked by this role" in tab.details.toPlainText()


def _main_window(qtbot, branch, make_shell, role: Role):  # type: ignore[no-untyped-def]
    me = signed_in(branch.context(), *branch.users[role])
    shell = make_shell(me, language="zh_CN")
    controller = AppController(shell)
    return me, shell, controller


def test_after_a_killed_session_the_next_sign_in_checks_and_warns(qtbot, branch, make_shell) -> None:
    killed = _marker_process(branch.ctx.paths.root, "sleep")
    killed.kill()
    killed.wait(30)
    path = branch.ctx.paths.key_slots  # and something for the check to find
    data = json.loads(path.read_text(encoding="utf-8"))
    data["slots"] = [s for s in data["slots"] if s["name"] != branch.users[Role.AUDITOR][0]]
    path.write_text(json.dumps(data), encoding="utf-8")
    _me, shell, controller = _main_window(qtbot, branch, make_shell, Role.AGENT)
    controller._signed_in()
    window = controller.main_window
    assert window is not None
    qtbot.waitUntil(lambda: any(d.kind == "warning" for d in dialogs.history()), timeout=15_000)
    (shown,) = [d for d in dialogs.history() if d.kind == "warning"]
    assert shown.title == "数据库完整性检查失败"
    assert "请立即告知 IT" in shown.text and branch.users[Role.AUDITOR][0] in shown.text
    wait_idle(qtbot, shell)
    assert len(list(marker_dir(branch.ctx.paths.root).glob("*.marker"))) == 1  # this session's
    controller._close_main_window()  # a clean end
    assert list(marker_dir(branch.ctx.paths.root).glob("*.marker")) == []
    it = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    (run,) = recent_checks(it)
    assert run.after_unclean_shutdown and not run.ok
    it.close()
    manager = signed_in(branch.context(), *branch.users[Role.MANAGER])
    assert [a.rule for a in list_alerts(manager)] == ["integrity_failure"]
    manager.close()


def test_the_scheduled_check_runs_when_the_hours_have_passed(qtbot, branch, make_shell) -> None:
    clock = branch.ctx.clock
    assert isinstance(clock, Clock)
    me, shell, controller = _main_window(qtbot, branch, make_shell, Role.AGENT)
    controller._signed_in()
    window = controller.main_window
    assert window is not None
    (runner,) = window.findChildren(IntegrityRunner)
    with qtbot.waitSignal(runner.checked, timeout=15_000):
        runner.tick()  # never checked: due
    runner.tick()
    wait_idle(qtbot, shell)
    clock.advance(me.policy.integrity_check_hours * 3600 + 1)
    with qtbot.waitSignal(runner.checked, timeout=15_000):
        runner.tick()
    assert [d for d in dialogs.history() if d.kind == "warning"] == []
    assert runner.timer.isActive()
    controller._close_main_window()  # stops the timer, removes the marker
    it = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    assert [r.scheduled for r in recent_checks(it)] == [True, True]
    it.close()
