"""Migration 14: the training tables are append-only and check what they hold; accounts disabled
before it take the time of their last ``staff.disable`` audit entry as ``disabled_at``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlcipher3

from desktop_app.store import migrations
from desktop_app.store.database import create_database, open_database

STAFF = (
    "INSERT INTO staff (id, username, display_name, role, active, must_change_password, "
    "password_changed_at, created_at) VALUES (?, ?, ?, 'agent', ?, 0, 0, '2026-01-05T01:00:00Z')"
)
AUDIT = (
    "INSERT INTO audit_log (ts, actor_id, actor_username, actor_role, action, target_type, target_id, "
    "outcome, reason, details, prev_hash, hash) VALUES (?, 1, 'it', 'it_admin', 'staff.disable', 'staff', ?, "
    "'success', '', '{}', '', '')"
)


def test_version_13_staff_get_disabled_at_and_the_tables_are_append_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, key = tmp_path / "v13.db", os.urandom(32)
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "LATEST_VERSION", 13)
        db = create_database(path, key)
        with db.transaction():
            db.execute(STAFF, (1, "active.one", "在职", 1))
            db.execute(STAFF, (2, "left.twice", "离职", 0))
            db.execute(STAFF, (3, "left.unknown", "离职", 0))
            db.execute(AUDIT, ("2026-03-01T02:00:00.000000Z", "left.twice"))
            db.execute(AUDIT, ("2026-06-01T02:00:00.000000Z", "left.twice"))
        db.close()
    db = open_database(path, key)
    try:
        assert migrations.current_version(db) == migrations.LATEST_VERSION >= 14
        rows = dict(db.execute("SELECT username, disabled_at FROM staff").fetchall())
        assert rows == {"active.one": None, "left.twice": "2026-06-01T02:00:00.000000Z", "left.unknown": None}
        (started,) = db.execute("SELECT started_at FROM training_programme_start").fetchone()
        assert str(started).endswith("Z")  # the day the grace period can start from
        with db.transaction():
            db.execute(
                "INSERT INTO training_attempts (staff_id, quarter, source, score_percent, passed, taken_at, "
                "recorded_by, recorded_at) VALUES (1, '2026Q2', 'lms', 90, 1, 't', 1, 't')"
            )
        for broken in (
            "UPDATE training_attempts SET passed = 0",
            "DELETE FROM training_attempts",
            # an app attempt without its seed and answers cannot be marked again
            "INSERT INTO training_attempts (staff_id, quarter, source, score_percent, passed, taken_at, "
            "recorded_by, recorded_at) VALUES (1, '2026Q2', 'app', 90, 1, 't', 1, 't')",
            "INSERT INTO training_attempts (staff_id, quarter, source, score_percent, passed, taken_at, "
            "recorded_by, recorded_at) VALUES (1, '2026Q2', 'lms', 101, 1, 't', 1, 't')",
        ):
            with pytest.raises(sqlcipher3.DatabaseError):
                with db.transaction():
                    db.execute(broken)
    finally:
        db.close()
