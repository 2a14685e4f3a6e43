"""Issue 14's "Done when", end to end on the demo branch, mostly through the real ``branchvault``.

The demo branch (a year of programme history, real clock) shows all six targets with data; the
manager then takes the staff through the current quarter: the IT admin and the auditor pass the
in-app quiz (services: the quiz has no CLI), the manager runs this half-year's compliance review
(``review start``, ``evaluate --verify-audit``, every reviewer item answered, the app's failed item
rectified, ``finish``), imports a satisfaction survey export (a 问卷星-style .xlsx with a title row
and Chinese headers), records an education campaign and its attendees, and an incident reported by
the agent is assessed as a breach with two affected clients whose letters are saved (one PDF each,
the client's name in it) and logged. ``programme status --json`` then shows each figure moved by
exactly what was done, the quarterly report PDF has embedded fonts and the six targets' Chinese
names, and the CLI's JSON equals the services' ``programme_status`` (what the dashboard draws).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.programme_overview import status_to_dict
from desktop_app.domain.programme_periods import HalfYear, Quarter
from desktop_app.domain.programme_targets import TARGET_DEFINITIONS, TargetId
from desktop_app.services.client_directory import MAX_PAGE, list_clients
from desktop_app.services.context import build_context
from desktop_app.services.demo_profile import (
    DEMO_AGENT,
    DEMO_MANAGER,
    DEMO_USERS,
    DemoUser,
    create_demo_profile,
)
from desktop_app.services.programme_status import programme_status
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.training_records import start_quiz, submit_quiz
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.education_repository import ParticipationRepository
from tests.cli.support import run_cli
from tests.support.second_factor import demo_code

pytestmark = pytest.mark.skipif(
    not shutil.which("pdftotext") or not shutil.which("pdffonts"), reason="poppler-utils"
)

IT_ADMIN, AUDITOR = DEMO_USERS[0], DEMO_USERS[3]
QUESTION = "您对我们处理您个人信息的方式满意吗？"
# (label, how many): 12 answered responses, 10 of them satisfied or very satisfied
SURVEY_ANSWERS = (("非常满意", 7), ("满意", 3), ("一般", 1), ("不满意", 1))
SURVEY_SATISFIED = 10
NA_ITEM, FAILED_ITEM = "UE-01", "PE-03"


class Demo:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def cli(self, user: DemoUser, *args: str) -> Any:
        """``branchvault ARGS --data-dir DIR --as USER --password-stdin --json``; exit 0; the JSON."""
        result = run_cli(
            *args,
            "--data-dir",
            str(self.data_dir),
            "--as",
            user.username,
            "--password-stdin",
            "--json",
            stdin=user.password + "\n",
        )
        assert result.returncode == 0, str(result)
        return result.json()

    def status(self) -> dict[str, Any]:
        data: dict[str, Any] = self.cli(DEMO_MANAGER, "programme", "status")
        return data

    @contextmanager
    def signed_in(self, user: DemoUser) -> Iterator[SignedIn]:
        me = sign_in(
            build_context(self.data_dir), user.username, user.password, totp_code=demo_code(user.username)
        )
        try:
            yield me
        finally:
            sign_out(me)


def _targets(status: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in status["targets"]}


def _pass_the_quiz(demo: Demo, user: DemoUser) -> None:
    with demo.signed_in(user) as me:
        quiz = start_quiz(me)
        result = submit_quiz(me, quiz, {q.id: q.correct for q in quiz.questions})
        assert result.passed and result.percent == 100


def _survey_export(path: Path, quarter: Quarter, today: date) -> int:
    """A 问卷星-style export: a title row, the tool's columns, the question as ``1、…`` and labels;
    one response skipped the question. Returns how many rows answer it."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["门店客户满意度调查（本季度）"])
    sheet.append(
        ["序号", "提交答卷时间", "所用时间", "来源", "来自IP", f"1、{QUESTION}", "2、其他意见和建议"]
    )
    labels = [label for label, count in SURVEY_ANSWERS for _ in range(count)]
    span = (today - quarter.start).days
    for serial, label in enumerate([*labels, ""], start=1):
        day = quarter.start + timedelta(days=(serial * 7) % (span + 1))
        stamp = f"{day:%Y/%m/%d} {9 + serial % 9:02d}:{serial * 4 % 60:02d}:17"
        sheet.append([serial, stamp, f"{30 + serial}秒", "手机提交", "116.7.1.23(广东-深圳)", label, ""])
    book.save(path)
    return len(labels)


