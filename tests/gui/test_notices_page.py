"""The privacy-notices page with pytest-qt: versions listed with the current one marked, the selected
version's text in the UI language, and a manager publishing a company file after a confirmation that
says what changed; agents see no publish button."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from desktop_app.domain.privacy_notice import RenderedItem, RenderedNotice, RenderedSection
from desktop_app.domain.roles import Role
from desktop_app.services.privacy_notices import list_notice_versions
from desktop_app.ui import dialogs
from desktop_app.ui.notices.notice_table_model import BY, CURRENT, HASH, VERSION
from desktop_app.ui.notices.notices_page import NoticesPage, notice_html
from tests.gui.conftest import signed_in, wait_idle
from tests.integration.test_privacy_notices import BUNDLED, edited_notice
from tests.support.branch_settings import save_branch_settings

HQ_NAME = "示例地产集团总部"


@pytest.fixture
def hq_branch(branch):
    config = dataclasses.replace(branch.ctx.require_config(), hq_name=HQ_NAME, hq_contact="021-0000-0000")
    save_branch_settings(branch.ctx, config)
    return branch


def _page(qtbot, shell) -> NoticesPage:
    page = NoticesPage(shell)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    with qtbot.waitSignal(page.rendered, timeout=15_000):
        page.show()
    wait_idle(qtbot, shell)
    return page


def _column(page: NoticesPage, column: int) -> list[str]:
    return [page.model.index(row, column).data() for row in range(page.model.rowCount())]


def test_lists_the_bundled_version_and_shows_its_text(qtbot, hq_branch, make_shell) -> None:
    ctx = signed_in(hq_branch.context(), *hq_branch.users[Role.AGENT])
    shell = make_shell(ctx, language="en")
    page = _page(qtbot, shell)
    assert _column(page, VERSION) == [BUNDLED]
    assert _column(page, CURRENT) == ["Current"]
    assert _column(page, BY) == ["Bundled with the app"]
    full_hash = page.model.index(0, HASH).data(Qt.ItemDataRole.ToolTipRole)
    assert len(full_hash) == 64 and full_hash.startswith(_column(page, HASH)[0])
    text = page.text_view.toPlainText()
    assert text.startswith("Notice on the Processing of Personal Information")
    assert HQ_NAME in text and "示例地产经纪有限公司" in text  # the branch's values filled in
    assert page.text_view.isReadOnly()
    assert not page.publish_button.isVisible()  # agents read, managers publish


def test_text_follows_the_ui_language(qtbot, hq_branch, make_shell) -> None:
    ctx = signed_in(hq_branch.context(), *hq_branch.users[Role.MANAGER])
    shell = make_shell(ctx, language="zh_CN")
    page = _page(qtbot, shell)
    assert "个人信息" in page.text_view.toPlainText()


def test_switching_the_language_re_renders_the_text(qtbot, hq_branch, make_shell) -> None:
    ctx = signed_in(hq_branch.context(), *hq_branch.users[Role.AGENT])
    shell = make_shell(ctx, language="en")
    page = _page(qtbot, shell)
    assert "个人信息处理告知书" not in page.text_view.toPlainText()
    with qtbot.waitSignal(page.rendered, timeout=15_000):
        shell.language.apply("zh_CN")
    wait_idle(qtbot, shell)
    assert page.text_view.toPlainText().startswith("个人信息处理告知书")


def test_a_missing_branch_value_is_explained_in_the_text_view(qtbot, branch, make_shell) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.MANAGER])
    shell = make_shell(ctx, language="en")
    page = NoticesPage(shell)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.failed, timeout=15_000):
        page.show()
    wait_idle(qtbot, shell)
    assert "hq_name" in page.text_view.toPlainText()


def test_a_manager_publishes_a_company_file(qtbot, hq_branch, make_shell, tmp_path: Path) -> None:
    source = tmp_path / "notice-2027-01-v3.toml"
    source.write_text(edited_notice(), encoding="utf-8")
    ctx = signed_in(hq_branch.context(), *hq_branch.users[Role.MANAGER])
    shell = make_shell(ctx, language="en")
    page = _page(qtbot, shell)
    assert page.publish_button.isVisible() and page.publish_button.isEnabled()

    dialogs.set_next_path(source)
    dialogs.set_next_answer(dialogs.Button.Yes)
    with qtbot.waitSignal(page.published, timeout=15_000) as published:
        page.publish_button.click()
    assert published.args == ["2027-01-v3"]
    wait_idle(qtbot, shell)
    question = [d for d in dialogs.history() if d.kind == "question"]
    assert len(question) == 1
    assert "2027-01-v3" in question[0].text and BUNDLED in question[0].text
    assert "Purposes changed: Marketing" in question[0].text
    assert "consent again to: Marketing" in question[0].text

    assert _column(page, VERSION) == ["2027-01-v3", BUNDLED]
    assert _column(page, CURRENT) == ["Current", ""]
    assert "lina" in _column(page, BY)[0]
    assert "2027-01-v3" in page.info.text()
    assert list_notice_versions(ctx)[0].version == "2027-01-v3"


def test_declining_the_confirmation_publishes_nothing(qtbot, hq_branch, make_shell, tmp_path: Path) -> None:
    source = tmp_path / "notice.toml"
    source.write_text(edited_notice(), encoding="utf-8")
    ctx = signed_in(hq_branch.context(), *hq_branch.users[Role.MANAGER])
    shell = make_shell(ctx, language="en")
    page = _page(qtbot, shell)
    dialogs.set_next_path(source)
    dialogs.set_next_answer(dialogs.Button.No)
    page.publish_button.click()
    wait_idle(qtbot, shell)
    assert any(d.kind == "question" for d in dialogs.history())
    assert [v.version for v in list_notice_versions(ctx)] == [BUNDLED]
    assert _column(page, VERSION) == [BUNDLED]


def test_republishing_shows_the_refusal(qtbot, hq_branch, make_shell, tmp_path: Path) -> None:
    source = tmp_path / "v1-again.toml"
    source.write_text(edited_notice(version=BUNDLED), encoding="utf-8")
    ctx = signed_in(hq_branch.context(), *hq_branch.users[Role.MANAGER])
    shell = make_shell(ctx, language="en")
    page = _page(qtbot, shell)
    dialogs.set_next_path(source)
    with qtbot.waitSignal(page.failed, timeout=15_000):
        page.publish_button.click()
    wait_idle(qtbot, shell)
    assert "already published" in page.error.text()
    assert not [d for d in dialogs.history() if d.kind == "question"]
    assert [v.version for v in list_notice_versions(ctx)] == [BUNDLED]


@given(title=st.text(max_size=40), text=st.text(max_size=80), label=st.text(max_size=20))
def test_notice_text_is_escaped_never_markup(title: str, text: str, label: str) -> None:
    item = RenderedItem(label, text)
    section = RenderedSection("purposes", title, text, (item,), (RenderedSection("x", title, text),))
    notice = RenderedNotice("v", date(2026, 11, 30), "en", title, "0" * 64, (section,))
    markup = notice_html(notice)
    without_ours = re.sub(r"</?(h[2-4]|p|b)>", "", markup)
    assert "<" not in without_ours and ">" not in without_ours


def test_an_agent_prints_a_blank_form_whose_number_records_later(
    qtbot, hq_branch, make_shell, tmp_path: Path
) -> None:
    """The blank form (for clients who fill it in by hand) prints on a PDF printer: no client data,
    audited with its number; recording that number later for a new client needs no version choice."""
    from PySide6.QtPrintSupport import QPrinter

    from desktop_app.domain.client_record import ClientDraft
    from desktop_app.services.client_consents import consent_overview
    from desktop_app.services.client_intake import create_client
    from desktop_app.ui.clients.consent_print_choice import ConsentPrintChoice
    from desktop_app.ui.pdf_printing import new_printer
    from tests.consent_support import signed_form
    from tests.documents.pdf_tools import decode_qr_codes

    ctx = signed_in(hq_branch.context(), *hq_branch.users[Role.AGENT])
    shell = make_shell(ctx, language="zh_CN")
    page = _page(qtbot, shell)
    assert page.blank_form_button.isVisible()
    out = tmp_path / "blank-printed.pdf"
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    page.printer_factory = lambda: printer

    page.blank_form_button.click()
    qtbot.waitUntil(lambda: isinstance(page.print_choice, ConsentPrintChoice), timeout=15_000)
    choice = page.print_choice
    assert isinstance(choice, ConsentPrintChoice)
    number = choice.form_number
    dialogs.set_next_answer(dialogs.Button.Ok)  # the system print dialog, accepted as the user would
    assert choice.print_pdf()
    assert dialogs.history()[-1].kind == "print" and out.exists()
    codes = [c for page_no in (1, 2) for c in decode_qr_codes(out.read_bytes(), tmp_path, page=page_no)]
    assert any(f"|{number}|{BUNDLED}" in code for code in codes)
    db = ctx.db
    [(details,)] = db.execute("SELECT details FROM audit_log WHERE action = 'consent.print_blank'").fetchall()
    assert number in details
    choice.reject()

    client = create_client(ctx, ClientDraft(name="王小明", phone="13900001111", stage="visiting"))
    form = dataclasses.replace(signed_form(ctx, sensitive=False, hq=True), form_number=number)
    overview = consent_overview(ctx, client.id)
    assert overview.forms == ()
    from desktop_app.services.client_consents import record_consent_form

    recorded = record_consent_form(ctx, client.id, form)
    assert recorded.forms[0].form_number == number and recorded.forms[0].notice_version == BUNDLED
