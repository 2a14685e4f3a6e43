"""One entry of a client's change history: which fields changed, when, by whom, for which request.

Never the old or new values (PIPL Art. 49–50 corrections leave the old values only as pseudonyms in
the audit log). A record the store reads and the client-data copy (documents) prints.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClientChange:
    """Which fields of a client were changed, when, by whom, for which request (no values)."""

    id: int
    at: str
    staff_id: int
    fields: tuple[str, ...]
    request_id: int | None
