"""Individuals' requests about their personal information (PIPL Art. 44–50): the kinds, the
statuses, the reply deadline, when a request may be acted on, the texts a manager writes when
closing one, the request as the requests area shows it, and the labels of a client's copy.

A request must be answered within ``REPLY_DAYS`` days after the individual's identity is verified
(GB/T 35273-2020 §8.7). Until then the date counted from receipt is shown as a provisional due
date, so a request never sits without one. An open request past its due date is overdue. Nothing
but a refusal closes a request before identity is verified, and a closed request never changes.

A refusal needs a written reason (Art. 50), kept in the permanent audit log; an explanation's text
is kept on the request. Like a reveal reason, neither may carry a phone or ID number: runs of four
or more digits are refused. The free description of a request is never audited (it may name what
the client asked about) and is length-checked; like every free text about a client it never holds
a resident ID or bank card number (domain/sensitive_numbers.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.client_field_registry import CLIENT_FIELDS
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.field_errors import FieldLabel, InvalidField, required, too_long
from desktop_app.domain.input_text import fold_width, is_control
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.domain.phone_numbers import validate_phone
from desktop_app.domain.sensitive_numbers import refuse_sensitive_numbers

REPLY_DAYS = 30
TEXT_MIN = 4
TEXT_MAX = 500
DESCRIPTION_MAX = 500
MAX_AGE_DAYS = 366  # a request registered later than a year after receipt is a typing mistake

KIND_FIELD = FieldLabel("request_kind", "请求类型", "Request type")
STATUS_FIELD = FieldLabel("request_status", "状态", "Status")
RECEIVED_FIELD = FieldLabel("received_on", "收到日期", "Date received")
DESCRIPTION_FIELD = FieldLabel("request_description", "请求说明", "Description")
OUTCOME_FIELD = FieldLabel("request_outcome", "处理结果", "Outcome")
REFUSAL_FIELD = FieldLabel("refusal_reason", "拒绝理由", "Reason for refusing")
CORRECTION_FIELD = FieldLabel("correction", "更正内容", "Correction")

_DIGIT_RUN = re.compile(r"\d{4,}")
_LINE_BREAKS = re.compile(r"\r\n?")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class RequestKind(LabelledChoice):
    COPY = "copy", "查阅复制", "Copy of data", "查阅", "复制", "access"
    CORRECTION = "correction", "更正", "Correction", "更正补充"
    DELETION = "deletion", "删除", "Deletion"
    WITHDRAWAL = "withdrawal", "撤回同意", "Withdrawal of consent", "withdraw"
    EXPLANATION = "explanation", "解释说明", "Explanation", "解释"


class RequestStatus(LabelledChoice):
    OPEN = "open", "处理中", "Open"
    COMPLETED = "completed", "已完成", "Completed"
    REFUSED = "refused", "已拒绝", "Refused"


class RequestClosed(BranchVaultError):
    code = "request_closed"

    def __init__(self, status: str) -> None:
        label = RequestStatus(status)
        super().__init__(
            f"该请求已处理完毕（{label.label_zh}），不能再修改。",
            f"This request is already closed ({label.label_en.lower()}); it cannot be changed again.",
        )


class IdentityNotVerified(BranchVaultError):
    code = "identity_not_verified"

    def __init__(self) -> None:
        super().__init__(
            "尚未核验请求人的身份：请先核验身份，再办理该请求（无法核验时可以拒绝并写明理由）。",
            "The requester's identity is not verified yet: verify it before answering the request "
            "(if it cannot be verified, refuse the request with a written reason).",
        )


class AlreadyVerified(BranchVaultError):
    code = "identity_already_verified"

    def __init__(self) -> None:
        super().__init__("该请求的身份已核验过。", "The identity for this request is already verified.")


class WrongRequestKind(BranchVaultError):
    code = "wrong_request_kind"

    def __init__(self, kind: RequestKind) -> None:
        super().__init__(
            f"该请求的类型是“{kind.label_zh}”，不能这样办理。",
            f"This is a request of type “{kind.label_en}”; it cannot be answered this way.",
        )


class ClientDestroyed(BranchVaultError):
    code = "client_destroyed"

    def __init__(self) -> None:
        super().__init__(
            "该客户的资料已经销毁，只能拒绝该请求并写明理由。",
            "This client's data has been destroyed; the request can only be refused with a reason.",
        )


class NothingCorrected(BranchVaultError):
    code = "nothing_corrected"

    def __init__(self) -> None:
        super().__init__(
            "填写的值与现有资料相同，没有需要更正的内容。",
            "The values entered are the same as those on record; nothing was corrected.",
        )


class ClientState:
    ACTIVE = "active"
    STORAGE_ONLY = "storage_only"
    DESTROYED = "destroyed"


@dataclass(frozen=True)
class RequestView:
    """One request as the requests area shows it: the client's name masked, never its phone."""

    id: int
    client_id: int | None
    client_name: str  # masked; empty when the client is destroyed or kept in storage only
    client_state: str  # ClientState
    kind: str
    status: str
    received_on: date
    due_on: date
    identity_verified: bool
    identity_verified_at: str | None
    description: str
    outcome: str
    registered_at: str
    closed_at: str | None
    overdue: bool

    @property
    def reference(self) -> str:
        return f"REQ-{self.id}"

    def __repr__(self) -> str:  # the description may hold personal data
        return f"RequestView(id={self.id}, kind={self.kind}, status={self.status})"


