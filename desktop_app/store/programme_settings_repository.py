"""The programme settings a manager changed (table ``programme_settings`` in branch.db, migration 13).

Only values that differ from the documented defaults are stored, one row per setting, as JSON; a
setting put back to its default is deleted, so the table reads as "what this branch changed".
"""

from __future__ import annotations

import json

from desktop_app.store.database import Database


class ProgrammeSettingsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> dict[str, object]:
        rows = self.db.execute("SELECT name, value FROM main.programme_settings ORDER BY name").fetchall()
        return {str(name): json.loads(value) for name, value in rows}

    def put(self, name: str, value: object, *, at: str, by: int) -> None:
        self.db.execute(
            "INSERT INTO main.programme_settings (name, value, changed_at, changed_by) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at, "
            "changed_by = excluded.changed_by",
            (name, json.dumps(value, ensure_ascii=False), at, by),
        )

    def remove(self, name: str) -> None:
        self.db.execute("DELETE FROM main.programme_settings WHERE name = ?", (name,))