def _new_participants_and_affected(demo: Demo) -> tuple[list[int], dict[int, str]]:
    """Three clients with no education record yet, and two clients with their full names."""
    with demo.signed_in(DEMO_MANAGER) as me:
        clients = [row.id for row in list_clients(me, limit=MAX_PAGE)]
        assert len(clients) == 80
        education = ParticipationRepository(me.db)
        fresh = [cid for cid in sorted(clients) if education.count_for_client(cid) == 0][:3]
        repo = ClientRepository(me.db)
        affected = {}
        for cid in sorted(clients)[:2]:
            record = repo.get(cid)
            assert record is not None
            affected[cid] = record.values.full_name
    assert len(fresh) == 3
    return fresh, affected


def _run_the_review(demo: Demo, today: date) -> dict[str, Any]:
    started = demo.cli(DEMO_MANAGER, "review", "start")
    assert started["period"] == HalfYear.of(today).key() and started["state"] == "draft"
    evaluated = demo.cli(DEMO_MANAGER, "review", "evaluate", "--verify-audit")
    app_items = {i["id"]: i for i in evaluated["items"] if i["evaluator"] is not None}
    assert app_items["PT-01"]["result"] == "pass"  # the whole staff trained now
    assert app_items["SA-03"]["result"] == "pass"  # the audit chain was just verified
    due = (today + timedelta(days=30)).isoformat()
    for item in (i for i in app_items.values() if i["result"] == "fail"):  # e.g. the demo has no keyring
        demo.cli(
            DEMO_MANAGER,
            "review",
            "rectify",
            item["id"],
            "--owner",
            IT_ADMIN.username,
            "--due",
            due,
            "--description",
            "改用系统安全密钥环保存设备密钥，IT 复核后关闭",
        )
    for item in evaluated["items"]:
        if item["evaluator"] is not None:
            continue
        if item["id"] == NA_ITEM:
            args = ["na", "--note", "本期尚未接入总部，未发送汇总"]
        elif item["id"] == FAILED_ITEM:
            args = ["fail", "--note", "打印机托盘中发现一份身份证复印件", "--owner", DEMO_AGENT.username]
            args += ["--due", due, "--description", "打印后立即取件，店长每日下班前检查"]
        else:
            args = ["pass"]
        demo.cli(DEMO_MANAGER, "review", "answer", item["id"], *args)
    finished: dict[str, Any] = demo.cli(DEMO_MANAGER, "review", "finish")
    assert finished["state"] == "finished" and finished["unanswered"] == 0 and not finished["altered"]
    reviewer_items = [i for i in evaluated["items"] if i["evaluator"] is None]
    assert finished["passed"] == (len(reviewer_items) - 2) + sum(
        1 for i in app_items.values() if i["result"] == "pass"
    )
    return finished


