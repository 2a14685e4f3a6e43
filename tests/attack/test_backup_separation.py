"""Attacks on backups by the local administrator (IT holds the branch-database key, never the
client-data key; they can read and write every file in the data folder and the backup folder, and
run the app's own modules). Each test fails if its protection is missing."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.backups import create_backup, open_backup, restore_backup
from desktop_app.services.client_deletion import DeletionReason, delete_client
from desktop_app.services.client_directory import list_clients
from desktop_app.services.client_intake import create_client
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.database import CLIENT_SCHEMA, DatabaseOpenError, open_database
from tests.conftest import Branch
from tests.support.database_key import database_key

SignIn = Callable[[Role], SignedIn]
NAME = "欧阳春花"
PHONE = "13987654321"


def test_it_cannot_read_clients_from_its_own_backup(
    branch: Branch, signed_in: SignIn, tmp_path: Path
) -> None:
    create_client(signed_in(Role.MANAGER), ClientDraft(name=NAME, phone=PHONE, notes="暗号ZEBRA7731"))
    backup = create_backup(signed_in(Role.IT_ADMIN), tmp_path).path
    raw = backup.read_bytes()
    for secret in (NAME.encode(), PHONE.encode(), b"ZEBRA7731", "暗号".encode()):
        assert secret not in raw  # nothing in plaintext anywhere in the file
    username, password = branch.users[Role.IT_ADMIN]
    with open_backup(branch.context(), backup, username=username, password=password) as opened:
        assert opened.db is not None and not opened.clients_checked
        tables = {row[0] for row in opened.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "clients" not in tables and "client_search" not in tables
        assert not opened.db.has_client_data
        with pytest.raises(DatabaseOpenError):  # IT's database key does not open clients.db
            opened.db.attach_client_data(opened.work / "clients.db", opened.db_key)
        assert not opened.db.has_client_data
    # the same with the bare files and sqlcipher: IT's key opens branch.db only
    extracted = tmp_path / "by-hand"
    extracted.mkdir()
    with zipfile.ZipFile(backup) as archive:
        archive.extract("clients.db", extracted)
    key = database_key(branch.ctx.paths.root, username, password)
    with pytest.raises(DatabaseOpenError):
        open_database(extracted / "clients.db", key)
    assert CLIENT_SCHEMA  # (the schema only a holder's session attaches)


def test_deleting_the_pending_destructions_from_the_restored_branch_does_not_bring_a_client_back(
    branch: Branch, signed_in: SignIn, tmp_path: Path
) -> None:
    manager = signed_in(Role.MANAGER)
    gone = create_client(manager, ClientDraft(name=NAME, phone=PHONE))
    backup = create_backup(signed_in(Role.IT_ADMIN), tmp_path).path
    delete_client(manager, gone.id, DeletionReason.DELETION_REQUEST, request_reference="REQ-9")
    manager.close()
    username, password = branch.users[Role.IT_ADMIN]
    restore_backup(branch.context(), backup, username=username, password=password, replace_current=True)
    # IT edits the restored branch.db with its own key: the pending list is emptied
    db = open_database(branch.ctx.paths.database, database_key(branch.ctx.paths.root, username, password))
    try:
        with db.transaction():
            db.execute("DELETE FROM backup_pending_destructions")
    finally:
        db.close()
    m_name, m_password = branch.users[Role.MANAGER]
    again = sign_in(branch.context(), m_name, m_password)  # the manager sees every client
    try:
        assert gone.id not in {row.id for row in list_clients(again, limit=200)}
    finally:
        sign_out(again)
