"""The six-monthly compliance self-review (PIPL Art. 54): start, evaluate, answer, finish, rectify, report.

Rules (domain/compliance_review.py holds the pure ones):
- a review is conducted by a manager or an auditor (``Action.REVIEW_CONDUCT``); one draft at a time,
  for a half-year period ("2026H2"), against the newest checklist shipped with the app;
- starting it evaluates the app's own items (services/compliance_evaluators.py); ``evaluate_items``
  runs them again (optionally verifying the audit chain first); the reviewer answers the rest:
  pass / fail / not applicable with a note; a failure gets a rectification (owner, due date);
- finishing checks that every item is answered, every n/a has a note and every failure a
  rectification, then freezes the review (database triggers refuse any later change);
- a rectification is closed with a note by a manager or by its owner;
- every step is audited in the same transaction: ``review.start``, ``review.evaluate``,
  ``review.answer``, ``review.finish``, ``review.rectification_open``, ``review.rectification_close``
  (ids, item ids, results and counts only, never the notes);
- ``review_counts`` gives the dashboard the latest finished review's counts (contract of issue 14).
Everything lives in branch.db (no client is named), so auditors can review; notes carry the hint
``NO_PERSONAL_DATA_HINT`` and refuse long digit runs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.compliance_checklist import Checklist, ChecklistItem
from desktop_app.domain.compliance_figures import NO_REVIEW, ReviewCounts
from desktop_app.domain.compliance_review import (
    CLOSE_NOTE,
    DESCRIPTION,
    UNAVAILABLE_NOTE,
    ItemAnswer,
    ItemResult,
    Outcome,
    Rectification,
    RectificationState,
    ReviewFinished,
    ReviewRecord,
    Score,
    check_answer,
    check_due_date,
    check_finishable,
    clean_text,
    fingerprint,
    is_overdue,
    next_review_due,
    score,
)
from desktop_app.domain.errors import BranchVaultError, InvalidInput, PermissionDenied
from desktop_app.domain.permissions import Action
from desktop_app.domain.programme_periods import HalfYear
from desktop_app.domain.roles import Role
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.compliance_evaluators import evaluate_all
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.compliance_checklist_files import load_checklist, newest_checklist
from desktop_app.store.compliance_queries import finish_fingerprint
from desktop_app.store.compliance_review_repository import ComplianceReviewRepository
from desktop_app.store.staff_repository import StaffRepository

if TYPE_CHECKING:
    from desktop_app.documents.compliance_review_report import ReviewReport

REVIEW_ACTION = Action.REVIEW_CONDUCT
TARGET = "compliance_review"
RECTIFICATION_TARGET = "rectification"


class ReviewInProgress(BranchVaultError):
    code = "review_in_progress"

    def __init__(self, review_id: int, period: str) -> None:
        super().__init__(
            f"已有一份进行中的自查（编号 {review_id}，{period}）：请先完成它。",
            f"A review is already in progress (No. {review_id}, {period}): finish it first.",
        )


class ReviewNotFound(BranchVaultError):
    code = "review_not_found"

    def __init__(self, review_id: int | None = None) -> None:
        if review_id is None:
            super().__init__("没有进行中的自查。", "No review is in progress.")
        else:
            super().__init__(f"没有编号为 {review_id} 的自查。", f"There is no review No. {review_id}.")


ALTERED_WARNING = (
    "警告：此自查完成后其内容被绕过程序修改过（与审计日志中记录的指纹不符），结果不可信。请告知审计员。",
    "Warning: this review was changed outside the app after it was finished (it no longer matches the "
    "fingerprint in the audit log); its result cannot be trusted. Tell the auditor.",
)


class RectificationNotFound(BranchVaultError):
    code = "rectification_not_found"

    def __init__(self, rectification_id: int) -> None:
        super().__init__(
            f"没有编号为 {rectification_id} 的整改项。", f"There is no rectification No. {rectification_id}."
        )


@dataclass(frozen=True)
class StaffName:
    id: int
    username: str
    display_name: str

    def label(self) -> str:
        return (
            f"{self.display_name} ({self.username})" if self.display_name != self.username else self.username
        )


@dataclass(frozen=True)
class ReviewDetail:
    """A review with its checklist, answers, rectifications and score, ready to show or print."""

    review: ReviewRecord
    checklist: Checklist
    answers: dict[str, ItemAnswer]
    rectifications: list[Rectification]
    score: Score
    staff: dict[int, StaffName]
    today: date
    next_due: date | None
    altered: bool = False  # finished, but its content no longer matches the fingerprint in the audit log

    def answer(self, item_id: str) -> ItemAnswer:
        return self.answers.get(item_id, ItemAnswer(item_id, None))

    def rectifications_of(self, item_id: str) -> list[Rectification]:
        return [r for r in self.rectifications if r.item_id == item_id]

    def name(self, staff_id: int | None) -> str:
        if staff_id is None:
            return ""
        found = self.staff.get(staff_id)
        return found.label() if found else f"#{staff_id}"

    def as_json(self) -> dict[str, object]:
        r = self.review
        percent = self.score.percent
        return {
            "id": r.id,
            "period": r.period_key,
            "checklist_version": r.checklist_version,
            "state": r.state.value,
            "started_by": self.name(r.started_by),
            "started_at": r.started_at,
            "finished_by": self.name(r.finished_by) or None,
            "finished_at": r.finished_at,
            "score_percent": None if percent is None else str(percent),
            "passed": self.score.passed,
            "failed": self.score.failed,
            "not_applicable": self.score.not_applicable,
            "applicable": self.score.applicable,
            "unanswered": self.score.unanswered,
            "next_review_due": None if self.next_due is None else self.next_due.isoformat(),
            "altered": self.altered,
            "items": [
                {
                    "id": item.id,
                    "category": item.category,
                    "question_zh": item.question_zh,
                    "question_en": item.question_en,
                    "evaluator": item.evaluator,
                    "result": None if (a := self.answer(item.id)).result is None else a.result.value,
                    "note": a.note,
                    "evidence": None if a.evaluation is None else a.evaluation.as_json(),
                    "answered_by": self.name(a.answered_by) or None,
                }
                for item in self.checklist.items
            ],
            "rectifications": [rectification_json(x, self.name, self.today) for x in self.rectifications],
        }


def rectification_json(r: Rectification, name: object, today: date) -> dict[str, object]:
    label = name if callable(name) else (lambda _i: "")
    return {
        "id": r.id,
        "review_id": r.review_id,
        "item_id": r.item_id,
        "description": r.description,
        "owner": label(r.owner_id),
        "due_on": r.due_on.isoformat(),
        "state": r.state.value,
        "overdue": is_overdue(r, today),
        "closed_by": label(r.closed_by) if r.closed_by is not None else None,
        "closed_at": r.closed_at,
        "close_note": r.close_note,
    }


def _staff(me: SignedIn) -> dict[int, StaffName]:
    return {m.id: StaffName(m.id, m.username, m.display_name) for m in StaffRepository(me.db).list()}


def _interval_months(me: SignedIn) -> int:
    from desktop_app.services.programme_settings import programme_policy

    return int(programme_policy(me).review_interval_months)


def _detail(me: SignedIn, review: ReviewRecord) -> ReviewDetail:
    repo = ComplianceReviewRepository(me.db)
    checklist = load_checklist(review.checklist_version)
    answers = {a.item_id: a for a in repo.answers(review.id)}
    today = me.today()
    last = repo.latest_finished(today)
    rectifications = repo.rectifications(review.id)
    altered = review.finished and finish_fingerprint(me.db, review.id) != fingerprint(
        review, answers.values(), rectifications
    )
    return ReviewDetail(
        review=review,
        checklist=checklist,
        answers=answers,
        rectifications=rectifications,
        score=score(answers.values(), checklist),
        staff=_staff(me),
        today=today,
        next_due=next_review_due(last.finished_on if last else None, _interval_months(me), today),
        altered=altered,
    )


def _draft(me: SignedIn, review_id: int | None) -> ReviewRecord:
    repo = ComplianceReviewRepository(me.db)
    review = repo.draft() if review_id is None else repo.get(review_id)
    if review is None:
        raise ReviewNotFound(review_id)
    if review.finished:
        raise ReviewFinished(review.id)
    return review


def _store_evaluations(me: SignedIn, review: ReviewRecord, checklist: Checklist) -> dict[str, str]:
    """Evaluate the app's items and store the result; returns item id -> outcome for the audit entry."""
    repo = ComplianceReviewRepository(me.db)
    evaluated = [i for i in checklist.items if i.evaluator is not None]
    found = evaluate_all(me, {i.evaluator for i in evaluated if i.evaluator is not None})
    previous = {a.item_id: a for a in repo.answers(review.id)}
    now = me.now_utc()
    outcomes: dict[str, str] = {}
    for item in evaluated:
        assert item.evaluator is not None
        evaluation = found[item.evaluator]
        result = evaluation.result()
        before = previous.get(item.id)
        note = before.note if before else ""
        by: int | None = None
        if result is None and before is not None and before.result in (ItemResult.FAIL, ItemResult.NA):
            result, by = before.result, before.answered_by  # unknown: the reviewer's fail / n/a stands
        if evaluation.outcome is Outcome.UNAVAILABLE and not note:
            note = f"{UNAVAILABLE_NOTE[0]} / {UNAVAILABLE_NOTE[1]}"
        repo.set_answer(review.id, item.id, result=result, note=note, evaluation=evaluation, by=by, at=now)
        if result is not ItemResult.FAIL:
            repo.delete_rectifications(review.id, item.id)
        outcomes[item.id] = evaluation.outcome.value
    return outcomes


