"""The one-page recovery sheet PDF that ``init --recovery-sheet FILE`` writes for IT to lock away."""

from __future__ import annotations

from datetime import datetime

from desktop_app.documents.pdf_engine import build_pdf, page_setup, para, spacer, styles
from desktop_app.domain.recovery_code import format_code
from desktop_app.store.branch_config import BranchConfig

_INSTRUCTIONS = (
    "所有员工忘记密码或本机密钥环丢失时，IT 管理员可用此恢复码恢复访问：",
    "branchvault recover --username <IT管理员用户名>",
    "使用恢复码会记入审计日志，并会生成新的恢复码（此页随即作废）。",
    "请将本页锁入保险柜；不要拍照、扫描或通过聊天工具发送。",
)
_INSTRUCTIONS_EN = (
    "If every password is lost or this PC's keyring is gone, IT restores access with this code",
    "(branchvault recover). Using it is audited and replaces it with a new code.",
    "Keep this page in a safe. Do not photograph, scan or message it.",
)


def recovery_sheet_pdf(config: BranchConfig, recovery_code: str, created_at: datetime) -> bytes:
    s = styles()
    story = [
        para("BranchVault 数据库恢复码 / Database recovery sheet", s.title),
        spacer(4),
        para(f"门店 Branch: {config.branch_name} ({config.branch_code})"),
        para(f"门店标识 Branch id: {config.branch_id}"),
        para(f"生成时间 Created: {created_at:%Y年%m月%d日 %H:%M}"),
        spacer(4),
        para(format_code(recovery_code), s.code),
        *(para(text, s.indented if text.startswith("branchvault") else s.body) for text in _INSTRUCTIONS),
        spacer(4),
        *(para(text) for text in _INSTRUCTIONS_EN),
    ]
    setup = page_setup(
        config, title="BranchVault 恢复码 / Recovery sheet", footer_left="BranchVault — 机密 CONFIDENTIAL"
    )
    return build_pdf(setup, story)
