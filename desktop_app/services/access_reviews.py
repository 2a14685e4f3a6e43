"""The periodic access review and inactive accounts (issue 15 §2): managers attest, disable or
change the role of every staff account once per period; accounts unused too long are flagged or
disabled.

Rules (domain/access_review.py holds the pure ones):
- ``start_review`` (ACCESS_REVIEW: managers) opens the review of the current period of
  ``access_review_months`` (one per period), listing every staff account active now or disabled
  during the period, with role, last successful sign-in and days inactive as seen that day.
- ``decide``: keep (the role is still needed), disable (the same as IT's disable:
  services/staff_accounts.disable_member — slot removed, client-data grant dropped, keys rotated) or
  change the role (services/staff_roles.py). The last active IT administrator or manager is never
  disabled or moved; a manager cannot disable or move themselves.
- ``finish_review``: every member decided; the review then never changes (triggers of migration
  22) and its SHA-256 fingerprint goes into the ``access_review.finish`` audit entry, so an edit
  made behind the app's back shows as "altered".
- ``review_status``: due (this period not yet reviewed) and overdue (more than
  ``access_review_months`` since the last finished review, or since the first account was added).
- ``inactive_accounts`` / ``apply_inactive_policy``: no successful sign-in for
  ``inactive_account_days`` (never: counted from when the account was added) flags an account; with
  ``inactive_auto_disable`` = 1 it is disabled, audited ``staff.disable`` with reason "inactive".
  The last active IT administrator and manager are never disabled automatically (they are flagged
  only). Run at a manager's or IT administrator's sign-in (``sign_in_notices``) and in the periodic
  pass (the lead calls ``apply_inactive_policy`` from the alerts scan).
Legal basis: GB/T 22239-2019 8.1.4.2 (remove redundant or expired accounts, review privileges),
PIPL Art. 51 (access control, least privilege). Nothing here names a client.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop_app.domain.access_review import (
    Decision,
    ReviewItem,
    ReviewRecord,
    days_since,
    fingerprint,
    is_inactive,
    next_review_due,
    protected_from_removal,
    review_period,
)
from desktop_app.domain.branch_time import branch_day_of
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.field_errors import FieldLabel
from desktop_app.domain.permissions import Action, can
from desktop_app.domain.roles import Role
from desktop_app.domain.sensitive_numbers import refuse_sensitive_numbers
from desktop_app.domain.staff_member import StaffMember
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.access_review_repository import AccessReviewRepository, disabled_since, last_sign_ins
from desktop_app.store.staff_repository import StaffRepository

TARGET = "access_review"
NOTE_FIELD = FieldLabel("access_review_note", "审查说明", "Review note")
MAX_NOTE = 500
ALTERED_WARNING = (
    "警告：这次已完成的权限审查与审计日志中记录的指纹不一致，内容在程序之外被修改过，结果不可信。请告知审计员。",
    "Warning: this finished access review no longer matches the fingerprint in the audit log; it was "
    "changed outside the app and cannot be trusted. Tell the auditor.",
)


class AccessReviewError(BranchVaultError):
    code = "access_review_refused"


class NoAccessReview(AccessReviewError):
    code = "access_review_not_found"

    def __init__(self) -> None:
        super().__init__(
            "没有进行中的权限审查。请先开始本期审查（access-review start）。",
            "No access review is open. Start this period's review first (access-review start).",
        )


@dataclass(frozen=True)
class MemberActivity:
    """A staff account with its last successful sign-in, for the inactive list and the review tab."""

    username: str
    display_name: str
    role: Role
    active: bool
    created_at: str
    last_sign_in: str | None
    days_inactive: int
    inactive: bool

    def as_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role.value,
            "active": self.active,
            "created_at": self.created_at,
            "last_sign_in": self.last_sign_in,
            "days_inactive": self.days_inactive,
            "inactive": self.inactive,
        }


@dataclass(frozen=True)
class ReviewStatus:
    period_key: str
    period_end: date
    reviewed: bool  # this period's review is finished
    open_review: bool  # a review is in progress
    last_finished_on: date | None
    next_due: date
    overdue: bool

    @property
    def due(self) -> bool:
        return not self.reviewed

    def as_json(self) -> dict[str, object]:
        return {
            "period": self.period_key,
            "period_end": self.period_end.isoformat(),
            "reviewed": self.reviewed,
            "open_review": self.open_review,
            "due": self.due,
            "overdue": self.overdue,
            "last_finished_on": None if self.last_finished_on is None else self.last_finished_on.isoformat(),
            "next_due": self.next_due.isoformat(),
        }


@dataclass(frozen=True)
class ReviewDetail:
    review: ReviewRecord
    items: list[ReviewItem]
    names: dict[int, str] = field(default_factory=dict)  # staff id -> username, for "decided by"
    altered: bool = False

    @property
    def undecided(self) -> list[ReviewItem]:
        return [i for i in self.items if i.decision is None]

    def item(self, username: str) -> ReviewItem | None:
        return next((i for i in self.items if i.username == username), None)

    def name(self, staff_id: int | None) -> str:
        return "" if staff_id is None else self.names.get(staff_id, f"#{staff_id}")

    def counts(self) -> dict[str, int]:
        return {d.value: sum(1 for i in self.items if i.decision is d) for d in Decision}

    def as_json(self) -> dict[str, object]:
        r = self.review
        return {
            "id": r.id,
            "period": r.period_key,
            "started_at": r.started_at,
            "started_by": self.name(r.started_by),
            "finished_at": r.finished_at,
            "finished_by": self.name(r.finished_by) or None,
            "fingerprint": r.fingerprint or None,
            "altered": self.altered,
            "items": [
                {
                    "username": i.username,
                    "display_name": i.display_name,
                    "role": i.role.value,
                    "active": i.active,
                    "last_sign_in": i.last_sign_in,
                    "days_inactive": i.days_inactive,
                    "decision": None if i.decision is None else i.decision.value,
                    "new_role": None if i.new_role is None else i.new_role.value,
                    "note": i.note,
                    "decided_at": i.decided_at,
                    "decided_by": self.name(i.decided_by) or None,
                }
                for i in self.items
            ],
        }


# --- activity and inactive accounts ---------------------------------------------------------------


def _activity(me: SignedIn, members: list[StaffMember]) -> list[MemberActivity]:
    today = me.today()
    limit = int(me.policy.inactive_account_days)
    seen = last_sign_ins(me.db, [m.id for m in members])
    found = []
    for m in members:
        last = seen.get(m.id)
        days = days_since(last or m.created_at, today)
        found.append(
            MemberActivity(
                m.username,
                m.display_name,
                m.role,
                m.active,
                m.created_at,
                last,
                days,
                is_inactive(days, limit),
            )
        )
    return found


def member_activity(me: SignedIn) -> list[MemberActivity]:
    """Every staff account with its last sign-in and inactive flag (managers, IT, auditors)."""
    check_permission(me, Action.SECOPS_VIEW)
    return _activity(me, StaffRepository(me.db).list())


def inactive_accounts(me: SignedIn) -> list[MemberActivity]:
    """Active accounts with no successful sign-in for ``inactive_account_days``."""
    return [a for a in member_activity(me) if a.active and a.inactive]


def apply_inactive_policy(me: SignedIn) -> list[str]:
    """With ``inactive_auto_disable`` = 1, disable every inactive account (audited ``staff.disable``
    with reason "inactive"); returns the usernames disabled. Any signed-in session may run it (the
    periodic pass); the last active IT administrator and manager are never disabled, nor is the
    member running it. With the flag at 0 nothing changes (the accounts are only flagged)."""
    if int(me.policy.inactive_auto_disable) != 1:
        return []
    from desktop_app.services.staff_accounts import disable_member

    repo = StaffRepository(me.db)
    candidates = [m for m in repo.list() if m.active and m.id != me.session.staff_id]
    disabled: list[str] = []
    for activity in _activity(me, candidates):
        if not activity.inactive:
            continue
        member = repo.get(activity.username)
        if member is None or not member.active:
            continue
        if protected_from_removal(member.role, repo.count_active(member.role)):
            continue
        if disable_member(me, member.username, reason="inactive"):
            disabled.append(member.username)
    return disabled


# --- the review -------------------------------------------------------------------------------------


def _months(me: SignedIn) -> int:
    return int(me.policy.access_review_months)


def _names(me: SignedIn) -> dict[int, str]:
    return {m.id: m.username for m in StaffRepository(me.db).list()}


def _detail(me: SignedIn, review: ReviewRecord) -> ReviewDetail:
    repo = AccessReviewRepository(me.db)
    items = repo.items(review.id)
    altered = review.finished and repo.finish_fingerprint(review.id) != fingerprint(review, items)
    return ReviewDetail(review, items, _names(me), altered)


def _require_view(me: SignedIn) -> None:
    """Managers run the review; IT administrators and auditors may read it (SECOPS_VIEW)."""
    check_permission(
        me, Action.ACCESS_REVIEW if can(me.session.role, Action.ACCESS_REVIEW) else Action.SECOPS_VIEW
    )


DISABLED_BEFORE_NOTE = "审查开始前已停用 / disabled before the review started"


def start_review(me: SignedIn) -> ReviewDetail:
    """Open this period's review (or return the one already open for it)."""
    check_permission(me, Action.ACCESS_REVIEW)
    db = me.db
    repo = AccessReviewRepository(db)
    period = review_period(me.today(), _months(me))
    with db.transaction():
        existing = repo.by_period(period.key)
        if existing is not None:
            if existing.finished:
                raise AccessReviewError(
                    f"{period.key} 的权限审查已完成。",
                    f"The access review of {period.key} is already finished.",
                )
            return _detail(me, existing)
        draft = repo.draft()
        if draft is not None:  # an earlier period's review never finished: finish it first
            return _detail(me, draft)
        staff = StaffRepository(db)
        recently = set(disabled_since(db, f"{period.start.isoformat()}T00:00:00"))
        members = [m for m in staff.list() if m.active or m.id in recently]
        review = repo.start(period.key, at=me.now_utc(), by=me.session.staff_id)
        for a, m in zip(_activity(me, members), members, strict=True):
            item_id = repo.add_item(
                review.id,
                staff_id=m.id,
                username=m.username,
                display_name=m.display_name,
                role=m.role,
                active=m.active,
                last_sign_in=a.last_sign_in,
                days_inactive=a.days_inactive,
            )
            if not m.active:  # disabled earlier in the period: nothing left to decide, shown as such
                repo.decide(
                    item_id,
                    Decision.DISABLE,
                    new_role=None,
                    note=DISABLED_BEFORE_NOTE,
                    at=me.now_utc(),
                    by=me.session.staff_id,
                )
        record(
            me,
            "access_review.start",
            target_type=TARGET,
            target_id=str(review.id),
            details={"period": period.key, "members": len(members)},
        )
    return _detail(me, review)


