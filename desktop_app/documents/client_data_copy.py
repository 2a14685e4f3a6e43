"""The copy of a client's personal information handed to the client (PIPL Art. 45): a PDF to read
and a JSON file a machine can read, both built in memory from the same ``DataCopy``.

This is the client's own copy, so nothing in it is masked (masking.md: "except where the form is
the client's own copy and says so", and it says so on every page). It holds every stored field
with its Chinese and English label, the follow-ups, the history of changes, whether the separate
consent for sensitive data is recorded, who the processor is and how to reach them. Nothing is
written to disk here: the caller decides where the bytes go.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.documents.pdf_engine import PageSetup, build_pdf, para, spacer, styles, table
from desktop_app.domain.client_change import ClientChange
from desktop_app.domain.client_record import ClientRecord, Followup, value_columns
from desktop_app.domain.client_requests import column_labels, field_display
from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.consent_records import ConsentEvent, ConsentStatus
from desktop_app.domain.letterhead import Letterhead

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

FORMAT_VERSION = 1
TITLE_ZH = "个人信息副本"
TITLE_EN = "Copy of your personal information"
OWN_COPY_NOTICE = (
    "本文件为个人信息主体本人副本，内容未经遮蔽，请妥善保管。",
    "This is the individual's own copy: nothing is masked. Keep it safe.",
)


@dataclass(frozen=True)
class CopiedField:
    key: str
    label_zh: str
    label_en: str
    value: object  # as stored (a code for choices, E.164 for the phone, bool for consent)
    display_zh: str
    display_en: str


@dataclass(frozen=True)
class CopiedFollowup:
    at: str
    kind: str
    kind_zh: str
    kind_en: str
    note: str


@dataclass(frozen=True)
class CopiedChange:
    at: str
    fields: tuple[str, ...]
    labels_zh: tuple[str, ...]
    labels_en: tuple[str, ...]
    request_id: int | None


@dataclass(frozen=True)
class CopiedConsent:
    at: str
    purpose: str
    purpose_zh: str
    purpose_en: str
    event: str
    event_zh: str
    event_en: str
    form_number: str | None


def _copied_consent(event: ConsentEvent) -> CopiedConsent:
    try:
        label = PurposeId(event.purpose)
        purpose_zh, purpose_en = label.label_zh, label.label_en
    except ValueError:
        purpose_zh = purpose_en = event.purpose
    status = ConsentStatus(event.event)
    return CopiedConsent(
        event.at,
        event.purpose,
        purpose_zh,
        purpose_en,
        event.event,
        status.label_zh,
        status.label_en,
        event.form_number,
    )


@dataclass(frozen=True, repr=False)
class DataCopy:
    request_id: int
    generated_at: str
    company_name: str
    company_contact: str
    branch_name: str
    branch_code: str
    client_id: int
    created_at: str
    updated_at: str
    last_contact_at: str | None
    buyer_since: str | None
    sensitive_consent: bool
    fields: tuple[CopiedField, ...]
    followups: tuple[CopiedFollowup, ...] = field(default=())
    changes: tuple[CopiedChange, ...] = field(default=())
    consents: tuple[CopiedConsent, ...] = field(default=())

    def __repr__(self) -> str:  # holds personal data
        return f"DataCopy(request_id={self.request_id})"


def data_copy(
    letterhead: Letterhead,
    client: ClientRecord,
    followups: list[Followup],
    changes: list[ClientChange],
    *,
    request_id: int,
    generated_at: str,
    consent_events: Sequence[ConsentEvent] = (),
) -> DataCopy:
    """Everything held about ``client``, labelled, unmasked, with the history of its consents."""
    values = value_columns(client.values)
    labels = column_labels()
    fields = []
    for key in values:
        zh, en = labels[key]
        shown_zh, shown_en = field_display(key, values[key])
        fields.append(CopiedField(key, zh, en, values[key], shown_zh, shown_en))
    return DataCopy(
        request_id=request_id,
        generated_at=generated_at,
        company_name=letterhead.company_name,
        company_contact=letterhead.company_contact,
        branch_name=letterhead.branch_name,
        branch_code=letterhead.branch_code,
        client_id=client.id,
        created_at=client.created_at,
        updated_at=client.updated_at,
        last_contact_at=client.last_contact_at,
        buyer_since=client.buyer_since,
        sensitive_consent=client.values.sensitive_consent,
        fields=tuple(fields),
        followups=tuple(
            CopiedFollowup(f.at, f.kind.value, f.kind.label_zh, f.kind.label_en, f.note) for f in followups
        ),
        changes=tuple(
            CopiedChange(
                c.at,
                c.fields,
                tuple(labels.get(n, (n, n))[0] for n in c.fields),
                tuple(labels.get(n, (n, n))[1] for n in c.fields),
                c.request_id,
            )
            for c in changes
        ),
        consents=tuple(_copied_consent(e) for e in consent_events),
    )


# ------------------------------------------------------------------------------------------------ JSON


def copy_json(copy: DataCopy) -> bytes:
    """UTF-8 JSON, keys sorted, Chinese as text (not ``\\u`` escapes)."""
    document = {
        "format": "branchvault.personal-information-copy",
        "format_version": FORMAT_VERSION,
        "title": {"zh": TITLE_ZH, "en": TITLE_EN},
        "request_id": copy.request_id,
        "generated_at": copy.generated_at,
        "processor": {
            "company_name": copy.company_name,
            "company_contact": copy.company_contact,
            "branch_name": copy.branch_name,
            "branch_code": copy.branch_code,
        },
        "client": {
            "id": copy.client_id,
            "registered_at": copy.created_at,
            "updated_at": copy.updated_at,
            "last_contact_at": copy.last_contact_at,
            "buyer_since": copy.buyer_since,
            "sensitive_consent_recorded": copy.sensitive_consent,
            "fields": {
                f.key: {
                    "label_zh": f.label_zh,
                    "label_en": f.label_en,
                    "value": f.value,
                    "display_zh": f.display_zh,
                    "display_en": f.display_en,
                }
                for f in copy.fields
            },
        },
        "follow_ups": [
            {"at": f.at, "kind": f.kind, "kind_zh": f.kind_zh, "kind_en": f.kind_en, "note": f.note}
            for f in copy.followups
        ],
        "change_history": [
            {"at": c.at, "fields": list(c.fields), "labels_zh": list(c.labels_zh), "request_id": c.request_id}
            for c in copy.changes
        ],
        "consents": [
            {
                "at": c.at,
                "purpose": c.purpose,
                "purpose_zh": c.purpose_zh,
                "event": c.event,
                "event_zh": c.event_zh,
                "form_number": c.form_number,
            }
            for c in copy.consents
        ],
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8") + b"\n"


# ------------------------------------------------------------------------------------------------- PDF


def _when(timestamp: str | None) -> str:
    """``2027-01-15T10:00:00.000000Z`` -> ``2027-01-15 10:00:00 UTC``."""
    if not timestamp:
        return ""
    return timestamp.replace("T", " ").split(".")[0].rstrip("Z") + " UTC"


def copy_pdf(copy: DataCopy) -> bytes:
    """An A4 PDF (as many pages as needed) with the embedded CJK font."""
    s = styles()
    story: list[Flowable] = [
        para(TITLE_ZH, s.title),
        para(TITLE_EN, s.subtitle),
        para(f"请求编号 Request No.: REQ-{copy.request_id}"),
        para(f"生成时间 Generated at: {_when(copy.generated_at)}"),
        para(f"个人信息处理者 Company: {copy.company_name}"),
        para(f"门店 Branch: {copy.branch_name} ({copy.branch_code})"),
    ]
    if copy.company_contact:
        story.append(para(f"联系方式 Contact: {copy.company_contact}"))
    story += [spacer(3), para(f"{OWN_COPY_NOTICE[0]} {OWN_COPY_NOTICE[1]}", s.small)]

    story.append(para("一、客户资料 Client record", s.heading))
    rows: list[list[str]] = [["项目 Item", "内容 Value"]]
    for f in copy.fields:
        shown = f.display_zh if f.display_zh == f.display_en else f"{f.display_zh} / {f.display_en}"
        if f.key == "phone_e164" and f.value:
            shown = f"{shown} ({f.value})"
        rows.append([f"{f.label_zh} {f.label_en}", shown])
    for zh, en, value in (
        ("登记时间", "Registered", _when(copy.created_at)),
        ("最后修改", "Last changed", _when(copy.updated_at)),
        ("最后联系", "Last contact", _when(copy.last_contact_at)),
        ("成为购房客户", "Buyer since", _when(copy.buyer_since)),
    ):
        rows.append([f"{zh} {en}", value])
    story.append(table(rows, [55, 115]))

    consent = "已记录 Recorded" if copy.sensitive_consent else "未记录 Not recorded"
    story += [spacer(2), para(f"敏感个人信息单独同意 Separate consent for sensitive data: {consent}")]

    story.append(para("二、跟进记录 Follow-ups", s.heading))
    if copy.followups:
        rows = [["时间 Date", "方式 Kind", "记录 Note"]]
        rows += [[_when(f.at), f"{f.kind_zh} / {f.kind_en}", f.note] for f in copy.followups]
        story.append(table(rows, [40, 30, 100]))
    else:
        story.append(para("无 None"))

    story.append(para("三、同意记录 Consents", s.heading))
    if copy.consents:
        rows = [["时间 Date", "事项 Purpose", "状态 Status", "同意书编号 Form No."]]
        rows += [
            [
                _when(c.at),
                f"{c.purpose_zh} / {c.purpose_en}",
                f"{c.event_zh} / {c.event_en}",
                c.form_number or "",
            ]
            for c in copy.consents
        ]
        story.append(table(rows, [28, 64, 30, 48]))
    else:
        story.append(para("无 None"))

    story.append(para("四、修改记录 Change history", s.heading))
    if copy.changes:
        rows = [["时间 Date", "修改的项目 Fields changed", "请求 Request"]]
        for change in copy.changes:
            names = "、".join(change.labels_zh) + " / " + ", ".join(change.labels_en)
            request = f"REQ-{change.request_id}" if change.request_id else ""
            rows.append([_when(change.at), names, request])
        story.append(table(rows, [40, 100, 30]))
    else:
        story.append(para("无 None"))

    setup = PageSetup(
        title=f"{TITLE_ZH} / {TITLE_EN} REQ-{copy.request_id}",
        header_left=copy.company_name or "BranchVault",
        header_right=f"{copy.branch_name} ({copy.branch_code})",
        footer_left=f"{TITLE_ZH} / {TITLE_EN} — REQ-{copy.request_id} — {OWN_COPY_NOTICE[0]}",
    )
    return build_pdf(setup, story)
