"""Fixtures for sending summaries to the real HQ service: a branch on the real clock (HQ refuses a
request more than five minutes from its own clock and a period ending after its today, so the
usual 2027 test clock cannot talk to it), enrolment with a token HQ issued, approved exports, one
sync pass as a given role, and what HQ stored (read from its SQLite file).

Until the summary builder (services/hq_summary_builder.py, the summary work) is on the branch, a
stand-in builds the smallest valid ``branchvault.summary/1`` payload; once it is, the real one is
used and the stand-in is never installed.
"""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import sys
import time
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.roles import Role
from desktop_app.domain.sync_backoff import MIN_SECONDS
from desktop_app.services import hq_exports
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.context import AppContext, build_context
from desktop_app.services.hq_enrolment import enrol
from desktop_app.services.hq_export_values import ExportSummary
from desktop_app.services.hq_sync import SyncReport, sync_once
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.sync.transport import HqTransport
from tests.conftest import ADMIN, FAST_KDF, USERS
from tests.support.client_access import grant_client_access
from tests.support.hq_server import HqServer
from tests.support.second_factor import NO_TOTP

BUILDER = "desktop_app.services.hq_summary_builder"


@dataclass
class LiveBranch:
    """A set-up branch whose contexts use the real clock (``ctx`` of the usual fixture is not), plus
    ``waited`` seconds: ``sync_as`` adds the backoff's shortest wait after each pass, as a branch
    would wait before its next try (a few seconds a pass, far inside HQ's five-minute skew)."""

    root: Path
    users: dict[Role, tuple[str, str]]
    waited: float = 0.0

    def context(self) -> AppContext:
        return build_context(self.root, clock=lambda: time.time() + self.waited)

    def sign_in(self, role: Role) -> SignedIn:
        return sign_in(self.context(), *self.users[role])


@pytest.fixture(scope="session")
def _live_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("live-branch-template")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRANCHVAULT_TEST_KEYRING_FILE", str(base / "keyring.json"))
        (base / "machine-policy.toml").write_text("", encoding="utf-8")
        mp.setenv("BRANCHVAULT_POLICY", str(base / "machine-policy.toml"))
        ctx = build_context(base / "branch", clock=time.time)
        result = init_branch(
            ctx,
            BranchDetails("SZ001", "深圳南山店", "示例地产经纪有限公司", "400-000-0000"),
            admin_username=ADMIN[0],
            admin_display_name="IT 王工",
            admin_password=ADMIN[1],
            kdf=FAST_KDF,
            security=dict(NO_TOTP),
        )
        for role, (username, password) in USERS.items():
            if role is not Role.IT_ADMIN:
                add_staff(result.signed_in, username, username, role, password=password, must_change=False)
        sign_out(result.signed_in)
        grant_client_access(
            lambda: build_context(base / "branch", clock=time.time), USERS[Role.MANAGER], [USERS[Role.AGENT]]
        )
    return base


@pytest.fixture
def live_branch(tmp_path: Path, _test_keyring: Path, _live_template: Path) -> LiveBranch:
    root = tmp_path / "live-branch"
    shutil.copytree(_live_template / "branch", root)
    shutil.copyfile(_live_template / "keyring.json", _test_keyring)
    return LiveBranch(root, dict(USERS))


def _stand_in_build_summary(
    ctx: SignedIn, period_from: date, period_to: date, *, submission_id: str
) -> dict[str, Any]:
    head = AuditRepository(ctx.db).head()
    return {
        "schema": "branchvault.summary/1",
        "submission_id": submission_id,
        "branch_code": ctx.config.branch_code,
        "period": {"from": period_from.isoformat(), "to": period_to.isoformat()},
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ctx.clock())),
        "software_version": "0.1.0",
        "prepared_by": ctx.session.staff_id,
        "suppression": {"k": 5, "below_k": "<5", "complementary": "x"},
        "aggregates": {"new_clients": 0, "follow_ups": 0},
        "client_rows": None,
        "audit_head": {"sequence": head.seq if head else 0, "hash": head.hash if head else "0"},
        "approval": None,
    }


@pytest.fixture(autouse=True)
def summary_builder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real builder when it exists, else the stand-in (see the module's docstring)."""
    if importlib.util.find_spec(BUILDER) is None:
        module = types.ModuleType(BUILDER)
        module.build_summary = _stand_in_build_summary  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, BUILDER, module)


def enrol_live(branch: LiveBranch, hq: HqServer, url: str | None = None) -> None:
    """IT enrols the branch with a token HQ issued (``url``: e.g. a proxy in front of HQ)."""
    it = branch.sign_in(Role.IT_ADMIN)
    try:
        enrol(it, url or hq.url, hq.issue_token(it.config.branch_code), hq.ca_file)
    finally:
        sign_out(it)


def approved_export(branch: LiveBranch) -> str:
    """An agent prepares yesterday's summary and the manager approves it: queued, signed."""
    agent = branch.sign_in(Role.AGENT)
    try:
        yesterday = agent.today() - timedelta(days=1)
        export_id = hq_exports.prepare(agent, yesterday, yesterday).id
    finally:
        sign_out(agent)
    manager = branch.sign_in(Role.MANAGER)
    try:
        hq_exports.approve(manager, export_id, branch.users[Role.MANAGER][1])
    finally:
        sign_out(manager)
    return export_id


def sync_as(
    branch: LiveBranch,
    *,
    role: Role = Role.AGENT,
    transport: HqTransport | None = None,
    factory: Callable[[Any], HqTransport] | None = None,
    rng: Callable[[], float] = lambda: 0.0,
) -> SyncReport:
    """One pass as ``role``; ``rng`` 0 and the wait added after it make every retry due at the next
    pass (the backoff has its own tests)."""
    ctx = branch.sign_in(role)
    ctx.context.hq_transport_factory = factory
    try:
        return sync_once(ctx, transport, rng=rng)
    finally:
        sign_out(ctx)
        branch.waited += MIN_SECONDS + 1


def export_state(branch: LiveBranch, export_id: str) -> ExportSummary:
    agent = branch.sign_in(Role.AGENT)
    try:
        return hq_exports.show(agent, export_id).summary
    finally:
        sign_out(agent)


def hq_rows(hq: HqServer, submission_id: str) -> int:
    """How many times HQ stored ``submission_id`` (read from its SQLite file, read-only)."""
    database = hq.data_dir / "hq.sqlite3"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        row = connection.execute("SELECT count(*) FROM submissions WHERE submission_id = ?", (submission_id,))
        return int(row.fetchone()[0])


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


@pytest.fixture
def enrolled_branch(live_branch: LiveBranch, hq_server: HqServer) -> Iterator[LiveBranch]:
    enrol_live(live_branch, hq_server)
    yield live_branch
