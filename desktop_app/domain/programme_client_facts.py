"""Counts about clients that staff without the client-data key may still see: the client-facts snapshot.

Rule: auditors and IT never hold the client-data key (separation of duties, see README), yet the
auditor reads the programme dashboard and runs the compliance review, which need a few counts from
clients.db: the privacy-education ratio and three review items (client requests overdue, retention
queue unprocessed, sensitive data held without a recorded consent). Whenever a session holding the
key computes the programme figures it writes these counts, with when and by whom, to branch.db; a
session without the key shows the latest snapshot and its age. Counts only: never a name, id or
any other personal information (PIPL Art. 51: access to personal information is limited to those
who need it; a count is not personal information).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClientFacts:
    computed_at: str  # UTC ISO timestamp
    computed_by: int  # staff id of the session that computed them
    year: int  # the year the education counts are for
    education_active_clients: int | None  # None = education part not available
    education_participants: int | None
    requests_overdue: int  # client requests (PIPL Art. 50) past their deadline and still open
    retention_due_unprocessed: int  # clients due for destruction and not yet processed
    clients_without_consent: int  # clients holding sensitive data without a recorded consent
