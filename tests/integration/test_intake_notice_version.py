"""A client registered without a signed form records the privacy-notice version in force at intake
(the notice they were informed under, PIPL Art. 17): on the client row and in the ``client.create``
audit entry. A later form replaces it with the form's version; a client who never signed is not
flagged to sign "again" when a notice changes purposes. Regression: 6 of 18 demo clients of one
agent (the leads without a form) had no notice version at all."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.client_list_query import ClientSort
from desktop_app.domain.roles import Role
from desktop_app.services import client_consents as consents
from desktop_app.services.client_directory import list_clients
from desktop_app.services.demo_profile import DEMO_AGENT, create_demo_profile
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.store.client_repository import ClientRepository
from tests.conftest import Branch, Clock
from tests.consent_support import signed_form
from tests.integration.test_client_consents import (
    BUNDLED,
    SignIn,
    _hq_details,  # noqa: F401  (autouse: the bundled notice names headquarters)
    _publish,
    audit,
    new_client,
    stored,
)
from tests.support.contexts import context_of


def test_a_client_without_a_form_records_the_notice_in_force(branch: Branch, signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent, stage="lead")
    client = stored(agent, client_id)
    assert client.notice_version == BUNDLED and not client.has_form
    (entry,) = [details for *_, details in audit(agent, "client.create")]
    assert entry["notice_version"] == BUNDLED
    overview = consents.consent_overview(agent, client_id)
    assert overview.notice_version == BUNDLED and not overview.forms and not overview.needs_reconsent


def test_a_later_form_and_a_new_notice(
    branch: Branch, signed_in: SignIn, tmp_path: Path, clock: Clock
) -> None:
    agent = signed_in(Role.AGENT)
    manager = signed_in(Role.MANAGER)
    signed = new_client(agent)
    unsigned = new_client(agent, name="王芳", phone="13912345678")
    consents.record_consent_form(agent, signed, signed_form(agent))
    assert stored(agent, signed).has_form
    clock.advance(60)
    _publish(
        manager,
        tmp_path,
        "2027-01-v3",
        "本项完全自愿，不同意不影响任何服务。",
        "本项完全自愿；我们每月至多联系您两次。",
    )
    # A client registered now is informed under the new version; the earlier one keeps theirs.
    newer = new_client(agent, name="赵敏", phone="13712345678")
    assert stored(agent, newer).notice_version == "2027-01-v3"
    assert stored(agent, unsigned).notice_version == BUNDLED
    # Only the client who signed under the old version is asked to sign again.
    assert {row.id: row.needs_reconsent for row in list_clients(agent)} == {
        signed: True,
        unsigned: False,
        newer: False,
    }
    assert not consents.consent_overview(agent, unsigned).needs_reconsent


def test_every_demo_client_has_a_notice_version(tmp_path: Path) -> None:
    ctx = create_demo_profile(tmp_path / "demo", clients=36)
    try:
        ctx = sign_in(context_of(ctx), DEMO_AGENT.username, DEMO_AGENT.password)
        session, db = ctx.session, ctx.db
        clients = ClientRepository(db).page(
            agent_id=session.staff_id, offset=0, limit=100, sort=ClientSort.NAME
        )
        assert len(clients) >= 18
        assert [c.id for c in clients if c.notice_version is None] == []
        assert any(not c.has_form for c in clients)  # the leads without a form are the case in point
        sign_out(ctx)
    finally:
        ctx.close()
