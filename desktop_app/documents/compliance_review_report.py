"""The compliance self-review report (A4 PDF, Chinese with English): what HQ's compliance visit reads.

Header with the branch letterhead, period, checklist version, reviewer, dates and the score
(passed / applicable, or "no applicable items"); then one table per checklist category with each
item's question, result, note and, for items the app evaluated, its evidence; the rectifications
with owner, due date and state (overdue marked); signature lines for the reviewer and the branch
manager. No client data: the review lives in branch.db and its texts refuse personal details
(domain/compliance_review.py). Takes plain values (documents import neither store nor services).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.documents.pdf_engine import build_pdf, page_setup, para, spacer, styles, table
from desktop_app.domain.letterhead import Letterhead

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


@dataclass(frozen=True)
class ReportItem:
    category: tuple[str, str]
    item_id: str
    question: tuple[str, str]
    basis: tuple[str, str]
    result: tuple[str, str] | None  # (zh, en) label; None: not answered yet
    note: str
    evidence: tuple[str, str] | None  # the app's evidence (app-evaluated items)
    app_evaluated: bool
    unknown: bool = False


@dataclass(frozen=True)
class ReportRectification:
    id: int
    item_id: str
    description: str
    owner: str
    due_on: str
    state: tuple[str, str]
    overdue: bool
    close_note: str = ""


@dataclass(frozen=True)
class ReviewReport:
    review_id: int
    period_key: str
    checklist_version: str
    checklist_title: tuple[str, str]
    started_by: str
    started_at: str
    finished_by: str
    finished_at: str | None
    finished: bool
    score: tuple[str, str]
    passed: int
    failed: int
    not_applicable: int
    items: tuple[ReportItem, ...]
    rectifications: tuple[ReportRectification, ...]
    next_due: str | None = None
    altered: tuple[str, str] | None = None  # the warning when the content no longer matches the audit log


def _when(timestamp: str | None) -> str:
    if not timestamp:
        return "—"
    return timestamp.replace("T", " ").split(".")[0].rstrip("Z") + " UTC"


def _header(letterhead: Letterhead, report: ReviewReport) -> list[Flowable]:
    s = styles()
    state = ("已完成", "finished") if report.finished else ("草稿（未完成）", "draft (not finished)")
    lines: list[Flowable] = [
        para("个人信息保护合规自查报告", s.title),
        para("Privacy compliance self-review report", s.subtitle),
        para(f"个人信息处理者 Company: {letterhead.company_name}"),
        para(f"门店 Branch: {letterhead.branch_name} ({letterhead.branch_code})"),
        para(
            f"自查编号 Review No.: {report.review_id}　　期间 Period: {report.period_key}　　状态 State: {state[0]} / {state[1]}"
        ),
        para(
            f"自查清单 Checklist: {report.checklist_title[0]} / {report.checklist_title[1]}（版本 version {report.checklist_version}）"
        ),
        para(f"开始 Started: {report.started_by}, {_when(report.started_at)}"),
        para(f"完成 Finished: {report.finished_by or '—'}, {_when(report.finished_at)}"),
        spacer(2),
        para(f"得分 Score: {report.score[0]} / {report.score[1]}", s.heading),
        para(
            f"符合 Passed: {report.passed}　　不符合 Failed: {report.failed}　　不适用 Not applicable: "
            f"{report.not_applicable}（得分 = 符合 / 适用项；score = passed / applicable items）",
            s.small,
        ),
    ]
    if report.next_due:
        lines.append(para(f"下次自查应于 Next review due by: {report.next_due}", s.small))
    if report.altered:
        lines += [spacer(2), para(report.altered[0], s.heading), para(report.altered[1], s.small)]
    return lines


def _item_cell(item: ReportItem) -> str:
    lines = [
        f"{item.item_id}  {item.question[0]}",
        item.question[1],
        f"依据 Basis: {item.basis[0]}; {item.basis[1]}",
    ]
    if item.evidence is not None:
        lines.append(f"程序评估 App-evaluated: {item.evidence[0]} / {item.evidence[1]}")
    return "\n".join(lines)


def _result(item: ReportItem) -> str:
    if item.result is None:
        return "未作答 / not answered"
    return f"{item.result[0]} / {item.result[1]}"


def _categories(report: ReviewReport) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = []
    seen: list[tuple[str, str]] = []
    for item in report.items:
        if item.category not in seen:
            seen.append(item.category)
    for category in seen:
        rows: list[list[str | Flowable]] = [["检查项 Item", "结果 Result", "说明 Note"]]
        for item in (i for i in report.items if i.category == category):
            rows.append([_item_cell(item), _result(item), item.note or "—"])
        story += [para(f"{category[0]} / {category[1]}", s.heading), table(rows, (112, 24, 34))]
    return story


def _rectifications(report: ReviewReport) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [para("整改项 Rectifications", s.heading)]
    if not report.rectifications:
        return [*story, para("无 None", s.small)]
    rows: list[list[str | Flowable]] = [
        ["编号 No.", "检查项 Item", "整改内容 What", "负责人 Owner", "期限 Due", "状态 State"]
    ]
    for r in report.rectifications:
        state = f"{r.state[0]} / {r.state[1]}"
        if r.overdue:
            state += "\n已逾期 / OVERDUE"
        if r.close_note:
            state += f"\n{r.close_note}"
        rows.append([str(r.id), r.item_id, r.description, r.owner, r.due_on, state])
    return [*story, table(rows, (14, 16, 56, 30, 22, 32))]


def _signatures() -> list[Flowable]:
    return [
        spacer(10),
        para("自查人签字 Reviewer's signature: ______________________　　日期 Date: ______________"),
        spacer(8),
        para("店长签字 Branch manager's signature: ______________________　　日期 Date: ______________"),
    ]


def review_report_pdf(letterhead: Letterhead, report: ReviewReport, *, generated_at: str) -> bytes:
    story = _header(letterhead, report) + _categories(report) + _rectifications(report) + _signatures()
    setup = page_setup(
        letterhead,
        title=f"合规自查报告 / Compliance review {report.period_key} No. {report.review_id}",
        footer_left=f"BranchVault — 生成于 Generated {_when(generated_at)}",
    )
    return build_pdf(setup, story)
