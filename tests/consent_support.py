"""Signed consent forms for tests: the sensitive-data consent (and others) is set only by recording
the form the client signed (services/client_consents.py), so tests that need an ID number or income
build one here."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.branch_time import branch_day
from desktop_app.domain.consent_form_number import new_form_number
from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.consent_records import ConsentFormDraft
from desktop_app.services.signed_in import SignedIn


def signed_form(
    ctx: SignedIn,
    *,
    sensitive: bool = True,
    hq: bool = False,
    marketing: bool = False,
    guardian_name: str = "",
    guardian_relation: str = "",
    signed_on: date | None = None,
    scan: bytes | None = None,
) -> ConsentFormDraft:
    """A paper form of this branch with a fresh number, signed today (Beijing) unless ``signed_on``."""
    return ConsentFormDraft(
        form_number=str(new_form_number(ctx.require_config().branch_code, ctx.clock())),
        answers={
            PurposeId.SENSITIVE_DATA.value: sensitive,
            PurposeId.HQ_SHARING.value: hq,
            PurposeId.MARKETING_CONTACT.value: marketing,
        },
        signed_on=signed_on or branch_day(ctx.clock()),
        guardian_name=guardian_name,
        guardian_relation=guardian_relation,
        scan=scan,
    )
