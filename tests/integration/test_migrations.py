"""Schema migrations: a fresh database is at the latest version; the audit log is append-only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlcipher3

from desktop_app.store import migrations
from desktop_app.store.database import create_database, open_database


@pytest.fixture
def fresh(tmp_path: Path) -> tuple[Path, bytes]:
    path, key = tmp_path / "fresh.db", os.urandom(32)
    create_database(path, key).close()
    return path, key


def test_fresh_database_is_at_the_latest_version(fresh: tuple[Path, bytes]) -> None:
    db = open_database(*fresh)
    assert migrations.LATEST_VERSION == len(migrations.MIGRATIONS) >= 1
    assert migrations.current_version(db) == migrations.LATEST_VERSION
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meta", "staff", "audit_log"} <= tables
    triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"audit_log_no_update", "audit_log_no_delete"} <= triggers
    db.close()


def test_migrate_is_idempotent(fresh: tuple[Path, bytes]) -> None:
    db = open_database(*fresh)
    assert migrations.migrate(db) == migrations.LATEST_VERSION
    assert migrations.migrate(db) == migrations.LATEST_VERSION
    db.close()


def test_create_refuses_an_existing_file(fresh: tuple[Path, bytes]) -> None:
    with pytest.raises(FileExistsError):
        create_database(*fresh)


def _insert_entry(db_path: Path, key: bytes) -> None:
    db = open_database(db_path, key)
    with db.transaction():
        db.execute(
            "INSERT INTO audit_log (seq, ts, actor_id, actor_username, actor_role, action, target_type, "
            "target_id, outcome, reason, details, prev_hash, hash) "
            "VALUES (1, 't', NULL, 'u', 'agent', 'a', '', '', 'success', '', '{}', 'p', 'h')"
        )
    db.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET reason = 'edited' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 1",
        "DELETE FROM audit_log",
    ],
)
def test_audit_log_rejects_update_and_delete(fresh: tuple[Path, bytes], statement: str) -> None:
    _insert_entry(*fresh)
    db = open_database(*fresh)
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        with db.transaction():
            db.execute(statement)
    assert db.execute("SELECT reason, count(*) FROM audit_log").fetchone() == ("", 1)
    db.close()


def test_audit_outcome_is_constrained(fresh: tuple[Path, bytes]) -> None:
    db = open_database(*fresh)
    with pytest.raises(sqlcipher3.IntegrityError):
        db.execute(
            "INSERT INTO audit_log (seq, ts, actor_id, actor_username, actor_role, action, target_type, "
            "target_id, outcome, reason, details, prev_hash, hash) "
            "VALUES (1, 't', NULL, 'u', 'agent', 'a', '', '', 'maybe', '', '{}', 'p', 'h')"
        )
    db.close()


def test_transaction_rolls_back_on_error(fresh: tuple[Path, bytes]) -> None:
    db = open_database(*fresh)
    with pytest.raises(RuntimeError):
        with db.transaction():
            db.execute("INSERT INTO meta (key, value) VALUES ('a', x'00')")
            with db.transaction():  # nested: joins the outer one
                db.execute("INSERT INTO meta (key, value) VALUES ('b', x'00')")
            raise RuntimeError("boom")
    assert not db.in_transaction
    assert db.execute("SELECT count(*) FROM meta").fetchone()[0] == 0
    db.close()
