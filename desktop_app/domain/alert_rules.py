"""The anomaly-alert rules: one documented table and the pure functions that find their hits.

Rule: the audit log is watched for what a branch auditor would want to be told about — sign-ins
outside business hours, bursts of failed sign-ins, bulk reveals, enumeration by ID number or phone,
a manager's override, export spikes, a broken audit chain, key and policy changes, a branch without
the keyring, a staff member opening far more client records than usual — and each hit becomes an
alert naming the audit sequence numbers that are its evidence. Thresholds are rows of the security
policy table (``domain/security_policy.py``), so IT sets them per branch and the machine policy can
only tighten them. Reason: logs nobody reads protect nobody; GB/T 22239-2019 8.1.4.3 (security
audit: records reviewed, anomalies found) and PIPL Art. 51 (security measures: monitoring access).

Two kinds: ``on_write`` rules look at one entry alone and run as it is written (a set lookup on the
action first, so other audited actions pay nothing); ``periodic`` rules need a window or a history
and run in the periodic pass; ``raised`` codes are raised by other parts (integrity check, scheduled
backup). Per-entry rules are evaluated again by the periodic pass (entries written without
``record``, e.g. failures recorded late), idempotent through dedup keys.

Times: audit timestamps are UTC; hours and days are Beijing time (``domain/branch_time.py``). A
weekend is not off-hours: sales offices open at weekends. No rule ever names a client: subjects are
staff usernames, evidence is sequence numbers.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.security_policy import SecurityPolicy

ON_WRITE = "on_write"
PERIODIC = "periodic"
RAISED = "raised"  # raised by another part (integrity check, scheduled backup)


@dataclass(frozen=True)
class AlertRule:
    code: str
    zh: str
    en: str
    kind: str
    policy_fields: tuple[str, ...]
    doc: str


RULES: tuple[AlertRule, ...] = (
    AlertRule(
        "off_hours_sign_in",
        "非营业时间登录",
        "Sign-in outside business hours",
        ON_WRITE,
        ("alert_business_start_hour", "alert_business_end_hour"),
        "A successful sign-in before the business day starts or from its end on (Beijing time; "
        "weekends count as business days).",
    ),
    AlertRule(
        "failed_sign_ins",
        "大量登录失败",
        "Many failed sign-ins",
        PERIODIC,
        ("alert_failed_signins_per_hour",),
        "That many failed sign-ins (all accounts together, at the time each happened, also those "
        "recorded late) within 60 minutes.",
    ),
    AlertRule(
        "bulk_reveal",
        "批量查看敏感字段",
        "Bulk reveals",
        PERIODIC,
        ("bulk_reveal_threshold", "bulk_reveal_window_minutes"),
        "One user's reveals (allowed, or refused by the bulk guard) reaching the bulk-reveal "
        "threshold inside its window; 0 switches it off.",
    ),
    AlertRule(
        "enumeration",
        "按证件号/手机号批量检索",
        "Enumeration by ID number or phone",
        PERIODIC,
        ("alert_sensitive_searches_per_hour",),
        "One user's searches by ID number or phone reaching that many within 60 minutes.",
    ),
    AlertRule(
        "manager_override",
        "经理越权放行",
        "Manager override",
        ON_WRITE,
        (),
        "A manager unlocked more reveals for another staff member (`client.reveal_override` granted).",
    ),
    AlertRule(
        "export_spike",
        "导出次数异常",
        "Export spike",
        PERIODIC,
        ("alert_exports_per_day",),
        "One user starting that many exports (HQ summaries, audit-log exports, rejected-row files) "
        "in one Beijing day.",
    ),
    AlertRule(
        "audit_chain_failure",
        "审计链校验失败",
        "Audit chain verification failure",
        ON_WRITE,
        (),
        "A failed `audit.verify`, a rolled-back log, a lost witness, restored triggers, or a "
        "tampered, missing or rolled-back sign-in state file.",
    ),
    AlertRule(
        "key_or_policy_change",
        "密钥或策略变更",
        "Key or policy change",
        ON_WRITE,
        (),
        "A rekey IT asked for (not the rotation that follows a password change, a disabled or a reset "
        "member), a recovery-code use (branch or client data), a settings change or an edited settings "
        "file, a privacy-programme policy change.",
    ),
    AlertRule(
        "keyring_off",
        "未使用系统密钥环",
        "Keyring switched off",
        ON_WRITE,
        (),
        "The branch was set up or provisioned without the system keyring (`--no-keyring`), or runs "
        "without it.",
    ),
    AlertRule(
        "view_spike",
        "查看客户数量异常",
        "Far more client records opened than usual",
        PERIODIC,
        ("alert_views_factor", "alert_views_minimum"),
        "One user opening more client records in a Beijing day than the factor times their median "
        "over their previous 30 days with views, and at least the minimum.",
    ),
    AlertRule(
        "integrity_failure",
        "数据库完整性检查失败",
        "Database integrity check failed",
        RAISED,
        (),
        "Raised by the integrity check when a finding fails.",
    ),
    AlertRule(
        "backup_failed",
        "定时备份失败",
        "Scheduled backup failed",
        RAISED,
        (),
        "Raised by the backup schedule when a scheduled backup fails.",
    ),
)

RULES_BY_CODE: dict[str, AlertRule] = {rule.code: rule for rule in RULES}
RULE_CODES: frozenset[str] = frozenset(RULES_BY_CODE)

# Per-entry rules: action -> rule code (the on-write hook's set lookup).
AUDIT_CHAIN_ACTIONS = frozenset(
    {
        "audit.verify",
        "audit.rollback_detected",
        "audit.witness_missing",
        "audit.triggers_restored",
        "signin_state.tampered",
        "signin_state.missing",
        "signin_state.rolled_back",
    }
)
KEY_OR_POLICY_ACTIONS = frozenset(
    {
        "keys.rekey",
        "keys.recovery_used",
        "keys.client_recovery_used",
        "config.edit",
        "config.file_tampered",
        "programme.policy_changed",
    }
)
SETUP_ACTIONS = frozenset({"branch.init", "branch.provision"})
SIGN_IN = "auth.sign_in"
OVERRIDE = "client.reveal_override"
ON_WRITE_ACTIONS: frozenset[str] = frozenset(
    {SIGN_IN, OVERRIDE, *AUDIT_CHAIN_ACTIONS, *KEY_OR_POLICY_ACTIONS, *SETUP_ACTIONS}
)

REVEAL = "client.reveal"
SEARCH = "client.search"
VIEW = "client.view"
EXPORT_ACTIONS = frozenset({"export.prepare", "audit.export", "client.import.rejects_export"})
PERIODIC_ACTIONS: frozenset[str] = frozenset({SIGN_IN, REVEAL, SEARCH, VIEW, *EXPORT_ACTIONS})

HOUR = 3600.0
DAY = 86400.0
VIEW_HISTORY_DAYS = 30  # active days whose median is "usual"
VIEW_LOOKBACK_DAYS = 120  # how far back those 30 active days are looked for
SENSITIVE_SEARCH_KINDS = frozenset({"id", "phone"})


@dataclass(frozen=True)
class AuditEvent:
    """The plain values of one audit entry that the rules read (``at``: POSIX seconds, UTC)."""

    seq: int
    at: float
    actor: str
    role: str
    action: str
    outcome: str = "success"
    target: str = ""
    reason: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    """One alert to raise: the rule, the staff member concerned, the evidence and its dedup key."""

    rule: str
    subject: str
    evidence: tuple[int, ...]
    dedup_key: str
    details: Mapping[str, Any] = field(default_factory=dict)


def parse_timestamp(ts: str) -> float:
    moment = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def beijing(at: float) -> datetime:
    return datetime.fromtimestamp(at, BRANCH_TIME)


def is_off_hours(at: float, policy: SecurityPolicy) -> bool:
    hour = beijing(at).hour
    return hour < policy.alert_business_start_hour or hour >= policy.alert_business_end_hour


def _per_entry_hit(rule: str, event: AuditEvent, **details: Any) -> Hit:
    return Hit(
        rule, event.actor, (event.seq,), f"{rule}:seq:{event.seq}", {"action": event.action, **details}
    )


def entry_hits(event: AuditEvent, policy: SecurityPolicy) -> list[Hit]:
    """The per-entry (on-write) rules for one entry; nothing for an action none of them reads."""
    action = event.action
    if action not in ON_WRITE_ACTIONS:
        return []
    if action == SIGN_IN:
        if event.outcome == "success" and is_off_hours(event.at, policy):
            local = beijing(event.at)
            return [_per_entry_hit("off_hours_sign_in", event, local_time=local.strftime("%Y-%m-%d %H:%M"))]
        return []
    if action == OVERRIDE:
        if event.outcome == "success":
            return [_per_entry_hit("manager_override", event, for_username=str(event.target))]
        return []
    if action in AUDIT_CHAIN_ACTIONS:
        if action != "audit.verify" or event.outcome == "failure":
            return [_per_entry_hit("audit_chain_failure", event)]
        return []
    if action in KEY_OR_POLICY_ACTIONS:
        if action == "keys.rekey" and (
            event.details.get("phase") != "started" or event.details.get("reason", "requested") != "requested"
        ):
            return []  # one alert per rekey; the rotation that follows a password change is routine
        return [_per_entry_hit("key_or_policy_change", event)]
    if action in SETUP_ACTIONS and event.details.get("keyring") is False:
        return [_per_entry_hit("keyring_off", event)]
    return []


def _bursts(
    rule: str,
    events: Iterable[AuditEvent],
    threshold: int,
    window: float,
    subject: Callable[[AuditEvent], str],
) -> list[Hit]:
    """Per subject, each run of ``threshold`` events within ``window`` seconds (greedy from the
    earliest; events of one burst never start another). Evidence: the burst's events in the window."""
    if threshold <= 0:
        return []
    by_subject: dict[str, list[AuditEvent]] = defaultdict(list)
    for event in events:
        by_subject[subject(event)].append(event)
    hits: list[Hit] = []
    for who, group in sorted(by_subject.items()):
        group.sort(key=lambda e: (e.at, e.seq))
        i = 0
        while i + threshold <= len(group):
            start = group[i].at
            if group[i + threshold - 1].at - start < window:
                end = i
                while end < len(group) and group[end].at - start < window:
                    end += 1
                burst = group[i:end]
                hits.append(
                    Hit(
                        rule,
                        who,
                        tuple(e.seq for e in burst),
                        f"{rule}:{who}:{group[i].seq}",
                        {"count": len(burst), "window_minutes": round(window / 60), "threshold": threshold},
                    )
                )
                i = end
            else:
                i += 1
    return hits


