"""The letter that tells a client about a personal-information breach (PIPL Art. 57).

Art. 57 requires the notice to state the categories of personal information that were or may have
been leaked, tampered with or lost; the cause and the possible harm; the remedial measures the
company took; what the individual can do to reduce the harm; and how to contact the company. The
content comes from whoever handles the incident (the oversight work builds it); this module only
lays it out, with the company and branch from the branch letterhead. The client's name is printed in
the salutation only: the PDF metadata holds the reference number, never personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.documents.pdf_engine import build_pdf, page_setup, para, spacer, styles
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.letterhead import Letterhead

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

TITLE_ZH = "个人信息安全事件告知书"
TITLE_EN = "Notice of a personal information security incident"


@dataclass(frozen=True, repr=False)
class BreachNotice:
    """What the letter says. Lists are printed one item per line; texts may hold line breaks."""

    reference: str  # the incident's letter number, e.g. "BR-2027-003"
    recipient_name: str  # the client: personal data, printed in the salutation only
    issued_on: date
    occurred: str  # when it happened, as known ("2027年3月1日至3月3日")
    what_happened: str
    data_categories: tuple[str, ...]  # what personal information was or may have been affected
    cause: str
    possible_harm: str
    measures_taken: tuple[str, ...]  # what the company did
    client_actions: tuple[str, ...]  # what the client can do
    contact: str = ""  # phone / e-mail / address for questions; the branch config's contact if empty
    contact_person: str = ""  # e.g. the personal information protection officer

    def __repr__(self) -> str:  # holds the client's name
        return f"BreachNotice(reference={self.reference!r})"


def _require(notice: BreachNotice, contact: str) -> None:
    missing = [
        (zh, en)
        for zh, en, value in (
            ("告知书编号", "reference", notice.reference.strip()),
            (
                "涉及的个人信息",
                "personal information concerned",
                any(c.strip() for c in notice.data_categories),
            ),
            ("原因", "cause", notice.cause.strip()),
            ("可能造成的危害", "possible harm", notice.possible_harm.strip()),
            ("已采取的补救措施", "measures taken", any(m.strip() for m in notice.measures_taken)),
            ("个人可采取的措施", "what the client can do", any(a.strip() for a in notice.client_actions)),
            ("联系方式", "contact", contact.strip()),
        )
        if not value
    ]
    if missing:
        raise InvalidInput(
            "告知书缺少《个人信息保护法》第五十七条要求的内容：" + "、".join(zh for zh, _ in missing),
            "The notice lacks what PIPL Art. 57 requires: " + ", ".join(en for _, en in missing),
        )


def _items(lines: tuple[str, ...]) -> list[Flowable]:
    return [para(f"•  {line.strip()}", styles().indented) for line in lines if line.strip()]


def breach_notification_pdf(letterhead: Letterhead, notice: BreachNotice) -> bytes:
    """The A4 letter to one client; raises InvalidInput when an Art. 57 item is missing."""
    contact = notice.contact or letterhead.company_contact
    _require(notice, contact)
    s = styles()
    company = letterhead.company_name or letterhead.branch_name
    issued = f"{notice.issued_on.year}年{notice.issued_on.month}月{notice.issued_on.day}日"
    story: list[Flowable] = [
        para(TITLE_ZH, s.title),
        para(TITLE_EN, s.subtitle),
        para(f"告知书编号 Ref.: {notice.reference}"),
        para(f"日期 Date: {issued} ({notice.issued_on.isoformat()})"),
        spacer(4),
        para(f"尊敬的 {notice.recipient_name}："),
        spacer(1),
        para(
            f"依据《个人信息保护法》第五十七条，{company}（{letterhead.branch_name}）特此告知您一起涉及您个人信息的"
            "安全事件，以及我们已经采取和您可以采取的措施。"
        ),
        para(
            "Under Art. 57 of the Personal Information Protection Law we inform you of a security incident "
            "concerning your personal information, what we have done and what you can do.",
            s.small,
        ),
        para("一、事件经过 What happened", s.heading),
        para(f"发生时间 When: {notice.occurred}"),
        para(notice.what_happened),
        para("二、涉及的个人信息 Personal information concerned", s.heading),
        *_items(notice.data_categories),
        para("三、事件原因 Cause", s.heading),
        para(notice.cause),
        para("四、可能造成的危害 Possible harm", s.heading),
        para(notice.possible_harm),
        para("五、我们已采取的补救措施 What we have done", s.heading),
        *_items(notice.measures_taken),
        para("六、您可以采取的措施 What you can do", s.heading),
        *_items(notice.client_actions),
        para("七、联系我们 Contact us", s.heading),
        para(f"个人信息处理者 Company: {company}"),
        para(f"门店 Branch: {letterhead.branch_name} ({letterhead.branch_code})"),
    ]
    if notice.contact_person:
        story.append(para(f"联系人 Contact person: {notice.contact_person}"))
    story += [
        para(f"联系方式 Contact: {contact}"),
        spacer(8),
        para(f"{company}", s.body),
        para(issued, s.body),
    ]
    setup = page_setup(
        letterhead,
        title=f"{TITLE_ZH} / {TITLE_EN} {notice.reference}",
        footer_left=f"{TITLE_ZH} {notice.reference} — 依据《个人信息保护法》第五十七条 / PIPL Art. 57",
    )
    return build_pdf(setup, story)
