"""Consent end to end on the real encrypted store: print the form for a client, record what the
client signed (then the ID number and income may be saved), scans, guardians, withdrawal and its
immediate effects, the legal hold, re-consent after a new notice version, permissions, audit, and
the consent rows' immutability and destruction with the client."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlcipher3

from desktop_app.documents.consent_form import QR_PREFIX
from desktop_app.domain.client_record import ClientDraft, ClientRecord
from desktop_app.domain.consent_purposes import FEATURE_HQ_SUMMARY, FEATURE_MARKETING_CONTACT, PurposeId
from desktop_app.domain.consent_records import ConsentStatus, NotWithdrawable, takes_part_in
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.roles import Role
from desktop_app.services import client_consents as consents
from desktop_app.services import privacy_notices as notices
from desktop_app.services.client_deletion import delete_client
from desktop_app.services.client_directory import NotYourClient, list_clients
from desktop_app.services.client_intake import ConsentFormNeeded, create_client, update_client
from desktop_app.services.client_retention import approve_destruction, due_for_destruction
from desktop_app.services.client_reveal import KeptForLegalHold, reveal_field
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.notice_files import NOTICES_DIR
from tests.conftest import Branch, Clock
from tests.consent_support import signed_form
from tests.documents.pdf_tools import decode_qr_codes, flat_text, pdf_info, requires_poppler
from tests.support.branch_settings import save_branch_settings
from tests.support.client_access import add_confirmed_staff

SignIn = Callable[[Role], SignedIn]
RESIDENT_ID = "110105199003071239"
NAME, PHONE = "欧阳娜娜", "13812345678"
OTHER_AGENT = ("lisi", "Agt!Other#2026xy")
BUNDLED = "2026-12-v2"  # the newest bundled version (2026-11-v1 promised HQ name and mobile)
V1_TEXT = (NOTICES_DIR / f"{BUNDLED}.toml").read_text(encoding="utf-8")
SCAN = b"\xff\xd8\xff\xe0" + b"SCAN-PLAINTEXT-MARKER-QX7731|" * 200


def resident_id(born: date, serial: str = "123") -> str:
    body = f"110105{born:%Y%m%d}{serial}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


CHILD_ID = resident_id(date(2018, 3, 7))  # 8 years old on the test clock (2027-01-15)


def stored(ctx: SignedIn, client_id: int) -> ClientRecord:
    db = ctx.db
    record = ClientRepository(db).get(client_id)
    assert record is not None
    return record


def audit(ctx: SignedIn, action: str) -> list[tuple[str, str, str, str | None, dict[str, object]]]:
    db = ctx.db
    rows = db.execute(
        "SELECT actor_username, target_id, outcome, reason, details FROM audit_log WHERE action = ? ORDER BY seq",
        (action,),
    ).fetchall()
    return [(a, t, o, r, json.loads(d) if d else {}) for a, t, o, r, d in rows]


def audit_text(ctx: SignedIn) -> str:
    db = ctx.db
    rows = db.execute("SELECT action, target_id, reason, details FROM audit_log").fetchall()
    return "\n".join(" ".join(str(c) for c in row) for row in rows)


def count(ctx: SignedIn, table: str, client_id: int) -> int:
    db = ctx.db
    return int(db.execute(f"SELECT count(*) FROM {table} WHERE client_id = ?", (client_id,)).fetchone()[0])


def new_client(ctx: SignedIn, stage: str = "subscription", name: str = NAME, phone: str = PHONE) -> int:
    return create_client(ctx, ClientDraft(name=name, phone=phone, stage=stage)).id


def go_to(clock: Clock, day: date, hour: int = 10) -> None:
    clock.advance(datetime(day.year, day.month, day.day, hour, tzinfo=UTC).timestamp() - clock())


@pytest.fixture(autouse=True)
def _hq_details(branch: Branch) -> None:
    """The bundled notice names headquarters: the branch config gives its name and contact."""
    config = dataclasses.replace(
        branch.ctx.require_config(), hq_name="示例地产集团总部", hq_contact="021-0000-0000"
    )
    save_branch_settings(branch.ctx, config)


@pytest.fixture
def other_agent(branch: Branch, signed_in: SignIn) -> SignedIn:
    add_confirmed_staff(branch, OTHER_AGENT, "李四")
    ctx = sign_in(branch.context(), *OTHER_AGENT)
    yield ctx  # type: ignore[misc]
    ctx.close()


# ------------------------------------------------------------------------------------ the main flow


@requires_poppler
def test_print_sign_record_then_id_and_income_may_be_saved(signed_in: SignIn, tmp_path: Path) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent)
    with pytest.raises(InvalidField) as refused:
        update_client(agent, client_id, {"id_number": RESIDENT_ID})
    assert refused.value.reason == "sensitive_consent_required"
    with pytest.raises(InvalidField):
        update_client(agent, client_id, {"income_band": "30_50"})
    with pytest.raises(ConsentFormNeeded):
        update_client(agent, client_id, {"sensitive_consent": True})

    printed = consents.print_consent_form(agent, client_id)
    assert printed.notice_version == BUNDLED and printed.form_number.startswith("SZ001-20270115-")
    text = flat_text(printed.pdf, tmp_path)
    assert NAME in text and printed.form_number in text and BUNDLED in text
    pages = int(pdf_info(printed.pdf, tmp_path)["Pages"])
    qr = decode_qr_codes(printed.pdf, tmp_path, page=pages)
    assert qr == [f"{QR_PREFIX}|{printed.form_number}|{BUNDLED}"]
    db = agent.db
    row = db.execute(
        "SELECT client_id, notice_version FROM printed_forms WHERE form_number = ?", (printed.form_number,)
    ).fetchone()
    assert tuple(row) == (client_id, BUNDLED)
    ((actor, target, outcome, _, details),) = audit(agent, "consent.print")
    assert (actor, target, outcome) == ("zhangwei", str(client_id), "success")
    assert details["form_number"] == printed.form_number and details["notice_version"] == BUNDLED

    form = dataclasses.replace(signed_form(agent, hq=True), form_number=printed.form_number.lower())
    overview = consents.record_consent_form(agent, client_id, form)
    assert overview.status(PurposeId.SENSITIVE_DATA) is ConsentStatus.GRANTED
    assert overview.status(PurposeId.HQ_SHARING) is ConsentStatus.GRANTED
    assert overview.status(PurposeId.MARKETING_CONTACT) is ConsentStatus.REFUSED
    assert overview.notice_version == BUNDLED and not overview.needs_reconsent
    assert FEATURE_HQ_SUMMARY in overview.features and FEATURE_MARKETING_CONTACT not in overview.features
    (recorded,) = overview.forms
    assert recorded.form_number == printed.form_number and recorded.method == "paper_form"
    assert recorded.witnessed_by == "zhangwei" and recorded.guardian == "" and recorded.scan_size == 0

    update_client(agent, client_id, {"id_number": RESIDENT_ID, "income_band": "30_50"})
    client = stored(agent, client_id)
    assert client.values.id_number == RESIDENT_ID and client.values.income_band == "30_50"
    assert client.values.sensitive_consent and client.hq_consent and not client.marketing_consent
    assert client.notice_version == BUNDLED
    assert takes_part_in(client, FEATURE_HQ_SUMMARY)

    ((_, target, outcome, _, details),) = audit(agent, "consent.record")
    assert (target, outcome) == (str(client_id), "success")
    assert details["granted"] == ["hq_sharing", "sensitive_data"] and details["refused"] == [
        "marketing_contact"
    ]
    assert details["form_number"] == printed.form_number and details["notice_version"] == BUNDLED
    assert NAME not in audit_text(agent) and RESIDENT_ID not in audit_text(agent)


def test_form_numbers_cannot_be_reused_or_moved_to_another_client_or_branch(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    first = new_client(agent)
    second = new_client(agent, name="王芳", phone="13912345678")
    printed = consents.print_consent_form(agent, first)
    form = dataclasses.replace(signed_form(agent), form_number=printed.form_number)
    with pytest.raises(consents.FormForAnotherClient) as moved:
        consents.record_consent_form(agent, second, form)
    assert printed.form_number in moved.value.zh and "another client" in moved.value.en
    consents.record_consent_form(agent, first, form)
    with pytest.raises(consents.FormAlreadyRecorded):
        consents.record_consent_form(agent, first, form)
    with pytest.raises(consents.FormAlreadyRecorded):
        consents.record_consent_form(agent, second, form)
    other_branch = dataclasses.replace(form, form_number=form.form_number.replace("SZ001", "GZ002"))
    with pytest.raises(InvalidField) as branch_refused:
        consents.record_consent_form(agent, second, other_branch)
    assert branch_refused.value.reason == "other_branch"
    assert count(agent, "consent_forms", first) == 1 and count(agent, "consent_forms", second) == 0
    assert not stored(agent, second).values.sensitive_consent
    assert len(audit(agent, "consent.record")) == 1


def test_a_blank_form_not_printed_by_the_app_is_recorded_under_the_current_notice(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent)
    overview = consents.record_consent_form(agent, client_id, signed_form(agent, marketing=True))
    assert (
        overview.notice_version == BUNDLED
        and overview.status(PurposeId.MARKETING_CONTACT) is ConsentStatus.GRANTED
    )
    assert stored(agent, client_id).marketing_consent


def test_create_client_with_the_hand_filled_form_records_both_at_once(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    with pytest.raises(ConsentFormNeeded):
        create_client(agent, ClientDraft(name=NAME, phone=PHONE, stage="contract", sensitive_consent=True))
    draft = ClientDraft(
        name=NAME, phone=PHONE, stage="contract", id_number=RESIDENT_ID, sensitive_consent=True
    )
    client = create_client(agent, draft, consent=signed_form(agent, hq=True))
    record = stored(agent, client.id)
    assert record.values.id_number == RESIDENT_ID and record.hq_consent and record.notice_version == BUNDLED
    assert count(agent, "consent_forms", client.id) == 1


# ---------------------------------------------------------------------------------------- guardians


def test_a_child_needs_a_guardian_s_form_before_the_id_number_is_saved(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    child = new_client(agent, name="张小明")
    consents.record_consent_form(agent, child, signed_form(agent))
    with pytest.raises(InvalidField) as refused:
        update_client(agent, child, {"id_number": CHILD_ID})
    assert refused.value.reason == "guardian_consent_required" and CHILD_ID not in refused.value.zh

    consents.record_consent_form(
        agent, child, signed_form(agent, guardian_name="张大山", guardian_relation="father")
    )
    update_client(agent, child, {"id_number": CHILD_ID})
    assert stored(agent, child).values.id_number == CHILD_ID
    overview = consents.consent_overview(agent, child)
    assert overview.forms[0].guardian == "张**（父亲）"
    assert "张大山" not in audit_text(agent) and audit(agent, "consent.record")[-1][4]["guardian"] is True

    # now that the ID shows a child, a form without a guardian is refused; with one it is accepted
    with pytest.raises(InvalidField) as needed:
        consents.record_consent_form(agent, child, signed_form(agent))
    assert needed.value.reason == "guardian_required"
    consents.record_consent_form(
        agent, child, signed_form(agent, guardian_name="李美", guardian_relation="mother")
    )


def test_a_guardian_is_refused_for_a_client_whose_id_shows_14_or_older(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent)
    consents.record_consent_form(agent, client_id, signed_form(agent))
    update_client(agent, client_id, {"id_number": RESIDENT_ID})
    with pytest.raises(InvalidField) as refused:
        consents.record_consent_form(
            agent, client_id, signed_form(agent, guardian_name="张大山", guardian_relation="father")
        )
    assert refused.value.reason == "guardian_not_needed"
    assert count(agent, "consent_forms", client_id) == 1


# -------------------------------------------------------------------------------------------- scans


def test_a_scan_is_kept_encrypted_and_read_back_audited(branch: Branch, signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent)
    overview = consents.record_consent_form(agent, client_id, signed_form(agent, scan=SCAN))
    (form,) = overview.forms
    assert (form.scan_type, form.scan_size) == ("image/jpeg", len(SCAN))
    assert consents.consent_scan(agent, client_id, form.id) == (SCAN, "image/jpeg")
    ((_, target, _, _, details),) = audit(agent, "consent.scan_view")
    assert target == str(client_id) and details == {"form_id": form.id}
    assert audit(agent, "consent.record")[0][4]["scan"] == {"type": "image/jpeg", "bytes": len(SCAN)}

    db = agent.db
    db.checkpoint()
    marker = b"SCAN-PLAINTEXT-MARKER"
    root = branch.ctx.paths.database
    for path in root.parent.glob(root.name + "*"):
        assert marker not in path.read_bytes(), path


def test_scans_of_the_wrong_type_or_size_are_refused_and_nothing_is_recorded(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent)
    with pytest.raises(InvalidField) as wrong_type:
        consents.record_consent_form(agent, client_id, signed_form(agent, scan=b"GIF89a" + b"\x00" * 100))
    assert wrong_type.value.reason == "scan_type"
    too_big = b"%PDF-" + b"\x00" * (8 * 1024 * 1024)
    with pytest.raises(InvalidField) as wrong_size:
        consents.record_consent_form(agent, client_id, signed_form(agent, scan=too_big))
    assert wrong_size.value.reason == "scan_too_large"
    assert count(agent, "consent_forms", client_id) == 0 and count(agent, "consent_events", client_id) == 0
    overview = consents.record_consent_form(agent, client_id, signed_form(agent))
    with pytest.raises(InvalidInput):
        consents.consent_scan(agent, client_id, overview.forms[0].id)


# --------------------------------------------------------------------------------------- withdrawal


def test_withdrawing_sensitive_data_without_a_hold_deletes_id_and_income_at_once(
    signed_in: SignIn, clock: Clock
) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent)
    consents.record_consent_form(agent, client_id, signed_form(agent))
    update_client(agent, client_id, {"id_number": RESIDENT_ID, "income_band": "30_50"})
    go_to(clock, date(2037, 1, 16))  # the 10-year hold has ended; the record is not yet destroyed
    overview = consents.withdraw_consent(agent, client_id, PurposeId.SENSITIVE_DATA, note="客户来电撤回")
    assert overview.status(PurposeId.SENSITIVE_DATA) is ConsentStatus.WITHDRAWN
    values = stored(agent, client_id).values
    assert values.id_number is None and values.id_type is None and values.income_band is None
    assert not values.sensitive_consent
    db = agent.db
    change = ClientRepository(db).changes(client_id)[0]
    assert set(change.fields) == {"id_type", "id_number", "income_band"}
    ((actor, target, outcome, _, details),) = audit(agent, "consent.withdraw")
    assert (actor, target, outcome) == ("zhangwei", str(client_id), "success")
    assert details["purpose"] == "sensitive_data" and details["kept_for_legal_hold"] == []
    assert set(details["deleted"]) == {"id_type", "id_number", "income_band"}  # type: ignore[arg-type]
    text = audit_text(agent)
    assert RESIDENT_ID not in text and NAME not in text and "客户来电撤回" not in text
    with pytest.raises(consents.ConsentNotInEffect):
        consents.withdraw_consent(agent, client_id, PurposeId.SENSITIVE_DATA)
    with pytest.raises(InvalidField):
        update_client(agent, client_id, {"income_band": "30_50"})


def test_withdrawing_sensitive_data_for_a_lead_clears_the_consent(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent, stage="lead")
    consents.record_consent_form(agent, client_id, signed_form(agent))
    assert stored(agent, client_id).values.sensitive_consent
    consents.withdraw_consent(agent, client_id, "sensitive_data")
    assert not stored(agent, client_id).values.sensitive_consent
    update_client(agent, client_id, {"stage": "subscription"})
    with pytest.raises(InvalidField):
        update_client(agent, client_id, {"id_number": RESIDENT_ID})


def test_a_buyer_under_the_hold_keeps_only_the_id_which_cannot_be_revealed_until_destroyed(
    signed_in: SignIn, clock: Clock
) -> None:
    agent = signed_in(Role.AGENT)
    manager = signed_in(Role.MANAGER)
    client_id = new_client(agent, stage="contract")
    consents.record_consent_form(agent, client_id, signed_form(agent))
    update_client(agent, client_id, {"id_number": RESIDENT_ID, "income_band": "30_50"})
    consents.withdraw_consent(agent, client_id, PurposeId.SENSITIVE_DATA)
    values = stored(agent, client_id).values
    assert values.id_number == RESIDENT_ID and values.income_band is None and not values.sensitive_consent
    details = audit(agent, "consent.withdraw")[0][4]
    assert details["deleted"] == ["income_band"] and set(details["kept_for_legal_hold"]) == {
        "id_type",
        "id_number",
    }  # type: ignore[arg-type]

    with pytest.raises(KeptForLegalHold):
        reveal_field(agent, client_id, "id_number", "贷款办理")
    assert [e[2:4] for e in audit(agent, "client.reveal")] == [("denied", "kept_for_legal_hold")]
    update_client(agent, client_id, {"notes": "已撤回敏感信息同意"})  # other edits still work
    with pytest.raises(InvalidField):
        update_client(agent, client_id, {"id_number": resident_id(date(1985, 5, 5))})
    with pytest.raises(InvalidField):
        update_client(agent, client_id, {"income_band": "30_50"})

    go_to(clock, date(2037, 1, 14))
    assert client_id not in [row.id for row in due_for_destruction(manager)]
    go_to(clock, date(2037, 1, 16))
    assert client_id in [row.id for row in due_for_destruction(manager)]
    approve_destruction(manager, [client_id])
    db = manager.db
    assert ClientRepository(db).get(client_id) is None
    assert count(manager, "consent_forms", client_id) == count(manager, "consent_events", client_id) == 0


def test_withdrawing_hq_sharing_removes_the_client_from_hq_summaries_at_once(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent)
    consents.record_consent_form(agent, client_id, signed_form(agent, hq=True, marketing=True))
    assert takes_part_in(stored(agent, client_id), FEATURE_HQ_SUMMARY)
    overview = consents.withdraw_consent(agent, client_id, PurposeId.HQ_SHARING)
    assert FEATURE_HQ_SUMMARY not in overview.features
    client = stored(agent, client_id)
    assert not takes_part_in(client, FEATURE_HQ_SUMMARY) and takes_part_in(client, FEATURE_MARKETING_CONTACT)
    assert client.values.sensitive_consent
    assert audit(agent, "consent.withdraw")[0][4]["features_stopped"] == [FEATURE_HQ_SUMMARY]

    consents.withdraw_consent(agent, client_id, PurposeId.MARKETING_CONTACT)
    client = stored(agent, client_id)
    assert not client.marketing_consent and not takes_part_in(client, FEATURE_MARKETING_CONTACT)
    with pytest.raises(NotWithdrawable):
        consents.withdraw_consent(agent, client_id, PurposeId.HOME_PURCHASE)


def test_a_client_without_hq_consent_never_takes_part_in_hq_summaries(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    never_asked = new_client(agent, name="王芳", phone="13912345678")
    refused = new_client(agent)
    consents.record_consent_form(agent, refused, signed_form(agent, hq=False, marketing=True))
    for client_id in (never_asked, refused):
        assert not takes_part_in(stored(agent, client_id), FEATURE_HQ_SUMMARY)
    with pytest.raises(consents.ConsentNotInEffect):
        consents.withdraw_consent(agent, refused, PurposeId.HQ_SHARING)


def test_a_new_form_without_a_purpose_given_before_withdraws_it(signed_in: SignIn, clock: Clock) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent)
    consents.record_consent_form(agent, client_id, signed_form(agent, hq=True, marketing=True))
    update_client(agent, client_id, {"income_band": "30_50"})
    clock.advance(60)
    overview = consents.record_consent_form(agent, client_id, signed_form(agent, sensitive=False, hq=True))
    assert overview.status(PurposeId.SENSITIVE_DATA) is ConsentStatus.REFUSED
    assert overview.status(PurposeId.MARKETING_CONTACT) is ConsentStatus.REFUSED
    client = stored(agent, client_id)
    assert client.values.income_band is None and not client.values.sensitive_consent
    assert client.hq_consent and not client.marketing_consent
    details = audit(agent, "consent.record")[-1][4]
    assert details["no_longer_given"] == ["marketing_contact", "sensitive_data"]
    assert details["deleted"] == ["income_band"]


# ---------------------------------------------------------------------------------------- re-consent


def _publish(manager: SignedIn, tmp_path: Path, version: str, old: str, new: str) -> None:
    assert old in V1_TEXT
    text = V1_TEXT.replace(f'version = "{BUNDLED}"', f'version = "{version}"').replace(old, new)
    path = tmp_path / f"{version}.toml"
    path.write_text(text, encoding="utf-8")
    notices.publish_notice(manager, path)


def test_a_notice_changing_purposes_flags_clients_for_reconsent_until_they_sign_again(
    branch: Branch, signed_in: SignIn, tmp_path: Path, clock: Clock
) -> None:
    agent = signed_in(Role.AGENT)
    manager = signed_in(Role.MANAGER)
    signed = new_client(agent)
    unsigned = new_client(agent, name="王芳", phone="13912345678")
    consents.record_consent_form(agent, signed, signed_form(agent))
    clock.advance(60)
    _publish(
        manager,
        tmp_path,
        "2027-01-v3",
        "本项完全自愿，不同意不影响任何服务。",
        "本项完全自愿；我们每月至多联系您两次。",
    )
    flags = {row.id: row.needs_reconsent for row in list_clients(agent)}
    assert flags == {signed: True, unsigned: False}
    assert consents.consent_overview(agent, signed).needs_reconsent

    printed = consents.print_consent_form(agent, signed)
    assert printed.notice_version == "2027-01-v3"
    consents.record_consent_form(
        agent, signed, dataclasses.replace(signed_form(agent), form_number=printed.form_number)
    )
    assert {row.id: row.needs_reconsent for row in list_clients(agent)} == {signed: False, unsigned: False}
    assert stored(agent, signed).notice_version == "2027-01-v3"


def test_a_notice_changing_only_wording_flags_nobody(
    branch: Branch, signed_in: SignIn, tmp_path: Path, clock: Clock
) -> None:
    agent = signed_in(Role.AGENT)
    manager = signed_in(Role.MANAGER)
    client_id = new_client(agent)
    consents.record_consent_form(agent, client_id, signed_form(agent))
    clock.advance(60)
    _publish(manager, tmp_path, "2027-01-v3", "请您仔细阅读", "请您认真阅读")
    assert notices.current_notice(agent).version == "2027-01-v3"
    assert [row.needs_reconsent for row in list_clients(agent)] == [False]
    assert not consents.consent_overview(agent, client_id).needs_reconsent


# ------------------------------------------------------------------------------ permissions and audit


def test_agents_may_not_act_on_another_agent_s_client(signed_in: SignIn, other_agent: SignedIn) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent)
    consents.record_consent_form(agent, client_id, signed_form(agent, hq=True))
    calls = [
        ("consent.print", lambda: consents.print_consent_form(other_agent, client_id)),
        (
            "consent.record",
            lambda: consents.record_consent_form(other_agent, client_id, signed_form(other_agent)),
        ),
        ("consent.withdraw", lambda: consents.withdraw_consent(other_agent, client_id, PurposeId.HQ_SHARING)),
        ("consent.view", lambda: consents.consent_overview(other_agent, client_id)),
    ]
    for operation, call in calls:
        with pytest.raises(NotYourClient):
            call()
        denied = audit(agent, "access.denied")[-1]
        assert (denied[0], denied[1], denied[2], denied[4]) == (
            "lisi",
            str(client_id),
            "denied",
            {"operation": operation},
        )
    assert stored(agent, client_id).hq_consent and count(agent, "consent_forms", client_id) == 1
    db = agent.db
    assert db.execute("SELECT count(*) FROM printed_forms").fetchone()[0] == 0
    manager = signed_in(Role.MANAGER)
    consents.withdraw_consent(manager, client_id, PurposeId.HQ_SHARING)  # the manager sees the branch
    assert not stored(agent, client_id).hq_consent


def test_it_admin_may_not_print_or_record(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent)
    admin = signed_in(Role.IT_ADMIN)
    with pytest.raises(PermissionDenied):
        consents.print_consent_form(admin, client_id)
    with pytest.raises(PermissionDenied):
        consents.record_consent_form(admin, client_id, signed_form(admin))
    with pytest.raises(PermissionDenied):
        consents.withdraw_consent(admin, client_id, PurposeId.HQ_SHARING)
    assert count(agent, "consent_forms", client_id) == 0


def test_when_the_audit_write_fails_the_consent_action_leaves_nothing(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client_id = new_client(agent)
    consents.record_consent_form(agent, client_id, signed_form(agent, hq=True))
    update_client(agent, client_id, {"income_band": "30_50"})
    db = agent.db
    forms_before = db.execute("SELECT count(*) FROM consent_forms").fetchone()[0]
    events_before = db.execute("SELECT count(*) FROM consent_events").fetchone()[0]
    db.execute(
        "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END"
    )
    with pytest.raises(sqlcipher3.Error):
        consents.print_consent_form(agent, client_id)
    with pytest.raises(sqlcipher3.Error):
        consents.record_consent_form(agent, client_id, signed_form(agent, sensitive=False, marketing=True))
    with pytest.raises(sqlcipher3.Error):
        consents.withdraw_consent(agent, client_id, PurposeId.SENSITIVE_DATA)
    db.execute("DROP TRIGGER audit_down")
    assert db.execute("SELECT count(*) FROM printed_forms").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM consent_forms").fetchone()[0] == forms_before
    assert db.execute("SELECT count(*) FROM consent_events").fetchone()[0] == events_before
    client = stored(agent, client_id)
    assert client.values.sensitive_consent and client.values.income_band == "30_50"
    assert client.hq_consent and not client.marketing_consent
    assert ClientRepository(db).changes(client_id)[0].fields == ("income_band",)


def test_consent_rows_never_change_and_go_with_the_destroyed_client(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    manager = signed_in(Role.MANAGER)
    client_id = new_client(agent, stage="lead")
    printed = consents.print_consent_form(agent, client_id)
    consents.record_consent_form(
        agent,
        client_id,
        dataclasses.replace(signed_form(agent, hq=True, scan=SCAN), form_number=printed.form_number),
    )
    consents.withdraw_consent(agent, client_id, PurposeId.HQ_SHARING)
    db = agent.db
    for sql in (
        "UPDATE consent_forms SET form_number = 'SZ001-20270115-AAAAAA'",
        "UPDATE consent_events SET event = 'granted'",
    ):
        with pytest.raises(sqlcipher3.IntegrityError, match="never change"):
            db.execute(sql)
    assert count(agent, "consent_events", client_id) == 4
    delete_client(manager, client_id, "deletion_request")
    for table in ("consent_forms", "consent_events", "printed_forms"):
        assert count(manager, table, client_id) == 0, table


def test_an_imported_consent_is_recorded_under_the_current_notice_and_can_be_flagged_later(
    signed_in: SignIn, tmp_path: Path, clock: Clock
) -> None:
    agent = signed_in(Role.AGENT)
    manager = signed_in(Role.MANAGER)
    client_id = new_client(agent)
    db = agent.db
    with db.transaction():
        consents.record_imported_consent(agent, db, client_id, now="2027-01-15T08:00:00.000000Z")
    overview = consents.consent_overview(agent, client_id)
    assert overview.status(PurposeId.SENSITIVE_DATA) is ConsentStatus.GRANTED
    assert overview.status(PurposeId.HQ_SHARING) is ConsentStatus.NOT_ASKED
    (form,) = overview.forms
    assert form.form_number is None and form.method == "imported" and form.notice_version == BUNDLED
    assert stored(agent, client_id).notice_version == BUNDLED
    clock.advance(60)
    _publish(
        manager,
        tmp_path,
        "2027-01-v3",
        "本项完全自愿，不同意不影响任何服务。",
        "本项完全自愿；我们每月至多联系您两次。",
    )
    assert [row.needs_reconsent for row in list_clients(agent)] == [True]
