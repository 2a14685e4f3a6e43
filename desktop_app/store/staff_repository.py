"""Staff accounts in the encrypted database (identity, role, state). Credentials live in key slots."""

from __future__ import annotations

from desktop_app.domain.roles import Role
from desktop_app.domain.staff_member import StaffMember
from desktop_app.store.database import Database

_COLUMNS = (
    "id, username, display_name, role, active, must_change_password, password_changed_at, created_at, "
    "slot_public_key"
)


def _row(row: tuple[object, ...]) -> StaffMember:
    return StaffMember(
        id=int(row[0]),  # type: ignore[call-overload]
        username=str(row[1]),
        display_name=str(row[2]),
        role=Role(str(row[3])),
        active=bool(row[4]),
        must_change_password=bool(row[5]),
        password_changed_at=float(row[6]),  # type: ignore[arg-type]
        created_at=str(row[7]),
        slot_public_key=str(row[8]),
    )


class StaffRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        *,
        username: str,
        display_name: str,
        role: Role,
        must_change_password: bool,
        password_changed_at: float,
        created_at: str,
        created_by: int | None,
    ) -> StaffMember:
        cursor = self.db.execute(
            "INSERT INTO staff (username, display_name, role, active, must_change_password, "
            "password_changed_at, created_at, created_by) VALUES (?,?,?,1,?,?,?,?)",
            (
                username,
                display_name,
                role.value,
                int(must_change_password),
                password_changed_at,
                created_at,
                created_by,
            ),
        )
        member = self.get_by_id(int(cursor.lastrowid or 0))
        assert member is not None
        return member

    def get(self, username: str) -> StaffMember | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM staff WHERE username = ?", (username,)).fetchone()
        return _row(row) if row else None

    def get_by_id(self, staff_id: int) -> StaffMember | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM staff WHERE id = ?", (staff_id,)).fetchone()
        return _row(row) if row else None

    def list(self) -> list[StaffMember]:
        return [_row(r) for r in self.db.execute(f"SELECT {_COLUMNS} FROM staff ORDER BY role, username")]

    def count_active(self, role: Role) -> int:
        row = self.db.execute("SELECT count(*) FROM staff WHERE role = ? AND active = 1", (role.value,))
        return int(row.fetchone()[0])

    def set_active(self, staff_id: int, active: bool, *, at: str | None = None) -> None:
        """Enable or disable; a disable records ``at`` (UTC) as ``disabled_at`` (migration 14), so
        the training figures of a past quarter know who was active at its end."""
        self.db.execute(
            "UPDATE staff SET active = ?, disabled_at = ? WHERE id = ?",
            (int(active), None if active else at, staff_id),
        )

    def set_role(self, staff_id: int, role: Role) -> None:
        """A role change (services/staff_roles.py), audited by the caller in the same transaction."""
        self.db.execute("UPDATE staff SET role = ? WHERE id = ?", (role.value, staff_id))

    def set_slot_public_key(self, staff_id: int, public_key: str) -> None:
        self.db.execute("UPDATE staff SET slot_public_key = ? WHERE id = ?", (public_key, staff_id))

    def slot_public_keys(self) -> dict[str, str]:
        """username -> recorded slot public key, for active staff."""
        rows = self.db.execute("SELECT username, slot_public_key FROM staff WHERE active = 1")
        return {str(name): str(key) for name, key in rows}

    def set_password_state(self, staff_id: int, *, must_change: bool, changed_at: float) -> None:
        self.db.execute(
            "UPDATE staff SET must_change_password = ?, password_changed_at = ? WHERE id = ?",
            (int(must_change), changed_at, staff_id),
        )

    def backdate_created_at(self, staff_id: int, created_at: str) -> None:
        """The demo profile only (services/demo_training_history.py): its invented staff "joined"
        before the year of history it seeds."""
        self.db.execute("UPDATE staff SET created_at = ? WHERE id = ?", (created_at, staff_id))
