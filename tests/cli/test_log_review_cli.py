"""``branchvault log-review add|list|status``: auditors sign off a period (the chain verified first),
auditors and managers read; bilingual refusals with exit 1, invalid input (a bad or overlapping
period, findings with a long number) with exit 2, never a traceback. The branch was set up today (real time), so yesterday's period is complete and empty."""

from __future__ import annotations

from datetime import date, timedelta

from tests.cli.support import CliBranch, assert_exit, assert_message, audit_entries


def _days() -> tuple[str, str, str]:
    today = date.today()  # the CLI uses the real clock; the Beijing day may differ: stay well back
    end = today - timedelta(days=2)
    return (end - timedelta(days=6)).isoformat(), end.isoformat(), (end + timedelta(days=30)).isoformat()


def test_auditor_records_managers_read(cli_branch: CliBranch) -> None:
    start, end, _future = _days()
    status = cli_branch.as_role("auditor", "log-review", "status", "--json")
    assert_exit(status, 0)
    assert status.json()["last_period_end"] is None and status.json()["overdue"] is False
    refused = cli_branch.as_role(
        "manager", "log-review", "add", "--from", start, "--to", end, "--no-findings"
    )
    assert_message(refused, "无权", "not allowed", code=1)
    added = cli_branch.as_role(
        "auditor", "log-review", "add", "--from", start, "--to", end, "--no-findings", "--findings",
        "抽查了夜间登录，均为值班", "--json",
    )  # fmt: skip
    assert_exit(added, 0)
    review = added.json()
    assert review["outcome"] == "no_findings" and review["chain_verified"] is True
    assert review["period_start"] == start and review["period_end"] == end and not review["altered"]
    entries = [e for e in audit_entries(cli_branch) if e.action == "audit.log_review"]
    assert len(entries) == 1 and len(entries[0].details["content_sha256"]) == 64
    listed = cli_branch.as_role("manager", "log-review", "list", "--json")
    assert_exit(listed, 0)
    assert [r["id"] for r in listed.json()["reviews"]] == [review["id"]]
    text = cli_branch.as_role("manager", "log-review", "list")
    assert_exit(text, 0)
    assert "未发现问题" in text.stdout and "no findings" in text.stdout
    status = cli_branch.as_role("manager", "log-review", "status", "--json")
    assert status.json()["last_period_end"] == end
    assert status.json()["next_due"] == (date.fromisoformat(end) + timedelta(days=30)).isoformat()
    it = cli_branch.as_role("it_admin", "log-review", "status")
    assert_message(it, "无权", "not allowed", code=1)


def test_refusals_and_usage(cli_branch: CliBranch) -> None:
    start, end, future = _days()
    overlap = cli_branch.as_role(
        "auditor", "log-review", "add", "--from", start, "--to", end, "--no-findings"
    )
    assert_exit(overlap, 0)
    again = cli_branch.as_role("auditor", "log-review", "add", "--from", end, "--to", end, "--no-findings")
    assert_message(again, "重叠", "overlaps", code=2)
    ahead = cli_branch.as_role(
        "auditor", "log-review", "add", "--from", future, "--to", future, "--no-findings"
    )
    assert_message(ahead, "昨天", "yesterday", code=2)
    earlier = (date.fromisoformat(start) - timedelta(days=1)).isoformat()
    empty = cli_branch.as_role("auditor", "log-review", "add", "--from", earlier, "--to", earlier)
    assert_message(empty, "审查发现", "findings", code=2)
    digits = cli_branch.as_role(
        "auditor",
        "log-review",
        "add",
        "--from",
        earlier,
        "--to",
        earlier,
        "--findings",
        "客户电话 13912345678",
    )
    assert_message(digits, "个人信息", "personal details", code=2)
    bad = cli_branch.as_role("auditor", "log-review", "add", "--from", "yesterday", "--to", end)
    assert_exit(bad, 2)
    for result in (again, ahead, empty, digits, bad):
        assert "Traceback" not in result.stderr
