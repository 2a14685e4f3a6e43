"""Programme settings: managers change them (audited, all or nothing), everyone reads them."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.programme_policy import ProgrammePolicy, ProgrammePolicyError
from desktop_app.domain.roles import Role
from desktop_app.services.programme_settings import programme_policy, set_programme_settings
from desktop_app.store.audit_repository import AuditRepository


def _entries(me, action: str) -> list:
    return [e for e in AuditRepository(me.db).iter_all() if e.action == action]


def test_manager_changes_are_audited_and_read_by_every_role(signed_in) -> None:
    manager = signed_in(Role.MANAGER)
    assert programme_policy(manager).quiz_pass_percent == ProgrammePolicy().quiz_pass_percent
    already = len(_entries(manager, "programme.policy_changed"))  # the test template's own change
    new = set_programme_settings(manager, {"quiz_pass_percent": "85", "breach_baseline_count": 4})
    assert new.quiz_pass_percent == 85 and new.breach_baseline_count == 4
    (entry,) = _entries(manager, "programme.policy_changed")[already:]
    assert entry.details["quiz_pass_percent"] == {"old": 80, "new": 85}
    auditor = signed_in(Role.AUDITOR)
    assert programme_policy(auditor).quiz_pass_percent == 85
    # back to the default: the stored row goes, the audit keeps the history
    set_programme_settings(manager, {"quiz_pass_percent": 80})
    assert programme_policy(signed_in(Role.AGENT)).quiz_pass_percent == 80
    stored = {row[0] for row in manager.db.execute("SELECT name FROM programme_settings")}
    assert "quiz_pass_percent" not in stored and "breach_baseline_count" in stored


@pytest.mark.parametrize("role", [Role.AGENT, Role.IT_ADMIN, Role.AUDITOR])
def test_only_managers_change_settings(signed_in, role: Role) -> None:
    me = signed_in(role)
    before = programme_policy(me)
    with pytest.raises(PermissionDenied):
        set_programme_settings(me, {"quiz_questions": 12})
    assert programme_policy(me) == before


def test_one_bad_value_changes_nothing(signed_in) -> None:
    manager = signed_in(Role.MANAGER)
    before = programme_policy(manager)
    already = len(_entries(manager, "programme.policy_changed"))
    with pytest.raises(ProgrammePolicyError):
        set_programme_settings(manager, {"quiz_questions": 12, "quiz_pass_percent": 20})
    assert programme_policy(manager) == before
    assert len(_entries(manager, "programme.policy_changed")) == already


def test_an_edited_value_out_of_bounds_falls_back_to_the_default(signed_in) -> None:
    manager = signed_in(Role.MANAGER)
    with manager.db.transaction():
        manager.db.execute(
            "INSERT INTO programme_settings VALUES ('quiz_pass_percent', '5', '2026-01-01T00:00:00Z', 1)"
        )
    assert programme_policy(manager).quiz_pass_percent == 80