def failed_sign_in_hits(events: Iterable[AuditEvent], policy: SecurityPolicy) -> list[Hit]:
    failures = [e for e in events if e.action == SIGN_IN and e.outcome == "failure"]
    return _bursts("failed_sign_ins", failures, policy.alert_failed_signins_per_hour, HOUR, lambda e: "")


def bulk_reveal_hits(events: Iterable[AuditEvent], policy: SecurityPolicy) -> list[Hit]:
    reveals = [
        e
        for e in events
        if e.action == REVEAL
        and (e.outcome == "success" or (e.outcome == "denied" and e.reason == "bulk_reveal_threshold"))
    ]
    window = policy.bulk_reveal_window_minutes * 60.0
    if window <= 0:
        return []
    return _bursts("bulk_reveal", reveals, policy.bulk_reveal_threshold, window, lambda e: e.actor)


def enumeration_hits(events: Iterable[AuditEvent], policy: SecurityPolicy) -> list[Hit]:
    searches = [e for e in events if e.action == SEARCH and e.details.get("kind") in SENSITIVE_SEARCH_KINDS]
    return _bursts("enumeration", searches, policy.alert_sensitive_searches_per_hour, HOUR, lambda e: e.actor)


def _by_actor_day(events: Iterable[AuditEvent]) -> dict[tuple[str, date], list[AuditEvent]]:
    groups: dict[tuple[str, date], list[AuditEvent]] = defaultdict(list)
    for event in events:
        groups[(event.actor, beijing(event.at).date())].append(event)
    return groups


