"""Colleagues' display names for the staff ids an export mentions (prepared, approved, rejected by).

Read on the database lane with the list or the detail. The names are shown on this PC only: the
payload that leaves carries staff ids, never names (issue 13).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.services.signed_in import SignedIn


def staff_names(ctx: SignedIn, ids: Iterable[int | None]) -> dict[int, str]:
    from desktop_app.services.client_history import staff_display_name

    return {staff_id: staff_display_name(ctx, staff_id) for staff_id in {i for i in ids if i is not None}}
