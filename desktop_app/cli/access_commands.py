"""``branchvault access``: the client-data key from the command line (services/client_access.py).

- ``access status --as USER``: whether you hold the client-data key.
- ``access request --as USER``: stdin: your password, then a new one (twice). A pending member sets a
  new password (a key pair nobody else can open) and gets the confirmation code to read to a manager.
- ``access setup --as MANAGER [--recovery-sheet FILE]``: the first manager creates the key (an old
  branch's client data moves into clients.db) and gets the client-data recovery code, once.
- ``access pending --as MANAGER``: members waiting for confirmation.
- ``access confirm USERNAME --code CODE --as MANAGER``: seal the key to a member after they read
  you their code in person.
- ``access recover --as MANAGER``: stdin: your password, then the client-data recovery code; restores
  your own access and prints the new code.

Exit codes: 0 done, 1 refused, 2 usage. Imports stay inside the handlers (start-up time).
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output


def add_access_parser(sub: Any, common: Any) -> None:
    access = sub.add_parser(
        "access", help="client-data access: set up, confirm members, recover"
    ).add_subparsers(dest="access_command", metavar="ACTION", required=True)
    p = access.add_parser(
        "status", help="whether you hold the client-data key (pending: your confirmation code)"
    )
    common(p, as_user=True)
    p = access.add_parser(
        "request", help="set a new password (stdin: current, new, new) and get your confirmation code"
    )
    common(p, as_user=True)
    p = access.add_parser("setup", help="managers: create the client-data key and its recovery code")
    common(p, as_user=True)
    p.add_argument(
        "--recovery-sheet", metavar="FILE.pdf", help="also write the recovery code as a one-page PDF"
    )
    p = access.add_parser("pending", help="managers: members waiting for confirmation")
    common(p, as_user=True)
    p = access.add_parser("confirm", help="managers: confirm a member with the code they read to you")
    common(p, as_user=True)
    p.add_argument("username")
    p.add_argument("--code", required=True, help="the member's 20-digit confirmation code")
    p = access.add_parser(
        "recover", help="managers: restore your own access with the client-data recovery code (stdin)"
    )
    common(p, as_user=True)


def cmd_access(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.cli.output_option import output_path
    from desktop_app.services import client_access

    command = args.access_command
    force = bool(getattr(args, "force", False))
    wants_sheet = command == "setup" and args.recovery_sheet
    sheet = output_path(args.recovery_sheet, args.data_dir, force=force) if wants_sheet else None
    if command == "request":
        return _request(args, out)
    with signed_in(args) as (ctx, reader):
        session = ctx.session
        if command == "status":
            data = client_access.access_summary(session)
            text = {
                "granted": "您可以查看客户资料 / you hold the client-data key",
                "pending": "等待店长确认：请运行 branchvault access request 设置新密码并取得确认码 / waiting for a "
                "manager: run `branchvault access request` to set a new password and get your code",
                "not_set_up": "本门店还没有客户资料密钥 / no client-data key yet (a manager runs access setup)",
                "none": "您的角色不查看客户资料 / your role never sees client data",
            }[session.client_access]
            out.result(data, text)
            return 0
        if command == "setup":
            code = client_access.set_up_client_key(ctx)
            if sheet is not None:
                from desktop_app.documents.recovery_sheet import client_recovery_sheet_pdf
                from desktop_app.store.data_dir import write_private_file

                write_private_file(
                    sheet, client_recovery_sheet_pdf(ctx.require_config().letterhead(), code, datetime.now())
                )
            _print_code(out, code, {"created": True, "recovery_sheet": str(sheet) if sheet else None})
            return 0
        if command == "pending":
            members = client_access.pending_members(ctx)
            rows = [
                {
                    "username": m.username,
                    "role": m.role.value,
                    "waiting_for_password_change": m.waiting_for_password_change,
                    "previous_role": m.previous_role.value if m.previous_role else None,
                }
                for m in members
            ]
            lines = [
                f"{m.username}\t{m.role.label_zh}/{m.role.label_en}"
                + (
                    "\t(仍在使用临时密码 / still on the temporary password)"
                    if m.waiting_for_password_change
                    else ""
                )
                + (
                    f"\t(角色已变更，原为 / role changed, was: {m.previous_role.value})"
                    if m.previous_role
                    else ""
                )
                for m in members
            ]
            out.result({"pending": rows}, "\n".join(lines) or "没有等待确认的员工 / nobody is waiting")
            return 0
        if command == "confirm":
            client_access.confirm_member(ctx, args.username, args.code)
            out.result({"confirmed": args.username}, f"已确认 {args.username} / {args.username} confirmed")
            return 0
        code = reader.read("客户资料恢复码", "the client-data recovery code")
        new_code = client_access.confirm_self_with_recovery_code(ctx, code)
        _print_code(out, new_code, {"recovered": True})
        return 0


def _request(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.terminal import SecretReader
    from desktop_app.cli.totp_commands import sign_in_reading_code
    from desktop_app.services import sign_in
    from desktop_app.services.context import build_context

    ctx = build_context(args.data_dir)
    reader = SecretReader(args.password_stdin)
    current = reader.read("当前密码", "the current password")
    new = reader.read("新密码", "the new password", confirm=True)
    me = sign_in_reading_code(ctx, args.as_user, current, reader)
    session = me.session
    try:
        if session.client_access not in ("pending", "not_set_up"):
            out.result(
                {"client_access": session.client_access, "confirmation_code": ""},
                "无需确认 / nothing to confirm",
            )
            return 0
        sign_in.change_password(me, current, new)
        code = session.confirmation_code
    finally:
        sign_in.sign_out(me)
    out.result(
        {"client_access": session.client_access, "confirmation_code": code},
        "密码已修改。请当面把确认码读给店长 / password changed; read this code to a manager in person:\n\n"
        f"    {code}\n",
    )
    return 0


def _print_code(out: Output, code: str, extra: dict[str, object]) -> None:
    from desktop_app.domain.recovery_code import format_code

    text = (
        "客户资料恢复码（只显示这一次；由店长锁入保险柜，不要交给 IT）/ Client-data recovery code (shown once; "
        "the manager keeps it in a safe, never IT):\n\n"
        f"    {format_code(code)}\n"
    )
    out.result({**extra, "client_recovery_code": format_code(code)}, text)
