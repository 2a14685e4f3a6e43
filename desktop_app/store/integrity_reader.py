"""Connections of their own for the integrity check (services/integrity_check.py), and the private
snapshot it reads.

Rule 1: the check never reads through the session's connection. When SQLCipher meets a page whose
HMAC fails it puts that connection's pager into an error state in which it refuses to write
("attempt to write a readonly database"); run on the session's own connection, the check would find
the damage and then be unable to record it, audit it, raise the alert or even sign out.

Rule 2: the long reads run on a snapshot, not on the live files. With a rollback journal a reader's
shared lock keeps every writer from committing, and ``PRAGMA integrity_check`` on a 250 MB
``clients.db`` takes about 20 s — longer than another window's or command's 10 s busy timeout. So the
reader takes one shared lock on both files (no writer can be half-way through a commit then; a hot
journal left by a crash is rolled back by taking it), copies the encrypted bytes of ``branch.db``
and ``clients.db`` into a private folder ``integrity-check.tmp`` (0700) in the data directory,
releases the lock, and every check runs on the copies. The copies stay encrypted under the same keys
(no plaintext ever), are deleted afterwards, and a folder left by a killed check is deleted by the
next one. Writers wait only for the copy (a few hundred ms for 250 MB from the page cache).
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3

from desktop_app.store.data_dir import DataPaths
from desktop_app.store.database import CLIENT_SCHEMA, Database

SNAPSHOT_DIR = "integrity-check.tmp"


def _open(path: Path, db_key: bytes, client_path: Path | None, client_key: bytes) -> sqlcipher3.Connection:
    connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
        connection.execute("PRAGMA query_only = ON")
        if client_path is not None and client_key:
            connection.execute(
                f"ATTACH DATABASE ? AS {CLIENT_SCHEMA} KEY \"x'{client_key.hex()}'\"", (str(client_path),)
            )
    except BaseException:
        connection.close()
        raise
    return connection


@contextlib.contextmanager
def integrity_reader(paths: DataPaths, db_key: bytes, client_key: bytes = b"") -> Iterator[Database]:
    """``branch.db`` (and ``clients.db`` as ``client_data`` when ``client_key``) on a fresh connection."""
    connection = _open(paths.database, db_key, paths.client_database, client_key)
    try:
        yield Database(connection, paths.database)
    finally:
        connection.close()


def remove_left_over_snapshot(paths: DataPaths) -> None:
    shutil.rmtree(paths.root / SNAPSHOT_DIR, ignore_errors=True)


@contextlib.contextmanager
def integrity_snapshot(paths: DataPaths, db_key: bytes, client_key: bytes = b"") -> Iterator[Database]:
    """A private copy of ``branch.db`` (and ``clients.db`` when ``client_key``) taken under one shared
    lock, opened read-only on a connection of its own; deleted afterwards. Raises OSError when the
    copy cannot be written (a full disk): the caller then reads the live files instead."""
    folder = paths.root / SNAPSHOT_DIR
    remove_left_over_snapshot(paths)
    folder.mkdir(mode=0o700)
    try:
        branch_copy = folder / paths.database.name
        client_copy = folder / paths.client_database.name if client_key else None
        live = _open(paths.database, db_key, paths.client_database, client_key)
        try:
            live.execute("BEGIN")
            live.execute("SELECT count(*) FROM main.sqlite_master").fetchone()  # the shared locks
            if client_key:
                live.execute(f"SELECT count(*) FROM {CLIENT_SCHEMA}.sqlite_master").fetchone()
            shutil.copyfile(paths.database, branch_copy)
            if client_copy is not None:
                shutil.copyfile(paths.client_database, client_copy)
            live.execute("COMMIT")
        finally:
            live.close()
        connection = _open(branch_copy, db_key, client_copy, client_key)
        try:
            yield Database(connection, branch_copy)
        finally:
            connection.close()
    finally:
        remove_left_over_snapshot(paths)
