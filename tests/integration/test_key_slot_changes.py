"""Key-slot file changes: one lock across processes, staged until the database commits, and a rekey
that re-seals only the slots the database vouches for."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

import pytest

from desktop_app.domain.errors import WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services import key_rotation, sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.database import DiskFull, open_database
from desktop_app.store.key_slot_changes import slot_lock
from desktop_app.store.key_slots import (
    KIND_PASSWORD,
    KeySlotFile,
    SlotOpenFailed,
    key_fingerprint,
    load_key_slots,
    make_slot,
    new_database_key,
    open_slot,
    reseal,
)
from desktop_app.store.unlock import unlock
from tests.conftest import ADMIN, FAST_KDF, Branch


def _device_secret(branch: Branch) -> bytes:
    return branch.ctx.secrets.get(branch.ctx.require_config().branch_id)


def _slots(branch: Branch) -> KeySlotFile:
    config = branch.ctx.require_config()
    return load_key_slots(branch.ctx.paths.key_slots, config.branch_id)


def test_a_planted_slot_is_not_resealed_by_rekey(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    """Someone who can write keyslots.json adds a slot of their own; rotation must cut it off."""
    config = branch.ctx.require_config()
    slots = _slots(branch)
    ghost = make_slot(
        branch_id=config.branch_id,
        name="zz.ghost",
        kind=KIND_PASSWORD,
        secret="ghost-pw",
        db_key=new_database_key(),
        kdf=FAST_KDF,
        device_secret=None,
    )
    slots.put(ghost)
    slots.save(branch.ctx.paths.key_slots)

    admin = signed_in(Role.IT_ADMIN)
    key_rotation.rotate_database_key(admin)

    after = _slots(branch)
    assert "zz.ghost" not in after.slots
    assert set(after.slots) == {name for name, _ in branch.users.values()} | {"__recovery__"}
    assert admin.db is not None
    rekey = [e for e in AuditRepository(admin.db).iter_all() if e.action == "keys.rekey"]
    assert rekey[0].details["unknown_slots_dropped"] == 1


def test_a_sign_in_waits_for_a_rotation_in_progress(branch: Branch) -> None:
    """A sign-in that finds a half-done rotation must wait for it, not discard its pending file."""
    config = branch.ctx.require_config()
    paths = branch.ctx.paths
    current = _slots(branch)
    old_key = open_slot(
        current.slots[ADMIN[0]],
        branch_id=config.branch_id,
        secret=ADMIN[1],
        device_secret=_device_secret(branch),
    )
    new_key = new_database_key()
    pending = KeySlotFile(
        config.branch_id,
        key_fingerprint(new_key),
        current.db_salt,
        {n: reseal(s, branch_id=config.branch_id, db_key=new_key) for n, s in current.slots.items()},
    )
    results: list[object] = []
    lock = slot_lock(paths)
    lock.acquire()  # this thread plays the rotating process
    try:
        pending.save(paths.key_slots_pending)  # (1) pending slots written, database not yet re-keyed
        user, password = branch.users[Role.MANAGER]

        def other_process_signs_in() -> None:
            try:
                results.append(unlock(paths, config.branch_id, user, password, _device_secret(branch)))
            except Exception as exc:  # reported to the test thread
                results.append(exc)

        thread = threading.Thread(target=other_process_signs_in)
        thread.start()
        thread.join(timeout=1.0)
        assert thread.is_alive() and paths.key_slots_pending.exists()  # it waits; nothing discarded
        database = open_database(paths.database, old_key)  # the rotating process's own connection
        database.rekey(new_key)  # (2) the rotation completes
        database.close()
        paths.key_slots_pending.replace(paths.key_slots)  # (3)
    finally:
        lock.release()
    thread.join(timeout=30)
    assert len(results) == 1 and not isinstance(results[0], Exception), results
    result = results[0]
    assert result.db_key == new_key  # type: ignore[attr-defined]
    result.database.close()  # type: ignore[attr-defined]


def test_a_failed_commit_leaves_the_old_password_working(
    branch: Branch, signed_in: Callable[[Role], SignedIn], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The slot file changes only after the database transaction that records the change commits."""
    ctx = signed_in(Role.MANAGER)
    username, old_password = branch.users[Role.MANAGER]
    assert ctx.db is not None
    db = ctx.db
    real_execute = db.execute

    def execute(sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> object:
        if (
            sql == "COMMIT"
            and db.connection.in_transaction
            and "password_changed"
            in str(db.connection.execute("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone())
        ):
            raise DiskFull()  # the disk filled up at commit time
        return real_execute(sql, params)

    with monkeypatch.context() as patch:
        patch.setattr(db, "execute", execute)
        with pytest.raises(DiskFull):
            sign_in.change_password(ctx, old_password, "Brand!New#Pass2027")

    assert not ctx.paths.key_slots_staged.exists()
    fresh = sign_in.sign_in(branch.context(), username, old_password)  # still the old password
    assert fresh.db is not None
    assert not [e for e in AuditRepository(fresh.db).iter_all() if e.action == "auth.password_changed"]
    sign_in.sign_out(fresh)
    with pytest.raises(WrongCredentials):
        sign_in.sign_in(branch.context(), username, "Brand!New#Pass2027")


def test_concurrent_slot_changes_do_not_lose_each_other(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    """IT adds a user while the manager changes her password: both changes survive."""
    from desktop_app.services.staff_accounts import add_staff

    admin = signed_in(Role.IT_ADMIN)
    manager = signed_in(Role.MANAGER)
    username, old_password = branch.users[Role.MANAGER]
    errors: list[BaseException] = []

    def change() -> None:
        try:
            sign_in.change_password(manager, old_password, "Mgr!Changed#2027")
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=change)
    thread.start()
    add_staff(admin, "wangfang", "王芳", Role.AGENT, password="Agt!Second#2027x", must_change=False)
    thread.join(timeout=60)
    assert not errors, errors
    slots = _slots(branch)
    assert "wangfang" in slots.slots
    config = branch.ctx.require_config()
    open_slot(
        slots.slots[username],
        branch_id=config.branch_id,
        secret="Mgr!Changed#2027",
        device_secret=_device_secret(branch),
    )
    with pytest.raises(SlotOpenFailed):
        open_slot(
            slots.slots[username],
            branch_id=config.branch_id,
            secret=old_password,
            device_secret=_device_secret(branch),
        )
    assert json.loads(branch.ctx.paths.key_slots.read_text())["format"] == "branchvault-keyslots-1"
