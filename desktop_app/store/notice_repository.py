"""Published privacy-notice versions (table ``notice_versions``, migration 7) in the encrypted database.

Append-only: a row is the notice file exactly as published (both languages), its content hash, when
and by whom (NULL for a version bundled with the app) it was published, and its source. Triggers
refuse UPDATE and DELETE, so a published version never changes. The current version is the one
published last (``published_at``, then insertion order for versions published in the same second).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass

from desktop_app.store.database import Database

SOURCE_BUNDLED = "bundled"
SOURCE_COMPANY = "company"
_COLUMNS = "version, content_hash, content, published_at, published_by, source"
_NEWEST_FIRST = "ORDER BY published_at DESC, rowid DESC"


@dataclass(frozen=True)
class StoredNotice:
    version: str
    content_hash: str
    content: str
    published_at: str
    published_by: int | None
    source: str

    def __repr__(self) -> str:  # the content is long; it holds no personal data
        return f"StoredNotice(version={self.version}, hash={self.content_hash[:12]}, source={self.source})"


def _row(row: tuple[object, ...]) -> StoredNotice:
    return StoredNotice(
        version=str(row[0]),
        content_hash=str(row[1]),
        content=str(row[2]),
        published_at=str(row[3]),
        published_by=None if row[4] is None else int(row[4]),  # type: ignore[call-overload]
        source=str(row[5]),
    )


class NoticeRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        *,
        version: str,
        content_hash: str,
        content: str,
        published_at: str,
        published_by: int | None,
        source: str,
    ) -> StoredNotice:
        self.db.execute(
            f"INSERT INTO notice_versions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
            (version, content_hash, content, published_at, published_by, source),
        )
        return StoredNotice(version, content_hash, content, published_at, published_by, source)

    def get(self, version: str) -> StoredNotice | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM notice_versions WHERE version = ?", (version,)
        ).fetchone()
        return None if row is None else _row(row)

    def get_by_hash(self, content_hash: str) -> StoredNotice | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM notice_versions WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return None if row is None else _row(row)

    def list(self) -> list[StoredNotice]:
        """Every published version, newest first."""
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM notice_versions {_NEWEST_FIRST}").fetchall()
        return [_row(row) for row in rows]

    def hashes(self) -> builtins.list[tuple[str, str]]:
        """(version, content hash) of every published version, newest first, without the texts."""
        rows = self.db.execute(f"SELECT version, content_hash FROM notice_versions {_NEWEST_FIRST}")
        return [(str(version), str(content_hash)) for version, content_hash in rows]

    def current(self) -> StoredNotice | None:
        """The version published last, or None while nothing is published."""
        row = self.db.execute(f"SELECT {_COLUMNS} FROM notice_versions {_NEWEST_FIRST} LIMIT 1").fetchone()
        return None if row is None else _row(row)

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM notice_versions").fetchone()[0])
