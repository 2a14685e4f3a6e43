"""The clients an incident affected, the notification letters and the log of who was told how.

Rule: these link a client to a breach, so they live in clients.db (client schema version 6) and
need the client-data key besides the manager's role (``Action.INCIDENT_ASSESS``): an IT or auditor
session has neither, and clients.db is not even attached for it. branch.db keeps only the number of
affected clients. The letter is ``documents/breach_notification.py``'s, filled from the incident's
assessment (PIPL Art. 57: categories, cause and possible harm, measures taken, what the individual
can do, how to reach the company — the contact comes from the letterhead), with the client's name in
the salutation only; it leaves the encrypted store only as the printed letter or the PDFs a manager
saves to a folder they chose (never the data directory: services/output_files.py). Each letter
given is a row of the append-only notification log (``letter_printed`` / ``letter_saved``); phone,
SMS, in-person and postal notices are logged by hand. When every affected client has a log row the
incident's "clients notified" moment is recorded (the deadline is met). Audit entries carry counts
and HMAC pseudonyms of client numbers, never names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop_app.documents.breach_notification import BreachNotice, breach_notification_pdf
from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.client_views import ClientSummary, client_summary
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.incident_codes import (
    CHANNEL_FIELD,
    IncidentKind,
    NotificationChannel,
    category_labels,
)
from desktop_app.domain.incident_deadlines import parse_utc
from desktop_app.domain.incident_record import Incident, NotificationEntry, clean_text
from desktop_app.domain.incident_states import IncidentState, TransitionRefused
from desktop_app.domain.permissions import Action
from desktop_app.services.audit_trail import check_permission, pseudonym, record
from desktop_app.services.incidents import IncidentNotFound
from desktop_app.services.output_files import check_output, write_output
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.incident_repository import IncidentClientRepository, IncidentRepository

MAX_AFFECTED = 5000


@dataclass(frozen=True, repr=False)
class BreachLetter:
    client_id: int
    reference: str
    pdf: bytes

    def __repr__(self) -> str:
        return f"BreachLetter(reference={self.reference!r})"


@dataclass(frozen=True)
class NotificationRow:
    """A log row for display: the client's masked name, the channel and who recorded it."""

    entry: NotificationEntry
    client_name: str  # masked
    by_name: str


def _with_client_key(me: SignedIn, incident_id: int, operation: str) -> Incident:
    """The manager's incident, after checking the client-data key (audited refusal without it)."""
    check_permission(me, Action.INCIDENT_ASSESS)
    session = me.session
    if session.holds_client_key:
        from desktop_app.services.client_access import ensure_still_holder  # local: import cycle

        ensure_still_holder(me)
    else:
        from desktop_app.services.client_key_grants import require_client_key

        with me.db.transaction():
            record(
                me,
                "access.denied",
                target_type="incident",
                target_id=str(incident_id),
                outcome="denied",
                details={"operation": operation, "client_access": session.client_access},
            )
        require_client_key(me)
    incident = IncidentRepository(me.db).get(incident_id)
    if incident is None:
        raise IncidentNotFound()
    return incident


def set_affected_clients(me: SignedIn, incident_id: int, client_ids: list[int]) -> Incident:
    """Replace the incident's affected-client list (manager with the client key); the incident row
    keeps the count only."""
    incident = _with_client_key(me, incident_id, "incident.clients")
    if incident.state == IncidentState.CLOSED:
        raise TransitionRefused(
            "事件已关闭，不能修改受影响的客户。", "The incident is closed; its clients cannot change."
        )
    ids = sorted(set(client_ids))
    if len(ids) > MAX_AFFECTED:
        raise InvalidInput(
            f"最多登记 {MAX_AFFECTED} 位客户。", f"At most {MAX_AFFECTED} clients can be listed."
        )
    db = me.db
    clients = ClientRepository(db)
    unknown = [cid for cid in ids if clients.get(cid) is None]
    if unknown:
        raise InvalidInput(
            "以下客户编号不存在：" + "、".join(str(c) for c in unknown[:10]),
            "No client with number: " + ", ".join(str(c) for c in unknown[:10]),
        )
    repo = IncidentRepository(db)
    with db.transaction():
        before = len(IncidentClientRepository(db).client_ids(incident_id))
        IncidentClientRepository(db).replace_clients(
            incident_id, ids, at=me.now_utc(), by=me.session.staff_id
        )
        repo.set_affected_count(incident_id, len(ids))
        record(
            me,
            "incident.clients",
            target_type="incident",
            target_id=str(incident_id),
            details={"reference": incident.reference, "before": before, "after": len(ids)},
        )
        updated = repo.get(incident_id)
    assert updated is not None
    return updated


