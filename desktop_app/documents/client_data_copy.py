"""The copy of a client's personal information handed to the client (PIPL Art. 45): a PDF to read
and a JSON file a machine can read, both built in memory from the same ``DataCopy``.

This is the client's own copy, so nothing in it is masked (masking.md: "except where the form is
the client's own copy and says so", and it says so on every page). It holds every stored field
with its Chinese and English label, the follow-ups, the history of changes, whether the separate
consent for sensitive data is recorded, who the processor is and how to reach them. Nothing is
written to disk here: the caller decides where the bytes go.
"""

from __future__ import annotations

import io
import json
from dataclasses import astuple, dataclass, field
from xml.sax.saxutils import escape

from desktop_app.documents.fonts import register_cjk_font
from desktop_app.domain.client_record import VALUE_FIELDS, ClientRecord, Followup
from desktop_app.domain.client_requests import CLIENT_FIELD_LABELS, field_display
from desktop_app.store.branch_config import BranchConfig
from desktop_app.store.client_repository import ClientChange

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

    def __repr__(self) -> str:  # holds personal data
        return f"DataCopy(request_id={self.request_id})"


def data_copy(
    config: BranchConfig,
    client: ClientRecord,
    followups: list[Followup],
    changes: list[ClientChange],
    *,
    request_id: int,
    generated_at: str,
) -> DataCopy:
    """Everything held about ``client``, labelled, unmasked."""
    values = dict(zip(VALUE_FIELDS, astuple(client.values), strict=True))
    fields = []
    for key in VALUE_FIELDS:
        zh, en = CLIENT_FIELD_LABELS[key]
        shown_zh, shown_en = field_display(key, values[key])
        fields.append(CopiedField(key, zh, en, values[key], shown_zh, shown_en))
    return DataCopy(
        request_id=request_id,
        generated_at=generated_at,
        company_name=config.company_name,
        company_contact=config.company_contact,
        branch_name=config.branch_name,
        branch_code=config.branch_code,
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
                tuple(CLIENT_FIELD_LABELS.get(n, (n, n))[0] for n in c.fields),
                tuple(CLIENT_FIELD_LABELS.get(n, (n, n))[1] for n in c.fields),
                c.request_id,
            )
            for c in changes
        ),
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
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8") + b"\n"


# ------------------------------------------------------------------------------------------------- PDF


def _when(timestamp: str | None) -> str:
    """``2027-01-15T10:00:00.000000Z`` -> ``2027-01-15 10:00:00 UTC``."""
    if not timestamp:
        return ""
    return timestamp.replace("T", " ").split(".")[0].rstrip("Z") + " UTC"


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def copy_pdf(copy: DataCopy) -> bytes:
    """An A4 PDF (as many pages as needed) with the embedded CJK font."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = register_cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11)
    heading = ParagraphStyle("heading", parent=body, fontSize=12.5, leading=17, spaceBefore=8, spaceAfter=4)
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=24)

    def para(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(_text(text), style)

    def table(rows: list[list[Paragraph]], widths: list[float]) -> Table:
        grid = Table(rows, colWidths=widths, repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return grid

    story: list[Flowable] = [
        para(TITLE_ZH, title),
        para(TITLE_EN, heading),
        para(f"请求编号 Request No.: REQ-{copy.request_id}"),
        para(f"生成时间 Generated at: {_when(copy.generated_at)}"),
        para(f"个人信息处理者 Company: {copy.company_name}"),
        para(f"门店 Branch: {copy.branch_name} ({copy.branch_code})"),
    ]
    if copy.company_contact:
        story.append(para(f"联系方式 Contact: {copy.company_contact}"))
    story += [Spacer(1, 3 * mm), para(f"{OWN_COPY_NOTICE[0]} {OWN_COPY_NOTICE[1]}", small)]

    story.append(para("一、客户资料 Client record", heading))
    rows = [[para("项目 Item"), para("内容 Value")]]
    for f in copy.fields:
        if f.display_zh == f.display_en:
            shown = f.display_zh
        else:
            shown = f"{f.display_zh} / {f.display_en}"
        if f.key == "phone_e164" and f.value:
            shown = f"{shown} ({f.value})"
        rows.append([para(f"{f.label_zh} {f.label_en}"), para(shown)])
    for zh, en, value in (
        ("登记时间", "Registered", _when(copy.created_at)),
        ("最后修改", "Last changed", _when(copy.updated_at)),
        ("最后联系", "Last contact", _when(copy.last_contact_at)),
        ("成为购房客户", "Buyer since", _when(copy.buyer_since)),
    ):
        rows.append([para(f"{zh} {en}"), para(value)])
    story.append(table(rows, [55 * mm, 115 * mm]))

    consent = "已记录 Recorded" if copy.sensitive_consent else "未记录 Not recorded"
    story += [Spacer(1, 2 * mm), para(f"敏感个人信息单独同意 Separate consent for sensitive data: {consent}")]

    story.append(para("二、跟进记录 Follow-ups", heading))
    if copy.followups:
        rows = [[para("时间 Date"), para("方式 Kind"), para("记录 Note")]]
        for followup in copy.followups:
            rows.append(
                [
                    para(_when(followup.at)),
                    para(f"{followup.kind_zh} / {followup.kind_en}"),
                    para(followup.note),
                ]
            )
        story.append(table(rows, [40 * mm, 30 * mm, 100 * mm]))
    else:
        story.append(para("无 None"))

    story.append(para("三、修改记录 Change history", heading))
    if copy.changes:
        rows = [[para("时间 Date"), para("修改的项目 Fields changed"), para("请求 Request")]]
        for change in copy.changes:
            names = "、".join(change.labels_zh) + " / " + ", ".join(change.labels_en)
            request = f"REQ-{change.request_id}" if change.request_id else ""
            rows.append([para(_when(change.at)), para(names), para(request)])
        story.append(table(rows, [40 * mm, 100 * mm, 30 * mm]))
    else:
        story.append(para("无 None"))

    footer = f"{TITLE_ZH} / {TITLE_EN} — REQ-{copy.request_id} — {OWN_COPY_NOTICE[0]}"

    def on_page(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(font, 7.5)  # type: ignore[attr-defined]
        page = canvas.getPageNumber()  # type: ignore[attr-defined]
        canvas.drawString(20 * mm, 12 * mm, f"{footer} — 第 {page} 页 / page {page}")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"{TITLE_ZH} / {TITLE_EN} REQ-{copy.request_id}",
        pageCompression=1,
        initialFontName=font,  # otherwise an unembedded Helvetica is referenced
    )
    document.build(
        story,
        onFirstPage=on_page,
        onLaterPages=on_page,
    )
    return buffer.getvalue()
