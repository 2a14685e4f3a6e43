"""``branchvault review …``: the six-monthly compliance self-review on the command line
(services/compliance_reviews.py; managers and auditors).

``start [--period 2026H2]``, ``show [ID]`` (the draft, else the newest review; ``--json`` has every
item with the app's evidence), ``evaluate [--verify-audit]`` (run the app's items again),
``answer ITEM pass|fail|na [--note TEXT] [--owner USER --due YYYY-MM-DD [--description TEXT]]``,
``rectify ITEM --owner USER --due YYYY-MM-DD --description TEXT``, ``finish``,
``report --out FILE.pdf [--review ID] [--force]`` (never into the data directory) and
``rectifications [--open] [--close ID --note TEXT]`` (closing: a manager or the owner). Each with
``--as USER --password-stdin [--json]``; exit codes 0 done, 1 refused or failed, 2 usage. Notes and
descriptions are kept in branch.db: no client names, ID or phone numbers.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output_option import add_force_option, output_path
from desktop_app.domain.errors import InvalidInput

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.services.compliance_reviews import RectificationRow, ReviewDetail

EPILOG = """exit codes / 退出码:
  0  done / 完成
  1  refused (not a manager or auditor) or failed (e.g. a failed item without a rectification)
     / 被拒绝（非店长或审计员）或失败（如不符合项未指定整改）
  2  usage error / 用法错误

