"""The audit log: a verifiable chain, tamper detection, written in the same transaction as the action,
no secrets, late entries for sign-in failures, and audited refusals."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlcipher3

from desktop_app.domain.audit_chain import AuditEntry, verify_chain
from desktop_app.domain.audit_filter import AuditFilter
from desktop_app.domain.errors import AccountLocked, PermissionDenied, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services import audit_review
from desktop_app.services.audit_trail import pseudonym, record
from desktop_app.services.context import AppContext
from desktop_app.services.key_rotation import recover_access, rotate_database_key
from desktop_app.services.sign_in import change_password, sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff, disable_staff, list_staff, reset_password
from desktop_app.store.audit_repository import AuditRepository
from tests.conftest import Branch

FAILING_TRIGGER = """CREATE TRIGGER audit_write_fails BEFORE INSERT ON audit_log
                     BEGIN SELECT RAISE(ABORT, 'simulated audit write failure'); END"""


def entries(ctx: SignedIn) -> list[AuditEntry]:
    assert ctx.db is not None
    return list(AuditRepository(ctx.db).iter_all())


def entry_text(entry: AuditEntry) -> str:
    return json.dumps(entry.__dict__, ensure_ascii=False, sort_keys=True)


def busy_day(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> list[str]:
    """Many kinds of action; returns every password and code used along the way."""
    secrets = [p for _, p in branch.users.values()] + [branch.recovery_code]
    admin = signed_in(Role.IT_ADMIN)
    _, temp = add_staff(admin, "wang.fang", "王芳", Role.AGENT)
    secrets.append(temp)
    secrets.append(reset_password(admin, "wang.fang"))
    new_agent = sign_in(branch.context(), "wang.fang", secrets[-1])
    change_password(new_agent, secrets[-1], "Fang!Sales#2026x")
    secrets.append("Fang!Sales#2026x")
    for typo in ("Mgr!Branch#2026y", "Typed!Into#Username1"):
        secrets.append(typo)
        with pytest.raises(WrongCredentials):
            sign_in(branch.context(), "lina", typo)
    with pytest.raises(WrongCredentials):  # a password typed into the username field
        sign_in(branch.context(), "Typed!Into#Username1", "x")
    agent = signed_in(Role.AGENT)
    with pytest.raises(PermissionDenied):
        list_staff(agent)
    manager = signed_in(Role.MANAGER)
    list_staff(manager)
    disable_staff(admin, "wang.fang")
    auditor = signed_in(Role.AUDITOR)
    audit_review.record_view(auditor)
    audit_review.verify(auditor)
    for ctx in (agent, manager, auditor, new_agent):  # nobody else may be signed in during a rekey
        sign_out(ctx)
    rotate_database_key(admin)
    return secrets


def test_chain_verifies_after_many_actions(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    busy_day(branch, signed_in)
    auditor = signed_in(Role.AUDITOR)
    total = len(entries(auditor))
    report = audit_review.verify(auditor)
    assert report.ok and report.checked == total > 25
    assert entries(auditor)[-1].action == "audit.verify"
    assert entries(auditor)[-1].details == {
        "checked": total,
        "first_broken_seq": None,
        "time_regressions": [],
        "witness": "matches",
        "restored_triggers": [],
    }


def test_every_entry_is_attributed(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    busy_day(branch, signed_in)
    for entry in entries(signed_in(Role.AUDITOR)):
        assert entry.action and entry.ts.endswith("Z") and entry.outcome in ("success", "failure", "denied")
        assert entry.actor_username


def test_altered_entry_detected(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    target = entries(admin)[3].seq
    admin.db.execute("DROP TRIGGER audit_log_no_update")
    admin.db.execute("UPDATE audit_log SET outcome = 'failure' WHERE seq = ?", (target,))
    report = audit_review.verify(admin)
    assert not report.ok and report.first_broken_seq == target
    verified = [e for e in entries(admin) if e.action == "audit.verify"]
    assert verified[-1].outcome == "failure"  # the failed verification is itself audited (and alerted)
    assert entries(admin)[-1].action == "alert.raised"
    auditor = signed_in(Role.AUDITOR)
    assert audit_review.verify(auditor).first_broken_seq == target


def test_altered_details_detected(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    target = next(e.seq for e in entries(admin) if e.action == "branch.init")
    admin.db.execute("DROP TRIGGER audit_log_no_update")
    admin.db.execute("UPDATE audit_log SET details = '{\"keyring\": false}' WHERE seq = ?", (target,))
    assert audit_review.verify(admin).first_broken_seq == target


def test_deleted_entry_detected(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    target = entries(admin)[5].seq
    admin.db.execute("DROP TRIGGER audit_log_no_delete")
    admin.db.execute("DELETE FROM audit_log WHERE seq = ?", (target,))
    report = audit_review.verify(signed_in(Role.MANAGER))
    assert not report.ok and report.first_broken_seq == target and report.problem == "missing entry"


def test_update_and_delete_refused_while_triggers_exist(signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    with pytest.raises(sqlcipher3.IntegrityError):
        admin.db.execute("UPDATE audit_log SET reason = 'x'")
    with pytest.raises(sqlcipher3.IntegrityError):
        admin.db.execute("DELETE FROM audit_log")
    assert audit_review.verify(admin).ok


def test_append_outside_a_transaction_is_refused(signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    before = len(entries(admin))
    with pytest.raises(RuntimeError, match="inside the action's transaction"):
        record(admin, "test.action")
    assert len(entries(admin)) == before


def slot_names(branch: Branch) -> set[str]:
    data = json.loads(branch.ctx.paths.key_slots.read_text(encoding="utf-8"))
    return {slot["name"] for slot in data["slots"]}


def test_add_staff_rolled_back_when_its_audit_entry_fails(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    slots_before = branch.ctx.paths.key_slots.read_bytes()
    admin.db.execute(FAILING_TRIGGER)
    with pytest.raises(sqlcipher3.IntegrityError, match="simulated audit write failure"):
        add_staff(admin, "liu.yang", "刘洋", Role.AGENT, password="Yang!Sales#2026x", must_change=False)
    assert not admin.db.in_transaction
    assert admin.db.execute("SELECT count(*) FROM staff WHERE username = 'liu.yang'").fetchone()[0] == 0
    assert "liu.yang" not in slot_names(branch)
    assert branch.ctx.paths.key_slots.read_bytes() == slots_before
    admin.db.execute("DROP TRIGGER audit_write_fails")
    with pytest.raises(WrongCredentials):
        sign_in(branch.context(), "liu.yang", "Yang!Sales#2026x")


def test_disable_and_reset_rolled_back_when_their_audit_entry_fails(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    add_staff(admin, "second.mgr", "第二店长", Role.MANAGER, password="Second!Mgr#2026", must_change=False)
    admin.db.execute(FAILING_TRIGGER)
    with pytest.raises(sqlcipher3.IntegrityError):
        disable_staff(admin, "lina")
    with pytest.raises(sqlcipher3.IntegrityError):
        reset_password(admin, "zhangwei")
    admin.db.execute("DROP TRIGGER audit_write_fails")
    assert {"lina", "zhangwei"} <= slot_names(branch)
    rows = dict(admin.db.execute("SELECT username, active + 2 * must_change_password FROM staff").fetchall())
    assert rows["lina"] == 1 and rows["zhangwei"] == 1  # still active, no forced change
    for role in (Role.MANAGER, Role.AGENT):  # the old passwords still work
        ctx = sign_in(branch.context(), *branch.users[role])
        ctx.close()


def test_no_passwords_or_codes_in_the_audit_log(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    secrets = busy_day(branch, signed_in)
    admin = signed_in(Role.IT_ADMIN)
    result = recover_access(branch.context(), branch.recovery_code, "it.admin")
    secrets += [result.temporary_password, result.new_recovery_code]
    text = "\n".join(entry_text(e) for e in entries(admin))
    assert "keys.recovery_used" in text and "auth.password_changed" in text
    for secret in secrets:
        assert secret not in text, secret
        assert secret.lower() not in text.lower()


def test_pseudonyms_hide_the_value(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    agent = signed_in(Role.AGENT)
    assert agent.db is not None
    phone, id_number = "13800138000", "11010519491231002X"
    first = pseudonym(agent, phone)
    assert first == pseudonym(agent, phone) != pseudonym(agent, id_number)
    assert first.startswith("hmac:") and phone not in first
    with agent.db.transaction():
        record(agent, "client.search", details={"phone": first, "id": pseudonym(agent, id_number)})
    manager = signed_in(Role.MANAGER)
    assert pseudonym(manager, phone) == first  # same branch key for everyone
    text = "\n".join(entry_text(e) for e in entries(manager))
    assert first in text
    assert phone not in text and id_number not in text and id_number.lower() not in text
    for path in branch.ctx.paths.root.iterdir():
        assert phone.encode() not in path.read_bytes()


def test_pseudonym_key_differs_per_branch(
    branch: Branch, tmp_path: Path, signed_in: Callable[[Role], SignedIn]
) -> None:
    from desktop_app.services.branch_setup import BranchDetails, init_branch
    from desktop_app.services.context import build_context
    from tests.conftest import ADMIN, FAST_KDF
    from tests.support.client_access import grant_client_access

    other = build_context(tmp_path / "other-branch")
    other = init_branch(
        other,
        BranchDetails("SZ002", "深圳福田店"),
        admin_username=ADMIN[0],
        admin_display_name="IT",
        admin_password=ADMIN[1],
        kdf=FAST_KDF,
    ).signed_in
    manager = ("other.mgr", "Mgr!Other#2026xy")
    add_staff(other, manager[0], "店长", Role.MANAGER, password=manager[1], must_change=False)
    other.close()
    grant_client_access(lambda: build_context(tmp_path / "other-branch"), manager)
    other = sign_in(build_context(tmp_path / "other-branch"), *manager)
    assert pseudonym(other, "13800138000") != pseudonym(signed_in(Role.AGENT), "13800138000")
    other.close()


def test_it_cannot_compute_pseudonyms(signed_in: Callable[[Role], SignedIn]) -> None:
    """The pseudonym key lives with the client data: IT cannot test guessed phone numbers against
    the pseudonyms in the audit log it can read."""
    import sqlcipher3

    admin = signed_in(Role.IT_ADMIN)
    with pytest.raises(sqlcipher3.OperationalError, match=r"no such table: client_data\.client_meta"):
        pseudonym(admin, "13800138000")


def test_sign_in_failures_written_at_the_next_successful_sign_in(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    for _ in range(2):
        with pytest.raises(WrongCredentials):
            sign_in(branch.context(), "lina", "Wrong!Password#1")
    with pytest.raises(WrongCredentials):
        sign_in(branch.context(), "ghost.user", "Wrong!Password#1")
    for _ in range(4):
        with pytest.raises(WrongCredentials):
            sign_in(branch.context(), "zhangwei", "Wrong!Password#1")
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), "zhangwei", "Wrong!Password#1")
    pending = json.loads(branch.ctx.paths.lockout.read_text(encoding="utf-8"))["pending_events"]
    assert len(pending) == 2 + 1 + 5 + 1

    admin = signed_in(Role.IT_ADMIN)
    late = [e for e in entries(admin) if e.details.get("recorded_late")]
    assert all(e.outcome == "failure" and e.actor_id is None for e in late)
    summary = [(e.action, e.target_id) for e in late]
    assert summary.count(("auth.sign_in", "lina")) == 2
    assert summary.count(("auth.sign_in", "zhangwei")) == 5
    assert summary.count(("auth.lockout", "zhangwei")) == 1
    assert summary.count(("auth.sign_in", "")) == 1  # the unknown name itself is not recorded
    assert "ghost.user" not in "\n".join(entry_text(e) for e in entries(admin))
    assert entries(admin)[-1].action == "auth.sign_in" and entries(admin)[-1].outcome == "success"
    # flushed once: the queue is empty and the next sign-in adds nothing late
    assert json.loads(branch.ctx.paths.lockout.read_text(encoding="utf-8"))["pending_events"] == []
    manager = signed_in(Role.MANAGER)
    assert len([e for e in entries(manager) if e.details.get("recorded_late")]) == len(late)
    assert audit_review.verify(manager).ok


@pytest.mark.parametrize(
    ("role", "call", "action"),
    [
        (Role.AGENT, lambda ctx: list_staff(ctx), "staff.list"),
        (Role.MANAGER, lambda ctx: add_staff(ctx, "x.y.z", "X", Role.AGENT), "staff.manage"),
        (Role.AUDITOR, lambda ctx: rotate_database_key(ctx), "keys.rotate"),
        (Role.IT_ADMIN, lambda ctx: audit_review.page(ctx, AuditFilter(), 0, 10), "audit.read"),
        (Role.IT_ADMIN, lambda ctx: audit_review.export_jsonl(ctx, Path("/nonexistent/x")), "audit.export"),
        (Role.AGENT, lambda ctx: audit_review.verify(ctx), "audit.verify"),
    ],
)
def test_permission_refusals_are_audited(
    signed_in: Callable[[Role], SignedIn], role: Role, call: Callable[[AppContext], object], action: str
) -> None:
    ctx = signed_in(role)
    with pytest.raises(PermissionDenied):
        call(ctx)
    last = entries(ctx)[-1]
    assert (last.action, last.outcome, last.target_type, last.target_id) == (
        "access.denied",
        "denied",
        "action",
        action,
    )
    assert (last.actor_username, last.actor_role) == (ctx.session.username, role.value)  # type: ignore[union-attr]


def test_auditor_reads_filters_and_exports(
    branch: Branch, tmp_path: Path, signed_in: Callable[[Role], SignedIn]
) -> None:
    busy_day(branch, signed_in)
    auditor = signed_in(Role.AUDITOR)
    total = audit_review.count(auditor, AuditFilter())
    page = audit_review.page(auditor, AuditFilter(), 0, 5)
    assert len(page) == 5 and page[0].seq > page[-1].seq  # newest first
    lina = audit_review.page(auditor, AuditFilter(username="lina"), 0, 1000)
    assert lina and all(e.actor_username == "lina" for e in lina)
    assert audit_review.count(auditor, AuditFilter(action="staff.add")) >= 4
    assert "access.denied" in audit_review.actions(auditor)
    out = tmp_path / "audit.jsonl"
    written = audit_review.export_jsonl(auditor, out)
    assert written == total
    exported = [AuditEntry(**json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    assert verify_chain(exported).ok and len(exported) == total
    assert entries(auditor)[-1].action == "audit.export"
