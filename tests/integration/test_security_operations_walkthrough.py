"""Issue 15's "Done when", end to end on the demo branch, through the real ``branchvault`` wherever
the CLI has the command.

``branchvault demo --no-gui --json`` builds the branch and prints the IT administrator's TOTP secret.
The branch then lives two days on one timeline: every CLI process runs through
``tests/support/clocked_cli.py`` (the real entry point, its clock moved by the test's offset) and the
test's own services use the same clock, so business hours, the off-hours sign-in and the TOTP steps
are the same whatever time the suite runs.

1. Day 1, 10:00: the agent reveals more than ``bulk_reveal_threshold`` fields inside the window
   (services: reveals have no CLI) and, at 22:40, signs in again (``clients count``): off-hours.
   Day 2, 09:00: the manager's ``alerts list`` shows both rules with evidence that are real
   ``client.reveal`` / ``auth.sign_in`` entries of ``audit export``; both acknowledged with notes →
   the list is empty and the log has the ``alert.acknowledged`` entries.
2. The quarterly access review (``access-review start / decide / finish / export``): everyone kept
   but the auditor, who is disabled and can no longer sign in.
3. IT sets a backup schedule; the scheduled backup (the app's timer calls
   ``run_scheduled_backup``) is taken while the agent keeps registering clients in another thread;
   ``backup verify`` and ``backup drill`` pass and the compliance review's backup items (RD-03,
   RD-04) evaluate as passing.
4. 64 bytes flipped in the middle of ``branch.db`` in a copy of the data folder: ``branchvault
   check`` exits 1 naming branch.db; on the intact branch it exits 0.
5. The IT administrator signs in with the password and a TOTP code (pyotp, from the demo's printed
   secret) on the next stdin line; without the code, and with a code already used, refused.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyotp
import pytest

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.consent_form_number import new_form_number
from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.consent_records import ConsentFormDraft
from desktop_app.domain.synthetic_clients import synthetic_clients
from desktop_app.services import context as context_module
from desktop_app.services.client_directory import MAX_PAGE, list_clients
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_reveal import BulkRevealBlocked, reveal_field
from desktop_app.services.context import build_context
from desktop_app.services.demo_profile import DEMO_AGENT, DEMO_MANAGER, DEMO_USERS, DemoUser
from desktop_app.services.second_factor import SecondFactorRequired
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from tests.cli.support import Result, run_cli

IT_ADMIN, AUDITOR = DEMO_USERS[0], DEMO_USERS[3]
LAUNCHER = str(Path(__file__).resolve().parents[1] / "support" / "clocked_cli.py")
TOTP_STEP = 30
PAUSE_BETWEEN_INTAKES = 0.05  # a busy agent, not a tight loop (which starves other writers' BEGIN IMMEDIATE)


class Timeline:
    """The test's clock: real time plus an offset that only moves forward (``at`` a Beijing time)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def at(self, when: datetime) -> None:
        target = when.timestamp()
        assert target >= self(), "the timeline only moves forward"
        self.offset = target - time.time()

    def next_totp_step(self) -> None:
        """Move into a TOTP time step no code was given in yet (a used step is refused as a replay)."""
        now = self()
        self.offset += (int(now // TOTP_STEP) + 1) * TOTP_STEP + 1 - now

    def beijing(self) -> datetime:
        return datetime.fromtimestamp(self(), BRANCH_TIME)


class Demo:
    def __init__(self, data_dir: Path, timeline: Timeline) -> None:
        self.data_dir = data_dir
        self.timeline = timeline
        self.totp_secret = ""

    def run(self, *args: str, stdin: str = "", data_dir: Path | None = None) -> Result:
        """``branchvault ARGS --data-dir DIR`` on the test's timeline."""
        return run_cli(
            *args,
            "--data-dir",
            str(data_dir or self.data_dir),
            stdin=stdin,
            prefix=(LAUNCHER, repr(self.timeline.offset)),
            timeout=180,
        )

    def secrets(self, user: DemoUser) -> str:
        """What ``--password-stdin`` reads for ``user``: the password, and IT's TOTP code of a fresh step."""
        if user is not IT_ADMIN:
            return user.password + "\n"
        self.timeline.next_totp_step()
        return f"{user.password}\n{self.totp_code()}\n"

    def totp_code(self) -> str:
        return str(pyotp.TOTP(self.totp_secret).at(self.timeline()))

    def as_user(self, user: DemoUser, *args: str, data_dir: Path | None = None) -> Result:
        return self.run(
            *args, "--as", user.username, "--password-stdin", stdin=self.secrets(user), data_dir=data_dir
        )

    def cli(self, user: DemoUser, *args: str) -> Any:
        """``branchvault ARGS --as USER --password-stdin --json``; exit 0; the JSON."""
        result = self.as_user(user, *args, "--json")
        assert result.returncode == 0, str(result)
        return result.json()

    def audit(self, tmp: Path) -> dict[int, dict[str, Any]]:
        """The whole audit log as the manager exports it, by sequence number."""
        out = tmp / f"audit-{time.monotonic_ns()}.jsonl"
        result = self.as_user(DEMO_MANAGER, "audit", "export", "--out", str(out))
        assert result.returncode == 0, str(result)
        entries = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line]
        return {int(e["seq"]): e for e in entries}

    @contextmanager
    def signed_in(self, user: DemoUser) -> Iterator[SignedIn]:
        ctx = build_context(self.data_dir, clock=self.timeline)
        code = None
        if user is IT_ADMIN:
            self.timeline.next_totp_step()
            code = self.totp_code()
        me = sign_in(ctx, user.username, user.password, totp_code=code)
        try:
            yield me
        finally:
            sign_out(me)


def _beijing(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRANCH_TIME)


@pytest.fixture
def timeline(monkeypatch: pytest.MonkeyPatch) -> Timeline:
    clock = Timeline()
    defaults = context_module.build_context.__kwdefaults__
    assert defaults is not None
    monkeypatch.setitem(defaults, "clock", clock)
    return clock


def _make_demo(tmp_path: Path, timeline: Timeline) -> tuple[Demo, date]:
    """The demo branch built by ``branchvault demo`` at 09:00 (Beijing) on the day after tomorrow."""
    day1 = (datetime.now(BRANCH_TIME) + timedelta(days=2)).date()
    timeline.at(_beijing(day1, 9, 0))
    demo = Demo(tmp_path / "demo", timeline)
    result = demo.run("demo", "--no-gui", "--json", "--clients", "40")
    assert result.returncode == 0, str(result)
    printed = result.json()
    demo.totp_secret = _printed_totp_secret(printed)
    return demo, day1


def _printed_totp_secret(printed: dict[str, Any]) -> str:
    """The IT administrator's TOTP secret as ``branchvault demo --json`` prints it."""
    totp = printed["totp"]
    assert totp["username"] == IT_ADMIN.username and totp["uri"].startswith("otpauth://totp/"), totp
    secret = "".join(str(totp["secret"]).split())
    assert f"secret={secret}" in totp["uri"]
    return secret


def _reveal_burst(demo: Demo) -> tuple[int, int]:
    """The agent reveals phones one client after another until the bulk guard stops them; returns
    (allowed reveals, threshold)."""
    with demo.signed_in(DEMO_AGENT) as me:
        threshold = me.policy.bulk_reveal_threshold
        clients = [row.id for row in list_clients(me, limit=MAX_PAGE)]
        assert len(clients) > threshold
        allowed = 0
        with pytest.raises(BulkRevealBlocked):
            for client_id in clients:
                reveal_field(me, client_id, "phone", "client_verification")
                allowed += 1
    return allowed, threshold


def step_1_alerts(demo: Demo, tmp_path: Path, day1: date) -> None:
    timeline = demo.timeline
    timeline.at(_beijing(day1, 9, 30))
    assert demo.cli(DEMO_MANAGER, "alerts", "list")["alerts"] == []  # the demo's history is reviewed

    timeline.at(_beijing(day1, 10, 0))
    allowed, threshold = _reveal_burst(demo)
    assert allowed == threshold

    timeline.at(_beijing(day1, 22, 40))
    counted = demo.cli(DEMO_AGENT, "clients", "count")
    assert counted["clients"] > 0

    timeline.at(_beijing(day1 + timedelta(days=1), 9, 0))
    alerts = demo.cli(DEMO_MANAGER, "alerts", "list")["alerts"]
    by_rule = {a["rule"]: a for a in alerts}
    assert sorted(a["rule"] for a in alerts) == ["bulk_reveal", "off_hours_sign_in"], alerts
    assert all(a["subject"] == DEMO_AGENT.username and not a["acknowledged"] for a in alerts), alerts
    assert by_rule["bulk_reveal"]["title_zh"] and by_rule["off_hours_sign_in"]["title_zh"]
    log = demo.audit(tmp_path)
    burst = by_rule["bulk_reveal"]
    assert len(burst["evidence"]) >= threshold, burst
    for seq in burst["evidence"]:
        entry = log[int(seq)]
        assert entry["action"] == "client.reveal" and entry["actor_username"] == DEMO_AGENT.username, entry
        at = datetime.fromisoformat(entry["ts"]).astimezone(BRANCH_TIME)
        assert (at.date(), at.hour) == (day1, 10), entry
    late = by_rule["off_hours_sign_in"]
    assert late["evidence"], late
    for seq in late["evidence"]:
        entry = log[int(seq)]
        assert entry["action"] == "auth.sign_in" and entry["actor_username"] == DEMO_AGENT.username, entry
        at = datetime.fromisoformat(entry["ts"]).astimezone(BRANCH_TIME)
        assert (at.date(), at.hour) == (day1, 22), entry
    raised = [e for e in log.values() if e["action"] == "alert.raised"]
    assert {str(a["id"]) for a in alerts} <= {e["target_id"] for e in raised}

    notes = {
        "bulk_reveal": "已与张伟核实：为网签集中核对客户电话，属正常业务",
        "off_hours_sign_in": "张伟晚间加班处理客户预约，已提醒下班后不要登录",
    }
    for rule, note in notes.items():
        demo.cli(DEMO_MANAGER, "alerts", "ack", str(by_rule[rule]["id"]), "--note", note)
    assert demo.cli(DEMO_MANAGER, "alerts", "list")["alerts"] == []
    shown = {a["id"]: a for a in demo.cli(DEMO_MANAGER, "alerts", "list", "--all")["alerts"]}
    for rule, note in notes.items():
        alert = shown[by_rule[rule]["id"]]
        assert alert["acknowledged"] and alert["acknowledged_by"] == DEMO_MANAGER.username, alert
        assert alert["note"] == note
    log = demo.audit(tmp_path)
    acknowledged = {e["target_id"]: e for e in log.values() if e["action"] == "alert.acknowledged"}
    for rule, note in notes.items():
        entry = acknowledged[str(by_rule[rule]["id"])]
        assert entry["actor_username"] == DEMO_MANAGER.username, entry
        assert note in json.dumps(entry["details"], ensure_ascii=False), entry


def step_2_access_review(demo: Demo, tmp_path: Path) -> None:
    assert demo.as_user(AUDITOR, "audit", "verify").returncode == 0  # the auditor can sign in
    started = demo.cli(DEMO_MANAGER, "access-review", "start")
    assert started["finished_at"] is None
    active = [item for item in started["items"] if item["active"]]
    assert {item["username"] for item in active} == {u.username for u in DEMO_USERS}, started
    notes = {AUDITOR.username: "已调岗至总部，不再需要本店账号"}
    for item in started["items"]:
        if not item["active"]:  # disabled earlier in the period (the demo's leavers): already decided
            assert item["decision"] == "disable", item
            continue
        if item["username"] in notes:
            args = ["--disable", "--note", notes[item["username"]]]
        else:
            args = ["--keep"]
        demo.cli(DEMO_MANAGER, "access-review", "decide", item["username"], *args)
    finished = demo.cli(DEMO_MANAGER, "access-review", "finish")
    assert finished["id"] == started["id"] and finished["finished_by"] == DEMO_MANAGER.username
    assert finished["fingerprint"] and not finished["altered"]
    decided = {
        item["username"]: item for item in finished["items"] if item["active"] or item["username"] in notes
    }
    assert all(item["decision"] for item in finished["items"])
    assert set(decided) == {u.username for u in DEMO_USERS}
    assert decided[AUDITOR.username]["decision"] == "disable"
    assert decided[AUDITOR.username]["note"] == notes[AUDITOR.username]
    assert {i["decision"] for n, i in decided.items() if n != AUDITOR.username} == {"keep"}
    out = tmp_path / "访问权限复核.csv"
    demo.cli(DEMO_MANAGER, "access-review", "export", "--out", str(out))
    exported = out.read_text(encoding="utf-8-sig")
    assert AUDITOR.username in exported and notes[AUDITOR.username] in exported
    staff = {row["username"]: row for row in demo.cli(IT_ADMIN, "user", "list")["staff"]}
    assert staff[AUDITOR.username]["active"] is False
    assert all(staff[u.username]["active"] for u in DEMO_USERS if u is not AUDITOR)
    refused = demo.as_user(AUDITOR, "audit", "verify")
    assert refused.returncode == 1, str(refused)


def _consent(me: SignedIn, sensitive: bool) -> ConsentFormDraft:
    return ConsentFormDraft(
        form_number=str(new_form_number(me.config.branch_code, me.clock())),
        answers={
            PurposeId.SENSITIVE_DATA.value: sensitive,
            PurposeId.HQ_SHARING.value: False,
            PurposeId.MARKETING_CONTACT.value: False,
        },
        signed_on=me.today(),
    )


class IntakeWriter(threading.Thread):
    """The agent registering clients one after another, in their own session, until stopped."""

    def __init__(self, demo: Demo, day: date) -> None:
        super().__init__(daemon=True)
        self.demo = demo
        self.drafts = [c.draft for c in synthetic_clients(600, seed=15_015, today=day)]
        self.created: list[int] = []
        self.stop = threading.Event()
        self.started_writing = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with self.demo.signed_in(DEMO_AGENT) as me:
                for draft in self.drafts:
                    if self.stop.is_set():
                        break
                    consent = None
                    if draft.sensitive_consent:  # the consent is never set without a recorded form
                        consent = _consent(me, True)
                    record = create_client(me, draft, consent=consent)
                    self.created.append(record.id)
                    if len(self.created) >= 3:
                        self.started_writing.set()
                    self.stop.wait(PAUSE_BETWEEN_INTAKES)
        except BaseException as exc:  # reported by the test
            self.error = exc
        finally:
            self.started_writing.set()


def step_3_backups(demo: Demo, tmp_path: Path, day2: date) -> None:
    from desktop_app.services.backup_schedule import due, run_scheduled_backup

    folder = tmp_path / "U盘备份"
    folder.mkdir()
    demo.timeline.at(_beijing(day2, 11, 0))
    scheduled = demo.cli(
        IT_ADMIN, "backup", "schedule", "--time", "12:00", "--folder", str(folder), "--generations", "5"
    )
    assert scheduled["schedule"] == {
        "enabled": True,
        "time": "12:00",
        "folder": str(folder),
        "generations": 5,
    }
    assert scheduled["next_run_beijing"] == f"{day2.isoformat()} 12:00"

    demo.timeline.at(_beijing(day2, 12, 1))
    with demo.signed_in(DEMO_MANAGER) as me:
        before = len(list_clients(me, limit=MAX_PAGE))
    writer = IntakeWriter(demo, day2)
    writer.start()
    assert writer.started_writing.wait(120)
    try:
        with demo.signed_in(DEMO_MANAGER) as me:  # the manager's app: its timer finds the backup due
            assert due(me)
            result = run_scheduled_backup(me)
            assert result.ok, result
            assert not due(me)
        taken = len(writer.created)
        deadline = time.monotonic() + 60
        while len(writer.created) < taken + 3 and writer.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)  # the agent keeps working after the backup too
    finally:
        writer.stop.set()
        writer.join(120)
    assert writer.error is None, repr(writer.error)
    assert len(writer.created) >= taken + 3, (taken, len(writer.created))
    assert result.path is not None and sorted(folder.glob("*.bvbackup")) == [result.path]
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary file left
    with demo.signed_in(DEMO_MANAGER) as me:
        assert len(list_clients(me, limit=MAX_PAGE)) == before + len(writer.created)  # all landed

    verified = demo.cli(DEMO_MANAGER, "backup", "verify", str(result.path))
    assert verified["ok"] is True and verified["clients_checked"] is True, verified
    assert all(f["ok"] or f["skipped"] for f in verified["findings"]), verified["findings"]
    # a snapshot taken in the middle of the agent's work: some of their new clients are in it
    head = int(verified["manifest"]["audit_head"]["seq"])
    log = demo.audit(tmp_path)
    created = {str(c) for c in writer.created}
    intakes = [s for s, e in log.items() if e["action"] == "client.create" and e["target_id"] in created]
    assert len(intakes) == len(created)
    assert min(intakes) < head < max(intakes), (min(intakes), head, max(intakes))
    drill = demo.cli(DEMO_MANAGER, "backup", "drill", str(result.path))
    assert drill["ok"] is True and drill["problems"] == [] and drill["clients_checked"], drill
    status = demo.cli(DEMO_MANAGER, "backup", "schedule")
    assert status["last_backup"]["file"] == result.path.name
    assert status["last_verified_backup"]["file"] == result.path.name
    assert status["last_drill"]["by"] == DEMO_MANAGER.username
    assert not status["backup_overdue"] and not status["drill_overdue"]

    demo.cli(DEMO_MANAGER, "review", "start")
    evaluated = demo.cli(DEMO_MANAGER, "review", "evaluate")
    items = {i["id"]: i for i in evaluated["items"]}
    assert items["RD-03"]["result"] == "pass", items["RD-03"]
    assert result.path.name in json.dumps(items["RD-03"], ensure_ascii=False), items["RD-03"]
    assert items["RD-04"]["result"] == "pass", items["RD-04"]
    assert status["last_drill"]["at"] in json.dumps(items["RD-04"], ensure_ascii=False), items["RD-04"]


