"""Counting sign-in attempts across processes: admit an attempt before the slow KDF runs, then
confirm it failed or succeeded.

An attempt is counted as a failure when it is admitted (under the state-file lock) and the count is
cleared if it succeeds, so parallel guesses cannot all slip in under the limit while their KDFs run.
Failures, refusals during a lockout and lockouts are queued as pending audit events (the database is
not open yet) and written to the audit log at the next successful sign-in.
"""

from __future__ import annotations

import uuid

from desktop_app.domain.errors import AccountLocked
from desktop_app.domain.lockout_rules import LockoutState, after_failure, after_success
from desktop_app.services.context import AppContext
from desktop_app.store.signin_state import SignInState, SignInStateStore


def _store(ctx: AppContext) -> SignInStateStore:
    return SignInStateStore(ctx.paths.lockout)


def _event(now: float, action: str, username: str, outcome: str, **details: object) -> dict[str, object]:
    return {
        "id": uuid.uuid4().hex,
        "ts": now,
        "action": action,
        "username": username,
        "outcome": outcome,
        "details": details,
    }


def admit(
    ctx: AppContext, username: str, *, known: bool, action: str = "auth.sign_in", queue_events: bool = True
) -> None:
    """Raise AccountLocked if the account is locked; otherwise count this attempt provisionally."""
    now = ctx.clock()
    policy = ctx.policy

    def change(state: SignInState) -> int:
        if not known:  # an unknown name never locks: no lockout entry under a mistyped name
            return 0
        current = state.accounts.get(username, LockoutState())
        minutes = current.minutes_left(now)
        if minutes:
            if queue_events:
                state.pending_events.append(_event(now, action, username, "denied", locked=True))
            return minutes
        state.accounts[username], _ = after_failure(current, now, policy)
        return 0

    minutes = _store(ctx).update(change)
    if minutes:
        raise AccountLocked(minutes)


def failed(
    ctx: AppContext, username: str, *, known: bool, action: str = "auth.sign_in", queue_events: bool = True
) -> None:
    """The admitted attempt failed. Raises AccountLocked if the account is now locked."""
    now = ctx.clock()

    def change(state: SignInState) -> int:
        if queue_events:
            state.pending_events.append(_event(now, action, username if known else "", "failure"))
        current = state.accounts.get(username) if known else None
        if current is None or not current.minutes_left(now):
            return 0
        already = any(
            e.get("action") == "auth.lockout"
            and e.get("username") == username
            and (e.get("details") or {}).get("locked_until") == current.locked_until
            for e in state.pending_events
        )
        if not already:
            state.pending_events.append(
                _event(now, "auth.lockout", username, "failure", locked_until=current.locked_until)
            )
        return current.minutes_left(now)

    minutes = _store(ctx).update(change)
    if minutes:
        raise AccountLocked(minutes)


def succeeded(
    ctx: AppContext, username: str, flushed_ids: set[str] | None = None, dropped_flushed: int = 0
) -> None:
    """Clear the account's failure count and drop pending events that reached the audit log."""
    ids = flushed_ids or set()

    def change(state: SignInState) -> None:
        state.accounts[username] = after_success()
        state.dropped_events = max(0, state.dropped_events - dropped_flushed)
        if ids:
            state.pending_events = [
                e for e in state.pending_events if isinstance(e, dict) and e.get("id") not in ids
            ]

    _store(ctx).update(change)


def pending_events(ctx: AppContext) -> tuple[list[dict[str, object]], int]:
    """Queued events and the count dropped past the cap. Malformed entries (a hand-edited file) are
    skipped rather than crashing sign-in."""
    state = _store(ctx).read()
    events = [
        event
        for event in state.pending_events
        if isinstance(event, dict) and isinstance(event.get("ts"), int | float) and event.get("action")
    ]
    return events, state.dropped_events


def record_failure_event(ctx: AppContext, action: str) -> None:
    """Queue a failure with no account behind it (e.g. a wrong recovery code) for the audit log."""
    now = ctx.clock()
    _store(ctx).update(lambda state: state.pending_events.append(_event(now, action, "", "failure")))


def clear_lock(ctx: AppContext, username: str) -> None:
    _store(ctx).update(lambda state: state.accounts.pop(username, None))
