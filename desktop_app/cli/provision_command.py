"""``branchvault provision [--config FILE]``: apply a machine-wide branch configuration, no GUI, no prompts.

Without ``--config`` the machine-wide file is applied (store/machine_config_file.py). The data
directory is ``--data-dir``, else ``BRANCHVAULT_HOME``, else the file's ``[install] data_dir``, else
the platform's data folder. Exit codes: 0 applied or unchanged, 2 invalid file or usage, 1 refused
or failed. What it does: services/provisioning.py; the file format: domain/machine_config.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
from desktop_app.domain.errors import InvalidInput

EPILOG = """exit codes / 退出码:
  0  applied or unchanged / 已应用或无变化
  1  refused (another branch code) or failed / 被拒绝（门店编码不同）或失败
  2  invalid file or usage / 配置文件无效或用法错误

First provisioning sets up the branch: --admin USER names the first IT administrator and the password
comes from --admin-password-file or standard input (one line; --password-stdin says so explicitly;
a terminal is prompted). The recovery code is printed once, as by init (in --json too).
Later runs update only the branch name, company and headquarters name/contact and the HQ URL, and
only with an IT administrator's sign-in (--admin USER and the password, as above); the change is
audited at once. Without it a change is refused (exit 1); "unchanged" needs no password.
Machine-wide file: Linux /etc/branchvault/branch-config.toml, Windows %ProgramData%\\BranchVault\\
branch-config.toml, macOS /Library/Application Support/BranchVault/branch-config.toml
(BRANCHVAULT_MACHINE_CONFIG overrides). Format: installers/README.md, section Provisioning.
"""

_FIELD_LABELS = {
    "branch_name": ("门店名称", "branch name"),
    "company_name": ("公司名称", "company name"),
    "company_contact": ("公司联系方式", "company contact"),
    "hq_name": ("总部名称", "headquarters name"),
    "hq_contact": ("总部联系方式", "headquarters contact"),
    "hq_url": ("总部地址", "headquarters URL"),
}


def add_provision_parser(sub: Any) -> None:
    """Add ``provision`` to the ``branchvault`` sub-command parsers ``sub``."""
    p = sub.add_parser(
        "provision",
        help="apply the machine-wide branch config (set up the branch, or update its names)",
        description="Apply a machine-wide branch configuration idempotently (IT's installer or deployment tool).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--config", metavar="FILE", help="the branch config file (default: the machine-wide file)")
    p.add_argument(
        "--data-dir",
        help="branch data directory (default: BRANCHVAULT_HOME, the file's data_dir, platform dir)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--check",
        action="store_true",
        help="only validate the file and report where the branch would live (installers run this)",
    )
    p.add_argument(
        "--admin",
        metavar="USERNAME",
        help="IT administrator: the first one on first provisioning; signs in to change an existing branch",
    )
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the admin password from stdin (the default when stdin is not a terminal)",
    )
    p.add_argument("--admin-password-file", metavar="FILE", help="read the admin password from FILE")


def _password_source(args: argparse.Namespace, *, confirm: bool = True) -> Any:
    def read() -> str:
        if args.admin_password_file:
            path = Path(args.admin_password_file).expanduser()
            try:
                first = path.read_text(encoding="utf-8-sig").splitlines()
            except FileNotFoundError:
                raise InvalidInput(
                    f"找不到管理员密码文件：{path}。", f"The admin password file does not exist: {path}."
                ) from None
            if not first or not first[0]:
                raise InvalidInput(
                    f"管理员密码文件为空：{path}。", f"The admin password file is empty: {path}."
                )
            return first[0]
        # No prompts when run by a tool: a redirected stdin is read as with --password-stdin.
        piped = sys.stdin is not None and not sys.stdin.isatty()
        from desktop_app.cli.terminal import SecretReader

        return SecretReader(args.password_stdin or piped).read(
            "管理员密码", "the admin password", confirm=confirm
        )

    return read


def _code_source(args: argparse.Namespace) -> Any:
    """The IT administrator's authenticator code, when they are enrolled: the next stdin line
    (after the password, or the first with ``--admin-password-file``), or a prompt."""

    def read() -> str:
        piped = sys.stdin is not None and not sys.stdin.isatty()
        from desktop_app.cli.terminal import SecretReader

        return SecretReader(args.password_stdin or piped).read(
            "身份验证器中的 6 位动态码", "the 6-digit authenticator code"
        )

    return read


def _data_dir(args: argparse.Namespace, file_data_dir: str) -> tuple[str | None, bool]:
    """The ``--data-dir`` value to use, and whether it came from the file's ``[install] data_dir``."""
    from desktop_app.store.data_dir import ENV_HOME

    if args.data_dir or os.environ.get(ENV_HOME) or not file_data_dir:
        return args.data_dir, False
    return file_data_dir, True


