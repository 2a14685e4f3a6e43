"""The client page's "Delete client data…" (managers only; PIPL Art. 47 para. 1): choose the ground,
write a note, confirm; the client is destroyed, the certificate can be saved, the page closes.
An identifying note is refused in the dialog and nothing is destroyed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.ui import dialogs
from desktop_app.ui.clients.client_detail_dialog import ClientDetailDialog
from desktop_app.ui.clients.destroy_client_dialog import DestroyClientDialog
from tests.conftest import Branch
from tests.gui.conftest import signed_in, wait_idle


def _page(qtbot, branch: Branch, make_shell, role: Role) -> tuple[ClientDetailDialog, int]:
    agent = signed_in(branch.context(), *branch.users[Role.AGENT])
    client_id = create_client(agent, ClientDraft(name="上官云", phone="13955554444")).id
    agent.close()
    shell = make_shell(signed_in(branch.context(), *branch.users[role]))
    page = ClientDetailDialog(shell, client_id)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=15_000):
        page.show()
    return page, client_id


def _count(page: ClientDetailDialog) -> int:
    db = page.shell.signed_in().db
    return int(db.execute("SELECT count(*) FROM clients").fetchone()[0])


def test_only_managers_see_the_action(qtbot, branch: Branch, make_shell) -> None:
    page, _ = _page(qtbot, branch, make_shell, Role.AGENT)
    assert not page.destroy_button.isVisibleTo(page)


def test_a_manager_deletes_the_client_and_saves_the_certificate(
    qtbot, branch: Branch, make_shell, tmp_path: Path
) -> None:
    page, client_id = _page(qtbot, branch, make_shell, Role.MANAGER)
    assert page.destroy_button.isVisibleTo(page) and page.destroy_button.isEnabled()
    page.destroy_button.click()
    dialog = page.destroy_dialog
    assert isinstance(dialog, DestroyClientDialog)
    dialog.choose("purpose_impossible")
    assert not dialog.ok_button.isEnabled()  # no note, not confirmed
    dialog.note.setText("上官云不买了")
    dialog.understood.setChecked(True)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    wait_idle(qtbot, page.shell)
    assert "name" in dialog.message.text() and _count(page) == 1  # refused, nothing destroyed

    dialog.note.setText("客户已在他处购房，意向终止")
    with qtbot.waitSignal(page.changed, timeout=15_000):
        dialog.ok_button.click()
        wait_idle(qtbot, page.shell)
    assert _count(page) == 0 and "destruction record" in dialog.message.text()
    assert not dialog.ok_button.isEnabled() and dialog.certificate_button.isVisibleTo(dialog)

    out = tmp_path / "certificate.pdf"
    dialogs.set_next_path(out)
    dialog.certificate_button.click()
    wait_idle(qtbot, page.shell)
    assert out.read_bytes().startswith(b"%PDF") and str(out) in dialog.message.text()
    dialog.reject()
    qtbot.waitUntil(lambda: not page.isVisible())
    assert page.result() == QDialog.DialogCode.Rejected
    db = page.shell.signed_in().db
    assert db.execute("SELECT reason FROM destruction_records").fetchall() == [("purpose_impossible",)]
    deleted = db.execute("SELECT target_id, reason FROM audit_log WHERE action = 'client.delete'").fetchall()
    assert deleted == [(str(client_id), "purpose_impossible")]
