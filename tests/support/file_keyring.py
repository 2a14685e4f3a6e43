"""A keyring backend for tests only: keeps entries in a JSON file named by BRANCHVAULT_TEST_KEYRING_FILE
(or in memory when unset), so CLI subprocesses in one test share a "keyring". Select it with keyring's
own convention: PYTHON_KEYRING_BACKEND=tests.support.file_keyring.TestKeyring.

Like a real keyring it is safe to use from several threads (the audit chain's witness is written
from a background thread): changes are made under a lock and the file is replaced atomically, so a
reader never sees it half written."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "BRANCHVAULT_TEST_KEYRING_FILE"
_MEMORY: dict[str, str] = {}
_LOCK = threading.RLock()


class TestKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _load(self) -> dict[str, str]:
        path = os.environ.get(ENV)
        if not path:
            return _MEMORY
        try:
            return dict(json.loads(Path(path).read_text()))
        except FileNotFoundError:
            return {}

    def _save(self, data: dict[str, str]) -> None:
        path = os.environ.get(ENV)
        if not path:
            _MEMORY.clear()
            _MEMORY.update(data)
            return
        temporary = Path(f"{path}.{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_text(json.dumps(data))
        os.replace(temporary, path)

    def get_password(self, service: str, username: str) -> str | None:
        with _LOCK:
            return self._load().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        with _LOCK:
            data = self._load()
            data[f"{service}\0{username}"] = password
            self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        with _LOCK:
            data = self._load()
            if data.pop(f"{service}\0{username}", None) is None:
                raise PasswordDeleteError(username)
            self._save(data)


def device_secret_entries(keyring_file: Path) -> list[str]:
    """The test keyring's device secrets: not the entries beside them under "<branch id>:<name>" (the
    last-known settings, the sign-in state file's sequence, the audit chain's head)."""
    data = json.loads(keyring_file.read_text()) if keyring_file.exists() else {}
    return [key for key in data if ":" not in key.partition("\0")[2]]
