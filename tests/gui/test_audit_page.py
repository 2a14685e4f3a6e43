"""The Audit area: lazily paged entries, filters by user, action and date, and the chain check."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from desktop_app.domain.roles import Role
from desktop_app.services import sign_in as sign_in_service
from desktop_app.services.audit_trail import record
from desktop_app.ui.audit.audit_page import AuditPage
from desktop_app.ui.audit.audit_table_model import ACTION, OUTCOME, USER, local_time
from tests.gui.conftest import signed_in, wait_idle


def _page(qtbot, shell, page_size: int = 10) -> AuditPage:
    page = AuditPage(shell, page_size=page_size)
    qtbot.addWidget(page)
    page.resize(900, 300)
    page.show()
    wait_idle(qtbot, shell)
    return page


def _column(qtbot, page: AuditPage, column: int) -> list[str]:
    """The column's texts once every row's page has arrived from the database lane."""
    model = page.model
    wait_idle(qtbot, page.shell)
    qtbot.waitUntil(lambda: all(model.entry(row) is not None for row in range(model.rowCount())))
    return [model.index(row, column).data() for row in range(model.rowCount())]


@pytest.fixture
def busy_branch(branch, clock):
    """The test branch plus 40 sign-in/sign-out pairs by the agent, one day after set-up."""
    context = branch.context()
    clock.advance(86_400)
    username, password = branch.users[Role.AGENT]
    ctx = sign_in_service.sign_in(context, username, password)
    with ctx.db.transaction():
        for _ in range(40):
            record(ctx, "auth.sign_out", target_type="staff", target_id=username)
    sign_in_service.sign_out(ctx)
    return branch


def test_entries_are_shown_newest_first_and_fetched_lazily(qtbot, busy_branch, make_shell) -> None:
    ctx = signed_in(busy_branch.context(), *busy_branch.users[Role.AUDITOR])
    shell = make_shell(ctx)
    page = _page(qtbot, shell, page_size=10)
    model = page.model
    assert model.total == model.rowCount() > 45
    assert page.count_label.text() == f"{model.total} entries match the filter."
    fetched = model.pages_fetched
    assert 1 <= fetched < model.total // 10  # only the visible rows' pages, never the whole log
    first = model.entry(0)
    assert model.entry(model.total - 1) is None  # its page is fetched on the database lane
    qtbot.waitUntil(lambda: model.entry(model.total - 1) is not None)
    last = model.entry(model.total - 1)
    assert first is not None and last is not None and first.seq > last.seq and last.seq == 1
    assert model.pages_fetched > fetched
    assert model.index(0, USER).data() == "audit.chen"
    assert model.index(0, ACTION).data() == "Audit log viewed"  # opening the area is audited first
    assert model.index(1, ACTION).data() == "Sign-in"
    assert model.index(0, OUTCOME).data() == "Success"


def test_filters_by_user_action_and_date(qtbot, busy_branch, make_shell, clock) -> None:
    ctx = signed_in(busy_branch.context(), *busy_branch.users[Role.MANAGER])
    page = _page(qtbot, make_shell(ctx))
    total = page.model.total

    page.user_filter.setText("zhangwei")
    page.apply_filters()
    wait_idle(qtbot, page.shell)
    assert page.model.total == 42  # sign-in, 40 entries, sign-out
    assert set(_column(qtbot, page, USER)) == {"zhangwei"}

    index = page.action_filter.findData("auth.sign_in")
    assert index > 0 and page.action_filter.itemText(index) == "Sign-in"
    page.action_filter.setCurrentIndex(index)
    wait_idle(qtbot, page.shell)
    assert page.model.total == 1
    assert _column(qtbot, page, ACTION) == ["Sign-in"]

    page.user_filter.setText("")
    page.apply_filters()
    wait_idle(qtbot, page.shell)
    sign_ins = page.model.total
    # the agent, and the manager (creating the client-data key, confirming the agent, and now)
    assert sign_ins == 1 + 3
    assert set(_column(qtbot, page, ACTION)) == {"Sign-in"}

    # Date range (local dates, inclusive): set-up day only, then the day after.
    page.action_filter.setCurrentIndex(0)
    setup_day = datetime.fromtimestamp(clock.now - 86_400, UTC).astimezone().date()
    page.from_date.setDate(QDate(setup_day.year, setup_day.month, setup_day.day))
    page.to_date.setDate(QDate(setup_day.year, setup_day.month, setup_day.day))
    page.from_check.setChecked(True)
    page.to_check.setChecked(True)
    wait_idle(qtbot, page.shell)
    on_setup_day = page.model.total
    assert 0 < on_setup_day < total
    assert all(text.startswith(setup_day.isoformat()) for text in _column(qtbot, page, 1))
    next_day = setup_day + timedelta(days=1)
    page.from_date.setDate(QDate(next_day.year, next_day.month, next_day.day))
    page.to_date.setDate(QDate(next_day.year, next_day.month, next_day.day))
    wait_idle(qtbot, page.shell)
    assert page.model.total + on_setup_day == total
    page.from_date.setDate(QDate(next_day.year + 1, 1, 1))
    page.to_date.setDate(QDate(next_day.year + 1, 1, 2))
    wait_idle(qtbot, page.shell)
    assert page.model.total == 0
    assert page.count_label.text() == "0 entries match the filter."


def test_nothing_is_read_before_the_area_is_opened_and_the_opening_is_audited(
    qtbot, branch, make_shell
) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.AUDITOR])
    shell = make_shell(ctx)
    page = AuditPage(shell)
    qtbot.addWidget(page)
    assert page.model.total == 0 and page.model.pages_fetched == 0
    page.show()
    wait_idle(qtbot, shell)
    assert page.action_filter.findData("audit.view") > 0
    page.hide()
    page.show()
    wait_idle(qtbot, shell)
    page.action_filter.setCurrentIndex(page.action_filter.findData("audit.view"))
    wait_idle(qtbot, shell)
    assert page.model.total == 1  # once per session, not per show


def test_verify_chain_reports_intact_then_the_first_broken_entry(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.AUDITOR])
    shell = make_shell(ctx)
    page = _page(qtbot, shell)
    panel = page.verify_panel
    with qtbot.waitSignal(panel.verified, timeout=15_000):
        qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert panel.result.text().startswith("✓ The audit chain is intact (")

    ctx.db.execute("DROP TRIGGER audit_log_no_update")
    ctx.db.execute("UPDATE audit_log SET target_id = 'forged' WHERE seq = 3")
    with qtbot.waitSignal(panel.verified, timeout=15_000) as blocker:
        qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].first_broken_seq == 3
    lines = panel.result.text().splitlines()
    assert lines[0] == "✗ The audit chain is broken at entry 3: the entry was altered."
    assert "audit_log_no_update" in lines[1] and "put back" in lines[1]  # the dropped trigger


def test_audit_page_in_chinese(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.AUDITOR])
    page = _page(qtbot, make_shell(ctx, language="zh_CN"))
    assert page.model.headerData(ACTION, Qt.Orientation.Horizontal) == "操作"
    assert page.model.index(0, ACTION).data() == "查看审计日志"
    assert page.model.index(1, ACTION).data() == "登录"
    assert page.model.index(1, 3).data() == "审计员"
    assert page.action_filter.itemText(0) == "全部操作"


def test_local_time_formats_utc_timestamps() -> None:
    text = local_time("2027-01-15T08:00:00.000000Z")
    assert len(text) == 19 and text[4] == "-" and text[13] == ":"
    assert local_time("not a time") == "not a time"
