"""The schedule part of ``branchvault backup``: ``schedule`` and ``drill``.

``backup schedule --as USER --password-stdin [--time HH:MM --folder DIR --generations N | --off]
[--json]`` shows the schedule and the backup status (anyone who may open the Security area's backups:
IT, managers), or changes it (services/backup_schedule.set_schedule: ``backup.run``, audited
``backup.schedule``). ``backup drill [FILE] --as USER --password-stdin [--json]`` runs a restore drill
on FILE or the newest backup in the schedule's folder (services/backup_drill.py), opening the backup
with the same password (the member's slot *in the backup*); ``--recovery-code-stdin`` reads the
database recovery code as the next line instead (a password changed since the backup).
Exit codes 0 done (a drill that passed), 1 refused or failed (a drill that failed), 2 usage.
``cli/backup_commands.py`` calls ``add_backup_schedule_parsers`` on its subparsers and hands the
subcommands it does not know to ``cmd_backup_schedule``. Imports stay inside the handlers.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.domain.errors import InvalidInput

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.services.backup_schedule import BackupOverview

SCHEDULE_ACTIONS = ("schedule", "drill")

SCHEDULE_EPILOG = """exit codes / 退出码:
  0  shown or changed / 已显示或已修改
  1  refused (not IT or a manager) or failed / 被拒绝（非 IT 或店长）或失败
  2  usage error: a bad time, folder or number / 用法错误：时间、文件夹或份数无效

The folder must exist, be writable and lie outside the data directory (a USB disk, a network share).
"""

DRILL_EPILOG = """exit codes / 退出码:
  0  the drill passed and was recorded / 演练通过并已记录
  1  the drill failed (recorded), wrong password, or refused / 演练失败（已记录）、密码错误或被拒绝
  2  usage error / 用法错误