def test_a_quarter_on_the_demo_branch_moves_every_figure(tmp_path: Path) -> None:
    demo = Demo(tmp_path / "demo")
    create_demo_profile(demo.data_dir, clients=80)
    with demo.signed_in(DEMO_MANAGER) as me:
        today = me.today()
    quarter = Quarter.of(today)

    # 1. The dashboard's figures, all computed from the demo's records.
    before = demo.status()
    assert before["quarter"] == quarter.key()
    assert [t["id"] for t in before["targets"]] == [t.value for t in TargetId]
    assert all(t["value"] is not None for t in before["targets"]), before["targets"]
    was = before["counts"]
    assert was["trained_staff"] < was["active_staff"]  # IT and the auditor still due

    # 2. The quiz: the two members still due pass it at their first attempt.
    for user in (IT_ADMIN, AUDITOR):
        _pass_the_quiz(demo, user)

    # 3. This half-year's compliance review.
    finished = _run_the_review(demo, today)

    # 4. A satisfaction survey export.
    export = tmp_path / "问卷星导出.xlsx"
    answered = _survey_export(export, quarter, today)
    imported = demo.cli(DEMO_MANAGER, "survey", "import", str(export), "--question", QUESTION)
    assert imported["written"] and imported["imported"] == answered and imported["refused"] == 0
    assert imported["skipped"] == 1 and imported["header_row"] == 2

    # 5. An education campaign with three clients who had no education record yet.
    fresh, affected = _new_participants_and_affected(demo)
    campaign = demo.cli(
        DEMO_MANAGER,
        "education",
        "campaign",
        "add",
        "--date",
        today.isoformat(),
        "--channel",
        "门店讲座",
        "--topic",
        "识别冒充客服的诈骗电话",
        "--material",
        "隐私提示单、讲座幻灯片",
    )
    assert campaign["channel"] == "store_talk"
    attendees = demo.cli(
        DEMO_MANAGER, "education", "attendees", str(campaign["id"]), *[f"--client={c}" for c in fresh]
    )
    assert attendees["recorded"] == fresh and attendees["already"] == []

    # 6. An incident reported by the agent, assessed as a breach, letters saved and logged.
    occurred = datetime.now(BRANCH_TIME) - timedelta(hours=2)
    reported = demo.cli(
        DEMO_AGENT,
        "incident",
        "report",
        "--kind",
        "misdirected_message",
        "--occurred",
        occurred.strftime("%Y-%m-%d %H:%M"),
        "--description",
        "带看安排的微信消息误发到了另一个客户群",
    )
    incident = str(reported["id"])
    assessed = demo.cli(
        DEMO_MANAGER,
        "incident",
        "assess",
        incident,
        "--breach",
        "yes",
        "--category",
        "name",
        "--category",
        "phone",
        "--cause",
        "选错了微信群",
        "--measures",
        "已请群成员删除消息并撤回",
        "--harm",
        "可能接到陌生营销或诈骗电话",
        "--advice",
        "警惕自称本公司的陌生来电",
    )
    assert assessed["is_breach"] is True and assessed["state"] == "assessed"
    chosen = demo.cli(DEMO_MANAGER, "incident", "clients", incident, *[f"--client={c}" for c in affected])
    assert chosen["affected_count"] == len(affected)
    letters_dir = tmp_path / "letters"
    letters_dir.mkdir()
    saved = demo.cli(DEMO_MANAGER, "incident", "letters", incident, "--out", str(letters_dir))
    files = sorted(Path(f) for f in saved["files"])
    assert len(files) == len(affected) and all(f.parent == letters_dir for f in files)
    names = [affected[cid] for cid in sorted(affected)]  # letters follow the client numbers
    for path, name in zip(files, names, strict=True):
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert name in text and all(other not in text for other in names if other != name)
        assert name not in path.name
    log = demo.cli(DEMO_MANAGER, "incident", "log", incident)["notifications"]
    assert sorted(row["client_id"] for row in log) == sorted(affected)
    assert {row["day"] for row in log} == {today.isoformat()}

    # 7. The figures moved by exactly what was done.
    after = demo.status()
    now = after["counts"]
    assert now["active_staff"] == was["active_staff"] == now["trained_staff"]
    assert _targets(after)["training_coverage"]["value"] == "100.0"
    assert _targets(after)["training_coverage"]["met"] is True
    assert now["quiz_takers"] == was["quiz_takers"] + 2
    assert now["quiz_first_passed"] == was["quiz_first_passed"] + 2
    assert now["survey_responses"] == was["survey_responses"] + answered
    assert now["survey_satisfied"] == was["survey_satisfied"] + SURVEY_SATISFIED
    assert was["review_period"] != now["review_period"] == HalfYear.of(today).key()
    assert (now["review_passed"], now["review_applicable"]) == (finished["passed"], finished["applicable"])
    assert _targets(after)["compliance_review"]["value"] == finished["score_percent"]
    assert now["campaigns_this_year"] == was["campaigns_this_year"] + 1
    assert now["education_active_clients"] == was["education_active_clients"]
    assert now["education_participants"] == was["education_participants"] + len(fresh)
    assert now["breaches_this_year"] == was["breaches_this_year"] + 1
    assert now["breaches_baseline"] == was["breaches_baseline"]
    assert now["open_incidents"] == was["open_incidents"] + 1
    breach = _targets(after)["breach_reduction"]
    baseline = Decimal(was["breaches_baseline"])
    expected = ((baseline - now["breaches_this_year"]) * 100 / baseline).quantize(Decimal("0.1"))
    assert Decimal(breach["value"]) == expected
    assert after["trend"][-1]["quarter"] == quarter.key()
    quarterly = ("training_coverage", "quiz_pass", "satisfaction", "compliance_review")
    for old, new in zip(before["trend"][:-1], after["trend"][:-1], strict=True):  # past quarters
        assert [old["targets"][t] for t in quarterly] == [new["targets"][t] for t in quarterly]

    # 8. The quarterly report.
    report = tmp_path / f"隐私保护季度报告-{quarter.key()}.pdf"
    written = demo.cli(DEMO_MANAGER, "programme", "report", "--quarter", quarter.key(), "--out", str(report))
    assert Path(written["file"]) == report and report.read_bytes().startswith(b"%PDF")
    fonts = subprocess.run(["pdffonts", str(report)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts
    text = subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    for definition in TARGET_DEFINITIONS:
        assert definition.label_zh in flat, definition.label_zh

    # 9. The CLI shows what the dashboard shows (both from programme_status, same user).
    shown = demo.status()
    with demo.signed_in(DEMO_MANAGER) as me:
        screen = json.loads(json.dumps(status_to_dict(programme_status(me))))
    for data in (shown, screen):
        data.pop("client_facts")
    assert shown == screen
    assert _targets(shown) == _targets(after)
