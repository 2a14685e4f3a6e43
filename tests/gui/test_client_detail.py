"""The client detail page with a real store and event loop: masked fields and an audited view;
reveal with a reason (audited, re-masked after a short timeout or when the window loses focus);
copying with clearing only if unchanged; password re-entry; the bulk guard lifted by a manager on
the same screen; follow-ups; reassigning; the change history; storage-only and other agents'
clients."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.reveal_policy import RevealableField, RevealReason
from desktop_app.domain.roles import Role
from desktop_app.services.client_directory import NotYourClient, StorageOnly
from desktop_app.services.client_intake import create_client, update_client
from desktop_app.services.client_requests import complete_correction, register_request
from desktop_app.services.context import AppContext
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff
from desktop_app.store.client_repository import ClientRepository
from desktop_app.ui.clients.client_detail_dialog import (
    ACTIVATION_GRACE_MS,
    REMASK_SECONDS,
    ClientDetailDialog,
)
from desktop_app.ui.clients.client_labels import local_date
from desktop_app.ui.clients.followup_timeline import timeline_time
from desktop_app.ui.shell import Shell
from tests.conftest import Branch, Clock
from tests.consent_support import signed_form
from tests.gui.conftest import wait_idle
from tests.support.client_access import confirm
from tests.support.contexts import context_of

OTHER_AGENT = ("lisi", "Agt!Other#2026xy")
RESIDENT_ID = "110105199003071239"
FULL = {
    "name": "欧阳娜娜",
    "phone": "138 1234 5678",
    "id_number": RESIDENT_ID,
    "email": "nana.ouyang@example.cn",
    "address": "广东省深圳市南山区科技园路1号3栋",
}
MASKED = {
    "name": "欧***",
    "phone": "138****5678",
    "id_number": "110***********1239",
    "email": "n***@example.cn",
    "address": "广东省深圳市南山区******",
}
NOTES = "客户想买学区房，周末方便"


def _draft() -> ClientDraft:
    return ClientDraft(
        name="欧阳娜娜",
        phone="13812345678",
        stage="subscription",
        id_type="resident_id",
        id_number=RESIDENT_ID,
        sensitive_consent=True,
        email="nana.ouyang@example.cn",
        province="广东省",
        city="深圳市",
        district="南山区",
        address_detail="科技园路1号3栋",
        income_band="30_50",
        choices={
            "payment_method": "mortgage",
            "purchase_purpose": "own_use",
            "intention_level": "A",
            "source_channel": "walk_in",
        },
        notes=NOTES,
    )


@pytest.fixture
def setup(branch: Branch) -> Callable[[Role], tuple[AppContext, int, int]]:
    """``setup(role)``: a context signed in as ``role`` (agent or manager), with zhangwei's client
    and lisi's client already registered. Returns (context, zhangwei's client, lisi's client)."""

    def make(role: Role) -> tuple[AppContext, int, int]:
        ctx = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
        add_staff(ctx, OTHER_AGENT[0], "李四", Role.AGENT, password=OTHER_AGENT[1], must_change=False)
        sign_out(ctx)
        confirm(branch.context, branch.users[Role.MANAGER], OTHER_AGENT)
        ctx = sign_in(context_of(ctx), *OTHER_AGENT)
        theirs = create_client(ctx, ClientDraft(name="李娜", phone="13655556666")).id
        sign_out(ctx)
        ctx = sign_in(context_of(ctx), *branch.users[Role.AGENT])
        mine = create_client(ctx, _draft(), consent=signed_form(ctx)).id
        if role is not Role.AGENT:
            sign_out(ctx)
            ctx = sign_in(context_of(ctx), *branch.users[role])
        return ctx, mine, theirs

    return make


def _open(qtbot, shell: Shell, client_id: int) -> ClientDetailDialog:
    dialog = ClientDetailDialog(shell, client_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=15_000):
        dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _audit(ctx: SignedIn, action: str) -> list[tuple[str, str, str, str, dict[str, object]]]:
    db = ctx.db
    rows = db.execute(
        "SELECT actor_username, target_id, outcome, reason, details FROM audit_log WHERE action = ? "
        "ORDER BY seq",
        (action,),
    ).fetchall()
    return [(a, b, c, d, json.loads(e)) for a, b, c, d, e in rows]


