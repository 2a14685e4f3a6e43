"""The A4 certificate that clients' personal information was destroyed (PIPL Art. 47).

``certificate_pdf`` covers one destruction record; ``batch_certificate_pdf`` covers a batch destroyed
together by one approval of the retention queue (how many clients, the categories destroyed with
the number of clients each, the record numbers). Both name the company, the branch, when, why, by
whom and approved by whom. Neither holds personal data of a client: not even the pseudonym, only
the record numbers that point at it. Long batches continue on further pages ("page i of n").
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.documents.fonts import register_cjk_font
from desktop_app.store.branch_config import BranchConfig
from desktop_app.store.destruction_repository import DestructionRecord

MM = 72 / 25.4  # points per millimetre
_LEFT = 20 * MM
_TOP = 28 * MM
_BOTTOM = 28 * MM  # lowest baseline of the body; the footer sits below it
_TEXT_WIDTH = 170 * MM


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


@dataclass(frozen=True)
class _Line:
    text: str
    size: float = 10.5
    gap: float = 6.5 * MM
    indent: float = 0


def _space(gap_mm: float) -> _Line:
    return _Line("", gap=gap_mm * MM)


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


def _wrapped(prefix: str, items: list[str], font: str, size: float, width: float) -> list[str]:
    """``prefix`` and the comma-separated ``items`` broken into lines no wider than ``width``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = prefix
    for index, item in enumerate(items):
        piece = item + ("," if index < len(items) - 1 else "")
        candidate = f"{current} {piece}" if current.strip() else f"{current}{piece}"
        if current.strip() and stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = "    " + piece
        else:
            current = candidate
    lines.append(current)
    return lines


def _header(config: BranchConfig, title: tuple[str, str], number: str) -> list[_Line]:
    lines = [
        _Line(title[0], 20, 9 * MM),
        _Line(title[1], 13, 11 * MM),
        _Line(number, 12, 9 * MM),
        _Line(f"个人信息处理者 Company: {config.company_name}"),
        _Line(f"门店 Branch: {config.branch_name} ({config.branch_code})"),
    ]
    if config.company_contact:
        lines.append(_Line(f"联系方式 Contact: {config.company_contact}"))
    return lines


def _who(
    destroyed_at: str, by: CertificateParty, approved: CertificateParty, reason: tuple[str, str]
) -> list[_Line]:
    return [
        _space(3),
        _Line(f"销毁时间 Destroyed at: {_when(destroyed_at)}"),
        _Line(f"执行人 Destroyed by: {by.label()}"),
        _Line(f"审批人 Approved by: {approved.label()}"),
        _Line(f"删除原因 Reason: {reason[0]} / {reason[1]}"),
    ]


def _closing(statement: tuple[str, ...]) -> list[_Line]:
    return [
        _space(4),
        *(_Line(text, 9.5, 5.5 * MM) for text in statement),
        _space(10),
        _Line("审批人签字 Approver signature: ______________________     日期 Date: ______________"),
    ]


def _pages(lines: list[_Line], height: float) -> list[list[_Line]]:
    pages: list[list[_Line]] = [[]]
    y = height - _TOP
    for line in lines:
        if line.text and y < _BOTTOM:
            pages.append([])
            y = height - _TOP
        pages[-1].append(line)
        y -= line.gap
    return pages


