"""The one-page A4 certificate that a client's personal information was destroyed (PIPL Art. 47).

It names the company, the branch, the record number, when, why, by whom and approved by whom, and
which categories of data were destroyed. It holds no personal data of the client: not even the
pseudonym, only the record number that points at it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from desktop_app.documents.fonts import register_cjk_font
from desktop_app.store.branch_config import BranchConfig
from desktop_app.store.destruction_repository import DestructionRecord


@dataclass(frozen=True)
class CertificateParty:
    display_name: str
    username: str

    def label(self) -> str:
        return f"{self.display_name} ({self.username})" if self.username else self.display_name


def _when(timestamp: str) -> str:
    """``2027-01-15T10:00:00.000000Z`` -> ``2027-01-15 10:00:00 UTC``."""
    return timestamp.replace("T", " ").split(".")[0].rstrip("Z") + " UTC"


def certificate_pdf(
    config: BranchConfig,
    destroyed: DestructionRecord,
    *,
    destroyed_by: CertificateParty,
    approved_by: CertificateParty,
    category_labels: list[tuple[str, str]],
    reason_label: tuple[str, str],
    generated_at: str,
) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    font = register_cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=font)
    canvas.setTitle(f"个人信息销毁证明 / Certificate of destruction No. {destroyed.id}")
    _width, height = A4
    left = 20 * mm
    y = height - 28 * mm

    def line(text: str, size: float = 10.5, gap: float = 6.5 * mm, indent: float = 0) -> None:
        nonlocal y
        canvas.setFont(font, size)
        canvas.drawString(left + indent, y, text)
        y -= gap

    line("个人信息销毁证明", 20, 9 * mm)
    line("Certificate of destruction of personal information", 13, 11 * mm)
    line(f"证明编号 Record No.: {destroyed.id}", 12, 9 * mm)
    line(f"个人信息处理者 Company: {config.company_name}")
    line(f"门店 Branch: {config.branch_name} ({config.branch_code})")
    if config.company_contact:
        line(f"联系方式 Contact: {config.company_contact}")
    y -= 3 * mm
    line(f"销毁时间 Destroyed at: {_when(destroyed.destroyed_at)}")
    line(f"执行人 Destroyed by: {destroyed_by.label()}")
    line(f"审批人 Approved by: {approved_by.label()}")
    line(f"删除原因 Reason: {reason_label[0]} / {reason_label[1]}")
    if destroyed.request_reference:
        line(f"请求编号 Request reference: {destroyed.request_reference}")
    y -= 3 * mm
    line("已销毁的个人信息类别 Categories of personal information destroyed:", 11, 7 * mm)
    for zh, en in category_labels:
        line(f"•  {zh} / {en}", indent=6 * mm)
    y -= 4 * mm
    for text in (
        "依据《个人信息保护法》第四十七条，上述客户的个人信息已从本门店加密数据库中删除，",
        "包括客户记录、跟进记录和搜索索引；数据库空闲页和预写日志（WAL）已清零并截断，无法恢复。",
        "本证明不含客户个人信息；销毁记录和审计日志仅以不可逆的假名标识该客户。",
        "",
        "Under PIPL Art. 47 the client's personal information was deleted from this branch's encrypted",
        "database: the client record, follow-ups and search index. Freed database pages and the write-ahead",
        "log were zeroed and truncated, so the data cannot be recovered. This certificate holds no personal",
        "data; the destruction record and audit log identify the client only by an irreversible pseudonym.",
    ):
        line(text, 9.5, 5.5 * mm)
    y -= 10 * mm
    line("审批人签字 Approver signature: ______________________     日期 Date: ______________", 10.5)
    canvas.setFont(font, 8)
    canvas.drawString(
        left,
        15 * mm,
        f"BranchVault — 生成于 Generated {_when(generated_at)} — 第 1 页，共 1 页 / page 1 of 1",
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
