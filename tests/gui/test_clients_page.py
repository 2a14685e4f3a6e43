"""The Clients area: the masked list (own clients only for an agent), search as you type, intake
with its errors, the masked detail with notes (audited), and no Clients area for IT."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.navigation import Area
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.staff_accounts import add_staff
from desktop_app.ui.clients.client_table_model import AGENT, INTENTION, LAST_CONTACT, NAME, PHONE, STAGE
from desktop_app.ui.clients.clients_page import ClientsPage
from desktop_app.ui.main_window import MainWindow
from tests.gui.conftest import signed_in, wait_idle

OTHER_AGENT = ("lisi", "Agt!Other#2026xy")
MINE = (("张伟明", "13912345678", "A"), ("王芳", "13987654321", "B"), ("赵磊", "13711112222", ""))
THEIRS = (("李娜娜", "13655556666", "A"),)


@pytest.fixture
def clients_branch(branch):
    """The test branch plus a second agent; three clients for zhangwei and one for lisi."""
    ctx = branch.context()
    sign_in(ctx, *branch.users[Role.IT_ADMIN])
    add_staff(ctx, OTHER_AGENT[0], "李四", Role.AGENT, password=OTHER_AGENT[1], must_change=False)
    sign_out(ctx)
    for credentials, clients in ((branch.users[Role.AGENT], MINE), (OTHER_AGENT, THEIRS)):
        sign_in(ctx, *credentials)
        for name, phone, level in clients:
            create_client(ctx, ClientDraft(name=name, phone=phone, intention_level=level, notes="想买学区房"))
        sign_out(ctx)
    ctx.close()
    return branch


def _page(qtbot, shell) -> ClientsPage:
    page = ClientsPage(shell, page_size=2)
    qtbot.addWidget(page)
    page.resize(900, 400)
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        page.show()
    wait_idle(qtbot, shell)
    return page


def _rows(page: ClientsPage, column: int, qtbot) -> list[str]:
    model = page.model
    for row in range(model.rowCount()):
        model.index(row, column).data()  # asks for the page
    qtbot.waitUntil(lambda: all(model.summary(r) is not None for r in range(model.rowCount())))
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _agent_page(qtbot, branch, make_shell, language: str = "en") -> ClientsPage:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    return _page(qtbot, make_shell(ctx, language=language))


def test_an_agent_sees_only_their_clients_masked_and_paged_lazily(qtbot, clients_branch, make_shell) -> None:
    page = _agent_page(qtbot, clients_branch, make_shell)
    model = page.model
    assert model.rowCount() == 3
    assert model.pages_fetched <= 2
    names = _rows(page, NAME, qtbot)
    assert len(names) == 3 and all(name for name in names)
    assert not {full for full, _, _ in MINE + THEIRS} & set(names)  # masked, and not lisi's client
    assert {name[0] for name in names} == {"张", "王", "赵"}
    phones = _rows(page, PHONE, qtbot)
    assert not any(full in phone for _, full, _ in MINE for phone in phones)
    assert {phone[-4:] for phone in phones} == {"5678", "4321", "2222"}
    assert set(_rows(page, AGENT, qtbot)) == {"zhangwei"}
    assert set(_rows(page, STAGE, qtbot)) == {"Lead (first visit)"}
    assert sorted(_rows(page, INTENTION, qtbot)) == ["", "A (strong)", "B (moderate)"]
    assert all(text == "" for text in _rows(page, LAST_CONTACT, qtbot))
    assert page.count_label.text() == "Clients: 3"
    assert "张" not in page.window().windowTitle()

    page.sort.setCurrentIndex(page.sort.findData("intention"))
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    assert _rows(page, INTENTION, qtbot) == ["A (strong)", "B (moderate)", ""]


def test_typing_a_name_filters_through_search(qtbot, clients_branch, make_shell) -> None:
    page = _agent_page(qtbot, clients_branch, make_shell)
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        qtbot.keyClicks(page.search, "wang")
    assert page.model.rowCount() == 1
    assert _rows(page, PHONE, qtbot)[0].endswith("4321")
    assert page.count_label.text() == "Matching clients: 1"
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        page.search.setText("李娜")  # lisi's client: not found by zhangwei
    assert page.model.rowCount() == 0
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        page.search.clear()
    assert page.model.rowCount() == 3


def test_intake_creates_a_client_that_then_appears(qtbot, clients_branch, make_shell) -> None:
    page = _agent_page(qtbot, clients_branch, make_shell)
    dialog = page.open_intake()
    assert dialog.windowTitle() == "New client"
    dialog.name.setText("陈先生")
    dialog.phone.setText("13800001111")
    dialog.source.setCurrentIndex(dialog.source.findData("walk_in"))
    dialog.intention.setCurrentIndex(dialog.intention.findData("A"))
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        dialog.ok_button.click()
    assert page.model.rowCount() == 4
    assert any(phone.endswith("1111") for phone in _rows(page, PHONE, qtbot))


def test_a_bad_phone_is_shown_in_the_dialog_and_nothing_is_created(qtbot, clients_branch, make_shell) -> None:
    page = _agent_page(qtbot, clients_branch, make_shell, language="zh_CN")
    shell = page.shell
    dialog = page.open_intake()
    assert dialog.windowTitle() == "新客户"
    dialog.name.setText("陈")
    dialog.phone.setText("12345")
    dialog.ok_button.click()
    wait_idle(qtbot, shell)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "电话" in dialog.error.text()
    _, db = shell.context().require_session()
    assert db.execute("SELECT COUNT(*) FROM clients").fetchone()[0] == 4

    dialog.phone.setText("139 1234 5678")  # zhangwei's own client: offer to open it
    dialog.ok_button.click()
    wait_idle(qtbot, shell)
    assert "已有相同电话号码的客户" in dialog.error.text()
    assert dialog.open_existing_button.isVisible() and dialog.existing_client_id is not None
    existing = dialog.existing_client_id
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        dialog.open_existing_button.click()
    assert page.detail_dialog is not None and page.detail_dialog.client_id == existing
    qtbot.waitUntil(lambda: page.detail_dialog is not None and page.detail_dialog.detail is not None)
    assert db.execute("SELECT COUNT(*) FROM clients").fetchone()[0] == 4


def test_detail_shows_masked_values_and_notes_and_is_audited(qtbot, clients_branch, make_shell) -> None:
    page = _agent_page(qtbot, clients_branch, make_shell)
    _rows(page, NAME, qtbot)
    index = page.model.index(0, NAME)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.detail_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=15_000)
    assert dialog.windowTitle() == "Client details"
    assert dialog.values["name"].text() == index.data()
    assert dialog.values["name"].text() not in {full for full, _, _ in MINE}
    phone = dialog.values["phone"].text()
    assert "*" in phone and not any(full in phone.replace(" ", "") for _, full, _ in MINE)
    assert dialog.notes.toPlainText() == "想买学区房"
    assert len(dialog.values["created"].text()) == 10 and dialog.values["created"].text()[4] == "-"
    _, db = page.shell.context().require_session()
    viewed = db.execute(
        "SELECT actor_username, target_id FROM audit_log WHERE action = 'client.view'"
    ).fetchall()
    assert viewed == [("zhangwei", str(dialog.client_id))]


def test_it_admin_never_sees_the_clients_area(qtbot, clients_branch, make_shell) -> None:
    ctx = signed_in(clients_branch.context(), *clients_branch.users[Role.IT_ADMIN])
    window = MainWindow(make_shell(ctx))
    qtbot.addWidget(window)
    window.show()
    assert Area.CLIENTS not in window.area_ids()
    assert not window.findChildren(ClientsPage)