def _flip_middle(path: Path, count: int = 64) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    for i in range(middle, middle + count):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def step_4_check(demo: Demo, tmp_path: Path) -> None:
    copy = tmp_path / "IT拷贝"  # the data folder as IT would copy it off the PC
    shutil.copytree(demo.data_dir, copy)
    _flip_middle(copy / "branch.db")
    damaged = demo.as_user(IT_ADMIN, "check", data_dir=copy)
    assert damaged.returncode == 1, str(damaged)
    assert "branch.db" in damaged.stderr and "branch.db" in damaged.stdout, str(damaged)
    failed = [line for line in damaged.stdout.splitlines() if "FAILED" in line and "branch.db" in line]
    assert failed, str(damaged)
    assert "完整性检查失败" in damaged.stderr or "完整性检查失败" in damaged.stdout, str(damaged)
    assert "integrity check" in (damaged.stderr + damaged.stdout).lower(), str(damaged)

    start = max(demo.audit(tmp_path))
    intact = demo.as_user(IT_ADMIN, "check", "--json")
    assert intact.returncode == 0, str(intact)
    report = intact.json()
    assert report["ok"] is True
    names = {f["name"] for f in report["findings"]}
    assert {"branch.db:cipher_integrity_check", "branch.db:integrity_check", "branch.db:audit_chain"} <= names
    checks = [e for s, e in demo.audit(tmp_path).items() if s > start and e["action"] == "integrity.check"]
    assert [(e["actor_username"], e["outcome"]) for e in checks] == [(IT_ADMIN.username, "success")]


