"""Client requests (PIPL Art. 44–50) end to end on the encrypted store: due dates from receipt and
from identity verification, the client's unmasked copy as PDF (checked with pdftotext and pdffonts)
and JSON, correction through update_client with history and audit, deletion and withdrawal
(destroyed, or storage only for a buyer under the legal hold), refusals with a written reason,
managers only, and closed requests that never change again."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.domain.branch_time import BRANCH_TIME, branch_day
from desktop_app.domain.client_record import ClientDraft, FollowupKind
from desktop_app.domain.client_requests import (
    AlreadyVerified,
    ClientDestroyed,
    IdentityNotVerified,
    NothingCorrected,
    RequestClosed,
    RequestKind,
    WrongRequestKind,
)
from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.roles import Role
from desktop_app.services.client_deletion import delete_client, get_destruction_record
from desktop_app.services.client_directory import ClientNotFound, StorageOnly, get_client
from desktop_app.services.client_followups import add_followup
from desktop_app.services.client_intake import DuplicateClient, create_client
from desktop_app.services.client_requests import (
    complete_copy,
    complete_correction,
    complete_deletion,
    complete_explanation,
    get_request,
    list_requests,
    refuse_request,
    register_request,
    verify_identity,
)
from desktop_app.services.context import AppContext
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Clock

SignIn = Callable[[Role], SignedIn]
DAY = 86_400.0

NAME = "欧阳春花"
PHONE = "13987654321"
NOTES = "想要学区房，预算灵活"
FOLLOWUP_NOTE = "带看了南山两套"


def _today(ctx: SignedIn) -> date:
    return branch_day(ctx.clock())


def _audit(ctx: SignedIn, action: str) -> list[tuple[str, str, str, str, dict[str, object]]]:
    db = ctx.db
    rows = db.execute(
        "SELECT actor_username, target_id, outcome, reason, details FROM audit_log WHERE action = ? ORDER BY seq",
        (action,),
    ).fetchall()
    return [(a, b, c, d, json.loads(e)) for a, b, c, d, e in rows]


def _lead(agent: SignedIn) -> int:
    client = create_client(
        agent,
        ClientDraft(
            name=NAME,
            phone=PHONE,
            email="chunhua@example.cn",
            province="广东省",
            city="深圳市",
            district="南山区",
            address_detail="科技园路1号",
            choices={"intention_level": "A", "source_channel": "referral"},
            notes=NOTES,
        ),
    )
    add_followup(agent, client.id, FollowupKind.VISIT, FOLLOWUP_NOTE)
    return client.id


def _buyer(agent: SignedIn) -> int:
    return create_client(agent, ClientDraft(name="司马光明", phone="13611112222", stage="contract")).id


@pytest.fixture
def people(signed_in: SignIn) -> tuple[AppContext, AppContext]:
    return signed_in(Role.MANAGER), signed_in(Role.AGENT)


def test_today_is_the_branchs_day_in_beijing_time(people, clock: Clock) -> None:
    """07:00 in Beijing is still yesterday in UTC: a request received this morning is received today."""
    manager, agent = people
    client_id = _lead(agent)
    beijing_7am = datetime(2027, 1, 16, 7, 0, tzinfo=BRANCH_TIME).timestamp()
    clock.advance(beijing_7am - clock())
    view = register_request(manager, client_id, RequestKind.COPY, date(2027, 1, 16))
    assert view.due_on == date(2027, 2, 15)


def test_due_date_is_provisional_from_receipt_then_moves_with_verification(people, clock: Clock) -> None:
    manager, agent = people
    client_id = _lead(agent)
    today = _today(manager)
    received = today - timedelta(days=5)

    view = register_request(manager, client_id, "copy", received, description="客户来电要求复制资料")
    assert view.status == "open" and view.kind == "copy"
    assert view.received_on == received
    assert view.due_on == received + timedelta(days=30)
    assert not view.identity_verified and not view.overdue
    assert view.client_name == "欧***"  # masked
    assert view.reference == f"REQ-{view.id}"
    with pytest.raises(IdentityNotVerified):
        complete_copy(manager, view.id)

    clock.advance(3 * DAY)
    verified = verify_identity(manager, view.id)
    assert verified.identity_verified
    assert verified.due_on == today + timedelta(days=3 + 30)
    with pytest.raises(AlreadyVerified):
        verify_identity(manager, view.id)

    clock.advance(34 * DAY)
    assert get_request(manager, view.id).overdue
    assert [v.id for v in list_requests(manager, "open") if v.overdue] == [view.id]

    (registered,) = _audit(manager, "request.register")
    assert registered[0] == "lina" and registered[1] == str(view.id)
    assert registered[4]["due_on"] == (received + timedelta(days=30)).isoformat()
    assert str(registered[4]["client"]).startswith("hmac:")
    (verify,) = _audit(manager, "request.verify")
    assert verify[4]["due_on"] == verified.due_on.isoformat()
    entries = json.dumps([row[4] for row in _audit(manager, "request.register")], ensure_ascii=False)
    assert NAME not in entries and PHONE not in entries and "学区" not in entries


def test_registering_with_identity_verified_counts_from_receipt_and_validates_input(people) -> None:
    manager, agent = people
    client_id = _lead(agent)
    today = _today(manager)
    view = register_request(manager, client_id, "删除", today - timedelta(days=2), identity_verified=True)
    assert view.kind == "deletion" and view.identity_verified
    assert view.due_on == today - timedelta(days=2) + timedelta(days=30)
    with pytest.raises(InvalidField) as future:
        register_request(manager, client_id, "copy", today + timedelta(days=1))
    assert future.value.field == "received_on"
    with pytest.raises(InvalidField):
        register_request(manager, client_id, "gossip", today)
    with pytest.raises(InvalidField) as long_text:
        register_request(manager, client_id, "copy", today, description="长" * 501)
    assert long_text.value.reason == "too_long"
    with pytest.raises(ClientNotFound):
        register_request(manager, 999_999, "copy", today)
    assert [v.id for v in list_requests(manager)] == [view.id]


def _pdftext(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "copy.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_copy_holds_everything_unmasked_in_pdf_and_json_and_completes(people, tmp_path: Path) -> None:
    manager, agent = people
    client_id = _lead(agent)
    view = register_request(manager, client_id, "copy", _today(manager), identity_verified=True)

    copy = complete_copy(manager, view.id)

    assert copy.pdf.startswith(b"%PDF") and copy.request.status == "completed"
    assert NAME not in repr(copy)
    text = _pdftext(copy.pdf, tmp_path)
    assert NAME in text
    assert "139 8765 4321" in text and "+8613987654321" in text
    assert "科技园路1号" in text and NOTES in text and FOLLOWUP_NOTE in text
    assert "示例地产经纪有限公司" in text and "400-000-0000" in text
    assert "A（高意向）" in text and "Referral" in text
    assert f"REQ-{view.id}" in text
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "copy.pdf")], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column

    data = json.loads(copy.json.decode("utf-8"))
    assert NAME.encode() in copy.json  # ensure_ascii=False: readable Chinese
    fields = data["client"]["fields"]
    assert fields["full_name"]["value"] == NAME and fields["full_name"]["label_zh"] == "姓名"
    assert fields["phone_e164"]["value"] == "+86" + PHONE
    assert fields["intention_level"] == {
        "label_zh": "意向等级",
        "label_en": "Intention level",
        "value": "A",
        "display_zh": "A（高意向）",
        "display_en": "A (strong)",
    }
    assert fields["notes"]["value"] == NOTES
    assert data["client"]["sensitive_consent_recorded"] is False
    assert [f["note"] for f in data["follow_ups"]] == [FOLLOWUP_NOTE]
    assert data["processor"]["company_name"] == "示例地产经纪有限公司"
    assert data["request_id"] == view.id
    assert copy.json == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2).encode() + b"\n"

    (entry,) = _audit(manager, "request.copy")
    assert entry[1] == str(view.id) and entry[4]["follow_ups"] == 1
    assert NAME not in json.dumps(entry[4], ensure_ascii=False)
    with pytest.raises(RequestClosed):
        complete_copy(manager, view.id)


def test_correction_goes_through_update_client_with_history_and_audit(people, tmp_path: Path) -> None:
    manager, agent = people
    client_id = _lead(agent)
    view = register_request(manager, client_id, "correction", _today(manager), identity_verified=True)
    with pytest.raises(WrongRequestKind):
        complete_copy(manager, view.id)
    with pytest.raises(NothingCorrected):
        complete_correction(manager, view.id, {"name": NAME})
    with pytest.raises(InvalidField):
        complete_correction(manager, view.id, {"stage": "closed"})
    with pytest.raises(InvalidField):  # the client rules still apply: a bad phone changes nothing
        complete_correction(manager, view.id, {"phone": "12345"})
    assert get_request(manager, view.id).status == "open"

    done = complete_correction(manager, view.id, {"name": "欧阳春华", "phone": "13911112222"})

    assert done.status == "completed"
    assert "姓名" in done.outcome and "phone number" in done.outcome
    assert get_client(manager, client_id).phone == "139****2222"
    (update,) = [row for row in _audit(manager, "client.update") if row[4]["request_id"] == view.id]
    assert update[4]["fields"] == ["full_name", "phone_e164"]
    old = update[4]["old"]
    assert isinstance(old, dict) and all(str(v).startswith("hmac:") for v in old.values())
    *failed, correct = _audit(manager, "request.correct")
    assert [row[2] for row in failed] == ["failure"] * 2 and correct[
        2
    ] == "success"  # not the stage: refused before
    assert correct[4]["fields"] == ["full_name", "phone_e164"]
    db = manager.db
    (history,) = db.execute(
        "SELECT fields, request_id FROM client_changes WHERE client_id = ?", (client_id,)
    ).fetchall()
    assert json.loads(history[0]) == ["full_name", "phone_e164"] and history[1] == view.id

    copy_request = register_request(manager, client_id, "copy", _today(manager), identity_verified=True)
    data = json.loads(complete_copy(manager, copy_request.id).json)
    assert data["change_history"][0]["request_id"] == view.id
    assert data["client"]["fields"]["full_name"]["value"] == "欧阳春华"


def test_deletion_of_a_lead_destroys_it_and_blanks_the_description(people) -> None:
    manager, agent = people
    client_id = _lead(agent)
    view = register_request(
        manager, client_id, "deletion", _today(manager), description=f"{NAME}来电要求删除"
    )
    verify_identity(manager, view.id)

    done = complete_deletion(manager, view.id)

    assert done.status == "completed" and done.client_state == "destroyed" and done.client_id is None
    assert done.description == "" and done.outcome.startswith("已销毁")
    with pytest.raises(ClientNotFound):
        get_client(manager, client_id)
    (entry,) = _audit(manager, "request.delete")
    record_id = entry[4]["destruction_record"]
    assert entry[4]["destroyed"] is True and f"destruction record {record_id}" in done.outcome
    assert get_destruction_record(manager, int(record_id)).request_reference == f"REQ-{view.id}"  # type: ignore[call-overload]
    db = manager.db
    assert not db.execute("SELECT 1 FROM client_requests WHERE description LIKE ?", (f"%{NAME}%",)).fetchall()
    with pytest.raises(RequestClosed):
        complete_deletion(manager, view.id)


def test_destroying_a_client_any_other_way_drops_the_free_text_of_all_its_requests(people) -> None:
    manager, agent = people
    client_id = _lead(agent)
    copy = register_request(manager, client_id, "copy", _today(manager), description=f"{NAME}要一份副本")
    refused = register_request(manager, client_id, "explanation", _today(manager), description="电话询问")
    refuse_request(manager, refused.id, f"{NAME}拒绝出示身份证件")

    delete_client(manager, client_id, "deletion_request")

    for request_id in (copy.id, refused.id):
        view = get_request(manager, request_id)
        assert view.client_id is None and view.description == "" and NAME not in view.outcome
    assert get_request(manager, refused.id).status == "refused"


def test_withdrawal_for_a_buyer_keeps_the_record_in_storage_only(people) -> None:
    manager, agent = people
    client_id = _buyer(agent)
    view = register_request(manager, client_id, "withdrawal", _today(manager), identity_verified=True)

    done = complete_deletion(manager, view.id)

    assert done.status == "completed" and done.client_state == "storage_only"
    hold_end = date(_today(manager).year + 10, _today(manager).month, _today(manager).day).isoformat()
    assert f"Storage only until {hold_end}" in done.outcome
    with pytest.raises(StorageOnly):
        get_client(manager, client_id)
    (kept,) = _audit(manager, "client.storage_only")
    assert kept[3] == "consent_withdrawn" and kept[4]["request_reference"] == f"REQ-{view.id}"
    # a copy of a record in storage only is refused: no processing but storage
    copy_request = register_request(manager, client_id, "copy", _today(manager), identity_verified=True)
    with pytest.raises(StorageOnly):
        complete_copy(manager, copy_request.id)
    assert get_request(manager, copy_request.id).status == "open"


def test_refusal_needs_a_written_reason_and_is_audited(people) -> None:
    manager, agent = people
    client_id = _lead(agent)
    view = register_request(manager, client_id, "explanation", _today(manager))
    for bad in ("", "   ", "no", "客户电话13987654321不一致"):
        with pytest.raises(InvalidField):
            refuse_request(manager, view.id, bad)
    assert get_request(manager, view.id).status == "open"

    refused = refuse_request(manager, view.id, "  无法核验请求人身份，\n请本人携带证件到店  ")

    assert refused.status == "refused"
    assert refused.outcome == "无法核验请求人身份，\n请本人携带证件到店"
    (entry,) = _audit(manager, "request.refuse")
    assert entry[0] == "lina" and entry[3] == "refused" and entry[4]["kind"] == "explanation"
    assert entry[4]["length"] == len(refused.outcome) and refused.outcome not in json.dumps(
        entry[4], ensure_ascii=False
    )
    with pytest.raises(RequestClosed):
        refuse_request(manager, view.id, "再次拒绝的理由")
    with pytest.raises(RequestClosed):
        verify_identity(manager, view.id)


def test_explanation_is_recorded_after_verification(people) -> None:
    manager, agent = people
    view = register_request(manager, _lead(agent), "explanation", _today(manager))
    with pytest.raises(IdentityNotVerified):
        complete_explanation(manager, view.id, "已说明处理目的和保存期限")
    verify_identity(manager, view.id)
    done = complete_explanation(manager, view.id, "已当面说明处理目的、方式和保存期限")
    assert done.status == "completed" and done.outcome == "已当面说明处理目的、方式和保存期限"
    (entry,) = _audit(manager, "request.explain")
    assert "处理目的" not in json.dumps(entry[4], ensure_ascii=False)


def test_a_destroyed_client_request_can_only_be_refused(people) -> None:
    manager, agent = people
    client_id = _lead(agent)
    first = register_request(manager, client_id, "deletion", _today(manager), identity_verified=True)
    other = register_request(manager, client_id, "copy", _today(manager), identity_verified=True)
    complete_deletion(manager, first.id)
    view = get_request(manager, other.id)
    assert view.client_state == "destroyed" and view.client_name == ""
    with pytest.raises(ClientDestroyed):
        complete_copy(manager, other.id)
    assert refuse_request(manager, other.id, "客户资料已应其请求删除").status == "refused"


@pytest.mark.parametrize("role", [Role.AGENT, Role.IT_ADMIN, Role.AUDITOR])
def test_only_managers_handle_requests(signed_in: SignIn, role: Role) -> None:
    manager = signed_in(Role.MANAGER)
    client_id = create_client(manager, ClientDraft(name="王芳", phone="13700001111")).id
    view = register_request(manager, client_id, "copy", _today(manager))
    other = signed_in(role)
    for attempt in (
        lambda: register_request(other, client_id, "copy", _today(other)),
        lambda: list_requests(other),
        lambda: get_request(other, view.id),
        lambda: verify_identity(other, view.id),
        lambda: complete_copy(other, view.id),
        lambda: refuse_request(other, view.id, "没有理由可写"),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    denied = [row for row in _audit(manager, "access.denied") if row[0] == other.session.username]  # type: ignore[union-attr]
    assert len(denied) == 6 and {row[1] for row in denied} == {"request.handle"}
    assert get_request(manager, view.id).status == "open"


def test_a_failed_correction_is_audited_and_changes_nothing(people) -> None:
    manager, agent = people
    client_id = _lead(agent)
    create_client(agent, ClientDraft(name="李四", phone="13912345678"))
    view = register_request(manager, client_id, "correction", _today(manager), identity_verified=True)
    with pytest.raises(DuplicateClient):
        complete_correction(manager, view.id, {"phone": "13912345678"})
    (entry,) = _audit(manager, "request.correct")
    assert entry[2:4] == ("failure", "duplicate_client") and entry[4]["fields"] == ["phone"]
    assert "13912345678" not in json.dumps(entry[4])
    assert get_request(manager, view.id).status == "open"
