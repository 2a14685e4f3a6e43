"""The first-run wizard end to end: a real branch is created in a temporary data directory."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWizard

from desktop_app.domain.recovery_code import normalize_code
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in
from desktop_app.store.branch_config import load_config
from desktop_app.store.device_secret import KeyringStatus
from desktop_app.ui.first_run.wizard import ADMIN, BRANCH, CREATE, KEYRING, NOTICE, FirstRunWizard
from tests.conftest import FAST_KDF
from tests.gui.conftest import wait_idle

ADMIN_PASSWORD = "Kx9!branch-Vault"


def _wizard(qtbot, shell, keyring: KeyringStatus | None = None) -> FirstRunWizard:
    wizard = FirstRunWizard(shell, kdf=FAST_KDF, keyring=keyring)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _next(wizard: FirstRunWizard) -> QAbstractButton:
    return wizard.button(QWizard.WizardButton.NextButton)


def _fill_notice_details(qtbot, wizard: FirstRunWizard) -> None:
    """The company and headquarters every consent form names: Next stays off until all four are in."""
    page = wizard.notice_page
    assert wizard.currentId() == NOTICE
    values = (
        (page.company, "示例地产经纪有限公司"),
        (page.company_contact, "020-0000-0000"),
        (page.hq_name, "示例地产集团总部"),
        (page.hq_contact, "privacy@example.cn"),
    )
    for field, value in values:
        assert not page.isComplete() and not _next(wizard).isEnabled()
        field.setText(value)
    assert page.isComplete() and _next(wizard).isEnabled()
    page.hq_contact.setText("   ")  # blanks are not a contact
    assert not page.isComplete()
    page.hq_contact.setText("privacy@example.cn")
    qtbot.mouseClick(_next(wizard), Qt.MouseButton.LeftButton)


def _fill_branch_and_admin(qtbot, wizard: FirstRunWizard) -> None:
    page = wizard.branch_page
    assert wizard.currentId() == BRANCH and not page.isComplete()
    page.code.setText("gz002")
    page.name.setText("广州天河店")
    assert page.isComplete()
    qtbot.mouseClick(_next(wizard), Qt.MouseButton.LeftButton)
    _fill_notice_details(qtbot, wizard)
    assert wizard.currentId() == ADMIN

    admin = wizard.admin_page
    admin.username.setText("it.li")
    admin.display_name.setText("李工")
    admin.password.setText("short")
    admin.repeat.setText("short")
    assert not admin.isComplete() and not _next(wizard).isEnabled()
    assert "at least 10 characters" in admin.feedback.rules.text()  # live rule feedback
    admin.password.setText(ADMIN_PASSWORD)
    admin.repeat.setText(ADMIN_PASSWORD + "x")
    assert not admin.isComplete()
    assert admin.feedback.match.text() == "✗ The two entries do not match."
    admin.repeat.setText(ADMIN_PASSWORD)
    assert admin.isComplete() and _next(wizard).isEnabled()
    assert admin.feedback.rules.text() == "✓ The password meets the rules."


def test_wizard_creates_the_branch_and_shows_the_recovery_code_once(
    qtbot, data_dir, clock, make_shell, tmp_path
) -> None:
    ctx = build_context(data_dir, clock=clock)
    shell = make_shell(ctx)
    wizard = _wizard(qtbot, shell, KeyringStatus(True, "tests.support.file_keyring.TestKeyring"))
    completed: list[bool] = []
    wizard.completed.connect(lambda: completed.append(True))
    _fill_branch_and_admin(qtbot, wizard)
    assert _next(wizard).text() == "&Create branch"
    qtbot.mouseClick(_next(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == CREATE  # the keyring page is skipped when the keyring works
    page = wizard.create_page
    assert page.busy and page.busy_bar.isVisible()
    wait_idle(qtbot, shell)
    assert page.done and not page.busy_bar.isVisible()

    code = page.recovery_code_text()
    assert normalize_code(code) and code.count("-") == 4
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # "I have stored it" not ticked yet
    wizard.reject()  # neither Cancel nor Esc may skip the code now
    assert wizard.isVisible()
    wizard.accept()
    assert wizard.isVisible() and not completed
    page.stored.setChecked(True)
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert completed == [True] and not wizard.isVisible()

    # A real branch: config on disk, the new admin signed in, and signing in again works.
    me = shell.existing_signed_in()
    assert me is not None and me.open and me.session.username == "it.li"
    config = load_config(ctx.paths.config)
    assert (config.branch_code, config.branch_name, config.use_keyring) == ("GZ002", "广州天河店", True)
    assert (config.company_name, config.company_contact) == ("示例地产经纪有限公司", "020-0000-0000")
    assert (config.hq_name, config.hq_contact) == ("示例地产集团总部", "privacy@example.cn")
    # ...so the branch's first consent form prints, naming both (it was refused when the wizard
    # never asked for headquarters).
    from desktop_app.documents.consent_form import branch_form, consent_form_pdf
    from desktop_app.store.notice_files import newest_bundled
    from tests.documents.pdf_tools import flat_text

    notice = newest_bundled()
    assert notice is not None
    form_text = flat_text(
        consent_form_pdf(
            branch_form(
                config.letterhead(), notice, retention=config.retention_rules(), form_number="GZ002-1"
            )
        ),
        tmp_path,
    )
    assert "示例地产集团总部" in form_text and "privacy@example.cn" in form_text
    fresh = sign_in(build_context(data_dir, clock=clock), "it.li", ADMIN_PASSWORD)
    assert fresh.session.display_name == "李工"
    fresh.close()
    # The recovery code opens the recovery slot.
    from desktop_app.store.key_slots import load_key_slots, open_slot

    slot = load_key_slots(ctx.paths.key_slots, config.branch_id).recovery_slot()
    assert slot is not None
    assert open_slot(slot, branch_id=config.branch_id, secret=normalize_code(code), device_secret=None)


def test_without_keyring_the_wizard_asks_for_explicit_consent(qtbot, data_dir, clock, make_shell) -> None:
    ctx = build_context(data_dir, clock=clock)
    shell = make_shell(ctx)
    wizard = _wizard(qtbot, shell, KeyringStatus(False, "keyring.backends.fail.Keyring", "no backend"))
    _fill_branch_and_admin(qtbot, wizard)
    assert "Create" not in _next(wizard).text()  # the keyring page comes first
    qtbot.mouseClick(_next(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == KEYRING
    page = wizard.keyring_page
    assert "staff passwords only" in page.explanation.text()
    assert not _next(wizard).isEnabled()
    page.accept_box.setChecked(True)
    assert _next(wizard).isEnabled()
    qtbot.mouseClick(_next(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == CREATE
    wait_idle(qtbot, shell)
    assert wizard.create_page.done
    assert load_config(ctx.paths.config).use_keyring is False


def test_a_failed_setup_is_reported_and_can_be_corrected(qtbot, data_dir, clock, make_shell) -> None:
    ctx = build_context(data_dir, clock=clock)
    shell = make_shell(ctx)
    wizard = _wizard(qtbot, shell, KeyringStatus(True, "test"))
    _fill_branch_and_admin(qtbot, wizard)
    data_dir.mkdir(parents=True)
    (data_dir / "branch.db").write_bytes(b"someone else's file")  # init_branch refuses to overwrite
    qtbot.mouseClick(_next(wizard), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    page = wizard.create_page
    assert not page.done and page.error.isVisible()
    assert "already holds a branch" in page.error.text()
    assert "Traceback" not in page.error.text()
    assert page.back_button.isVisible()
    (data_dir / "branch.db").unlink()
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == ADMIN
    qtbot.mouseClick(_next(wizard), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, shell)
    assert page.done and not page.error.isVisible()


def test_wizard_branch_page_validates_the_code(qtbot, data_dir, clock, make_shell) -> None:
    shell = make_shell(build_context(data_dir, clock=clock), language="zh_CN")
    wizard = _wizard(qtbot, shell, KeyringStatus(True, "test"))
    wizard.branch_page.code.setText("bad code!")
    wizard.branch_page.name.setText("店")
    qtbot.mouseClick(_next(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == BRANCH
    assert wizard.branch_page.error.text().startswith("门店编码须为")
    assert wizard.windowTitle() == "BranchVault — 首次设置"
