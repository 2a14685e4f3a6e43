"""The legal grounds on which a client's personal information is deleted (PIPL Art. 47), and the note
a manager writes when the company deletes on its own initiative.

Rule: PIPL Art. 47 para. 1 obliges the company to delete personal information *on its own
initiative* when (1) the purpose of processing has been achieved, cannot be achieved, or the
information is no longer necessary for it; (2) the company stops providing the service, or the
retention period has expired; (3) the individual withdraws consent; (4) the processing violated
laws, administrative regulations or the agreement; (5) other circumstances laws provide for — and
the individual may request it (Art. 47 para. 1, last sentence; handled as a client request). Every
reason a destruction record carries maps to one of these items, and the certificate names it.

A manager destroying a client on the company's initiative chooses one of ``OWN_INITIATIVE`` and
writes a note (why, e.g. "签约失败，客户明确不再购房"). The note is kept in the audit log and printed
on the destruction certificate after the client is gone, so it must not identify the client:
``clean_note`` refuses a note that holds the client's name, or any run of 7 or more digits (a
phone, ID or bank card number), and keeps it short. The retention period is not an own-initiative
ground here: the "Due for destruction" queue applies it, after checking the period really ended;
a request from the client goes through the request register.

Para. 2: when a law's retention period has not expired (the anti-money-laundering hold on a buyer's
identification and transaction records), or deletion is technically impossible, processing stops
except storage and necessary protection: such a client is put in "storage only", never destroyed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum

from desktop_app.domain.errors import InvalidInput


class DeletionGround(StrEnum):
    """Codes stored in destruction records (``reason``) and audit entries."""

    DELETION_REQUEST = "deletion_request"
    PURPOSE_ACHIEVED = "purpose_achieved"
    PURPOSE_IMPOSSIBLE = "purpose_impossible"
    NO_LONGER_NECESSARY = "no_longer_necessary"
    SERVICE_STOPPED = "service_stopped"
    RETENTION_EXPIRY = "retention_expiry"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    PROCESSING_UNLAWFUL = "processing_unlawful"


OWN_INITIATIVE: tuple[DeletionGround, ...] = (
    DeletionGround.PURPOSE_ACHIEVED,
    DeletionGround.PURPOSE_IMPOSSIBLE,
    DeletionGround.NO_LONGER_NECESSARY,
    DeletionGround.SERVICE_STOPPED,
    DeletionGround.CONSENT_WITHDRAWN,
    DeletionGround.PROCESSING_UNLAWFUL,
)
"""Grounds a manager may choose to destroy one client on the company's own initiative."""

GROUND_LABELS: dict[str, tuple[str, str]] = {
    DeletionGround.DELETION_REQUEST: ("个人信息主体请求删除", "deletion request by the individual"),
    DeletionGround.PURPOSE_ACHIEVED: ("处理目的已实现", "the purpose of processing has been achieved"),
    DeletionGround.PURPOSE_IMPOSSIBLE: ("处理目的无法实现", "the purpose of processing cannot be achieved"),
    DeletionGround.NO_LONGER_NECESSARY: (
        "为实现处理目的不再必要",
        "the information is no longer necessary for the purpose",
    ),
    DeletionGround.SERVICE_STOPPED: ("本公司停止提供服务", "the company stopped providing the service"),
    DeletionGround.RETENTION_EXPIRY: ("保存期限届满", "retention period expired"),
    DeletionGround.CONSENT_WITHDRAWN: ("个人撤回同意", "consent withdrawn"),
    DeletionGround.PROCESSING_UNLAWFUL: (
        "违反法律、行政法规或者违反约定处理个人信息",
        "the processing violated laws, administrative regulations or the agreement",
    ),
}

