"""Attacks on the four-eyes approval of summaries for headquarters, the way a local user would try
them: with the data folder, their own password and the app's own modules (issue 13).

- IT (who administers the PC and holds the data folder) cannot read or list exports at all: they
  live in clients.db, which IT's key never opens.
- An agent holds the client-data key, so they can rewrite the exports table with the app's store
  API: flip their prepared summary to ``queued`` with a body they made (even one signed with the
  branch key, which any signed-in session can use), or replace an approved body. The outbox must
  refuse each one: nothing leaves without the approving manager's audited approval of exactly that
  content and a valid signature over exactly the approved payload.

Each refusal test fails when the matching check in services/hq_outbox.py is removed (checked by
disabling the audited-approval check and the body-versus-approved-payload check in turn).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
import sqlcipher3

from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.export_states import ExportState
from desktop_app.domain.hq_summary import canonical_json, generate_private_key, sha256_hex, sign_payload
from desktop_app.domain.roles import Role
from desktop_app.services import hq_exports, hq_link
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.branch_config import load_config
from desktop_app.store.device_secret import DeviceSecretStore
from desktop_app.store.hq_export_repository import HqExportRepository
from desktop_app.store.staff_repository import StaffRepository
from desktop_app.store.unlock import unlock
from tests.conftest import Branch
from tests.support.hq_export_fixtures import FakeHqEnrolment, enrol_for_tests

SignIn = Callable[[Role], SignedIn]
DAY = date(2027, 1, 14)
NOW = datetime(2027, 1, 16, tzinfo=UTC)


@pytest.fixture
def enrolled(branch: Branch) -> FakeHqEnrolment:
    return enrol_for_tests(branch.context)


def _forge_queued(agent: SignedIn, export_id: str, *, sign: Callable[[dict[str, object]], str]) -> None:
    """What an agent's script does: write an approval by the manager and a signed body straight
    into the table, with the state the outbox sends from."""
    db = agent.db
    row = HqExportRepository(db).get(export_id)
    assert row is not None
    manager = StaffRepository(db).get("lina")
    assert manager is not None
    payload = json.loads(row.frozen_payload)
    approved_at = "2027-01-15T08:00:00Z"
    payload["approval"] = {
        "approved_by": manager.id,
        "approved_at": approved_at,
        "content_sha256": row.content_sha256,
    }
    approved = canonical_json(payload)
    body = canonical_json({"payload": payload, "signature": sign(payload)})
    with db.transaction():
        db.execute(
            "UPDATE hq_exports SET state = 'queued', approved_by = ?, approved_at = ?, approved_payload = ?, "
            "envelope = ?, envelope_sha256 = ? WHERE id = ?",
            (manager.id, approved_at, approved.decode("utf-8"), body, sha256_hex(body), export_id),
        )


def _refusals(ctx: SignedIn, export_id: str) -> list[str]:
    return [
        str(e.details.get("problem"))
        for e in AuditRepository(ctx.db).iter_all()
        if e.action == "export.refused" and e.target_id == export_id
    ]


def test_it_cannot_read_or_list_exports(branch: Branch, signed_in: SignIn) -> None:
    made = hq_exports.prepare(signed_in(Role.AGENT), DAY, DAY)
    it = signed_in(Role.IT_ADMIN)
    for call in (hq_exports.list_exports, lambda ctx: hq_exports.show(ctx, made.id)):
        with pytest.raises(PermissionDenied):
            call(it)
    with pytest.raises(PermissionDenied):
        hq_exports.due_for_sending(it, NOW)
    # the app's store API with IT's own password: the table is not there at all
    paths = branch.ctx.paths
    branch_id = load_config(paths.config).branch_id
    username, password = branch.users[Role.IT_ADMIN]
    unlocked = unlock(paths, branch_id, username, password, DeviceSecretStore().get(branch_id))
    try:
        with pytest.raises(sqlcipher3.OperationalError, match="no such table: hq_exports"):
            HqExportRepository(unlocked.database).newest_first()
    finally:
        unlocked.database.close()
    assert made.id.encode() not in (paths.root / "branch.db").read_bytes()
    assert made.id.encode() not in paths.client_database.read_bytes()  # encrypted


def test_a_prepared_summary_flipped_to_queued_with_a_branch_signed_body_is_not_sent(
    signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    agent = signed_in(Role.AGENT)
    made = hq_exports.prepare(agent, DAY, DAY)
    _forge_queued(agent, made.id, sign=lambda payload: hq_link.sign(agent, payload))  # the real branch key
    assert hq_exports.due_for_sending(agent, NOW) == []
    assert _refusals(agent, made.id) == ["no audited approval by a manager"]
    hq_exports.due_for_sending(agent, NOW)  # refused again, audited once
    assert len(_refusals(agent, made.id)) == 1
    manager = signed_in(Role.MANAGER)
    assert hq_exports.due_for_sending(manager, NOW) == []


def test_a_forged_approval_entry_with_another_key_is_not_sent(
    signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    agent = signed_in(Role.AGENT)
    made = hq_exports.prepare(agent, DAY, DAY)
    other_key = generate_private_key()
    _forge_queued(agent, made.id, sign=lambda payload: sign_payload(other_key, payload))  # type: ignore[arg-type]
    row = HqExportRepository(agent.db).get(made.id)
    assert row is not None and row.approved_payload is not None and row.approved_by is not None
    with agent.db.transaction():  # even the audit entry the approval needs, appended by the script
        AuditRepository(agent.db).append(
            now=agent.clock(),
            actor_id=row.approved_by,
            actor_username="lina",
            actor_role=Role.MANAGER.value,
            action="export.approve",
            target_type="hq_export",
            target_id=made.id,
            details={
                "content_sha256": row.content_sha256,
                "approved_payload_sha256": sha256_hex(row.approved_payload.encode("utf-8")),
            },
        )
    assert hq_exports.due_for_sending(agent, NOW) == []
    assert _refusals(agent, made.id) == ["signature does not verify with the branch key"]


def test_an_approved_body_replaced_afterwards_is_not_sent(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    agent = signed_in(Role.AGENT)
    made = hq_exports.prepare(agent, DAY, DAY)
    manager = signed_in(Role.MANAGER)
    hq_exports.approve(manager, made.id, branch.users[Role.MANAGER][1])
    row = HqExportRepository(agent.db).get(made.id)
    assert row is not None and row.envelope is not None
    envelope = json.loads(row.envelope)
    payload = envelope["payload"]
    payload["aggregates"] = {"new_clients": 999}  # more than was approved
    body = canonical_json({"payload": payload, "signature": hq_link.sign(agent, payload)})
    db = agent.db
    with pytest.raises(sqlcipher3.IntegrityError, match="never changes"):  # the table says no ...
        with db.transaction():
            db.execute("UPDATE hq_exports SET envelope = ? WHERE id = ?", (body, made.id))
    with db.transaction():  # ... so the script drops the guard first
        db.execute("DROP TRIGGER hq_exports_envelope_once")
        db.execute(
            "UPDATE hq_exports SET envelope = ?, envelope_sha256 = ? WHERE id = ?",
            (body, sha256_hex(body), made.id),
        )
    assert hq_exports.due_for_sending(agent, NOW) == []
    assert _refusals(agent, made.id) == ["body differs from the approved payload"]
    with db.transaction():  # and rewriting the approved payload to match breaks the audited approval
        db.execute("DROP TRIGGER hq_exports_approval_once")
        db.execute(
            "UPDATE hq_exports SET approved_payload = ? WHERE id = ?",
            (canonical_json(payload).decode("utf-8"), made.id),
        )
    assert hq_exports.due_for_sending(agent, NOW) == []
    assert _refusals(agent, made.id)[-1] == "approved payload differs from the prepared one"
    assert hq_exports.show(agent, made.id).summary.state is ExportState.QUEUED  # held back, never sent


def test_the_preparer_cannot_approve_by_writing_the_table(
    signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    manager = signed_in(Role.MANAGER)
    made = hq_exports.prepare(manager, DAY, DAY)
    db = manager.db
    row = HqExportRepository(db).get(made.id)
    assert row is not None
    payload = json.loads(row.frozen_payload)
    at = "2027-01-15T08:00:00Z"
    payload["approval"] = {
        "approved_by": manager.session.staff_id,
        "approved_at": at,
        "content_sha256": made.sha256,
    }
    approved = canonical_json(payload)
    body = canonical_json({"payload": payload, "signature": hq_link.sign(manager, payload)})
    with db.transaction():
        db.execute(
            "UPDATE hq_exports SET state = 'queued', approved_by = ?, approved_at = ?, approved_payload = ?, "
            "envelope = ?, envelope_sha256 = ? WHERE id = ?",
            (manager.session.staff_id, at, approved.decode("utf-8"), body, sha256_hex(body), made.id),
        )
        AuditRepository(db).append(  # with an approval entry in their own name
            now=manager.clock(),
            actor_id=manager.session.staff_id,
            actor_username="lina",
            actor_role=Role.MANAGER.value,
            action="export.approve",
            target_type="hq_export",
            target_id=made.id,
            details={"content_sha256": made.sha256, "approved_payload_sha256": sha256_hex(approved)},
        )
    assert hq_exports.due_for_sending(manager, NOW) == []
    assert _refusals(manager, made.id) == ["approved by the preparer"]


@pytest.mark.xfail(
    strict=True,
    reason="known gap (issue 13 contract): the branch signing key is in branch.db, which IT's and the "
    "auditor's keys open, so they can sign a summary no manager approved and send it themselves",
)
@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_and_auditors_cannot_take_the_branch_signing_key(
    branch: Branch, enrolled: FakeHqEnrolment, role: Role
) -> None:
    from desktop_app.store.hq_link_repository import HqLinkRepository

    paths = branch.ctx.paths
    branch_id = load_config(paths.config).branch_id
    username, password = branch.users[role]
    unlocked = unlock(paths, branch_id, username, password, DeviceSecretStore().get(branch_id))
    try:
        stored = HqLinkRepository(unlocked.database).get()
    finally:
        unlocked.database.close()
    assert stored is None or stored.branch_private_key != enrolled.branch_private
