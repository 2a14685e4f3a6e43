"""``branchvault backup …``: encrypted backups from the command line (services/backups.py).

- ``backup create --out DIR --as USER --password-stdin [--json]``: IT or a manager writes one
  ``.bvbackup`` file into DIR (outside the data directory), audited ``backup.create``.
- ``backup verify FILE (--as USER --password-stdin | --recovery-code-stdin) [--json]``: opens the
  backup with its own slots in a private temporary folder and checks everything; exit 1 naming
  what is wrong. With ``--as`` it also signs in to the live branch to record the verification
  (``backup.verify``); if the live branch cannot be opened (a disaster) it still verifies and says
  nothing was recorded.
- ``backup restore FILE --as USER (--password-stdin | --recovery-code-stdin) (--data-dir NEW |
  --replace-current --yes)``: into the empty or absent folder NEW, or in place of the current
  data (``--data-dir`` then names the current data, default as usual), which is moved aside first.
- ``backup list --as USER --password-stdin [--folder DIR] [--json]``: the history and status, and
  this branch's backups in DIR.
- ``schedule`` / ``drill``: cli/backup_schedule_commands.py (the schedule part).

Exit codes 0 done, 1 refused or failed (a backup that fails verification), 2 usage. Imports stay
inside the handlers.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli.backup_schedule_commands import add_backup_schedule_parsers, cmd_backup_schedule
from desktop_app.domain.errors import BranchVaultError, InvalidInput

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output, SecretReader
    from desktop_app.services.backups import BackupVerification

OWN_ACTIONS = ("create", "verify", "restore", "list")

EPILOG = """exit codes / 退出码:
  0  done / 完成
  1  refused, failed, or the backup failed verification / 被拒绝、失败，或备份未通过验证
  2  usage error / 用法错误

What is in a backup, where to keep it and how to restore: README "Backups and restore".
"""


def _data_dir(p: argparse.ArgumentParser, help_text: str) -> None:
    p.add_argument("--data-dir", help=help_text)
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _opening(p: argparse.ArgumentParser, *, as_required: bool) -> None:
    p.add_argument(
        "--as", dest="as_user", required=as_required, metavar="USERNAME", help="staff member acting"
    )
    how = p.add_mutually_exclusive_group()
    how.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    how.add_argument(
        "--recovery-code-stdin",
        action="store_true",
        help="open the backup with the database recovery code (read from standard input)",
    )


def add_backup_parser(sub: Any, common: Any) -> Any:
    """Add ``backup`` and its actions; returns the actions' parsers."""
    actions = sub.add_parser(
        "backup", help="encrypted backups: create, verify, restore, list, schedule, drill"
    ).add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    formatter = argparse.RawDescriptionHelpFormatter
    p = actions.add_parser(
        "create", help="write a backup into a folder (IT, managers)", epilog=EPILOG, formatter_class=formatter
    )
    common(p, as_user=True)
    p.add_argument("--out", required=True, metavar="DIR", help="the folder (a USB disk, a network share)")
    p = actions.add_parser(
        "verify",
        help="open a backup in a temporary place and check it",
        epilog=EPILOG,
        formatter_class=formatter,
    )
    _data_dir(p, "the live branch, where the verification is recorded (default as usual)")
    _opening(p, as_required=False)
    p.add_argument("file", metavar="FILE", help="the .bvbackup file")
    p = actions.add_parser(
        "restore", help="restore a backup (IT administrators)", epilog=EPILOG, formatter_class=formatter
    )
    _data_dir(p, "the new, empty folder to restore into; with --replace-current: the current data")
    _opening(p, as_required=True)
    p.add_argument("file", metavar="FILE", help="the .bvbackup file")
    p.add_argument(
        "--replace-current",
        action="store_true",
        help="replace the current data (moved aside to <data dir>.before-restore-<time> first)",
    )
    p.add_argument("--yes", action="store_true", help="confirm --replace-current")
    p = actions.add_parser("list", help="backup history and status", epilog=EPILOG, formatter_class=formatter)
    common(p, as_user=True)
    p.add_argument("--folder", metavar="DIR", help="also list this branch's backups in DIR")
    add_backup_schedule_parsers(actions, common)  # schedule, drill (cli/backup_schedule_commands.py)
    return actions


