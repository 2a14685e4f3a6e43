"""The printed privacy notice and consent form, read back with real readers (poppler, zxing-cpp)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from desktop_app.documents.consent_form import (
    CHINESE_PREVAILS,
    QR_PREFIX,
    ConsentForm,
    UnprintableCharacters,
    branch_form,
    consent_form_pdf,
)
from desktop_app.domain.client_fields import NAME_MAX
from desktop_app.domain.consent_purposes import ConsentKind, all_purposes
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.privacy_notice import PrivacyNotice, content_hash_of, render_notice
from desktop_app.store.branch_config import BranchConfig
from desktop_app.store.notice_files import bundled_versions, load_bundled, notice_values
from tests.documents.pdf_tools import (
    assert_fonts_embedded_and_subset,
    assert_ink_within,
    decode_qr_codes,
    pdf_info,
    pdf_text,
    requires_poppler,
)

pytestmark = requires_poppler

CONFIG = BranchConfig("5f0c-branch", "SZ001", "深圳南山店", "示例地产经纪有限公司", "400-000-0000")
HQ = {"hq_name": "示例地产集团总部", "hq_contact": "010-0000-0000"}
NUMBER = "SZ001-20261129-K7QM2X"
RARE_NAME = "欧阳喆堃䶮𠮷"
MARGINS = {"left": 15, "top": 10, "right": 195, "bottom": 287}  # the form's 15 mm side margins
NO_FONT_HAS_IT = chr(0x30000)  # CJK Extension G: in none of the bundled or test-system fonts


@pytest.fixture(scope="module")
def notice() -> PrivacyNotice:
    return load_bundled(bundled_versions()[-1])


def make_form(notice: PrivacyNotice, config: BranchConfig = CONFIG, **changes: object) -> ConsentForm:
    values = notice_values(config, **HQ)
    form = ConsentForm(
        notice=render_notice(notice, values, "zh_CN"),
        notice_version=notice.version,
        content_hash=notice.content_hash,
        company_name=config.company_name,
        company_contact=config.company_contact,
        branch_name=config.branch_name,
        branch_code=config.branch_code,
        form_number=NUMBER,
        form_date=date(2026, 11, 29),
        client_name=RARE_NAME,
        masked_id_number="110101**********1234",
        agent_name="李娜",
    )
    return dataclasses.replace(form, **changes)  # type: ignore[arg-type]


def squeezed(text: str) -> str:
    """Without any whitespace: wrapped Chinese lines join back into the original sentences."""
    return re.sub(r"\s+", "", text)


def pages(pdf: bytes, tmp_path: Path) -> int:
    return int(pdf_info(pdf, tmp_path)["Pages"])


def test_filled_form_reads_back(notice: PrivacyNotice, tmp_path: Path) -> None:
    form = make_form(notice)
    pdf = consent_form_pdf(form)
    text = squeezed(pdf_text(pdf, tmp_path))
    # every section of the notice, Chinese, with the branch's values filled in
    for section in form.notice.sections:
        assert squeezed(section.title) in text
        assert squeezed(section.text)[:60] in text
    assert "示例地产集团总部" in text and "个人信息处理告知书及同意书" in text
    assert RARE_NAME in text and NUMBER in text and notice.version in text
    assert "110101**********1234" in text and "李娜" in text and "2026年11月29日" in text
    assert 1 <= pages(pdf, tmp_path) <= 2
    info = pdf_info(pdf, tmp_path)
    metadata = "".join(info.values())
    assert RARE_NAME not in metadata and "李娜" not in metadata and "1234" not in metadata
    assert info["Title"] == "个人信息处理告知书及同意书 Privacy notice and consent"
    assert_fonts_embedded_and_subset(pdf, tmp_path)


def test_one_box_per_purpose_with_own_signature_for_separate_consents(
    notice: PrivacyNotice, tmp_path: Path
) -> None:
    form = make_form(notice, client_under_14=False)
    text = squeezed(pdf_text(pdf_from(form), tmp_path))
    purposes = all_purposes()
    for number, purpose in enumerate(purposes, start=1):
        assert squeezed(f"{number}.{purpose.id.label_zh}") in text
    asked = [p for p in purposes if p.kind is not ConsentKind.NOTICE_ONLY]
    separate = [p for p in purposes if p.kind is ConsentKind.SEPARATE]
    assert text.count("□同意Iconsent") == len(asked) == 3
    assert text.count("□不同意Idonotconsent") == len(asked)
    # one signature line per separate consent, plus the client's own at the end; no guardian block
    assert text.count("客户（或监护人）签字") == len(separate) == 2
    assert text.count("签字Clientsignature") == 1 and "监护人签字" not in text
    assert "本项无需您同意" in text  # the notice-only purpose is acknowledged, not consented
    sensitive = next(p for p in purposes if p.states_necessity)
    assert squeezed(sensitive.necessity.zh) in text and squeezed(sensitive.impact.zh) in text


def pdf_from(form: ConsentForm) -> bytes:
    return consent_form_pdf(form)


def test_guardian_block_for_children_and_blank_forms(notice: PrivacyNotice, tmp_path: Path) -> None:
    for under_14 in (True, None):
        text = squeezed(pdf_text(consent_form_pdf(make_form(notice, client_under_14=under_14)), tmp_path))
        assert "监护人姓名Guardian'sname：____" in text
        assert "□父亲Father□母亲Mother□其他监护人Otherlegalguardian" in text
        assert "监护人签字Guardiansignature" in text


def test_qr_code_holds_form_number_and_version(notice: PrivacyNotice, tmp_path: Path) -> None:
    pdf = consent_form_pdf(make_form(notice))
    last = pages(pdf, tmp_path)
    assert decode_qr_codes(pdf, tmp_path, page=last) == [f"{QR_PREFIX}|{NUMBER}|{notice.version}"]


def test_footer_hash_matches_the_stored_version(notice: PrivacyNotice, tmp_path: Path) -> None:
    pdf = consent_form_pdf(make_form(notice))
    expected = content_hash_of(notice)
    page_texts = pdf_text(pdf, tmp_path).split("\f")[: pages(pdf, tmp_path)]
    for number, page in enumerate(page_texts, start=1):
        footer = re.search(r"Notice version (\S+) · SHA-256 ([0-9a-f]{16})", page)
        assert footer is not None, page[-400:]
        assert footer.group(1) == notice.version and expected.startswith(footer.group(2))
        assert f"page {number} of {len(page_texts)}" in page
    assert expected in squeezed(pdf_text(pdf, tmp_path))  # the full hash, in the client block


def test_blank_form_has_lines_to_fill_in(notice: PrivacyNotice, tmp_path: Path) -> None:
    blank = make_form(notice, client_name="", masked_id_number="", agent_name="", form_date=None)
    pdf = consent_form_pdf(blank)
    text = squeezed(pdf_text(pdf, tmp_path))
    assert "客户姓名Clientname：______" in text
    assert "证件号码IDnumber：______" in text
    assert "经办经纪人Agent：______" in text
    assert "日期Date：______年____月____日" in text
    assert RARE_NAME not in text and "李娜" not in text and NUMBER in text
    assert 1 <= pages(pdf, tmp_path) <= 2


def test_english_form_prints_the_english_notice_and_says_the_chinese_prevails(
    notice: PrivacyNotice, tmp_path: Path
) -> None:
    config = dataclasses.replace(CONFIG)
    values = notice_values(config, **HQ)
    form = make_form(notice, notice_en=render_notice(notice, values, "en"))
    pdf = consent_form_pdf(form)
    text = squeezed(pdf_text(pdf, tmp_path))
    assert form.notice_en is not None
    for section in form.notice_en.sections:
        assert squeezed(section.title) in text
        assert squeezed(section.text)[:60] in text
    # both texts of the bundled notice do not fit two pages: the Chinese one is named as authoritative
    assert squeezed(form.notice.sections[1].text)[:40] not in text
    assert squeezed(CHINESE_PREVAILS) in text
    assert 1 <= pages(pdf, tmp_path) <= 2


def test_longest_name_and_long_company_stay_inside_the_margins(notice: PrivacyNotice, tmp_path: Path) -> None:
    long_name = ("欧阳喆堃䶮𠮷" * NAME_MAX)[:NAME_MAX]
    config = BranchConfig(
        "5f0c-branch",
        "SZ-LONGCODE_0001",
        "深圳市南山区科技园南区高新南九道粤海街道第一百零八号门店",
        "示例房地产经纪（深圳）有限责任公司南山区第一分公司暨华南区域客户服务与交易管理中心" * 2,
        "400-000-0000 转 8888；privacy-office-for-the-south-china-region@example-realestate-group.com.cn",
    )
    form = make_form(notice, config, client_name=long_name, agent_name="阿卜杜热合曼·买买提明·艾力" * 2)
    pdf = consent_form_pdf(form)
    text = squeezed(pdf_text(pdf, tmp_path))
    assert long_name in text
    for page in range(1, pages(pdf, tmp_path) + 1):
        assert_ink_within(pdf, tmp_path, page=page, **MARGINS)


def test_a_name_no_font_can_draw_is_refused(notice: PrivacyNotice) -> None:
    name = f"王{NO_FONT_HAS_IT}明"
    with pytest.raises(UnprintableCharacters) as raised:
        consent_form_pdf(make_form(notice, client_name=name))
    error = raised.value
    assert "客户姓名" in error.zh and "U+30000" in error.zh and "U+30000" in error.en
    assert "client's name" in error.en and name not in error.zh + error.en


def test_the_form_must_name_the_version_it_prints(notice: PrivacyNotice) -> None:
    with pytest.raises(ValueError):
        consent_form_pdf(make_form(notice, content_hash="0" * 64))


def test_branch_form_reads_headquarters_from_the_config(notice: PrivacyNotice, tmp_path: Path) -> None:
    if "hq_name" in BranchConfig.__dataclass_fields__:
        config = dataclasses.replace(CONFIG, **HQ)  # type: ignore[arg-type]
    else:

        @dataclasses.dataclass(frozen=True)
        class WithHq(BranchConfig):  # what the config holds once hq_name/hq_contact are added
            hq_name: str = HQ["hq_name"]
            hq_contact: str = HQ["hq_contact"]

        config = WithHq(*dataclasses.astuple(CONFIG)[:5])
    form = branch_form(
        config.letterhead(), notice, retention=config.retention_rules(), form_number=NUMBER, language="en"
    )
    assert form.notice_en is not None and form.client_name == "" and form.content_hash == notice.content_hash
    assert "示例地产集团总部" in squeezed(pdf_text(consent_form_pdf(form), tmp_path))
    with pytest.raises(InvalidInput) as raised:  # no headquarters named: never a blank in the notice
        branch_form(CONFIG.letterhead(), notice, retention=CONFIG.retention_rules(), form_number=NUMBER)
    assert "总部名称" in raised.value.zh and "headquarters name" in raised.value.en
