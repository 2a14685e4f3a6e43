"""Opening the database through a key slot, including finishing an interrupted ``rekey``.

``rekey`` writes the re-sealed slots to ``keyslots.next.json`` before it changes the database key
and renames that file over ``keyslots.json`` afterwards. If it was interrupted, whichever of the two
slot files holds the key the database now opens with wins, and the other is removed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.store.data_dir import DataPaths, fsync_dir
from desktop_app.store.database import Database, DatabaseOpenError, open_database
from desktop_app.store.key_slot_changes import slot_lock
from desktop_app.store.key_slots import KeySlot, KeySlotFile, X25519PrivateKey, load_key_slots, open_slot_full


@dataclass
class Unlocked:
    database: Database
    db_key: bytes
    slots: KeySlotFile
    private_key: X25519PrivateKey
    kek: bytes = b""
    pin: bytes = b""


def _open_with(
    slot_file: KeySlotFile, slot: KeySlot, secret: str, device_secret: bytes | None, paths: DataPaths
) -> Unlocked:
    opened = open_slot_full(slot, branch_id=slot_file.branch_id, secret=secret, device_secret=device_secret)
    db_key, private = opened.db_key, opened.private
    database = open_database(
        paths.database,
        db_key,
        expected_fingerprint=slot_file.key_fingerprint,
        expected_salt=slot_file.db_salt,
    )
    return Unlocked(database, db_key, slot_file, private, opened.kek, opened.pin)


def unlock(
    paths: DataPaths,
    branch_id: str,
    slot_name: str,
    secret: str,
    device_secret: bytes | None,
    *,
    recovery: bool = False,
) -> Unlocked:
    """Open the named slot and the database. Raises SlotOpenFailed (slot missing or wrong secret)
    or a DatabaseOpenError."""
    from desktop_app.store.key_slots import SlotOpenFailed

    def pick(slot_file: KeySlotFile) -> KeySlot:
        slot = slot_file.recovery_slot() if recovery else slot_file.password_slot(slot_name)
        if slot is None:
            raise SlotOpenFailed()
        return slot

    # Under the slot lock: a rotation in another process either has not started or has finished,
    # so the slot file read here matches the key the database is under.
    with slot_lock(paths):
        if paths.key_slots_pending.exists():
            return _finish_interrupted_rekey(paths, branch_id, pick, secret, device_secret)
        current = load_key_slots(paths.key_slots, branch_id)
        return _open_with(current, pick(current), secret, device_secret, paths)


def _finish_interrupted_rekey(
    paths: DataPaths,
    branch_id: str,
    pick: Callable[[KeySlotFile], KeySlot],
    secret: str,
    device_secret: bytes | None,
) -> Unlocked:
    """Called under the slot lock with a pending file left by a rekey that did not complete."""
    from desktop_app.store.key_slots import SlotOpenFailed

    current = load_key_slots(paths.key_slots, branch_id)
    pending = load_key_slots(paths.key_slots_pending, branch_id)
    try:
        result = _open_with(pending, pick(pending), secret, device_secret, paths)
    except (DatabaseOpenError, SlotOpenFailed):
        result = _open_with(current, pick(current), secret, device_secret, paths)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(paths.key_slots_pending)  # the rekey never reached the database
        return result
    os.replace(paths.key_slots_pending, paths.key_slots)  # the rekey had finished; complete it
    fsync_dir(paths.root)
    return result
