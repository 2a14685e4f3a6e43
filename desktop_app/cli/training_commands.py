"""``branchvault training …``: privacy training records from the command line (issue 14 §1).

- ``training status [--quarter 2026Q4]``: managers and auditors get every member's training in the
  quarter and the figures behind the coverage and pass-rate targets; anyone else their own status
  (due, days left, attempts) in the current quarter.
- ``training import FILE [--dry-run]``: a manager imports the learning platform's results export
  (services/training_import.py), with the row-level report the client import prints.
- ``training session add --date YYYY-MM-DD --topic T --trainer NAME --attendee USER ...``: a manager
  records a classroom session.
Each with ``--as USER --password-stdin [--json]``; exit 0 done, 1 refused or nothing imported, 2
usage (a bad quarter, date or attendee). Imports stay inside the handlers (start-up time).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.domain.errors import InvalidInput

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.domain.training_due import TrainingDue
    from desktop_app.services.training_import import LmsImportReport

EPILOG = """exit codes / 退出码:
  0  done / 完成
  1  refused (role), or no row could be imported / 被拒绝（角色），或没有任何行可导入
  2  usage error (quarter, date, attendee) / 用法错误（季度、日期、参加人员）
"""
HINT = "请勿填写客户姓名、证件号码等个人信息 / Do not enter client names, ID numbers or other personal details here"


def add_training_parser(sub: Any, common: Any) -> None:
    training = sub.add_parser("training", help="privacy training: status, LMS import, classroom sessions")
    actions = training.add_subparsers(dest="training_command", metavar="ACTION", required=True)
    p = actions.add_parser(
        "status",
        help="the quarter's training (managers, auditors: everyone; others: their own)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)
    p.add_argument("--quarter", metavar="2026Q4", help="the quarter (default: the current one)")
    p = actions.add_parser(
        "import",
        help="managers: import a learning platform's results (xlsx/xls/csv)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    session = actions.add_parser("session", help="classroom sessions").add_subparsers(
        dest="session_command", metavar="ACTION", required=True
    )
    p = session.add_parser(
        "add",
        help="managers: record a classroom session",
        epilog=EPILOG + "\n" + HINT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--topic", required=True)
    p.add_argument("--trainer", required=True)
    p.add_argument(
        "--attendee", action="append", required=True, metavar="USERNAME", help="repeat per attendee"
    )


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"日期格式应为 YYYY-MM-DD：{text}", f"A date is YYYY-MM-DD: {text}") from None


def _due_data(due: TrainingDue | None) -> dict[str, object] | None:
    if due is None:
        return None
    return {
        "status": due.status.value,
        "deadline": due.deadline.isoformat(),
        "days_left": due.days_left,
        "gated": due.gated,
    }


def _due_text(due: TrainingDue) -> str:
    if due.status.value == "done":
        return "已完成 / done"
    if due.status.value == "due":
        return f"待完成，剩余 {due.days_left} 天 / due, {due.days_left} days left (by {due.deadline})"
    gated = "，客户资料已暂停 / client data closed" if due.gated else ""
    return f"已逾期 / overdue since {due.deadline}{gated}"


def _status(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.domain.permissions import Action, can
    from desktop_app.domain.programme_periods import Quarter
    from desktop_app.services.training_records import (
        my_training_status,
        staff_training_overview,
        training_counts,
    )

    with signed_in(args) as (me, _):
        quarter = Quarter.parse(args.quarter) if args.quarter else Quarter.of(me.today())
        if not can(me.session.role, Action.PROGRAMME_VIEW):
            if args.quarter and quarter != Quarter.of(me.today()):
                raise InvalidInput(
                    "您只能查看本季度自己的培训状态。",
                    "You can see your own status in the current quarter only.",
                )
            mine = my_training_status(me)
            data = {
                "quarter": mine.quarter.key(),
                "username": me.session.username,
                "completed": mine.completed,
                "attempts": mine.attempts,
                "best_percent": mine.best_percent,
                "attended_session": mine.attended_session,
                "due": _due_data(mine.due),
            }
            text = (
                f"{mine.quarter.label_zh()} / {mine.quarter.label_en()}: {_due_text(mine.due)}\n"
                f"测验次数 / attempts: {mine.attempts}"
                + (f"，最高分 / best: {mine.best_percent}%" if mine.best_percent is not None else "")
            )
            out.result(data, text)
            return 0
        rows = staff_training_overview(me, quarter)
        counts = training_counts(me, quarter)
    data = {
        "quarter": quarter.key(),
        "counts": {
            "active_staff": counts.active_staff,
            "completed": counts.completed,
            "quiz_takers": counts.quiz_takers,
            "first_attempt_passed": counts.first_attempt_passed,
        },
        "staff": [
            {
                "username": r.username,
                "display_name": r.display_name,
                "role": r.role.value,
                "completed": r.completed,
                "attempts": r.attempts,
                "first_percent": r.first_percent,
                "first_passed": r.first_passed,
                "best_percent": r.best_percent,
                "sessions": r.sessions,
                "due": _due_data(r.due),
            }
            for r in rows
        ],
    }
    lines = [
        f"{quarter.label_zh()} / {quarter.label_en()}",
        f"已完成 / completed: {counts.completed} / {counts.active_staff}（在职员工 / active staff）",
        f"首次测验通过 / first attempt passed: {counts.first_attempt_passed} / {counts.quiz_takers}"
        "（参加测验 / took the quiz）",
    ]
    for r in rows:
        done = "✓" if r.completed else "✗"
        first = f"{r.first_percent}%" if r.first_percent is not None else "-"
        due = f"  {_due_text(r.due)}" if r.due is not None and not r.completed else ""
        lines.append(
            f"  {done} {r.username} ({r.display_name}, {r.role.label_zh}/{r.role.label_en}): "
            f"测验 / attempts {r.attempts}, 首次 / first {first}, 课堂 / sessions {r.sessions}{due}"
        )
    out.result(data, "\n".join(lines))
    return 0


def _import_text(report: LmsImportReport) -> str:
    verb = "检查（未写入）/ checked (nothing written)" if report.dry_run else "已导入 / imported"
    lines = [
        f"标题行 / header row: {report.header_row}（按{'用户名' if report.staff_column == 'username' else '姓名'}"
        f"匹配 / matched by {report.staff_column}）",
        f"{verb}: {report.imported} / {report.rows}（通过 / passed {report.passed}，及格线 / pass mark "
        f"{report.pass_mark}）",
        f"未导入 / rejected: {len(report.rejected)}",
    ]
    lines += [
        f"  第 {o.row} 行 / row {o.row}: {o.reason_zh} / {o.reason_en}"
        for o in report.outcomes
        if not o.imported
    ]
    notes = [o for o in report.outcomes if o.imported and o.reason_zh != "已导入"]
    lines += [f"  第 {o.row} 行 / row {o.row}: {o.reason_zh} / {o.reason_en}" for o in notes]
    return "\n".join(lines)


def _import(args: argparse.Namespace, out: Output) -> int:
    from pathlib import Path

    from desktop_app.cli.commands import signed_in
    from desktop_app.services.training_import import import_lms_results

    with signed_in(args) as (me, _):
        report = import_lms_results(me, Path(args.file).expanduser(), dry_run=args.dry_run)
    data = {
        "dry_run": report.dry_run,
        "rows": report.rows,
        "imported": report.imported,
        "passed": report.passed,
        "rejected": len(report.rejected),
        "pass_mark": report.pass_mark,
        "header_row": report.header_row,
        "matched_by": report.staff_column,
        "outcomes": [
            {
                "row": o.row,
                "outcome": o.outcome,
                "reason_zh": o.reason_zh,
                "reason_en": o.reason_en,
                "username": o.username,
                "score": o.score,
                "date": o.day.isoformat() if o.day else None,
                "passed": o.passed,
            }
            for o in report.outcomes
        ],
    }
    out.result(data, _import_text(report))
    return 1 if report.imported == 0 and report.rejected else 0


def _session_add(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.services.training_records import record_session, staff_ids_by_username

    day = _day(args.date)
    with signed_in(args) as (me, _):
        ids = staff_ids_by_username(me, args.attendee)
        session_id = record_session(me, day, args.topic, args.trainer, ids)
    data = {"session_id": session_id, "date": day.isoformat(), "attendees": sorted(set(args.attendee))}
    out.result(
        data,
        f"已记录课堂培训 / classroom session recorded: No. {session_id}, {day.isoformat()}, "
        f"{len(set(args.attendee))} 人 / attendees",
    )
    return 0


def cmd_training(args: argparse.Namespace, out: Output) -> int:
    """The ``training`` command's handler (``commands.HANDLERS["training"]``)."""
    if args.training_command == "status":
        return _status(args, out)
    if args.training_command == "import":
        return _import(args, out)
    return _session_add(args, out)
