"""Combining the aggregates of several summaries into the figures HQ shows.

Rule: a suppressed cell (the payload's ``"<5"`` or ``"x"``) is never estimated. A combined cell
keeps the sum of the known counts and the number of suppressed contributions apart; it is shown as
the known sum only when nothing was suppressed, otherwise as "suppressed" with the known part as a
lower bound ("≥ n"), which the branch already disclosed. Reason: k-anonymity suppression with
complementary cells (GB/T 35273-2020 / GB/T 37964-2019 de-identification) would be undone if HQ
guessed the hidden counts.

The aggregates are read generically: a section is a count, a mapping of categories to counts, a
distribution ``{"total": n, "counts": {category: n}}``, or a mapping of rows to mappings of parts to
counts (consent per purpose: granted / not granted / clients). Floats are refused before storage;
anything unexpected here is skipped.

Stocks (``STOCKS``: clients held, consent over the clients held, requests overdue at generation) are
counts at a moment, not over the period: across one branch's periods only its newest summary counts;
across branches they are added.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Counts "as at generation" rather than "during the period": summed across branches, never across
# one branch's periods (section -> its stock parts; None: the whole section).
STOCKS: dict[str, frozenset[str] | None] = {
    "clients_held": None,
    "consent": None,
    "client_requests": frozenset({"overdue"}),
}


@dataclass(frozen=True)
class Cell:
    """A count combined from one or more contributions."""

    known: int = 0
    suppressed: int = 0  # how many contributions were suppressed
    markers: tuple[str, ...] = ()  # the markers seen, e.g. ("<5",)

    def __add__(self, other: Cell) -> Cell:
        markers = tuple(sorted(set(self.markers) | set(other.markers)))
        return Cell(self.known + other.known, self.suppressed + other.suppressed, markers)

    @property
    def exact(self) -> bool:
        return self.suppressed == 0

    def text(self) -> str:
        """What the page prints: the count, the marker, or the known lower bound."""
        if self.exact:
            return str(self.known)
        if self.known == 0:
            return self.markers[0] if self.suppressed == 1 and self.markers else f"已隐藏×{self.suppressed}"
        return f"≥{self.known}"


def cell_of(value: Any) -> Cell | None:
    """A payload value as a cell: an int count, a suppression marker (str), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Cell(known=value)
    if isinstance(value, str):
        return Cell(suppressed=1, markers=(value,))
    return None


@dataclass
class Section:
    """One figure: ``rows`` maps a row code to parts (``""`` for a plain count) to cells."""

    key: str
    rows: dict[str, dict[str, Cell]] = field(default_factory=dict)
    total: Cell | None = None  # a distribution's own total, as published

    @property
    def is_scalar(self) -> bool:
        return list(self.rows) == [""] and list(self.rows[""]) == [""]

    @property
    def parts(self) -> list[str]:
        seen: dict[str, None] = {}
        for parts in self.rows.values():
            seen.update(dict.fromkeys(parts))
        return list(seen)

    def add(self, row: str, part: str, cell: Cell) -> None:
        parts = self.rows.setdefault(row, {})
        parts[part] = parts.get(part, Cell()) + cell


def _flatten(value: Any, prefix: str) -> Iterable[tuple[str, str, Cell]]:
    """(row, part, cell) for every count in one section's value."""
    direct = cell_of(value)
    if direct is not None:
        yield prefix, "", direct
        return
    if not isinstance(value, Mapping):
        return
    for key, inner in value.items():
        cell = cell_of(inner)
        if cell is not None:
            yield (prefix, str(key), cell) if prefix else (str(key), "", cell)
        elif isinstance(inner, Mapping):
            row = f"{prefix}/{key}" if prefix else str(key)
            for part, part_value in inner.items():
                part_cell = cell_of(part_value)
                if part_cell is not None:
                    yield row, str(part), part_cell
                elif isinstance(part_value, Mapping):
                    yield from _flatten(part_value, f"{row}/{part}")


def _is_distribution(value: Any) -> bool:
    return (
        isinstance(value, Mapping)
        and set(value) == {"total", "counts"}
        and isinstance(value["counts"], Mapping)
    )


def sections_of(aggregates: Mapping[str, Any]) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    for key, value in aggregates.items():
        section = Section(str(key))
        if _is_distribution(value):
            section.total = cell_of(value["total"])
            value = value["counts"]
        for row, part, cell in _flatten(value, ""):
            section.add(row, part, cell)
        if section.rows:
            sections[section.key] = section
    return sections


def _add_into(combined: dict[str, Section], sections: Mapping[str, Section]) -> None:
    for key, section in sections.items():
        target = combined.setdefault(key, Section(key))
        if section.total is not None:
            target.total = section.total if target.total is None else target.total + section.total
        for row, parts in section.rows.items():
            for part, cell in parts.items():
                target.add(row, part, cell)


def combine(all_aggregates: Iterable[Mapping[str, Any]]) -> dict[str, Section]:
    """The figures of several summaries added cell by cell (suppressed parts kept apart)."""
    combined: dict[str, Section] = {}
    for aggregates in all_aggregates:
        _add_into(combined, sections_of(aggregates))
    return combined


def combine_sections(per_branch: Iterable[Mapping[str, Section]]) -> dict[str, Section]:
    """Several branches' figures added cell by cell."""
    combined: dict[str, Section] = {}
    for sections in per_branch:
        _add_into(combined, sections)
    return combined


def _flows_only(aggregates: Mapping[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key, value in aggregates.items():
        if key in STOCKS:
            parts = STOCKS[key]
            if parts is None or not isinstance(value, Mapping):
                continue
            value = {part: inner for part, inner in value.items() if part not in parts}
        kept[key] = value
    return kept


def combine_periods(newest_first: Sequence[Mapping[str, Any]]) -> dict[str, Section]:
    """One branch's summaries of several (non-overlapping) periods: flows are added, stocks (counts
    at generation, e.g. clients held) come from the newest summary only, never added up."""
    if not newest_first:
        return {}
    newest, *older = newest_first
    return combine([newest, *(_flows_only(aggregates) for aggregates in older)])


def scalar_by_branch(per_branch: Mapping[str, Mapping[str, Section]], key: str) -> dict[str, Cell]:
    """One scalar section (e.g. new clients) per branch, for the by-branch chart."""
    result: dict[str, Cell] = {}
    for branch, sections in per_branch.items():
        section = sections.get(key)
        if section is not None and section.is_scalar:
            result[branch] = section.rows[""][""]
    return result
