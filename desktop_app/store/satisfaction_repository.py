"""Anonymous satisfaction responses and survey import batches, in branch.db (migration m016).

A response holds a Beijing day, its quarter key, a rating 1-5, its source (a paper form typed in, or
an import batch) and who entered it: no client, no free text, no IP or name (PIPL Art. 73(4)). An
import batch holds the file's SHA-256 (its name may carry personal information: never stored), the
question text used and its counts. Writes run inside the caller's transaction, with the audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from desktop_app.store.database import Database


@dataclass(frozen=True)
class NewResponse:
    day: date
    quarter: str
    rating: int
    source_key: str | None = None


@dataclass(frozen=True)
class ImportBatch:
    id: int
    file_sha256: str
    question: str
    rows_read: int
    imported: int
    skipped: int
    imported_by: int
    imported_at: str


class SatisfactionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _require_transaction(self) -> None:
        if not self.db.in_transaction:
            raise RuntimeError(
                "satisfaction responses are written inside the transaction of their audit entry"
            )

    def add_paper(self, response: NewResponse, *, entered_by: int, now: str) -> int:
        self._require_transaction()
        cursor = self.db.execute(
            "INSERT INTO satisfaction_responses (response_day, quarter, rating, source, entered_by, created_at) "
            "VALUES (?,?,?,'paper',?,?)",
            (response.day.isoformat(), response.quarter, response.rating, entered_by, now),
        )
        return int(cursor.lastrowid or 0)

    def add_batch(
        self,
        *,
        file_sha256: str,
        question: str,
        rows_read: int,
        imported: int,
        skipped: int,
        imported_by: int,
        now: str,
    ) -> int:
        self._require_transaction()
        cursor = self.db.execute(
            "INSERT INTO satisfaction_imports (file_sha256, question, rows_read, imported, skipped, "
            "imported_by, imported_at) VALUES (?,?,?,?,?,?,?)",
            (file_sha256, question, rows_read, imported, skipped, imported_by, now),
        )
        return int(cursor.lastrowid or 0)

    def add_imported(
        self, responses: Iterable[NewResponse], *, batch_id: int, entered_by: int, now: str
    ) -> int:
        self._require_transaction()
        count = 0
        for response in responses:
            self.db.execute(
                "INSERT INTO satisfaction_responses (response_day, quarter, rating, source, import_batch, "
                "source_key, entered_by, created_at) VALUES (?,?,?,'import',?,?,?,?)",
                (
                    response.day.isoformat(),
                    response.quarter,
                    response.rating,
                    batch_id,
                    response.source_key,
                    entered_by,
                    now,
                ),
            )
            count += 1
        return count

    def batch_with_file(self, file_sha256: str) -> ImportBatch | None:
        row = self.db.execute(
            "SELECT id, file_sha256, question, rows_read, imported, skipped, imported_by, imported_at "
            "FROM satisfaction_imports WHERE file_sha256 = ?",
            (file_sha256,),
        ).fetchone()
        if row is None:
            return None
        return ImportBatch(
            id=int(row[0]),
            file_sha256=str(row[1]),
            question=str(row[2]),
            rows_read=int(row[3]),
            imported=int(row[4]),
            skipped=int(row[5]),
            imported_by=int(row[6]),
            imported_at=str(row[7]),
        )

    def known_source_keys(self, keys: Iterable[str]) -> set[str]:
        """Those of ``keys`` already stored (responses imported before)."""
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT source_key FROM satisfaction_responses WHERE source_key IN ({marks})", tuple(chunk)
            ).fetchall()
            found.update(str(r[0]) for r in rows)
        return found

    def distribution(self, quarter: str) -> dict[int, int]:
        """Rating → number of responses in ``quarter`` ("2026Q4")."""
        rows = self.db.execute(
            "SELECT rating, count(*) FROM satisfaction_responses WHERE quarter = ? GROUP BY rating",
            (quarter,),
        ).fetchall()
        return {int(rating): int(n) for rating, n in rows}
