"""``branchvault check --as USER --password-stdin [--json]``: the database integrity check
(services/integrity_check.py) on the live data, for IT admins, managers and auditors.

Exit 0 when every check passed; 1 when one failed (the report names the file, the check and what it
found, and a bilingual summary goes to standard error), or when the member may not run it; 2 usage.
Imports stay inside the handler: ``branchvault`` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.services.integrity_check import IntegrityReport


def add_check_parser(sub: Any, common: Any) -> Any:
    p = sub.add_parser(
        "check",
        help="check the database's integrity: every page, tables and indexes, foreign keys, the audit "
        "chain, the key slots (IT admins, managers, auditors)",
    )
    common(p, as_user=True)
    return p


def report_text(report: IntegrityReport) -> str:
    lines = []
    for finding in report.findings:
        mark = "跳过 / skipped" if finding.skipped else ("通过 / ok" if finding.ok else "失败 / FAILED")
        lines.append(f"[{mark}] {finding.name}")
        lines.append(f"    {finding.zh}")
        lines.append(f"    {finding.en}")
        if finding.detail and not finding.ok:
            lines.append(f"    {finding.detail}")
    verdict = (
        "完整性检查通过 / integrity check passed"
        if report.ok
        else f"完整性检查失败：{len(report.problems)} 项 / integrity check FAILED: {len(report.problems)} problem(s)"
    )
    lines.append(f"{verdict} ({report.duration_ms} ms)")
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace, out: Output) -> int:
    """The ``check`` command's handler (``commands.HANDLERS["check"]``)."""
    from desktop_app.cli.commands import signed_in
    from desktop_app.services.integrity_check import IntegrityCheckFailed, run_integrity_check

    with signed_in(args) as (me, _):
        report = run_integrity_check(me)
        # shown before signing out: if the damage also stops the sign-out entry, the report is out
        out.result(report.to_dict(), report_text(report))
        if not report.ok:
            print(IntegrityCheckFailed(report).bilingual(), file=sys.stderr)
    return 0 if report.ok else 1
