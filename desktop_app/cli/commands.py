"""The handlers behind each ``branchvault`` command: parse nothing, call services, print results."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.access_commands import cmd_access
from desktop_app.cli.access_review_commands import cmd_access_review
from desktop_app.cli.alerts_commands import cmd_alerts
from desktop_app.cli.backup_commands import cmd_backup
from desktop_app.cli.check_commands import cmd_check
from desktop_app.cli.config_command import cmd_config
from desktop_app.cli.consent_commands import cmd_consent
from desktop_app.cli.education_commands import cmd_education
from desktop_app.cli.gui_launch import cmd_gui, start_gui
from desktop_app.cli.hq_commands import cmd_export_or_sync, cmd_hq
from desktop_app.cli.incident_commands import cmd_incident
from desktop_app.cli.logreview_commands import cmd_logreview
from desktop_app.cli.notice_details import NoticeDetailsMissing, option_name
from desktop_app.cli.output_option import output_path
from desktop_app.cli.programme_commands import cmd_programme
from desktop_app.cli.provision_command import cmd_provision
from desktop_app.cli.review_commands import cmd_review
from desktop_app.cli.survey_commands import cmd_survey
from desktop_app.cli.terminal import Output, SecretReader
from desktop_app.cli.totp_commands import cmd_totp, sign_in_reading_code
from desktop_app.cli.training_commands import cmd_training
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.privacy_notice import missing_notice_details
from desktop_app.domain.recovery_code import format_code
from desktop_app.domain.roles import parse_role
from desktop_app.domain.second_factor_rules import group_secret
from desktop_app.services import audit_review, key_rotation, sign_in, staff_accounts
from desktop_app.services.branch_setup import BranchDetails, init_branch, validate_branch
from desktop_app.services.context import build_context
from desktop_app.services.second_factor import MustEnrolSecondFactor
from desktop_app.services.signed_in import SignedIn

if TYPE_CHECKING:
    from desktop_app.services.privacy_notices import NoticeVersion

Handler = Callable[[argparse.Namespace, Output], int]


class MustChangePassword(BranchVaultError):
    code = "must_change_password"

    def __init__(self) -> None:
        super().__init__(
            "必须先修改密码（临时密码或密码已过期）：请运行 branchvault passwd。",
            "You must change your password first (temporary or expired): run `branchvault passwd`.",
        )


@contextmanager
def signed_in(
    args: argparse.Namespace, *, allow_must_change: bool = False, allow_must_enrol: bool = False
) -> Iterator[tuple[SignedIn, SecretReader]]:
    ctx = build_context(args.data_dir)
    reader = SecretReader(args.password_stdin)
    password = reader.read("密码", "the password")
    me = sign_in_reading_code(ctx, args.as_user, password, reader)
    for notice in me.session.notices:  # e.g. an edited branch.toml restored, the audit log rolled back
        print(notice.bilingual(), file=sys.stderr)
    try:
        if me.session.must_change_password and not allow_must_change:
            raise MustChangePassword()
        if me.session.must_enrol_second_factor and not (allow_must_change or allow_must_enrol):
            raise MustEnrolSecondFactor()
        yield me, reader
    finally:
        sign_in.sign_out(me)


def _print_recovery_code(out: Output, code: str, extra: dict[str, object]) -> None:
    text = (
        "恢复码（只显示这一次，请抄写或打印后锁入保险柜）/ Recovery code (shown once; store it safely):\n\n"
        f"    {format_code(code)}\n"
    )
    out.result({**extra, "recovery_code": format_code(code)}, text)


def _parse_security_settings(items: list[str]) -> dict[str, object]:
    settings: dict[str, object] = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError(item)
            settings[name.strip()] = float(value) if "." in value else int(value)
        except ValueError:
            raise InvalidInput(
                f"安全设置格式应为 名称=数值：{item}", f"A security setting is NAME=NUMBER: {item}"
            ) from None
    return settings


def cmd_init(args: argparse.Namespace, out: Output) -> int:
    ctx = build_context(args.data_dir)
    sheet = output_path(args.recovery_sheet, args.data_dir, force=args.force) if args.recovery_sheet else None
    if not args.no_keyring:  # before asking for the password: no point typing it twice for nothing
        status = ctx.secrets.status()
        if not status.usable:
            from desktop_app.store.device_secret import KeyringUnavailable

            raise KeyringUnavailable(f"{status.backend}: {status.reason}")
    details = BranchDetails(
        args.branch_code,
        args.branch_name,
        args.company_name,
        args.company_contact,
        args.hq_url,
        args.hq_name,
        args.hq_contact,
    )
    validate_branch(details)  # before the password: a wrong value is a usage error, nothing asked
    missing = missing_notice_details(vars(args))
    if missing and not args.notice_details_later:
        raise NoticeDetailsMissing(missing)
    password = SecretReader(args.password_stdin).read("管理员密码", "the admin password", confirm=True)
    result = init_branch(
        ctx,
        details,
        admin_username=args.admin_username,
        admin_display_name=args.admin_display_name or args.admin_username,
        admin_password=password,
        use_keyring=not args.no_keyring,
        security=_parse_security_settings(args.security_setting),
    )
    sign_in.sign_out(result.signed_in)
    # The branch exists now: whatever happens next, the recovery code must still be shown.
    sheet_error: BranchVaultError | None = None
    if sheet is not None:
        try:
            from desktop_app.documents.recovery_sheet import recovery_sheet_pdf
            from desktop_app.store.output_paths import write_output

            pdf = recovery_sheet_pdf(result.config.letterhead(), result.recovery_code, datetime.now())
            write_output(sheet, pdf, data_dir=ctx.paths.root, overwrite=args.force)
        except Exception as exc:
            sheet_error = BranchVaultError(
                f"门店已建立，但恢复码页面未能写入 {sheet}（{type(exc).__name__}: {exc}）。请抄下上面的恢复码。",
                f"The branch is set up, but the recovery sheet could not be written to {sheet} "
                f"({type(exc).__name__}: {exc}). Copy the recovery code shown above.",
                code="recovery_sheet_failed",
            )
    extra: dict[str, object] = {
        "branch_id": result.config.branch_id,
        "branch_code": result.config.branch_code,
        "data_dir": str(ctx.paths.root),
        "keyring": result.config.use_keyring,
        "recovery_sheet": str(sheet) if sheet is not None and sheet_error is None else None,
    }
    if sheet_error is not None:
        extra["recovery_sheet_error"] = {"message_zh": sheet_error.zh, "message_en": sheet_error.en}
    if missing:
        extra["notice_details_missing"] = [option_name(name) for name in missing]
    _print_recovery_code(out, result.recovery_code, extra)
    if ctx.policy.totp_it_admin and not out.as_json:
        print(
            "本门店要求 IT 管理员使用双因素验证：下一步请运行 branchvault totp enrol --as "
            f"{args.admin_username} 设置身份验证器。\nThis branch requires two-factor sign-in for IT: "
            f"next, set up your authenticator with branchvault totp enrol --as {args.admin_username}."
        )
    if missing:
        print(NoticeDetailsMissing(missing, later=True).bilingual(), file=sys.stderr)
    if sheet_error is not None:
        print(sheet_error.bilingual(), file=sys.stderr)
    return 1 if sheet_error is not None else 0


def cmd_user(args: argparse.Namespace, out: Output) -> int:
    if args.user_command == "add":  # a usage error needs no password
        try:
            role = parse_role(args.role)
        except ValueError:
            raise InvalidInput(
                "角色须为 agent、manager、it_admin 或 auditor。",
                "The role is one of agent, manager, it_admin, auditor.",
            ) from None
    with signed_in(args) as (ctx, _):
        if args.user_command == "add":
            member, password = staff_accounts.add_staff(ctx, args.username, args.display_name, role)
            out.result(
                {"username": member.username, "role": member.role.value, "temporary_password": password},
                f"已添加 / added {member.username} ({member.role.label_zh} / {member.role.label_en})\n"
                f"一次性临时密码 / one-time temporary password: {password}",
            )
        elif args.user_command == "list":
            members = staff_accounts.list_staff(ctx)
            rows = [
                {
                    "username": m.username,
                    "display_name": m.display_name,
                    "role": m.role.value,
                    "active": m.active,
                    "must_change_password": m.must_change_password,
                }
                for m in members
            ]
            text = "\n".join(
                f"{m.username:<20} {m.role.value:<9} {'active' if m.active else 'disabled':<9} "
                f"{m.display_name}"
                for m in members
            )
            out.result({"staff": rows}, text)
        elif args.user_command == "disable":
            staff_accounts.disable_staff(ctx, args.username)
            out.result({"username": args.username, "active": False}, f"已停用 / disabled {args.username}")
        elif args.user_command == "reset-password":
            password = staff_accounts.reset_password(ctx, args.username)
            out.result(
                {"username": args.username, "temporary_password": password},
                f"一次性临时密码 / one-time temporary password for {args.username}: {password}",
            )
    return 0


def cmd_passwd(args: argparse.Namespace, out: Output) -> int:
    ctx = build_context(args.data_dir)
    reader = SecretReader(args.password_stdin)
    current = reader.read("当前密码", "the current password")
    new = reader.read("新密码", "the new password", confirm=True)
    me = sign_in_reading_code(ctx, args.as_user, current, reader)
    for notice in me.session.notices:
        print(notice.bilingual(), file=sys.stderr)
    try:
        sign_in.change_password(me, current, new)
    finally:
        sign_in.sign_out(me)
    out.result({"username": args.as_user, "changed": True}, "密码已修改 / password changed")
    return 0


def cmd_audit(args: argparse.Namespace, out: Output) -> int:
    out_path = (
        output_path(args.out, args.data_dir, force=args.force) if args.audit_command == "export" else None
    )
    with signed_in(args) as (ctx, _):
        if args.audit_command == "verify":
            from desktop_app.cli.audit_verify_output import verification_data, verification_text

            result = audit_review.verify(ctx)
            out.result(verification_data(result), verification_text(result))
            return 0 if result.ok else 1
        assert out_path is not None
        count = audit_review.export_jsonl(ctx, out_path, overwrite=args.force)
        out.result({"exported": count, "out": str(out_path)}, f"已导出 {count} 条 / exported {count} entries")
    return 0


def cmd_rekey(args: argparse.Namespace, out: Output) -> int:
    with signed_in(args) as (ctx, _):
        count = key_rotation.rotate_database_key(ctx)
    out.result({"rekeyed": True, "slots": count}, f"数据库密钥已轮换 / database key rotated ({count} slots)")
    return 0


def cmd_recover(args: argparse.Namespace, out: Output) -> int:
    ctx = build_context(args.data_dir)
    code = SecretReader(args.password_stdin).read("恢复码", "the recovery code")
    result = key_rotation.recover_access(
        ctx, code, args.username, replace_device_secret=args.new_device_secret
    )
    lines = [f"{result.username} 的一次性临时密码 / one-time temporary password: {result.temporary_password}"]
    if result.device_secret_replaced:
        lines.append(
            "本机设备密钥已重新生成；以下员工需由 IT 重置密码 / device secret replaced; reset these "
            "staff passwords: " + (", ".join(result.users_needing_reset) or "-")
        )
    lines.append(
        f"新恢复码（旧恢复码已作废）/ new recovery code (the old one no longer works):\n\n"
        f"    {format_code(result.new_recovery_code)}\n"
    )
    out.result(
        {
            "username": result.username,
            "temporary_password": result.temporary_password,
            "recovery_code": format_code(result.new_recovery_code),
            "device_secret_replaced": result.device_secret_replaced,
            "users_needing_reset": result.users_needing_reset,
        },
        "\n".join(lines),
    )
    return 0


def cmd_self_test(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.self_test import run_all_checks

    checks = run_all_checks()
    ok = all(c.ok for c in checks if c.required)
    text = "\n".join(
        f"[{'OK' if c.ok else ('FAIL' if c.required else 'WARN')}] {c.name}: {c.detail}" for c in checks
    )
    out.result({"ok": ok, "checks": [c.__dict__ for c in checks]}, text)
    return 0 if ok else 1


def cmd_demo(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.services.demo_profile import DEMO_USERS, create_demo_profile, demo_client_counts

    if not args.no_gui:  # say so before building a profile no window can show
        from desktop_app.cli.display_check import require_usable_display

        require_usable_display()
    ctx = create_demo_profile(Path(args.data_dir) if args.data_dir else None, clients=args.clients)
    counts = demo_client_counts(args.clients)
    users = [
        {
            "username": u.username,
            "role": u.role.value,
            "password": u.password,
            "clients": counts.get(u.username, 0),
        }
        for u in DEMO_USERS
    ]
    text = "\n".join(
        [f"演示门店 / demo branch: {ctx.paths.root}"]
        + [f"  {u.role.label_zh:<8} {u.username:<12} {u.password}" for u in DEMO_USERS]
        + [f"虚构客户 / synthetic clients: {args.clients}"]
    )
    from desktop_app.services.demo_totp_security import (
        DEMO_TOTP_SECRET,
        DEMO_TOTP_USER,
        SHOWN_RECOVERY_CODES,
        demo_recovery_codes,
        demo_totp_uri,
    )

    codes = demo_recovery_codes()[:SHOWN_RECOVERY_CODES]
    totp = {
        "username": DEMO_TOTP_USER.username,
        "secret": DEMO_TOTP_SECRET,
        "uri": demo_totp_uri(),
        "recovery_codes": codes,
    }
    text += (
        f"\n{DEMO_TOTP_USER.username} 登录还需身份验证器动态码（演示密钥 / demo TOTP secret）: "
        f"{group_secret(DEMO_TOTP_SECRET)}\n  {demo_totp_uri()}\n"
        f"  或恢复码 / or a recovery code: {', '.join(codes)}"
    )
    out.result({"data_dir": str(ctx.paths.root), "users": users, "clients": args.clients, "totp": totp}, text)
    if args.no_gui:
        return 0
    try:
        return start_gui(ctx.paths.root, demo=True)
    finally:
        if not args.data_dir:  # a throw-away profile in a temporary directory goes when the app closes
            shutil.rmtree(ctx.paths.root, ignore_errors=True)


def cmd_clients(args: argparse.Namespace, out: Output) -> int:
    if getattr(args, "clients_command", "count") == "import":
        return _clients_import(args, out)
    if getattr(args, "clients_command", "count") == "destroy":
        from desktop_app.cli.destroy_command import run_destroy

        return run_destroy(args, out)
    from desktop_app.services.client_directory import count_clients

    with signed_in(args) as (ctx, _):
        count = count_clients(ctx)
    out.result(
        {"username": args.as_user, "clients": count},
        f"{args.as_user} 可查看的客户 / clients {args.as_user} can see: {count}",
    )
    return 0


def _header_maps(items: list[str]) -> dict[str, str]:
    """``--map "HEADER=field"`` options as {header: field} (the field is checked by the service)."""
    maps: dict[str, str] = {}
    for item in items:
        header, sep, target = item.rpartition("=")
        if not sep or not header.strip() or not target.strip():
            raise InvalidInput(
                f"列对应的格式应为 列名=字段：{item}", f"A column mapping is HEADER=FIELD: {item}"
            )
        maps[header.strip()] = target.strip()
    return maps


def _clients_import(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.domain.import_rows import dropped_reason_text
    from desktop_app.services.client_import import ImportOptions, export_rejects, import_clients

    source = Path(args.file).expanduser()
    rejects_out = Path(args.rejects_out).expanduser() if args.rejects_out else None
    if rejects_out is not None and rejects_out.resolve() == source.resolve():
        raise InvalidInput(
            "退回行文件不能覆盖源文件，请换一个文件名。",
            "The rejects file must not overwrite the source file; choose another name.",
        )
    if rejects_out is not None:
        from desktop_app.store.spreadsheet_writer import table_format

        table_format(rejects_out)  # .xlsx or .csv, else a usage error before any work
        rejects_out = output_path(args.rejects_out, args.data_dir, force=args.force)
    options = ImportOptions(
        on_duplicate=args.on_duplicate,
        assign_to=args.assign_to,
        consent_confirmed=args.consent_confirmed,
        mapping=_header_maps(args.map),
        mapping_for_branch=args.save_mapping_for_branch,
    )
    with signed_in(args) as (ctx, _):
        report = import_clients(ctx, source, options)
        if rejects_out is not None and report.rejected:
            export_rejects(ctx, report, rejects_out, overwrite=args.force)
    written = str(rejects_out) if rejects_out is not None and report.rejected else None
    data = {
        "rows": report.rows,
        "imported": report.imported,
        "merged": report.merged,
        "duplicates": report.duplicates,
        "duplicates_skipped": report.duplicates_skipped,
        "duplicates_in_file": report.duplicates_in_file,
        "duplicates_for_manager": report.duplicates_for_manager,
        "rejected": report.refused,
        "dropped_fields": report.dropped_fields,
        "dropped": dict(report.dropped),
        "assigned_to": report.assigned_to,
        "rejected_rows": [
            {
                "row": r.row_number,
                "field": r.field,
                "message_zh": r.message_zh,
                "message_en": r.message_en,
                "duplicate": r.duplicate,
                "problems": [
                    {
                        "field": p.field,
                        "reason": p.reason,
                        "message_zh": p.message_zh,
                        "message_en": p.message_en,
                    }
                    for p in r.problems
                ],
            }
            for r in report.rejected
        ],
        "rejects_out": written,
        "reminder_zh": report.reminder_zh,
        "reminder_en": report.reminder_en,
    }
    lines = [
        f"已导入 / imported: {report.imported}（分配给 / assigned to {report.assigned_to}）",
        f"已合并（或待店长审核）/ merged (or held for the manager's review): {report.merged}",
        f"重复 / duplicates: {report.duplicates}（文件内重复 / repeated in the file: "
        f"{report.duplicates_in_file}"
        + (
            f"；待店长审核 / held for the manager's review: {report.duplicates_for_manager}）"
            if report.duplicates_for_manager
            else "）"
        ),
        f"未导入（有错误）/ rejected: {report.refused}",
        *(
            f"  第 {r.row_number} 行 / row {r.row_number}: {r.reasons_zh} / {r.reasons_en}"
            for r in report.rejected
        ),
        f"未保存的敏感字段 / sensitive fields dropped: {report.dropped_fields}",
    ]
    for reason, count in sorted(report.dropped.items()):
        zh, en = dropped_reason_text(reason)
        lines.append(f"  {count}：{zh} / {en}")
    if written:
        lines.append(f"退回行已写入（含个人信息）/ rejected rows written (personal data): {written}")
    lines.append(f"{report.reminder_zh}\n{report.reminder_en}")
    out.result(data, "\n".join(lines))
    nothing_done = report.imported == 0 and report.merged == 0
    return 1 if nothing_done and report.refused else 0


def cmd_notice(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.services import privacy_notices

    source = Path(args.file).expanduser() if args.notice_command == "publish" else None
    with signed_in(args) as (ctx, _):
        if source is None:
            versions = privacy_notices.list_notice_versions(ctx)
            rows = [_notice_row(v) for v in versions]
            text = "\n".join(
                f"{'*' if v.current else ' '} {v.version:<16} {v.effective.isoformat()}  {v.published_at}  "
                f"{v.hash_prefix}  {v.published_by or '（程序附带 / bundled）'}"
                for v in versions
            )
            out.result({"versions": rows}, text + "\n* 现行版本 / current version")
            return 0
        done = privacy_notices.publish_notice(ctx, source)
    ask = sorted(done.ask_again, key=str)
    lines = [
        f"已发布 / published {done.published.version} (sha256 {done.published.content_hash})",
        f"上一版本 / previous: {done.previous.version}",
        "需重新征得同意的目的 / consents to ask again: "
        + ("; ".join(f"{p.label_zh} / {p.label_en}" for p in ask) if ask else "无 / none"),
    ]
    out.result(
        {
            **_notice_row(done.published),
            "previous_version": done.previous.version,
            "needs_reconsent": done.changes.needs_reconsent,
            "ask_again": [str(p) for p in ask],
        },
        "\n".join(lines),
    )
    return 0


def _notice_row(version: NoticeVersion) -> dict[str, object]:
    return {
        "version": version.version,
        "effective": version.effective.isoformat(),
        "published_at": version.published_at,
        "published_by": version.published_by,
        "source": version.source,
        "current": version.current,
        "content_hash": version.content_hash,
    }


HANDLERS: dict[str, Handler] = {
    "access": cmd_access,
    "consent": cmd_consent,
    "export": cmd_export_or_sync,
    "init": cmd_init,
    "user": cmd_user,
    "passwd": cmd_passwd,
    "audit": cmd_audit,
    "rekey": cmd_rekey,
    "recover": cmd_recover,
    "self-test": cmd_self_test,
    "demo": cmd_demo,
    "clients": cmd_clients,
    "notice": cmd_notice,
    "provision": cmd_provision,
    "config": cmd_config,
    "hq": cmd_hq,
    "programme": cmd_programme,
    "training": cmd_training,
    "education": cmd_education,
    "review": cmd_review,
    "survey": cmd_survey,
    "incident": cmd_incident,
    "alerts": cmd_alerts,
    "log-review": cmd_logreview,
    "access-review": cmd_access_review,
    "check": cmd_check,
    "backup": cmd_backup,
    "totp": cmd_totp,
    "gui": cmd_gui,
}
