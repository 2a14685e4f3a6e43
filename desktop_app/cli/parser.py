"""The full ``branchvault`` argument parser: every sub-command and its options.

Kept apart from desktop_app/cli/main.py because building it (about fifty sub-parsers, each asking
gettext for its strings) costs start-up time the GUI does not need: ``branchvault`` with no command,
or ``branchvault gui [--data-dir DIR]``, is recognised without it (``main.gui_arguments``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from desktop_app import __version__
from desktop_app.cli.access_commands import add_access_parser
from desktop_app.cli.access_review_commands import add_access_review_parser
from desktop_app.cli.alerts_commands import add_alerts_parser
from desktop_app.cli.backup_commands import add_backup_parser
from desktop_app.cli.check_commands import add_check_parser
from desktop_app.cli.config_command import add_config_parser
from desktop_app.cli.consent_commands import add_consent_parser
from desktop_app.cli.destroy_command import add_destroy_parser
from desktop_app.cli.education_commands import add_education_parser
from desktop_app.cli.export_commands import add_export_parser
from desktop_app.cli.hq_commands import add_export_sync_parser, add_hq_parser
from desktop_app.cli.incident_commands import add_incident_parser
from desktop_app.cli.logreview_commands import add_logreview_parser
from desktop_app.cli.main import EXIT_USAGE
from desktop_app.cli.output_option import add_force_option
from desktop_app.cli.programme_commands import add_programme_parser
from desktop_app.cli.provision_command import add_provision_parser
from desktop_app.cli.review_commands import add_review_parser
from desktop_app.cli.survey_commands import add_survey_parser
from desktop_app.cli.totp_commands import add_totp_parser
from desktop_app.cli.training_commands import add_training_parser

EPILOG = """exit codes / 退出码:
  0  success / 成功
  1  refused or failed check / 被拒绝或检查未通过
  2  usage error / 用法错误

Passwords are read from --password-stdin (one line per secret) or a terminal prompt, never from arguments.
The data directory defaults to the platform's user data folder; --data-dir or BRANCHVAULT_HOME override it.
"""


def _common(parser: argparse.ArgumentParser, *, as_user: bool = False) -> None:
    parser.add_argument(
        "--data-dir", help="branch data directory (default: platform data dir or BRANCHVAULT_HOME)"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    if as_user:
        parser.add_argument(
            "--as", dest="as_user", required=True, metavar="USERNAME", help="staff member acting"
        )
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )


def _client_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of clients, 0 or more: {text!r}")
    return value


def version_text() -> str:
    """``BranchVault X.Y.Z``: from the bundle's build_info.json when frozen, else the installed
    package's metadata (falling back to ``desktop_app.__version__`` in a bare checkout)."""
    from desktop_app.resource_files import build_info

    info = build_info()
    if info.get("version"):
        extra = ", ".join(f"{key} {info[key]}" for key in ("commit", "built", "python") if info.get(key))
        return f"BranchVault {info['version']}" + (f" ({extra})" if extra else "")
    from importlib import metadata

    try:
        version = metadata.version("branchvault")
    except metadata.PackageNotFoundError:
        version = __version__
    return f"BranchVault {version}"


