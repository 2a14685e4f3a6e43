"""The compliance self-review report, read back with pdftotext and pdffonts: fonts embedded, every
item's question, the score, the evidence, rectifications with owner and due date, signature lines."""

from __future__ import annotations

from pathlib import Path

from desktop_app.documents.compliance_review_report import (
    ReportItem,
    ReportRectification,
    ReviewReport,
    review_report_pdf,
)
from desktop_app.store.branch_config import BranchConfig
from desktop_app.store.compliance_checklist_files import newest_checklist
from tests.documents.pdf_tools import assert_fonts_embedded_and_subset, flat_text, requires_poppler

CONFIG = BranchConfig("b-1", "SZ001", "深圳南山店", "示例地产经纪有限公司", "400-000-0000")


def _report(*, all_na: bool = False) -> ReviewReport:
    checklist = newest_checklist()
    items = []
    for category, members in checklist.by_category():
        for item in members:
            failed = item.id == "PE-01" and not all_na
            result = (
                ("不适用", "Not applicable")
                if all_na
                else (("不符合", "Fail") if failed else ("符合", "Pass"))
            )
            items.append(
                ReportItem(
                    category=(category.zh, category.en),
                    item_id=item.id,
                    question=(item.question_zh, item.question_en),
                    basis=(item.basis_zh, item.basis_en),
                    result=result,
                    note="门店搬迁中" if all_na else ("锁已损坏" if failed else ""),
                    evidence=("最近一次成功校验：2027-01-10", "Last verified 2027-01-10")
                    if item.evaluator == "audit_chain"
                    else None,
                    app_evaluated=item.app_evaluated,
                )
            )
    passed = 0 if all_na else len(items) - 1
    return ReviewReport(
        review_id=7,
        period_key="2026H2",
        checklist_version=checklist.version,
        checklist_title=(checklist.title_zh, checklist.title_en),
        started_by="李娜 (lina)",
        started_at="2027-01-10T02:00:00.000000Z",
        finished_by="李娜 (lina)",
        finished_at="2027-01-12T09:30:00.000000Z",
        finished=True,
        score=("无适用项", "no applicable items")
        if all_na
        else (f"96.4%（{passed}/{passed + 1}）", f"96.4% ({passed}/{passed + 1})"),
        passed=passed,
        failed=0 if all_na else 1,
        not_applicable=len(items) if all_na else 0,
        items=tuple(items),
        rectifications=()
        if all_na
        else (
            ReportRectification(
                3, "PE-01", "更换文件柜锁", "李娜 (lina)", "2027-02-10", ("未关闭", "open"), True
            ),
        ),
        next_due="2027-07-12",
    )


@requires_poppler
def test_report_holds_every_item_fonts_embedded(tmp_path: Path) -> None:
    report = _report()
    pdf = review_report_pdf(CONFIG.letterhead(), report, generated_at="2027-01-12T09:31:00.000000Z")
    assert_fonts_embedded_and_subset(pdf, tmp_path)
    text = flat_text(pdf, tmp_path)
    assert "个人信息保护合规自查报告" in text and "Privacy compliance self-review report" in text
    assert "深圳南山店" in text and "2026H2" in text and "96.4%" in text
    for item in report.items:
        assert item.item_id in text
        assert item.question[0][:12] in text, item.item_id
    for category in (
        "制度与培训",
        "收集与告知",
        "存储与访问",
        "使用与导出",
        "保存与删除",
        "个人权利",
        "安全事件",
        "物理与终端",
    ):
        assert category in text
    assert "最近一次成功校验" in text and "更换文件柜锁" in text and "已逾期" in text and "OVERDUE" in text
    assert "2027-02-10" in text and "自查人签字" in text and "店长签字" in text
    assert "2027-07-12" in text


@requires_poppler
def test_all_not_applicable_has_no_score(tmp_path: Path) -> None:
    pdf = review_report_pdf(
        CONFIG.letterhead(), _report(all_na=True), generated_at="2027-01-12T09:31:00.000000Z"
    )
    text = flat_text(pdf, tmp_path)
    assert "无适用项" in text and "100%" not in text
