"""A client's consents: print the consent form for the client, record what the client signed,
withdraw a consent, and read the state of each purpose (PIPL Art. 14, 15, 23, 29, 31).

- ``print_consent_form``: the form of the current notice for one client (name, masked ID, agent,
  a new form number remembered with the notice version), as PDF bytes in memory; audited
  ``consent.print`` in the same transaction. The caller prints or saves the bytes; nothing is
  written to disk here.
- ``record_consent_form``: what the client ticked on the signed form, the method, form number,
  witnessing agent, day signed, guardian (under 14) and an optional scan kept inside the encrypted
  database. The client's consent flags follow the recorded answers; a purpose given before and not
  ticked on the new form is withdrawn with its effects. Audited ``consent.record``.
- ``withdraw_consent``: takes effect at once, in one transaction with its audit entry
  ``consent.withdraw``: the features stop (flags clear), the fields the purpose unlocked are deleted,
  except the ID document of a buyer under the anti-money-laundering hold, which is then only stored
  until the retention rules destroy the record when the hold ends.
- ``consent_overview``: the state of each purpose, the recorded forms (guardian masked) and whether
  the client must be asked again because a newer notice changed purposes or recipients.

Audit entries hold ids, purpose codes, form numbers and field names, never personal data.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app.domain.client_record import ClientRecord, ClientValues
from desktop_app.domain.client_views import masked_id_number
from desktop_app.domain.consent_form_number import new_form_number
from desktop_app.domain.consent_purposes import (
    PurposeId,
    features_unlocked,
    purpose,
)
from desktop_app.domain.consent_records import (
    ConsentFormDraft,
    ConsentFormEntry,
    ConsentMethod,
    ConsentStatus,
    current_status,
    granted_purposes,
    needs_reconsent,
    validate_consent_form,
    validate_note,
    withdrawal_effect,
)
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.identity_documents import holder_birth_date, holder_is_under_14
from desktop_app.domain.masking import FieldKind, mask
from desktop_app.domain.permissions import Action
from desktop_app.domain.retention_rules import under_legal_hold
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.client_directory import denials_audited, visible_client
from desktop_app.services.privacy_notices import current_notice, get_notice_version, stale_notice_versions
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.consent_repository import ConsentRepository, StoredConsentForm
from desktop_app.store.database import Database
from desktop_app.store.notice_repository import NoticeRepository
from desktop_app.store.printed_form_repository import PrintedFormRepository
from desktop_app.store.staff_repository import StaffRepository

TARGET = "client"


class FormAlreadyRecorded(BranchVaultError):
    code = "form_already_recorded"

    def __init__(self, form_number: str) -> None:
        super().__init__(
            f"同意书 {form_number} 已经录入过，不能重复录入。客户重新签署时请打印一份新的同意书。",
            f"Consent form {form_number} has already been recorded and cannot be recorded again. Print a "
            "new form when the client signs again.",
        )


class FormForAnotherClient(BranchVaultError):
    code = "form_for_another_client"

    def __init__(self, form_number: str) -> None:
        super().__init__(
            f"同意书 {form_number} 是为另一位客户打印的，不能录入到此客户。请核对编号。",
            f"Consent form {form_number} was printed for another client and cannot be recorded for this "
            "one. Check the number.",
        )


class ConsentNotInEffect(BranchVaultError):
    code = "consent_not_in_effect"

    def __init__(self, purpose_id: PurposeId) -> None:
        super().__init__(
            f"客户目前没有“{purpose_id.label_zh}”的同意，无需撤回。",
            f"The client has no consent in effect for '{purpose_id.label_en}'; there is nothing to withdraw.",
        )


@dataclass(frozen=True)
class PrintedConsentForm:
    """A form made for one client: the PDF stays in memory (print it or save it where the user
    chooses)."""

    form_number: str
    notice_version: str
    content_hash: str
    pdf: bytes

    def __repr__(self) -> str:
        return f"PrintedConsentForm({self.form_number}, notice {self.notice_version}, {len(self.pdf)} bytes)"


@dataclass(frozen=True)
class PurposeState:
    purpose: PurposeId
    status: ConsentStatus
    since: str | None
    form_number: str | None


@dataclass(frozen=True)
class RecordedForm:
    id: int
    form_number: str | None
    notice_version: str
    method: str
    signed_on: date
    witnessed_by: str
    recorded_at: str
    guardian: str  # masked name and relation, "" when the client signed in person
    scan_type: str | None
    scan_size: int


@dataclass(frozen=True)
class ConsentOverview:
    client_id: int
    purposes: tuple[PurposeState, ...]
    forms: tuple[RecordedForm, ...]
    notice_version: str | None
    current_notice_version: str
    needs_reconsent: bool
    features: frozenset[str]
    client_under_14: bool | None = None
    """Known from the client's ID number (a guardian must sign), None when no birth date is held."""

    def status(self, purpose_id: PurposeId) -> ConsentStatus:
        return next(p.status for p in self.purposes if p.purpose is purpose_id)


