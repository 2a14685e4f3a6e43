"""The GUI's "session running" marker: tells a clean end from an unclean one (a crash, a kill, a
power cut) so the app checks the database's integrity after the latter.

Rule: while a GUI session is open its process holds a marker file ``run-markers/gui-<random>.marker``
in the data directory and holds an OS file lock (``filelock``) on ``gui-<random>.lock`` beside it. A
clean sign-out, user switch or quit deletes the marker, then releases the lock. At the next session
start, any other marker whose lock can be taken
belongs to a process that ended without cleaning up (the OS drops a dead process's locks; a reused
process id cannot fool it) and is removed: the caller then runs the check. A marker that is still
locked belongs to another GUI instance that is running now (two windows on one PC): it is left
alone — that instance's own clean or unclean end decides. The CLI writes no marker: each command
is a few short transactions, and SQLite's journal rolls back a killed one; the GUI is the process
that runs for hours and gets killed or loses power mid-session.

Reason: a power cut or kill during a write is exactly when a page can be left damaged (disk write
caches, a failing disk); checking right after such an end finds it while the last verified backup is
still recent (GB/T 22239-2019 8.1.4.7 data integrity, 8.1.4.9 backup and recovery).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from filelock import FileLock, Timeout

from desktop_app.store.data_dir import write_private_file

MARKER_DIR = "run-markers"
PREFIX = "gui-"
SUFFIX = ".marker"


def marker_dir(root: Path) -> Path:
    return root / MARKER_DIR


class RunMarker:
    """This process's marker while a GUI session is open."""

    def __init__(self, root: Path) -> None:
        self.root = root
        directory = marker_dir(root)
        directory.mkdir(mode=0o700, exist_ok=True)
        name = f"{PREFIX}{secrets.token_hex(8)}"
        self.path = directory / f"{name}{SUFFIX}"
        self._lock = FileLock(str(_lock_path(self.path)), timeout=0, mode=0o600)
        self._lock.acquire()
        write_private_file(self.path, f"pid {os.getpid()}\n".encode("ascii"))

    def remove(self) -> None:
        """The clean end: delete the marker, then release the lock (idempotent)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        if self._lock.is_locked:
            self._lock.release(force=True)
            with contextlib.suppress(FileNotFoundError):
                _lock_path(self.path).unlink()


def _lock_path(marker: Path) -> Path:
    return marker.with_suffix(".lock")


def take_stale_markers(root: Path, *, own: Path | None = None) -> list[Path]:
    """Remove the markers left by GUI processes that ended uncleanly; return their paths (empty when
    every earlier session ended cleanly or is still running)."""
    directory = marker_dir(root)
    if not directory.is_dir():
        return []
    stale: list[Path] = []
    for path in sorted(directory.glob(f"{PREFIX}*{SUFFIX}")):
        if own is not None and path == own:
            continue
        lock = FileLock(str(_lock_path(path)), timeout=0, mode=0o600)
        try:
            lock.acquire()
        except Timeout:
            continue  # another GUI instance is running: its marker is live
        try:
            path.unlink()  # still there with its lock free: its process ended without cleaning up
            stale.append(path)
        except FileNotFoundError:
            pass  # it ended cleanly just now
        finally:
            lock.release(force=True)
            with contextlib.suppress(FileNotFoundError):
                _lock_path(path).unlink()
    return stale