"""


def add_backup_schedule_parsers(backup_sub: Any, common: Any = None) -> None:
    """Add ``backup schedule`` and ``backup drill`` to the ``backup`` subparsers."""
    if common is None:
        from desktop_app.cli.parser import _common as common  # the one option builder
    p = backup_sub.add_parser(
        "schedule",
        help="show or set the scheduled backup (IT, managers)",
        epilog=SCHEDULE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p, as_user=True)
    p.add_argument("--time", metavar="HH:MM", help="time of day, Beijing time (24-hour)")
    p.add_argument(
        "--folder", metavar="DIR", help="the folder the backups go to (a USB disk, a network share)"
    )
    p.add_argument("--generations", type=int, metavar="N", help="how many backups to keep")
    p.add_argument("--off", action="store_true", help="turn the scheduled backup off")
    d = backup_sub.add_parser(
        "drill",
        help="restore drill: open the latest (or FILE) backup in a temporary place, check it, record it",
        epilog=DRILL_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(d, as_user=True)
    d.add_argument("file", nargs="?", help="the backup file (default: the newest in the schedule's folder)")
    d.add_argument(
        "--recovery-code-stdin",
        action="store_true",
        help="open the backup with the database recovery code (next line of standard input)",
    )


def _when(timestamp: float | None) -> str:
    if timestamp is None:
        return "—"
    from datetime import datetime

    from desktop_app.domain.branch_time import BRANCH_TIME

    return datetime.fromtimestamp(timestamp, BRANCH_TIME).strftime("%Y-%m-%d %H:%M")


def _status_data(state: BackupOverview) -> dict[str, object]:
    last, verified, drill, failure = (
        state.last_backup,
        state.last_verified_backup,
        state.last_drill,
        state.last_failure,
    )
    return {
        "schedule": {
            "enabled": state.schedule.enabled,
            "time": state.schedule.time,
            "folder": state.schedule.folder,
            "generations": state.schedule.generations,
        },
        "next_run_beijing": _when(state.next_run_at) if state.next_run_at is not None else None,
        "last_backup": None if last is None else {"at": last.at, "file": last.file_name, "size": last.size},
        "last_failure": None if failure is None else {"at": failure.at, "reason": list(failure.findings)[:1]},
        "last_verified_backup": None if verified is None else {"at": verified.at, "file": verified.file_name},
        "last_drill": None if drill is None else {"at": drill.at, "by": drill.by_username},
        "backup_overdue": state.backup_overdue,
        "drill_overdue": state.drill_overdue,
        "backup_max_age_days": state.max_age_days,
        "restore_drill_days": state.drill_days,
    }


def _status_text(state: BackupOverview) -> str:
    s = state.schedule
    on = (
        f"开 on  {s.time}（北京时间 Beijing time） → {s.folder}，保留 keep {s.generations}"
        if s.enabled
        else "关 off"
    )
    lines = [f"定时备份 Scheduled backup: {on}"]
    if state.next_run_at is not None:
        lines.append(f"下次 Next: {_when(state.next_run_at)}")
    last = state.last_backup
    lines.append(
        f"最近备份 Last backup: {'—' if last is None else f'{last.at}  {last.file_name}  {last.size} B'}"
    )
    if state.last_failure is not None:
        reason = ", ".join(state.last_failure.findings)
        lines.append(f"最近失败 Last failure: {state.last_failure.at}  {reason}")
    verified = state.last_verified_backup
    flag = "  ✗ 已逾期 OVERDUE" if state.backup_overdue else ""
    lines.append(
        f"经校验的备份 Verified backup: {'—' if verified is None else verified.at}"
        f"（要求 {state.max_age_days} 天内 / within {state.max_age_days} days）{flag}"
    )
    drill = state.last_drill
    flag = "  ✗ 已逾期 OVERDUE" if state.drill_overdue else ""
    lines.append(
        f"恢复演练 Restore drill: {'—' if drill is None else f'{drill.at}  {drill.by_username}'}"
        f"（要求 {state.drill_days} 天内 / within {state.drill_days} days）{flag}"
    )
    return "\n".join(lines)


def _schedule(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.services.backup_schedule import overview, schedule, set_schedule

    changing = args.off or any(v is not None for v in (args.time, args.folder, args.generations))
    if args.off and any(v is not None for v in (args.time, args.folder, args.generations)):
        raise InvalidInput("--off 不能与其他设置同时使用。", "--off cannot be combined with other settings.")
    with signed_in(args) as (me, _):
        if changing:
            current = schedule(me)
            set_schedule(
                me,
                enabled=not args.off,
                time=args.time if args.time is not None else current.time,
                folder=args.folder if args.folder is not None else current.folder,
                generations=args.generations if args.generations is not None else current.generations,
            )
        state = overview(me)
    header = "已修改 Changed.\n" if changing else ""
    out.result(_status_data(state), header + _status_text(state))
    return 0


def _drill(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.services.backup_drill import run_restore_drill

    with signed_in(args) as (me, reader):
        password, recovery = reader.first or "", ""
        if args.recovery_code_stdin:
            recovery, password = reader.read("数据库恢复码", "the database recovery code"), ""
        outcome = run_restore_drill(
            me, Path(args.file) if args.file else None, password=password, recovery_code=recovery
        )
    data = {
        "ok": outcome.ok,
        "file": str(outcome.path),
        "seconds": outcome.seconds,
        "problems": [{"name": p.name, "message_zh": p.zh, "message_en": p.en} for p in outcome.problems],
        "clients_checked": outcome.clients_checked,
        "run_id": outcome.run_id,
    }
    if outcome.ok:
        text = (
            f"恢复演练通过 Restore drill passed: {outcome.path} ({outcome.seconds:.1f} s)，已记录 recorded."
        )
    else:
        text = f"恢复演练失败 Restore drill FAILED: {outcome.path}\n" + "\n".join(
            f"{p.name}: {p.zh} / {p.en}" for p in outcome.problems
        )
    if outcome.ok and not outcome.clients_checked:
        text += (
            "\n客户数据库只核对了哈希（您没有客户数据密钥）；其内容需店长检查。"
            "\nclients.db was checked by its hash only (you hold no client-data key); a manager checks its contents."
        )
    out.result(data, text)
    return 0 if outcome.ok else 1


def cmd_backup_schedule(args: argparse.Namespace, out: Output) -> int:
    """Run ``backup schedule`` / ``backup drill``; 2 (usage) for anything else."""
    command = getattr(args, "backup_command", None)
    if command == "schedule":
        return _schedule(args, out)
    if command == "drill":
        return _drill(args, out)
    return 2
