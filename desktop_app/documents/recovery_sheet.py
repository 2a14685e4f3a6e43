"""The one-page recovery sheets: the database recovery code that ``init --recovery-sheet FILE`` writes
for IT to lock away, and the client-data recovery code the first manager prints at set-up and keeps
(it opens client data; IT's does not, and IT never sees this one)."""

from __future__ import annotations

from datetime import datetime

from desktop_app.documents.pdf_engine import build_pdf, page_setup, para, spacer, styles
from desktop_app.domain.letterhead import Letterhead
from desktop_app.domain.recovery_code import format_code

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


_CLIENT_INSTRUCTIONS = (
    "店长保管。没有任何店长能登录时（例如唯一的店长被 IT 重置了密码），店长设置本人密码后用此码恢复自己查看客户资料的权限：",
    "branchvault access recover --as <店长用户名>",
    "此码能打开全部客户资料：不要交给 IT 或其他任何人。使用会记入审计日志，并生成新的恢复码（此页随即作废）。",
    "请将本页锁入保险柜；不要拍照、扫描或通过聊天工具发送。",
)
_CLIENT_INSTRUCTIONS_EN = (
    "Kept by the branch manager. When no manager can confirm you (say the only manager was reset by IT),",
    "a manager who set their own password restores their access to client data with this code",
    "(branchvault access recover). It opens every client record: never give it to IT or anyone else.",
    "Using it is audited and replaces it. Keep this page in a safe; do not photograph, scan or message it.",
)


def recovery_sheet_pdf(letterhead: Letterhead, recovery_code: str, created_at: datetime) -> bytes:
    return _sheet(
        letterhead,
        recovery_code,
        created_at,
        "BranchVault 数据库恢复码 / Database recovery sheet",
        _INSTRUCTIONS,
        _INSTRUCTIONS_EN,
    )


def client_recovery_sheet_pdf(letterhead: Letterhead, recovery_code: str, created_at: datetime) -> bytes:
    return _sheet(
        letterhead,
        recovery_code,
        created_at,
        "BranchVault 客户资料恢复码 / Client-data recovery sheet",
        _CLIENT_INSTRUCTIONS,
        _CLIENT_INSTRUCTIONS_EN,
    )


def _sheet(
    letterhead: Letterhead,
    recovery_code: str,
    created_at: datetime,
    title: str,
    instructions: tuple[str, ...],
    instructions_en: tuple[str, ...],
) -> bytes:
    s = styles()
    story = [
        para(title, s.title),
        spacer(4),
        para(f"门店 Branch: {letterhead.branch_name} ({letterhead.branch_code})"),
        para(f"门店标识 Branch id: {letterhead.branch_id}"),
        para(f"生成时间 Created: {created_at:%Y年%m月%d日 %H:%M}"),
        spacer(4),
        para(format_code(recovery_code), s.code),
        *(para(text, s.indented if text.startswith("branchvault") else s.body) for text in instructions),
        spacer(4),
        *(para(text) for text in instructions_en),
    ]
    setup = page_setup(
        letterhead, title="BranchVault 恢复码 / Recovery sheet", footer_left="BranchVault — 机密 CONFIDENTIAL"
    )
    return build_pdf(setup, story)
