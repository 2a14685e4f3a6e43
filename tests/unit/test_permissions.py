"""The permission matrix, checked cell by cell against a table written out here (not derived from the code)."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.permissions import MATRIX, Action, action_label, can, require
from desktop_app.domain.roles import Role

A, M, IT, U = Role.AGENT, Role.MANAGER, Role.IT_ADMIN, Role.AUDITOR

# The expected matrix, by action code. Changing a permission means changing this table on purpose.
EXPECTED: dict[str, set[Role]] = {
    "client.view_own": {A, M},
    "client.view_branch": {M},
    "client.edit": {A, M},
    "client.reveal": {A, M},
    "client.reassign": {M},
    "consent.print": {A, M},
    "export.request": {A, M},
    "export.approve": {M},
    "request.handle": {M},
    "client.destroy": {M},
    "notice.publish": {M},
    "access.confirm": {M},
    "staff.list": {IT, M},
    "staff.manage": {IT},
    "keys.rotate": {IT},
    "backup.run": {IT, M},
    "config.edit": {IT},
    "audit.read": {U, M},
    "audit.export": {U, M},
    "audit.verify": {IT, U, M},
    "programme.view": {M, U},
    "programme.manage": {M},
    "training.take": {A, M, IT, U},
    "review.conduct": {M, U},
    "satisfaction.record": {A, M},
    "education.record": {A, M},
    "incident.report": {A, M, IT, U},
    "incident.assess": {M},
    "secops.view": {M, IT, U},
    "alert.review": {M, U},
    "audit.log_review": {U},
    "access.review": {M},
    "backup.restore": {IT},
    "integrity.check": {M, IT, U},
    "self.second_factor": {M, IT},
    "self.password_change": {A, M, IT, U},
}

CELLS = [(role, action) for action in Action for role in Role]


def test_expected_table_covers_every_action() -> None:
    assert set(EXPECTED) == {action.value for action in Action}
    assert set(MATRIX) == set(Action)


@pytest.mark.parametrize(("role", "action"), CELLS, ids=[f"{r.value}-{a.value}" for r, a in CELLS])
def test_matrix_cell(role: Role, action: Action) -> None:
    allowed = role in EXPECTED[action.value]
    assert can(role, action) is allowed
    if allowed:
        require(role, action)
    else:
        with pytest.raises(PermissionDenied) as info:
            require(role, action)
        zh, en = action_label(action, "zh_CN"), action_label(action, "en")
        assert zh in info.value.zh and en in info.value.en
        assert info.value.code == "permission_denied"


@pytest.mark.parametrize("action", [a for a in Action if a.value.startswith("client.")])
def test_it_admin_never_touches_client_data(action: Action) -> None:
    assert not can(Role.IT_ADMIN, action)


def test_auditor_reads_audit_and_programme_and_changes_nothing_else() -> None:
    allowed = {a.value for a in Action if can(Role.AUDITOR, a)}
    assert allowed == {
        "audit.read",
        "audit.export",
        "audit.verify",
        "self.password_change",
        # the privacy programme: figures, their own training, the compliance review, reporting an incident
        "programme.view",
        "training.take",
        "review.conduct",
        "incident.report",
        # security operations: alerts, the periodic log review, integrity checks
        "secops.view",
        "alert.review",
        "audit.log_review",
        "integrity.check",
    }


def test_nobody_both_edits_clients_and_manages_keys_or_staff() -> None:
    for role in Role:
        if can(role, Action.CLIENT_EDIT) or can(role, Action.CLIENT_REVEAL):
            assert not can(role, Action.STAFF_MANAGE)
            assert not can(role, Action.KEYS_ROTATE)
            assert not can(role, Action.CONFIG_EDIT)


def test_no_action_purges_the_audit_log() -> None:
    assert not [a for a in Action if a.value.startswith("audit.") and a.value not in EXPECTED]
    assert not any("purge" in a.value or "delete" in a.value for a in Action)


@pytest.mark.parametrize("action", list(Action))
def test_every_action_has_both_labels(action: Action) -> None:
    zh, en = action_label(action, "zh_CN"), action_label(action, "en")
    assert zh and en and zh != en


def test_client_data_actions_are_never_it_or_auditor_actions() -> None:
    """Whatever the matrix says, the client-data key is a second gate (services/client_access.py);
    the two must agree: no client-data action is open to IT or the auditor."""
    from desktop_app.domain.permissions import CLIENT_DATA_ACTIONS

    for action in CLIENT_DATA_ACTIONS:
        assert not can(IT, action) and not can(U, action), action
