"""The counts and per-client rows an HQ summary is built from, read from ``clients.db`` and ``branch.db``.

Rule: aggregates are counted by SQL (``count(*)``, ``GROUP BY``), never by loading clients; the new
clients of the period are counted once per combination of the grouped fields (a materialised CTE,
one pass over the table) and the per-field counts are summed from those combinations in the same
statement; the follow-ups are counted on their covering index. Records in storage only (a legal hold after a deletion request) are in no count and no
row: they may only be stored (PIPL art. 47). Per-client rows are read only for clients whose
``hq_sharing`` consent is in effect (``clients.hq_consent``, kept by the consent services in the
same transaction as the consent event), and only the columns a row is made from.

Periods are Beijing calendar days, both included; stored timestamps are UTC ISO 8601 with a ``Z``
(with or without fractions), so the bounds are the UTC instants of the period's first midnight and
of the midnight after it, written without a suffix: a stored value at the very instant compares as
not before it, whatever its fraction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.consent_purposes import PurposeId, consent_purposes
from desktop_app.domain.hq_summary.aggregation import DISTRICT, SummaryCounts, distribution_fields
from desktop_app.store.database import Database

CONSENT_COLUMNS: dict[PurposeId, str] = {
    PurposeId.SENSITIVE_DATA: "sensitive_consent",
    PurposeId.HQ_SHARING: "hq_consent",
    PurposeId.MARKETING_CONTACT: "marketing_consent",
}
"""The ``clients`` column holding whether each consent purpose is in effect (store/consent_repository.py)."""

_HELD = "storage_only_since IS NULL"
_CLIENTS_SCAN = "client_data.clients NOT INDEXED"
"""A whole-table count reads the table in order: through one of the partial indexes on
``storage_only_since IS NULL`` (the planner's choice) every row is a random lookup, and at 100,000
clients that is ten times slower in SQLCipher (each missed page is decrypted again)."""


def utc_bound(day: date) -> str:
    """The UTC instant of ``day``'s midnight in Beijing, as a comparison bound for stored timestamps."""
    moment = datetime.combine(day, time(0), BRANCH_TIME).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def period_bounds(period_from: date, period_to: date) -> tuple[str, str]:
    return utc_bound(period_from), utc_bound(period_to + timedelta(days=1))


def _grouped_columns() -> list[str]:
    """The client columns the new clients are grouped by (registry choice fields, then district)."""
    return [row.name for row in distribution_fields()] + [DISTRICT]


def summary_counts(db: Database, *, period_from: date, period_to: date, today: date) -> SummaryCounts:
    """Every count of the summary (before suppression)."""
    start, end = period_bounds(period_from, period_to)
    columns = _grouped_columns()
    listed = ", ".join(columns)
    marginals = " UNION ALL ".join(
        f"SELECT {index}, {column}, sum(n) FROM cube GROUP BY {column}"
        for index, column in enumerate(columns)
    )
    by: dict[str, dict[str | None, int]] = {column: {} for column in columns}
    new_total = 0
    rows = db.execute(
        f"WITH cube AS MATERIALIZED (SELECT {listed}, count(*) AS n FROM {_CLIENTS_SCAN} "
        f"WHERE {_HELD} AND created_at >= ? AND created_at < ? GROUP BY {listed}) {marginals}",
        (start, end),
    ).fetchall()
    for index, value, count in rows:
        by[columns[int(index)]][None if value is None else str(value)] = int(count)
        if int(index) == 0:
            new_total += int(count)
    follow_ups = db.execute(
        "SELECT count(*) FROM client_data.client_followups WHERE at >= ? AND at < ? AND client_id NOT IN "
        f"(SELECT id FROM {_CLIENTS_SCAN} WHERE storage_only_since IS NOT NULL)",
        (start, end),
    ).fetchone()[0]
    purposes = [p.id for p in consent_purposes() if p.id in CONSENT_COLUMNS]
    sums = ", ".join(f"coalesce(sum({CONSENT_COLUMNS[p]}), 0)" for p in purposes)
    held_row = db.execute(f"SELECT count(*), {sums} FROM {_CLIENTS_SCAN} WHERE {_HELD}").fetchone()
    opened, closed, overdue = db.execute(
        "SELECT coalesce(sum(received_on >= ? AND received_on <= ?), 0), "
        "coalesce(sum(closed_at IS NOT NULL AND closed_at >= ? AND closed_at < ?), 0), "
        "coalesce(sum(status = 'open' AND due_on < ?), 0) FROM client_data.client_requests",
        (period_from.isoformat(), period_to.isoformat(), start, end, today.isoformat()),
    ).fetchone()
    destructions = db.execute(
        "SELECT count(*) FROM destruction_records WHERE destroyed_at >= ? AND destroyed_at < ?", (start, end)
    ).fetchone()[0]
    return SummaryCounts(
        new_clients=new_total,
        follow_ups=int(follow_ups),
        new_clients_by=by,
        clients_held=int(held_row[0]),
        consent_granted={p.value: int(held_row[1 + i]) for i, p in enumerate(purposes)},
        requests_opened=int(opened),
        requests_closed=int(closed),
        requests_overdue=int(overdue),
        destructions=int(destructions),
    )


@dataclass(frozen=True, repr=False)
class RowSource:
    """The stored values one per-client row is made from (personal data: no repr)."""

    id_number: str | None
    phone_e164: str
    full_name: str
    district: str | None
    intention_level: str | None
    property_type: str | None
    budget_band: str | None
    stage: str
    agent_id: int

    def __repr__(self) -> str:
        return "RowSource(...)"


_ROW_COLUMNS: Sequence[str] = (
    "id_number",
    "phone_e164",
    "full_name",
    "district",
    "intention_level",
    "property_type",
    "budget_band",
    "stage",
    "assigned_agent_id",
)


def consenting_clients(db: Database, batch: int = 5000) -> Iterator[RowSource]:
    """The clients held now whose HQ-sharing consent is in effect, in id order, in batches."""
    last = 0
    while True:
        rows = db.execute(
            f"SELECT id, {', '.join(_ROW_COLUMNS)} FROM client_data.clients "
            f"WHERE {_HELD} AND hq_consent = 1 AND id > ? ORDER BY id LIMIT ?",
            (last, batch),
        ).fetchall()
        if not rows:
            return
        for row in rows:
            yield RowSource(
                id_number=None if row[1] is None else str(row[1]),
                phone_e164=str(row[2]),
                full_name=str(row[3]),
                district=None if row[4] is None else str(row[4]),
                intention_level=None if row[5] is None else str(row[5]),
                property_type=None if row[6] is None else str(row[6]),
                budget_band=None if row[7] is None else str(row[7]),
                stage=str(row[8]),
                agent_id=int(row[9]),
            )
        last = int(rows[-1][0])
