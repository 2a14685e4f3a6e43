"""A client as intake collects it (ClientDraft: text as typed), as validated for storage
(ClientValues) and as stored (ClientRecord), plus a follow-up, and the sensitive-data gate.

The fields are those of the client-field registry (domain/client_field_registry.py): the ones with
cross-field rules are typed attributes, the simple optional choice fields travel in ``choices``
(keyed by registry name) and are validated, stored and compared by iterating the registry.

``sensitive_fields_allowed`` is the ONE place the rule lives: an ID number and an income band are
kept only when the client's separate sensitive-data consent is recorded (PIPL art. 28–29) and only
from the subscription stage on. A first visit (stage ``lead``) needs only a name or surname and a phone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import TypeVar

from desktop_app.domain.client_choices import INCOME_BAND_FIELD, STAGE_FIELD, IncomeBand, Stage
from desktop_app.domain.client_field_registry import CLIENT_FIELDS
from desktop_app.domain.client_fields import (
    ADDRESS_DETAIL_FIELD,
    CITY_FIELD,
    DISTRICT_FIELD,
    EMAIL_FIELD,
    INTENDED_DISTRICTS_FIELD,
    INTENDED_DISTRICTS_MAX,
    NOTES_FIELD,
    Address,
    clean_notes,
    validate_email,
    validate_name,
    validate_optional_address,
)
from desktop_app.domain.consent_purposes import PurposeId, fields_unlocked
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.field_errors import FieldLabel, InvalidField, too_long
from desktop_app.domain.identity_documents import (
    ID_TYPE_FIELD,
    IdType,
    holder_is_under_14,
    id_number_field,
    validate_id_number,
)
from desktop_app.domain.input_text import collapse_spaces
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.domain.phone_numbers import validate_phone
from desktop_app.domain.sensitive_numbers import refuse_sensitive_numbers


class FollowupKind(LabelledChoice):
    VISIT = "visit", "到访/带看", "Visit"
    CALL = "call", "电话", "Call"


BUYER_STAGES: frozenset[str] = frozenset({Stage.SUBSCRIPTION, Stage.CONTRACT, Stage.CLOSED})
"""Stages of a client who has bought: the ID number and income may be kept, and the anti-money-
laundering hold (at least 10 years from ``ClientRecord.buyer_since``) applies."""


_SENSITIVE_FIELDS = frozenset({"id_number", "income_band"})  # the ones the gate below checks


def sensitive_fields_allowed(stage: Stage | str, sensitive_consent: bool) -> bool:
    """Whether an ID number and an income band may be stored for a client at ``stage``: the consent
    registry (domain/consent_purposes.py) says which purpose unlocks them."""
    granted = (PurposeId.SENSITIVE_DATA,) if sensitive_consent else ()
    return _SENSITIVE_FIELDS <= fields_unlocked(granted) and Stage(stage) in BUYER_STAGES


def _consent_needed(field: FieldLabel) -> InvalidField:
    return InvalidField(
        field,
        "sensitive_consent_required",
        "须先记录客户对敏感个人信息的单独同意，且仅在认购阶段起方可填写",
        "may be recorded only once the client's separate consent for sensitive data is recorded, "
        "and only from the subscription stage on",
    )


@dataclass(frozen=True, repr=False)
class ClientDraft:
    """What intake collects, as typed. Blank text means "not given"."""

    name: str
    phone: str
    stage: str = Stage.LEAD.value
    id_type: str = ""
    id_number: str = ""
    email: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    address_detail: str = ""
    income_band: str = ""
    intended_districts: str = ""
    notes: str = ""
    sensitive_consent: bool = False
    choices: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """The simple optional choice fields (client_field_registry.py), by name: text as typed."""

    def __post_init__(self) -> None:
        _known_choices(self.choices)

    def choice(self, name: str) -> str:
        return self.choices.get(name, "")

    def field(self, name: str) -> str | bool:
        """Any field by its canonical name (a typed attribute or a choice)."""
        if name in CLIENT_FIELDS.choice_names():
            return self.choice(name)
        value: str | bool = getattr(self, name)
        return value


@dataclass(frozen=True, repr=False)
class ClientValues:
    """A validated client, normalised for storage: choices are stable codes, None means not given."""

    full_name: str
    phone_e164: str
    phone_kind: str
    stage: str
    id_type: str | None = None
    id_number: str | None = None
    email: str | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    address_detail: str | None = None
    income_band: str | None = None
    intended_districts: str = ""
    notes: str = ""
    sensitive_consent: bool = False
    choices: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """The simple optional choice fields given (client_field_registry.py), by name: their codes."""

    def __post_init__(self) -> None:
        _known_choices(self.choices)

    def choice(self, name: str) -> str | None:
        return self.choices.get(name)


class UnknownClientField(BranchVaultError):
    code = "unknown_client_field"

    def __init__(self, names: list[str]) -> None:
        listed = ", ".join(names)
        super().__init__(f"未知的客户字段：{listed}", f"Unknown client fields: {listed}")


def _known_choices(choices: Mapping[str, str]) -> None:
    unknown = sorted(set(choices) - CLIENT_FIELDS.choice_names())
    if unknown:
        raise UnknownClientField(unknown)


def draft_fields() -> frozenset[str]:
    """Every field a draft (and an edit's changes) may name: the registry's canonical names."""
    return frozenset(CLIENT_FIELDS.names())


def draft_with(draft: ClientDraft, changes: Mapping[str, object]) -> ClientDraft:
    """``draft`` with ``changes`` (canonical field names, as an edit or a correction names them)
    applied; a choice field's change goes into ``choices``."""
    choice_names = CLIENT_FIELDS.choice_names()
    unknown = sorted(set(changes) - draft_fields())
    if unknown:
        raise UnknownClientField(unknown)
    chosen = {
        name: "" if value is None else str(value) for name, value in changes.items() if name in choice_names
    }
    typed = {name: value for name, value in changes.items() if name not in choice_names}
    return replace(draft, choices={**draft.choices, **chosen}, **typed)  # type: ignore[arg-type]


_TYPED_COLUMNS = tuple(f.name for f in fields(ClientValues) if f.name != "choices")


def value_columns(values: ClientValues) -> dict[str, object]:
    """The stored columns (registry order) and their values; None for a choice not given."""
    typed = {name: getattr(values, name) for name in _TYPED_COLUMNS}
    return {
        name: typed[name] if name in typed else values.choices.get(name)
        for name in CLIENT_FIELDS.column_names()
    }


def values_from_columns(raw: Mapping[str, object]) -> ClientValues:
    """The values from their stored columns (``value_columns`` read back)."""
    choices = {name: str(raw[name]) for name in CLIENT_FIELDS.choice_names() if raw.get(name) is not None}
    typed = {name: raw[name] for name in _TYPED_COLUMNS}
    typed["sensitive_consent"] = bool(typed["sensitive_consent"])
    return ClientValues(**typed, choices=choices)  # type: ignore[arg-type]


def changed_columns(before: ClientValues, after: ClientValues) -> list[str]:
    """The stored columns whose value differs, in storage order (a change history entry)."""
    old, new = value_columns(before), value_columns(after)
    return [name for name in old if old[name] != new[name]]


@dataclass(frozen=True, repr=False)
class ClientRecord:
    id: int
    assigned_agent_id: int
    values: ClientValues
    created_at: str
    updated_at: str
    last_contact_at: str | None
    buyer_since: str | None = None  # UTC timestamp the client first reached a BUYER_STAGES stage
    storage_only_since: str | None = None  # set: kept only for a legal hold, no other processing
    hq_consent: bool = False  # separate consent to provide data to headquarters in effect
    marketing_consent: bool = False  # optional consent to marketing calls and SMS in effect
    # The notice version of the client's latest consent form or, before any form, the one in force
    # when the client was registered (the notice they were informed under).
    notice_version: str | None = None
    has_form: bool = False  # at least one consent form (signed or imported) is recorded

    @property
    def storage_only(self) -> bool:
        return self.storage_only_since is not None

    def __repr__(self) -> str:
        return f"ClientRecord(id={self.id})"


@dataclass(frozen=True, repr=False)
class Followup:
    id: int
    client_id: int
    at: str
    kind: FollowupKind
    note: str
    staff_id: int

    def __repr__(self) -> str:
        return f"Followup(id={self.id}, client_id={self.client_id})"


def _no_personal_repr(self: object) -> str:
    """Drafts and values hold personal data: their repr (tracebacks, logs) shows none of it."""
    return f"{type(self).__name__}(…)"


ClientDraft.__repr__ = _no_personal_repr  # type: ignore[method-assign]
ClientValues.__repr__ = _no_personal_repr  # type: ignore[method-assign]

SENSITIVE_CONSENT_FIELD = FieldLabel("sensitive_consent", "敏感个人信息单独同意", "sensitive-data consent")
_YES = {"1", "true", "yes", "y", "是", "同意", "已同意"}
_NO = {"", "0", "false", "no", "n", "否", "不同意", "未同意"}


def consent_flag(value: object) -> bool:
    """A consent answer as a real yes/no; text other than a clear yes or no is refused, never guessed
    (the text "false" must not count as consent)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        answer = value.strip().lower()
        if answer in _YES:
            return True
        if answer in _NO:
            return False
    raise InvalidField(SENSITIVE_CONSENT_FIELD, "not_yes_or_no", "请填写“是”或“否”", "must be yes or no")


def _guardian_consent_needed(field: FieldLabel) -> InvalidField:
    return InvalidField(
        field,
        "guardian_consent_required",
        "客户未满 14 周岁：须由监护人单独同意后方可记录（随同意书功能提供）",
        "the client is under 14: it may be recorded only with a guardian's consent "
        "(recorded with the consent forms)",
    )


def _choice(kind: type[LabelledChoice], text: str, field: FieldLabel) -> str | None:
    return kind.parse(text, field).value if text.strip() else None


def _districts(text: str, today: date | None) -> str:
    value = collapse_spaces(text)
    if len(value) > INTENDED_DISTRICTS_MAX:
        raise too_long(INTENDED_DISTRICTS_FIELD, INTENDED_DISTRICTS_MAX, len(value))
    return refuse_sensitive_numbers(INTENDED_DISTRICTS_FIELD, value, today=today)


def _email(text: str, today: date | None) -> str | None:
    email = validate_email(text)
    return None if email is None else refuse_sensitive_numbers(EMAIL_FIELD, email, today=today)


def _address_free_text(address: Address, today: date | None) -> None:
    for field, text in ((CITY_FIELD, address.city), (DISTRICT_FIELD, address.district)):
        refuse_sensitive_numbers(field, text, today=today)
    refuse_sensitive_numbers(ADDRESS_DETAIL_FIELD, address.detail, today=today)


def validate_draft(
    draft: ClientDraft,
    *,
    today: date | None = None,
    guardian_consent: bool = False,
    id_kept_for_legal_hold: bool = False,
) -> ClientValues:
    """The draft validated field by field (InvalidField names the first bad field in zh and en;
    ``draft_problems`` lists every one). Free-text fields (notes, districts wanted, email, city,
    district, street address) refuse a resident ID or bank card number (domain/sensitive_numbers.py):
    an ID number is kept only in its own field, behind consent.

    ``guardian_consent``: a guardian signed the client's consent form, so the ID document of a child
    under 14 may be recorded (Art. 31). ``id_kept_for_legal_hold``: the stored ID document stays
    after the sensitive-data consent was withdrawn, only because the anti-money-laundering hold
    requires it (the caller passes True only when the ID fields are not being changed)."""
    problems: list[InvalidInput] = []
    values = _validated(draft, today, guardian_consent, id_kept_for_legal_hold, problems)
    if values is None:
        raise problems[0]
    return values


def draft_problems(draft: ClientDraft, *, today: date | None = None) -> tuple[InvalidInput, ...]:
    """Every bad field of the draft, in form order (empty when ``validate_draft`` accepts it), so a
    spreadsheet row reports all its problems at once."""
    return checked_draft(draft, today=today)[1]


def checked_draft(
    draft: ClientDraft, *, today: date | None = None
) -> tuple[ClientValues | None, tuple[InvalidInput, ...]]:
    """The values (None when a field is bad) and every problem, from one pass over the draft (an
    import validates each row once)."""
    problems: list[InvalidInput] = []
    values = _validated(draft, today, False, False, problems)
    return (values if not problems else None), tuple(problems)


_T = TypeVar("_T")


def _checked(problems: list[InvalidInput], check: Callable[[], _T]) -> _T | None:
    """``check()``, or None with its error added to ``problems``."""
    try:
        return check()
    except InvalidInput as error:
        problems.append(error)
        return None


def _validated(
    draft: ClientDraft,
    today: date | None,
    guardian_consent: bool,
    id_kept_for_legal_hold: bool,
    problems: list[InvalidInput],
) -> ClientValues | None:
    """The values, or None with every problem found added to ``problems``. A field that depends on
    a bad one (the ID number on an unreadable stage) is checked as leniently as it can be, so only
    real problems are reported."""
    stage = _checked(problems, lambda: Stage.parse(draft.stage, STAGE_FIELD))
    name = _checked(
        problems, lambda: validate_name(draft.name, surname_only_allowed=stage in (Stage.LEAD, None))
    )
    phone = _checked(problems, lambda: validate_phone(draft.phone))
    consent = _checked(problems, lambda: consent_flag(draft.sensitive_consent))
    sensitive_ok = stage is None or consent is None or sensitive_fields_allowed(stage, consent)
    id_type: str | None = None
    id_number: str | None = None
    if draft.id_number.strip():
        document = _checked(
            problems,
            lambda: (
                IdType.parse(draft.id_type, ID_TYPE_FIELD) if draft.id_type.strip() else IdType.RESIDENT_ID
            ),
        )
        if document is not None:
            if not sensitive_ok and not id_kept_for_legal_hold:
                problems.append(_consent_needed(id_number_field(document)))
            else:
                id_number = _checked(
                    problems, lambda: validate_id_number(document, draft.id_number, today=today)
                )
                id_type = document.value
                if (
                    id_number is not None
                    and not guardian_consent
                    and holder_is_under_14(document, id_number, today or date.today())
                ):
                    problems.append(_guardian_consent_needed(id_number_field(document)))
    income = _checked(problems, lambda: _choice(IncomeBand, draft.income_band, INCOME_BAND_FIELD))
    if income is not None and not sensitive_ok:
        problems.append(_consent_needed(INCOME_BAND_FIELD))
    address = _checked(
        problems,
        lambda: validate_optional_address(draft.province, draft.city, draft.district, draft.address_detail),
    )
    if address is not None:
        _checked(problems, lambda: _address_free_text(address, today))
    email = _checked(problems, lambda: _email(draft.email, today))
    intended_districts = _checked(problems, lambda: _districts(draft.intended_districts, today))
    choices = _choices(draft, problems)
    notes = _checked(
        problems, lambda: refuse_sensitive_numbers(NOTES_FIELD, clean_notes(draft.notes), today=today)
    )
    if problems:
        return None
    assert stage is not None and name is not None and phone is not None and consent is not None
    return ClientValues(
        full_name=name,
        phone_e164=phone.e164,
        phone_kind=phone.kind.value,
        stage=stage.value,
        id_type=id_type,
        id_number=id_number,
        email=email,
        province=address.province if address else None,
        city=address.city if address else None,
        district=address.district if address else None,
        address_detail=(address.detail or None) if address else None,
        income_band=income,
        intended_districts=intended_districts or "",
        notes=notes or "",
        sensitive_consent=consent,
        choices=choices,
    )


def _choices(draft: ClientDraft, problems: list[InvalidInput]) -> dict[str, str]:
    """The codes of the simple choice fields given, each checked against its LabelledChoice."""
    codes: dict[str, str] = {}
    for row in CLIENT_FIELDS.choice_fields():
        assert row.choice is not None
        try:
            code = _choice(row.choice, draft.choice(row.name), row.label)
        except InvalidInput as error:
            problems.append(error)
            continue
        if code is not None:
            codes[row.name] = code
    return codes


def draft_from_values(values: ClientValues) -> ClientDraft:
    """The stored values as a draft, so an edit is validated exactly like intake."""
    return ClientDraft(
        name=values.full_name,
        phone=values.phone_e164,
        stage=values.stage,
        id_type=values.id_type or "",
        id_number=values.id_number or "",
        email=values.email or "",
        province=values.province or "",
        city=values.city or "",
        district=values.district or "",
        address_detail=values.address_detail or "",
        income_band=values.income_band or "",
        intended_districts=values.intended_districts,
        notes=values.notes,
        sensitive_consent=values.sensitive_consent,
        choices=dict(values.choices),
    )
