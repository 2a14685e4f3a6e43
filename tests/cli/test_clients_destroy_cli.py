"""``branchvault clients destroy CLIENT_ID --reason GROUND --note TEXT [--certificate-out FILE.pdf]``:
managers only, the certificate names the PIPL Art. 47 ground, usage errors exit 2, and the
certificate path is checked before anything is destroyed."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli.destroy_command import GROUNDS_HELP
from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.deletion_grounds import OWN_INITIATIVE
from desktop_app.services.client_intake import create_client
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from tests.cli.support import (
    AGENT,
    STAFF,
    CliBranch,
    assert_exit,
    assert_message,
    audit_entries,
    open_client_data,
)
from tests.documents.pdf_tools import pdf_text, requires_poppler
from tests.support.contexts import context_of

NOTE = "签约失败，客户明确表示不再购房"


def _add_client(branch: CliBranch, stage: str = "visiting") -> int:
    ctx = build_context(branch.data_dir)
    try:
        ctx = sign_in(context_of(ctx), *AGENT)
        client = create_client(ctx, ClientDraft(name="欧阳春花", phone="13987654321", stage=stage))
        sign_out(ctx)
    finally:
        ctx.close()
    return client.id


def _clients(branch: CliBranch) -> int:
    db = open_client_data(branch.data_dir, *STAFF["manager"])
    try:
        return int(db.execute("SELECT count(*) FROM clients").fetchone()[0])
    finally:
        db.close()


def test_the_help_lists_exactly_the_own_initiative_grounds() -> None:
    assert GROUNDS_HELP.split(", ") == [ground.value for ground in OWN_INITIATIVE]


@requires_poppler
def test_a_manager_destroys_a_client_and_gets_the_certificate(cli_branch: CliBranch, tmp_path: Path) -> None:
    client_id = _add_client(cli_branch)
    certificate = tmp_path / "销毁证明.pdf"
    result = cli_branch.as_role(
        "manager", "clients", "destroy", str(client_id), "--reason", "processing_unlawful",
        "--note", NOTE, "--certificate-out", str(certificate), "--json",
    )  # fmt: skip
    assert_exit(result, 0)
    data = result.json()
    assert (
        data["destroyed"]
        and data["reason"] == "processing_unlawful"
        and data["certificate"] == str(certificate)
    )
    assert data["legal_basis"] == "PIPL Art. 47(1), item 4"
    assert _clients(cli_branch) == 0
    flat = "".join(pdf_text(certificate.read_bytes(), tmp_path).split())
    assert "违反法律、行政法规或者违反约定处理个人信息" in flat and "第四十七条第一款第（四）项" in flat
    assert "".join(NOTE.split()) in flat and "欧阳春花" not in flat
    deletes = [e for e in audit_entries(cli_branch) if e.action == "client.delete"]
    assert [(e.actor_username, e.reason, e.details["note"]) for e in deletes] == [
        ("lina", "processing_unlawful", NOTE)
    ]
    assert [e.action for e in audit_entries(cli_branch)].count("client.destruction_certificate") == 1


@pytest.mark.parametrize("role", ["agent", "it_admin", "auditor"])
def test_other_roles_are_refused(cli_branch: CliBranch, role: str) -> None:
    client_id = _add_client(cli_branch)
    result = cli_branch.as_role(
        role, "clients", "destroy", str(client_id), "--reason", "purpose_achieved", "--note", NOTE
    )
    assert_message(result, "您的角色无权执行此操作", "Your role is not allowed to do this", code=1)
    assert _clients(cli_branch) == 1


def test_usage_errors_destroy_nothing(cli_branch: CliBranch, tmp_path: Path) -> None:
    client_id = _add_client(cli_branch)
    args = ("clients", "destroy", str(client_id))
    bad_reason = cli_branch.as_role("manager", *args, "--reason", "deletion_request", "--note", NOTE)
    assert_message(bad_reason, "主动删除的原因须为", "must be one of", code=2)
    named = cli_branch.as_role("manager", *args, "--reason", "purpose_achieved", "--note", "欧阳春花不买了")
    assert_message(named, "不能包含客户的姓名", "must not hold the client's name", code=2)
    no_note = cli_branch.as_role("manager", *args, "--reason", "purpose_achieved")
    assert_exit(no_note, 2)
    inside = cli_branch.as_role(
        "manager", *args, "--reason", "purpose_achieved", "--note", NOTE,
        "--certificate-out", str(cli_branch.data_dir / "cert.pdf"),
    )  # fmt: skip
    assert_message(inside, "数据文件夹", "data folder", code=1)
    assert _clients(cli_branch) == 1


def test_a_held_buyer_is_kept_in_storage_only(cli_branch: CliBranch, tmp_path: Path) -> None:
    client_id = _add_client(cli_branch, stage="contract")
    certificate = tmp_path / "c.pdf"
    result = cli_branch.as_role(
        "manager", "clients", "destroy", str(client_id), "--reason", "purpose_achieved", "--note", NOTE,
        "--certificate-out", str(certificate),
    )  # fmt: skip
    assert_exit(result, 0)
    assert "仅保存" in result.stdout and "storage only" in result.stdout and not certificate.exists()
    assert _clients(cli_branch) == 1