def affected_clients(me: SignedIn, incident_id: int) -> list[ClientSummary]:
    """The affected clients as masked list rows (the picker and the letters page)."""
    _with_client_key(me, incident_id, "incident.clients_view")
    db = me.db
    clients = ClientRepository(db)
    rows = []
    for cid in IncidentClientRepository(db).client_ids(incident_id):
        client = clients.get(cid)
        if client is not None:
            rows.append(client_summary(client))
    return rows


def unnotified_clients(me: SignedIn, incident: Incident) -> int:
    """How many affected clients have no notification logged (needs the client key)."""
    _with_client_key(me, incident.id, "incident.notified")
    repo = IncidentClientRepository(me.db)
    return len(set(repo.client_ids(incident.id)) - repo.notified_client_ids(incident.id))


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _occurred_text(incident: Incident) -> str:
    moment = parse_utc(incident.occurred_at).astimezone(BRANCH_TIME)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M} ({moment:%Y-%m-%d %H:%M})"


def _notice(incident: Incident, reference: str, name: str, issued_on: date) -> BreachNotice:
    kind = IncidentKind(incident.kind)
    zh = category_labels(incident.categories, "zh_CN")
    en = category_labels(incident.categories, "en")
    return BreachNotice(
        reference=reference,
        recipient_name=name,
        issued_on=issued_on,
        occurred=_occurred_text(incident),
        what_happened=f"{kind.label_zh} / {kind.label_en}：{incident.description}",
        data_categories=tuple(f"{a} / {b}" for a, b in zip(zh, en, strict=True)),
        cause=incident.cause,
        possible_harm=incident.harm,
        measures_taken=_lines(incident.measures),
        client_actions=_lines(incident.client_advice),
    )


def letters(me: SignedIn, incident_id: int) -> list[BreachLetter]:
    """One letter per affected client (rendered, nothing recorded). Only for an assessed breach."""
    incident = _with_client_key(me, incident_id, "incident.letters")
    if not incident.is_breach:
        raise TransitionRefused(
            "只有评估为个人信息泄露的事件才需要告知书。",
            "Letters are only for incidents assessed as personal-information breaches.",
        )
    db = me.db
    ids = IncidentClientRepository(db).client_ids(incident_id)
    if not ids:
        raise InvalidInput("尚未登记受影响的客户。", "No affected clients are recorded yet.")
    clients = ClientRepository(db)
    letterhead = me.config.letterhead()
    today = me.today()
    result = []
    for number, cid in enumerate(ids, start=1):
        client = clients.get(cid)
        if client is None:
            continue
        reference = f"{incident.reference}-{number:03d}"
        pdf = breach_notification_pdf(
            letterhead, _notice(incident, reference, client.values.full_name, today)
        )
        result.append(BreachLetter(cid, reference, pdf))
    return result


@dataclass(frozen=True, repr=False)
class LetterBatch:
    """Every affected client's letter joined into one PDF for one print job (the job's title is
    the incident reference: no client name reaches the print queue)."""

    reference: str
    pdf: bytes
    client_ids: tuple[int, ...]

    def __repr__(self) -> str:
        return f"LetterBatch(reference={self.reference!r}, letters={len(self.client_ids)})"


def _joined(parts: list[bytes]) -> bytes:
    import io

    import pypdfium2 as pdfium

    joined = pdfium.PdfDocument.new()
    try:
        for part_bytes in parts:
            part = pdfium.PdfDocument(part_bytes)
            try:
                joined.import_pages(part)
            finally:
                part.close()
        buffer = io.BytesIO()
        joined.save(buffer)
        return buffer.getvalue()
    finally:
        joined.close()


def letter_batch(me: SignedIn, incident_id: int) -> LetterBatch:
    """All the letters in one PDF for printing (nothing recorded until ``record_letters_printed``)."""
    batch = letters(me, incident_id)
    incident = IncidentRepository(me.db).get(incident_id)
    assert incident is not None
    return LetterBatch(
        incident.reference,
        _joined([letter.pdf for letter in batch]),
        tuple(letter.client_id for letter in batch),
    )