def start_review(me: SignedIn, *, period: str | None = None) -> ReviewDetail:
    """Start a review of ``period`` ("2026H2"; default: the current half-year) with the newest checklist."""
    check_permission(me, REVIEW_ACTION)
    today = me.today()
    period_key = (HalfYear.parse(period) if period else HalfYear.of(today)).key()
    checklist = newest_checklist()
    db = me.db
    repo = ComplianceReviewRepository(db)
    with db.transaction():
        draft = repo.draft()
        if draft is not None:
            raise ReviewInProgress(draft.id, draft.period_key)
        review_id = repo.add_review(
            period_key=period_key,
            checklist_version=checklist.version,
            started_by=me.session.staff_id,
            started_at=me.now_utc(),
        )
        repo.add_items(review_id, [i.id for i in checklist.items])
        review = repo.get(review_id)
        assert review is not None
        outcomes = _store_evaluations(me, review, checklist)
        record(
            me,
            "review.start",
            target_type=TARGET,
            target_id=str(review_id),
            details={"period": period_key, "checklist": checklist.version, "evaluated": outcomes},
        )
    return _detail(me, review)


def evaluate_items(me: SignedIn, review_id: int | None = None, *, verify_audit: bool = False) -> ReviewDetail:
    """Run the app's evaluations again on the draft; ``verify_audit`` verifies the audit chain first
    (recorded as ``audit.verify``, which the audit-chain item then finds)."""
    check_permission(me, REVIEW_ACTION)
    review = _draft(me, review_id)
    if verify_audit:
        from desktop_app.services.audit_review import verify

        verify(me)
    checklist = load_checklist(review.checklist_version)
    db = me.db
    with db.transaction():
        review = _draft(me, review.id)
        outcomes = _store_evaluations(me, review, checklist)
        record(
            me,
            "review.evaluate",
            target_type=TARGET,
            target_id=str(review.id),
            details={"evaluated": outcomes},
        )
    return _detail(me, review)


