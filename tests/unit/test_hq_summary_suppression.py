"""Suppression of small counts in HQ summaries: an attacker who knows what "<k" and "x" mean and
every published cell and total tries to recover each suppressed cell by enumerating every integer
completion of the table; each suppressed cell must keep at least two possible values."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.hq_summary.suppression import (
    COMPLEMENTARY,
    Published,
    SuppressedTable,
    TableWithheld,
    suppress_count,
    suppress_row,
    suppress_table,
)


def _allowed(published: Published, k: int, cap: int) -> range:
    """The values an attacker allows for a published cell."""
    if isinstance(published, int):
        return range(published, published + 1)
    if published == COMPLEMENTARY:
        return range(k, cap + 1)
    assert published == f"<{k}"
    return range(0, k)


def _feasible_values(
    published: SuppressedTable, k: int, cap: int, with_column_totals: bool
) -> dict[tuple[int, int], set[int]]:
    """Brute force: every completion of the interior cells (each within what its marker allows, up
    to ``cap``) whose totals agree with the published totals; the values each suppressed cell (margins
    too, keyed in the extended table) takes across them."""
    rows, cols = len(published.cells), len(published.cells[0])
    domains = [[_allowed(published.cells[i][j], k, cap) for j in range(cols)] for i in range(rows)]
    row_ok = [_allowed(published.row_totals[i], k, cap * cols) for i in range(rows)]
    col_ok = (
        [_allowed(published.column_totals[j], k, cap * rows) for j in range(cols)]
        if published.column_totals is not None
        else None
    )
    total_ok = _allowed(published.total, k, cap * rows * cols)
    seen: dict[tuple[int, int], set[int]] = {}
    suppressed: list[tuple[int, int]] = [
        (i, j) for i in range(rows) for j in range(cols) if isinstance(published.cells[i][j], str)
    ]
    suppressed += [(i, cols) for i in range(rows) if isinstance(published.row_totals[i], str)]
    if published.column_totals is not None:
        suppressed += [(rows, j) for j in range(cols) if isinstance(published.column_totals[j], str)]
        if isinstance(published.total, str):
            suppressed.append((rows, cols))
    for key in suppressed:
        seen[key] = set()
    grid = [[0] * cols for _ in range(rows)]
    col_sums = [0] * cols

    def all_ambiguous() -> bool:
        return all(len(values) >= 2 for values in seen.values())

    def record() -> None:
        row_sums = [sum(row) for row in grid]
        for key in seen:
            i, j = key
            if i < rows and j < cols:
                seen[key].add(grid[i][j])
            elif j == cols and i < rows:
                seen[key].add(row_sums[i])
            elif i == rows and j < cols:
                seen[key].add(col_sums[j])
            else:
                seen[key].add(sum(row_sums))

    def dfs(i: int, j: int, row_sum: int) -> bool:  # True: stop (everything ambiguous)
        if i == rows:
            if col_ok is not None and any(col_sums[c] not in col_ok[c] for c in range(cols)):
                return False
            if sum(col_sums) not in total_ok:
                return False
            record()
            return all_ambiguous()
        if j == cols:
            if row_sum not in row_ok[i]:
                return False
            return dfs(i + 1, 0, 0)
        for value in domains[i][j]:
            if row_sum + value > row_ok[i].stop - 1:
                break
            if col_ok is not None and col_sums[j] + value > col_ok[j].stop - 1:
                break
            grid[i][j] = value
            col_sums[j] += value
            stop = dfs(i, j + 1, row_sum + value)
            col_sums[j] -= value
            if stop:
                return True
        return False

    dfs(0, 0, 0)
    del with_column_totals
    return seen


def _check_markers(values: Sequence[Sequence[int]], published: SuppressedTable, k: int) -> None:
    for row, out in zip(values, published.cells, strict=True):
        for value, shown in zip(row, out, strict=True):
            if value < k:
                assert shown == f"<{k}"
            else:
                assert shown in (value, COMPLEMENTARY)


def _assert_unrecoverable(
    values: Sequence[Sequence[int]], published: SuppressedTable, k: int, *, two_d: bool
) -> None:
    _check_markers(values, published, k)
    grand = sum(map(sum, values))
    cap = published.total if isinstance(published.total, int) else grand + 1
    seen = _feasible_values(published, k, cap, two_d)
    for key, options in seen.items():
        assert len(options) >= 2, f"cell {key} of {values} is recoverable from {published}: {options}"


small_k = st.integers(min_value=3, max_value=5)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(k=small_k, cells=st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=6))
def test_rows_cannot_be_recovered(k: int, cells: list[int]) -> None:
    published = suppress_row(cells, k)
    assert published.column_totals is None
    if isinstance(published.total, int):
        assert published.total == sum(cells)
    _assert_unrecoverable([cells], published, k, two_d=False)


@st.composite
def tables(draw: st.DrawFn) -> list[list[int]]:
    rows = draw(st.integers(min_value=1, max_value=3))
    cols = draw(st.integers(min_value=1, max_value=3))
    value = st.integers(min_value=0, max_value=9)
    return [[draw(value) for _ in range(cols)] for _ in range(rows)]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(k=small_k, cells=tables())
def test_tables_cannot_be_recovered(k: int, cells: list[list[int]]) -> None:
    try:
        published = suppress_table(cells, k)
    except TableWithheld:
        return  # nothing of it is published
    _assert_unrecoverable(cells, published, k, two_d=True)
    row_totals = [sum(row) for row in cells]
    for shown, value in zip(published.row_totals, row_totals, strict=True):
        assert shown == value or (shown == f"<{k}") == (value < k)


def test_single_small_cell_gets_a_complementary_partner() -> None:
    published = suppress_row([3, 10, 12])
    assert published.cells == (("<5", "x", 12),)
    assert published.total == 25


def test_zero_cells_are_suppressed_and_protected() -> None:
    # two zeros and a published 20 of total 20 would show both zeros are 0
    published = suppress_row([0, 0, 20])
    assert published.cells == (("<5", "<5", "x"),)
    assert published.total == 20


def test_forced_pair_hides_the_total() -> None:
    # 4 + 4 = 8 with both "<5": the total forces both to 4; only hiding the total protects them
    published = suppress_row([4, 4])
    assert published.cells == (("<5", "<5"),)
    assert published.total == COMPLEMENTARY
    assert published.total_suppressed


def test_two_small_cells_protect_each_other() -> None:
    published = suppress_row([1, 2, 30])
    assert published.cells == (("<5", "<5", 30),)
    assert published.total == 33


def test_small_total_is_suppressed() -> None:
    published = suppress_row([1, 2, 0])
    assert published.cells == (("<5", "<5", "<5"),)
    assert published.total == "<5"


def test_two_d_chooses_the_smallest_complementary_cells() -> None:
    published = suppress_table([[2, 6, 40], [7, 9, 50], [30, 8, 60]])
    assert published.cells[0][0] == "<5"
    hidden = {
        (i, j) for i, row in enumerate(published.cells) for j, cell in enumerate(row) if cell == COMPLEMENTARY
    }
    assert hidden == {(0, 1), (1, 0), (1, 1)}
    assert published.row_totals == (48, 66, 98)
    assert published.column_totals == (39, 23, 150)
    assert published.total == 212


def test_two_d_margin_forcing_is_handled() -> None:
    # [[4,1],[1,0]]: every interior cell is small; the totals 5, 5 and 6 would force them all
    cells = [[4, 1], [1, 0]]
    published = suppress_table(cells)
    _assert_unrecoverable(cells, published, 5, two_d=True)


def test_counts_alone() -> None:
    assert suppress_count(4) == "<5"
    assert suppress_count(5) == 5
    assert suppress_count(0, 3) == "<3"


def test_a_table_no_pattern_protects_is_withheld() -> None:
    """Regression (found by the property test in CI): with k = 3, [[1, 1], [2, 2]] had every cell and
    total hidden, yet the "x" column totals (each at least 3, over cells of at most 2) forced both
    top cells to 1. The fallback published it anyway; now the table is withheld."""
    with pytest.raises(TableWithheld):
        suppress_table([[1, 1], [2, 2]], 3)
