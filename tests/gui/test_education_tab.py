"""The privacy-education tab with pytest-qt: a manager adds a campaign, ticks participants found by
search, imports an attendee list, prints the leaflet for a client (recorded as participation) and
saves it; the figures follow. An auditor sees the campaigns but no participation; IT gets no tab."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.services.education import add_campaign
from desktop_app.store.education_repository import ParticipationRepository
from desktop_app.ui import dialogs
from desktop_app.ui.education.education_tab import PARTICIPANTS, EducationTab, make_tab
from tests.documents.pdf_tools import flat_text, requires_poppler
from tests.gui.conftest import signed_in, wait_idle


def _tab(qtbot, shell) -> EducationTab:
    tab = make_tab(shell)
    assert isinstance(tab, EducationTab)
    qtbot.addWidget(tab)
    tab.resize(1000, 500)
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.show()
    return tab


@pytest.fixture
def manager_shell(branch, make_shell):
    me = signed_in(branch.context(), *branch.users[Role.MANAGER])
    for name, phone in (("欧阳春花", "13987654321"), ("王芳", "13711112222"), ("李雷", "13600001111")):
        create_client(me, ClientDraft(name=name, phone=phone))
    return make_shell(me, language="en")


@requires_poppler
def test_campaign_attendees_import_and_leaflet(qtbot, manager_shell, tmp_path: Path) -> None:
    tab = _tab(qtbot, manager_shell)
    assert tab.table.rowCount() == 0
    assert "0 of 4" in tab.campaign_figure.text()
    assert "0 of 3 active clients" in tab.participation_figure.text()

    dialog = tab.open_add_campaign()
    assert "client names" in dialog.hint.text() and "客户姓名" in dialog.hint.text()
    dialog.channel.setCurrentIndex(dialog.channel.findData("store_talk"))
    dialog.topic.setText("识别冒充开发商退定金诈骗")
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        dialog.ok_button.click()
    assert tab.table.rowCount() == 1 and "1 of 4" in tab.campaign_figure.text()
    assert not tab.attendees_button.isEnabled()
    tab.table.selectRow(0)
    assert tab.attendees_button.isEnabled() and tab.import_button.isEnabled()

    picker = tab.open_attendees()
    assert picker is not None
    with qtbot.waitSignal(picker.searched, timeout=10_000):
        picker.search.setText("欧阳")
    assert picker.results.count() == 1 and "欧阳春花" not in picker.results.item(0).text()  # masked
    picker.tick(0)
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        picker.ok_button.click()
    assert tab.table.item(0, PARTICIPANTS).text() == "1"
    assert "1 of 3 active clients = 33.3%" in tab.participation_figure.text()

    sheet = tmp_path / "attendees.csv"
    sheet.write_text("签到表\n姓名,手机号码\n王芳,13711112222\n路人,13312345678\n", encoding="utf-8")
    dialogs.set_next_answer(dialogs.Button.Ok)
    with qtbot.waitSignal(tab.imported, timeout=15_000):
        tab.import_attendee_list(sheet)
    wait_idle(qtbot, manager_shell)
    assert tab.last_import is not None and [r.outcome.value for r in tab.last_import.rows] == [
        "matched",
        "not_found",
    ]
    assert "13312345678" not in dialogs.history()[-1].text
    assert tab.table.item(0, PARTICIPANTS).text() == "2"

    picker = tab.open_client_leaflet()
    with qtbot.waitSignal(picker.searched, timeout=10_000):
        picker.search.setText("李雷")
    with qtbot.waitSignal(tab.leaflet_ready, timeout=20_000):
        picker.ok_button.click()
    wait_idle(qtbot, manager_shell)
    me = manager_shell.signed_in()
    repo = ParticipationRepository(me.db)
    lei = me.db.execute("SELECT id FROM client_data.clients WHERE full_name = '李雷'").fetchone()[0]
    assert [r.kind.value for r in repo.of_client(lei)] == ["leaflet"]
    assert "3 of 3 active clients = 100.0%" in tab.participation_figure.text()
    choice = tab.last_leaflet
    assert choice is not None and choice.for_client and choice.has_pdf
    dialogs.set_next_path(tmp_path / "tips.pdf")
    with qtbot.waitSignal(choice.saved):
        choice.save_button.click()
    text = flat_text((tmp_path / "tips.pdf").read_bytes(), tmp_path)
    assert "验证码" in text and "李雷" not in text
    choice.reject()
    assert not choice.has_pdf


def test_the_auditor_sees_campaigns_but_no_participation(qtbot, branch, make_shell) -> None:
    manager = signed_in(branch.context(), *branch.users[Role.MANAGER])
    add_campaign(manager, manager.today(), "wechat_article", "证件复印件怎么写")
    manager.close()
    auditor = make_shell(signed_in(branch.context(), *branch.users[Role.AUDITOR]), language="en")
    tab = _tab(qtbot, auditor)
    assert tab.table.rowCount() == 1 and tab.table.isColumnHidden(PARTICIPANTS)
    assert "client-data key" in tab.participation_figure.text()
    assert not tab.add_button.isVisibleTo(tab) and not tab.attendees_button.isVisibleTo(tab)
    assert tab.leaflet_button.isVisibleTo(tab)
    it = make_shell(signed_in(branch.context(), *branch.users[Role.IT_ADMIN]), language="en")
    assert make_tab(it) is None


def test_the_client_page_prints_the_tips_and_records_them(qtbot, branch, make_shell) -> None:
    from desktop_app.ui.clients.client_detail_dialog import ClientDetailDialog

    me = signed_in(branch.context(), *branch.users[Role.AGENT])
    client_id = create_client(me, ClientDraft(name="欧阳春花", phone="13987654321")).id
    shell = make_shell(me, language="zh_CN")
    dialog = ClientDetailDialog(shell, client_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=15_000):
        dialog.show()
    assert dialog.tips_button.isVisibleTo(dialog) and dialog.tips_button.text() == "打印隐私提示单(&T)…"
    dialog.tips_button.click()
    qtbot.waitUntil(lambda: ParticipationRepository(me.db).count_for_client(client_id) == 1, timeout=20_000)
    wait_idle(qtbot, shell)
    assert [r.kind.value for r in ParticipationRepository(me.db).of_client(client_id)] == ["leaflet"]
