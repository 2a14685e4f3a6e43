"""Attacks on the separation of duties, the way a local administrator would try them: with the data
folder, a text editor and the app's own modules (issue 10, section 1).

Each test fails on the tree before issue 10: every slot then opened the one database key, so IT and
the auditor read every client with their own password, a reset or new manager saw everything, and
a disabled agent's old slot file still opened the database.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable

import pytest
import sqlcipher3

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.confirmation_code import confirmation_code
from desktop_app.domain.roles import Role
from desktop_app.services import client_access
from desktop_app.services.client_access import ClientAccessPending, WrongConfirmationCode
from desktop_app.services.client_directory import count_clients, list_clients
from desktop_app.services.client_intake import create_client
from desktop_app.services.key_rotation import recover_access
from desktop_app.services.sign_in import change_password, sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff, disable_staff, reset_password
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.branch_config import load_config
from desktop_app.store.client_key_repository import ClientKeyRepository, Grant
from desktop_app.store.client_keys import GrantOpenFailed, open_client_key
from desktop_app.store.data_dir import DataPaths
from desktop_app.store.database import DatabaseKeyChanged, DatabaseOpenError
from desktop_app.store.device_secret import DeviceSecretStore
from desktop_app.store.key_slots import load_key_slots, make_slot, open_slot_keys
from desktop_app.store.unlock import unlock
from tests.conftest import ADMIN, FAST_KDF, Branch
from tests.support.client_access import confirmation_code_of

SignIn = Callable[[Role], SignedIn]
CLIENT_NAME = "欧阳娜娜"
CLIENT_PHONE = "13912345678"


@pytest.fixture
def with_client(signed_in: SignIn) -> int:
    agent = signed_in(Role.AGENT)
    client_id = create_client(agent, ClientDraft(name=CLIENT_NAME, phone=CLIENT_PHONE)).id
    sign_out(agent)
    return client_id


def _secret(paths: DataPaths) -> bytes:
    return DeviceSecretStore().get(load_config(paths.config).branch_id)


def _read_clients_as(paths: DataPaths, username: str, password: str) -> list[str]:
    """What a script with the app's store API and a staff password gets out of the client tables."""
    branch_id = load_config(paths.config).branch_id
    unlocked = unlock(paths, branch_id, username, password, _secret(paths))
    db = unlocked.database
    try:
        return [str(row[0]) for row in db.execute("SELECT full_name FROM clients").fetchall()]
    finally:
        db.close()


def _try_every_grant(paths: DataPaths, username: str, password: str) -> list[bytes]:
    """Open every client-key grant in the branch database with ``username``'s slot private key."""
    branch_id = load_config(paths.config).branch_id
    unlocked = unlock(paths, branch_id, username, password, _secret(paths))
    opened: list[bytes] = []
    try:
        for grant in ClientKeyRepository(unlocked.database).grants():
            try:
                opened.append(
                    open_client_key(
                        grant.sealed_key, unlocked.private_key, branch_id=branch_id, holder_id=grant.holder_id
                    )
                )
            except GrantOpenFailed:
                pass
    finally:
        unlocked.database.close()
    return opened


def _clients_db_opens_with(paths: DataPaths, key: bytes) -> bool:
    connection = sqlcipher3.connect(str(paths.client_database))
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        connection.close()


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_and_auditor_cannot_read_clients_with_their_own_password(
    branch: Branch, with_client: int, role: Role
) -> None:
    paths = branch.ctx.paths
    username, password = branch.users[role]
    with pytest.raises(sqlcipher3.OperationalError, match="no such table: clients"):
        _read_clients_as(paths, username, password)
    assert _try_every_grant(paths, username, password) == []
    branch_id = load_config(paths.config).branch_id
    db_key = unlock(paths, branch_id, username, password, _secret(paths)).db_key
    assert not _clients_db_opens_with(paths, db_key)  # the branch key is not the client key
    for name in ("branch.db", "keyslots.json", "branch.toml"):  # and no plaintext anywhere IT can read
        assert CLIENT_NAME.encode() not in (paths.root / name).read_bytes()


