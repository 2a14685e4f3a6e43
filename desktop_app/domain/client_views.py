"""The masked views of a client (masking.md; GB/T 35273-2020 §7.3): the list row (ClientSummary), the
detail page (ClientDetail) and the per-client row a headquarters summary may carry (HqClientRow),
each built by a pure function from a stored ClientRecord.

Rule: every personal value leaves the domain masked; choices leave as their stable codes (the UI
labels them in its language), the income band as its code plus whether the mask lets it show. Lists
and HQ rows never carry notes, ID numbers, birth dates or anything below the district of an address;
the detail page carries notes unmasked (masking.md: detail page only). Phones are masked from the
stored E.164 value and the kind recorded when the number was validated (domain/phone_numbers.py), so
no row is re-parsed with phonenumbers: a list page costs string work only. Attribute names are the
canonical field names (client_field_registry.py; the simple choice fields of the detail in one
``choices`` mapping like ``ClientValues``; ``address`` is the one composite: province, city,
district and detail masked together).

Reason: masking is a rule, not a display detail; the client list, the detail page, retention lists,
printed forms and the HQ summary builder (which may import the domain only) must mask alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.domain.address_masking import shown_district
from desktop_app.domain.client_choices import IncomeBand
from desktop_app.domain.client_record import ClientRecord
from desktop_app.domain.consent_records import needs_reconsent
from desktop_app.domain.identity_documents import IdType
from desktop_app.domain.masking import FieldKind, mask, mask_address
from desktop_app.domain.phone_numbers import PhoneKind

# The stored E.164 shapes a mainland kind was validated with: +86, then a mobile (1 and 10 digits) or
# an area code without its trunk 0 and the subscriber number (10 or 11 digits in all).
_STORED_MOBILE = re.compile(r"\+861[0-9]{10}")
_STORED_LANDLINE = re.compile(r"\+86[2-9][0-9]{8,10}|\+8610[0-9]{7,8}")
_MAINLAND_PREFIX = len("+86")


@dataclass(frozen=True)
class ClientSummary:
    """One masked row of the client list. Never notes, ID number or birth date."""

    id: int
    name: str
    phone: str
    intention_level: str | None
    stage: str
    assigned_agent_id: int
    last_contact_at: str | None
    needs_reconsent: bool = False
    """The client's latest consent form was signed under a notice version whose successor changed
    purposes or recipients: ask the client to sign the current form (Art. 14)."""


@dataclass(frozen=True)
class ClientDetail:
    """The detail page: every personal field masked except notes; choices as stable codes."""

    id: int
    assigned_agent_id: int
    name: str
    phone: str
    phone_kind: str
    id_type: str | None
    id_number: str
    email: str
    address: str
    income_band: str | None
    """The stored band's code (None: not recorded); labelled by the UI only when ``income_band_shown``."""
    intended_districts: str
    choices: Mapping[str, str]
    """The simple choice fields given (client_field_registry.py), by name: their codes."""
    stage: str
    notes: str
    sensitive_consent: bool
    created_at: str
    updated_at: str
    last_contact_at: str | None
    id_number_held: bool = False
    """The ID document is kept only for the anti-money-laundering hold after the consent was
    withdrawn: not shown, not even masked (no processing but storage)."""
    income_band_shown: bool = False
    """The income mask lets the band show (it reads as a band); otherwise it is shown fully masked."""


@dataclass(frozen=True)
class HqClientRow:
    """One client as a headquarters summary may carry it (when the branch enables per-client rows
    and the client's consent covers it): masked name, the district of the address (nothing below
    it), and choices as codes. No phone, ID number, email, notes or agent name."""

    name: str
    district: str
    intention_level: str | None
    property_type: str | None
    budget_band: str | None
    stage: str


