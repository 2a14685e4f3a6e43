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


@dataclass(frozen=True)
class BreachBaseline:
    """The year the breach target compares against and its number of breaches.

    ``count`` is None when it is not known: no count was set and the register does not cover that
    year (the branch started using the app later and recorded nothing for it) — "no data", never 0.
    ``source``: "setting" (``breach_baseline_count`` set at setup), "records" or "none"."""

    year: int
    count: int | None
    source: str


def baseline_year(year: int, setting: int) -> int:
    """``breach_baseline_year`` when set (> 0), else the year before ``year``."""
    return setting if setting > 0 else year - 1


def breach_baseline(
    *, year: int, year_setting: int, count_setting: int, recorded: int, register_covers_year: bool
) -> BreachBaseline:
    """The baseline for ``year``: the count set at setup wins; otherwise the register's count of the
    baseline year if the register covers it (the branch used the app then, or recorded incidents of it)."""
    base = baseline_year(year, year_setting)
    if count_setting >= 0:
        return BreachBaseline(base, count_setting, "setting")
    if register_covers_year:
        return BreachBaseline(base, recorded, "records")
    return BreachBaseline(base, None, "none")
