"""``branchvault export prepare|list|show|approve|reject|save|schedule`` on the services of the
Exports page: JSON with ``id``, ``sha256``, ``state``; ``show`` has the payload exactly as it will
leave; approve takes the password read for ``--as`` as its re-authentication; exit codes 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.domain.hq_summary import canonical_json, sha256_hex
from desktop_app.services.context import build_context
from tests.cli.support import MANAGER, CliBranch, assert_exit, assert_message, audit_entries
from tests.support.hq_export_fixtures import enrol_for_tests

PERIOD = ("--from", "2026-11-01", "--to", "2026-11-02")


def _prepare(branch: CliBranch, role: str = "agent") -> dict[str, object]:
    result = branch.as_role(role, "export", "prepare", *PERIOD, "--json")
    assert_exit(result, 0)
    data = result.json()
    assert isinstance(data, dict)
    return data


def test_prepare_show_approve_and_list(cli_branch: CliBranch, tmp_path: Path) -> None:
    enrol_for_tests(lambda: build_context(cli_branch.data_dir))
    made = _prepare(cli_branch)
    assert made["state"] == "prepared" and len(str(made["sha256"])) == 64
    shown = cli_branch.as_role("manager", "export", "show", str(made["id"]), "--json")
    assert_exit(shown, 0)
    payload = shown.json()["payload"]
    assert payload["approval"] is None and sha256_hex(canonical_json(payload)) == made["sha256"]

    listed = cli_branch.as_role("manager", "export", "list", "--json")
    assert_exit(listed, 0)
    assert listed.json()["awaiting_approval"] == 1
    assert [e["id"] for e in listed.json()["exports"]] == [made["id"]]

    approved = cli_branch.as_role("manager", "export", "approve", str(made["id"]), "--json")
    assert_exit(approved, 0)
    assert approved.json()["state"] == "queued"
    after = cli_branch.as_role("agent", "export", "show", str(made["id"]), "--json").json()
    assert after["payload"]["approval"]["content_sha256"] == made["sha256"]
    assert {e.action for e in audit_entries(cli_branch) if e.target_id == made["id"]} == {
        "export.prepare",
        "export.approve",
        "export.queue",
    }

    out = tmp_path / "record.json"
    saved = cli_branch.as_role("manager", "export", "save", str(made["id"]), "--out", str(out), "--json")
    assert_exit(saved, 0)
    assert json.loads(out.read_text(encoding="utf-8"))["payload"] == after["payload"]
    pdf = tmp_path / "record.pdf"
    assert_exit(
        cli_branch.as_role("manager", "export", "save", str(made["id"]), "--out", str(pdf), "--pdf"), 0
    )
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_preparer_and_agents_cannot_approve(cli_branch: CliBranch) -> None:
    made = _prepare(cli_branch, "manager")
    result = cli_branch.as_role("manager", "export", "approve", str(made["id"]))
    assert_message(result, "四眼", "four eyes", code=1)
    assert_exit(cli_branch.as_role("agent", "export", "approve", str(made["id"])), 1)
    state = cli_branch.as_role("manager", "export", "show", str(made["id"]), "--json").json()["state"]
    assert state == "prepared"


def test_a_wrong_password_approves_nothing(cli_branch: CliBranch) -> None:
    made = _prepare(cli_branch)
    result = cli_branch.run(
        "export", "approve", str(made["id"]), as_user=MANAGER[0], password="wrong-password"
    )
    assert_exit(result, 1)
    state = cli_branch.as_role("manager", "export", "show", str(made["id"]), "--json").json()["state"]
    assert state == "prepared"


def test_reject_with_a_reason(cli_branch: CliBranch) -> None:
    made = _prepare(cli_branch)
    assert_exit(cli_branch.as_role("manager", "export", "reject", str(made["id"])), 2)  # --reason required
    assert_exit(cli_branch.as_role("manager", "export", "reject", str(made["id"]), "--reason", "  "), 2)
    result = cli_branch.as_role(
        "manager", "export", "reject", str(made["id"]), "--reason", "期间有误", "--json"
    )
    assert_exit(result, 0)
    assert result.json()["state"] == "rejected" and result.json()["rejection_reason"] == "期间有误"
    assert_exit(cli_branch.as_role("manager", "export", "approve", str(made["id"])), 1)


def test_usage_errors_and_refusals(cli_branch: CliBranch, tmp_path: Path) -> None:
    assert_exit(
        cli_branch.as_role("agent", "export", "prepare", "--from", "2026-13-01", "--to", "2026-11-02"), 2
    )
    bad_order = cli_branch.as_role("agent", "export", "prepare", "--from", "2026-11-05", "--to", "2026-11-02")
    assert_exit(bad_order, 2)
    assert_message(
        cli_branch.as_role("agent", "export", "show", "no-such-id"), "找不到导出", "no export", code=1
    )
    assert_exit(cli_branch.as_role("it_admin", "export", "list"), 1)  # IT never sees exports
    assert_exit(cli_branch.as_role("auditor", "export", "list"), 1)
    made = _prepare(cli_branch)
    inside = cli_branch.data_dir / "record.json"
    assert_exit(cli_branch.as_role("agent", "export", "save", str(made["id"]), "--out", str(inside)), 1)
    assert not inside.exists()


def test_schedule(cli_branch: CliBranch) -> None:
    assert_exit(cli_branch.as_role("agent", "export", "schedule", "--at", "07:30"), 1)
    assert_exit(cli_branch.as_role("manager", "export", "schedule", "--at", "7h"), 2)
    result = cli_branch.as_role("manager", "export", "schedule", "--at", "07:30", "--json")
    assert_exit(result, 0)
    assert result.json()["prepare_at"] == "07:30"
    assert cli_branch.as_role("agent", "export", "schedule", "--json").json()["prepare_at"] == "07:30"
    assert cli_branch.as_role("manager", "export", "schedule", "--off", "--json").json()["prepare_at"] is None
