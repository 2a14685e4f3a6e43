"""The Exports page (issue 13) with pytest-qt: an agent prepares a summary, a manager sees it waiting,
reviews exactly what leaves, approves with their password, and the background sync (network lane)
delivers it to the real HQ service (tests/support/hq_server.py: ``branchvault-hq serve`` over TLS
with trustme certificates) until the list says "acknowledged". The preparer's Approve is disabled
and refused; a rejection needs a reason and is never sent; a failing send shows its error and next
try, honours it, and is retried (a transport fake at the boundary, sync/transport.py's protocol).
"""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.navigation import Area
from desktop_app.domain.roles import Role
from desktop_app.services import hq_exports
from desktop_app.services.client_intake import create_client
from desktop_app.services.hq_enrolment import enrol
from desktop_app.services.sign_in import sign_out
from desktop_app.sync.transport import HqResponse, HqUnreachable
from desktop_app.ui import dialogs
from desktop_app.ui.background import Lane
from desktop_app.ui.exports.aggregate_tables import CellKind
from desktop_app.ui.exports.decision_dialogs import ApproveExportDialog
from desktop_app.ui.exports.export_sync import ExportSync
from desktop_app.ui.exports.exports_page import ExportsPage
from desktop_app.ui.exports.review_dialog import ExportReviewDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.shell import Shell
from tests.conftest import Branch
from tests.gui.conftest import MakeShell, signed_in, wait_idle
from tests.support.hq_export_fixtures import FakeHqEnrolment, enrol_for_tests
from tests.support.hq_server import HqServer, hq_server  # noqa: F401 (the fixture)

CLIENTS = (("张伟明", "13912345678"), ("王芳", "13987654321"), ("赵磊", "13711112222"))


def _shell(branch: Branch, make_shell: MakeShell, role: Role) -> Shell:
    return make_shell(signed_in(branch.context(), *branch.users[role]))


def _states(page: ExportsPage) -> list[str]:
    return [str(row.state) for row in page.model.rows]


def _page(qtbot, shell: Shell, sync: ExportSync | None = None) -> ExportsPage:
    page = ExportsPage(shell, sync)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def _review(qtbot, page: ExportsPage, export_id: str) -> ExportReviewDialog:
    review = page.open_review(export_id)
    qtbot.waitUntil(lambda: review.detail is not None, timeout=10_000)
    return review


def _prepare_in_the_gui(qtbot, page: ExportsPage) -> ExportReviewDialog:
    """Prepare yesterday's summary with the dialog; its review opens by itself."""
    dialog = page.open_prepare()
    start, end = dialog.period()
    assert start == end == page.shell.signed_in().today() - timedelta(days=1)  # the default
    with qtbot.waitSignal(dialog.prepared, timeout=15_000):
        dialog.submit()
    review = page.review_dialog
    assert review is not None
    qtbot.waitUntil(lambda: review.detail is not None, timeout=10_000)
    return review


