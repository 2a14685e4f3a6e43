"""The incident register's figures for the programme dashboard and HQ (counts only, no client).

Rule (issue 14 target "breaches −30%"): ``breaches`` counts incidents the manager assessed as
personal-information breaches, by the Beijing calendar year they were *reported* in (a breach
found in January about a December loss counts in January's year: the year the branch learnt of
it). ``incidents`` counts every incident reported in the year, ``open_incidents`` those of them not
closed, and ``overdue_deadlines`` the deadlines (internal, regulator, clients) of the year's open
incidents that are overdue now (domain/incident_deadlines.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IncidentCounts:
    breaches: int
    incidents: int
    open_incidents: int
    overdue_deadlines: int
