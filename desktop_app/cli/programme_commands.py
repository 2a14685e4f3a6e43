"""``branchvault programme …``: the privacy programme from the command line.

``programme policy [--set NAME=VALUE ...]`` shows the programme settings in force (anyone signed in)
or changes them (managers; services/programme_settings.py: validated, all or nothing, audited as
``programme.policy_changed``). Each with ``--as USER --password-stdin [--json]``; exit codes 0
done, 1 refused or failed, 2 usage or a value out of bounds. Imports stay inside the handlers.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from desktop_app.domain.errors import InvalidInput

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output

POLICY_EPILOG = """exit codes / 退出码:
  0  shown or changed / 已显示或已修改
  1  refused (not a manager) or failed / 被拒绝（非店长）或失败
  2  usage error or value out of bounds / 用法错误或取值超出范围

Every setting, its default and its meaning: README "Privacy programme settings".
"""


def add_programme_parser(sub: Any, common: Any) -> Any:
    """Add ``programme`` and its actions to the ``branchvault`` sub-command parsers; returns the
    actions' parsers (the dashboard adds ``status`` and ``report`` there)."""
    actions = sub.add_parser("programme", help="the privacy programme (settings, figures)").add_subparsers(
        dest="programme_command", metavar="ACTION", required=True
    )
    p = actions.add_parser(
        "policy",
        help="show the programme settings, or change them (managers)",
        epilog=POLICY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)
    p.add_argument(
        "--set", dest="settings", action="append", default=[], metavar="NAME=VALUE", help="change a setting"
    )
    return actions


def _changes(pairs: list[str]) -> dict[str, object]:
    changes: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InvalidInput(f"应写成 名称=值：{pair!r}", f"write NAME=VALUE: {pair!r}")
        changes[name.strip()] = value.strip()
    return changes


def cmd_programme(args: argparse.Namespace, out: Output) -> int:
    """The ``programme`` command's handler (``commands.HANDLERS["programme"]``)."""
    from desktop_app.cli.commands import signed_in
    from desktop_app.domain.programme_policy import as_settings, programme_settings_table
    from desktop_app.services.programme_settings import programme_policy, set_programme_settings

    if args.programme_command != "policy":  # pragma: no cover - argparse allows only known actions
        raise InvalidInput("未知的操作。", "Unknown action.")
    changes = _changes(args.settings)
    with signed_in(args) as (me, _):
        policy = set_programme_settings(me, changes) if changes else programme_policy(me)
    values = as_settings(policy)
    docs = {name: doc for name, _, doc in programme_settings_table()}
    lines = [f"{name} = {value}    # {docs[name]}" for name, value in values.items()]
    header = "已修改 Changed:\n" if changes else ""
    out.result({"settings": values}, header + "\n".join(lines))
    return 0
