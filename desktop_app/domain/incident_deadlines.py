"""The three clocks an incident starts, and how each stands at a given moment (pure; the caller
passes "now").

Rule: from the moment the incident was *discovered* (not when it was typed in), three reports are
due within the hours of the programme policy (domain/programme_policy.py, manager-settable):

- **internal** — to headquarters (the company's personal-information protection officer, who
  reports on to the regulator), ``incident_internal_report_hours`` (default 24 h: the company's
  policy);
- **regulator** — to the authority, ``incident_regulator_report_hours`` (default 72 h: the
  company's policy, modelled on GDPR Art. 33 practice). Chinese law sets no hour count for an
  ordinary incident: PIPL Art. 57 says the handler shall *immediately* (立即) take remedial
  measures and notify the authorities that perform personal-information protection duties and the
  individuals. For an incident graded 较大 (relatively major) or above under the annex
  《网络安全事件分级指南》, the CAC's 《国家网络安全事件报告管理办法》 (issued 2025-09-11, in force
  2025-11-01) Art. 4 requires a report within at most 4 hours to the provincial cyberspace
  administration (1 hour for critical-information-infrastructure operators, 2 hours for central
  state organs): a manager facing such an incident sets 4 h or less;
- **clients** — to each affected individual, ``incident_client_notice_hours`` (default 72 h: the
  company's policy for Art. 57's "notify the individuals"; Art. 57 para. 2 lets the handler not
  notify when its measures effectively avoid harm — the manager records that when closing).

A clock is *met* once its timestamp is recorded (late if after the due moment), *not required*
when the assessment found no personal-information breach (regulator and clients) or the incident
was closed without notifying (clients), otherwise *pending* with the time left or *overdue* by how
long. The internal report is always required.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum


class DeadlineKind(StrEnum):
    INTERNAL = "internal"
    REGULATOR = "regulator"
    CLIENTS = "clients"


DEADLINE_LABELS: dict[DeadlineKind, tuple[str, str]] = {
    DeadlineKind.INTERNAL: ("内部报告", "Internal report"),
    DeadlineKind.REGULATOR: ("向监管部门报告", "Report to the regulator"),
    DeadlineKind.CLIENTS: ("告知客户", "Notify the clients"),
}


class DeadlineStatus(StrEnum):
    PENDING = "pending"
    OVERDUE = "overdue"
    MET = "met"
    NOT_REQUIRED = "not_required"


@dataclass(frozen=True)
class DeadlineHours:
    internal: int
    regulator: int
    clients: int

    def of(self, kind: DeadlineKind) -> int:
        return {
            DeadlineKind.INTERNAL: self.internal,
            DeadlineKind.REGULATOR: self.regulator,
            DeadlineKind.CLIENTS: self.clients,
        }[kind]


@dataclass(frozen=True)
class IncidentTimes:
    """What the deadlines depend on: stored UTC ISO timestamps (None = not recorded)."""

    discovered_at: str
    is_breach: bool | None
    internal_reported_at: str | None
    regulator_reported_at: str | None
    clients_notified_at: str | None
    closed_without_notice: bool = False


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    status: DeadlineStatus
    due_at: datetime
    met_at: datetime | None = None
    seconds: int = 0  # pending: seconds left; overdue: seconds past due; met: seconds late (0 = on time)

    @property
    def late(self) -> bool:
        return self.status is DeadlineStatus.MET and self.seconds > 0

    def text_zh(self) -> str:
        return _text(self, zh=True)

    def text_en(self) -> str:
        return _text(self, zh=False)

    def text(self, language: str = "zh_CN") -> str:
        return _text(self, zh=language.startswith("zh"))


def parse_utc(timestamp: str) -> datetime:
    moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _span(seconds: int, *, zh: bool) -> str:
    minutes = max(0, seconds) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if zh:
        return (f"{days}天" if days else "") + f"{hours}小时{mins:02d}分"
    return (f"{days} d " if days else "") + f"{hours} h {mins:02d} min"


def _text(d: Deadline, *, zh: bool) -> str:
    if d.status is DeadlineStatus.NOT_REQUIRED:
        return "无需" if zh else "not required"
    if d.status is DeadlineStatus.MET:
        if d.seconds > 0:
            return (
                f"已完成（逾期{_span(d.seconds, zh=True)}）"
                if zh
                else f"done ({_span(d.seconds, zh=False)} late)"
            )
        return "已按时完成" if zh else "done on time"
    if d.status is DeadlineStatus.OVERDUE:
        return f"已逾期 {_span(d.seconds, zh=True)}" if zh else f"overdue by {_span(d.seconds, zh=False)}"
    return f"剩余 {_span(d.seconds, zh=True)}" if zh else f"{_span(d.seconds, zh=False)} left"


def _required(kind: DeadlineKind, times: IncidentTimes) -> bool:
    if kind is DeadlineKind.INTERNAL:
        return True
    if times.is_breach is False:
        return False
    return not (kind is DeadlineKind.CLIENTS and times.closed_without_notice)


def _recorded(kind: DeadlineKind, times: IncidentTimes) -> str | None:
    return {
        DeadlineKind.INTERNAL: times.internal_reported_at,
        DeadlineKind.REGULATOR: times.regulator_reported_at,
        DeadlineKind.CLIENTS: times.clients_notified_at,
    }[kind]


def deadline(kind: DeadlineKind, times: IncidentTimes, hours: DeadlineHours, now: datetime) -> Deadline:
    """How ``kind`` stands at ``now`` (a timezone-aware moment)."""
    due = parse_utc(times.discovered_at) + timedelta(hours=hours.of(kind))
    recorded = _recorded(kind, times)
    if recorded is not None:
        met = parse_utc(recorded)
        return Deadline(kind, DeadlineStatus.MET, due, met, max(0, int((met - due).total_seconds())))
    if not _required(kind, times):
        return Deadline(kind, DeadlineStatus.NOT_REQUIRED, due)
    left = int((due - now).total_seconds())
    if left > 0:
        return Deadline(kind, DeadlineStatus.PENDING, due, seconds=left)
    return Deadline(kind, DeadlineStatus.OVERDUE, due, seconds=-left)


def deadlines(times: IncidentTimes, hours: DeadlineHours, now: datetime) -> tuple[Deadline, ...]:
    """The three clocks, in the order internal, regulator, clients."""
    return tuple(deadline(kind, times, hours, now) for kind in DeadlineKind)


def overdue_count(times: IncidentTimes, hours: DeadlineHours, now: datetime) -> int:
    return sum(1 for d in deadlines(times, hours, now) if d.status is DeadlineStatus.OVERDUE)