def _audit_text(ctx: SignedIn) -> str:
    db = ctx.db
    return "\n".join(repr(row) for row in db.execute("SELECT * FROM audit_log"))


def _reveal(qtbot, dialog: ClientDetailDialog, key: str, reason: RevealReason, text: str = "") -> None:
    """Click Reveal on ``key`` and give the reason (the service call then runs on the worker)."""
    qtbot.mouseClick(dialog.rows[key].reveal_button, Qt.MouseButton.LeftButton)
    reason_dialog = dialog.reveal_flow.reason_dialog
    assert reason_dialog is not None and reason_dialog.isVisible()
    _answer(qtbot, dialog, reason_dialog, lambda: reason_dialog.choose(reason, text))


def _answer(qtbot, dialog: ClientDetailDialog, step: QDialog, answer: Callable[[], object]) -> None:
    """Answer a step dialog once the window system has moved focus to it, then give the focus back
    to the detail page as the desktop would (activation events arrive asynchronously)."""
    qtbot.waitUntil(step.isActiveWindow)
    answer()
    assert step.ok_button.isEnabled()  # type: ignore[attr-defined]
    step.ok_button.click()  # type: ignore[attr-defined]
    if not step.isVisible():
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() not in (None, step))


def _shown_texts(dialog: QWidget) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel)) + dialog.windowTitle()


def test_the_page_shows_every_field_masked_and_the_view_is_audited(qtbot, setup, make_shell) -> None:
    ctx, mine, _ = setup(Role.AGENT)
    dialog = _open(qtbot, make_shell(ctx), mine)
    assert dialog.windowTitle() == "Client details"
    for key, masked in MASKED.items():
        assert dialog.values[key].text() == masked
        assert dialog.rows[key].reveal_button.isVisible() and not dialog.rows[key].copy_button.isVisible()
    shown = _shown_texts(dialog)
    for full in (*FULL.values(), "13812345678", "科技园路", "nana.ouyang"):
        assert full not in shown
    assert dialog.values["stage"].text() == "Subscription"
    assert dialog.values["id_type"].text() == "Resident ID card"
    assert dialog.values["payment_method"].text() == "Mortgage"
    assert dialog.values["purchase_purpose"].text() == "To live in"
    assert dialog.values["income_band"].text() == "¥300k–500k a year"
    assert dialog.values["agent"].text() == "zhangwei"
    assert dialog.values["created"].text() == local_date(utc_timestamp(ctx.clock()))
    assert dialog.values["contact"].text() == ""
    assert dialog.notes.toPlainText() == NOTES
    assert dialog.timeline.row_texts() == []
    assert [dialog.history.item(i).text() for i in range(dialog.history.count())] == ["No changes recorded."]
    assert [row[:3] for row in _audit(ctx, "client.view")] == [("zhangwei", str(mine), "success")]