def _owner(me: SignedIn, username: str | int) -> StaffName:
    repo = StaffRepository(me.db)
    member = repo.get_by_id(username) if isinstance(username, int) else repo.get(username)
    if member is None or not member.active:
        raise InvalidInput(
            f"整改负责人 {username} 不是在职员工。",
            f"The rectification owner {username} is not an active staff member.",
        )
    return StaffName(member.id, member.username, member.display_name)


def _open_rectification(
    me: SignedIn, review: ReviewRecord, item: ChecklistItem, description: str, owner: str | int, due_on: date
) -> int:
    text = clean_text(description, DESCRIPTION, required=True)
    who = _owner(me, owner)
    check_due_date(due_on, me.today())
    rectification_id = ComplianceReviewRepository(me.db).add_rectification(
        review_id=review.id,
        item_id=item.id,
        description=text,
        owner_id=who.id,
        due_on=due_on,
        opened_by=me.session.staff_id,
        opened_at=me.now_utc(),
    )
    record(
        me,
        "review.rectification_open",
        target_type=RECTIFICATION_TARGET,
        target_id=str(rectification_id),
        details={
            "review_id": review.id,
            "item": item.id,
            "owner": who.username,
            "due_on": due_on.isoformat(),
        },
    )
    return rectification_id


def default_due_date(me: SignedIn) -> date:
    """Today plus the policy's ``rectification_default_days``."""
    from desktop_app.services.programme_settings import programme_policy

    return me.today() + timedelta(days=int(programme_policy(me).rectification_default_days))


