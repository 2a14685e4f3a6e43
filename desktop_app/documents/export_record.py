"""The A4 record of one summary sent (or to be sent) to headquarters, for an auditor: which period,
who prepared and approved it, the content hash, the hash of the exact body that left, HQ's receipt,
and every figure and masked row the payload holds.

Rule: the record shows the payload exactly as it left — masked rows and suppressed cells ("<5", "x")
as they are — and nothing else of the branch's data. Reason: PIPL Art. 23 and 55 (a record of each
provision of personal information to another handler); GB/T 35273-2020 §9.2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.documents.pdf_engine import build_pdf, page_setup, para, spacer, styles, table
from desktop_app.domain.letterhead import Letterhead

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

ROW_COLUMNS: tuple[tuple[str, str], ...] = (
    ("pseudonym", "假名 Pseudonym"),
    ("masked_name", "姓名（遮蔽）Name (masked)"),
    ("district", "区 District"),
    ("intention_level", "意向 Intention"),
    ("property_type", "物业 Property"),
    ("budget_band", "预算 Budget"),
    ("stage", "阶段 Stage"),
    ("agent_code", "顾问 Agent"),
)


@dataclass(frozen=True)
class ExportRecordSheet:
    """What the record prints; built by services/hq_export_record.py from the stored export."""

    export_id: str
    period: str
    state: tuple[str, str]
    facts: Sequence[tuple[str, str]]  # (label, value): who, when, hashes
    receipt: Sequence[tuple[str, str]]  # HQ's receipt fields, empty when none
    figures: Sequence[tuple[str, str]]  # (aggregate path, value as sent)
    rows: Sequence[dict[str, str]] | None = None  # masked per-client rows, when the payload has them
    rows_basis: Sequence[tuple[str, str]] = field(default_factory=tuple)


def _pairs(pairs: Sequence[tuple[str, str]], widths: tuple[float, float]) -> list[Flowable]:
    return [table([list(pair) for pair in pairs], widths, header=False)] if pairs else []


def export_record_pdf(letterhead: Letterhead, sheet: ExportRecordSheet, *, generated_at: str) -> bytes:
    s = styles()
    story: list[Flowable] = [
        para("总部汇总发送记录", s.title),
        para("Record of a summary for headquarters", s.subtitle),
        para(f"提交编号 Submission ID: {sheet.export_id}", s.heading),
        para(f"门店 Branch: {letterhead.branch_name} ({letterhead.branch_code})"),
        para(f"汇总期间 Period: {sheet.period}"),
        para(f"状态 State: {sheet.state[0]} / {sheet.state[1]}"),
        spacer(2),
        *_pairs(sheet.facts, (60, 110)),
    ]
    story += [para("总部回执 HQ receipt", s.heading)]
    story += _pairs(sheet.receipt, (60, 110)) or [para("（尚无回执 No receipt yet）")]
    story += [para("汇总数字（按发送原样）Figures as sent", s.heading)]
    story += _pairs(sheet.figures, (110, 60)) or [para("（无 None）")]
    if sheet.rows is not None:
        story += [para("客户行（遮蔽、假名）Client rows (masked, pseudonymous)", s.heading)]
        story += _pairs(sheet.rows_basis, (60, 110))
        widths = (34, 22, 18, 14, 18, 18, 18, 14)
        header = [label for _, label in ROW_COLUMNS]
        body = [[row.get(key, "") for key, _ in ROW_COLUMNS] for row in sheet.rows]
        story += [spacer(1), table([header, *body], widths)] if body else [para("（无 None）")]
    story += [
        spacer(4),
        para(
            "内容哈希为规范化 JSON（approval 为 null）的 SHA-256；报文哈希为发往总部的请求正文的 SHA-256，"
            "即本记录 JSON 版本中 body 字段的 UTF-8 字节。",
            s.small,
        ),
        para(
            "The content hash is the SHA-256 of the canonical JSON with approval set to null; the body hash "
            'is the SHA-256 of the exact request body sent to HQ (the UTF-8 bytes of "body" in this '
            "record's JSON form).",
            s.small,
        ),
    ]
    when = generated_at.replace("T", " ").split(".")[0].rstrip("Z") + " UTC"
    setup = page_setup(
        letterhead,
        title=f"总部汇总发送记录 / Export record {sheet.export_id}",
        footer_left=f"BranchVault — 生成于 Generated {when}",
    )
    return build_pdf(setup, story)
