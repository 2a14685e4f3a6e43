"""The compliance review's pure rules: the checklist file, scoring (all n/a has no score), what may be
answered, what finishing needs, next due date and overdue rectifications."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.compliance_checklist import EVALUATORS, parse_checklist
from desktop_app.domain.compliance_review import (
    Evaluation,
    ItemAnswer,
    ItemResult,
    Outcome,
    Rectification,
    RectificationState,
    ReviewNotFinishable,
    check_answer,
    check_finishable,
    clean_text,
    is_overdue,
    next_review_due,
    score,
)
from desktop_app.domain.errors import InvalidInput
from desktop_app.store.compliance_checklist_files import CHECKLIST_DIR, newest_checklist

CHECKLIST = newest_checklist()
CATEGORIES = (
    "制度与培训",
    "收集与告知",
    "存储与访问",
    "使用与导出",
    "保存与删除",
    "个人权利",
    "安全事件",
    "物理与终端",
)


def _rect(item_id: str, due: date, state: RectificationState = RectificationState.OPEN) -> Rectification:
    return Rectification(1, 1, item_id, "fix", 2, due, state, "2026-12-01T00:00:00Z")


def test_shipped_checklist_is_complete() -> None:
    assert 25 <= len(CHECKLIST.items) <= 35
    assert [c.zh for c in CHECKLIST.categories] == list(CATEGORIES)
    assert all(any(i.category == c.code for i in CHECKLIST.items) for c in CHECKLIST.categories)
    evaluators = {i.evaluator for i in CHECKLIST.items if i.evaluator}
    assert evaluators == set(EVALUATORS)  # every app check appears once in the list, and only those
    for item in CHECKLIST.items:
        assert "PIPL" in item.basis_en or "GB/T" in item.basis_en, item.id
        assert item.question_zh.endswith("？") and item.question_en.endswith("?"), item.id


def test_checklist_refuses_unknown_keys_and_evaluators() -> None:
    raw = tomllib.loads((CHECKLIST_DIR / f"checklist-{CHECKLIST.version}.toml").read_text(encoding="utf-8"))
    raw["items"][0]["evaluator"] = "wishful_thinking"
    with pytest.raises(InvalidInput, match="evaluator"):
        parse_checklist(raw)
    raw["items"][0].pop("evaluator")
    raw["items"][0]["qustion_zh"] = "typo"
    with pytest.raises(InvalidInput, match="unknown keys"):
        parse_checklist(raw)


def test_score_is_passed_over_applicable_half_up() -> None:
    answers = [ItemAnswer(f"I{n}", ItemResult.PASS) for n in range(23)]
    answers += [
        ItemAnswer("F1", ItemResult.FAIL),
        ItemAnswer("F2", ItemResult.FAIL),
        ItemAnswer("N", ItemResult.NA),
    ]
    result = score(answers)
    assert (result.passed, result.failed, result.not_applicable, result.applicable) == (23, 2, 1, 25)
    assert result.percent == Decimal("92.0")
    assert score(
        [ItemAnswer("a", ItemResult.PASS), ItemAnswer("b", ItemResult.PASS), ItemAnswer("c", ItemResult.FAIL)]
    ).percent == Decimal("66.7")


def test_all_not_applicable_has_no_score_never_100() -> None:
    result = score([ItemAnswer(i.id, ItemResult.NA, "n/a") for i in CHECKLIST.items])
    assert result.applicable == 0 and result.percent is None
    assert result.label() == ("无适用项", "no applicable items")


def test_unanswered_counted_against_the_checklist() -> None:
    assert score([ItemAnswer("PE-01", ItemResult.PASS)], CHECKLIST).unanswered == len(CHECKLIST.items) - 1


def test_na_needs_a_note_and_notes_refuse_numbers() -> None:
    item = CHECKLIST.item("PE-02")
    with pytest.raises(InvalidInput):
        check_answer(item, ItemResult.NA, "  ", None)
    assert check_answer(item, ItemResult.NA, " 无接待区 ", None) == "无接待区"
    for text in ("客户电话 138 0013 8000", "证件 110105194912310021"):
        with pytest.raises(InvalidInput):
            clean_text(text, ("说明", "note"), required=False)


def test_app_results_cannot_be_overruled_and_unknown_cannot_pass() -> None:
    item = CHECKLIST.item("SA-03")
    passed = Evaluation(Outcome.PASS, "ok", "ok")
    assert check_answer(item, ItemResult.PASS, "note", passed) == "note"
    with pytest.raises(InvalidInput):
        check_answer(item, ItemResult.FAIL, "", passed)
    unknown = Evaluation(Outcome.UNKNOWN, "?", "?")
    with pytest.raises(InvalidInput):
        check_answer(item, ItemResult.PASS, "", unknown)
    check_answer(item, ItemResult.FAIL, "", unknown)
    assert Evaluation(Outcome.UNAVAILABLE, "", "").result() is ItemResult.NA


def test_finishing_needs_answers_notes_and_rectifications() -> None:
    answers = [ItemAnswer(i.id, ItemResult.PASS) for i in CHECKLIST.items]
    check_finishable(CHECKLIST, answers, [])
    with pytest.raises(ReviewNotFinishable, match="PT-01"):
        check_finishable(CHECKLIST, answers[1:], [])  # PT-01 unanswered
    failed = [ItemAnswer(a.item_id, ItemResult.FAIL) if a.item_id == "PE-01" else a for a in answers]
    with pytest.raises(ReviewNotFinishable, match="PE-01"):
        check_finishable(CHECKLIST, failed, [])
    check_finishable(CHECKLIST, failed, [_rect("PE-01", date(2027, 1, 31))])
    na = [ItemAnswer(a.item_id, ItemResult.NA) if a.item_id == "PE-04" else a for a in answers]
    with pytest.raises(ReviewNotFinishable, match="PE-04"):
        check_finishable(CHECKLIST, na, [])


def test_next_review_due_after_the_interval() -> None:
    assert next_review_due(date(2026, 8, 31), 6, date(2026, 12, 1)) == date(2027, 2, 28)
    assert next_review_due(None, 6, date(2026, 12, 1)) == date(2026, 12, 1)


def test_overdue_is_open_and_past_its_due_date() -> None:
    due = date(2027, 1, 31)
    assert not is_overdue(_rect("X", due), date(2027, 1, 31))  # the due date itself is in time
    assert is_overdue(_rect("X", due), date(2027, 2, 1))
    assert not is_overdue(_rect("X", due, RectificationState.CLOSED), date(2027, 3, 1))
