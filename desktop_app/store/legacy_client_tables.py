"""Moving an old branch's client tables out of ``branch.db`` into ``clients.db``.

Before issue 10 every client table lived in the branch database, which IT's key opens. The first
manager's set-up copies them, column for column, into the attached client-data database and drops
them from the branch database (with ``secure_delete`` on, their pages are overwritten), together
with the audit pseudonym key, all in the caller's one transaction: both files commit or neither
does (rollback journal with a super-journal). A new branch has the same tables, empty, from the
numbered migrations and drops them at set-up.
"""

from __future__ import annotations

from desktop_app.store.client_schema import MOVED_TABLES, SCHEMA, forget_branch_overrides_of_known_headers
from desktop_app.store.database import Database
from desktop_app.store.meta_repository import PSEUDONYM_KEY

# children before parents, so the foreign keys hold while dropping
_DROP_ORDER = (
    "consent_events",
    "printed_forms",
    "consent_forms",
    "client_changes",
    "client_requests",
    "client_followups",
    "client_search",
    "import_header_mappings",
    "clients",
)


def _columns(db: Database, schema: str, table: str) -> list[str]:
    return [str(row[1]) for row in db.execute(f"PRAGMA {schema}.table_info({table})").fetchall()]


def move_legacy_client_tables(db: Database) -> int:
    """Copy every client table and the pseudonym key into ``client_data``, then drop them from the
    branch database. Call inside a transaction with clients.db attached. Returns the clients moved."""
    for table in MOVED_TABLES:
        wanted = set(_columns(db, SCHEMA, table))
        columns = ", ".join(c for c in _columns(db, "main", table) if c in wanted)
        db.execute(f"INSERT INTO {SCHEMA}.{table} ({columns}) SELECT {columns} FROM main.{table}")
    forget_branch_overrides_of_known_headers(db)  # the old mappings became the branch's, as in migration 2
    db.execute(
        f"INSERT INTO {SCHEMA}.client_search (rowid, tokens) SELECT rowid, tokens FROM main.client_search"
    )
    db.execute(
        f"INSERT INTO {SCHEMA}.client_meta (key, value) SELECT key, value FROM main.meta WHERE key = ?",
        (PSEUDONYM_KEY,),
    )
    moved = int(db.execute(f"SELECT count(*) FROM {SCHEMA}.clients").fetchone()[0])
    drop_legacy_client_tables(db)
    return moved


def drop_legacy_client_tables(db: Database) -> None:
    """Drop the client tables (and the pseudonym key) from the branch database, if present."""
    db.execute("DROP TRIGGER IF EXISTS main.clients_search_delete")
    for table in _DROP_ORDER:
        db.execute(f"DROP TABLE IF EXISTS main.{table}")
    db.execute("DELETE FROM main.meta WHERE key = ?", (PSEUDONYM_KEY,))
