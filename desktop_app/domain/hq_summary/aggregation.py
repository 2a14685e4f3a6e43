"""The ``aggregates`` object of an HQ summary, from counts the store grouped in SQL.

Rule: only counts leave, no client is named, and every count below k is suppressed with
complementary suppression (suppression.py). What is counted, for the period (Beijing dates, both
included) unless said otherwise:

- ``new_clients`` (records created in the period, storage-only records left out) and ``follow_ups``;
- the distribution of those new clients by each choice field the client-field registry marks for
  headquarters (``HqShare`` other than NONE: stage, intention level, property type, budget band,
  source channel …), every code of the field listed (zeros too) plus ``not_recorded``, so each
  distribution sums to ``new_clients``;
- by district: the district as a summary may show it (``shown_district``: nothing below the
  district); a district with fewer than k new clients is never named but counted in
  ``other_districts`` (naming it would tell HQ that someone lives there), and unrecognisable text in
  ``not_recorded``;
- consent per purpose needing consent, over the clients held now (not in storage only): granted,
  not granted, clients;
- individuals' requests opened and closed in the period, open and overdue at generation;
  destructions done in the period.

The tables of one population share a total (``new_clients``; the clients held now): when any of them
has to hide it, it is hidden in all of them and at the top level, so it cannot be read from another
table. No floats: a rate is two counts.

Legal basis: PIPL art. 23 (provision to headquarters, another handler, of aggregates carries no
personal information), art. 73(3) (anonymisation: no individual can be singled out).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.address_masking import shown_district
from desktop_app.domain.client_field_registry import CLIENT_FIELDS, ClientField, FieldKind, HqShare
from desktop_app.domain.hq_summary.suppression import (
    COMPLEMENTARY,
    Published,
    below_k_marker,
    suppress_count,
    suppress_row,
)

NOT_RECORDED = "not_recorded"
OTHER_DISTRICTS = "other_districts"
DISTRICT = "district"


@dataclass(frozen=True)
class SummaryCounts:
    """What the store counted (``store/hq_summary_queries.py``), before suppression.

    ``new_clients_by``: field name → stored value (None: not recorded) → new clients in the period.
    ``consent_granted``: purpose code → clients held now whose consent to it is in effect.
    """

    new_clients: int
    follow_ups: int
    new_clients_by: Mapping[str, Mapping[str | None, int]]
    clients_held: int
    consent_granted: Mapping[str, int]
    requests_opened: int
    requests_closed: int
    requests_overdue: int
    destructions: int


def distribution_fields() -> tuple[ClientField, ...]:
    """The choice fields whose distribution the summary carries (read from the registry at call time)."""
    return tuple(
        row
        for row in CLIENT_FIELDS
        if row.kind is FieldKind.CHOICE and row.choice is not None and row.hq is not HqShare.NONE
    )


def distribution_name(field_name: str) -> str:
    return f"new_clients_by_{field_name}"


def _choice_categories(row: ClientField, groups: Mapping[str | None, int]) -> dict[str, int]:
    assert row.choice is not None
    codes = [member.value for member in row.choice]
    counts = dict.fromkeys(codes, 0)
    counts[NOT_RECORDED] = 0
    for value, count in groups.items():
        key = value if value in counts and value != NOT_RECORDED else NOT_RECORDED
        counts[key] += count
    return counts


def _district_categories(groups: Mapping[str | None, int], k: int) -> dict[str, int]:
    shown: dict[str, int] = {}
    for value, count in groups.items():
        name = shown_district(value)
        shown[name] = shown.get(name, 0) + count
    not_recorded = shown.pop("", 0)
    counts = {name: count for name, count in sorted(shown.items()) if count >= k}
    counts[OTHER_DISTRICTS] = sum(count for count in shown.values() if count < k)
    counts[NOT_RECORDED] = not_recorded
    return counts


def _distribution(categories: Mapping[str, int], k: int) -> tuple[dict[str, Published], Published]:
    names = list(categories)
    table = suppress_row([categories[name] for name in names], k)
    return dict(zip(names, table.cells[0], strict=True)), table.total


def _shared_total(value: int, hidden: bool, k: int) -> Published:
    """The published form of a total several tables share: hidden in all when one had to hide it."""
    if value < k:
        return below_k_marker(k)
    return COMPLEMENTARY if hidden else value


def aggregates(counts: SummaryCounts, k: int) -> dict[str, Any]:
    """The ``aggregates`` object (integers and markers only)."""
    tables: dict[str, dict[str, Published]] = {}
    hidden_new = False
    for row in distribution_fields():
        cells, total = _distribution(_choice_categories(row, counts.new_clients_by.get(row.name, {})), k)
        tables[distribution_name(row.name)] = cells
        hidden_new = hidden_new or total == COMPLEMENTARY
    cells, total = _distribution(_district_categories(counts.new_clients_by.get(DISTRICT, {}), k), k)
    tables[distribution_name(DISTRICT)] = cells
    hidden_new = hidden_new or total == COMPLEMENTARY
    new_total = _shared_total(counts.new_clients, hidden_new, k)

    consent_cells: dict[str, dict[str, Published]] = {}
    hidden_held = False
    for purpose, granted in sorted(counts.consent_granted.items()):
        table = suppress_row([granted, counts.clients_held - granted], k)
        consent_cells[purpose] = {"granted": table.cells[0][0], "not_granted": table.cells[0][1]}
        hidden_held = hidden_held or table.total == COMPLEMENTARY
    held_total = _shared_total(counts.clients_held, hidden_held, k)

    result: dict[str, Any] = {
        "new_clients": new_total,
        "follow_ups": suppress_count(counts.follow_ups, k),
    }
    for name, cells in tables.items():
        result[name] = {"total": new_total, "counts": cells}
    result["consent"] = {
        purpose: {**cells, "clients": held_total} for purpose, cells in consent_cells.items()
    }
    result["clients_held"] = held_total
    result["client_requests"] = {
        "opened": suppress_count(counts.requests_opened, k),
        "closed": suppress_count(counts.requests_closed, k),
        "overdue": suppress_count(counts.requests_overdue, k),
    }
    result["destructions"] = suppress_count(counts.destructions, k)
    return result
