"""The page template checked with real readers: pdftotext, pdffonts, pdfinfo, pdftoppm + Pillow, zxing-cpp."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.documents.pdf_engine import (
    MM,
    build_pdf,
    draw_text,
    page_setup,
    para,
    qr_code,
    spacer,
    styles,
    table,
    text_width,
)
from desktop_app.domain.client_fields import ADDRESS_DETAIL_MAX, CITY_MAX, DISTRICT_MAX, NAME_MAX
from desktop_app.store.branch_config import BranchConfig
from tests.documents.pdf_tools import (
    assert_fonts_embedded_and_subset,
    assert_ink_within,
    decode_qr_codes,
    flat_text,
    pdf_info,
    pdf_text,
    requires_poppler,
)

pytestmark = requires_poppler

CONFIG = BranchConfig("b-1", "SZ001", "深圳南山店", "示例地产经纪有限公司", "400-000-0000")
NAME = "欧阳喆堃䶮𠮷"
FOOTER = "通知版本 Notice v3 · sha256:" + "9f" * 32


def _pdf(story: list[object], title: str = "测试文件 Test document") -> bytes:
    return build_pdf(page_setup(CONFIG.letterhead(), title=title, footer_left=FOOTER), story)  # type: ignore[arg-type]


def test_chinese_and_rare_names_extract_exactly_and_every_font_is_embedded_as_a_subset(
    tmp_path: Path,
) -> None:
    pdf = _pdf([para(f"客户姓名 Client: {NAME}", styles().title), para("个人信息处理者的名称和联系方式")])
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert NAME in text and "个人信息处理者的名称和联系方式" in text
    assert "示例地产经纪有限公司" in text and "深圳南山店 (SZ001)" in text  # the header
    assert FOOTER in flat_text(pdf, tmp_path)
    rows = assert_fonts_embedded_and_subset(pdf, tmp_path)
    assert len(rows) >= 3  # the bundled font and the fallbacks for 䶮 and 𠮷
    assert any("WenQuanYi" in row.name for row in rows)


def test_pages_are_numbered_of_the_total_and_metadata_holds_only_the_title(tmp_path: Path) -> None:
    story = [para(f"第 {n} 段：{NAME} 的地址" * 3) for n in range(120)]
    pdf = _pdf(story, title="个人信息副本 REQ-7")
    info = pdf_info(pdf, tmp_path)
    total = int(info["Pages"])
    assert total >= 2 and "(A4)" in info["Page size"]
    text = flat_text(pdf, tmp_path)
    for page in range(1, total + 1):
        assert f"第 {page} 页 / 共 {total} 页 · page {page} of {total}" in text
    assert info["Title"] == "个人信息副本 REQ-7" and info["Author"] == "BranchVault"
    assert all(NAME not in value for value in info.values())


def test_a_qr_code_decodes_to_the_encoded_text(tmp_path: Path) -> None:
    data = "BV-FORM:SZ001-2026-000123|notice:v3"
    pdf = _pdf([para("同意书 Consent form", styles().title), qr_code(data, 25)])
    assert decode_qr_codes(pdf, tmp_path) == [data]
    assert_fonts_embedded_and_subset(pdf, tmp_path)  # the drawing references no unembedded font


def test_the_longest_name_and_address_wrap_and_nothing_is_drawn_outside_the_margins(tmp_path: Path) -> None:
    name = ("司马" + "䶮𠮷喆堃" * 13)[:NAME_MAX]
    address = (
        "广东省" + "深" * CITY_MAX + "南" * DISTRICT_MAX + ("科技园路1号" + "Building-A-Unit-12-" * 3) * 6
    )
    address = address[: 3 + CITY_MAX + DISTRICT_MAX + ADDRESS_DETAIL_MAX]
    email = "x" * 64 + "@" + "e" * 180 + ".com"  # one unbroken 249-character word
    story = [
        para(f"客户 {name}", styles().title),
        para(f"地址 Address: {address}"),
        spacer(3),
        table(
            [
                ["项目 Item", "内容 Value"],
                ["姓名 Name", name],
                ["地址 Address", address],
                ["邮箱 Email", email],
            ],
            [40, 130],
        ),
        para(email),
    ]
    pdf = _pdf(story)
    assert pdf_info(pdf, tmp_path)["Pages"] == "1"
    _left, _top, right, _bottom = assert_ink_within(pdf, tmp_path, left=20, top=10, right=190, bottom=287)
    assert right > 185  # the long lines really reach the right margin, so they were wrapped there
    text = flat_text(pdf, tmp_path).replace(" ", "")
    assert name in text and address.replace(" ", "") in text


def test_the_margin_check_catches_ink_outside_the_text_width(tmp_path: Path) -> None:
    from reportlab.platypus import Table

    too_wide = Table([["x" * 10, "y"]], colWidths=[150 * 2.835, 60 * 2.835])  # 210 mm wide
    pdf = _pdf([too_wide])
    with pytest.raises(AssertionError, match="ink at"):
        assert_ink_within(pdf, tmp_path, left=20, top=10, right=190, bottom=287)


def test_text_drawn_on_the_canvas_uses_the_fallback_fonts_too(tmp_path: Path) -> None:
    from reportlab.platypus import Flowable

    label = f"☐ 同意 Consent — {NAME}"
    ends: list[float] = []

    class Line(Flowable):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return available_width, 8 * MM

        def draw(self) -> None:
            ends.append(draw_text(self.canv, 0, 2 * MM, label, 11))

    pdf = _pdf([Line()])
    assert ends == [text_width(label, 11)] and 0 < ends[0] < 120 * MM
    assert label in pdf_text(pdf, tmp_path)
    assert len(assert_fonts_embedded_and_subset(pdf, tmp_path)) >= 3


def test_long_header_and_footer_texts_shrink_to_stay_inside_the_margins(tmp_path: Path) -> None:
    config = BranchConfig("b-1", "SZ001" * 8, "很长的门店名称" * 12, "示例地产经纪有限责任公司" * 12)
    footer = "通知版本 Notice v3 · sha256:" + "9f" * 32 + " · 表单编号 Form No. SZ001-2026-000123" * 6
    pdf = build_pdf(page_setup(config.letterhead(), title="t", footer_left=footer), [para("正文")])
    assert_ink_within(pdf, tmp_path, left=20, top=10, right=190, bottom=287)
    assert "表单编号" in pdf_text(pdf, tmp_path) and "第 1 页 / 共 1 页" in pdf_text(pdf, tmp_path)