def test_prepare_review_approve_with_password_and_watch_it_reach_acknowledged(
    qtbot,
    branch: Branch,
    make_shell: MakeShell,
    hq_server: HqServer,  # noqa: F811
) -> None:
    branch.ctx.clock.now = time.time()  # type: ignore[attr-defined]  # HQ refuses requests over 5 min off
    it = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    enrol(it, hq_server.url, hq_server.issue_token("SZ001"), hq_server.ca_file)
    sign_out(it)

    # the agent prepares (an agent may not approve: no Approve button at all)
    agent_shell = _shell(branch, make_shell, Role.AGENT)
    for name, phone in CLIENTS:
        create_client(agent_shell.signed_in(), ClientDraft(name=name, phone=phone))
    agent_page = _page(qtbot, agent_shell)
    review = _prepare_in_the_gui(qtbot, agent_page)
    assert review.detail is not None
    summary = review.detail.summary
    assert review.view.hash_value.text().replace(" ", "") == summary.content_sha256
    assert review.approve_button.isHidden() and review.reject_button.isHidden()
    assert json.loads(review.view.json_view.toPlainText()) == review.detail.payload  # what leaves, all of it
    qtbot.waitUntil(lambda: _states(agent_page) == ["prepared"])
    review.close()

    # the manager: the count on the navigation entry and the banner, from the background pass
    manager_shell = _shell(branch, make_shell, Role.MANAGER)
    window = MainWindow(manager_shell)
    qtbot.addWidget(window)
    window.show()
    window.start_export_work()
    qtbot.waitUntil(lambda: window.awaiting_banner.isVisible(), timeout=15_000)
    assert "Exports (1)" in window.area_names()
    assert "1 summary" in window.awaiting_banner.label.text()
    page = window.show_area(Area.EXPORTS)
    assert isinstance(page, ExportsPage)
    qtbot.waitUntil(lambda: _states(page) == ["prepared"], timeout=10_000)

    review = _review(qtbot, page, summary.id)
    assert review.approve_button.isEnabled() and review.reject_button.isEnabled()
    assert not review.four_eyes_note.isVisible()
    tables = review.view.tables
    assert tables and all(len(t.cells) == len(t.row_keys) for t in tables)
    approve = review.open_approve()
    assert approve is not None and not approve.ok_button.isEnabled()  # no password yet
    assert approve.hash_value.text().replace(" ", "") == summary.content_sha256
    approve.password.setText(branch.users[Role.MANAGER][1])
    with qtbot.waitSignal(approve.approved, timeout=15_000):
        approve.ok_button.click()

    # the pass after the approval sends it on the network lane; HQ's signed receipt is stored
    qtbot.waitUntil(lambda: _states(page) == ["acknowledged"], timeout=30_000)
    row = page.model.rows[0]
    assert (
        row.acknowledged_at and row.sent_at and row.approved_by == manager_shell.signed_in().session.staff_id
    )
    assert page.model.index(0, 1).data() == "Received by headquarters"
    assert page.model.index(0, 4).data() == "lina"  # the approver, by display name
    qtbot.waitUntil(lambda: not window.awaiting_banner.isVisible(), timeout=15_000)
    assert "Exports" in window.area_names()
    listed = json.loads(hq_server.cli("submissions", *hq_server.db_args, "--json").stdout)
    assert [s["submission_id"] for s in listed] == [summary.id]  # stored once at HQ
    window.export_sync.stop()
    wait_idle(qtbot, manager_shell)


def test_the_preparer_cannot_approve_their_own_summary(qtbot, branch: Branch, make_shell: MakeShell) -> None:
    shell = _shell(branch, make_shell, Role.MANAGER)
    page = _page(qtbot, shell)
    review = _prepare_in_the_gui(qtbot, page)
    assert review.approve_button.isVisible() and not review.approve_button.isEnabled()
    assert review.four_eyes_note.isVisible() and "another manager" in review.four_eyes_note.text()
    assert review.open_approve() is None
    assert review.detail is not None
    export_id = review.detail.summary.id

    # forced past the button, the service refuses: the dialog shows why, nothing changes
    dialog = ApproveExportDialog(shell, export_id, review.detail.summary.content_sha256, review)
    qtbot.addWidget(dialog)
    dialog.password.setText(branch.users[Role.MANAGER][1])
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as refused:
        dialog.submit()
    assert "four eyes" in refused.args[0]
    page.reload()
    qtbot.waitUntil(lambda: _states(page) == ["prepared"])


