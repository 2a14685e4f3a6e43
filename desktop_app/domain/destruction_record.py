"""One destroyed client, as kept for evidence (PIPL Art. 47): when, by whom, approved by whom, on
which ground, named only by a pseudonym, and which data categories went.

A record the store reads (append-only ``destruction_records``) and the destruction certificate
(documents) prints; no I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DestructionRecord:
    id: int
    destroyed_at: str
    destroyed_by: int
    approved_by: int
    client_pseudonym: str
    categories: tuple[str, ...]
    reason: str
    request_reference: str
    batch_id: int | None = None
