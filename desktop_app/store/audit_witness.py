"""The local witness of the audit chain: its latest head (sequence, hash) kept in the OS keyring.

Rule: the keyring entry ``<branch_id>:audit-head`` under service ``BranchVault`` (beside the device
secret, same protection: the OS account's keyring) holds ``<seq>:<hash>`` of the newest audit entry
this PC has seen committed. Reason: a copy of ``branch.db`` restored from last week, or a log whose
tail was cut off or re-chained, verifies as an intact chain on its own; it no longer reaches the
entry the witness names (domain/audit_chain.py ``compare_witness``). Anyone who can write this
OS account's keyring can move the witness too; the headquarters anchor (sync) is the answer to that.

Cost and guarantee: a write to a real Secret Service (gnome-keyring over D-Bus) takes 12–40 ms,
ten to a hundred times an audited action (0.15–1 ms; tests/bench/test_bench_audit_witness.py). So ``WitnessWriter`` writes off the committing
thread, debounced: after each commit that moved the head, the new head is handed to one background
thread, which writes the newest head once no new one has come for ``SETTLE_SECONDS`` (so the write
does not compete with the action that caused it), at most once per ``MIN_WRITE_INTERVAL_SECONDS``
and never holding a head longer than that; ``close`` (sign-out, closing the database) writes the
last head at once and waits for it. Exactly: after a clean close the witness names the last
committed entry; while the app runs it trails by at most ``MIN_WRITE_INTERVAL_SECONDS`` plus one
keyring write; after a crash or kill it may trail by as much. It never names an entry the log does
not hold, and never goes back within one process. The log being ahead of the witness is allowed by
the rule; only that last second of entries could be cut off unnoticed.
"""

from __future__ import annotations

import re
import threading
import time
import weakref
from collections.abc import Callable

from desktop_app.domain.audit_chain import ChainHead, WitnessCheck
from desktop_app.store.database import Database
from desktop_app.store.device_secret import SERVICE, KeyringUnavailable, keyring_status

ENTRY_SUFFIX = ":audit-head"
MIN_WRITE_INTERVAL_SECONDS = 1.0
SETTLE_SECONDS = 0.2
CLOSE_TIMEOUT_SECONDS = 10.0
_VALUE = re.compile(r"^(\d+):([0-9a-f]{64})$")


class WitnessUnreadable(Exception):
    """The keyring entry exists but does not hold ``<seq>:<hash>``."""


def entry_name(branch_id: str) -> str:
    return branch_id + ENTRY_SUFFIX


def encode(head: ChainHead) -> str:
    return f"{head.seq}:{head.hash}"


def decode(value: str) -> ChainHead:
    match = _VALUE.match(value.strip())
    if match is None or int(match.group(1)) < 1:
        raise WitnessUnreadable()
    return ChainHead(int(match.group(1)), match.group(2))


class WitnessKeyring:
    """Reads and writes one branch's witness entry in the OS keyring."""

    def __init__(self, branch_id: str) -> None:
        self.branch_id = branch_id

    def _require_usable(self) -> None:
        status = keyring_status()
        if not status.usable:
            raise KeyringUnavailable(f"{status.backend}: {status.reason}")

    def read(self) -> ChainHead | None:
        """The witnessed head, or None if there is no entry. Raises KeyringUnavailable or
        WitnessUnreadable (an entry that was edited by hand)."""
        import keyring
        import keyring.errors

        self._require_usable()
        try:
            value = keyring.get_password(SERVICE, entry_name(self.branch_id))
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc
        return None if not value else decode(value)

    def write(self, head: ChainHead) -> None:
        import keyring
        import keyring.errors

        try:
            keyring.set_password(SERVICE, entry_name(self.branch_id), encode(head))
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc

    def delete(self) -> None:
        import keyring
        import keyring.errors

        try:
            keyring.delete_password(SERVICE, entry_name(self.branch_id))
        except keyring.errors.PasswordDeleteError:
            pass


