"""``branchvault consent blank-form``: a blank consent form for clients who fill it in by hand.
``branchvault consent print-forms CLIENT_ID... --out FILE.pdf --as USER``: the forms of several
clients in one PDF (services/consent_batch.py: all or nothing; interrupted, nothing is written or
recorded).

The blank form needs no sign-in (the form holds no client data, only the branch's details from the
config), so it prints the bundled notice in force (latest effective date); opening the database for
the published version would need a password. Imports stay inside the command: ``branchvault``
starts fast.
"""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output_option import add_force_option, output_path
from desktop_app.domain.errors import BranchVaultError, InvalidInput

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output

LANGUAGES = ("zh_CN", "en")


def _client_id(text: str) -> int:
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"expected a client number: {text!r}")
    return int(text)


def add_consent_parser(sub: Any, common: Any = None) -> None:
    """Add ``consent blank-form`` and ``consent print-forms`` to the ``branchvault`` sub-command
    parsers ``sub``; ``common`` adds --as and the other shared options (cli/parser.py's)."""
    if common is None:
        from desktop_app.cli.parser import _common as common
    consent = sub.add_parser("consent", help="privacy notice and consent forms").add_subparsers(
        dest="consent_command", metavar="ACTION", required=True
    )
    p = consent.add_parser("blank-form", help="write a blank consent form (current notice) as PDF")
    p.add_argument(
        "--data-dir", help="branch data directory (default: platform data dir or BRANCHVAULT_HOME)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    add_force_option(p)
    p.add_argument("--language", choices=LANGUAGES, default="zh_CN", help="zh_CN (default) or en")
    p = consent.add_parser("print-forms", help="the consent forms of several clients, in one PDF")
    common(p, as_user=True)
    p.add_argument("client_ids", type=_client_id, nargs="+", metavar="CLIENT_ID")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    add_force_option(p)
    p.add_argument("--language", choices=LANGUAGES, default="zh_CN", help="zh_CN (default) or en")


def run_print_forms(args: argparse.Namespace, out: Output) -> int:
    """Print the forms of ``args.client_ids`` into ``args.out`` (checked before the password)."""
    from desktop_app.cli.commands import signed_in
    from desktop_app.services.consent_batch import print_consent_forms

    path = output_path(args.out, args.data_dir, force=args.force)
    with signed_in(args) as (ctx, _):
        batch = print_consent_forms(ctx, args.client_ids, path, language=args.language, overwrite=args.force)
    out.result(
        {"file": str(batch.path), "form_numbers": list(batch.form_numbers), "language": args.language},
        f"同意书已写入 Consent forms written: {batch.path}\n"
        f"同意书编号 Form Nos.: {', '.join(batch.form_numbers)}",
    )
    return 0


def run_blank_form(args: argparse.Namespace, out: Output) -> int:
    """Write a blank form of the bundled notice in force with the branch's details to ``args.out``."""
    from desktop_app.documents.consent_form import branch_form, consent_form_pdf
    from desktop_app.domain.branch_time import branch_day
    from desktop_app.domain.consent_form_number import new_form_number
    from desktop_app.services.context import build_context
    from desktop_app.store.notice_files import newest_bundled
    from desktop_app.store.output_paths import write_output

    force = bool(getattr(args, "force", False))
    path = output_path(args.out, args.data_dir, force=force)
    from desktop_app.store.settings_witness import identity_before_sign_in

    # No sign-in here: the identity the database last held (kept in the keyring), not an edited file's.
    ctx = build_context(args.data_dir)
    config = identity_before_sign_in(ctx.require_config())
    notice = newest_bundled()
    if notice is None:
        raise BranchVaultError(
            "本程序未附带隐私告知书，无法生成同意书。请联系 IT。",
            "No privacy notice is bundled with the app, so no consent form can be made. Contact IT.",
            code="no_notice",
        )
    now = time.time()
    number = str(new_form_number(config.branch_code, now))
    language = getattr(args, "language", None) or "zh_CN"
    form = branch_form(
        config.letterhead(), notice, retention=config.retention_rules(), form_number=number, language=language
    )
    write_output(path, consent_form_pdf(form), data_dir=ctx.paths.root, overwrite=force)
    out.result(
        {
            "file": str(path),
            "form_number": number,
            "notice_version": notice.version,
            "content_hash": notice.content_hash,
            "language": language,
            "date": branch_day(now).isoformat(),
        },
        f"空白同意书已写入 Blank consent form written: {path}\n"
        f"同意书编号 Form No.: {number}\n告知书版本 Notice version: {notice.version}",
    )
    return 0


def cmd_consent(args: argparse.Namespace, out: Output) -> int:
    """The ``consent`` command's handler (``commands.HANDLERS["consent"]``)."""
    if args.consent_command == "blank-form":
        return run_blank_form(args, out)
    if args.consent_command == "print-forms":
        return run_print_forms(args, out)
    raise InvalidInput(f"未知操作：{args.consent_command}", f"Unknown action: {args.consent_command}")
