"""The compliance self-review checklist: items with category, question, legal basis and evidence asked for.

Rule: the checklist is data shipped with the app (``resources/compliance/checklist-<version>.toml``,
format in resources/compliance/README.md), versioned like the privacy notices: a review records the
version it used and keeps answering against it, so a later checklist never changes a past review.
Items with an ``evaluator`` are judged by the app from its own records (services/compliance_evaluators.py);
the reviewer answers the rest. Reason: PIPL Art. 54 asks processors to audit their compliance
regularly; a fixed list with its legal basis makes two reviews comparable and shows HQ what was checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.errors import InvalidInput

FORMAT = 1
EVALUATORS: tuple[str, ...] = (
    "training_coverage",
    "current_notice",
    "sensitive_consent",
    "secure_keyring",
    "staff_passwords",
    "audit_chain",
    "retention_queue",
    "requests_overdue",
    "backup_recent",
    "restore_drill",
)
"""The evaluators the app knows (services/compliance_evaluators.py); a checklist naming another is refused."""

_TEXTS = ("question", "basis", "evidence")


@dataclass(frozen=True)
class Category:
    code: str
    zh: str
    en: str


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    category: str
    question_zh: str
    question_en: str
    basis_zh: str
    basis_en: str
    evidence_zh: str
    evidence_en: str
    evaluator: str | None = None

    @property
    def app_evaluated(self) -> bool:
        return self.evaluator is not None


@dataclass(frozen=True)
class Checklist:
    version: str
    title_zh: str
    title_en: str
    categories: tuple[Category, ...]
    items: tuple[ChecklistItem, ...]

    def item(self, item_id: str) -> ChecklistItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise InvalidInput(
            f"自查清单 {self.version} 中没有检查项 {item_id}。",
            f"Checklist {self.version} has no item {item_id}.",
        )

    def category(self, code: str) -> Category:
        for category in self.categories:
            if category.code == code:
                return category
        raise InvalidInput(f"未知的检查类别 {code}。", f"Unknown category {code}.")

    def by_category(self) -> list[tuple[Category, list[ChecklistItem]]]:
        """The items grouped by category, in the checklist's order."""
        return [(c, [i for i in self.items if i.category == c.code]) for c in self.categories]


def _bad(version: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(f"自查清单 {version} 格式有误：{zh}", f"Checklist {version} is malformed: {en}")


def _text(data: Mapping[str, Any], key: str, version: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _bad(version, f"缺少 {key}。", f"{key} is missing or blank.")
    return value.strip()


def parse_checklist(data: Mapping[str, Any]) -> Checklist:
    """A checklist from its parsed TOML; InvalidInput names what is wrong (unknown keys refused)."""
    version = str(data.get("version", "?"))
    if data.get("format") != FORMAT:
        raise _bad(version, f"format 必须为 {FORMAT}。", f"format must be {FORMAT}.")
    unknown = set(data) - {"format", "version", "title_zh", "title_en", "categories", "items"}
    if unknown:
        raise _bad(version, f"未知的键 {sorted(unknown)}。", f"unknown keys {sorted(unknown)}.")
    raw_categories = data.get("categories")
    if not isinstance(raw_categories, Mapping) or not isinstance(raw_categories.get("order"), list):
        raise _bad(version, "缺少 [categories] 及其 order。", "[categories] with its order is missing.")
    categories = []
    for code in raw_categories["order"]:
        entry = raw_categories.get(code)
        if not isinstance(entry, Mapping):
            raise _bad(version, f"类别 {code} 没有名称。", f"category {code} has no labels.")
        categories.append(Category(str(code), _text(entry, "zh", version), _text(entry, "en", version)))
    known = {c.code for c in categories}
    items: list[ChecklistItem] = []
    seen: set[str] = set()
    for raw in data.get("items") or []:
        if not isinstance(raw, Mapping):
            raise _bad(version, "检查项格式错误。", "an item is not a table.")
        allowed = {"id", "category", "evaluator"} | {f"{t}_{lang}" for t in _TEXTS for lang in ("zh", "en")}
        extra = set(raw) - allowed
        item_id = _text(raw, "id", version)
        if extra:
            raise _bad(
                version,
                f"检查项 {item_id} 有未知的键 {sorted(extra)}。",
                f"item {item_id} has unknown keys {sorted(extra)}.",
            )
        if item_id in seen:
            raise _bad(version, f"检查项编号 {item_id} 重复。", f"item id {item_id} is repeated.")
        seen.add(item_id)
        category = _text(raw, "category", version)
        if category not in known:
            raise _bad(
                version,
                f"检查项 {item_id} 的类别 {category} 未定义。",
                f"item {item_id} names an undefined category {category}.",
            )
        evaluator = raw.get("evaluator")
        if evaluator is not None and evaluator not in EVALUATORS:
            raise _bad(
                version,
                f"检查项 {item_id} 的评估器 {evaluator} 未知。",
                f"item {item_id} names an unknown evaluator {evaluator}.",
            )
        items.append(
            ChecklistItem(
                id=item_id,
                category=category,
                question_zh=_text(raw, "question_zh", version),
                question_en=_text(raw, "question_en", version),
                basis_zh=_text(raw, "basis_zh", version),
                basis_en=_text(raw, "basis_en", version),
                evidence_zh=_text(raw, "evidence_zh", version),
                evidence_en=_text(raw, "evidence_en", version),
                evaluator=None if evaluator is None else str(evaluator),
            )
        )
    if not items:
        raise _bad(version, "没有检查项。", "there are no items.")
    return Checklist(
        version=_text(data, "version", version),
        title_zh=_text(data, "title_zh", version),
        title_en=_text(data, "title_en", version),
        categories=tuple(categories),
        items=tuple(items),
    )
