"""What a local administrator can do to the auditor's recorded audit-log reviews with the data folder,
sqlcipher3 and their own key slot (IT opens branch.db, where the reviews live).

Attack: make an overdue review look done, or hide a review's findings — edit the last review's
period end into the future and its outcome to "no findings", or delete a review with findings.
Plain SQL is refused by the append-only triggers of migration 21; with the triggers dropped first
the edit goes through, but (1) the next sign-in puts the triggers back (audited
``audit.triggers_restored``), (2) the edited review no longer matches the fingerprint its
``audit.log_review`` entry keeps in the hash-chained audit log, so the service says it was altered
(the CLI's list and the tab's history show that flag) and the status does not count it (the review is overdue again), and
(3) a deleted review is listed as missing. Checked: with the fingerprint comparison in
services/log_reviews._views replaced by ``False`` the ``altered`` / ``overdue`` assertions fail;
with the triggers removed from migration 21 and from store/append_only_triggers.py (which puts
them back at sign-in) the first ``pytest.raises`` fails.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
import sqlcipher3

from desktop_app.domain.roles import Role
from desktop_app.services import log_reviews
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from tests.attack.test_audit_tampering import behind_the_apps_back
from tests.conftest import Branch, Clock

SignIn = Callable[[Role], SignedIn]
DAY = 86400.0


def test_an_edited_review_is_refused_then_shown_as_altered(
    branch: Branch, signed_in: SignIn, clock: Clock
) -> None:
    clock.advance(40 * DAY)
    auditor = signed_in(Role.AUDITOR)
    status = log_reviews.log_review_status(auditor)
    assert status.overdue
    end = status.default_end
    first = log_reviews.record_log_review(
        auditor, status.default_start, end - timedelta(days=10), "", "no_findings"
    )
    second = log_reviews.record_log_review(
        auditor, end - timedelta(days=9), end, "夜间多次登录失败", "findings", follow_up="已提醒"
    )
    clock.advance(35 * DAY)  # the next review is overdue again
    assert log_reviews.log_review_status(auditor).overdue
    auditor.close()

    with behind_the_apps_back(branch) as db:
        with pytest.raises(sqlcipher3.dbapi2.IntegrityError):
            db.execute("UPDATE log_reviews SET period_end = '2099-12-31' WHERE id = ?", (second.id,))
        with pytest.raises(sqlcipher3.dbapi2.IntegrityError):
            db.execute("DELETE FROM log_reviews WHERE id = ?", (first.id,))
        db.execute("DROP TRIGGER log_reviews_no_update")
        db.execute("DROP TRIGGER log_reviews_no_delete")
        future = (end + timedelta(days=60)).isoformat()
        db.execute(
            "UPDATE log_reviews SET period_end = ?, outcome = 'no_findings', findings = '', follow_up = '' "
            "WHERE id = ?",
            (future, second.id),
        )
        db.execute("DELETE FROM log_reviews WHERE id = ?", (first.id,))

    auditor = signed_in(Role.AUDITOR)  # the next sign-in puts the triggers back, audited
    restored = [e for e in AuditRepository(auditor.db).iter_all() if e.action == "audit.triggers_restored"]
    assert restored
    views = log_reviews.log_reviews(auditor)
    assert [(v.review.id, v.review.findings, v.altered) for v in views] == [(second.id, "", True)]
    status = log_reviews.log_review_status(auditor)
    assert status.altered == (second.id,) and status.missing == (first.id,)
    assert status.last is None and status.overdue  # the edit did not make the review look done
    with pytest.raises(sqlcipher3.dbapi2.IntegrityError):  # the triggers are back
        auditor.db.execute("DELETE FROM log_reviews WHERE id = ?", (second.id,))