def _open_review(me: SignedIn) -> ReviewRecord:
    review = AccessReviewRepository(me.db).draft()
    if review is None:
        raise NoAccessReview()
    return review


def _clean_note(me: SignedIn, note: str) -> str:
    """A decision's note: short, and never a resident ID or bank card number (branch.db names no client)."""
    cleaned = refuse_sensitive_numbers(NOTE_FIELD, note.strip(), today=me.today())
    if len(cleaned) > MAX_NOTE:
        raise InvalidInput(
            f"说明不能超过 {MAX_NOTE} 个字符。", f"The note must not exceed {MAX_NOTE} characters."
        )
    return cleaned


def decide(
    me: SignedIn,
    username: str,
    decision: Decision | str,
    *,
    new_role: Role | None = None,
    note: str = "",
) -> ReviewDetail:
    """Record the decision for ``username`` in the open review and carry it out (disable, change
    role). A keep may be replaced by another decision; a disable or role change, once done, stays."""
    check_permission(me, Action.ACCESS_REVIEW)
    decision = Decision(decision)
    note = _clean_note(me, note)
    db = me.db
    repo = AccessReviewRepository(db)
    review = _open_review(me)
    item = next((i for i in repo.items(review.id) if i.username == username), None)
    if item is None:
        raise AccessReviewError(
            f"{username} 不在本次审查的名单中。", f"{username} is not listed in this access review."
        )
    if item.decision in (Decision.DISABLE, Decision.CHANGE_ROLE):
        raise AccessReviewError(
            f"{username} 已经处理过（{item.decision.label_zh}），不能再更改。",
            f"{username} was already handled ({item.decision.label_en}); that cannot be changed.",
        )
    if decision is Decision.CHANGE_ROLE and new_role is None:
        raise InvalidInput("调整角色需要指定新角色。", "A role change needs the new role.")
    if decision is not Decision.CHANGE_ROLE:
        new_role = None
    staff = StaffRepository(db)
    member = staff.get_by_id(item.staff_id)
    if member is None:  # pragma: no cover - staff rows are never deleted
        raise AccessReviewError(f"找不到用户 {username}。", f"No staff member named {username}.")
    if decision is not Decision.KEEP and member.id == me.session.staff_id:
        raise AccessReviewError(
            "不能在审查中停用自己或调整自己的角色，请由另一位店长或 IT 管理员处理。",
            "You cannot disable yourself or change your own role in the review; ask another manager or IT.",
        )
    if decision is Decision.KEEP and not member.active:
        raise AccessReviewError(
            f"{username} 已停用；如需恢复，请由 IT 重置其密码。",
            f"{username} is disabled; to restore the account, IT resets its password.",
        )
    if decision is Decision.DISABLE:
        from desktop_app.services.staff_accounts import disable_member

        disable_member(me, username, reason="access_review")
    elif decision is Decision.CHANGE_ROLE:
        assert new_role is not None
        from desktop_app.services.staff_roles import change_role_checked

        change_role_checked(me, username, new_role, reason="access_review")
    with db.transaction():
        repo.decide(item.id, decision, new_role=new_role, note=note, at=me.now_utc(), by=me.session.staff_id)
        details: dict[str, object] = {"period": review.period_key, "decision": decision.value}
        if new_role is not None:
            details["new_role"] = new_role.value
        record(me, "access_review.decide", target_type="staff", target_id=username, details=details)
    return _detail(me, review)


