"""Labels (Chinese first, English second) and reading order for the figures a summary carries.

Rule: payloads carry codes, never display text (STYLE: "codes cross layers; labels exist only in the
UI"); the page turns codes into labels here, from the branch app's own tables in the domain: the
client-field registry (a distribution ``new_clients_by_<field>`` is labelled with that field's name
and its choice labels) and the consent purposes. A key with no label is shown as its code, so a
newer schema still renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.client_field_registry import CLIENT_FIELDS
from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.labelled_choice import LabelledChoice

DISTRIBUTION_PREFIX = "new_clients_by_"


@dataclass(frozen=True)
class Label:
    zh: str
    en: str


SECTIONS: dict[str, Label] = {
    "new_clients": Label("新增客户", "New clients"),
    "follow_ups": Label("跟进次数", "Follow-ups"),
    "followups": Label("跟进次数", "Follow-ups"),
    "clients_held": Label("现有客户（期末）", "Clients held (at period end)"),
    "consent": Label("同意情况（期末现有客户）", "Consent (clients held at period end)"),
    "client_requests": Label("个人信息权利请求", "Individuals' requests"),
    "requests": Label("个人信息权利请求", "Individuals' requests"),
    "destructions": Label("已销毁", "Destructions"),
}
_DISTRIBUTIONS_AFTER = "clients_held"  # distributions are read after the headline counts

PARTS: dict[str, Label] = {
    "opened": Label("新开", "opened"),
    "closed": Label("已办结", "closed"),
    "overdue": Label("逾期", "overdue"),
    "granted": Label("已同意", "granted"),
    "not_granted": Label("未同意", "not granted"),
    "withdrawn": Label("已撤回", "withdrawn"),
    "clients": Label("客户数", "clients"),
    "total": Label("合计", "total"),
    "other_districts": Label("其他区县（合并）", "Other districts (combined)"),
    "other": Label("其他", "other"),
    "not_recorded": Label("未填写", "not recorded"),
}

_FIELD_ORDER = [row.label.key for row in CLIENT_FIELDS]


def _choice(section: str) -> type[LabelledChoice] | None:
    if section in ("consent", "consents", "consent_rates"):
        return PurposeId
    name = section.removeprefix(DISTRIBUTION_PREFIX).removeprefix("by_")
    row = CLIENT_FIELDS.get(name)
    return row.choice if row is not None else None


def section_label(key: str) -> Label:
    if key in SECTIONS:
        return SECTIONS[key]
    if key.startswith(DISTRIBUTION_PREFIX):
        name = key.removeprefix(DISTRIBUTION_PREFIX)
        row = CLIENT_FIELDS.get(name)
        zh, en = (
            (row.label.zh, row.label.en)
            if row is not None
            else ("区县", "District")
            if name == "district"
            else (name, name)
        )
        return Label(f"新增客户 · 按{zh}", f"New clients by {en[:1].lower()}{en[1:]}")
    return Label(key, key)


def section_rank(key: str) -> tuple[int, int, str]:
    """Headline counts, then the distributions (in the client form's field order, district last),
    then consent, requests, destructions; unknown sections last."""
    order = list(SECTIONS)
    if key.startswith(DISTRIBUTION_PREFIX):
        name = key.removeprefix(DISTRIBUTION_PREFIX)
        known = name in _FIELD_ORDER and name != "district"
        field = _FIELD_ORDER.index(name) if known else len(_FIELD_ORDER) + (name != "district")
        return (order.index(_DISTRIBUTIONS_AFTER), 1 + field, key)
    if key in order:
        return (order.index(key), 0, key)
    return (len(order), 0, key)


def row_rank(section: str, code: str) -> tuple[int, str]:
    """Rows and parts in their choice table's order (stages in sequence, bands ascending...), the
    catch-all rows last."""
    choice = _choice(section)
    codes = [member.value for member in choice] if choice is not None else []
    codes += list(PARTS)
    last = ("other_districts", "other", "not_recorded")
    if code in codes and code not in last:
        return (codes.index(code), code)
    return (len(codes) + (1 + last.index(code) if code in last else 0), code)


def code_label(section: str, code: str) -> Label:
    """The label of a category code within a section (a purpose, a stage, a band...)."""
    choice = _choice(section)
    if choice is not None:
        for member in choice:
            if member.value == code:
                return Label(member.label_zh, member.label_en)
    part = PARTS.get(code)
    if part is not None:
        return part
    return Label(code, code)


ANOMALY_KINDS: dict[str, Label] = {
    "audit_head_backwards": Label("审计链头回退（序号低于已锚定的）", "Audit head went backwards"),
    "audit_head_forked": Label(
        "审计链分叉（同一序号、不同哈希）", "Audit head forked (same sequence, other hash)"
    ),
}


def anomaly_label(kind: str) -> Label:
    return ANOMALY_KINDS.get(kind, Label(kind, kind))
