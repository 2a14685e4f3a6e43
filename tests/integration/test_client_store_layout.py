"""Moving an old branch (client tables inside branch.db, readable with IT's key) to the new layout at
the first manager's set-up (issue 10): everything moves into clients.db in one transaction, the
pseudonyms stay the same, IT's slot loses client access, and no copy is left behind."""

from __future__ import annotations

import pytest
import sqlcipher3

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services import client_access
from desktop_app.services.audit_trail import pseudonym
from desktop_app.services.client_directory import count_clients
from desktop_app.services.client_intake import create_client
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.client_key_repository import FINGERPRINT, LAYOUT
from desktop_app.store.key_slot_changes import change_key_slots
from desktop_app.store.key_slots import rewrap_with_pin
from desktop_app.store.meta_repository import PSEUDONYM_KEY
from tests.conftest import Branch
from tests.support.client_access import confirm

PHONES = ("13912345678", "13687654321", "13511112222")


def make_old_layout(branch: Branch) -> str:
    """Turn the test branch (new layout, three clients) into what a branch made before issue 10 looks
    like: the client tables and the pseudonym key in branch.db, no clients.db, no grants. Returns the
    pseudonym of the first phone as it was."""
    agent = sign_in(branch.context(), *branch.users[Role.AGENT])
    for index, phone in enumerate(PHONES):
        create_client(agent, ClientDraft(name="老客户" + "甲乙丙"[index], phone=phone, notes="老系统备注"))
    before = pseudonym(agent, PHONES[0])
    db = agent.db
    schema = db.execute(
        "SELECT type, name, sql FROM client_data.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE "
        "'client_search_%' AND name != 'client_meta' AND tbl_name NOT LIKE 'hq_%' "
        "AND tbl_name NOT LIKE 'incident_%' AND tbl_name NOT LIKE 'education_%' ORDER BY rowid"
        # (the HQ exports', incidents' and education tables came after the move: no old branch.db had them)
    ).fetchall()
    with db.transaction():
        for _type, _name, sql in schema:
            db.execute(sql)  # stored without the schema name: lands in main, as the old migrations made it
        for table in ("clients", "client_followups", "consent_forms", "printed_forms", "consent_events"):
            db.execute(f"INSERT INTO main.{table} SELECT * FROM client_data.{table}")
        db.execute(
            "INSERT INTO main.client_search (rowid, tokens) SELECT rowid, tokens FROM client_data.client_search"
        )
        db.execute(
            "INSERT INTO main.meta (key, value) SELECT key, value FROM client_data.client_meta WHERE key = ?",
            (PSEUDONYM_KEY,),
        )
        db.execute("DELETE FROM main.client_key_grants")
        db.execute("DELETE FROM main.meta WHERE key IN (?, ?)", (LAYOUT, FINGERPRINT))
    sign_out(agent)
    branch.ctx.paths.client_database.unlink()
    branch.ctx.paths.client_database.with_name("clients.db-journal").unlink(missing_ok=True)
    for role in (Role.MANAGER, Role.AGENT):  # an old branch's slots never pinned a client-data key
        _forget_pin(branch, *branch.users[role])
    return before


def _forget_pin(branch: Branch, username: str, password: str) -> None:
    ctx = sign_in(branch.context(), username, password)
    session = ctx.session
    assert session.slot_private is not None
    config = ctx.require_config()
    with change_key_slots(ctx.paths, config.branch_id) as change:
        slot = change.slots.password_slot(username)
        assert slot is not None
        change.slots.put(
            rewrap_with_pin(
                slot, branch_id=config.branch_id, kek=session.slot_kek, private=session.slot_private, pin=b""
            )
        )
    sign_out(ctx)


def test_the_first_manager_moves_an_old_branch(branch: Branch) -> None:
    before = make_old_layout(branch)
    paths = branch.ctx.paths
    it = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    assert it.db is not None
    assert it.db.execute("SELECT count(*) FROM clients").fetchone() == (3,)  # the old layout's weakness
    sign_out(it)

    manager = sign_in(branch.context(), *branch.users[Role.MANAGER])
    session = manager.session
    assert session.client_access == "not_set_up"
    with pytest.raises(client_access.ClientKeyNotSetUp):
        count_clients(manager)
    code = client_access.set_up_client_key(manager)
    assert len(code) == 25
    assert count_clients(manager) == 3
    assert pseudonym(manager, PHONES[0]) == before  # the audit log's pseudonyms still match
    db = manager.db
    created = [e for e in AuditRepository(db).iter_all() if e.action == "keys.client_key_created"]
    assert created[-1].details == {"moved_from_branch_db": True, "clients_moved": 3}
    sign_out(manager)

    assert not (paths.root / "branch.db.before-client-key").exists()  # the old copy is gone
    assert sorted(p.name for p in paths.root.iterdir() if "orphan" in p.name) == []
    it = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    assert it.db is not None
    with pytest.raises(sqlcipher3.OperationalError, match="no such table"):
        it.db.execute("SELECT count(*) FROM clients")
    assert it.db.execute("SELECT count(*) FROM meta WHERE key = ?", (PSEUDONYM_KEY,)).fetchone() == (0,)
    sign_out(it)
    for secret in ("老客户甲", "老系统备注", PHONES[0]):
        assert secret.encode() not in paths.database.read_bytes()

    agent = sign_in(branch.context(), *branch.users[Role.AGENT])
    assert agent.session.client_access == "pending"
    sign_out(agent)
    confirm(branch.context, branch.users[Role.MANAGER], branch.users[Role.AGENT])
    agent = sign_in(branch.context(), *branch.users[Role.AGENT])
    assert count_clients(agent) == 3
    sign_out(agent)


def test_set_up_needs_the_managers_own_password(branch: Branch) -> None:
    make_old_layout(branch)
    it = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    from desktop_app.services.staff_accounts import reset_password

    temp = reset_password(it, branch.users[Role.MANAGER][0])
    sign_out(it)
    manager = sign_in(branch.context(), branch.users[Role.MANAGER][0], temp)
    with pytest.raises(client_access.ClientAccessRefused) as info:
        client_access.set_up_client_key(manager)
    assert "临时密码" in info.value.zh and "temporary password" in info.value.en
    sign_out(manager)


def test_it_and_agents_cannot_set_up_the_key(branch: Branch) -> None:
    make_old_layout(branch)
    for role in (Role.IT_ADMIN, Role.AGENT, Role.AUDITOR):
        ctx = sign_in(branch.context(), *branch.users[role])
        with pytest.raises(client_access.ClientAccessRefused):
            client_access.set_up_client_key(ctx)
        sign_out(ctx)
