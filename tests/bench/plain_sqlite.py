"""The plain-SQLite build of the store for encrypted-vs-plain benchmarks: the same engine
(sqlcipher3, unkeyed) and the same pragmas as the app's encrypted database. Kept free of pytest so
benchmark subprocesses can import it without the test harness."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from desktop_app.store.database import Database


def open_plain(path: Path) -> Database:
    connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "secure_delete = ON", "foreign_keys = ON"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("PRAGMA temp_store = MEMORY")
    return Database(connection, path)
