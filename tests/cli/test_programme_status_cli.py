"""``branchvault programme status`` and ``programme report``: managers and auditors only; the JSON
carries each target's value, target, met and the counts behind it; the report is a PDF written
outside the data directory, audited; a bad or future quarter is a usage error."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.programme_targets import TargetId
from tests.cli.support import CliBranch, assert_exit, audit_entries


def test_status_json_has_every_target_with_its_counts(cli_branch: CliBranch) -> None:
    shown = cli_branch.as_role("manager", "programme", "status", "--json")
    assert_exit(shown, 0)
    data = shown.json()
    assert [t["id"] for t in data["targets"]] == [t.value for t in TargetId]
    for target in data["targets"]:
        assert {"value", "target", "met", "numerator", "denominator"} <= set(target)
        assert not isinstance(target["value"], float)
    assert data["counts"]["quarter"] == data["quarter"]
    assert len(data["trend"]) == 5 and data["trend"][-1]["quarter"] == data["quarter"]
    assert {d["kind"] for d in data["due"]} == {
        "training",
        "review",
        "survey",
        "campaigns",
        "incidents",
        "rectifications",
    }
    text = cli_branch.as_role("auditor", "programme", "status")
    assert_exit(text, 0)
    assert "培训覆盖率 Training coverage" in text.stdout and "待办 Due" in text.stdout


def test_status_refused_to_agents_and_it(cli_branch: CliBranch) -> None:
    assert_exit(cli_branch.as_role("agent", "programme", "status"), 1)
    assert_exit(cli_branch.as_role("it_admin", "programme", "status", "--json"), 1)


def test_bad_and_future_quarters_are_usage_errors(cli_branch: CliBranch) -> None:
    assert_exit(cli_branch.as_role("manager", "programme", "status", "--quarter", "2026-13"), 2)
    assert_exit(cli_branch.as_role("manager", "programme", "status", "--quarter", "2999Q4"), 2)


def test_report_written_outside_the_data_directory_and_audited(cli_branch: CliBranch, tmp_path: Path) -> None:
    shown = cli_branch.as_role("manager", "programme", "status", "--json")
    quarter = shown.json()["quarter"]
    out = tmp_path / "report.pdf"
    done = cli_branch.as_role(
        "auditor", "programme", "report", "--quarter", quarter, "--out", str(out), "--json"
    )
    assert_exit(done, 0)
    assert out.read_bytes().startswith(b"%PDF")
    inside = cli_branch.as_role(
        "auditor", "programme", "report", "--quarter", quarter, "--out", str(cli_branch.data_dir / "r.pdf")
    )
    assert_exit(inside, 1)
    again = cli_branch.as_role("auditor", "programme", "report", "--quarter", quarter, "--out", str(out))
    assert_exit(again, 1)  # exists: --force needed
    entries = [e for e in audit_entries(cli_branch) if e.action == "programme.report"]
    assert [e.target_id for e in entries] == [quarter]
