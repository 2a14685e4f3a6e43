"""``branchvault config show|set --as IT_USER``: the branch settings kept in the encrypted database.

Only IT (``Action.CONFIG_EDIT``) shows or changes them; every change is one ``config.edit`` audit
entry with the old and new values, and ``branch.toml`` is rewritten from the database. Editing
``branch.toml`` by hand is detected and undone at the next sign-in. The machine policy file still
only tightens: a value set here that the policy overrides is stored, and reported as not in force.
What it does: services/branch_settings.py.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.services.branch_settings import SettingsView

EPILOG = """exit codes / 退出码:
  0  shown or changed (or nothing to change) / 已显示或已修改（或无需修改）
  1  refused (not IT) or failed / 被拒绝（非 IT）或失败
  2  usage error or invalid value / 用法错误或取值无效

Security settings: see the README table (branchvault config set --security lockout_attempts=3).
The machine policy file (policy.toml) may still make any setting stricter than what is set here.
"""

_IDENTITY_OPTIONS = (
    ("--branch-name", "branch_name", "branch name (consent forms, notices)"),
    ("--company-name", "company_name", "company name (the processor named in the privacy notice)"),
    ("--company-contact", "company_contact", "company contact (privacy notice)"),
    ("--hq-name", "hq_name", "headquarters as the recipient of client data (privacy notice)"),
    ("--hq-contact", "hq_contact", "headquarters' privacy contact (privacy notice)"),
    ("--hq-url", "hq_url", "headquarters sync address (https://)"),
    (
        "--survey-url",
        "survey_url",
        "satisfaction survey address (https://), a QR code on consent forms; '' removes it",
    ),
)


def add_config_parser(sub: Any, common: Any) -> None:
    """Add ``config show`` / ``config set`` to the ``branchvault`` sub-command parsers ``sub``;
    ``common(parser, as_user=True)`` adds --data-dir, --json, --as and --password-stdin."""
    config = sub.add_parser(
        "config", help="branch settings kept in the database (IT)", epilog=EPILOG
    ).add_subparsers(dest="config_command", metavar="ACTION", required=True)
    p = config.add_parser(
        "show",
        help="show the security settings and branch identity in force",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)
    p = config.add_parser(
        "set",
        help="change security settings or branch identity (audited; branch.toml is rewritten)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)
    p.add_argument(
        "--security",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a security setting (repeatable; see the README table)",
    )
    for option, _, text in _IDENTITY_OPTIONS:
        p.add_argument(option, default=None, help=text)
    from desktop_app.cli.hq_rows_command import add_hq_rows_parser

    add_hq_rows_parser(config, common)


def cmd_config(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import _parse_security_settings, signed_in
    from desktop_app.domain.errors import InvalidInput
    from desktop_app.services.branch_settings import change_settings, show_settings

    if args.config_command == "hq-rows":
        from desktop_app.cli.hq_rows_command import cmd_hq_rows

        return cmd_hq_rows(args, out)
    if args.config_command == "show":
        with signed_in(args) as (ctx, _):
            view = show_settings(ctx)
        out.result(_view_data(view), _view_text(view))
        return 0
    security = _parse_security_settings(args.security)
    identity = {
        field: getattr(args, option[2:].replace("-", "_"))
        for option, field, _ in _IDENTITY_OPTIONS
        if getattr(args, option[2:].replace("-", "_")) is not None
    }
    if not security and not identity:  # a usage error needs no password
        raise InvalidInput(
            "请至少指定一项要修改的设置（--security 名称=数值，或 --branch-name 等）。",
            "Name at least one setting to change (--security NAME=VALUE, or --branch-name etc.).",
        )
    with signed_in(args) as (ctx, _):
        change = change_settings(ctx, security=security, identity=identity)
    view = change.view
    overridden = [name for name in security if name in view.machine_policy_stricter]
    data = {
        "changed": {name: {"old": old, "new": new} for name, (old, new) in change.changed.items()},
        "overridden_by_machine_policy": overridden,
        **_view_data(view),
    }
    if change.changed:
        lines = ["门店配置已修改并记入审计日志 / branch settings changed (audited):"]
        lines += [f"  {name}: {old!s} -> {new!s}" for name, (old, new) in change.changed.items()]
    else:
        lines = ["无变化 / unchanged"]
    out.result(data, "\n".join(lines))
    for name in overridden:
        print(
            f"机器安全策略文件对 {name} 的要求更严格，实际生效的是 {view.in_force[name]}。\n"
            f"The machine policy file is stricter for {name}: {view.in_force[name]} is in force.",
            file=sys.stderr,
        )
    return 0


def _view_data(view: SettingsView) -> dict[str, object]:
    return {
        "identity": view.identity,
        "security": view.security,
        "in_force": view.in_force,
        "machine_policy_stricter": list(view.machine_policy_stricter),
        "kdf": view.kdf,
    }


def _view_text(view: SettingsView) -> str:
    lines = ["门店信息 / branch identity:"]
    lines += [f"  {name:<18} {value or '-'}" for name, value in view.identity.items()]
    lines.append("安全设置（生效值）/ security settings in force:")
    for name, value in view.in_force.items():
        mark = ""
        if name in view.machine_policy_stricter:
            mark = "  (机器安全策略 / machine policy)"
        elif name in view.security:
            mark = "  (IT 设置 / set by IT)"
        lines.append(f"  {name:<28} {value}{mark}")
    if view.kdf:
        lines.append("KDF (Argon2id): " + ", ".join(f"{k}={v}" for k, v in view.kdf.items()))
    return "\n".join(lines)
