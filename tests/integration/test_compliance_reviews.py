"""The compliance self-review on a real branch: as manager (client key) and as auditor (no key, snapshot),
the app-evaluated items with an injected clock, finishing rules, rectifications, immutability, counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
import sqlcipher3

from desktop_app.domain.compliance_review import ItemResult, Outcome, ReviewFinished, ReviewNotFinishable
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services import compliance_reviews as reviews
from desktop_app.services.audit_review import verify
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.append_only_triggers import damaged_triggers
from desktop_app.store.audit_repository import AuditRepository
from tests.conftest import Clock

SignIn = Callable[[Role], SignedIn]
DAY = 86400.0


def actions(me: SignedIn, prefix: str) -> list[str]:
    return [e.action for e in AuditRepository(me.db).iter_all() if e.action.startswith(prefix)]


def answer_everything(me: SignedIn, *, fail: str | None = None) -> None:
    """Answer every item the app left open: pass, or fail for ``fail`` with a rectification."""
    detail = reviews.get_review(me)
    for item in detail.checklist.items:
        answer = detail.answer(item.id)
        if answer.result is not None and not (
            answer.evaluation and answer.evaluation.outcome is Outcome.UNKNOWN
        ):
            continue
        if answer.evaluation is not None and answer.evaluation.outcome is Outcome.UNKNOWN:
            reviews.answer_item(me, item.id, "na", "门店未提供该数据")
        elif item.id == fail:
            reviews.answer_item(
                me, item.id, "fail", "文件柜锁坏了", owner="lina", due_on=me.today() + timedelta(days=14)
            )
        else:
            reviews.answer_item(me, item.id, "pass")


def fail_app_items(me: SignedIn) -> None:
    detail = reviews.get_review(me)
    for item in detail.checklist.items:
        failed = detail.answer(item.id).result is ItemResult.FAIL
        if item.app_evaluated and failed and not detail.rectifications_of(item.id):
            reviews.add_rectification(me, item.id, "按要求整改", "lina", me.today() + timedelta(days=30))


def test_manager_review_start_to_finish(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    verify(manager)  # the audit chain item passes
    detail = reviews.start_review(manager)
    assert detail.review.period_key.endswith(("H1", "H2")) and not detail.review.finished
    assert len(detail.checklist.items) >= 25
    evaluated = {i.evaluator: detail.answer(i.id) for i in detail.checklist.items if i.evaluator}
    assert evaluated["audit_chain"].result is ItemResult.PASS
    assert evaluated["secure_keyring"].result is ItemResult.PASS  # the test keyring counts as secure
    assert evaluated["backup_recent"].result is ItemResult.FAIL  # never backed up
    assert "从未备份" in (evaluated["backup_recent"].evaluation.evidence_zh)  # type: ignore[union-attr]
    assert evaluated["restore_drill"].result is ItemResult.FAIL
    # a manager holds the client key: the client-side items are judged from clients.db, now
    for name in ("requests_overdue", "retention_queue", "sensitive_consent"):
        assert evaluated[name].result is ItemResult.PASS, name
        assert evaluated[name].evaluation.as_of is None  # type: ignore[union-attr]
    with pytest.raises(ReviewNotFinishable):
        reviews.finish_review(manager)
    answer_everything(manager, fail="PE-01")
    fail_app_items(manager)
    done = reviews.finish_review(manager)
    assert done.review.finished and done.score.failed >= 1 and done.score.percent is not None
    assert {"review.start", "review.answer", "review.finish", "review.rectification_open"} <= set(
        actions(manager, "review.")
    )
    counts = reviews.review_counts(manager, manager.today())
    assert counts.review_id == done.review.id and counts.applicable == counts.passed + counts.failed
    assert counts.open_rectifications == len(done.rectifications) and counts.overdue_rectifications == 0


def test_fail_needs_a_rectification_and_na_a_note(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    reviews.start_review(manager)
    with pytest.raises(InvalidInput):
        reviews.answer_item(manager, "PE-02", "na", "")
    with pytest.raises(InvalidInput):  # owner without a due date
        reviews.answer_item(manager, "PE-02", "fail", "有人不锁屏", owner="lina")
    with pytest.raises(InvalidInput):  # the app's result is not overruled
        reviews.answer_item(manager, "SA-01", "fail", "我觉得不行")
    with pytest.raises(InvalidInput):  # notes refuse phone / ID numbers (branch.db)
        reviews.answer_item(manager, "PE-02", "fail", "客户 13800138000 看到了屏幕")
    reviews.answer_item(manager, "PE-02", "fail", "有人离开不锁屏")
    answer_everything(manager)
    fail_app_items(manager)
    detail = reviews.get_review(manager)
    assert not detail.rectifications_of("PE-02")
    with pytest.raises(ReviewNotFinishable, match="PE-02"):
        reviews.finish_review(manager)
    reviews.add_rectification(
        manager, "PE-02", "张贴锁屏提示并每周抽查", "zhangwei", manager.today() + timedelta(days=7)
    )
    reviews.finish_review(manager)


def test_audit_chain_verified_31_days_ago_fails(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    verify(manager)
    clock.advance(31 * DAY)
    detail = reviews.start_review(manager)
    item = next(i for i in detail.checklist.items if i.evaluator == "audit_chain")
    assert detail.answer(item.id).result is ItemResult.FAIL
    assert "31" in detail.answer(item.id).evaluation.evidence_en  # type: ignore[union-attr]
    # verifying now (the reviewer's button) records a verification, and the item passes
    detail = reviews.evaluate_items(manager, verify_audit=True)
    assert detail.answer(item.id).result is ItemResult.PASS


def test_audit_chain_verified_29_days_ago_passes(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    verify(manager)
    clock.advance(29 * DAY)
    detail = reviews.start_review(manager)
    item = next(i for i in detail.checklist.items if i.evaluator == "audit_chain")
    assert detail.answer(item.id).result is ItemResult.PASS


def test_passwords_past_their_age_fail(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    clock.advance(91 * DAY)  # every test password was set at the start: older than 90 days now
    detail = reviews.start_review(manager)
    item = next(i for i in detail.checklist.items if i.evaluator == "staff_passwords")
    answer = detail.answer(item.id)
    assert answer.result is ItemResult.FAIL and answer.evaluation is not None
    assert answer.evaluation.figures["expired"] >= 1


def test_auditor_without_client_key_gets_unknown_and_cannot_pass_it(signed_in: SignIn) -> None:
    auditor = signed_in(Role.AUDITOR)
    assert not auditor.session.holds_client_key
    detail = reviews.start_review(auditor)
    by_evaluator = {i.evaluator: i for i in detail.checklist.items if i.evaluator}
    item = by_evaluator["requests_overdue"]
    answer = detail.answer(item.id)
    assert answer.result is None and answer.evaluation is not None
    assert answer.evaluation.outcome is Outcome.UNKNOWN and "店长" in answer.evaluation.evidence_zh
    with pytest.raises(InvalidInput):
        reviews.answer_item(auditor, item.id, "pass")
    reviews.answer_item(auditor, item.id, "fail", "无法核实")
    # evaluating again keeps the reviewer's fail for an item the app still cannot judge
    detail = reviews.evaluate_items(auditor)
    assert detail.answer(item.id).result is ItemResult.FAIL


def test_agents_and_it_cannot_review(signed_in: SignIn) -> None:
    for role in (Role.AGENT, Role.IT_ADMIN):
        with pytest.raises(PermissionDenied):
            reviews.start_review(signed_in(role))


def _finished_review(manager: SignedIn) -> int:
    reviews.start_review(manager)
    answer_everything(manager, fail="PE-01")
    fail_app_items(manager)
    return reviews.finish_review(manager).review.id


def test_finished_review_is_immutable_even_with_sql(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    review_id = _finished_review(manager)
    with pytest.raises(ReviewFinished):
        reviews.answer_item(manager, "PE-02", "fail", "改判", review_id=review_id)
    db = manager.db
    for sql in (
        "UPDATE compliance_review_items SET result = 'pass' WHERE review_id = ?",
        "DELETE FROM compliance_review_items WHERE review_id = ?",
        "UPDATE compliance_reviews SET period_key = '2020H1' WHERE id = ?",
        "DELETE FROM compliance_reviews WHERE id = ?",
        "DELETE FROM rectifications WHERE review_id = ?",
        "UPDATE rectifications SET due_on = '2099-01-01' WHERE review_id = ?",
        "INSERT INTO compliance_review_items (review_id, item_id, result) VALUES (?, 'XX-99', 'pass')",
    ):
        with pytest.raises(sqlcipher3.dbapi2.IntegrityError), db.transaction():
            db.execute(sql, (review_id,))
    assert damaged_triggers(db) == []


def test_rectification_closed_by_owner_or_manager_only(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    _finished_review(manager)
    rows = reviews.list_rectifications(manager, open_only=True)
    mine = next(r for r in rows if r.rectification.item_id == "PE-01")
    clock.advance(15 * DAY)
    assert next(
        r for r in reviews.list_rectifications(manager) if r.rectification.id == mine.rectification.id
    ).overdue
    assert reviews.review_counts(manager, manager.today()).overdue_rectifications >= 1
    agent = signed_in(Role.AGENT)  # not the owner (lina is)
    with pytest.raises(PermissionDenied):
        reviews.close_rectification(agent, mine.rectification.id, "已修好")
    closed = reviews.close_rectification(manager, mine.rectification.id, "已更换文件柜锁")
    assert closed.close_note == "已更换文件柜锁" and closed.closed_by == manager.session.staff_id
    with pytest.raises(InvalidInput):
        reviews.close_rectification(manager, mine.rectification.id, "again")
    assert "review.rectification_close" in actions(manager, "review.")


def test_review_counts_without_a_finished_review(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    counts = reviews.review_counts(manager, date(2030, 1, 1))
    assert counts.review_id is None and counts.applicable == 0


def test_auditor_uses_the_managers_snapshot(signed_in: SignIn) -> None:
    """With the dashboard's client-facts snapshot (written by a manager's session), an auditor's review
    judges the client-data items from it, saying as of when."""
    facts = pytest.importorskip("desktop_app.services.programme_client_facts")
    manager = signed_in(Role.MANAGER)
    snapshot = facts.refresh_client_facts(manager)
    auditor = signed_in(Role.AUDITOR)
    detail = reviews.start_review(auditor)
    for evaluator in ("requests_overdue", "retention_queue", "sensitive_consent"):
        item = next(i for i in detail.checklist.items if i.evaluator == evaluator)
        answer = detail.answer(item.id)
        assert answer.evaluation is not None and answer.evaluation.as_of == snapshot.computed_at, evaluator
        assert answer.result is ItemResult.PASS and "snapshot" in answer.evaluation.evidence_en


def test_the_owner_sees_and_closes_their_own_rectification(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    detail = reviews.start_review(manager)
    for item in detail.checklist.items:
        answer = detail.answer(item.id)
        if answer.evaluation is not None and answer.evaluation.outcome is Outcome.UNKNOWN:
            reviews.answer_item(manager, item.id, "na", "暂无数据")
        elif answer.result is ItemResult.FAIL:
            reviews.add_rectification(
                manager, item.id, "按要求整改", "lina", manager.today() + timedelta(days=30)
            )
        elif answer.result is None and item.id == "PE-03":
            reviews.answer_item(
                manager,
                item.id,
                "fail",
                "桌面有复印件",
                owner="zhangwei",
                due_on=manager.today() + timedelta(days=5),
            )
        elif answer.result is None:
            reviews.answer_item(manager, item.id, "pass")
    reviews.finish_review(manager)
    agent = signed_in(Role.AGENT)
    mine = reviews.list_rectifications(agent)
    assert [r.rectification.item_id for r in mine] == ["PE-03"]  # only their own
    closed = reviews.close_rectification(agent, mine[0].rectification.id, "已清理并上锁")
    assert closed.state.value == "closed" and closed.closed_by == agent.session.staff_id
    with pytest.raises(PermissionDenied):
        reviews.get_review(agent)  # the review itself is for reviewers
