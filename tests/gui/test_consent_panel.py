"""The Consent tab of the client detail page with pytest-qt, a real store and the real printing
code: print the form up to the system print dialog, print it to a PDF-file printer and save it as a
PDF; record the signed form (field errors at the field, nothing lost); withdraw a consent (the ID
number and income leave the page at once); the re-consent flag in the client list after a new
notice version changed a purpose."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.consent_purposes import PurposeId, purpose
from desktop_app.domain.roles import Role
from desktop_app.services.client_consents import withdraw_consent
from desktop_app.services.client_intake import create_client
from desktop_app.services.privacy_notices import publish_notice
from desktop_app.services.sign_in import sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.ui import dialogs
from desktop_app.ui.clients.client_detail_dialog import CONSENT_TAB, ClientDetailDialog
from desktop_app.ui.clients.client_table_model import CONSENT
from desktop_app.ui.clients.clients_page import ClientsPage
from desktop_app.ui.clients.consent_print_choice import ConsentPrintChoice
from desktop_app.ui.pdf_printing import new_printer
from desktop_app.ui.shell import Shell
from tests.conftest import Branch
from tests.consent_support import signed_form
from tests.documents.pdf_tools import decode_qr_codes, flat_text, requires_poppler
from tests.gui.conftest import signed_in, wait_idle
from tests.integration.test_privacy_notices import BUNDLED, edited_notice
from tests.support.branch_settings import save_branch_settings

NAME = "欧阳娜娜"
RESIDENT_ID = "110105199003071239"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
def hq_branch(branch: Branch) -> Branch:
    config = dataclasses.replace(
        branch.ctx.require_config(), hq_name="示例地产集团总部", hq_contact="021-0000-0000"
    )
    save_branch_settings(branch.ctx, config)
    return branch


def _client(branch: Branch, *, consent: bool, hq: bool = False) -> int:
    """zhangwei's client at the subscription stage; with ``consent`` a signed form is recorded
    (sensitive data, and HQ if ``hq``) and the ID number and income band are stored."""
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    draft = ClientDraft(name=NAME, phone="13812345678", stage="subscription")
    if consent:
        draft = dataclasses.replace(
            draft, id_type="resident_id", id_number=RESIDENT_ID, income_band="30_50", sensitive_consent=True
        )
    form = signed_form(ctx, hq=hq) if consent else None
    client_id = create_client(ctx, draft, consent=form).id
    sign_out(ctx)
    ctx.close()
    return client_id


def _shell(branch: Branch, make_shell, language: str = "en") -> Shell:
    return make_shell(signed_in(branch.context(), *branch.users[Role.AGENT]), language=language)


def _open(qtbot, shell: Shell, client_id: int) -> ClientDetailDialog:
    dialog = ClientDetailDialog(shell, client_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignals([dialog.loaded, dialog.consent_panel.loaded], timeout=15_000):
        dialog.show()
    dialog.tabs.setCurrentIndex(CONSENT_TAB)
    return dialog


def _audit(ctx: SignedIn, action: str) -> list[dict[str, object]]:
    db = ctx.db
    rows = db.execute("SELECT details FROM audit_log WHERE action = ? ORDER BY seq", (action,)).fetchall()
    return [json.loads(row[0]) for row in rows]


def _stored(shell: Shell, client_id: int):
    db = shell.signed_in().db
    client = ClientRepository(db).get(client_id)
    assert client is not None
    return client


def _printed_choice(qtbot, dialog: ClientDetailDialog) -> ConsentPrintChoice:
    panel = dialog.consent_panel
    with qtbot.waitSignal(panel.printed, timeout=15_000):
        panel.print_button.click()
    choice = panel.print_dialog
    assert choice is not None and choice.isVisible() and choice.has_pdf
    return choice


# ------------------------------------------------------------------------------------------ print


def test_print_opens_the_system_print_dialog_and_cancelling_prints_nothing(
    qtbot, hq_branch, make_shell, tmp_path: Path
) -> None:
    client_id = _client(hq_branch, consent=False)
    shell = _shell(hq_branch, make_shell)
    dialog = _open(qtbot, shell, client_id)
    panel = dialog.consent_panel
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    panel.printer_factory = lambda: printer
    choice = _printed_choice(qtbot, dialog)
    [entry] = _audit(shell.signed_in(), "consent.print")
    assert entry["form_number"] == choice.form_number == panel.last_printed
    assert entry["notice_version"] == BUNDLED and NAME not in json.dumps(entry, ensure_ascii=False)
    assert choice.form_number in choice.text.text() and BUNDLED in choice.text.text()

    dialogs.set_next_answer(dialogs.Button.Cancel)
    with qtbot.waitSignal(choice.sent) as sent:
        choice.print_button.click()
    assert sent.args == [False]
    print_dialog = dialogs.history()[-1]
    assert print_dialog.kind == "print" and choice.form_number in print_dialog.title
    assert not (tmp_path / "out.pdf").exists()
    assert choice.isVisible() and choice.has_pdf  # the user may still print or save
    choice.reject()
    assert not choice.has_pdf  # the PDF left memory with the dialog


@requires_poppler
def test_the_form_prints_on_a_pdf_printer_and_saves_as_pdf(
    qtbot, hq_branch, make_shell, tmp_path: Path
) -> None:
    client_id = _client(hq_branch, consent=False)
    shell = _shell(hq_branch, make_shell, language="zh_CN")
    dialog = _open(qtbot, shell, client_id)
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.consent_panel.printer_factory = lambda: printer
    choice = _printed_choice(qtbot, dialog)
    number = choice.form_number

    dialogs.set_next_answer(dialogs.Button.Ok)
    with qtbot.waitSignal(choice.sent, timeout=30_000) as sent:
        choice.print_button.click()
    assert sent.args == [True] and dialogs.history()[-1].kind == "print"
    printed = (tmp_path / "printed.pdf").read_bytes()
    # The printed pages are the form drawn as images: its QR code names the form and the version.
    codes = [code for page in (1, 2) for code in decode_qr_codes(printed, tmp_path, page=page)]
    assert f"{number}|{BUNDLED}" in "\n".join(codes)

    dialogs.set_next_path(tmp_path / "saved.pdf")
    with qtbot.waitSignal(choice.saved) as saved:
        choice.save_button.click()
    assert saved.args == [str(tmp_path / "saved.pdf")]
    text = flat_text((tmp_path / "saved.pdf").read_bytes(), tmp_path)
    assert NAME in text and number in text
    choice.reject()


def test_a_name_no_font_can_draw_is_refused_before_printing(qtbot, hq_branch, make_shell) -> None:
    ctx = signed_in(hq_branch.context(), *hq_branch.users[Role.AGENT])
    client_id = create_client(ctx, ClientDraft(name="王\U0003134a", phone="13812345678")).id
    sign_out(ctx)
    ctx.close()
    shell = _shell(hq_branch, make_shell)
    dialog = _open(qtbot, shell, client_id)
    panel = dialog.consent_panel
    with qtbot.waitSignal(panel.failed, timeout=15_000):
        panel.print_button.click()
    assert panel.print_dialog is None and panel.error.isVisible()
    assert panel.print_button.isEnabled()
    assert _audit(shell.signed_in(), "consent.print") == []


# ----------------------------------------------------------------------------------------- record


def test_recording_the_signed_form_gives_consent_and_opens_the_id_number(
    qtbot, hq_branch, make_shell, tmp_path: Path
) -> None:
    client_id = _client(hq_branch, consent=False)
    shell = _shell(hq_branch, make_shell)
    dialog = _open(qtbot, shell, client_id)
    panel = dialog.consent_panel
    assert [panel.status_text(p) for p in PurposeId if p is not PurposeId.HOME_PURCHASE] == [
        "Not recorded"
    ] * 3
    assert panel.no_forms.isVisible() and not any(b.isVisible() for b in panel.withdraw_buttons.values())
    choice = _printed_choice(qtbot, dialog)
    number = choice.form_number
    choice.reject()

    record = panel.open_record()
    assert record.form_number.text() == number  # the form printed last on this page
    assert record.signed_on.maximumDate() == record.signed_on.date()  # today, never later
    assert "Separate consent" in record.ticks[PurposeId.SENSITIVE_DATA].text()
    assert "Optional consent" in record.ticks[PurposeId.MARKETING_CONTACT].text()
    record.ticks[PurposeId.SENSITIVE_DATA].setChecked(True)
    record.ticks[PurposeId.MARKETING_CONTACT].setChecked(True)

    # A refusal is shown at its field and nothing typed is lost.
    record.form_number.setText("NOT-A-NUMBER")
    with qtbot.waitSignal(record.failed, timeout=15_000):
        record.save_button.click()
    assert record.error_field == "form_number" and record.field_errors["form_number"].isVisible()
    assert record.isVisible() and record.ticks[PurposeId.MARKETING_CONTACT].isChecked()

    # The scan is checked when chosen: the wrong type is refused at the field, a PNG is taken.
    (tmp_path / "notes.txt").write_text("not a scan")
    dialogs.set_next_path(tmp_path / "notes.txt")
    record.choose_scan_button.click()
    assert record.error_field == "scan" and "JPEG" in record.field_errors["scan"].text()
    assert record.scan is None
    (tmp_path / "form.png").write_bytes(PNG)
    dialogs.set_next_path(tmp_path / "form.png")
    record.choose_scan_button.click()
    assert record.scan == PNG and "form.png" in record.scan_name.text()
    assert not record.field_errors["scan"].isVisible()

    record.form_number.setText(number)
    with qtbot.waitSignals([record.recorded, dialog.loaded], timeout=15_000):
        record.save_button.click()
    assert panel.status_text(PurposeId.SENSITIVE_DATA) == "Given"
    assert panel.status_text(PurposeId.HQ_SHARING) == "Refused"
    assert panel.status_text(PurposeId.MARKETING_CONTACT) == "Given"
    [row] = panel.form_rows()
    assert row[0] == number and row[1] == BUNDLED and row[3] == "zhangwei" and row[5] == "Yes"
    assert panel.withdraw_buttons[PurposeId.SENSITIVE_DATA].isVisible()
    assert not panel.withdraw_buttons[PurposeId.HQ_SHARING].isVisible()
    [entry] = _audit(shell.signed_in(), "consent.record")
    assert entry["granted"] == ["marketing_contact", "sensitive_data"] and entry["form_number"] == number

    edit = dialog.open_edit()
    qtbot.waitUntil(lambda: edit.detail is not None, timeout=15_000)
    assert edit.form.consent.isChecked() and not edit.form.consent.isEnabled()
    assert edit.form.fields["id_number"].isEnabled() and edit.form.fields["income_band"].isEnabled()
    edit.form.line("id_number").setText(RESIDENT_ID)
    with qtbot.waitSignal(edit.saved, timeout=15_000):
        edit.save_button.click()
    assert _stored(shell, client_id).values.id_number == RESIDENT_ID


def test_a_guardian_needs_a_relation_shown_at_that_field(qtbot, hq_branch, make_shell) -> None:
    client_id = _client(hq_branch, consent=False)
    dialog = _open(qtbot, _shell(hq_branch, make_shell, language="zh_CN"), client_id)
    record = dialog.consent_panel.open_record()
    assert not record.guardian_name.isEnabled()
    record.by_guardian.setChecked(True)
    assert record.guardian_name.isEnabled() and "*" in record.labels["guardian_name"].text()
    record.guardian_name.setText("欧阳峰")
    record.form_number.setText(signed_form(dialog.shell.signed_in()).form_number)
    with qtbot.waitSignal(record.failed, timeout=15_000):
        record.save_button.click()
    assert record.error_field == "guardian_relation"
    assert "关系" in record.field_errors["guardian_relation"].text()
    assert record.guardian_name.text() == "欧阳峰"


# --------------------------------------------------------------------------------------- withdraw


def test_withdrawing_the_sensitive_consent_takes_effect_at_once(qtbot, hq_branch, make_shell) -> None:
    """The income band leaves the page at once; the ID document of a buyer (from the subscription
    stage) stays only for the anti-money-laundering hold and can no longer be edited."""
    client_id = _client(hq_branch, consent=True, hq=True)
    shell = _shell(hq_branch, make_shell)
    dialog = _open(qtbot, shell, client_id)
    panel = dialog.consent_panel
    assert dialog.values["id_number"].text() == "110***********1239"
    assert dialog.values["income_band"].text() == "¥300k–500k a year"
    assert panel.status_text(PurposeId.SENSITIVE_DATA) == "Given"

    withdraw = panel.open_withdraw(PurposeId.SENSITIVE_DATA)
    assert withdraw.effect.text() == purpose(PurposeId.SENSITIVE_DATA).withdrawal_stops.en
    withdraw.reject()  # cancelling changes nothing
    assert _stored(shell, client_id).values.sensitive_consent is True

    withdraw = panel.open_withdraw(PurposeId.SENSITIVE_DATA)
    withdraw.note.setPlainText("客户电话要求撤回")
    with qtbot.waitSignals([withdraw.withdrawn, dialog.loaded], timeout=15_000):
        withdraw.ok_button.click()
    assert dialog.values["income_band"].text() == ""
    assert panel.status_text(PurposeId.SENSITIVE_DATA) == "Withdrawn"
    assert panel.withdraw_buttons[PurposeId.SENSITIVE_DATA].isHidden()
    values = _stored(shell, client_id).values
    assert (values.sensitive_consent, values.income_band) == (False, None)
    assert values.id_number == RESIDENT_ID  # kept for the legal hold only
    [entry] = _audit(shell.signed_in(), "consent.withdraw")
    assert entry["purpose"] == "sensitive_data" and entry["deleted"] == ["income_band"]
    assert entry["kept_for_legal_hold"] == ["id_number", "id_type"]
    assert "客户" not in json.dumps(entry, ensure_ascii=False)

    edit = dialog.open_edit()
    qtbot.waitUntil(lambda: edit.detail is not None, timeout=15_000)
    form = edit.form
    assert not form.consent.isChecked() and not form.fields["id_number"].isEnabled()
    assert not form.fields["income_band"].isEnabled() and not form.deletes_sensitive()
    form.combo("intention_level").setCurrentIndex(form.combo("intention_level").findData("A"))
    assert form.changes() == {"intention_level": "A"}  # the kept ID document is left alone
    with qtbot.waitSignal(edit.saved, timeout=15_000):
        edit.save_button.click()
    assert _stored(shell, client_id).values.id_number == RESIDENT_ID

    # HQ sharing: the client leaves the HQ summaries at once.
    wait_idle(qtbot, shell)
    assert _stored(shell, client_id).hq_consent is True
    withdraw = panel.open_withdraw(PurposeId.HQ_SHARING)
    assert "headquarters" in withdraw.effect.text()
    with qtbot.waitSignal(withdraw.withdrawn, timeout=15_000):
        withdraw.ok_button.click()
    assert _stored(shell, client_id).hq_consent is False
    assert panel.status_text(PurposeId.HQ_SHARING) == "Withdrawn"
    wait_idle(qtbot, shell)


def test_withdrawal_removes_the_income_shown_in_chinese(qtbot, hq_branch, make_shell) -> None:
    client_id = _client(hq_branch, consent=True)
    dialog = _open(qtbot, _shell(hq_branch, make_shell, language="zh_CN"), client_id)
    withdraw = dialog.consent_panel.open_withdraw(PurposeId.SENSITIVE_DATA)
    assert withdraw.effect.text() == purpose(PurposeId.SENSITIVE_DATA).withdrawal_stops.zh
    with qtbot.waitSignals([withdraw.withdrawn, dialog.loaded], timeout=15_000):
        withdraw.ok_button.click()
    assert dialog.values["income_band"].text() == ""
    assert dialog.consent_panel.status_text(PurposeId.SENSITIVE_DATA) == "已撤回"


# ------------------------------------------------------------------------------------- re-consent


def _flags(qtbot, page: ClientsPage) -> list[str | None]:
    rows = range(page.model.rowCount())
    for row in rows:
        page.model.index(row, 0).data()
    qtbot.waitUntil(lambda: all(page.model.summary(r) is not None for r in rows), timeout=15_000)
    return [page.model.index(row, CONSENT).data() for row in rows]


def test_a_new_notice_version_flags_the_client_for_re_consent_until_signed_again(
    qtbot, hq_branch, make_shell, tmp_path: Path
) -> None:
    client_id = _client(hq_branch, consent=True)
    shell = _shell(hq_branch, make_shell)
    page = ClientsPage(shell)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        page.show()
    assert page.model.headerData(CONSENT, Qt.Orientation.Horizontal) == "Consent"
    assert _flags(qtbot, page) == [None]

    manager = signed_in(hq_branch.context(), *hq_branch.users[Role.MANAGER])
    notice = tmp_path / "company-notice.toml"
    notice.write_text(edited_notice(), encoding="utf-8")
    publish_notice(manager, notice)
    manager.close()

    with qtbot.waitSignal(page.model.loaded, timeout=15_000):
        page.reload()
    assert _flags(qtbot, page) == ["⚠ Sign again"]
    tooltip = page.model.index(0, CONSENT).data(Qt.ItemDataRole.ToolTipRole)
    assert "sign it again" in tooltip

    dialog = page.open_client(client_id)
    qtbot.waitUntil(lambda: dialog.consent_panel.overview is not None, timeout=15_000)
    panel = dialog.consent_panel
    assert not panel.reconsent.isHidden() and "Sign again" in panel.reconsent.text()
    record = panel.open_record()
    record.form_number.setText(signed_form(shell.signed_in()).form_number)
    for tick in record.ticks.values():
        tick.setChecked(True)
    with qtbot.waitSignals([record.recorded, page.model.loaded], timeout=15_000):
        record.save_button.click()
    assert panel.reconsent.isHidden()
    assert _flags(qtbot, page) == [None]
    wait_idle(qtbot, shell)


def test_the_guardian_tick_known_from_the_id_stays_fixed_after_a_refused_save(
    qtbot, hq_branch, make_shell
) -> None:
    """Regression: a refused save re-enabled the guardian tick the client's ID number had fixed."""
    client_id = _client(hq_branch, consent=True)  # an adult's ID number is recorded
    dialog = _open(qtbot, _shell(hq_branch, make_shell), client_id)
    record = dialog.consent_panel.open_record()
    assert not record.by_guardian.isChecked() and not record.by_guardian.isEnabled()
    from desktop_app.domain.consent_form_number import new_form_number

    other_branch = str(new_form_number("ZZ9", dialog.shell.signed_in().clock()))
    record.form_number.setText(other_branch)  # well formed: the service refuses it
    with qtbot.waitSignal(record.failed, timeout=10_000):
        record.submit()
    assert not record.busy and not record.by_guardian.isEnabled()


def test_an_id_number_kept_for_the_legal_hold_offers_no_reveal(qtbot, hq_branch, make_shell) -> None:
    client_id = _client(hq_branch, consent=True)
    shell = _shell(hq_branch, make_shell)
    dialog = _open(qtbot, shell, client_id)
    assert not dialog.rows["id_number"].reveal_button.isHidden()
    withdraw_consent(shell.signed_in(), client_id, "sensitive_data")  # a buyer: the ID stays, held
    with qtbot.waitSignal(dialog.loaded, timeout=15_000):
        dialog.reload()
    assert "cannot be viewed" in dialog.values["id_number"].text()
    assert dialog.rows["id_number"].reveal_button.isHidden()
