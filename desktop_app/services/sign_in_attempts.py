"""Counting sign-in attempts across processes: admit an attempt before the slow KDF runs, then
confirm it failed or succeeded; and writing the events queued meanwhile into the audit log.

- An attempt is counted as a failure when it is admitted (under the state-file lock) and the count
  is cleared if it succeeds, so parallel guesses cannot all slip in under the limit while their KDFs
  run. A username that does not exist is counted and locked exactly like a real one (same message,
  same work), so the lockout does not reveal which names exist; names are stored hashed.
- Failures, refusals during a lockout and lockouts are queued as pending audit events (the database
  is not open yet) in the authenticated state file (store/signin_state.py) and written to the audit
  log at the next successful sign-in (``flush_pending_events``).
- Fail closed: a state file that is damaged, forged, missing or older than the keyring remembers is
  never read as empty. It is kept aside and every account (known or not) is locked for the policy's
  lockout period from the moment the damage was seen, and a ``signin_state.tampered`` /
  ``signin_state.rolled_back`` / ``signin_state.missing`` event is queued. IT can still get in
  sooner with the recovery code (``recover``), which clears the IT account's lock.
- The database remembers the file's last sequence (``meta``); at sign-in a file that went back in
  time or was recreated is recorded (outcome failure) and the events of a rolled-back file are
  rejected (counted, never written as genuine).
- With ``--no-keyring`` there is no device secret: the file cannot be authenticated, and every event
  flushed from it carries ``verifiable: false``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from desktop_app.domain import lockout_rules
from desktop_app.domain.errors import AccountLocked
from desktop_app.domain.lockout_rules import (
    LockoutState,
    after_failure,
    after_success,
    after_withdrawn,
    capped,
    capped_until,
    longest_lock,
    pruned,
)
from desktop_app.services.audit_trail import record
from desktop_app.services.context import AppContext
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.branch_config import BranchConfig
from desktop_app.store.device_secret import DeviceSecretMissing, KeyringUnavailable
from desktop_app.store.meta_repository import SIGNIN_STATE_SEQ, MetaRepository
from desktop_app.store.signin_state import (
    CREATED,
    LEGACY,
    MISSING,
    ROLLED_BACK,
    SignInState,
    SignInStateStore,
    StateDamage,
)
from desktop_app.store.signin_witness import SequenceWitness

T = TypeVar("T")
STATE_TARGET = "signin-state.json"


def _store(ctx: AppContext | SignedIn, config: BranchConfig | None = None) -> SignInStateStore:
    config = config or ctx.require_config()
    secret = ctx.secrets.get(config.branch_id) if config.use_keyring else None
    return SignInStateStore(
        ctx.paths.lockout,
        config.branch_id,
        secret,
        witness=SequenceWitness(config.branch_id) if secret is not None else None,
        on_damage=lambda state, damage: _fail_closed(ctx, state, damage),
    )


def _fail_closed(ctx: AppContext | SignedIn, state: SignInState, damage: StateDamage) -> None:
    """Every name is locked for the policy's period from now, and the damage is queued for audit."""
    now = ctx.clock()
    state.others_locked_until = longest_lock(now, ctx.policy)
    state.pending_events.append(
        _event(
            now,
            f"signin_state.{damage.kind}",
            "",
            "failure",
            target_type="signin_state",
            target_id=STATE_TARGET,
            **damage.details(),
        )
    )


def _tidy(state: SignInState, now: float, ctx: AppContext | SignedIn) -> None:
    """Cap every lock to the policy, drop expired entries, bound the number of unlocked ones."""
    policy = ctx.policy
    until = capped_until(state.others_locked_until, now, policy)
    state.others_locked_until = until if until > now else 0.0
    state.accounts = pruned(
        state.accounts,
        now,
        policy,
        keep_empty=state.others_locked_until > now,
        max_unlocked=lockout_rules.MAX_UNLOCKED_ENTRIES,
    )


def _update(ctx: AppContext | SignedIn, change: Callable[[SignInState], T]) -> T:
    now = ctx.clock()

    def tidy_change(state: SignInState) -> T:
        result = change(state)
        _tidy(state, now, ctx)
        return result

    return _store(ctx).update(tidy_change)


def _event(
    now: float,
    action: str,
    username: str,
    outcome: str,
    *,
    target_type: str = "",
    target_id: str = "",
    **details: object,
) -> dict[str, object]:
    event: dict[str, object] = {
        "id": uuid.uuid4().hex,
        "ts": now,
        "action": action,
        "username": username,
        "outcome": outcome,
        "details": details,
    }
    if target_type:
        event["target_type"] = target_type
        event["target_id"] = target_id
    return event


