"""Sign-in failure counts and lockouts, shared by the GUI and every CLI process.

They live in a small file beside the key slots (not in the encrypted database, which cannot be
opened before sign-in), guarded by a file lock. Failures and lockouts are also queued here as
pending audit events and written to the audit log at the next successful sign-in.
The file holds usernames and times only: no passwords, no personal data of clients.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock

from desktop_app.domain.lockout_rules import LockoutState
from desktop_app.store.data_dir import write_private_file

T = TypeVar("T")


MAX_PENDING_EVENTS = 5000


@dataclass
class SignInState:
    accounts: dict[str, LockoutState] = field(default_factory=dict)
    pending_events: list[dict[str, Any]] = field(default_factory=list)
    dropped_events: int = 0  # oldest events dropped past MAX_PENDING_EVENTS; audited as a count


class SignInStateStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = FileLock(str(path) + ".lock", timeout=10, mode=0o600)

    def _read(self) -> SignInState:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            accounts = {
                name: LockoutState(int(v.get("failures", 0)), float(v.get("locked_until", 0.0)))
                for name, v in data.get("accounts", {}).items()
            }
            return SignInState(
                accounts, list(data.get("pending_events", [])), int(data.get("dropped_events", 0))
            )
        except (FileNotFoundError, ValueError, TypeError, AttributeError):
            return SignInState()

    def _write(self, state: SignInState) -> None:
        overflow = len(state.pending_events) - MAX_PENDING_EVENTS
        if overflow > 0:
            state.dropped_events += overflow
            state.pending_events = state.pending_events[overflow:]
        data = {
            "accounts": {
                name: {"failures": s.failures, "locked_until": s.locked_until}
                for name, s in state.accounts.items()
                if s.failures or s.locked_until
            },
            "pending_events": state.pending_events,
            "dropped_events": state.dropped_events,
        }
        write_private_file(self.path, json.dumps(data, indent=1).encode())

    def read(self) -> SignInState:
        with self._lock:
            return self._read()

    def update(self, change: Callable[[SignInState], T]) -> T:
        """Read, change and write the state under the file lock; return what ``change`` returns."""
        with self._lock:
            state = self._read()
            result = change(state)
            self._write(state)
            return result
