"""The Incidents tab with pytest-qt: an agent reports an incident; the manager assesses it as a
breach, picks the affected clients by search, saves all the letters into a folder in one batch,
sees the notification log and moves the incident on; overdue deadlines are red; IT gets the tab
without any manager button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services import incidents
from desktop_app.services.client_intake import create_client
from desktop_app.ui import dialogs
from desktop_app.ui.incidents.incidents_tab import INTERNAL, OVERDUE, STATE, IncidentsTab, make_tab
from desktop_app.ui.pdf_printing import new_printer
from tests.gui.conftest import signed_in, wait_idle

NAMES = ("欧阳春花", "王芳")


def _tab(qtbot, shell) -> IncidentsTab:
    tab = make_tab(shell)
    assert isinstance(tab, IncidentsTab)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    wait_idle(qtbot, shell)
    return tab


def test_report_assess_pick_clients_and_save_letters(qtbot, branch, make_shell, tmp_path: Path) -> None:
    agent = signed_in(branch.context(), *branch.users[Role.AGENT])
    for index, name in enumerate(NAMES):
        create_client(agent, ClientDraft(name=name, phone=f"1398765432{index}"))
    agent_tab = _tab(qtbot, make_shell(agent, language="en"))
    assert not agent_tab.assess_button.isVisible()
    dialog = agent_tab.open_report()
    assert "Do not enter client names" in dialog.hint.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("misdirected_message"))
    dialog.occurred.setDateTime(dialog.occurred.dateTime().addSecs(-3600))
    dialog.description.setPlainText("带看短信误发给了另一位客户")
    with qtbot.waitSignal(agent_tab.reloaded, timeout=10_000):
        dialog.ok_button.click()
    assert agent_tab.table.rowCount() == 1
    assert agent_tab.table.item(0, STATE).text() == "Open"

    manager = signed_in(branch.context(), *branch.users[Role.MANAGER])
    tab = _tab(qtbot, make_shell(manager, language="en"))
    assert tab.table.rowCount() == 1
    tab.table.selectRow(0)
    wait_idle(qtbot, tab.shell)
    assess = tab.open_assess()
    assert not assess.ok_button.isEnabled()
    assess.breach_yes.setChecked(True)
    for code in ("name", "phone"):
        assess.categories[code].setChecked(True)
    assess.cause.setPlainText("群发短信时选错收件人")
    assess.measures.setPlainText("已请误收人删除短信\n改为双人复核")
    assess.harm.setPlainText("您的称呼和看房意向可能被他人知悉")
    assess.advice.setPlainText("警惕陌生来电")
    with qtbot.waitSignal(tab.reloaded, timeout=10_000):
        assess.ok_button.click()
    tab.table.selectRow(0)
    wait_idle(qtbot, tab.shell)
    assert tab.table.item(0, STATE).text() == "Assessed" and tab.clients_button.isEnabled()

    picker = tab.open_clients()
    wait_idle(qtbot, tab.shell)
    with qtbot.waitSignal(picker.searched, timeout=10_000):
        picker.search.setText("欧阳")
    assert picker.results.count() == 1 and NAMES[0] not in picker.results.item(0).text()  # masked
    picker.results.selectAll()
    picker.add_selected()
    with qtbot.waitSignal(picker.searched, timeout=10_000):
        picker.search.setText("王")
    picker.results.selectAll()
    picker.add_selected()
    assert len(picker.chosen_ids()) == 2
    with qtbot.waitSignal(tab.reloaded, timeout=10_000):
        picker.ok_button.click()
    tab.table.selectRow(0)
    wait_idle(qtbot, tab.shell)
    assert tab.save_button.isEnabled() and tab.print_button.isEnabled()

    out = tmp_path / "letters"
    out.mkdir()
    dialogs.set_next_path(out)
    with qtbot.waitSignal(tab.letters_done, timeout=20_000):
        tab.save_button.click()
    assert sorted(p.name for p in out.iterdir()) == [
        f"INC-{manager.today().year}-0001-00{i}.pdf" for i in (1, 2)
    ]
    assert any(d.kind == "information" for d in dialogs.history())
    wait_idle(qtbot, tab.shell)
    tab.table.selectRow(0)
    with qtbot.waitSignal(tab.detail_loaded, timeout=10_000):
        tab._selection_changed()
    assert tab.log_table.rowCount() == 2
    assert {tab.log_table.item(r, 2).text() for r in range(2)} == {"Letter saved as PDF"}
    assert "Timeline:" in tab.detail.toPlainText()

    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    tab.printer_factory = lambda: printer
    dialogs.set_next_answer(dialogs.Button.Ok)  # the system print dialog
    with qtbot.waitSignal(tab.letters_done, timeout=30_000) as printed:
        tab.print_button.click()
    assert printed.args == [2] and dialogs.history()[-1].kind == "print"
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    wait_idle(qtbot, tab.shell)
    tab.table.selectRow(0)
    with qtbot.waitSignal(tab.detail_loaded, timeout=10_000):
        tab._selection_changed()
    channels = [tab.log_table.item(r, 2).text() for r in range(tab.log_table.rowCount())]
    assert sorted(channels) == ["Letter printed"] * 2 + ["Letter saved as PDF"] * 2

    advance = tab.open_advance()
    advance.state.setCurrentIndex(advance.state.findData("contained"))
    with qtbot.waitSignal(tab.reloaded, timeout=10_000):
        advance.ok_button.click()
    assert tab.table.item(0, STATE).text() == "Contained"


def test_overdue_deadline_is_red_and_it_sees_no_manager_buttons(qtbot, branch, make_shell) -> None:
    from datetime import UTC, datetime, timedelta

    manager = signed_in(branch.context(), *branch.users[Role.MANAGER])
    now = datetime.fromtimestamp(manager.clock(), UTC)
    incidents.report_incident(
        manager, kind="lost_device", occurred_at=now - timedelta(days=3), discovered_at=now - timedelta(days=2),
        description="笔记本电脑遗失",
    )  # fmt: skip
    tab = _tab(qtbot, make_shell(manager, language="en"))
    item = tab.table.item(0, INTERNAL)
    assert item.text().startswith("overdue by") and item.foreground().color() == OVERDUE
    it = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    it_tab = _tab(qtbot, make_shell(it, language="en"))
    assert it_tab.table.rowCount() == 0 and not it_tab.assess_button.isVisible()
    assert it_tab.report_button.isVisible()
