"""The triggers that make a finished compliance review immutable (migration 15), for the trigger check.

Rule: once a review is finished, its row, its answers and its rectifications' findings never
change; a rectification is only closed (state, who, when, note), once. Reviews and answers are never
deleted; a rectification may be withdrawn only while its review is a draft. Reason: the review is
evidence for HQ's compliance visit (PIPL Art. 54); anyone holding a database key could otherwise
improve last half-year's score with sqlcipher3. The migration creates them with the same text;
store/append_only_triggers.py includes them, so a dropped or altered one is found and re-created at
sign-in and by ``audit verify`` (audited ``audit.triggers_restored``).
"""

from __future__ import annotations

_FINISHED = "'a finished compliance review is immutable'"
_REVIEW_OF_OLD = "(SELECT state FROM compliance_reviews WHERE id = OLD.review_id) = 'finished'"
_REVIEW_OF_NEW = "(SELECT state FROM compliance_reviews WHERE id = NEW.review_id) = 'finished'"


def _trigger(name: str, when: str, table: str, condition: str, message: str = _FINISHED) -> str:
    where = f" WHEN {condition}" if condition else ""
    return f"CREATE TRIGGER {name} BEFORE {when} ON {table}{where} BEGIN SELECT RAISE(ABORT, {message}); END"


_DEFINITIONS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "compliance_reviews_no_delete",
        "DELETE",
        "compliance_reviews",
        "",
        "'compliance reviews are never deleted'",
    ),
    (
        "compliance_reviews_finished_fixed",
        "UPDATE",
        "compliance_reviews",
        "OLD.state = 'finished'",
        _FINISHED,
    ),
    (
        "compliance_review_items_no_delete",
        "DELETE",
        "compliance_review_items",
        "",
        "'review answers are never deleted'",
    ),
    (
        "compliance_review_items_finished_fixed",
        "UPDATE",
        "compliance_review_items",
        _REVIEW_OF_OLD,
        _FINISHED,
    ),
    (
        "compliance_review_items_finished_insert",
        "INSERT",
        "compliance_review_items",
        _REVIEW_OF_NEW,
        _FINISHED,
    ),
    ("rectifications_finished_delete", "DELETE", "rectifications", _REVIEW_OF_OLD, _FINISHED),
    ("rectifications_finished_insert", "INSERT", "rectifications", _REVIEW_OF_NEW, _FINISHED),
    (
        "rectifications_closed_fixed",
        "UPDATE",
        "rectifications",
        "OLD.state = 'closed'",
        "'a closed rectification never changes'",
    ),
    (
        "rectifications_finding_fixed",
        "UPDATE",
        "rectifications",
        f"{_REVIEW_OF_OLD} AND (NEW.review_id IS NOT OLD.review_id OR NEW.item_id IS NOT OLD.item_id "
        "OR NEW.description IS NOT OLD.description OR NEW.owner_id IS NOT OLD.owner_id "
        "OR NEW.due_on IS NOT OLD.due_on OR NEW.opened_by IS NOT OLD.opened_by "
        "OR NEW.opened_at IS NOT OLD.opened_at)",
        _FINISHED,
    ),
)

# trigger name -> (table, CREATE statement exactly as migration 15 wrote it, whitespace aside)
COMPLIANCE_REVIEW_TRIGGERS: dict[str, tuple[str, str]] = {
    name: (table, _trigger(name, when, table, condition, message))
    for name, when, table, condition, message in _DEFINITIONS
}
