"""The Log review tab and the overdue banner with pytest-qt: with the test clock past the interval
the auditor's status line is red and the banner after sign-in says how overdue the review is and
opens the tab; the default period runs from the set-up day to yesterday; the summary lists the
actions with their labels; a findings sign-off with a phone number is refused, one without is
recorded and appears in the history; managers read without the form; IT does not get the tab."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from desktop_app.domain.navigation import Area
from desktop_app.domain.roles import Role
from desktop_app.ui.form_parts import ERROR_STYLE
from desktop_app.ui.log_review.log_review_tab import LogReviewTab, make_tab
from desktop_app.ui.log_review.overdue_banner import LogReviewOverdueBanner, start_log_review_banner
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.security.area import SecurityArea
from tests.gui.conftest import signed_in, wait_idle

DAY = 86_400.0


def _tab(qtbot, shell) -> LogReviewTab:
    tab = make_tab(shell)
    assert isinstance(tab, LogReviewTab)
    qtbot.addWidget(tab)
    tab.resize(1100, 800)
    tab.show()
    wait_idle(qtbot, shell)
    return tab


def test_auditor_reviews_an_overdue_period(qtbot, branch, make_shell) -> None:
    set_up = branch.ctx.today()
    branch.ctx.clock.advance(33 * DAY)
    me = signed_in(branch.context(), *branch.users[Role.AUDITOR])
    tab = _tab(qtbot, make_shell(me, language="en"))
    assert "overdue by 3 days" in tab.status_line.text()
    assert tab.status_line.styleSheet() == ERROR_STYLE
    assert tab.start_edit.date().toPython() == set_up
    assert tab.end_edit.date().toPython() == me.today() - timedelta(days=1)
    labels = {tab.actions_table.item(r, 0).text() for r in range(tab.actions_table.rowCount())}
    assert "Branch set up" in labels
    assert tab.form.isVisible()

    tab.findings.setPlainText("经纪人夜间登录，电话 13912345678 已核实")
    tab.sign_off()
    wait_idle(qtbot, tab.shell)
    assert "phone" in tab.message.text() and tab.history.rowCount() == 0

    tab.findings.setPlainText("经纪人夜间登录两次，已核实为加班")
    tab.follow_up.setText("提醒按时下班")
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.sign_off()
    wait_idle(qtbot, tab.shell)
    assert tab.history.rowCount() == 1
    assert tab.history.item(0, 1).text() == "Findings" and tab.history.item(0, 4).text() == "Intact"
    assert "提醒按时下班" in tab.history.item(0, 6).text()
    period = tab.history.item(0, 0).text()  # the period column fits it, the findings take the rest
    assert tab.history.columnWidth(0) >= tab.history.fontMetrics().horizontalAdvance(period)
    assert tab.history.item(0, 6).toolTip() == tab.history.item(0, 6).text()
    assert "overdue" not in tab.status_line.text() and tab.status_line.styleSheet() == ""


def test_the_banner_after_sign_in_opens_the_tab(qtbot, branch, make_shell) -> None:
    branch.ctx.clock.advance(31 * DAY)
    me = signed_in(branch.context(), *branch.users[Role.AUDITOR])
    shell = make_shell(me, language="zh_CN")
    window = MainWindow(shell)
    qtbot.addWidget(window)
    window.show()
    banner = start_log_review_banner(window)
    wait_idle(qtbot, shell)
    assert isinstance(banner, LogReviewOverdueBanner) and banner.isVisibleTo(window)
    assert banner.label.text() == "审计日志定期审查已逾期 1 天。"
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    area = window.page_by_area[Area.SECURITY]
    assert window.pages.currentWidget() is area and isinstance(area, SecurityArea)
    assert isinstance(area.tabs.currentWidget(), LogReviewTab)


def test_no_banner_when_not_due_and_read_only_for_managers(qtbot, branch, make_shell) -> None:
    manager = signed_in(branch.context(), *branch.users[Role.MANAGER])
    shell = make_shell(manager, language="en")
    window = MainWindow(shell)
    qtbot.addWidget(window)
    window.show()
    banner = start_log_review_banner(window)
    wait_idle(qtbot, shell)
    assert banner is not None and banner.isHidden()
    tab = _tab(qtbot, shell)
    assert not tab.form.isVisible() and "Next review due by" in tab.status_line.text()
    it = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    it_shell = make_shell(it, language="en")
    assert make_tab(it_shell) is None
    it_window = MainWindow(it_shell)
    qtbot.addWidget(it_window)
    assert start_log_review_banner(it_window) is None
