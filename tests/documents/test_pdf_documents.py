"""The documents built on the engine: same content as before, now inside the margins with subset fonts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from desktop_app.documents.client_data_copy import CopiedField, DataCopy, copy_pdf
from desktop_app.documents.destruction_certificate import (
    BatchSummary,
    CertificateParty,
    batch_certificate_pdf,
)
from desktop_app.documents.recovery_sheet import recovery_sheet_pdf
from desktop_app.domain.recovery_code import format_code
from desktop_app.store.branch_config import BranchConfig
from tests.documents.pdf_tools import (
    assert_fonts_embedded_and_subset,
    assert_ink_within,
    flat_text,
    pdf_info,
    requires_poppler,
)

pytestmark = requires_poppler

CONFIG = BranchConfig("5f0c-branch", "SZ001", "深圳南山店", "示例地产经纪有限公司", "400-000-0000")
MARGINS = {"left": 20, "top": 10, "right": 190, "bottom": 287}


def test_recovery_sheet(tmp_path: Path) -> None:
    code = "ABCD" * 6
    pdf = recovery_sheet_pdf(CONFIG.letterhead(), code, datetime(2026, 11, 29, 9, 30))
    text = flat_text(pdf, tmp_path)
    assert format_code(code) in text and "5f0c-branch" in text and "2026年11月29日 09:30" in text
    assert "branchvault recover --username <IT管理员用户名>" in text
    assert "机密 CONFIDENTIAL" in text and "第 1 页 / 共 1 页" in text
    assert pdf_info(pdf, tmp_path)["Pages"] == "1"
    assert_fonts_embedded_and_subset(pdf, tmp_path)
    assert_ink_within(pdf, tmp_path, **MARGINS)


def test_client_copy_prints_a_rare_character_name_unmasked(tmp_path: Path) -> None:
    name = "欧阳喆堃䶮𠮷"
    copy = DataCopy(
        request_id=12,
        generated_at="2027-01-15T10:00:00.000000Z",
        company_name=CONFIG.company_name,
        company_contact=CONFIG.company_contact,
        branch_name=CONFIG.branch_name,
        branch_code=CONFIG.branch_code,
        client_id=3,
        created_at="2026-01-01T08:00:00.000000Z",
        updated_at="2026-02-01T08:00:00.000000Z",
        last_contact_at=None,
        buyer_since=None,
        sensitive_consent=True,
        fields=(CopiedField("full_name", "姓名", "Name", name, name, name),),
    )
    pdf = copy_pdf(copy)
    text = flat_text(pdf, tmp_path)
    assert name in text and "REQ-12" in text and "已记录 Recorded" in text
    assert name not in "".join(pdf_info(pdf, tmp_path).values())
    assert_fonts_embedded_and_subset(pdf, tmp_path)
    assert_ink_within(pdf, tmp_path, **MARGINS)


def test_batch_certificate_stays_inside_the_margins(tmp_path: Path) -> None:
    summary = BatchSummary(
        7,
        tuple(range(1, 400, 2)),
        "2037-02-01T10:00:00.000000Z",
        ((("备注", "notes"), 200),),
        ("保存期限届满", "x"),
    )
    party = CertificateParty("李娜", "lina")
    pdf = batch_certificate_pdf(
        CONFIG.letterhead(),
        summary,
        destroyed_by=party,
        approved_by=party,
        generated_at="2037-02-01T10:00:00Z",
    )
    text = flat_text(pdf, tmp_path)
    assert "Batch No.: 7" in text and "Number of clients: 200" in text and "399" in text
    assert_fonts_embedded_and_subset(pdf, tmp_path)
    assert_ink_within(pdf, tmp_path, **MARGINS)