def _render(title: str, lines: list[_Line], generated_at: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    font = register_cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=font)
    canvas.setTitle(title)
    _width, height = A4
    pages = _pages(lines, height)
    for number, page in enumerate(pages, start=1):
        y = height - _TOP
        for line in page:
            if line.text:
                canvas.setFont(font, line.size)
                canvas.drawString(_LEFT + line.indent, y, line.text)
            y -= line.gap
        canvas.setFont(font, 8)
        canvas.drawString(
            _LEFT,
            15 * MM,
            f"BranchVault — 生成于 Generated {_when(generated_at)} — "
            f"第 {number} 页，共 {len(pages)} 页 / page {number} of {len(pages)}",
        )
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


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
    """The one-page certificate of one destruction record."""
    lines = _header(
        config,
        ("个人信息销毁证明", "Certificate of destruction of personal information"),
        f"证明编号 Record No.: {destroyed.id}",
    )
    lines += _who(destroyed.destroyed_at, destroyed_by, approved_by, reason_label)
    if destroyed.request_reference:
        lines.append(_Line(f"请求编号 Request reference: {destroyed.request_reference}"))
    lines += [
        _space(3),
        _Line("已销毁的个人信息类别 Categories of personal information destroyed:", 11, 7 * MM),
    ]
    lines += [_Line(f"•  {zh} / {en}", indent=6 * MM) for zh, en in category_labels]
    lines += _closing(
        (
            "依据《个人信息保护法》第四十七条，上述客户的个人信息已从本门店加密数据库中删除，",
            "包括客户记录、跟进记录和搜索索引；数据库空闲页和预写日志（WAL）已清零并截断，无法恢复。",
            "本证明不含客户个人信息；销毁记录和审计日志仅以不可逆的假名标识该客户。",
            "",
            "Under PIPL Art. 47 the client's personal information was deleted from this branch's encrypted",
            "database: the client record, follow-ups and search index. Freed database pages and the write-ahead",
            "log were zeroed and truncated, so the data cannot be recovered. This certificate holds no personal",
            "data; the destruction record and audit log identify the client only by an irreversible pseudonym.",
        )
    )
    title = f"个人信息销毁证明 / Certificate of destruction No. {destroyed.id}"
    return _render(title, lines, generated_at)


def batch_certificate_pdf(
    config: BranchConfig,
    batch: BatchSummary,
    *,
    destroyed_by: CertificateParty,
    approved_by: CertificateParty,
    generated_at: str,
) -> bytes:
    """One certificate for every client destroyed by one approval of the retention queue."""
    font = register_cjk_font()
    count = len(batch.record_ids)
    lines = _header(
        config,
        ("个人信息销毁证明（批量）", "Certificate of destruction of personal information (batch)"),
        f"批次编号 Batch No.: {batch.batch_id}",
    )
    lines += [_space(2), _Line(f"销毁客户数量 Number of clients: {count}", 12, 7.5 * MM)]
    lines += _who(batch.destroyed_at, destroyed_by, approved_by, batch.reason_label)
    lines += [
        _space(3),
        _Line("已销毁的个人信息类别（客户数） Categories destroyed (number of clients):", 11, 7 * MM),
    ]
    lines += [_Line(f"•  {zh} / {en}: {n}", indent=6 * MM) for (zh, en), n in batch.categories]
    lines.append(_space(3))
    numbers = _wrapped(
        "销毁记录编号 Destruction record Nos.:", id_ranges(batch.record_ids), font, 10.5, _TEXT_WIDTH
    )
    lines += [_Line(text) for text in numbers]
    lines += _closing(
        (
            f"依据《个人信息保护法》第四十七条，上述 {count} 位客户的个人信息已从本门店加密数据库中删除，",
            "包括客户记录、跟进记录和搜索索引；数据库空闲页和预写日志（WAL）已清零并截断，无法恢复。",
            "本证明不含客户个人信息；销毁记录和审计日志仅以不可逆的假名标识各客户。",
            "",
            f"Under PIPL Art. 47 the personal information of the {count} clients above was deleted from this",
            "branch's encrypted database: client records, follow-ups and search index. Freed database pages and",
            "the write-ahead log were zeroed and truncated, so the data cannot be recovered. This certificate",
            "holds no personal data; the destruction records and audit log identify each client only by an",
            "irreversible pseudonym.",
        )
    )
    title = f"个人信息销毁证明 / Certificate of destruction, batch No. {batch.batch_id}"
    return _render(title, lines, generated_at)
