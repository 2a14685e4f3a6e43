"""The birth of the client-data key: the first manager, after setting their own password, creates it,
seals it to themselves and to a new client-data recovery code, and an old branch's client tables move
from branch.db into clients.db in the same transaction (the old copy of branch.db is kept until the
new files open, then overwritten and deleted). IT never held the key (services/client_access.py)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

from desktop_app.services.audit_trail import record
from desktop_app.services.client_key_grants import (
    RECOVERY_ROLE,
    ClientAccessRefused,
    attach_client_data,
    install_staged_client_database,
    new_client_recovery_slot,
    new_grant,
    private_of,
    record_holders,
    require_manager_with_own_password,
    set_granted,
    staged_client_database,
)
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_key_repository import (
    CURRENT,
    EPOCH,
    FINGERPRINT,
    RECOVERY_SLOT,
    ClientKeyRepository,
)
from desktop_app.store.client_keys import (
    RECOVERY_HOLDER_ID,
    client_key_fingerprint,
    new_client_key,
)
from desktop_app.store.data_dir import fsync_dir
from desktop_app.store.key_slots import (
    public_key_of,
)
from desktop_app.store.legacy_client_tables import drop_legacy_client_tables, move_legacy_client_tables


def set_up_client_key(ctx: SignedIn) -> str:
    """Create the client-data key as the first manager (moving an old branch's client tables into
    ``clients.db``); return the client-data recovery code, shown once."""
    session, db = ctx.session, ctx.db
    require_manager_with_own_password(session, "创建客户资料密钥", "create the client-data key")
    repo = ClientKeyRepository(db)
    if repo.text(FINGERPRINT) is not None:
        raise ClientAccessRefused(
            "本门店已有客户资料密钥：请让另一位店长确认您，或使用客户资料恢复码。",
            "This branch already has a client-data key: ask another manager to confirm you, or use the "
            "client-data recovery code.",
        )
    if repo.grants(CURRENT) or ctx.paths.client_database.exists():
        # The key's records were removed from branch.db while its grants or clients.db remain: making
        # a new key now would shelve every client record. Refused, and audited.
        with db.transaction():
            record(
                ctx,
                "keys.client_key_created",
                target_type="database",
                target_id="clients.db",
                outcome="denied",
                details={"reason": "key_records_missing"},
            )
        raise ClientAccessRefused(
            "本门店已有客户资料（clients.db 或密钥授权仍在），但 branch.db 中的密钥记录不见了：可能被人改动过。"
            "不会新建密钥（那会让现有客户资料无法使用）。请 IT 从备份恢复 branch.db，并告知 IT 主管。",
            "This branch already has client data (clients.db or key grants remain) but the key's records in "
            "branch.db are gone: it may have been altered. No new key is made (that would shelve every "
            "client record). Ask IT to restore branch.db from a backup, and tell IT's supervisor.",
        )
    private = private_of(session)
    client_key = new_client_key()
    code, recovery_slot = new_client_recovery_slot(ctx, client_key)
    legacy = repo.legacy_tables_present()
    backup = ctx.paths.root / "branch.db.before-client-key"
    if legacy:
        db.checkpoint()
        shutil.copy2(ctx.paths.database, backup)
        os.chmod(backup, 0o600)
    staging = staged_client_database(ctx)
    _set_aside_orphan(staging, ctx.clock())
    try:
        db.attach_client_data(staging, client_key, create=True)
        with db.transaction():
            moved = move_legacy_client_tables(db) if legacy else 0
            if not legacy:
                drop_legacy_client_tables(db)
            repo.mark_separate()
            repo.set_text(FINGERPRINT, client_key_fingerprint(client_key))
            repo.set_text(EPOCH, "1")
            repo.put(
                new_grant(
                    ctx,
                    client_key,
                    holder_id=session.staff_id,
                    role=session.role.value,
                    public_key=public_key_of(private),
                    epoch=1,
                    state=CURRENT,
                )
            )
            repo.put(
                new_grant(
                    ctx,
                    client_key,
                    holder_id=RECOVERY_HOLDER_ID,
                    role=RECOVERY_ROLE,
                    public_key=recovery_slot.public_key,
                    epoch=1,
                    state=CURRENT,
                )
            )
            record_holders(ctx, client_key)
            repo.set_text(RECOVERY_SLOT, json.dumps(recovery_slot.__dict__))
            record(
                ctx,
                "keys.client_key_created",
                target_type="database",
                target_id="clients.db",
                details={"moved_from_branch_db": legacy, "clients_moved": moved},
            )
    except BaseException:
        db.detach_client_data()
        _set_aside_orphan(staging, ctx.clock())
        if legacy:  # nothing moved: the old tables are still in branch.db, the copy only adds a reader
            _shred(backup)
        raise
    # the new file takes its place (a crash before this is finished at the next sign-in), then it is
    # checked once more from scratch before the old copy goes
    db.detach_client_data()
    install_staged_client_database(ctx)
    attach_client_data(ctx, db, client_key)
    if legacy:
        _shred(backup)
    set_granted(session, client_key)
    session.client_epoch = 1
    return code


def _set_aside_orphan(staging: Path, now: float) -> None:
    """A staged clients.db left by a set-up whose transaction never committed holds nothing the
    branch needs; it is renamed, never deleted, in case someone asks."""
    if staging.exists():
        os.replace(staging, staging.with_name(f"clients.db.orphaned-{int(now)}"))
        fsync_dir(staging.parent)


def _shred(path: os.PathLike[str]) -> None:
    """Overwrite and delete the old database copy (best effort: its pages are encrypted anyway)."""
    with contextlib.suppress(OSError):
        size = os.path.getsize(path)
        with open(path, "r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
        os.unlink(path)
