"""Which clients a breach affected, and how each was told, with the data folder and IT's or the
auditor's own password (issue 14, incidents): the affected-client list and the notification log
live in clients.db, so a script using the app's own store modules (``store.unlock``) and an IT or
auditor password reads the incident register in branch.db — kind, state, the *number* of affected
clients — but no client, not even by number. The manager, holding the client-data key, reads both.

Checked against the protection missing: with the two tables created in branch.db instead of
clients.db (client schema v6 and the repository pointed at ``main``), both IT and the auditor read
the affected clients' numbers here and the test fails.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import sqlcipher3

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services import incident_clients, incidents
from desktop_app.services.client_intake import create_client
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.branch_config import load_config
from desktop_app.store.data_dir import DataPaths
from desktop_app.store.device_secret import DeviceSecretStore
from desktop_app.store.unlock import unlock
from tests.conftest import Branch

SignIn = Callable[[Role], SignedIn]
CLIENT_NAME = "欧阳娜娜"


@pytest.fixture
def breach_with_clients(signed_in: SignIn) -> tuple[int, list[int]]:
    agent = signed_in(Role.AGENT)
    ids = [
        create_client(agent, ClientDraft(name=CLIENT_NAME, phone="13912345678")).id,
        create_client(agent, ClientDraft(name="李建国", phone="13912345679")).id,
    ]
    manager = signed_in(Role.MANAGER)
    now = datetime.fromtimestamp(manager.clock(), UTC)
    incident = incidents.report_incident(
        manager,
        kind="misdirected_message",
        occurred_at=now - timedelta(hours=3),
        discovered_at=now - timedelta(hours=1),
        description="客户资料表格误发到外部微信群",
    )
    incidents.assess(
        manager,
        incident.id,
        is_breach=True,
        categories=["name", "phone"],
        cause="误发",
        measures="已要求群主删除",
        harm="可能接到诈骗电话",
        advice="警惕陌生来电",
    )
    incident_clients.set_affected_clients(manager, incident.id, ids)
    incident_clients.record_notification(manager, incident.id, ids[0], "phone", note="已电话告知")
    return incident.id, ids


def _query_as(paths: DataPaths, username: str, password: str, sql: str) -> list[tuple[object, ...]]:
    branch_id = load_config(paths.config).branch_id
    secret = DeviceSecretStore().get(branch_id)
    db = unlock(paths, branch_id, username, password, secret).database
    try:
        return [tuple(row) for row in db.execute(sql).fetchall()]
    finally:
        db.close()


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_and_auditor_cannot_read_who_a_breach_affected(
    branch: Branch, breach_with_clients: tuple[int, list[int]], role: Role
) -> None:
    del breach_with_clients  # the breach is there; IT and the auditor look for it
    paths = branch.ctx.paths
    username, password = branch.users[role]
    # the register itself is readable (it names no client): the count only
    rows = _query_as(paths, username, password, "SELECT affected_count, description FROM incidents")
    assert rows == [(2, "客户资料表格误发到外部微信群")]
    for table in ("incident_clients", "incident_notifications"):
        with pytest.raises(sqlcipher3.OperationalError, match=f"no such table: {table}"):
            _query_as(paths, username, password, f"SELECT client_id FROM {table}")
    tables = {str(r[0]) for r in _query_as(paths, username, password, "SELECT name FROM sqlite_master")}
    assert not {"incident_clients", "incident_notifications"} & tables
    # nothing in branch.db's audit trail or timeline names the affected clients either
    details = _query_as(
        paths, username, password, "SELECT details FROM audit_log WHERE target_type = 'incident'"
    )
    joined = " ".join(str(r[0]) for r in details)
    assert CLIENT_NAME not in joined and "client_id" not in joined
    assert (paths.root / "branch.db").read_bytes().find(CLIENT_NAME.encode()) == -1


def test_the_manager_with_the_client_key_reads_them(
    signed_in: SignIn, breach_with_clients: tuple[int, list[int]]
) -> None:
    incident_id, ids = breach_with_clients
    manager = signed_in(Role.MANAGER)
    assert sorted(c.id for c in incident_clients.affected_clients(manager, incident_id)) == sorted(ids)
    log = manager.db.execute("SELECT client_id, channel FROM client_data.incident_notifications").fetchall()
    assert [tuple(r) for r in log] == [(ids[0], "phone")]
    with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
        manager.db.execute("DELETE FROM client_data.incident_notifications")
    with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
        manager.db.execute("UPDATE incident_events SET note = 'rewritten'")
