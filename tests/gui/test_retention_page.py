"""The "due for destruction" queue page: the rules in force, the masked due clients, select all,
approve after a confirmation that says it cannot be undone, and the one certificate saved."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.ui import dialogs
from desktop_app.ui.requests.retention_page import CHOSEN, NAME, WHY, RetentionQueuePage
from tests.conftest import Branch, Clock
from tests.gui.conftest import signed_in, wait_idle

LEADS = (("欧阳春花", "13987654321"), ("司马光明", "13611112222"), ("王小明", "13733334444"))
TWENTY_FIVE_MONTHS = 25 * 31 * 86_400


@pytest.fixture
def due_branch(branch: Branch, clock: Clock) -> Branch:
    """Three leads registered by the manager, then 25 months without contact."""
    ctx = sign_in(branch.context(), *branch.users[Role.MANAGER])
    for name, phone in LEADS:
        create_client(ctx, ClientDraft(name=name, phone=phone))
    sign_out(ctx)
    ctx.close()
    clock.advance(TWENTY_FIVE_MONTHS)
    return branch


def _page(qtbot, branch: Branch, make_shell) -> RetentionQueuePage:
    ctx = signed_in(branch.context(), *branch.users[Role.MANAGER])
    shell = make_shell(ctx)
    page = RetentionQueuePage(shell)
    qtbot.addWidget(page)
    page.resize(900, 500)
    with qtbot.waitSignal(page.loaded, timeout=15_000):
        page.show()
    wait_idle(qtbot, shell)
    return page


def test_select_all_approve_and_save_the_one_certificate(
    qtbot, due_branch: Branch, make_shell, tmp_path: Path
) -> None:
    page = _page(qtbot, due_branch, make_shell)
    model = page.model
    assert model.rowCount() == 3
    names = [model.index(row, NAME).data() for row in range(3)]
    assert sorted(name[0] for name in names) == ["司", "欧", "王"]
    assert not {full for full, _ in LEADS} & set(names)  # masked
    assert {model.index(row, WHY).data() for row in range(3)} == {"Retention period ended"}
    assert "Lead (first visit): 24 months without contact" in page.rules_label.text()
    assert "10 years" in page.rules_label.text()
    assert not page.approve_button.isEnabled()

    page.select_all.click()
    assert page.approve_button.isEnabled()
    assert page.approve_button.text() == "Approve destruction of 3 client(s)…"
    assert all(
        model.index(row, CHOSEN).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        for row in range(3)
    )

    certificate = tmp_path / "certificate.pdf"
    dialogs.set_next_answer(dialogs.Button.Yes)
    dialogs.set_next_path(certificate)
    with qtbot.waitSignal(page.certificate_saved, timeout=15_000):
        page.approve_button.click()
    wait_idle(qtbot, page.shell)

    kinds = [(shown.kind, shown.text) for shown in dialogs.history()]
    assert kinds[0][0] == "question" and "3 client(s)" in kinds[0][1] and "cannot be undone" in kinds[0][1]
    assert kinds[1][0] == "save_file"
    assert certificate.read_bytes().startswith(b"%PDF")
    assert model.rowCount() == 0 and page.empty_label.isVisible() and not page.table.isVisible()
    assert not page.approve_button.isEnabled()
    assert page.save_button.isVisible()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(certificate), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Number of clients: 3" in text
        assert not any(full in text or phone in text for full, phone in LEADS)


def test_one_ticked_client_and_a_declined_confirmation(qtbot, due_branch: Branch, make_shell) -> None:
    page = _page(qtbot, due_branch, make_shell)
    model = page.model
    assert model.setData(model.index(0, CHOSEN), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert page.approve_button.text() == "Approve destruction of 1 client(s)…"
    page.select_all.click()
    page.select_all.click()  # select none again
    assert model.chosen_ids() == [] and not page.approve_button.isEnabled()
    model.setData(model.index(1, CHOSEN), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    dialogs.set_next_answer(dialogs.Button.No)
    page.approve_button.click()
    wait_idle(qtbot, page.shell)
    assert model.rowCount() == 3  # nothing destroyed
    dialogs.set_next_answer(dialogs.Button.Yes)
    dialogs.set_next_path(None)  # the certificate can be saved later
    with qtbot.waitSignal(page.approved, timeout=15_000):
        page.approve_button.click()
    wait_idle(qtbot, page.shell)
    assert model.rowCount() == 2 and page.save_button.isVisible()
    assert "1 client(s) destroyed" in page.info.text()


def test_an_empty_queue_is_explained(qtbot, branch: Branch, make_shell) -> None:
    page = _page(qtbot, branch, make_shell)
    assert page.model.rowCount() == 0
    assert page.empty_label.isVisible() and "No client records are due" in page.empty_label.text()
    assert not page.table.isVisible() and not page.approve_button.isEnabled()
    assert not page.select_all.isEnabled()


def test_the_batch_shows_its_progress_and_stops_between_clients(
    qtbot, due_branch: Branch, make_shell, monkeypatch
) -> None:
    import threading

    from desktop_app.services import client_retention

    page = _page(qtbot, due_branch, make_shell)
    entered, gate = threading.Event(), threading.Event()
    real_destroy = client_retention.destroy_in_transaction
    destroyed: list[int] = []

    def slow_destroy(*args, **kwargs):  # the second client waits until Stop was clicked
        destroyed.append(1)
        if len(destroyed) == 2:
            entered.set()
            gate.wait(10)
        return real_destroy(*args, **kwargs)

    monkeypatch.setattr(client_retention, "destroy_in_transaction", slow_destroy)
    page.select_all.click()
    dialogs.set_next_answer(dialogs.Button.Yes)
    page.approve_button.click()
    assert entered.wait(10)
    qtbot.waitUntil(lambda: page.progress_bar.maximum() == 3 and page.progress_bar.value() == 1)
    assert page.cancel_button.isVisible() and page.cancel_button.isEnabled()
    with qtbot.waitSignal(page.failed, timeout=15_000) as failed:
        page.cancel_button.click()
        gate.set()
    wait_idle(qtbot, page.shell)
    assert failed.args == ["The work was cancelled."]
    assert not page.cancel_button.isVisible()
    assert page.model.rowCount() == 1  # two destroyed whole, one untouched and still due