def test_reveal_with_a_reason_shows_the_value_audits_it_and_remasks_after_the_timeout(
    qtbot, setup, make_shell, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    ctx, mine, _ = setup(Role.AGENT)
    dialog = _open(qtbot, make_shell(ctx), mine)
    assert dialog.remask_seconds == REMASK_SECONDS == 30
    dialog.remask_seconds = 0.3
    _reveal(qtbot, dialog, "id_number", RevealReason.LOAN_PROCESSING)
    qtbot.waitUntil(lambda: dialog.values["id_number"].text() == RESIDENT_ID, timeout=10_000)
    assert dialog.rows["id_number"].copy_button.isVisible()
    assert dialog.values["name"].text() == MASKED["name"]  # only the one field
    assert RESIDENT_ID not in dialog.windowTitle()
    rows = _audit(ctx, "client.reveal")
    assert [(r[0], r[1], r[2], r[3], r[4]["field"]) for r in rows] == [
        ("zhangwei", str(mine), "success", "loan_processing", "id_number")
    ]
    qtbot.waitUntil(lambda: dialog.values["id_number"].text() == MASKED["id_number"], timeout=3_000)
    assert dialog.rows["id_number"].value() is None and not dialog.rows["id_number"].copy_button.isVisible()

    _reveal(qtbot, dialog, "address", RevealReason.OTHER, "客户现场核对原件")
    qtbot.waitUntil(lambda: dialog.values["address"].text() == FULL["address"], timeout=10_000)
    last = _audit(ctx, "client.reveal")[-1]
    assert (last[3], last[4]["field"], last[4]["reason_text"]) == ("other", "address", "客户现场核对原件")
    text = _audit_text(ctx)
    for full in FULL.values():
        assert full not in text
        assert full not in caplog.text


def test_other_needs_a_text_without_numbers(qtbot, setup, make_shell) -> None:
    ctx, mine, _ = setup(Role.AGENT)
    dialog = _open(qtbot, make_shell(ctx), mine)
    qtbot.mouseClick(dialog.rows["phone"].reveal_button, Qt.MouseButton.LeftButton)
    reason_dialog = dialog.reveal_flow.reason_dialog
    assert reason_dialog is not None
    assert not reason_dialog.ok_button.isEnabled()
    reason_dialog.choose(RevealReason.OTHER)
    assert not reason_dialog.ok_button.isEnabled()  # Other without a text
    reason_dialog.other_text.setText("尾号5678核对")
    reason_dialog.ok_button.click()
    assert reason_dialog.isVisible() and "numbers" in reason_dialog.error.text()
    reason_dialog.reject()
    assert not _audit(ctx, "client.reveal") and dialog.values["phone"].text() == MASKED["phone"]


def test_a_revealed_value_is_masked_again_when_the_window_loses_focus(qtbot, setup, make_shell) -> None:
    ctx, mine, _ = setup(Role.AGENT)
    dialog = _open(qtbot, make_shell(ctx), mine)
    _reveal(qtbot, dialog, "name", RevealReason.CLIENT_VERIFICATION)
    qtbot.waitUntil(lambda: dialog.values["name"].text() == FULL["name"], timeout=10_000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.values["name"].text() == FULL["name"]  # the 30 s have not passed
    elsewhere = QWidget()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    elsewhere.activateWindow()
    qtbot.waitUntil(lambda: dialog.values["name"].text() == MASKED["name"], timeout=3_000)
    assert dialog.rows["name"].reveal_button.isVisible() and dialog.rows["name"].value() is None

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    _reveal(qtbot, dialog, "phone", RevealReason.CLIENT_VERIFICATION)
    qtbot.waitUntil(lambda: dialog.rows["phone"].revealed, timeout=10_000)
    dialog.reject()  # closing masks at once
    assert dialog.rows["phone"].value() is None and dialog.values["phone"].text() == MASKED["phone"]


def test_copy_is_cleared_after_the_delay_only_if_the_clipboard_still_holds_it(
    qtbot, setup, make_shell
) -> None:
    ctx, mine, _ = setup(Role.AGENT)
    dialog = _open(qtbot, make_shell(ctx), mine)
    dialog.clipboard_seconds = 0.3
    clipboard = QGuiApplication.clipboard()
    _reveal(qtbot, dialog, "phone", RevealReason.CLIENT_VERIFICATION)
    qtbot.waitUntil(lambda: dialog.rows["phone"].revealed, timeout=10_000)
    dialog.rows["phone"].copy_button.click()
    assert clipboard.text() == FULL["phone"]
    assert clipboard.mimeData().hasFormat("x-kde-passwordManagerHint")
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3_000)

    dialog.activateWindow()
    _reveal(qtbot, dialog, "email", RevealReason.CLIENT_VERIFICATION)
    qtbot.waitUntil(lambda: dialog.rows["email"].revealed, timeout=10_000)
    dialog.rows["email"].copy_button.click()
    assert clipboard.text() == FULL["email"]
    clipboard.setText("the user's own text")
    qtbot.wait(600)  # twice the clearing delay
    assert clipboard.text() == "the user's own text"


def test_a_copy_stays_on_the_clipboard_for_the_policys_reveal_seconds(qtbot, setup, make_shell) -> None:
    """Regression: the clipboard kept a copied value a hard-coded 30 s whatever the security table's
    ``reveal_seconds`` said (a constant shadowing the table)."""
    with open(os.environ["BRANCHVAULT_POLICY"], "w", encoding="utf-8") as handle:
        handle.write("[security]\nreveal_seconds = 12\n")
    ctx, mine, _ = setup(Role.AGENT)
    dialog = _open(qtbot, make_shell(ctx), mine)
    assert dialog.clipboard_seconds == 12
    _reveal(qtbot, dialog, "phone", RevealReason.CLIENT_VERIFICATION)
    qtbot.waitUntil(lambda: dialog.rows["phone"].revealed, timeout=10_000)
    dialog.rows["phone"].copy_button.click()
    assert "12 seconds" in dialog.info.text()
    QGuiApplication.clipboard().clear()


def test_reveal_asks_for_the_password_again_after_fifteen_minutes(
    qtbot, setup, make_shell, branch: Branch, clock: Clock
) -> None:
    ctx, mine, _ = setup(Role.AGENT)
    shell = make_shell(ctx)
    dialog = _open(qtbot, shell, mine)
    clock.advance(15 * 60 + 1)
    _reveal(qtbot, dialog, "name", RevealReason.CONTRACT_SIGNING)
    qtbot.waitUntil(lambda: dialog.reveal_flow.password_dialog is not None, timeout=10_000)
    password = dialog.reveal_flow.password_dialog
    assert password is not None and password.isVisible()
    assert dialog.values["name"].text() == MASKED["name"] and not _audit(ctx, "client.reveal")
    _answer(qtbot, dialog, password, lambda: password.password.setText("not my password"))
    qtbot.waitUntil(lambda: password.error.isVisible(), timeout=10_000)
    assert "Wrong username or password" in password.error.text() and password.isVisible()
    _answer(qtbot, dialog, password, lambda: password.password.setText(branch.users[Role.AGENT][1]))
    qtbot.waitUntil(lambda: dialog.values["name"].text() == FULL["name"], timeout=10_000)
    assert [r[2] for r in _audit(ctx, "auth.reauthenticate")] == ["failure", "success"]
    assert [r[4]["field"] for r in _audit(ctx, "client.reveal")] == ["name"]


def test_the_bulk_guard_is_lifted_by_a_manager_signing_in_on_the_same_screen(
    qtbot, setup, make_shell, branch: Branch
) -> None:
    ctx, mine, _ = setup(Role.AGENT)
    ctx.context.policy_override = dataclasses.replace(ctx.policy, bulk_reveal_threshold=2)
    dialog = _open(qtbot, make_shell(ctx), mine)
    for key in ("name", "phone"):
        _reveal(qtbot, dialog, key, RevealReason.CLIENT_VERIFICATION)
        qtbot.waitUntil(lambda key=key: dialog.rows[key].revealed, timeout=10_000)
    _reveal(qtbot, dialog, "email", RevealReason.CLIENT_VERIFICATION)
    qtbot.waitUntil(lambda: dialog.reveal_flow.override_dialog is not None, timeout=10_000)
    override = dialog.reveal_flow.override_dialog
    assert override is not None and override.isVisible()
    assert "2" in override.blocked.text() and not dialog.rows["email"].revealed

    def sign_in_as(username: str, password: str) -> None:
        override.username.setText(username)
        override.password.setText(password)

    _answer(qtbot, dialog, override, lambda: sign_in_as(*OTHER_AGENT))  # an agent cannot allow it
    qtbot.waitUntil(lambda: override.error.isVisible(), timeout=10_000)
    assert override.isVisible() and not dialog.rows["email"].revealed
    _answer(qtbot, dialog, override, lambda: sign_in_as(*branch.users[Role.MANAGER]))
    qtbot.waitUntil(lambda: dialog.values["email"].text() == FULL["email"], timeout=10_000)
    assert ctx.session.username == "zhangwei"
    allowed = [r for r in _audit(ctx, "client.reveal_override") if r[2] == "success"]
    assert [(r[0], r[1]) for r in allowed] == [("lina", "zhangwei")]
    reveals = _audit(ctx, "client.reveal")
    assert [r[2] for r in reveals] == ["success", "success", "denied", "success"]
    assert reveals[-1][4]["manager_override"] is True
    assert branch.users[Role.MANAGER][1] not in _audit_text(ctx)


def test_adding_a_follow_up_shows_it_in_the_timeline(qtbot, setup, make_shell, clock: Clock) -> None:
    ctx, mine, _ = setup(Role.AGENT)
    dialog = _open(qtbot, make_shell(ctx, language="zh_CN"), mine)
    assert dialog.values["income_band"].text() == "30–50万元/年"  # labelled from its code
    assert dialog.add_followup_button.isEnabled()
    dialog.add_followup_button.click()
    add = dialog.followup_dialog
    assert add is not None and add.isVisible()
    assert add.when.dateTime().toSecsSinceEpoch() == int(clock())
    assert not add.ok_button.isEnabled()  # the note is required
    add.kind.setCurrentIndex(add.kind.findData("call"))
    add.note.setPlainText("电话回访，约周六带看")
    with qtbot.waitSignal(dialog.loaded, timeout=15_000):
        add.ok_button.click()
    now = utc_timestamp(clock())
    assert dialog.timeline.row_texts() == [
        (timeline_time(now, "zh_CN"), "电话", "电话回访，约周六带看", "zhangwei")
    ]
    assert "年" in dialog.timeline.row_texts()[0][0]
    assert dialog.values["contact"].text() == local_date(now)
    assert [r[4]["kind"] for r in _audit(ctx, "client.followup")] == ["call"]


def test_a_follow_up_holding_an_id_number_is_refused_on_the_note(qtbot, setup, make_shell) -> None:
    ctx, mine, _ = setup(Role.AGENT)
    dialog = _open(qtbot, make_shell(ctx, language="zh_CN"), mine)
    dialog.add_followup_button.click()
    add = dialog.followup_dialog
    assert add is not None
    add.note.setPlainText("客户报了身份证 110105 19491231 002X")
    add.ok_button.click()
    qtbot.waitUntil(lambda: add.error.isVisible(), timeout=10_000)
    assert add.isVisible() and add.error.text().startswith("跟进记录：不能填写身份证号码")
    assert add.note.styleSheet() != "" and not _audit(ctx, "client.followup")
    add.reject()


def test_a_manager_reassigns_the_client(qtbot, setup, make_shell) -> None:
    ctx, mine, _ = setup(Role.MANAGER)
    dialog = _open(qtbot, make_shell(ctx), mine)
    assert dialog.reassign_button.isVisible() and dialog.reassign_button.isEnabled()
    assert dialog.edit_button.isVisible() and dialog.edit_button.isEnabled()
    dialog.reassign_button.click()
    reassign = dialog.reassign_dialog
    assert reassign is not None
    qtbot.waitUntil(lambda: reassign.agent.count() > 0, timeout=10_000)
    options = [reassign.agent.itemData(i)[1] for i in range(reassign.agent.count())]
    assert sorted(options) == ["lina", "lisi", "zhangwei"]  # no IT admin, no auditor
    assert not reassign.ok_button.isEnabled()  # still the current agent
    reassign.select("lisi")
    with qtbot.waitSignals([dialog.changed, dialog.loaded], timeout=15_000):
        reassign.ok_button.click()
    assert dialog.values["agent"].text() == "李四"
    db = ctx.db
    lisi = db.execute("SELECT id FROM staff WHERE username = 'lisi'").fetchone()[0]
    assert ClientRepository(db).get(mine).assigned_agent_id == lisi
    assert [(r[0], r[4]["to_staff_id"]) for r in _audit(ctx, "client.reassign")] == [("lina", lisi)]


def test_an_agent_has_no_reassign_button_but_may_edit(qtbot, setup, make_shell) -> None:
    ctx, mine, _ = setup(Role.AGENT)
    dialog = _open(qtbot, make_shell(ctx), mine)
    assert dialog.reassign_button.isHidden()
    assert dialog.edit_button.isVisible() and dialog.edit_button.isEnabled()
    assert not dialog.add_followup_button.isHidden() and dialog.add_followup_button.isEnabled()


def test_the_change_history_lists_who_changed_which_fields(qtbot, setup, make_shell) -> None:
    ctx, mine, _ = setup(Role.MANAGER)
    now = utc_timestamp(ctx.clock())
    request = register_request(ctx, mine, "correction", now[:10], identity_verified=True)
    complete_correction(ctx, request.id, {"phone": "13912345678", "address_detail": "科技园路2号"})
    update_client(ctx, mine, {"intention_level": "B"})
    dialog = _open(qtbot, make_shell(ctx), mine)
    lines = [dialog.history.item(i).text() for i in range(dialog.history.count())]
    assert lines == [
        f"{local_date(now)} lina changed Intention level",
        f"{local_date(now)} lina changed Phone number, Address (correction request #{request.id})",
    ]
    assert "13912345678" not in "\n".join(lines)
    assert dialog.values["phone"].text() == "139****5678"


def test_a_storage_only_record_shows_only_the_message(qtbot, setup, make_shell) -> None:
    ctx, mine, _ = setup(Role.MANAGER)
    db = ctx.db
    with db.transaction():
        ClientRepository(db).set_storage_only(mine, now=utc_timestamp(ctx.clock()))
    dialog = ClientDetailDialog(make_shell(ctx), mine)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=15_000) as failed:
        dialog.show()
    assert failed.args == [StorageOnly(mine).message("en")]
    assert dialog.error.text() == StorageOnly(mine).message("en")
    assert all(label.text() == "" for label in dialog.values.values())
    assert not dialog.edit_button.isEnabled() and not dialog.reassign_button.isEnabled()
    assert not any(row.reveal_button.isVisible() for row in dialog.rows.values())


