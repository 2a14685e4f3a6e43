"""Client-data key grants and the few values that describe the client-data key, in the branch database.

The grants are sealed copies of the key (store/client_keys.py); the values here are public: which
layout the branch is in, the key's fingerprint and epoch, the client-data recovery slot (its private
key wrapped under the recovery code) and whether a rotation is due. Anyone with the branch database
key can read or delete these rows; nobody without the client-data key can make a valid grant.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop_app.store.database import Database
from desktop_app.store.meta_repository import MetaRepository

LAYOUT = "client_store_layout"
LAYOUT_SEPARATE = "separate"
FINGERPRINT = "client_key_fingerprint"
NEXT_FINGERPRINT = "client_key_next_fingerprint"
NEXT_AUTHORISATION = "client_key_next_authorisation"  # store/client_keys.rotation_authorisation
EPOCH = "client_key_epoch"
RECOVERY_SLOT = "client_recovery_slot"
ROTATION_DUE = "client_key_rotation_due"
CHAIN_PREFIX = "client_key_chain:"

CURRENT = "current"
NEXT = "next"


@dataclass(frozen=True)
class Grant:
    holder_id: int
    state: str
    role: str
    public_key: str
    sealed_key: str
    epoch: int
    granted_by: int
    granted_at: str
    mac: str


class ClientKeyRepository:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.meta = MetaRepository(db)

    # ------------------------------------------------------------------ layout and key description
    def is_separate(self) -> bool:
        return self.meta.get(LAYOUT) == LAYOUT_SEPARATE.encode()

    def mark_separate(self) -> None:
        self.meta.set(LAYOUT, LAYOUT_SEPARATE.encode())

    def legacy_tables_present(self) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'clients'"
        ).fetchone()
        return row is not None

    def text(self, key: str) -> str | None:
        value = self.meta.get(key)
        return None if value is None else value.decode("utf-8")

    def set_text(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self.meta.set(key, value.encode("utf-8"))

    def chain_entry(self, epoch: int) -> str | None:
        """The key of ``epoch + 1`` encrypted under the key of ``epoch`` (store/client_keys.py)."""
        return self.text(f"{CHAIN_PREFIX}{epoch}")

    def set_chain_entry(self, epoch: int, wrapped: str) -> None:
        self.set_text(f"{CHAIN_PREFIX}{epoch}", wrapped)

    def epoch(self) -> int:
        return int(self.text(EPOCH) or 0)

    def rotation_reasons(self) -> list[str]:
        raw = self.text(ROTATION_DUE)
        if not raw:
            return []
        try:
            reasons = json.loads(raw)
        except ValueError:
            return ["unreadable"]
        return [str(r) for r in reasons] if isinstance(reasons, list) else ["unreadable"]

    def add_rotation_reason(self, reason: str) -> None:
        reasons = self.rotation_reasons()
        if reason not in reasons:
            reasons.append(reason)
        self.set_text(ROTATION_DUE, json.dumps(reasons))

    def clear_rotation(self) -> None:
        self.set_text(ROTATION_DUE, None)

    # ------------------------------------------------------------------ grants
    def grants(self, state: str = CURRENT) -> list[Grant]:
        rows = self.db.execute(
            "SELECT holder_id, state, role, public_key, sealed_key, epoch, granted_by, granted_at, mac "
            "FROM client_key_grants WHERE state = ? ORDER BY holder_id",
            (state,),
        ).fetchall()
        return [Grant(*row) for row in rows]

    def grant(self, holder_id: int, state: str = CURRENT) -> Grant | None:
        row = self.db.execute(
            "SELECT holder_id, state, role, public_key, sealed_key, epoch, granted_by, granted_at, mac "
            "FROM client_key_grants WHERE holder_id = ? AND state = ?",
            (holder_id, state),
        ).fetchone()
        return None if row is None else Grant(*row)

    def put(self, grant: Grant) -> None:
        self.db.execute(
            "INSERT INTO client_key_grants (holder_id, state, role, public_key, sealed_key, epoch, granted_by, "
            "granted_at, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(holder_id, state) DO UPDATE SET "
            "role = excluded.role, public_key = excluded.public_key, sealed_key = excluded.sealed_key, "
            "epoch = excluded.epoch, granted_by = excluded.granted_by, granted_at = excluded.granted_at, "
            "mac = excluded.mac",
            (
                grant.holder_id,
                grant.state,
                grant.role,
                grant.public_key,
                grant.sealed_key,
                grant.epoch,
                grant.granted_by,
                grant.granted_at,
                grant.mac,
            ),
        )

    def remove(self, holder_id: int) -> bool:
        """Drop every grant of ``holder_id``; whether one existed."""
        cursor = self.db.execute("DELETE FROM client_key_grants WHERE holder_id = ?", (holder_id,))
        return cursor.rowcount > 0

    def drop_state(self, state: str) -> None:
        self.db.execute("DELETE FROM client_key_grants WHERE state = ?", (state,))

    def promote_next(self) -> None:
        """The rotation finished: the 'next' grants replace the 'current' ones."""
        self.db.execute("DELETE FROM client_key_grants WHERE state = ?", (CURRENT,))
        self.db.execute("UPDATE client_key_grants SET state = ? WHERE state = ?", (CURRENT, NEXT))
