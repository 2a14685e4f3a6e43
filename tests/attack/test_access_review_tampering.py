"""What a local administrator can do to a finished access review, and to a disabled member's key
slot, with the data folder, sqlcipher3 and their own key slot (IT opens branch.db).

Attack 1: rewrite last quarter's review so a member the manager disabled looks "kept" (or drop
the decision altogether). Plain SQL is refused by the triggers of migration 22; with the triggers
dropped first the edit goes through, but the next sign-in re-creates the triggers (audited
``audit.triggers_restored``) and the review no longer matches the fingerprint its
``access_review.finish`` entry keeps in the hash-chained audit log, so the app says "altered".
Checked: with the fingerprint comparison removed from services/access_reviews._detail the
``altered`` assertions fail; with the triggers removed from migration 22 and from
store/access_review_triggers.py (which the sign-in check restores from) the ``pytest.raises`` fails.

Attack 2: keep a copy of the disabled member's key slot (and the old database) and put the slot
back into keyslots.json: the branch database was re-keyed at the disable, so the old slot opens
nothing current, and the member's client-data grant is gone. Checked: with the key rotation removed
from staff_accounts.disable_member the re-inserted slot signs in.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import sqlcipher3

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.roles import Role
from desktop_app.services import access_reviews as reviews
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.client_key_repository import CURRENT, ClientKeyRepository
from tests.attack.test_audit_tampering import behind_the_apps_back
from tests.conftest import Branch
from tests.support.database_key import database_key, read_staff_independently

SignIn = Callable[[Role], SignedIn]


def _finished_with_agent_disabled(me: SignedIn) -> int:
    detail = reviews.start_review(me)
    for item in detail.items:
        reviews.decide(me, item.username, "disable" if item.username == "zhangwei" else "keep", note="审查")
    return reviews.finish_review(me).review.id


def test_editing_a_finished_access_review_is_refused_then_detected(branch: Branch, signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    review_id = _finished_with_agent_disabled(manager)
    assert not reviews.get_review(manager, review_id).altered
    manager.close()

    with behind_the_apps_back(branch) as db:
        with pytest.raises(sqlcipher3.dbapi2.IntegrityError):
            db.execute(
                "UPDATE access_review_items SET decision = 'keep' WHERE review_id = ? AND username = 'zhangwei'",
                (review_id,),
            )
        with pytest.raises(sqlcipher3.dbapi2.IntegrityError):
            db.execute("DELETE FROM access_review_items WHERE review_id = ?", (review_id,))
        with pytest.raises(sqlcipher3.dbapi2.IntegrityError):
            db.execute("UPDATE access_reviews SET finished_at = NULL WHERE id = ?", (review_id,))
        db.execute("DROP TRIGGER access_review_items_finished_fixed")
        db.execute(
            "UPDATE access_review_items SET decision = 'keep', note = '' WHERE review_id = ? AND username = 'zhangwei'",
            (review_id,),
        )

    auditor = signed_in(Role.AUDITOR)  # the next sign-in puts the trigger back, audited
    assert any(e.action == "audit.triggers_restored" for e in AuditRepository(auditor.db).iter_all())
    after = reviews.get_review(auditor, review_id)
    item = after.item("zhangwei")
    assert (
        item is not None and item.decision is not None and item.decision.value == "keep"
    )  # the edit is there
    assert after.altered and after.as_json()["altered"] is True  # ... and the app says so
    assert reviews.ALTERED_WARNING[1] in str(reviews.export_rows(after))


def _slots(data: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {item["name"]: item for item in data["slots"]}


def test_a_disabled_members_old_slot_opens_nothing_current(branch: Branch, signed_in: SignIn) -> None:
    slots_path = branch.ctx.paths.key_slots
    old_slot = _slots(json.loads(slots_path.read_text(encoding="utf-8")))["zhangwei"]
    manager = signed_in(Role.MANAGER)
    agent_id = _staff_id(manager, "zhangwei")
    assert ClientKeyRepository(manager.db).grant(agent_id, CURRENT) is not None
    reviews.start_review(manager)
    reviews.decide(manager, "zhangwei", "disable", note="离职")
    assert ClientKeyRepository(manager.db).grant(agent_id, CURRENT) is None  # the grant is gone
    manager.close()

    current = json.loads(slots_path.read_text(encoding="utf-8"))
    assert "zhangwei" not in _slots(current)
    current["slots"].append(old_slot)  # the administrator puts the old slot back
    slots_path.write_text(json.dumps(current), encoding="utf-8")
    with pytest.raises(BranchVaultError):
        sign_in(branch.context(), *branch.users[Role.AGENT])
    # with the app's own modules: the old slot's database key no longer opens branch.db
    old_key = database_key(branch.ctx.paths.root, *branch.users[Role.AGENT])
    result = read_staff_independently(branch.ctx.paths.database, old_key)
    assert result.returncode != 0 and "zhangwei" not in result.stdout


def _staff_id(me: SignedIn, username: str) -> int:
    return int(me.db.execute("SELECT id FROM staff WHERE username = ?", (username,)).fetchone()[0])
