"""Opening the database through a key slot, including finishing an interrupted ``rekey``.

``rekey`` writes the re-sealed slots to ``keyslots.next.json`` before it changes the database key
and renames that file over ``keyslots.json`` afterwards. If it was interrupted, whichever of the two
slot files holds the key the database now opens with wins, and the other is removed.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

from desktop_app.store.data_dir import DataPaths
from desktop_app.store.database import Database, DatabaseOpenError, open_database
from desktop_app.store.key_slots import KeySlot, KeySlotFile, load_key_slots, open_slot


@dataclass
class Unlocked:
    database: Database
    db_key: bytes
    slots: KeySlotFile


def _open_with(
    slot_file: KeySlotFile, slot: KeySlot, secret: str, device_secret: bytes | None, paths: DataPaths
) -> Unlocked:
    db_key = open_slot(slot, branch_id=slot_file.branch_id, secret=secret, device_secret=device_secret)
    database = open_database(
        paths.database,
        db_key,
        expected_fingerprint=slot_file.key_fingerprint,
        expected_salt=slot_file.db_salt,
    )
    return Unlocked(database, db_key, slot_file)


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

    current = load_key_slots(paths.key_slots, branch_id)

    def pick(slot_file: KeySlotFile) -> KeySlot:
        slot = slot_file.recovery_slot() if recovery else slot_file.password_slot(slot_name)
        if slot is None:
            raise SlotOpenFailed()
        return slot

    if paths.key_slots_pending.exists():
        pending = load_key_slots(paths.key_slots_pending, branch_id)
        try:
            result = _open_with(pending, pick(pending), secret, device_secret, paths)
        except (DatabaseOpenError, SlotOpenFailed):
            result = _open_with(current, pick(current), secret, device_secret, paths)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(paths.key_slots_pending)  # the rekey never reached the database
            return result
        os.replace(paths.key_slots_pending, paths.key_slots)  # the rekey had finished; complete it
        return result
    return _open_with(current, pick(current), secret, device_secret, paths)
