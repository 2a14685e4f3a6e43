"""Privacy training content: modules to read and their question banks, parsed and validated.

Rule: every text staff read or answer is present in Chinese and English; every module and question
id is unique within a published set; a question has at least two options with unique ids, at least
one correct option that exists, and a single-choice question exactly one; every question explains
its answer. ``parse_training_module`` refuses anything else with one bilingual TrainingContentError
naming every problem, so a broken file never reaches a quiz.
Reason: a quiz marked against a wrong key, or a question shown in one language only, would record
training that did not happen. Legal basis: PIPL Art. 51(4) — processors train the staff who handle
personal information regularly (GB/T 35273-2020 §11.6: at least once a year).

Format (one TOML text per module): resources/training/README.md. Plain Python: no I/O.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from desktop_app.domain.errors import InvalidInput

FORMAT = 1
MAX_MODULE_CHARS = 200_000
MAX_PROBLEMS_SHOWN = 12
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
OPTION_ID_PATTERN = re.compile(r"[a-z]")
MIN_OPTIONS = 2
MAX_OPTIONS = 8
QuestionKind = Literal["single", "multiple"]
KINDS: tuple[QuestionKind, ...] = ("single", "multiple")


class TrainingContentError(InvalidInput):
    code = "training_content_invalid"


@dataclass(frozen=True)
class Option:
    id: str
    zh: str
    en: str

    def text(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


@dataclass(frozen=True)
class Question:
    id: str
    module_id: str
    kind: QuestionKind
    text_zh: str
    text_en: str
    options: tuple[Option, ...]
    correct: frozenset[str]
    explanation_zh: str
    explanation_en: str

    def text(self, language: str) -> str:
        return self.text_zh if language.startswith("zh") else self.text_en

    def explanation(self, language: str) -> str:
        return self.explanation_zh if language.startswith("zh") else self.explanation_en

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    @property
    def option_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options)


@dataclass(frozen=True)
class TrainingModule:
    id: str
    title_zh: str
    title_en: str
    text_zh: str
    text_en: str
    questions: tuple[Question, ...]

    def title(self, language: str) -> str:
        return self.title_zh if language.startswith("zh") else self.title_en

    def text(self, language: str) -> str:
        return self.text_zh if language.startswith("zh") else self.text_en


@dataclass(frozen=True)
class TrainingSet:
    """One published version of the training (its folder name), modules in reading order."""

    version: str
    modules: tuple[TrainingModule, ...]

    def module(self, module_id: str) -> TrainingModule:
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for m in self.modules for q in m.questions)

    def question(self, question_id: str) -> Question:
        for question in self.questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)


class _Problems:
    def __init__(self, where_zh: str, where_en: str) -> None:
        self.where_zh = where_zh
        self.where_en = where_en
        self.zh: list[str] = []
        self.en: list[str] = []

    def add(self, zh: str, en: str) -> None:
        self.zh.append(zh)
        self.en.append(en)

    def raise_if_any(self) -> None:
        if not self.zh:
            return
        more = len(self.zh) - MAX_PROBLEMS_SHOWN
        zh = self.zh[:MAX_PROBLEMS_SHOWN] + ([f"另有 {more} 处问题"] if more > 0 else [])
        en = self.en[:MAX_PROBLEMS_SHOWN] + ([f"{more} more problems"] if more > 0 else [])
        raise TrainingContentError(
            f"培训内容无效（{self.where_zh}）：" + "；".join(zh) + "。",
            f"The training content is invalid ({self.where_en}): " + "; ".join(en) + ".",
        )


def _text(table: Mapping[str, Any], key: str, path: str, problems: _Problems) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.add(f"缺少 {path}.{key} 或为空", f"{path}.{key} is missing or blank")
        return ""
    return value.strip().replace("\r\n", "\n")


def _unexpected(table: Mapping[str, Any], allowed: set[str], path: str, problems: _Problems) -> None:
    for key in sorted(set(table) - allowed):
        problems.add(f"未知的键 {path}.{key}", f"unknown key {path}.{key}")


def _id(table: Mapping[str, Any], path: str, problems: _Problems, pattern: re.Pattern[str]) -> str:
    value = table.get("id")
    if not isinstance(value, str) or not pattern.fullmatch(value):
        problems.add(
            f"{path}.id 缺失或格式不对（{pattern.pattern}）",
            f"{path}.id is missing or malformed ({pattern.pattern})",
        )
        return ""
    return value


def _option(table: object, path: str, problems: _Problems) -> Option | None:
    if not isinstance(table, dict):
        problems.add(f"{path} 不是表", f"{path} is not a table")
        return None
    _unexpected(table, {"id", "zh", "en"}, path, problems)
    return Option(
        _id(table, path, problems, OPTION_ID_PATTERN),
        _text(table, "zh", path, problems),
        _text(table, "en", path, problems),
    )


_QUESTION_KEYS = {
    "id",
    "kind",
    "text_zh",
    "text_en",
    "options",
    "correct",
    "explanation_zh",
    "explanation_en",
}


def _question(table: object, module_id: str, path: str, problems: _Problems) -> Question | None:
    if not isinstance(table, dict):
        problems.add(f"{path} 不是表", f"{path} is not a table")
        return None
    _unexpected(table, _QUESTION_KEYS, path, problems)
    qid = _id(table, path, problems, ID_PATTERN)
    path = f"questions[{qid}]" if qid else path
    kind = table.get("kind")
    if kind not in KINDS:
        problems.add(f"{path}.kind 必须是 single 或 multiple", f"{path}.kind must be single or multiple")
    raw_options = table.get("options")
    options: list[Option] = []
    if not isinstance(raw_options, list):
        problems.add(f"{path} 没有选项", f"{path} has no options")
    else:
        for n, raw in enumerate(raw_options):
            option = _option(raw, f"{path}.options[{n}]", problems)
            if option is not None:
                options.append(option)
    ids = [o.id for o in options if o.id]
    if len(ids) != len(set(ids)):
        problems.add(f"{path} 的选项编号重复", f"{path} has duplicate option ids")
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        problems.add(
            f"{path} 应有 {MIN_OPTIONS}–{MAX_OPTIONS} 个选项",
            f"{path} needs {MIN_OPTIONS} to {MAX_OPTIONS} options",
        )
    for field in ("zh", "en"):
        texts = [getattr(o, field) for o in options]
        if len(texts) != len(set(texts)):
            problems.add(f"{path} 有相同的选项文字（{field}）", f"{path} has two identical options ({field})")
    raw_correct = table.get("correct")
    correct: frozenset[str] = frozenset()
    if not isinstance(raw_correct, list) or not all(isinstance(c, str) for c in raw_correct):
        problems.add(f"{path}.correct 必须是选项编号列表", f"{path}.correct must be a list of option ids")
    else:
        correct = frozenset(raw_correct)
        if not correct:
            problems.add(f"{path} 没有正确选项", f"{path} has no correct option")
        for unknown in sorted(correct - set(ids)):
            problems.add(
                f"{path} 的正确选项 {unknown} 不存在", f"{path}: correct option {unknown} does not exist"
            )
        if kind == "single" and len(correct) != 1:
            problems.add(
                f"{path} 是单选题，必须恰有一个正确选项",
                f"{path} is single choice: exactly one correct option",
            )
        if kind == "multiple" and len(correct) == len(ids) and ids:
            problems.add(
                f"{path}：多选题不能所有选项都正确",
                f"{path}: not every option of a multiple choice may be correct",
            )
    return Question(
        id=qid,
        module_id=module_id,
        kind=kind if kind in KINDS else "single",
        text_zh=_text(table, "text_zh", path, problems),
        text_en=_text(table, "text_en", path, problems),
        options=tuple(options),
        correct=correct,
        explanation_zh=_text(table, "explanation_zh", path, problems),
        explanation_en=_text(table, "explanation_en", path, problems),
    )


def parse_training_module(text: str, *, source: str = "") -> TrainingModule:
    """One module file's text, validated; TrainingContentError lists every problem."""
    problems = _Problems(source or "模块", source or "module")
    if len(text) > MAX_MODULE_CHARS:
        problems.add("文件过大", "the file is too large")
        problems.raise_if_any()
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.add(f"TOML 格式错误：{exc}", f"TOML syntax error: {exc}")
        problems.raise_if_any()
        raise  # unreachable: raise_if_any raised
    _unexpected(
        table, {"format", "id", "title_zh", "title_en", "text_zh", "text_en", "questions"}, "", problems
    )
    if table.get("format") != FORMAT:
        problems.add(f"format 必须为 {FORMAT}", f"format must be {FORMAT}")
    module_id = _id(table, "module", problems, ID_PATTERN)
    raw_questions = table.get("questions")
    questions: list[Question] = []
    if not isinstance(raw_questions, list) or not raw_questions:
        problems.add("模块没有题目", "the module has no questions")
    else:
        for n, raw in enumerate(raw_questions):
            question = _question(raw, module_id, f"questions[{n}]", problems)
            if question is not None:
                questions.append(question)
    module = TrainingModule(
        id=module_id,
        title_zh=_text(table, "title_zh", "module", problems),
        title_en=_text(table, "title_en", "module", problems),
        text_zh=_text(table, "text_zh", "module", problems),
        text_en=_text(table, "text_en", "module", problems),
        questions=tuple(questions),
    )
    _check_unique_questions(module.questions, problems)
    problems.raise_if_any()
    return module


