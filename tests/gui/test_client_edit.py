"""Editing a client: choices and notes filled in, personal fields only as masked placeholders (blank
= unchanged), only the changed fields saved and audited, errors and duplicates shown at the field."""

from __future__ import annotations

import json

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.store.client_repository import ClientRepository
from desktop_app.ui import dialogs
from desktop_app.ui.clients.client_edit_dialog import ClientEditDialog
from desktop_app.ui.clients.client_table_model import INTENTION
from desktop_app.ui.clients.clients_page import ClientsPage
from tests.consent_support import signed_form
from tests.gui.conftest import signed_in, wait_idle

NAME, PHONE = "张伟明", "13912345678"


@pytest.fixture
def two_clients(branch) -> tuple[int, int]:
    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    first = create_client(
        ctx,
        ClientDraft(
            name=NAME,
            phone=PHONE,
            email="zwm@example.com",
            province="广东省",
            city="深圳市",
            district="南山区",
            address_detail="海德三道 8 号",
            choices={"intention_level": "B", "source_channel": "walk_in", "payment_method": "full"},
            notes="想买学区房",
        ),
    ).id
    second = create_client(ctx, ClientDraft(name="王芳", phone="13987654321")).id
    sign_out(ctx)
    ctx.close()
    return first, second


def _dialog(qtbot, branch, make_shell, client_id: int, language: str = "en") -> ClientEditDialog:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    dialog = ClientEditDialog(make_shell(ctx, language=language), client_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=15_000)
    return dialog


def _stored(dialog: ClientEditDialog, client_id: int):
    db = dialog.shell.signed_in().db
    client = ClientRepository(db).get(client_id)
    assert client is not None
    return client.values


def test_choices_and_notes_are_filled_in_and_personal_fields_only_masked(
    qtbot, branch, two_clients, make_shell
) -> None:
    dialog = _dialog(qtbot, branch, make_shell, two_clients[0])
    form = dialog.form
    assert dialog.windowTitle() == "Edit client"
    assert form.combo("intention_level").currentData() == "B"
    assert form.combo("source_channel").currentData() == "walk_in"
    assert form.combo("payment_method").currentData() == "full"
    assert form.notes.toPlainText() == "想买学区房"
    for key in ("name", "phone", "email", "city", "district", "address_detail", "id_number"):
        assert form.line(key).text() == "", key
    assert form.combo("province").currentData() == ""
    assert (
        form.line("name").placeholderText().startswith("张")
        and NAME not in form.line("name").placeholderText()
    )
    phone_hint = form.line("phone").placeholderText().replace(" ", "")
    assert phone_hint.endswith("5678") and "*" in phone_hint and PHONE not in phone_hint
    assert "@" in form.line("email").placeholderText() and "zwm@" not in form.line("email").placeholderText()
    assert "海德三道" not in form.line("address_detail").placeholderText()
    assert form.changes() == {}


def test_saving_changes_only_what_was_changed_and_is_audited(qtbot, branch, two_clients, make_shell) -> None:
    client_id = two_clients[0]
    dialog = _dialog(qtbot, branch, make_shell, client_id)
    form = dialog.form
    form.combo("intention_level").setCurrentIndex(form.combo("intention_level").findData("A"))
    form.line("phone").setText("137 0000 9999")
    assert form.changes() == {"intention_level": "A", "phone": "137 0000 9999"}
    with qtbot.waitSignal(dialog.saved, timeout=15_000) as saved:
        dialog.save_button.click()
    assert saved.args == [client_id]
    values = _stored(dialog, client_id)
    assert (values.full_name, values.phone_e164, values.choice("intention_level")) == (
        NAME,
        "+8613700009999",
        "A",
    )
    assert (values.email, values.address_detail, values.notes) == (
        "zwm@example.com",
        "海德三道 8 号",
        "想买学区房",
    )
    db = dialog.shell.signed_in().db
    rows = db.execute("SELECT target_id, details FROM audit_log WHERE action = 'client.update'").fetchall()
    assert len(rows) == 1 and rows[0][0] == str(client_id)
    details = json.loads(rows[0][1])
    assert set(details["fields"]) == {"phone_e164", "intention_level"}
    assert PHONE not in rows[0][1] and "+86" + PHONE not in rows[0][1]


def test_a_bad_email_is_marked_and_kept(qtbot, branch, two_clients, make_shell) -> None:
    dialog = _dialog(qtbot, branch, make_shell, two_clients[0], language="zh_CN")
    dialog.form.line("email").setText("not-an-email")
    dialog.form.notes.setPlainText("改了备注")
    with qtbot.waitSignal(dialog.failed, timeout=15_000):
        dialog.save_button.click()
    assert dialog.isVisible() and dialog.form.error_field == "email"
    assert "电子邮箱" in dialog.form.field_errors["email"].text()
    assert dialog.form.line("email").text() == "not-an-email"
    assert dialog.form.notes.toPlainText() == "改了备注"
    assert _stored(dialog, two_clients[0]).notes == "想买学区房"


