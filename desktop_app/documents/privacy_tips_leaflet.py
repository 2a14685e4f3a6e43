"""The one-page privacy-tips leaflet the branch hands to clients (privacy education, issue 14).

One A4 page, Chinese first with the English below each point: how to recognise fraud calls (people
posing as the police, a bank, the developer or us; "deposit refunds"; "safe accounts"; requests for
verification codes — we never ask for codes or for payment into a personal account), never to
photograph or send an ID card to strangers and how to mark a copy ("仅供XX用途，他用无效"), what we
collect and why, the individual's rights under PIPL Art. 44–47 and how to use them (the reply
deadline is the one the requests area applies, GB/T 35273-2020 §8.7), how to withdraw consent
(Art. 15), what to do about a suspected leak (police 110, a complaint under Art. 65), and how to
reach the company: the company, the branch and its privacy contact from the branch letterhead.

It holds no client data at all (the participation is recorded separately, in clients.db), so the
same PDF serves a blank print and a print for a client. Fonts are embedded (documents/fonts.py) and
the text is extractable. ``LEAFLET_VERSION`` changes whenever the wording does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.documents.pdf_engine import MM, Margins, PageSetup, build_measured_pdf, para, spacer, styles
from desktop_app.domain.client_requests import REPLY_DAYS
from desktop_app.domain.letterhead import Letterhead

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

LEAFLET_VERSION = "2026.1"
TITLE_ZH = "个人信息保护小贴士"
TITLE_EN = "Protecting your personal information: tips for our clients"


@dataclass(frozen=True)
class Point:
    zh: str
    en: str  # "" when the Chinese line is already bilingual (the contact lines)


@dataclass(frozen=True)
class Section:
    heading_zh: str
    heading_en: str
    points: tuple[Point, ...]


def sections(letterhead: Letterhead) -> tuple[Section, ...]:
    """The leaflet's text, in order (the contact section is filled from the letterhead)."""
    company = letterhead.company_name or letterhead.branch_name
    contact = letterhead.company_contact or "请向门店工作人员索取 / ask our staff at the branch"
    return (
        Section(
            "一、识别诈骗电话",
            "1. Recognise fraud calls",
            (
                Point(
                    "冒充公检法、银行、开发商或我们员工，以“退定金”“退房款”“资金核查”等为由，"
                    "要求您转账到所谓“安全账户”或索要短信验证码的，都是诈骗。",
                    "Anyone posing as the police, a court, a bank, the developer or our staff who, citing a "
                    "“deposit refund” or a “fund check”, asks you to pay into a “safe account” or for an SMS "
                    "verification code is a fraudster.",
                ),
                Point(
                    "我们绝不会向您索要验证码或银行卡密码，也绝不会要求您向任何个人账户转账；"
                    "款项只付至合同载明的公司账户或资金监管账户。",
                    "We never ask for verification codes or card PINs, and never ask you to pay into a "
                    "personal account: payments go only to the company or escrow account named in your contract.",
                ),
                Point(
                    "接到可疑来电，先挂断，再拨打本页下方的联系方式核实。已经转账的，立即拨打 110 报警。",
                    "If a call seems suspicious, hang up and call us on the number below. If you have "
                    "already paid, call the police on 110 at once.",
                ),
            ),
        ),
        Section(
            "二、保护好身份证件",
            "2. Protect your ID card",
            (
                Point(
                    "不要把身份证拍照发给陌生人、不明网站或群聊，也不要把证件交给他人保管。",
                    "Never photograph your ID card for strangers or send it to unknown websites or chat "
                    "groups, and do not leave it with anyone.",
                ),
                Point(
                    "确需提供复印件时，在复印件上横写“仅供XX用途，他用无效”并注明日期，"
                    "字迹压在证件图像上但不遮挡号码。",
                    "If a copy is really needed, write “仅供XX用途，他用无效” (for XX only, invalid for any "
                    "other use) and the date across it, over the picture but not over the number.",
                ),
            ),
        ),
        Section(
            "三、我们收集什么、为什么",
            "3. What we collect and why",
            (
                Point(
                    "为提供购房咨询、带看和签约服务，我们收集您的姓名、联系方式和购房意向；"
                    "证件号码、收入等敏感个人信息只在确有需要并取得您的单独同意后收集。"
                    "详见您签署的个人信息处理告知书。",
                    "To advise you, arrange viewings and handle your contract we collect your name, contact "
                    "details and home-buying wishes; ID numbers, income and other sensitive information only "
                    "when needed and with your separate consent. See the privacy notice you signed.",
                ),
            ),
        ),
        Section(
            "四、您的权利（《个人信息保护法》第四十四至四十七条）",
            "4. Your rights (PIPL Art. 44–47)",
            (
                Point(
                    "您有权了解和决定我们如何处理您的信息，可以限制或拒绝处理（第四十四条）；"
                    "可以查阅、复制（第四十五条），要求更正、补充（第四十六条），要求删除（第四十七条）。",
                    "You may know about and decide on how we handle your information, and restrict or refuse "
                    "it (Art. 44); access and copy it (Art. 45); have it corrected or completed (Art. 46); "
                    "and have it deleted (Art. 47).",
                ),
                Point(
                    f"怎么做：到门店当面提出，或通过下方联系方式提出。核实身份后，我们在 {REPLY_DAYS} 天内答复。",
                    f"How: ask at the branch or through the contact below. We reply within {REPLY_DAYS} days "
                    "of checking your identity.",
                ),
            ),
        ),
        Section(
            "五、撤回同意",
            "5. Withdraw your consent",
            (
                Point(
                    "您可以随时撤回同意（第十五条），例如不再接收营销信息或不再同意保存证件号码："
                    "到门店或通过下方联系方式告知即可。撤回不影响撤回前已进行的处理。",
                    "You may withdraw consent at any time (Art. 15), for example to marketing messages or to "
                    "keeping your ID number: tell us at the branch or through the contact below. Withdrawal "
                    "does not affect what was done before it.",
                ),
            ),
        ),
        Section(
            "六、怀疑信息泄露怎么办",
            "6. If you suspect a leak",
            (
                Point(
                    "如接到知道您购房信息的陌生推销或诈骗电话，或发现信息被冒用，请立即联系我们，"
                    "保留通话记录和短信截图；有资金损失的拨打 110 报警。"
                    "您也可以向网信等部门投诉、举报（第六十五条）。",
                    "If strangers call who know about your home search, or your information is misused, "
                    "contact us at once and keep call logs and screenshots; report any loss of money to the "
                    "police (110). You may also complain to the cyberspace authorities (Art. 65).",
                ),
            ),
        ),
        Section(
            "七、联系我们",
            "7. Contact us",
            (
                Point(f"个人信息处理者 Company：{company}", ""),
                Point(f"门店 Branch：{letterhead.branch_name}（{letterhead.branch_code}）", ""),
                Point(f"个人信息保护联系方式 Privacy contact：{contact}", ""),
            ),
        ),
    )


