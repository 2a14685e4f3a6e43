"""The printed privacy notice and consent form (个人信息处理告知书及同意书), A4, one or two pages.

``consent_form_pdf`` lays out a ``ConsentForm``: the company and branch in the page header; the title;
the notice text of one version (every section) in two columns of 7.5 pt print; then one boxed part per purpose of the registry, in registry order:
notice-only purposes as acknowledgement text, each separate consent (Art. 23, 29) with its own
"同意 / 不同意" tick boxes and its own signature and date line (the sensitive-data box also states
why the data is necessary and how processing affects the client's rights, Art. 30), the optional
consent with its own tick boxes; a guardian block (name, relation, signature) for clients under 14
(Art. 31); the client block (name, masked ID number, agent, date, form number, the notice's full
content hash) with a QR code ``BVFORM|<form number>|<notice version>``. Every page's footer names the
notice version and the start of its content hash, and "page N of M".

When the branch configuration holds the company's satisfaction survey address (``survey_url``, https
only, set by IT), the client block also prints it as a second QR code captioned ``SURVEY_CAPTION``
(issue 14: clients rate how their personal information was handled, anonymously, on the company's own
survey). Nothing is fetched: the address is only drawn. Without it, neither the code nor the caption
appears.

Two pages at most (``MAX_PAGES``), with no text under ``BODY_SIZE``: the form has narrower margins
than the other documents. The Chinese text of the notice is the authoritative one. A Chinese form
prints it. An English form (for foreign clients) prints the English text, and the Chinese text as
well only if both still fit on two pages; otherwise (the bundled notice: the Chinese and English
texts take about 2.6 pages together) it prints, under the English title, the statement that the
Chinese text prevails and that the branch gives out the Chinese form of the same version. The
explanations in the purpose boxes follow the notice's language(s); their labels stay bilingual so
the agent can read every form.

A blank form (no client name, ID or agent) leaves lines to fill in by hand. Before anything is laid
out, every text that varies per client is checked with ``fonts.missing_glyphs``: a character no font
can draw is refused with a bilingual error, so the agent is warned before printing and the form
never shows an empty box. The PDF metadata holds no personal data (a fixed title only).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.documents.fonts import missing_glyphs, register_cjk_font
from desktop_app.documents.pdf_engine import (
    MM,
    Margins,
    PageSetup,
    build_measured_pdf,
    build_pdf,
    para,
    qr_code,
    spacer,
    styles,
)
from desktop_app.domain.consent_purposes import (
    GUARDIAN_AGE,
    ConsentKind,
    ConsentPurpose,
    GuardianRelation,
    all_purposes,
)
from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.letterhead import Letterhead
from desktop_app.domain.privacy_notice import (
    NoticeValues,
    PrivacyNotice,
    RenderedNotice,
    RenderedSection,
    render_notice,
)
from desktop_app.domain.retention_rules import RetentionRules

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

TITLE_ZH = "个人信息处理告知书及同意书"
TITLE_EN = "Privacy notice and consent"
QR_PREFIX = "BVFORM"
SHORT_HASH = 16  # hex digits of the content hash in the footer; the full hash is in the client block
QR_SIZE_MM = 30
SURVEY_QR_MM = 24
SURVEY_CAPTION = "扫码评价我们对您个人信息的保护 / Scan to tell us how we protected your information"
BLANK = "_" * 22
# Narrower margins than the other documents (15 mm at the sides, body 3 mm nearer the rules): the
# notice, the boxes and the client block fit two pages with text no smaller than BODY_SIZE.
MARGINS = Margins(left=15 * MM, right=15 * MM, top=23.5 * MM, bottom=21 * MM)
BOX_WIDTH = MARGINS.body_width
BLANK_DATE = "______年____月____日"
BODY_SIZE = 7.5  # pt: the smallest text on the form (notice body, small print in the boxes)
MAX_PAGES = 2
COLUMN_GAP = 4.5 * MM
CHINESE_PREVAILS = (
    "本告知书以中文文本为准；以下英文文本为译文，两者不一致时以中文文本为准。同一版本（内容哈希相同）的中文文本"
    "印在中文版同意书上，可随时向门店索取。"
    " / The Chinese text of this notice is the authoritative one; the English text below is a "
    "translation, and where they differ the Chinese text prevails. The Chinese text of the same "
    "version (same content hash) is printed on the Chinese form, which the branch gives you on request."
)


class UnprintableCharacters(BranchVaultError):
    """A text on the form holds characters no available font can draw."""

    code = "unprintable_characters"

    def __init__(self, field_zh: str, field_en: str, characters: Sequence[str]) -> None:
        # Code points only: the message never repeats the personal data itself.
        points = "、".join(f"U+{ord(c):04X}" for c in characters)
        points_en = ", ".join(f"U+{ord(c):04X}" for c in characters)
        super().__init__(
            f"{field_zh}中有 {len(characters)} 个字符（{points}）在本机所有字体中都没有字形，打印出来会是空白方框，"
            "因此未生成同意书。请核对该字符是否输入正确，或联系 IT 安装含该字符的字体后再打印。",
            f"The {field_en} holds {len(characters)} character(s) ({points_en}) that no font on this PC can "
            "draw; printed, they would be empty boxes, so the form was not made. Check the characters "
            "were typed correctly, or ask IT to install a font that has them, then print again.",
        )


@dataclass(frozen=True)
class ConsentForm:
    """Everything one printed form shows. Empty client fields print as lines to fill in by hand.

    ``notice`` is the Chinese text of the version; ``notice_en`` (same version) makes an English
    form, which prints the Chinese text too only if both fit on two pages (see the module docstring). ``client_under_14``: True prints the guardian block as
    required, False leaves it out, None (unknown, e.g. a blank form) prints it "for clients under 14".
    """

    notice: RenderedNotice
    notice_version: str
    content_hash: str
    company_name: str
    company_contact: str
    branch_name: str
    branch_code: str
    form_number: str
    form_date: date | None = None
    client_name: str = ""
    masked_id_number: str = ""
    agent_name: str = ""
    notice_en: RenderedNotice | None = None
    client_under_14: bool | None = None
    purposes: tuple[ConsentPurpose, ...] = field(default_factory=all_purposes)
    survey_url: str = ""  # the satisfaction survey's https address: a second QR code; "" = none

    @property
    def qr_text(self) -> str:
        return f"{QR_PREFIX}|{self.form_number}|{self.notice_version}"


def _check(form: ConsentForm) -> None:
    for notice in filter(None, (form.notice, form.notice_en)):
        if notice.version != form.notice_version or notice.content_hash != form.content_hash:
            raise ValueError("the rendered notice is not the version the form names")
    for text, field_zh, field_en in (
        (form.client_name, "客户姓名", "client's name"),
        (form.agent_name, "经纪人姓名", "agent's name"),
        (form.company_name, "公司名称", "company name"),
        (form.branch_name, "门店名称", "branch name"),
        (form.company_contact, "公司联系方式", "company contact"),
    ):
        missing = missing_glyphs(text)
        if missing:
            raise UnprintableCharacters(field_zh, field_en, missing)


@dataclass(frozen=True)
class _Look:
    """The styles of the form, derived once from the engine's shared styles."""

    notice_heading: ParagraphStyle
    notice_body: ParagraphStyle
    notice_body_en: ParagraphStyle  # Latin text needs less room between lines than Chinese
    notice_sub: ParagraphStyle
    form_title: ParagraphStyle
    box_title: ParagraphStyle
    box_body: ParagraphStyle
    box_small: ParagraphStyle