def cmd_backup(args: argparse.Namespace, out: Output) -> int:
    """The ``backup`` command's handler (``commands.HANDLERS["backup"]``)."""
    command = args.backup_command
    if command == "create":
        return _create(args, out)
    if command == "verify":
        return _verify(args, out)
    if command == "restore":
        return _restore(args, out)
    if command == "list":
        return _list(args, out)
    return cmd_backup_schedule(args, out)


def _create(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.services.backups import BackupFolderRefused, backup_folder, create_backup
    from desktop_app.store.data_dir import resolve_data_dir

    try:  # before the password is asked: a mistyped or unplugged folder fails early (usage, exit 2)
        backup_folder(Path(args.out), resolve_data_dir(args.data_dir))
    except BackupFolderRefused as exc:
        raise InvalidInput(exc.zh, exc.en) from None
    with signed_in(args) as (me, _):
        result = create_backup(me, Path(args.out))
    pruned = [p.name for p in result.pruned]
    text = (
        f"备份已写入 Backup written: {result.path}\n"
        f"大小 size: {result.size} 字节 bytes   SHA-256: {result.sha256}\n"
        f"包含审计日志至第 {result.audit_seq} 条 / holds the audit log up to entry {result.audit_seq}"
    )
    if pruned:
        text += "\n按保留规则删除的旧备份 / older backups removed by the retention rule: " + ", ".join(pruned)
    out.result(
        {
            "file": str(result.path),
            "size": result.size,
            "sha256": result.sha256,
            "created_at": result.created_at,
            "audit_seq": result.audit_seq,
            "run_id": result.run_id,
            "lock_held_ms": result.lock_held_ms,
            "pruned": pruned,
        },
        text,
    )
    return 0


def _credentials(args: argparse.Namespace) -> tuple[str, str, SecretReader]:
    """(password, recovery code, the reader): one line of standard input (or a prompt); the reader
    gives the next line (an authenticator code) when the live branch's sign-in asks for one."""
    from desktop_app.cli.terminal import SecretReader

    if args.recovery_code_stdin:
        reader = SecretReader(True)
        return "", reader.read("数据库恢复码", "the database recovery code"), reader
    if not args.as_user:
        raise InvalidInput(
            "请用 --as 用户名 --password-stdin，或 --recovery-code-stdin 打开备份。",
            "Open the backup with --as USERNAME --password-stdin, or with --recovery-code-stdin.",
        )
    reader = SecretReader(args.password_stdin)
    return reader.read("密码", "the password"), "", reader


def _verification_data(verification: BackupVerification) -> dict[str, Any]:
    return {
        "ok": verification.ok,
        "file": str(verification.path),
        "sha256": verification.sha256,
        "clients_checked": verification.clients_checked,
        "recorded_run": verification.recorded_run,
        "manifest": {
            key: verification.manifest.get(key)
            for key in (
                "branch_id",
                "branch_code",
                "created_at",
                "created_by",
                "schema_version",
                "audit_head",
            )
        },
        "findings": [finding.to_dict() for finding in verification.findings.findings],
    }


def _verification_text(verification: BackupVerification, note: str) -> str:
    lines = []
    for finding in verification.findings.findings:
        mark = "—" if finding.skipped else ("✓" if finding.ok else "✗")
        lines.append(f"{mark} {finding.name}: {finding.zh} / {finding.en}")
    head = (
        f"备份验证通过 Backup verified: {verification.path}"
        if verification.ok
        else f"备份未通过验证 Backup FAILED verification: {verification.path}"
    )
    return "\n".join([head, *lines, note]).rstrip()


def _verify(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.totp_commands import sign_in_reading_code
    from desktop_app.services import sign_in
    from desktop_app.services.backups import verify_backup
    from desktop_app.services.context import build_context

    password, recovery, reader = _credentials(args)
    ctx = build_context(args.data_dir)
    path = Path(args.file)
    verification = None
    note = ""
    if args.as_user and not recovery:
        try:
            me = sign_in_reading_code(ctx, args.as_user, password, reader)
        except BranchVaultError as exc:  # the live branch does not open: verify all the same
            note = (
                "未记录：无法登录当前门店数据（"
                + exc.zh
                + "）。\nNot recorded: the live branch could not be "
                "signed in to (" + exc.en + ")."
            )
        else:
            try:
                verification = verify_backup(me, path, username=args.as_user, password=password)
            finally:
                sign_in.sign_out(me)
            note = f"已记录 Recorded (run {verification.recorded_run})."
    else:
        note = "未记录（用恢复码验证时不登录）。\nNot recorded (a verify with the recovery code signs in to nothing)."
    if verification is None:
        verification = verify_backup(
            ctx, path, username=args.as_user or "", password=password, recovery_code=recovery
        )
    out.result({**_verification_data(verification), "note": note}, _verification_text(verification, note))
    return 0 if verification.ok else 1


def _restore(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.services.backups import restore_backup
    from desktop_app.services.context import build_context

    if args.replace_current and not args.yes:
        raise InvalidInput(
            "替换当前数据须加 --yes 确认（当前数据会先移到旁边的文件夹保存）。",
            "Replacing the current data needs --yes to confirm (the current data is moved aside first).",
        )
    if not args.replace_current and not args.data_dir:
        raise InvalidInput(
            "请用 --data-dir 指定一个新的空文件夹，或用 --replace-current --yes 替换当前数据。",
            "Give a new, empty folder with --data-dir, or replace the current data with --replace-current --yes.",
        )
    password, recovery, _reader = _credentials(args)
    if args.replace_current:
        ctx = build_context(args.data_dir)
        target = None
    else:
        ctx = build_context(None)
        target = Path(args.data_dir)
    result = restore_backup(
        ctx,
        Path(args.file),
        username=args.as_user,
        password=password,
        recovery_code=recovery,
        target=target,
        replace_current=args.replace_current,
    )
    lines = [f"已恢复到 Restored into: {result.data_dir}"]
    if result.kept_aside is not None:
        lines.append(f"原有数据已保存在 The data it replaced is kept in: {result.kept_aside}")
    lines.append(
        f"审计日志从备份的第 {result.backup_audit_seq} 条继续 / the audit log continues from the backup's "
        f"entry {result.backup_audit_seq}"
        + (
            f"（被替换的日志到第 {result.replaced_audit_seq} 条 / the replaced log reached {result.replaced_audit_seq}）"
            if result.replaced_audit_seq is not None
            else ""
        )
    )
    if result.pending_destructions:
        lines.append(
            f"备份之后销毁的 {result.pending_destructions} 位客户将在经理或经纪人下次登录时再次销毁 / "
            f"{result.pending_destructions} client(s) destroyed after the backup are destroyed again at the "
            "next manager's or agent's sign-in"
        )
    if not result.live_checked:
        lines.append(
            "注意：无法读取原有数据，备份之后的客户销毁记录无法核对；请经理核对销毁证明。/ Note: the previous data "
            "could not be read, so destructions made after the backup could not be checked; a manager "
            "checks the destruction certificates."
        )
    out.result(
        {
            "data_dir": str(result.data_dir),
            "kept_aside": str(result.kept_aside) if result.kept_aside else None,
            "backup_audit_seq": result.backup_audit_seq,
            "replaced_audit_seq": result.replaced_audit_seq,
            "pending_destructions": result.pending_destructions,
            "live_checked": result.live_checked,
        },
        "\n".join(lines),
    )
    return 0


def _list(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.services.backups import backup_status, backups_in_folder

    with signed_in(args) as (me, _):
        status = backup_status(me)
        files = backups_in_folder(me, Path(args.folder)) if args.folder else []
    runs = [
        {
            "id": run.id,
            "kind": run.kind,
            "at": run.at,
            "by": run.by_username,
            "scheduled": run.scheduled,
            "file": run.file_name,
            "ok": run.ok,
            "findings": list(run.findings),
        }
        for run in status.recent
    ]
    lines = [
        f"上次备份 Last backup: {status.last_created.at if status.last_created else '—'}",
        f"上次验证 Last verified: {status.last_verified.at if status.last_verified else '—'}"
        + ("  ✗ 已逾期 OVERDUE" if status.backup_overdue else ""),
        f"上次恢复演练 Last drill: {status.last_drill.at if status.last_drill else '—'}"
        + ("  ✗ 已逾期 OVERDUE" if status.drill_overdue else ""),
        "",
        *(
            f"{run['id']:>4} {run['at']} {run['kind']:<7} {'ok' if run['ok'] else 'FAILED':<6} {run['by']} {run['file']}"
            for run in runs
        ),
    ]
    if args.folder:
        lines += ["", f"{args.folder}:"] + [f"  {name}  {created}" for name, created in files]
    out.result(
        {
            "backup_overdue": status.backup_overdue,
            "drill_overdue": status.drill_overdue,
            "runs": runs,
            "files": [{"file": name, "created_at": created} for name, created in files],
        },
        "\n".join(lines),
    )
    return 0
