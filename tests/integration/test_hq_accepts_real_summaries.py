"""The branch's real summary (services/hq_summary_builder.py, per-client rows on) approved and
signed as the branch does it, is accepted by the HQ service's strict models and checks (201), and
HQ refuses it once anything in it is changed. Keeps the two sides of ``branchvault.summary/1`` in
step: a field the builder adds that HQ does not know is a failing test here, not a lost summary."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from desktop_app.domain.client_record import ClientValues
from desktop_app.domain.hq_summary import canonical_json, generate_private_key, public_key_b64, sign_payload
from desktop_app.domain.hq_summary.payload import with_approval
from desktop_app.domain.hq_summary.request_auth import new_nonce, request_headers
from desktop_app.domain.roles import Role
from desktop_app.hq.app import HqState, create_app
from desktop_app.hq.settings import HqSettings, database_url
from desktop_app.hq.storage.models import Branch
from desktop_app.services.hq_client_rows import set_client_rows
from desktop_app.services.hq_summary_builder import build_summary
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.consent_repository import ConsentRepository
from desktop_app.store.hq_link_repository import HqLink, HqLinkRepository
from tests.conftest import Clock

SUBMISSIONS = "/api/v1/submissions"
BRANCH_KEY = generate_private_key()


@pytest.fixture
def hq_client(tmp_path: Path, clock: Clock) -> Iterator[TestClient]:
    app = create_app(HqSettings(db_url=database_url(tmp_path / "hq", None), clock=clock))
    state: HqState = app.state.hq
    with state.sessions() as session:
        session.add(
            Branch(branch_code="SZ001", public_key_b64=public_key_b64(BRANCH_KEY), enrolled_at=state.now())
        )
        session.commit()
    with TestClient(app) as client:
        yield client
    state.engine.dispose()


def _add_client(ctx: SignedIn, name: str, phone: str, choices: dict[str, str]) -> None:
    values = ClientValues(
        full_name=name,
        phone_e164=phone,
        phone_kind="mobile",
        stage="lead",
        district="南山区",
        choices=choices,
    )
    with ctx.db.transaction():
        client_id = ClientRepository(ctx.db).add(
            values, assigned_agent_id=ctx.session.staff_id, now=ctx.now_utc()
        )
        ConsentRepository(ctx.db).set_client_state(
            client_id, sensitive=False, hq=True, marketing=False, notice_version=None
        )


def _post(client: TestClient, body: bytes, clock: Clock) -> int:
    headers = request_headers(
        BRANCH_KEY, "SZ001", "POST", SUBMISSIONS, body, int(clock()), new_nonce(os.urandom(16))
    )
    return client.post(SUBMISSIONS, content=body, headers=headers).status_code


def test_hq_accepts_the_builders_summary_with_rows(
    signed_in: Callable[[Role], SignedIn], hq_client: TestClient, clock: Clock
) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    link = HqLink("https://hq.example", "", "SZ001", "", manager.now_utc(), manager.session.staff_id)
    with manager.db.transaction():
        HqLinkRepository(manager.db).save(link, branch_private_key=BRANCH_KEY, pseudonym_key=bytes(range(32)))
    for i in range(8):
        _add_client(agent, f"王{i}伟", f"+86138000000{i:02d}", {"budget_band": "100_200"})
    set_client_rows(manager, enabled=True, legal_basis="separate_consent", reference="通知 2026-11-v1")
    payload = build_summary(agent, agent.today(), agent.today(), submission_id=str(uuid.uuid4()))
    assert payload["client_rows"] is not None and payload["client_rows"]["rows"]
    approved_at = datetime.fromtimestamp(clock(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    final = with_approval(payload, approved_by=manager.session.staff_id, approved_at=approved_at)
    envelope = {"payload": final, "signature": sign_payload(BRANCH_KEY, final)}
    body = canonical_json(envelope)
    assert _post(hq_client, body, clock) == 201
    assert _post(hq_client, body, clock) == 200

    changed = {**final, "aggregates": {**final["aggregates"], "new_clients": 1}}
    tampered = canonical_json({"payload": changed, "signature": envelope["signature"]})
    assert _post(hq_client, tampered, clock) == 422


def test_hq_accepts_and_stores_a_managers_summary_with_the_programme_block(
    signed_in: Callable[[Role], SignedIn], hq_client: TestClient, clock: Clock
) -> None:
    from sqlalchemy import select

    from desktop_app.hq.storage.models import ProgrammeFigures

    manager, other = signed_in(Role.MANAGER), signed_in(Role.AGENT)
    payload = build_summary(manager, manager.today(), manager.today(), submission_id=str(uuid.uuid4()))
    block = payload["programme"]
    assert isinstance(block, dict) and set(block["targets"]) >= {"training_coverage", "breach_reduction"}
    approved_at = datetime.fromtimestamp(clock(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    final = with_approval(payload, approved_by=other.session.staff_id, approved_at=approved_at)
    signature = sign_payload(BRANCH_KEY, final)
    assert _post(hq_client, canonical_json({"payload": final, "signature": signature}), clock) == 201
    with hq_client.app.state.hq.sessions() as session:  # type: ignore[attr-defined]
        [stored] = session.scalars(select(ProgrammeFigures)).all()
    assert stored.quarter == block["quarter"] and stored.branch_code == "SZ001"

    changed = {**final, "programme": {**block, "active_staff": block["active_staff"] + 1}}
    assert _post(hq_client, canonical_json({"payload": changed, "signature": signature}), clock) == 422
