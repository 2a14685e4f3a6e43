"""The plain-SQLite build of the store for encrypted-vs-plain benchmarks: the same engine
(sqlcipher3, unkeyed), the same two-file layout (branch database plus the client-data database
attached as ``client_data``) and the same pragmas as the app's encrypted store, rollback journal
included. Kept free of pytest so benchmark subprocesses can import it without the test harness."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from desktop_app.store import client_schema
from desktop_app.store.database import CLIENT_SCHEMA, JOURNAL_MODE, Database


def open_plain(path: Path) -> Database:
    connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    clients = path.with_name(path.stem + "-clients.db")
    connection.execute(f"ATTACH DATABASE ? AS {CLIENT_SCHEMA}", (str(clients),))
    for schema in ("main", CLIENT_SCHEMA):
        for pragma in (f"journal_mode = {JOURNAL_MODE}", "synchronous = NORMAL", "secure_delete = ON"):
            connection.execute(f"PRAGMA {schema}.{pragma}")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA temp_store = MEMORY")
    db = Database(connection, path)
    client_schema.migrate(db)
    return db
