"""The bundled training content: every module and question valid, both languages, explanations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.domain.training_content import (
    TrainingContentError,
    TrainingSet,
    parse_training_module,
)
from desktop_app.store.training_content import TRAINING_DIR, load_training_set, training_versions

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module", params=training_versions())
def training_set(request: pytest.FixtureRequest) -> TrainingSet:
    return load_training_set(request.param)


def test_newest_version_is_loaded_by_default() -> None:
    assert load_training_set().version == training_versions()[-1]


def test_every_version_loads(training_set: TrainingSet) -> None:
    assert training_set.modules


def test_modules_have_real_texts_in_both_languages(training_set: TrainingSet) -> None:
    for module in training_set.modules:
        chinese = len(CJK.findall(module.text_zh))
        assert 400 <= chinese <= 760, (module.id, chinese)
        assert len(module.text_en.split()) >= 200, module.id
        assert not CJK.search(module.text_en), module.id
        assert CJK.search(module.title_zh) and not CJK.search(module.title_en)
        assert 8 <= len(module.questions) <= 10, module.id


def test_every_question_is_complete(training_set: TrainingSet) -> None:
    texts: set[str] = set()
    for question in training_set.questions():
        assert question.id.startswith(question.module_id + "-")
        assert CJK.search(question.text_zh) and not CJK.search(question.text_en), question.id
        assert CJK.search(question.explanation_zh) and question.explanation_en, question.id
        assert not CJK.search(question.explanation_en), question.id
        assert question.correct and question.correct <= question.option_ids
        if question.kind == "single":
            assert len(question.correct) == 1
        else:
            assert len(question.correct) < len(question.options)
        for option in question.options:
            assert option.zh and option.en and not CJK.search(option.en), question.id
        assert question.text_zh not in texts and question.text_en not in texts
        texts.update((question.text_zh, question.text_en))


def test_banks_mix_single_and_multiple_choice(training_set: TrainingSet) -> None:
    for module in training_set.modules:
        kinds = {q.kind for q in module.questions}
        assert kinds == {"single", "multiple"}, module.id


def test_no_option_points_at_another_by_letter(training_set: TrainingSet) -> None:
    """Options are shuffled: "all of the above" / "A和B" would be wrong after shuffling."""
    pattern = re.compile(r"以上|above|[A-D]和[A-D]|both [a-d]\b", re.IGNORECASE)
    for question in training_set.questions():
        for option in question.options:
            assert not pattern.search(option.zh + option.en), question.id


def test_files_are_named_for_their_module() -> None:
    for version in training_versions():
        for path in sorted((TRAINING_DIR / version).glob("*.toml")):
            module = parse_training_module(path.read_text(encoding="utf-8"))
            assert path.stem.split("-", 1)[1] == module.id


GOOD = """
format = 1
id = "m"
title_zh = "标题"
title_en = "Title"
text_zh = "正文"
text_en = "Text"
[[questions]]
id = "m-1"
kind = "single"
text_zh = "问题"
text_en = "Question"
correct = ["a"]
explanation_zh = "解释"
explanation_en = "Why"
[[questions.options]]
id = "a"
zh = "甲"
en = "A"
[[questions.options]]
id = "b"
zh = "乙"
en = "B"
"""


def test_a_minimal_module_parses() -> None:
    module = parse_training_module(GOOD)
    assert module.questions[0].correct == frozenset({"a"})


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('correct = ["a"]', 'correct = ["a", "b"]', "exactly one"),
        ('correct = ["a"]', 'correct = ["z"]', "does not exist"),
        ('correct = ["a"]', "correct = []", "no correct option"),
        ('explanation_en = "Why"', "", "explanation_en is missing"),
        ('en = "B"', 'en = " "', "options[1].en is missing"),
        ('id = "b"', 'id = "a"', "duplicate option ids"),
        ('kind = "single"', 'kind = "essay"', "single or multiple"),
        ("format = 1", "format = 2", "format must be 1"),
        ('title_en = "Title"', 'title_en = "Title"\nextra = 1', "unknown key"),
    ],
)
def test_broken_modules_are_refused_in_both_languages(old: str, new: str, problem: str) -> None:
    with pytest.raises(TrainingContentError) as caught:
        parse_training_module(GOOD.replace(old, new, 1), source="x.toml")
    assert problem in caught.value.en
    assert "培训内容无效" in caught.value.zh


def test_duplicate_ids_across_modules_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "2030-01"
    folder.mkdir()
    (folder / "01-m.toml").write_text(GOOD, encoding="utf-8")
    (folder / "02-n.toml").write_text(GOOD.replace('id = "m"', 'id = "n"'), encoding="utf-8")
    with pytest.raises(TrainingContentError, match="duplicate question id m-1"):
        load_training_set("2030-01", tmp_path)


def test_unknown_version_and_empty_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TrainingContentError, match="No training content"):
        load_training_set(None, tmp_path)
    with pytest.raises(TrainingContentError, match="2030-01"):
        load_training_set("2030-01", tmp_path)


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "2030-01"
    folder.mkdir()
    (folder / "01-m.toml").write_bytes(GOOD.encode("gbk"))
    with pytest.raises(TrainingContentError, match="not UTF-8"):
        load_training_set(None, tmp_path)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_longest_option_is_no_clue(training_set: TrainingSet, language: str) -> None:
    """A bank where the right answer is usually the longest can be passed without reading it: at
    most 40% of single-choice questions may have their correct option as the longest."""
    singles = [q for q in training_set.questions() if q.kind == "single"]
    longest_right = [
        q.id for q in singles if max(q.options, key=lambda o: len(getattr(o, language))).id in q.correct
    ]
    assert len(longest_right) <= 0.4 * len(singles), longest_right
