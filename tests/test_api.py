"""The public API as a user meets it: classify, classify_many, Verdict."""

from __future__ import annotations

import json

import numpy as np
import pytest

import taskqual
from taskqual import LABELS, Verdict


def test_labels_are_the_four_of_the_guide():
    assert taskqual.LABELS == ("concrete", "vague", "company_only", "delegable")


def test_classify_a_concrete_task():
    v = taskqual.classify("Ромашка — получить решение об оплате счёта №418 до пятницы")
    assert isinstance(v, Verdict)
    assert v.label == "concrete" and v.is_concrete
    assert v.missing == ()
    assert v.error is None
    assert v.model_version == taskqual.default_model().version


@pytest.mark.parametrize(
    "text, label",
    [
        ("ООО «Ромашка»", "company_only"),
        ("позвонить", "vague"),
        ("сделать презентацию для Вектора", "delegable"),
        ("выставить счёт на 50% предоплаты", "concrete"),
    ],
)
def test_each_label_on_a_textbook_case(text, label):
    assert taskqual.classify(text).label == label


def test_verdict_fields_make_sense():
    v = taskqual.classify("перезвонить Ромашке")
    assert v.label in LABELS
    assert set(v.scores) == set(LABELS)
    assert sum(v.scores.values()) == pytest.approx(1.0)
    assert v.confidence == max(v.scores.values())
    assert set(v.missing) <= {"action", "result", "deadline"}
    assert "result" in v.missing and "deadline" in v.missing
    assert v.hint and any("а" <= c <= "я" for c in v.hint.lower())


def test_verdict_is_json_serialisable_and_frozen():
    v = taskqual.classify("отправить КП до пятницы")
    d = json.loads(v.to_json())
    assert d["label"] == "concrete" and d["is_concrete"] is True
    assert d["missing"] == []
    with pytest.raises(AttributeError):
        v.label = "vague"  # type: ignore[misc]


def test_hint_names_the_company_it_found():
    v = taskqual.classify('ООО "Вектор-Трейд"')
    assert v.label == "company_only"
    assert "Вектор-Трейд" in v.hint
    assert v.missing == ("action", "result", "deadline")


@pytest.mark.parametrize(
    "text",
    [
        "счёт для ООО «Надёжный» №40",
        "позвонить в ТД Альянс, уточнить по КП",
        "Северсталь-Трейд отправить договор до 15.03",
        "перезвонить Ивану Петровичу",
        "подготовить отчёт по продажам",
    ],
)
@pytest.mark.parametrize("task_type", [None, "Звонок"])
def test_the_company_of_a_verdict_is_the_one_company_in_finds(text, task_type):
    # the verdict renders the span its analysis located; company_in searches the text on its own
    from taskqual.companies import company_in
    from taskqual.features import analyze
    from taskqual.task_type import typed_text

    analysis = analyze(typed_text(text, task_type) if task_type else text)
    v = taskqual.classify(text, task_type=task_type)
    assert v.company == company_in(text, analysis.normalized)


def test_delegable_hint_says_whom_to_hand_it_to():
    assert "дизайнер" in taskqual.classify("нарисовать макет баннера для выставки").hint
    assert "курьер" in taskqual.classify("отвезти оригиналы договора курьером").hint


def test_deadline_is_informational_only():
    with_date = taskqual.classify("согласовать спецификацию с главным инженером до 15.03")
    without = taskqual.classify("согласовать спецификацию с главным инженером")
    assert with_date.label == without.label == "concrete"
    assert "deadline" not in with_date.missing and "deadline" in without.missing


def test_classify_many_keeps_every_row_in_order():
    texts = ["отправить КП", "", None, "ООО Ромашка", "x" * (taskqual.MAX_TEXT_LENGTH + 1), "позвонить"]
    verdicts = taskqual.classify_many(texts)
    assert len(verdicts) == len(texts)
    assert [v.label for v in verdicts] == ["concrete", None, None, "company_only", None, "vague"]
    assert "EmptyTaskError" in verdicts[1].error
    assert "TypeError" in verdicts[2].error and "NoneType" in verdicts[2].error
    assert "TaskTooLongError" in verdicts[4].error


def test_classify_many_can_raise_instead():
    with pytest.raises(taskqual.EmptyTaskError, match="item 1"):
        taskqual.classify_many(["отправить КП", "   "], errors="raise")


def test_classify_many_refuses_a_single_string():
    with pytest.raises(TypeError, match="not one string"):
        taskqual.classify_many("отправить КП")


def test_single_text_path_gives_exactly_the_batch_scores():
    texts = [
        "отправить КП",
        "ООО Ромашка",
        "позвонить Иванову",
        "распечатать договор",
        "Открытие",
        "yfgbcfnm rg",
        "🔥 дожать до оплаты до пт!!!",
    ]
    batch = taskqual.classify_many(texts)
    for text, b in zip(texts, batch):
        assert taskqual.classify(text).scores == b.scores  # bit-for-bit, not approx


@pytest.mark.slow
def test_lean_path_agrees_with_the_sklearn_estimator(model):
    texts = ["отправить КП", "ООО Ромашка", "позвонить Иванову", "распечатать договор", "тендер Роснефти"]
    proba = model.estimator.predict_proba(texts)
    classes = list(model.estimator.classes_)
    for row, v in zip(proba, taskqual.classify_many(texts)):
        np.testing.assert_allclose([v.scores[c] for c in classes], row, rtol=0, atol=1e-12)


def test_model_can_be_passed_explicitly(model):
    assert taskqual.classify("позвонить", model=model).label == "vague"


@pytest.mark.slow
def test_parallel_batch_gives_the_same_verdicts_in_order():
    from taskqual.api import BATCH_CHUNK

    texts = [f"отправить КП №{i}" if i % 3 else f"ООО Вектор-{i}" for i in range(BATCH_CHUNK + 500)]
    texts[7] = ""
    serial = taskqual.classify_many(texts)
    parallel = taskqual.classify_many(texts, n_jobs=2)
    assert parallel == serial
    assert parallel[7].error and parallel[8].label == "concrete"


@pytest.mark.slow
def test_parallel_batch_with_a_loaded_model_file(model_copy):
    from taskqual.api import BATCH_CHUNK

    m = taskqual.Model.load(model_copy)
    texts = ["позвонить"] * (BATCH_CHUNK + 1)
    assert [v.label for v in m.classify_many(texts, n_jobs=2)] == ["vague"] * len(texts)


@pytest.mark.slow
def test_a_model_fitted_in_process_gives_verdicts(small_classifier):
    m = taskqual.Model.from_estimator(small_classifier)
    v = m.classify("ООО Вектор")
    assert v.label == small_classifier.predict(["ООО Вектор"])[0]
    assert v.model_version == "unversioned"
