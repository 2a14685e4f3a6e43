"""The satisfaction figures of a quarter: responses, satisfied responses, the spread of ratings.

Rule (issue 14, target "client satisfaction ≥ 85 %"): satisfied = responses rating the handling of
their personal information 4 (满意) or 5 (非常满意); the rate is satisfied / responses. A quarter
with no responses has ``responses == 0``: the dashboard shows "no data", never "met". Counts only:
a response names no client.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.domain.satisfaction import RATING_MAX, RATING_MIN, SATISFIED_MIN


@dataclass(frozen=True)
class SatisfactionCounts:
    responses: int
    satisfied: int  # rated 4 or 5


@dataclass(frozen=True)
class RatingDistribution:
    """How many responses gave each rating 1..5 in a quarter."""

    quarter: str  # "2026Q4"
    by_rating: Mapping[int, int]

    @classmethod
    def of(cls, quarter: str, counts: Mapping[int, int]) -> RatingDistribution:
        return cls(quarter, {r: int(counts.get(r, 0)) for r in range(RATING_MIN, RATING_MAX + 1)})

    @property
    def responses(self) -> int:
        return sum(self.by_rating.values())

    @property
    def satisfied(self) -> int:
        return sum(n for rating, n in self.by_rating.items() if rating >= SATISFIED_MIN)

    def counts(self) -> SatisfactionCounts:
        return SatisfactionCounts(self.responses, self.satisfied)

    def satisfied_percent(self) -> Decimal | None:
        """Satisfied / responses in per cent, rounded half-up to one place; None with no responses."""
        return percent(self.satisfied, self.responses)


def percent(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
