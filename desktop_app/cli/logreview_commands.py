"""``branchvault log-review …``: the auditor's periodic audit-log review on the same service as the
Security area's "Log review" tab (services/log_reviews.py).

``add --from DATE --to DATE --findings TEXT [--no-findings] [--follow-up TEXT]`` (auditors: verifies
the audit chain first, then records the sign-off; without ``--no-findings`` the findings are
required), ``list`` and ``status`` (auditors and managers: the last review, when the next is due,
overdue). Dates are Beijing days ``YYYY-MM-DD``. Each with ``--as USER --password-stdin [--json]``;
exit codes 0 done, 1 refused or failed, 2 usage. Imports stay inside the handler.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.services.log_reviews import LogReviewStatus, LogReviewView


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD: {text!r}") from None


def add_logreview_parser(sub: Any, common: Any) -> Any:
    actions = sub.add_parser(
        "log-review",
        help="the auditor's periodic audit-log review (add: auditors; list, status: also managers)",
    ).add_subparsers(dest="logreview_command", metavar="ACTION", required=True)
    p = actions.add_parser("add", help="auditors: verify the chain and sign off a period of the audit log")
    common(p, as_user=True)
    p.add_argument("--from", dest="period_from", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="period_to", required=True, type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--findings", default="", help="what the review found — no client names or numbers")
    p.add_argument(
        "--no-findings", action="store_true", help="nothing to report (the findings may stay empty)"
    )
    p.add_argument("--follow-up", dest="follow_up", default="", help="what is to be done about the findings")
    p = actions.add_parser("list", help="the recorded reviews, latest period first")
    common(p, as_user=True)
    p = actions.add_parser("status", help="the last review, when the next is due, whether it is overdue")
    common(p, as_user=True)
    return actions


def _view_json(view: LogReviewView) -> dict[str, Any]:
    from dataclasses import asdict

    r = view.review
    return {
        "id": r.id,
        "period_start": r.period_start.isoformat(),
        "period_end": r.period_end.isoformat(),
        **asdict(r.counts),
        "findings": r.findings,
        "outcome": r.outcome.value,
        "follow_up": r.follow_up,
        "reviewer": view.reviewer_name,
        "signed_off_at": r.signed_off_at,
        "altered": view.altered,
    }


def _view_line(view: LogReviewView) -> str:
    r, c = view.review, view.review.counts
    chain = "链完整 chain intact" if c.chain_verified else "链未通过 chain FAILED"
    altered = "  ⚠ 已被改动 ALTERED" if view.altered else ""
    text = f"{r.id}  {r.period_start} – {r.period_end}  {r.outcome.label_zh} {r.outcome.label_en}  "
    text += f"{c.entries} 条 entries  {c.refusals} 次拒绝 refusals  {chain}  {view.reviewer_name}{altered}"
    if r.findings:
        text += f"\n    发现 Findings: {r.findings}"
    if r.follow_up:
        text += f"\n    后续 Follow-up: {r.follow_up}"
    return text


def _status_json(status: LogReviewStatus) -> dict[str, Any]:
    last = status.last
    return {
        "last_period_end": None if last is None else last.period_end.isoformat(),
        "last_signed_off_at": None if last is None else last.signed_off_at,
        "next_due": status.next_due.isoformat(),
        "overdue": status.overdue,
        "days_overdue": status.days_overdue,
        "interval_days": status.interval_days,
        "altered": list(status.altered),
        "missing": list(status.missing),
        "suggested_from": status.default_start.isoformat(),
        "suggested_to": status.default_end.isoformat(),
    }


def _status_text(status: LogReviewStatus) -> str:
    last = status.last
    lines = [
        "上次审查 Last review: "
        + ("（尚无 none yet）" if last is None else f"{last.period_start} – {last.period_end}"),
        f"下次截止 Next due: {status.next_due}（每 {status.interval_days} 天 every {status.interval_days} days）",
    ]
    if status.overdue:
        lines.append(f"已逾期 {status.days_overdue} 天 OVERDUE by {status.days_overdue} days")
    if status.altered:
        lines.append("被改动的审查记录 Altered reviews: " + ", ".join(map(str, status.altered)))
    if status.missing:
        lines.append("缺失的审查记录 Missing reviews: " + ", ".join(map(str, status.missing)))
    return "\n".join(lines)


def cmd_logreview(args: argparse.Namespace, out: Output) -> int:
    """The ``log-review`` command's handler (``commands.HANDLERS["log-review"]``)."""
    from desktop_app.cli.commands import signed_in
    from desktop_app.domain.log_review import ReviewOutcome
    from desktop_app.services import log_reviews

    action = args.logreview_command
    with signed_in(args) as (me, _):
        if action == "add":
            outcome = ReviewOutcome.NO_FINDINGS if args.no_findings else ReviewOutcome.FINDINGS
            review = log_reviews.record_log_review(
                me, args.period_from, args.period_to, args.findings, outcome, args.follow_up
            )
            view = next(v for v in log_reviews.log_reviews(me) if v.review.id == review.id)
            out.result(_view_json(view), "已记录审查 Review recorded:\n" + _view_line(view))
        elif action == "list":
            views = log_reviews.log_reviews(me)
            out.result(
                {"reviews": [_view_json(v) for v in views]},
                "\n".join(_view_line(v) for v in views) or "（尚无审查记录 No reviews recorded）",
            )
        else:
            status = log_reviews.log_review_status(me)
            out.result(_status_json(status), _status_text(status))
    return 0
