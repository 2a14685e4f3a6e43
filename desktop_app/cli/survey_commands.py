"""``branchvault survey …``: client satisfaction from the command line (services/satisfaction.py).

``survey import FILE [--question TEXT] [--dry-run]`` (managers) reads a survey tool's export and
prints the row-level report like ``clients import``; ``survey add --rating 1..5 [--date D]``
(agents and managers) records one paper form; ``survey status [--quarter 2026Q4]`` shows a
quarter's responses by rating and the satisfied share. Each with ``--as USER --password-stdin
[--json]``. Exit codes: 0 done; 1 refused (role), failed, a file imported before, or a row refused
(nothing imported); 2 usage, a value out of range, or no question chosen (the error lists the
file's questions, in ``--json`` as ``candidates``). Imports stay inside the handlers.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.services.satisfaction import SurveyImportReport

EPILOG = """exit codes / 退出码:
  0  done / 完成
  1  refused, failed, file imported before, or a row refused (nothing imported)
     / 被拒绝、失败、文件已导入过，或有行被拒（未导入任何答卷）
  2  usage error, value out of range, or no question chosen (the file's questions are listed)
     / 用法错误、取值超出范围，或未选定问题（会列出文件中的问题）

Only the chosen question and the date column are read: names, phones, IP addresses and comments
are never read or kept. / 只读取所选问题和日期列。
"""


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD: {text!r}") from None


def add_survey_parser(sub: Any, common: Any) -> Any:
    """Add ``survey`` and its actions to the ``branchvault`` sub-command parsers ``sub``."""
    actions = sub.add_parser(
        "survey", help="client satisfaction: import a survey export, enter paper forms, show a quarter"
    ).add_subparsers(dest="survey_command", metavar="ACTION", required=True)
    p = actions.add_parser(
        "import",
        help="managers: import a survey export (.xlsx/.xls/.csv), all or nothing",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--question",
        metavar="TEXT",
        help="the question that measures satisfaction (its text or a unique part); remembered",
    )
    p.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    p = actions.add_parser(
        "add",
        help="enter one paper form's rating (1 very dissatisfied … 5 very satisfied)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)
    p.add_argument("--rating", type=int, required=True, choices=range(1, 6), metavar="1..5")
    p.add_argument("--date", type=_day, default=None, metavar="YYYY-MM-DD", help="default: today")
    p = actions.add_parser(
        "status",
        help="a quarter's responses by rating and the satisfied share",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)
    p.add_argument("--quarter", metavar="2026Q4", help="default: the current quarter")
    return actions


def cmd_survey(args: argparse.Namespace, out: Output) -> int:
    """The ``survey`` command's handler (``commands.HANDLERS["survey"]``)."""
    if args.survey_command == "import":
        return _import(args, out)
    if args.survey_command == "add":
        return _add(args, out)
    return _status(args, out)


def _import(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.cli.main import EXIT_FAILED
    from desktop_app.domain.survey_columns import QuestionNotChosen
    from desktop_app.services.satisfaction import import_survey

    source = Path(args.file).expanduser()
    with signed_in(args) as (me, _):
        try:
            report = import_survey(me, source, args.question, dry_run=args.dry_run)
        except QuestionNotChosen as missing:
            out.error(missing)
            if out.as_json:
                print(_json_line({"candidates": list(missing.candidates)}))
            return missing.exit_code
    out.result(_report_data(report), _report_text(report))
    return EXIT_FAILED if report.refused else 0


def _json_line(data: dict[str, object]) -> str:
    import json

    return json.dumps(data, ensure_ascii=False)


def _report_data(report: SurveyImportReport) -> dict[str, object]:
    return {
        "question": report.question,
        "header_row": report.header_row,
        "dry_run": report.dry_run,
        "written": report.written,
        "rows": len(report.rows),
        "imported": report.imported if report.written or report.dry_run else 0,
        "would_import": report.imported,
        "skipped": report.skipped,
        "refused": report.refused,
        "columns_not_read": report.columns_not_read,
        "by_quarter": {q: {str(r): n for r, n in sorted(c.items())} for q, c in report.by_quarter.items()},
        "row_report": [
            {
                "row": r.row,
                "outcome": r.outcome,
                "reason": r.reason,
                "reason_zh": r.reason_zh,
                "reason_en": r.reason_en,
            }
            for r in report.rows
            if r.outcome != "imported"
        ],
        "note_zh": report.note_zh,
        "note_en": report.note_en,
    }


def _report_text(report: SurveyImportReport) -> str:
    if report.dry_run:
        state = "试运行，未写入 / dry run, nothing written"
    elif report.written:
        state = "已导入 / imported"
    else:
        state = "有行被拒，未导入任何答卷 / rows refused: nothing was imported"
    lines = [
        f"问题 / question: {report.question}（表头在第 {report.header_row} 行 / header on row {report.header_row}）",
        state,
        f"可导入 / importable: {report.imported}   跳过 / skipped: {report.skipped}   被拒 / refused: {report.refused}",
    ]
    for quarter, counts in report.by_quarter.items():
        spread = "  ".join(f"{r}:{counts.get(r, 0)}" for r in range(5, 0, -1))
        lines.append(f"  {quarter}  {spread}")
    lines += [
        f"  第 {r.row} 行 / row {r.row}: {r.outcome} — {r.reason_zh} / {r.reason_en}"
        for r in report.rows
        if r.outcome != "imported"
    ]
    lines.append(f"{report.note_zh}\n{report.note_en}")
    return "\n".join(lines)


def _add(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.domain.programme_periods import Quarter
    from desktop_app.services.satisfaction import add_response

    with signed_in(args) as (me, _):
        day = args.date or me.today()
        add_response(me, args.rating, day)
    quarter = Quarter.of(day).key()
    out.result(
        {"rating": args.rating, "date": day.isoformat(), "quarter": quarter},
        f"已记录 / recorded: {args.rating}（{day.isoformat()}，{quarter}）",
    )
    return 0


def _status(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.domain.programme_periods import Quarter
    from desktop_app.domain.satisfaction import RATING_LABELS
    from desktop_app.services.satisfaction import quarter_responses

    wanted = Quarter.parse(args.quarter) if args.quarter else None  # a usage error needs no password
    with signed_in(args) as (me, _):
        quarter = wanted or Quarter.of(me.today())
        spread = quarter_responses(me, quarter)
    share = spread.satisfied_percent()
    lines = [f"{quarter.label_zh()} / {quarter.label_en()}: {spread.responses} 份答卷 / responses"]
    lines += [
        f"  {rating} {RATING_LABELS[rating][0]} / {RATING_LABELS[rating][1]}: {spread.by_rating[rating]}"
        for rating in range(5, 0, -1)
    ]
    lines.append(
        f"满意及非常满意 / satisfied: {spread.satisfied}"
        + (f"（{share}%）" if share is not None else "（无数据 / no data）")
    )
    out.result(
        {
            "quarter": quarter.key(),
            "responses": spread.responses,
            "satisfied": spread.satisfied,
            "satisfied_percent": None if share is None else str(share),
            "by_rating": {str(r): n for r, n in spread.by_rating.items()},
        },
        "\n".join(lines),
    )
    return 0
