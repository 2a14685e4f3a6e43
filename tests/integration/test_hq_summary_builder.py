"""The HQ summary builder on a real encrypted branch: payload shape, counts, per-client rows only
with the setting on and the client's HQ consent, stable pseudonyms, entrustment expiry, the
manager-only, audited setting."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest

from desktop_app.domain.client_record import ClientValues, FollowupKind
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.hq_summary import canonical_json, pseudonym, sha256_hex
from desktop_app.domain.hq_summary.aggregation import distribution_fields
from desktop_app.domain.hq_summary.payload import (
    TOP_LEVEL_FIELDS,
    approval_matches,
    content_hash,
    with_approval,
)
from desktop_app.domain.hq_summary.signatures import generate_private_key
from desktop_app.domain.roles import Role
from desktop_app.services.hq_client_rows import AUDIT_ACTION, client_rows_setting_of, set_client_rows
from desktop_app.services.hq_summary_builder import PseudonymKeyMissing, build_summary
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.client_repository import ClientRepository, FollowupRepository
from desktop_app.store.client_request_repository import ClientRequestRepository
from desktop_app.store.consent_repository import ConsentRepository
from desktop_app.store.hq_link_repository import HqLink, HqLinkRepository
from tests.conftest import Clock

SignIn = Callable[[Role], SignedIn]
PSEUDONYM_KEY = bytes(range(32))


def add_client(
    ctx: SignedIn,
    *,
    name: str = "欧阳娜娜",
    phone: str = "+8613812345678",
    id_number: str | None = None,
    hq: bool = False,
    district: str | None = "南山区",
    choices: dict[str, str] | None = None,
    stage: str = "lead",
) -> int:
    db = ctx.db
    values = ClientValues(
        full_name=name,
        phone_e164=phone,
        phone_kind="mobile",
        stage=stage,
        id_type="resident_id" if id_number else None,
        id_number=id_number,
        district=district,
        sensitive_consent=id_number is not None,
        choices=choices or {},
    )
    with db.transaction():
        client_id = ClientRepository(db).add(
            values, assigned_agent_id=ctx.session.staff_id, now=ctx.now_utc()
        )
        ConsentRepository(db).set_client_state(
            client_id, sensitive=id_number is not None, hq=hq, marketing=False, notice_version=None
        )
    return client_id


def enrol(ctx: SignedIn, key: bytes | None = PSEUDONYM_KEY) -> None:
    link = HqLink("https://hq.example", "", "SZ001", "", ctx.now_utc(), ctx.session.staff_id)
    with ctx.db.transaction():
        HqLinkRepository(ctx.db).save(link, branch_private_key=generate_private_key(), pseudonym_key=key)


def build(ctx: SignedIn, days: int = 0) -> dict[str, object]:
    today = ctx.today()
    return build_summary(ctx, today - timedelta(days=days), today, submission_id=str(uuid.uuid4()))


def rows_of(payload: dict[str, object]) -> list[dict[str, object]]:
    client_rows = payload["client_rows"]
    assert isinstance(client_rows, dict)
    return client_rows["rows"]  # type: ignore[no-any-return]


def test_payload_header_counts_and_audit_head(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    for i in range(7):
        client_id = add_client(agent, phone=f"+86138000000{i:02d}", choices={"intention_level": "A"})
        with agent.db.transaction():
            FollowupRepository(agent.db).add(
                client_id=client_id, at=agent.now_utc(), kind=FollowupKind.CALL, note="n", staff_id=1
            )
    submission = str(uuid.uuid4())
    payload = build_summary(agent, agent.today(), agent.today(), submission_id=submission)
    assert tuple(payload) == TOP_LEVEL_FIELDS or set(payload) == set(TOP_LEVEL_FIELDS)
    assert payload["schema"] == "branchvault.summary/1"
    assert payload["submission_id"] == submission
    assert payload["branch_code"] == "SZ001"
    assert payload["prepared_by"] == agent.session.staff_id
    assert payload["period"] == {"from": agent.today().isoformat(), "to": agent.today().isoformat()}
    assert payload["suppression"] == {"k": 5, "below_k": "<5", "complementary": "x"}
    assert payload["approval"] is None and payload["client_rows"] is None
    head = AuditRepository(agent.db).head()
    assert head is not None and payload["audit_head"] == {"sequence": head.seq, "hash": head.hash}
    aggregates = payload["aggregates"]
    assert isinstance(aggregates, dict)
    assert aggregates["new_clients"] == 7 and aggregates["follow_ups"] == 7
    intention = aggregates["new_clients_by_intention_level"]
    assert intention["total"] == 7
    # B, C and not recorded are 0: with A published the total would give them away, so A is hidden
    assert intention["counts"] == {"A": "x", "B": "<5", "C": "<5", "not_recorded": "<5"}
    assert aggregates["new_clients_by_district"]["counts"] == {
        "南山区": "x",
        "other_districts": "<5",
        "not_recorded": "<5",
    }
    for row in distribution_fields():
        assert f"new_clients_by_{row.name}" in aggregates
    assert aggregates["consent"]["hq_sharing"] == {"granted": "<5", "not_granted": "x", "clients": 7}
    canonical_json(payload)  # integers and strings only
    # the approval names the content hash; HQ can check it
    final = with_approval(payload, approved_by=2, approved_at="2027-01-15T10:00:00Z")
    assert final["approval"]["content_sha256"] == content_hash(payload)  # type: ignore[index]
    assert content_hash(payload) == sha256_hex(canonical_json(payload))
    assert approval_matches(final)
    assert not approval_matches({**final, "aggregates": {}})


def test_period_bounds_are_beijing_days(signed_in: SignIn, clock: Clock) -> None:
    agent = signed_in(Role.AGENT)
    add_client(agent)
    yesterday = agent.today() - timedelta(days=1)
    payload = build_summary(agent, yesterday, yesterday, submission_id=str(uuid.uuid4()))
    assert payload["aggregates"]["new_clients"] == "<5"  # type: ignore[index]
    with pytest.raises(InvalidInput):
        build_summary(agent, agent.today(), yesterday, submission_id=str(uuid.uuid4()))


def test_auditor_and_it_cannot_build(signed_in: SignIn) -> None:
    for role in (Role.AUDITOR, Role.IT_ADMIN):
        with pytest.raises(PermissionDenied):
            build(signed_in(role))


def test_rows_off_by_default_and_setting_is_managers_and_audited(signed_in: SignIn) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    assert not client_rows_setting_of(agent).enabled
    with pytest.raises(PermissionDenied):
        set_client_rows(agent, enabled=True, legal_basis="same_entity")
    with pytest.raises(InvalidInput):
        set_client_rows(manager, enabled=True, legal_basis="entrustment", reference="WT-1")
    with pytest.raises(InvalidInput):
        set_client_rows(manager, enabled=True, legal_basis="nonsense")
    with pytest.raises(InvalidInput):
        set_client_rows(manager, enabled=True, legal_basis="same_entity", expires="2030-01-01")
    setting = set_client_rows(
        manager, enabled=True, legal_basis="entrustment", reference="WT-2026-7", expires="2030-01-01"
    )
    assert setting.enabled and client_rows_setting_of(agent) == setting
    rows = manager.db.execute(
        "SELECT actor_username, details FROM audit_log WHERE action = ?", (AUDIT_ACTION,)
    ).fetchall()
    assert len(rows) == 1
    details = json.loads(rows[0][1])
    assert details["old"]["enabled"] is False
    assert details["new"] == {
        "enabled": True,
        "legal_basis": "entrustment",
        "reference": "WT-2026-7",
        "expires": "2030-01-01",
    }
    set_client_rows(manager, enabled=False)
    assert not client_rows_setting_of(agent).enabled


def test_rows_only_for_clients_whose_hq_consent_is_in_effect(signed_in: SignIn) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    enrol(manager)
    consenting = add_client(
        agent, name="王伟", phone="+8613800000001", hq=True, choices={"budget_band": "100_200"}
    )
    add_client(agent, name="李娜", phone="+8613800000002", hq=False)
    held = add_client(agent, name="赵强", phone="+8613800000003", hq=True)
    with agent.db.transaction():
        ClientRepository(agent.db).set_storage_only(held, now=agent.now_utc())
    assert build(agent)["client_rows"] is None  # off by default
    set_client_rows(manager, enabled=True, legal_basis="separate_consent", reference="通知 2026-11-v1")
    payload = build(agent)
    client_rows = payload["client_rows"]
    assert client_rows is not None
    assert client_rows["legal_basis"] == "separate_consent"  # type: ignore[index]
    assert client_rows["basis_reference"] == "通知 2026-11-v1"  # type: ignore[index]
    assert client_rows["basis_expires"] is None  # type: ignore[index]
    rows = rows_of(payload)
    assert rows == [
        {
            "pseudonym": pseudonym(PSEUDONYM_KEY, None, "+8613800000001"),
            "masked_name": "王*",
            "district": "南山区",
            "intention_level": None,
            "property_type": None,
            "budget_band": "100_200",
            "stage": "lead",
            "agent_code": f"A{agent.session.staff_id}",
        }
    ]
    # a withdrawal clears the flag: the next summary has no row for the client
    with agent.db.transaction():
        ConsentRepository(agent.db).set_client_state(
            consenting, sensitive=False, hq=False, marketing=False, notice_version=None
        )
    assert rows_of(build(agent)) == []


def test_pseudonyms_are_stable_and_keyed(signed_in: SignIn) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    enrol(manager)
    set_client_rows(manager, enabled=True, legal_basis="same_entity")
    with_id = "110105199003071239"
    add_client(agent, name="欧阳娜娜", phone="+8613800000001", id_number=with_id, hq=True)
    add_client(agent, name="张伟", phone="+8613800000002", hq=True)
    first = {row["masked_name"]: row["pseudonym"] for row in rows_of(build(agent))}
    second = {row["masked_name"]: row["pseudonym"] for row in rows_of(build(agent))}
    assert first == second
    assert first["欧***"] == pseudonym(PSEUDONYM_KEY, with_id, "+8613800000001")
    assert first["张*"] == pseudonym(PSEUDONYM_KEY, None, "+8613800000002")
    # another company key (another enrolment) gives other pseudonyms
    enrol(manager, key=os.urandom(32))
    third = {row["masked_name"]: row["pseudonym"] for row in rows_of(build(agent))}
    assert set(third.values()).isdisjoint(first.values())


def test_entrustment_expiry_stops_rows(signed_in: SignIn, clock: Clock) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    enrol(manager)
    add_client(agent, hq=True)
    expires = agent.today() + timedelta(days=1)
    set_client_rows(
        manager, enabled=True, legal_basis="entrustment", reference="WT-1", expires=expires.isoformat()
    )
    assert len(rows_of(build(agent))) == 1
    clock.advance(86_400)  # the expiry day itself: still in force
    assert len(rows_of(build(agent))) == 1
    clock.advance(86_400)
    assert agent.today() > expires
    assert build(agent, days=2)["client_rows"] is None


def test_rows_on_without_a_pseudonym_key_refuse(signed_in: SignIn) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    set_client_rows(manager, enabled=True, legal_basis="same_entity")
    with pytest.raises(PseudonymKeyMissing):
        build(agent)  # not enrolled
    enrol(manager, key=None)
    with pytest.raises(PseudonymKeyMissing):
        build(agent)


def test_storage_only_clients_are_in_no_count_and_requests_are_counted(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    ids = [add_client(agent, phone=f"+86139000000{i:02d}", stage="visiting") for i in range(12)]
    db = agent.db
    today = agent.today()
    with db.transaction():
        for client_id in ids[:7]:
            FollowupRepository(db).add(
                client_id=client_id, at=agent.now_utc(), kind=FollowupKind.VISIT, note="n", staff_id=1
            )
        for client_id in ids[:2]:  # a legal hold: stored only, counted nowhere
            ClientRepository(db).set_storage_only(client_id, now=agent.now_utc())
        for n, client_id in enumerate(ids[:6]):
            ClientRequestRepository(db).add(
                client_id=client_id,
                client_pseudonym=f"p{n}",
                kind="copy",
                received_on=today.isoformat(),
                due_on=(today - timedelta(days=1)).isoformat(),
                description="",
                registered_by=1,
                registered_at=agent.now_utc(),
            )
    aggregates = build(agent)["aggregates"]
    assert isinstance(aggregates, dict)
    assert aggregates["new_clients"] == 10
    assert aggregates["follow_ups"] == 5
    assert aggregates["clients_held"] == 10
    assert aggregates["new_clients_by_stage"]["counts"]["visiting"] == "x"
    assert aggregates["client_requests"] == {"opened": 6, "closed": "<5", "overdue": 6}
    assert aggregates["destructions"] == "<5"
