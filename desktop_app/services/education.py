"""Privacy education: campaigns, each client's participation, the leaflet, and the year's figure.

Rules (domain/education.py says who counts):
- A manager records a campaign (``Action.PROGRAMME_MANAGE``; audited ``education.campaign_add``).
  Campaigns are in branch.db and name no client, so auditors see the list and the count
  (``list_campaigns``, ``campaign_count``: ``PROGRAMME_VIEW`` or ``EDUCATION_RECORD``).
- Participation names a client, so it is in clients.db: recording it needs ``EDUCATION_RECORD``
  and the client-data key (agents and managers a manager confirmed), and an agent records only for
  clients assigned to them (services/client_directory.py ``visible_client``; a refusal is audited
  ``access.denied``). Each record is audited with the client's id only, never a name or number.
- Printing the privacy-tips leaflet for a client records a ``leaflet`` participation for today;
  a blank leaflet records nothing but the audit entry.
- ``education_counts`` needs the key: IT administrators and auditors are refused (bilingual), and
  read the dashboard's snapshot instead. An agent's figure covers the clients assigned to them.

Reason: PIPL Art. 11 and the company programme's measure 4 (client privacy education, ≥ 50% of
active clients a year); Art. 51 (access control) keeps who-took-part behind the client-data key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.education import (
    KIND_FIELD,
    Campaign,
    ParticipationKind,
    check_day,
    participation_kind_for,
    validate_campaign,
    year_days,
    year_window_utc,
)
from desktop_app.domain.education_figures import EducationCounts
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.permissions import Action, can
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.client_directory import agent_filter, denials_audited, visible_client
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.education_repository import CampaignRepository, ParticipationRepository

TARGET_CAMPAIGN = "education_campaign"
MAX_BULK = 5000


class CampaignNotFound(BranchVaultError):
    code = "campaign_not_found"

    def __init__(self, campaign_id: int) -> None:
        super().__init__(f"找不到编号为 {campaign_id} 的宣传活动。", f"No campaign number {campaign_id}.")


def _check_view(me: SignedIn) -> None:
    """Campaigns (no client data): whoever sees the programme or records participation."""
    check_permission(
        me, Action.PROGRAMME_VIEW if can(me.session.role, Action.PROGRAMME_VIEW) else Action.EDUCATION_RECORD
    )


def _check_year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise InvalidInput("年份无效。", "Invalid year.")
    return year


# ------------------------------------------------------------------------------------------- campaigns


def add_campaign(me: SignedIn, day: date, channel: str, topic: str, material: str = "") -> Campaign:
    """Record a campaign held on ``day`` (managers). Audited ``education.campaign_add``."""
    check_permission(me, Action.PROGRAMME_MANAGE)
    draft = validate_campaign(day, channel, topic, material, today=me.today())
    db = me.db
    with db.transaction():
        campaign = CampaignRepository(db).add(draft, created_by=me.session.staff_id, created_at=me.now_utc())
        record(
            me,
            "education.campaign_add",
            target_type=TARGET_CAMPAIGN,
            target_id=str(campaign.id),
            details={"day": campaign.day.isoformat(), "channel": campaign.channel.value},
        )
    return campaign


def list_campaigns(me: SignedIn, year: int) -> list[Campaign]:
    """The campaigns held in ``year``, newest first."""
    _check_view(me)
    first, last = year_days(_check_year(year))
    return CampaignRepository(me.db).between(first, last)


def campaign_count(me: SignedIn, year: int, until: date | None = None) -> int:
    """How many campaigns were held in ``year`` (up to ``until`` when given: a past quarter's count
    as it stood at its end); branch.db only: auditors too."""
    _check_view(me)
    first, last = year_days(_check_year(year))
    if until is not None:
        last = min(last, until)
    return CampaignRepository(me.db).count_between(first, last)


def get_campaign(me: SignedIn, campaign_id: int) -> Campaign:
    _check_view(me)
    found = CampaignRepository(me.db).get(campaign_id)
    if found is None:
        raise CampaignNotFound(campaign_id)
    return found


def campaign_participants(me: SignedIn, campaign_ids: Sequence[int]) -> dict[int, int]:
    """Participants per campaign among the clients the user may see (needs the client key)."""
    check_permission(me, Action.EDUCATION_RECORD)
    return ParticipationRepository(me.db).per_campaign(list(campaign_ids), agent_id=agent_filter(me))


# --------------------------------------------------------------------------------------- participation


@dataclass(frozen=True)
class Recorded:
    """What a bulk recording did: clients newly recorded, and those already recorded before."""

    campaign_id: int | None
    recorded: tuple[int, ...]
    already: tuple[int, ...]


def _record_one(
    me: SignedIn, client_id: int, campaign_id: int | None, kind: ParticipationKind, day: date
) -> bool:
    """Inside the caller's transaction and ``denials_audited``: check the client, write the row."""
    db = me.db
    visible_client(me, ClientRepository(db), client_id)
    return ParticipationRepository(db).add(
        client_id=client_id,
        campaign_id=campaign_id,
        kind=kind,
        day=day,
        recorded_by=me.session.staff_id,
        created_at=me.now_utc(),
    )


