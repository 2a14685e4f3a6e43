"""Demo history for the compliance self-review (issue 14, "a year of plausible programme history").

Two finished reviews before today's half-year: the one before last with four failures (85.7%), the
last with two (92.9%), so the dashboard shows the branch improving towards the 95% target without
meeting it. Their rectifications are closed except one of the last review, still open and not yet
due. Written through the repository with explicit past dates (no KDF, a few milliseconds); each
review's ``review.finish`` entry is recorded now (the audit log's time order is kept) with the
review's fingerprint and ``demo_history``, so the app does not report it as altered.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from desktop_app.domain.compliance_review import Evaluation, ItemResult, Outcome, fingerprint
from desktop_app.domain.programme_periods import HalfYear
from desktop_app.domain.roles import Role
from desktop_app.services.audit_trail import record
from desktop_app.services.compliance_reviews import TARGET
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.compliance_checklist_files import newest_checklist
from desktop_app.store.compliance_review_repository import ComplianceReviewRepository
from desktop_app.store.staff_repository import StaffRepository

_EVIDENCE: dict[str, tuple[str, str]] = {
    "training_coverage": (
        "本季度已完成培训 {n}/{n} 人（100%）",
        "{n} of {n} staff trained this quarter (100%)",
    ),
    "current_notice": (
        "当前生效版本为程序附带的最新版本",
        "The version in force is the newest shipped with the app",
    ),
    "sensitive_consent": (
        "保存敏感信息但无单独同意记录的客户：0",
        "Clients with sensitive data but no separate consent: 0",
    ),
    "secure_keyring": ("使用安全密钥环", "Secure keyring in use"),
    "staff_passwords": (
        "密码过期 0 个；临时密码超期未改 0 个",
        "0 expired passwords; 0 temporary passwords left unchanged",
    ),
    "audit_chain": ("最近一次成功校验：{day}", "Last successful verification: {day}"),
    "retention_queue": (
        "到期超过 30 天未处理的客户记录：0",
        "Records due for destruction for more than 30 days: 0",
    ),
    "requests_overdue": ("逾期未答复的请求：0", "Requests overdue: 0"),
    "backup_recent": ("最近一次经校验的备份：{day}", "Latest verified backup: {day}"),
    "restore_drill": ("最近一次通过的恢复演练：{day}", "Last passed restore drill: {day}"),
}
_FAILURES: tuple[tuple[tuple[str, str, str], ...], ...] = (
    (  # the review before last
        ("PE-03", "复印机上有遗留的身份证复印件", "每日下班前清理复印机并检查桌面"),
        ("RD-02", "碎纸机损坏，纸质资料堆放待处理", "购置新碎纸机并当周销毁积压资料"),
        ("PT-03", "两名新员工未签署保密承诺书", "补签承诺书并纳入入职清单"),
        ("PE-02", "抽查时三台电脑离开座位未锁屏", "设置 5 分钟自动锁屏并每周抽查"),
    ),
    (  # the last review
        ("PE-03", "打印机托盘中发现客户资料", "打印后立即取件，店长每日检查"),
        ("SA-05", "客户数据恢复码纸质件放在抽屉里", "将恢复码放入保险柜并登记"),
    ),
)


def _at(day: date, hour: int = 2) -> str:
    return f"{day.isoformat()}T{hour:02d}:00:00.000000Z"


def seed_demo_history(me: SignedIn, rng: random.Random) -> None:
    """The two previous half-years' finished reviews (see the module docstring)."""
    db = me.db
    repo = ComplianceReviewRepository(db)
    checklist = newest_checklist()
    staff = [m for m in StaffRepository(db).list() if m.active]
    manager = me.session.staff_id
    owners = [m.id for m in staff if m.role in (Role.MANAGER, Role.AGENT)] or [manager]
    today = me.today()
    last = HalfYear.of(today).previous()
    periods = [last.previous(), last]
    with db.transaction():
        for index, (period, failures) in enumerate(zip(periods, _FAILURES, strict=True)):
            finished_on = period.end - timedelta(days=rng.randint(3, 12))
            started_on = finished_on - timedelta(days=2)
            review_id = repo.add_review(
                period_key=period.key(),
                checklist_version=checklist.version,
                started_by=manager,
                started_at=_at(started_on),
            )
            repo.add_items(review_id, [i.id for i in checklist.items])
            failed = {item_id: (finding, fix) for item_id, finding, fix in failures}
            for item in checklist.items:
                evaluation = None
                note = ""
                result = ItemResult.PASS
                if item.evaluator is not None:
                    zh, en = _EVIDENCE[item.evaluator]
                    values = {
                        "n": len(staff),
                        "day": (started_on - timedelta(days=rng.randint(1, 20))).isoformat(),
                    }
                    evaluation = Evaluation(Outcome.PASS, zh.format(**values), en.format(**values))
                elif item.id in failed:
                    result, note = ItemResult.FAIL, failed[item.id][0]
                repo.set_answer(
                    review_id,
                    item.id,
                    result=result,
                    note=note,
                    evaluation=evaluation,
                    by=manager,
                    at=_at(started_on, 3),
                )
            for number, (item_id, _finding, fix) in enumerate(failures):
                due = finished_on + timedelta(days=30)
                rectification_id = repo.add_rectification(
                    review_id=review_id,
                    item_id=item_id,
                    description=fix,
                    owner_id=rng.choice(owners),
                    due_on=due if not (index == 1 and number == 1) else today + timedelta(days=20),
                    opened_by=manager,
                    opened_at=_at(started_on, 4),
                )
                if index == 0 or number == 0:  # all closed but the last review's second one
                    closed_on = min(
                        finished_on + timedelta(days=rng.randint(5, 25)), today - timedelta(days=1)
                    )
                    repo.close_rectification(
                        rectification_id, by=manager, at=_at(closed_on), note="已完成整改并复查"
                    )
            review = repo.get(review_id)
            assert review is not None
            content = fingerprint(review, repo.answers(review_id), repo.rectifications(review_id))
            repo.finish(review_id, by=manager, at=_at(finished_on, 8), on=finished_on)
            record(
                me,
                "review.finish",
                target_type=TARGET,
                target_id=str(review_id),
                details={"period": period.key(), "demo_history": True, "content_sha256": content},
            )
