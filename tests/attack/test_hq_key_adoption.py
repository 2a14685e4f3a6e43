"""Key adoption (issue 13): IT and auditors, whose keys open branch.db but never clients.db, cannot
take the branch's HQ signing key or the company's pseudonym key once an agent's or manager's
session has adopted them — not with the app's modules, not in a plaintext export of branch.db, and
not in the raw decrypted pages of the file (free space included) nor in its journal or WAL.

What remains is the window between enrolment and adoption: the keys wait in branch.db, so IT (who
enrols and holds the token anyway) or an auditor could copy them then. That window is tested
here too, and it is also what shows the searches work: the same search finds the keys before
adoption, so every "not found" assertion below fails if adoption did not move the keys (checked
by making ``adopt_pending_keys`` do nothing: the after-adoption tests fail). ``secure_delete`` is
what overwrites the freed cell in general; with this row's layout the shorter new row happens to
cover the old key's bytes even without it (turning it off does not make these tests fail).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from desktop_app.domain.hq_summary import generate_private_key, public_key_b64
from desktop_app.domain.roles import Role
from desktop_app.services import hq_link
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.branch_config import load_config
from desktop_app.store.device_secret import DeviceSecretStore
from desktop_app.store.hq_key_repository import HqKeyRepository
from desktop_app.store.hq_link_repository import HqLink, HqLinkRepository
from desktop_app.store.unlock import Unlocked, unlock
from tests.conftest import Branch
from tests.support.hq_export_fixtures import FakeHqEnrolment, enrol_for_tests

SignIn = Callable[[Role], SignedIn]
PSEUDONYM = b"p" * 32  # what enrol_for_tests stores
PAGE, RESERVE, SALT = 4096, 80, 16  # SQLCipher 4 defaults: 16-byte IV + 64-byte HMAC per page


@pytest.fixture
def enrolled(branch: Branch) -> FakeHqEnrolment:
    return enrol_for_tests(branch.context)


def _unlock(branch: Branch, role: Role) -> Unlocked:
    """What IT or an auditor does with the data folder, their password and the app's modules."""
    paths = branch.ctx.paths
    branch_id = load_config(paths.config).branch_id
    username, password = branch.users[role]
    return unlock(paths, branch_id, username, password, DeviceSecretStore().get(branch_id))


def _decrypted_pages(path: Path, key: bytes) -> bytes:
    """Every page of an SQLCipher 4 file decrypted with the raw key (AES-256-CBC, the IV in each
    page's reserved bytes): what is in the file, live rows, free space and freelist pages alike."""
    data = path.read_bytes()
    out = bytearray()
    for number, start in enumerate(range(0, len(data), PAGE)):
        page = data[start : start + PAGE]
        iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
        body = page[SALT if number == 0 else 0 : PAGE - RESERVE]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out += decryptor.update(body) + decryptor.finalize()
    return bytes(out)


def _everything_readable(branch: Branch, role: Role, tmp_path: Path) -> bytes:
    """branch.db as ``role`` can read it: a plaintext ``sqlcipher_export`` copy, the raw decrypted
    pages, and whatever journal or WAL lies next to it (decrypted the same way, or raw)."""
    unlocked = _unlock(branch, role)
    plain = tmp_path / f"plain-{role.value}.db"
    try:
        connection = unlocked.database.connection
        connection.execute("ATTACH DATABASE ? AS plaintext KEY ''", (str(plain),))
        connection.execute("SELECT sqlcipher_export('plaintext')")
        connection.execute("DETACH DATABASE plaintext")
    finally:
        unlocked.database.close()
    database = branch.ctx.paths.root / "branch.db"
    pages = _decrypted_pages(database, unlocked.db_key)
    assert b"CREATE TABLE" in pages and b"https://hq.example.cn" in pages  # the decryption is right
    found = plain.read_bytes() + pages
    for suffix in ("-wal", "-journal"):
        side = database.with_name(database.name + suffix)
        if side.exists():
            found += side.read_bytes() + _decrypted_pages(side, unlocked.db_key)
    return found


