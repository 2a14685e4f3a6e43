"""How long client records are kept (PIPL Art. 19, 47) and when they must be destroyed.

Each stage has a retention period counted from the client's last activity (the later of the last
contact and the last change to the client's data; reassigning a client to another agent is not
activity): e.g. a lead neither contacted nor updated for 24 months is due for destruction.
Buyers (subscription, contract, closed) are also under the anti-money-laundering hold: their
identification and transaction records are kept for at least ``AML_HOLD_YEARS`` years after the
transaction (``ClientRecord.buyer_since``); a buyer is never due before the hold ends, and a
deletion request or a withdrawal of consent during the hold puts the record in "storage only"
instead of destroying it. Plain Python on dates: no clock, no I/O.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from desktop_app.domain.branch_time import branch_day_of
from desktop_app.domain.client_record import BUYER_STAGES, ClientRecord, Stage
from desktop_app.domain.errors import BranchVaultError

AML_HOLD_YEARS = 10
MIN_MONTHS = 1
MAX_MONTHS = 600


def _default_months() -> dict[str, int]:
    return {
        Stage.LEAD.value: 24,
        Stage.VISITING.value: 24,
        Stage.SUBSCRIPTION.value: 36,
        Stage.CONTRACT.value: 36,
        Stage.CLOSED.value: 36,
    }


class RetentionRuleError(BranchVaultError):
    code = "retention_rule_invalid"


@dataclass(frozen=True)
class RetentionRules:
    """Months of inactivity after which a client at each stage is due for destruction (buyers:
    never before the anti-money-laundering hold ends, whichever is later). Stages left out keep
    their defaults. The months are validated once and cannot be changed afterwards (a read-only
    copy of the mapping given)."""

    months_by_stage: Mapping[str, int] = field(default_factory=_default_months)

    def __post_init__(self) -> None:
        checked: dict[str, int] = {}
        for stage, months in self.months_by_stage.items():
            try:
                code = Stage(stage).value
            except ValueError:
                raise RetentionRuleError(
                    f"保存期限规则中的客户阶段无效：{stage}", f"Unknown stage in the retention rules: {stage}"
                ) from None
            if (
                isinstance(months, bool)
                or not isinstance(months, int)
                or not MIN_MONTHS <= months <= MAX_MONTHS
            ):
                raise RetentionRuleError(
                    f"保存期限须为 {MIN_MONTHS}–{MAX_MONTHS} 个月（{stage}：{months}）",
                    f"A retention period must be {MIN_MONTHS}–{MAX_MONTHS} months ({stage}: {months})",
                )
            checked[code] = months
        object.__setattr__(self, "months_by_stage", MappingProxyType(checked))

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.months_by_stage.items())))

    def months_for(self, stage: str) -> int:
        if stage in self.months_by_stage:
            return self.months_by_stage[stage]
        return _default_months()[stage]

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> RetentionRules:
        """From the branch config's ``[retention]`` table (``lead_months = 24`` …); missing stages keep
        their defaults. RetentionRuleError names the bad key as written in the file."""
        months = _default_months()
        for key, value in settings.items():
            stage = key.removesuffix("_months") if isinstance(key, str) else ""
            if stage == key or stage not in months:
                expected = "、".join(f"{code}_months" for code in months)
                raise RetentionRuleError(
                    f"保存期限设置无效：{key}（应为 {expected} 之一）",
                    f"Invalid retention setting: {key} (expected one of {expected.replace('、', ', ')})",
                )
            if isinstance(value, bool) or not isinstance(value, int) or not MIN_MONTHS <= value <= MAX_MONTHS:
                raise RetentionRuleError(
                    f"保存期限设置无效：{key} = {value!r}（应为 {MIN_MONTHS}–{MAX_MONTHS} 的整数月数）",
                    f"Invalid retention setting: {key} = {value!r} (expected a whole number of months, "
                    f"{MIN_MONTHS}–{MAX_MONTHS})",
                )
            months[stage] = value
        return cls(months)

    def as_settings(self) -> dict[str, int]:
        return {f"{stage}_months": months for stage, months in self.months_by_stage.items()}


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day(timestamp: str) -> date:
    return branch_day_of(timestamp)


def legal_hold_ends(client: ClientRecord) -> date | None:
    """The first day the anti-money-laundering hold no longer applies; None if the client never
    bought (no hold)."""
    if client.buyer_since is None and client.values.stage not in BUYER_STAGES:
        return None
    start = _day(client.buyer_since or client.updated_at)
    return add_months(start, AML_HOLD_YEARS * 12)


def under_legal_hold(client: ClientRecord, today: date) -> bool:
    ends = legal_hold_ends(client)
    return ends is not None and today < ends


def last_activity(client: ClientRecord) -> date:
    """The later of the last contact and the last change to the record."""
    days = [_day(client.updated_at)]
    if client.last_contact_at:
        days.append(_day(client.last_contact_at))
    return max(days)


def destruction_due_on(client: ClientRecord, rules: RetentionRules) -> date:
    """The day the client becomes due for destruction: its stage's period after the last activity,
    and never before the legal hold ends. A record in storage only is due when its hold ends."""
    hold_end = legal_hold_ends(client)
    if client.storage_only and hold_end is not None:
        return hold_end
    due = add_months(last_activity(client), rules.months_for(client.values.stage))
    return max(due, hold_end) if hold_end is not None else due


def is_due_for_destruction(client: ClientRecord, rules: RetentionRules, today: date) -> bool:
    return today >= destruction_due_on(client, rules)
