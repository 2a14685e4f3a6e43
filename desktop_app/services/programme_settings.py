"""The privacy programme's settings: read by anyone signed in, changed by a manager, audited.

Rule: the documented defaults (``domain/programme_policy.ProgrammePolicy``) hold until a manager
changes a setting (``Action.PROGRAMME_MANAGE``); each change is validated against the table's
bounds and recorded as one ``programme.policy_changed`` audit entry with the old and new values, in
the same transaction. A stored value that no longer validates (an older version's, or an edited
database) is ignored for the default rather than closing the programme area. Reason: the
programme's schedule and targets are the company's accountability record (PIPL Art. 51, 54).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.permissions import Action
from desktop_app.domain.programme_policy import ProgrammePolicy, apply_programme_settings, as_settings
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.programme_settings_repository import ProgrammeSettingsRepository

AUDIT_ACTION = "programme.policy_changed"
_DEFAULTS = as_settings(ProgrammePolicy())


def _policy_from(stored: Mapping[str, object]) -> ProgrammePolicy:
    policy = ProgrammePolicy()
    for name, value in stored.items():
        try:
            policy = apply_programme_settings(policy, {name: value})
        except BranchVaultError:
            continue  # unreadable or out of bounds: the default stands
    return policy


def programme_policy(me: SignedIn) -> ProgrammePolicy:
    """The settings in force for this branch (any signed-in role may read them)."""
    return _policy_from(ProgrammeSettingsRepository(me.db).all())


def set_programme_settings(me: SignedIn, changes: Mapping[str, object]) -> ProgrammePolicy:
    """Apply ``changes`` (managers only); all or nothing; audited with old and new values."""
    check_permission(me, Action.PROGRAMME_MANAGE)
    repository = ProgrammeSettingsRepository(me.db)
    with me.db.transaction():
        old = programme_policy(me)
        new = apply_programme_settings(old, changes)
        changed = {
            f.name: (getattr(old, f.name), getattr(new, f.name))
            for f in fields(ProgrammePolicy)
            if getattr(old, f.name) != getattr(new, f.name)
        }
        if not changed:
            return new
        for name, (_, value) in changed.items():
            if value == _DEFAULTS[name]:
                repository.remove(name)
            else:
                repository.put(name, value, at=me.now_utc(), by=me.session.staff_id)
        record(
            me,
            AUDIT_ACTION,
            target_type="programme_setting",
            target_id=",".join(sorted(changed)),
            details={name: {"old": pair[0], "new": pair[1]} for name, pair in changed.items()},
        )
    return new