@functools.lru_cache(maxsize=1)
def _look() -> _Look:
    from reportlab.lib.styles import ParagraphStyle

    s = styles()
    body = ParagraphStyle("bv-cf-notice", parent=s.body, fontSize=BODY_SIZE, leading=9.2)
    return _Look(
        notice_heading=ParagraphStyle(
            "bv-cf-heading", parent=body, fontSize=8.5, leading=10.2, spaceBefore=1.5, spaceAfter=0.2
        ),
        notice_body=body,
        notice_body_en=ParagraphStyle("bv-cf-notice-en", parent=body, leading=8.6),
        notice_sub=ParagraphStyle("bv-cf-sub", parent=body, fontSize=8, leading=9.8, spaceBefore=1),
        form_title=ParagraphStyle("bv-cf-title", parent=s.subtitle, fontSize=12, leading=15, spaceAfter=2),
        box_title=ParagraphStyle("bv-cf-box-title", parent=s.body, fontSize=9, leading=11),
        box_body=ParagraphStyle("bv-cf-box", parent=s.body, fontSize=8, leading=10.5, spaceBefore=0.5),
        box_small=ParagraphStyle("bv-cf-box-small", parent=s.body, fontSize=BODY_SIZE, leading=9.4),
    )


def _section(section: RenderedSection, colon: str, body: ParagraphStyle, depth: int = 0) -> list[Flowable]:
    look = _look()
    items: list[Flowable] = []
    if section.title:
        items.append(para(section.title, look.notice_heading if depth == 0 else look.notice_sub))
    if section.text:
        items.append(para(section.text, body))
    items.extend(para(f"{item.label}{colon}{item.text}", body) for item in section.items)
    for sub in section.subsections:
        items.extend(_section(sub, colon, body, depth + 1))
    return items


