"""``branchvault review``: start, show, answer, finish refused while items are open, the PDF report
(never into the data directory), rectifications; agents refused; usage errors exit 2."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.cli.support import CliBranch, assert_exit, audit_entries


def test_review_on_the_command_line(cli_branch: CliBranch, tmp_path: Path) -> None:
    refused = cli_branch.as_role("agent", "review", "start")
    assert_exit(refused, 1)
    started = cli_branch.as_role("auditor", "review", "start", "--period", "2026H2", "--json")
    assert_exit(started, 0)
    body = started.json()
    assert body["period"] == "2026H2" and body["state"] == "draft" and len(body["items"]) >= 25
    unknown = next(i for i in body["items"] if i["evaluator"] == "requests_overdue")
    assert unknown["result"] is None and unknown["evidence"]["outcome"] == "unknown"  # auditor: no key
    again = cli_branch.as_role("manager", "review", "start")
    assert_exit(again, 1)
    assert "进行中" in again.stderr
    due = (date.today() + timedelta(days=20)).isoformat()
    failed = cli_branch.as_role(
        "auditor",
        "review",
        "answer",
        "PE-01",
        "fail",
        "--note",
        "文件柜未上锁",
        "--owner",
        "lina",
        "--due",
        due,
    )
    assert_exit(failed, 0)
    assert "文件柜未上锁" in failed.stdout and "lina" in failed.stdout
    na_without_note = cli_branch.as_role("auditor", "review", "answer", "PE-02", "na")
    assert_exit(na_without_note, 2)  # invalid input: a usage error
    bad_result = cli_branch.as_role("auditor", "review", "answer", "PE-02", "maybe")
    assert_exit(bad_result, 2)
    finish = cli_branch.as_role("auditor", "review", "finish")
    assert_exit(finish, 1)
    assert "未作答" in finish.stderr and "not answered" in finish.stderr
    inside = cli_branch.as_role("auditor", "review", "report", "--out", str(cli_branch.data_dir / "r.pdf"))
    assert_exit(inside, 1)
    out = tmp_path / "review.pdf"
    report = cli_branch.as_role("auditor", "review", "report", "--out", str(out))
    assert_exit(report, 0)
    assert out.read_bytes().startswith(b"%PDF")
    shown = cli_branch.as_role("manager", "review", "show", "--json")
    assert_exit(shown, 0)
    assert shown.json()["rectifications"][0]["owner"].startswith("lina")
    listed = cli_branch.as_role("manager", "review", "rectifications", "--json")
    assert_exit(listed, 0)
    assert listed.json()["rectifications"] == []  # only finished reviews' rectifications are listed
    actions = [e.action for e in audit_entries(cli_branch) if e.action.startswith("review.")]
    assert (
        actions[:1] == ["review.start"]
        and "review.answer" in actions
        and "review.rectification_open" in actions
    )
