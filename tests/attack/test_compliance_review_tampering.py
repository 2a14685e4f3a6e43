"""What a local administrator can do to a finished compliance review with the data folder, sqlcipher3
and their own key slot (IT opens branch.db, where reviews live).

Attack: improve last half-year's result before HQ's visit — turn a failed item into a pass and
delete its rectification. Plain SQL is refused by the triggers of migration 15; with the triggers
dropped first the edit goes through, but (1) the app re-creates the triggers at the next sign-in
(audited ``audit.triggers_restored``) and (2) the review no longer matches the fingerprint its
``review.finish`` entry keeps in the hash-chained audit log, so the app, the CLI and the PDF say the
review was altered. Checked: with the fingerprint comparison removed from
services/compliance_reviews._detail the assertions on ``altered`` fail; with the triggers removed
from migration 15 the first ``pytest.raises`` fails.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
import sqlcipher3

from desktop_app.domain.compliance_review import ItemResult, Outcome
from desktop_app.domain.roles import Role
from desktop_app.services import compliance_reviews as reviews
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from tests.attack.test_audit_tampering import behind_the_apps_back
from tests.conftest import Branch

SignIn = Callable[[Role], SignedIn]


def _finished_with_one_failure(me: SignedIn) -> int:
    detail = reviews.start_review(me)
    for item in detail.checklist.items:
        answer = detail.answer(item.id)
        if answer.evaluation is not None and answer.evaluation.outcome is Outcome.UNKNOWN:
            reviews.answer_item(me, item.id, "na", "暂无数据")
        elif answer.result is ItemResult.FAIL:
            reviews.add_rectification(me, item.id, "整改", "lina", me.today() + timedelta(days=30))
        elif answer.result is None:
            if item.id == "PE-01":
                reviews.answer_item(
                    me, item.id, "fail", "未上锁", owner="lina", due_on=me.today() + timedelta(days=9)
                )
            else:
                reviews.answer_item(me, item.id, "pass")
    return reviews.finish_review(me).review.id


def test_editing_a_finished_review_is_refused_then_detected(branch: Branch, signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    review_id = _finished_with_one_failure(manager)
    before = reviews.get_review(manager, review_id)
    assert not before.altered and before.answer("PE-01").result is ItemResult.FAIL
    manager.close()

    with behind_the_apps_back(branch) as db:
        with pytest.raises(sqlcipher3.dbapi2.IntegrityError):
            db.execute(
                "UPDATE compliance_review_items SET result = 'pass' WHERE review_id = ? AND item_id = 'PE-01'",
                (review_id,),
            )
        for name in ("compliance_review_items_finished_fixed", "rectifications_finished_delete"):
            db.execute(f"DROP TRIGGER {name}")
        db.execute(
            "UPDATE compliance_review_items SET result = 'pass', note = '' WHERE review_id = ? AND item_id = 'PE-01'",
            (review_id,),
        )
        db.execute("DELETE FROM rectifications WHERE review_id = ? AND item_id = 'PE-01'", (review_id,))

    auditor = signed_in(Role.AUDITOR)  # the next sign-in puts the triggers back, audited
    restored = [e for e in AuditRepository(auditor.db).iter_all() if e.action == "audit.triggers_restored"]
    assert restored
    after = reviews.get_review(auditor, review_id)
    assert after.answer("PE-01").result is ItemResult.PASS  # the edit is there ...
    assert after.altered  # ... and the app says so
    assert after.as_json()["altered"] is True
    from desktop_app.services.compliance_reviews import detail_for_document

    assert detail_for_document(after).altered is not None  # the PDF carries the warning
