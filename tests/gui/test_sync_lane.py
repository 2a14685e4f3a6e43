"""The lanes with a real branch (issue 12 part 3): a sync-shaped job on the network lane runs while
the client list pages on the database lane, and signing out or locking cancels it; a GUI read no
longer sees the uncommitted rows of another job's open transaction."""

from __future__ import annotations

import threading

from desktop_app.domain.cancellation import Cancelled
from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.audit_trail import record
from desktop_app.services.client_intake import create_client
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.audit.audit_page import AuditPage
from desktop_app.ui.background import JobControl, Lane
from desktop_app.ui.clients.client_table_model import NAME
from desktop_app.ui.clients.clients_page import ClientsPage
from desktop_app.ui.shell import Shell
from tests.gui.conftest import signed_in, wait_idle

CLIENTS = (
    ("张伟明", "13912345678"),
    ("王芳", "13987654321"),
    ("赵磊", "13711112222"),
    ("李娜", "13655556666"),
)


class _SyncShaped:
    """Stands in for the HQ exchange: reports progress and waits on the network until cancelled
    (or ``finish`` is set), checking its cancel token between steps. Never touches the database."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.finish = threading.Event()
        self.outcome: list[object] = []
        self.progress: list[tuple[int, int, str]] = []

    def __call__(self, control: JobControl) -> str:
        self.started.set()
        step = 0
        while not self.finish.is_set():
            control.progress(step, 0, "Waiting for headquarters")
            control.token.raise_if_cancelled()
            control.token.wait(0.02)
            step += 1
        return "synced"

    def start(self, shell: Shell) -> None:
        shell.jobs.start(
            self,
            self.outcome.append,
            self.outcome.append,
            lane=Lane.NETWORK,
            on_progress=lambda done, total, text: self.progress.append((done, total, text)),
        )
        assert self.started.wait(5)


def _agent_shell(branch, make_shell) -> Shell:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    for name, phone in CLIENTS:
        create_client(ctx, ClientDraft(name=name, phone=phone))
    return make_shell(ctx)


def _page_through(qtbot, page: ClientsPage) -> list[str]:
    model = page.model
    for row in range(model.rowCount()):
        model.index(row, NAME).data()  # asks the database lane for the row's page
    qtbot.waitUntil(
        lambda: all(model.summary(r) is not None for r in range(model.rowCount())), timeout=10_000
    )
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def test_the_client_list_pages_while_a_sync_shaped_job_runs_and_sign_out_cancels_it(
    qtbot, branch, make_shell
) -> None:
    shell = _agent_shell(branch, make_shell)
    sync = _SyncShaped()
    sync.start(shell)

    page = ClientsPage(shell, page_size=1)  # one client a page: four round trips on the database lane
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        page.show()
    names = _page_through(qtbot, page)
    assert len(names) == len(CLIENTS) and all(names) and page.model.pages_fetched >= len(CLIENTS)
    assert shell.jobs.lane_busy(Lane.NETWORK) and sync.outcome == []  # still syncing meanwhile
    qtbot.waitUntil(lambda: len(sync.progress) > 1)
    assert [step for step, _, _ in sync.progress] == sorted(step for step, _, _ in sync.progress)

    controller = AppController(shell)
    controller.sign_out()
    qtbot.waitUntil(lambda: bool(sync.outcome), timeout=5_000)
    assert isinstance(sync.outcome[0], Cancelled)
    wait_idle(qtbot, shell)
    assert shell.existing_signed_in() is None
    controller.shutdown()


def test_locking_cancels_a_running_sync_shaped_job(qtbot, branch, make_shell) -> None:
    shell = _agent_shell(branch, make_shell)
    controller = AppController(shell)
    controller.show_main_window()
    assert controller.main_window is not None and controller.locker is not None
    qtbot.addWidget(controller.main_window)
    wait_idle(qtbot, shell)
    sync = _SyncShaped()
    sync.start(shell)
    controller.locker.lock()
    qtbot.waitUntil(lambda: bool(sync.outcome), timeout=5_000)
    assert isinstance(sync.outcome[0], Cancelled)


def test_a_finished_sync_shaped_job_delivers_its_result(qtbot, branch, make_shell) -> None:
    shell = _agent_shell(branch, make_shell)
    sync = _SyncShaped()
    sync.start(shell)
    sync.finish.set()
    qtbot.waitUntil(lambda: bool(sync.outcome), timeout=5_000)
    assert sync.outcome == ["synced"]


def test_a_gui_read_never_sees_another_jobs_uncommitted_rows(qtbot, branch, make_shell) -> None:
    """On main the audit page counted on the GUI thread, through the connection a job held a
    transaction open on, and showed an entry that was then rolled back."""
    ctx = signed_in(branch.context(), *branch.users[Role.AUDITOR])
    shell = make_shell(ctx)
    page = AuditPage(shell)
    qtbot.addWidget(page)
    page.show()
    wait_idle(qtbot, shell)
    before = page.model.total
    inside, release = threading.Event(), threading.Event()

    def half_written() -> None:
        with ctx.db.transaction():  # type: ignore[union-attr]
            record(ctx, "auth.sign_out", target_type="staff", target_id="nobody")
            inside.set()
            release.wait(10)
            raise Cancelled()  # rolled back: the entry never existed

    shell.jobs.run(half_written, None, lambda _exc: None)
    assert inside.wait(5)
    page.refresh()  # the user clicks Refresh while the job's transaction is open
    seen_during = page.model.total
    release.set()
    wait_idle(qtbot, shell)
    assert seen_during == before
    assert page.model.total == before
    assert page.count_label.text() == f"{before} entries match the filter."
