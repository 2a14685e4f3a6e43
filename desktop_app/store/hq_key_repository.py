"""The branch's adopted HQ keys (table ``client_data.hq_keys`` in clients.db, client schema 4): one row.

The branch's Ed25519 private key (it signs summaries and requests to headquarters) and the
company's pseudonym key live here once a session holding the client-data key adopted them from
branch.db, where enrolment (IT) leaves them pending (services/hq_link.py). Only agents and
managers hold the key that opens clients.db, so IT and auditors, whose keys open branch.db only,
cannot sign a summary no manager approved (MLPS 2.0 separation of duties; PIPL Art. 51).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.store.client_schema import SCHEMA
from desktop_app.store.database import Database


@dataclass(frozen=True)
class AdoptedHqKeys:
    branch_private_key: bytes
    pseudonym_key: bytes | None
    enrolled_at: str  # the enrolment (hq_link.enrolled_at) they came from
    adopted_at: str
    adopted_by: int

    def __repr__(self) -> str:  # never print the keys, not even in a traceback
        return (
            f"AdoptedHqKeys(enrolled_at={self.enrolled_at!r}, adopted_at={self.adopted_at!r}, keys=<hidden>)"
        )


class HqKeyRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> AdoptedHqKeys | None:
        row = self.db.execute(
            f"SELECT branch_private_key, pseudonym_key, enrolled_at, adopted_at, adopted_by "
            f"FROM {SCHEMA}.hq_keys WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        return AdoptedHqKeys(
            branch_private_key=bytes(row[0]),
            pseudonym_key=bytes(row[1]) if row[1] is not None else None,
            enrolled_at=str(row[2]),
            adopted_at=str(row[3]),
            adopted_by=int(row[4]),
        )

    def replace(self, keys: AdoptedHqKeys) -> bool:
        """Store ``keys``, replacing earlier adopted ones; whether there were any."""
        if len(keys.branch_private_key) != 32:
            raise ValueError("an Ed25519 private key is 32 bytes")
        replaced = self.get() is not None
        self.db.execute(
            f"INSERT INTO {SCHEMA}.hq_keys (id, branch_private_key, pseudonym_key, enrolled_at, adopted_at, "
            "adopted_by) VALUES (1,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
            "branch_private_key = excluded.branch_private_key, pseudonym_key = excluded.pseudonym_key, "
            "enrolled_at = excluded.enrolled_at, adopted_at = excluded.adopted_at, adopted_by = excluded.adopted_by",
            (keys.branch_private_key, keys.pseudonym_key, keys.enrolled_at, keys.adopted_at, keys.adopted_by),
        )
        return replaced
