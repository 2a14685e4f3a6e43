"""The branch's link to headquarters (table ``hq_link`` in branch.db, migrations 11 and 12): one row at most.

The link's public part (HQ's address, CA file, branch code, HQ's receipt key, when and by whom it
was enrolled) stays here for everyone who opens branch.db, IT included (``hq status``). The branch's
Ed25519 private key and the company's pseudonym key are written here by enrolment only as
*pending*: IT enrols but never holds the client-data key, so the first session that does moves
them into clients.db (``store/hq_key_repository.py``, services/hq_link.py: key adoption) and
``clear_pending_keys`` sets both columns back to NULL. ``HqLink`` (what screens and the CLI may show)
never carries a key; ``StoredHqLink`` (with the pending keys, if any) is read only by
``services/hq_link.py``.
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
    pseudonym_key_received: bool = False  # read back from the table; ``save`` takes the key itself
    keys_adopted_at: str | None = None  # None while the keys wait in branch.db for adoption


@dataclass(frozen=True)
class StoredHqLink:
    link: HqLink
    branch_private_key: bytes | None = None  # pending (not yet adopted); None once adopted
    pseudonym_key: bytes | None = None

    def __repr__(self) -> str:  # never print the keys, not even in a traceback
        return f"StoredHqLink(link={self.link!r}, keys=<hidden>)"


class HqLinkRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> StoredHqLink | None:
        row = self.db.execute(
            "SELECT url, ca_file, branch_code, hq_public_key, enrolled_at, enrolled_by, "
            "branch_private_key, pseudonym_key, pseudonym_key_received, keys_adopted_at "
            "FROM main.hq_link WHERE id = 1"
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
            pseudonym_key_received=bool(row[8]),
            keys_adopted_at=str(row[9]) if row[9] is not None else None,
        )
        private, pseudonym = row[6], row[7]
        return StoredHqLink(
            link=link,
            branch_private_key=bytes(private) if private is not None else None,
            pseudonym_key=bytes(pseudonym) if pseudonym is not None else None,
        )

    def save(self, link: HqLink, *, branch_private_key: bytes, pseudonym_key: bytes | None) -> None:
        """Store the link with its keys pending, replacing an earlier enrolment (call inside the
        enrolment's transaction); the next adoption replaces the adopted keys with these."""
        if len(branch_private_key) != 32:
            raise ValueError("an Ed25519 private key is 32 bytes")
        self.db.execute(
            "INSERT INTO main.hq_link (id, url, ca_file, branch_code, branch_private_key, hq_public_key, "
            "pseudonym_key, pseudonym_key_received, enrolled_at, enrolled_by, keys_adopted_at) "
            "VALUES (1,?,?,?,?,?,?,?,?,?,NULL) "
            "ON CONFLICT(id) DO UPDATE SET url = excluded.url, ca_file = excluded.ca_file, "
            "branch_code = excluded.branch_code, branch_private_key = excluded.branch_private_key, "
            "hq_public_key = excluded.hq_public_key, pseudonym_key = excluded.pseudonym_key, "
            "pseudonym_key_received = excluded.pseudonym_key_received, "
            "enrolled_at = excluded.enrolled_at, enrolled_by = excluded.enrolled_by, keys_adopted_at = NULL",
            (
                link.url,
                link.ca_file,
                link.branch_code,
                branch_private_key,
                link.hq_public_key_b64,
                pseudonym_key,
                int(pseudonym_key is not None),
                link.enrolled_at,
                link.enrolled_by,
            ),
        )

    def clear_pending_keys(self, adopted_at: str) -> None:
        """Forget the pending keys (they were adopted into clients.db in the same transaction). The
        caller has ``secure_delete`` on, so the freed bytes are overwritten, not left in the page."""
        self.db.execute(
            "UPDATE main.hq_link SET branch_private_key = NULL, pseudonym_key = NULL, keys_adopted_at = ? "
            "WHERE id = 1",
            (adopted_at,),
        )
