"""Header mappings staff taught the spreadsheet importer (table ``import_header_mappings`` in
clients.db): a normalised header → the target field (or "ignore"), used automatically the next time
a file has that header. Headers are column titles, never client data.

A mapping belongs to the member who set it (``owner_staff_id``), so one agent's choice for their
own odd sheet (``--map 姓名=notes``) never changes how anyone else's files are read. A manager may
save a mapping for the whole branch (owner ``BRANCH_MAPPING_OWNER``, with ``saved_by``): it is
everyone's default, and a member's own mapping of the same header takes precedence over it.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app.store.client_schema import BRANCH_MAPPING_OWNER
from desktop_app.store.database import Database

__all__ = ["BRANCH_MAPPING_OWNER", "ImportMappingRepository"]


class ImportMappingRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def owned_by(self, owner_staff_id: int) -> dict[str, str]:
        """The mappings of one member (or of the branch, ``BRANCH_MAPPING_OWNER``)."""
        rows = self.db.execute(
            "SELECT header, field FROM client_data.import_header_mappings WHERE owner_staff_id = ? "
            "ORDER BY header",
            (owner_staff_id,),
        )
        return {str(header): str(field) for header, field in rows}

    def branch(self) -> dict[str, str]:
        return self.owned_by(BRANCH_MAPPING_OWNER)

    def for_staff(self, staff_id: int) -> dict[str, str]:
        """What the importer uses for ``staff_id``: the branch's mappings, then their own over them."""
        return {**self.branch(), **self.owned_by(staff_id)}

    def apply(
        self, changes: Mapping[str, str], *, owner_staff_id: int, now: str, saved_by: int | None = None
    ) -> None:
        """Remember each header → field for ``owner_staff_id``; an empty field forgets the header."""
        for header, field in changes.items():
            if field:
                self.db.execute(
                    "INSERT INTO client_data.import_header_mappings "
                    "(owner_staff_id, header, field, updated_at, saved_by) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(owner_staff_id, header) DO UPDATE SET field = excluded.field, "
                    "updated_at = excluded.updated_at, saved_by = excluded.saved_by "
                    "WHERE field != excluded.field",
                    (owner_staff_id, header, field, now, saved_by),
                )
            else:
                self.db.execute(
                    "DELETE FROM client_data.import_header_mappings WHERE owner_staff_id = ? AND header = ?",
                    (owner_staff_id, header),
                )
