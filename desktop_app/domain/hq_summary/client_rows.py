"""Per-client rows of an HQ summary: the branch setting that allows them and the masked row itself.

Rule: off by default. A manager may switch them on, naming the legal basis the company relies on for
providing personal information to headquarters (PIPL art. 23 and 13): ``same_entity`` (the branch
and headquarters are one legal entity, so HQ is not another handler), ``entrustment`` (an entrusted
processing agreement, art. 21: its reference and expiry date are required, and no row leaves after
that day) or ``separate_consent`` (each client's separate consent, art. 23). Whatever the basis, a
row is made only for a client whose ``hq_sharing`` consent is in effect and who is not in storage
only (consent_records.takes_part_in), so the notice and the consent form stay true.

A row holds a keyed pseudonym (pseudonyms.py; never the ID number or phone), the masked name, the
district (nothing below it), intention level, property type, budget band and stage as codes, and
an agent code that is not the agent's name. It never holds an ID number, phone, email, address
detail, income, notes or follow-ups.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from desktop_app.domain.address_masking import shown_district
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.masking import FieldKind, mask

REFERENCE_MAX = 120
ROW_FIELDS = (
    "pseudonym",
    "masked_name",
    "district",
    "intention_level",
    "property_type",
    "budget_band",
    "stage",
    "agent_code",
)
"""The keys of one row, in the order ``docs/hq-summary-schema.md`` lists them."""


class LegalBasis(StrEnum):
    SAME_ENTITY = "same_entity"
    ENTRUSTMENT = "entrustment"
    SEPARATE_CONSENT = "separate_consent"


@dataclass(frozen=True)
class ClientRowsSetting:
    """The branch's setting; ``ClientRowsSetting()`` is the default: off."""

    enabled: bool = False
    legal_basis: LegalBasis | None = None
    reference: str = ""
    expires: date | None = None

    def active_on(self, today: date) -> bool:
        """Whether rows may leave on ``today`` (an entrustment past its expiry date: no)."""
        if not self.enabled:
            return False
        return self.expires is None or today <= self.expires

    def as_dict(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled,
            "legal_basis": None if self.legal_basis is None else self.legal_basis.value,
            "reference": self.reference,
            "expires": None if self.expires is None else self.expires.isoformat(),
        }

    def to_json(self) -> bytes:
        return json.dumps(self.as_dict(), sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes | None) -> ClientRowsSetting:
        """The stored setting; anything unreadable counts as off (never as on)."""
        if not data:
            return cls()
        try:
            raw = json.loads(data)
            return client_rows_setting(
                enabled=bool(raw["enabled"]),
                legal_basis=raw.get("legal_basis"),
                reference=str(raw.get("reference") or ""),
                expires=raw.get("expires"),
            )
        except (ValueError, KeyError, TypeError, InvalidInput):
            return cls()


def client_rows_setting(
    *, enabled: bool, legal_basis: str | None = None, reference: str = "", expires: str | date | None = None
) -> ClientRowsSetting:
    """A validated setting (InvalidInput, exit code 2, for a missing or unknown basis, an
    entrustment without reference or expiry, an expiry on another basis)."""
    if not enabled:
        return ClientRowsSetting()
    try:
        basis = LegalBasis(legal_basis or "")
    except ValueError:
        raise InvalidInput(
            "开启逐客户明细须注明法律依据：same_entity（同一法人）、entrustment（委托处理协议）或 "
            "separate_consent（单独同意）。",
            "Per-client rows need a legal basis: same_entity, entrustment or separate_consent.",
        ) from None
    reference = reference.strip()
    if len(reference) > REFERENCE_MAX:
        raise InvalidInput(
            f"依据编号最多 {REFERENCE_MAX} 个字符。", f"The reference is at most {REFERENCE_MAX} characters."
        )
    expiry: date | None
    try:
        expiry = date.fromisoformat(expires) if isinstance(expires, str) and expires else None
    except ValueError:
        raise InvalidInput("到期日应为 YYYY-MM-DD。", "The expiry date must be YYYY-MM-DD.") from None
    if isinstance(expires, date):
        expiry = expires
    if basis is LegalBasis.ENTRUSTMENT and (not reference or expiry is None):
        raise InvalidInput(
            "委托处理协议须填写协议编号和到期日。",
            "An entrustment agreement needs its reference and expiry date.",
        )
    if basis is not LegalBasis.ENTRUSTMENT and expiry is not None:
        raise InvalidInput("只有委托处理协议有到期日。", "Only an entrustment agreement has an expiry date.")
    return ClientRowsSetting(True, basis, reference, expiry)


def agent_code(staff_id: int) -> str:
    """A stable code for the staff member a client is assigned to, never their name."""
    return f"A{staff_id}"


def client_row(
    *,
    pseudonym: str,
    full_name: str,
    district: str | None,
    intention_level: str | None,
    property_type: str | None,
    budget_band: str | None,
    stage: str,
    agent_id: int,
) -> dict[str, Any]:
    """One row, masked like ``client_views.hq_client_row`` (same masks; a test compares them)."""
    return {
        "pseudonym": pseudonym,
        "masked_name": mask(FieldKind.NAME, full_name),
        "district": shown_district(district),
        "intention_level": intention_level,
        "property_type": property_type,
        "budget_band": budget_band,
        "stage": stage,
        "agent_code": agent_code(agent_id),
    }


def client_rows_object(setting: ClientRowsSetting, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``client_rows`` object of the payload (rows sorted by pseudonym: no insertion order leaks)."""
    assert setting.legal_basis is not None
    return {
        "legal_basis": setting.legal_basis.value,
        "basis_reference": setting.reference,
        "basis_expires": None if setting.expires is None else setting.expires.isoformat(),
        "rows": sorted(rows, key=lambda row: str(row["pseudonym"])),
    }
