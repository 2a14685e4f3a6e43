"""The review's tables (ui/exports/aggregate_tables.py) show every figure of the payload exactly, with
each suppression marker kept and flagged, whatever the nesting; reordering rows moves their cells."""

from __future__ import annotations

import json
import random

from desktop_app.ui.exports.aggregate_tables import (
    TOTAL_ROW,
    TOTALS,
    CellKind,
    aggregate_tables,
    ordered,
)

PAYLOAD = {
    "suppression": {"k": 5, "below_k": "<5", "complementary": "x"},
    "aggregates": {
        "new_clients": 31,
        "destructions": "<5",
        "new_clients_by_stage": {"counts": {"lead": 20, "contract": "x", "closed": "<5"}, "total": 31},
        "consent": {
            "hq_sharing": {"clients": 40, "granted": 12, "not_granted": 28},
            "marketing_contact": {"clients": 40, "granted": "<5", "not_granted": "x"},
        },
        "client_requests": {"opened": "<5", "closed": 0},
    },
}


def _leaves(value: object) -> list[str]:
    if isinstance(value, dict):
        return [leaf for inner in value.values() for leaf in _leaves(inner)]
    return [str(value)]


def test_every_figure_appears_once_as_it_is_in_the_payload() -> None:
    tables = aggregate_tables(PAYLOAD)
    assert [t.key for t in tables] == [TOTALS, "new_clients_by_stage", "consent", "client_requests"]
    shown = sorted(cell.text for t in tables for row in t.cells for cell in row)
    assert shown == sorted(_leaves(PAYLOAD["aggregates"]))
    stage = tables[1]
    assert stage.row_keys == ("lead", "contract", "closed", TOTAL_ROW)
    assert [row[0].kind for row in stage.cells] == [
        CellKind.VALUE,
        CellKind.COMPLEMENTARY,
        CellKind.BELOW_K,
        CellKind.VALUE,
    ]
    consent = tables[2]
    assert consent.column_keys == ("clients", "granted", "not_granted")
    assert consent.suppressed_count == 2


def test_random_nesting_loses_no_figure_and_flags_every_marker() -> None:
    rng = random.Random(13)

    def value(depth: int) -> object:
        if depth and rng.random() < 0.4:
            return {f"k{i}": value(depth - 1) for i in range(rng.randint(1, 4))}
        return rng.choice([0, 3, 7, 120, "<5", "x"])

    for _ in range(200):
        aggregates = {f"a{i}": value(3) for i in range(rng.randint(1, 5))}
        payload = {"suppression": {"below_k": "<5", "complementary": "x"}, "aggregates": aggregates}
        tables = aggregate_tables(payload)
        cells = [cell for t in tables for row in t.cells for cell in row if cell.text]
        assert sorted(c.text for c in cells) == sorted(_leaves(aggregates)), json.dumps(aggregates)
        assert all(c.suppressed == (c.text in ("<5", "x")) for c in cells)


def test_ordering_moves_rows_with_their_cells_and_keeps_the_total_last() -> None:
    stage = aggregate_tables(PAYLOAD)[1]
    moved = ordered(stage, ("lead", "closed", "contract"), ("not_recorded",))
    assert moved.row_keys == ("lead", "closed", "contract", TOTAL_ROW)
    assert [row[0].text for row in moved.cells] == ["20", "<5", "x", "31"]
    districts = {"counts": {"not_recorded": 9, "other_districts": 4, "南山区": 6}, "total": 19}
    table = aggregate_tables({"aggregates": {"new_clients_by_district": districts}})[0]
    last = ordered(table, (), ("other_districts", "not_recorded"))
    assert last.row_keys == ("南山区", "other_districts", "not_recorded", TOTAL_ROW)
