"""A connection of its own for the integrity check (services/integrity_check.py).

Rule: the check reads every page through a separate connection opened with the session's keys, and
closes it afterwards. Reason: when SQLCipher meets a page whose HMAC fails it puts that connection's
pager into an error state in which it refuses to write ("attempt to write a readonly database"). Run
on the session's own connection, the check would find the damage and then be unable to record it,
audit it, raise the alert or even sign out. The reader never writes and sets no pragma that writes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import sqlcipher3

from desktop_app.store.data_dir import DataPaths
from desktop_app.store.database import CLIENT_SCHEMA, Database


@contextlib.contextmanager
def integrity_reader(paths: DataPaths, db_key: bytes, client_key: bytes = b"") -> Iterator[Database]:
    """``branch.db`` (and ``clients.db`` as ``client_data`` when ``client_key``) on a fresh connection."""
    connection = sqlcipher3.connect(
        str(paths.database), isolation_level=None, check_same_thread=False, timeout=10
    )
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
        connection.execute("PRAGMA query_only = ON")
        if client_key:
            connection.execute(
                f"ATTACH DATABASE ? AS {CLIENT_SCHEMA} KEY \"x'{client_key.hex()}'\"",
                (str(paths.client_database),),
            )
        yield Database(connection, paths.database)
    finally:
        connection.close()
