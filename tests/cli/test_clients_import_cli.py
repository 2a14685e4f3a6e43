"""``branchvault clients import FILE --as USER ...``: counts, JSON, exit codes, permissions, mappings."""

from __future__ import annotations

import csv
import importlib
import io
from pathlib import Path

from desktop_app.domain.client_record import ClientDraft
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
from tests.support.contexts import context_of

fx = importlib.import_module("tests.fixtures.import.make_fixtures")


def _add_existing_client(branch: CliBranch) -> None:
    ctx = build_context(branch.data_dir)
    try:
        ctx = sign_in(context_of(ctx), *AGENT)
        create_client(ctx, ClientDraft(name="陈刚", phone=fx.EXISTING_PHONE))
        sign_out(ctx)
    finally:
        ctx.close()


def _count(branch: CliBranch, role: str) -> int:
    """Clients assigned to that role's user, read in this process (faster than ``clients count``)."""
    db = open_client_data(branch.data_dir, *STAFF["manager"])
    try:
        return int(
            db.execute(
                "SELECT count(*) FROM clients JOIN staff ON staff.id = clients.assigned_agent_id "
                "WHERE staff.username = ?",
                (STAFF[role][0],),
            ).fetchone()[0]
        )
    finally:
        db.close()


def test_messy_workbook_json_report(cli_branch: CliBranch, tmp_path: Path) -> None:
    _add_existing_client(cli_branch)
    path = fx.messy_workbook(tmp_path / "名单.xlsx")
    rejects = tmp_path / "rejects.csv"
    result = cli_branch.as_role(
        "agent", "clients", "import", str(path), "--json", "--rejects-out", str(rejects)
    )
    assert_exit(result, 0)
    data = result.json()
    assert (data["imported"], data["rejected"], data["duplicates"], data["dropped_fields"]) == (3, 5, 2, 1)
    assert {row["row"]: row["field"] for row in data["rejected_rows"]} == fx.MESSY_EXPECTED["rejected"]
    assert data["assigned_to"] == "zhangwei" and data["rejects_out"] == str(rejects)
    assert "安全删除" in data["reminder_zh"]
    assert "张伟" not in result.stdout and "13812345678" not in result.stdout  # counts and reasons only
    exported = list(csv.reader(io.StringIO(rejects.read_bytes().decode("utf-8-sig"))))
    assert [row[0] for row in exported[1:]] == ["7", "8", "9", "13", "14"]
    assert _count(cli_branch, "agent") == 4
    imports = [e for e in audit_entries(cli_branch) if e.action == "client.import"]
    assert len(imports) == 1 and imports[0].details["imported"] == 3


