"""Header mappings staff taught the spreadsheet importer (table ``import_header_mappings``, one per
branch database): a normalised header → the target field (or "ignore"), used automatically the next
time a file has that header. Headers are column titles, never client data."""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app.store.database import Database


class ImportMappingRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> dict[str, str]:
        rows = self.db.execute("SELECT header, field FROM client_data.import_header_mappings ORDER BY header")
        return {str(header): str(field) for header, field in rows}

    def apply(self, changes: Mapping[str, str], *, now: str) -> None:
        """Remember each header → field; an empty field forgets the header."""
        for header, field in changes.items():
            if field:
                self.db.execute(
                    "INSERT INTO client_data.import_header_mappings (header, field, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(header) DO UPDATE SET field = excluded.field, updated_at = excluded.updated_at "
                    "WHERE field != excluded.field",
                    (header, field, now),
                )
            else:
                self.db.execute("DELETE FROM client_data.import_header_mappings WHERE header = ?", (header,))
