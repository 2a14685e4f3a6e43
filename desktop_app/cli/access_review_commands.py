"""``branchvault access-review …``: the periodic access review and inactive accounts
(services/access_reviews.py; managers run it, IT administrators and auditors may read it).

``start`` (this period's review), ``show [ID]`` (the open review, else the newest), ``decide USER
(--keep | --disable | --role ROLE) [--note TEXT]`` (a disable is IT's disable: keys rotate; a role
change into agent or manager waits for a manager's confirmation), ``finish`` (every member
decided; the review can no longer change), ``status`` (due / overdue), ``export --out FILE``
(.xlsx or .csv, never into the data directory) and ``inactive`` (accounts without a sign-in for
``inactive_account_days``; with ``inactive_auto_disable`` = 1 a manager or IT administrator running
it also disables them, never the last IT administrator or manager). Each with ``--as USER
--password-stdin [--json]``; exit codes 0 done, 1 refused or failed, 2 usage.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output_option import add_force_option, output_path
from desktop_app.domain.errors import InvalidInput

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.services.access_reviews import MemberActivity, ReviewDetail, ReviewStatus

EPILOG = """exit codes / 退出码:
  0  done / 完成
  1  refused (not a manager; the last IT administrator or manager) or failed (members undecided)
     / 被拒绝（非店长；最后一位 IT 管理员或店长）或失败（尚有员工未作决定）
  2  usage error / 用法错误

Notes are kept in the branch database: 请勿填写客户姓名、证件号码等个人信息 / do not enter client
names, ID numbers or other personal details.
"""

ROLE_CHOICES = ("agent", "manager", "it_admin", "auditor")


def add_access_review_parser(sub: Any, common: Any) -> Any:
    """Add ``access-review`` and its actions to the ``branchvault`` sub-command parsers ``sub``."""
    actions = sub.add_parser(
        "access-review",
        help="the periodic access review and inactive accounts (managers)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    ).add_subparsers(dest="access_review_command", metavar="ACTION", required=True)
    p = actions.add_parser("start", help="start this period's review (lists every staff account)")
    common(p, as_user=True)
    p = actions.add_parser("show", help="a review (the open one, else the newest)")
    common(p, as_user=True)
    p.add_argument("review_id", nargs="?", type=int, metavar="ID")
    p = actions.add_parser("decide", help="keep, disable or change the role of a member")
    common(p, as_user=True)
    p.add_argument("username", metavar="USER")
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--keep", action="store_true", help="the role is still needed")
    choice.add_argument("--disable", action="store_true", help="disable the account (keys rotate)")
    choice.add_argument(
        "--role", choices=ROLE_CHOICES, metavar="ROLE", help=f"change the role: {', '.join(ROLE_CHOICES)}"
    )
    p.add_argument("--note", default="", metavar="TEXT", help="why (no personal details)")
    p = actions.add_parser("finish", help="finish the open review (it can no longer change)")
    common(p, as_user=True)
    p = actions.add_parser("status", help="whether this period's review is due or overdue")
    common(p, as_user=True)
    p = actions.add_parser("export", help="save a review as .xlsx or .csv")
    common(p, as_user=True)
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.add_argument("--review", dest="review_id", type=int, metavar="ID")
    add_force_option(p)
    p = actions.add_parser("inactive", help="accounts without a sign-in for inactive_account_days")
    common(p, as_user=True)
    return actions


def _detail_text(detail: ReviewDetail) -> str:
    r = detail.review
    state = f"已完成 finished {r.finished_at} ({detail.name(r.finished_by)})" if r.finished else "进行中 open"
    lines = [f"权限审查 Access review {r.id}  {r.period_key}  {state}"]
    if detail.altered:
        from desktop_app.services.access_reviews import ALTERED_WARNING

        lines.append(f"⚠ {ALTERED_WARNING[0]}\n⚠ {ALTERED_WARNING[1]}")
    for i in detail.items:
        decision = "—" if i.decision is None else f"{i.decision.label_zh} {i.decision.label_en}"
        if i.new_role is not None:
            decision += f" → {i.new_role.label_zh} {i.new_role.label_en}"
        last = i.last_sign_in or "从未 never"
        active = "" if i.active else "  已停用 disabled"
        lines.append(
            f"  {i.username:<16} {i.role.label_zh} {i.role.label_en:<18} 最近登录 last sign-in {last} "
            f"({i.days_inactive} d){active}  {decision}"
        )
        if i.note:
            lines.append(f"        说明 Note: {i.note} — {detail.name(i.decided_by)} {i.decided_at}")
    return "\n".join(lines)


def _status_text(status: ReviewStatus) -> str:
    state = "已完成 done" if status.reviewed else ("进行中 open" if status.open_review else "待进行 due")
    lines = [f"本期 Period {status.period_key}: {state}", f"下次截止 Next due: {status.next_due.isoformat()}"]
    if status.overdue:
        lines.append("⚠ 已逾期 OVERDUE")
    return "\n".join(lines)


def _inactive_text(rows: list[MemberActivity], disabled: list[str]) -> str:
    lines = [f"已自动停用 Disabled by policy: {', '.join(disabled)}"] if disabled else []
    for a in rows:
        lines.append(
            f"  {a.username:<16} {a.role.label_en:<18} {a.last_sign_in or '从未 never'} ({a.days_inactive} d)"
        )
    return "\n".join(lines) or "（没有长期未登录的账户 No inactive accounts）"


def cmd_access_review(args: argparse.Namespace, out: Output) -> int:
    """The ``access-review`` command's handler (``commands.HANDLERS["access-review"]``)."""
    from desktop_app.cli.commands import signed_in
    from desktop_app.domain.roles import Role
    from desktop_app.services import access_reviews as reviews

    action = args.access_review_command
    if action == "export":
        path = output_path(args.out, args.data_dir, force=args.force)  # before the password
        with signed_in(args) as (me, _):
            written = reviews.export_review(me, path, args.review_id, overwrite=args.force)
        out.result({"file": str(written)}, f"已导出 Exported: {written}")
        return 0
    with signed_in(args) as (me, _):
        if action == "status":
            status = reviews.review_status(me)
            out.result(status.as_json(), _status_text(status))
            return 0
        if action == "inactive":
            disabled = (
                reviews.apply_inactive_policy(me) if me.session.role in (Role.MANAGER, Role.IT_ADMIN) else []
            )
            rows = reviews.inactive_accounts(me)
            out.result(
                {"inactive": [a.as_json() for a in rows], "disabled": disabled},
                _inactive_text(rows, disabled),
            )
            return 0
        if action == "start":
            detail = reviews.start_review(me)
        elif action == "show":
            detail = reviews.get_review(me, args.review_id)
        elif action == "decide":
            if args.keep:
                detail = reviews.decide(me, args.username, "keep", note=args.note)
            elif args.disable:
                detail = reviews.decide(me, args.username, "disable", note=args.note)
            else:
                detail = reviews.decide(
                    me, args.username, "change_role", new_role=Role(args.role), note=args.note
                )
        elif action == "finish":
            detail = reviews.finish_review(me)
        else:  # pragma: no cover - argparse allows only known actions
            raise InvalidInput(f"未知操作：{action}", f"Unknown action: {action}")
    out.result(detail.as_json(), _detail_text(detail))
    return 0
