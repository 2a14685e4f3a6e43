"""When the app runs the integrity check by itself (services/integrity_check.py).

Rule: while anyone is signed in to the GUI, the check runs once every ``integrity_check_hours``
(security policy, default 24; counted from the last check recorded in ``integrity_checks``, by anyone
on this branch, from any process), and right after the first sign-in that follows an unclean end of a
GUI session (store/run_marker.py). These runs are the app's own: any role's session runs them (no
INTEGRITY_CHECK permission needed), recorded as scheduled (and after_unclean_shutdown) under the
signed-in member. Reason: a damaged page is found by the branch within a day, and straight after a
crash or power cut, not by whoever next reads it (GB/T 22239-2019 8.1.4.7).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from desktop_app.services.integrity_check import IntegrityReport, last_check_at, run_integrity_check
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.run_marker import RunMarker, take_stale_markers


def check_due(me: SignedIn) -> bool:
    """Whether ``integrity_check_hours`` have passed since the last recorded check (or none ran)."""
    last = last_check_at(me)
    if last is None:
        return True
    try:
        at = datetime.fromisoformat(last.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return True
    return me.clock() - at >= me.policy.integrity_check_hours * 3600


def run_if_due(me: SignedIn, *, after_unclean_shutdown: bool = False) -> IntegrityReport | None:
    """The app's own check: runs after an unclean shutdown, or when due; None when neither."""
    if not after_unclean_shutdown and not check_due(me):
        return None
    return run_integrity_check(me, scheduled=True, after_unclean_shutdown=after_unclean_shutdown)


def start_gui_session(me: SignedIn) -> tuple[Callable[[], None], bool]:
    """At the start of a GUI session: take the markers of GUI sessions that ended uncleanly, then
    put down this one's. Returns what removes it (call it at the clean end) and whether an unclean
    end was found."""
    root = me.paths.root
    stale = take_stale_markers(root)
    return RunMarker(root).remove, bool(stale)
