"""Two balanced columns of small print (the notice text on the consent form), fast.

reportlab's ``BalancedColumns`` finds its split by re-wrapping every paragraph many times (a binary
search), which cost more than half of a consent form's 150 ms budget. ``TwoColumns`` wraps each
flowable once at the column width, fills the left column up to half the total height (splitting a
paragraph between lines, which reuses the lines already broken) and puts the rest on the right;
what does not fit on the page continues in the next frame, again balanced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

if TYPE_CHECKING:
    from collections.abc import Sequence

_FUZZ = 1e-6


class _Column:
    """Flowables stacked from the top, with their wrapped heights."""

    def __init__(self) -> None:
        self.items: list[tuple[Flowable, float]] = []
        self.height = 0.0

    def gap_before(self, item: Flowable) -> float:
        return item.getSpaceBefore() if self.items else 0.0

    def add(self, item: Flowable, height: float) -> None:
        self.height += self.gap_before(item) + height + item.getSpaceAfter()
        self.items.append((item, height))


class TwoColumns(Flowable):
    """``items`` in two columns of ``(width - gap) / 2``, balanced, splitting across pages."""

    def __init__(self, items: Sequence[Flowable], gap: float) -> None:
        super().__init__()
        self.items = list(items)
        self.gap = gap
        self._heights: dict[int, tuple[Flowable, float]] = {}
        self._layout: tuple[_Column, _Column, list[Flowable]] | None = None
        self._column_width = 0.0

    def _height(self, item: Flowable) -> float:
        key = id(item)  # the entry keeps ``item`` alive, so its id is not reused by another
        if key not in self._heights:
            _w, height = item.wrap(self._column_width, 1e6)
            self._heights[key] = (item, height)
        return self._heights[key][1]

    def _fill(self, pending: list[Flowable], limit: float) -> _Column:
        """Take flowables from ``pending`` (in place) until the column reaches ``limit``."""
        column = _Column()
        while pending:
            item = pending[0]
            height = self._height(item)
            room = limit - column.height - column.gap_before(item)
            if height + item.getSpaceAfter() <= room + _FUZZ:
                column.add(pending.pop(0), height)
                continue
            parts = item.split(self._column_width, room) if room > 0 else []
            if len(parts) == 2:
                first, rest = parts
                column.add(first, self._height(first))
                pending[0] = rest
            break
        return column

    def _arrange(self, width: float, height: float) -> tuple[_Column, _Column, list[Flowable]]:
        self._column_width = (width - self.gap) / 2
        total = sum(self._height(i) + i.getSpaceBefore() + i.getSpaceAfter() for i in self.items)
        target = min(height, total / 2)
        while True:
            pending = list(self.items)
            left = self._fill(pending, target)
            right = self._fill(pending, height)
            if not pending or target >= height:
                return left, right, pending
            target = min(height, target + 6)  # the halves broke unevenly: a little more on the left

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        left, right, rest = self._layout = self._arrange(availWidth, availHeight)
        self.width = availWidth
        # more than fits: a height above the room available makes the frame split the columns
        self.height = availHeight + 1 if rest else max(left.height, right.height)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        left, right, rest = self._arrange(availWidth, availHeight)
        if not left.items:
            return []
        done = _Placed(left, right, self._column_width, self.gap)
        return [done, TwoColumns(rest, self.gap)] if rest else [done]

    def draw(self) -> None:
        assert self._layout is not None
        left, right, _rest = self._layout
        _Placed(left, right, self._column_width, self.gap).draw_on_canvas(self.canv, self.height)


class _Placed(Flowable):
    """Two filled columns, drawn as they were measured."""

    def __init__(self, left: _Column, right: _Column, column_width: float, gap: float) -> None:
        super().__init__()
        self.columns = (left, right)
        self.column_width = column_width
        self.gap = gap
        self.width = 2 * column_width + gap
        self.height = max(left.height, right.height)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.draw_on_canvas(self.canv, self.height)

    def draw_on_canvas(self, canvas: Any, top: float) -> None:
        for index, column in enumerate(self.columns):
            x = index * (self.column_width + self.gap)
            y = top
            for number, (item, height) in enumerate(column.items):
                if number:
                    y -= item.getSpaceBefore()
                if not hasattr(item, "blPara") and hasattr(item, "breakLines"):
                    item.wrapOn(canvas, self.column_width, height + 1)  # a failed split dropped its lines
                item.drawOn(canvas, x, y - height)  # otherwise wrapped at the column width when measured
                y -= height + item.getSpaceAfter()
