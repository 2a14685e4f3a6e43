"""Revealing masked client fields: the value, the audit entry without it, visibility, re-authentication,
the bulk-reveal guard and a manager's override (real SQLCipher database)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest

from desktop_app.domain.client_record import ClientDraft, ClientRecord
from desktop_app.domain.errors import InvalidInput, PermissionDenied, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services.client_directory import NotYourClient
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_reveal import (
    BulkRevealBlocked,
    ManagerApprovalRequired,
    NothingToReveal,
    ReauthenticationRequired,
    allow_bulk_reveals,
    reveal_field,
)
from desktop_app.services.context import AppContext
from desktop_app.services.sign_in import sign_in, verify_password
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Branch, Clock
from tests.consent_support import signed_form
from tests.support.client_access import add_confirmed_staff

SignIn = Callable[[Role], SignedIn]
RESIDENT_ID = "110105199003071239"
OTHER_AGENT = ("lisi", "Agt!Other#2026xy")
MINUTE = 60.0


def audit_rows(ctx: SignedIn, action: str) -> list[tuple[str, str, str, str, str, dict[str, object]]]:
    db = ctx.db
    rows = db.execute(
        "SELECT actor_username, actor_role, target_id, outcome, reason, details FROM audit_log "
        "WHERE action = ? ORDER BY seq",
        (action,),
    ).fetchall()
    return [(a, b, c, d, e, json.loads(f)) for a, b, c, d, e, f in rows]


def audit_text(ctx: SignedIn) -> str:
    db = ctx.db
    return "\n".join(repr(row) for row in db.execute("SELECT * FROM audit_log"))


def full_client(ctx: SignedIn) -> ClientRecord:
    return create_client(
        ctx,
        ClientDraft(
            name="欧阳娜娜",
            phone="13812345678",
            stage="subscription",
            id_number=RESIDENT_ID,
            sensitive_consent=True,
            email="nana.ouyang@example.cn",
            province="广东省",
            city="深圳市",
            district="南山区",
            address_detail="科技园路1号3栋",
        ),
        consent=signed_form(ctx),
    )


@pytest.fixture
def other(branch: Branch, signed_in: SignIn) -> Iterator[AppContext]:
    add_confirmed_staff(branch, OTHER_AGENT, "李四")
    ctx = sign_in(branch.context(), *OTHER_AGENT)
    yield ctx
    ctx.close()


def test_reveal_returns_the_value_and_audits_field_and_reason_never_the_value(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = full_client(agent)
    expected = {
        "name": "欧阳娜娜",
        "phone": "138 1234 5678",
        "id_number": RESIDENT_ID,
        "email": "nana.ouyang@example.cn",
        "address": "广东省深圳市南山区科技园路1号3栋",
    }
    for field, value in expected.items():
        shown = reveal_field(agent, client.id, field, "贷款办理")
        assert (shown.value, shown.seconds_visible, shown.client_id) == (
            value,
            agent.policy.reveal_seconds,
            client.id,
        )
        assert value not in repr(shown)
    reveal_field(agent, client.id, "id_number", "other", "客户现场核对原件")
    rows = audit_rows(agent, "client.reveal")
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        ("zhangwei", str(client.id), "success", "loan_processing")
    ] * 5 + [("zhangwei", str(client.id), "success", "other")]
    assert [r[5]["field"] for r in rows] == [*expected, "id_number"]
    assert rows[-1][5]["reason_text"] == "客户现场核对原件"
    text = audit_text(agent)
    for secret in (*expected.values(), "13812345678", "+8613812345678", "科技园路", "nana.ouyang"):
        assert secret not in text


def test_visibility_matches_the_detail_view(signed_in: SignIn, other: SignedIn) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    theirs = full_client(other)
    with pytest.raises(NotYourClient):
        reveal_field(agent, theirs.id, "phone", "客户核对")
    denied = audit_rows(agent, "access.denied")[-1]
    assert (
        denied[0] == "zhangwei"
        and denied[2] == str(theirs.id)
        and denied[5] == {"operation": "client.reveal"}
    )
    assert not [row for row in audit_rows(agent, "client.reveal") if row[0] == "zhangwei"]
    assert reveal_field(manager, theirs.id, "phone", "客户核对").value == "138 1234 5678"


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_admin_and_auditor_may_not_reveal(signed_in: SignIn, role: Role) -> None:
    client = full_client(signed_in(Role.AGENT))
    ctx = signed_in(role)
    with pytest.raises(PermissionDenied):
        reveal_field(ctx, client.id, "name", "客户核对")
    assert audit_rows(ctx, "access.denied")[-1][2] == "client.reveal"
    assert not audit_rows(ctx, "client.reveal")


def test_other_needs_a_text_and_empty_fields_reveal_nothing(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = full_client(agent)
    bare = create_client(agent, ClientDraft(name="张伟", phone="13912345678"))
    for text in ("", "短"):
        with pytest.raises(InvalidInput):
            reveal_field(agent, client.id, "name", "其他", text)
    with pytest.raises(InvalidInput):
        reveal_field(agent, client.id, "notes", "客户核对")
    with pytest.raises(NothingToReveal):
        reveal_field(agent, bare.id, "email", "客户核对")
    assert not audit_rows(agent, "client.reveal")


def test_reauthentication_after_fifteen_minutes(branch: Branch, signed_in: SignIn, clock: Clock) -> None:
    agent = signed_in(Role.AGENT)
    client = full_client(agent)
    clock.advance(15 * MINUTE + 1)
    with pytest.raises(ReauthenticationRequired) as asked:
        reveal_field(agent, client.id, "name", "网签/签约")
    assert asked.value.zh and asked.value.en
    assert not audit_rows(agent, "client.reveal")
    with pytest.raises(WrongCredentials):
        verify_password(agent, "wrong password")
    with pytest.raises(ReauthenticationRequired):
        reveal_field(agent, client.id, "name", "网签/签约")
    verify_password(agent, branch.users[Role.AGENT][1])
    assert reveal_field(agent, client.id, "name", "网签/签约").value == "欧阳娜娜"


def reveal_many(ctx: SignedIn, client_id: int, times: int) -> None:
    for _ in range(times):
        reveal_field(ctx, client_id, "phone", "客户核对")


def test_the_twenty_first_reveal_in_ten_minutes_is_blocked_until_the_window_passes(
    branch: Branch, signed_in: SignIn, clock: Clock
) -> None:
    agent = signed_in(Role.AGENT)
    client = full_client(agent)
    reveal_many(agent, client.id, 10)
    clock.advance(5 * MINUTE)
    reveal_many(agent, client.id, 10)
    with pytest.raises(BulkRevealBlocked) as blocked:
        reveal_field(agent, client.id, "id_number", "客户核对")
    assert blocked.value.count == 20 and "20" in blocked.value.zh and "20" in blocked.value.en
    assert RESIDENT_ID not in blocked.value.bilingual()
    denied = [row for row in audit_rows(agent, "client.reveal") if row[3] == "denied"]
    assert len(denied) == 1
    assert denied[0][4] == "bulk_reveal_threshold"
    assert denied[0][5]["reveals_in_window"] == 20 and denied[0][5]["field"] == "id_number"
    clock.advance(5 * MINUTE)  # the first ten leave the window
    reveal_many(agent, client.id, 10)
    with pytest.raises(BulkRevealBlocked):
        reveal_field(agent, client.id, "phone", "客户核对")
    clock.advance(10 * MINUTE + 1)  # every earlier reveal has left the window
    verify_password(agent, branch.users[Role.AGENT][1])  # 20 minutes since sign-in
    reveal_many(agent, client.id, 20)


def test_a_manager_override_lifts_the_block_for_one_window(
    branch: Branch, signed_in: SignIn, clock: Clock
) -> None:
    agent = signed_in(Role.AGENT)
    client = full_client(agent)
    reveal_many(agent, client.id, 20)
    with pytest.raises(BulkRevealBlocked):
        reveal_field(agent, client.id, "phone", "客户核对")
    manager_name, manager_password = branch.users[Role.MANAGER]
    session_before = agent.session
    expires = allow_bulk_reveals(agent, manager_name, manager_password, "zhangwei")
    assert expires == clock() + 10 * MINUTE
    assert agent.session is session_before and session_before.username == "zhangwei"
    override = audit_rows(agent, "client.reveal_override")
    assert [(r[0], r[1], r[2], r[3]) for r in override] == [("lina", "manager", "zhangwei", "success")]
    assert override[0][5]["for_username"] == "zhangwei"
    assert manager_password not in audit_text(agent)
    clock.advance(9 * MINUTE)
    reveal_many(agent, client.id, 20)  # 40 in the window: allowed while the override lasts
    assert audit_rows(agent, "client.reveal")[-1][5]["manager_override"] is True
    clock.advance(1 * MINUTE)  # the override has ended; the last 20 are still in the window
    with pytest.raises(BulkRevealBlocked):
        reveal_field(agent, client.id, "phone", "客户核对")


def test_a_wrong_password_or_a_non_manager_does_not_lift_the_block(
    branch: Branch, signed_in: SignIn, other: SignedIn
) -> None:
    agent = signed_in(Role.AGENT)
    client = full_client(agent)
    reveal_many(agent, client.id, 20)
    manager_name, _ = branch.users[Role.MANAGER]
    with pytest.raises(WrongCredentials):
        allow_bulk_reveals(agent, manager_name, "not the password", "zhangwei")
    with pytest.raises(WrongCredentials):
        allow_bulk_reveals(agent, "nobody", "whatever-password", "zhangwei")
    with pytest.raises(ManagerApprovalRequired):
        allow_bulk_reveals(agent, *OTHER_AGENT, "zhangwei")
    with pytest.raises(ManagerApprovalRequired):
        allow_bulk_reveals(agent, *branch.users[Role.IT_ADMIN], "zhangwei")
    with pytest.raises(ManagerApprovalRequired):
        allow_bulk_reveals(agent, *branch.users[Role.AGENT], "zhangwei")
    with pytest.raises(BulkRevealBlocked):
        reveal_field(agent, client.id, "phone", "客户核对")
    refusals = audit_rows(agent, "client.reveal_override")
    assert [(r[0], r[3], r[4]) for r in refusals] == [
        ("zhangwei", "failure", "wrong_credentials"),
        ("zhangwei", "failure", "wrong_credentials"),
        ("zhangwei", "denied", "not_a_manager"),
        ("zhangwei", "denied", "not_a_manager"),
        ("zhangwei", "denied", "not_a_manager"),
    ]
    assert "not the password" not in audit_text(agent)


def test_a_manager_cannot_lift_their_own_block(branch: Branch, signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    client = full_client(manager)
    reveal_many(manager, client.id, 20)
    with pytest.raises(ManagerApprovalRequired):
        allow_bulk_reveals(manager, *branch.users[Role.MANAGER], "lina")
    with pytest.raises(BulkRevealBlocked):
        reveal_field(manager, client.id, "phone", "客户核对")
