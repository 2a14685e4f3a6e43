"""A manager destroys one client on the company's own initiative (PIPL Art. 47 para. 1).

Rule: only a manager (``Action.CLIENT_DESTROY``; agents, IT administrators and auditors are refused
and the refusal audited) may destroy a client because the purpose of processing is achieved or
cannot be achieved, the information is no longer necessary, the service stopped, the client
withdrew consent, or the processing was unlawful (domain/deletion_grounds.py, ``OWN_INITIATIVE``),
with a note that names no one. The client is destroyed exactly as an answered deletion request is
(services/client_deletion.py ``destroy_in_transaction``: record, follow-ups and search index in one
transaction with the destruction record and the ``client.delete`` audit entry, whose reason is the
ground and whose details hold the note; then the WAL is checkpointed), and the single-client
destruction certificate (``destruction_certificate_pdf``) names the ground, its legal basis and
the note. A buyer under the anti-money-laundering hold is not destroyed: Art. 47 para. 2 keeps the
record in "storage only" until the hold ends (audited ``client.storage_only`` with the ground and
the note), and the outcome says so.

Reason: Art. 47 makes deletion the company's duty, not only an answer to a request; until now the
app could destroy a client only for a request or an expired retention period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.branch_time import branch_day
from desktop_app.domain.deletion_grounds import DeletionGround, clean_note, parse_own_initiative
from desktop_app.domain.destruction_record import DestructionRecord
from desktop_app.domain.permissions import Action
from desktop_app.domain.retention_rules import legal_hold_ends, under_legal_hold
from desktop_app.services.audit_trail import check_permission, ensure_pseudonym_key, record
from desktop_app.services.client_deletion import destroy_in_transaction
from desktop_app.services.client_directory import denials_audited, visible_client
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository

INITIATIVE = "company"  # in the audit entry's details: not a request, not the retention queue


@dataclass(frozen=True)
class DestroyOutcome:
    """``record`` when the client was destroyed (its certificate: ``destruction_certificate_pdf``);
    else the client is in storage only until ``hold_ends`` (PIPL Art. 47 para. 2)."""

    ground: DeletionGround
    record: DestructionRecord | None
    hold_ends: date | None = None

    @property
    def destroyed(self) -> bool:
        return self.record is not None


def destroy_client(ctx: SignedIn, client_id: int, ground: DeletionGround | str, note: str) -> DestroyOutcome:
    """Destroy ``client_id`` on the company's initiative for ``ground`` (one of ``OWN_INITIATIVE``)
    with ``note`` (required; no name or number of the client). Managers only."""
    check_permission(ctx, Action.CLIENT_DESTROY)
    session, db = ctx.session, ctx.db
    why = parse_own_initiative(str(ground))
    ensure_pseudonym_key(ctx)
    clients = ClientRepository(db)
    with denials_audited(ctx, "client.destroy"), db.transaction():
        client = visible_client(ctx, clients, client_id, storage_only_ok=True)
        values = client.values
        text = clean_note(note, identifying=(values.full_name, values.email or "", values.id_number or ""))
        details = {"initiative": INITIATIVE, "note": text}
        if under_legal_hold(client, branch_day(ctx.clock())):
            ends = legal_hold_ends(client)
            if not client.storage_only:
                clients.set_storage_only(client_id, now=ctx.now_utc())
                record(
                    ctx,
                    "client.storage_only",
                    target_type="client",
                    target_id=str(client_id),
                    reason=why.value,
                    details={**details, "hold_ends": ends.isoformat() if ends else None},
                )
            return DestroyOutcome(why, None, ends)
        destroyed = destroy_in_transaction(
            ctx, client, approved_by=session.staff_id, reason=why, extra_details=details
        )
    db.checkpoint()
    return DestroyOutcome(why, destroyed)