def check_answerable(
    status: RequestStatus | str,
    kind: RequestKind | str,
    *,
    identity_verified: bool,
    kinds: Collection[RequestKind] = (),
    verification_needed: bool = True,
) -> None:
    """Whether a request may be acted on: it is open (a closed request never changes again), of
    one of ``kinds`` (any when empty) and, unless it is being refused, its requester's identity
    is verified."""
    if RequestStatus(str(status)) is not RequestStatus.OPEN:
        raise RequestClosed(str(status))
    which = RequestKind(str(kind))
    if kinds and which not in kinds:
        raise WrongRequestKind(which)
    if verification_needed and not identity_verified:
        raise IdentityNotVerified()


def correctable_fields() -> dict[str, tuple[str, str]]:
    """Fields a correction may change (canonical names), with their labels, in the order offered:
    the registry's correctable rows (domain/client_field_registry.py)."""
    return {row.name: (row.label.zh, row.label.en) for row in CLIENT_FIELDS.correctable()}


def due_date(received_on: date, identity_verified_on: date | None = None) -> date:
    """The reply deadline: ``REPLY_DAYS`` days after identity verification; before verification,
    the same period after receipt (provisional). A verification dated before receipt counts from
    receipt."""
    start = received_on if identity_verified_on is None else max(received_on, identity_verified_on)
    return start + timedelta(days=REPLY_DAYS)


def is_overdue(status: RequestStatus | str, due_on: date, today: date) -> bool:
    """An open request whose due date has passed (the due date itself is still in time)."""
    return RequestStatus(str(status)) is RequestStatus.OPEN and today > due_on


def parse_kind(kind: RequestKind | str) -> RequestKind:
    return RequestKind.parse(str(kind), KIND_FIELD)


def parse_status(status: RequestStatus | str) -> RequestStatus:
    return RequestStatus.parse(str(status), STATUS_FIELD)


def validate_received_on(received_on: date, today: date) -> date:
    if received_on > today:
        raise InvalidField(RECEIVED_FIELD, "in_future", "不能晚于今天", "cannot be after today")
    if (today - received_on).days > MAX_AGE_DAYS:
        raise InvalidField(
            RECEIVED_FIELD,
            "too_old",
            f"不能早于 {MAX_AGE_DAYS} 天前，请检查日期",
            f"cannot be more than {MAX_AGE_DAYS} days ago; check the date",
        )
    return received_on