def test_a_phone_of_another_client_is_refused_as_a_duplicate(qtbot, branch, two_clients, make_shell) -> None:
    dialog = _dialog(qtbot, branch, make_shell, two_clients[0])
    dialog.form.line("phone").setText("13987654321")
    with qtbot.waitSignal(dialog.failed, timeout=15_000) as refused:
        dialog.save_button.click()
    assert "already exists" in refused.args[0]
    assert dialog.form.error_field == "phone" and dialog.error.isVisible()
    assert _stored(dialog, two_clients[0]).phone_e164 == "+86" + PHONE


def test_the_page_edits_the_selected_client_and_reloads(qtbot, branch, two_clients, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    page = ClientsPage(make_shell(ctx))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        page.show()
    wait_idle(qtbot, page.shell)
    assert not page.edit_button.isEnabled()
    page.model.index(0, 0).data()
    qtbot.waitUntil(lambda: page.model.summary(0) is not None)
    page.table.selectRow(0)
    assert page.edit_button.isEnabled()
    selected = page.selected_client_id()
    page.edit_button.click()
    dialog = page.edit_dialog
    assert dialog is not None and dialog.client_id == selected
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=15_000)
    combo = dialog.form.combo("intention_level")
    combo.setCurrentIndex(combo.findData("C"))
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        dialog.save_button.click()
    rows = range(page.model.rowCount())
    for row in rows:
        page.model.index(row, 0).data()
    qtbot.waitUntil(lambda: all(page.model.summary(r) is not None for r in rows))
    levels = {page.model.client_id(r): page.model.index(r, INTENTION).data() for r in rows}
    assert levels[selected] == "C (weak)"


RESIDENT_ID = "110105199003071239"


@pytest.fixture
def buyer(branch) -> int:
    """A client at the subscription stage with consent, an ID number and an income band stored."""
    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    client_id = create_client(
        ctx,
        ClientDraft(
            name="欧阳娜娜",
            phone="13812345678",
            stage="subscription",
            id_type="resident_id",
            id_number=RESIDENT_ID,
            sensitive_consent=True,
            income_band="30_50",
        ),
        consent=signed_form(ctx),
    ).id
    sign_out(ctx)
    ctx.close()
    return client_id


def test_the_consent_box_is_read_only_and_never_sent(qtbot, branch, buyer, make_shell) -> None:
    """The consent follows the recorded forms: the edit form shows it and cannot change it (the
    withdrawal flow on the client's page is tested in test_consent_panel.py)."""
    dialog = _dialog(qtbot, branch, make_shell, buyer)
    form = dialog.form
    assert form.consent.isChecked() and not form.consent.isEnabled()
    assert "signed consent form" in form.consent_hint.text()
    assert form.fields["id_number"].isEnabled() and form.fields["income_band"].isEnabled()
    assert form.combo("income_band").currentData() == "30_50"  # the stored code, not a label read back
    assert "sensitive_consent" not in form.values()
    form.consent.setChecked(False)  # even if something flipped it, it is not a change to send
    assert form.changes() == {} and not form.deletes_sensitive()
    form.consent.setChecked(True)
    _choose_income(form, "50_100")
    assert form.changes() == {"income_band": "50_100"}
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.save_button.click()
    assert all(shown.kind != "question" for shown in dialogs.history())
    values = _stored(dialog, buyer)
    assert (values.sensitive_consent, values.id_number, values.income_band) == (True, RESIDENT_ID, "50_100")


def _choose_income(form, code: str) -> None:
    combo = form.combo("income_band")
    combo.setCurrentIndex(combo.findData(code))


def test_moving_a_buyer_back_before_subscription_deletes_the_id_number(
    qtbot, branch, buyer, make_shell
) -> None:
    dialog = _dialog(qtbot, branch, make_shell, buyer, language="zh_CN")
    stage = dialog.form.combo("stage")
    stage.setCurrentIndex(stage.findData("visiting"))
    assert dialog.form.changes()["id_number"] == ""
    dialogs.set_next_answer(dialogs.Button.Yes)
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.save_button.click()
    assert dialogs.history()[-1].kind == "question"
    values = _stored(dialog, buyer)
    assert (values.stage, values.id_number, values.income_band) == ("visiting", None, None)


def test_a_client_without_sensitive_data_is_saved_without_asking(
    qtbot, branch, two_clients, make_shell
) -> None:
    dialog = _dialog(qtbot, branch, make_shell, two_clients[0])
    dialog.form.combo("intention_level").setCurrentIndex(dialog.form.combo("intention_level").findData("A"))
    assert dialog.form.changes() == {"intention_level": "A"}
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.save_button.click()
    assert all(shown.kind != "question" for shown in dialogs.history())
