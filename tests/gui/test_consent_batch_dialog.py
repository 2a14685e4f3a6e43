"""Consent forms for the selected clients as one PDF, from the client list (pytest-qt, real store,
real PDF): real progress up to the total, the file and the recorded form numbers on success; Cancel
leaves no file, no temporary file and no recorded number."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.ui import dialogs
from desktop_app.ui.background import JobControl, Lane
from desktop_app.ui.clients.clients_page import ClientsPage
from desktop_app.ui.clients.consent_batch_dialog import ConsentBatchDialog
from tests.conftest import Branch
from tests.gui.conftest import signed_in, wait_idle
from tests.support.branch_settings import save_branch_settings

NAMES = ("张伟明", "王芳", "赵磊")


@pytest.fixture
def hq_branch(branch: Branch) -> Branch:
    config = dataclasses.replace(  # the bundled notice names headquarters
        branch.ctx.require_config(), hq_name="示例地产集团总部", hq_contact="021-0000-0000"
    )
    save_branch_settings(branch.ctx, config)
    return branch


def _page(qtbot, make_shell, branch: Branch, role: Role = Role.AGENT) -> ClientsPage:
    me = signed_in(branch.context(), *branch.users[role])
    if role is Role.AGENT:
        for n, name in enumerate(NAMES):
            create_client(me, ClientDraft(name=name, phone=f"1391234{n:04d}", stage="visiting"))
    shell = make_shell(me, language="zh_CN")
    page = ClientsPage(shell)
    qtbot.addWidget(page)
    page.resize(1000, 400)
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        page.show()
    wait_idle(qtbot, shell)
    return page


def _count(page: ClientsPage, sql: str) -> int:
    return int(page.shell.signed_in().db.execute(sql).fetchone()[0])


def test_the_selected_clients_forms_become_one_pdf_with_real_progress(
    qtbot, hq_branch: Branch, make_shell, tmp_path: Path
) -> None:
    page = _page(qtbot, make_shell, hq_branch)
    assert page.forms_button.isVisible() and not page.forms_button.isEnabled()
    page.table.selectAll()
    qtbot.waitUntil(lambda: len(page.selected_client_ids()) == 3, timeout=10_000)  # the rows' page arrived
    assert page.forms_button.isEnabled() and len(page.selected_client_ids()) == 3
    assert page.forms_button.text() == "批量生成同意书(&F)…"
    folder = tmp_path / "out"
    folder.mkdir()
    dialogs.set_next_path(folder / "forms")  # the suffix is added
    values: list[int] = []
    dialog = page.print_selected_forms()
    assert isinstance(dialog, ConsentBatchDialog)
    dialog.progress_bar.valueChanged.connect(values.append)
    with qtbot.waitSignal(dialog.saved, timeout=30_000) as saved:
        pass
    pdf_path = folder / "forms.pdf"
    assert saved.args == [str(pdf_path)] and [p.name for p in folder.iterdir()] == ["forms.pdf"]
    assert values == sorted(values) and dialog.progress_bar.value() == dialog.progress_bar.maximum()
    assert "3 份同意书" in dialog.text.text() and dialog.buttons.isVisible()
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        assert len(pdf) >= 3
    finally:
        pdf.close()
    assert _count(page, "SELECT count(*) FROM client_data.printed_forms") == 3
    dialog.reject()
    assert not dialog.isVisible()


def test_cancel_leaves_no_file_and_no_recorded_form_number(
    qtbot, hq_branch: Branch, make_shell, tmp_path: Path
) -> None:
    page = _page(qtbot, make_shell, hq_branch)
    page.table.selectAll()
    qtbot.waitUntil(lambda: len(page.selected_client_ids()) == 3, timeout=10_000)
    shell = page.shell
    release, started = threading.Event(), threading.Event()

    def occupying(control: JobControl) -> None:  # the database lane is busy: the batch waits
        started.set()
        release.wait(10)

    shell.jobs.start(occupying, lane=Lane.DATABASE)
    assert started.wait(5)
    folder = tmp_path / "out"
    folder.mkdir()
    dialogs.set_next_path(folder / "forms.pdf")
    dialog = page.print_selected_forms()
    assert dialog is not None and dialog.busy and dialog.cancel_button.isVisible()
    dialog.reject()  # closing the window while it works means stop, not hide
    assert dialog.isVisible() and not dialog.cancel_button.isEnabled()
    release.set()
    wait_idle(qtbot, shell)
    qtbot.waitUntil(lambda: dialog.buttons.isVisible(), timeout=10_000)
    assert dialog.text.text() == "已取消：没有保存文件，也没有记录任何同意书编号。"
    assert list(folder.iterdir()) == []  # no file, no temporary file
    assert _count(page, "SELECT count(*) FROM client_data.printed_forms") == 0
