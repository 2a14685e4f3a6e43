"""Migration 12: an HQ link enrolled before key adoption keeps its keys, now *pending* (the first
agent or manager session adopts them into clients.db); the key columns become nullable together
with ``keys_adopted_at``, and the table still holds one row at most."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlcipher3

from desktop_app.store import migrations
from desktop_app.store.database import create_database, open_database
from desktop_app.store.hq_link_repository import HqLinkRepository

INSERT_V11 = (
    "INSERT INTO hq_link (id, url, ca_file, branch_code, branch_private_key, hq_public_key, pseudonym_key, "
    "enrolled_at, enrolled_by) VALUES (1, 'https://hq.example.cn', '', 'SZ001', ?, 'pub', ?, "
    "'2027-01-01T00:00:00Z', 3)"
)


@pytest.mark.parametrize("pseudonym", [b"p" * 32, None])
def test_a_version_11_link_keeps_its_keys_pending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pseudonym: bytes | None
) -> None:
    path, key, private = tmp_path / "v11.db", os.urandom(32), os.urandom(32)
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "LATEST_VERSION", 11)
        db = create_database(path, key)
        with db.transaction():
            db.execute(INSERT_V11, (private, pseudonym))
        db.close()

    db = open_database(path, key)
    try:
        assert migrations.current_version(db) == migrations.LATEST_VERSION >= 12
        stored = HqLinkRepository(db).get()
        assert stored is not None and stored.branch_private_key == private
        assert stored.pseudonym_key == pseudonym
        assert stored.link.pseudonym_key_received is (pseudonym is not None)
        assert stored.link.keys_adopted_at is None and stored.link.enrolled_by == 3
        with db.transaction():
            HqLinkRepository(db).clear_pending_keys("2027-01-02T00:00:00Z")
        assert db.execute("SELECT branch_private_key, pseudonym_key FROM hq_link").fetchone() == (None, None)
        for broken in (
            "UPDATE hq_link SET keys_adopted_at = NULL",  # no key and not adopted
            "UPDATE hq_link SET pseudonym_key = x'00'",  # a pseudonym key without its branch key
            "INSERT INTO hq_link (id, url, branch_code, hq_public_key, enrolled_at, enrolled_by) "
            "VALUES (2, 'u', 'c', 'p', 't', 1)",
        ):
            with pytest.raises(sqlcipher3.IntegrityError):
                with db.transaction():
                    db.execute(broken)
    finally:
        db.close()
