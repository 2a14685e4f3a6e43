"""The triggers that make a finished access review immutable (migration 22), for the trigger check.

Rule: access reviews and their items are never deleted; once a review is finished, neither its row
nor its items change and no item is added. Reason: the review is the evidence that privileges were
reviewed (GB/T 22239-2019 8.1.4.2); anyone holding a database key could otherwise rewrite who kept
what. The migration creates them with the same text; store/append_only_triggers.py includes them,
so a dropped or altered one is found and re-created at sign-in (audited ``audit.triggers_restored``).
"""

from __future__ import annotations

_FINISHED = "'a finished access review is immutable'"
_REVIEW_OF_OLD = "(SELECT finished_at FROM access_reviews WHERE id = OLD.review_id) IS NOT NULL"
_REVIEW_OF_NEW = "(SELECT finished_at FROM access_reviews WHERE id = NEW.review_id) IS NOT NULL"


def _trigger(name: str, when: str, table: str, condition: str, message: str) -> str:
    where = f" WHEN {condition}" if condition else ""
    return f"CREATE TRIGGER {name} BEFORE {when} ON {table}{where} BEGIN SELECT RAISE(ABORT, {message}); END"


_DEFINITIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("access_reviews_no_delete", "DELETE", "access_reviews", "", "'access reviews are never deleted'"),
    ("access_reviews_finished_fixed", "UPDATE", "access_reviews", "OLD.finished_at IS NOT NULL", _FINISHED),
    (
        "access_review_items_no_delete",
        "DELETE",
        "access_review_items",
        "",
        "'access review items are never deleted'",
    ),
    ("access_review_items_finished_fixed", "UPDATE", "access_review_items", _REVIEW_OF_OLD, _FINISHED),
    ("access_review_items_finished_insert", "INSERT", "access_review_items", _REVIEW_OF_NEW, _FINISHED),
)

# trigger name -> (table, CREATE statement exactly as migration 22 wrote it, whitespace aside)
ACCESS_REVIEW_TRIGGERS: dict[str, tuple[str, str]] = {
    name: (table, _trigger(name, when, table, condition, message))
    for name, when, table, condition, message in _DEFINITIONS
}
