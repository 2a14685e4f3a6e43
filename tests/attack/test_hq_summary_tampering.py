"""Attacks on what a summary to headquarters reveals: a local administrator lowers ``suppression_k``
in ``branch.toml`` with a text editor so that small counts (one or two clients in a district) reach
HQ as numbers. The summary must keep using the k kept in the encrypted database.

Fails if the builder took k from the file (checked by making it read ``load_config(...).policy()``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from desktop_app.domain.client_record import ClientValues
from desktop_app.domain.roles import Role
from desktop_app.services.hq_summary_builder import build_summary
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from tests.attack.test_config_tampering import edit_branch_toml
from tests.conftest import Branch

SignIn = Callable[[Role], SignedIn]


def test_lowering_k_in_branch_toml_reveals_no_small_count(branch: Branch, signed_in: SignIn) -> None:
    edit_branch_toml(branch.ctx.paths.config, "security", suppression_k=3)
    agent = signed_in(Role.AGENT)  # the sign-in restores the file from the database …
    edit_branch_toml(branch.ctx.paths.config, "security", suppression_k=3)  # … so edit it again now
    db = agent.db
    with db.transaction():
        for i in range(4):
            values = ClientValues(
                full_name="王伟",
                phone_e164=f"+861380000000{i}",
                phone_kind="mobile",
                stage="lead",
                district="南山区",
            )
            ClientRepository(db).add(values, assigned_agent_id=agent.session.staff_id, now=agent.now_utc())
    payload = build_summary(agent, agent.today(), agent.today(), submission_id=str(uuid.uuid4()))
    assert payload["suppression"] == {"k": 5, "below_k": "<5", "complementary": "x"}
    aggregates = payload["aggregates"]
    assert isinstance(aggregates, dict)
    assert aggregates["new_clients"] == "<5"
    assert aggregates["new_clients_by_stage"]["counts"]["lead"] == "<5"
    assert "南山区" not in str(aggregates)  # 4 clients: below k, never named
