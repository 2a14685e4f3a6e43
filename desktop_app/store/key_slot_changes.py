"""Changing the key-slot file safely: one inter-process lock, re-read under it, and a staged file that
replaces ``keyslots.json`` only after the database transaction that records the change commits.

Every writer of ``keyslots.json`` (add, reset, disable, password change, slot upgrade, recovery,
rekey) and the sign-in path that finishes an interrupted rekey hold the same lock, so two processes
can neither lose each other's changes nor interleave with a key rotation.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock

from desktop_app.store.data_dir import DataPaths, fsync_dir, write_private_file
from desktop_app.store.key_slots import KeySlotFile, load_key_slots

LOCK_TIMEOUT_SECONDS = 300  # a rekey of a large database holds the lock while it rewrites every page

_locks: dict[Path, FileLock] = {}
_locks_guard = threading.Lock()


def slot_lock(paths: DataPaths) -> FileLock:
    """The branch's key-slot lock; one object per path in this process, so it is re-entrant here."""
    path = paths.root / "keyslots.lock"
    with _locks_guard:
        lock = _locks.get(path)
        if lock is None:
            lock = _locks[path] = FileLock(str(path), timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
        return lock


@dataclass
class SlotFileChange:
    paths: DataPaths
    slots: KeySlotFile
    staged: bool = field(default=False)

    def stage(self) -> None:
        """Write the changed slots beside the live file. Call inside the database transaction, so a
        failure here rolls the transaction back."""
        write_private_file(self.paths.key_slots_staged, self.slots.to_json())
        self.staged = True


@contextlib.contextmanager
def change_key_slots(paths: DataPaths, branch_id: str) -> Iterator[SlotFileChange]:
    """Lock, load the current slots, let the caller change them and run its transaction (calling
    ``stage()`` inside it), then install the staged file. On any error the live file is untouched."""
    with slot_lock(paths):
        change = SlotFileChange(paths, load_key_slots(paths.key_slots, branch_id))
        try:
            yield change
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(paths.key_slots_staged)
            raise
        if change.staged:
            os.replace(paths.key_slots_staged, paths.key_slots)
            fsync_dir(paths.root)
        else:
            change.slots.save(paths.key_slots)
