"""Who took part in privacy education names clients, so it lives in clients.db under the client-data
key. An IT administrator or an auditor, with their own password, the data folder and the app's own
modules (store.unlock, the education repository, sqlcipher3), gets nothing out of it; the campaigns
(no client data) are all they can read.

Checked by moving ``education_participation`` into branch.db (client schema v5 and the repository
pointed at ``main`` instead of ``client_data``): ``test_it_and_auditor_cannot_read_who_took_part``
then fails for both roles ("DID NOT RAISE"), since IT's and the auditor's key opens branch.db.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import sqlcipher3

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.education import year_window_utc
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.services.education import add_campaign, print_leaflet, record_attendees
from desktop_app.services.sign_in import sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.branch_config import load_config
from desktop_app.store.data_dir import DataPaths
from desktop_app.store.device_secret import DeviceSecretStore
from desktop_app.store.education_repository import CampaignRepository, ParticipationRepository
from desktop_app.store.unlock import unlock
from tests.conftest import Branch

SignIn = Callable[[Role], SignedIn]
CLIENT_NAME = "欧阳娜娜"


@pytest.fixture
def with_participation(signed_in: SignIn) -> int:
    manager = signed_in(Role.MANAGER)
    client = create_client(manager, ClientDraft(name=CLIENT_NAME, phone="13912345678")).id
    campaign = add_campaign(manager, manager.today(), "store_talk", "识别诈骗电话讲座")
    record_attendees(manager, campaign.id, [client])
    print_leaflet(manager, client)
    sign_out(manager)
    return client


def _unlocked(paths: DataPaths, username: str, password: str):  # type: ignore[no-untyped-def]
    branch_id = load_config(paths.config).branch_id
    secret = DeviceSecretStore().get(branch_id)
    return unlock(paths, branch_id, username, password, secret)


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_and_auditor_cannot_read_who_took_part(
    branch: Branch, with_participation: int, role: Role
) -> None:
    paths = branch.ctx.paths
    username, password = branch.users[role]
    db = _unlocked(paths, username, password).database
    try:
        assert len(CampaignRepository(db).between(date(2000, 1, 1), date(2100, 12, 31))) == 1
        for table in ("education_participation", "client_data.education_participation"):
            with pytest.raises(sqlcipher3.OperationalError, match="no such table"):
                db.execute(f"SELECT client_id, kind, day FROM {table}").fetchall()
        repo = ParticipationRepository(db)
        with pytest.raises(sqlcipher3.OperationalError, match="no such table"):
            repo.of_client(with_participation)
        with pytest.raises(sqlcipher3.OperationalError, match="no such table"):
            repo.active_clients(year_window_utc(date.today().year))
    finally:
        db.close()


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_and_auditor_cannot_attach_clients_db_with_their_key(
    branch: Branch, with_participation: int, role: Role
) -> None:
    paths = branch.ctx.paths
    username, password = branch.users[role]
    unlocked = _unlocked(paths, username, password)
    unlocked.database.close()
    connection = sqlcipher3.connect(str(paths.client_database))
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = \"x'{unlocked.db_key.hex()}'\"")
    try:
        with pytest.raises(sqlcipher3.DatabaseError):
            connection.execute("SELECT client_id FROM education_participation").fetchall()
    finally:
        connection.close()
    assert CLIENT_NAME.encode() not in paths.database.read_bytes()