def test_text_output_and_exit_1_when_nothing_could_be_imported(cli_branch: CliBranch, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(fx.csv_bytes([("姓名", "手机"), ("张伟", "12345"), ("", "13812345678")], "gbk"))
    result = cli_branch.as_role("agent", "clients", "import", str(path))
    assert_exit(result, 1)
    assert "未导入（有错误）/ rejected: 2" in result.stdout
    assert "第 2 行 / row 2" in result.stdout and "第 3 行 / row 3" in result.stdout
    assert "securely delete" in result.stdout.lower()
    assert _count(cli_branch, "agent") == 0


def test_a_mapping_given_once_is_remembered(cli_branch: CliBranch, tmp_path: Path) -> None:
    header = ("联络人", "手机")
    first = fx.write_workbook(tmp_path / "a.xlsx", header, [(2, ("张伟", "13812345678"))])
    unmapped = cli_branch.as_role("agent", "clients", "import", str(first))
    assert_message(unmapped, "没有任何一列对应“姓名”", "No column is mapped to the name", code=2)
    mapped = cli_branch.as_role("agent", "clients", "import", str(first), "--map", "联络人=name", "--json")
    assert_exit(mapped, 0)
    assert mapped.json()["imported"] == 1
    second = fx.write_workbook(tmp_path / "b.xlsx", header, [(2, ("李娜", "13912345678"))])
    again = cli_branch.as_role("agent", "clients", "import", str(second), "--json")
    assert_exit(again, 0)
    assert again.json()["imported"] == 1


def test_manager_only_options_are_refused_to_an_agent(cli_branch: CliBranch, tmp_path: Path) -> None:
    path = fx.write_workbook(tmp_path / "a.xlsx", ("姓名", "手机"), [(2, ("张伟", "13812345678"))])
    consent = cli_branch.as_role("agent", "clients", "import", str(path), "--consent-confirmed")
    assert_message(consent, "只有店长可以确认", "Only a manager may confirm", code=1)
    assign = cli_branch.as_role("agent", "clients", "import", str(path), "--assign-to", "lina")
    assert_message(assign, "您的角色无权执行此操作", "Your role is not allowed to do this", code=1)
    managed = cli_branch.as_role(
        "manager", "clients", "import", str(path), "--assign-to", "zhangwei", "--consent-confirmed", "--json"
    )
    assert_exit(managed, 0)
    assert managed.json()["assigned_to"] == "zhangwei"
    assert _count(cli_branch, "agent") == 1


def test_usage_and_file_errors(cli_branch: CliBranch, tmp_path: Path) -> None:
    path = fx.write_workbook(tmp_path / "a.xlsx", ("姓名", "手机"), [(2, ("张伟", "13812345678"))])
    bad_map = cli_branch.as_role("agent", "clients", "import", str(path), "--map", "联络人")
    assert_message(bad_map, "列名=字段", "HEADER=FIELD", code=2)
    bad_policy = cli_branch.as_role("agent", "clients", "import", str(path), "--on-duplicate", "keep")
    assert_message(bad_policy, "命令用法有误", "--on-duplicate", code=2)
    missing = cli_branch.as_role("agent", "clients", "import", str(tmp_path / "none.xlsx"))
    assert_message(missing, "找不到文件", "File not found", code=1)
    same = cli_branch.as_role("agent", "clients", "import", str(path), "--rejects-out", str(path))
    assert_message(same, "不能覆盖源文件", "must not overwrite the source", code=2)
    assert path.stat().st_size > 0 and _count(cli_branch, "agent") == 0


def test_an_agents_mapping_does_not_break_the_managers_standard_import(
    cli_branch: CliBranch, tmp_path: Path
) -> None:
    """Issue 11: ``--map 姓名=notes`` from an agent (their sheet's 姓名 column held a note) was
    remembered for the whole branch, and the manager's next ordinary file had no name column."""
    odd = fx.write_workbook(
        tmp_path / "odd.xlsx", ("联络人", "手机", "姓名"), [(2, ("张伟", "13812345678", "老王介绍"))]
    )
    agent = cli_branch.as_role(
        "agent", "clients", "import", str(odd), "--map", "联络人=name", "--map", "姓名=notes", "--json"
    )
    assert_exit(agent, 0)
    assert agent.json()["imported"] == 1
    standard = fx.write_workbook(tmp_path / "std.xlsx", ("姓名", "手机"), [(2, ("李娜", "13912345678"))])
    manager = cli_branch.as_role("manager", "clients", "import", str(standard), "--json")
    assert_exit(manager, 0)
    assert manager.json()["imported"] == 1 and manager.json()["rejected"] == 0
    db = open_client_data(cli_branch.data_dir, *STAFF["manager"])
    try:
        assert ("李娜", "") in db.execute("SELECT full_name, notes FROM clients").fetchall()
    finally:
        db.close()
    # the agent's own next odd sheet is still read their way
    again = fx.write_workbook(
        tmp_path / "odd2.xlsx", ("联络人", "手机", "姓名"), [(2, ("王芳", "13712345678", "同事介绍"))]
    )
    assert cli_branch.as_role("agent", "clients", "import", str(again), "--json").json()["imported"] == 1


def test_only_a_manager_saves_a_mapping_for_the_branch(cli_branch: CliBranch, tmp_path: Path) -> None:
    path = fx.write_workbook(tmp_path / "a.xlsx", ("联络人", "手机"), [(2, ("张伟", "13812345678"))])
    refused = cli_branch.as_role(
        "agent", "clients", "import", str(path), "--map", "联络人=name", "--save-mapping-for-branch"
    )
    assert_message(
        refused, "只有店长可以把列对应保存为全店默认", "Only a manager may save a column mapping", code=1
    )
    saved = cli_branch.as_role(
        "manager",
        "clients",
        "import",
        str(path),
        "--map",
        "联络人=name",
        "--save-mapping-for-branch",
        "--json",
    )
    assert_exit(saved, 0)
    other = fx.write_workbook(tmp_path / "b.xlsx", ("联络人", "手机"), [(2, ("李娜", "13912345678"))])
    assert cli_branch.as_role("agent", "clients", "import", str(other), "--json").json()["imported"] == 1


def test_json_and_text_carry_every_problem_of_a_row_and_count_a_faulty_duplicate(
    cli_branch: CliBranch, tmp_path: Path
) -> None:
    _add_existing_client(cli_branch)
    path = tmp_path / "rows.csv"
    path.write_bytes(
        fx.csv_bytes(
            [
                ("姓名", "手机", "地址"),
                ("张伟", "12345", "科技园路1号"),  # a bad phone AND an unsplittable address
                ("陈刚", fx.EXISTING_PHONE, "科技园路1号"),  # a duplicate whose address fails
                ("李娜", "13912345678", "江苏省南京市玄武区"),  # district level: imported
            ],
            "utf-8",
        )
    )
    result = cli_branch.as_role("agent", "clients", "import", str(path), "--json")
    assert_exit(result, 0)
    data = result.json()
    assert (data["imported"], data["duplicates"], data["duplicates_skipped"], data["rejected"]) == (
        1,
        1,
        1,
        1,
    )
    rows = {row["row"]: row for row in data["rejected_rows"]}
    assert [(p["field"], p["reason"]) for p in rows[2]["problems"]] == [
        ("phone", rows[2]["problems"][0]["reason"]),
        ("address", "unsplittable"),
    ]
    assert [(p["field"], p["reason"]) for p in rows[3]["problems"]] == [
        ("phone", "duplicate"),
        ("address", "unsplittable"),
    ]
    assert rows[3]["duplicate"] and not rows[2]["duplicate"]
    assert all(p["message_zh"] and p["message_en"] for row in rows.values() for p in row["problems"])
    text = cli_branch.as_role("agent", "clients", "import", str(path))
    assert_exit(text, 1)  # 李娜 is now a duplicate too: nothing imported, a row refused
    line = next(line for line in text.stdout.splitlines() if "第 2 行" in line)
    assert "手机" in line and "地址" in line and "Phone" in line and "Address" in line
    assert "need the manager" not in text.stdout and "；待店长审核" not in text.stdout  # no separate count
