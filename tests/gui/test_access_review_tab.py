"""The access-review tab with pytest-qt: a manager starts the review, keeps, disables (after a
confirmation) and changes a role, finishes and exports; IT reads it without the decision buttons;
agents get no tab; inactive accounts show in red."""

from __future__ import annotations

import re
from pathlib import Path

from desktop_app.domain.access_review import Decision
from desktop_app.domain.roles import Role
from desktop_app.services import access_reviews as reviews
from desktop_app.ui import dialogs
from desktop_app.ui.access_review.access_review_tab import (
    INACTIVE_COLOUR,
    LAST_SIGN_IN,
    AccessReviewTab,
    make_tab,
)
from tests.gui.conftest import signed_in, wait_idle

DAY = 86400.0


def _tab(qtbot, shell) -> AccessReviewTab:  # type: ignore[no-untyped-def]
    tab = make_tab(shell)
    assert isinstance(tab, AccessReviewTab)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.show()
    wait_idle(qtbot, shell)
    return tab


def _act(qtbot, tab: AccessReviewTab, shell, click) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(tab.loaded, timeout=30_000):
        click()
    wait_idle(qtbot, shell)
    assert not tab.error.text(), tab.error.text()


def test_agent_gets_no_tab(qtbot, branch, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(signed_in(branch.context(), *branch.users[Role.AGENT]))
    assert make_tab(shell) is None


def test_manager_reviews_in_the_tab(qtbot, branch, make_shell, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    me = signed_in(branch.context(), *branch.users[Role.MANAGER])
    shell = make_shell(me, language="en")
    tab = _tab(qtbot, shell)
    assert tab.windowTitle() == "Access review" and tab.start_button.isEnabled()
    assert tab.table.rowCount() == 4 and not tab.keep_button.isEnabled()  # today's accounts, no review
    _act(qtbot, tab, shell, tab.start_button.click)
    assert tab.current is not None and not tab.current.review.finished
    assert not tab.start_button.isEnabled()

    tab.select_member("it.admin")
    tab.note_edit.setText("Still needed")
    _act(qtbot, tab, shell, tab.keep_button.click)
    assert tab.current.item("it.admin").decision is Decision.KEEP  # type: ignore[union-attr]

    tab.select_member("zhangwei")  # a disable asks first; "No" changes nothing
    dialogs.set_next_answer(dialogs.Button.No)
    tab.disable_button.click()
    wait_idle(qtbot, shell)
    assert tab.current.item("zhangwei").decision is None  # type: ignore[union-attr]
    dialogs.set_next_answer(dialogs.Button.Yes)
    _act(qtbot, tab, shell, tab.disable_button.click)
    assert tab.current.item("zhangwei").decision is Decision.DISABLE  # type: ignore[union-attr]

    tab.select_member("audit.chen")
    tab.role_box.setCurrentIndex(tab.role_box.findData(Role.AGENT.value))
    dialogs.set_next_answer(dialogs.Button.Yes)
    _act(qtbot, tab, shell, tab.role_button.click)
    item = tab.current.item("audit.chen")  # type: ignore[union-attr]
    assert item is not None and item.decision is Decision.CHANGE_ROLE and item.new_role is Role.AGENT

    tab.select_member("lina")
    _act(qtbot, tab, shell, tab.keep_button.click)
    dialogs.set_next_answer(dialogs.Button.Yes)
    _act(qtbot, tab, shell, tab.finish_button.click)
    assert tab.current.review.finished and not tab.keep_button.isEnabled()
    assert "finished" in tab.history_list.item(0).text()

    dialogs.set_next_path(tmp_path / "review")
    with qtbot.waitSignal(tab.saved, timeout=15_000):
        tab.export_button.click()
    assert (tmp_path / "review.xlsx").read_bytes()[:2] == b"PK"


def test_it_reads_it_and_inactive_accounts_are_red(qtbot, branch, make_shell, clock) -> None:  # type: ignore[no-untyped-def]
    clock.advance(95 * DAY)
    admin = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    shell = make_shell(admin, language="en")
    tab = _tab(qtbot, shell)
    assert not tab.keep_button.isVisible() and not tab.start_button.isVisible()
    assert tab.export_button.isVisible()
    assert "OVERDUE" in tab.status_label.text()
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "zhangwei")
    assert tab.table.item(row, 4).foreground().color() == INACTIVE_COLOUR
    shown = {tab.table.item(r, LAST_SIGN_IN).text() for r in range(tab.table.rowCount())}
    minute = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")  # Beijing time, not the stored UTC text
    assert "never signed in" in shown and any(minute.fullmatch(text) for text in shown), shown
    assert all(text == "never signed in" or minute.fullmatch(text) for text in shown), shown
    assert tab.table.horizontalHeader().length() <= tab.table.viewport().width()  # no sideways scrolling
    assert reviews.inactive_accounts(admin)


def test_overdue_banner_after_a_managers_sign_in_opens_the_tab(qtbot, branch, make_shell, clock) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.domain.navigation import Area
    from desktop_app.ui.access_review.review_banner import start_access_review_prompt
    from desktop_app.ui.main_window import MainWindow

    clock.advance(100 * DAY)
    me = signed_in(branch.context(), *branch.users[Role.MANAGER])
    me.session.must_change_password = False  # the password expired meanwhile; not what is tested here
    shell = make_shell(me, language="en")
    window = MainWindow(shell)
    qtbot.addWidget(window)
    window.show()
    banner = start_access_review_prompt(window)
    assert banner is not None
    qtbot.waitUntil(lambda: banner.count > 0, timeout=15_000)
    assert "overdue" in banner.label.text() and "zhangwei" in banner.label.text()
    banner.button.click()
    assert window.pages.currentWidget() is window.page_by_area[Area.SECURITY]
    agent_shell = make_shell(signed_in(branch.context(), *branch.users[Role.AGENT]))
    agent_window = MainWindow(agent_shell)
    qtbot.addWidget(agent_window)
    assert start_access_review_prompt(agent_window) is None
