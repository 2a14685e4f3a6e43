"""Anomaly alerts: raising them (on write and in the periodic pass), listing and acknowledging them.

Rule: the rules of ``domain/alert_rules.py`` run over the audit log. Cheap per-entry rules run as an
entry is written (``services/audit_trail.record`` looks the action up in a frozenset first and calls
``on_written`` only on a hit, in the same transaction); the rules that need a window or a history
run in ``scan``, the periodic pass any signed-in session may run (the app every
``alert_scan_minutes``, after sign-in, and ``branchvault alerts scan`` / ``alerts list``). Every alert
is audited ``alert.raised`` with its rule, subject, evidence and dedup key; managers and auditors
(``ALERT_REVIEW``) see them and acknowledge each with a note (``alert.acknowledged``). A manager
does not acknowledge an alert about their own actions (separation of duties: someone else looks).

The audit log, hash-chained and append-only, is the record of truth: anyone holding IT's key can
edit or delete rows of ``security_alerts`` in branch.db, so every pass (and every listing) checks
the table against the ``alert.*`` entries, puts back what was deleted or changed, removes rows no
entry records, audits that as ``alert.restored`` and raises an ``audit_chain_failure`` alert.
Reason: GB/T 22239-2019 8.1.4.3 (audit records reviewed and protected), PIPL Art. 51.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop_app.domain import alert_rules
from desktop_app.domain.alert_rules import (
    ON_WRITE_ACTIONS,
    PERIODIC_ACTIONS,
    RULE_CODES,
    VIEW,
    VIEW_LOOKBACK_DAYS,
    AuditEvent,
    Hit,
)
from desktop_app.domain.audit_chain import AuditEntry
from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.permissions import Action, can
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.security_alert_repository import AlertRow, AuditRow, SecurityAlertRepository

RAISED = "alert.raised"
ACKNOWLEDGED = "alert.acknowledged"
RESTORED = "alert.restored"
SCANNED = "alert.scan"
_ALERT_ACTIONS = (RAISED, ACKNOWLEDGED)
BURST_RULES = frozenset({"failed_sign_ins", "bulk_reveal", "enumeration"})
SCAN_BATCH = 5000  # audit entries per transaction of the periodic pass
NOTE_MAX = 2000

__all__ = [
    "RULE_CODES",
    "AlertView",
    "acknowledge",
    "list_alerts",
    "on_written",
    "open_alerts",
    "raise_alert",
    "reconcile",
    "scan",
    "unacknowledged_count",
]


class UnknownAlertRule(BranchVaultError):
    code = "unknown_alert_rule"

    def __init__(self, rule: str) -> None:
        super().__init__(f"没有名为 {rule} 的告警规则。", f"There is no alert rule named {rule}.")


class AlertNotFound(BranchVaultError):
    code = "alert_not_found"

    def __init__(self, alert_id: int) -> None:
        super().__init__(f"没有编号为 {alert_id} 的告警。", f"There is no alert number {alert_id}.")


class AlertNoteRequired(BranchVaultError):
    code = "alert_note_required"

    def __init__(self) -> None:
        super().__init__(
            f"确认告警需要填写说明（最多 {NOTE_MAX} 字）：查了什么、结论是什么。",
            f"Acknowledging an alert needs a note (at most {NOTE_MAX} characters): what was checked "
            "and what was found.",
        )


class AlertAlreadyAcknowledged(BranchVaultError):
    code = "alert_already_acknowledged"

    def __init__(self, alert_id: int) -> None:
        super().__init__(f"告警 {alert_id} 已经确认过。", f"Alert {alert_id} has already been acknowledged.")


class OwnAlert(BranchVaultError):
    code = "own_alert"

    def __init__(self, alert_id: int) -> None:
        super().__init__(
            f"告警 {alert_id} 涉及您本人的操作，须由其他经理或审计员确认。",
            f"Alert {alert_id} is about your own actions: another manager or the auditor acknowledges it.",
        )


@dataclass(frozen=True)
class AlertView:
    """One alert as the screens and the CLI show it (as the audit log records it)."""

    id: int
    rule: str
    raised_at: str
    subject: str
    evidence: tuple[int, ...]
    details: Mapping[str, Any] = field(default_factory=dict)
    acknowledged_at: str | None = None
    acknowledged_by: str | None = None
    note: str = ""

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    @property
    def title_zh(self) -> str:
        return alert_rules.rule_title(self.rule, "zh")

    @property
    def title_en(self) -> str:
        return alert_rules.rule_title(self.rule, "en")

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "raised_at": self.raised_at,
            "subject": self.subject,
            "evidence": list(self.evidence),
            "details": dict(self.details),
            "acknowledged": self.acknowledged,
            "acknowledged_at": self.acknowledged_at,
            "acknowledged_by": self.acknowledged_by,
            "note": self.note,
        }


def _view(row: AlertRow) -> AlertView:
    return AlertView(
        row.id,
        row.rule,
        row.raised_at,
        row.subject,
        row.evidence,
        row.details,
        row.acknowledged_at,
        row.acknowledged_by,
        row.note,
    )


# --- raising ---------------------------------------------------------------------------------


def raise_alert(
    me: SignedIn,
    rule: str,
    *,
    subject: str = "",
    evidence: Sequence[int] = (),
    details: Mapping[str, object] | None = None,
    dedup_key: str | None = None,
) -> int | None:
    """Raise one alert (inside the caller's transaction if one is open, else its own), audited
    ``alert.raised``. A ``dedup_key`` already used returns None and raises nothing."""
    if rule not in RULE_CODES:
        raise UnknownAlertRule(rule)
    db = me.db
    with db.transaction():
        repo = SecurityAlertRepository(db)
        if dedup_key is not None and repo.has_key(dedup_key):
            return None
        alert_id = repo.next_id()
        key = dedup_key if dedup_key is not None else f"{rule}:id:{alert_id}"
        raised_at = me.now_utc()
        evidence_list = sorted({int(seq) for seq in evidence})
        plain = dict(details or {})
        repo.insert(
            alert_id=alert_id,
            rule=rule,
            raised_at=raised_at,
            subject=subject,
            evidence=evidence_list,
            details=plain,
            dedup_key=key,
        )
        record(
            me,
            RAISED,
            target_type="alert",
            target_id=str(alert_id),
            details={
                "rule": rule,
                "subject": subject,
                "evidence": evidence_list,
                "dedup_key": key,
                "details": plain,
                "raised_at": raised_at,
            },
        )
    return alert_id


def _event(seq: int, at: float, actor: str, role: str, action: str, outcome: str, target: str,
           reason: str, details: Mapping[str, Any]) -> AuditEvent:  # fmt: skip
    return AuditEvent(seq, at, actor, role, action, outcome, target, reason, details)


def on_written(me: SignedIn, entry: AuditEntry) -> None:
    """The on-write hook (``record`` calls it only for an action in ``ON_WRITE_ACTIONS``)."""
    event = _event(
        entry.seq,
        alert_rules.parse_timestamp(entry.ts),
        entry.actor_username,
        entry.actor_role,
        entry.action,
        entry.outcome,
        entry.target_id,
        entry.reason,
        entry.details,
    )
    for hit in alert_rules.entry_hits(event, me.policy):
        _raise_hit(me, hit)


def _raise_hit(me: SignedIn, hit: Hit) -> int | None:
    return raise_alert(
        me, hit.rule, subject=hit.subject, evidence=hit.evidence, details=hit.details, dedup_key=hit.dedup_key
    )


# --- the periodic pass -----------------------------------------------------------------------


def _to_event(row: AuditRow) -> AuditEvent:
    return _event(
        row.seq,
        alert_rules.parse_timestamp(row.ts),
        row.actor,
        row.role,
        row.action,
        row.outcome,
        row.target,
        row.reason,
        row.details,
    )


def _scan_range(me: SignedIn, repo: SecurityAlertRepository, after: int, upto: int) -> int:
    new = [
        _to_event(row)
        for row in repo.audit_entries(
            after_seq=after, upto_seq=upto, actions=ON_WRITE_ACTIONS | PERIODIC_ACTIONS
        )
    ]
    if not new:
        return 0
    policy, now = me.policy, me.clock()
    events: dict[int, AuditEvent] = {e.seq: e for e in new}
    windowed = [e for e in new if e.action in PERIODIC_ACTIONS]
    if windowed:
        reach = alert_rules.lookback_seconds(policy)
        low = min(e.at for e in windowed) - reach
        high = max(e.at for e in windowed) + reach
        for row in repo.audit_entries_between(
            since=utc_timestamp(low),
            until=utc_timestamp(high),
            actions=PERIODIC_ACTIONS - {VIEW},
            upto_seq=upto,
        ):
            events.setdefault(row.seq, _to_event(row))
        viewers = sorted({e.actor for e in windowed if e.action == VIEW})
        if viewers:
            history_from = (
                min(e.at for e in windowed if e.action == VIEW) - (VIEW_LOOKBACK_DAYS + 1) * 86400.0
            )
            for row in repo.audit_entries_between(
                since=utc_timestamp(history_from),
                until=utc_timestamp(high),
                actions={VIEW},
                upto_seq=upto,
                actors=viewers,
            ):
                events.setdefault(row.seq, _to_event(row))
    new_seqs = {e.seq for e in new}
    raised = 0
    ordered = sorted(events.values(), key=lambda e: e.seq)
    for hit in alert_rules.periodic_hits(ordered, policy, now):
        if new_seqs.isdisjoint(hit.evidence):
            continue  # found by an earlier pass
        if hit.rule in BURST_RULES and any(
            earlier & set(hit.evidence) for earlier in repo.recent_evidence(hit.rule, hit.subject, "")
        ):
            continue  # the same burst, already raised from another starting entry
        if _raise_hit(me, hit) is not None:
            raised += 1
    return raised


def scan(me: SignedIn) -> int:
    """The periodic pass from the last scanned entry; returns how many alerts it raised. Any
    signed-in session may run it; it first puts back alert rows edited outside the app. Each batch
    that covered new entries is audited ``alert.scan`` with the last sequence number it read: that
    entry, not the table, says where the next pass starts."""
    db = me.db
    repo = SecurityAlertRepository(db)
    raised = reconcile(me)
    head = repo.head_seq()
    while True:
        with db.transaction():
            last = _audited_position(repo)
            if last >= head or not repo.has_entries_besides_alerts(after_seq=last, upto_seq=head):
                break
            upto = min(head, last + SCAN_BATCH)
            raised += _scan_range(me, repo, last, upto)
            repo.set_last_scanned_seq(upto, me.now_utc())
            record(me, SCANNED, target_type="audit_log", details={"from": last + 1, "upto": upto})
    return raised


def _audited_position(repo: SecurityAlertRepository) -> int:
    row = repo.last_entry_of(SCANNED)
    if row is None:
        return 0
    upto = row.details.get("upto")
    return upto if isinstance(upto, int) else 0


# --- the audit log as the record of truth ----------------------------------------------------


def _recorded(repo: SecurityAlertRepository) -> dict[int, AlertView]:
    """Every alert as its ``alert.raised`` / ``alert.acknowledged`` entries record it."""
    found: dict[int, AlertView] = {}
    for row in repo.audit_entries(after_seq=0, upto_seq=repo.head_seq(), actions=_ALERT_ACTIONS):
        if not row.target.isdigit() or row.outcome != "success":
            continue
        alert_id = int(row.target)
        d = row.details
        if row.action == RAISED:
            raw_evidence = d.get("evidence")
            raw_details = d.get("details")
            found[alert_id] = AlertView(
                alert_id,
                str(d.get("rule", "")),
                str(d.get("raised_at") or row.ts),
                str(d.get("subject", "")),
                tuple(int(s) for s in raw_evidence if isinstance(s, int))
                if isinstance(raw_evidence, list)
                else (),
                raw_details if isinstance(raw_details, dict) else {},
            )
        elif alert_id in found:
            earlier = found[alert_id]
            found[alert_id] = AlertView(
                earlier.id,
                earlier.rule,
                earlier.raised_at,
                earlier.subject,
                earlier.evidence,
                earlier.details,
                str(d.get("acknowledged_at") or row.ts),
                row.actor,
                str(d.get("note", "")),
            )
    return found


def _dedup_keys(repo: SecurityAlertRepository) -> dict[int, str]:
    keys: dict[int, str] = {}
    for row in repo.audit_entries(after_seq=0, upto_seq=repo.head_seq(), actions=(RAISED,)):
        if row.target.isdigit():
            keys[int(row.target)] = str(
                row.details.get("dedup_key", f"{row.details.get('rule')}:id:{row.target}")
            )
    return keys


def reconcile(me: SignedIn) -> int:
    """Put the table back as the audit log records it; audit and alert what differed. Returns 1
    when it raised an alert about it, else 0."""
    db = me.db
    with db.transaction():
        repo = SecurityAlertRepository(db)
        truth = _recorded(repo)
        rows = {row.id: row for row in repo.all()}
        restored = sorted(i for i in truth if i not in rows or _view(rows[i]) != truth[i])
        removed = sorted(i for i in rows if i not in truth)
        position = _audited_position(repo)
        moved = repo.last_scanned_seq() != position
        if not restored and not removed and not moved:
            return 0
        if moved:
            repo.set_last_scanned_seq(position, me.now_utc())
        keys = _dedup_keys(repo)
        for alert_id in removed:
            repo.delete(alert_id)
        for alert_id in restored:
            repo.delete(alert_id)
            want = truth[alert_id]
            repo.insert(
                alert_id=alert_id,
                rule=want.rule,
                raised_at=want.raised_at,
                subject=want.subject,
                evidence=want.evidence,
                details=dict(want.details),
                dedup_key=keys.get(alert_id, f"{want.rule}:id:{alert_id}"),
                acknowledged_at=want.acknowledged_at,
                acknowledged_by=want.acknowledged_by,
                note=want.note,
            )
        record(
            me,
            RESTORED,
            target_type="alert",
            outcome="failure",
            details={"restored": restored, "removed": removed, "scan_position": moved},
        )
        seq = SecurityAlertRepository(db).head_seq()
        raised = raise_alert(
            me,
            "audit_chain_failure",
            evidence=(seq,),
            details={"action": RESTORED, "restored": restored, "removed": removed, "scan_position": moved},
            dedup_key=f"audit_chain_failure:seq:{seq}",
        )
    return 0 if raised is None else 1


# --- reviewing -------------------------------------------------------------------------------


def list_alerts(me: SignedIn, *, include_acknowledged: bool = False) -> list[AlertView]:
    """Newest first; only the unacknowledged unless ``include_acknowledged``. ALERT_REVIEW."""
    check_permission(me, Action.ALERT_REVIEW)
    reconcile(me)
    rows = SecurityAlertRepository(me.db).all(only_open=not include_acknowledged)
    return [_view(row) for row in rows]


def open_alerts(me: SignedIn) -> list[AlertView]:
    return list_alerts(me)


def unacknowledged_count(me: SignedIn) -> int:
    """How many alerts wait for acknowledgement (0 for roles that do not review alerts)."""
    if not can(me.session.role, Action.ALERT_REVIEW):
        return 0
    reconcile(me)  # an acknowledgement written into the table outside the app does not count
    return SecurityAlertRepository(me.db).open_count()


def acknowledge(me: SignedIn, alert_id: int, note: str) -> AlertView:
    """Acknowledge one alert with a note; audited ``alert.acknowledged``. ALERT_REVIEW; not an
    alert about one's own actions."""
    check_permission(me, Action.ALERT_REVIEW)
    text = note.strip()
    if not text or len(text) > NOTE_MAX:
        raise AlertNoteRequired()
    reconcile(me)
    db = me.db
    with db.transaction():
        repo = SecurityAlertRepository(db)
        row = repo.get(alert_id)
        if row is None:
            raise AlertNotFound(alert_id)
        if row.acknowledged:
            raise AlertAlreadyAcknowledged(alert_id)
        if row.subject and row.subject == me.session.username:
            raise OwnAlert(alert_id)
        at = me.now_utc()
        repo.acknowledge(alert_id, at=at, by=me.session.username, note=text)
        record(
            me,
            ACKNOWLEDGED,
            target_type="alert",
            target_id=str(alert_id),
            details={"rule": row.rule, "note": text, "acknowledged_at": at},
        )
        updated = repo.get(alert_id)
    assert updated is not None
    return _view(updated)


def evidence_json(view: AlertView) -> str:
    return json.dumps(list(view.evidence))