@dataclass(frozen=True)
class _Look:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    zh: ParagraphStyle
    en: ParagraphStyle
    intro: ParagraphStyle
    en_intro: ParagraphStyle


SCALES = (1.0, 0.94, 0.88, 0.8)  # tried in turn until the page holds a long letterhead contact


def _look(scale: float) -> _Look:
    from reportlab.lib.styles import ParagraphStyle

    s = styles()
    zh = ParagraphStyle(
        f"bv-leaflet-zh-{scale}",
        parent=s.body,
        fontSize=9.7 * scale,
        leading=13 * scale,
        leftIndent=7 * MM,
        firstLineIndent=-3.5 * MM,
    )
    en = ParagraphStyle(
        f"bv-leaflet-en-{scale}",
        parent=zh,
        fontSize=8 * scale,
        leading=10 * scale,
        firstLineIndent=0,
        spaceAfter=2 * scale,
        textColor="#444444",
    )
    return _Look(
        title=ParagraphStyle(
            f"bv-leaflet-title-{scale}", parent=s.title, fontSize=17, leading=22, spaceAfter=0
        ),
        subtitle=ParagraphStyle(
            f"bv-leaflet-subtitle-{scale}", parent=s.subtitle, fontSize=10.5, leading=14, spaceAfter=2
        ),
        heading=ParagraphStyle(
            f"bv-leaflet-heading-{scale}",
            parent=s.heading,
            fontSize=11 * scale,
            leading=14 * scale,
            spaceBefore=4.5 * scale,
            spaceAfter=1.5 * scale,
        ),
        zh=zh,
        en=en,
        intro=ParagraphStyle(f"bv-leaflet-intro-{scale}", parent=zh, leftIndent=0, firstLineIndent=0),
        en_intro=ParagraphStyle(f"bv-leaflet-en-intro-{scale}", parent=en, leftIndent=0),
    )


def _story(letterhead: Letterhead, issued_on: date, scale: float = 1.0) -> list[Flowable]:
    look = _look(scale)
    story: list[Flowable] = [
        para(TITLE_ZH, look.title),
        para(TITLE_EN, look.subtitle),
        para("保护个人信息，从日常小事做起。以下提示请您留存。", look.intro),
        para("Small habits protect your personal information. Please keep these tips.", look.en_intro),
    ]
    for section in sections(letterhead):
        story.append(para(f"{section.heading_zh}　{section.heading_en}", look.heading))
        for point in section.points:
            story.append(para(f"•  {point.zh}", look.zh))
            if point.en:
                story.append(para(point.en, look.en))
    story.append(spacer(1))
    story.append(para(f"{issued_on.isoformat()}　版本 Version {LEAFLET_VERSION}", look.en_intro))
    return story


def privacy_tips_leaflet_pdf(letterhead: Letterhead, *, issued_on: date) -> bytes:
    """The leaflet as one A4 page: the text is set a little smaller when a long letterhead would
    push it over (RuntimeError if even the smallest size does not fit)."""
    setup = PageSetup(
        title=f"{TITLE_ZH} / Privacy tips",
        header_left=letterhead.company_name or "BranchVault",
        header_right=f"{letterhead.branch_name} ({letterhead.branch_code})",
        footer_left=f"{TITLE_ZH} · 依据《个人信息保护法》/ under the PIPL",
        subject="privacy education",
        margins=Margins(left=18 * MM, right=18 * MM, top=24 * MM, bottom=21 * MM),
    )
    for scale in SCALES:
        built = build_measured_pdf(setup, _story(letterhead, issued_on, scale))
        if built.pages == 1:
            return built.pdf
    raise RuntimeError(f"the privacy-tips leaflet must fit one page ({built.pages} pages)")
