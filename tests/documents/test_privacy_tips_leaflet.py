"""The privacy-tips leaflet, read back with poppler: one A4 page, fonts embedded as subsets, the
text extractable in Chinese and English (fraud calls, verification codes, ID copies, rights,
withdrawing consent, the contact from the letterhead), and no client data possible on it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.documents.privacy_tips_leaflet import privacy_tips_leaflet_pdf
from desktop_app.domain.letterhead import Letterhead
from tests.documents.pdf_tools import assert_fonts_embedded_and_subset, flat_text, pdf_info, requires_poppler

LETTERHEAD = Letterhead(
    branch_id="b-1",
    branch_code="SZ001",
    branch_name="深圳南山店",
    company_name="示例地产经纪有限公司",
    company_contact="400-000-0000 privacy@example.cn",
)


@requires_poppler
def test_the_leaflet_is_one_page_with_embedded_fonts_and_extractable_text(tmp_path: Path) -> None:
    pdf = privacy_tips_leaflet_pdf(LETTERHEAD, issued_on=date(2026, 12, 6))
    assert pdf_info(pdf, tmp_path)["Pages"] == "1"
    assert_fonts_embedded_and_subset(pdf, tmp_path)
    text = flat_text(pdf, tmp_path)
    for chinese in (
        "冒充",
        "验证码",
        "安全账户",
        "退定金",
        "仅供XX用途，他用无效",
        "撤回同意",
        "查阅、复制",
        "110",
    ):
        assert chinese in text, chinese
    for english in (
        "Recognise fraud calls",
        "We never ask for verification codes",
        "Withdraw your consent",
        "PIPL Art. 44–47",
        "If you suspect a leak",
    ):
        assert english in text, english
    for contact in ("示例地产经纪有限公司", "深圳南山店", "SZ001", "400-000-0000 privacy@example.cn"):
        assert contact in text, contact


@requires_poppler
def test_a_long_letterhead_still_fits_one_page(tmp_path: Path) -> None:
    long = Letterhead(
        branch_id="b-1",
        branch_code="SZ001",
        branch_name="深圳南山区科技园南区高新南七道某某大厦一楼临街铺位营业部" * 2,
        company_name="示例地产经纪有限公司深圳分公司第二十三营业部" * 2,
        company_contact="400-000-0000 privacy@example.cn 个人信息保护负责人 王某某 深圳市南山区某某路 1 号"
        * 2,
    )
    pdf = privacy_tips_leaflet_pdf(long, issued_on=date(2026, 12, 6))
    assert pdf_info(pdf, tmp_path)["Pages"] == "1"
    assert "王某某" in flat_text(pdf, tmp_path)


@requires_poppler
def test_without_a_contact_the_leaflet_sends_clients_to_the_branch(tmp_path: Path) -> None:
    bare = Letterhead(branch_id="b-1", branch_code="SZ001", branch_name="深圳南山店")
    text = flat_text(privacy_tips_leaflet_pdf(bare, issued_on=date(2026, 12, 6)), tmp_path)
    assert "请向门店工作人员索取" in text and "ask our staff at the branch" in text
