"""The other parts' counts functions, as the dashboard calls them (issue 14 contract, "The figures").

Rule: each part of the programme owns its records and one counts function; the dashboard only
gathers. Imports are lazy (start-up time, and each part's module pulls its own repositories).
TODO(lead): while issue 14's parts are being merged, a part whose module is not on this branch
yet reads as ``None`` (shown as "no data"); once every part is merged, ``MISSING_PARTS`` must be
empty (tests/integration/test_programme_status.py::test_every_part_is_merged says so).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from typing import Any

from desktop_app.services.signed_in import SignedIn

PARTS: dict[str, tuple[str, str]] = {
    "training": ("desktop_app.services.training_records", "training_counts"),
    "review": ("desktop_app.services.compliance_reviews", "review_counts"),
    "survey": ("desktop_app.services.satisfaction", "satisfaction_counts"),
    "education": ("desktop_app.services.education", "education_counts"),
    "campaigns": ("desktop_app.services.education", "campaign_count"),
    "incidents": ("desktop_app.services.incidents", "incident_counts"),
}


def _function(part: str) -> Callable[..., Any] | None:
    module_name, name = PARTS[part]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        return None  # TODO(lead): the part is not merged yet
    function = getattr(module, name, None)
    return function if callable(function) else None


def missing_parts() -> list[str]:
    """The parts whose counts function is not there (must be empty after the merge)."""
    return [part for part in PARTS if _function(part) is None]


def training_counts(me: SignedIn, quarter: Any) -> Any | None:
    function = _function("training")
    return None if function is None else function(me, quarter)


def review_counts(me: SignedIn, as_of: date) -> Any | None:
    function = _function("review")
    return None if function is None else function(me, as_of)


def satisfaction_counts(me: SignedIn, quarter: Any) -> Any | None:
    function = _function("survey")
    return None if function is None else function(me, quarter)


def education_counts_or_none(me: SignedIn, year: int) -> Any | None:
    """The education counts (needs the client-data key), or None without the key or the part."""
    if not me.session.holds_client_key:
        return None
    function = _function("education")
    return None if function is None else function(me, year)


def campaign_count(me: SignedIn, year: int) -> int:
    function = _function("campaigns")
    return 0 if function is None else int(function(me, year))


def incident_counts(me: SignedIn, year: int) -> Any | None:
    function = _function("incidents")
    return None if function is None else function(me, year)
