"""The aggregates of a summary payload as plain tables, for the review the approving manager reads.

Rule: what is shown is what leaves. Every number and every suppression marker of
``payload["aggregates"]`` appears as it is in the payload, nothing is recomputed or hidden: a
cell the builder suppressed is the payload's own marker (``"<5"`` below k, ``"x"`` for the
complementary suppression, read from ``payload["suppression"]``) and is flagged so the view can
shade it. Reason: the four-eyes approval (issue 13) is only worth something if the manager sees
the payload itself, not a friendlier restatement of it.

Shape, from the payload's own nesting (the schema is the summary builder's, docs/hq-summary-schema.md):
top-level counts form one "totals" table; a distribution ``{"counts": {…}, "total": n}`` is a
one-column table ending with its total; a mapping of counts is a one-column table; a mapping of
mappings of counts is a two-dimensional table (columns in order of first appearance); anything
deeper is split by its path. Pure data, no widgets: ``payload_view.py`` draws them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

DEFAULT_BELOW_K = "<5"
DEFAULT_COMPLEMENTARY = "x"
TOTALS = ""  # the key of the table holding the top-level counts
TOTAL_ROW = "total"  # the last row of a distribution (``{"counts": …, "total": n}``)


class CellKind(Enum):
    VALUE = "value"
    BELOW_K = "below_k"  # primary suppression: fewer than k
    COMPLEMENTARY = "complementary"  # suppressed so a "<k" cell cannot be worked out from totals


@dataclass(frozen=True)
class Cell:
    text: str  # exactly as in the payload
    kind: CellKind

    @property
    def suppressed(self) -> bool:
        return self.kind is not CellKind.VALUE


@dataclass(frozen=True)
class AggregateTable:
    key: str  # the path of the aggregate in the payload ("by_stage", "consent/hq_sharing"); "" for totals
    row_keys: tuple[str, ...]
    column_keys: tuple[str, ...]  # ("",) for a one-column table
    cells: tuple[tuple[Cell, ...], ...]  # [row][column]

    @property
    def suppressed_count(self) -> int:
        return sum(cell.suppressed for row in self.cells for cell in row)


@dataclass(frozen=True)
class Markers:
    below_k: str = DEFAULT_BELOW_K
    complementary: str = DEFAULT_COMPLEMENTARY

    @classmethod
    def of(cls, payload: dict[str, object]) -> Markers:
        rules = payload.get("suppression")
        if not isinstance(rules, dict):
            return cls()
        return cls(
            str(rules.get("below_k", DEFAULT_BELOW_K)), str(rules.get("complementary", DEFAULT_COMPLEMENTARY))
        )

    def cell(self, value: object) -> Cell:
        if isinstance(value, str):
            if value == self.below_k:
                return Cell(value, CellKind.BELOW_K)
            if value == self.complementary:
                return Cell(value, CellKind.COMPLEMENTARY)
            return Cell(value, CellKind.VALUE)
        if value is None:
            return Cell("", CellKind.VALUE)
        if isinstance(value, bool):
            return Cell("true" if value else "false", CellKind.VALUE)
        if isinstance(value, int):
            return Cell(str(value), CellKind.VALUE)
        return Cell(json.dumps(value, ensure_ascii=False, sort_keys=True), CellKind.VALUE)


def _is_scalar(value: object) -> bool:
    return not isinstance(value, dict)


def _join(path: str, key: str) -> str:
    return f"{path}/{key}" if path else key


def aggregate_tables(payload: dict[str, object]) -> list[AggregateTable]:
    """The payload's aggregates as tables, in the payload's order (totals first)."""
    aggregates = payload.get("aggregates")
    if not isinstance(aggregates, dict):
        return []
    markers = Markers.of(payload)
    tables: list[AggregateTable] = []
    totals = [(key, value) for key, value in aggregates.items() if _is_scalar(value)]
    if totals:
        tables.append(
            AggregateTable(
                TOTALS,
                tuple(key for key, _ in totals),
                ("",),
                tuple((markers.cell(value),) for _, value in totals),
            )
        )
    for key, value in aggregates.items():
        if isinstance(value, dict):
            tables.extend(_tables_of(key, value, markers))
    return tables


def _is_distribution(mapping: dict[str, object]) -> bool:
    """``{"counts": {code: n, ...}, "total": n}``: one field's distribution and its total."""
    counts = mapping.get("counts")
    return (
        set(mapping) == {"counts", "total"}
        and isinstance(counts, dict)
        and all(_is_scalar(value) for value in counts.values())
        and _is_scalar(mapping["total"])
    )


def _tables_of(path: str, mapping: dict[str, object], markers: Markers) -> list[AggregateTable]:
    if _is_distribution(mapping):
        counts = mapping["counts"]
        assert isinstance(counts, dict)
        rows = (*counts, TOTAL_ROW)
        cells = (*((markers.cell(value),) for value in counts.values()), (markers.cell(mapping["total"]),))
        return [AggregateTable(path, rows, ("",), cells)]
    if all(_is_scalar(value) for value in mapping.values()):
        return [
            AggregateTable(
                path,
                tuple(mapping),
                ("",),
                tuple((markers.cell(value),) for value in mapping.values()),
            )
        ]
    if all(
        isinstance(value, dict) and all(_is_scalar(v) for v in value.values()) for value in mapping.values()
    ):
        columns: list[str] = []
        for inner in mapping.values():
            assert isinstance(inner, dict)
            columns.extend(key for key in inner if key not in columns)
        grid: list[tuple[Cell, ...]] = []
        for inner in mapping.values():
            assert isinstance(inner, dict)
            grid.append(
                tuple(markers.cell(inner[c]) if c in inner else Cell("", CellKind.VALUE) for c in columns)
            )
        return [AggregateTable(path, tuple(mapping), tuple(columns), tuple(grid))]
    tables: list[AggregateTable] = []
    scalars = {key: value for key, value in mapping.items() if _is_scalar(value)}
    if scalars:
        tables.extend(_tables_of(path, scalars, markers))
    for key, value in mapping.items():
        if isinstance(value, dict):
            tables.extend(_tables_of(_join(path, key), value, markers))
    return tables


def ordered(table: AggregateTable, first: Sequence[str], last: Sequence[str] = ()) -> AggregateTable:
    """The same table with the rows named in ``first`` first, in that order (a field's choices in
    form order), then the others as in the payload, then those named in ``last`` ("other
    districts", "not recorded"), the total last. Cells move with their rows:
    only the order on screen changes (the JSON tab shows the payload's own order)."""
    keys = list(table.row_keys)
    rank = {key: index for index, key in enumerate(first)}
    trailing = {key: index for index, key in enumerate(last)}

    def position(index: int) -> tuple[int, int]:
        key = keys[index]
        if key == TOTAL_ROW and index == len(keys) - 1:
            return (3, 0)
        if key in trailing:
            return (2, trailing[key])
        return (0, rank[key]) if key in rank else (1, index)

    order = sorted(range(len(keys)), key=position)
    return AggregateTable(
        table.key, tuple(keys[i] for i in order), table.column_keys, tuple(table.cells[i] for i in order)
    )