def _staff_name(db: Database, staff_id: int) -> str:
    member = StaffRepository(db).get_by_id(staff_id)
    if member is None:
        return f"#{staff_id}"
    return member.display_name or member.username


def _under_14(values: ClientValues, today: date) -> bool | None:
    """Known from the ID number (True/False), None when no number with a birth date is held."""
    if not values.id_number or not values.id_type:
        return None
    if holder_birth_date(values.id_type, values.id_number, today=today) is None:
        return None
    return holder_is_under_14(values.id_type, values.id_number, today)


def _check_visible(ctx: SignedIn, db: Database, client_id: int) -> ClientRecord:
    return visible_client(ctx, ClientRepository(db), client_id)


# ------------------------------------------------------------------------------------------------ print


def print_consent_form(ctx: SignedIn, client_id: int, *, language: str = "zh_CN") -> PrintedConsentForm:
    """The consent form of the current notice for this client. Audited ``consent.print``."""
    check_permission(ctx, Action.CONSENT_PRINT)
    db = ctx.db
    with denials_audited(ctx, "consent.print"):
        # Rendering (~0.1 s) happens before the write transaction, so other writers never wait on it.
        form = render_consent_form(ctx, client_id, language=language)
        with db.transaction():
            record_printed_form(ctx, client_id, form, language=language)
    return form


def render_consent_form(ctx: SignedIn, client_id: int, *, language: str) -> PrintedConsentForm:
    """The client's form of the current notice, rendered with a new number; nothing recorded yet
    (``record_printed_form`` does that, inside the caller's transaction). The caller checked
    ``Action.CONSENT_PRINT`` and audits a refusal to see the client (``denials_audited``)."""
    from desktop_app.documents.consent_form import branch_form, consent_form_pdf  # reportlab: lazy

    db = ctx.db
    config = ctx.config
    notice = current_notice(ctx)
    today = ctx.today()
    client = _check_visible(ctx, db, client_id)
    number = str(new_form_number(config.branch_code, ctx.clock()))
    values = client.values
    form = branch_form(
        config.letterhead(),
        notice.notice,
        retention=config.retention_rules(),
        form_number=number,
        language=language,
        form_date=today,
        client_name=values.full_name,
        masked_id_number=masked_id_number(values.id_type, values.id_number),
        agent_name=_staff_name(db, client.assigned_agent_id),
        client_under_14=_under_14(values, today),
    )
    return PrintedConsentForm(number, notice.version, notice.content_hash, consent_form_pdf(form))


def record_printed_form(ctx: SignedIn, client_id: int, form: PrintedConsentForm, *, language: str) -> None:
    """Remember the printed form's number with its notice version and audit ``consent.print``;
    inside the caller's transaction, after checking the client is still there and still visible."""
    session, db = ctx.session, ctx.db
    _check_visible(ctx, db, client_id)  # still there and still this user's
    PrintedFormRepository(db).add(
        form.form_number,
        client_id=client_id,
        notice_version=form.notice_version,
        printed_at=ctx.now_utc(),
        printed_by=session.staff_id,
    )
    record(
        ctx,
        "consent.print",
        target_type=TARGET,
        target_id=str(client_id),
        details={
            "form_number": form.form_number,
            "notice_version": form.notice_version,
            "language": language,
        },
    )


