"""Rules for recording what a client signed and for withdrawing consent (PIPL Art. 14, 15, 29, 31).

``validate_consent_form`` checks what the agent types after the client signed a consent form: the
form number (printed by this branch, on or before the day signed), one answer per consent purpose
of the registry (domain/consent_purposes.py), the day signed (not in the future), the guardian who
signed for a client under 14, and an optional scan or photo of the signed form (JPEG, PNG or PDF by
content, at most ``SCAN_MAX_BYTES``).

``withdrawal_effect`` says what withdrawing a purpose does at once: the features it unlocked stop,
the fields it unlocked are deleted, except those the law requires keeping while the 10-year
anti-money-laundering hold runs (the ID document of a buyer): those are only stored until the hold
ends and the retention rules destroy them.

``current_status`` reads a client's consent events (oldest first) into the state of each purpose;
``needs_reconsent`` says whether a client whose latest form was signed under an older notice version
must be asked again. Plain Python: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.client_fields import validate_name
from desktop_app.domain.client_record import ClientRecord
from desktop_app.domain.consent_form_number import parse_form_number
from desktop_app.domain.consent_purposes import (
    FEATURE_HQ_SUMMARY,
    FEATURE_MARKETING_CONTACT,
    FEATURE_SENSITIVE_DATA,
    ConsentPurpose,
    Guardian,
    GuardianRelation,
    PurposeId,
    consent_purposes,
    purpose,
)
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.field_errors import FieldLabel, InvalidField
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.domain.sensitive_numbers import refuse_sensitive_numbers

SCAN_MAX_BYTES = 8 * 1024 * 1024
"""A phone photo or a scanned page fits; a whole folder of scans does not belong in the database."""
NOTE_MAX = 200

GUARDIAN_NAME_FIELD = FieldLabel("guardian_name", "监护人姓名", "guardian's name")
GUARDIAN_RELATION_FIELD = FieldLabel("guardian_relation", "与客户关系", "guardian's relation")
SIGNED_ON_FIELD = FieldLabel("signed_on", "签署日期", "date signed")
FORM_NUMBER_FIELD = FieldLabel("form_number", "同意书编号", "consent form number")
SCAN_FIELD = FieldLabel("scan", "同意书扫描件", "scan of the signed form")
ANSWERS_FIELD = FieldLabel("answers", "各项同意", "consent answers")


class ConsentMethod(LabelledChoice):
    PAPER_FORM = "paper_form", "纸质同意书（客户签字）", "Paper form signed by the client"
    IMPORTED = "imported", "从表格导入（原纸质同意书）", "Imported from a spreadsheet (earlier paper form)"


class ConsentStatus(LabelledChoice):
    GRANTED = "granted", "已同意", "Given"
    REFUSED = "refused", "未同意", "Refused"
    WITHDRAWN = "withdrawn", "已撤回", "Withdrawn"
    NOT_ASKED = "not_asked", "未录入", "Not recorded"


class ScanType(LabelledChoice):
    JPEG = "image/jpeg", "JPEG 图片", "JPEG image"
    PNG = "image/png", "PNG 图片", "PNG image"
    PDF = "application/pdf", "PDF 文件", "PDF file"


_MAGIC: tuple[tuple[bytes, ScanType], ...] = (
    (b"\xff\xd8\xff", ScanType.JPEG),
    (b"\x89PNG\r\n\x1a\n", ScanType.PNG),
    (b"%PDF-", ScanType.PDF),
)


@dataclass(frozen=True)
class Scan:
    """A checked scan or photo of the signed form (kept only inside the encrypted database)."""

    data: bytes
    media_type: ScanType

    def __repr__(self) -> str:
        return f"Scan({self.media_type.value}, {len(self.data)} bytes)"


def scan_too_large(size: int) -> InvalidField:
    """The refusal of a scan of ``size`` bytes over ``SCAN_MAX_BYTES`` (also given before reading a
    file that big)."""
    limit, mb = SCAN_MAX_BYTES // (1024 * 1024), size / (1024 * 1024)
    return InvalidField(
        SCAN_FIELD,
        "scan_too_large",
        f"扫描件为 {mb:.1f} MB，超过 {limit} MB 上限，请降低扫描分辨率或用手机拍一张清晰照片",
        f"the scan is {mb:.1f} MB, over the {limit} MB limit. Scan at a lower resolution or take one "
        "clear photo",
    )


def check_scan(data: bytes) -> Scan:
    """The file's type read from its content (never from its name): JPEG, PNG or PDF, 1 byte to
    ``SCAN_MAX_BYTES``. Anything else is refused with a bilingual message."""
    if not data:
        raise InvalidField(SCAN_FIELD, "scan_empty", "扫描件文件是空的", "the scan file is empty")
    if len(data) > SCAN_MAX_BYTES:
        raise scan_too_large(len(data))
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return Scan(data, media_type)
    raise InvalidField(
        SCAN_FIELD,
        "scan_type",
        "扫描件只能是 JPEG、PNG 图片或 PDF 文件",
        "the scan must be a JPEG or PNG image or a PDF file",
    )


@dataclass(frozen=True, repr=False)
class ConsentFormDraft:
    """What the agent typed after the client signed. ``answers``: purpose id -> ticked (True) or not
    ticked (False); every consent purpose of the registry must be answered."""

    form_number: str
    answers: Mapping[str, bool]
    signed_on: date
    guardian_name: str = ""
    guardian_relation: str = ""
    scan: bytes | None = None
    method: str = ConsentMethod.PAPER_FORM.value


@dataclass(frozen=True, repr=False)
class ConsentFormEntry:
    """A validated consent form: one answer per consent purpose, in registry order."""

    form_number: str | None
    answers: tuple[tuple[PurposeId, bool], ...]
    signed_on: date
    method: ConsentMethod
    guardian: Guardian | None = None
    scan: Scan | None = None

    def granted(self) -> frozenset[PurposeId]:
        return frozenset(p for p, ticked in self.answers if ticked)

    def __repr__(self) -> str:
        return f"ConsentFormEntry({self.form_number}, granted={sorted(self.granted())})"


def _answers(answers: Mapping[str, bool]) -> tuple[tuple[PurposeId, bool], ...]:
    asked = consent_purposes()
    known = {p.id.value for p in asked}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise InvalidField(
            ANSWERS_FIELD,
            "unknown_purpose",
            "同意书上没有这些同意项：" + "、".join(unknown),
            "the form has no such consent purposes: " + ", ".join(unknown),
        )
    missing = [p for p in asked if p.id.value not in answers]
    if missing:
        raise InvalidField(
            ANSWERS_FIELD,
            "answer_missing",
            "请为每一项同意录入客户是否勾选：" + "、".join(p.id.label_zh for p in missing),
            "record for every purpose whether the client ticked it: "
            + ", ".join(p.id.label_en for p in missing),
        )
    for p in asked:
        if not isinstance(answers[p.id.value], bool):
            raise ValueError("consent answers are True or False")
    return tuple((p.id, answers[p.id.value]) for p in asked)


def _guardian(draft: ConsentFormDraft, client_under_14: bool | None) -> Guardian | None:
    name, relation = draft.guardian_name.strip(), draft.guardian_relation.strip()
    if not name and not relation:
        if client_under_14:
            raise InvalidField(
                GUARDIAN_NAME_FIELD,
                "guardian_required",
                "客户未满14周岁，须由其监护人签署同意书：请录入监护人姓名和与客户的关系",
                "the client is under 14, so a guardian signs the form: enter the guardian's name and "
                "relation to the client",
            )
        return None
    if client_under_14 is False:
        raise InvalidField(
            GUARDIAN_NAME_FIELD,
            "guardian_not_needed",
            "根据证件号码，客户已满14周岁，由本人签署同意书，无需录入监护人",
            "by the ID number the client is 14 or older and signs the form in person; no guardian "
            "is recorded",
        )
    if not name:
        raise InvalidField(GUARDIAN_NAME_FIELD, "required", "请填写监护人姓名", "enter the guardian's name")
    if not relation:
        raise InvalidField(
            GUARDIAN_RELATION_FIELD, "required", "请选择监护人与客户的关系", "choose the guardian's relation"
        )
    try:
        checked = validate_name(name)
    except InvalidField as bad:
        raise InvalidInput("监护人" + bad.zh, "Guardian: " + bad.en) from None
    return Guardian(checked, GuardianRelation.parse(relation, GUARDIAN_RELATION_FIELD))


def validate_consent_form(
    draft: ConsentFormDraft,
    *,
    today: date,
    branch_code: str,
    client_under_14: bool | None,
) -> ConsentFormEntry:
    """The draft checked (InvalidInput / InvalidField with bilingual messages). ``client_under_14``:
    known from the client's ID number (True/False) or unknown (None: a guardian may be recorded)."""
    method = ConsentMethod.parse(draft.method, FieldLabel("method", "方式", "method"))
    form_number: str | None = None
    if method is ConsentMethod.PAPER_FORM or draft.form_number.strip():
        try:
            number = parse_form_number(draft.form_number)
        except InvalidInput as bad:  # shown at the form-number field
            raise InvalidField(
                FORM_NUMBER_FIELD, "invalid", bad.zh.rstrip("。"), bad.en.rstrip(".")
            ) from None
        if number.branch_code != branch_code.strip().upper():
            raise InvalidField(
                FORM_NUMBER_FIELD,
                "other_branch",
                f"同意书编号 {number} 不是本门店（{branch_code}）打印的。请核对编号，或使用本门店打印的同意书",
                f"Consent form {number} was not printed by this branch ({branch_code}). Check the number "
                "or use a form printed here",
            )
        if method is ConsentMethod.PAPER_FORM and draft.signed_on < number.day:
            raise InvalidField(
                SIGNED_ON_FIELD,
                "before_printed",
                f"签署日期早于同意书打印日期（{number.day:%Y年%m月%d日}），请核对",
                f"the date signed is before the form was printed ({number.day:%Y-%m-%d}); check it",
            )
        form_number = str(number)
    if draft.signed_on > today:
        raise InvalidField(
            SIGNED_ON_FIELD, "future", "签署日期不能晚于今天", "the date signed cannot be later than today"
        )
    return ConsentFormEntry(
        form_number=form_number,
        answers=_answers(draft.answers),
        signed_on=draft.signed_on,
        method=method,
        guardian=_guardian(draft, client_under_14),
        scan=None if draft.scan is None else check_scan(draft.scan),
    )


