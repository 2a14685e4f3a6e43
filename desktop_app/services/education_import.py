"""Recording a campaign's participants from its attendee list (a sign-in sheet or an export).

The file is read with the client import's machinery (store/spreadsheet_reader.py: xlsx, xls, csv
in UTF-8 or GBK, every limit checked while reading; nothing copied) and matched row by row to the
clients the user may see (domain/attendee_list.py): by E.164 phone number, else by exact name; one
match is recorded, none is "not found", several "ambiguous". No client is ever created, and the
row report names rows by number only. All matched rows are recorded in one transaction with one
``education.attendees_import`` audit entry (campaign, counts, client ids); ``dry_run`` only reports.
Needs ``EDUCATION_RECORD`` and the client-data key (PIPL Art. 51), like recording one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.attendee_list import (
    Lookup,
    RowOutcome,
    RowReport,
    attendee_rows,
    find_attendee_columns,
    row_report,
)
from desktop_app.domain.education import ParticipationKind, participation_kind_for
from desktop_app.domain.permissions import Action
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.client_directory import agent_filter
from desktop_app.services.education import TARGET_CAMPAIGN, get_campaign
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.education_repository import ParticipationRepository
from desktop_app.store.spreadsheet_reader import read_sheet


@dataclass(frozen=True)
class AttendeeImport:
    campaign_id: int
    kind: ParticipationKind
    rows: tuple[RowReport, ...]
    dry_run: bool

    def count(self, outcome: RowOutcome) -> int:
        return sum(1 for row in self.rows if row.outcome is outcome)

    @property
    def matched(self) -> int:
        return self.count(RowOutcome.MATCHED) + self.count(RowOutcome.ALREADY)


def import_attendees(me: SignedIn, campaign_id: int, path: Path, *, dry_run: bool = False) -> AttendeeImport:
    """Match the attendee list at ``path`` to clients and record them for the campaign."""
    check_permission(me, Action.EDUCATION_RECORD)
    campaign = get_campaign(me, campaign_id)
    kind = participation_kind_for(campaign.channel)
    sheet = read_sheet(Path(path))
    rows = attendee_rows(sheet.rows, find_attendee_columns(sheet.rows))
    db = me.db
    agent = agent_filter(me)
    repo = ParticipationRepository(db)
    reports: list[RowReport] = []
    recorded: list[int] = []
    with db.transaction():
        seen: set[int] = set()
        for row in rows:
            matches = (
                []
                if row.lookup is Lookup.NONE
                else repo.clients_matching(row.lookup.value, row.value, agent_id=agent)
            )
            added = False
            if len(matches) == 1 and matches[0] not in seen:
                seen.add(matches[0])
                if dry_run:
                    added = not repo.has(matches[0], campaign.id)
                else:
                    added = repo.add(
                        client_id=matches[0],
                        campaign_id=campaign.id,
                        kind=kind,
                        day=campaign.day,
                        recorded_by=me.session.staff_id,
                        created_at=me.now_utc(),
                    )
                if added:
                    recorded.append(matches[0])
            reports.append(row_report(row, matches, newly_recorded=added))
        if not dry_run:
            record(
                me,
                "education.attendees_import",
                target_type=TARGET_CAMPAIGN,
                target_id=str(campaign.id),
                details={
                    "kind": kind.value,
                    "rows": len(reports),
                    "recorded": recorded,
                    **{
                        outcome.value: sum(1 for r in reports if r.outcome is outcome)
                        for outcome in RowOutcome
                    },
                },
            )
    return AttendeeImport(campaign.id, kind, tuple(reports), dry_run)