def print_blank_form(ctx: SignedIn, *, language: str = "zh_CN") -> PrintedConsentForm:
    """A blank form of the current notice for a client who fills it in by hand before intake: no
    client data, a new form number remembered with the notice version (so recording it later needs no
    choice of version). Audited ``consent.print_blank``."""
    from desktop_app.documents.consent_form import branch_form, consent_form_pdf  # reportlab: lazy

    check_permission(ctx, Action.CONSENT_PRINT)
    session, db = ctx.session, ctx.db
    config = ctx.config
    notice = current_notice(ctx)
    number = str(new_form_number(config.branch_code, ctx.clock()))
    pdf = consent_form_pdf(
        branch_form(
            config.letterhead(),
            notice.notice,
            retention=config.retention_rules(),
            form_number=number,
            language=language,
        )
    )
    with db.transaction():
        PrintedFormRepository(db).add(
            number,
            client_id=None,
            notice_version=notice.version,
            printed_at=ctx.now_utc(),
            printed_by=session.staff_id,
        )
        record(
            ctx,
            "consent.print_blank",
            target_type="consent_form",
            target_id=number,
            details={"form_number": number, "notice_version": notice.version, "language": language},
        )
    return PrintedConsentForm(number, notice.version, notice.content_hash, pdf)


# ----------------------------------------------------------------------------------------------- record


def _notice_version_for(
    ctx: SignedIn, db: Database, client_id: int, entry: ConsentFormEntry, chosen: str | None
) -> str:
    """The version the client saw: the one the app printed this form under, else ``chosen`` (a blank
    form: its footer names the version), else the current one."""
    if entry.form_number is not None:
        printed = PrintedFormRepository(db).get(entry.form_number)
        if printed is not None:
            if printed.client_id is not None and printed.client_id != client_id:
                raise FormForAnotherClient(entry.form_number)
            return printed.notice_version
    if chosen:
        return get_notice_version(ctx, chosen).version
    return current_notice(ctx).version


def _apply_state(
    ctx: SignedIn,
    db: Database,
    client: ClientRecord,
    *,
    notice_version: str | None,
    withdrawn: set[PurposeId],
    now: str,
) -> dict[str, list[str]]:
    """Set the client's flags from its events; apply the effects of the purposes in ``withdrawn``.
    Returns the fields deleted and kept (for the audit entry)."""
    consents = ConsentRepository(db)
    granted = granted_purposes(e.as_event() for e in consents.events(client.id))
    deleted: list[str] = []
    kept: list[str] = []
    values = client.values
    for purpose_id in sorted(withdrawn):
        effect = withdrawal_effect(purpose_id, under_legal_hold=under_legal_hold(client, ctx.today()))
        for name in sorted(effect.delete_fields):
            if getattr(values, name) is not None:
                deleted.append(name)
        kept += [name for name in sorted(effect.keep_fields) if getattr(values, name) is not None]
        cleared: dict[str, Any] = dict.fromkeys(effect.delete_fields)
        values = dataclasses.replace(values, **cleared)
    sensitive = PurposeId.SENSITIVE_DATA in granted
    if deleted:
        repo = ClientRepository(db)
        repo.update(
            client.id, dataclasses.replace(values, sensitive_consent=sensitive), now=now, activity=False
        )
        session = ctx.session
        repo.add_change(client.id, at=now, staff_id=session.staff_id, fields=deleted, request_id=None)
    consents.set_client_state(
        client.id,
        sensitive=sensitive,
        hq=PurposeId.HQ_SHARING in granted,
        marketing=PurposeId.MARKETING_CONTACT in granted,
        notice_version=notice_version,
    )
    return {"deleted": deleted, "kept_for_legal_hold": kept}