def _notice(notice: RenderedNotice) -> list[Flowable]:
    """The notice in two balanced columns of small print (continued on the next page if need be)."""
    from desktop_app.documents.text_columns import TwoColumns  # imports reportlab: only when printing

    chinese = notice.language.startswith("zh")
    colon, style = ("：", _look().notice_body) if chinese else (": ", _look().notice_body_en)
    body: list[Flowable] = []
    for section in notice.sections:
        body.extend(_section(section, colon, style))
    columns = TwoColumns(body, gap=COLUMN_GAP)
    return [para(notice.title, _look().box_title), columns]


def _box(content: list[Flowable], *, shaded: bool = False) -> Flowable:
    """``content`` in a framed box the width of the text area, kept on one page."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    box = Table([[content]], colWidths=[BOX_WIDTH])
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), register_cjk_font()),  # else an unembedded Helvetica is named
        ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * MM),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3 * MM),
        ("TOPPADDING", (0, 0), (-1, -1), 1 * MM),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * MM),
    ]
    if shaded:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), colors.Color(0.95, 0.95, 0.95)))
    box.setStyle(TableStyle(commands))
    return box


def _date_text(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日 ({day.isoformat()})" if day else BLANK_DATE


def _signature_line(who_zh: str, who_en: str) -> Flowable:
    return para(f"{who_zh}签字 {who_en} signature：{BLANK}　　日期 Date：{BLANK_DATE}", _look().box_body)


@dataclass(frozen=True)
class _Languages:
    """Which languages the explanations in the boxes are printed in (labels are always bilingual)."""

    zh: bool
    en: bool

    def texts(self, zh: str, en: str) -> str:
        """Chinese on a Chinese form; English on an English form; both when both notices are printed."""
        return " / ".join(text for text, wanted in ((zh, self.zh), (en, self.en)) if wanted)


def _purpose_box(form: ConsentForm, number: int, purpose: ConsentPurpose, languages: _Languages) -> Flowable:
    look = _look()
    _texts = languages.texts
    basis = _texts(purpose.legal_basis.zh, purpose.legal_basis.en)
    content: list[Flowable] = [
        para(f"{number}. {purpose.id.label_zh} / {purpose.id.label_en}", look.box_title),
        para(
            f"【{purpose.kind.label_zh} / {purpose.kind.label_en}】法律依据 Legal basis：{basis}",
            look.box_small,
        ),
    ]
    if purpose.states_necessity:
        content += [
            para(
                f"处理的必要性 Why it is necessary：{_texts(purpose.necessity.zh, purpose.necessity.en)}",
                look.box_small,
            ),
            para(
                f"对您权益的影响 Effect on your rights：{_texts(purpose.impact.zh, purpose.impact.en)}",
                look.box_small,
            ),
        ]
    if purpose.kind is ConsentKind.NOTICE_ONLY:
        content.append(
            para(
                "本项无需您同意：本人已阅读并知悉上述告知书中关于本项处理的内容。"
                " / No consent is asked for this purpose: I have read and understood what the notice "
                "above says about it.",
                look.box_body,
            )
        )
        return _box(content, shaded=True)
    if purpose.withdrawable:
        stops = _texts(purpose.withdrawal_stops.zh, purpose.withdrawal_stops.en)
        content.append(para(f"撤回 Withdrawal：{stops}", look.box_small))
    if purpose.kind is ConsentKind.SEPARATE:
        content += [
            para(
                "请勾选其一并在本栏单独签字 Tick one and sign this box separately：　"
                "□ 同意 I consent　　□ 不同意 I do not consent",
                look.box_body,
            ),
            spacer(1.5),
            _signature_line("客户（或监护人）", "Client (or guardian)"),
        ]
    else:
        content.append(
            para(
                "可选，不同意不影响服务 Optional, refusing does not affect our services：　"
                "□ 同意 I consent　　□ 不同意 I do not consent",
                look.box_body,
            )
        )
    return _box(content)


def _guardian_box(form: ConsentForm) -> Flowable:
    look = _look()
    if form.client_under_14:
        scope = "客户未满十四周岁，须由监护人填写并签字。 / The client is under 14: a guardian fills in and signs."
    else:
        scope = (
            f"仅限未满{GUARDIAN_AGE}周岁的客户：由监护人代为同意（《个人信息保护法》第三十一条）。"
            f" / Only for clients under {GUARDIAN_AGE}: a guardian consents for them (PIPL Art. 31)."
        )
    relations = " ".join(f"□ {r.label_zh} {r.label_en}" for r in GuardianRelation)
    return _box(
        [
            para("监护人 / Guardian", look.box_title),
            para(scope, look.box_small),
            para(
                f"监护人姓名 Guardian's name：{BLANK[:14]}　与客户关系 Relation：{relations}", look.box_body
            ),
            spacer(1.5),
            _signature_line("监护人", "Guardian"),
        ]
    )


def _client_block(form: ConsentForm) -> Flowable:
    from reportlab.platypus import Table, TableStyle

    look = _look()
    rows = [
        f"客户姓名 Client name：{form.client_name or BLANK}",
        f"证件号码 ID number：{form.masked_id_number or BLANK}",
        f"经办经纪人 Agent：{form.agent_name or BLANK}　　日期 Date：{_date_text(form.form_date)}",
        f"同意书编号 Form No.：{form.form_number}",
        f"告知书版本 Notice version：{form.notice_version}（生效 effective {form.notice.effective.isoformat()}）",
        f"告知书内容哈希 Notice content hash (SHA-256)：{form.content_hash}",
    ]
    left: list[Flowable] = [para("客户信息 / Client", look.box_title)]
    left += [para(row, look.box_body) for row in rows]
    left += [spacer(1.5), _signature_line("客户", "Client")]
    qr_width = (QR_SIZE_MM + 2) * MM
    cells: list[object] = [left, qr_code(form.qr_text, QR_SIZE_MM)]
    widths = [BOX_WIDTH - 6 * MM - qr_width, qr_width]
    if form.survey_url:
        survey_width = (SURVEY_QR_MM + 4) * MM
        cells.append(_survey_code(form.survey_url, survey_width))
        widths = [widths[0] - survey_width, qr_width, survey_width]
    inner = Table([cells], colWidths=widths)
    inner.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_cjk_font()),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return _box([inner])


def _survey_code(url: str, width: float) -> Flowable:
    """The survey's QR code with its caption under it, centred in a column ``width`` wide."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Table, TableStyle

    caption = ParagraphStyle("bv-cf-survey", parent=_look().box_small, alignment=TA_CENTER)
    column = Table(
        [[qr_code(url, SURVEY_QR_MM)], [para(SURVEY_CAPTION, caption)]],
        colWidths=[width],
    )
    column.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_cjk_font()),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1 * MM),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return column