def test_another_agents_client_is_refused_in_both_languages(qtbot, setup, make_shell) -> None:
    ctx, _, theirs = setup(Role.AGENT)
    dialog = ClientDetailDialog(make_shell(ctx, language="zh_CN"), theirs)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=15_000):
        dialog.show()
    assert dialog.error.text() == NotYourClient(theirs).message("zh_CN")
    assert dialog.values["name"].text() == ""
    denied = _audit(ctx, "access.denied")
    assert [(r[0], r[1], r[4]["operation"]) for r in denied] == [("zhangwei", str(theirs), "client.view")]


def _held_reveals(monkeypatch) -> threading.Event:
    """Make the service's reveal wait on the worker until the returned event is set, so a test can
    change the screen while the reveal runs."""
    from desktop_app.services import client_reveal

    release = threading.Event()
    real = client_reveal.reveal_field

    def held(*args, **kwargs):
        assert release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(client_reveal, "reveal_field", held)
    return release


def test_a_value_that_arrives_after_the_user_switched_away_is_not_shown(
    qtbot, setup, make_shell, monkeypatch
) -> None:
    ctx, mine, _ = setup(Role.AGENT)
    shell = make_shell(ctx)
    dialog = _open(qtbot, shell, mine)
    release = _held_reveals(monkeypatch)
    qtbot.mouseClick(dialog.rows["phone"].reveal_button, Qt.MouseButton.LeftButton)
    reason_dialog = dialog.reveal_flow.reason_dialog
    assert reason_dialog is not None
    qtbot.waitUntil(reason_dialog.isActiveWindow)
    reason_dialog.choose(RevealReason.CLIENT_VERIFICATION)
    reason_dialog.ok_button.click()  # the reveal now runs on the worker (and waits)
    assert dialog.reveal_flow.busy
    elsewhere = QWidget()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    elsewhere.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is elsewhere)
    assert not dialog.isActiveWindow()
    release.set()
    qtbot.waitUntil(lambda: not dialog.reveal_flow.busy, timeout=10_000)
    wait_idle(qtbot, shell)
    assert not dialog.rows["phone"].revealed and dialog.rows["phone"].value() is None
    assert dialog.values["phone"].text() == MASKED["phone"] and FULL["phone"] not in _shown_texts(dialog)
    assert dialog.info.text() == "Reveal again when you are back."
    assert dialog.rows["phone"].reveal_button.isVisible()

    # Back at the page but the session locked meanwhile: not shown either.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    release.clear()
    _reveal(qtbot, dialog, "email", RevealReason.CLIENT_VERIFICATION)
    shell.lock_state.lock()
    release.set()
    qtbot.waitUntil(lambda: not dialog.reveal_flow.busy, timeout=10_000)
    wait_idle(qtbot, shell)
    assert not dialog.rows["email"].revealed and dialog.values["email"].text() == MASKED["email"]
    shell.lock_state.unlock()

    # The user stays at the page: the value shows, and the note goes away.
    _reveal(qtbot, dialog, "phone", RevealReason.CLIENT_VERIFICATION)
    qtbot.waitUntil(lambda: dialog.rows["phone"].revealed, timeout=10_000)
    assert dialog.values["phone"].text() == FULL["phone"] and dialog.info.text() == ""