def record_consent_form(
    ctx: SignedIn, client_id: int, draft: ConsentFormDraft, *, notice_version: str | None = None
) -> ConsentOverview:
    """Record a signed form for the client (see the module docstring). ``notice_version``: for a
    blank form the app did not print, the version in its footer (default: the current one)."""
    check_permission(ctx, Action.CLIENT_EDIT)
    record_form_in_transaction(ctx, client_id, draft, notice_version=notice_version)
    return consent_overview(ctx, client_id)


def record_form_in_transaction(
    ctx: SignedIn, client_id: int, draft: ConsentFormDraft, *, notice_version: str | None = None
) -> None:
    """``record_consent_form`` without the overview, for callers already inside a transaction
    (intake of a client who filled a blank form by hand). The caller checked the permission."""
    session, db = ctx.session, ctx.db
    config = ctx.config
    today = ctx.today()
    now = ctx.now_utc()
    with denials_audited(ctx, "consent.record"), db.transaction():
        client = _check_visible(ctx, db, client_id)
        entry = validate_consent_form(
            draft,
            today=today,
            branch_code=config.branch_code,
            client_under_14=_under_14(client.values, today),
        )
        consents = ConsentRepository(db)
        if entry.form_number is not None and consents.form_number_used(entry.form_number) is not None:
            raise FormAlreadyRecorded(entry.form_number)
        version = _notice_version_for(ctx, db, client_id, entry, notice_version)
        before = set(granted_purposes(e.as_event() for e in consents.events(client_id)))
        consents.add_form(
            client_id,
            entry,
            notice_version=version,
            witnessed_by=session.staff_id,
            recorded_by=session.staff_id,
            now=now,
        )
        withdrawn = before - entry.granted()
        effects = _apply_state(ctx, db, client, notice_version=version, withdrawn=withdrawn, now=now)
        record(
            ctx,
            "consent.record",
            target_type=TARGET,
            target_id=str(client_id),
            details={
                "form_number": entry.form_number,
                "notice_version": version,
                "method": entry.method.value,
                "granted": sorted(p.value for p in entry.granted()),
                "refused": sorted(p.value for p, ticked in entry.answers if not ticked),
                "no_longer_given": sorted(p.value for p in withdrawn),
                "guardian": entry.guardian is not None,
                "scan": None
                if entry.scan is None
                else {"type": entry.scan.media_type.value, "bytes": len(entry.scan.data)},
                **effects,
            },
        )


# --------------------------------------------------------------------------------------------- withdraw


def withdraw_consent(
    ctx: SignedIn, client_id: int, purpose_id: PurposeId | str, *, note: str = ""
) -> ConsentOverview:
    """Withdraw one consent now (see the module docstring). Audited ``consent.withdraw``."""
    check_permission(ctx, Action.CLIENT_EDIT)
    chosen = purpose(purpose_id).id
    text = validate_note(note)
    session, db = ctx.session, ctx.db
    now = ctx.now_utc()
    with denials_audited(ctx, "consent.withdraw"), db.transaction():
        client = _check_visible(ctx, db, client_id)
        effect = withdrawal_effect(chosen, under_legal_hold=under_legal_hold(client, ctx.today()))
        consents = ConsentRepository(db)
        status = current_status(e.as_event() for e in consents.events(client_id))
        if status.get(chosen) is not ConsentStatus.GRANTED:
            raise ConsentNotInEffect(chosen)
        consents.add_withdrawal(client_id, chosen, now=now, staff_id=session.staff_id, note=text)
        effects = _apply_state(ctx, db, client, notice_version=None, withdrawn={chosen}, now=now)
        record(
            ctx,
            "consent.withdraw",
            target_type=TARGET,
            target_id=str(client_id),
            details={"purpose": chosen.value, "features_stopped": sorted(effect.stops), **effects},
        )
    return consent_overview(ctx, client_id)


# ------------------------------------------------------------------------------------------------- read