def _story(form: ConsentForm, *, chinese_notice: bool = True) -> list[Flowable]:
    """The body of the form; on an English form, without the Chinese notice if ``chinese_notice`` is False."""
    from reportlab.platypus import KeepTogether

    look = _look()
    story: list[Flowable] = [
        para(f"{TITLE_ZH}　{TITLE_EN}", look.form_title),
        para(
            f"个人信息处理者 Processor：{form.company_name}　门店 Branch：{form.branch_name} ({form.branch_code})"
            + (f"　联系方式 Contact：{form.company_contact}" if form.company_contact else ""),
            look.box_body,
        ),
        spacer(1),
    ]
    if form.notice_en is None or chinese_notice:
        story += _notice(form.notice)
    if form.notice_en is not None:
        title, columns = _notice(form.notice_en)
        story += [spacer(1.5), title]
        if not chinese_notice:
            story += [para(CHINESE_PREVAILS, look.box_small), spacer(0.8)]
        story.append(columns)
    languages = _Languages(zh=form.notice_en is None or chinese_notice, en=form.notice_en is not None)
    boxes = [_purpose_box(form, n, p, languages) for n, p in enumerate(form.purposes, start=1)]
    heading = para("同意事项 / Consents", look.box_title)
    story += [spacer(1.5), KeepTogether([heading, spacer(0.5), boxes[0]]) if boxes else heading]
    for box in boxes[1:]:
        story += [spacer(1), box]
    tail: list[Flowable] = [spacer(1)]
    if form.client_under_14 is not False:
        tail += [_guardian_box(form), spacer(1)]
    tail.append(_client_block(form))
    story.append(KeepTogether(tail))
    return story