def export_spike_hits(events: Iterable[AuditEvent], policy: SecurityPolicy) -> list[Hit]:
    threshold = policy.alert_exports_per_day
    if threshold <= 0:
        return []
    exports = [e for e in events if e.action in EXPORT_ACTIONS and e.outcome == "success"]
    hits: list[Hit] = []
    for (who, day), group in sorted(_by_actor_day(exports).items()):
        if len(group) >= threshold:
            hits.append(
                Hit(
                    "export_spike",
                    who,
                    tuple(sorted(e.seq for e in group)),
                    f"export_spike:{who}:{day.isoformat()}",
                    {"day": day.isoformat(), "count": len(group), "threshold": threshold},
                )
            )
    return hits


def usual_views(previous: Mapping[date, int], day: date) -> float:
    """The median of the user's views over their last 30 days with views before ``day`` (0: none)."""
    earlier = sorted((d for d, n in previous.items() if d < day and n > 0), reverse=True)[:VIEW_HISTORY_DAYS]
    return float(statistics.median(previous[d] for d in earlier)) if earlier else 0.0


def is_view_spike(count: int, usual: float, policy: SecurityPolicy) -> bool:
    return count >= policy.alert_views_minimum and count > policy.alert_views_factor * usual


def view_spike_hits(events: Iterable[AuditEvent], policy: SecurityPolicy, now: float) -> list[Hit]:
    """Days (within the look-back from ``now``) on which a user opened far more records than usual."""
    views = [e for e in events if e.action == VIEW and e.outcome == "success"]
    groups = _by_actor_day(views)
    per_actor: dict[str, dict[date, int]] = defaultdict(dict)
    for (who, day), group in groups.items():
        per_actor[who][day] = len(group)
    oldest = beijing(now).date() - timedelta(days=VIEW_LOOKBACK_DAYS)
    hits: list[Hit] = []
    for (who, day), group in sorted(groups.items()):
        if day < oldest:
            continue
        count = len(group)
        usual = usual_views(per_actor[who], day)
        if is_view_spike(count, usual, policy):
            hits.append(
                Hit(
                    "view_spike",
                    who,
                    tuple(sorted(e.seq for e in group)),
                    f"view_spike:{who}:{day.isoformat()}",
                    {
                        "day": day.isoformat(),
                        "count": count,
                        "usual": usual,
                        "factor": policy.alert_views_factor,
                    },
                )
            )
    return hits


def periodic_hits(events: Sequence[AuditEvent], policy: SecurityPolicy, now: float) -> list[Hit]:
    """Every rule over ``events`` (the entries to scan plus the look-back the windows need)."""
    hits = [hit for event in events for hit in entry_hits(event, policy)]
    hits += failed_sign_in_hits(events, policy)
    hits += bulk_reveal_hits(events, policy)
    hits += enumeration_hits(events, policy)
    hits += export_spike_hits(events, policy)
    hits += view_spike_hits(events, policy, now)
    return hits


def lookback_seconds(policy: SecurityPolicy) -> float:
    """How far before the first new entry the windowed rules must look (the longest window)."""
    return max(HOUR, policy.bulk_reveal_window_minutes * 60.0, DAY)


def rule_title(code: str, language: str = "zh") -> str:
    rule = RULES_BY_CODE.get(code)
    if rule is None:
        return code
    return rule.zh if language.startswith("zh") else rule.en
