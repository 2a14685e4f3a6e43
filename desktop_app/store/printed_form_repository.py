"""The consent-form numbers the app printed, with the notice version each was printed under.

A form printed for a client names the client; a blank form (filled in by hand before intake) has no
client yet. When the signed form comes back, its number tells which notice version the client saw
(PIPL Art. 17: consent is given to a notice the client was shown) and refuses a form printed for
another client. Writes run inside the caller's transaction, together with the audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.store.database import Database


@dataclass(frozen=True)
class PrintedForm:
    form_number: str
    client_id: int | None  # None: a blank form
    notice_version: str


class PrintedFormRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        form_number: str,
        *,
        client_id: int | None,
        notice_version: str,
        printed_at: str,
        printed_by: int,
    ) -> None:
        """Remember a printed form (``client_id`` None for a blank one); inside the caller's transaction."""
        if not self.db.in_transaction:
            raise RuntimeError("a printed form is recorded inside the transaction of its audit entry")
        self.db.execute(
            "INSERT INTO client_data.printed_forms (form_number, client_id, notice_version, printed_at, printed_by) "
            "VALUES (?,?,?,?,?)",
            (form_number, client_id, notice_version, printed_at, printed_by),
        )

    def get(self, form_number: str) -> PrintedForm | None:
        row = self.db.execute(
            "SELECT client_id, notice_version FROM client_data.printed_forms WHERE form_number = ?",
            (form_number,),
        ).fetchone()
        if row is None:
            return None
        return PrintedForm(form_number, None if row[0] is None else int(row[0]), str(row[1]))
