"""Migration 10: a destruction record may carry any PIPL Art. 47 ground; the records already there
are kept exactly, and the table stays append-only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlcipher3

from desktop_app.store import migrations
from desktop_app.store.append_only_triggers import damaged_triggers
from desktop_app.store.database import create_database, open_database

ROW = (7, "2026-01-02T03:04:05.000000Z", 1, 1, "hmac:ab", '["identity"]', "deletion_request", "REQ-1", None)
INSERT = (
    "INSERT INTO destruction_records (id, destroyed_at, destroyed_by, approved_by, client_pseudonym, "
    "categories, reason, request_reference, batch_id) VALUES (?,?,?,?,?,?,?,?,?)"
)


def test_version_9_records_survive_and_new_grounds_are_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, key = tmp_path / "v9.db", os.urandom(32)
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "LATEST_VERSION", 9)
        db = create_database(path, key)
        assert migrations.current_version(db) == 9
        with db.transaction():
            db.execute(
                "INSERT INTO staff (id, username, display_name, role, password_changed_at, created_at) "
                "VALUES (1, 'lina', '李娜', 'manager', 0, 't')"
            )
            db.execute(INSERT, ROW)
            with pytest.raises(sqlcipher3.IntegrityError):
                db.execute(INSERT, (8, *ROW[1:6], "purpose_achieved", "", None))
        db.close()

    db = open_database(path, key)
    assert migrations.current_version(db) == migrations.LATEST_VERSION >= 10
    assert db.execute("SELECT * FROM destruction_records").fetchall() == [ROW]
    assert damaged_triggers(db) == []
    with db.transaction():
        for number, ground in enumerate(
            (
                "purpose_achieved",
                "purpose_impossible",
                "no_longer_necessary",
                "service_stopped",
                "processing_unlawful",
            ),
            start=8,
        ):
            db.execute(INSERT, (number, *ROW[1:6], ground, "", None))
    with pytest.raises(sqlcipher3.IntegrityError):
        with db.transaction():
            db.execute(INSERT, (20, *ROW[1:6], "because", "", None))
    for statement in (
        "UPDATE destruction_records SET reason = 'retention_expiry'",
        "DELETE FROM destruction_records",
    ):
        with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
            with db.transaction():
                db.execute(statement)
    assert db.execute("SELECT count(*) FROM destruction_records").fetchone() == (6,)
    db.close()
