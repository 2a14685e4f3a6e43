"""The periodic access review and inactive accounts (services/access_reviews.py, staff_roles.py):
real SQLCipher branch, the test clock moved by days."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_app.domain.access_review import Decision, review_period
from desktop_app.domain.errors import BranchVaultError, InvalidInput, PermissionDenied, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services import access_reviews as reviews
from desktop_app.services.branch_settings import change_settings
from desktop_app.services.session import ACCESS_PENDING
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff
from desktop_app.services.staff_roles import change_role
from desktop_app.store.audit_repository import AuditRepository
from tests.conftest import Branch, Clock

SignIn = Callable[[Role], SignedIn]
DAY = 86_400.0


def _entries(me: SignedIn, action: str) -> list:  # type: ignore[type-arg]
    return [e for e in AuditRepository(me.db).iter_all() if e.action == action]


def test_a_review_lists_everyone_and_is_finished_with_its_fingerprint(
    branch: Branch, signed_in: SignIn
) -> None:
    manager = signed_in(Role.MANAGER)
    status = reviews.review_status(manager)
    assert status.due and not status.reviewed and not status.overdue
    detail = reviews.start_review(manager)
    assert detail.review.period_key == review_period(manager.today(), 3).key
    assert sorted(i.username for i in detail.items) == sorted(u for u, _ in branch.users.values())
    assert reviews.start_review(manager).review.id == detail.review.id  # started once per period
    with pytest.raises(reviews.AccessReviewError):
        reviews.finish_review(manager)  # nobody decided yet
    with pytest.raises(InvalidInput):  # branch.db names no client: an ID number in a note is refused
        reviews.decide(manager, "lina", Decision.KEEP, note="客户 11010519491231002X")
    for item in detail.items:
        reviews.decide(manager, item.username, Decision.KEEP, note="仍需要")
    done = reviews.finish_review(manager)
    assert done.review.finished and not done.altered and not done.undecided
    finish = _entries(manager, "access_review.finish")[-1]
    assert finish.details["content_sha256"] == done.review.fingerprint  # type: ignore[index]
    assert finish.details["keep"] == 4  # type: ignore[index]
    assert reviews.review_status(manager).reviewed
    with pytest.raises(reviews.AccessReviewError):
        reviews.start_review(manager)  # this period is done
    with pytest.raises(reviews.NoAccessReview):
        reviews.decide(manager, "zhangwei", Decision.DISABLE)


def test_disable_in_the_review_is_the_it_disable(branch: Branch, signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    reviews.start_review(manager)
    detail = reviews.decide(manager, "zhangwei", "disable", note="已离职")
    item = detail.item("zhangwei")
    assert (
        item is not None and item.decision is Decision.DISABLE and item.decided_by == manager.session.staff_id
    )
    entry = _entries(manager, "staff.disable")[-1]
    assert entry.target_id == "zhangwei"
    assert entry.details == {"held_client_key": True, "reason": "access_review"}
    assert _entries(manager, "keys.rekey")  # the branch-database key rotated, as for IT's disable
    with pytest.raises(WrongCredentials):  # the slot is gone
        sign_in(branch.context(), *branch.users[Role.AGENT])
    with pytest.raises(reviews.AccessReviewError):
        reviews.decide(manager, "zhangwei", "keep")  # a disable stays


def test_the_last_it_admin_and_oneself_are_never_removed(branch: Branch, signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    reviews.start_review(manager)
    with pytest.raises(BranchVaultError):
        reviews.decide(manager, "it.admin", "disable")
    with pytest.raises(BranchVaultError):
        reviews.decide(manager, "it.admin", "change_role", new_role=Role.AUDITOR)
    with pytest.raises(reviews.AccessReviewError):
        reviews.decide(manager, "lina", "disable")
    assert reviews.get_review(manager).item("it.admin").decision is None  # type: ignore[union-attr]


def test_only_managers_run_it_and_it_reads_it(branch: Branch, signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    reviews.start_review(manager)
    admin = signed_in(Role.IT_ADMIN)
    with pytest.raises(PermissionDenied):
        reviews.start_review(admin)
    with pytest.raises(PermissionDenied):
        reviews.decide(admin, "zhangwei", "keep")
    assert reviews.get_review(admin).review.period_key
    agent = signed_in(Role.AGENT)
    with pytest.raises(PermissionDenied):
        reviews.get_review(agent)


def test_role_change_out_of_a_client_role_drops_the_grant(branch: Branch, signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    reviews.start_review(manager)
    reviews.decide(manager, "zhangwei", "change_role", new_role=Role.AUDITOR, note="转岗")
    entry = _entries(manager, "staff.role_change")[-1]
    assert entry.details["from"] == "agent" and entry.details["to"] == "auditor"  # type: ignore[index]
    assert entry.details["held_client_key"] is True  # type: ignore[index]
    moved = sign_in(branch.context(), *branch.users[Role.AGENT])
    try:
        assert moved.session.role is Role.AUDITOR and not moved.session.holds_client_key
    finally:
        moved.close()


def test_role_change_into_a_client_role_waits_for_confirmation(branch: Branch, signed_in: SignIn) -> None:
    admin = signed_in(Role.IT_ADMIN)
    change_role(admin, "audit.chen", Role.AGENT)
    moved = sign_in(branch.context(), *branch.users[Role.AUDITOR])
    try:
        assert moved.session.role is Role.AGENT
        assert moved.session.client_access == ACCESS_PENDING and not moved.session.holds_client_key
    finally:
        moved.close()
    agent = signed_in(Role.AGENT)
    with pytest.raises(PermissionDenied):
        change_role(agent, "lina", Role.AGENT)


def test_inactive_accounts_are_flagged_then_disabled_by_policy(
    branch: Branch, signed_in: SignIn, clock: Clock
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    add_staff(admin, "new.hire", "新同事", Role.AGENT, password="New!Hire#2026xy", must_change=False)
    admin.close()
    clock.advance(89 * DAY)
    manager = signed_in(Role.MANAGER)
    assert reviews.inactive_accounts(manager) == []
    manager.close()
    clock.advance(2 * DAY)
    manager = signed_in(Role.MANAGER)
    flagged = {a.username: a for a in reviews.inactive_accounts(manager)}
    assert set(flagged) == {"it.admin", "zhangwei", "audit.chen", "new.hire"}
    assert flagged["new.hire"].last_sign_in is None and flagged["new.hire"].days_inactive == 91
    assert reviews.apply_inactive_policy(manager) == []  # the flag is 0: only flagged
    notices = reviews.sign_in_notices(manager)
    assert any("new.hire" in n.en for n in notices)
    manager.close()

    admin = signed_in(Role.IT_ADMIN)  # the admin's own sign-in makes them active again
    change_settings(admin, security={"inactive_auto_disable": 1})
    admin.close()
    clock.advance(91 * DAY)
    manager = signed_in(Role.MANAGER)
    disabled = reviews.apply_inactive_policy(manager)
    assert sorted(disabled) == ["audit.chen", "new.hire", "zhangwei"]  # never the last IT admin
    entries = [e for e in _entries(manager, "staff.disable") if e.details.get("reason") == "inactive"]  # type: ignore[union-attr]
    assert sorted(e.target_id for e in entries) == sorted(disabled)
    assert "it.admin" in {a.username for a in reviews.inactive_accounts(manager)}  # flagged only
    with pytest.raises(WrongCredentials):  # the slot is gone
        sign_in(branch.context(), *branch.users[Role.AUDITOR])


def test_overdue_review_is_flagged_for_managers(branch: Branch, signed_in: SignIn, clock: Clock) -> None:
    clock.advance(100 * DAY)
    manager = signed_in(Role.MANAGER)
    status = reviews.review_status(manager)
    assert status.overdue and status.due
    assert any("overdue" in n.en for n in reviews.sign_in_notices(manager))
    reviews.start_review(manager)
    for item in reviews.get_review(manager).items:
        reviews.decide(manager, item.username, "keep")
    reviews.finish_review(manager)
    status = reviews.review_status(manager)
    assert not status.overdue and status.reviewed
    assert not any("overdue" in n.en for n in reviews.sign_in_notices(manager))
    manager.close()
    clock.advance(95 * DAY)
    manager = signed_in(Role.MANAGER)
    assert reviews.review_status(manager).overdue


def test_last_sign_in_uses_the_index(branch: Branch, signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    plan = manager.db.execute(
        "EXPLAIN QUERY PLAN SELECT ts FROM audit_log INDEXED BY audit_log_action_actor WHERE action = "
        "'auth.sign_in' AND actor_id = 1 AND outcome = 'success' ORDER BY seq DESC LIMIT 1"
    ).fetchall()
    assert "audit_log_action_actor" in " ".join(str(row) for row in plan)


def test_export_writes_the_review_as_kept(branch: Branch, signed_in: SignIn, tmp_path) -> None:  # type: ignore[no-untyped-def]
    manager = signed_in(Role.MANAGER)
    reviews.start_review(manager)
    reviews.decide(manager, "zhangwei", "keep", note="在岗")
    (tmp_path / "out").mkdir()
    out = reviews.export_review(manager, tmp_path / "out" / "review.csv")
    text = out.read_text(encoding="utf-8-sig")
    assert "zhangwei" in text and "在岗" in text and "lina" in text
    assert _entries(manager, "access_review.export")
    xlsx = reviews.export_review(manager, tmp_path / "out" / "review.xlsx")
    assert xlsx.read_bytes()[:2] == b"PK"


def test_a_member_disabled_earlier_in_the_period_comes_already_decided(
    branch: Branch, signed_in: SignIn
) -> None:
    """Regression: an account IT disabled before the review started was listed undecided, a keep was
    refused and only a second "disable" of a disabled account let the review finish."""
    from desktop_app.services.staff_accounts import disable_staff

    it_admin = signed_in(Role.IT_ADMIN)
    disable_staff(it_admin, "audit.chen")
    it_admin.close()
    manager = signed_in(Role.MANAGER)
    detail = reviews.start_review(manager)
    gone = next(i for i in detail.items if i.username == "audit.chen")
    assert gone.decision is Decision.DISABLE and gone.note == reviews.DISABLED_BEFORE_NOTE
    for item in detail.items:
        if item.decision is None:
            reviews.decide(manager, item.username, Decision.KEEP, note="仍需要")
    assert reviews.finish_review(manager).review.finished
