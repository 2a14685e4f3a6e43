"""``branchvault programme status`` and ``programme report``: the programme's figures on the CLI.

``status [--quarter 2026Q4]`` prints the six targets (value, target, met, and the counts behind
each), the trend over the last five quarters and what is due; ``--json`` gives the same as
``domain/programme_overview.status_to_dict`` (what the dashboard shows). ``report --quarter Q --out
FILE.pdf [--force]`` writes the quarterly report PDF (never into the data directory). Managers and
auditors; each with ``--as USER --password-stdin``; exit codes 0 done, 1 refused or failed, 2
usage. Imports stay inside the handlers: ``branchvault`` starts fast.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output_option import add_force_option, output_path

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.domain.programme_overview import ProgrammeStatus

STATUS_ACTIONS = ("status", "report")

STATUS_EPILOG = """exit codes / 退出码:
  0  shown or written / 已显示或已写入
  1  refused (not a manager or auditor) or failed / 被拒绝（非店长或审计员）或失败
  2  usage error (e.g. a quarter not written like 2026Q4, or one that has not started)
     / 用法错误（如季度写法不是 2026Q4，或该季度尚未开始）
"""


def _quarter(text: str) -> Any:
    from desktop_app.domain.errors import BranchVaultError
    from desktop_app.domain.programme_periods import Quarter

    try:
        return Quarter.parse(text)
    except (BranchVaultError, ValueError):
        raise argparse.ArgumentTypeError(f"expected a quarter like 2026Q4: {text!r}") from None


def add_programme_status_parsers(actions: Any, common: Any) -> None:
    """Add ``status`` and ``report`` to the ``programme`` actions (cli/programme_commands.py)."""
    for name, help_text in (
        ("status", "the six targets, their trend and what is due (managers, auditors)"),
        ("report", "write the quarterly programme report PDF (managers, auditors)"),
    ):
        p = actions.add_parser(
            name, help=help_text, epilog=STATUS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        common(p, as_user=True)
        p.add_argument("--quarter", type=_quarter, default=None, required=name == "report", metavar="2026Q4")
        if name == "report":
            p.add_argument("--out", required=True, metavar="FILE.pdf")
            add_force_option(p)


def _value(value: object) -> str:
    return "—" if value is None else f"{value}%"


def _met(met: bool | None) -> str:
    return {True: "达标 met", False: "未达标 not met", None: "无数据 no data"}[met]


def status_text(status: ProgrammeStatus) -> str:
    """The readable bilingual table of ``programme status``."""
    from desktop_app.domain.programme_targets import DEFINITION_BY_ID

    q = status.quarter
    lines = [
        f"隐私保护指标 Privacy programme — {q.label_zh()} / {q.label_en()} (截至 as of {status.as_of})",
        "",
    ]
    for r in status.results:
        d = DEFINITION_BY_ID[r.target]
        behind = f"{r.numerator}/{'—' if r.denominator is None else r.denominator}"
        lines.append(
            f"{d.label_zh} {d.label_en}: {_value(r.value_percent)}  目标 target {r.target_percent}%  "
            f"{_met(r.met)}  ({behind})"
        )
    lines += ["", "趋势 Trend (" + ", ".join(p.quarter for p in status.trend) + "):"]
    for index, r in enumerate(status.results):
        values = [_value(point.results[index].value_percent) for point in status.trend]
        lines.append(f"  {DEFINITION_BY_ID[r.target].label_en}: " + "  ".join(values))
    lines += ["", "待办 Due:"]
    state = {"ok": "✓", "due": "待办 due", "overdue": "逾期 overdue"}
    for item in status.due:
        lines.append(f"  [{state[item.state.value]}] {item.text_zh} / {item.text_en}")
    source = status.client_facts
    if source.mismatch:
        lines += [
            "",
            "客户相关数字的快照与审计日志不符（已被改动），未予采用；请店长打开指标页重新计算。",
            "The stored client figures do not match the audit log (they were edited) and are not used; "
            "a manager opening the dashboard computes them again.",
        ]
    elif not source.live:
        when = source.computed_at or "—"
        lines += ["", f"客户相关数字截至 Client figures as of: {when} {source.computed_by}".rstrip()]
    return "\n".join(lines)


def cmd_programme_status(args: argparse.Namespace, out: Output) -> int:
    """``programme status`` / ``programme report`` (called by cli/programme_commands.py)."""
    from desktop_app.cli.commands import signed_in
    from desktop_app.domain.programme_overview import status_to_dict
    from desktop_app.services.programme_report import write_programme_report
    from desktop_app.services.programme_status import programme_status

    if args.programme_command == "report":
        path = output_path(args.out, args.data_dir, force=args.force)  # before the password
        with signed_in(args) as (me, _):
            written = write_programme_report(me, args.quarter, path, overwrite=args.force)
        out.result(
            {"file": str(written), "quarter": args.quarter.key()},
            f"季度报告已写入 Quarterly report written: {written}",
        )
        return 0
    with signed_in(args) as (me, _):
        status = programme_status(me, args.quarter)
    out.result(status_to_dict(status), status_text(status))
    return 0