def finish_review(me: SignedIn) -> ReviewDetail:
    """Finish the open review once every member is decided; its fingerprint goes into the audit log."""
    check_permission(me, Action.ACCESS_REVIEW)
    db = me.db
    repo = AccessReviewRepository(db)
    with db.transaction():
        review = _open_review(me)
        items = repo.items(review.id)
        undecided = [i.username for i in items if i.decision is None]
        if undecided:
            names = ", ".join(undecided)
            raise AccessReviewError(
                f"还有 {len(undecided)} 位员工未作决定：{names}。",
                f"{len(undecided)} member(s) not decided yet: {names}.",
            )
        content = fingerprint(review, items)
        repo.finish(review.id, at=me.now_utc(), by=me.session.staff_id, fingerprint=content)
        counts = {d.value: sum(1 for i in items if i.decision is d) for d in Decision}
        record(
            me,
            "access_review.finish",
            target_type=TARGET,
            target_id=str(review.id),
            details={"period": review.period_key, **counts, "content_sha256": content},
        )
        finished = repo.get(review.id)
        assert finished is not None
    return _detail(me, finished)


def get_review(me: SignedIn, review_id: int | None = None) -> ReviewDetail:
    """A review: ``review_id``, else the open one, else the newest. Managers, IT and auditors."""
    _require_view(me)
    repo = AccessReviewRepository(me.db)
    review = (repo.draft() or repo.latest()) if review_id is None else repo.get(review_id)
    if review is None:
        raise NoAccessReview()
    return _detail(me, review)


