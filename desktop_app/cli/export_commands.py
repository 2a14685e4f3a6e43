"""``branchvault export …``: summaries for headquarters on the same services as the Exports page
(services/hq_exports.py).

``prepare --from --to``, ``list``, ``show ID`` (JSON has ``payload`` exactly as it will leave),
``approve ID`` (the password read for ``--as`` is also the approval's re-authentication: a manager
types it once, and it is checked again, counted like any re-authentication), ``reject ID --reason``,
``save ID --out FILE [--pdf]`` (the record of what left, never into the data directory) and
``schedule [--at HH:MM | --off]``. Each with ``--as USER --password-stdin [--json]``; exit codes 0
done, 1 refused or failed, 2 usage. ``export sync`` is added by the sync work
(services/hq_sync.py). Imports stay inside the handlers: ``branchvault`` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output_option import add_force_option, output_path
from desktop_app.domain.errors import InvalidInput

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output
    from desktop_app.services.hq_export_values import ExportSummary
    from desktop_app.services.signed_in import SignedIn


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD: {text!r}") from None


def add_export_parser(sub: Any, common: Any) -> Any:
    """Add ``export`` and its actions to the ``branchvault`` sub-command parsers ``sub``; returns
    the actions' parsers (``export sync`` is added there by the sync work)."""
    actions = sub.add_parser(
        "export", help="summaries for headquarters (prepare, approve, send)"
    ).add_subparsers(dest="export_command", metavar="ACTION", required=True)
    p = actions.add_parser("prepare", help="prepare and freeze a summary for a period (Beijing dates)")
    common(p, as_user=True)
    p.add_argument("--from", dest="period_from", type=_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="period_to", type=_day, required=True, metavar="YYYY-MM-DD")
    p = actions.add_parser("list", help="every summary and its state, newest first")
    common(p, as_user=True)
    p = actions.add_parser("show", help="one summary with the payload exactly as it will leave")
    common(p, as_user=True)
    p.add_argument("export_id", metavar="ID")
    p = actions.add_parser("approve", help="managers: approve a summary another person prepared")
    common(p, as_user=True)
    p.add_argument("export_id", metavar="ID")
    p = actions.add_parser("reject", help="managers: reject a summary with a reason (it is never sent)")
    common(p, as_user=True)
    p.add_argument("export_id", metavar="ID")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p = actions.add_parser("save", help="save the record of a summary (JSON, or PDF with --pdf)")
    common(p, as_user=True)
    p.add_argument("export_id", metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--pdf", action="store_true", help="write a PDF instead of JSON")
    add_force_option(p)
    p = actions.add_parser("schedule", help="show or set (managers) the daily preparation time")
    common(p, as_user=True)
    when = p.add_mutually_exclusive_group()
    when.add_argument("--at", metavar="HH:MM", help="prepare the previous day's summary daily at this time")
    when.add_argument("--off", action="store_true", help="no scheduled preparation")
    return actions


@contextmanager
def _signed_in_with_password(args: argparse.Namespace) -> Iterator[tuple[SignedIn, str]]:
    """Sign in as ``--as`` and keep the password for the approval's re-authentication."""
    from desktop_app.cli.commands import MustChangePassword
    from desktop_app.cli.terminal import SecretReader
    from desktop_app.cli.totp_commands import sign_in_reading_code
    from desktop_app.services import sign_in
    from desktop_app.services.context import build_context

    ctx = build_context(args.data_dir)
    reader = SecretReader(args.password_stdin)
    password = reader.read("密码", "the password")
    me = sign_in_reading_code(ctx, args.as_user, password, reader)
    for notice in me.session.notices:
        print(notice.bilingual(), file=sys.stderr)
    try:
        if me.session.must_change_password:
            raise MustChangePassword()
        yield me, password
    finally:
        sign_in.sign_out(me)


def _line(s: ExportSummary) -> str:
    zh, en = s.state.labels
    return (
        f"{s.id}  {s.period_from.isoformat()}..{s.period_to.isoformat()}  {zh} {en}  "
        f"sha256 {s.content_sha256[:16]}…  prepared by {s.prepared_by_username}"
        + (f", approved by {s.approved_by_username}" if s.approved_by_username else "")
    )


def _summary_text(title: str, s: ExportSummary) -> str:
    zh, en = s.state.labels
    return (
        f"{title}\n"
        f"编号 ID: {s.id}\n"
        f"期间 Period: {s.period_from.isoformat()} – {s.period_to.isoformat()}\n"
        f"状态 State: {zh} / {en}\n"
        f"内容哈希 SHA-256: {s.content_sha256}"
    )


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    """The ``export`` command's handler (``commands.HANDLERS["export"]``)."""
    import json

    from desktop_app.cli.commands import signed_in
    from desktop_app.services import hq_exports

    action = args.export_command
    if action == "approve":
        with _signed_in_with_password(args) as (ctx, password):
            done = hq_exports.approve(ctx, args.export_id, password)
        out.result(done.as_json(), _summary_text("已批准 Approved", done))
        return 0
    if action == "save":
        path = output_path(args.out, args.data_dir, force=args.force)  # before the password
        with signed_in(args) as (ctx, _):
            written = hq_exports.save_record(ctx, args.export_id, path, pdf=args.pdf, overwrite=args.force)
        out.result(
            {"file": str(written), "id": args.export_id, "format": "pdf" if args.pdf else "json"},
            f"记录已写入 Record written: {written}",
        )
        return 0
    if action == "reject" and not args.reason.strip():
        raise InvalidInput("请填写驳回原因。", "Give a reason (--reason TEXT).")
    with signed_in(args) as (ctx, _):
        if action == "prepare":
            made = hq_exports.prepare(ctx, args.period_from, args.period_to)
            out.result(
                made.as_json(), _summary_text("已准备，待另一位店长审批 Prepared; awaiting approval", made)
            )
        elif action == "list":
            rows = hq_exports.list_exports(ctx)
            out.result(
                {
                    "exports": [row.as_json() for row in rows],
                    "awaiting_approval": hq_exports.awaiting_approval_count(ctx),
                },
                "\n".join(_line(row) for row in rows) or "（没有导出 No exports）",
            )
        elif action == "show":
            detail = hq_exports.show(ctx, args.export_id)
            out.result(
                detail.as_json(),
                _summary_text("导出 Export", detail.summary)
                + "\n发送内容 Payload:\n"
                + json.dumps(detail.payload, ensure_ascii=False, indent=1, sort_keys=True),
            )
        elif action == "reject":
            done = hq_exports.reject(ctx, args.export_id, args.reason)
            out.result(done.as_json(), _summary_text("已驳回（不会发送）Rejected (never sent)", done))
        elif action == "schedule":
            found = (
                hq_exports.set_schedule(ctx, None if args.off else args.at)
                if args.at is not None or args.off
                else hq_exports.schedule(ctx)
            )
            at = found.prepare_at if found is not None else None
            out.result(
                {"prepare_at": at, "last_prepared_on": found.last_prepared_on if found else None},
                f"每日自动准备 Daily preparation: {at or '关闭 off'}",
            )
        else:
            raise InvalidInput(f"未知操作：{action}", f"Unknown action: {action}")
    return 0