_ITEM = {
    DeletionGround.PURPOSE_ACHIEVED: 1,
    DeletionGround.PURPOSE_IMPOSSIBLE: 1,
    DeletionGround.NO_LONGER_NECESSARY: 1,
    DeletionGround.SERVICE_STOPPED: 2,
    DeletionGround.RETENTION_EXPIRY: 2,
    DeletionGround.CONSENT_WITHDRAWN: 3,
    DeletionGround.PROCESSING_UNLAWFUL: 4,
}
_ZH_ITEMS = "一二三四五"


def legal_basis(reason: str) -> tuple[str, str]:
    """The provision a destruction rests on, in Chinese and English, e.g. "《个人信息保护法》第四十七条
    第一款第（一）项" / "PIPL Art. 47(1), item 1"; a deletion request: Art. 47(1), last sentence."""
    if reason == DeletionGround.DELETION_REQUEST:
        return (
            "《个人信息保护法》第四十七条第一款（个人请求删除）",
            "PIPL Art. 47(1) (deletion at the individual's request)",
        )
    try:
        item = _ITEM.get(DeletionGround(reason))
    except ValueError:
        item = None
    if item is None:
        return ("《个人信息保护法》第四十七条", "PIPL Art. 47")
    return (
        f"《个人信息保护法》第四十七条第一款第（{_ZH_ITEMS[item - 1]}）项",
        f"PIPL Art. 47(1), item {item}",
    )


def parse_own_initiative(text: str) -> DeletionGround:
    """The ground a manager chose, or InvalidInput naming the choices (a request and the retention
    period have their own ways in)."""
    try:
        ground = DeletionGround(text.strip())
    except ValueError:
        ground = None
    if ground not in OWN_INITIATIVE:
        codes = ", ".join(g.value for g in OWN_INITIATIVE)
        raise InvalidInput(
            f"主动删除的原因须为以下之一：{codes}。个人的删除请求请在“个人信息请求”中登记；"
            "保存期限届满请在“待销毁”队列中批准。",
            f"The ground for deleting on the company's initiative must be one of: {codes}. Register a "
            "deletion request from the client as a client request; approve an expired retention "
            "period in the “Due for destruction” queue.",
            code="deletion_ground_invalid",
        )
    return ground


NOTE_MAX = 200
_DIGIT_RUN = re.compile(r"\d[\d\s-]{5,}\d")


def _compact(text: str) -> str:
    """Case and spacing left out, so "li wei" or "李 伟" still match the client's name."""
    return "".join(text.casefold().split())


def clean_note(note: str, *, identifying: Iterable[str] = ()) -> str:
    """The manager's note, trimmed: required, at most ``NOTE_MAX`` characters, on one line of text
    (control characters refused), without 7 or more digits in a row (spaces and dashes between them
    counted: phone, ID and bank card numbers) and without any of ``identifying`` (the client's name).
    InvalidInput otherwise, naming the rule."""
    text = note.strip()
    folded = unicodedata.normalize("NFKC", text)  # full-width digits and letters compared as ASCII
    if not text:
        raise InvalidInput(
            "请填写删除说明（为什么删除，不要填写姓名或号码）。",
            "Write a note on why the client is deleted (no names or numbers).",
            code="deletion_note_required",
        )
    if len(text) > NOTE_MAX:
        raise InvalidInput(
            f"删除说明最多 {NOTE_MAX} 个字符。",
            f"The note may hold at most {NOTE_MAX} characters.",
            code="deletion_note_too_long",
        )
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise InvalidInput(
            "删除说明只能是一行文字。", "The note must be one line of text.", code="deletion_note_invalid"
        )
    compact = _compact(folded)
    words = [_compact(unicodedata.normalize("NFKC", word)) for word in identifying]
    if _DIGIT_RUN.search(folded) or "@" in folded or any(word and word in compact for word in words):
        raise InvalidInput(
            "删除说明会保存在审计日志和销毁证明中，不能包含客户的姓名、电话、证件号或银行卡号。",
            "The note is kept in the audit log and printed on the destruction certificate: it must not "
            "hold the client's name, phone, ID or bank card number.",
            code="deletion_note_identifies",
        )
    return text
