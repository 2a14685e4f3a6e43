"""The checklist items the app evaluates itself, each returning pass/fail with its evidence (zh/en) and figures.

Rules (thresholds documented here, shown in the evidence text):
- ``secure_keyring``: the branch uses the OS keyring (not ``--no-keyring``) and a secure backend is
  usable on this PC (store/device_secret.py never counts plain-text backends).
- ``staff_passwords``: no active account past ``password_max_age_days`` (security policy; 0 = no
  expiry) and no temporary password left unchanged more than ``MUST_CHANGE_DAYS`` days.
- ``audit_chain``: a successful ``audit.verify`` entry within ``AUDIT_VERIFY_DAYS`` days; the
  reviewer may run the verification at the time of evaluating (``verify_audit=True``), which records
  one (GB/T 22239-2019 8.1.4.3).
- ``requests_overdue``, ``retention_queue`` (nothing due for destruction for more than
  ``RETENTION_GRACE_DAYS`` days), ``sensitive_consent`` (no ID number or income held without the
  sensitive-data consent): from clients.db when the reviewer holds the client-data key (a manager);
  otherwise from the dashboard's latest client-facts snapshot (services/programme_client_facts.py),
  "as of" its time — the snapshot counts every record due, so the auditor's test of the retention
  queue is the stricter one, and says so; with neither, ``unknown`` (a manager must open the
  dashboard once) — never pass.
- ``current_notice``: the version in force is the newest bundled one already effective, or later.
- ``training_coverage``: this quarter's training coverage (services/training_records.training_counts)
  reaches the programme target (``target_training_coverage``, default 100%).
- ``backup_recent``: a backup taken within ``backup_max_age_days`` (security policy) that a verify or a
  restore drill opened and passed (services/backup_schedule.py, from the ``backup_runs`` history,
  counting only rows the audit log vouches for); a backup nobody opened does not count
  (GB/T 22239-2019 8.1.4.9).
- ``restore_drill``: a passed restore drill within ``restore_drill_days`` (services/backup_drill.py).
The client-facts snapshot (the dashboard's part) is looked up by module name so the review works
before that part is installed; without it the client-side items evaluate to ``unknown``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop_app.domain.client_requests import is_overdue
from desktop_app.domain.compliance_review import UNKNOWN_NOTE, Evaluation, Outcome
from desktop_app.domain.password_rules import password_expired
from desktop_app.domain.programme_periods import Quarter
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.compliance_queries import last_successful_audit_verification, sensitive_without_consent
from desktop_app.store.staff_repository import StaffRepository

AUDIT_VERIFY_DAYS = 30
MUST_CHANGE_DAYS = 7
RETENTION_GRACE_DAYS = 30
DAY = 86400.0


@dataclass(frozen=True)
class ClientSideFacts:
    """The three client-data counts the review needs, and where they came from."""

    requests_overdue: int
    retention_due_unprocessed: int
    sensitive_without_consent: int
    as_of: str | None  # None: computed now from clients.db; else the snapshot's time (UTC ISO)


def _moment(timestamp: str) -> float:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).astimezone(UTC).timestamp()


def _when(timestamp: str) -> str:
    return timestamp.replace("T", " ").split(".")[0].rstrip("Z") + " UTC"


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """Another part's function by name (training, dashboard), None while that part is not installed."""
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError:
        return None
    function = getattr(found, name, None)
    return function if callable(function) else None


def client_side_facts(me: SignedIn) -> ClientSideFacts | None:
    """From clients.db with the key; else the dashboard's latest snapshot; None if neither."""
    if me.session.holds_client_key:
        from desktop_app.services.client_retention import destruction_due_dates
        from desktop_app.store.client_request_repository import ClientRequestRepository

        today = me.today()
        requests = ClientRequestRepository(me.db).list("open")
        overdue = sum(
            1 for r in requests if is_overdue(r.status, datetime.fromisoformat(r.due_on).date(), today)
        )
        late = sum(1 for on in destruction_due_dates(me) if (today - on).days > RETENTION_GRACE_DAYS)
        return ClientSideFacts(overdue, late, sensitive_without_consent(me.db), None)
    latest = _optional("desktop_app.services.programme_client_facts", "latest_client_facts")
    facts = latest(me) if latest is not None else None
    if facts is None:
        return None
    return ClientSideFacts(
        requests_overdue=int(facts.requests_overdue),
        retention_due_unprocessed=int(facts.retention_due_unprocessed),
        sensitive_without_consent=int(facts.clients_without_consent),
        as_of=str(facts.computed_at),
    )


def _unknown(figures: dict[str, object] | None = None) -> Evaluation:
    return Evaluation(Outcome.UNKNOWN, UNKNOWN_NOTE[0], UNKNOWN_NOTE[1], figures or {})


