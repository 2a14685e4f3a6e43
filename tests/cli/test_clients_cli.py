"""``demo --clients N`` (synthetic clients through the real, audited services) and ``clients count``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.cli.support import CliBranch, Result, assert_exit, assert_message, open_client_data, run_cli
from tests.support.second_factor import demo_code

DEMO_PASSWORDS = {
    "it.wang": "Demo#Vault2026",
    "lina": "Demo#Branch2026",
    "zhangwei": "Demo#Sales2026",
    "audit.chen": "Demo#Check2026",
}


@pytest.fixture(scope="module")
def demo30(tmp_path_factory: pytest.TempPathFactory) -> tuple[CliBranch, dict[str, Any]]:
    data_dir = tmp_path_factory.mktemp("demo30") / "branch"
    result = run_cli("demo", "--no-gui", "--json", "--data-dir", str(data_dir), "--clients", "30")
    assert_exit(result, 0)
    return CliBranch(data_dir, "", "", data_dir / "unused"), result.json()


def _count(branch: CliBranch, username: str, *extra: str) -> Result:
    code = demo_code(username)  # the demo IT administrator's authenticator code, the next line
    return branch.run(
        "clients",
        "count",
        *extra,
        as_user=username,
        password=DEMO_PASSWORDS[username],
        stdin=f"{code}\n" if code else "",
    )


def test_demo_reports_the_clients_and_who_has_them(demo30: tuple[CliBranch, dict[str, Any]]) -> None:
    _, data = demo30
    assert data["clients"] == 30
    shares = {user["username"]: user["clients"] for user in data["users"]}
    assert shares == {"it.wang": 0, "lina": 12, "zhangwei": 18, "audit.chen": 0}


def test_the_manager_sees_every_client_and_the_agent_their_share(
    demo30: tuple[CliBranch, dict[str, Any]],
) -> None:
    branch, data = demo30
    shares = {user["username"]: user["clients"] for user in data["users"]}
    manager = _count(branch, "lina", "--json")
    assert_exit(manager, 0)
    assert manager.json() == {"username": "lina", "clients": 30}
    agent = _count(branch, "zhangwei", "--json")
    assert_exit(agent, 0)
    assert agent.json()["clients"] == shares["zhangwei"] == 18
    text = _count(branch, "zhangwei")
    assert_exit(text, 0)
    assert "18" in text.stdout


@pytest.mark.parametrize("username", ["it.wang", "audit.chen"])
def test_it_admins_and_auditors_may_not_count_clients(
    demo30: tuple[CliBranch, dict[str, Any]], username: str
) -> None:
    branch, _ = demo30
    refused = _count(branch, username)
    assert_message(refused, "您的角色无权执行此操作", "Your role is not allowed to do this", code=1)
    assert refused.stdout == ""


def test_demo_clients_were_created_and_followed_up_through_the_audited_services(
    demo30: tuple[CliBranch, dict[str, Any]],
) -> None:
    from desktop_app.store.audit_repository import AuditRepository

    branch, _ = demo30
    db = open_client_data(branch.data_dir, "lina", DEMO_PASSWORDS["lina"])
    try:
        actions = Counter(entry.action for entry in AuditRepository(db).iter_all())
        stored = db.execute("SELECT count(*), count(id_number) FROM clients").fetchone()
        followups = db.execute("SELECT count(*) FROM client_followups").fetchone()[0]
    finally:
        db.close()
    assert actions["client.create"] == 30
    assert actions["client.followup"] == followups > 0
    assert stored[0] == 30


def test_demo_with_no_clients(tmp_path: Path) -> None:
    data_dir = tmp_path / "branch"
    result = run_cli("demo", "--no-gui", "--json", "--data-dir", str(data_dir), "--clients", "0")
    assert_exit(result, 0)
    assert result.json()["clients"] == 0
    branch = CliBranch(data_dir, "", "", data_dir / "unused")
    counted = _count(branch, "lina", "--json")
    assert_exit(counted, 0)
    assert counted.json()["clients"] == 0


@pytest.mark.parametrize("value", ["-1", "many"])
def test_demo_refuses_a_bad_client_count(tmp_path: Path, value: str) -> None:
    result = run_cli("demo", "--no-gui", "--data-dir", str(tmp_path / "branch"), "--clients", value)
    assert_message(result, "命令用法有误", "--clients", code=2)
    assert not (tmp_path / "branch").exists()


def test_clients_count_needs_the_as_option() -> None:
    result = run_cli("clients", "count")
    assert_message(result, "命令用法有误", "--as", code=2)
