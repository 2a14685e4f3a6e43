"""``branchvault totp …``: two-factor sign-in on the same services as the Session menu's
"Two-factor authentication…" (services/second_factor.py).

``enrol`` (a manager or IT administrator: prints the secret in groups, the ``otpauth://`` URI and a
terminal QR code, reads the code the app then shows as the next line, prints the ten recovery codes
once), ``status`` (one's own) and ``reset USER`` (IT: a lost phone; the member enrols again). Each
with ``--as USER --password-stdin [--json]``. Every command that signs in reads the member's code as
the next line of ``--password-stdin`` (a prompt on a terminal) when they are enrolled
(``sign_in_reading_code``); a recovery code is accepted there too. Exit codes 0 done, 1 refused or
failed, 2 usage. Imports stay inside the handlers: ``branchvault`` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output, SecretReader
    from desktop_app.services.context import AppContext
    from desktop_app.services.signed_in import SignedIn


def sign_in_reading_code(ctx: AppContext, username: str, password: str, reader: SecretReader) -> SignedIn:
    """Sign in; when the member must give a TOTP code, read it (next stdin line or a prompt) and
    sign in again with it. A wrong code counts towards the lockout like a wrong password."""
    from desktop_app.services import sign_in
    from desktop_app.services.second_factor import SecondFactorRequired

    try:
        return sign_in.sign_in(ctx, username, password)
    except SecondFactorRequired:
        code = reader.read(
            "身份验证器中的 6 位动态码（或恢复码）", "the 6-digit authenticator code (or a recovery code)"
        )
        return sign_in.sign_in(ctx, username, password, totp_code=code)


def add_totp_parser(sub: Any, common: Any) -> Any:
    actions = sub.add_parser(
        "totp", help="two-factor sign-in with an authenticator app (managers, IT)"
    ).add_subparsers(dest="totp_command", metavar="ACTION", required=True)
    p = actions.add_parser(
        "enrol", help="set up (or replace) your authenticator: the code it shows is read as the next line"
    )
    common(p, as_user=True)
    p = actions.add_parser("status", help="whether you are enrolled, required to be, recovery codes left")
    common(p, as_user=True)
    p = actions.add_parser("reset", help="IT: remove a member's authenticator (lost phone); they enrol again")
    common(p, as_user=True)
    p.add_argument("username", metavar="USER")
    return actions


def cmd_totp(args: argparse.Namespace, out: Output) -> int:
    """The ``totp`` command's handler (``commands.HANDLERS["totp"]``)."""
    from desktop_app.cli.commands import signed_in
    from desktop_app.documents.qr_matrix import terminal_qr
    from desktop_app.domain.second_factor_rules import group_secret
    from desktop_app.services import second_factor

    action = args.totp_command
    with signed_in(args, allow_must_enrol=action in ("enrol", "status")) as (me, reader):
        if action == "enrol":
            pending = second_factor.start_enrolment(me)
            print(
                "用身份验证器应用扫描二维码，或手动输入密钥：\n"
                "Scan the QR code with your authenticator app, or type the secret:\n\n"
                f"{terminal_qr(pending.uri)}\n\n"
                f"密钥 / secret: {group_secret(pending.secret)}\n"
                f"URI: {pending.uri}\n",
                file=sys.stderr if args.json else sys.stdout,
            )
            sys.stdout.flush()
            code = reader.read("身份验证器显示的 6 位动态码", "the 6-digit code the app shows")
            codes = second_factor.confirm_enrolment(me, pending, code)
            text = (
                "双因素验证已启用。恢复码（每个只能用一次，只显示这一次，请抄写后妥善保管）：\n"
                "Two-factor sign-in is on. Recovery codes (each works once; shown only now, write them down):\n\n"
                + "\n".join(f"    {c}" for c in codes)
            )
            out.result(
                {"enrolled": True, "secret": pending.secret, "uri": pending.uri, "recovery_codes": codes},
                text,
            )
            return 0
        if action == "status":
            st = second_factor.status(me)
            data = {
                "username": st.username,
                "role": st.role.value,
                "required": st.required,
                "enrolled": st.enrolled,
                "enrolled_at": st.enrolled_at,
                "last_used_at": st.last_used_at,
                "recovery_codes_left": st.recovery_codes_left,
            }
            text = (
                f"已启用 / enrolled: {'是 yes' if st.enrolled else '否 no'}\n"
                f"本门店要求 / required: {'是 yes' if st.required else '否 no'}\n"
                f"启用时间 / enrolled at: {st.enrolled_at or '-'}\n"
                f"上次使用 / last used: {st.last_used_at or '-'}\n"
                f"剩余恢复码 / recovery codes left: {st.recovery_codes_left}"
            )
            out.result(data, text)
            return 0
        removed = second_factor.reset(me, args.username)
        out.result(
            {"username": args.username, "removed": removed},
            f"已移除 {args.username} 的双因素验证，下次登录时重新设置 / {args.username}'s authenticator removed; "
            "they set one up again at their next sign-in"
            if removed
            else f"{args.username} 没有设置双因素验证 / {args.username} had no authenticator",
        )
        return 0
