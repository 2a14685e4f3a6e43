"""``branchvault consent print-forms CLIENT_ID... --out FILE.pdf --as USER``: several clients'
consent forms in one PDF (services/consent_batch.py), each printed form recorded and audited; a
refusal writes and records nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from desktop_app.domain.client_record import ClientDraft
from desktop_app.services.client_intake import create_client
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from tests.cli.support import AGENT, CliBranch, assert_exit, audit_entries
from tests.support.branch_settings import save_branch_settings
from tests.support.contexts import context_of

CLIENTS = (("欧阳春花", "13987654321"), ("司马光明", "13611112222"))


def _set_up(branch: CliBranch) -> list[int]:
    ctx = build_context(branch.data_dir)
    try:
        config = dataclasses.replace(  # the bundled notice names headquarters
            ctx.require_config(), hq_name="示例地产集团总部", hq_contact="021-0000-0000"
        )
        save_branch_settings(ctx, config)
        ctx = sign_in(context_of(ctx), *AGENT)
        ids = [create_client(ctx, ClientDraft(name=name, phone=phone)).id for name, phone in CLIENTS]
        sign_out(ctx)
    finally:
        ctx.close()
    return ids


def test_an_agent_prints_the_forms_of_two_clients_into_one_pdf(cli_branch: CliBranch, tmp_path: Path) -> None:
    ids = _set_up(cli_branch)
    out = tmp_path / "forms.pdf"
    result = cli_branch.as_role(
        "agent", "consent", "print-forms", *map(str, ids), "--out", str(out), "--json"
    )
    assert_exit(result, 0)
    data = result.json()
    assert data["file"] == str(out) and len(data["form_numbers"]) == 2
    assert out.read_bytes().startswith(b"%PDF")
    printed = [e for e in audit_entries(cli_branch) if e.action == "consent.print"]
    assert sorted(e.target_id for e in printed) == sorted(map(str, ids))
    assert {e.details["form_number"] for e in printed} == set(data["form_numbers"])


def test_an_unknown_client_writes_and_records_nothing(cli_branch: CliBranch, tmp_path: Path) -> None:
    ids = _set_up(cli_branch)
    folder = tmp_path / "out"
    folder.mkdir()
    result = cli_branch.as_role(
        "agent", "consent", "print-forms", str(ids[0]), "999", "--out", str(folder / "forms.pdf")
    )
    assert_exit(result, 1)
    assert list(folder.iterdir()) == []  # no file, no temporary file
    assert not [e for e in audit_entries(cli_branch) if e.action == "consent.print"]