WITHDRAWAL_NOTE_FIELD = FieldLabel("note", "说明", "note")


def validate_note(text: str) -> str:
    """A withdrawal's optional note: at most ``NOTE_MAX`` characters, never an ID or card number."""
    note = " ".join(text.split())
    if len(note) > NOTE_MAX:
        raise InvalidField(
            WITHDRAWAL_NOTE_FIELD,
            "too_long",
            f"最多 {NOTE_MAX} 个字（现为 {len(note)} 个）",
            f"at most {NOTE_MAX} characters (now {len(note)})",
        )
    return refuse_sensitive_numbers(WITHDRAWAL_NOTE_FIELD, note)


# ----------------------------------------------------------------------------------------- withdrawal


@dataclass(frozen=True)
class WithdrawalEffect:
    """What withdrawing ``purpose`` does at once. ``delete_fields`` are erased now; ``keep_fields``
    stay only for the legal hold (no reveal, no print; destroyed by the retention rules when the hold
    ends); ``stops`` are the features that stop."""

    purpose: PurposeId
    delete_fields: frozenset[str]
    keep_fields: frozenset[str]
    stops: frozenset[str]


LEGAL_HOLD_FIELDS = frozenset({"id_type", "id_number"})
"""The buyer's identification the anti-money-laundering rules require keeping for 10 years."""


