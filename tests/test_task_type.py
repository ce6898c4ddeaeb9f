"""The CRM task type counts: the verdict is on what the manager sees, the type beside the text."""

from __future__ import annotations

import pytest

import taskqual


def test_a_call_with_a_bare_company_is_vague_with_a_hint_about_the_call():
    assert taskqual.classify("ООО Ромашка").label == "company_only"
    v = taskqual.classify("ООО Ромашка", task_type="Звонок")
    assert v.label == "vague"
    assert "звон" in v.hint.lower()  # the hint is about what to get from the call
    assert v.company == "ООО Ромашка"


def test_a_meeting_and_a_letter_get_their_own_hints():
    assert "встреч" in taskqual.classify("Ромашка", task_type="Встреча").hint.lower()
    assert "звон" not in taskqual.classify("ООО Вектор", task_type="Письмо").hint.lower()


def test_a_type_with_an_empty_text_is_judged_as_the_action_it_stands_for():
    v = taskqual.classify("", task_type="Звонок")
    assert v.label == "vague" and "звон" in v.hint.lower()
    with pytest.raises(taskqual.EmptyTaskError):
        taskqual.classify("")
    with pytest.raises(taskqual.EmptyTaskError):
        taskqual.classify("  ", task_type="  ")  # a type with no words is no type


def test_a_concrete_text_stays_concrete_with_its_type():
    text = "Ромашка — получить решение об оплате счёта №418 до пятницы"
    assert taskqual.classify(text, task_type="Звонок").label == "concrete"


def test_a_custom_type_is_read_like_the_start_of_the_task():
    assert taskqual.classify("Ромашка", task_type="Отправить КП").label == "concrete"


def test_without_a_type_nothing_changes():
    for text in ("перезвонить Ромашке", "ООО «Вектор»", "сделать презентацию"):
        assert taskqual.classify(text, task_type=None) == taskqual.classify(text)


def test_classify_many_takes_one_type_per_text_and_matches_classify():
    texts = ["ООО Ромашка", "ООО Ромашка", "", ""]
    types = ["Звонок", None, "Встреча", None]
    verdicts = taskqual.classify_many(texts, task_types=types)
    for text, kind, v in zip(texts[:3], types[:3], verdicts[:3]):
        assert v.scores == taskqual.classify(text, task_type=kind).scores
    assert verdicts[3].error.startswith("EmptyTaskError")


def test_bad_types_are_refused_clearly():
    with pytest.raises(ValueError, match="task_types has 1 entries for 2 texts"):
        taskqual.classify_many(["a", "b"], task_types=["Звонок"])
    with pytest.raises(TypeError, match="one type per text"):
        taskqual.classify_many(["a"], task_types="Звонок")
    with pytest.raises(TypeError, match="task type must be str"):
        taskqual.classify("ООО Ромашка", task_type=1)
    with pytest.raises(ValueError, match="at most 100"):
        taskqual.classify("ООО Ромашка", task_type="З" * 101)
    assert taskqual.classify_many(["ООО Ромашка"], task_types=[1])[0].error.startswith("TypeError")
