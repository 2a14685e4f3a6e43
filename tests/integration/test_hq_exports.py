"""Summaries for headquarters with four eyes (services/hq_exports.py): prepare freezes the payload
and its hash; only a manager other than the preparer approves, with the password re-entered
(counted like any re-authentication); a rejected summary is never sent; the outbox hands out only
signed, approved bodies and records HQ's signed receipt; every transition is audited."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.domain.errors import AccountLocked, InvalidInput, PermissionDenied, WrongCredentials
from desktop_app.domain.export_states import ExportState
from desktop_app.domain.hq_summary import canonical_json, sha256_hex, verify_payload
from desktop_app.domain.output_targets import OutputInsideDataDir
from desktop_app.domain.roles import Role
from desktop_app.services import hq_exports
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from tests.conftest import Branch, Clock
from tests.support.hq_export_fixtures import FakeHqEnrolment, enrol_for_tests

SignIn = Callable[[Role], SignedIn]
DAY = date(2027, 1, 14)  # the test clock's "today" is 2027-01-15 (Beijing)
NOW = datetime(2027, 1, 15, 8, 0, tzinfo=UTC)


def _password(branch: Branch, role: Role) -> str:
    return branch.users[role][1]


def _actions(ctx: SignedIn, export_id: str) -> list[tuple[str, str]]:
    return [
        (e.action, e.outcome)
        for e in AuditRepository(ctx.db).iter_all()
        if e.target_type == "hq_export" and e.target_id == export_id
    ]


@pytest.fixture
def enrolled(branch: Branch) -> FakeHqEnrolment:
    return enrol_for_tests(branch.context)


def test_prepare_freezes_the_payload_and_shows_its_hash(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    made = hq_exports.prepare(agent, DAY, DAY)
    assert made.state is ExportState.PREPARED and made.prepared_by == agent.session.staff_id
    detail = hq_exports.show(agent, made.id)
    assert detail.payload["approval"] is None and detail.payload["submission_id"] == made.id
    assert made.sha256 == sha256_hex(canonical_json(detail.payload))
    assert detail.signature is None and detail.receipt is None
    # unchanged between prepare and show, also after time passes and the branch changes
    agent.context.clock.advance(3600)  # type: ignore[attr-defined]
    assert hq_exports.show(agent, made.id).payload == detail.payload
    assert _actions(agent, made.id) == [("export.prepare", "success")]
    entry = [e for e in AuditRepository(agent.db).iter_all() if e.action == "export.prepare"][-1]
    assert entry.details["content_sha256"] == made.sha256


def test_the_preparer_cannot_approve(branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment) -> None:
    manager = signed_in(Role.MANAGER)
    made = hq_exports.prepare(manager, DAY, DAY)
    with pytest.raises(hq_exports.SelfApprovalRefused) as info:
        hq_exports.approve(manager, made.id, _password(branch, Role.MANAGER))
    assert "四眼" in info.value.zh and "four eyes" in info.value.en
    assert hq_exports.show(manager, made.id).summary.state is ExportState.PREPARED
    assert ("export.approve", "denied") in _actions(manager, made.id)
    assert hq_exports.due_for_sending(manager, NOW) == []


def test_an_agent_cannot_approve(branch: Branch, signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    made = hq_exports.prepare(manager, DAY, DAY)
    agent = signed_in(Role.AGENT)
    with pytest.raises(PermissionDenied):
        hq_exports.approve(agent, made.id, _password(branch, Role.AGENT))
    with pytest.raises(PermissionDenied):
        hq_exports.reject(agent, made.id, "不对")
    denied = [e for e in AuditRepository(agent.db).iter_all() if e.action == "access.denied"]
    assert {e.target_id for e in denied} >= {"export.approve"}
    assert hq_exports.show(agent, made.id).summary.state is ExportState.PREPARED


def test_an_it_admin_or_auditor_cannot_list_exports(signed_in: SignIn) -> None:
    hq_exports.prepare(signed_in(Role.AGENT), DAY, DAY)
    for role in (Role.IT_ADMIN, Role.AUDITOR):
        ctx = signed_in(role)
        with pytest.raises(PermissionDenied):
            hq_exports.list_exports(ctx)
        assert hq_exports.awaiting_approval_count(ctx) == 0


def test_a_wrong_password_is_refused_and_counted_like_other_reauthentications(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    made = hq_exports.prepare(signed_in(Role.AGENT), DAY, DAY)
    manager = signed_in(Role.MANAGER)
    with pytest.raises(WrongCredentials):
        hq_exports.approve(manager, made.id, "not-my-password")
    assert hq_exports.show(manager, made.id).summary.state is ExportState.PREPARED
    failures = [
        e
        for e in AuditRepository(manager.db).iter_all()
        if e.action == "auth.reauthenticate" and e.outcome == "failure"
    ]
    assert len(failures) == 1
    for _ in range(10):  # the lockout counts these failures like a sign-in's
        try:
            hq_exports.approve(manager, made.id, "not-my-password")
        except AccountLocked:
            break
        except WrongCredentials:
            continue
    with pytest.raises(AccountLocked):
        hq_exports.approve(manager, made.id, _password(branch, Role.MANAGER))
    assert hq_exports.show(manager, made.id).summary.state is ExportState.PREPARED
    assert not [a for a in _actions(manager, made.id) if a == ("export.approve", "success")]


def test_approve_signs_queues_sends_and_acknowledges_every_step_audited(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    agent = signed_in(Role.AGENT)
    made = hq_exports.prepare(agent, DAY, DAY)
    manager = signed_in(Role.MANAGER)
    assert hq_exports.awaiting_approval_count(manager) == 1
    assert hq_exports.awaiting_approval_count(agent) == 0
    approved = hq_exports.approve(manager, made.id, _password(branch, Role.MANAGER))
    assert approved.state is ExportState.QUEUED and approved.approved_by == manager.session.staff_id
    assert hq_exports.awaiting_approval_count(manager) == 0

    detail = hq_exports.show(agent, made.id)
    assert detail.payload["approval"] == {
        "approved_by": manager.session.staff_id,
        "approved_at": approved.approved_at,
        "content_sha256": made.sha256,
    }
    assert sha256_hex(canonical_json({**detail.payload, "approval": None})) == made.sha256
    assert detail.signature is not None
    assert verify_payload(enrolled.branch_public_b64, detail.payload, detail.signature)

    due = hq_exports.due_for_sending(agent, NOW)
    assert [o.id for o in due] == [made.id] and due[0].attempts == 0
    body = due[0].envelope
    assert json.loads(body) == {"payload": detail.payload, "signature": detail.signature}
    assert sha256_hex(body) == due[0].envelope_sha256 == approved.envelope_sha256

    sent = hq_exports.record_sent(agent, made.id)
    assert sent.state is ExportState.SENT and sent.attempts == 1
    assert [o.id for o in hq_exports.due_for_sending(agent, NOW)] == [made.id]  # no receipt yet
    done = hq_exports.record_receipt(agent, made.id, enrolled.receipt(body))
    assert done.state is ExportState.ACKNOWLEDGED and done.acknowledged_at
    assert hq_exports.due_for_sending(agent, NOW) == []
    assert hq_exports.record_receipt(agent, made.id, enrolled.receipt(body)).state is ExportState.ACKNOWLEDGED
    assert hq_exports.show(agent, made.id).receipt == enrolled.receipt(body)
    assert [s.id for s in hq_exports.left_branch(agent)] == [made.id]

    assert _actions(agent, made.id) == [
        ("export.prepare", "success"),
        ("export.approve", "success"),
        ("export.queue", "success"),
        ("export.send", "success"),
        ("export.acknowledge", "success"),
    ]
    entries = {e.action: e for e in AuditRepository(agent.db).iter_all() if e.target_id == made.id}
    assert entries["export.approve"].actor_id == manager.session.staff_id
    assert entries["export.approve"].details["content_sha256"] == made.sha256
    assert entries["export.queue"].details["envelope_sha256"] == approved.envelope_sha256


def test_a_rejected_summary_is_never_sent(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    made = hq_exports.prepare(signed_in(Role.AGENT), DAY, DAY)
    manager = signed_in(Role.MANAGER)
    with pytest.raises(InvalidInput):
        hq_exports.reject(manager, made.id, "   ")
    rejected = hq_exports.reject(manager, made.id, "期间不对，请重新准备")
    assert rejected.state is ExportState.REJECTED and rejected.rejection_reason == "期间不对，请重新准备"
    assert hq_exports.due_for_sending(manager, NOW + timedelta(days=30)) == []
    with pytest.raises(hq_exports.ExportWrongState):
        hq_exports.approve(manager, made.id, _password(branch, Role.MANAGER))
    with pytest.raises(hq_exports.ExportWrongState):
        hq_exports.record_sent(manager, made.id)
    assert hq_exports.show(manager, made.id).signature is None
    assert hq_exports.left_branch(manager) == []
    assert _actions(manager, made.id) == [("export.prepare", "success"), ("export.reject", "success")]
    reject_entry = next(e for e in AuditRepository(manager.db).iter_all() if e.action == "export.reject")
    assert "期间不对" not in json.dumps(
        reject_entry.details, ensure_ascii=False
    )  # the text stays in clients.db


def test_approved_before_enrolment_is_signed_once_the_branch_is_enrolled(
    branch: Branch, signed_in: SignIn
) -> None:
    made = hq_exports.prepare(signed_in(Role.AGENT), DAY, DAY)
    manager = signed_in(Role.MANAGER)
    approved = hq_exports.approve(manager, made.id, _password(branch, Role.MANAGER))
    assert approved.state is ExportState.APPROVED and approved.envelope_sha256 is None
    enrolment = enrol_for_tests(branch.context)
    agent = signed_in(Role.AGENT)
    due = hq_exports.due_for_sending(agent, NOW)
    assert [o.id for o in due] == [made.id]
    detail = hq_exports.show(agent, made.id)
    assert detail.summary.state is ExportState.QUEUED
    assert detail.signature and verify_payload(enrolment.branch_public_b64, detail.payload, detail.signature)


def test_failing_sends_wait_for_their_retry_time(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    made = hq_exports.prepare(signed_in(Role.AGENT), DAY, DAY)
    manager = signed_in(Role.MANAGER)
    hq_exports.approve(manager, made.id, _password(branch, Role.MANAGER))
    failing = hq_exports.record_failure(manager, made.id, "connection refused", NOW + timedelta(minutes=5))
    assert failing.state is ExportState.FAILING and failing.attempts == 1
    assert failing.last_error == "connection refused" and failing.next_retry_at == "2027-01-15T08:05:00Z"
    assert hq_exports.due_for_sending(manager, NOW) == []
    assert [o.attempts for o in hq_exports.due_for_sending(manager, NOW + timedelta(minutes=5))] == [1]
    assert [s.id for s in hq_exports.left_branch(manager)] == [made.id]  # it may have reached HQ
    assert ("export.send_failed", "failure") in _actions(manager, made.id)


def test_a_receipt_not_signed_by_hq_or_for_another_payload_is_refused(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    made = hq_exports.prepare(signed_in(Role.AGENT), DAY, DAY)
    manager = signed_in(Role.MANAGER)
    hq_exports.approve(manager, made.id, _password(branch, Role.MANAGER))
    body = hq_exports.due_for_sending(manager, NOW)[0].envelope
    hq_exports.record_sent(manager, made.id)
    forged = FakeHqEnrolment(enrolled.branch_private, enrolled.branch_private)  # signed with another key
    for bad in (
        forged.receipt(body),
        enrolled.receipt(body, payload_sha256="0" * 64),
        enrolled.receipt(body, submission_id="another"),
        {"receipt": {}, "signature": ""},
    ):
        with pytest.raises(hq_exports.ReceiptRejected):
            hq_exports.record_receipt(manager, made.id, bad)
    assert hq_exports.show(manager, made.id).summary.state is ExportState.SENT
    assert ("export.acknowledge", "failure") in _actions(manager, made.id)


def test_the_scheduled_preparation_runs_once_a_day_after_its_time(
    branch: Branch, clock: Clock, signed_in: SignIn
) -> None:
    agent = signed_in(Role.AGENT)
    assert hq_exports.prepare_scheduled(agent) is None  # never set
    manager = signed_in(Role.MANAGER)
    with pytest.raises(PermissionDenied):
        hq_exports.set_schedule(agent, "09:00")
    with pytest.raises(InvalidInput):
        hq_exports.set_schedule(manager, "9 o'clock")
    hq_exports.set_schedule(manager, "17:30")  # the clock reads 16:00 Beijing time
    assert hq_exports.prepare_scheduled(agent) is None
    clock.advance(2 * 3600)  # 18:00
    made = hq_exports.prepare_scheduled(agent)
    assert made is not None and made.scheduled
    assert (made.period_from, made.period_to) == (date(2027, 1, 14), date(2027, 1, 14))
    assert hq_exports.prepare_scheduled(agent) is None
    assert hq_exports.prepare_scheduled(manager) is None  # idempotent across sessions too
    clock.advance(24 * 3600)
    again = hq_exports.prepare_scheduled(manager)
    assert again is not None and again.period_from == date(2027, 1, 15)
    assert hq_exports.awaiting_approval_count(manager) == 2  # approval is always a person's
    assert ("export.schedule", "success") in [
        (e.action, e.outcome) for e in AuditRepository(manager.db).iter_all()
    ]


def test_the_record_of_what_left_is_saved_as_json_or_pdf_never_into_the_data_dir(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment, tmp_path: Path
) -> None:
    made = hq_exports.prepare(signed_in(Role.AGENT), DAY, DAY)
    manager = signed_in(Role.MANAGER)
    hq_exports.approve(manager, made.id, _password(branch, Role.MANAGER))
    body = hq_exports.due_for_sending(manager, NOW)[0].envelope
    hq_exports.record_sent(manager, made.id)
    hq_exports.record_receipt(manager, made.id, enrolled.receipt(body))

    out = hq_exports.save_record(manager, made.id, tmp_path / "record.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["body"].encode("utf-8") == body
    assert sha256_hex(data["body"].encode("utf-8")) == data["envelope_sha256"]
    assert data["receipt"] == enrolled.receipt(body) and data["left_branch"] is True
    assert data["content_sha256"] == made.sha256
    pdf = hq_exports.save_record(manager, made.id, tmp_path / "record.pdf", pdf=True)
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(OutputInsideDataDir):
        hq_exports.save_record(manager, made.id, branch.ctx.paths.root / "record.json")
    saved = [e for e in AuditRepository(manager.db).iter_all() if e.action == "export.record_saved"]
    assert [e.details["format"] for e in saved] == ["json", "pdf"]


def test_a_period_is_checked(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    with pytest.raises(InvalidInput):
        hq_exports.prepare(agent, DAY, DAY - timedelta(days=1))
    with pytest.raises(InvalidInput):
        hq_exports.prepare(agent, DAY, DAY + timedelta(days=5))


def test_the_pdf_record_shows_the_masked_rows_as_sent_and_no_name(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment, tmp_path: Path
) -> None:
    from desktop_app.domain.client_record import ClientValues
    from desktop_app.services.hq_client_rows import set_client_rows
    from desktop_app.store.client_repository import ClientRepository
    from desktop_app.store.consent_repository import ConsentRepository
    from tests.documents.pdf_tools import flat_text

    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    values = ClientValues(
        full_name="王伟", phone_e164="+8613800000001", phone_kind="mobile", stage="lead", district="南山区"
    )
    with agent.db.transaction():
        client_id = ClientRepository(agent.db).add(
            values, assigned_agent_id=agent.session.staff_id, now=agent.now_utc()
        )
        ConsentRepository(agent.db).set_client_state(
            client_id, sensitive=False, hq=True, marketing=False, notice_version=None
        )
    set_client_rows(manager, enabled=True, legal_basis="same_entity")
    made = hq_exports.prepare(agent, DAY, agent.today())
    rows = hq_exports.show(agent, made.id).payload["client_rows"]["rows"]
    assert [row["masked_name"] for row in rows] == ["王*"]
    hq_exports.approve(manager, made.id, _password(branch, Role.MANAGER))
    pdf = hq_exports.save_record(manager, made.id, tmp_path / "record.pdf", pdf=True).read_bytes()
    text = flat_text(pdf, tmp_path)
    assert "王*" in text and rows[0]["pseudonym"][:12] in text and made.sha256[:16] in text
    assert "王伟" not in text and "13800000001" not in text
