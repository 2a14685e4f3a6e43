"""``branchvault education …``: a manager adds a campaign, records attendees by number and from a
list, writes the leaflet for a client (which records participation), and reads the status; an agent
may not add campaigns, an auditor sees campaigns but not participation, usage errors exit 2."""

from __future__ import annotations

import time
from pathlib import Path

from desktop_app.domain.branch_time import branch_day
from desktop_app.domain.client_record import ClientDraft
from desktop_app.services.client_intake import create_client
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from tests.cli.support import STAFF, CliBranch, assert_exit, assert_message, audit_entries
from tests.documents.pdf_tools import flat_text, requires_poppler

TODAY = branch_day(time.time())
YEAR = str(TODAY.year)


def _add_clients(branch: CliBranch, *people: tuple[str, str]) -> list[int]:
    me = sign_in(build_context(branch.data_dir), *STAFF["manager"])
    try:
        return [create_client(me, ClientDraft(name=name, phone=phone)).id for name, phone in people]
    finally:
        sign_out(me)


def _add_campaign(branch: CliBranch, *extra: str) -> int:
    result = branch.as_role(
        "manager",
        "education",
        "campaign",
        "add",
        "--date",
        TODAY.isoformat(),
        "--channel",
        "门店讲座",
        "--topic",
        "识别冒充开发商退定金诈骗",
        *extra,
        "--json",
    )
    assert_exit(result, 0)
    return int(result.json()["id"])


@requires_poppler
def test_a_manager_runs_a_campaign_from_the_command_line(cli_branch: CliBranch, tmp_path: Path) -> None:
    first, second = _add_clients(cli_branch, ("王小明", "13800000001"), ("李小红", "13800000002"))
    campaign = _add_campaign(cli_branch, "--material", "讲座 PPT 第 1 版")
    listed = cli_branch.as_role("manager", "education", "campaign", "list", "--year", YEAR, "--json")
    assert_exit(listed, 0)
    assert [c["channel"] for c in listed.json()["campaigns"]] == ["store_talk"]

    done = cli_branch.as_role(
        "manager", "education", "attendees", str(campaign), "--client", str(first), "--json"
    )
    assert_exit(done, 0)
    assert done.json()["recorded"] == [first]

    sheet = tmp_path / "签到表.csv"
    sheet.write_text("姓名,手机\n李小红,13800000002\n路人,13312345678\n", encoding="utf-8")
    imported = cli_branch.as_role(
        "manager", "education", "attendees", str(campaign), "--file", str(sheet), "--json"
    )
    assert_exit(imported, 0)
    report = imported.json()
    assert (report["matched"], report["not_found"]) == (1, 1)
    assert [r["outcome"] for r in report["row_report"]] == ["matched", "not_found"]
    assert "13312345678" not in imported.stdout and "路人" not in imported.stdout

    leaflet = tmp_path / "隐私提示单.pdf"
    written = cli_branch.as_role(
        "manager", "education", "leaflet", "--out", str(leaflet), "--client", str(second)
    )
    assert_exit(written, 0)
    assert "撤回同意" in flat_text(leaflet.read_bytes(), tmp_path) and "李小红" not in flat_text(
        leaflet.read_bytes(), tmp_path
    )

    status = cli_branch.as_role("manager", "education", "status", "--year", YEAR, "--json")
    assert_exit(status, 0)
    figures = status.json()
    assert figures["campaigns"] == 1 and figures["campaigns_target"] == 4
    assert (figures["active_clients"], figures["participants"], figures["value"], figures["met"]) == (
        2,
        2,
        "100.0",
        True,
    )
    actions = {entry.action for entry in audit_entries(cli_branch)}
    assert {
        "education.campaign_add",
        "education.attendees",
        "education.attendees_import",
        "education.leaflet",
    } <= actions


def test_roles_and_usage(cli_branch: CliBranch, tmp_path: Path) -> None:
    refused = cli_branch.as_role(
        "agent", "education", "campaign", "add", "--date", "2026-12-01", "--channel", "other", "--topic", "x"
    )
    assert_exit(refused, 1)
    _add_campaign(cli_branch)
    auditor = cli_branch.as_role("auditor", "education", "status", "--year", YEAR, "--json")
    assert_exit(auditor, 0)
    assert auditor.json()["campaigns"] == 1 and auditor.json()["participants"] is None
    assert_exit(cli_branch.as_role("it_admin", "education", "status"), 1)
    bad_channel = cli_branch.as_role(
        "manager", "education", "campaign", "add", "--date", "2026-12-01", "--channel", "飞鸽", "--topic", "x"
    )
    assert_message(bad_channel, "宣传渠道", "Channel", code=2)
    assert_exit(
        cli_branch.as_role(
            "manager", "education", "campaign", "add", "--date", "12/01", "--channel", "x", "--topic", "x"
        ),
        2,
    )
    assert_exit(cli_branch.as_role("manager", "education", "attendees", "1"), 2)
    inside = cli_branch.as_role(
        "manager", "education", "leaflet", "--out", str(cli_branch.data_dir / "x.pdf")
    )
    assert_exit(inside, 1)
    assert not (cli_branch.data_dir / "x.pdf").exists()
