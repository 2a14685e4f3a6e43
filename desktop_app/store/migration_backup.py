"""An encrypted copy of a database file taken before its schema is migrated, kept until the new
version has opened cleanly.

Rule: before the first pending migration, ``branch.db`` is copied byte for byte to
``branch.db.pre-migration`` (0600). A copy of an SQLCipher file is as encrypted as the file (same
key, same pages); nothing is ever decrypted to disk. When every migration has committed and the
migrated file passes SQLite's ``quick_check``, the copy is removed. When a migration fails, the
copy is put back over the file (the original version, as it was) and removed. When the process
dies mid-migration (power loss), the copy stays, and the next open puts it back before anything
else, so a half-migrated file is never used. Reason: the migrations run in one transaction each,
so a failure in the fifth leaves the first four committed — a version no release of the app ever
wrote (Vorta, KeePassXC and most desktop apps keep such a copy). An OS file lock held from the
copy to its removal tells a copy left by a crash from one another process is still migrating with.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock

from desktop_app.store.data_dir import fsync_dir, replacing_private_file
from desktop_app.store.fault_points import fault_point

SUFFIX = ".pre-migration"
LOCK_TIMEOUT_SECONDS = 120  # a long migration of a large branch in another window
_SIDE_FILES = ("-journal", "-wal", "-shm")  # belong to the file being replaced, never to the copy


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


@contextlib.contextmanager
def migration_lock(path: Path) -> Iterator[None]:
    """Held while a copy of ``path`` exists on behalf of a live process."""
    with FileLock(str(path) + ".migration.lock", timeout=LOCK_TIMEOUT_SECONDS, mode=0o600):
        yield


def _copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` atomically (a temporary file renamed), 0600, synced to disk."""
    with replacing_private_file(target) as out, source.open("rb") as data:
        shutil.copyfileobj(data, out, 1024 * 1024)


def take(path: Path) -> None:
    """Copy ``path`` (closed or idle: no transaction open on it) before migrating it; an existing
    copy is the older original and is kept."""
    if not backup_path(path).exists():
        _copy(path, backup_path(path))
    fault_point("migration-backup-taken")


def restore(path: Path) -> None:
    """Put the copy back over ``path`` (every connection to it closed) and remove the copy."""
    copy = backup_path(path)
    if not copy.exists():
        return
    _copy(copy, path)
    for side in _SIDE_FILES:  # a hot journal of the migrated file would be "rolled back" into the copy
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path.with_name(path.name + side))
    discard(path)


def discard(path: Path) -> None:
    """The migrated file opened cleanly: the copy is no longer needed."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(backup_path(path))
    fsync_dir(path.parent)


def restore_left_over(path: Path) -> bool:
    """Before opening: put back a copy a crashed migration left (waiting for a live one to end);
    True when one was restored."""
    if not backup_path(path).exists():
        return False
    with migration_lock(path):
        if not backup_path(path).exists():
            return False
        restore(path)
        return True
