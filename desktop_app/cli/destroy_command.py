"""``branchvault clients destroy CLIENT_ID --reason GROUND --note TEXT [--certificate-out FILE.pdf]``:
a manager deletes one client on the company's own initiative (PIPL Art. 47 para. 1).

The service (services/client_destruction.py) checks the role (managers only), the ground and the
note, destroys the client or — for a buyer under the anti-money-laundering hold — keeps it in
storage only, and audits it. With ``--certificate-out`` the single-client destruction certificate
is written there (checked before the password is read: never into the data directory, never over a
device, an existing file only with ``--force``). Only argparse is imported up front.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output_option import add_force_option, output_path

if TYPE_CHECKING:
    from desktop_app.cli.terminal import Output

# The choices of domain/deletion_grounds.py OWN_INITIATIVE (a unit test keeps them equal); written
# out so that building the parser imports nothing.
GROUNDS_HELP = (
    "purpose_achieved, purpose_impossible, no_longer_necessary, service_stopped, consent_withdrawn, "
    "processing_unlawful"
)


def _client_id(text: str) -> int:
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"expected a client number: {text!r}")
    return int(text)


def add_destroy_parser(clients: Any, common: Any) -> None:
    """Add ``clients destroy`` to the ``clients`` sub-command parsers; ``common`` adds --as etc."""
    p = clients.add_parser(
        "destroy", help="managers: delete a client on the company's own initiative (PIPL Art. 47)"
    )
    common(p, as_user=True)
    p.add_argument("client_id", type=_client_id, metavar="CLIENT_ID")
    p.add_argument("--reason", required=True, metavar="GROUND", help=f"the Art. 47 ground: {GROUNDS_HELP}")
    p.add_argument(
        "--note", required=True, metavar="TEXT", help="why (no names or numbers; audited, on the certificate)"
    )
    p.add_argument("--certificate-out", metavar="FILE.pdf", help="write the destruction certificate here")
    add_force_option(p)


def run_destroy(args: argparse.Namespace, out: Output) -> int:
    from desktop_app.cli.commands import signed_in
    from desktop_app.domain.deletion_grounds import GROUND_LABELS, legal_basis
    from desktop_app.services.client_deletion import destruction_certificate_pdf
    from desktop_app.services.client_destruction import destroy_client
    from desktop_app.store.output_paths import write_output

    certificate: Path | None = None
    if args.certificate_out:
        certificate = output_path(args.certificate_out, args.data_dir, force=args.force)
    with signed_in(args) as (ctx, _):
        outcome = destroy_client(ctx, args.client_id, args.reason, args.note)
        if outcome.record is not None and certificate is not None:
            pdf = destruction_certificate_pdf(ctx, outcome.record.id)
            write_output(certificate, pdf, data_dir=ctx.paths.root, overwrite=args.force)
    zh, en = GROUND_LABELS[outcome.ground]
    basis_zh, basis_en = legal_basis(outcome.ground)
    data: dict[str, Any] = {
        "client_id": args.client_id,
        "reason": outcome.ground.value,
        "legal_basis": basis_en,
        "destroyed": outcome.destroyed,
        "record_id": outcome.record.id if outcome.record else None,
        "certificate": str(certificate) if certificate is not None and outcome.record else None,
        "storage_only_until": outcome.hold_ends.isoformat() if outcome.hold_ends else None,
    }
    if outcome.record is not None:
        lines = [
            f"客户 {args.client_id} 的个人信息已销毁 / client {args.client_id}'s personal information destroyed",
            f"销毁记录编号 / destruction record No.: {outcome.record.id}",
            f"原因 / reason: {zh} / {en}（{basis_zh} / {basis_en}）",
        ]
        if data["certificate"]:
            lines.append(f"销毁证明已写入 / certificate written: {certificate}")
    else:
        until = data["storage_only_until"] or "-"
        lines = [
            f"客户 {args.client_id} 已购房，反洗钱规定要求保存至 {until}：已转为“仅保存”，停止其他处理，未销毁"
            "（《个人信息保护法》第四十七条第二款），因此没有销毁证明。",
            f"Client {args.client_id} bought: anti-money-laundering rules require keeping the records until "
            f"{until}. It is now in storage only, all other processing stopped, and was not destroyed "
            "(PIPL Art. 47(2)); so there is no destruction certificate.",
        ]
    out.result(data, "\n".join(lines))
    return 0