def _recorded(db: Database, form: StoredConsentForm) -> RecordedForm:
    guardian = ""
    if form.guardian_name and form.guardian_relation:
        from desktop_app.domain.consent_purposes import GuardianRelation

        relation = GuardianRelation(form.guardian_relation).label_zh
        guardian = f"{mask(FieldKind.NAME, form.guardian_name)}（{relation}）"
    return RecordedForm(
        id=form.id,
        form_number=form.form_number,
        notice_version=form.notice_version,
        method=form.method,
        signed_on=form.signed_on,
        witnessed_by=_staff_name(db, form.witnessed_by),
        recorded_at=form.recorded_at,
        guardian=guardian,
        scan_type=form.scan_type,
        scan_size=form.scan_size,
    )


def consent_overview(ctx: SignedIn, client_id: int) -> ConsentOverview:
    """The state of each consent purpose and the recorded forms (masked guardian)."""
    check_permission(ctx, Action.CLIENT_VIEW_OWN)
    db = ctx.db
    with denials_audited(ctx, "consent.view"):
        client = _check_visible(ctx, db, client_id)
    consents = ConsentRepository(db)
    events = consents.events(client_id)
    latest: dict[str, tuple[str, str | None]] = {}
    for event in events:
        latest[event.purpose] = (event.at, event.form_number)
    status = current_status(e.as_event() for e in events)
    states = tuple(PurposeState(p, s, *(latest.get(p.value) or (None, None))) for p, s in status.items())
    granted = [p for p, s in status.items() if s is ConsentStatus.GRANTED]  # status is needed above
    current = current_notice(ctx).version
    forms = tuple(_recorded(db, f) for f in consents.forms(client_id))
    stale = stale_notice_versions(ctx)
    return ConsentOverview(
        client_id=client_id,
        purposes=states,
        forms=forms,
        notice_version=client.notice_version,
        current_notice_version=current,
        needs_reconsent=needs_reconsent(client.notice_version, stale, has_form=bool(forms)),
        features=features_unlocked(granted),
        client_under_14=_under_14(client.values, ctx.today()),
    )


def consent_scan(ctx: SignedIn, client_id: int, form_id: int) -> tuple[bytes, str]:
    """The scan of one recorded form (bytes, media type). Audited ``consent.scan_view``."""
    check_permission(ctx, Action.CLIENT_VIEW_OWN)
    db = ctx.db
    with denials_audited(ctx, "consent.scan_view"), db.transaction():
        _check_visible(ctx, db, client_id)
        consents = ConsentRepository(db)
        form = consents.form(form_id)
        scan = consents.scan(form_id) if form is not None and form.client_id == client_id else None
        if scan is None:
            raise InvalidInput("该同意书没有扫描件。", "This form has no scan attached.")
        record(
            ctx,
            "consent.scan_view",
            target_type=TARGET,
            target_id=str(client_id),
            details={"form_id": form_id},
        )
    return scan


def record_imported_consent(ctx: SignedIn, db: Database, client_id: int, *, now: str) -> None:
    """A spreadsheet row (or a manager's whole-file confirmation) says the client signed the
    sensitive-data consent on paper before BranchVault: recorded as method ``imported`` with no form
    number, under the notice version in force, inside the import's transaction. The other purposes
    stay "not recorded" until a form is signed."""
    session = ctx.session
    entry = ConsentFormEntry(
        form_number=None,
        answers=((PurposeId.SENSITIVE_DATA, True),),
        signed_on=ctx.today(),
        method=ConsentMethod.IMPORTED,
    )
    stored = NoticeRepository(db).current()  # one row per import row: no parsing of the notice
    version = stored.version if stored is not None else current_notice(ctx).version
    repo = ConsentRepository(db)
    repo.add_form(
        client_id,
        entry,
        notice_version=version,
        witnessed_by=session.staff_id,
        recorded_by=session.staff_id,
        now=now,
    )
    repo.set_notice_version(client_id, version)  # re-consent is asked when a notice changes purposes


def consent_asked_before(db: Database, client_id: int) -> bool:
    """Whether the sensitive-data consent has any recorded event for the client (given, refused or
    withdrawn): an import's consent column may then not change it."""
    events = ConsentRepository(db).events(client_id)
    return (
        current_status(e.as_event() for e in events)[PurposeId.SENSITIVE_DATA] is not ConsentStatus.NOT_ASKED
    )