class WitnessWriter:
    """Hands each new chain head to a background thread that writes the newest one to the keyring.

    ``armed`` is False while the witness must stay as it is: the log did not continue it (a
    rollback found but not yet reported), so writing would erase the evidence. ``arm`` re-enables.
    """

    def __init__(
        self,
        write: Callable[[ChainHead], None],
        read_head: Callable[[], ChainHead | None],
        *,
        armed: bool = True,
        min_interval: float = MIN_WRITE_INTERVAL_SECONDS,
        settle: float = SETTLE_SECONDS,
    ) -> None:
        self._write = write
        self._read_head = read_head
        self.armed = armed
        self.min_interval = min_interval
        self.settle = settle
        self.last_error: Exception | None = None
        self.written: ChainHead | None = None
        self._handed: ChainHead | None = None
        self._pending: ChainHead | None = None
        self._busy = False
        self._urgent = False
        self._closed = False
        self._last_write = float("-inf")
        self._last_handoff = float("-inf")
        self._waiting_since = float("-inf")  # when the pending head's batch began
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def arm(self, known: ChainHead | None = None) -> None:
        """Allow writes again; ``known`` is a head already in the keyring (no need to write it)."""
        with self._cond:
            self.armed = True
            self._handed = known
            self.written = known

    def after_commit(self) -> None:
        """Commit hook: queue the head if it moved (one indexed read; no keyring call here)."""
        if not self.armed or self._closed:
            return
        head = self._read_head()
        if head is None or head == self._handed:
            return
        with self._cond:
            now = time.monotonic()
            if self._pending is None:
                self._waiting_since = now
            self._handed = head
            self._pending = head
            self._last_handoff = now
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="audit-witness", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    if self._pending is None:
                        if self._closed:
                            return
                        self._cond.wait()
                        continue
                    due = max(self._last_write + self.min_interval, self._last_handoff + self.settle)
                    due = min(due, self._waiting_since + self.min_interval)
                    wait = due - time.monotonic()
                    if wait <= 0 or self._urgent or self._closed:
                        break
                    self._cond.wait(wait)
                head, self._pending, self._busy = self._pending, None, True
            try:
                self._write(head)
                error: Exception | None = None
            except Exception as exc:  # a locked or vanished keyring: keep the app working, retry next time
                error = exc
            with self._cond:
                self._busy = False
                self._last_write = time.monotonic()
                self.last_error = error
                if error is None:
                    self.written = head
                self._cond.notify_all()

    def flush(self, timeout: float = CLOSE_TIMEOUT_SECONDS) -> bool:
        """Write the pending head now and wait for it; True if nothing is left to write."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self._urgent = True
            self._cond.notify_all()
            try:
                while self._pending is not None or self._busy:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return False
                    self._cond.wait(left)
            finally:
                self._urgent = False
        return True

    def close(self) -> None:
        """Close hook: write the last head, then stop the thread."""
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(CLOSE_TIMEOUT_SECONDS)


class Witness:
    """One open database's witness: the keyring entry (None: a branch without a keyring), its
    writer, what the first comparison found, and whether that was reported yet."""

    def __init__(
        self, store: WitnessKeyring | None, writer: WitnessWriter, first_check: WitnessCheck
    ) -> None:
        self.store = store
        self.writer = writer
        self.first_check = first_check
        self.reported = False  # first_check was recorded (and the witness started again)
        self.restored_triggers: list[str] = []  # put back at sign-in on this connection


_witnesses: weakref.WeakKeyDictionary[Database, Witness] = weakref.WeakKeyDictionary()
_witnesses_lock = threading.Lock()


def witness_for(db: Database) -> Witness | None:
    with _witnesses_lock:
        return _witnesses.get(db)


def attach(db: Database, witness: Witness) -> Witness:
    """Register ``witness`` for ``db`` (the first one wins) and hook its writer into commits and close."""
    with _witnesses_lock:
        existing = _witnesses.get(db)
        if existing is not None:
            return existing
        _witnesses[db] = witness
    db.add_commit_hook(witness.writer.after_commit)
    db.add_close_hook(witness.writer.close)
    return witness
