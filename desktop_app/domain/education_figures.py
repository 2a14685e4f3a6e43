"""The counts behind the privacy-education target, per Beijing calendar year (issue 14 contract).

``participants / active_clients`` is the target "privacy education ≥ 50%" (domain/education.py
says who is active and who took part); ``campaigns`` is set against the policy's
``education_campaigns_per_year``. Counts only: this is what the dashboard snapshots and what goes
to headquarters, never a client.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EducationCounts:
    active_clients: int  # not destroyed, and created or followed up in the year
    participants: int  # of those, with a participation record dated in the year
    campaigns: int  # campaigns held in the year