def _chinese_notice_height(form: ConsentForm) -> float:
    """A lower bound of the height (points) the Chinese notice takes in its two columns."""
    from desktop_app.documents.pdf_engine import text_width

    look = _look()
    column = (MARGINS.body_width - COLUMN_GAP) / 2
    total = look.box_title.leading
    pending = list(form.notice.sections)
    while pending:
        section = pending.pop(0)
        texts = [section.title, section.text, *(f"{i.label}：{i.text}" for i in section.items)]
        for text in filter(None, texts):
            lines = int(text_width(text, look.notice_body.fontSize) // column) + 1
            total += lines * look.notice_body.leading / 2
        pending[:0] = section.subsections
    return total


def consent_form_pdf(form: ConsentForm) -> bytes:
    """The form as PDF bytes; UnprintableCharacters if a text holds a character no font draws.

    An English form prints the English notice; the Chinese notice too when both fit on
    ``MAX_PAGES`` pages, otherwise a statement that the Chinese text prevails and where to get it.
    """
    _check(form)
    setup = PageSetup(
        title=f"{TITLE_ZH} {TITLE_EN}",  # metadata: never the client's data
        header_left=form.company_name or "BranchVault",
        header_right=f"{form.branch_name} ({form.branch_code})",
        footer_left=(
            f"告知书版本 Notice version {form.notice_version} · "
            f"SHA-256 {form.content_hash[:SHORT_HASH]} · 同意书编号 Form No. {form.form_number}"
        ),
        subject="BranchVault consent form",
        margins=MARGINS,
    )
    if form.notice_en is None:
        return build_pdf(setup, _story(form))
    english = build_measured_pdf(setup, _story(form, chinese_notice=False))
    spare = english.room_left + (MAX_PAGES - english.pages) * MARGINS.body_height
    if spare > _chinese_notice_height(form):  # might fit: try, and keep it only if it does
        both = build_measured_pdf(setup, _story(form))
        if both.pages <= MAX_PAGES:
            return both.pdf
    return english.pdf


def branch_form(
    letterhead: Letterhead,
    notice: PrivacyNotice,
    *,
    retention: RetentionRules,
    form_number: str,
    language: str = "zh_CN",
    form_date: date | None = None,
    client_name: str = "",
    masked_id_number: str = "",
    agent_name: str = "",
    client_under_14: bool | None = None,
) -> ConsentForm:
    """The form of ``notice`` with this branch's details (blank client lines unless given) and its
    retention periods (``BranchConfig.retention_rules()``).

    The headquarters' name and contact come from the letterhead once the config holds them
    (``hq_name`` / ``hq_contact``); until then a notice naming headquarters is refused by
    ``render_notice`` with a bilingual error asking for IT."""
    values = NoticeValues(
        company_name=letterhead.company_name,
        company_contact=letterhead.company_contact,
        branch_name=letterhead.branch_name,
        hq_name=letterhead.hq_name,
        hq_contact=letterhead.hq_contact,
        retention=retention,
    )
    english = not language.startswith("zh")
    return ConsentForm(
        notice=render_notice(notice, values, "zh_CN"),
        notice_version=notice.version,
        content_hash=notice.content_hash,
        company_name=letterhead.company_name,
        company_contact=letterhead.company_contact,
        branch_name=letterhead.branch_name,
        branch_code=letterhead.branch_code,
        form_number=form_number,
        form_date=form_date,
        client_name=client_name,
        masked_id_number=masked_id_number,
        agent_name=agent_name,
        notice_en=render_notice(notice, values, "en") if english else None,
        client_under_14=client_under_14,
        survey_url=letterhead.survey_url,
    )
