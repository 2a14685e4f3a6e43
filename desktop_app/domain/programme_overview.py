"""The programme's figures for one quarter as the dashboard, the CLI and the report show them.

Plain values (the services compute them: services/programme_status.py; the report renders them:
documents/programme_report.py): the counts, the six targets judged against the policy, the trend
over the last five quarters, what is due, and where the client-side figures came from (computed
now by a key holder, or the snapshot a manager's session left, with its age). Counts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.programme_due import DueItem
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.programme_targets import ProgrammeCounts, TargetResult, counts_to_dict, result_to_dict


@dataclass(frozen=True)
class TrendPoint:
    quarter: str  # "2026Q3"
    results: list[TargetResult]


@dataclass(frozen=True)
class FactsSource:
    """Where the client-side figures came from: computed now (``live``) or a snapshot."""

    live: bool
    computed_at: str | None  # UTC ISO; None: no figures at all
    computed_by: str  # display name; "" when unknown
    mismatch: bool = False  # a stored snapshot does not match the audit log (edited): not used


@dataclass(frozen=True)
class ProgrammeStatus:
    quarter: Quarter
    as_of: date
    counts: ProgrammeCounts
    results: list[TargetResult]
    trend: list[TrendPoint]  # oldest first; the last is ``quarter``
    due: list[DueItem]
    client_facts: FactsSource


def status_to_dict(status: ProgrammeStatus) -> dict[str, object]:
    """The JSON of ``programme status --json`` (and what the dashboard shows): plain values only."""
    return {
        "quarter": status.quarter.key(),
        "as_of": status.as_of.isoformat(),
        "targets": [result_to_dict(r) for r in status.results],
        "counts": counts_to_dict(status.counts),
        "trend": [
            {
                "quarter": point.quarter,
                "targets": {
                    r.target.value: {
                        "value": None if r.value_percent is None else str(r.value_percent),
                        "met": r.met,
                    }
                    for r in point.results
                },
            }
            for point in status.trend
        ],
        "due": [
            {
                "kind": item.kind.value,
                "state": item.state.value,
                "count": item.count,
                "due_on": None if item.due_on is None else item.due_on.isoformat(),
                "text_zh": item.text_zh,
                "text_en": item.text_en,
            }
            for item in status.due
        ],
        "client_facts": {
            "live": status.client_facts.live,
            "computed_at": status.client_facts.computed_at,
            "computed_by": status.client_facts.computed_by,
            "mismatch": status.client_facts.mismatch,
        },
    }