def _from_facts(facts: ClientSideFacts | None, key: str, zh: str, en: str) -> Evaluation:
    if facts is None:
        return _unknown()
    count = int(getattr(facts, key))
    source_zh = "（客户数据库，当前）" if facts.as_of is None else f"（截至 {_when(facts.as_of)} 的快照）"
    source_en = (
        " (client database, now)" if facts.as_of is None else f" (snapshot as of {_when(facts.as_of)})"
    )
    return Evaluation(
        Outcome.PASS if count == 0 else Outcome.FAIL,
        f"{zh}：{count}{source_zh}",
        f"{en}: {count}{source_en}",
        {key: count},
        facts.as_of,
    )


def evaluate_secure_keyring(me: SignedIn) -> Evaluation:
    chosen = me.config.use_keyring
    status = me.secrets.status()
    ok = chosen and status.usable
    if not chosen:
        zh, en = (
            "门店以 --no-keyring 初始化：数据仅靠员工密码保护",
            "The branch was set up with --no-keyring: data is protected by staff passwords only",
        )
    elif status.usable:
        zh, en = f"使用安全密钥环：{status.backend}", f"Secure keyring in use: {status.backend}"
    else:
        zh = f"本机没有可用的安全密钥环（{status.backend}：{status.reason}）"
        en = f"No secure keyring usable on this PC ({status.backend}: {status.reason})"
    return Evaluation(
        Outcome.PASS if ok else Outcome.FAIL, zh, en, {"use_keyring": chosen, "backend_usable": status.usable}
    )


def evaluate_staff_passwords(me: SignedIn) -> Evaluation:
    policy = me.policy
    now = me.clock()
    active = [m for m in StaffRepository(me.db).list() if m.active]
    expired = [
        m.username
        for m in active
        if not m.must_change_password and password_expired(m.password_changed_at, now, policy)
    ]
    stale = [
        m.username
        for m in active
        if m.must_change_password and now - m.password_changed_at > MUST_CHANGE_DAYS * DAY
    ]
    age = policy.password_max_age_days
    age_zh = f"最长使用 {age} 天" if age > 0 else "未设置密码有效期"
    age_en = f"maximum age {age} days" if age > 0 else "no maximum age set"
    zh = (
        f"在职账户 {len(active)} 个；密码过期 {len(expired)} 个（{age_zh}）；"
        f"临时密码超过 {MUST_CHANGE_DAYS} 天未修改 {len(stale)} 个"
    )
    en = (
        f"{len(active)} active accounts; {len(expired)} with an expired password ({age_en}); "
        f"{len(stale)} with a temporary password unchanged for more than {MUST_CHANGE_DAYS} days"
    )
    names = expired + stale
    if names:  # usernames are staff accounts, not client data
        zh += "：" + "、".join(names)
        en += ": " + ", ".join(names)
    return Evaluation(
        Outcome.PASS if not names else Outcome.FAIL,
        zh,
        en,
        {"active": len(active), "expired": len(expired), "temporary_unchanged": len(stale)},
    )


