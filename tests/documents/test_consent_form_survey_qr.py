"""The satisfaction survey's QR code on the consent form (issue 14, part 3).

With ``survey_url`` in the branch configuration the client block prints a second QR code that
decodes to exactly that address, with its bilingual caption; without it neither appears. The
longest name, a guardian block and the English form still fit two pages inside the margins.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from desktop_app.documents.consent_form import (
    MAX_PAGES,
    QR_PREFIX,
    SURVEY_CAPTION,
    branch_form,
    consent_form_pdf,
)
from desktop_app.documents.pdf_engine import MM, PAGE_WIDTH
from desktop_app.domain.privacy_notice import PrivacyNotice
from tests.documents.pdf_tools import (
    assert_fonts_embedded_and_subset,
    assert_ink_within,
    decode_qr_codes,
    pdf_info,
    pdf_text,
    requires_poppler,
)
from tests.documents.test_consent_form import HQ, NUMBER, squeezed
from tests.documents.test_consent_form_layout import BRANCH, LONG_AGENT, LONGEST_NAME, MARGIN_MM, _form

pytestmark = requires_poppler

SURVEY = "https://www.wjx.cn/vm/ExAmPle1.aspx?source=branch-SZ001"


@pytest.fixture(scope="module")
def notice() -> PrivacyNotice:
    from desktop_app.store.notice_files import bundled_versions, load_bundled

    return load_bundled(bundled_versions()[-1])


def _pages(pdf: bytes, tmp_path: Path) -> int:
    return int(pdf_info(pdf, tmp_path)["Pages"])


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("under_14", [False, None], ids=["adult", "guardian-block"])
def test_survey_code_decodes_to_the_address_and_the_form_still_fits(
    notice: PrivacyNotice, tmp_path: Path, language: str, under_14: bool | None
) -> None:
    pdf = consent_form_pdf(_form(notice, language, client_under_14=under_14, survey_url=SURVEY))
    count = _pages(pdf, tmp_path)
    assert count <= MAX_PAGES
    codes = decode_qr_codes(pdf, tmp_path, page=count)
    assert sorted(codes) == sorted([f"{QR_PREFIX}|{NUMBER}|{notice.version}", SURVEY])
    flat = squeezed(pdf_text(pdf, tmp_path))
    assert squeezed(SURVEY_CAPTION) in flat
    assert LONGEST_NAME in flat and squeezed(LONG_AGENT) in flat
    for number in range(1, count + 1):
        right = PAGE_WIDTH / MM - MARGIN_MM
        assert_ink_within(pdf, tmp_path, page=number, left=MARGIN_MM, top=10, right=right, bottom=287)
    assert_fonts_embedded_and_subset(pdf, tmp_path)


def test_without_an_address_there_is_no_survey_code_and_no_caption(
    notice: PrivacyNotice, tmp_path: Path
) -> None:
    pdf = consent_form_pdf(_form(notice, "zh"))
    count = _pages(pdf, tmp_path)
    assert decode_qr_codes(pdf, tmp_path, page=count) == [f"{QR_PREFIX}|{NUMBER}|{notice.version}"]
    flat = squeezed(pdf_text(pdf, tmp_path))
    assert "扫码评价" not in flat and "Scantotellus" not in flat


@pytest.mark.parametrize("url", ["", SURVEY])
def test_the_branch_config_address_reaches_the_blank_form(
    notice: PrivacyNotice, tmp_path: Path, url: str
) -> None:
    config = dataclasses.replace(BRANCH, survey_url=url, **HQ)  # type: ignore[arg-type]
    form = branch_form(config.letterhead(), notice, retention=config.retention_rules(), form_number=NUMBER)
    assert form.survey_url == url
    pdf = consent_form_pdf(form)
    assert (squeezed(SURVEY_CAPTION) in squeezed(pdf_text(pdf, tmp_path))) is bool(url)
    assert (SURVEY in decode_qr_codes(pdf, tmp_path, page=_pages(pdf, tmp_path))) is bool(url)