def admit(
    ctx: AppContext | SignedIn,
    username: str,
    *,
    known: bool,
    action: str = "auth.sign_in",
    queue_events: bool = True,
) -> None:
    """Raise AccountLocked if the account is locked; otherwise count this attempt provisionally.
    ``known`` only decides whether the name may appear in the audit log: the counting is the same."""
    now = ctx.clock()
    policy = ctx.policy

    def change(state: SignInState) -> int:
        current = capped(state.lockout(username), now, policy)
        minutes = current.minutes_left(now)
        if minutes:
            if queue_events:
                state.pending_events.append(
                    _event(now, action, username if known else "", "denied", locked=True)
                )
            return minutes
        state.set_lockout(username, after_failure(current, now, policy)[0])
        return 0

    minutes = _update(ctx, change)
    if minutes:
        raise AccountLocked(minutes)


def failed(
    ctx: AppContext | SignedIn,
    username: str,
    *,
    known: bool,
    action: str = "auth.sign_in",
    queue_events: bool = True,
) -> None:
    """The admitted attempt failed. Raises AccountLocked if the account is now locked."""
    now = ctx.clock()
    policy = ctx.policy
    shown = username if known else ""  # a typed unknown name (maybe a password) never reaches the log

    def change(state: SignInState) -> int:
        if queue_events:
            state.pending_events.append(_event(now, action, shown, "failure"))
        current = capped(state.lockout(username), now, policy)
        if not current.minutes_left(now):
            return 0
        account = state.account_key(username)
        already = any(
            e.get("action") == "auth.lockout"
            and e.get("account") == account
            and (e.get("details") or {}).get("locked_until") == current.locked_until
            for e in state.pending_events
        )
        if not already:
            event = _event(now, "auth.lockout", shown, "failure", locked_until=current.locked_until)
            event["account"] = account  # the hashed name, only to queue one lockout event per lock
            state.pending_events.append(event)
        return current.minutes_left(now)

    minutes = _update(ctx, change)
    if minutes:
        raise AccountLocked(minutes)


def succeeded(
    ctx: AppContext | SignedIn, username: str, flushed_ids: set[str] | None = None, dropped_flushed: int = 0
) -> None:
    """Clear the account's failure count and drop pending events that reached the audit log."""
    ids = flushed_ids or set()

    def change(state: SignInState) -> None:
        state.set_lockout(username, after_success())
        state.dropped_events = max(0, state.dropped_events - dropped_flushed)
        if ids:
            state.pending_events = [
                e for e in state.pending_events if isinstance(e, dict) and e.get("id") not in ids
            ]

    _update(ctx, change)


def withdraw(ctx: AppContext | SignedIn, username: str, admitted_at: float) -> None:
    """The admitted attempt was neither a failure nor a success (the password was right, the
    second-factor code is still to come): it no longer counts (domain/lockout_rules.after_withdrawn)."""
    now = ctx.clock()
    policy = ctx.policy
    _update(
        ctx,
        lambda state: state.set_lockout(
            username, after_withdrawn(state.lockout(username), admitted_at, now, policy)
        ),
    )


def _well_formed(event: object) -> bool:
    if not isinstance(event, dict):
        return False
    ts = event.get("ts")
    return (
        isinstance(ts, int | float)
        and not isinstance(ts, bool)
        and 0 <= ts < 1e11  # a finite time the audit log can print (not NaN, not year 9999+)
        and bool(event.get("action"))
        and isinstance(event.get("id"), str)
    )


def _last_seen(raw: bytes | None) -> tuple[str, int] | None:
    if raw is None:
        return None
    file_id, _, seq = raw.decode("ascii", "replace").partition(":")
    try:
        return file_id, int(seq)
    except ValueError:
        return file_id, 2**62  # a garbled value: any file is then older (reported, fails closed)