def evaluate_audit_chain(me: SignedIn) -> Evaluation:
    last = last_successful_audit_verification(me.db)
    if last is None:
        return Evaluation(
            Outcome.FAIL,
            "审计链从未校验成功",
            "The audit chain was never verified successfully",
            {"days_since": None, "limit_days": AUDIT_VERIFY_DAYS},
        )
    elapsed = me.clock() - _moment(last)
    days = int(elapsed // DAY)
    ok = elapsed <= AUDIT_VERIFY_DAYS * DAY
    return Evaluation(
        Outcome.PASS if ok else Outcome.FAIL,
        f"最近一次成功校验：{_when(last)}（{days} 天前；要求 {AUDIT_VERIFY_DAYS} 天内）",
        f"Last successful verification: {_when(last)} ({days} days ago; required within {AUDIT_VERIFY_DAYS} days)",
        {"last_verified_at": last, "days_since": days, "limit_days": AUDIT_VERIFY_DAYS},
    )


def evaluate_current_notice(me: SignedIn) -> Evaluation:
    from desktop_app.services.privacy_notices import current_notice
    from desktop_app.store.notice_files import bundled_versions, load_bundled

    current = current_notice(me)
    today = me.today()
    bundled = [load_bundled(v) for v in bundled_versions()]
    effective = [n for n in bundled if n.effective <= today] or bundled
    newest = max(effective, key=lambda n: (n.effective, n.version), default=None)
    ok = newest is None or current.version == newest.version or current.effective >= newest.effective
    newest_label = newest.version if newest is not None else "—"
    return Evaluation(
        Outcome.PASS if ok else Outcome.FAIL,
        f"当前生效版本 {current.version}（{current.effective.isoformat()} 起）；程序附带的最新已生效版本 {newest_label}",
        f"Version in force {current.version} (effective {current.effective.isoformat()}); newest effective "
        f"version shipped with the app {newest_label}",
        {"current": current.version, "newest_bundled": newest_label},
    )


def evaluate_training_coverage(me: SignedIn) -> Evaluation:
    from desktop_app.services.programme_settings import programme_policy
    from desktop_app.services.training_records import training_counts

    quarter = Quarter.of(me.today())
    counts = training_counts(me, quarter)
    target = programme_policy(me).target_training_coverage
    active, completed = int(counts.active_staff), int(counts.completed)
    figures: dict[str, object] = {
        "quarter": quarter.key(),
        "active_staff": active,
        "completed": completed,
        "target": target,
    }
    if active == 0:
        return Evaluation(
            Outcome.UNKNOWN, f"{quarter.key()} 没有在职员工", f"No active staff in {quarter.key()}", figures
        )
    percent = (Decimal(completed) * 100 / Decimal(active)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Evaluation(
        Outcome.PASS if percent >= target else Outcome.FAIL,
        f"{quarter.key()} 已完成培训 {completed}/{active} 人（{percent}%，目标 {target}%）",
        f"{quarter.key()}: {completed} of {active} staff trained ({percent}%, target {target}%)",
        figures,
    )


def evaluate_backup_recent(me: SignedIn) -> Evaluation:
    from desktop_app.services.backup_schedule import overview

    state = overview(me, audited_only=True)
    limit = state.max_age_days
    verified, latest = state.last_verified_backup, state.last_backup
    figures: dict[str, object] = {
        "limit_days": limit,
        "last_backup_at": None if latest is None else latest.at,
        "last_verified_backup_at": None if verified is None else verified.at,
        "verified_days_ago": state.verified_days_ago,
    }
    if verified is None:
        zh = f"{limit} 天内没有经过校验的备份"
        en = f"No verified backup within {limit} days"
        if latest is not None:
            zh += f"（最近一次备份 {_when(latest.at)} 未经校验或演练）"
            en += f" (the latest backup, {_when(latest.at)}, was never verified or drilled)"
        else:
            zh, en = "从未备份", "No backup was ever taken"
        return Evaluation(Outcome.FAIL, zh, en, figures)
    days = state.verified_days_ago
    zh = f"最近一次经校验的备份：{_when(verified.at)}（{days} 天前；要求 {limit} 天内）{verified.file_name}"
    en = (
        f"Latest verified backup: {_when(verified.at)} ({days} days ago; required within {limit} days) "
        f"{verified.file_name}"
    )
    return Evaluation(Outcome.FAIL if state.backup_overdue else Outcome.PASS, zh, en, figures)


def evaluate_restore_drill(me: SignedIn) -> Evaluation:
    from desktop_app.services.backup_schedule import overview

    state = overview(me, audited_only=True)
    limit, drill = state.drill_days, state.last_drill
    figures: dict[str, object] = {
        "limit_days": limit,
        "last_drill_at": None if drill is None else drill.at,
        "days_since": state.drill_days_ago,
    }
    if drill is None:
        return Evaluation(Outcome.FAIL, "从未成功进行恢复演练", "No restore drill has ever passed", figures)
    days = state.drill_days_ago
    return Evaluation(
        Outcome.FAIL if state.drill_overdue else Outcome.PASS,
        f"最近一次通过的恢复演练：{_when(drill.at)}（{days} 天前，{drill.by_username}；要求 {limit} 天内）",
        f"Last passed restore drill: {_when(drill.at)} ({days} days ago, by {drill.by_username}; "
        f"required within {limit} days)",
        figures,
    )


def evaluate_all(me: SignedIn, evaluators: set[str]) -> dict[str, Evaluation]:
    """Every evaluator in ``evaluators``, the client-side facts read once."""
    facts: ClientSideFacts | None = None
    if evaluators & {"requests_overdue", "retention_queue", "sensitive_consent"}:
        facts = client_side_facts(me)
    table: dict[str, Callable[[SignedIn], Evaluation]] = {
        "secure_keyring": evaluate_secure_keyring,
        "staff_passwords": evaluate_staff_passwords,
        "audit_chain": evaluate_audit_chain,
        "current_notice": evaluate_current_notice,
        "training_coverage": evaluate_training_coverage,
        "backup_recent": evaluate_backup_recent,
        "restore_drill": evaluate_restore_drill,
        "requests_overdue": lambda _m: _from_facts(
            facts, "requests_overdue", "逾期未答复的请求", "Requests overdue"
        ),
        "retention_queue": lambda _m: _from_facts(
            facts,
            "retention_due_unprocessed",
            f"到期超过 {RETENTION_GRACE_DAYS} 天未处理的客户记录"
            if facts is None or facts.as_of is None
            else "到期未处理的客户记录（快照不区分到期天数）",
            f"Records due for destruction for more than {RETENTION_GRACE_DAYS} days"
            if facts is None or facts.as_of is None
            else "Records due for destruction (the snapshot counts every record due, however recently)",
        ),
        "sensitive_consent": lambda _m: _from_facts(
            facts,
            "sensitive_without_consent",
            "保存敏感信息但无单独同意记录的客户",
            "Clients with sensitive data but no separate consent recorded",
        ),
    }
    return {name: table[name](me) for name in sorted(evaluators)}
