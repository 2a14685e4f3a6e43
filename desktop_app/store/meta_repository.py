"""Small named values kept inside the encrypted databases: ``meta`` in the branch database, and
``client_meta`` in the client-data database (the audit pseudonym key)."""

from __future__ import annotations

from desktop_app.store.database import Database

PSEUDONYM_KEY = "audit_pseudonym_key"
BRANCH_ID = "branch_id"
RECOVERY_PUBLIC_KEY = "recovery_slot_public_key"
BRANCH_META_TABLE = "meta"
CLIENT_META_TABLE = "client_data.client_meta"  # named with its schema: never a table in branch.db
# "<file_id>:<seq>" of signin-state.json as last seen at a sign-in (services/sign_in_attempts.py)
SIGNIN_STATE_SEQ = "signin_state_seq"


class MetaRepository:
    def __init__(self, db: Database, table: str = BRANCH_META_TABLE) -> None:
        if table not in (BRANCH_META_TABLE, CLIENT_META_TABLE):
            raise ValueError(table)
        self.db = db
        self.table = table

    def get(self, key: str) -> bytes | None:
        row = self.db.execute(f"SELECT value FROM {self.table} WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        value = row[0]
        return value if isinstance(value, bytes) else str(value).encode()

    def set(self, key: str, value: bytes) -> None:
        self.db.execute(
            f"INSERT INTO {self.table} (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
