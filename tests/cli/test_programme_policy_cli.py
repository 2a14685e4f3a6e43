"""``branchvault programme policy``: shown to anyone signed in, changed by managers only (audited);
a value out of bounds is a usage error (exit 2) that changes nothing."""

from __future__ import annotations

from tests.cli.support import CliBranch, assert_exit, audit_entries


def test_policy_shown_changed_and_refused(cli_branch: CliBranch) -> None:
    shown = cli_branch.as_role("auditor", "programme", "policy", "--json")
    assert_exit(shown, 0)
    assert shown.json()["settings"]["quiz_pass_percent"] == 80
    refused = cli_branch.as_role("agent", "programme", "policy", "--set", "quiz_pass_percent=90")
    assert_exit(refused, 1)
    bad = cli_branch.as_role("manager", "programme", "policy", "--set", "quiz_pass_percent=120")
    assert_exit(bad, 2)
    assert "quiz_pass_percent" in bad.stderr
    malformed = cli_branch.as_role("manager", "programme", "policy", "--set", "quiz_pass_percent")
    assert_exit(malformed, 2)
    done = cli_branch.as_role(
        "manager",
        "programme",
        "policy",
        "--set",
        "quiz_pass_percent=90",
        "--set",
        "quiz_questions=12",
        "--json",
    )
    assert_exit(done, 0)
    assert done.json()["settings"]["quiz_pass_percent"] == 90
    text = cli_branch.as_role("it_admin", "programme", "policy")
    assert_exit(text, 0)
    assert "quiz_questions = 12" in text.stdout
    entries = [e for e in audit_entries(cli_branch) if e.action == "programme.policy_changed"]
    assert len(entries) == 1 and entries[0].actor_username == "lina"
