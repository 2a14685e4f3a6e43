"""Consent forms and consent events of clients in the encrypted database (migration 8).

A recorded form and its one event per purpose are written together; a withdrawal is one more event.
Rows never change (a trigger refuses UPDATE); they go when the client is destroyed (ON DELETE
CASCADE). The current state of the HQ-sharing and marketing consents and the notice version of the
client's latest form are kept on ``clients`` too, by ``set_client_state``, in the same transaction.
Scans are read only by ``scan``, never with the list of forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.consent_records import ConsentEvent, ConsentFormEntry
from desktop_app.store.database import Database


@dataclass(frozen=True)
class StoredConsentForm:
    id: int
    client_id: int
    form_number: str | None
    notice_version: str
    method: str
    signed_on: date
    witnessed_by: int
    recorded_at: str
    recorded_by: int
    guardian_name: str | None
    guardian_relation: str | None
    scan_type: str | None
    scan_size: int

    def __repr__(self) -> str:
        return f"StoredConsentForm(id={self.id}, client={self.client_id}, form={self.form_number})"


@dataclass(frozen=True)
class StoredConsentEvent:
    id: int
    client_id: int
    purpose: str
    event: str
    form_id: int | None
    form_number: str | None
    at: str
    staff_id: int
    note: str

    def as_event(self) -> ConsentEvent:
        return ConsentEvent(self.purpose, self.event, self.at, self.form_number)


_FORM_COLUMNS = (
    "id, client_id, form_number, notice_version, method, signed_on, witnessed_by, recorded_at, "
    "recorded_by, guardian_name, guardian_relation, scan_type, COALESCE(length(scan), 0)"
)


def _form(row: tuple[object, ...]) -> StoredConsentForm:
    return StoredConsentForm(
        id=int(row[0]),  # type: ignore[call-overload]
        client_id=int(row[1]),  # type: ignore[call-overload]
        form_number=None if row[2] is None else str(row[2]),
        notice_version=str(row[3]),
        method=str(row[4]),
        signed_on=date.fromisoformat(str(row[5])),
        witnessed_by=int(row[6]),  # type: ignore[call-overload]
        recorded_at=str(row[7]),
        recorded_by=int(row[8]),  # type: ignore[call-overload]
        guardian_name=None if row[9] is None else str(row[9]),
        guardian_relation=None if row[10] is None else str(row[10]),
        scan_type=None if row[11] is None else str(row[11]),
        scan_size=int(row[12]),  # type: ignore[call-overload]
    )


class ConsentRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def form_number_used(self, form_number: str) -> int | None:
        """The client id a form with this number was recorded for, or None."""
        row = self.db.execute(
            "SELECT client_id FROM client_data.consent_forms WHERE form_number = ?", (form_number,)
        ).fetchone()
        return None if row is None else int(row[0])

    def add_form(
        self,
        client_id: int,
        entry: ConsentFormEntry,
        *,
        notice_version: str,
        witnessed_by: int,
        recorded_by: int,
        now: str,
    ) -> int:
        """The form and one event per answered purpose; returns the form id."""
        guardian = entry.guardian
        scan = entry.scan
        with self.db.transaction():
            cursor = self.db.execute(
                "INSERT INTO client_data.consent_forms (client_id, form_number, notice_version, method, signed_on, "
                "witnessed_by, recorded_at, recorded_by, guardian_name, guardian_relation, scan, scan_type) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    client_id,
                    entry.form_number,
                    notice_version,
                    entry.method.value,
                    entry.signed_on.isoformat(),
                    witnessed_by,
                    now,
                    recorded_by,
                    guardian.name if guardian else None,
                    guardian.relation.value if guardian else None,
                    scan.data if scan else None,
                    scan.media_type.value if scan else None,
                ),
            )
            form_id = int(cursor.lastrowid or 0)
            for purpose_id, ticked in entry.answers:
                self.db.execute(
                    "INSERT INTO client_data.consent_events (client_id, purpose, event, form_id, at, staff_id) "
                    "VALUES (?,?,?,?,?,?)",
                    (
                        client_id,
                        purpose_id.value,
                        "granted" if ticked else "refused",
                        form_id,
                        now,
                        recorded_by,
                    ),
                )
        return form_id

    def add_withdrawal(
        self, client_id: int, purpose: PurposeId, *, now: str, staff_id: int, note: str
    ) -> None:
        self.db.execute(
            "INSERT INTO client_data.consent_events (client_id, purpose, event, form_id, at, staff_id, note) "
            "VALUES (?,?,'withdrawn',NULL,?,?,?)",
            (client_id, purpose.value, now, staff_id, note),
        )

    def set_client_state(
        self,
        client_id: int,
        *,
        sensitive: bool,
        hq: bool,
        marketing: bool,
        notice_version: str | None,
    ) -> None:
        """The current consents on the client row (``notice_version`` None keeps the stored one).
        Not a change to the client's data: ``updated_at`` stays."""
        self.db.execute(
            "UPDATE client_data.clients SET sensitive_consent = ?, hq_consent = ?, marketing_consent = ?, "
            "notice_version = COALESCE(?, notice_version) WHERE id = ?",
            (int(sensitive), int(hq), int(marketing), notice_version, client_id),
        )

    def set_notice_version(self, client_id: int, notice_version: str) -> None:
        """The notice version of the client's latest form, alone (the flags are set elsewhere)."""
        self.db.execute(
            "UPDATE client_data.clients SET notice_version = ? WHERE id = ?", (notice_version, client_id)
        )

    def forms(self, client_id: int) -> list[StoredConsentForm]:
        """The client's forms, newest first (without the scans)."""
        rows = self.db.execute(
            f"SELECT {_FORM_COLUMNS} FROM client_data.consent_forms WHERE client_id = ? ORDER BY id DESC",
            (client_id,),
        )
        return [_form(r) for r in rows]

    def form(self, form_id: int) -> StoredConsentForm | None:
        row = self.db.execute(
            f"SELECT {_FORM_COLUMNS} FROM client_data.consent_forms WHERE id = ?", (form_id,)
        ).fetchone()
        return None if row is None else _form(row)

    def scan(self, form_id: int) -> tuple[bytes, str] | None:
        row = self.db.execute(
            "SELECT scan, scan_type FROM client_data.consent_forms WHERE id = ?", (form_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return None
        return bytes(row[0]), str(row[1])

    def events(self, client_id: int) -> list[StoredConsentEvent]:
        """The client's consent events, oldest first."""
        rows = self.db.execute(
            "SELECT e.id, e.client_id, e.purpose, e.event, e.form_id, f.form_number, e.at, e.staff_id, e.note "
            "FROM client_data.consent_events e LEFT JOIN client_data.consent_forms f ON f.id = e.form_id "
            "WHERE e.client_id = ? ORDER BY e.id",
            (client_id,),
        )
        return [
            StoredConsentEvent(
                id=int(r[0]),
                client_id=int(r[1]),
                purpose=str(r[2]),
                event=str(r[3]),
                form_id=None if r[4] is None else int(r[4]),
                form_number=None if r[5] is None else str(r[5]),
                at=str(r[6]),
                staff_id=int(r[7]),
                note=str(r[8]),
            )
            for r in rows
        ]


def guardian_signed(db: Database, client_id: int) -> bool:
    """Whether a guardian signed one of the client's recorded forms (a child under 14, Art. 31)."""
    row = db.execute(
        "SELECT 1 FROM client_data.consent_forms WHERE client_id = ? AND guardian_name IS NOT NULL LIMIT 1",
        (client_id,),
    ).fetchone()
    return row is not None
