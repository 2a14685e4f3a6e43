"""Follow-ups on a client: a dated visit or call with a note, and the timeline (newest first).

Same visibility as the client itself: an agent only for their own clients, a manager for the whole
branch, never IT administrators or auditors. Adding one moves the client's last contact forward.
A note never holds a resident ID or bank card number (domain/sensitive_numbers.py; PIPL Art. 28).
"""

from __future__ import annotations

from datetime import datetime

from desktop_app.domain.branch_time import branch_day, utc_timestamp
from desktop_app.domain.client_fields import clean_notes
from desktop_app.domain.client_record import Followup, FollowupKind
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.field_errors import FieldLabel, required
from desktop_app.domain.permissions import Action
from desktop_app.domain.sensitive_numbers import refuse_sensitive_numbers
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.client_directory import denials_audited, visible_client
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository, FollowupRepository

FOLLOWUP_KIND_FIELD = FieldLabel("followup_kind", "跟进方式", "Follow-up type")
FOLLOWUP_NOTE_FIELD = FieldLabel("followup_note", "跟进记录", "Follow-up note")
_FUTURE_SLACK_SECONDS = 300


def add_followup(
    ctx: SignedIn, client_id: int, kind: FollowupKind | str, note: str, at: datetime | None = None
) -> Followup:
    """Record a visit or call at ``at`` (default now; not in the future). Audited ``client.followup``."""
    check_permission(ctx, Action.CLIENT_EDIT)
    session, db = ctx.session, ctx.db
    followup_kind = FollowupKind.parse(str(kind), FOLLOWUP_KIND_FIELD)
    text = clean_notes(note)
    if not text:
        raise required(FOLLOWUP_NOTE_FIELD)
    now = ctx.clock()
    refuse_sensitive_numbers(FOLLOWUP_NOTE_FIELD, text, today=branch_day(now))
    moment = now if at is None else at.timestamp()
    if moment > now + _FUTURE_SLACK_SECONDS:
        raise InvalidInput("跟进时间不能晚于现在。", "A follow-up cannot be dated in the future.")
    when = utc_timestamp(moment)
    with denials_audited(ctx, "client.followup"), db.transaction():
        visible_client(ctx, ClientRepository(db), client_id)
        repo = FollowupRepository(db)
        followup_id = repo.add(
            client_id=client_id, at=when, kind=followup_kind, note=text, staff_id=session.staff_id
        )
        ClientRepository(db).note_contact(client_id, when)
        record(
            ctx,
            "client.followup",
            target_type="client",
            target_id=str(client_id),
            details={"followup_id": followup_id, "kind": followup_kind.value},
        )
    return Followup(followup_id, client_id, when, followup_kind, text, session.staff_id)


def list_followups(ctx: SignedIn, client_id: int) -> list[Followup]:
    """The client's follow-ups, newest first (notes included: shown on the detail page only).
    Audited ``client.followups_view``."""
    check_permission(ctx, Action.CLIENT_VIEW_OWN)
    db = ctx.db
    with denials_audited(ctx, "client.followups_view"), db.transaction():
        visible_client(ctx, ClientRepository(db), client_id)
        timeline = FollowupRepository(db).for_client(client_id)
        record(ctx, "client.followups_view", target_type="client", target_id=str(client_id))
    return timeline