def list_reviews(me: SignedIn) -> list[ReviewDetail]:
    """Every review, newest first (the history)."""
    _require_view(me)
    return [_detail(me, r) for r in AccessReviewRepository(me.db).all()]


def _status(me: SignedIn) -> ReviewStatus:
    db = me.db
    today = me.today()
    months = _months(me)
    period = review_period(today, months)
    repo = AccessReviewRepository(db)
    current = repo.by_period(period.key)
    last = repo.latest_finished()
    last_on = None if last is None or last.finished_at is None else branch_day_of(last.finished_at)
    first = db.execute("SELECT min(created_at) FROM staff").fetchone()[0]
    first_on = branch_day_of(str(first)) if first else today
    due_on = next_review_due(last_on, first_on, months)
    return ReviewStatus(
        period_key=period.key,
        period_end=period.end,
        reviewed=current is not None and current.finished,
        open_review=repo.draft() is not None,
        last_finished_on=last_on,
        next_due=due_on,
        overdue=today > due_on,
    )


def review_status(me: SignedIn) -> ReviewStatus:
    """Whether this period's review is due and whether it is overdue."""
    _require_view(me)
    return _status(me)


@dataclass(frozen=True)
class SignInNotice:
    zh: str
    en: str


def sign_in_notices(me: SignedIn) -> list[SignInNotice]:
    """After a manager's or IT administrator's sign-in: apply the inactive-account policy, then the
    banners — the review overdue (managers) and accounts disabled or flagged as inactive."""
    role = me.session.role
    if role not in (Role.MANAGER, Role.IT_ADMIN):
        return []
    notices: list[SignInNotice] = []
    disabled = apply_inactive_policy(me)
    if disabled:
        names = ", ".join(disabled)
        notices.append(
            SignInNotice(
                f"以下账户长期未登录，已按安全策略自动停用：{names}。",
                f"These accounts had not signed in for too long and were disabled by the security policy: {names}.",
            )
        )
    flagged = [a.username for a in inactive_accounts(me)]
    if flagged:
        names = ", ".join(flagged)
        days = int(me.policy.inactive_account_days)
        notices.append(
            SignInNotice(
                f"以下账户已超过 {days} 天未登录，请确认是否仍需保留：{names}。",
                f"These accounts have not signed in for {days} days or more; check they are still needed: {names}.",
            )
        )
    if role is Role.MANAGER:
        status = _status(me)
        if status.overdue and not status.reviewed:
            notices.append(
                SignInNotice(
                    f"定期权限审查已逾期（应于 {status.next_due.isoformat()} 前完成）。请在「安全运维 → 权限审查」中完成本期审查。",
                    f"The periodic access review is overdue (due by {status.next_due.isoformat()}). "
                    "Finish this period's review under Security → Access review.",
                )
            )
    return notices


