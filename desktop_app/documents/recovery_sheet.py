"""The one-page recovery sheet PDF that ``init --recovery-sheet FILE`` writes for IT to lock away."""

from __future__ import annotations

import io
from datetime import datetime

from desktop_app.documents.fonts import register_cjk_font
from desktop_app.domain.recovery_code import format_code
from desktop_app.store.branch_config import BranchConfig


def recovery_sheet_pdf(config: BranchConfig, recovery_code: str, created_at: datetime) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    font = register_cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=font)
    canvas.setTitle("BranchVault 恢复码 / Recovery sheet")
    _width, height = A4
    left = 20 * mm
    y = height - 30 * mm

    def line(text: str, size: float = 11, gap: float = 7 * mm) -> None:
        nonlocal y
        canvas.setFont(font, size)
        canvas.drawString(left, y, text)
        y -= gap

    line("BranchVault 数据库恢复码 / Database recovery sheet", 18, 12 * mm)
    line(f"门店 Branch: {config.branch_name} ({config.branch_code})")
    line(f"门店标识 Branch id: {config.branch_id}")
    line(f"生成时间 Created: {created_at:%Y年%m月%d日 %H:%M}", gap=12 * mm)
    canvas.setFont(font, 20)
    canvas.drawString(left, y, format_code(recovery_code))
    y -= 16 * mm
    for text in (
        "所有员工忘记密码或本机密钥环丢失时，IT 管理员可用此恢复码恢复访问：",
        "    branchvault recover --username <IT管理员用户名>",
        "使用恢复码会记入审计日志，并会生成新的恢复码（此页随即作废）。",
        "请将本页锁入保险柜；不要拍照、扫描或通过聊天工具发送。",
        "",
        "If every password is lost or this PC's keyring is gone, IT restores access with this code",
        "(branchvault recover). Using it is audited and replaces it with a new code.",
        "Keep this page in a safe. Do not photograph, scan or message it.",
    ):
        line(text, 10.5, 6.5 * mm)
    canvas.setFont(font, 8)
    canvas.drawString(left, 15 * mm, "BranchVault — 机密 CONFIDENTIAL — 第 1 页，共 1 页 / page 1 of 1")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