def _holds(blob: bytes, secret: bytes) -> bool:
    return any(form in blob for form in (secret, secret.hex().encode(), base64.b64encode(secret)))


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_after_adoption_it_and_auditors_cannot_find_the_keys(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment, role: Role, tmp_path: Path
) -> None:
    manager = signed_in(Role.MANAGER)  # signing in adopts the pending keys
    assert hq_link.branch_private_key(manager) == enrolled.branch_private
    assert hq_link.pseudonym_key(manager) == PSEUDONYM
    manager.close()

    unlocked = _unlock(branch, role)
    try:
        stored = HqLinkRepository(unlocked.database).get()
        assert stored is not None and stored.link.keys_adopted_at is not None
        assert stored.branch_private_key is None and stored.pseudonym_key is None
        assert stored.link.pseudonym_key_received  # IT's status still says a key was delivered
        rows = unlocked.database.execute("SELECT * FROM hq_link").fetchall()
        assert not any(_holds(repr(rows).encode(), k) for k in (enrolled.branch_private, PSEUDONYM))
    finally:
        unlocked.database.close()
    readable = _everything_readable(branch, role, tmp_path)
    assert not _holds(readable, enrolled.branch_private)
    assert not _holds(readable, PSEUDONYM)


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_and_auditor_sessions_cannot_sign(
    signed_in: SignIn, enrolled: FakeHqEnrolment, role: Role
) -> None:
    signed_in(Role.AGENT).close()  # adopted
    session = signed_in(role)
    for use in (
        hq_link.branch_private_key,
        hq_link.pseudonym_key,
        lambda ctx: hq_link.sign(ctx, {"schema": "x"}),
    ):
        with pytest.raises(hq_link.HqKeysUnavailable):
            use(session)
    found = hq_link.link(session)  # the public link still shows, without keys
    assert found is not None and found.url == "https://hq.example.cn"


def test_the_window_before_adoption_is_what_remains(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment, tmp_path: Path
) -> None:
    """Documented limit (README "Limits"): between enrolment and the first agent or manager
    session the keys are in branch.db, readable by IT and auditors; the IT and auditor sessions
    themselves do not adopt, so the window lasts until an agent or manager signs in."""
    signed_in(Role.IT_ADMIN).close()
    signed_in(Role.AUDITOR).close()
    unlocked = _unlock(branch, Role.IT_ADMIN)
    try:
        stored = HqLinkRepository(unlocked.database).get()
    finally:
        unlocked.database.close()
    assert stored is not None and stored.link.keys_adopted_at is None
    assert stored.branch_private_key == enrolled.branch_private  # the window
    readable = _everything_readable(branch, Role.AUDITOR, tmp_path)
    assert _holds(readable, enrolled.branch_private) and _holds(readable, PSEUDONYM)  # the search works


def test_adoption_is_one_audited_transaction_and_happens_once(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    agent = signed_in(Role.AGENT)
    manager = signed_in(Role.MANAGER)
    assert not hq_link.adopt_pending_keys(manager)  # the agent's sign-in already did it
    entries = [e for e in AuditRepository(agent.db).iter_all() if e.action == "hq.key_adopted"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.actor_username == branch.users[Role.AGENT][0] and entry.outcome == "success"
    assert entry.details == {
        "branch_public_key": enrolled.branch_public_b64,
        "pseudonym_key": True,
        "enrolled_at": "2027-01-01T00:00:00Z",
        "replaced": False,
    }
    assert enrolled.branch_private.hex() not in repr(entry) + str(entry.details)
    keys = HqKeyRepository(manager.db).get()
    assert keys is not None and keys.adopted_by == agent.session.staff_id
    assert "keys=<hidden>" in repr(keys) and enrolled.branch_private.hex() not in repr(keys)


def test_re_enrolment_replaces_the_adopted_key_at_the_next_adoption(
    branch: Branch, signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    manager = signed_in(Role.MANAGER)
    assert hq_link.branch_private_key(manager) == enrolled.branch_private
    new_key = generate_private_key()
    it = signed_in(Role.IT_ADMIN)
    with it.db.transaction():  # what services/hq_enrolment.py stores after HQ accepted a new token
        HqLinkRepository(it.db).save(
            HqLink(
                "https://hq2.example.cn", "", "SZ001", enrolled.branch_public_b64, "2027-02-01T00:00:00Z", 1
            ),
            branch_private_key=new_key,
            pseudonym_key=None,
        )
    # the manager's open session picks the new pending key up at its next use
    assert hq_link.branch_private_key(manager) == new_key
    assert hq_link.pseudonym_key(manager) is None  # the new token carried none
    entry = [e for e in AuditRepository(manager.db).iter_all() if e.action == "hq.key_adopted"][-1]
    assert entry.details["replaced"] is True and entry.details["branch_public_key"] == public_key_b64(new_key)
    stored = HqLinkRepository(it.db).get()
    assert stored is not None and stored.branch_private_key is None
    assert stored.link.url == "https://hq2.example.cn"


def test_a_clients_db_without_the_current_enrolments_key_refuses_to_sign(
    signed_in: SignIn, enrolled: FakeHqEnrolment
) -> None:
    manager = signed_in(Role.MANAGER)
    with manager.db.transaction():  # e.g. clients.db restored from a copy older than the adoption
        manager.db.execute("DELETE FROM client_data.hq_keys")
    with pytest.raises(hq_link.HqKeysUnavailable) as info:
        hq_link.sign(manager, {"schema": "x"})
    assert "IT" in info.value.zh
