"""Crash safety of the two-file store (issue 10): a client change lives in clients.db and its audit
entry in branch.db, and both commit together or not at all (rollback journal with a super-journal;
in WAL mode SQLite commits attached files one by one). Proven with kill -9 in the middle of a stream
of audited client writes, and with a crash at each step of a client-data key rotation."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from desktop_app.domain.roles import Role
from desktop_app.services.client_directory import count_clients
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.client_key_repository import ClientKeyRepository
from desktop_app.store.fault_points import EXIT_CODE
from tests.conftest import ROOT, Branch

WRITER = r"""
import sys
from desktop_app.domain.client_record import ClientDraft
from desktop_app.services.client_intake import create_client
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in
ctx = sign_in(build_context(sys.argv[1]), sys.argv[2], sys.argv[3])
print("ready", flush=True)
for i in range(100000):
    create_client(ctx, ClientDraft(name="测试客户", phone=f"139{i:08d}"))
"""

ROTATE = r"""
import sys
from desktop_app.services.client_access import rotate_client_key
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in
ctx = sign_in(build_context(sys.argv[1]), sys.argv[2], sys.argv[3])
rotate_client_key(ctx, reason="test")
"""


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **extra)
    assert "PYTHON_KEYRING_BACKEND" in env and "BRANCHVAULT_TEST_KEYRING_FILE" in env
    return env


def _consistent(branch: Branch) -> tuple[int, int]:
    """Clients in clients.db and client.create entries in branch.db, checked one for one."""
    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    try:
        db = ctx.db
        clients = {str(row[0]) for row in db.execute("SELECT id FROM clients").fetchall()}
        created = {e.target_id for e in AuditRepository(db).iter_all() if e.action == "client.create"}
        assert clients == created
        return len(clients), count_clients(ctx)
    finally:
        sign_out(ctx)


@pytest.mark.parametrize("delay", [0.6, 1.1, 1.7])
def test_kill_9_never_separates_a_client_from_its_audit_entry(branch: Branch, delay: float) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(branch.ctx.paths.root), *branch.users[Role.AGENT]],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready", process.stderr.read() if process.stderr else ""
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    written, visible = _consistent(branch)
    assert written > 0 and visible == written


@pytest.mark.parametrize("point", ["client-rekey:next-written", "client-rekey:rekeyed"])
def test_crash_during_client_key_rotation(branch: Branch, point: str) -> None:
    manager = branch.users[Role.MANAGER]
    result = subprocess.run(
        [sys.executable, "-c", ROTATE, str(branch.ctx.paths.root), *manager],
        env=_env(BRANCHVAULT_FAULT_AT=point),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == EXIT_CODE, result.stderr
    # the next holder to sign in finishes (clients.db re-keyed) or discards (it was not) the rotation
    agent = sign_in(branch.context(), *branch.users[Role.AGENT])
    session = agent.session
    assert session.client_access == "granted"
    assert count_clients(agent) == 0
    db = agent.db
    repo = ClientKeyRepository(db)
    assert repo.grants("next") == []
    phases = [
        e.details.get("phase") for e in AuditRepository(db).iter_all() if e.action == "keys.client_rotation"
    ]
    expected_end = "completed" if point == "client-rekey:rekeyed" else "discarded"
    assert phases[-2:] == ["started", expected_end]
    sign_out(agent)
    again = sign_in(branch.context(), *manager)
    assert again.session.client_access == "granted"
    sign_out(again)