def cmd_provision(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.services.context import build_context
    from desktop_app.services.provisioning import provision
    from desktop_app.store.machine_config_file import machine_config_path, read_machine_config

    if args.password_stdin and args.admin_password_file:
        raise InvalidInput(
            "--password-stdin 与 --admin-password-file 只能选一个。",
            "Use either --password-stdin or --admin-password-file, not both.",
        )
    machine_wide = machine_config_path()
    source = Path(args.config).expanduser() if args.config else machine_wide
    machine = read_machine_config(source)
    data_dir, from_file = _data_dir(args, machine.data_dir)
    warnings: list[tuple[str, str]] = []
    if from_file and args.config and source.resolve() != Path(machine_wide).resolve():
        warnings.append(
            (
                f"数据目录取自 {source}，而不是本机的部署配置文件 {machine_wide}：程序只按后者（或 BRANCHVAULT_HOME）找数据目录。",
                f"The data directory comes from {source}, not from this machine's file {machine_wide}: "
                "the app finds the data directory only through the latter (or BRANCHVAULT_HOME).",
            )
        )
    if args.check:
        return _report_check(out, machine.branch_code, str(source), data_dir)
    ctx = build_context(data_dir)
    confirm = not ctx.paths.is_initialised()  # a new password is typed twice; an existing one once
    outcome = provision(
        ctx,
        machine,
        admin_username=args.admin,
        admin_password=_password_source(args, confirm=confirm),
        second_factor_code=_code_source(args),
    )
    if "keyring" in outcome.not_applied or "security" in outcome.not_applied:
        warnings.append(
            (
                "门店建立后，密钥环选择与安全设置不随部署文件改变（未应用）；安全设置由 IT 用 branchvault config set "
                "修改，或用机器安全策略文件 policy.toml 收紧。",
                "The keyring choice and security settings are fixed once the branch exists (not applied); "
                "IT changes security settings with `branchvault config set`, or tightens them with the "
                "machine policy file policy.toml.",
            )
        )
    if outcome.notice_names_changed:
        warnings.append(
            (
                "隐私告知书中列明的公司或总部信息已改变：如属实质变更（换了处理者或接收方），须发布新版告知书并重新征得客户同意。",
                "The company or headquarters named in the privacy notice changed: if this is a different "
                "processor or recipient, publish a new notice version and ask clients for consent again.",
            )
        )
    from desktop_app.cli.notice_details import NoticeDetailsMissing
    from desktop_app.domain.privacy_notice import missing_notice_details

    missing = missing_notice_details(machine.descriptive())
    if missing:  # as init --notice-details-later: the branch works, but prints no form yet
        later = NoticeDetailsMissing(missing, later=True)
        file_zh, file_en = (
            "（或在部署文件的 [company] / [headquarters] 中填写）。",
            " (or in the file's [company] / [headquarters]).",
        )
        warnings.append((later.zh.rstrip("。") + file_zh, later.en.rstrip(".") + file_en))
    _report(out, outcome, str(source), str(ctx.paths.root), warnings)
    return 0


def _report_check(out: Output, branch_code: str, source: str, data_dir: str | Path | None) -> int:
    """``--check``: the file is valid (read_machine_config raised otherwise); say whether a branch is
    already set up where it points. Nothing is written."""
    from desktop_app.store.data_dir import DataPaths, resolve_data_dir

    paths = DataPaths(resolve_data_dir(data_dir))
    initialised = paths.is_initialised()
    out.result(
        {
            "status": "valid",
            "branch_code": branch_code,
            "config_file": source,
            "data_dir": str(paths.root),
            "branch_set_up": initialised,
        },
        f"部署配置有效 / the configuration is valid: {source}\n"
        + (
            f"门店已建立 / the branch is set up in {paths.root}"
            if initialised
            else f"门店尚未建立：由 IT 运行 branchvault provision --admin 用户名 / not set up yet in {paths.root}: "
            "IT runs branchvault provision --admin USERNAME"
        ),
    )
    return 0


def _report(out: Output, outcome: Any, source: str, root: str, warnings: list[tuple[str, str]]) -> None:
    from desktop_app.domain.recovery_code import format_code
    from desktop_app.services.provisioning import INITIALISED, UPDATED

    config = outcome.config
    data: dict[str, object] = {
        "status": outcome.status,
        "branch_code": config.branch_code,
        "branch_id": config.branch_id,
        "data_dir": root,
        "config_file": source,
        "keyring": config.use_keyring,
        "changed": {name: {"old": old, "new": new} for name, (old, new) in outcome.changed.items()},
        "not_applied": list(outcome.not_applied),
        "warnings": [{"message_zh": zh, "message_en": en} for zh, en in warnings],
    }
    headline = {
        INITIALISED: f"门店 {config.branch_code} 已建立 / branch {config.branch_code} set up in {root}",
        UPDATED: f"门店 {config.branch_code} 的信息已更新 / branch {config.branch_code} updated",
    }.get(outcome.status, f"门店 {config.branch_code} 无变化 / branch {config.branch_code} unchanged")
    lines = [headline]
    for name, (old, new) in outcome.changed.items():
        zh, en = _FIELD_LABELS.get(name, (name, name))
        lines.append(f"  {zh} / {en}: {old or '-'} -> {new or '-'}")
    if outcome.changed:
        lines.append("（此更改已记入审计日志 / recorded in the audit log）")
    if outcome.recovery_code is not None:
        data["recovery_code"] = format_code(outcome.recovery_code)
        lines.append(
            "恢复码（只显示这一次，请抄写或打印后锁入保险柜）/ Recovery code (shown once; store it safely):\n\n"
            f"    {format_code(outcome.recovery_code)}\n"
        )
    out.result(data, "\n".join(lines))
    if not out.as_json:
        for zh, en in warnings:
            print(f"{zh}\n{en}", file=sys.stderr)
