"""The full intake form: every field saved, field errors shown at the field with nothing lost, the
sensitive-data gate on the ID number and income band, duplicates, and a layout that fits 1280x800."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.resident_id_numbers import check_character
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.staff_accounts import add_staff
from desktop_app.store.client_repository import ClientRepository
from desktop_app.ui.clients.client_edit_dialog import ClientEditDialog
from desktop_app.ui.clients.client_form import ClientForm
from desktop_app.ui.clients.client_table_model import PHONE
from desktop_app.ui.clients.clients_page import ClientsPage
from desktop_app.ui.clients.intake_dialog import IntakeDialog
from tests.consent_support import signed_form
from tests.gui.conftest import signed_in, wait_idle
from tests.support.client_access import confirm
from tests.support.contexts import context_of

ID_17 = "44030519800101123"
RESIDENT_ID = ID_17 + check_character(ID_17)
OTHER_AGENT = ("lisi", "Agt!Other#2026xy")


def _choose(form: ClientForm, key: str, code: str) -> None:
    combo = form.combo(key)
    index = combo.findData(code)
    assert index >= 0, (key, code)
    combo.setCurrentIndex(index)


def _page(qtbot, branch, make_shell, role: Role = Role.AGENT, language: str = "en") -> ClientsPage:
    ctx = signed_in(branch.context(), *branch.users[role])
    page = ClientsPage(make_shell(ctx, language=language))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        page.show()
    wait_idle(qtbot, page.shell)
    return page


def _stored(page: ClientsPage):
    db = page.shell.signed_in().db
    repo = ClientRepository(db)
    (client_id,) = db.execute("SELECT id FROM clients ORDER BY id DESC LIMIT 1").fetchone()
    client = repo.get(client_id)
    assert client is not None
    return client


def _fill_everything(form: ClientForm) -> None:
    form.line("name").setText("欧阳娜娜")
    form.line("phone").setText("139 0000 1234")
    form.line("email").setText("nana@example.com")
    _choose(form, "stage", "subscription")
    _choose(form, "source_channel", "referral")
    _choose(form, "province", "广东省")
    form.line("city").setText("深圳市")
    form.line("district").setText("南山区")
    form.line("address_detail").setText("科技园路 1 号")
    form.notes.setPlainText("周末看房")
    for key, code in (
        ("intention_level", "A"),
        ("property_type", "residential"),
        ("area_range", "90_120"),
        ("budget_band", "300_500"),
        ("payment_method", "mortgage"),
        ("purchase_purpose", "own_use"),
        ("purchase_timeline", "1_3_months"),
    ):
        _choose(form, key, code)
    form.line("intended_districts").setText("南山区、福田区")


def test_a_full_intake_saves_every_field_and_appears_in_the_list(qtbot, branch, make_shell) -> None:
    page = _page(qtbot, branch, make_shell)
    dialog = page.open_intake()
    _fill_everything(dialog.form)
    with qtbot.waitSignals([dialog.created, page.model.loaded], timeout=15_000):
        dialog.ok_button.click()
    assert page.model.rowCount() == 1
    page.model.index(0, PHONE).data()
    qtbot.waitUntil(lambda: page.model.summary(0) is not None)
    assert page.model.index(0, PHONE).data().endswith("1234")
    v = _stored(page).values
    assert (v.full_name, v.phone_e164, v.email) == ("欧阳娜娜", "+8613900001234", "nana@example.com")
    c = v.choices
    assert (v.stage, c["source_channel"], c["intention_level"]) == ("subscription", "referral", "A")
    assert (v.province, v.city, v.district, v.address_detail) == (
        "广东省",
        "深圳市",
        "南山区",
        "科技园路 1 号",
    )
    assert (c["property_type"], c["area_range"], c["budget_band"]) == ("residential", "90_120", "300_500")
    assert (c["payment_method"], c["purchase_purpose"], c["purchase_timeline"]) == (
        "mortgage",
        "own_use",
        "1_3_months",
    )
    assert v.intended_districts == "南山区、福田区" and v.notes == "周末看房"
    # The sensitive-data consent is recorded from the signed form afterwards: nothing sensitive yet.
    assert (v.sensitive_consent, v.id_type, v.id_number, v.income_band) == (False, None, None, None)


def test_a_bad_phone_is_shown_at_the_phone_field_and_nothing_typed_is_lost(qtbot, branch, make_shell) -> None:
    page = _page(qtbot, branch, make_shell, language="zh_CN")
    dialog = page.open_intake()
    form = dialog.form
    _fill_everything(form)
    form.line("phone").setText("12345")
    with qtbot.waitSignal(dialog.failed, timeout=15_000):
        dialog.ok_button.click()
    wait_idle(qtbot, page.shell)
    assert dialog.isVisible()
    assert form.error_field == "phone"
    message = form.field_errors["phone"]
    assert message.isVisible() and "电话号码" in message.text()
    assert form.line("phone").styleSheet() and not form.line("name").styleSheet()
    assert not form.field_errors["name"].isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.line("phone"), timeout=5_000)
    assert form.line("phone").text() == "12345"
    assert form.line("name").text() == "欧阳娜娜" and form.line("email").text() == "nana@example.com"
    assert form.combo("budget_band").currentData() == "300_500" and form.notes.toPlainText() == "周末看房"
    db = page.shell.signed_in().db
    assert db.execute("SELECT COUNT(*) FROM clients").fetchone()[0] == 0

    form.line("phone").setText("13900001234")  # fixed: the mark goes, the client is created
    with qtbot.waitSignal(dialog.created, timeout=15_000):
        dialog.ok_button.click()
    assert form.error_field is None and not form.field_errors["phone"].isVisible()
    assert db.execute("SELECT COUNT(*) FROM clients").fetchone()[0] == 1


@pytest.fixture
def consented_lead(branch) -> int:
    """A lead whose signed consent form (sensitive data given) is recorded."""
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    client_id = create_client(
        ctx, ClientDraft(name="欧阳娜娜", phone="13900001234"), consent=signed_form(ctx)
    ).id
    sign_out(ctx)
    ctx.close()
    return client_id


def _edit(qtbot, branch, make_shell, client_id: int) -> ClientEditDialog:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    dialog = ClientEditDialog(make_shell(ctx), client_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=15_000):
        dialog.show()
    return dialog


def test_an_invalid_id_number_is_marked_at_the_id_field(qtbot, branch, consented_lead, make_shell) -> None:
    dialog = _edit(qtbot, branch, make_shell, consented_lead)
    _choose(dialog.form, "stage", "subscription")
    dialog.form.line("id_number").setText(RESIDENT_ID[:-1] + ("0" if RESIDENT_ID[-1] != "0" else "1"))
    with qtbot.waitSignal(dialog.failed, timeout=15_000):
        dialog.save_button.click()
    assert dialog.form.error_field == "id_number"
    assert "ID number" in dialog.form.field_errors["id_number"].text()


def test_intake_never_opens_the_id_number_without_a_recorded_consent(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    form = ClientForm(make_shell(ctx))
    qtbot.addWidget(form)
    assert not form.consent.isEnabled() and not form.consent.isChecked()
    assert "signed consent form" in form.consent_hint.text()
    for stage in ("lead", "subscription", "contract"):
        _choose(form, "stage", stage)
        assert not form.fields["id_number"].isEnabled() and not form.fields["income_band"].isEnabled()
    form.consent.setChecked(True)  # the box is only a display: it opens nothing and is never sent
    form.line("id_number").setText(RESIDENT_ID)
    assert "sensitive_consent" not in form.values()
    assert form.draft().sensitive_consent is False and form.draft().id_number == ""


def test_the_id_number_and_income_are_open_only_from_subscription_with_consent(
    qtbot, branch, consented_lead, make_shell
) -> None:
    dialog = _edit(qtbot, branch, make_shell, consented_lead)
    form = dialog.form
    id_number, income = form.fields["id_number"], form.fields["income_band"]
    assert form.combo("stage").currentData() == "lead"
    assert form.consent.isChecked() and not form.consent.isEnabled()  # the recorded consent, read-only
    assert not id_number.isEnabled() and not income.isEnabled()  # consent alone: still a lead
    _choose(form, "stage", "subscription")
    assert id_number.isEnabled() and income.isEnabled() and form.fields["id_type"].isEnabled()
    form.line("id_number").setText(RESIDENT_ID)
    _choose(form, "income_band", "10_20")
    assert form.changes()["id_number"] == RESIDENT_ID and form.changes()["income_band"] == "10_20"
    assert "sensitive_consent" not in form.changes()
    _choose(form, "stage", "visiting")  # before subscription: closed again, kept on screen but not sent
    assert not id_number.isEnabled() and not income.isEnabled()
    assert form.line("id_number").text() == RESIDENT_ID
    assert form.values()["id_number"] == "" and form.values()["income_band"] == ""
    _choose(form, "stage", "contract")
    assert id_number.isEnabled()


def test_a_first_visit_needs_only_a_surname_and_a_phone(qtbot, branch, make_shell) -> None:
    page = _page(qtbot, branch, make_shell)
    dialog = page.open_intake()
    dialog.form.line("name").setText("王")
    dialog.form.line("phone").setText("13800001111")
    with qtbot.waitSignal(dialog.created, timeout=15_000):
        dialog.ok_button.click()
    v = _stored(page).values
    assert (v.full_name, v.stage, v.email, v.province, v.id_number) == ("王", "lead", None, None, None)


@pytest.fixture
def shared_phone(branch):
    """zhangwei's client on 13912345678 and lisi's on 13655556666."""
    ctx = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    add_staff(ctx, OTHER_AGENT[0], "李四", Role.AGENT, password=OTHER_AGENT[1], must_change=False)
    sign_out(ctx)
    confirm(branch.context, branch.users[Role.MANAGER], OTHER_AGENT)
    ctx = sign_in(context_of(ctx), *branch.users[Role.AGENT])
    mine = create_client(ctx, ClientDraft(name="张伟明", phone="13912345678")).id
    sign_out(ctx)
    ctx = sign_in(context_of(ctx), *OTHER_AGENT)
    create_client(ctx, ClientDraft(name="李娜娜", phone="13655556666"))
    sign_out(ctx)
    ctx.close()
    return mine


def test_a_duplicate_phone_opens_the_existing_client(qtbot, branch, shared_phone, make_shell) -> None:
    page = _page(qtbot, branch, make_shell)
    dialog = page.open_intake()
    dialog.form.line("name").setText("张先生")
    dialog.form.line("phone").setText("139-1234-5678")
    with qtbot.waitSignal(dialog.failed, timeout=15_000):
        dialog.ok_button.click()
    assert dialog.form.error_field == "phone"
    assert dialog.existing_client_id == shared_phone and dialog.open_existing_button.isVisible()
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        dialog.open_existing_button.click()
    assert page.detail_dialog is not None and page.detail_dialog.client_id == shared_phone


def test_another_agents_duplicate_says_ask_the_manager(qtbot, branch, shared_phone, make_shell) -> None:
    page = _page(qtbot, branch, make_shell)
    dialog = page.open_intake()
    dialog.form.line("name").setText("李")
    dialog.form.line("phone").setText("13655556666")
    with qtbot.waitSignal(dialog.failed, timeout=15_000) as refused:
        dialog.ok_button.click()
    assert "ask the manager" in refused.args[0]
    assert dialog.error.isVisible() and "ask the manager" in dialog.error.text()
    assert dialog.existing_client_id is None and not dialog.open_existing_button.isVisible()
    assert dialog.form.error_field == "phone"


def test_choices_show_labels_in_the_ui_language_and_keep_codes(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    dialog = IntakeDialog(make_shell(ctx, language="zh_CN"))
    qtbot.addWidget(dialog)
    payment: QComboBox = dialog.form.combo("payment_method")
    assert [payment.itemText(i) for i in range(1, payment.count())] == ["全款", "按揭"]
    assert [payment.itemData(i) for i in range(1, payment.count())] == ["full", "mortgage"]
    source = dialog.form.combo("source_channel")
    assert [source.itemText(i) for i in range(1, source.count())] == [
        "到访",
        "来电",
        "网络",
        "转介绍",
        "渠道",
    ]


def test_the_form_fits_a_1280_by_800_screen(qtbot, branch, make_shell) -> None:
    for language in ("en", "zh_CN"):
        ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
        dialog = IntakeDialog(make_shell(ctx, language=language))
        qtbot.addWidget(dialog)
        dialog.show()
        hint = dialog.sizeHint()
        assert hint.width() <= 1200 and hint.height() <= 740, (language, hint)
        assert all(isinstance(w, QLineEdit) for w in (dialog.form.line("name"), dialog.form.line("phone")))


def test_tab_goes_down_each_column_in_reading_order(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    dialog = IntakeDialog(make_shell(ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.form
    for before, after in (("name", "phone"), ("address_detail", "notes"), ("notes", "intention_level")):
        form.fields[before].setFocus()
        qtbot.waitUntil(lambda w=form.fields[before]: w.hasFocus(), timeout=5_000)
        qtbot.keyClick(form.fields[before], Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda w=form.fields[after]: w.hasFocus(), timeout=5_000)