def _log(
    me: SignedIn,
    incident: Incident,
    client_ids: list[int],
    channel: NotificationChannel,
    day: date,
    note: str,
) -> None:
    """Inside the caller's transaction: log rows, the audit entry, and the notified moment once all are told."""
    repo = IncidentClientRepository(me.db)
    at = me.now_utc()
    for cid in client_ids:
        repo.add_notification(
            incident.id, cid, channel=channel.value, day=day, by=me.session.staff_id, note=note, at=at
        )
    record(
        me,
        "incident.notify",
        target_type="incident",
        target_id=str(incident.id),
        details={
            "reference": incident.reference,
            "channel": channel.value,
            "count": len(client_ids),
            "clients": [pseudonym(me, f"client:{cid}") for cid in client_ids[:20]],
        },
    )
    everyone = set(repo.client_ids(incident.id))
    if (
        incident.clients_notified_at is None
        and everyone
        and everyone <= repo.notified_client_ids(incident.id)
    ):
        IncidentRepository(me.db).set_report_time(incident.id, "clients", at)


def save_letters(me: SignedIn, incident_id: int, out_dir: Path, *, overwrite: bool = False) -> list[Path]:
    """Write every affected client's letter into ``out_dir`` as ``<reference>.pdf`` (the file name
    names no client) and log them as ``letter_saved``. All targets are checked before any is written."""
    batch = letters(me, incident_id)
    incident = IncidentRepository(me.db).get(incident_id)
    assert incident is not None
    folder = Path(out_dir)
    if not folder.is_dir():
        raise InvalidInput(f"文件夹不存在：{folder}", f"No such folder: {folder}")
    targets = [folder / f"{letter.reference}.pdf" for letter in batch]
    for target in targets:
        check_output(target, me.paths.root, overwrite=overwrite)
    written = [
        write_output(target, letter.pdf, data_dir=me.paths.root, overwrite=overwrite)
        for target, letter in zip(targets, batch, strict=True)
    ]
    with me.db.transaction():
        _log(
            me,
            incident,
            [letter.client_id for letter in batch],
            NotificationChannel.LETTER_SAVED,
            me.today(),
            "",
        )
    return written


def record_letters_printed(me: SignedIn, incident_id: int, client_ids: list[int]) -> None:
    """After the GUI printed the letters: log them as ``letter_printed``."""
    incident = _with_client_key(me, incident_id, "incident.notify")
    affected = set(IncidentClientRepository(me.db).client_ids(incident_id))
    chosen = [cid for cid in sorted(set(client_ids)) if cid in affected]
    with me.db.transaction():
        _log(me, incident, chosen, NotificationChannel.LETTER_PRINTED, me.today(), "")


def record_notification(
    me: SignedIn, incident_id: int, client_id: int, channel: str, day: date | None = None, note: str = ""
) -> None:
    """Log a notice given another way (phone, SMS, in person, post) or a letter handed over."""
    incident = _with_client_key(me, incident_id, "incident.notify")
    code = NotificationChannel.parse(channel, CHANNEL_FIELD)
    text = clean_text(note, "备注", "note")
    when = day or me.today()
    if when > me.today():
        raise InvalidInput("告知日期不能晚于今天。", "The notice date cannot be in the future.")
    if client_id not in IncidentClientRepository(me.db).client_ids(incident_id):
        raise InvalidInput(
            "该客户不在此事件的受影响客户名单中。", "That client is not listed as affected by this incident."
        )
    with me.db.transaction():
        _log(me, incident, [client_id], code, when, text)


def notification_log(me: SignedIn, incident_id: int) -> list[NotificationRow]:
    """The log with masked client names and who recorded each row."""
    _with_client_key(me, incident_id, "incident.log")
    db = me.db
    from desktop_app.store.staff_repository import StaffRepository

    names = {m.id: m.display_name for m in StaffRepository(db).list()}
    clients = ClientRepository(db)
    rows = []
    for entry in IncidentClientRepository(db).notifications(incident_id):
        client = clients.get(entry.client_id)
        masked = client_summary(client).name if client is not None else f"#{entry.client_id}"
        rows.append(NotificationRow(entry, masked, names.get(entry.by, str(entry.by))))
    return rows