class _VersionAction(argparse.Action):
    """``--version``, worked out only when asked for (importlib.metadata costs start-up time)."""

    def __init__(
        self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object
    ) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version and exit"
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> NoReturn:
        print(version_text())  # on stdout, like argparse's own version action
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """argparse with a Chinese line above its English usage error (sub-commands inherit the class)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USAGE,
            f"命令用法有误（详见下行英文说明）；运行 {self.prog} --help 查看用法。\n"
            f"{self.prog}: error: {message}\nRun `{self.prog} --help` for usage.\n",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="branchvault",
        description="BranchVault — 门店客户信息保险箱 / branch client-data vault",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--data-dir", dest="gui_data_dir", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "init",
        help="set up a branch: config, keys, database, first IT admin",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(p)
    p.add_argument("--branch-code", required=True)
    p.add_argument("--branch-name", required=True)
    p.add_argument("--admin-username", required=True)
    p.add_argument("--admin-display-name", default="")
    p.add_argument("--company-name", default="")
    p.add_argument("--company-contact", default="")
    p.add_argument("--hq-url", default="")
    p.add_argument(
        "--hq-name", default="", help="headquarters as the recipient of client data (privacy notice)"
    )
    p.add_argument("--hq-contact", default="", help="headquarters' privacy contact (privacy notice)")
    p.add_argument(
        "--notice-details-later",
        action="store_true",
        help="set up without the company and HQ details (required otherwise): no consent form or "
        "privacy notice can be printed until `branchvault config set` supplies them",
    )
    p.add_argument(
        "--no-keyring",
        action="store_true",
        help="allow a PC without a secure keyring (data then protected by staff passwords only)",
    )
    p.add_argument("--recovery-sheet", metavar="FILE", help="also write the recovery code as a one-page PDF")
    add_force_option(p)
    p.add_argument(
        "--security-setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a security policy value in the branch config (repeatable; see README table)",
    )
    p.add_argument(
        "--password-stdin", action="store_true", help="read the admin password from standard input"
    )

    user = sub.add_parser("user", help="staff accounts").add_subparsers(
        dest="user_command", metavar="ACTION", required=True
    )
    p = user.add_parser("add", help="add a staff member; prints a one-time temporary password")
    _common(p, as_user=True)
    p.add_argument("--username", required=True)
    p.add_argument("--role", required=True, help="agent | manager | it_admin | auditor")
    p.add_argument("--display-name", required=True)
    p = user.add_parser("list", help="list staff")
    _common(p, as_user=True)
    p = user.add_parser("disable", help="disable an account (its key slot is removed)")
    _common(p, as_user=True)
    p.add_argument("username")
    p = user.add_parser(
        "reset-password", help="new one-time temporary password (must change at next sign-in)"
    )
    _common(p, as_user=True)
    p.add_argument("username")

    p = sub.add_parser("passwd", help="change your password (stdin: current, then new)")
    _common(p, as_user=True)

    audit = sub.add_parser("audit", help="audit log").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True
    )
    p = audit.add_parser(
        "verify",
        help="check the hash chain, time order, append-only triggers and this PC's witness; exit 1 naming what is wrong",
    )
    _common(p, as_user=True)
    p = audit.add_parser("export", help="write the audit log as JSON Lines (auditor or manager)")
    _common(p, as_user=True)
    p.add_argument("--out", required=True, metavar="FILE")
    add_force_option(p)

    p = sub.add_parser("rekey", help="rotate the database key and re-seal every key slot")
    _common(p, as_user=True)
    p = sub.add_parser("recover", help="restore access with the recovery code (read from stdin or prompt)")
    _common(p)
    p.add_argument("--username", required=True, help="the IT administrator who gets a temporary password")
    p.add_argument("--password-stdin", action="store_true", help="read the recovery code from standard input")
    p.add_argument(
        "--new-device-secret",
        action="store_true",
        help="this PC's keyring lost the device secret: make a new one (other staff then need a reset)",
    )

    p = sub.add_parser("self-test", help="check SQLCipher, keyring, Qt, fonts, translations")
    p.add_argument("--json", action="store_true")
    p.add_argument("--qt-child", action="store_true", help=argparse.SUPPRESS)  # the Qt check's child process

    p = sub.add_parser("demo", help="create a throw-away demo branch and start the GUI on it")
    _common(p)
    p.add_argument("--no-gui", action="store_true", help="only build the demo profile")
    p.add_argument(
        "--clients",
        type=_client_count,
        default=500,
        metavar="N",
        help="how many synthetic clients to create (default 500; 0 for none)",
    )

    clients = sub.add_parser("clients", help="client records").add_subparsers(
        dest="clients_command", metavar="ACTION", required=True
    )
    p = clients.add_parser("count", help="how many clients you can see")
    _common(p, as_user=True)
    p = clients.add_parser("import", help="import clients from an .xlsx, .xls or .csv file (all or nothing)")
    _common(p, as_user=True)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--assign-to", metavar="AGENT", help="managers: assign the imported clients to AGENT")
    p.add_argument("--on-duplicate", choices=("skip", "merge"), default="skip")
    p.add_argument(
        "--rejects-out",
        metavar="FILE",
        help="write rejected rows to FILE.xlsx (Excel) or FILE.csv (UTF-8); holds personal data",
    )
    add_force_option(p)
    p.add_argument(
        "--consent-confirmed",
        action="store_true",
        help="managers: every row has the signed sensitive-data consent (keeps ID numbers and income)",
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="map a column (remembered for you; your mappings take precedence over the branch's)",
    )
    p.add_argument(
        "--save-mapping-for-branch",
        action="store_true",
        help="managers: remember the --map choices for the whole branch (everyone's default)",
    )

    add_destroy_parser(clients, _common)

    notice = sub.add_parser("notice", help="privacy notice versions").add_subparsers(
        dest="notice_command", metavar="ACTION", required=True
    )
    p = notice.add_parser("list", help="published notice versions, newest (current) first")
    _common(p, as_user=True)
    p = notice.add_parser("publish", help="managers: publish a new notice version from the company's file")
    _common(p, as_user=True)
    p.add_argument("file", metavar="FILE", help="the notice file (TOML, format: resources/notices/README.md)")

    add_consent_parser(sub, _common)
    add_export_sync_parser(add_export_parser(sub, _common), _common)
    add_programme_parser(sub, _common)
    add_training_parser(sub, _common)
    add_review_parser(sub, _common)
    add_survey_parser(sub, _common)
    add_access_parser(sub, _common)
    add_provision_parser(sub)
    add_config_parser(sub, _common)
    add_hq_parser(sub, _common)
    add_education_parser(sub, _common)
    add_incident_parser(sub, _common)
    add_alerts_parser(sub, _common)
    add_logreview_parser(sub, _common)
    add_access_review_parser(sub, _common)
    add_check_parser(sub, _common)
    add_backup_parser(sub, _common)
    add_totp_parser(sub, _common)

    p = sub.add_parser("gui", help="start the GUI (the default)")
    p.add_argument("--data-dir")
    return parser
