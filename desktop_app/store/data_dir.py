"""Where a branch's data lives, and writing files there privately and atomically.

The default directory comes from platformdirs; ``--data-dir`` and ``BRANCHVAULT_HOME`` override it.
On POSIX the directory is 0700 and every file 0600.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import platformdirs

ENV_HOME = "BRANCHVAULT_HOME"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("BranchVault", appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    from desktop_app.store.machine_config_file import machine_data_dir  # local: keeps start-up light

    provisioned = machine_data_dir()  # IT's machine-wide config may place the branch elsewhere
    if provisioned is not None:
        return provisioned.resolve()
    return default_data_dir()


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def config(self) -> Path:
        return self.root / "branch.toml"

    @property
    def database(self) -> Path:
        return self.root / "branch.db"

    @property
    def client_database(self) -> Path:
        """Client personal data under the client-data key (store/client_schema.py)."""
        return self.root / "clients.db"

    @property
    def key_slots(self) -> Path:
        return self.root / "keyslots.json"

    @property
    def key_slots_pending(self) -> Path:
        """Written during ``rekey`` before the database key changes; see services/key_rotation.py."""
        return self.root / "keyslots.next.json"

    @property
    def key_slots_staged(self) -> Path:
        """A changed slot file waiting for its database transaction to commit (store/key_slot_changes.py)."""
        return self.root / "keyslots.staged.json"

    @property
    def lockout(self) -> Path:
        return self.root / "signin-state.json"

    @property
    def user_settings(self) -> Path:
        return self.root / "user-settings.toml"

    def is_initialised(self) -> bool:
        """Whether any part of a branch is here. A partial branch (a file lost or deleted) is not
        empty: opening it reports exactly what is missing instead of offering to start afresh."""
        return any(path.exists() for path in (self.config, self.key_slots, self.database))

    def ensure_private_dir(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(self.root, 0o700)


@contextlib.contextmanager
def replacing_private_file(path: Path) -> Iterator[BinaryIO]:
    """Write a temporary file beside ``path`` (0600 on POSIX) and, when the block ends without an
    error, flush it to disk and rename it over ``path``; on an error the temporary file is removed
    and ``path`` is untouched."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_private_file(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``, 0600 on POSIX, flushed to disk before the rename."""
    with replacing_private_file(path) as handle:
        handle.write(data)


def fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def restrict_file(path: Path) -> None:
    if os.name == "posix" and path.exists():
        os.chmod(path, 0o600)