def masked_phone(e164: str, kind: str) -> str:
    """The display mask of a stored number, from its E.164 form and stored kind, without parsing it
    again: a mainland mobile keeps 3 + 4 digits, a landline its area code (010 and 02x have two
    digits after the trunk 0, all others three) and the last 2, anything else (a foreign number, or
    a value without the shape its kind was validated with) the foreign rule. Never raises."""
    if kind == PhoneKind.MOBILE and _STORED_MOBILE.fullmatch(e164):
        return mask(FieldKind.MAINLAND_MOBILE, e164[_MAINLAND_PREFIX:])
    if kind == PhoneKind.LANDLINE and _STORED_LANDLINE.fullmatch(e164):
        national = e164[_MAINLAND_PREFIX:]
        area = 2 if national[0] in "12" else 3
        return mask(FieldKind.LANDLINE, f"0{national[:area]}-{national[area:]}")
    return mask(FieldKind.FOREIGN_PHONE, e164)


def masked_id_number(id_type: str | None, number: str | None) -> str:
    """The display mask of an ID number by its document type (an unknown type: the strictest
    other-document rule)."""
    if not number:
        return ""
    if id_type in (IdType.RESIDENT_ID, IdType.HMT_RESIDENCE_PERMIT):
        return mask(FieldKind.RESIDENT_ID_18, number)
    if id_type == IdType.RESIDENT_ID_15:
        return mask(FieldKind.RESIDENT_ID_15, number)
    return mask(FieldKind.OTHER_ID_DOCUMENT, number)


def income_band_shown(code: str | None) -> bool:
    """Whether a stored income band shows on the detail page: a known band whose label the income
    mask keeps as it is. An unknown code (not a band this version knows) is not shown."""
    try:
        label = IncomeBand(code).label_zh if code else ""
    except ValueError:
        return False
    return bool(label) and mask(FieldKind.INCOME_BAND, label) == label


def client_summary(client: ClientRecord, stale_versions: frozenset[str] = frozenset()) -> ClientSummary:
    """The masked list row; ``stale_versions`` (the notice versions whose successor changed what the
    client agreed to) sets the re-consent flag."""
    v = client.values
    return ClientSummary(
        id=client.id,
        name=mask(FieldKind.NAME, v.full_name),
        phone=masked_phone(v.phone_e164, v.phone_kind),
        intention_level=v.choice("intention_level"),
        stage=v.stage,
        assigned_agent_id=client.assigned_agent_id,
        last_contact_at=client.last_contact_at,
        needs_reconsent=needs_reconsent(client.notice_version, stale_versions, has_form=client.has_form),
    )


def client_detail(client: ClientRecord) -> ClientDetail:
    """The masked detail page. The ID number shows (masked) only while the sensitive-data consent
    is recorded; one kept without it only for the legal hold is flagged ``id_number_held``."""
    v = client.values
    return ClientDetail(
        id=client.id,
        assigned_agent_id=client.assigned_agent_id,
        name=mask(FieldKind.NAME, v.full_name),
        phone=masked_phone(v.phone_e164, v.phone_kind),
        phone_kind=v.phone_kind,
        id_type=v.id_type,
        id_number=masked_id_number(v.id_type, v.id_number) if v.sensitive_consent else "",
        email=mask(FieldKind.EMAIL, v.email),
        address=mask_address(v.province, v.city, v.district, v.address_detail),
        income_band=v.income_band,
        intended_districts=v.intended_districts,
        choices=v.choices,
        stage=v.stage,
        notes=v.notes,
        sensitive_consent=v.sensitive_consent,
        created_at=client.created_at,
        updated_at=client.updated_at,
        last_contact_at=client.last_contact_at,
        id_number_held=v.id_number is not None and not v.sensitive_consent,
        income_band_shown=income_band_shown(v.income_band),
    )


def hq_client_row(client: ClientRecord) -> HqClientRow:
    """The masked per-client row of a headquarters summary. Whether a client may have one at all
    (consent covering HQ sharing, not in storage only) is the summary builder's question
    (consent_records.takes_part_in); this only decides what the row shows."""
    v = client.values
    return HqClientRow(
        name=mask(FieldKind.NAME, v.full_name),
        district=shown_district(v.district),
        intention_level=v.choice("intention_level"),
        property_type=v.choice("property_type"),
        budget_band=v.choice("budget_band"),
        stage=v.stage,
    )
