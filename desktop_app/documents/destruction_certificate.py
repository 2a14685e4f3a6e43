"""The A4 certificate that clients' personal information was destroyed (PIPL Art. 47).

``certificate_pdf`` covers one destruction record; ``batch_certificate_pdf`` covers a batch destroyed
together by one approval of the retention queue (how many clients, the categories destroyed with
the number of clients each, the record numbers). Both name the company, the branch, when, why, by
whom and approved by whom. Neither holds personal data of a client: not even the pseudonym, only
the record numbers that point at it. Long batches continue on further pages ("page i of n").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.documents.pdf_engine import build_pdf, page_setup, para, spacer, styles
from desktop_app.domain.destruction_record import DestructionRecord
from desktop_app.domain.letterhead import Letterhead

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


@dataclass(frozen=True)
class CertificateParty:
    display_name: str
    username: str

    def label(self) -> str:
        return f"{self.display_name} ({self.username})" if self.username else self.display_name


@dataclass(frozen=True)
class BatchSummary:
    """What a batch certificate states: no personal data, only numbers and category labels."""

    batch_id: int
    record_ids: tuple[int, ...]
    destroyed_at: str
    categories: tuple[tuple[tuple[str, str], int], ...]  # ((zh, en) label, number of clients)
    reason_label: tuple[str, str]
    legal_basis: tuple[str, str] | None = None  # the PIPL Art. 47 item (domain/deletion_grounds.py)


def _when(timestamp: str) -> str:
    """``2027-01-15T10:00:00.000000Z`` -> ``2027-01-15 10:00:00 UTC``."""
    return timestamp.replace("T", " ").split(".")[0].rstrip("Z") + " UTC"


def id_ranges(ids: Sequence[int]) -> list[str]:
    """``[3, 4, 5, 9]`` -> ``["3–5", "9"]``: consecutive record numbers as ranges."""
    ordered = sorted(set(ids))
    parts: list[str] = []
    first = 0
    while first < len(ordered):
        last = first
        while last + 1 < len(ordered) and ordered[last + 1] == ordered[last] + 1:
            last += 1
        parts.append(str(ordered[first]) if first == last else f"{ordered[first]}–{ordered[last]}")
        first = last + 1
    return parts


def _header(letterhead: Letterhead, title: tuple[str, str], number: str) -> list[Flowable]:
    s = styles()
    lines = [
        para(title[0], s.title),
        para(title[1], s.subtitle),
        para(number, s.heading),
        para(f"个人信息处理者 Company: {letterhead.company_name}"),
        para(f"门店 Branch: {letterhead.branch_name} ({letterhead.branch_code})"),
    ]
    if letterhead.company_contact:
        lines.append(para(f"联系方式 Contact: {letterhead.company_contact}"))
    return lines


def _who(
    destroyed_at: str,
    by: CertificateParty,
    approved: CertificateParty,
    reason: tuple[str, str],
    basis: tuple[str, str] | None = None,
) -> list[Flowable]:
    lines = [
        spacer(3),
        para(f"销毁时间 Destroyed at: {_when(destroyed_at)}"),
        para(f"执行人 Destroyed by: {by.label()}"),
        para(f"审批人 Approved by: {approved.label()}"),
        para(f"删除原因 Reason: {reason[0]} / {reason[1]}"),
    ]
    if basis is not None:
        lines.append(para(f"法律依据 Legal basis: {basis[0]} / {basis[1]}"))
    return lines


def _categories(heading: str, labels: list[str]) -> list[Flowable]:
    s = styles()
    return [spacer(3), para(heading, s.heading), *(para(f"•  {label}", s.indented) for label in labels)]


def backup_statement(keep_days: int | None) -> tuple[str, str]:
    """What a destruction means for the backups (issue 15 §3): they rotate out within the branch's
    ``backup_keep_days``, and a restore from an older one destroys the client again."""
    if keep_days is None:
        return "", ""
    return (
        f"本门店备份文件夹中的加密备份最迟 {keep_days} 天内轮换删除，届时上述数据也离开所有这些备份；"
        "从更早的备份恢复时，程序会再次执行本次销毁。",
        f" Encrypted backups in the branch's backup folder are deleted within {keep_days} days as they "
        "rotate, so the data leaves every one of them by then; a restore from an older backup destroys it again.",
    )


def _closing(statement_zh: str, statement_en: str, keep_days: int | None = None) -> list[Flowable]:
    s = styles()
    extra_zh, extra_en = backup_statement(keep_days)
    statement_zh, statement_en = statement_zh + extra_zh, statement_en + extra_en
    return [
        spacer(4),
        para(statement_zh, s.small),
        spacer(1.5),
        para(statement_en, s.small),
        spacer(12),
        para("审批人签字 Approver signature: ______________________　　日期 Date: ______________"),
    ]


def _render(letterhead: Letterhead, title: str, story: list[Flowable], generated_at: str) -> bytes:
    setup = page_setup(
        letterhead, title=title, footer_left=f"BranchVault — 生成于 Generated {_when(generated_at)}"
    )
    return build_pdf(setup, story)


def certificate_pdf(
    letterhead: Letterhead,
    destroyed: DestructionRecord,
    *,
    destroyed_by: CertificateParty,
    approved_by: CertificateParty,
    category_labels: list[tuple[str, str]],
    reason_label: tuple[str, str],
    generated_at: str,
    legal_basis: tuple[str, str] | None = None,
    note: str = "",
    backup_keep_days: int | None = None,
) -> bytes:
    """The one-page certificate of one destruction record: the reason with its legal basis (the
    PIPL Art. 47 item) and, for a deletion on the company's initiative, the manager's note (checked
    to hold no personal data: domain/deletion_grounds.py)."""
    story = _header(
        letterhead,
        ("个人信息销毁证明", "Certificate of destruction of personal information"),
        f"证明编号 Record No.: {destroyed.id}",
    )
    story += _who(destroyed.destroyed_at, destroyed_by, approved_by, reason_label, legal_basis)
    if note:
        story.append(para(f"说明 Note: {note}"))
    if destroyed.request_reference:
        story.append(para(f"请求编号 Request reference: {destroyed.request_reference}"))
    story += _categories(
        "已销毁的个人信息类别 Categories of personal information destroyed:",
        [f"{zh} / {en}" for zh, en in category_labels],
    )
    story += _closing(
        "依据《个人信息保护法》第四十七条，上述客户的个人信息已从本门店加密数据库中删除，"
        "包括客户记录、跟进记录和搜索索引；数据库空闲页和预写日志（WAL）已清零并截断，无法恢复。"
        "本证明不含客户个人信息；销毁记录和审计日志仅以不可逆的假名标识该客户。",
        "Under PIPL Art. 47 the client's personal information was deleted from this branch's encrypted "
        "database: the client record, follow-ups and search index. Freed database pages and the write-ahead "
        "log were zeroed and truncated, so the data cannot be recovered. This certificate holds no personal "
        "data; the destruction record and audit log identify the client only by an irreversible pseudonym.",
        backup_keep_days,
    )
    title = f"个人信息销毁证明 / Certificate of destruction No. {destroyed.id}"
    return _render(letterhead, title, story, generated_at)


def batch_certificate_pdf(
    letterhead: Letterhead,
    batch: BatchSummary,
    *,
    destroyed_by: CertificateParty,
    approved_by: CertificateParty,
    generated_at: str,
    backup_keep_days: int | None = None,
) -> bytes:
    """One certificate for every client destroyed by one approval of the retention queue."""
    count = len(batch.record_ids)
    story = _header(
        letterhead,
        ("个人信息销毁证明（批量）", "Certificate of destruction of personal information (batch)"),
        f"批次编号 Batch No.: {batch.batch_id}",
    )
    story += [spacer(2), para(f"销毁客户数量 Number of clients: {count}", styles().heading)]
    story += _who(batch.destroyed_at, destroyed_by, approved_by, batch.reason_label, batch.legal_basis)
    story += _categories(
        "已销毁的个人信息类别（客户数） Categories destroyed (number of clients):",
        [f"{zh} / {en}: {n}" for (zh, en), n in batch.categories],
    )
    story += [
        spacer(3),
        para("销毁记录编号 Destruction record Nos.: " + ", ".join(id_ranges(batch.record_ids))),
    ]
    story += _closing(
        f"依据《个人信息保护法》第四十七条，上述 {count} 位客户的个人信息已从本门店加密数据库中删除，"
        "包括客户记录、跟进记录和搜索索引；数据库空闲页和预写日志（WAL）已清零并截断，无法恢复。"
        "本证明不含客户个人信息；销毁记录和审计日志仅以不可逆的假名标识各客户。",
        f"Under PIPL Art. 47 the personal information of the {count} clients above was deleted from this "
        "branch's encrypted database: client records, follow-ups and search index. Freed database pages and "
        "the write-ahead log were zeroed and truncated, so the data cannot be recovered. This certificate "
        "holds no personal data; the destruction records and audit log identify each client only by an "
        "irreversible pseudonym.",
        backup_keep_days,
    )
    title = f"个人信息销毁证明 / Certificate of destruction, batch No. {batch.batch_id}"
    return _render(letterhead, title, story, generated_at)
