"""The Alerts tab and the sign-in banner with pytest-qt: an off-hours sign-in raises an alert; the
manager's window shows the count banner, its button opens the Alerts tab (rule title, Beijing time,
staff member, evidence), and the manager acknowledges with a note; IT gets no Alerts tab and no
banner; an agent's window runs the pass without a banner."""

from __future__ import annotations

from desktop_app.domain.roles import Role
from desktop_app.services.security_alerts import list_alerts
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.ui.alerts.alert_watch import AlertWatch, start_alert_watch
from desktop_app.ui.alerts.alerts_tab import EVIDENCE, RULE, STATUS, WHEN, WHO, AlertsTab, make_tab
from desktop_app.ui.main_window import MainWindow
from tests.conftest import Branch, Clock
from tests.gui.conftest import signed_in, wait_idle

HOUR = 3600.0


def _off_hours_agent_sign_in(branch: Branch, clock: Clock) -> None:
    clock.advance(7 * HOUR)  # 23:00 Beijing
    sign_out(sign_in(branch.context(), *branch.users[Role.AGENT]))
    clock.advance(11 * HOUR)  # 10:00 the next day


def _window(qtbot, shell) -> tuple[MainWindow, AlertWatch]:
    window = MainWindow(shell)
    qtbot.addWidget(window)
    window.show()
    watch = start_alert_watch(window)
    assert watch is not None
    with qtbot.waitSignal(watch.passed, timeout=15_000):
        watch.run_pass()
    wait_idle(qtbot, shell)
    return window, watch


def test_banner_opens_the_tab_and_the_manager_acknowledges(qtbot, branch, clock, make_shell) -> None:
    _off_hours_agent_sign_in(branch, clock)
    manager = signed_in(branch.context(), *branch.users[Role.MANAGER])
    shell = make_shell(manager, language="zh_CN")
    _, watch = _window(qtbot, shell)
    assert watch.banner.isVisible() and watch.banner.count == 1

    page = watch.open_alerts()
    assert page is not None
    tab = page.findChild(AlertsTab)
    assert tab is not None and tab.isVisible()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=15_000)
    wait_idle(qtbot, shell)
    assert tab.table.item(0, RULE).text() == "非营业时间登录"
    assert tab.table.item(0, WHEN).text().endswith("23:00")  # Beijing time
    assert tab.table.item(0, WHO).text() == branch.users[Role.AGENT][0]
    assert tab.table.item(0, EVIDENCE).text().isdigit()

    when = tab.table.item(0, WHEN).text()  # the column fits the whole time, and the headers
    assert tab.table.columnWidth(WHEN) >= tab.table.fontMetrics().horizontalAdvance(when)
    header = tab.table.horizontalHeader()
    evidence = tab.table.horizontalHeaderItem(EVIDENCE).text()
    assert header.sectionSize(EVIDENCE) >= header.fontMetrics().horizontalAdvance(evidence)

    tab.table.selectRow(0)
    assert tab.acknowledge_button.isEnabled()
    detail = tab.detail.toPlainText()  # the pane explains the selected alert
    assert "规则：非营业时间登录" in detail and "含义：在营业时间开始前或结束后" in detail
    assert f"触发时间（北京时间）：{when}" in detail and "尚未确认" in detail
    dialog = tab.acknowledge_selected()
    assert dialog is not None
    dialog.note.setPlainText("张伟加班录入签约资料，已与其核实。")
    with qtbot.waitSignal(tab.reloaded, timeout=15_000):
        dialog.ok_button.click()
    assert tab.table.rowCount() == 0 and not watch.banner.isVisible()
    tab.show_all.setChecked(True)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=15_000)
    wait_idle(qtbot, shell)
    assert branch.users[Role.MANAGER][0] in tab.table.item(0, STATUS).text()
    tab.table.selectRow(0)
    assert "确认说明：张伟加班录入签约资料" in tab.detail.toPlainText()
    [done] = list_alerts(manager, include_acknowledged=True)
    assert done.note == "张伟加班录入签约资料，已与其核实。"


def test_it_gets_no_tab_and_no_banner_and_an_agent_still_runs_the_pass(
    qtbot, branch, clock, make_shell
) -> None:
    admin = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    assert make_tab(make_shell(admin)) is None
    _off_hours_agent_sign_in(branch, clock)
    agent = signed_in(branch.context(), *branch.users[Role.AGENT])
    _, watch = _window(qtbot, make_shell(agent))
    assert watch.passes == 1 and not watch.banner.isVisible()
    assert watch.open_alerts() is None  # no Security area for an agent
    scans = agent.db.execute("SELECT count(*) FROM audit_log WHERE action = 'alert.scan'").fetchone()[0]
    assert scans >= 1
