"""What lands on disk: an encrypted SQLCipher file, no plaintext anywhere, private permissions.

The independent reader is a separate Python process importing only sqlcipher3, given the raw key that
tests.support.database_key gets out of the admin's key slot.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.errors import WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff
from desktop_app.store.database import SQLITE_HEADER
from tests.conftest import ADMIN, Branch
from tests.support.database_key import database_key, read_staff_independently, staff_rows

DISPLAY_NAME = "测试显示名XYZ"
PROBE_USER = "probe.wenjing"
PROBE_PASSWORD = "Probe!Secret#2026"
# Files that hold staff usernames by design (slot names; lockout counters) — never display names.
USERNAME_FILES = {"keyslots.json", "signin-state.json"}


def add_probe(ctx: SignedIn) -> None:
    add_staff(ctx, PROBE_USER, DISPLAY_NAME, Role.AGENT, password=PROBE_PASSWORD, must_change=False)


def files_containing(root: Path, needle: str) -> set[str]:
    data = needle.encode("utf-8")
    return {p.name for p in root.rglob("*") if p.is_file() and data in p.read_bytes()}


def test_database_file_has_no_sqlite_header(branch: Branch) -> None:
    head = branch.ctx.paths.database.read_bytes()[:16]
    assert len(head) == 16 and head != SQLITE_HEADER


def assert_no_plaintext(root: Path) -> None:
    db = root / "branch.db"
    assert files_containing(root, DISPLAY_NAME) == set()
    assert files_containing(root, PROBE_USER) <= USERNAME_FILES
    assert files_containing(root, "深圳南山店") <= {"branch.toml"}  # the branch name is configuration
    for path in (db, db.with_name("branch.db-journal"), db.with_name("branch.db-wal")):
        if path.exists():
            data = path.read_bytes()
            assert PROBE_USER.encode() not in data and ADMIN[0].encode() not in data, path.name


def test_no_plaintext_in_the_data_directory(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    add_probe(admin)
    probe = sign_in(branch.context(), PROBE_USER, PROBE_PASSWORD)
    assert probe.session is not None and probe.session.display_name == DISPLAY_NAME  # it was written
    with pytest.raises(WrongCredentials):  # writes signin-state.json too
        sign_in(branch.context(), PROBE_USER, "wrong")
    root = branch.ctx.paths.root
    journal = root / "branch.db-journal"
    assert journal.exists(), "the rollback journal is kept (truncated) while the database is open"
    assert_no_plaintext(root)
    sign_out(probe)
    sign_out(admin)
    assert not journal.exists() or journal.stat().st_size == 0
    assert_no_plaintext(root)


def test_passwords_never_written_anywhere(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    add_probe(signed_in(Role.IT_ADMIN))
    for role in Role:
        signed_in(role)
    root = branch.ctx.paths.root
    for _, password in branch.users.values():
        assert files_containing(root, password) == set()
    assert files_containing(root, PROBE_PASSWORD) == set()
    assert files_containing(root, branch.recovery_code) == set()


def test_stdlib_sqlite3_cannot_read_it(branch: Branch) -> None:
    connection = sqlite3.connect(branch.ctx.paths.database)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            connection.execute("SELECT * FROM staff").fetchall()
    finally:
        connection.close()


def test_independent_reader_with_the_raw_key(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    add_probe(admin)
    key = database_key(branch.ctx.paths.root, *ADMIN)
    assert admin.session is not None and key == admin.session.db_key
    rows = staff_rows(read_staff_independently(branch.ctx.paths.database, key))  # while the app has it open
    assert [PROBE_USER, DISPLAY_NAME, "agent"] in rows
    assert {r[0] for r in rows} == {u for u, _ in branch.users.values()} | {PROBE_USER}
    sign_out(admin)
    assert staff_rows(read_staff_independently(branch.ctx.paths.database, key)) == rows


def test_independent_reader_fails_without_or_with_a_wrong_key(branch: Branch) -> None:
    db = branch.ctx.paths.database
    no_key = read_staff_independently(db, None)
    wrong_key = read_staff_independently(db, os.urandom(32))
    assert no_key.returncode != 0 and "DatabaseError" in no_key.stderr
    assert wrong_key.returncode != 0 and "DatabaseError" in wrong_key.stderr


def test_every_slot_yields_the_same_key(branch: Branch) -> None:
    root = branch.ctx.paths.root
    keys = {database_key(root, *credentials) for credentials in branch.users.values()}
    keys.add(database_key(root, "", branch.recovery_code, kind_recovery=True))
    assert len(keys) == 1


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_directory_is_private(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    with pytest.raises(WrongCredentials):
        sign_in(branch.context(), "lina", "wrong")
    admin = signed_in(Role.IT_ADMIN)  # keeps the database and its journal open
    add_probe(admin)
    root = branch.ctx.paths.root
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    names = {p.name for p in root.iterdir()}
    assert {
        "branch.db",
        "branch.db-journal",
        "clients.db",
        "branch.toml",
        "keyslots.json",
        "signin-state.json",
    } <= names
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in root.iterdir() if p.is_file()}
    assert modes == dict.fromkeys(modes, 0o600)
