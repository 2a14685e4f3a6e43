"""The rules of a compliance self-review: answers, rectifications, the score and what is overdue.

Rules:
- every item is answered pass / fail / not applicable before the review can be finished;
- "not applicable" needs a note saying why; a failed item needs at least one rectification with an
  owner (a staff member) and a due date before the review can be finished (PIPL Art. 54: the audit
  is only worth something if what it finds is put right, by someone, by a date);
- an app-evaluated item takes the app's result: the reviewer may add a note, not overrule it. An item
  the app cannot judge (``unknown``: no client-data key and no snapshot) can never pass: the reviewer
  answers it fail or not applicable with a note. An evaluation stored as ``unavailable`` (reviews
  taken before the app had backups) counts as not applicable, with that note;
- score = passed / applicable (applicable = passed + failed), Decimal, rounded half-up to one place;
  a review whose items are all not applicable has no score ("无适用项 / no applicable items"), never 100%;
- the next review is due ``review_interval_months`` after the last finished one;
- a rectification is overdue when it is open and today is after its due date.
Free texts (notes, rectification descriptions) are kept in branch.db, which IT and auditors open, so
they must not hold client details: long digit runs (phone, ID and card numbers) are refused and the
forms show ``NO_PERSONAL_DATA_HINT``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from desktop_app.domain.compliance_checklist import Checklist, ChecklistItem
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.programme_periods import add_months

NO_PERSONAL_DATA_HINT = (
    "请勿填写客户姓名、证件号码等个人信息",
    "Do not enter client names, ID numbers or other personal details here",
)
NOTE_MAX = 500
_DIGIT_RUN = re.compile(r"\d[\d\s-]{5,}\d")


class ItemResult(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NA = "na"

    @property
    def labels(self) -> tuple[str, str]:
        return {"pass": ("符合", "Pass"), "fail": ("不符合", "Fail"), "na": ("不适用", "Not applicable")}[
            self.value
        ]


class ReviewState(StrEnum):
    DRAFT = "draft"
    FINISHED = "finished"


class RectificationState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Outcome(StrEnum):
    """What an app evaluator found."""

    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"  # no data to judge by (no client key and no snapshot): can never pass
    UNAVAILABLE = "unavailable"  # the feature was not in the app (older reviews): not applicable, with a note


UNAVAILABLE_NOTE = ("尚未提供（待备份功能上线后评估）", "Not available yet (evaluated once backups exist)")
UNKNOWN_NOTE = (
    "无法评估：需店长登录后打开隐私保护指标页一次",
    "Unknown: a manager must sign in and open the privacy programme dashboard once",
)


@dataclass(frozen=True)
class Evaluation:
    """An app evaluator's finding: outcome, evidence text in both languages, the figures behind it,
    and, when it came from a snapshot, when that was taken (``as_of``, UTC ISO)."""

    outcome: Outcome
    evidence_zh: str
    evidence_en: str
    figures: Mapping[str, object] = field(default_factory=dict)
    as_of: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "outcome": self.outcome.value,
            "evidence_zh": self.evidence_zh,
            "evidence_en": self.evidence_en,
            "figures": dict(self.figures),
            "as_of": self.as_of,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Evaluation:
        figures = data.get("figures")
        as_of = data.get("as_of")
        return cls(
            outcome=Outcome(str(data["outcome"])),
            evidence_zh=str(data.get("evidence_zh", "")),
            evidence_en=str(data.get("evidence_en", "")),
            figures=dict(figures) if isinstance(figures, Mapping) else {},
            as_of=None if as_of is None else str(as_of),
        )

    def result(self) -> ItemResult | None:
        """The item result the app gives: None while unknown (the reviewer must answer fail or n/a)."""
        return {
            Outcome.PASS: ItemResult.PASS,
            Outcome.FAIL: ItemResult.FAIL,
            Outcome.UNAVAILABLE: ItemResult.NA,
            Outcome.UNKNOWN: None,
        }[self.outcome]


@dataclass(frozen=True)
class ItemAnswer:
    item_id: str
    result: ItemResult | None
    note: str = ""
    evaluation: Evaluation | None = None
    answered_by: int | None = None
    answered_at: str | None = None


@dataclass(frozen=True)
class Rectification:
    id: int
    review_id: int
    item_id: str
    description: str
    owner_id: int
    due_on: date
    state: RectificationState
    opened_at: str
    closed_by: int | None = None
    closed_at: str | None = None
    close_note: str = ""

    def overdue(self, today: date) -> bool:
        return is_overdue(self, today)


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    period_key: str
    checklist_version: str
    started_by: int
    started_at: str
    finished_by: int | None
    finished_at: str | None
    finished_on: date | None
    state: ReviewState

    @property
    def finished(self) -> bool:
        return self.state is ReviewState.FINISHED


@dataclass(frozen=True)
class Score:
    passed: int
    failed: int
    not_applicable: int
    unanswered: int = 0

    @property
    def applicable(self) -> int:
        return self.passed + self.failed

    @property
    def percent(self) -> Decimal | None:
        """passed / applicable in percent, one place, half up; None when nothing is applicable."""
        if self.applicable == 0:
            return None
        value = Decimal(self.passed) * 100 / Decimal(self.applicable)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def label(self) -> tuple[str, str]:
        percent = self.percent
        if percent is None:
            return ("无适用项", "no applicable items")
        return (
            f"{percent}%（{self.passed}/{self.applicable}）",
            f"{percent}% ({self.passed}/{self.applicable})",
        )


class ReviewNotFinishable(BranchVaultError):
    code = "review_not_finishable"


class ReviewFinished(BranchVaultError):
    code = "review_finished"

    def __init__(self, review_id: int) -> None:
        super().__init__(
            f"自查 {review_id} 已完成，不能再修改。",
            f"Review {review_id} is finished and can no longer change.",
        )


def clean_text(text: str, what: tuple[str, str], *, required: bool, max_length: int = NOTE_MAX) -> str:
    """A note or description for branch.db: trimmed, at most ``max_length`` characters, no control
    characters but line breaks, no run of 7 or more digits (phone, ID or card numbers)."""
    value = text.strip()
    if required and not value:
        raise InvalidInput(f"请填写{what[0]}。", f"Enter the {what[1]}.", code="text_required")
    if len(value) > max_length:
        raise InvalidInput(
            f"{what[0]}最多 {max_length} 个字符。", f"The {what[1]} may hold at most {max_length} characters."
        )
    if any(unicodedata.category(ch).startswith("C") and ch != "\n" for ch in value):
        raise InvalidInput(f"{what[0]}含有无效字符。", f"The {what[1]} holds invalid characters.")
    if _DIGIT_RUN.search(unicodedata.normalize("NFKC", value)):
        raise InvalidInput(
            f"{what[0]}不能含有电话、证件或银行卡号码（{NO_PERSONAL_DATA_HINT[0]}）。",
            f"The {what[1]} must not hold phone, ID or card numbers ({NO_PERSONAL_DATA_HINT[1]}).",
            code="personal_data_in_text",
        )
    return value


NOTE = ("说明", "note")
DESCRIPTION = ("整改内容", "rectification description")
CLOSE_NOTE = ("关闭说明", "closing note")


def check_answer(item: ChecklistItem, result: ItemResult, note: str, evaluation: Evaluation | None) -> str:
    """The cleaned note when ``result`` may be given to ``item``; InvalidInput otherwise."""
    cleaned = clean_text(note, NOTE, required=result is ItemResult.NA)
    if item.app_evaluated and evaluation is not None:
        given = evaluation.result()
        if given is None:
            if result is ItemResult.PASS:
                raise InvalidInput(
                    f"检查项 {item.id} 无法由程序评估，不能判为符合；请判为不符合或不适用并说明。",
                    f"Item {item.id} could not be evaluated by the app, so it cannot pass; answer fail "
                    "or not applicable with a note.",
                    code="unknown_cannot_pass",
                )
        elif result is not given:
            zh, en = given.labels
            raise InvalidInput(
                f"检查项 {item.id} 由程序评估为“{zh}”，不能改判；可以补充说明，或在整改后重新评估。",
                f"Item {item.id} is evaluated by the app as '{en}' and cannot be overruled; add a note, "
                "or evaluate again once it is put right.",
                code="app_evaluated",
            )
    return cleaned


def check_due_date(due_on: date, today: date) -> date:
    if due_on < today:
        raise InvalidInput("整改期限不能早于今天。", "The due date cannot be before today.")
    return due_on


def score(answers: Iterable[ItemAnswer], checklist: Checklist | None = None) -> Score:
    """Passed, failed and not applicable among ``answers`` (unanswered counted when the checklist is given)."""
    results = {a.item_id: a.result for a in answers}
    unanswered = 0
    if checklist is not None:
        unanswered = sum(1 for item in checklist.items if results.get(item.id) is None)
    values = [r for r in results.values() if r is not None]
    return Score(
        passed=values.count(ItemResult.PASS),
        failed=values.count(ItemResult.FAIL),
        not_applicable=values.count(ItemResult.NA),
        unanswered=unanswered,
    )


def check_finishable(
    checklist: Checklist, answers: Sequence[ItemAnswer], rectifications: Sequence[Rectification]
) -> None:
    """Raise ReviewNotFinishable naming the items still unanswered, the n/a without a note and the
    failures without a rectification."""
    by_item = {a.item_id: a for a in answers}
    unanswered = [i.id for i in checklist.items if by_item.get(i.id) is None or by_item[i.id].result is None]
    if unanswered:
        raise ReviewNotFinishable(
            f"还有检查项未作答：{', '.join(unanswered)}。",
            f"Items not answered yet: {', '.join(unanswered)}.",
        )
    no_note = [a.item_id for a in answers if a.result is ItemResult.NA and not a.note.strip()]
    if no_note:
        raise ReviewNotFinishable(
            f"判为不适用的检查项需要说明：{', '.join(no_note)}。",
            f"Items answered not applicable need a note: {', '.join(no_note)}.",
        )
    rectified = {r.item_id for r in rectifications}
    missing = [a.item_id for a in answers if a.result is ItemResult.FAIL and a.item_id not in rectified]
    if missing:
        raise ReviewNotFinishable(
            f"不符合的检查项需要指定整改负责人和期限：{', '.join(missing)}。",
            f"Failed items need a rectification with an owner and a due date: {', '.join(missing)}.",
        )


def next_review_due(last_finished_on: date | None, interval_months: int, today: date) -> date:
    """When the next review is due: ``interval_months`` after the last finished one; today if none."""
    if last_finished_on is None:
        return today
    return add_months(last_finished_on, interval_months)


def is_overdue(rectification: Rectification, today: date) -> bool:
    return rectification.state is RectificationState.OPEN and today > rectification.due_on


def overdue(rectifications: Iterable[Rectification], today: date) -> list[Rectification]:
    return [r for r in rectifications if is_overdue(r, today)]


def fingerprint(
    review: ReviewRecord, answers: Iterable[ItemAnswer], rectifications: Iterable[Rectification]
) -> str:
    """SHA-256 over what a finished review states (answers, notes, the app's evidence, the
    rectifications' findings; not their later closing), recorded in the ``review.finish`` audit
    entry. A review whose content no longer matches was changed behind the app's back (the
    triggers dropped with sqlcipher3): the hash-chained audit log keeps the original fingerprint."""
    import hashlib
    import json

    body = {
        "review": [
            review.id,
            review.period_key,
            review.checklist_version,
            review.started_by,
            review.started_at,
        ],
        "answers": sorted(
            [
                a.item_id,
                None if a.result is None else a.result.value,
                a.note,
                None if a.evaluation is None else a.evaluation.as_json(),
                a.answered_by,
            ]
            for a in answers
        ),
        "rectifications": sorted(
            [r.id, r.item_id, r.description, r.owner_id, r.due_on.isoformat(), r.opened_at]
            for r in rectifications
        ),
    }
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
