"""The Clients area: the masked list (own clients only for an agent), search as you type, filters
(intention, stage, source, agent, last-contact days) on the list, the count and the search, pinyin
name order, intake with its errors, the masked detail with notes (audited), and no Clients area
for IT."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QDate, Qt

from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.navigation import Area
from desktop_app.domain.roles import Role
from desktop_app.services.client_followups import add_followup
from desktop_app.services.client_intake import create_client, update_client
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.staff_accounts import add_staff
from desktop_app.ui.clients.client_filters import BRANCH_TIME, contact_range
from desktop_app.ui.clients.client_table_model import AGENT, INTENTION, LAST_CONTACT, NAME, PHONE, STAGE
from desktop_app.ui.clients.clients_page import ClientsPage
from desktop_app.ui.main_window import MainWindow
from tests.gui.conftest import signed_in, wait_idle
from tests.support.client_access import confirm
from tests.support.contexts import context_of

OTHER_AGENT = ("lisi", "Agt!Other#2026xy")
MINE = (("张伟明", "13912345678", "A"), ("王芳", "13987654321", "B"), ("赵磊", "13711112222", ""))
THEIRS = (("李娜娜", "13655556666", "A"),)


@pytest.fixture
def clients_branch(branch):
    """The test branch plus a second agent; three clients for zhangwei and one for lisi."""
    ctx = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    add_staff(ctx, OTHER_AGENT[0], "李四", Role.AGENT, password=OTHER_AGENT[1], must_change=False)
    sign_out(ctx)
    confirm(branch.context, branch.users[Role.MANAGER], OTHER_AGENT)
    for credentials, clients in ((branch.users[Role.AGENT], MINE), (OTHER_AGENT, THEIRS)):
        ctx = sign_in(context_of(ctx), *credentials)
        for name, phone, level in clients:
            create_client(
                ctx,
                ClientDraft(name=name, phone=phone, notes="想买学区房", choices={"intention_level": level}),
            )
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
    assert page.import_button.isVisibleTo(page) and page.new_button.isEnabled()
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
    form = dialog.form
    form.line("name").setText("陈先生")
    form.line("phone").setText("13800001111")
    form.combo("source_channel").setCurrentIndex(form.combo("source_channel").findData("walk_in"))
    form.combo("intention_level").setCurrentIndex(form.combo("intention_level").findData("A"))
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        dialog.ok_button.click()
    assert page.model.rowCount() == 4
    assert any(phone.endswith("1111") for phone in _rows(page, PHONE, qtbot))


def test_a_bad_phone_is_shown_in_the_dialog_and_nothing_is_created(qtbot, clients_branch, make_shell) -> None:
    page = _agent_page(qtbot, clients_branch, make_shell, language="zh_CN")
    shell = page.shell
    dialog = page.open_intake()
    assert dialog.windowTitle() == "新客户"
    dialog.form.line("name").setText("陈")
    dialog.form.line("phone").setText("12345")
    dialog.ok_button.click()
    wait_idle(qtbot, shell)
    assert dialog.isVisible() and dialog.form.error_field == "phone"
    assert "电话" in dialog.form.field_errors["phone"].text()
    db = shell.signed_in().db
    assert db.execute("SELECT COUNT(*) FROM clients").fetchone()[0] == 4

    dialog.form.line("phone").setText("139 1234 5678")  # zhangwei's own client: offer to open it
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


def test_an_id_number_typed_into_the_notes_is_shown_on_the_notes_field(
    qtbot, clients_branch, make_shell
) -> None:
    page = _agent_page(qtbot, clients_branch, make_shell, language="zh_CN")
    dialog = page.open_intake()
    dialog.form.line("name").setText("陈先生")
    dialog.form.line("phone").setText("13800001111")
    dialog.form.notes.setPlainText("身份证 11010519491231002x，电话 138 0000 1111")
    dialog.ok_button.click()
    wait_idle(qtbot, page.shell)
    assert dialog.isVisible() and dialog.form.error_field == "notes"
    assert dialog.form.field_errors["notes"].text().startswith("备注：不能填写身份证号码")
    db = page.shell.signed_in().db
    assert db.execute("SELECT COUNT(*) FROM clients").fetchone()[0] == 4
    dialog.reject()


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
    db = page.shell.signed_in().db
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


# ------------------------------------------------------------------------------------------- filters


@pytest.fixture
def contacted_branch(clients_branch):
    """王芳 moves to "visiting"; 张伟明 was called at 23:30 and 王芳 at 00:30 the next day, Beijing
    time (the same UTC day: 15:30Z and 16:30Z on 2027-01-10). The clock reads 2027-01-15."""
    ctx = clients_branch.context()
    ctx = sign_in(context_of(ctx), *clients_branch.users[Role.AGENT])
    db = ctx.db
    ids = dict(db.execute("SELECT phone_e164, id FROM clients").fetchall())
    update_client(ctx, ids["+8613987654321"], {"stage": "visiting"})
    add_followup(ctx, ids["+8613912345678"], "call", "回访", at=datetime(2027, 1, 10, 15, 30, tzinfo=UTC))
    add_followup(ctx, ids["+8613987654321"], "call", "回访", at=datetime(2027, 1, 10, 16, 30, tzinfo=UTC))
    sign_out(ctx)
    ctx.close()
    return clients_branch


def _choose(combo, code) -> None:
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def _last_four(page: ClientsPage, qtbot) -> set[str]:
    return {phone[-4:] for phone in _rows(page, PHONE, qtbot)}


def test_filters_narrow_the_list_and_the_count(qtbot, contacted_branch, make_shell) -> None:
    page = _agent_page(qtbot, contacted_branch, make_shell)
    bar = page.filters
    assert not bar.agent.isVisibleTo(page)  # an agent sees only their own clients anyway
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        _choose(bar.intention, "A")
    assert _last_four(page, qtbot) == {"5678"}
    assert page.count_label.text() == "Matching clients: 1"
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        _choose(bar.stage, "visiting")  # A and visiting: nobody
    assert page.model.rowCount() == 0 and page.count_label.text() == "Matching clients: 0"
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        _choose(bar.intention, "")
    assert _last_four(page, qtbot) == {"4321"}
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        _choose(bar.source, "walk_in")  # nobody has a source channel
    assert page.model.rowCount() == 0
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        bar.clear_button.click()
    assert page.model.rowCount() == 3 and page.count_label.text() == "Clients: 3"
    assert bar.intention.currentData() == "" and bar.stage.currentData() == ""


def test_the_last_contact_range_is_in_local_days(qtbot, contacted_branch, make_shell) -> None:
    page = _agent_page(qtbot, contacted_branch, make_shell)
    bar = page.filters
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        bar.contact_from.setDate(QDate(2027, 1, 11))
    assert _last_four(page, qtbot) == {"4321"}  # 00:30 on the 11th in Beijing
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        bar.contact_from.setDate(QDate(2027, 1, 10))
    assert _last_four(page, qtbot) == {"5678", "4321"}  # never-contacted 赵磊 is left out
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        bar.contact_to.setDate(QDate(2027, 1, 10))
    assert _last_four(page, qtbot) == {"5678"}
    assert page.count_label.text() == "Matching clients: 1"
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        bar.contact_from.setDate(bar.contact_from.minimumDate())  # "any" .. the 10th
    assert _last_four(page, qtbot) == {"5678"}
    assert bar.contact_from.text() == "any"


def test_contact_range_converts_beijing_days_to_utc_bounds() -> None:
    assert contact_range(None, None) == (None, None)
    assert contact_range(date(2027, 1, 11), date(2027, 1, 11)) == (
        "2027-01-10T16:00:00.000000Z",
        "2027-01-11T16:00:00.000000Z",
    )
    assert contact_range(None, date(2026, 12, 31)) == (None, "2026-12-31T16:00:00.000000Z")


@given(
    first=st.dates(date(2001, 1, 1), date(2098, 12, 31)),
    days=st.integers(0, 400),
    moment=st.datetimes(datetime(2000, 6, 1), datetime(2099, 6, 1)),
)
def test_a_contact_is_in_the_range_exactly_when_its_beijing_day_is(first, days, moment) -> None:
    last = first + timedelta(days=days)
    start, before = contact_range(first, last)
    stored = utc_timestamp(moment.replace(tzinfo=UTC).timestamp())  # as the database holds it
    assert start is not None and before is not None
    in_range = start <= stored < before  # the comparison ClientFilter makes in SQL
    assert in_range == (first <= moment.replace(tzinfo=UTC).astimezone(BRANCH_TIME).date() <= last)


def test_a_manager_filters_by_agent(qtbot, contacted_branch, make_shell) -> None:
    ctx = signed_in(contacted_branch.context(), *contacted_branch.users[Role.MANAGER])
    page = _page(qtbot, make_shell(ctx))
    bar = page.filters
    assert page.model.rowCount() == 4 and bar.agent.isVisibleTo(page)
    names = [bar.agent.itemText(i) for i in range(bar.agent.count())]
    assert "李四" in names and "zhangwei" in names and "it.admin" not in names
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        bar.agent.setCurrentIndex(bar.agent.findText("李四"))
    assert _last_four(page, qtbot) == {"6666"}
    assert page.count_label.text() == "Matching clients: 1"
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        bar.agent.setCurrentIndex(bar.agent.findText("zhangwei"))
    assert page.model.rowCount() == 3
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        _choose(bar.intention, "A")
    assert _last_four(page, qtbot) == {"5678"}


def test_search_and_filters_together(qtbot, contacted_branch, make_shell) -> None:
    ctx = signed_in(contacted_branch.context(), *contacted_branch.users[Role.MANAGER])
    page = _page(qtbot, make_shell(ctx))
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        page.search.setText("l")  # 李娜娜 (li), 赵磊 (lei)
    assert _last_four(page, qtbot) == {"6666", "2222"}
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        _choose(page.filters.intention, "A")
    assert _last_four(page, qtbot) == {"6666"}
    assert page.count_label.text() == "Matching clients: 1"
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        page.filters.agent.setCurrentIndex(page.filters.agent.findText("zhangwei"))
    assert page.model.rowCount() == 0


def test_name_sort_is_pinyin_order(qtbot, contacted_branch, make_shell) -> None:
    ctx = signed_in(contacted_branch.context(), *contacted_branch.users[Role.MANAGER])
    page = _page(qtbot, make_shell(ctx))
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        page.sort.setCurrentIndex(page.sort.findData("name"))
    assert [name[0] for name in _rows(page, NAME, qtbot)] == ["李", "王", "张", "赵"]
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        _choose(page.filters.intention, "A")
    assert [name[0] for name in _rows(page, NAME, qtbot)] == ["李", "张"]