Notes are kept in the branch database: 请勿填写客户姓名、证件号码等个人信息 / do not enter client
names, ID numbers or other personal details.
"""


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD: {text!r}") from None


def add_review_parser(sub: Any, common: Any) -> Any:
    """Add ``review`` and its actions to the ``branchvault`` sub-command parsers ``sub``."""
    actions = sub.add_parser(
        "review",
        help="the compliance self-review (managers and auditors)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    ).add_subparsers(dest="review_command", metavar="ACTION", required=True)
    p = actions.add_parser("start", help="start a review (default period: this half-year)")
    common(p, as_user=True)
    p.add_argument("--period", metavar="2026H2", help="the half-year reviewed")
    p = actions.add_parser("show", help="a review with its items (the draft, else the newest)")
    common(p, as_user=True)
    p.add_argument("review_id", nargs="?", type=int, metavar="ID")
    p = actions.add_parser("evaluate", help="run the app's own checks again on the draft")
    common(p, as_user=True)
    p.add_argument("--verify-audit", action="store_true", help="verify the audit chain first")
    p = actions.add_parser("answer", help="answer an item: pass, fail or na (not applicable)")
    common(p, as_user=True)
    p.add_argument("item", metavar="ITEM", help="the item id, e.g. PE-01")
    p.add_argument("result", choices=("pass", "fail", "na"))
    p.add_argument("--note", default="", metavar="TEXT", help="required for na; no personal details")
    p.add_argument("--owner", metavar="USER", help="a failure's rectification owner")
    p.add_argument("--due", type=_day, metavar="YYYY-MM-DD", help="a failure's rectification due date")
    p.add_argument("--description", metavar="TEXT", help="the rectification (default: the note)")
    p = actions.add_parser("rectify", help="add a rectification to a failed item")
    common(p, as_user=True)
    p.add_argument("item", metavar="ITEM")
    p.add_argument("--owner", required=True, metavar="USER")
    p.add_argument("--due", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--description", required=True, metavar="TEXT")
    p = actions.add_parser("finish", help="finish the draft (it can no longer change)")
    common(p, as_user=True)
    p = actions.add_parser("report", help="save a review's report as PDF")
    common(p, as_user=True)
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--review", dest="review_id", type=int, metavar="ID")
    add_force_option(p)
    p = actions.add_parser("rectifications", help="list rectifications, or close one with a note")
    common(p, as_user=True)
    p.add_argument("--open", dest="open_only", action="store_true", help="open ones only")
    p.add_argument("--close", type=int, metavar="ID")
    p.add_argument("--note", default="", metavar="TEXT")
    return actions


def _detail_text(detail: ReviewDetail) -> str:
    r = detail.review
    zh, en = detail.score.label()
    state = "已完成 finished" if r.finished else "草稿 draft"
    lines = [
        f"自查 Review {r.id}  {r.period_key}  {state}  清单 checklist {r.checklist_version}",
        f"得分 Score: {zh} / {en}；未作答 unanswered: {detail.score.unanswered}",
    ]
    if detail.next_due is not None:
        lines.append(f"下次自查 Next review due: {detail.next_due.isoformat()}")
    if detail.altered:
        from desktop_app.services.compliance_reviews import ALTERED_WARNING

        lines.append(f"⚠ {ALTERED_WARNING[0]}\n⚠ {ALTERED_WARNING[1]}")
    for category, items in detail.checklist.by_category():
        lines.append(f"\n[{category.zh} / {category.en}]")
        for item in items:
            a = detail.answer(item.id)
            result = "—" if a.result is None else f"{a.result.labels[0]} {a.result.labels[1]}"
            lines.append(f"  {item.id}  {result:<24} {item.question_zh}")
            if a.evaluation is not None:
                lines.append(f"        程序评估 App: {a.evaluation.evidence_zh} / {a.evaluation.evidence_en}")
            if a.note:
                lines.append(f"        说明 Note: {a.note}")
            for x in detail.rectifications_of(item.id):
                flag = " 逾期 OVERDUE" if x.overdue(detail.today) else ""
                lines.append(
                    f"        整改 #{x.id} {x.description} — {detail.name(x.owner_id)}, 期限 due {x.due_on}{flag}"
                )
    return "\n".join(lines)


def _row_json(row: RectificationRow) -> dict[str, object]:
    r = row.rectification
    return {
        "id": r.id,
        "review_id": r.review_id,
        "period": row.period_key,
        "item_id": r.item_id,
        "description": r.description,
        "owner": row.owner,
        "due_on": r.due_on.isoformat(),
        "state": r.state.value,
        "overdue": row.overdue,
        "closed_by": row.closed_by or None,
        "closed_at": r.closed_at,
        "close_note": r.close_note,
    }


def _row_text(row: RectificationRow) -> str:
    r = row.rectification
    flag = "  逾期 OVERDUE" if row.overdue else ""
    state = "已关闭 closed" if r.state.value == "closed" else "未关闭 open"
    return f"#{r.id}  {row.period_key} {r.item_id}  {state}  {r.description} — {row.owner}, 期限 due {r.due_on}{flag}"


def cmd_review(args: argparse.Namespace, out: Output) -> int:
    """The ``review`` command's handler (``commands.HANDLERS["review"]``)."""
    from desktop_app.cli.commands import signed_in
    from desktop_app.services import compliance_reviews as reviews

    action = args.review_command
    if action == "report":
        path = output_path(args.out, args.data_dir, force=args.force)  # before the password
        with signed_in(args) as (me, _):
            written = reviews.save_report(me, path, args.review_id, overwrite=args.force)
        out.result({"file": str(written)}, f"报告已写入 Report written: {written}")
        return 0
    if action == "rectifications" and args.close is not None and not args.note.strip():
        raise InvalidInput(
            "关闭整改项需要说明（--note）。", "Closing a rectification needs a note (--note TEXT)."
        )
    with signed_in(args) as (me, _):
        if action == "rectifications":
            if args.close is not None:
                reviews.close_rectification(me, args.close, args.note)
            rows = reviews.list_rectifications(me, open_only=args.open_only)
            header = f"已关闭整改项 Closed rectification #{args.close}\n" if args.close is not None else ""
            out.result(
                {"rectifications": [_row_json(r) for r in rows], "closed": args.close},
                header + ("\n".join(_row_text(r) for r in rows) or "（没有整改项 No rectifications）"),
            )
            return 0
        if action == "start":
            detail = reviews.start_review(me, period=args.period)
        elif action == "show":
            detail = reviews.get_review(me, args.review_id)
        elif action == "evaluate":
            detail = reviews.evaluate_items(me, verify_audit=args.verify_audit)
        elif action == "answer":
            detail = reviews.answer_item(
                me,
                args.item,
                args.result,
                args.note,
                owner=args.owner,
                due_on=args.due,
                description=args.description,
            )
        elif action == "rectify":
            detail = reviews.add_rectification(me, args.item, args.description, args.owner, args.due)
        elif action == "finish":
            detail = reviews.finish_review(me)
        else:  # pragma: no cover - argparse allows only known actions
            raise InvalidInput(f"未知操作：{action}", f"Unknown action: {action}")
    out.result(detail.as_json(), _detail_text(detail))
    return 0
