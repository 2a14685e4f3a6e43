"""``branchvault incident report|list|show|assess|clients|advance|notify|log|letters``: everyone
reports, managers do the rest; letters are one PDF per affected client in a folder outside the data
directory; bilingual refusals with exit 1, usage errors with exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.client_record import ClientDraft
from desktop_app.services.client_intake import create_client
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from tests.cli.support import AGENT, CliBranch, assert_exit, assert_message, audit_entries


def _client(branch: CliBranch, name: str, phone: str) -> int:
    agent = sign_in(build_context(branch.data_dir), *AGENT)
    try:
        return create_client(agent, ClientDraft(name=name, phone=phone)).id
    finally:
        sign_out(agent)


def test_report_assess_clients_letters(cli_branch: CliBranch, tmp_path: Path) -> None:
    client = _client(cli_branch, "欧阳娜娜", "13912345678")
    made = cli_branch.as_role(
        "it_admin", "incident", "report", "--kind", "unauthorised_access", "--occurred", "2026-12-01 09:00",
        "--discovered", "2026-12-01 10:00", "--description", "系统告警显示夜间有异常登录", "--json",
    )  # fmt: skip
    assert_exit(made, 0)
    incident_id = str(made.json()["id"])
    assert made.json()["reference"].startswith("INC-")
    assert_exit(cli_branch.as_role("agent", "incident", "show", incident_id), 1)  # not theirs
    refused = cli_branch.as_role("it_admin", "incident", "assess", incident_id, "--breach", "no")
    assert_message(refused, "无权", "not allowed", code=1)
    assessed = cli_branch.as_role(
        "manager", "incident", "assess", incident_id, "--breach", "yes", "--category", "name",
        "--category", "phone", "--cause", "弱口令被猜中", "--measures", "已重置全部密码", "--harm",
        "可能接到诈骗电话", "--advice", "警惕陌生来电", "--json",
    )  # fmt: skip
    assert_exit(assessed, 0)
    assert assessed.json()["categories"] == ["name", "phone"]
    assert_exit(cli_branch.as_role("manager", "incident", "clients", incident_id, "--client", str(client)), 0)
    inside = cli_branch.as_role(
        "manager", "incident", "letters", incident_id, "--out", str(cli_branch.data_dir)
    )
    assert_message(inside, "数据文件夹", "data folder", code=1)
    out = tmp_path / "letters"
    out.mkdir()
    saved = cli_branch.as_role("manager", "incident", "letters", incident_id, "--out", str(out), "--json")
    assert_exit(saved, 0)
    files = [Path(p) for p in saved.json()["files"]]
    assert len(files) == 1 and files[0].read_bytes().startswith(b"%PDF") and "欧阳娜娜" not in files[0].name
    log = cli_branch.as_role("manager", "incident", "log", incident_id, "--json")
    assert [r["channel"] for r in log.json()["notifications"]] == ["letter_saved"]
    assert_exit(cli_branch.as_role("manager", "incident", "advance", incident_id, "contained"), 0)
    assert_exit(cli_branch.as_role("manager", "incident", "advance", incident_id, "notified"), 0)
    shown = cli_branch.as_role("auditor", "incident", "show", incident_id, "--json")
    assert_exit(shown, 0)
    data = shown.json()
    assert data["state"] == "notified" and data["affected_count"] == 1
    assert [d["kind"] for d in data["deadlines"]] == ["internal", "regulator", "clients"]
    assert [e["to"] for e in data["events"]] == ["open", "assessed", "contained", "notified"]
    actions = {e.action for e in audit_entries(cli_branch) if e.target_type == "incident"}
    assert {
        "incident.report",
        "incident.assess",
        "incident.clients",
        "incident.notify",
        "incident.advance",
    } <= actions


def test_usage_errors_and_refusals(cli_branch: CliBranch) -> None:
    bad = cli_branch.as_role(
        "agent", "incident", "report", "--kind", "lost_device", "--occurred", "yesterday"
    )
    assert_exit(bad, 2)
    made = cli_branch.as_role(
        "agent", "incident", "report", "--kind", "遗失", "--occurred", "2026-12-01 09:00",
        "--description", "手机丢失",
    )  # fmt: skip
    assert_message(made, "事件类型", "incident kind", code=2)
    made = cli_branch.as_role(
        "agent", "incident", "report", "--kind", "手机或电脑丢失", "--occurred", "2026-12-01 09:00",
        "--discovered", "2026-12-01 09:30", "--description", "工作手机遗失，已开启全盘加密", "--json",
    )  # fmt: skip
    assert_exit(made, 0)
    listed = cli_branch.as_role("agent", "incident", "list", "--json")
    assert [i["kind"] for i in listed.json()["incidents"]] == ["lost_device"]
    incident_id = str(made.json()["id"])
    refused = cli_branch.as_role("manager", "incident", "letters", incident_id, "--out", "/nonexistent/x")
    assert_message(refused, "文件夹不存在", "no such folder", code=2)
    closed = cli_branch.as_role("manager", "incident", "advance", incident_id, "closed")
    assert_message(closed, "尚未评估", "not been assessed", code=1)
