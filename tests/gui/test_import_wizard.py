"""The import wizard with pytest-qt: file → mapping → options → result, rejects export, manager
options, and refusals shown in the wizard."""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtWidgets import QWizard

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.ui import dialogs
from desktop_app.ui.clients.import_wizard import MAPPING_PAGE, OPTIONS_PAGE, RESULT_PAGE, ImportWizard
from tests.gui.conftest import signed_in, wait_idle

fx = importlib.import_module("tests.fixtures.import.make_fixtures")


def _wizard(qtbot, branch, make_shell, role: Role, language: str = "en") -> ImportWizard:
    ctx = signed_in(branch.context(), *branch.users[role])
    shell = make_shell(ctx, language=language)
    wizard = ImportWizard(shell)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _choose(qtbot, wizard: ImportWizard, path: Path) -> None:
    wizard.choose_file(path)
    wait_idle(qtbot, wizard.shell)


def _stored(wizard: ImportWizard, sql: str) -> list[tuple]:
    db = wizard.shell.signed_in().db
    return db.execute(sql).fetchall()


def test_agent_imports_the_messy_workbook_and_exports_the_rejects(
    qtbot, branch, make_shell, tmp_path: Path
) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    create_client(ctx, ClientDraft(name="陈刚", phone=fx.EXISTING_PHONE))
    ctx.close()
    wizard = _wizard(qtbot, branch, make_shell, Role.AGENT)
    source = fx.messy_workbook(tmp_path / "list.xlsx")
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    dialogs.set_next_path(source)
    wizard.file_page.choose_button.click()
    wait_idle(qtbot, wizard.shell)
    assert "row 3" in wizard.file_page.message.text() and "10" in wizard.file_page.message.text()
    assert next_button.isEnabled()

    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    page = wizard.mapping_page
    assert page.chosen()[:3] == ["ignore", "name", "phone"]
    assert page.combos[7].currentText() == "Ignore"  # 微信号: an extra column
    page.set_target(6, "ignore")  # 备注
    page.set_target(7, "notes")  # 微信号
    page.set_target(1, "ignore")
    assert not next_button.isEnabled() and "name" in page.message.text()
    page.set_target(1, "name")
    assert next_button.isEnabled()

    wizard.next()
    assert wizard.currentId() == OPTIONS_PAGE
    assert not wizard.options_page.consent_box.isVisibleTo(wizard)  # managers only
    assert not wizard.options_page.assign_combo.isVisibleTo(wizard)
    with qtbot.waitSignal(wizard.imported, timeout=15_000) as imported:
        wizard.next()
    wait_idle(qtbot, wizard.shell)
    assert imported.args == [3]
    assert wizard.currentId() == RESULT_PAGE
    result = wizard.result_page
    assert "Imported: 3" in result.counts.text() and "Rejected rows: 5" in result.counts.text()
    assert "repeated in the file: 1" in result.counts.text()
    table = result.rejects
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["7", "8", "9", "13", "14"]
    assert "Phone" in table.item(0, 1).text()
    assert "delete" in result.reminder.text().lower()
    assert "personal data" in result.personal_data_note.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert _stored(wizard, "SELECT notes FROM clients WHERE full_name = '张伟'") == [("wx_zw",)]

    out = tmp_path / "rejects.csv"
    dialogs.set_next_path(out)
    result.export_button.click()
    wait_idle(qtbot, wizard.shell)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and "5" in result.message.text()
    assert dialogs.history()[-1].kind == "save_file"


def test_manager_assigns_to_an_agent_and_confirms_consent(qtbot, branch, make_shell, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, branch, make_shell, Role.MANAGER)
    header = ("姓名", "手机", "身份证号", "阶段")
    path = fx.write_workbook(
        tmp_path / "ids.xlsx",
        header,
        [
            (2, ("李娜", "13912345678", fx.LINA_ID, "认购")),
            (3, ("刘洋", "13412345678", fx.LIUYANG_ID, "线索")),
        ],
    )
    _choose(qtbot, wizard, path)
    wizard.next()
    wizard.next()
    wait_idle(qtbot, wizard.shell)
    options = wizard.options_page
    assert options.consent_box.isVisibleTo(wizard)
    combo = options.assign_combo
    assert (
        combo.findData("zhangwei") >= 0
        and combo.findData("it.admin") < 0
        and combo.findData("audit.chen") < 0
    )
    combo.setCurrentIndex(combo.findData("zhangwei"))
    options.consent_box.setChecked(True)
    with qtbot.waitSignal(wizard.imported, timeout=15_000) as imported:
        wizard.next()
    wait_idle(qtbot, wizard.shell)
    assert imported.args == [2]
    assert "not imported: 1" in wizard.result_page.counts.text()  # the lead's ID number
    rows = _stored(
        wizard,
        "SELECT full_name, id_number, staff.username FROM clients JOIN staff ON staff.id = assigned_agent_id "
        "ORDER BY full_name",
    )
    assert sorted(rows) == [("刘洋", None, "zhangwei"), ("李娜", fx.LINA_ID, "zhangwei")]
    assert not wizard.result_page.export_button.isEnabled()  # nothing rejected


