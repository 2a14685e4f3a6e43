"""The branch's link to headquarters (table ``hq_link`` in branch.db, migration 11): one row at most.

The branch's Ed25519 private key and the company's pseudonym key are kept here, inside the
SQLCipher database, never in a file or the configuration: whoever copies the data folder without
the database key gets neither. ``HqLink`` (what screens and the CLI may show) never carries a key;
``StoredHqLink`` (with the keys) is read only by ``services/hq_link.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.store.database import Database


@dataclass(frozen=True)
class HqLink:
    """What may be shown: HQ's address, the CA file, the branch code, HQ's receipt key, when."""

    url: str
    ca_file: str  # "" = the system's trust store
    branch_code: str
    hq_public_key_b64: str
    enrolled_at: str
    enrolled_by: int


@dataclass(frozen=True)
class StoredHqLink:
    link: HqLink
    branch_private_key: bytes = b""
    pseudonym_key: bytes | None = None

    def __repr__(self) -> str:  # never print the keys, not even in a traceback
        return f"StoredHqLink(link={self.link!r}, keys=<hidden>)"


class HqLinkRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> StoredHqLink | None:
        row = self.db.execute(
            "SELECT url, ca_file, branch_code, hq_public_key, enrolled_at, enrolled_by, "
            "branch_private_key, pseudonym_key FROM hq_link WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        link = HqLink(
            url=str(row[0]),
            ca_file=str(row[1]),
            branch_code=str(row[2]),
            hq_public_key_b64=str(row[3]),
            enrolled_at=str(row[4]),
            enrolled_by=int(row[5]),
        )
        pseudonym = row[7]
        return StoredHqLink(
            link=link,
            branch_private_key=bytes(row[6]),
            pseudonym_key=bytes(pseudonym) if pseudonym is not None else None,
        )

    def save(self, link: HqLink, *, branch_private_key: bytes, pseudonym_key: bytes | None) -> None:
        """Store the link, replacing an earlier enrolment (call inside the enrolment's transaction)."""
        if len(branch_private_key) != 32:
            raise ValueError("an Ed25519 private key is 32 bytes")
        self.db.execute(
            "INSERT INTO hq_link (id, url, ca_file, branch_code, branch_private_key, hq_public_key, "
            "pseudonym_key, enrolled_at, enrolled_by) VALUES (1,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET url = excluded.url, ca_file = excluded.ca_file, "
            "branch_code = excluded.branch_code, branch_private_key = excluded.branch_private_key, "
            "hq_public_key = excluded.hq_public_key, pseudonym_key = excluded.pseudonym_key, "
            "enrolled_at = excluded.enrolled_at, enrolled_by = excluded.enrolled_by",
            (
                link.url,
                link.ca_file,
                link.branch_code,
                branch_private_key,
                link.hq_public_key_b64,
                pseudonym_key,
                link.enrolled_at,
                link.enrolled_by,
            ),
        )