def flush_pending_events(ctx: SignedIn) -> tuple[set[str], int]:
    """Write the queued events to the audit log inside the caller's transaction (the sign-in's),
    after comparing the state file with the sequence the database last saw. Returns the ids handled
    (written or rejected) and the dropped count written, for ``succeeded``."""
    db = ctx.db
    state = _store(ctx).read()
    meta = MetaRepository(db)
    last = _last_seen(meta.get(SIGNIN_STATE_SEQ))
    events = [e for e in state.pending_events if _well_formed(e)]
    reject = False
    if last is not None:
        last_id, last_seq = last
        noticed = ""
        if state.file_id == last_id and state.seq <= last_seq:
            noticed, reject = ROLLED_BACK, True
        elif state.file_id != last_id and (state.origin in (CREATED, LEGACY) or not state.authenticated):
            # recreated since the last sign-in (unauthenticated, any new file counts); a taken-over
            # plain file's events are rejected once the branch has seen an authenticated one
            noticed, reject = MISSING, state.origin == LEGACY
        if noticed:
            record(
                ctx,
                f"signin_state.{noticed}",
                target_type="signin_state",
                target_id=STATE_TARGET,
                outcome="failure",
                details={
                    "reason": "seen_at_sign_in",
                    "seq_found": state.seq,
                    "seq_expected": last_seq,
                    "rejected_events": len(events) if reject else 0,
                },
            )
    repo = AuditRepository(db)
    for event in [] if reject else events:
        username = str(event.get("username") or "")
        raw_details = event.get("details")
        details: dict[str, Any] = {
            "recorded_late": True,
            **(raw_details if isinstance(raw_details, dict) else {}),
        }
        if not state.authenticated or event.get("unverified"):
            details["verifiable"] = False
        repo.append(
            now=float(event["ts"]),
            actor_id=None,
            actor_username=username or "(unknown)",
            actor_role="",
            action=str(event["action"]),
            target_type=str(event.get("target_type") or "staff"),  # provisioning queues branch changes
            target_id=str(event.get("target_id") or username),
            outcome=str(event.get("outcome") or "failure"),
            details=details,
        )
    dropped = state.dropped_events
    if dropped:
        record(
            ctx,
            "auth.events_dropped",
            target_type="signin_state",
            outcome="failure",
            details={"dropped": dropped},
        )
    # ``succeeded`` writes seq + 1 next; the next sign-in's own ``admit`` raises it again, so a file
    # found then at or below seq + 1 is a copy from before this sign-in
    meta.set(SIGNIN_STATE_SEQ, f"{state.file_id}:{state.seq + 1}".encode("ascii"))
    handled = {str(e["id"]) for e in events}
    if reject:  # malformed entries of a rejected file go too
        handled |= {str(e.get("id")) for e in state.pending_events if isinstance(e, dict) and e.get("id")}
    return handled, dropped


def queue_event(ctx: AppContext | SignedIn, event: dict[str, object]) -> None:
    """Queue an audit event made while no one is signed in (e.g. provisioning)."""
    _update(ctx, lambda state: state.pending_events.append(event))


def queue_sign_out(ctx: SignedIn) -> None:
    """A locked session signs out (another user signs in from the lock screen): its database is
    closed and its keys gone, so the sign-out reaches the audit log at the next sign-in."""
    username = ctx.session.username
    queue_event(
        ctx,
        _event(ctx.clock(), "auth.sign_out", username, "success", target_type="staff", target_id=username),
    )


def record_failure_event(ctx: AppContext | SignedIn, action: str) -> None:
    """Queue a failure with no account behind it (e.g. a wrong recovery code) for the audit log.
    Without the device secret (the keyring lost it) the event cannot be queued authentically and
    is not queued."""
    now = ctx.clock()
    try:
        _update(ctx, lambda state: state.pending_events.append(_event(now, action, "", "failure")))
    except (DeviceSecretMissing, KeyringUnavailable):
        pass


def clear_lock(ctx: AppContext | SignedIn, username: str) -> None:
    _update(ctx, lambda state: state.set_lockout(username, LockoutState()))


def start_state_file(ctx: SignedIn, config: BranchConfig) -> None:
    """At ``init`` (``config`` not saved yet): write the first state file (and its keyring sequence)
    and tell the database its sequence, so a file planted or deleted before the first sign-in is
    noticed."""
    db = ctx.db
    state = _store(ctx, config).read()
    with db.transaction():
        MetaRepository(db).set(SIGNIN_STATE_SEQ, f"{state.file_id}:{state.seq}".encode("ascii"))


def adopt_after_new_device_secret(ctx: AppContext | SignedIn) -> None:
    """After recovery replaced the device secret (proven by the recovery code), the old file can no
    longer be checked: take it over, its locks as a branch-wide lock, its events as unverifiable."""
    now = ctx.clock()
    _store(ctx).adopt_unverified(now, lambda until: capped_until(until, now, ctx.policy))


def read_state(ctx: AppContext | SignedIn) -> SignInState:
    """The state as the file holds it (checked, replaced if damaged); ``lockout(name)`` reads one."""
    return _store(ctx).read()