def test_a_manager_may_remember_the_columns_for_the_whole_branch(
    qtbot, branch, make_shell, tmp_path: Path
) -> None:
    path = fx.write_workbook(tmp_path / "a.xlsx", ("联络人", "手机"), [(2, ("张伟", "13812345678"))])
    agent = _wizard(qtbot, branch, make_shell, Role.AGENT)
    _choose(qtbot, agent, path)
    agent.next()
    assert not agent.mapping_page.branch_box.isVisibleTo(agent)  # managers only
    agent.close()

    wizard = _wizard(qtbot, branch, make_shell, Role.MANAGER)
    _choose(qtbot, wizard, path)
    wizard.next()
    page = wizard.mapping_page
    assert page.branch_box.isVisibleTo(wizard) and not page.branch_box.isChecked()
    page.set_target(0, "name")
    page.branch_box.setChecked(True)
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=15_000):
        wizard.next()
    wait_idle(qtbot, wizard.shell)
    assert _stored(wizard, "SELECT owner_staff_id, header, field FROM import_header_mappings") == [
        (0, "联络人", "name")
    ]


def test_an_unreadable_file_is_explained_and_blocks_the_next_step(
    qtbot, branch, make_shell, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, branch, make_shell, Role.AGENT, language="zh_CN")
    old = tmp_path / "list.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    _choose(qtbot, wizard, old)
    assert ".xlsx" in wizard.file_page.message.text() and "另存为" in wizard.file_page.message.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    dialogs.set_next_path(None)  # the user cancels the file dialog: nothing changes
    wizard.file_page.choose_button.click()
    assert wizard.path == old


def test_a_failed_import_is_shown_and_nothing_is_imported(
    qtbot, branch, make_shell, tmp_path: Path, monkeypatch
) -> None:
    from desktop_app.store.client_repository import ClientRepository

    wizard = _wizard(qtbot, branch, make_shell, Role.AGENT)
    path = fx.write_workbook(
        tmp_path / "a.xlsx", ("姓名", "手机"), [(2, ("张伟", "13812345678")), (3, ("李娜", "13912345678"))]
    )
    _choose(qtbot, wizard, path)
    wizard.next()
    wizard.next()
    real_add = ClientRepository.add
    calls: list[int] = []

    def failing_add(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            from desktop_app.domain.errors import BranchVaultError

            raise BranchVaultError("写入失败。", "The write failed.")
        return real_add(self, *args, **kwargs)

    monkeypatch.setattr(ClientRepository, "add", failing_add)
    with qtbot.waitSignal(wizard.failed, timeout=15_000):
        wizard.next()
    wait_idle(qtbot, wizard.shell)
    assert "The write failed." in wizard.result_page.message.text()
    assert _stored(wizard, "SELECT count(*) FROM clients") == [(0,)]


def test_the_rejects_table_shows_every_problem_of_a_row_and_no_count_of_other_staffs_clients(
    qtbot, branch, make_shell, tmp_path: Path
) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.MANAGER])
    create_client(ctx, ClientDraft(name="陈刚", phone=fx.EXISTING_PHONE))  # the manager's client
    ctx.close()
    wizard = _wizard(qtbot, branch, make_shell, Role.AGENT)
    path = fx.write_workbook(
        tmp_path / "rows.xlsx",
        ("姓名", "手机", "地址"),
        [(2, ("张伟", "12345", "科技园路1号")), (3, ("陈刚", fx.EXISTING_PHONE, "江苏省南京市玄武区"))],
    )
    _choose(qtbot, wizard, path)
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=15_000):
        wizard.next()
    wait_idle(qtbot, wizard.shell)
    result = wizard.result_page
    text = result.rejects.item(0, 1).text()
    assert "Phone" in text and "Address" in text and len(text.splitlines()) == 2
    assert "Rejected rows: 1" in result.counts.text() and "Duplicates skipped: 1" in result.counts.text()
    assert "manager" not in result.counts.text()  # another staff member's client: not told apart