def test_the_clipboard_guard_keeps_no_copy_of_the_value_and_forgets_it_on_time(
    qtbot, setup, make_shell
) -> None:
    ctx, mine, _ = setup(Role.AGENT)
    shell = make_shell(ctx)
    dialog = _open(qtbot, shell, mine)
    dialog.clipboard_seconds = 0.3
    clipboard = QGuiApplication.clipboard()
    _reveal(qtbot, dialog, "id_number", RevealReason.CLIENT_VERIFICATION)
    qtbot.waitUntil(lambda: dialog.rows["id_number"].revealed, timeout=10_000)
    dialog.rows["id_number"].copy_button.click()
    guard = shell.clipboard
    assert clipboard.text() == RESIDENT_ID and guard.holds_copy
    kept = repr(vars(guard))
    assert RESIDENT_ID not in kept and RESIDENT_ID.encode() not in kept.encode()
    clipboard.setText("the user's own text")  # before the countdown ends
    qtbot.waitUntil(lambda: not guard.holds_copy, timeout=3_000)
    assert clipboard.text() == "the user's own text"
    assert not guard.clear_if_ours() and clipboard.text() == "the user's own text"


def test_a_long_revealed_address_wraps_instead_of_widening_the_page(qtbot, setup, make_shell) -> None:
    ctx, mine, _ = setup(Role.AGENT)
    detail = "粤海街道科技园南区高新南七道深圳湾科技生态园十栋B座二十三层二三零五室靠近地铁站C出口往东走约三百米右转"
    update_client(ctx, mine, {"address_detail": detail})
    dialog = _open(qtbot, make_shell(ctx), mine)
    _reveal(qtbot, dialog, "address", RevealReason.CLIENT_VERIFICATION)
    qtbot.waitUntil(lambda: dialog.rows["address"].revealed, timeout=10_000)
    label = dialog.rows["address"].value_label
    assert label.text().endswith(detail) and label.wordWrap()
    assert not label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert dialog.minimumSizeHint().width() < 900  # fits beside the main window on 1280x800