def answer_item(
    me: SignedIn,
    item_id: str,
    result: ItemResult | str,
    note: str = "",
    *,
    owner: str | int | None = None,
    due_on: date | None = None,
    description: str | None = None,
    review_id: int | None = None,
) -> ReviewDetail:
    """Answer one item of the draft. A failure may open its rectification at once (``owner`` and
    ``due_on``; the description defaults to the note); answering pass or n/a withdraws the item's
    rectifications (the review is still a draft)."""
    check_permission(me, REVIEW_ACTION)
    try:
        chosen = ItemResult(str(result))
    except ValueError:
        raise InvalidInput(
            f"结果无效：{result}（pass、fail 或 na）。", f"Invalid result: {result} (pass, fail or na)."
        ) from None
    db = me.db
    repo = ComplianceReviewRepository(db)
    with db.transaction():
        review = _draft(me, review_id)
        checklist = load_checklist(review.checklist_version)
        item = checklist.item(item_id)
        before = next((a for a in repo.answers(review.id) if a.item_id == item.id), None)
        evaluation = before.evaluation if before else None
        cleaned = check_answer(item, chosen, note, evaluation)
        if (owner is None) != (due_on is None):
            raise InvalidInput(
                "整改项需要同时指定负责人和期限。", "A rectification needs both an owner and a due date."
            )
        if owner is not None and chosen is not ItemResult.FAIL:
            raise InvalidInput("只有不符合的检查项需要整改。", "Only a failed item gets a rectification.")
        repo.set_answer(
            review.id,
            item.id,
            result=chosen,
            note=cleaned,
            evaluation=evaluation,
            by=me.session.staff_id,
            at=me.now_utc(),
        )
        withdrawn = 0 if chosen is ItemResult.FAIL else repo.delete_rectifications(review.id, item.id)
        record(
            me,
            "review.answer",
            target_type=TARGET,
            target_id=str(review.id),
            details={"item": item.id, "result": chosen.value, "rectifications_withdrawn": withdrawn},
        )
        if owner is not None and due_on is not None:
            _open_rectification(me, review, item, description or cleaned, owner, due_on)
    return _detail(me, review)


def add_rectification(
    me: SignedIn,
    item_id: str,
    description: str,
    owner: str | int,
    due_on: date,
    *,
    review_id: int | None = None,
) -> ReviewDetail:
    """Open a rectification for a failed item of the draft."""
    check_permission(me, REVIEW_ACTION)
    db = me.db
    repo = ComplianceReviewRepository(db)
    with db.transaction():
        review = _draft(me, review_id)
        item = load_checklist(review.checklist_version).item(item_id)
        answer = next((a for a in repo.answers(review.id) if a.item_id == item.id), None)
        if answer is None or answer.result is not ItemResult.FAIL:
            raise InvalidInput(
                f"检查项 {item.id} 未判为不符合，不需要整改。",
                f"Item {item.id} is not failed: no rectification needed.",
            )
        _open_rectification(me, review, item, description, owner, due_on)
    return _detail(me, review)


def finish_review(me: SignedIn, review_id: int | None = None) -> ReviewDetail:
    """Finish the draft: every item answered, n/a with a note, every failure with a rectification."""
    check_permission(me, REVIEW_ACTION)
    db = me.db
    repo = ComplianceReviewRepository(db)
    with db.transaction():
        review = _draft(me, review_id)
        checklist = load_checklist(review.checklist_version)
        answers = repo.answers(review.id)
        check_finishable(checklist, answers, repo.rectifications(review.id))
        done = score(answers, checklist)
        content = fingerprint(review, answers, repo.rectifications(review.id))
        repo.finish(review.id, by=me.session.staff_id, at=me.now_utc(), on=me.today())
        percent = done.percent
        record(
            me,
            "review.finish",
            target_type=TARGET,
            target_id=str(review.id),
            details={
                "period": review.period_key,
                "passed": done.passed,
                "failed": done.failed,
                "not_applicable": done.not_applicable,
                "score_percent": None if percent is None else str(percent),
                "content_sha256": content,
            },
        )
        finished = repo.get(review.id)
        assert finished is not None
    return _detail(me, finished)