def record_participation(
    me: SignedIn, client_id: int, campaign_id: int | None, kind: ParticipationKind | str, day: date
) -> bool:
    """Record that ``client_id`` took part (``kind``) on ``day`` in ``campaign_id`` (None: a leaflet
    or message outside any campaign). False when it was recorded already. Audited
    ``education.participation`` (client id, campaign, kind, day)."""
    check_permission(me, Action.EDUCATION_RECORD)
    chosen = ParticipationKind.parse(str(kind), KIND_FIELD)
    check_day(day, me.today())
    if campaign_id is not None:
        get_campaign(me, campaign_id)
    db = me.db
    with denials_audited(me, "education.participation"), db.transaction():
        added = _record_one(me, client_id, campaign_id, chosen, day)
        if added:
            record(
                me,
                "education.participation",
                target_type="client",
                target_id=str(client_id),
                details={"campaign_id": campaign_id, "kind": chosen.value, "day": day.isoformat()},
            )
    return added


def record_attendees(
    me: SignedIn, campaign_id: int, client_ids: Sequence[int], *, kind: ParticipationKind | str | None = None
) -> Recorded:
    """Record every client of ``client_ids`` (picked from the records) as taking part in the campaign,
    on the campaign's day, with the kind its channel implies unless ``kind`` is given. All or
    nothing: one client the user may not see refuses the whole list (audited). Audited
    ``education.attendees`` with the campaign and the client ids."""
    check_permission(me, Action.EDUCATION_RECORD)
    campaign = get_campaign(me, campaign_id)
    chosen = (
        participation_kind_for(campaign.channel)
        if kind is None
        else ParticipationKind.parse(str(kind), KIND_FIELD)
    )
    ids = list(dict.fromkeys(int(i) for i in client_ids))
    if not ids:
        raise InvalidInput("请至少选择一位客户。", "Choose at least one client.")
    if len(ids) > MAX_BULK:
        raise InvalidInput(f"一次最多登记 {MAX_BULK} 位客户。", f"At most {MAX_BULK} clients at a time.")
    db = me.db
    recorded: list[int] = []
    already: list[int] = []
    with denials_audited(me, "education.attendees"), db.transaction():
        for client_id in ids:
            (recorded if _record_one(me, client_id, campaign.id, chosen, campaign.day) else already).append(
                client_id
            )
        record(
            me,
            "education.attendees",
            target_type=TARGET_CAMPAIGN,
            target_id=str(campaign.id),
            details={"kind": chosen.value, "recorded": recorded, "already": already},
        )
    return Recorded(campaign.id, tuple(recorded), tuple(already))


# ---------------------------------------------------------------------------------------------- figures


def education_counts(me: SignedIn, year: int) -> EducationCounts:
    """Active clients, participants and campaigns of ``year`` (needs the client-data key; an agent's
    figure is over their own clients)."""
    check_permission(me, Action.EDUCATION_RECORD)
    window = year_window_utc(_check_year(year))
    repo = ParticipationRepository(me.db)
    agent = agent_filter(me)
    first, last = year_days(year)
    active, participants = repo.active_and_participants(window, (first, last), agent_id=agent)
    return EducationCounts(
        active_clients=active,
        participants=participants,
        campaigns=CampaignRepository(me.db).count_between(first, last),
    )


# ---------------------------------------------------------------------------------------------- leaflet


def print_leaflet(me: SignedIn, client_id: int | None = None) -> bytes:
    """The one-page privacy-tips leaflet (PDF bytes; no client name on it). For a client it records
    a ``leaflet`` participation for today (audited ``education.leaflet``); a blank one is audited
    ``education.leaflet_blank``."""
    from desktop_app.documents.privacy_tips_leaflet import privacy_tips_leaflet_pdf  # reportlab: lazy

    if client_id is None:
        _check_view(me)
    else:
        check_permission(me, Action.EDUCATION_RECORD)
        with denials_audited(me, "education.leaflet"):
            visible_client(me, ClientRepository(me.db), client_id)  # refuse before rendering
    pdf = privacy_tips_leaflet_pdf(me.config.letterhead(), issued_on=me.today())
    db = me.db
    today = me.today()
    with denials_audited(me, "education.leaflet"), db.transaction():
        if client_id is None:
            record(me, "education.leaflet_blank", target_type="document", target_id="privacy_tips")
        else:
            added = _record_one(me, client_id, None, ParticipationKind.LEAFLET, today)
            record(
                me,
                "education.leaflet",
                target_type="client",
                target_id=str(client_id),
                details={"day": today.isoformat(), "recorded": added},
            )
    return pdf