def test_a_value_arriving_while_the_focus_returns_from_a_step_dialog_is_shown_not_dropped(
    qtbot, setup, make_shell
) -> None:
    """Regression: a reveal answered as the reason dialog closed was dropped ("Reveal again when you
    are back") because the window system had not yet handed the focus back to the page."""
    from desktop_app.services.client_reveal import RevealedValue

    ctx, mine, _ = setup(Role.AGENT)
    dialog = _open(qtbot, make_shell(ctx), mine)
    step = QWidget()  # stands in for the reason dialog: active, then gone
    qtbot.addWidget(step)
    step.show()
    step.activateWindow()
    qtbot.waitUntil(step.isActiveWindow)
    step.close()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is None, timeout=3_000)

    dialog._revealed("name", RevealedValue(mine, RevealableField.NAME, FULL["name"], 30))
    assert dialog.values["name"].text() == MASKED["name"]  # not yet: the page is not active
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.values["name"].text() == FULL["name"], timeout=3_000)

    step.show()
    step.activateWindow()
    qtbot.waitUntil(step.isActiveWindow)
    step.close()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is None, timeout=3_000)
    dialog._revealed("phone", RevealedValue(mine, RevealableField.PHONE, FULL["phone"], 30))
    qtbot.wait(ACTIVATION_GRACE_MS + 200)  # the focus never came back: dropped
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.values["phone"].text() == MASKED["phone"] and "back" in dialog.info.text()