def _check_unique_questions(questions: Sequence[Question], problems: _Problems) -> None:
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()
    for question in questions:
        if question.id and question.id in seen_ids:
            problems.add(f"题目编号 {question.id} 重复", f"duplicate question id {question.id}")
        seen_ids.add(question.id)
        for text in (question.text_zh, question.text_en):
            if text and text in seen_texts:
                problems.add(
                    f"题目 {question.id} 的题干与另一题相同", f"question {question.id} repeats another's text"
                )
            seen_texts.add(text)


def build_training_set(version: str, modules: Sequence[TrainingModule]) -> TrainingSet:
    """A set of parsed modules: module ids and question ids unique across the whole set."""
    problems = _Problems(f"版本 {version}", f"version {version}")
    if not ID_PATTERN.fullmatch(version):
        problems.add("版本号格式不对", "the version name is malformed")
    if not modules:
        problems.add("没有任何培训模块", "there are no training modules")
    module_ids = [m.id for m in modules]
    for duplicate in sorted({i for i in module_ids if module_ids.count(i) > 1}):
        problems.add(f"模块编号 {duplicate} 重复", f"duplicate module id {duplicate}")
    _check_unique_questions([q for m in modules for q in m.questions], problems)
    problems.raise_if_any()
    return TrainingSet(version=version, modules=tuple(modules))
