"""Labels (Chinese first, English second) for the figures a summary carries.

Rule: payloads carry codes, never display text (STYLE: "codes cross layers; labels exist only in the
UI"); the page turns codes into labels here, from the branch app's own choice tables in the domain.
A key with no label is shown as its code, so a newer schema still renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.client_choices import (
    BudgetBand,
    IntentionLevel,
    PropertyType,
    SourceChannel,
    Stage,
)
from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.labelled_choice import LabelledChoice


@dataclass(frozen=True)
class Label:
    zh: str
    en: str


SECTIONS: dict[str, Label] = {
    "new_clients": Label("新增客户", "New clients"),
    "followups": Label("跟进次数", "Follow-ups"),
    "follow_ups": Label("跟进次数", "Follow-ups"),
    "source_channel": Label("客户来源", "Source channel"),
    "by_source_channel": Label("客户来源", "Source channel"),
    "intention_level": Label("购买意向", "Intention level"),
    "by_intention_level": Label("购买意向", "Intention level"),
    "property_type": Label("物业类型", "Property type"),
    "by_property_type": Label("物业类型", "Property type"),
    "budget_band": Label("预算区间", "Budget band"),
    "by_budget_band": Label("预算区间", "Budget band"),
    "district": Label("区县", "District"),
    "by_district": Label("区县", "District"),
    "stage": Label("客户阶段", "Stage"),
    "by_stage": Label("客户阶段", "Stage"),
    "consent": Label("同意情况", "Consent"),
    "consents": Label("同意情况", "Consent"),
    "consent_rates": Label("同意情况", "Consent"),
    "requests": Label("个人信息权利请求", "Client requests"),
    "client_requests": Label("个人信息权利请求", "Client requests"),
    "destructions": Label("已销毁", "Destructions"),
    "destructions_done": Label("已销毁", "Destructions"),
}

PARTS: dict[str, Label] = {
    "granted": Label("已同意", "granted"),
    "clients": Label("客户数", "clients"),
    "withdrawn": Label("已撤回", "withdrawn"),
    "opened": Label("新开", "opened"),
    "closed": Label("已办结", "closed"),
    "overdue": Label("逾期", "overdue"),
    "total": Label("合计", "total"),
}

_CHOICES: dict[str, type[LabelledChoice]] = {
    "source_channel": SourceChannel,
    "intention_level": IntentionLevel,
    "property_type": PropertyType,
    "budget_band": BudgetBand,
    "stage": Stage,
    "consent": PurposeId,
    "consents": PurposeId,
    "consent_rates": PurposeId,
}


def section_label(key: str) -> Label:
    return SECTIONS.get(key, Label(key, key))


def code_label(section: str, code: str) -> Label:
    """The label of a category code within a section (a purpose, a stage, a band...)."""
    choice = _CHOICES.get(section.removeprefix("by_"))
    if choice is not None:
        for member in choice:
            if member.value == code:
                return Label(member.label_zh, member.label_en)
    part = PARTS.get(code)
    if part is not None:
        return part
    return Label(code, code)
