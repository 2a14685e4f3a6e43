"""``branchvault notice list / publish`` and ``init --hq-name/--hq-contact`` as real subprocesses."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.cli.support import (
    ADMIN,
    BRANCH_NAME,
    FAST_INIT,
    NOTICE_DETAILS,
    CliBranch,
    assert_exit,
    assert_message,
    audit_entries,
    lines,
    read_config,
    run_cli,
)
from tests.integration.test_privacy_notices import BUNDLED, edited_notice


def set_hq(branch: CliBranch) -> None:
    """IT sets the headquarters details the way it must now (an edited branch.toml is undone)."""
    from desktop_app.services.context import build_context
    from tests.support.branch_settings import save_branch_settings

    ctx = build_context(branch.data_dir)
    config = dataclasses.replace(ctx.require_config(), hq_name="示例集团总部", hq_contact="021-1")
    save_branch_settings(ctx, config)


def test_init_stores_the_headquarters_recipient(tmp_path: Path) -> None:
    data_dir = tmp_path / "branch"
    result = run_cli(
        "init",
        *NOTICE_DETAILS,
        "--data-dir",
        str(data_dir),
        "--branch-code",
        "SZ001",
        "--branch-name",
        BRANCH_NAME,
        "--admin-username",
        ADMIN[0],
        "--password-stdin",
        "--json",
        "--company-name",
        "示例地产经纪有限公司",
        "--hq-name",
        " 示例地产集团总部 ",
        "--hq-contact",
        "021-0000-0000",
        *FAST_INIT,
        stdin=lines(ADMIN[1]),
    )
    assert_exit(result, 0)
    branch = read_config(data_dir)["branch"]
    assert (branch["hq_name"], branch["hq_contact"]) == ("示例地产集团总部", "021-0000-0000")
    assert branch["company_name"] == "示例地产经纪有限公司"


def test_list_installs_and_shows_the_bundled_version_to_any_role(cli_branch: CliBranch) -> None:
    listed = cli_branch.as_role("agent", "notice", "list", "--json")
    assert_exit(listed, 0)
    versions = listed.json()["versions"]
    assert [(v["version"], v["current"], v["source"], v["published_by"]) for v in versions] == [
        (BUNDLED, True, "bundled", None)
    ]
    text = cli_branch.as_role("auditor", "notice", "list")
    assert_exit(text, 0)
    assert BUNDLED in text.stdout and versions[0]["content_hash"][:12] in text.stdout
    assert [e.action for e in audit_entries(cli_branch)].count("notice.install") == 1


def test_a_manager_publishes_a_file(cli_branch: CliBranch, tmp_path: Path) -> None:
    set_hq(cli_branch)
    source = tmp_path / "notice-v2.toml"
    source.write_text(edited_notice(), encoding="utf-8")
    published = cli_branch.as_role("manager", "notice", "publish", str(source), "--json")
    assert_exit(published, 0)
    data = published.json()
    assert data["version"] == "2027-01-v3" and data["current"] is True and data["source"] == "company"
    assert data["previous_version"] == BUNDLED and data["ask_again"] == ["marketing_contact"]
    assert data["needs_reconsent"] is True

    listed = cli_branch.as_role("agent", "notice", "list", "--json").json()["versions"]
    assert [(v["version"], v["current"]) for v in listed] == [("2027-01-v3", True), (BUNDLED, False)]
    publishes = [e for e in audit_entries(cli_branch) if e.action == "notice.publish"]
    assert len(publishes) == 1 and publishes[0].details["content_hash"] == data["content_hash"]

    again = cli_branch.as_role("manager", "notice", "publish", str(source))
    assert_message(again, "已经发布过", "already published", code=1)


def test_an_agent_is_refused(cli_branch: CliBranch, tmp_path: Path) -> None:
    set_hq(cli_branch)
    source = tmp_path / "notice-v2.toml"
    source.write_text(edited_notice(), encoding="utf-8")
    refused = cli_branch.as_role("agent", "notice", "publish", str(source), "--json")
    assert_message(refused, "无权", "not allowed", code=1)
    assert refused.json()["error"] == "permission_denied"


def test_missing_headquarters_values_tell_it_what_to_set(cli_branch: CliBranch, tmp_path: Path) -> None:
    source = tmp_path / "notice-v2.toml"
    source.write_text(edited_notice(), encoding="utf-8")
    refused = cli_branch.as_role("manager", "notice", "publish", str(source))
    assert_message(refused, "总部名称", "hq_name", code=1)
    assert "hq_contact" in refused.stderr


def test_usage_errors_exit_2(cli_branch: CliBranch, tmp_path: Path) -> None:
    assert_exit(run_cli("notice"), 2)
    assert_exit(run_cli("notice", "publish", "--data-dir", str(cli_branch.data_dir), "--as", "lina"), 2)
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = not a notice", encoding="utf-8")
    refused = cli_branch.as_role("manager", "notice", "publish", str(bad))
    assert_message(refused, "隐私告知书", "privacy notice", code=2)
