"""Opening the database tells apart a wrong key, a foreign file, a corrupted file, a newer schema and a
missing file, each with its own bilingual message."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from desktop_app.domain.roles import Role
from desktop_app.services.sign_in import sign_in
from desktop_app.store import migrations
from desktop_app.store.database import (
    APPLICATION_ID,
    CorruptDatabase,
    Database,
    DatabaseMissing,
    DatabaseOpenError,
    NotBranchVaultDatabase,
    SchemaTooNew,
    WrongDatabaseKey,
    open_database,
)
from desktop_app.store.key_slots import key_fingerprint, load_key_slots
from tests.conftest import ADMIN, Branch
from tests.support.database_key import database_key

PAGE = 4096


def open_as_app(branch: Branch, key: bytes | None = None) -> Database:
    """Open the way sign-in does: with the fingerprint and salt recorded in the slot file."""
    paths = branch.ctx.paths
    slots = load_key_slots(paths.key_slots, branch.ctx.require_config().branch_id)
    key = key if key is not None else database_key(paths.root, *ADMIN)
    return open_database(
        paths.database, key, expected_fingerprint=slots.key_fingerprint, expected_salt=slots.db_salt
    )


def raw_connection(path: Path, key: bytes) -> sqlcipher3.Connection:
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return connection


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def root_page(branch: Branch, table: str) -> int:
    connection = raw_connection(branch.ctx.paths.database, database_key(branch.ctx.paths.root, *ADMIN))
    try:
        return int(
            connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        )
    finally:
        connection.close()


def test_opens_with_the_right_key(branch: Branch) -> None:
    db = open_as_app(branch)
    assert db.execute("SELECT count(*) FROM staff").fetchone()[0] == 4
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "truncate"  # atomic across both files
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    db.close()


def test_wrong_key_with_fingerprint(branch: Branch) -> None:
    with pytest.raises(WrongDatabaseKey):
        open_as_app(branch, os.urandom(32))


def test_wrong_key_without_fingerprint(branch: Branch) -> None:
    with pytest.raises(WrongDatabaseKey):
        open_database(branch.ctx.paths.database, os.urandom(32))


def test_plain_sqlite_file(branch: Branch) -> None:
    path = branch.ctx.paths.database
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE staff (username TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(NotBranchVaultDatabase):
        open_as_app(branch)
    with pytest.raises(NotBranchVaultDatabase):
        open_database(path, os.urandom(32))
    with pytest.raises(NotBranchVaultDatabase):  # and sign-in says so, rather than "wrong password"
        sign_in(branch.context(), *ADMIN)


@pytest.mark.parametrize("size", [0, 10, PAGE, 10 * PAGE])
def test_random_bytes(branch: Branch, size: int) -> None:
    branch.ctx.paths.database.write_bytes(os.urandom(size))
    with pytest.raises(NotBranchVaultDatabase):
        open_as_app(branch)


def make_other_app_db(path: Path, key: bytes, application_id: int) -> None:
    path.unlink(missing_ok=True)
    connection = raw_connection(path, key)
    connection.execute(f"PRAGMA application_id = {application_id}")
    connection.execute("CREATE TABLE staff (id INTEGER PRIMARY KEY, username TEXT)")
    connection.execute("INSERT INTO staff (username) VALUES ('someone')")
    connection.close()


@pytest.mark.parametrize("application_id", [0, 0x12345678])
def test_sqlcipher_database_of_another_app_with_the_same_key(branch: Branch, application_id: int) -> None:
    key = database_key(branch.ctx.paths.root, *ADMIN)
    make_other_app_db(branch.ctx.paths.database, key, application_id)
    with pytest.raises(NotBranchVaultDatabase):
        open_as_app(branch, key)
    with pytest.raises(NotBranchVaultDatabase):
        open_database(branch.ctx.paths.database, key)
    with pytest.raises(NotBranchVaultDatabase):
        sign_in(branch.context(), *ADMIN)


def test_sqlcipher_database_of_another_app_with_its_own_key(branch: Branch) -> None:
    make_other_app_db(branch.ctx.paths.database, os.urandom(32), 0x12345678)
    with pytest.raises(NotBranchVaultDatabase):
        open_as_app(branch)


def test_database_of_another_branch(branch: Branch, tmp_path: Path) -> None:
    """Another BranchVault database copied over this one: its salt is not the one the slots expect."""
    other = tmp_path / "other.db"
    make_other_app_db(other, os.urandom(32), APPLICATION_ID)
    shutil.copyfile(other, branch.ctx.paths.database)
    with pytest.raises(NotBranchVaultDatabase):
        open_as_app(branch)


@pytest.mark.parametrize("offset", [16, 17, 100, 1000, PAGE - 1])
def test_corrupted_first_page(branch: Branch, offset: int) -> None:
    flip_byte(branch.ctx.paths.database, offset)
    with pytest.raises(CorruptDatabase):
        open_as_app(branch)
    with pytest.raises(CorruptDatabase):
        sign_in(branch.context(), *ADMIN)


@pytest.mark.parametrize("table", ["staff", "audit_log"])
@pytest.mark.parametrize("where", [0, 200, PAGE - 1])
def test_corrupted_later_page(branch: Branch, table: str, where: int) -> None:
    page = root_page(branch, table)
    assert page > 1
    flip_byte(branch.ctx.paths.database, (page - 1) * PAGE + where)
    with pytest.raises(CorruptDatabase):  # on open or on the first query that reads the page
        db = open_as_app(branch)
        try:
            db.execute(f"SELECT * FROM {table}").fetchall()
        finally:
            db.connection.close()


def test_corrupted_staff_page_reported_by_sign_in(branch: Branch) -> None:
    flip_byte(branch.ctx.paths.database, (root_page(branch, "staff") - 1) * PAGE + 300)
    with pytest.raises(CorruptDatabase):
        sign_in(branch.context(), *branch.users[Role.MANAGER])


def test_ordinary_sql_errors_are_not_reported_as_corruption(branch: Branch) -> None:
    db = open_as_app(branch)
    try:
        with pytest.raises(sqlcipher3.OperationalError):
            db.execute("SELECT * FROM no_such_table")
        with pytest.raises(sqlcipher3.IntegrityError):
            db.execute("DELETE FROM audit_log")
    finally:
        db.close()


def test_schema_newer_than_the_app(branch: Branch) -> None:
    key = database_key(branch.ctx.paths.root, *ADMIN)
    connection = raw_connection(branch.ctx.paths.database, key)
    connection.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 5}")
    connection.close()
    with pytest.raises(SchemaTooNew) as info:
        open_as_app(branch)
    assert (
        str(migrations.LATEST_VERSION + 5) in info.value.en
        and str(migrations.LATEST_VERSION) in info.value.zh
    )
    with pytest.raises(SchemaTooNew):
        sign_in(branch.context(), *ADMIN)


def test_missing_database(branch: Branch) -> None:
    branch.ctx.paths.database.unlink()
    with pytest.raises(DatabaseMissing):
        open_as_app(branch)
    with pytest.raises(DatabaseMissing):
        sign_in(branch.context(), *ADMIN)


def test_fingerprint_mismatch_needs_no_decryption(branch: Branch) -> None:
    """A key whose fingerprint differs is refused before SQLCipher is even asked."""
    key = os.urandom(32)
    assert (
        key_fingerprint(key)
        != load_key_slots(branch.ctx.paths.key_slots, branch.ctx.require_config().branch_id).key_fingerprint
    )
    with pytest.raises(WrongDatabaseKey):
        open_as_app(branch, key)


ERRORS: list[DatabaseOpenError] = [
    WrongDatabaseKey(),
    NotBranchVaultDatabase(),
    CorruptDatabase(),
    SchemaTooNew(9, 1),
    DatabaseMissing(),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: e.code)
def test_each_error_has_both_messages(error: DatabaseOpenError) -> None:
    assert error.zh.strip() and error.en.strip() and error.zh != error.en
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.zh)


def test_error_codes_and_messages_are_distinct() -> None:
    assert len({e.code for e in ERRORS}) == len(ERRORS)
    assert len({e.en for e in ERRORS}) == len(ERRORS)
    assert len({e.zh for e in ERRORS}) == len(ERRORS)
