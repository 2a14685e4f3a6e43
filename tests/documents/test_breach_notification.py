"""The PIPL Art. 57 breach-notification letter, read back with pdftotext and pdfinfo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop_app.documents.breach_notification import BreachNotice, breach_notification_pdf
from desktop_app.domain.errors import InvalidInput
from desktop_app.store.branch_config import BranchConfig
from tests.documents.pdf_tools import (
    assert_fonts_embedded_and_subset,
    assert_ink_within,
    flat_text,
    pdf_info,
    requires_poppler,
)

CONFIG = BranchConfig("b-1", "SZ001", "深圳南山店", "示例地产经纪有限公司", "400-000-0000")
NOTICE = BreachNotice(
    reference="BR-2027-003",
    recipient_name="欧阳𠮷䶮",
    issued_on=date(2027, 3, 5),
    occurred="2027年3月1日至3月3日",
    what_happened="门店一台电脑被盗，电脑中存有已加密的客户数据库备份。",
    data_categories=("姓名、手机号码", "意向区域和预算"),
    cause="门店夜间失窃（已报警，报警回执编号 110-2027-0301）。",
    possible_harm="如备份被破解，您可能接到推销或诈骗电话。",
    measures_taken=("已更换数据库密钥和全部员工密码", "已向公安机关报案并向网信部门报告"),
    client_actions=("警惕自称本公司员工索要验证码的电话", "如有疑问请拨打下方电话核实"),
    contact_person="个人信息保护负责人 王敏",
)


@requires_poppler
def test_the_letter_states_everything_art_57_requires(tmp_path: Path) -> None:
    pdf = breach_notification_pdf(CONFIG.letterhead(), NOTICE)
    text = flat_text(pdf, tmp_path)
    assert "个人信息安全事件告知书" in text and "BR-2027-003" in text and "2027年3月5日" in text
    assert "尊敬的 欧阳𠮷䶮" in text
    for heading in (
        "涉及的个人信息",
        "事件原因",
        "可能造成的危害",
        "我们已采取的补救措施",
        "您可以采取的措施",
        "联系我们",
    ):
        assert heading in text
    for part in (*NOTICE.data_categories, *NOTICE.measures_taken, *NOTICE.client_actions):
        assert part in text
    assert NOTICE.cause in text and NOTICE.possible_harm in text and NOTICE.what_happened in text
    assert "示例地产经纪有限公司" in text and "深圳南山店 (SZ001)" in text
    assert "400-000-0000" in text and "王敏" in text  # the config's contact when the notice has none
    assert "第 1 页 / 共 1 页" in text
    info = pdf_info(pdf, tmp_path)
    assert "BR-2027-003" in info["Title"]
    assert all("欧阳" not in value for value in info.values())  # no personal data in the metadata
    assert_fonts_embedded_and_subset(pdf, tmp_path)
    assert_ink_within(pdf, tmp_path, left=20, top=10, right=190, bottom=287)


@requires_poppler
def test_the_notice_contact_overrides_the_branch_contact(tmp_path: Path) -> None:
    pdf = breach_notification_pdf(CONFIG.letterhead(), replace(NOTICE, contact="privacy@example.cn"))
    text = flat_text(pdf, tmp_path)
    assert "privacy@example.cn" in text and "400-000-0000" not in text


def test_a_letter_missing_an_art_57_item_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        breach_notification_pdf(
            replace(CONFIG, company_contact="").letterhead(), replace(NOTICE, cause=" ", client_actions=())
        )
    assert (
        "原因" in refused.value.zh
        and "联系方式" in refused.value.zh
        and "个人可采取的措施" in refused.value.zh
    )
    assert "cause" in refused.value.en and "contact" in refused.value.en


def test_the_notice_repr_holds_no_name() -> None:
    assert "欧阳" not in repr(NOTICE) and "BR-2027-003" in repr(NOTICE)