# --- export -----------------------------------------------------------------------------------------

_HEADER = (
    "审查期 Period",
    "用户名 Username",
    "显示名 Name",
    "审查时角色 Role at review",
    "在职 Active",
    "最近登录 Last sign-in",
    "未登录天数 Days inactive",
    "决定 Decision",
    "新角色 New role",
    "说明 Note",
    "决定时间 Decided at",
    "决定人 Decided by",
)


def export_rows(detail: ReviewDetail) -> list[list[str]]:
    """The review as kept: one row per member, with who decided what and when, then a footer."""
    r = detail.review
    rows: list[list[str]] = [list(_HEADER)]
    for i in detail.items:
        rows.append(
            [
                r.period_key,
                i.username,
                i.display_name,
                f"{i.role.label_zh} {i.role.label_en}",
                "是 yes" if i.active else "否 no",
                i.last_sign_in or "从未 never",
                str(i.days_inactive),
                "" if i.decision is None else f"{i.decision.label_zh} {i.decision.label_en}",
                "" if i.new_role is None else f"{i.new_role.label_zh} {i.new_role.label_en}",
                i.note,
                i.decided_at or "",
                detail.name(i.decided_by),
            ]
        )
    rows.append([])
    rows.append(["开始 Started", r.started_at, detail.name(r.started_by)])
    rows.append(["完成 Finished", r.finished_at or "未完成 not finished", detail.name(r.finished_by)])
    rows.append(["指纹 Fingerprint (SHA-256)", r.fingerprint or ""])
    if detail.altered:
        rows.append([ALTERED_WARNING[0], ALTERED_WARNING[1]])
    return rows


def export_review(me: SignedIn, path: Path, review_id: int | None = None, *, overwrite: bool = False) -> Path:
    """Write the review to ``path`` (.xlsx or .csv; never into the data directory), audited."""
    from desktop_app.services.output_files import write_output
    from desktop_app.store.spreadsheet_writer import table_bytes

    detail = get_review(me, review_id)
    data = table_bytes(path, export_rows(detail), sheet_title=detail.review.period_key)
    written = write_output(path, data, data_dir=me.paths.root, overwrite=overwrite)
    with me.db.transaction():
        record(
            me,
            "access_review.export",
            target_type=TARGET,
            target_id=str(detail.review.id),
            details={"period": detail.review.period_key, "format": path.suffix.lower().lstrip(".")},
        )
    return written