def close_rectification(me: SignedIn, rectification_id: int, note: str) -> Rectification:
    """Close a rectification with a note saying what was done: a manager, or the rectification's owner."""
    db = me.db
    repo = ComplianceReviewRepository(db)
    found = repo.rectification(rectification_id)
    session = me.session
    if found is None:
        check_permission(me, REVIEW_ACTION)  # refusal audited for others; then "not found"
        raise RectificationNotFound(rectification_id)
    if session.role is not Role.MANAGER and session.staff_id != found.owner_id:
        with db.transaction():
            record(
                me,
                "access.denied",
                target_type=RECTIFICATION_TARGET,
                target_id=str(rectification_id),
                outcome="denied",
            )
        raise PermissionDenied(
            "关闭整改项（仅店长或整改负责人）", "close a rectification (manager or its owner only)"
        )
    text = clean_text(note, CLOSE_NOTE, required=True)
    with db.transaction():
        current = repo.rectification(rectification_id)
        if current is None or current.state is RectificationState.CLOSED:
            raise InvalidInput(
                f"整改项 {rectification_id} 已关闭。", f"Rectification {rectification_id} is already closed."
            )
        repo.close_rectification(rectification_id, by=session.staff_id, at=me.now_utc(), note=text)
        record(
            me,
            "review.rectification_close",
            target_type=RECTIFICATION_TARGET,
            target_id=str(rectification_id),
            details={
                "review_id": current.review_id,
                "item": current.item_id,
                "overdue": is_overdue(current, me.today()),
            },
        )
    closed = repo.rectification(rectification_id)
    assert closed is not None
    return closed


def list_reviews(me: SignedIn) -> list[ReviewDetail]:
    """Every review, newest first, with its score (reviewers only)."""
    check_permission(me, REVIEW_ACTION)
    return [_detail(me, r) for r in ComplianceReviewRepository(me.db).all_reviews()]


def get_review(me: SignedIn, review_id: int | None = None) -> ReviewDetail:
    """A review; without an id the draft, else the newest review."""
    check_permission(me, REVIEW_ACTION)
    repo = ComplianceReviewRepository(me.db)
    if review_id is not None:
        review = repo.get(review_id)
    else:
        review = repo.draft() or next(iter(repo.all_reviews()), None)
    if review is None:
        raise ReviewNotFound(review_id)
    return _detail(me, review)


@dataclass(frozen=True)
class RectificationRow:
    rectification: Rectification
    period_key: str
    item_question: tuple[str, str]
    owner: str
    closed_by: str
    overdue: bool


def list_rectifications(me: SignedIn, *, open_only: bool = False) -> list[RectificationRow]:
    """Rectifications of finished reviews (reviewers and managers: all; anyone else: their own),
    overdue flagged; open ones first, earliest due first."""
    session = me.session
    repo = ComplianceReviewRepository(me.db)
    everyone = session.role in (Role.MANAGER, Role.AUDITOR)
    rows = [
        r
        for r in repo.rectifications(finished_only=True)
        if (everyone or r.owner_id == session.staff_id)
        and (not open_only or r.state is RectificationState.OPEN)
    ]
    staff = _staff(me)
    reviews = {r.id: r for r in repo.all_reviews()}
    today = me.today()

    def name(staff_id: int | None) -> str:
        found = staff.get(staff_id) if staff_id is not None else None
        return found.label() if found else ""

    out = []
    for r in rows:
        review = reviews[r.review_id]
        item = load_checklist(review.checklist_version).item(r.item_id)
        out.append(
            RectificationRow(
                r,
                review.period_key,
                (item.question_zh, item.question_en),
                name(r.owner_id),
                name(r.closed_by),
                is_overdue(r, today),
            )
        )
    out.sort(
        key=lambda x: (
            x.rectification.state is RectificationState.CLOSED,
            x.rectification.due_on,
            x.rectification.id,
        )
    )
    return out