def _it_entries(log: dict[int, dict[str, Any]], after: int) -> list[tuple[str, str]]:
    """(action, outcome) of the sign-in entries about the IT administrator after sequence ``after``."""
    return [
        (e["action"], e["outcome"])
        for seq, e in sorted(log.items())
        if seq > after
        and e["action"].startswith("auth.")
        and IT_ADMIN.username in (e["actor_username"], e["target_id"])
    ]


def step_5_totp(demo: Demo, tmp_path: Path) -> None:
    it_args = ("totp", "status", "--json", "--as", IT_ADMIN.username, "--password-stdin")
    start = max(demo.audit(tmp_path))

    demo.timeline.next_totp_step()
    without = demo.run(*it_args, stdin=IT_ADMIN.password + "\n")
    assert without.returncode == 2, str(without)  # the code is missing from standard input
    assert "6 位动态码" in without.stderr and "6-digit" in without.stderr, str(without)
    with pytest.raises(SecondFactorRequired):  # the app's sign-in asks for it the same way
        sign_in(build_context(demo.data_dir, clock=demo.timeline), IT_ADMIN.username, IT_ADMIN.password)
    assert _it_entries(demo.audit(tmp_path), start) == []  # not signed in, nothing counted

    demo.timeline.next_totp_step()
    code = demo.totp_code()
    good = demo.run(*it_args, stdin=f"{IT_ADMIN.password}\n{code}\n")
    assert good.returncode == 0, str(good)
    assert good.json()["enrolled"] is True, good.json()
    middle = max(demo.audit(tmp_path))
    assert _it_entries(demo.audit(tmp_path), start) == [
        ("auth.sign_in", "success"),
        ("auth.second_factor", "success"),
        ("auth.sign_out", "success"),
    ]

    replay = demo.run(*it_args, stdin=f"{IT_ADMIN.password}\n{code}\n")
    assert replay.returncode == 1, str(replay)
    assert "已使用过" in replay.stderr and "already used" in replay.stderr, str(replay)
    assert _it_entries(demo.audit(tmp_path), middle) == [("auth.second_factor", "failure")]


def test_security_operations_on_the_demo_branch(tmp_path: Path, timeline: Timeline) -> None:
    demo, day1 = _make_demo(tmp_path, timeline)
    step_1_alerts(demo, tmp_path, day1)
    step_2_access_review(demo, tmp_path)
    step_3_backups(demo, tmp_path, day1 + timedelta(days=1))
    step_4_check(demo, tmp_path)
    step_5_totp(demo, tmp_path)
