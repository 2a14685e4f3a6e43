"""``init`` asks for what every privacy notice and consent form names (company and headquarters,
each with a contact): without them it is a usage error naming each missing option, before any
password is read; with ``--notice-details-later`` the branch is set up and a warning says forms
cannot be printed until ``config set`` supplies them, which it then does (audited)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.support import (
    ADMIN,
    BRANCH_NAME,
    FAST_INIT,
    NOTICE_DETAILS,
    Result,
    assert_exit,
    assert_message,
    audit_entries,
    lines,
    read_config,
    run_cli,
)

OPTIONS = ("--company-name", "--company-contact", "--hq-name", "--hq-contact")


def bare_init(data_dir: Path, *extra: str, stdin: str = "") -> Result:
    return run_cli(
        "init",
        "--data-dir",
        str(data_dir),
        "--branch-code",
        "SZ001",
        "--branch-name",
        BRANCH_NAME,
        "--admin-username",
        ADMIN[0],
        "--password-stdin",
        *FAST_INIT,
        *extra,
        stdin=stdin,
    )


def test_init_without_the_notice_details_names_every_missing_option(data_dir: Path) -> None:
    result = bare_init(data_dir, stdin="")  # no password given: the details are checked first
    assert_message(
        result, "缺少隐私告知书和同意书必须载明的信息", "Missing what every privacy notice", code=2
    )
    for option in OPTIONS:
        assert option in result.stderr
    assert_message(result, "总部名称", "headquarters name")
    assert "--notice-details-later" in result.stderr
    assert not data_dir.exists()


def test_only_the_missing_ones_are_named(data_dir: Path) -> None:
    result = bare_init(data_dir, "--company-name", "示例地产", "--company-contact", "400-000-0000")
    assert_exit(result, 2)
    assert "--hq-name" in result.stderr and "--hq-contact" in result.stderr
    assert "--company-name" not in result.stderr and "--company-contact" not in result.stderr


def test_blank_values_count_as_missing(data_dir: Path) -> None:
    result = bare_init(data_dir, *NOTICE_DETAILS, "--hq-contact", "   ")
    assert_exit(result, 2)
    assert "--hq-contact" in result.stderr and "--hq-name" not in result.stderr


def test_later_sets_up_warns_and_config_set_makes_forms_printable(data_dir: Path, tmp_path: Path) -> None:
    result = bare_init(data_dir, "--notice-details-later", "--json", stdin=lines(ADMIN[1]))
    assert_exit(result, 0)
    assert result.json()["notice_details_missing"] == list(OPTIONS)
    assert_message(
        result, "无法打印任何同意书或隐私告知书", "no consent form or privacy notice can be printed"
    )
    assert "branchvault config set" in result.stderr

    form = tmp_path / "form.pdf"
    refused = run_cli("consent", "blank-form", "--data-dir", str(data_dir), "--out", str(form))
    assert_message(refused, "门店配置缺少隐私告知书所需的信息", "lacks what the privacy notice needs")
    assert not form.exists()

    changed = run_cli(
        "config",
        "set",
        "--data-dir",
        str(data_dir),
        "--as",
        ADMIN[0],
        "--password-stdin",
        *NOTICE_DETAILS,
        stdin=lines(ADMIN[1]),
    )
    assert_exit(changed, 0)
    assert read_config(data_dir)["branch"]["hq_name"] == "示例地产集团总部"
    printed = run_cli("consent", "blank-form", "--data-dir", str(data_dir), "--out", str(form))
    assert_exit(printed, 0)
    assert form.read_bytes().startswith(b"%PDF")

    from tests.cli.support import CliBranch

    branch = CliBranch(data_dir, "", "", Path())
    edits = [entry for entry in audit_entries(branch) if entry.action == "config.edit"]
    assert len(edits) == 1


def test_init_with_every_detail_prints_no_warning(data_dir: Path) -> None:
    result = bare_init(data_dir, *NOTICE_DETAILS, stdin=lines(ADMIN[1]))
    assert_exit(result, 0)
    assert result.stderr == ""
    branch = read_config(data_dir)["branch"]
    assert (branch["company_name"], branch["hq_contact"]) == ("示例地产经纪有限公司", "privacy@example.cn")