def review_counts(me: SignedIn, as_of: date) -> ReviewCounts:
    """The latest finished review on or before ``as_of`` (contract of issue 14); rectifications of
    finished reviews open on ``as_of`` (opened by then and not closed by then) and of those overdue."""
    if me.session.role not in (Role.MANAGER, Role.AUDITOR):
        check_permission(me, Action.PROGRAMME_VIEW)
    repo = ComplianceReviewRepository(me.db)
    latest = repo.latest_finished(as_of)
    from desktop_app.domain.branch_time import branch_day_of

    open_count = overdue_count = 0
    for r in repo.rectifications(finished_only=True):
        if branch_day_of(r.opened_at) > as_of:
            continue
        if r.closed_at is not None and branch_day_of(r.closed_at) <= as_of:
            continue
        open_count += 1
        overdue_count += as_of > r.due_on
    if latest is None:
        return replace(NO_REVIEW, open_rectifications=open_count, overdue_rectifications=overdue_count)
    checklist = load_checklist(latest.checklist_version)
    done = score(repo.answers(latest.id), checklist)
    return ReviewCounts(
        review_id=latest.id,
        period_key=latest.period_key,
        finished_on=latest.finished_on,
        passed=done.passed,
        failed=done.failed,
        not_applicable=done.not_applicable,
        applicable=done.applicable,
        open_rectifications=open_count,
        overdue_rectifications=overdue_count,
    )


def next_review_due_on(me: SignedIn) -> date:
    """When the next review is due: ``review_interval_months`` after the last finished one (today if none)."""
    today = me.today()
    last = ComplianceReviewRepository(me.db).latest_finished(today)
    return next_review_due(last.finished_on if last else None, _interval_months(me), today)


def report_pdf(me: SignedIn, review_id: int | None = None) -> bytes:
    """The review's report as a PDF (documents/compliance_review_report.py)."""
    from desktop_app.documents.compliance_review_report import review_report_pdf

    detail = get_review(me, review_id)
    return review_report_pdf(me.config.letterhead(), detail_for_document(detail), generated_at=me.now_utc())


def save_report(me: SignedIn, path: Path, review_id: int | None = None, *, overwrite: bool = False) -> Path:
    """Write the report to ``path`` (never into the data directory: services/output_files.py)."""
    from desktop_app.services.output_files import write_output

    data = report_pdf(me, review_id)
    return write_output(path, data, data_dir=me.paths.root, overwrite=overwrite)


def detail_for_document(detail: ReviewDetail) -> ReviewReport:
    """The plain values the PDF prints (documents never import services)."""
    from desktop_app.documents.compliance_review_report import ReportItem, ReportRectification, ReviewReport

    items = []
    for category, members in detail.checklist.by_category():
        for item in members:
            answer = detail.answer(item.id)
            ev = answer.evaluation
            items.append(
                ReportItem(
                    category=(category.zh, category.en),
                    item_id=item.id,
                    question=(item.question_zh, item.question_en),
                    basis=(item.basis_zh, item.basis_en),
                    result=None if answer.result is None else answer.result.labels,
                    note=answer.note,
                    evidence=None if ev is None else (ev.evidence_zh, ev.evidence_en),
                    app_evaluated=item.app_evaluated,
                    unknown=ev is not None and ev.outcome is Outcome.UNKNOWN,
                )
            )
    r = detail.review
    return ReviewReport(
        review_id=r.id,
        period_key=r.period_key,
        checklist_version=r.checklist_version,
        checklist_title=(detail.checklist.title_zh, detail.checklist.title_en),
        started_by=detail.name(r.started_by),
        started_at=r.started_at,
        finished_by=detail.name(r.finished_by),
        finished_at=r.finished_at,
        finished=r.finished,
        score=detail.score.label(),
        passed=detail.score.passed,
        failed=detail.score.failed,
        not_applicable=detail.score.not_applicable,
        items=tuple(items),
        rectifications=tuple(
            ReportRectification(
                id=x.id,
                item_id=x.item_id,
                description=x.description,
                owner=detail.name(x.owner_id),
                due_on=x.due_on.isoformat(),
                state=("已关闭", "closed") if x.state is RectificationState.CLOSED else ("未关闭", "open"),
                overdue=is_overdue(x, detail.today),
                close_note=x.close_note,
            )
            for x in detail.rectifications
        ),
        next_due=None if detail.next_due is None else detail.next_due.isoformat(),
        altered=ALTERED_WARNING if detail.altered else None,
    )


def owner_candidates(me: SignedIn) -> list[StaffName]:
    """The active staff a reviewer may name as a rectification's owner (names only, no client data)."""
    check_permission(me, REVIEW_ACTION)
    return [StaffName(m.id, m.username, m.display_name) for m in StaffRepository(me.db).list() if m.active]
