"""Small-count suppression of the tables in an HQ summary, with complementary suppression proven safe.

Rule: every count below k (``suppression_k``, default 5), totals included, is published as ``"<k"``
(primary suppression). Further cells, each at least k, are published as ``"x"`` (complementary
suppression) until NO suppressed cell can be recovered exactly by someone who knows what the markers
mean (``"<k"``: 0..k-1; ``"x"``: k or more, since a smaller value would have been ``"<k"``) and every
published cell and total. Reason: a count of 1 or 2 people in a district, channel or stage can point
at a person (PIPL art. 73(3): de-identified information must not allow re-identification; GB/T
37964-2019 5.3 suppression and aggregation). A row total minus its published cells would otherwise
give the hidden cell back; with two hidden cells the total may still force both (a total of
2(k-1) over two ``"<k"`` cells).

Tables: a 1-D distribution is one row published with its total; a 2-D table is published with its row
totals, column totals and grand total. Both are handled as one extended table whose margins are cells
too, so a total below k is suppressed like any cell and a total may itself be a complementary cell.

Algorithm (sound by construction; ``tests/unit/test_hq_summary_suppression.py`` brute-forces it):
a table of counts with its totals has the same published form after adding +1/-1 alternately along
a cycle of cells (row i → column j → row i' → …) of the extended table, margins taken with the sign
that keeps every row and column sum. If every suppressed cell lies on such a cycle of suppressed cells
where the shifted values stay within each cell's marker range, the shifted table is a second
completion consistent with everything published, differing in that cell — so no suppressed cell has a
single possible value. For each suppressed cell without such a cycle the cheapest cycle is found by a
shortest path (Dijkstra: suppressed cells cost 0, a published interior cell costs its value, a total
costs far more, so totals are hidden only when no interior cell can do it) and its published cells
become ``"x"``. Suppressing more cells never removes a completion, so earlier cells stay protected.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

Published = int | str
"""A published cell: the count, or a marker (``below_k_marker(k)`` or ``COMPLEMENTARY``)."""

COMPLEMENTARY = "x"
DEFAULT_K = 5
MIN_K = 3  # with k = 2 the markers alone can force cells (two "<2" cells under an "x" total of 2)
_TOTAL_COST = 10**12  # a total is hidden only when no interior cell can protect the cell
_GRAND_COST = 10**15


def below_k_marker(k: int) -> str:
    return f"<{k}"


class TableWithheld(ValueError):
    """No suppression pattern protects every small cell of this table: it must not be published.
    Seen only for 2-D tables with small k (the brute-force property test found one); a 1-D
    distribution always has a protecting pattern, so the builder never meets it."""

    def __init__(self, cell: tuple[int, int]) -> None:
        super().__init__(f"cell {cell} cannot be protected; the table is withheld")
        self.cell = cell


@dataclass(frozen=True)
class SuppressedTable:
    """The published form of a table: cells, row totals, column totals (2-D only), grand total."""

    cells: tuple[tuple[Published, ...], ...]
    row_totals: tuple[Published, ...]
    column_totals: tuple[Published, ...] | None
    total: Published

    @property
    def total_suppressed(self) -> bool:
        return isinstance(self.total, str)


@dataclass
class _Cell:
    key: tuple[int, int]  # position in the extended table
    value: int
    sign: int  # +1 or -1: the factor that makes every line of the extended table sum to 0
    tail: int  # row node
    head: int  # column node
    cost: int
    marker: str | None = None  # None: published

    def low_high(self, k: int) -> tuple[int, int | None]:
        if self.marker is None:
            return self.value, self.value
        if self.marker == COMPLEMENTARY:
            return k, None
        return 0, k - 1

    def can_move(self, direction: int, k: int, marker: str | None) -> bool:
        """Whether the real value shifted by ``direction`` (in the signed table) stays in range
        of ``marker`` (the cell's marker, or the one it would get)."""
        new = self.value + self.sign * direction
        if marker == COMPLEMENTARY:
            return new >= k
        return 0 <= new <= k - 1


class _Extended:
    """The extended table as a bipartite graph: row nodes, column nodes, cells as edges."""

    def __init__(self, cells: Sequence[Sequence[int]], with_column_totals: bool, k: int) -> None:
        self.k = k
        self.rows = len(cells)
        self.cols = len(cells[0])
        self.with_column_totals = with_column_totals
        row_totals = [sum(row) for row in cells]
        col_totals = [sum(cells[i][j] for i in range(self.rows)) for j in range(self.cols)]
        grand = sum(row_totals)
        self.cells: dict[tuple[int, int], _Cell] = {}
        col_node_base = self.rows + 1
        if with_column_totals:
            for i in range(self.rows + 1):
                for j in range(self.cols + 1):
                    margin_row, margin_col = i == self.rows, j == self.cols
                    if margin_row and margin_col:
                        value, cost = grand, _GRAND_COST + grand
                    elif margin_row:
                        value, cost = col_totals[j], _TOTAL_COST + col_totals[j]
                    elif margin_col:
                        value, cost = row_totals[i], _TOTAL_COST + row_totals[i]
                    else:
                        value, cost = cells[i][j], cells[i][j]
                    sign = (-1 if margin_row else 1) * (-1 if margin_col else 1)
                    self.cells[(i, j)] = _Cell((i, j), value, sign, i, col_node_base + j, cost)
        else:
            # one row and its total; no column constraint: every column is the same free node
            for j in range(self.cols + 1):
                margin = j == self.cols
                value = grand if margin else cells[0][j]
                cost = _GRAND_COST + value if margin else value
                self.cells[(0, j)] = _Cell((0, j), value, -1 if margin else 1, 0, col_node_base, cost)

    def _edges_from(
        self, node: int, exclude: tuple[int, int], suppressed_only: bool
    ) -> list[tuple[_Cell, int, int]]:
        """Cells leaving ``node``: (cell, next node, direction)."""
        out: list[tuple[_Cell, int, int]] = []
        for cell in self.cells.values():
            if cell.key == exclude:
                continue
            if suppressed_only and cell.marker is None:
                continue
            marker = cell.marker or COMPLEMENTARY
            if cell.tail == node and cell.can_move(+1, self.k, marker):
                out.append((cell, cell.head, +1))
            if cell.head == node and cell.can_move(-1, self.k, marker):
                out.append((cell, cell.tail, -1))
        return out

    def _path(
        self, start: int, goal: int, exclude: tuple[int, int], suppressed_only: bool
    ) -> tuple[int, list[_Cell]] | None:
        """Cheapest directed path from ``start`` to ``goal`` (Dijkstra), not using ``exclude``."""
        best: dict[int, int] = {start: 0}
        back: dict[int, tuple[int, _Cell]] = {}
        queue: list[tuple[int, int]] = [(0, start)]
        done: set[int] = set()
        while queue:
            cost, node = heapq.heappop(queue)
            if node in done:
                continue
            done.add(node)
            if node == goal:
                path: list[_Cell] = []
                while node != start:
                    node, cell = back[node]
                    path.append(cell)
                return cost, path
            for cell, nxt, _direction in self._edges_from(node, exclude, suppressed_only):
                step = 0 if cell.marker is not None else cell.cost
                if nxt not in done and cost + step < best.get(nxt, cost + step + 1):
                    best[nxt] = cost + step
                    back[nxt] = (node, cell)
                    heapq.heappush(queue, (cost + step, nxt))
        return None

    def _cycle(self, cell: _Cell, suppressed_only: bool) -> list[_Cell] | None:
        options: list[tuple[int, list[_Cell]]] = []
        for direction in (+1, -1):
            if not cell.can_move(direction, self.k, cell.marker):
                continue
            start, goal = (cell.head, cell.tail) if direction == +1 else (cell.tail, cell.head)
            found = self._path(start, goal, cell.key, suppressed_only)
            if found is not None:
                options.append(found)
        if not options:
            return None
        return min(options, key=lambda option: option[0])[1]

    def protect(self) -> None:
        marker_below = below_k_marker(self.k)
        for cell in self.cells.values():
            if cell.value < self.k:
                cell.marker = marker_below
        changed = True
        while changed:
            changed = False
            for cell in sorted(self.cells.values(), key=lambda c: c.key):
                if cell.marker is None or self._cycle(cell, suppressed_only=True) is not None:
                    continue
                path = self._cycle(cell, suppressed_only=False)
                if path is None:
                    # Nothing left to hide protects it: the markers' own ranges pin the cell (e.g.
                    # [[1, 1], [2, 2]] with k = 3: the "x" column totals force both top cells to 1).
                    # Publishing anything would give it away, so the table is withheld.
                    raise TableWithheld(cell.key)
                for other in path:
                    if other.marker is None:
                        other.marker = COMPLEMENTARY
                changed = True

    def published(self, key: tuple[int, int]) -> Published:
        cell = self.cells[key]
        return cell.marker if cell.marker is not None else cell.value


def suppress_table(cells: Sequence[Sequence[int]], k: int = DEFAULT_K) -> SuppressedTable:
    """A 2-D table (at least one row and one column) with row, column and grand totals, suppressed.
    Raises ``TableWithheld`` when no pattern protects every small cell."""
    return _suppress(cells, k, with_column_totals=True)


def suppress_row(cells: Sequence[int], k: int = DEFAULT_K) -> SuppressedTable:
    """A 1-D distribution with its total (a one-row table without column totals), suppressed."""
    return _suppress([list(cells)], k, with_column_totals=False)


def _suppress(cells: Sequence[Sequence[int]], k: int, *, with_column_totals: bool) -> SuppressedTable:
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K}")
    if not cells or not cells[0] or any(len(row) != len(cells[0]) for row in cells):
        raise ValueError("a table needs at least one cell and rows of equal length")
    if any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for row in cells for v in row):
        raise ValueError("cells are non-negative integers")
    table = _Extended(cells, with_column_totals, k)
    table.protect()
    rows, cols = table.rows, table.cols
    if with_column_totals:
        return SuppressedTable(
            cells=tuple(tuple(table.published((i, j)) for j in range(cols)) for i in range(rows)),
            row_totals=tuple(table.published((i, cols)) for i in range(rows)),
            column_totals=tuple(table.published((rows, j)) for j in range(cols)),
            total=table.published((rows, cols)),
        )
    total = table.published((0, cols))
    return SuppressedTable(
        cells=(tuple(table.published((0, j)) for j in range(cols)),),
        row_totals=(total,),
        column_totals=None,
        total=total,
    )


def suppress_count(value: int, k: int = DEFAULT_K) -> Published:
    """A count standing alone (no total publishes it with others): ``"<k"`` when below k."""
    return below_k_marker(k) if value < k else value