def test_the_recovery_code_it_saw_at_init_opens_no_client_data(branch: Branch, with_client: int) -> None:
    paths = branch.ctx.paths
    branch_id = load_config(paths.config).branch_id
    slot = load_key_slots(paths.key_slots, branch_id).recovery_slot()
    assert slot is not None
    db_key, _private = open_slot_keys(
        slot, branch_id=branch_id, secret=branch.recovery_code, device_secret=None
    )
    assert not _clients_db_opens_with(paths, db_key)
    ctx = branch.context()
    result = recover_access(ctx, branch.recovery_code, ADMIN[0])
    assert _try_every_grant(paths, ADMIN[0], result.temporary_password) == []


def test_it_resets_the_manager_and_signs_in_as_them(
    branch: Branch, with_client: int, signed_in: SignIn
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    temp = reset_password(admin, branch.users[Role.MANAGER][0])
    sign_out(admin)
    paths = branch.ctx.paths
    as_manager = sign_in(branch.context(), branch.users[Role.MANAGER][0], temp)
    session = as_manager.session
    assert session.client_access == "pending"
    with pytest.raises(ClientAccessPending):
        list_clients(as_manager)
    sign_out(as_manager)
    assert _try_every_grant(paths, branch.users[Role.MANAGER][0], temp) == []
    with pytest.raises(sqlcipher3.OperationalError, match="no such table"):
        _read_clients_as(paths, branch.users[Role.MANAGER][0], temp)


def test_it_creates_a_manager_of_its_own(branch: Branch, with_client: int, signed_in: SignIn) -> None:
    admin = signed_in(Role.IT_ADMIN)
    _, temp = add_staff(admin, "fake.boss", "假店长", Role.MANAGER)
    sign_out(admin)
    ctx = sign_in(branch.context(), "fake.boss", temp)
    session = ctx.session
    change_password(ctx, temp, "Fake!Boss#2026xy")
    assert session.client_access == "pending"
    with pytest.raises(client_access.ClientAccessRefused):
        client_access.set_up_client_key(ctx)  # the key exists: it cannot be born again
    with pytest.raises(ClientAccessPending):
        list_clients(ctx)
    sign_out(ctx)
    assert _try_every_grant(branch.ctx.paths, "fake.boss", "Fake!Boss#2026xy") == []


def test_a_disabled_agents_old_slot_file_opens_nothing_current(
    branch: Branch, with_client: int, signed_in: SignIn
) -> None:
    paths = branch.ctx.paths
    agent_user, agent_password = branch.users[Role.AGENT]
    old_slots = paths.key_slots.read_bytes()
    old_branch_db = paths.database.read_bytes()
    branch_id = load_config(paths.config).branch_id
    old = unlock(paths, branch_id, agent_user, agent_password, _secret(paths))
    old_grant = ClientKeyRepository(old.database).grant(
        old.database.execute("SELECT id FROM staff WHERE username = ?", (agent_user,)).fetchone()[0]
    )
    assert old_grant is not None
    old_client_key = open_client_key(
        old_grant.sealed_key, old.private_key, branch_id=branch_id, holder_id=old_grant.holder_id
    )
    old.database.close()
    assert _clients_db_opens_with(paths, old_client_key)

    disable_staff(signed_in(Role.IT_ADMIN), agent_user)
    signed_in(Role.MANAGER)  # the next holder's sign-in rotates the client-data key
    assert not _clients_db_opens_with(paths, old_client_key)

    paths.key_slots.write_bytes(old_slots)  # the old slot file, copied back with a text editor
    with pytest.raises(DatabaseOpenError):
        unlock(paths, branch_id, agent_user, agent_password, _secret(paths))
    # even with the old branch.db beside it, the key it yields no longer opens clients.db
    attic = paths.root.parent / "attic"
    attic.mkdir()
    (attic / "branch.db").write_bytes(old_branch_db)
    shutil.copy(paths.config, attic / "branch.toml")
    (attic / "keyslots.json").write_bytes(old_slots)
    stale = unlock(DataPaths(attic), branch_id, agent_user, agent_password, _secret(paths))
    stale.database.close()
    assert not _clients_db_opens_with(paths, old_client_key)


def test_a_password_change_cannot_be_undone_with_the_old_slot_file(
    branch: Branch, with_client: int, signed_in: SignIn
) -> None:
    paths = branch.ctx.paths
    user, password = branch.users[Role.AGENT]
    branch_id = load_config(paths.config).branch_id
    old_slots = paths.key_slots.read_bytes()
    old_db_key = unlock(paths, branch_id, user, password, _secret(paths))
    old_db_key.database.close()
    agent = signed_in(Role.AGENT)
    old_client_key = agent.session.client_key if agent.session else b""
    change_password(agent, password, "Agt!NewPass#2026z")
    sign_out(agent)
    paths.key_slots.write_bytes(old_slots)
    with pytest.raises(DatabaseOpenError):
        unlock(paths, branch_id, user, password, _secret(paths))
    assert not _clients_db_opens_with(paths, old_client_key)


def test_it_swaps_a_pending_members_key_and_the_confirmation_fails(branch: Branch, signed_in: SignIn) -> None:
    """IT plants a slot of its own (a password it knows) under a new agent's name, in keyslots.json
    and in the staff table; the manager types the code the real agent reads out and it fails."""
    admin = signed_in(Role.IT_ADMIN)
    _, temp = add_staff(admin, "new.agent", "新顾问", Role.AGENT)
    sign_out(admin)
    real = ("new.agent", "New!Agent#2026xy")
    ctx = sign_in(branch.context(), real[0], temp)
    change_password(ctx, temp, real[1])
    sign_out(ctx)
    real_code = confirmation_code_of(branch.context, real)

    paths = branch.ctx.paths
    branch_id = load_config(paths.config).branch_id
    planted = make_slot(
        branch_id=branch_id,
        name=real[0],
        kind="password",
        secret="It!Knows#This1",
        db_key=unlock(paths, branch_id, *ADMIN, _secret(paths)).db_key,
        kdf=FAST_KDF,
        device_secret=_secret(paths),
    )
    data = json.loads(paths.key_slots.read_text(encoding="utf-8"))
    data["slots"] = [planted.__dict__ if s["name"] == real[0] else s for s in data["slots"]]
    paths.key_slots.write_text(json.dumps(data), encoding="utf-8")
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    admin.db.execute("UPDATE staff SET slot_public_key = ? WHERE username = ?", (planted.public_key, real[0]))
    sign_out(admin)

    manager = signed_in(Role.MANAGER)
    assert confirmation_code(planted.public_key) != real_code
    with pytest.raises(WrongConfirmationCode):
        client_access.confirm_member(manager, real[0], real_code)
    sign_out(manager)
    assert _try_every_grant(paths, real[0], "It!Knows#This1") == []


def test_a_forged_grant_is_never_resealed(branch: Branch, with_client: int, signed_in: SignIn) -> None:
    """IT writes a grant for itself (it cannot make the MAC) and replaces the recovery grant with a
    slot whose code it knows; a rotation re-seals neither, and the planted recovery code fails."""
    paths = branch.ctx.paths
    branch_id = load_config(paths.config).branch_id
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None and admin.session is not None
    it_slot = load_key_slots(paths.key_slots, branch_id).password_slot(ADMIN[0])
    assert it_slot is not None
    repo = ClientKeyRepository(admin.db)
    real = repo.grant(0)
    assert real is not None
    with admin.db.transaction():
        repo.put(
            Grant(
                admin.session.staff_id,
                "current",
                "manager",
                it_slot.public_key,
                real.sealed_key,
                real.epoch,
                0,
                "2026",
                real.mac,
            )
        )
        planted = make_slot(
            branch_id=branch_id,
            name="__client_recovery__",
            kind="client_recovery",
            secret="ABCDEABCDEABCDEABCDEABCDE",
            db_key=b"\0" * 32,
            kdf=FAST_KDF,
            device_secret=None,
        )
        repo.put(
            Grant(
                0, "current", "recovery", planted.public_key, real.sealed_key, real.epoch, 0, "2026", real.mac
            )
        )
        repo.set_text("client_recovery_slot", json.dumps(planted.__dict__))
    sign_out(admin)
    manager = signed_in(Role.MANAGER)
    client_access.rotate_client_key(manager, reason="test")
    sign_out(manager)
    assert _try_every_grant(paths, *ADMIN) == []
    reset_manager = signed_in(Role.IT_ADMIN)
    temp = reset_password(reset_manager, branch.users[Role.MANAGER][0])
    sign_out(reset_manager)
    ctx = sign_in(branch.context(), branch.users[Role.MANAGER][0], temp)
    change_password(ctx, temp, "Mgr!Again#2026xy")
    with pytest.raises(client_access.ClientAccessRefused):
        client_access.confirm_self_with_recovery_code(ctx, "ABCDE-ABCDE-ABCDE-ABCDE-ABCDE")
    sign_out(ctx)


def test_the_client_recovery_code_restores_a_one_manager_branch(
    branch: Branch, with_client: int, signed_in: SignIn
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    temp = reset_password(admin, branch.users[Role.MANAGER][0])
    sign_out(admin)
    ctx = sign_in(branch.context(), branch.users[Role.MANAGER][0], temp)
    change_password(ctx, temp, "Mgr!Again#2026xy")
    new_code = client_access.confirm_self_with_recovery_code(ctx, branch.client_recovery_code)
    assert new_code != branch.client_recovery_code
    assert count_clients(ctx) == 1
    sign_out(ctx)
    again = sign_in(branch.context(), branch.users[Role.MANAGER][0], "Mgr!Again#2026xy")
    with pytest.raises(client_access.ClientAccessRefused):  # the old code was replaced
        client_access.confirm_self_with_recovery_code(again, branch.client_recovery_code)
    sign_out(again)


def test_disabling_rotates_at_once_in_a_holders_open_session(
    branch: Branch, with_client: int, signed_in: SignIn
) -> None:
    paths = branch.ctx.paths
    manager = signed_in(Role.MANAGER)
    agent = signed_in(Role.AGENT)
    assert agent.session is not None
    agents_key = agent.session.client_key
    disable_staff(signed_in(Role.IT_ADMIN), branch.users[Role.AGENT][0])
    assert _clients_db_opens_with(paths, agents_key)  # nobody holding the key has acted yet
    assert count_clients(manager) == 1  # the manager's next client action follows and rotates
    assert not _clients_db_opens_with(paths, agents_key)
    with pytest.raises(DatabaseKeyChanged):  # the agent's own open session is shut out: sign in again
        count_clients(agent)


def test_it_cannot_plant_a_rotation_to_a_key_of_its_own(
    branch: Branch, with_client: int, signed_in: SignIn
) -> None:
    """IT writes a 'next' grant for the manager sealed under a key it chose (with a valid grant MAC,
    which it can compute for its own key) and swaps in a clients.db under that key: the manager's
    sign-in must not "finish a rotation" into IT's database and then write clients there."""
    from desktop_app.store.client_keys import client_key_fingerprint, grant_mac, seal_client_key

    paths = branch.ctx.paths
    branch_id = load_config(paths.config).branch_id
    chosen = bytes(range(32))
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    repo = ClientKeyRepository(admin.db)
    manager_id, manager_key = admin.db.execute(
        "SELECT id, slot_public_key FROM staff WHERE username = ?", (branch.users[Role.MANAGER][0],)
    ).fetchone()
    epoch = repo.epoch() + 1
    with admin.db.transaction():
        repo.put(
            Grant(
                manager_id,
                "next",
                "manager",
                manager_key,
                seal_client_key(chosen, manager_key, branch_id=branch_id, holder_id=manager_id),
                epoch,
                0,
                "2026",
                grant_mac(chosen, holder_id=manager_id, role="manager", public_key=manager_key, epoch=epoch),
            )
        )
        repo.set_text("client_key_next_fingerprint", client_key_fingerprint(chosen))
    fake = paths.root / "fake-clients.db"
    admin.db.attach_client_data(fake, chosen, create=True)
    admin.db.detach_client_data()
    sign_out(admin)
    paths.client_database.rename(paths.root / "real-clients.db")
    fake.rename(paths.client_database)

    with pytest.raises(DatabaseOpenError):  # the real key does not open IT's file: reported, not adopted
        sign_in(branch.context(), *branch.users[Role.MANAGER])
    (paths.root / "real-clients.db").replace(paths.client_database)  # IT's file taken away again
    manager = signed_in(Role.MANAGER)
    assert count_clients(manager) == 1  # the real data, under the real key
    assert manager.session is not None and manager.session.client_key != chosen
    assert not _clients_db_opens_with(paths, chosen)


def test_shadow_tables_in_branch_db_catch_nothing(
    branch: Branch, with_client: int, signed_in: SignIn
) -> None:
    """IT creates tables named like client tables in branch.db (and its own pseudonym key there),
    hoping unqualified queries land in them: every client query names its schema, and the next
    holder's sign-in reports the planted tables."""
    from desktop_app.domain.client_record import FollowupKind
    from desktop_app.services.audit_trail import pseudonym
    from desktop_app.services.client_followups import add_followup
    from desktop_app.store.database import ClientTablesShadowed

    agent = signed_in(Role.AGENT)  # signed in before the tampering: the tables appear under it
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    with admin.db.transaction():
        admin.db.execute("CREATE TABLE client_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        admin.db.execute("INSERT INTO client_meta VALUES ('audit_pseudonym_key', x'00')")
        admin.db.execute(
            "CREATE TABLE client_followups (id INTEGER PRIMARY KEY, client_id, at, kind, note, staff_id)"
        )
    sign_out(admin)
    add_followup(agent, with_client, FollowupKind.CALL, "客户年收入约80万，身份证4403")
    real = pseudonym(agent, CLIENT_PHONE)
    sign_out(agent)
    it_db = unlock(
        branch.ctx.paths, load_config(branch.ctx.paths.config).branch_id, *ADMIN, _secret(branch.ctx.paths)
    ).database
    assert it_db.execute("SELECT count(*) FROM main.client_followups").fetchone() == (0,)
    import hashlib
    import hmac

    assert real != "hmac:" + hmac.new(b"\0", CLIENT_PHONE.encode(), hashlib.sha256).hexdigest()[:32]
    it_db.close()
    with pytest.raises(ClientTablesShadowed) as info:
        sign_in(branch.context(), *branch.users[Role.MANAGER])
    assert info.value.names == ["client_followups", "client_meta"]


def test_deleting_the_key_records_cannot_make_the_manager_shelve_the_data(
    branch: Branch, with_client: int, signed_in: SignIn
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    with admin.db.transaction():
        admin.db.execute("DELETE FROM meta WHERE key = 'client_key_fingerprint'")
    sign_out(admin)
    manager = sign_in(branch.context(), *branch.users[Role.MANAGER])
    assert manager.session.client_access == "not_set_up"
    with pytest.raises(client_access.ClientAccessRefused) as info:
        client_access.set_up_client_key(manager)
    assert "恢复 branch.db" in info.value.zh and "restore branch.db" in info.value.en
    sign_out(manager)
    paths = branch.ctx.paths
    assert paths.client_database.exists()
    assert not [p for p in paths.root.iterdir() if "orphaned" in p.name or p.name == "clients.db.new"]


def test_no_confirmation_code_without_a_new_password(branch: Branch, signed_in: SignIn) -> None:
    """IT gives a new agent a temporary password (or sets one itself): a sign-in with a password IT
    may know never shows a code; only a password set in this session (a new key pair) does."""
    admin = signed_in(Role.IT_ADMIN)
    _, temp = add_staff(admin, "bob", "鲍勃", Role.AGENT)
    sign_out(admin)
    ctx = sign_in(branch.context(), "bob", temp)
    session = ctx.session
    change_password(ctx, temp, "It!Chose#This2026")  # IT sets a password it knows...
    sign_out(ctx)
    again = sign_in(branch.context(), "bob", "It!Chose#This2026")  # ...and signs in with it later: no code
    session = again.session
    assert session.client_access == "pending" and session.confirmation_code == ""
    change_password(again, "It!Chose#This2026", "Own!Secret#Pass2026")  # bob, in front of the manager
    slot = load_key_slots(
        branch.ctx.paths.key_slots, load_config(branch.ctx.paths.config).branch_id
    ).password_slot("bob")
    assert slot is not None and session.confirmation_code == confirmation_code(slot.public_key)
    sign_out(again)


def _reseal_everyone_to(admin: SignedIn, branch_id: str, chosen: bytes) -> None:
    """IT seals a key of its own to every holder's public key, with grant MACs computed under that
    key (which it can do), and makes the branch's records point at it."""
    from desktop_app.store.client_keys import client_key_fingerprint, grant_mac, seal_client_key

    assert admin.db is not None
    repo = ClientKeyRepository(admin.db)
    with admin.db.transaction():
        for grant in repo.grants():
            repo.put(
                Grant(
                    grant.holder_id,
                    "current",
                    grant.role,
                    grant.public_key,
                    seal_client_key(chosen, grant.public_key, branch_id=branch_id, holder_id=grant.holder_id),
                    grant.epoch,
                    0,
                    "2026",
                    grant_mac(
                        chosen,
                        holder_id=grant.holder_id,
                        role=grant.role,
                        public_key=grant.public_key,
                        epoch=grant.epoch,
                    ),
                )
            )
        repo.set_text("client_key_fingerprint", client_key_fingerprint(chosen))


def test_it_cannot_swap_the_key_and_clients_db_for_its_own(
    branch: Branch, with_client: int, signed_in: SignIn
) -> None:
    """Every holder's grant re-sealed to an IT key and clients.db replaced by one under it: a holder
    who has held the genuine key refuses it (before attaching or writing anything), audited."""
    from desktop_app.services.client_key_pin import ClientKeyNotGenuine

    paths = branch.ctx.paths
    branch_id = load_config(paths.config).branch_id
    chosen = bytes(range(1, 33))
    admin = signed_in(Role.IT_ADMIN)
    _reseal_everyone_to(admin, branch_id, chosen)
    assert admin.db is not None
    admin.db.attach_client_data(paths.root / "fake.db", chosen, create=True)
    admin.db.detach_client_data()
    sign_out(admin)
    paths.client_database.rename(paths.root / "real.db")
    (paths.root / "fake.db").rename(paths.client_database)
    for role in (Role.MANAGER, Role.AGENT):
        with pytest.raises(ClientKeyNotGenuine):
            sign_in(branch.context(), *branch.users[role])
    auditor = signed_in(Role.AUDITOR)
    assert auditor.db is not None
    refused = [e for e in AuditRepository(auditor.db).iter_all() if e.action == "keys.client_key_not_genuine"]
    assert len(refused) == 2 and {e.actor_username for e in refused} == {
        branch.users[Role.MANAGER][0],
        branch.users[Role.AGENT][0],
    }


def test_an_open_session_refuses_a_swapped_key(branch: Branch, with_client: int, signed_in: SignIn) -> None:
    from desktop_app.services.client_key_pin import ClientKeyNotGenuine
    from desktop_app.services.key_rotation import rotate_database_key

    paths = branch.ctx.paths
    branch_id = load_config(paths.config).branch_id
    agent = signed_in(Role.AGENT)
    chosen = bytes(range(2, 34))
    admin = signed_in(Role.IT_ADMIN)
    _reseal_everyone_to(admin, branch_id, chosen)
    rotate_database_key(admin)  # makes open sessions reopen, and read the swapped grant
    sign_out(admin)
    with pytest.raises(ClientKeyNotGenuine):
        count_clients(agent)
    assert agent.session is not None and agent.session.client_key != chosen


def test_removing_the_rotation_mark_does_not_keep_a_disabled_agents_key_alive(
    branch: Branch, with_client: int, signed_in: SignIn
) -> None:
    paths = branch.ctx.paths
    agent = signed_in(Role.AGENT)
    assert agent.session is not None
    agents_key = agent.session.client_key
    sign_out(agent)
    admin = signed_in(Role.IT_ADMIN)
    disable_staff(admin, branch.users[Role.AGENT][0])
    assert admin.db is not None
    with admin.db.transaction():
        admin.db.execute("DELETE FROM meta WHERE key = 'client_key_rotation_due'")  # IT covers its tracks
    sign_out(admin)
    signed_in(Role.MANAGER)  # the holders list in clients.db still names the agent: rotation anyway
    assert not _clients_db_opens_with(paths, agents_key)


def test_a_role_changed_in_branch_db_is_flagged_to_the_confirming_manager(
    branch: Branch, signed_in: SignIn
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    with admin.db.transaction():  # IT promotes the agent to manager behind everyone's back
        admin.db.execute(
            "UPDATE staff SET role = 'manager' WHERE username = ?", (branch.users[Role.AGENT][0],)
        )
    sign_out(admin)
    manager = signed_in(Role.MANAGER)
    pending = client_access.pending_members(manager)
    assert [(m.username, m.role, m.previous_role) for m in pending] == [
        (branch.users[Role.AGENT][0], Role.MANAGER, Role.AGENT)
    ]
