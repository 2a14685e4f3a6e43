"""The consent form fits A4 in two pages, Chinese and English, with the longest name and a guardian block.

Checked with real readers: ``pdfinfo`` (pages), ``pdftotext`` (footer, text), ``pdffonts`` (embedded,
subset), ``pdftoppm`` + Pillow (nothing outside the margins) and zxing-cpp (the QR code).
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest

from desktop_app.documents import consent_form
from desktop_app.documents.consent_form import (
    BODY_SIZE,
    CHINESE_PREVAILS,
    MAX_PAGES,
    QR_PREFIX,
    ConsentForm,
    branch_form,
    consent_form_pdf,
)
from desktop_app.documents.pdf_engine import MM, PAGE_HEIGHT, PAGE_WIDTH
from desktop_app.domain.client_fields import NAME_MAX
from desktop_app.domain.privacy_notice import PrivacyNotice, render_notice
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
from tests.documents.test_consent_form import HQ, NUMBER, make_form, squeezed

pytestmark = requires_poppler

# A real-life branch: a long registered company name, a branch code of the full allowed length.
BRANCH = BranchConfig(
    "5f0c-branch",
    "SZ-NANSHAN-0108",
    "深圳南山科技园高新南九道店",
    "深圳市示例房地产经纪有限公司南山第一分公司",
    "0755-8888 0000 转 8；privacy@example-realty.cn",
)
LONGEST_NAME = ("欧阳喆堃䶮𠮷" * NAME_MAX)[:NAME_MAX]
LONG_AGENT = "阿卜杜热合曼·买买提明·艾力"
MARGIN_MM = consent_form.MARGINS.left / MM


@pytest.fixture(scope="module")
def notice() -> PrivacyNotice:
    return load_bundled(bundled_versions()[-1])


def _form(notice: PrivacyNotice, language: str, **changes: object) -> ConsentForm:
    english = render_notice(notice, notice_values(BRANCH, **HQ), "en") if language == "en" else None
    defaults: dict[str, object] = {
        "client_name": LONGEST_NAME,
        "agent_name": LONG_AGENT,
        "notice_en": english,
    }
    return make_form(notice, BRANCH, **{**defaults, **changes})


def _pages(pdf: bytes, tmp_path: Path) -> int:
    return int(pdf_info(pdf, tmp_path)["Pages"])


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(
    "under_14", [False, True, None], ids=["adult", "guardian-block", "blank-age-guardian-block"]
)
def test_longest_name_fits_two_pages_inside_the_margins(
    notice: PrivacyNotice, tmp_path: Path, language: str, under_14: bool | None
) -> None:
    form = _form(notice, language, client_under_14=under_14)
    pdf = consent_form_pdf(form)
    count = _pages(pdf, tmp_path)
    assert 1 <= count <= MAX_PAGES
    text = pdf_text(pdf, tmp_path)
    flat = squeezed(text)
    assert LONGEST_NAME in flat and squeezed(LONG_AGENT) in flat
    assert ("监护人签字Guardiansignature" in flat) is (under_14 is not False)
    for number, page in enumerate(text.split("\f")[:count], start=1):
        assert f"page {number} of {count}" in page
        right = PAGE_WIDTH / MM - MARGIN_MM
        assert_ink_within(pdf, tmp_path, page=number, left=MARGIN_MM, top=10, right=right, bottom=287)
    assert decode_qr_codes(pdf, tmp_path, page=count) == [f"{QR_PREFIX}|{NUMBER}|{notice.version}"]
    assert_fonts_embedded_and_subset(pdf, tmp_path)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_blank_form_from_the_branch_config_fits_two_pages(
    notice: PrivacyNotice, tmp_path: Path, language: str
) -> None:
    config = dataclasses.replace(BRANCH, **HQ)  # type: ignore[arg-type]
    pdf = consent_form_pdf(
        branch_form(
            config.letterhead(),
            notice,
            retention=config.retention_rules(),
            form_number=NUMBER,
            language=language,
        )
    )
    assert _pages(pdf, tmp_path) <= MAX_PAGES
    assert "客户姓名Clientname：____" in squeezed(pdf_text(pdf, tmp_path))


def test_english_form_prints_the_chinese_notice_too_when_both_fit(
    notice: PrivacyNotice, tmp_path: Path
) -> None:
    values = notice_values(BRANCH, **HQ)
    short_zh, short_en = (render_notice(notice, values, lang) for lang in ("zh_CN", "en"))
    short_zh = dataclasses.replace(short_zh, sections=short_zh.sections[:2])
    short_en = dataclasses.replace(short_en, sections=short_en.sections[:2])
    form = dataclasses.replace(_form(notice, "en"), notice=short_zh, notice_en=short_en)
    pdf = consent_form_pdf(form)
    text = squeezed(pdf_text(pdf, tmp_path))
    assert squeezed(short_zh.sections[1].text)[:40] in text
    assert squeezed(short_en.sections[1].text)[:40] in text
    assert squeezed(CHINESE_PREVAILS) not in text  # both texts are there: nothing to point to
    assert _pages(pdf, tmp_path) <= MAX_PAGES


def test_english_form_boxes_explain_in_english_and_label_in_both(
    notice: PrivacyNotice, tmp_path: Path
) -> None:
    form = _form(notice, "en", client_under_14=False)
    text = squeezed(pdf_text(consent_form_pdf(form), tmp_path))
    sensitive = next(p for p in form.purposes if p.states_necessity)
    assert squeezed(sensitive.necessity.en)[:60] in text
    assert squeezed(sensitive.necessity.zh)[:20] not in text
    assert squeezed(f"{sensitive.id.label_zh}/{sensitive.id.label_en}") in text
    assert text.count("客户（或监护人）签字Client(orguardian)signature") == 2


def test_no_text_on_the_form_is_smaller_than_the_body_size(notice: PrivacyNotice, tmp_path: Path) -> None:
    assert BODY_SIZE >= 7.5
    look = consent_form._look()
    sizes = {name: getattr(look, name).fontSize for name in look.__dataclass_fields__}
    assert min(sizes.values()) >= BODY_SIZE, sizes
    # and in the PDF itself: every word above the page footer is at least BODY_SIZE tall
    for language in ("zh", "en"):
        heights = _word_heights_above_the_footer(consent_form_pdf(_form(notice, language)), tmp_path)
        assert len(heights) > 200 and min(heights) >= BODY_SIZE * 0.99, language


def _word_heights_above_the_footer(pdf: bytes, tmp_path: Path) -> list[float]:
    """The height of each word's box (≈ its font size) that ``pdftotext -bbox`` finds above the footer rule."""
    path = tmp_path / "bbox.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    footer_top = PAGE_HEIGHT - 18 * MM  # the page template's footer (7 pt) is below its rule
    words = re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">', html)
    return [float(y1) - float(y0) for y0, y1 in (m.groups() for m in words) if float(y1) < footer_top]
