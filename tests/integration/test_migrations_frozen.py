"""Published migrations are frozen, and migrating keeps an encrypted copy until the new version opens.

- A migration imports nothing from the domain or the services (today's tokenizer changes; replaying
  migration 4 on an old branch must still give what it gave on the day it was published), and its
  frozen tokenizer gives fixed output for a fixture.
- Before the first pending migration the file is copied (encrypted, as it is); a migration that
  fails puts the original back; a crash mid-migration leaves the copy, which the next open restores
  before migrating again; a clean migration removes it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlcipher3

from desktop_app.store import migration_backup, migrations
from desktop_app.store.database import SQLITE_HEADER, Database, create_database, open_database
from desktop_app.store.fault_points import ENV, EXIT_CODE
from desktop_app.store.migration_frozen_tokens import m004_index_text, m006_pinyin_sort_key
from tests.unit.test_layers import PACKAGE, ROOT, imports_of

KEY = bytes(range(32))
FROZEN_MODULES = (
    "migrations.py",
    "client_schema.py",
    "migration_frozen_tokens.py",
    "migration_frozen_headers.py",
)
ALLOWED_PROJECT_IMPORTS = (
    "desktop_app.store.database",  # TYPE_CHECKING only: the Database type
    "desktop_app.store.fault_points",
    "desktop_app.store.migration_frozen_tokens",
    "desktop_app.store.migration_frozen_headers",
)


@pytest.mark.parametrize("name", FROZEN_MODULES)
def test_migrations_import_nothing_that_changes(name: str) -> None:
    path = PACKAGE / "store" / name
    project = [imp.module for imp in imports_of(path) if imp.module.startswith("desktop_app")]
    changing = [
        m for m in project if not any(m == ok or m.startswith(ok + ".") for ok in ALLOWED_PROJECT_IMPORTS)
    ]
    assert changing == [], f"{path.relative_to(ROOT)} imports code that changes: {changing}"


def test_the_frozen_tokenizer_gives_what_migration_4_stored() -> None:
    assert m004_index_text("单于明", "+8613812345678") == (
        "5678 8613812345678 c chan chanyu chanyuming cy cym m ming y ym yu yuming 于 于明 单 单于 明"
    )
    assert m004_index_text("John Smith", "+85221234567") == "4567 85221234567 j john johnsmith js s smith"
    assert m006_pinyin_sort_key("单于明") == "chan yu ming"
    assert m006_pinyin_sort_key("曾𠮷 José") == "zeng ~𠮷 jose"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_migrations(monkeypatch: pytest.MonkeyPatch, *extra: Callable[[Database], None]) -> None:
    extended = [*migrations.MIGRATIONS, *extra]
    monkeypatch.setattr(migrations, "MIGRATIONS", extended)
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(extended))


def _new_table(db: Database) -> None:
    db.execute("CREATE TABLE added_later (id INTEGER PRIMARY KEY)")


def _broken(db: Database) -> None:
    db.execute("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
    raise RuntimeError("a migration bug")


@pytest.fixture
def old_branch(tmp_path: Path) -> Path:
    path = tmp_path / "branch.db"
    create_database(path, KEY).close()
    return path


def test_a_clean_migration_removes_the_copy(old_branch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _add_migrations(monkeypatch, _new_table)
    database = open_database(old_branch, KEY)
    try:
        assert migrations.current_version(database) == migrations.LATEST_VERSION
    finally:
        database.close()
    assert not migration_backup.backup_path(old_branch).exists()


def test_a_failed_migration_puts_the_original_back(old_branch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _digest(old_branch)
    _add_migrations(monkeypatch, _new_table, _broken)  # the first commits, the second fails
    with pytest.raises(RuntimeError, match="a migration bug"):
        open_database(old_branch, KEY)
    assert _digest(old_branch) == before
    assert not migration_backup.backup_path(old_branch).exists()
    monkeypatch.undo()
    database = open_database(old_branch, KEY)
    try:
        tables = {row[0] for row in database.execute("SELECT name FROM sqlite_master").fetchall()}
        assert "added_later" not in tables and "half_done" not in tables
        assert migrations.current_version(database) == migrations.LATEST_VERSION
    finally:
        database.close()


_CRASHING_OPEN = """
import sys
from desktop_app.store import migrations
from desktop_app.store.database import open_database