class NotWithdrawable(InvalidInput):
    code = "not_withdrawable"


def withdrawal_effect(purpose_id: PurposeId | str, *, under_legal_hold: bool) -> WithdrawalEffect:
    chosen: ConsentPurpose = purpose(purpose_id)
    if not chosen.withdrawable:
        raise NotWithdrawable(
            f"“{chosen.id.label_zh}”无需同意（履行合同所必需），不能撤回；客户可要求终止服务并删除信息。",
            f"'{chosen.id.label_en}' needs no consent (it is needed for the contract), so it cannot be "
            "withdrawn; the client can end the service and ask for deletion instead.",
        )
    keep = chosen.fields & LEGAL_HOLD_FIELDS if under_legal_hold else frozenset()
    return WithdrawalEffect(chosen.id, chosen.fields - keep, keep, chosen.features)


# --------------------------------------------------------------------------------------------- status


@dataclass(frozen=True)
class ConsentEvent:
    purpose: str
    event: str  # granted / refused / withdrawn
    at: str
    form_number: str | None = None


def current_status(events: Iterable[ConsentEvent]) -> dict[PurposeId, ConsentStatus]:
    """Each consent purpose's state: its latest event (oldest first in ``events``), NOT_ASKED if none.
    Events for purposes no longer in the registry are ignored."""
    status = {p.id: ConsentStatus.NOT_ASKED for p in consent_purposes()}
    for event in events:
        try:
            key = PurposeId(event.purpose)
        except ValueError:
            continue
        if key in status:
            status[key] = ConsentStatus(event.event)
    return status


def granted_purposes(events: Iterable[ConsentEvent]) -> frozenset[PurposeId]:
    return frozenset(p for p, s in current_status(events).items() if s is ConsentStatus.GRANTED)


def needs_reconsent(
    client_notice_version: str | None, stale_versions: Iterable[str], *, has_form: bool = True
) -> bool:
    """A client whose latest form was signed under a version whose successor changed purposes,
    recipients, methods or categories (``privacy_notice.notice_changes``) must be asked again.
    A client who never signed a form (``has_form`` False) is not asked to sign "again", though
    their record keeps the version in force at intake."""
    return has_form and client_notice_version is not None and client_notice_version in set(stale_versions)


def takes_part_in(client: ClientRecord, feature: str) -> bool:
    """Whether the client takes part in ``feature`` now: its consent is in effect and the record is
    not in storage only. The HQ summary builder and marketing lists ask this; a withdrawal clears
    the flag in the same transaction, so it takes effect at once."""
    if client.storage_only:
        return False
    return {
        FEATURE_HQ_SUMMARY: client.hq_consent,
        FEATURE_MARKETING_CONTACT: client.marketing_consent,
        FEATURE_SENSITIVE_DATA: client.values.sensitive_consent,
    }.get(feature, False)
