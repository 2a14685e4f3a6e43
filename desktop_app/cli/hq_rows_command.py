"""``branchvault config hq-rows [--on --basis B [--reference R] [--expires YYYY-MM-DD] | --off]
--as USER``: the branch's setting for per-client rows in HQ summaries.

Without ``--on``/``--off`` it shows the setting (anyone signed in); changing it is a manager's
(services/hq_client_rows.py: validated, audited as ``export.client_rows``). Off by default.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.domain.hq_summary.client_rows import ClientRowsSetting

EPILOG = """exit codes / 退出码:
  0  shown or changed / 已显示或已修改
  1  refused (not a manager) or failed / 被拒绝（非经理）或失败
  2  usage error or invalid value / 用法错误或取值无效

Legal bases / 法律依据: same_entity (同一法人), entrustment (委托处理协议: --reference and --expires
required; no rows leave after the expiry day), separate_consent (单独同意). Rows are made only for
clients whose HQ-sharing consent is in effect, whatever the basis.
"""


def add_hq_rows_parser(config: Any, common: Any) -> None:
    """Add ``hq-rows`` to the ``config`` sub-command parsers."""
    p = config.add_parser(
        "hq-rows",
        help="per-client rows in HQ summaries: show, or switch on/off with the legal basis (manager)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)
    switch = p.add_mutually_exclusive_group()
    switch.add_argument("--on", dest="rows_on", action="store_true", help="switch per-client rows on")
    switch.add_argument("--off", dest="rows_off", action="store_true", help="switch per-client rows off")
    p.add_argument(
        "--basis",
        choices=("same_entity", "entrustment", "separate_consent"),
        default=None,
        help="legal basis",
    )
    p.add_argument("--reference", default="", help="agreement or consent reference")
    p.add_argument(
        "--expires", default=None, metavar="YYYY-MM-DD", help="expiry of the entrustment agreement"
    )


def cmd_hq_rows(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.domain.errors import InvalidInput
    from desktop_app.services.hq_client_rows import client_rows_setting_of, set_client_rows

    changing = args.rows_on or args.rows_off
    if not changing and (args.basis or args.reference or args.expires):
        raise InvalidInput(
            "--basis、--reference、--expires 须与 --on 一起使用。",
            "--basis, --reference and --expires go with --on.",
        )
    with signed_in(args) as (ctx, _):
        if changing:
            setting = set_client_rows(
                ctx,
                enabled=bool(args.rows_on),
                legal_basis=args.basis,
                reference=args.reference,
                expires=args.expires,
            )
        else:
            setting = client_rows_setting_of(ctx)
        active = setting.active_on(ctx.today())
    out.result({"client_rows": setting.as_dict(), "active_today": active}, _text(setting, active))
    return 0


def _text(setting: ClientRowsSetting, active: bool) -> str:
    if not setting.enabled:
        return "逐客户明细：关闭（只发送汇总统计）/ per-client rows: off (aggregates only)"
    lines = [
        "逐客户明细：开启 / per-client rows: on",
        f"  legal basis: {setting.legal_basis}",
        f"  reference:   {setting.reference or '-'}",
        f"  expires:     {setting.expires or '-'}",
    ]
    if not active:
        lines.append("  已过期，不再发送明细 / expired: no rows are sent")
    return "\n".join(lines)
