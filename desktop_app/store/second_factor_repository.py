"""The second-factor tables of branch.db (migration 25): one enrolment per member (the TOTP secret
sealed to their key slot's public key, the last accepted time step) and their recovery codes as
HMACs, each marked when used. Nothing here can compute a code: the secret is sealed."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.store.database import Database


@dataclass(frozen=True)
class SecondFactorRow:
    staff_id: int
    sealed_secret: str
    sealed_to: str
    enrolled_at: str
    last_step: int
    last_used_at: str | None


class SecondFactorRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, staff_id: int) -> SecondFactorRow | None:
        row = self.db.execute(
            "SELECT staff_id, sealed_secret, sealed_to, enrolled_at, last_step, last_used_at "
            "FROM second_factors WHERE staff_id = ?",
            (staff_id,),
        ).fetchone()
        if row is None:
            return None
        return SecondFactorRow(int(row[0]), str(row[1]), str(row[2]), str(row[3]), int(row[4]), row[5])

    def enrolled_ids(self) -> set[int]:
        return {int(r[0]) for r in self.db.execute("SELECT staff_id FROM second_factors")}

    def put(
        self, staff_id: int, *, sealed_secret: str, sealed_to: str, enrolled_at: str, last_step: int
    ) -> None:
        """A new enrolment (replacing any older one and its recovery codes)."""
        self.remove(staff_id)
        self.db.execute(
            "INSERT INTO second_factors (staff_id, sealed_secret, sealed_to, enrolled_at, last_step) "
            "VALUES (?,?,?,?,?)",
            (staff_id, sealed_secret, sealed_to, enrolled_at, last_step),
        )

    def reseal(self, staff_id: int, *, sealed_secret: str, sealed_to: str) -> None:
        self.db.execute(
            "UPDATE second_factors SET sealed_secret = ?, sealed_to = ? WHERE staff_id = ?",
            (sealed_secret, sealed_to, staff_id),
        )

    def use_step(self, staff_id: int, step: int, at: str) -> bool:
        """Record ``step`` as used; False if it is not newer than the last used one (a replay)."""
        cursor = self.db.execute(
            "UPDATE second_factors SET last_step = ?, last_used_at = ? WHERE staff_id = ? AND last_step < ?",
            (step, at, staff_id, step),
        )
        return cursor.rowcount == 1

    def remove(self, staff_id: int) -> bool:
        self.db.execute("DELETE FROM second_factor_recovery_codes WHERE staff_id = ?", (staff_id,))
        cursor = self.db.execute("DELETE FROM second_factors WHERE staff_id = ?", (staff_id,))
        return cursor.rowcount == 1

    def add_recovery_codes(self, staff_id: int, macs: list[str]) -> None:
        for mac in macs:
            self.db.execute(
                "INSERT INTO second_factor_recovery_codes (staff_id, code_mac) VALUES (?,?)", (staff_id, mac)
            )

    def use_recovery_code(self, staff_id: int, mac: str, at: str) -> bool:
        cursor = self.db.execute(
            "UPDATE second_factor_recovery_codes SET used_at = ? "
            "WHERE staff_id = ? AND code_mac = ? AND used_at IS NULL",
            (at, staff_id, mac),
        )
        return cursor.rowcount == 1

    def recovery_codes_left(self, staff_id: int) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM second_factor_recovery_codes WHERE staff_id = ? AND used_at IS NULL",
            (staff_id,),
        ).fetchone()
        return int(row[0])
