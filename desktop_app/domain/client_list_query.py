"""How a client list, count or search is asked for: its sort order and its filters (codes only).

A value the UI builds and the services and the store take; the store turns it into SQL
(store/client_repository.py), so the rule of what a filter means lives in one place and the UI
never imports the store. Empty sets and None mean "any".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ClientSort(StrEnum):
    LAST_CONTACT = "last_contact"  # most recent contact first, never-contacted last
    INTENTION = "intention"  # A, B, C, then unrated; most recent contact first within a level
    NAME = "name"


@dataclass(frozen=True)
class ClientFilter:
    """What a list, count or search is narrowed to; empty sets and None mean "any"."""

    intention_levels: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    source_channels: frozenset[str] = frozenset()
    agent_id: int | None = None  # a manager's choice of agent (an agent always sees only their own)
    contact_from: str | None = None  # UTC timestamps, inclusive: last contact on or after
    contact_before: str | None = None  # last contact strictly before


NO_FILTER = ClientFilter()
