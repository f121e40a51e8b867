"""The lexicons on their own: every phrase MODELS.md names, and the negations it names."""

from __future__ import annotations

import pytest

from rightswatch.engine.lexicon import lexicon

JOBS = lexicon("recruitment_gender")


@pytest.mark.parametrize("text, category", [
    ("限男", "gender"), ("限男性", "gender"), ("仅限男性", "gender"), ("只招男", "gender"), ("仅招男", "gender"),
    ("男性优先", "gender"), ("男士优先", "gender"), ("男生优先", "gender"), ("性别：男", "gender"),
    ("已婚已育", "marriage"), ("未婚", "marriage"), ("婚育情况", "marriage"), ("3年内不生育", "marriage"),
    ("两年内不得生育", "marriage"), ("不得生育", "marriage"),
    ("孕检", "pregnancy"), ("妊娠检查", "pregnancy"),
])
def test_named_phrases_match(text, category):
    assert category in JOBS.find(f"招聘启事：{text}，待遇面议")


@pytest.mark.parametrize("text", [
    "男女不限", "性别不限", "不限性别", "不限男女", "不问婚育情况", "无需孕检", "性别：男女不限",
])
def test_neutral_and_negated_phrases_do_not_match(text):
    assert JOBS.find(f"招聘启事：{text}，待遇面议") == {}


def test_exempt_titles():
    assert JOBS.is_exempt("矿山井下作业工") and not JOBS.is_exempt("行政文员")


@pytest.mark.parametrize("text, hit", [
    ("早孕", True), ("孕8周，药物流产", True), ("足月分娩", True), ("引产术后", True), ("怀孕20周", True),
    ("未见妊娠", False), ("排除妊娠", False), ("妊娠试验阴性", False), ("无流产史", False), ("腹痛", False),
])
def test_pregnancy_texts(text, hit):
    assert bool(lexicon("pregnancy").find(text)) is hit


def test_every_entry_has_an_example_that_matches():
    for name in ("recruitment_gender", "pregnancy"):
        lex = lexicon(name)
        for entry in lex.entries:
            assert entry.example and lex.category_pattern(entry.category)


@pytest.mark.parametrize("text, categories", [
    ("疑似性侵", {"sexual"}), ("会阴部撕裂伤", {"genital"}), ("乳房挫伤", {"genital"}), ("多处烟头烫伤", {"burn"}),
    ("手套状烫伤", {"burn"}), ("左股骨骨折", {"fracture"}),
    ("开水烫伤", set()), ("未见骨折", set()), ("无撕裂", set()), ("膝部挫伤", set()),
])
def test_suspicious_injury_lexicon(text, categories):
    assert set(lexicon("suspicious_injury").find(text)) == categories