def added_later(db):
    db.execute("CREATE TABLE added_later (id INTEGER PRIMARY KEY)")

def added_after_that(db):
    db.execute("CREATE TABLE added_after_that (id INTEGER PRIMARY KEY)")

migrations.MIGRATIONS = [*migrations.MIGRATIONS, added_later, added_after_that]
migrations.LATEST_VERSION = len(migrations.MIGRATIONS)
open_database(__import__("pathlib").Path(sys.argv[1]), bytes(range(32)))
"""


@pytest.mark.parametrize(
    "fault",
    [
        "migration-backup-taken",
        f"migration-{migrations.LATEST_VERSION + 1}-committed",  # added_later committed
        f"migration-{migrations.LATEST_VERSION + 2}-before-commit",  # inside added_after_that
    ],
)
def test_a_crash_mid_migration_leaves_an_encrypted_copy_that_the_next_open_restores(
    old_branch: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    before = _digest(old_branch)
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_CRASHING_OPEN), str(old_branch)],
        env={**os.environ, ENV: fault},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == EXIT_CODE, proc.stderr
    copy = migration_backup.backup_path(old_branch)
    assert _digest(copy) == before  # the original, byte for byte ...
    assert copy.read_bytes()[:16] != SQLITE_HEADER  # ... so encrypted, never plaintext
    if os.name == "posix":
        assert copy.stat().st_mode & 0o077 == 0

    calls: list[str] = []

    def counted(db: Database) -> None:
        calls.append("11")
        _new_table(db)

    _add_migrations(monkeypatch, counted)
    database = open_database(old_branch, KEY)
    try:
        assert migrations.current_version(database) == migrations.LATEST_VERSION
        tables = {row[0] for row in database.execute("SELECT name FROM sqlite_master").fetchall()}
        assert "added_after_that" not in tables  # the half-migrated file was not used
    finally:
        database.close()
    assert calls == ["11"]  # migrated again from the original version
    assert not copy.exists()


def test_the_frozen_headers_are_those_client_migration_2_knew() -> None:
    from desktop_app.store.migration_frozen_headers import M002_KNOWN_HEADERS

    assert len(M002_KNOWN_HEADERS) == 167
    assert M002_KNOWN_HEADERS["姓名"] == "name"  # the import target names of that day
    assert M002_KNOWN_HEADERS["email"] == "email"


def _broken_client_migration(db: Database) -> None:
    db.execute("CREATE TABLE client_data.half_done (id INTEGER PRIMARY KEY)")
    raise RuntimeError("a client migration bug")


def test_a_failed_client_data_migration_puts_clients_db_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.store import client_schema

    clients, client_key = tmp_path / "clients.db", bytes(range(1, 33))

    def session() -> Database:  # a connection with no tables of its own, as after the move
        connection = sqlcipher3.connect(
            str(tmp_path / "main.db"), isolation_level=None, check_same_thread=False
        )
        connection.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
        return Database(connection, tmp_path / "main.db")

    database = session()
    database.attach_client_data(clients, client_key, create=True)
    database.close()
    before = _digest(clients)
    extended = [*client_schema.MIGRATIONS, _broken_client_migration]
    monkeypatch.setattr(client_schema, "MIGRATIONS", extended)
    monkeypatch.setattr(client_schema, "LATEST_VERSION", len(extended))
    database = session()
    try:
        with pytest.raises(RuntimeError, match="a client migration bug"):
            database.attach_client_data(clients, client_key)
        assert not database.has_client_data
        assert _digest(clients) == before
        assert not migration_backup.backup_path(clients).exists()
        monkeypatch.undo()
        database.attach_client_data(clients, client_key)  # the original still opens, as it was
        tables = {row[0] for row in database.execute("SELECT name FROM client_data.sqlite_master").fetchall()}
        assert "half_done" not in tables
    finally:
        database.close()
