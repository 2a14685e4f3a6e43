"""Sign-in failure counts and lockouts, shared by the GUI and every CLI process, and audit events
waiting for the database (failed sign-ins, lockouts, provisioning changes, wrong recovery codes).

They live in a small file beside the key slots (not in the encrypted database, which cannot be
opened before sign-in), guarded by a file lock. Rules:

- Authenticated: the file carries an HMAC-SHA256 under a key derived (HKDF) from the branch's device
  secret, and a sequence number that grows with every write. A file whose MAC fails, that cannot be
  parsed, that lacks a MAC, that belongs to another branch, or whose sequence is below the one kept in
  the OS keyring (store/signin_witness.py) is never read as empty: it is renamed aside
  (``signin-state.damaged-<time>.json``) and ``on_damage`` builds the replacement (the service locks
  every account and queues a ``signin_state.*`` event). A missing file while the keyring remembers a
  sequence is handled the same way.
- ``--no-keyring`` branches have no device secret: the file cannot be authenticated, and what is
  flushed from it is marked unverifiable (services/sign_in_attempts.py). Only the database check at
  the next sign-in (the last sequence kept in ``meta``) notices a deleted or older file.
- Usernames are stored as an HMAC (key from the device secret, or a random salt kept in the file
  with ``--no-keyring``), so a password typed into the username field never lands in the file.
- Files written before this format (no ``format`` field) are taken over once, when the keyring has
  no sequence yet: their lockouts are kept, their events are flagged ``legacy`` (not verifiable).

Reason: anyone who can write the data folder could otherwise forge audit events (any actor, action,
backdated time) that the next sign-in writes into the hash chain, or lift a lockout by deleting the
file. The file holds times and hashed names only: no passwords, no personal data of clients.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from filelock import FileLock

from desktop_app.domain.lockout_rules import LockoutState
from desktop_app.store.data_dir import fsync_dir, write_private_file
from desktop_app.store.signin_witness import SequenceWitness

T = TypeVar("T")

FORMAT = 2
MAX_PENDING_EVENTS = 5000
MAC_INFO = b"BranchVault signin-state MAC v1|"
NAMES_INFO = b"BranchVault signin-state names v1|"

# Where a state came from (``origin``): the database check at sign-in reads it.
CREATED, LEGACY, REPLACED, ADOPTED = "created", "legacy", "replaced", "adopted"
# What was wrong with the file on disk (StateDamage.kind); the audit action is ``signin_state.<kind>``.
TAMPERED, ROLLED_BACK, MISSING = "tampered", "rolled_back", "missing"


@dataclass(frozen=True)
class StateDamage:
    kind: str  # TAMPERED, ROLLED_BACK or MISSING
    reason: str  # unreadable, unsigned, mac_mismatch, key_changed, other_branch, lower_sequence, deleted
    rejected_events: int = 0  # events in the set-aside file, never written as genuine
    kept_aside_as: str = ""
    seq_found: int = 0
    seq_expected: int = 0

    def details(self) -> dict[str, object]:
        return {
            "reason": self.reason,
            "rejected_events": self.rejected_events,
            "kept_aside_as": self.kept_aside_as,
            "seq_found": self.seq_found,
            "seq_expected": self.seq_expected,
        }


@dataclass
class SignInState:
    accounts: dict[str, LockoutState] = field(default_factory=dict)  # keyed by account_key(name)
    pending_events: list[dict[str, Any]] = field(default_factory=list)
    dropped_events: int = 0  # oldest events dropped past MAX_PENDING_EVENTS; audited as a count
    others_locked_until: float = 0.0  # a branch-wide lock: every name without its own entry
    file_id: str = ""
    seq: int = 0
    origin: str = CREATED
    name_salt: str = ""
    authenticated: bool = False  # the file carries a MAC under the device secret (keyring branches)
    name_key: bytes = field(default=b"", repr=False)

    def account_key(self, username: str) -> str:
        return hmac_hex(self.name_key, username.encode("utf-8"))[:32]

    def lockout(self, username: str) -> LockoutState:
        found = self.accounts.get(self.account_key(username))
        return found if found is not None else LockoutState(0, self.others_locked_until)

    def set_lockout(self, username: str, state: LockoutState) -> None:
        self.accounts[self.account_key(username)] = state


def hmac_hex(key: bytes, data: bytes) -> str:
    mac = hmac.HMAC(key, hashes.SHA256())
    mac.update(data)
    return mac.finalize().hex()


def _hkdf(secret: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(secret)


def _seq(data: dict[str, Any]) -> int:
    seq = data.get("seq")
    return seq if isinstance(seq, int) and not isinstance(seq, bool) and 0 <= seq < 2**62 else 0


def _finite(value: Any) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("not a finite time")
    return number


def _canonical(data: dict[str, Any]) -> bytes:
    body = {k: v for k, v in data.items() if k != "mac"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


class SignInStateStore:
    def __init__(
        self,
        path: Path,
        branch_id: str,
        device_secret: bytes | None,
        *,
        witness: SequenceWitness | None = None,
        on_damage: Callable[[SignInState, StateDamage], None] | None = None,
    ) -> None:
        self.path = path
        self.branch_id = branch_id
        self.device_secret = device_secret
        self._mac_key = (
            _hkdf(device_secret, MAC_INFO + branch_id.encode()) if device_secret is not None else None
        )
        self.witness = witness if device_secret is not None else None
        self.on_damage = on_damage
        self._lock = FileLock(str(path) + ".lock", timeout=10, mode=0o600)

    # -- keys -------------------------------------------------------------------------------------
    def _key_id(self) -> str:
        return hmac_hex(self._mac_key, b"key-id")[:16] if self._mac_key is not None else ""

    def _name_key(self, salt_hex: str) -> bytes:
        ikm = self.device_secret if self.device_secret is not None else b"\0" * 32
        return _hkdf(ikm, NAMES_INFO + self.branch_id.encode(), bytes.fromhex(salt_hex))

    def _new_state(self, origin: str, seq: int) -> SignInState:
        salt = secrets.token_hex(16)
        return SignInState(
            file_id=secrets.token_hex(8),
            seq=seq,
            origin=origin,
            name_salt=salt,
            authenticated=self._mac_key is not None,
            name_key=self._name_key(salt),
        )

    # -- reading ----------------------------------------------------------------------------------
    def _load(self) -> SignInState:
        """The state on disk; a missing, damaged or older file is replaced (and written) at once."""
        witnessed = self.witness.get() if self.witness is not None else None
        try:
            raw: bytes | None = self.path.read_bytes()
        except FileNotFoundError:
            raw = None
        if raw is None:
            if witnessed:
                return self._replace(StateDamage(MISSING, "deleted", seq_expected=witnessed), witnessed)
            state = self._new_state(CREATED, 0)
            self._write(state)
            return state
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except (ValueError, RecursionError):
            return self._replace(StateDamage(TAMPERED, "unreadable"), witnessed or 0)
        events = data.get("pending_events")
        count = len(events) if isinstance(events, list) else 0
        if "format" not in data and witnessed is None:
            return self._take_over_legacy(data)
        problem = self._check(data, witnessed)
        if problem is not None:
            kind, reason = problem
            damage = StateDamage(kind, reason, count, seq_found=_seq(data), seq_expected=witnessed or 0)
            return self._replace(damage, witnessed or 0)
        try:
            return self._parse(data)
        except (ValueError, TypeError, AttributeError, KeyError):
            return self._replace(StateDamage(TAMPERED, "unreadable", count), witnessed or 0)

    def _check(self, data: dict[str, Any], witnessed: int | None) -> tuple[str, str] | None:
        if data.get("format") != FORMAT:
            return TAMPERED, "unsigned" if "format" not in data else "unreadable"
        if data.get("branch_id") != self.branch_id:
            return TAMPERED, "other_branch"
        if self._mac_key is not None:
            mac = data.get("mac")
            if not isinstance(mac, str):
                return TAMPERED, "unsigned"
            if data.get("key_id") != self._key_id():
                return TAMPERED, "key_changed"  # e.g. a new device secret after recovery
            verifier = hmac.HMAC(self._mac_key, hashes.SHA256())
            verifier.update(_canonical(data))
            try:
                verifier.verify(bytes.fromhex(mac))
            except (InvalidSignature, ValueError):
                return TAMPERED, "mac_mismatch"
        seq = data.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            return TAMPERED, "unreadable"
        if witnessed is not None and seq < witnessed:
            return ROLLED_BACK, "lower_sequence"
        return None

    def _parse(self, data: dict[str, Any]) -> SignInState:
        salt = str(data["name_salt"])
        accounts = {
            str(name): LockoutState(
                int(v.get("failures", 0)),
                _finite(v.get("locked_until", 0.0)),
                _finite(v.get("last_failure", 0.0)),
            )
            for name, v in dict(data.get("accounts", {})).items()
        }
        return SignInState(
            accounts=accounts,
            pending_events=list(data.get("pending_events", [])),
            dropped_events=int(data.get("dropped_events", 0)),
            others_locked_until=_finite(data.get("others_locked_until", 0.0)),
            file_id=str(data["file_id"]),
            seq=int(data["seq"]),
            origin=str(data.get("origin", CREATED)),
            name_salt=salt,
            authenticated=self._mac_key is not None,
            name_key=self._name_key(salt),
        )

    def _take_over_legacy(self, data: dict[str, Any]) -> SignInState:
        """A file from before this format, on a branch that never wrote a sequence on this PC: keep
        its lockouts (a lock only ever errs on the safe side) and flag its events as legacy."""
        state = self._new_state(LEGACY, 0)
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            for name, v in dict(data.get("accounts", {})).items():
                state.set_lockout(
                    str(name), LockoutState(int(v.get("failures", 0)), _finite(v.get("locked_until", 0.0)))
                )
        events = data.get("pending_events")
        for event in events if isinstance(events, list) else []:
            if isinstance(event, dict):
                state.pending_events.append({**event, "unverified": True})
        with contextlib.suppress(ValueError, TypeError):
            state.dropped_events = max(0, int(data.get("dropped_events", 0)))
        self._set_aside("legacy")
        self._write(state)
        return state

    def adopt_unverified(self, now: float, cap: Callable[[float], float]) -> None:
        """Take over a file that can no longer be checked because the device secret was replaced
        (recovery on a new PC): a lock in force on any name becomes a branch-wide lock (the names
        were hashed under the old secret), capped by ``cap``; its events are flagged unverified."""
        with self._lock:
            try:
                data = json.loads(self.path.read_bytes().decode("utf-8"))
            except (FileNotFoundError, ValueError):
                data = {}
            if not isinstance(data, dict):
                data = {}
            witnessed = self.witness.get() if self.witness is not None else None
            state = self._new_state(ADOPTED, max(witnessed or 0, _seq(data)))
            locks = [0.0]
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                locks.append(_finite(data.get("others_locked_until", 0.0)))
                locks.extend(
                    _finite(v.get("locked_until", 0.0)) for v in dict(data.get("accounts", {})).values()
                )
            until = cap(max(locks))
            state.others_locked_until = until if until > now else 0.0
            events = data.get("pending_events")
            for event in events if isinstance(events, list) else []:
                if isinstance(event, dict):
                    state.pending_events.append({**event, "unverified": True})
            with contextlib.suppress(ValueError, TypeError):
                state.dropped_events = max(0, int(data.get("dropped_events", 0)))
            self._set_aside("adopted")
            self._write(state)

    def _set_aside(self, label: str) -> str:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        target = self.path.with_name(f"signin-state.{label}-{stamp}-{secrets.token_hex(3)}.json")
        try:
            os.replace(self.path, target)
        except FileNotFoundError:
            return ""
        fsync_dir(self.path.parent)
        return target.name

    def _replace(self, damage: StateDamage, witnessed: int) -> SignInState:
        """Fail closed: keep the file aside, start a new state past every sequence seen, and let
        ``on_damage`` lock accounts and queue the event."""
        kept = self._set_aside("damaged") if damage.kind != MISSING else ""
        damage = replace(damage, kept_aside_as=kept)
        state = self._new_state(REPLACED, witnessed)  # never the damaged file's own (untrusted) number
        if self.on_damage is not None:
            self.on_damage(state, damage)
        self._write(state)
        return state

    # -- writing ----------------------------------------------------------------------------------
    def _write(self, state: SignInState) -> None:
        overflow = len(state.pending_events) - MAX_PENDING_EVENTS
        if overflow > 0:
            state.dropped_events += overflow
            state.pending_events = state.pending_events[overflow:]
        state.seq += 1
        data: dict[str, Any] = {
            "format": FORMAT,
            "branch_id": self.branch_id,
            "file_id": state.file_id,
            "seq": state.seq,
            "origin": state.origin,
            "name_salt": state.name_salt,
            "key_id": self._key_id(),
            "accounts": {
                name: {"failures": s.failures, "locked_until": s.locked_until, "last_failure": s.last_failure}
                for name, s in state.accounts.items()
            },
            "others_locked_until": state.others_locked_until,
            "pending_events": state.pending_events,
            "dropped_events": state.dropped_events,
        }
        data["mac"] = hmac_hex(self._mac_key, _canonical(data)) if self._mac_key is not None else None
        write_private_file(self.path, json.dumps(data, indent=1, sort_keys=True).encode())
        if self.witness is not None:  # after the file: a crash in between leaves file >= witness
            self.witness.set(state.seq)

    def read(self) -> SignInState:
        with self._lock:
            return self._load()

    def update(self, change: Callable[[SignInState], T]) -> T:
        """Read, change and write the state under the file lock; return what ``change`` returns."""
        with self._lock:
            state = self._load()
            result = change(state)
            self._write(state)
            return result
