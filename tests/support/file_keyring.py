"""A keyring backend for tests only: keeps entries in a JSON file named by BRANCHVAULT_TEST_KEYRING_FILE
(or in memory when unset), so CLI subprocesses in one test share a "keyring". Select it with keyring's
own convention: PYTHON_KEYRING_BACKEND=tests.support.file_keyring.TestKeyring."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "BRANCHVAULT_TEST_KEYRING_FILE"
_MEMORY: dict[str, str] = {}


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
        Path(path).write_text(json.dumps(data))

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\0{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\0{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(data)


def device_secret_entries(keyring_file: Path) -> list[str]:
    """The test keyring's device secrets: not the entries beside them under "<branch id>:<name>" (the
    last-known settings, the sign-in state file's sequence, the audit chain's head)."""
    data = json.loads(keyring_file.read_text()) if keyring_file.exists() else {}
    return [key for key in data if ":" not in key.partition("\0")[2]]