def test_a_manager_rejects_with_a_reason_and_it_is_never_sent(
    qtbot, branch: Branch, make_shell: MakeShell
) -> None:
    agent = signed_in(branch.context(), *branch.users[Role.AGENT])
    made = hq_exports.prepare(agent, agent.today() - timedelta(days=1), agent.today() - timedelta(days=1))
    agent.close()
    shell = _shell(branch, make_shell, Role.MANAGER)
    page = _page(qtbot, shell)
    assert page.awaiting_label.isVisible() and "1 summary" in page.awaiting_label.text()
    review = _review(qtbot, page, made.id)
    dialog = review.open_reject()
    assert dialog is not None and not dialog.ok_button.isEnabled()  # a reason is required
    dialog.reason.setPlainText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setPlainText("期间选错了，应为整月")
    with qtbot.waitSignal(dialog.rejected_with_reason, timeout=10_000):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: _states(page) == ["rejected"], timeout=10_000)
    assert page.model.index(0, 7).data() == "Rejected: 期间选错了，应为整月"
    qtbot.waitUntil(lambda: review.detail is not None and str(review.detail.summary.state) == "rejected")
    assert not review.approve_button.isEnabled() and not review.reject_button.isEnabled()
    assert "期间选错了" in review.status.text()
    assert not page.awaiting_label.isVisible()
    assert hq_exports.due_for_sending(shell.signed_in(), datetime.now(UTC) + timedelta(days=365)) == []


class _FlakyHq:
    """A transport at the boundary: the first ``failures`` submissions find HQ unreachable, then HQ
    answers with its signed receipt (made with the fake enrolment's HQ key)."""

    def __init__(self, enrolment: FakeHqEnrolment, failures: int) -> None:
        self.enrolment = enrolment
        self.failures = failures
        self.posts: list[str] = []

    def factory(self, _link: object) -> _FlakyHq:
        return self

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> HqResponse:
        self.posts.append(path)
        if len(self.posts) <= self.failures:
            raise HqUnreachable("connect", "test: HQ is down")
        return HqResponse(201, json.dumps(self.enrolment.receipt(body)).encode("utf-8"))

    def get(self, path: str, headers: dict[str, str]) -> HqResponse:
        raise AssertionError("not used")

    def close(self) -> None:
        pass


def test_a_failing_send_shows_its_error_and_next_try_and_is_retried(
    qtbot, branch: Branch, make_shell: MakeShell
) -> None:
    enrolment = enrol_for_tests(branch.context)
    agent = signed_in(branch.context(), *branch.users[Role.AGENT])
    day: date = agent.today() - timedelta(days=1)
    made = hq_exports.prepare(agent, day, day)
    agent.close()
    shell = _shell(branch, make_shell, Role.MANAGER)
    hq = _FlakyHq(enrolment, failures=1)
    shell.signed_in().context.hq_transport_factory = hq.factory
    hq_exports.approve(shell.signed_in(), made.id, branch.users[Role.MANAGER][1])

    sync = ExportSync(shell)
    page = _page(qtbot, shell, sync)
    assert sync.start(first_delay_ms=0)
    qtbot.waitUntil(lambda: sync.passes == 1, timeout=15_000)
    qtbot.waitUntil(lambda: _states(page) == ["failing"], timeout=10_000)
    problem = page.model.index(0, 7).data()
    assert "HQ is down" in problem and "next try" in problem
    assert sync.last_outcome is not None and sync.last_outcome.failing == 1
    assert sync.last_outcome.next_retry_at is not None
    assert "1 failing" in page.sync_label.text() and "Next try" in page.sync_label.text()

    # "Send now" before the next retry sends nothing: the backoff is honoured
    page.send_now()
    qtbot.waitUntil(lambda: sync.passes == 2, timeout=15_000)
    assert len(hq.posts) == 1 and _states(page) == ["failing"]

    # once the retry is due, the next pass delivers it
    branch.ctx.clock.advance(6 * 3600 + 1)  # type: ignore[attr-defined]  # past the cap
    page.send_now()
    qtbot.waitUntil(lambda: sync.passes == 3, timeout=15_000)
    qtbot.waitUntil(lambda: _states(page) == ["acknowledged"], timeout=10_000)
    assert len(hq.posts) == 2 and page.model.index(0, 7).data() == ""
    sync.stop()
    wait_idle(qtbot, shell)


