"""``branchvault training status|import|session add``: a manager records a session and imports the
platform's results (row-level report, JSON), the figures follow; an agent sees their own status and
is refused the rest (exit 1); a bad quarter or date is a usage error (exit 2); never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

from desktop_app.domain.branch_time import branch_day
from tests.cli.support import CliBranch, assert_exit, audit_entries


def test_session_import_and_status(cli_branch: CliBranch, tmp_path: Path) -> None:
    today = branch_day(time.time()).isoformat()  # the branch's (Beijing) day, as the CLI sees it
    added = cli_branch.as_role(
        "manager",
        "training",
        "session",
        "add",
        "--date",
        today,
        "--topic",
        "身份证件的收取与复印",
        "--trainer",
        "刘老师",
        "--attendee",
        "lina",
        "--attendee",
        "it.admin",
        "--json",
    )
    assert_exit(added, 0)
    assert added.json()["attendees"] == ["it.admin", "lina"]
    export = tmp_path / "lms.csv"
    export.write_bytes(
        (
            "某某房产 在线培训成绩\r\n\r\n"
            f"用户名,成绩,完成日期\r\nzhangwei,90,{today}\r\nnobody,90,{today}\r\naudit.chen,60,{today}\r\n"
        ).encode("gbk")
    )
    dry = cli_branch.as_role("manager", "training", "import", str(export), "--dry-run")
    assert_exit(dry, 0)
    assert "第 5 行 / row 5" in dry.stdout and "nobody" in dry.stdout
    done = cli_branch.as_role("manager", "training", "import", str(export), "--json")
    assert_exit(done, 0)
    data = done.json()
    assert data["imported"] == 2 and data["passed"] == 1 and data["header_row"] == 3
    assert [o["outcome"] for o in data["outcomes"]] == ["imported", "unknown_staff", "imported"]
    again = cli_branch.as_role("manager", "training", "import", str(export))
    assert_exit(again, 1)  # nothing new
    status = cli_branch.as_role("auditor", "training", "status", "--json")
    assert_exit(status, 0)
    assert status.json()["counts"] == {
        "active_staff": 4,
        "completed": 3,
        "quiz_takers": 2,
        "first_attempt_passed": 1,
    }
    text = cli_branch.as_role("manager", "training", "status")
    assert_exit(text, 0)
    assert "3 / 4" in text.stdout
    mine = cli_branch.as_role("agent", "training", "status", "--json")
    assert_exit(mine, 0)
    assert mine.json()["completed"] is True and mine.json()["username"] == "zhangwei"
    actions = [e.action for e in audit_entries(cli_branch)]
    assert actions.count("training.session_recorded") == 1 and actions.count("training.lms_import") == 1


def test_refusals_and_usage_errors(cli_branch: CliBranch, tmp_path: Path) -> None:
    export = tmp_path / "lms.csv"
    export.write_text("用户名,成绩,日期\nlina,90,2026-01-01\n", encoding="utf-8")
    assert_exit(cli_branch.as_role("agent", "training", "import", str(export)), 1)
    assert_exit(cli_branch.as_role("manager", "training", "status", "--quarter", "2026Q5"), 2)
    assert_exit(cli_branch.as_role("agent", "training", "status", "--quarter", "2020Q1"), 2)
    bad_date = cli_branch.as_role(
        "manager", "training", "session", "add", "--date", "yesterday", "--topic", "t", "--trainer", "t",
        "--attendee", "lina",
    )  # fmt: skip
    assert_exit(bad_date, 2)
    unknown = cli_branch.as_role(
        "manager", "training", "session", "add", "--date", "2026-01-01", "--topic", "t", "--trainer", "t",
        "--attendee", "ghost",
    )  # fmt: skip
    assert_exit(unknown, 2)
    assert "ghost" in unknown.stderr
