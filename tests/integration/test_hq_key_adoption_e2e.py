"""Key adoption end to end against the real HQ service (127.0.0.1, trustme TLS): IT enrols, the
agent's and manager's sessions adopt the keys into clients.db, the approved summary is signed and
delivered; IT enrols again with a new token, and the next summary goes out signed with the new key
(adopted at the next agent or manager sign-in), while branch.db never keeps either key."""

# ruff: noqa: F811 (the fixtures imported from tests/support are parameters here)
from __future__ import annotations

from desktop_app.domain.export_states import ExportState
from desktop_app.domain.roles import Role
from desktop_app.services import hq_link
from desktop_app.services.sign_in import sign_out
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.hq_link_repository import HqLinkRepository
from tests.support.hq_server import HqServer, hq_server  # noqa: F401 (fixture)
from tests.support.hq_sync_fixtures import (  # noqa: F401 (fixtures)
    LiveBranch,
    _live_template,
    approved_export,
    enrol_live,
    export_state,
    hq_rows,
    live_branch,
    summary_builder,
    sync_as,
)


def _keys_in_branch_db(branch: LiveBranch) -> tuple[object, object, str | None]:
    it = branch.sign_in(Role.IT_ADMIN)
    try:
        stored = HqLinkRepository(it.db).get()
        assert stored is not None
        return stored.branch_private_key, stored.pseudonym_key, stored.link.keys_adopted_at
    finally:
        sign_out(it)


def _branch_key(branch: LiveBranch) -> bytes:
    manager = branch.sign_in(Role.MANAGER)
    try:
        return hq_link.branch_private_key(manager)
    finally:
        sign_out(manager)


def test_enrol_adopt_approve_sync_and_enrol_again(live_branch: LiveBranch, hq_server: HqServer) -> None:
    enrol_live(live_branch, hq_server)
    pending, pseudonym, adopted_at = _keys_in_branch_db(live_branch)
    assert pending is not None and pseudonym is not None and adopted_at is None  # the window

    first_id = approved_export(live_branch)  # the agent's sign-in adopted the keys
    assert _keys_in_branch_db(live_branch)[:2] == (None, None)
    first_key = _branch_key(live_branch)
    assert first_key == pending
    assert sync_as(live_branch).acknowledged == 1
    assert export_state(live_branch, first_id).state is ExportState.ACKNOWLEDGED
    assert hq_rows(hq_server, first_id) == 1

    enrol_live(live_branch, hq_server)  # IT enrols again: new pending keys
    second_pending = _keys_in_branch_db(live_branch)[0]
    assert second_pending is not None and second_pending != first_key
    second_id = approved_export(live_branch)
    assert _branch_key(live_branch) == second_pending
    assert _keys_in_branch_db(live_branch)[:2] == (None, None)
    assert sync_as(live_branch).acknowledged == 1  # HQ knows the new key
    assert hq_rows(hq_server, second_id) == 1

    manager = live_branch.sign_in(Role.MANAGER)
    try:
        adoptions = [e for e in AuditRepository(manager.db).iter_all() if e.action == "hq.key_adopted"]
    finally:
        sign_out(manager)
    assert [e.details["replaced"] for e in adoptions] == [False, True]