class _SlowHq(_FlakyHq):
    """HQ that takes its time: ``post`` waits until the test releases it."""

    def __init__(self, enrolment: FakeHqEnrolment) -> None:
        super().__init__(enrolment, failures=0)
        self.entered = threading.Event()
        self.release = threading.Event()

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> HqResponse:
        self.entered.set()
        assert self.release.wait(20)
        return super().post(path, body, headers)


def test_a_slow_hq_never_holds_up_the_database_lane(qtbot, branch: Branch, make_shell: MakeShell) -> None:
    enrolment = enrol_for_tests(branch.context)
    agent = signed_in(branch.context(), *branch.users[Role.AGENT])
    day = agent.today() - timedelta(days=1)
    made = hq_exports.prepare(agent, day, day)
    agent.close()
    shell = _shell(branch, make_shell, Role.MANAGER)
    hq = _SlowHq(enrolment)
    shell.signed_in().context.hq_transport_factory = hq.factory
    hq_exports.approve(shell.signed_in(), made.id, branch.users[Role.MANAGER][1])
    sync = ExportSync(shell)
    page = _page(qtbot, shell, sync)
    sync.start(first_delay_ms=0)
    qtbot.waitUntil(hq.entered.is_set, timeout=15_000)  # the request is out, on the network lane
    assert threading.current_thread() is threading.main_thread() and shell.jobs.lane_busy(Lane.NETWORK)
    with qtbot.waitSignal(page.loaded, timeout=5_000):  # the database lane answers meanwhile
        page.reload()
    assert _states(page) == ["queued"] and sync.running
    assert "Sending" in page.sync_label.text() and not page.send_button.isEnabled()
    hq.release.set()
    qtbot.waitUntil(lambda: _states(page) == ["acknowledged"], timeout=15_000)
    sync.stop()
    wait_idle(qtbot, shell)


def test_the_daily_preparation_is_set_by_a_manager_and_run_by_the_background_pass(
    qtbot, branch: Branch, make_shell: MakeShell
) -> None:
    shell = _shell(branch, make_shell, Role.MANAGER)  # the test clock: 16:00 in Beijing
    sync = ExportSync(shell)
    page = _page(qtbot, shell, sync)
    sync.start(first_delay_ms=0)
    qtbot.waitUntil(lambda: sync.passes == 1, timeout=15_000)
    assert page.schedule_label.text() == "Daily preparation: off." and _states(page) == []
    assert "not enrolled" in page.sync_label.text()  # nothing can leave yet: said, not hidden

    dialog = page.open_schedule()
    dialog.enabled.setChecked(True)
    dialog.time.setTime(QTime(8, 0))
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "08:00" in page.schedule_label.text()
    qtbot.waitUntil(lambda: sync.passes == 2, timeout=15_000)  # 08:00 has passed: prepared now
    qtbot.waitUntil(lambda: _states(page) == ["prepared"], timeout=10_000)
    row = page.model.rows[0]
    yesterday = shell.signed_in().today() - timedelta(days=1)
    assert row.scheduled and row.period_from == row.period_to == yesterday
    assert page.model.index(0, 0).data() == f"{yesterday} (scheduled)"
    assert sync.last_outcome is not None and sync.last_outcome.scheduled is not None
    page.send_now()  # once a day only
    qtbot.waitUntil(lambda: sync.passes == 3, timeout=15_000)
    assert sync.last_outcome is not None and sync.last_outcome.scheduled is None
    sync.stop()
    wait_idle(qtbot, shell)


