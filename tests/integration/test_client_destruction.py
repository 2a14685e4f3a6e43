"""Deletion on the company's own initiative (PIPL Art. 47 para. 1): a manager destroys a client for
an Art. 47 ground with a note; the certificate names the ground and its legal basis; agents, IT
administrators and auditors are refused (also calling the service directly); a held buyer is kept
in storage only (Art. 47 para. 2); a note that identifies the client is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services.client_deletion import destruction_certificate_pdf
from desktop_app.services.client_destruction import destroy_client
from desktop_app.services.client_directory import ClientNotFound, get_client
from desktop_app.services.signed_in import SignedIn
from tests.documents.pdf_tools import pdf_text, requires_poppler
from tests.integration.test_client_deletion import NAME, PHONE, audit_rows, make_client

SignIn = Callable[[Role], SignedIn]
NOTE = "签约失败，客户明确表示不再购房"


def _records(ctx: SignedIn) -> list[tuple[str, str]]:
    db = ctx.db
    return db.execute("SELECT reason, request_reference FROM destruction_records ORDER BY id").fetchall()


@requires_poppler
def test_a_manager_destroys_a_client_and_the_certificate_names_the_legal_ground(
    signed_in: SignIn, tmp_path: Path
) -> None:
    manager, agent = signed_in(Role.MANAGER), signed_in(Role.AGENT)
    client_id = make_client(manager, agent)
    outcome = destroy_client(manager, client_id, "purpose_achieved", NOTE)
    assert outcome.destroyed and outcome.record is not None
    with pytest.raises(ClientNotFound):
        get_client(manager, client_id)
    assert _records(manager) == [("purpose_achieved", "")]
    ((actor, target, result, reason, details),) = audit_rows(manager, "client.delete")
    assert (actor, target, result, reason) == ("lina", str(client_id), "success", "purpose_achieved")
    assert json.loads(details)["note"] == NOTE and json.loads(details)["initiative"] == "company"

    text = pdf_text(destruction_certificate_pdf(manager, outcome.record.id), tmp_path)
    flat = "".join(text.split())
    assert "处理目的已实现" in flat and "《个人信息保护法》第四十七条第一款第（一）项" in flat
    assert "PIPLArt.47(1),item1" in flat and "".join(NOTE.split()) in flat
    assert NAME not in flat and PHONE not in flat


@requires_poppler
@pytest.mark.parametrize(
    ("ground", "label", "item"),
    [
        ("purpose_impossible", "处理目的无法实现", "（一）"),
        ("no_longer_necessary", "为实现处理目的不再必要", "（一）"),
        ("service_stopped", "本公司停止提供服务", "（二）"),
        ("consent_withdrawn", "个人撤回同意", "（三）"),
        ("processing_unlawful", "违反法律、行政法规或者违反约定处理个人信息", "（四）"),
    ],
)
def test_every_own_initiative_ground_is_certified_with_its_item(
    signed_in: SignIn, tmp_path: Path, ground: str, label: str, item: str
) -> None:
    manager = signed_in(Role.MANAGER)
    client = get_client(manager, _new_client(manager))
    outcome = destroy_client(manager, client.id, ground, "经店长复核")
    assert outcome.record is not None and outcome.record.reason == ground
    flat = "".join(pdf_text(destruction_certificate_pdf(manager, outcome.record.id), tmp_path).split())
    assert label in flat and f"第四十七条第一款第{item}项" in flat


def _new_client(ctx: SignedIn, stage: str = "visiting") -> int:
    from desktop_app.services.client_intake import create_client

    return create_client(ctx, ClientDraft(name="上官云", phone="13955554444", stage=stage)).id


@pytest.mark.parametrize("role", [Role.AGENT, Role.IT_ADMIN, Role.AUDITOR])
def test_only_managers_may_destroy_even_calling_the_service_directly(signed_in: SignIn, role: Role) -> None:
    manager, agent = signed_in(Role.MANAGER), signed_in(Role.AGENT)
    client_id = make_client(manager, agent)  # the agent's own client
    other = agent if role is Role.AGENT else signed_in(role)
    with pytest.raises(PermissionDenied) as refused:
        destroy_client(other, client_id, "purpose_achieved", NOTE)
    assert "删除客户个人信息" in refused.value.zh
    db = other.db
    denied = db.execute(
        "SELECT actor_username, outcome, target_id FROM audit_log WHERE action = 'access.denied' "
        "ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert denied == (other.session.username if other.session else "", "denied", "client.destroy")
    assert get_client(manager, client_id).id == client_id and _records(manager) == []


@pytest.mark.parametrize("ground", ["deletion_request", "retention_expiry", "because", ""])
def test_a_request_or_the_retention_period_is_not_an_own_initiative_ground(
    signed_in: SignIn, ground: str
) -> None:
    manager = signed_in(Role.MANAGER)
    client_id = _new_client(manager)
    with pytest.raises(InvalidInput) as invalid:
        destroy_client(manager, client_id, ground, NOTE)
    assert invalid.value.code == "deletion_ground_invalid" and "purpose_achieved" in invalid.value.en
    assert get_client(manager, client_id).id == client_id and _records(manager) == []


@pytest.mark.parametrize(
    "note",
    [
        "",
        "   ",
        "上官云不再购房",
        "客户电话 139 5555 4444 已停机",
        "证件11010519491231002X",
        "x" * 201,
        "a\nb",
    ],
)
def test_a_missing_or_identifying_note_is_refused_and_nothing_destroyed(signed_in: SignIn, note: str) -> None:
    manager = signed_in(Role.MANAGER)
    client_id = _new_client(manager)
    with pytest.raises(InvalidInput):
        destroy_client(manager, client_id, "purpose_achieved", note)
    assert get_client(manager, client_id).id == client_id and _records(manager) == []
    assert audit_rows(manager, "client.delete") == []


def test_a_buyer_under_the_anti_money_laundering_hold_is_kept_in_storage_only(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    buyer = _new_client(manager, stage="contract")
    outcome = destroy_client(manager, buyer, "purpose_achieved", NOTE)
    assert not outcome.destroyed and outcome.hold_ends is not None
    assert _records(manager) == []
    ((_, target, result, reason, details),) = audit_rows(manager, "client.storage_only")
    assert (target, result, reason) == (str(buyer), "success", "purpose_achieved")
    assert json.loads(details)["note"] == NOTE
    assert destroy_client(manager, buyer, "purpose_achieved", NOTE).hold_ends == outcome.hold_ends
    assert len(audit_rows(manager, "client.storage_only")) == 1  # once only
