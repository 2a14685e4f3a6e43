"""``branchvault hq enroll|status`` and ``branchvault export sync``: the branch's side of HQ.

- ``hq enroll --url URL --token TOKEN [--ca-file PEM] --as IT_ADMIN --password-stdin``: IT enrols
  the branch with the one-time token HQ issued (services/hq_enrolment.py); ``http://`` is refused.
- ``hq status``: the enrolment (HQ's address, CA file, branch code, HQ's receipt key, when and by
  whom); never a key.
- ``export sync``: one pass of the outbox (services/hq_sync.py); exit 0 when nothing is left
  failing, 1 otherwise (HQ unreachable, an error answer, a receipt refused), with when the next
  retry is due.

Only argparse is imported up front; the services are imported when a command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.store.hq_link_repository import HqLink

EPILOG = """exit codes / 退出码:
  0  done / 完成
  1  refused, HQ unreachable, or something left failing / 被拒绝、无法连接总部或仍有发送失败
  2  usage error (e.g. an http:// address) / 用法错误（例如 http:// 地址）
"""


def add_hq_parser(sub: Any, common: Any) -> None:
    """``hq enroll`` and ``hq status``; ``common(parser, as_user=True)`` adds --as and the rest."""
    hq = sub.add_parser("hq", help="the branch's link to headquarters").add_subparsers(
        dest="hq_command", metavar="ACTION", required=True
    )
    p = hq.add_parser(
        "enroll",
        help="IT: enrol this branch with HQ using the one-time token HQ issued (https:// only)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)
    p.add_argument("--url", required=True, help="HQ's address, https://host[:port]")
    p.add_argument("--token", required=True, help="the enrolment token from `branchvault-hq issue-token`")
    p.add_argument("--ca-file", metavar="PEM", help="the CA certificate HQ's certificate is checked against")
    p = hq.add_parser("status", help="show the enrolment (never a key)")
    common(p, as_user=True)


def add_export_sync_parser(export: Any, common: Any) -> None:
    """``export sync`` under the ``export`` sub-command parsers (owned by the exports commands)."""
    p = export.add_parser(
        "sync",
        help="send approved summaries that are due to HQ now (one pass); exit 1 if any is left failing",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)


def _link_data(link: HqLink | None) -> dict[str, object]:
    if link is None:
        return {"enrolled": False}
    return {
        "enrolled": True,
        "url": link.url,
        "ca_file": link.ca_file or None,
        "branch_code": link.branch_code,
        "hq_public_key": link.hq_public_key_b64,
        "enrolled_at": link.enrolled_at,
        "enrolled_by": link.enrolled_by,
    }


def _link_text(data: dict[str, object]) -> str:
    if not data["enrolled"]:
        return "本门店尚未在总部登记 / this branch is not enrolled with HQ"
    return "\n".join(
        [
            f"总部地址 / HQ address: {data['url']}",
            f"CA 证书 / CA file: {data['ca_file'] or '系统证书库 / system trust store'}",
            f"门店代码 / branch code: {data['branch_code']}",
            f"总部回执公钥 / HQ receipt key: {data['hq_public_key']}",
            f"登记时间 / enrolled at: {data['enrolled_at']}",
        ]
    )


def cmd_hq(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.services import hq_link

    if args.hq_command == "status":
        with signed_in(args) as (ctx, _):
            data = _link_data(hq_link.link(ctx))
            data["pseudonym_key_present"] = hq_link.pseudonym_key(ctx) is not None
        out.result(data, _link_text(data))
        return 0
    from desktop_app.services.hq_enrolment import check_address, enrol

    ca_file = Path(args.ca_file) if args.ca_file else None
    check_address(args.url, ca_file)  # refused before the password is read
    with signed_in(args) as (ctx, _):
        link = enrol(ctx, args.url, args.token, ca_file)
    data = _link_data(link)
    out.result(data, "已在总部登记 / enrolled with HQ\n" + _link_text(data))
    return 0


def run_export_sync(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.services.hq_sync import sync_once

    with signed_in(args) as (ctx, _):
        report = sync_once(ctx)
    data = report.as_json()
    lines = [
        f"已发送 / sent: {report.sent}",
        f"已确认送达 / acknowledged: {report.acknowledged}",
        f"发送失败 / failing: {report.failing}",
    ]
    if report.next_retry_at is not None:
        lines.append(f"下次重试 / next retry: {data['next_retry_at']}")
    lines += [f"  {error}" for error in report.errors]
    out.result(data, "\n".join(lines))
    return 0 if report.clean else 1


def cmd_export_or_sync(args: argparse.Namespace, out: Output) -> int:
    """``commands.HANDLERS["export"]``: ``export sync`` here, every other action the exports'."""
    if args.export_command == "sync":
        return run_export_sync(args, out)
    from desktop_app.cli.export_commands import cmd_export

    return cmd_export(args, out)