def test_what_left_is_shown_and_saved_as_json_or_pdf_never_into_the_data_folder(
    qtbot, branch: Branch, make_shell: MakeShell, tmp_path
) -> None:
    from desktop_app.services.hq_sync import sync_once

    enrolment = enrol_for_tests(branch.context)
    agent = signed_in(branch.context(), *branch.users[Role.AGENT])
    day = agent.today() - timedelta(days=1)
    made = hq_exports.prepare(agent, day, day)
    hq_exports.prepare(agent, day, day)  # never approved: never listed as having left
    agent.close()
    shell = _shell(branch, make_shell, Role.MANAGER)
    me = shell.signed_in()
    me.context.hq_transport_factory = _FlakyHq(enrolment, failures=0).factory
    hq_exports.approve(me, made.id, branch.users[Role.MANAGER][1])
    assert sync_once(me).acknowledged == 1

    page = _page(qtbot, shell)
    left = page.open_left_branch()
    qtbot.waitUntil(lambda: left.detail is not None, timeout=10_000)
    assert [row.id for row in left.rows] == [made.id]
    assert left.receipt_values["sequence"].text() == "1"
    assert left.receipt_values["body"].text() == left.rows[0].envelope_sha256

    out = tmp_path / "out" / "record"
    out.parent.mkdir()
    dialogs.set_next_path(out)
    left.json_button.click()
    qtbot.waitUntil(lambda: len(left.saved_paths) == 1, timeout=10_000)
    saved = json.loads((out.parent / "record.json").read_text(encoding="utf-8"))
    assert saved["payload"]["submission_id"] == made.id and saved["receipt"] is not None
    dialogs.set_next_path(tmp_path / "out" / "record.pdf")
    left.pdf_button.click()
    qtbot.waitUntil(lambda: len(left.saved_paths) == 2, timeout=15_000)
    assert (tmp_path / "out" / "record.pdf").read_bytes().startswith(b"%PDF")

    inside = me.paths.root / "record.json"  # the data folder: refused, nothing written
    dialogs.set_next_path(inside)
    left.json_button.click()
    assert dialogs.history()[-1].kind == "error" and not inside.exists()
    wait_idle(qtbot, shell)
    assert len(left.saved_paths) == 2


def test_sync_is_not_started_for_it_or_auditors(qtbot, branch: Branch, make_shell: MakeShell) -> None:
    for role in (Role.IT_ADMIN, Role.AUDITOR):
        shell = _shell(branch, make_shell, role)
        assert not ExportSync(shell).start()


@pytest.mark.parametrize("kind", [CellKind.BELOW_K, CellKind.COMPLEMENTARY])
def test_suppressed_cells_are_shaded_and_keep_their_marker(qtbot, kind: CellKind) -> None:
    from desktop_app.ui.exports.payload_view import PayloadView

    marker = "<5" if kind is CellKind.BELOW_K else "x"
    payload: dict[str, object] = {
        "suppression": {"k": 5, "below_k": "<5", "complementary": "x"},
        "aggregates": {
            "new_clients": 12,
            "new_clients_by_stage": {"counts": {"lead": 9, "contract": marker, "closed": 0}, "total": 12},
            "client_requests": {"opened": "<5", "closed": 6},
        },
        "client_rows": None,
    }
    view = PayloadView("en")
    qtbot.addWidget(view)
    view.show_payload(payload, "ab" * 32, {})
    overview, stage, requests = view.table_widgets
    item = stage.item(1, 0)
    assert item is not None and item.text() == marker  # the payload's own marker, as it leaves
    plain = stage.item(0, 0)
    assert plain is not None and item.background().color() != plain.background().color()
    assert "Suppressed" in item.toolTip() and not plain.toolTip()
    assert view.aggregate_titles[1].text() == "New clients by stage"
    labels = [stage.verticalHeaderItem(r).text() for r in range(stage.rowCount())]  # type: ignore[union-attr]
    assert labels == ["Lead (first visit)", "Contract", "Closed", "Total"]
    assert stage.item(3, 0).text() == "12"  # type: ignore[union-attr]
    assert requests.verticalHeaderItem(1).text() == "Closed"  # type: ignore[union-attr]  # a request's, not a stage's
    assert overview.item(0, 0).text() == "12"  # type: ignore[union-attr]
    assert "No per-client rows" in view.rows_intro.text()