def _clean(text: str) -> str:
    """Line breaks kept (at most one blank line in a row), other whitespace runs collapsed, both
    ends trimmed."""
    unified = _LINE_BREAKS.sub("\n", text or "")
    lines = [_SPACES.sub(" ", line).strip() for line in unified.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _no_control(field: FieldLabel, text: str) -> None:
    if any(is_control(char) and char != "\n" for char in text):
        raise InvalidField(field, "control_character", "含有不可见的控制字符", "contains control characters")


def validate_description(text: str) -> str:
    """The optional description of what the client asked (never audited): trimmed, at most
    ``DESCRIPTION_MAX`` characters."""
    cleaned = _clean(text)
    _no_control(DESCRIPTION_FIELD, cleaned)
    if len(cleaned) > DESCRIPTION_MAX:
        raise too_long(DESCRIPTION_FIELD, DESCRIPTION_MAX, len(cleaned))
    return refuse_sensitive_numbers(DESCRIPTION_FIELD, cleaned)


def _audited_text(field: FieldLabel, text: str) -> str:
    cleaned = _clean(text)
    if not cleaned:
        raise required(field)
    _no_control(field, cleaned)
    if len(cleaned) < TEXT_MIN:
        raise InvalidField(
            field,
            "too_short",
            f"请写明，至少 {TEXT_MIN} 个字符（当前 {len(cleaned)} 个）",
            f"write it out in at least {TEXT_MIN} characters ({len(cleaned)} entered)",
        )
    if len(cleaned) > TEXT_MAX:
        raise too_long(field, TEXT_MAX, len(cleaned))
    refuse_sensitive_numbers(field, cleaned)  # also when split into groups of fewer than 4 digits
    if _DIGIT_RUN.search(fold_width(cleaned)):
        # kept in the permanent audit log: no phone, ID or other long numbers
        raise InvalidField(
            field,
            "contains_number",
            "请勿填写电话号码、证件号码等 4 位以上的数字（此内容会永久记入审计日志）",
            "do not put phone, ID or other numbers of 4 or more digits in it "
            "(it is kept in the audit log for good)",
        )
    return cleaned


def validate_refusal_reason(text: str) -> str:
    """The written reason for refusing a request (PIPL Art. 50), as stored and audited."""
    return _audited_text(REFUSAL_FIELD, text)


def validate_outcome(text: str) -> str:
    """The explanation given to the client (explanation requests), as stored and audited."""
    return _audited_text(OUTCOME_FIELD, text)


def validate_correction(changes: dict[str, str]) -> dict[str, str]:
    """The fields a correction changes: at least one, each a correctable field. The values are
    validated by the client rules when applied."""
    if not changes:
        raise InvalidField(CORRECTION_FIELD, "required", "请至少填写一项更正", "enter at least one change")
    unknown = sorted(set(changes) - set(correctable_fields()))
    if unknown:
        raise InvalidField(
            CORRECTION_FIELD,
            "unknown_field",
            "不能更正的字段：" + "、".join(unknown),
            "these fields cannot be corrected: " + ", ".join(unknown),
        )
    return {name: str(value) for name, value in changes.items()}


# ------------------------------------------------------------------------- what a copy of data shows


def column_labels() -> dict[str, tuple[str, str]]:
    """Every stored client field (the registry's columns), labelled in both languages, in the order
    shown."""
    return {column.name: (column.label.zh, column.label.en) for column in CLIENT_FIELDS.columns()}


def field_display(field: str, value: object) -> tuple[str, str]:
    """How a stored value reads in the client's copy, in Chinese and English (unmasked)."""
    if value is None or value == "":
        return "", ""
    if isinstance(value, bool):
        return ("是", "Yes") if value else ("否", "No")
    text = str(value)
    column = CLIENT_FIELDS.column(field)
    kind = column.choice if column is not None else None
    if kind is not None:
        try:
            member = kind(text)
        except ValueError:
            return text, text
        return member.label_zh, member.label_en
    if field == "phone_e164":
        try:
            display = validate_phone(text).display
        except InvalidInput:
            return text, text
        return display, display
    return text, text


def changed_fields_text(fields: list[str]) -> tuple[str, str]:
    """The labels of changed ClientValues fields, joined for an outcome line."""
    known = column_labels()
    labels = [known.get(name, (name, name)) for name in fields]
    return "、".join(zh for zh, _ in labels), ", ".join(en.lower() for _, en in labels)
