"""The client requests area with pytest-qt: a manager registers a request for a client found by
search, verifies the identity, completes a copy (PDF and JSON saved to the chosen place), and
refuses another request with a written reason; overdue requests are highlighted."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_requests import get_request, register_request
from desktop_app.ui import dialogs
from desktop_app.ui.requests.request_table_model import CLIENT, DUE, KIND, STATUS, VERIFIED
from desktop_app.ui.requests.requests_page import RequestsPage
from tests.gui.conftest import signed_in, wait_idle

NAME = "欧阳春花"
PHONE = "13987654321"


@pytest.fixture
def manager_shell(branch, make_shell):
    ctx = signed_in(branch.context(), *branch.users[Role.MANAGER])
    create_client(ctx, ClientDraft(name=NAME, phone=PHONE, notes="想买学区房"))
    create_client(ctx, ClientDraft(name="王芳", phone="13711112222"))
    return make_shell(ctx, language="en")


def _page(qtbot, shell) -> RequestsPage:
    page = RequestsPage(shell)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    wait_idle(qtbot, shell)
    return page


def _texts(page: RequestsPage, column: int) -> list[str]:
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _register(qtbot, page: RequestsPage, search: str, kind: str, verified: bool = False) -> None:
    dialog = page.open_register()
    with qtbot.waitSignal(dialog.searched, timeout=10_000):
        dialog.search.setText(search)
    assert dialog.results.count() == 1
    assert NAME not in dialog.results.item(0).text()  # masked in the results
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.description.setPlainText("客户到店提出")
    dialog.verified.setChecked(verified)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.registered, timeout=10_000):
        dialog.ok_button.click()
    wait_idle(qtbot, page.shell)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_register_verify_copy_and_refuse(qtbot, manager_shell, tmp_path: Path) -> None:
    page = _page(qtbot, manager_shell)
    assert page.model.rowCount() == 0
    assert not page.complete_button.isEnabled() and not page.refuse_button.isEnabled()

    _register(qtbot, page, "欧阳", "copy")
    assert page.model.rowCount() == 1
    assert _texts(page, KIND) == ["Copy of data"]
    assert _texts(page, CLIENT) == ["欧***"]
    assert _texts(page, VERIFIED) == ["No"] and _texts(page, DUE)[0].endswith("(provisional)")
    page.table.selectRow(0)
    assert page.verify_button.isEnabled() and not page.complete_button.isEnabled()

    dialogs.set_next_answer(dialogs.Button.Yes)
    page.verify_button.click()
    wait_idle(qtbot, manager_shell)
    assert _texts(page, VERIFIED) == ["Yes"]
    assert page.selected() is not None and page.complete_button.isEnabled()

    target = tmp_path / "handover" / "copy.pdf"
    target.parent.mkdir()
    dialogs.set_next_path(target)
    page.complete_button.click()
    wait_idle(qtbot, manager_shell)
    assert page.error.text() == ""
    assert page.last_copy_paths == (target, target.with_suffix(".json"))
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert NAME in text and "139 8765 4321" in text
    data = json.loads(target.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["client"]["fields"]["full_name"]["value"] == NAME
    assert any(shown.kind == "information" and "not masked" in shown.text for shown in dialogs.history())
    assert page.model.rowCount() == 0  # no longer open
    page.status_filter.setCurrentIndex(page.status_filter.findData(""))
    wait_idle(qtbot, manager_shell)
    assert _texts(page, STATUS) == ["Completed"]
    assert NAME not in page.window().windowTitle()

    _register(qtbot, page, "wangf", "explanation")
    assert page.model.rowCount() == 2
    page.select_request(max(r.id for r in page.model.requests))
    assert page.refuse_button.isEnabled()
    page.refuse_button.click()
    dialog = page.answer_dialog
    assert dialog is not None and not dialog.ok_button.isEnabled()
    dialog.text.setPlainText("电话13711112222核对不上")  # a number: refused by the service
    dialog.ok_button.click()
    wait_idle(qtbot, manager_shell)
    assert dialog.isVisible() and "numbers" in dialog.error.text()
    dialog.text.setPlainText("无法核验请求人身份")
    with qtbot.waitSignal(dialog.answered, timeout=10_000):
        dialog.ok_button.click()
    wait_idle(qtbot, manager_shell)
    selected = page.selected()
    assert selected is not None and selected.status == "refused"
    assert "Reason for refusing: 无法核验请求人身份" in page.detail.toPlainText()
    assert sorted(_texts(page, STATUS)) == ["Completed", "Refused"]


def test_overdue_requests_are_highlighted_and_agents_are_refused(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.MANAGER])
    client = create_client(ctx, ClientDraft(name=NAME, phone=PHONE))
    view = register_request(ctx, client.id, "deletion", "2026-12-20")
    ctx.clock.advance(40 * 86_400)  # type: ignore[attr-defined]
    assert get_request(ctx, view.id).overdue
    page = _page(qtbot, make_shell(ctx, language="zh_CN"))
    index = page.model.index(0, DUE)
    assert index.data().startswith("2027-01-19")
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert page.model.index(0, KIND).data() == "删除"

    agent = signed_in(branch.context(), *branch.users[Role.AGENT])
    agent_page = _page(qtbot, make_shell(agent))
    assert agent_page.model.rowCount() == 0
    assert agent_page.error.isVisible() and agent_page.error.text()


def test_correction_and_deletion_through_the_page(qtbot, manager_shell, tmp_path: Path) -> None:
    ctx = manager_shell.signed_in()
    (client,) = [c for c in _clients(ctx) if c.phone.endswith("4321")]
    today = _today(ctx)
    correction = register_request(ctx, client.id, "correction", today, identity_verified=True)
    deletion = register_request(ctx, client.id, "deletion", today, identity_verified=True)
    page = _page(qtbot, manager_shell)
    assert page.model.rowCount() == 2

    page.select_request(correction.id)
    page.complete_button.click()
    dialog = page.answer_dialog
    assert dialog is not None and dialog.windowTitle() == f"Correct data for request REQ-{correction.id}"
    combo, edit = dialog.rows[0]
    combo.setCurrentIndex(combo.findData("phone"))
    edit.setText("12345")  # refused by the client rules, shown in the dialog
    dialog.ok_button.click()
    wait_idle(qtbot, manager_shell)
    assert "Phone" in dialog.error.text() and dialog.isVisible()
    edit.setText("13922223333")
    combo2, edit2 = dialog.add_row()
    combo2.setCurrentIndex(combo2.findData("intention_level"))
    edit2.setText("B")
    with qtbot.waitSignal(dialog.answered, timeout=10_000):
        dialog.ok_button.click()
    wait_idle(qtbot, manager_shell)
    assert get_request(ctx, correction.id).status == "completed"
    assert "Corrected: phone number, intention level" in get_request(ctx, correction.id).outcome

    page.select_request(deletion.id)
    dialogs.set_next_answer(dialogs.Button.No)
    page.complete_button.click()  # declined: nothing happens
    wait_idle(qtbot, manager_shell)
    assert get_request(ctx, deletion.id).status == "open"
    dialogs.set_next_answer(dialogs.Button.Yes)
    page.complete_button.click()
    wait_idle(qtbot, manager_shell)
    done = get_request(ctx, deletion.id)
    assert done.status == "completed" and done.client_state == "destroyed"
    assert page.model.rowCount() == 0
    page.status_filter.setCurrentIndex(1)
    wait_idle(qtbot, manager_shell)
    assert _texts(page, CLIENT) == ["(data destroyed)", "(data destroyed)"]


def test_a_cancelled_or_unwritable_save_leaves_the_copy_request_open(
    qtbot, manager_shell, tmp_path: Path
) -> None:
    ctx = manager_shell.signed_in()
    client = _clients(ctx)[0]
    view = register_request(ctx, client.id, "copy", _today(ctx), identity_verified=True)
    page = _page(qtbot, manager_shell)
    page.select_request(view.id)
    dialogs.set_next_path(None)
    page.complete_button.click()
    wait_idle(qtbot, manager_shell)
    assert get_request(ctx, view.id).status == "open" and page.last_copy_paths is None

    dialogs.set_next_path(tmp_path / "no such folder" / "copy.pdf")
    page.complete_button.click()
    wait_idle(qtbot, manager_shell)
    assert "Cannot save to" in page.error.text() and "still open" in page.error.text()
    assert get_request(ctx, view.id).status == "open"


def _clients(ctx):
    from desktop_app.services.client_directory import list_clients

    return list_clients(ctx)


def _today(ctx):
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ctx.clock(), UTC).date()


def test_a_second_complete_click_while_the_copy_runs_keeps_the_saved_copy(
    qtbot, manager_shell, tmp_path: Path
) -> None:
    ctx = manager_shell.signed_in()
    view = register_request(ctx, _clients(ctx)[0].id, "copy", _today(ctx), identity_verified=True)
    page = _page(qtbot, manager_shell)
    page.select_request(view.id)
    assert page.complete_button.isEnabled() and not page.busy
    folder = tmp_path / "saved"
    folder.mkdir()
    target = folder / "copy.pdf"
    dialogs.set_next_path(target)
    dialogs.set_next_path(target)  # what a second save dialog would answer
    page.complete_button.click()
    assert page.busy
    buttons = (page.register_button, page.verify_button, page.complete_button, page.refuse_button)
    assert not any(button.isEnabled() for button in buttons)
    page.complete_selected()  # a second click reaching the page anyway starts nothing
    page.refuse_selected()
    assert page.answer_dialog is None
    wait_idle(qtbot, manager_shell)
    assert not page.busy and page.register_button.isEnabled()
    assert page.error.text() == ""
    assert page.last_copy_paths == (target, target.with_suffix(".json"))
    assert target.read_bytes().startswith(b"%PDF")
    assert json.loads(target.with_suffix(".json").read_text(encoding="utf-8"))
    assert get_request(ctx, view.id).status == "completed"
    assert sorted(path.name for path in folder.iterdir()) == ["copy.json", "copy.pdf"]  # no leftovers
    assert [shown.kind for shown in dialogs.history()].count("save_file") == 1


def test_a_refused_copy_never_touches_files_already_at_the_chosen_place(
    qtbot, manager_shell, tmp_path: Path
) -> None:
    from desktop_app.services.client_requests import complete_copy

    ctx = manager_shell.signed_in()
    view = register_request(ctx, _clients(ctx)[0].id, "copy", _today(ctx), identity_verified=True)
    page = _page(qtbot, manager_shell)
    page.select_request(view.id)
    complete_copy(ctx, view.id)  # answered elsewhere meanwhile: the page's view is stale
    folder = tmp_path / "saved"
    folder.mkdir()
    target = folder / "copy.pdf"
    target.write_bytes(b"an earlier copy")
    target.with_suffix(".json").write_bytes(b'{"earlier": true}')
    dialogs.set_next_path(target)
    dialogs.set_next_answer(dialogs.Button.Yes)  # replace both: the refusal must still keep them
    page.complete_copy(view)
    wait_idle(qtbot, manager_shell)
    assert page.error.text() != "" and page.last_copy_paths is None
    assert target.read_bytes() == b"an earlier copy"
    assert target.with_suffix(".json").read_bytes() == b'{"earlier": true}'
    assert sorted(path.name for path in folder.iterdir()) == ["copy.json", "copy.pdf"]


def test_an_answered_deletion_request_offers_its_destruction_certificate(
    qtbot, manager_shell, tmp_path: Path
) -> None:
    """Regression: the single-client destruction certificate (the evidence of a destruction, PIPL
    Art. 47, which the README promises for every deleted client) could not be had for a client
    destroyed through a deletion request. Never saved into the data directory."""
    ctx = manager_shell.signed_in()
    client = _clients(ctx)[0]
    deletion = register_request(ctx, client.id, "deletion", _today(ctx), identity_verified=True)
    page = _page(qtbot, manager_shell)
    page.select_request(deletion.id)
    assert not page.certificate_button.isEnabled()  # not answered yet
    dialogs.set_next_answer(dialogs.Button.Yes)
    page.complete_button.click()
    wait_idle(qtbot, manager_shell)
    page.status_filter.setCurrentIndex(1)
    wait_idle(qtbot, manager_shell)
    page.select_request(deletion.id)
    assert page.certificate_button.isEnabled()

    dialogs.set_next_path(manager_shell.data_dir / "certificate.pdf")  # refused: the data directory
    page.certificate_button.click()
    wait_idle(qtbot, manager_shell)
    assert dialogs.history()[-1].kind == "error"
    assert not (manager_shell.data_dir / "certificate.pdf").exists()

    target = tmp_path / "certificate.pdf"
    dialogs.set_next_path(target)
    with qtbot.waitSignal(page.certificate_saved, timeout=15_000) as saved:
        page.certificate_button.click()
    assert saved.args == [str(target)]
    assert target.read_bytes().startswith(b"%PDF")
    assert "Certificate saved" in page.error.text()
