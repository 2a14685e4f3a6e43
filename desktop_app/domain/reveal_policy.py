"""Revealing one masked client field: why (a reason from a fixed list, or "other" with a text), which
field, what the unmasked text is, and the bulk-reveal guard.

The bulk guard: a user who has already revealed ``bulk_reveal_threshold`` fields within the last
``bulk_reveal_window_minutes`` is refused further reveals (the next one would be "more than the
threshold within the window") until older reveals leave the window or a manager allows more. A
manager's override lasts one window from the moment it is granted.

Pure rules only: the service counts the user's reveals in the audit log and passes the timestamps in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.domain.client_fields import ADDRESS_FIELD, EMAIL_FIELD, NAME_FIELD
from desktop_app.domain.client_record import ClientValues
from desktop_app.domain.field_errors import FieldLabel, InvalidField, required, too_long
from desktop_app.domain.identity_documents import ID_NUMBER_FIELD
from desktop_app.domain.input_text import collapse_spaces
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.domain.mask_primitives import is_cjk
from desktop_app.domain.phone_numbers import PHONE_FIELD, validate_phone
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.domain.sensitive_numbers import refuse_sensitive_numbers

FIELD_FIELD = FieldLabel("field", "字段", "Field")
REASON_FIELD = FieldLabel("reveal_reason", "查看原因", "Reason for revealing")
REASON_TEXT_FIELD = FieldLabel("reveal_reason_text", "原因说明", "Reason details")
REASON_TEXT_MIN = 4
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
REASON_TEXT_MAX = 200


class RevealReason(LabelledChoice):
    CONTRACT_SIGNING = "contract_signing", "网签/签约", "Contract signing", "网签", "签约"
    LOAN_PROCESSING = "loan_processing", "贷款办理", "Loan processing"
    CLIENT_VERIFICATION = "client_verification", "客户核对", "Verifying with the client"
    OTHER = "other", "其他", "Other"


class RevealableField(LabelledChoice):
    """The fields a reveal can show, labelled as the field registry labels them (the address parts
    are revealed together)."""

    NAME = NAME_FIELD.key, NAME_FIELD.zh, NAME_FIELD.en
    ID_NUMBER = ID_NUMBER_FIELD.key, ID_NUMBER_FIELD.zh, ID_NUMBER_FIELD.en
    PHONE = PHONE_FIELD.key, PHONE_FIELD.zh, PHONE_FIELD.en
    EMAIL = EMAIL_FIELD.key, EMAIL_FIELD.zh, EMAIL_FIELD.en
    ADDRESS = ADDRESS_FIELD.key, ADDRESS_FIELD.zh, ADDRESS_FIELD.en


def parse_field(field: RevealableField | str) -> RevealableField:
    return RevealableField.parse(str(field), FIELD_FIELD)


def validate_reason(reason: RevealReason | str, text: str = "") -> tuple[RevealReason, str]:
    """The reason and its cleaned text. "Other" needs a text of 4–200 characters; the listed
    reasons may carry an optional text of at most 200."""
    parsed = RevealReason.parse(str(reason), REASON_FIELD)
    cleaned = collapse_spaces(text or "")
    if len(cleaned) > REASON_TEXT_MAX:
        raise too_long(REASON_TEXT_FIELD, REASON_TEXT_MAX, len(cleaned))
    if parsed is RevealReason.OTHER:
        if not cleaned:
            raise required(REASON_TEXT_FIELD)
        if len(cleaned) < REASON_TEXT_MIN:
            raise InvalidField(
                REASON_TEXT_FIELD,
                "too_short",
                f"选择“其他”时请说明原因，至少 {REASON_TEXT_MIN} 个字符（当前 {len(cleaned)} 个）",
                f"say why in at least {REASON_TEXT_MIN} characters when the reason is Other "
                f"({len(cleaned)} entered)",
            )
    if re.search(r"\d{4,}", cleaned.translate(_FULL_WIDTH_DIGITS)):
        # The reason goes into the permanent audit log: it must not carry a phone or ID number.
        raise InvalidField(
            REASON_TEXT_FIELD,
            "contains_number",
            "原因中请勿填写电话号码、证件号码等数字（原因会永久记入审计日志）",
            "do not put phone, ID or other numbers in the reason (it is kept in the audit log for good)",
        )
    refuse_sensitive_numbers(REASON_TEXT_FIELD, cleaned)  # also an ID split into groups of 1–3 digits
    return parsed, cleaned


def revealed_text(values: ClientValues, field: RevealableField) -> str:
    """The unmasked text of ``field`` as the detail page would show it; empty when not recorded."""
    if field is RevealableField.NAME:
        return values.full_name
    if field is RevealableField.ID_NUMBER:
        return values.id_number or ""
    if field is RevealableField.PHONE:
        return validate_phone(values.phone_e164).display if values.phone_e164 else ""
    if field is RevealableField.EMAIL:
        return values.email or ""
    return _address(values)


def _address(values: ClientValues) -> str:
    parts = [(raw or "").strip() for raw in (values.province, values.city, values.district)]
    if parts[1] == parts[0]:
        parts[1] = ""  # 北京市北京市 is shown once, as the mask shows it
    text = ""
    for part in (*parts, (values.address_detail or "").strip()):
        if not part:
            continue
        if text and not is_cjk(text[-1]) and not is_cjk(part[0]):
            text += " "
        text += part
    return text


# ------------------------------------------------------------------------------------------ bulk guard


@dataclass(frozen=True)
class BulkRevealDecision:
    allowed: bool
    reveals_in_window: int
    override_active: bool


def window_seconds(policy: SecurityPolicy) -> float:
    return policy.bulk_reveal_window_minutes * 60.0


def window_start(now: float, policy: SecurityPolicy) -> float:
    """Reveals strictly after this moment are inside the window."""
    return now - window_seconds(policy)


def reveals_in_window(reveal_times: Iterable[float], now: float, policy: SecurityPolicy) -> int:
    """Reveals inside the window. A timestamp after ``now`` (the clock was set back) still counts."""
    start = window_start(now, policy)
    return sum(1 for at in reveal_times if at > start)


def override_active(override_times: Iterable[float], now: float, policy: SecurityPolicy) -> bool:
    """Whether a manager's override is in force: each lasts one window from when it was granted. One
    dated after ``now`` (the clock was set back) is not trusted."""
    start = window_start(now, policy)
    return any(start < granted_at <= now for granted_at in override_times)


def override_expires_at(granted_at: float, policy: SecurityPolicy) -> float:
    return granted_at + window_seconds(policy)


def bulk_reveal_decision(
    reveal_times: Iterable[float],
    now: float,
    policy: SecurityPolicy,
    override_times: Iterable[float] = (),
) -> BulkRevealDecision:
    """Whether one more reveal is allowed now, given the times of this user's earlier successful
    reveals and of the manager overrides granted for them."""
    count = reveals_in_window(reveal_times, now, policy)
    overridden = override_active(override_times, now, policy)
    return BulkRevealDecision(
        allowed=overridden or count < policy.bulk_reveal_threshold,
        reveals_in_window=count,
        override_active=overridden,
    )
